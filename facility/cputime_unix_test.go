//go:build unix

package facility_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the process has used so far. Benchmarks
// report it per operation as cpu-ns/op next to ns/op: on a machine shared with other work, a
// benchmark's wall time includes the time it waits for a CPU; its CPU time does not.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
