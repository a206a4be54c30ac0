//go:build race

package privacy

// raceEnabled reports whether the race detector is on: it makes sync.Pool drop items at
// random, so allocation counts are only meaningful without it.
const raceEnabled = true
