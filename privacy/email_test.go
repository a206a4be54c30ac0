package privacy

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseEmailValid(t *testing.T) {
	tests := []struct {
		in, clear, masked string
	}{
		{"anna@example.se", "anna@example.se", "a***@***.se"},
		{"  Anna.Andersson@Example.SE ", "Anna.Andersson@example.se", "A***@***.se"},
		{"a@b.co", "a@b.co", "a***@***.co"},
		{"first.last+tag@mail.sub-domain.example.com", "first.last+tag@mail.sub-domain.example.com", "f***@***.com"},
		{"!#$%&'*+-/=?^_`{|}~@x.se", "!#$%&'*+-/=?^_`{|}~@x.se", "!***@***.se"},
		{"x@xn--rksmrgs-5wao1o.se", "x@xn--rksmrgs-5wao1o.se", "x***@***.se"},
		{strings.Repeat("a", 64) + "@example.se", strings.Repeat("a", 64) + "@example.se", "a***@***.se"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			e, err := ParseEmail(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.clear, e.Reveal())
			assert.Equal(t, tc.masked, e.String())
			again, err := ParseEmail(e.Reveal())
			require.NoError(t, err)
			assert.True(t, e == again)
			assert.True(t, cmp.Equal(e, again))
		})
	}
}

func TestParseEmailInvalid(t *testing.T) {
	long := strings.Repeat("a", 63)
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"   ", ErrEmpty},
		{strings.Repeat("a", 65) + "@example.se", ErrLength},
		{"a@" + long + "." + long + "." + long + "." + long + ".se", ErrLength},
		{strings.Repeat(" ", 2000), ErrLength},
		{"anna", ErrSyntax},
		{"anna@", ErrSyntax},
		{"@example.se", ErrSyntax},
		{"anna@example", ErrSyntax}, // no dot
		{"anna@@example.se", ErrSyntax},
		{"an@na@example.se", ErrSyntax},
		{".anna@example.se", ErrSyntax},
		{"anna.@example.se", ErrSyntax},
		{"an..na@example.se", ErrSyntax},
		{"an na@example.se", ErrSyntax},
		{`"anna"@example.se`, ErrSyntax},
		{"Anna <anna@example.se>", ErrSyntax},
		{"anna@-example.se", ErrSyntax},
		{"anna@example-.se", ErrSyntax},
		{"anna@example..se", ErrSyntax},
		{"anna@example.se.", ErrSyntax},
		{"anna@.example.se", ErrSyntax},
		{"anna@exa_mple.se", ErrSyntax},
		{"anna@192.168.0.1", ErrSyntax},
		{"anna@[192.168.0.1]", ErrSyntax},
		{"åsa@example.se", ErrSyntax},
		{"anna@exämple.se", ErrSyntax},
		{"anna@" + strings.Repeat("a", 64) + ".se", ErrSyntax},
		{"anna\x00@example.se", ErrSyntax},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			e, err := ParseEmail(tc.in)
			require.ErrorIs(t, err, tc.want)
			assert.True(t, e.IsZero())
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Same(t, KindEmail, pe.Kind)
			assert.Equal(t, "email address", pe.Kind.String())
		})
	}
}

func TestEmailUnmarshal(t *testing.T) {
	var e Email
	require.NoError(t, json.Unmarshal([]byte(`"a*b@example.se"`), &e), "'*' is valid atext")
	assert.Equal(t, "a*b@example.se", e.Reveal())
	require.ErrorIs(t, json.Unmarshal([]byte(`"a***@***.se"`), &e), ErrMasked)
	require.ErrorIs(t, e.UnmarshalText([]byte("nope")), ErrSyntax)
	require.NoError(t, e.UnmarshalText(nil))
	assert.True(t, e.IsZero())
}
