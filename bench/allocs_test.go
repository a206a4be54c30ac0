//go:build !race

package bench

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
)

// The target: fetch-merge allocates nothing. (Not under -race, whose instrumentation
// may allocate.) The complete-case check allocates nothing either.
func TestZeroAllocs(t *testing.T) {
	rec := sampleRecord(t)
	half := halfFilledForm(t)
	var form merge.Form
	n := testing.AllocsPerRun(1000, func() {
		form = half
		sinkReport = merge.Fetch(&form, &rec, merge.Overwrite)
	})
	require.Zero(t, n, "merge.Fetch")

	c, profile := completeCase(t)
	n = testing.AllocsPerRun(1000, func() {
		if c.Check(profile) != nil {
			t.Fatal("the case is complete")
		}
	})
	require.Zero(t, n, "Case.Check on a complete case")
}
