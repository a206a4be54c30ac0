package privacy

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// refDay is what a check knows of the reference day, as dateKeys: lo ≤ the
// reference day ≤ hi. An exact reference day has lo == hi. year is lo's
// year and yy its last two digits, kept so that resolving a century needs no
// division.
type refDay struct{ lo, hi, year, yy int }

// newRefDay returns the bounds lo ≤ day ≤ hi.
func newRefDay(lo, hi int) refDay {
	y := lo / 10000
	return refDay{lo, hi, y, y % 100}
}

// exactDay is the reference day of ref, exactly.
func exactDay(ref time.Time) refDay {
	k := refKey(ref)
	return newRefDay(k, k)
}

// pack and unpack store a refDay in the cache's one atomic word: lo in bits
// 0–26, hi − lo in 27–40, year in 41–54, yy in 55–61. A dateKey of a year up
// to 9999 fits in 27 bits, and the day after lo is at most 8870 later
// (December 31 to January 1).
func (d refDay) pack() uint64 {
	return uint64(d.lo) | uint64(d.hi-d.lo)<<27 | uint64(d.year)<<41 | uint64(d.yy)<<55
}

func unpack(v uint64) refDay {
	lo := int(v & (1<<27 - 1))
	return refDay{lo, lo + int(v>>27&(1<<14-1)), int(v >> 41 & (1<<14 - 1)), int(v >> 55 & (1<<7 - 1))}
}

// after reports whether date key k is after the reference day. sure is
// false when the answer depends on where in [lo, hi] the day lies; the
// caller must then ask again with the exact day.
func (d refDay) after(k int) (after, sure bool) {
	switch {
	case k <= d.lo:
		return false, true
	case k > d.hi:
		return true, true
	}
	return false, false
}

// errUnsure is returned by the checks when a cached reference day is not
// precise enough for the answer; it never leaves the package.
var errUnsure = errors.New("privacy: the answer needs today's exact date")

// todayRefresh is how often the cache of today's date is renewed while it is
// in use, in monotonic time.
const todayRefresh = time.Second

// dayCache caches today's date (time.Now in time.Local) for the parsers that
// take today as their reference, so that a parse does not read the clock:
// time.Now costs more than the rest of a parse.
//
// The cached date was read from the clock at most about todayRefresh ago: a
// timer renews it every todayRefresh while parses use it, and stops (and
// clears the cache) after a period without use, so an idle process has no
// timer running. The true date is therefore the cached day or the next one,
// and span returns both as bounds; a check whose answer differs between the
// two (a birth date of today or tomorrow, a century that turns on it) asks
// for the exact date, which reads the clock. Answers are thus always those
// of time.Now, except for a moment after the wall clock is set back over
// midnight, or after the machine resumes from sleep (the timer's clock,
// like Go's, stops during sleep), until the next renewal.
type dayCache struct {
	span atomic.Uint64 // refDay.pack(); 0 = not known
	used atomic.Bool   // span was read since the last renewal

	mu    sync.Mutex
	timer *time.Timer // renews the cache; nil until first use
	armed bool        // timer is running
	now   func() time.Time
	every time.Duration
}

// today is the cache the package's parsers use.
var today = dayCache{now: time.Now, every: todayRefresh}

// get returns bounds on today's date without reading the clock, unless the
// cache is empty.
func (c *dayCache) get() refDay {
	if v := c.span.Load(); v != 0 && c.used.Load() {
		return unpack(v)
	}
	return c.getSlow()
}

// getSlow is get when the cache is empty or not yet marked as used.
func (c *dayCache) getSlow() refDay {
	v := c.span.Load()
	if v == 0 {
		return c.exact()
	}
	c.used.Store(true)
	return unpack(v)
}

// exact reads the clock and returns today's date exactly, renewing the
// cache (and starting its timer) on the way.
func (c *dayCache) exact() refDay {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := c.store()
	c.used.Store(true)
	if !c.armed {
		c.armed = true
		if c.timer == nil {
			c.timer = time.AfterFunc(c.every, c.tick)
		} else {
			c.timer.Reset(c.every)
		}
	}
	return d
}

// store reads the clock into the cache; c.mu is held.
func (c *dayCache) store() refDay {
	y, m, d := c.now().Date()
	lo := dateKey(y, int(m), d)
	if y < minYear || y > 9999 {
		// A clock this far off cannot be cached in the packed form; every
		// parse then reads it.
		c.span.Store(0)
		return newRefDay(lo, lo)
	}
	c.span.Store(newRefDay(lo, nextDayKey(y, int(m), d)).pack())
	return newRefDay(lo, lo)
}

// tick renews the cache if it was used since the last tick, and otherwise
// clears it and lets the timer stop.
func (c *dayCache) tick() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.used.Swap(false) {
		c.store()
		c.timer.Reset(c.every)
		return
	}
	c.span.Store(0)
	c.armed = false
}

// nextDayKey is the dateKey of the day after y-m-d.
func nextDayKey(y, m, d int) int {
	switch {
	case d < daysIn(y, m):
		return dateKey(y, m, d+1)
	case m < 12:
		return dateKey(y, m+1, 1)
	}
	return dateKey(y+1, 1, 1)
}
