package facility

// TechnicalNumber is a technical number (tekniskt nummer): the grid
// company's own object number for a facility, opaque text canonicalised by
// [ParseTechnicalNumber]. It is not personal data. The empty string means
// "no technical number".
type TechnicalNumber string

// maxTechnicalNumber is the longest technical number accepted, in
// characters.
const maxTechnicalNumber = 40

// ParseTechnicalNumber parses a technical number under the same rules as
// [ParseMeterNumber] but allows up to 40 characters. Errors are a
// *privacy.ParseError of [KindTechnicalNumber].
//
// It does not allocate when s is already canonical.
func ParseTechnicalNumber(s string) (TechnicalNumber, error) {
	v, err := parseOpaque(KindTechnicalNumber, s, maxTechnicalNumber)
	return TechnicalNumber(v), err
}

// IsZero reports whether t is empty (no technical number).
func (t TechnicalNumber) IsZero() bool { return t == "" }

// String returns the technical number.
func (t TechnicalNumber) String() string { return string(t) }
