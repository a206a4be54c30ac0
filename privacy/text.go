package privacy

import (
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is free text about a person: a name, street address, city, a note.
// It is masked completely ("***") in every output channel — not even its
// length or first letter is shown, since a short name is identifying — and
// stored obfuscated (see the package doc). The zero value is empty and
// prints as "".
type Text struct {
	v string // hideString(trimmed text)
}

// textMask is the masked form of any non-empty Text.
const textMask = "***"

// NewText returns s as Text, with surrounding whitespace trimmed. There is
// no other validation: any string is taken as it is. It allocates the
// obfuscated copy. For text a person typed, use [ParseText] or
// [ParseMultilineText], which refuse control characters and invalid UTF-8
// and normalise to NFC.
func NewText(s string) Text {
	return Text{v: hideString(strings.TrimSpace(s))}
}

// ParseText parses single-line free text about a person: a name, a street
// address, a city, an invoice reference. It is [CleanText] with multiline
// false, returned as Text (which allocates its obfuscated copy). Errors are
// *ParseError of KindText wrapping ErrEmpty, ErrEncoding or ErrControl, and
// allocate nothing.
func ParseText(s string) (Text, error) {
	clean, err := CleanText(s, false)
	if err != nil {
		return Text{}, err
	}
	return Text{v: hideString(clean)}, nil
}

// ParseMultilineText parses multi-line free text about a person, such as a
// note or a description of the work: [CleanText] with multiline true,
// returned as Text.
func ParseMultilineText(s string) (Text, error) {
	clean, err := CleanText(s, true)
	if err != nil {
		return Text{}, err
	}
	return Text{v: hideString(clean)}, nil
}

// CleanText checks and normalises free text; it is the rule every free-text
// field of gridnotify follows, and the function to use directly for free text
// that is not personal data (a grid company's reason for a rejection, a
// meter-placement description).
//
//   - Invalid UTF-8 is refused (ErrEncoding).
//   - Control characters (Unicode category Cc: U+0000–U+001F, U+007F and
//     U+0080–U+009F, NUL among them) are refused (ErrControl), except in
//     multi-line text newline (U+000A) and tab (U+0009). A carriage return in
//     multi-line text ends a line: CR LF and a lone CR become LF, since
//     browsers send a text area's lines with CR LF. In single-line text CR is
//     refused like LF.
//   - Surrounding whitespace (unicode.IsSpace: also tab, newline and CR, so
//     a pasted trailing newline in a single-line field is no error) is
//     trimmed first; text that is then empty is ErrEmpty.
//   - The result is in Unicode normalization form NFC, so that "å" typed as
//     a + U+030A and "å" as one character are the same text.
//
// Other invisible characters (format characters such as U+200B, line and
// paragraph separators U+2028/U+2029) are kept: they are not control
// characters. Errors are *ParseError of KindText and allocate nothing; the
// result allocates only when it differs from a substring of s.
func CleanText(s string, multiline bool) (string, error) {
	s = strings.TrimSpace(s) // a no-op (no allocation) when there is nothing to trim
	if s == "" {
		return "", KindText.Wrap(ErrEmpty)
	}
	crs := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				switch {
				case !multiline:
					return "", KindText.Wrap(ErrControl)
				case c == '\r':
					crs++
				case c != '\n' && c != '\t':
					return "", KindText.Wrap(ErrControl)
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return "", KindText.Wrap(ErrEncoding)
		case r >= 0x80 && r <= 0x9f:
			return "", KindText.Wrap(ErrControl)
		}
		i += size
	}
	if crs > 0 {
		s = newlines(s)
	}
	if norm.NFC.QuickSpanString(s) != len(s) {
		// Normalisation maps letters and marks to letters and marks: it adds
		// no control character and keeps the text valid UTF-8, but it may
		// change what is whitespace at the ends (U+2000 → U+2002), so trim
		// again.
		s = strings.TrimSpace(norm.NFC.String(s))
	}
	return s, nil
}

// newlines replaces each CR LF and each lone CR of s with LF.
func newlines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\r' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('\n')
		if i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
	}
	return b.String()
}

// Reveal returns the clear text, or "" for the zero value.
func (t Text) Reveal() string { return showString(t.v) }

// String returns "***" for non-empty text and "" for the zero value.
func (t Text) String() string {
	if t.v == "" {
		return ""
	}
	return textMask
}

// IsZero reports whether t is empty.
func (t Text) IsZero() bool { return t.v == "" }

// Equal reports whether t and other hold the same text (go-cmp uses it).
func (t Text) Equal(other Text) bool { return t.v == other.v }

// Format implements fmt.Formatter: every verb prints the masked form.
func (t Text) Format(f fmt.State, verb rune) { formatMasked(f, verb, t.String()) }

// GoString implements fmt.GoStringer with the masked form as a quoted string.
func (t Text) GoString() string { return goStringMasked(t.String()) }

// LogValue implements slog.LogValuer with the masked form.
func (t Text) LogValue() slog.Value { return logValueMasked(t.String()) }

// MarshalJSON implements json.Marshaler with the masked form as a JSON string.
func (t Text) MarshalJSON() ([]byte, error) { return marshalJSONMasked(t.String()) }

// MarshalText implements encoding.TextMarshaler with the masked form.
func (t Text) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: it accepts clear text
// like NewText; the masked form "***" fails with ErrMasked (a real name is
// never "***"; other text containing '*' is accepted, since free text may
// contain it).
func (t *Text) UnmarshalText(text []byte) error {
	s := string(text)
	if strings.TrimSpace(s) == textMask {
		return KindText.Wrap(ErrMasked)
	}
	*t = NewText(s)
	return nil
}

// UnmarshalJSON implements json.Unmarshaler like UnmarshalText; null leaves
// t unchanged.
func (t *Text) UnmarshalJSON(data []byte) error {
	s, isNull, err := decodeJSONString(KindText, data)
	if err != nil || isNull {
		return err
	}
	return t.UnmarshalText([]byte(s))
}
