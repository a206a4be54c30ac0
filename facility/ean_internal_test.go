package facility

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestParseEAN18MatchesSlowPath: the fast path accepts every valid 18-digit
// ID, and whatever it accepts the slow path accepts with the same value.
func TestParseEAN18MatchesSlowPath(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var d [eanDigits]byte
		for i := range d[:eanDigits-1] {
			d[i] = byte(r.IntN(10))
		}
		d[eanDigits-1] = gs1Check(d[:eanDigits-1])
		b := make([]byte, eanDigits)
		for i, x := range d {
			b[i] = '0' + x
		}
		valid := string(b)
		e, ok := parseEAN18(valid)
		slow, err := parseEANSlow(valid)
		if valid == "000000000000000000" {
			require.False(t, ok)
			require.Error(t, err)
			continue
		}
		require.True(t, ok, valid)
		require.NoError(t, err)
		require.Equal(t, slow, e, valid)
		require.Equal(t, valid, e.String())

		// Break it: one byte changed to anything.
		b[r.IntN(eanDigits)] = byte(r.IntN(256))
		broken := string(b)
		if e, ok := parseEAN18(broken); ok {
			slow, err := parseEANSlow(broken)
			require.NoError(t, err, broken)
			require.Equal(t, slow, e, broken)
		}
	}
	for _, s := range []string{"", "7", "735 999 123 456 789 018", strconv.Itoa(1e9)} {
		_, ok := parseEAN18(s)
		require.False(t, ok, s)
	}
}
