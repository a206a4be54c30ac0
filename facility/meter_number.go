package facility

// MeterNumber is a meter number (mätarnummer): opaque text as the grid
// company writes it, canonicalised by [ParseMeterNumber]. It is not personal
// data. The empty string means "no meter number".
type MeterNumber string

// maxMeterNumber is the longest meter number accepted, in characters.
const maxMeterNumber = 32

// ParseMeterNumber parses a meter number: surrounding whitespace trimmed,
// ASCII letters upper-cased, runs of inner spaces collapsed to one; 1–32
// characters from A–Z and 0–9, plus '-', '.', '/' and ' ' inside (not first
// or last). Anything else is a *privacy.ParseError of [KindMeterNumber]
// wrapping privacy.ErrEmpty, privacy.ErrLength or privacy.ErrSyntax.
//
// It does not allocate when s is already canonical.
func ParseMeterNumber(s string) (MeterNumber, error) {
	v, err := parseOpaque(KindMeterNumber, s, maxMeterNumber)
	return MeterNumber(v), err
}

// IsZero reports whether m is empty (no meter number).
func (m MeterNumber) IsZero() bool { return m == "" }

// String returns the meter number.
func (m MeterNumber) String() string { return string(m) }
