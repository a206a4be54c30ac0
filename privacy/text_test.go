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

func TestCleanText(t *testing.T) {
	decomposed := "Ha\u030akan" // "Håkan" with a + combining ring above
	tests := []struct {
		name      string
		in        string
		multiline bool
		want      string
		err       error
	}{
		{"plain", "Anna Andersson", false, "Anna Andersson", nil},
		{"trimmed", "  Storgatan 1 ", false, "Storgatan 1", nil},
		{"pasted trailing newline", "Storgatan 1\r\n", false, "Storgatan 1", nil},
		{"NFC", decomposed, false, "Håkan", nil},
		{"NFC multiline", "rad 1\n" + decomposed, true, "rad 1\nHåkan", nil},
		{"already NFC", "Åsa Öberg", false, "Åsa Öberg", nil},
		{"inner tab single-line", "a\tb", false, "", ErrControl},
		{"inner newline single-line", "a\nb", false, "", ErrControl},
		{"inner CR single-line", "a\rb", false, "", ErrControl},
		{"NUL", "An\x00na", false, "", ErrControl},
		{"NUL at the end", "Anna\x00", true, "", ErrControl},
		{"DEL", "An\x7fna", true, "", ErrControl},
		{"escape", "\x1b[31mröd", true, "", ErrControl},
		{"C1 NEL", "a\u0085b", true, "", ErrControl},
		{"C1 CSI", "a\u009bb", false, "", ErrControl},
		{"invalid UTF-8", "An\xffna", false, "", ErrEncoding},
		{"truncated UTF-8", "Anna \xc3", true, "", ErrEncoding},
		{"surrogate half", "a\xed\xa0\x80b", false, "", ErrEncoding},
		{"empty", "", false, "", ErrEmpty},
		{"blank", " \t\r\n ", true, "", ErrEmpty},
		{"tab and newline in multiline", "rad 1\n\trad 2", true, "rad 1\n\trad 2", nil},
		{"CRLF", "rad 1\r\nrad 2\r\n\r\nrad 4", true, "rad 1\nrad 2\n\nrad 4", nil},
		{"lone CR", "rad 1\rrad 2", true, "rad 1\nrad 2", nil},
		{"format characters kept", "a\u200bb", false, "a\u200bb", nil},
		{"U+2000 normalised at the end", "Anna\u2000", false, "Anna", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CleanText(tt.in, tt.multiline)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				var pe *ParseError
				require.ErrorAs(t, err, &pe)
				assert.Same(t, KindText, pe.Kind)
				assert.Empty(t, got)
				assert.Zero(t, testing.AllocsPerRun(10, func() { _, _ = CleanText(tt.in, tt.multiline) }), "errors allocate nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := CleanText(got, tt.multiline)
			require.NoError(t, err)
			assert.Equal(t, got, again, "idempotent")

			txt, err := ParseText(tt.in)
			if tt.multiline {
				txt, err = ParseMultilineText(tt.in)
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, txt.Reveal())
		})
	}
}

func TestCleanTextAllocatesOnlyWhenChanging(t *testing.T) {
	for _, s := range []string{"Anna Andersson", "  Åsa  ", "rad 1\nrad 2"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = CleanText(s, true) }), s)
	}
}

func TestParseTextErrors(t *testing.T) {
	_, err := ParseText("a\x00")
	require.ErrorIs(t, err, ErrControl)
	assert.Equal(t, "text: contains a control character that is not allowed", err.Error())
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Text: innehåller ett otillåtet styrtecken", pe.Swedish())
	_, err = ParseMultilineText("\xff")
	require.ErrorIs(t, err, ErrEncoding)
	x, err := ParseMultilineText("")
	require.ErrorIs(t, err, ErrEmpty)
	assert.True(t, x.IsZero())
}
