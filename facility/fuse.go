package facility

import (
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/privacy"
)

// Ampere is a main-fuse size (huvudsäkring) in amperes. The zero value means
// "unknown".
type Ampere int

// standardFuseSizes are the main-fuse sizes used in Swedish low-voltage
// connections.
var standardFuseSizes = [...]Ampere{10, 16, 20, 25, 35, 50, 63, 80, 100, 125, 160, 200, 250}

// StandardFuseSizes returns the standard main-fuse sizes in ascending order:
// 10, 16, 20, 25, 35, 50, 63, 80, 100, 125, 160, 200 and 250 A. It returns a
// fresh copy each call so that no caller can change the list for others.
func StandardFuseSizes() []Ampere {
	s := standardFuseSizes
	return s[:]
}

// maxAmpereDigits bounds the digits read by ParseAmpere (leading zeros
// included) so that the number can never overflow.
const maxAmpereDigits = 6

// ParseAmpere parses a main-fuse size: "25", "25A", "25 A" (also a
// lower-case "a", and any number of spaces before it), surrounding
// whitespace trimmed. Only ASCII digits count, and only the standard sizes
// (see [StandardFuseSizes]) are accepted: a fuse is bought in those sizes, so
// anything else is a typing error.
//
// Errors are a *privacy.ParseError of [KindMainFuse] wrapping
// privacy.ErrEmpty, privacy.ErrLength, privacy.ErrNotDigit or
// privacy.ErrNotStandard. ParseAmpere allocates nothing.
func ParseAmpere(s string) (Ampere, error) {
	if len(s) > maxInput {
		return 0, KindMainFuse.Wrap(privacy.ErrLength)
	}
	s = strings.TrimSpace(s)
	if n := len(s); n > 0 && (s[n-1] == 'A' || s[n-1] == 'a') {
		s = strings.TrimRight(s[:n-1], " ")
	}
	if s == "" {
		return 0, KindMainFuse.Wrap(privacy.ErrEmpty)
	}
	if len(s) > maxAmpereDigits {
		return 0, KindMainFuse.Wrap(privacy.ErrLength)
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, KindMainFuse.Wrap(privacy.ErrNotDigit)
		}
		v = v*10 + int(c-'0')
	}
	a := Ampere(v)
	if !a.IsStandard() {
		return 0, KindMainFuse.Wrap(privacy.ErrNotStandard)
	}
	return a, nil
}

// IsStandard reports whether a is one of [StandardFuseSizes].
func (a Ampere) IsStandard() bool {
	for _, s := range standardFuseSizes {
		if a == s {
			return true
		}
	}
	return false
}

// ApproxMaxPowerKW returns the rough maximum power, in whole kW, that a
// three-phase 400 V connection with this main fuse can take. For the common
// sizes it is the figure grid companies publish (16 A ≈ 11 kW, 20 ≈ 14,
// 25 ≈ 17, 35 ≈ 24, 50 ≈ 35, 63 ≈ 44); for any other positive size it is
// √3 · 400 V · I / 1000 rounded to the nearest whole kW, the same formula
// those figures come from (10 A ≈ 7 kW, 80 A ≈ 55 kW). Zero or negative
// sizes give 0.
func (a Ampere) ApproxMaxPowerKW() decimal.Decimal {
	switch a {
	case 16:
		return decimal.NewFromInt(11)
	case 20:
		return decimal.NewFromInt(14)
	case 25:
		return decimal.NewFromInt(17)
	case 35:
		return decimal.NewFromInt(24)
	case 50:
		return decimal.NewFromInt(35)
	case 63:
		return decimal.NewFromInt(44)
	}
	if a <= 0 {
		return decimal.Zero
	}
	return decimal.NewFromInt(int64(math.Round(math.Sqrt(3) * 400 * float64(a) / 1000)))
}

// String returns the size with its unit, e.g. "25 A".
func (a Ampere) String() string {
	return strconv.Itoa(int(a)) + " A"
}
