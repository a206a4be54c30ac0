package privacy

import (
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRefDayPack: the cache's packed form holds every bound it is given.
func TestRefDayPack(t *testing.T) {
	for _, tc := range []struct{ y, m, d int }{
		{1800, 1, 1}, {2026, 12, 2}, {2026, 12, 31}, {2024, 2, 28}, {2024, 2, 29},
		{2023, 2, 28}, {2000, 1, 31}, {9999, 12, 30}, {2099, 12, 31},
	} {
		lo := dateKey(tc.y, tc.m, tc.d)
		d := newRefDay(lo, nextDayKey(tc.y, tc.m, tc.d))
		assert.Equal(t, d, unpack(d.pack()), "%v", tc)
		assert.NotZero(t, d.pack())
	}
	assert.Equal(t, 20240229, nextDayKey(2024, 2, 28))
	assert.Equal(t, 20230301, nextDayKey(2023, 2, 28))
	assert.Equal(t, 20270101, nextDayKey(2026, 12, 31))
	assert.Equal(t, 20261203, nextDayKey(2026, 12, 2))
}

// TestCheckPersonalWithBounds: with the reference day known only as
// [lo, lo+1 day], checkPersonal either answers as it would for both days or
// says errUnsure, and it says errUnsure only for dates close to lo.
func TestCheckPersonalWithBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	los := []time.Time{date(2026, 12, 2), date(2026, 12, 31), date(2024, 2, 28), date(2023, 2, 28),
		date(2000, 1, 1), date(1999, 12, 31), date(2099, 12, 31)}
	for range 200 {
		los = append(los, date(1900+r.IntN(200), time.Month(1+r.IntN(12)), 1+r.IntN(28)))
	}
	unsure := 0
	for _, loDay := range los {
		lo := refKey(loDay)
		hiDay := loDay.AddDate(0, 0, 1)
		bounds := newRefDay(lo, refKey(hiDay))
		for range 200 {
			// A birth date near lo (in some century) or anywhere.
			b := loDay.AddDate(-100*r.IntN(3), 0, r.IntN(7)-3)
			if r.IntN(4) == 0 {
				b = date(1800+r.IntN(300), time.Month(1+r.IntN(12)), 1+r.IntN(28))
			}
			dd := b.Day()
			if r.IntN(5) == 0 {
				dd += 60
			}
			nine := pad(b.Year()%100, 2) + pad(int(b.Month()), 2) + pad(dd, 2) + pad(1+r.IntN(999), 3)
			ten := nine + string(luhnDigit(nine))
			var digits [10]byte
			for i := range digits {
				digits[i] = ten[i] - '0'
			}
			century := -1
			if r.IntN(2) == 0 {
				century = b.Year() / 100
			}
			plus := r.IntN(3) == 0
			got, err := checkPersonal(&digits, century, plus, bounds)
			wantLo, errLo := checkPersonal(&digits, century, plus, exactDay(loDay))
			wantHi, errHi := checkPersonal(&digits, century, plus, exactDay(hiDay))
			if err == errUnsure {
				unsure++
				near := false
				for c := -300; c <= 300; c += 100 {
					if d := b.AddDate(c, 0, 0).Sub(loDay); d > -3*24*time.Hour && d < 3*24*time.Hour {
						near = true
					}
				}
				assert.True(t, near, "unsure about %s (%d) at %s far from the boundary", ten, century, loDay)
				continue
			}
			require.Equal(t, errLo, err, "%s century %d plus %v at %s", ten, century, plus, loDay)
			require.Equal(t, errHi, err, "%s century %d plus %v at %s+1", ten, century, plus, loDay)
			require.Equal(t, wantLo, got)
			require.Equal(t, wantHi, got)
		}
	}
	assert.Positive(t, unsure, "the test reaches the boundary cases")
}

// fakeClock is a clock a test sets.
type fakeClock struct{ now atomic.Int64 } // Unix nanoseconds

func (c *fakeClock) Now() time.Time  { return time.Unix(0, c.now.Load()).UTC() }
func (c *fakeClock) set(t time.Time) { c.now.Store(t.UnixNano()) }

// waitFor polls cond until it holds or a second has passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestDayCache(t *testing.T) {
	var clock fakeClock
	clock.set(time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC))
	c := &dayCache{now: clock.Now, every: 5 * time.Millisecond}

	d := c.get()
	assert.Equal(t, newRefDay(20261231, 20261231), d, "an empty cache reads the clock: exact")
	d = c.get()
	assert.Equal(t, newRefDay(20261231, 20270101), d, "cached: today or tomorrow")
	assert.Equal(t, newRefDay(20261231, 20261231), c.exact())

	clock.set(time.Date(2027, 1, 1, 0, 0, 1, 0, time.UTC))
	waitFor(t, "the tick to see the new day", func() bool {
		return c.get().lo == 20270101
	})
	assert.Equal(t, newRefDay(20270101, 20270102), c.get())

	// Unused, the cache empties and its timer stops.
	waitFor(t, "the cache to empty", func() bool { return c.span.Load() == 0 })
	c.mu.Lock()
	armed := c.armed
	c.mu.Unlock()
	assert.False(t, armed, "the timer stops when the cache is not used")

	// And it starts again on the next use.
	clock.set(time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC))
	assert.Equal(t, newRefDay(20270301, 20270301), c.get())
	c.mu.Lock()
	armed = c.armed
	c.mu.Unlock()
	assert.True(t, armed)
}

// TestDayCacheConcurrent: gets, exact reads and ticks at once (run with
// -race).
func TestDayCacheConcurrent(t *testing.T) {
	var clock fakeClock
	start := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	clock.set(start)
	c := &dayCache{now: clock.Now, every: time.Millisecond}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var d refDay
				if (g+i)%50 == 0 {
					d = c.exact()
				} else {
					d = c.get()
				}
				if d.lo < 20260601 || d.hi < d.lo || d.hi > 20270101 {
					t.Errorf("bad bounds %v", d)
					return
				}
			}
		})
	}
	for h := range 48 {
		clock.set(start.Add(time.Duration(h) * 4 * time.Hour))
		time.Sleep(200 * time.Microsecond)
	}
	close(stop)
	wg.Wait()
}

// TestParseWithTodayAgreesWithTheClock: the parsers that take today as the
// reference give the answers of their ...At forms with time.Now, also for
// birth dates of yesterday, today and tomorrow, in every century that
// matters and in every form.
func TestParseWithTodayAgreesWithTheClock(t *testing.T) {
	for attempt := 0; ; attempt++ {
		now := time.Now()
		mismatch := checkTodayForms(t, now)
		if !mismatch || attempt == 3 {
			return
		}
		// The day may have changed during the check; try again.
	}
}

// checkTodayForms compares the forms around now; it reports a mismatch
// only when the calendar day changed meanwhile, and fails t otherwise.
func checkTodayForms(t *testing.T, now time.Time) (dayChanged bool) {
	t.Helper()
	type result struct {
		p   PersonalIdentityNumber
		err error
	}
	var inputs []string
	for days := -2; days <= 2; days++ {
		b := now.AddDate(0, 0, days)
		for _, back := range []int{0, 100, 200} {
			y := b.Year() - back
			for _, dd := range []int{b.Day(), b.Day() + 60} {
				nine := pad(y%100, 2) + pad(int(b.Month()), 2) + pad(dd, 2) + "238"
				tail := nine[6:] + string(luhnDigit(nine))
				yymmdd := nine[:6]
				inputs = append(inputs,
					yymmdd+"-"+tail, yymmdd+"+"+tail, yymmdd+tail,
					strconv.Itoa(y)+nine[2:6]+"-"+tail, strconv.Itoa(y)+nine[2:6]+"+"+tail)
			}
		}
	}
	var got, want []result
	var gotDates, wantDates []error
	for _, s := range inputs {
		p, err := ParsePersonalIdentityNumber(s)
		got = append(got, result{p, err})
		_, err = ParseDate(dateOf(s))
		gotDates = append(gotDates, err)
	}
	ref := time.Now()
	for _, s := range inputs {
		p, err := ParsePersonalIdentityNumberAt(s, ref)
		want = append(want, result{p, err})
		_, err = ParseDateAt(dateOf(s), ref)
		wantDates = append(wantDates, err)
	}
	if refKey(ref) != refKey(now) {
		return true
	}
	for i, s := range inputs {
		assert.Equal(t, want[i], got[i], "%s", s)
		assert.Equal(t, wantDates[i], gotDates[i], "%s", dateOf(s))
	}
	return false
}

// dateOf returns "YYYY-MM-DD" for a 12-digit form, else an invalid date.
func dateOf(s string) string {
	if len(s) != 13 {
		return "not-a-date"
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:8]
}

// TestParseWithTodayAllocatesNothing: the cached path reads no clock and
// allocates nothing, on success and on error.
func TestParseWithTodayAllocatesNothing(t *testing.T) {
	for _, s := range []string{"880320-0016", "198803200016", "880320-0018", "19880320+0016", ""} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = ParsePersonalIdentityNumber(s) }), s)
	}
	for _, s := range []string{"556016-0680", "880320-0016", "556016-0681"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = ParseOrganisationNumber(s) }), s)
	}
	for _, s := range []string{"1988-03-20", "1988-02-30"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = ParseDate(s) }), s)
	}
}
