package merge_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
)

// copyRule is "Kopiera från ägare" for one payer field: the payer becomes exactly the owner,
// an empty owner field included. form is the payer's state, rec the owner's.
var copyRule = []ruleCase{
	{empty, empty, empty, merge.Same},
	{empty, valA, valA, merge.Filled},
	{empty, valB, valB, merge.Filled},
	{valA, empty, empty, merge.Cleared},
	{valA, valA, valA, merge.Same},
	{valA, valB, valB, merge.Overwritten},
}

func isOwnerField(f merge.Field) bool {
	return f >= merge.OwnerKind && f <= merge.OwnerInvoiceReference
}
func isPayerField(f merge.Field) bool {
	return f >= merge.PayerKind && f <= merge.PayerInvoiceReference
}

// TestCopyFromOwnerRule checks every payer field × payer state × owner state against several
// backgrounds: the payer becomes the owner field by field, nothing else changes.
func TestCopyFromOwnerRule(t *testing.T) {
	t.Parallel()
	acc := newSamples(t).accessors()
	require.Len(t, acc, merge.NumFields)
	backgrounds := []struct {
		name            string
		facility, owner state
		payer           state
	}{
		{name: "others-same", facility: valA, owner: valA, payer: valA},
		{name: "owner-lacks-others", facility: valA, owner: empty, payer: valA},
		{name: "empty-payer", facility: empty, owner: valA, payer: empty},
		{name: "all-empty", facility: empty, owner: empty, payer: empty},
		{name: "payer-differs", facility: valA, owner: valA, payer: valB},
	}
	for _, payerField := range merge.Fields() {
		if !isPayerField(payerField) {
			continue
		}
		ownerField := payerField - merge.PayerKind + merge.OwnerKind
		t.Run(payerField.Path(), func(t *testing.T) {
			t.Parallel()
			for _, c := range copyRule {
				if !acc[payerField].hasB && (c.form == valB || c.rec == valB) {
					continue
				}
				for _, bg := range backgrounds {
					name := fmt.Sprintf("payer=%v/owner=%v/%s", c.form, c.rec, bg.name)
					var st states
					for _, f := range merge.Fields() {
						switch {
						case isOwnerField(f):
							st[f] = bg.owner
						case isPayerField(f):
							st[f] = bg.payer
							if bg.payer == valB && !acc[f].hasB {
								st[f] = valA
							}
						default:
							st[f] = bg.facility
						}
					}
					st[payerField], st[ownerField] = c.form, c.rec
					checkCopy(t, name, acc, st)
				}
			}
		})
	}
}

// checkCopy runs CopyFromOwner on a form built from st and checks the whole form and report.
func checkCopy(t *testing.T, name string, acc map[merge.Field]access, st states) {
	t.Helper()
	wantSt := st
	wantOut := make(map[string]merge.Outcome, merge.NumFields)
	for _, f := range merge.Fields() {
		wantOut[f.Path()] = merge.Untouched
		if !isPayerField(f) {
			continue
		}
		owner := f - merge.PayerKind + merge.OwnerKind
		found := false
		for _, c := range copyRule {
			if c.form == st[f] && c.rec == st[owner] {
				wantSt[f], wantOut[f.Path()], found = c.want, c.out, true
			}
		}
		if !found {
			// Payer B, owner A: a different value is overwritten.
			require.Equalf(t, valB, st[f], "%s: no rule for %v", name, f)
			wantSt[f], wantOut[f.Path()] = st[owner], merge.Overwritten
			if st[owner] == empty {
				wantOut[f.Path()] = merge.Cleared
			}
		}
	}
	form := buildForm(acc, st)
	before := form

	rep := merge.CopyFromOwner(&form)

	want := buildForm(acc, wantSt)
	if diff := cmp.Diff(want, form, cmpOpts); diff != "" {
		t.Errorf("%s: form (-want +got):\n%s", name, diff)
	}
	if diff := cmp.Diff(before.Owner, form.Payer, cmpOpts); diff != "" {
		t.Errorf("%s: payer is not exactly the owner (-owner +payer):\n%s", name, diff)
	}
	if diff := cmp.Diff(before.Owner, form.Owner, cmpOpts); diff != "" {
		t.Errorf("%s: owner changed:\n%s", name, diff)
	}
	if diff := cmp.Diff(before.Facility, form.Facility, cmpOpts); diff != "" {
		t.Errorf("%s: facility changed:\n%s", name, diff)
	}
	if diff := cmp.Diff(wantOut, outcomes(rep)); diff != "" {
		t.Errorf("%s: outcomes (-want +got):\n%s", name, diff)
	}
	if got, want := rep.Changed(), !cmp.Equal(before, form, cmpOpts); got != want {
		t.Errorf("%s: Report.Changed() = %v, but the form changed: %v", name, got, want)
	}
}

// TestCopyFromOwnerSamples copies each sample owner over each sample customer, with identity
// numbers typed on the payer that the owner lacks (they must be cleared: the copy is exact).
func TestCopyFromOwnerSamples(t *testing.T) {
	t.Parallel()
	s := newSamples(t)
	recs := facility.SampleRecords()
	for i, ownerRec := range recs {
		for j, payerRec := range recs {
			t.Run(fmt.Sprintf("owner%d/payer%d", i, j), func(t *testing.T) {
				t.Parallel()
				form := merge.Form{Facility: ownerRec.Details, Owner: ownerRec.Owner, Payer: payerRec.Customer}
				form.Payer.PersonalNumber = s.pnrB
				form.Payer.BirthDate = s.dateB
				form.Owner.OrganisationNumber = s.orgA
				before := form

				rep := merge.CopyFromOwner(&form)

				require.Empty(t, cmp.Diff(before.Owner, form.Payer, cmpOpts), "payer = owner")
				require.Empty(t, cmp.Diff(before.Owner, form.Owner, cmpOpts), "owner untouched")
				require.Empty(t, cmp.Diff(before.Facility, form.Facility, cmpOpts), "facility untouched")
				assert.Equal(t, merge.Cleared, rep.Outcome(merge.PayerPersonalNumber))
				assert.Equal(t, merge.Cleared, rep.Outcome(merge.PayerBirthDate))
				assert.Equal(t, merge.Filled, rep.Outcome(merge.PayerOrganisationNumber))
				for _, f := range merge.Fields() {
					o := rep.Outcome(f)
					if !isPayerField(f) {
						assert.Equal(t, merge.Untouched, o, f.Path())
						continue
					}
					wasFilled, isFilled := f.Filled(&before), f.Filled(&form)
					switch o {
					case merge.Filled:
						assert.True(t, !wasFilled && isFilled, f.Path())
					case merge.Cleared:
						assert.True(t, wasFilled && !isFilled, f.Path())
					case merge.Overwritten:
						assert.True(t, wasFilled && isFilled, f.Path())
					case merge.Same:
					default:
						t.Errorf("%v: unexpected outcome %v", f, o)
					}
				}
				if i == j && ownerRec.Owner == ownerRec.Customer {
					// Only the identity fields typed above differ.
					require.Equal(t, 3, rep.Count(merge.Cleared)+rep.Count(merge.Filled))
				}
			})
		}
	}
}
