package merge_test

import (
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

func TestAssignRoundTripsReveal(t *testing.T) {
	for _, rec := range facility.SampleRecords() {
		var src merge.Form
		merge.Fetch(&src, &rec, merge.Overwrite)
		pn, _ := privacy.ParsePersonalIdentityNumber("19090527+1474")
		src.Owner.PersonalNumber = pn
		on, _ := privacy.ParseOrganisationNumber("556016-0680")
		src.Payer.OrganisationNumber = on
		var dst merge.Form
		for _, f := range merge.Fields() {
			if err := f.Assign(&dst, f.Reveal(&src)); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		for _, f := range merge.Fields() {
			if f.Reveal(&dst) != f.Reveal(&src) {
				t.Errorf("%s differs", f)
			}
		}
	}
}
