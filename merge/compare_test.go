package merge_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gridnotify/gridnotify/merge"
)

// TestCompare checks every field × before state × after state: the field's outcome says how
// it changed, every other field is Same, and neither form changes.
func TestCompare(t *testing.T) {
	t.Parallel()
	acc := newSamples(t).accessors()
	// The exact rule: before is "form", after is "rec".
	for _, f := range merge.Fields() {
		for _, c := range identifierRule {
			if !acc[f].hasB && (c.form == valB || c.rec == valB) {
				continue
			}
			for _, bg := range []state{empty, valA} {
				name := fmt.Sprintf("%v/before=%v/after=%v/others=%v", f, c.form, c.rec, bg)
				beforeSt, afterSt := fill(bg), fill(bg)
				beforeSt[f], afterSt[f] = c.form, c.rec
				before, after := buildForm(acc, beforeSt), buildForm(acc, afterSt)
				b0, a0 := before, after

				rep := merge.Compare(&before, &after)

				want := make(map[string]merge.Outcome, merge.NumFields)
				for _, g := range merge.Fields() {
					want[g.Path()] = merge.Same
				}
				want[f.Path()] = c.out
				if diff := cmp.Diff(want, outcomes(rep)); diff != "" {
					t.Errorf("%s: outcomes (-want +got):\n%s", name, diff)
				}
				if !cmp.Equal(b0, before, cmpOpts) || !cmp.Equal(a0, after, cmpOpts) {
					t.Errorf("%s: Compare changed a form", name)
				}
				if got := rep.Changed(); got != (c.form != c.rec) {
					t.Errorf("%s: Changed() = %v", name, got)
				}
			}
		}
	}
}
