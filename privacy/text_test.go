package privacy

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestText(t *testing.T) {
	tests := []struct{ in, clear, masked string }{
		{"Anna Andersson", "Anna Andersson", "***"},
		{"  Storgatan 1\n", "Storgatan 1", "***"},
		{"Å", "Å", "***"},
		{"", "", ""},
		{" \t ", "", ""},
		{"a*b", "a*b", "***"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			x := NewText(tc.in)
			assert.Equal(t, tc.clear, x.Reveal())
			assert.Equal(t, tc.masked, x.String())
			assert.Equal(t, tc.clear == "", x.IsZero())
			assert.True(t, x == NewText(tc.clear))
			assert.True(t, x.Equal(NewText(tc.clear)))
			assert.True(t, cmp.Equal(x, NewText(tc.clear)))
		})
	}
	assert.False(t, NewText("Anna").Equal(NewText("Anne")))
	assert.Equal(t, NewText("a").String(), NewText("a much longer name").String(), "length is not leaked")
}

func TestTextUnmarshal(t *testing.T) {
	var body struct{ Name Text }
	require.NoError(t, json.Unmarshal([]byte(`{"Name":" Anna "}`), &body))
	assert.Equal(t, "Anna", body.Name.Reveal())
	out, err := json.Marshal(body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Name":"***"}`, string(out))
	require.ErrorIs(t, json.Unmarshal(out, &body), ErrMasked)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"Name":7}`), &body), ErrSyntax)

	var x Text
	require.NoError(t, x.UnmarshalText([]byte("5 * 3")))
	assert.Equal(t, "5 * 3", x.Reveal())
}
