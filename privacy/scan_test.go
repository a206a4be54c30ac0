package privacy

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkScanFast fails t unless scanFast, when it accepts s, gives exactly
// what scanSlow gives.
func checkScanFast(t testing.TB, s string) {
	t.Helper()
	var fast, slow [12]byte
	n, sep, ok := scanFast(s, &fast)
	if !ok {
		return
	}
	n2, sep2, err := scanSlow(s, &slow)
	if err != nil || n != n2 || sep != sep2 || string(fast[:n]) != string(slow[:n]) {
		t.Fatalf("scanFast(%q) = %v %q %v, scanSlow = %v %q %v %v", s, fast[:n], sep, n, slow[:n2], sep2, n2, err)
	}
}

func TestScanFastMatchesScanSlow(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := "0123456789-+ x\x00\xff/"
	accepted := 0
	for range 20000 {
		n := 9 + r.IntN(6)
		b := make([]byte, n)
		for i := range b {
			b[i] = '0' + byte(r.IntN(10))
			if r.IntN(12) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
		}
		s := string(b)
		checkScanFast(t, s)
		var d [12]byte
		if _, _, ok := scanFast(s, &d); ok {
			accepted++
		}
	}
	assert.Positive(t, accepted)
	// Every well-formed shape takes the fast path.
	for _, s := range []string{"8803200016", "880320-0016", "880320+0016", "198803200016", "19880320-0016", "19880320+0016"} {
		var d [12]byte
		_, _, ok := scanFast(s, &d)
		require.True(t, ok, s)
		checkScanFast(t, s)
	}
}
