package merge_test

import (
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
)

// TestFetchAllocs: the package promises that neither operation allocates, whatever the mode.
func TestFetchAllocs(t *testing.T) {
	rec := facility.SampleRecords()[2] // a landlord and a tenant: both parties full
	typed := fullForm(t)
	for _, m := range modes {
		for _, start := range []merge.Form{{}, typed} {
			var form merge.Form
			var rep merge.Report
			allocs := testing.AllocsPerRun(100, func() {
				form = start
				rep = merge.Fetch(&form, &rec, m)
			})
			if allocs != 0 {
				t.Errorf("Fetch(%v) allocates %v times per call, want 0", m, allocs)
			}
			if !rep.Changed() {
				t.Errorf("Fetch(%v) changed nothing: the measurement did not exercise the merge", m)
			}
		}
	}
	form := typed
	form.Owner = rec.Owner
	allocs := testing.AllocsPerRun(100, func() {
		f := form
		merge.CopyFromOwner(&f)
	})
	if allocs != 0 {
		t.Errorf("CopyFromOwner allocates %v times per call, want 0", allocs)
	}
}

func BenchmarkFetch(b *testing.B) {
	rec := facility.SampleRecords()[2]
	typed := fullForm(b)
	for _, bm := range []struct {
		name  string
		start merge.Form
		mode  merge.Mode
	}{
		{"empty/overwrite", merge.Form{}, merge.Overwrite},
		{"typed/overwrite", typed, merge.Overwrite},
		{"typed/fillEmpty", typed, merge.FillEmpty},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			var rep merge.Report
			for b.Loop() {
				form := bm.start
				rep = merge.Fetch(&form, &rec, bm.mode)
			}
			if !rep.Changed() {
				b.Fatal("the benchmark changed nothing")
			}
		})
	}
}

func BenchmarkCopyFromOwner(b *testing.B) {
	rec := facility.SampleRecords()[3] // a housing cooperative owner, a separate payer
	start := merge.Form{Facility: rec.Details, Owner: rec.Owner, Payer: rec.Customer}
	b.ReportAllocs()
	var rep merge.Report
	for b.Loop() {
		form := start
		rep = merge.CopyFromOwner(&form)
	}
	if !rep.Changed() {
		b.Fatal("the benchmark changed nothing")
	}
}
