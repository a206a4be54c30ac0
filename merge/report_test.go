package merge_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
)

func TestReportZero(t *testing.T) {
	t.Parallel()
	var r merge.Report
	require.False(t, r.Changed())
	require.Equal(t, merge.NumFields, r.Count(merge.Untouched))
	require.Zero(t, r.Count(merge.Filled))
	for f, o := range r.All() {
		t.Fatalf("All yielded %v=%v for a zero report", f, o)
	}
	for _, f := range merge.Fields() {
		require.Equal(t, merge.Untouched, r.Outcome(f))
	}
	require.Equal(t, merge.Untouched, r.Outcome(merge.Field(merge.NumFields)))
	require.Equal(t, merge.Untouched, r.Outcome(255))
}

// fetchReport builds a report with a known mix of outcomes: an owner typed by hand, a stale
// meter number, then a fetch of sample record 0 with "Nej".
func fetchReport(t testing.TB) (merge.Report, map[merge.Field]merge.Outcome) {
	t.Helper()
	s := newSamples(t)
	rec := facility.SampleRecords()[0]
	var form merge.Form
	form.Facility.MeterNumber = "M-STALE"
	form.Facility.TechnicalNumber = rec.TechnicalNumber
	form.Owner.Surname = s.surnameB // differs from the record's
	form.Owner.PersonalNumber = s.pnrA
	rep := merge.Fetch(&form, &rec, merge.FillEmpty)
	return rep, map[merge.Field]merge.Outcome{
		merge.FacilityMeterNumber:     merge.Overwritten,
		merge.FacilityTechnicalNumber: merge.Same,
		merge.FacilityID:              merge.Filled,
		merge.OwnerSurname:            merge.Kept,
		merge.OwnerPersonalNumber:     merge.Withheld,
	}
}

func TestReportAllCountChanged(t *testing.T) {
	t.Parallel()
	rep, spot := fetchReport(t)
	for f, o := range spot {
		require.Equal(t, o, rep.Outcome(f), f.Path())
	}
	require.True(t, rep.Changed())

	// All yields every touched field once, in order, with Outcome's value.
	counts := map[merge.Outcome]int{}
	var order []merge.Field
	for f, o := range rep.All() {
		require.NotEqual(t, merge.Untouched, o)
		require.Equal(t, rep.Outcome(f), o)
		order = append(order, f)
		counts[o]++
	}
	// A Fetch report touches every field but the withheld identity fields that do not apply
	// to the party (sample record 0: private persons with personal identity numbers).
	var applicable []merge.Field
	for _, f := range merge.Fields() {
		if f != merge.OwnerOrganisationNumber && f != merge.OwnerBirthDate &&
			f != merge.PayerOrganisationNumber && f != merge.PayerBirthDate {
			applicable = append(applicable, f)
		}
	}
	require.Equal(t, applicable, order, "a Fetch report touches every field that applies")
	total := rep.Count(merge.Untouched) // All skips them
	for o := merge.Filled; o <= merge.Cleared; o++ {
		require.Equal(t, counts[o], rep.Count(o), o.String())
		total += rep.Count(o)
	}
	require.Equal(t, merge.NumFields, total)
	require.Equal(t, 1, rep.Count(merge.Kept))
	require.Equal(t, 1, rep.Count(merge.Overwritten))
	require.Equal(t, 2, rep.Count(merge.Withheld), "sample record 0: the two personal identity numbers are withheld")
	require.Equal(t, 4, rep.Count(merge.Untouched), "the organisation numbers and birth dates do not apply to private persons")
	require.Zero(t, rep.Count(merge.Outcome(200)))

	// Breaking out of All stops it.
	n := 0
	for range rep.All() {
		n++
		if n == 2 {
			break
		}
	}
	require.Equal(t, 2, n)
}

func TestReportAllSkipsUntouched(t *testing.T) {
	t.Parallel()
	form := fullForm(t)
	rep := merge.CopyFromOwner(&form)
	var got []merge.Field
	for f := range rep.All() {
		got = append(got, f)
	}
	var want []merge.Field
	for f := merge.PayerKind; f <= merge.PayerInvoiceReference; f++ {
		want = append(want, f)
	}
	require.Equal(t, want, got, "CopyFromOwner touches only the payer")
	require.Equal(t, merge.NumFields-len(want), rep.Count(merge.Untouched))
	require.False(t, rep.Changed(), "payer A over owner A changes nothing")
}
