package privacy

import (
	"fmt"
	"log/slog"
	"strings"
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
// no other validation: any string is acceptable free text. It allocates the
// obfuscated copy.
func NewText(s string) Text {
	return Text{v: hideString(strings.TrimSpace(s))}
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
