package facility

import (
	"cmp"
	"encoding/binary"
	"strings"

	"github.com/gridnotify/gridnotify/privacy"
)

// EAN is a facility ID: the 18-digit GS1 Global Service Relation Number
// (GSRN) that Swedish grid companies call "anläggnings-ID" or "EAN-nr".
//
// The zero value means "no facility ID". The digits are kept in a uint64, so
// an EAN holds no heap memory, compares with == and can be a map key.
// A facility ID is not personal data: it prints in clear everywhere.
type EAN struct {
	n uint64 // the 18 digits as a number; 0 only for the zero value
}

// eanDigits is the number of digits in a GSRN.
const eanDigits = 18

// ParseEAN parses a facility ID.
//
// Surrounding whitespace is trimmed. The 18 digits may be written together
// ("735999000000000006") or, as invoices print them, in groups separated by
// spaces ("735 999 000 000 000 006"). Any number of ASCII spaces is accepted
// between digits, wherever they fall, because people copy the number from
// paper in all sorts of ways; no other separator is accepted. Only ASCII
// digits count.
//
// The last digit is the GS1 mod-10 check digit: weights 3, 1, 3, 1, ... from
// the rightmost data digit, check = (10 − sum mod 10) mod 10 (this is not
// Luhn). The all-zero ID passes that check but is rejected with privacy.ErrSyntax:
// it is no assigned GSRN and it would be indistinguishable from the zero
// value.
//
// Errors are a *privacy.ParseError of [KindFacilityID] wrapping
// privacy.ErrEmpty, privacy.ErrLength, privacy.ErrNotDigit,
// privacy.ErrCheckDigit or privacy.ErrSyntax. ParseEAN allocates nothing,
// neither on success nor on error.
func ParseEAN(s string) (EAN, error) {
	if e, ok := parseEAN18(s); ok {
		return e, nil
	}
	return parseEANSlow(s)
}

// parseEAN18 is ParseEAN's fast path: exactly 18 ASCII digits, a right
// check digit, not all zero. It works on eight digits at a time, as the
// bytes of a uint64 (SWAR). With 18 digits the rightmost data digit
// (position 16, counting from 0 on the left) has weight 3, so the even
// positions weigh 3 and the odd ones 1, and the check digit is right when the
// weighted sum of all 18 digits, the check digit weighing 1, is a multiple
// of 10. ok is false for anything else, which the slow path then reports
// precisely.
func parseEAN18(s string) (e EAN, ok bool) {
	if len(s) != eanDigits {
		return EAN{}, false
	}
	// Digit values in the bytes, the first digit in the low byte.
	x := binary.LittleEndian.Uint64([]byte(s[0:8])) - 0x3030303030303030
	y := binary.LittleEndian.Uint64([]byte(s[8:16])) - 0x3030303030303030
	c0, c1 := s[16]-'0', s[17]-'0'
	// A byte below '0' borrows and so has bit 7 set after the subtraction;
	// one above '9' has bit 7 set once 0x76 is added. A digit has neither,
	// and borrows and carries start only at a byte that is not a digit.
	if (x|(x+0x7676767676767676)|y|(y+0x7676767676767676))&0x8080808080808080 != 0 || c0 > 9 || c1 > 9 {
		return EAN{}, false
	}
	// The sums of the even and of the odd positions: add the 16-bit lanes.
	const lanes = 0x00FF00FF00FF00FF
	even := ((x&lanes)+(y&lanes))*0x0001000100010001>>48 + uint64(c0)
	odd := ((x>>8&lanes)+(y>>8&lanes))*0x0001000100010001>>48 + uint64(c1)
	if (3*even+odd)%10 != 0 {
		return EAN{}, false
	}
	v := (eightDigits(x)*1e8+eightDigits(y))*100 + uint64(c0)*10 + uint64(c1)
	if v == 0 {
		return EAN{}, false
	}
	return EAN{n: v}, true
}

// eightDigits returns the number written by the eight digit values in the
// bytes of d, the first (most significant) digit in the low byte.
func eightDigits(d uint64) uint64 {
	d = d*10 + d>>8 // each 16-bit lane: 10·first + second
	d = (d&0x000000FF000000FF)*(100+1000000<<32) + (d>>16&0x000000FF000000FF)*(1+10000<<32)
	return d >> 32
}

// parseEANSlow is ParseEAN for every input: trimming, spaces, and the
// precise error.
func parseEANSlow(s string) (EAN, error) {
	if len(s) > maxInput {
		return EAN{}, KindFacilityID.Wrap(privacy.ErrLength)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return EAN{}, KindFacilityID.Wrap(privacy.ErrEmpty)
	}
	var d [eanDigits]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			continue
		case c < '0' || c > '9':
			return EAN{}, KindFacilityID.Wrap(privacy.ErrNotDigit)
		case n == eanDigits:
			return EAN{}, KindFacilityID.Wrap(privacy.ErrLength)
		}
		d[n] = c - '0'
		n++
	}
	if n != eanDigits {
		return EAN{}, KindFacilityID.Wrap(privacy.ErrLength)
	}
	if gs1Check(d[:eanDigits-1]) != d[eanDigits-1] {
		return EAN{}, KindFacilityID.Wrap(privacy.ErrCheckDigit)
	}
	var v uint64
	for _, x := range d {
		v = v*10 + uint64(x)
	}
	if v == 0 {
		return EAN{}, KindFacilityID.Wrap(privacy.ErrSyntax)
	}
	return EAN{n: v}, nil
}

// gs1Check computes the GS1 mod-10 check digit of data (digit values 0–9):
// the rightmost data digit has weight 3, the next 1, and so on.
func gs1Check(data []byte) byte {
	sum := 0
	w := 3
	for i := len(data) - 1; i >= 0; i-- {
		sum += int(data[i]) * w
		w = 4 - w
	}
	return byte((10 - sum%10) % 10)
}

// digits returns the 18 digits as ASCII.
func (e EAN) digits() [eanDigits]byte {
	var b [eanDigits]byte
	v := e.n
	for i := eanDigits - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}

// String returns the 18 digits without spaces, or "" for the zero value.
func (e EAN) String() string {
	if e.IsZero() {
		return ""
	}
	b := e.digits()
	return string(b[:])
}

// Grouped returns the ID in groups of three as invoices print it,
// "735 999 000 000 000 006", or "" for the zero value.
func (e EAN) Grouped() string {
	if e.IsZero() {
		return ""
	}
	d := e.digits()
	var b [eanDigits + eanDigits/3 - 1]byte
	j := 0
	for i, c := range d {
		if i > 0 && i%3 == 0 {
			b[j] = ' '
			j++
		}
		b[j] = c
		j++
	}
	return string(b[:])
}

// IsZero reports whether e is the zero value (no facility ID).
func (e EAN) IsZero() bool { return e.n == 0 }

// Compare returns -1, 0 or +1 as e sorts before, with or after o, in the
// numeric order of the digits (the zero value first). It suits
// slices.SortFunc.
func (e EAN) Compare(o EAN) int { return cmp.Compare(e.n, o.n) }

// Country returns the country of the GS1 prefix that issued the ID.
func (e EAN) Country() Country {
	if e.IsZero() {
		return CountryUnknown
	}
	// The first two digits are the GS1 prefix's leading digits: 18 digits
	// means dividing by 10^16.
	switch e.n / 1e16 {
	case 73:
		return CountrySweden
	case 70:
		return CountryNorway
	case 57:
		return CountryDenmark
	case 64:
		return CountryFinland
	}
	return CountryUnknown
}

// AppendText appends the 18 digits (nothing for the zero value) to b. It
// implements encoding.TextAppender and lets callers format without
// allocating.
func (e EAN) AppendText(b []byte) ([]byte, error) {
	if e.IsZero() {
		return b, nil
	}
	d := e.digits()
	return append(b, d[:]...), nil
}

// MarshalText implements encoding.TextMarshaler: the 18 digits in clear
// (a facility ID is not personal data), or empty for the zero value.
func (e EAN) MarshalText() ([]byte, error) {
	return e.AppendText(make([]byte, 0, eanDigits))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts every form
// ParseEAN accepts; empty text gives the zero value.
func (e *EAN) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*e = EAN{}
		return nil
	}
	v, err := ParseEAN(string(text))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// Equal reports whether e and o are the same facility ID (== works too; go-cmp uses Equal).
func (e EAN) Equal(o EAN) bool { return e == o }
