package facility_test

import (
	"math/rand/v2"
	"strings"

	"github.com/shopspring/decimal"
)

// withCheck appends the GS1 mod-10 check digit to 17 data digits. It is an
// independent implementation of the rule, written the way GS1 explains it,
// so the tests do not trust the package's own code.
func withCheck(data string) string {
	sum := 0
	for i := 0; i < len(data); i++ {
		d := int(data[i] - '0')
		// Positions counted from the right of the data, starting at 1:
		// odd positions weigh 3.
		if (len(data)-i)%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return data + string(rune('0'+(10-sum%10)%10))
}

// randomEAN returns a random valid 18-digit facility ID (never all zeros).
func randomEAN(r *rand.Rand) string {
	for {
		var b strings.Builder
		for range 17 {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		s := withCheck(b.String())
		if strings.Trim(s, "0") != "" {
			return s
		}
	}
}

// decimalInt is shorthand for a whole decimal.
func decimalInt(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
