package privacy

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testRef is the fixed reference date used by tests, so they do not depend
// on the day they run.
var testRef = time.Date(2026, time.May, 1, 12, 0, 0, 0, time.UTC)

// mustPIN parses a personal identity number at testRef or fails the test.
func mustPIN(t testing.TB, s string) PersonalIdentityNumber {
	t.Helper()
	p, err := ParsePersonalIdentityNumberAt(s, testRef)
	require.NoError(t, err, "parse %q", s)
	return p
}

// luhnDigit returns the check digit that completes nine ASCII digits.
func luhnDigit(nine string) byte {
	var d [10]byte
	for i := range 9 {
		d[i] = nine[i] - '0'
	}
	for c := range byte(10) {
		d[9] = c
		if luhnValid(&d) {
			return '0' + c
		}
	}
	panic("unreachable")
}

// randomPIN returns a random valid 12-digit personal identity number (or
// coordination number) born between 1900 and testRef.
func randomPIN(r *rand.Rand) string {
	for {
		y := 1900 + r.IntN(126)
		m := 1 + r.IntN(12)
		d := 1 + r.IntN(daysIn(y, m))
		if dateKey(y, m, d) > refKey(testRef) {
			continue
		}
		dd := d
		if r.IntN(5) == 0 {
			dd += 60
		}
		n := 1 + r.IntN(999)
		s := pad(y, 4) + pad(m, 2) + pad(dd, 2) + pad(n, 3)
		return s + string(luhnDigit(s[2:]))
	}
}

// randomLegalOrg returns a random valid legal person's organisation number.
func randomLegalOrg(r *rand.Rand) string {
	first := []int{1, 2, 3, 5, 6, 7, 8, 9}[r.IntN(8)]
	s := strconv.Itoa(first) + pad(r.IntN(10), 1) + pad(20+r.IntN(80), 2) + pad(r.IntN(100000), 5)
	return s + string(luhnDigit(s))
}

// pad formats n with leading zeros to width w.
func pad(n, w int) string {
	s := strconv.Itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}
