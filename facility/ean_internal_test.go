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

// TestParseEAN18EveryByte: any one byte of a valid ID replaced by any of
// the 256 values (and any two adjacent bytes by their neighbours' values,
// which exercises the borrows and carries between the lanes) is accepted by
// the fast path only if the slow path accepts it with the same value.
func TestParseEAN18EveryByte(t *testing.T) {
	for _, valid := range []string{"735999123456789018", "735999000000000006", "707057500088553215", "999999999999999999"[:17] + string('0'+gs1Check([]byte{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}))} {
		for i := range eanDigits {
			for c := range 256 {
				b := []byte(valid)
				b[i] = byte(c)
				s := string(b)
				e, ok := parseEAN18(s)
				slow, err := parseEANSlow(s)
				if ok != (err == nil) || ok && e != slow {
					t.Fatalf("%q: fast %v %v, slow %v %v", s, e, ok, slow, err)
				}
				if i+1 < eanDigits {
					b[i+1] = byte(255 - c)
					s = string(b)
					e, ok = parseEAN18(s)
					slow, err = parseEANSlow(s)
					if ok != (err == nil) || ok && e != slow {
						t.Fatalf("%q: fast %v %v, slow %v %v", s, e, ok, slow, err)
					}
				}
			}
		}
	}
}
