package merge

import (
	"fmt"
	"strings"
)

// Mode is the installer's answer to "Skriv över fält i anmälan?" (overwrite fields in the
// notification?).
type Mode uint8

const (
	// Overwrite is "Ja", the default and the right choice for an empty form: every field the
	// lookup returns replaces what the form had.
	Overwrite Mode = iota
	// FillEmpty is "Nej": only the form's empty fields are filled; what the installer typed
	// stays. The three identifiers are overwritten all the same.
	FillEmpty
)

// String returns the mode's English name.
func (m Mode) String() string {
	switch m {
	case Overwrite:
		return "overwrite"
	case FillEmpty:
		return "fill empty"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// Swedish returns the answer as the manual writes it: "Ja" or "Nej".
func (m Mode) Swedish() string {
	switch m {
	case Overwrite:
		return "Ja"
	case FillEmpty:
		return "Nej"
	}
	return m.String()
}

// Valid reports whether m is one of the defined modes.
func (m Mode) Valid() bool { return m == Overwrite || m == FillEmpty }

// MarshalText writes the mode as a word: "overwrite" or "fill-empty".
func (m Mode) MarshalText() ([]byte, error) {
	switch m {
	case Overwrite:
		return []byte("overwrite"), nil
	case FillEmpty:
		return []byte("fill-empty"), nil
	}
	return nil, errUnknownMode
}

// UnmarshalText reads "overwrite" or "fill-empty", or the manual's answers "Ja" and "Nej", in
// any letter case; empty text is the default, [Overwrite].
func (m *Mode) UnmarshalText(b []byte) error {
	switch s := strings.ToLower(strings.TrimSpace(string(b))); s {
	case "", "overwrite", "ja":
		*m = Overwrite
	case "fill-empty", "nej":
		*m = FillEmpty
	default:
		return errUnknownMode
	}
	return nil
}

// errUnknownMode is the error for a mode that is neither answer.
var errUnknownMode = &modeError{}

// modeError says that a mode is neither "Ja" nor "Nej", in English and Swedish.
type modeError struct{}

func (*modeError) Error() string {
	return `merge: mode must be "overwrite" ("Ja") or "fill-empty" ("Nej")`
}

// Swedish is the message in Swedish.
func (*modeError) Swedish() string {
	return `Svaret på "Skriv över fält i anmälan?" ska vara "Ja" eller "Nej".`
}
