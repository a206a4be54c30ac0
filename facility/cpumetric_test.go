package facility_test

import (
	"testing"
	"time"
)

// cpuMetric starts measuring the process's CPU time; call the function it returns after the
// benchmark loop to report cpu-ns/op (see cpuTime).
func cpuMetric(b *testing.B) func() {
	start, ok := cpuTime()
	return func() {
		end, ok2 := cpuTime()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(time.Nanosecond)/float64(b.N), "cpu-ns/op")
		}
	}
}
