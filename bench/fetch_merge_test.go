package bench

import (
	"testing"

	"dario.cat/mergo"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// Sinks keep the benchmarks' results alive.
var (
	sinkForm   merge.Form
	sinkReport merge.Report
	sinkErr    error
)

// mergoOptions are built once, as a program would: building them allocates a closure, which
// is not part of the merge.
var (
	mergoOverwrite      = []func(*mergo.Config){mergo.WithOverride, mergo.WithTransformers(mergoRules{})}
	mergoFillEmpty      = []func(*mergo.Config){mergo.WithTransformers(mergoRules{fillEmpty: true})}
	mergoPlainOverwrite = []func(*mergo.Config){mergo.WithOverride}
)

// mergoFetch is the fetch done with mergo: the record, in the form's shape, merged into form.
func mergoFetch(form *merge.Form, src *merge.Form, mode merge.Mode) error {
	if mode == merge.FillEmpty {
		return mergo.Merge(form, src, mergoFillEmpty...)
	}
	return mergo.Merge(form, src, mergoOverwrite...)
}

// BenchmarkFetchMerge measures "Hämta anl-data" with "Skriv över fält i anmälan?" = Ja: the
// sample record for M-20001 merged into a half-filled form. Each iteration first resets the
// form to the same half-filled copy (a 536-byte struct copy, identical in every sub-benchmark), so
// every iteration does the same merge.
//
//   - gridnotify: merge.Fetch(&form, &rec, merge.Overwrite), which also builds the report.
//   - mergo: mergo.Merge(&form, &src, WithOverride, WithTransformers(mergoRules{})), the
//     configuration that produces the same form (TestFetchMergeSameForm). src is the record in
//     the form's shape, built once outside the loop (a cost gridnotify does not have).
//   - mergo-plain: mergo.Merge with WithOverride alone, for reference: cheaper than "mergo" by
//     the transformer calls, but it wipes the withheld personal identity number the installer
//     typed (TestMergoPlainSemantics), so it does not do the job.
func BenchmarkFetchMerge(b *testing.B) {
	rec := sampleRecord(b)
	half := halfFilledForm(b)
	src := recordForm(&rec)

	b.Run("gridnotify", func(b *testing.B) {
		b.ReportAllocs()
		var form merge.Form
		for b.Loop() {
			form = half
			sinkReport = merge.Fetch(&form, &rec, merge.Overwrite)
		}
		sinkForm = form
	})
	b.Run("mergo", func(b *testing.B) {
		b.ReportAllocs()
		var form merge.Form
		for b.Loop() {
			form = half
			sinkErr = mergo.Merge(&form, &src, mergoOverwrite...)
		}
		sinkForm = form
	})
	b.Run("mergo-plain", func(b *testing.B) {
		b.ReportAllocs()
		var form merge.Form
		for b.Loop() {
			form = half
			sinkErr = mergo.Merge(&form, &src, mergoPlainOverwrite...)
		}
		sinkForm = form
	})
}

// TestFetchMergeSameForm shows that the benchmark compares equal work: on the benchmark's data
// and on every sample record, form and mode, mergo with mergoRules leaves exactly the form
// merge.Fetch leaves.
func TestFetchMergeSameForm(t *testing.T) {
	t.Parallel()
	half := halfFilledForm(t)
	recs := facility.SampleRecords()
	noIdentifiers := recs[1]
	noIdentifiers.TechnicalNumber, noIdentifiers.MeterNumber = "", ""
	noPower := recs[0]
	noPower.Power = decimal.Decimal{}
	zeroPower := recs[0]
	zeroPower.Power = decimal.NewFromInt(0) // numerically zero, but not the zero struct
	other := recordForm(&recs[2])

	records := map[string]facility.Record{
		"sample 0 (the benchmark's)": recs[0], "sample 1": recs[1], "sample 2": recs[2],
		"sample 3 (no power)": recs[3], "sample 4": recs[4],
		"identifiers empty": noIdentifiers, "power zero struct": noPower, "power 0 with a big.Int": zeroPower,
	}
	forms := map[string]merge.Form{"half filled": half, "empty": {}, "another facility's": other}

	for recName, rec := range records {
		for formName, form := range forms {
			for _, mode := range []merge.Mode{merge.Overwrite, merge.FillEmpty} {
				t.Run(recName+"/"+formName+"/"+mode.String(), func(t *testing.T) {
					t.Parallel()
					want := form
					merge.Fetch(&want, &rec, mode)
					got := form
					src := recordForm(&rec)
					require.NoError(t, mergoFetch(&got, &src, mode))
					require.Empty(t, formDiff(want, got))
				})
			}
		}
	}
}

// TestFetchMergeBenchmarkResult pins what the benchmarked merge does, so that a change in
// merge.Fetch or in the data cannot silently turn the benchmark into a no-op.
func TestFetchMergeBenchmarkResult(t *testing.T) {
	t.Parallel()
	rec := sampleRecord(t)
	half := halfFilledForm(t)
	form := half
	rep := merge.Fetch(&form, &rec, merge.Overwrite)

	require.Equal(t, rec.MeterNumber, form.Facility.MeterNumber, "the stale meter number is replaced")
	require.Equal(t, rec.ID, form.Facility.ID)
	require.True(t, form.Facility.Address.Street.Equal(rec.Address.Street), "overwrite replaces the typed street")
	require.Equal(t, rec.MainFuse, form.Facility.MainFuse)
	require.True(t, form.Owner.PersonalNumber.Equal(half.Owner.PersonalNumber), "the withheld number stays")
	require.True(t, form.Payer.Email.Equal(rec.Customer.Email))

	// The record has values for 26 fields. The form held 10 of them: 5 differently (meter number,
	// street, fuse, owner's phone, payer's e-mail), 5 the same. Of the 15 it has no value for, 6 are
	// the withheld identity numbers and birth dates: both parties are private persons with a
	// personal identity number, so the 2 personal identity numbers are reported withheld and
	// the 4 organisation numbers and birth dates, which do not apply to them, not at all.
	want := map[merge.Outcome]int{
		merge.Filled: 16, merge.Overwritten: 5, merge.Same: 5, merge.NotReturned: 9, merge.Withheld: 2, merge.Untouched: 4,
	}
	for o, n := range want {
		require.Equal(t, n, rep.Count(o), "%s", o)
	}
	require.Equal(t, merge.Withheld, rep.Outcome(merge.OwnerPersonalNumber))
	require.Equal(t, merge.Overwritten, rep.Outcome(merge.FacilityMeterNumber))
}

// TestMergoPlainSemantics pins what mergo does on this data without transformers, which is
// what BENCHMARKS.md reports.
func TestMergoPlainSemantics(t *testing.T) {
	t.Parallel()
	rec := sampleRecord(t)
	src := recordForm(&rec)

	t.Run("override wipes the withheld identity number and nothing else", func(t *testing.T) {
		t.Parallel()
		want := halfFilledForm(t)
		merge.Fetch(&want, &rec, merge.Overwrite)
		got := halfFilledForm(t)
		require.NoError(t, mergo.Merge(&got, &src, mergo.WithOverride))
		require.True(t, got.Owner.PersonalNumber.IsZero(), "mergo copied the record's empty number over the typed one")
		want.Owner.PersonalNumber = privacy.PersonalIdentityNumber{}
		require.Empty(t, formDiff(want, got), "apart from that, the same form")
	})

	t.Run("fill-empty never fills an opaque field", func(t *testing.T) {
		t.Parallel()
		var got merge.Form
		require.NoError(t, mergo.Merge(&got, &src))
		// Strings and numbers are filled...
		require.Equal(t, rec.MeterNumber, got.Facility.MeterNumber)
		require.Equal(t, rec.TechnicalNumber, got.Facility.TechnicalNumber)
		require.Equal(t, rec.Area, got.Facility.Area)
		require.Equal(t, rec.MainFuse, got.Facility.MainFuse)
		require.Equal(t, rec.Owner.Kind, got.Owner.Kind)
		// ...but no value type with unexported fields is, although every one is empty.
		require.True(t, got.Facility.ID.IsZero())
		require.True(t, got.Facility.Address.Street.IsZero())
		require.True(t, got.Facility.Address.PostalCode.IsZero())
		require.True(t, got.Facility.PropertyDesignation.IsZero())
		require.True(t, got.Facility.Power.IsZero())
		require.True(t, got.Owner.Surname.IsZero())
		require.True(t, got.Owner.Phone.IsZero())
		require.True(t, got.Payer.Email.IsZero())

		var want merge.Form
		merge.Fetch(&want, &rec, merge.FillEmpty)
		require.Equal(t, countFilled(&src), countFilled(&want), "gridnotify fills every field the record has")
		require.Equal(t, 6, countFilled(&got), "mergo fills only the identifiers, area, fuse and kinds")
	})

	t.Run("fill-empty keeps a stale identifier", func(t *testing.T) {
		t.Parallel()
		got := halfFilledForm(t)
		require.NoError(t, mergo.Merge(&got, &src))
		require.Equal(t, facility.MeterNumber("M-20009"), got.Facility.MeterNumber)
		want := halfFilledForm(t)
		merge.Fetch(&want, &rec, merge.FillEmpty)
		require.Equal(t, rec.MeterNumber, want.Facility.MeterNumber, "gridnotify always overwrites it")
	})

	t.Run("override does not clear an identifier the record lacks", func(t *testing.T) {
		t.Parallel()
		bare := rec
		bare.MeterNumber = ""
		bareSrc := recordForm(&bare)
		got := halfFilledForm(t)
		require.NoError(t, mergo.Merge(&got, &bareSrc, mergo.WithOverride))
		require.Equal(t, facility.MeterNumber("M-20009"), got.Facility.MeterNumber)
		want := halfFilledForm(t)
		rep := merge.Fetch(&want, &bare, merge.Overwrite)
		require.Empty(t, want.Facility.MeterNumber)
		require.Equal(t, merge.Cleared, rep.Outcome(merge.FacilityMeterNumber))
	})
}
