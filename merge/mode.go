package merge

import "fmt"

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
