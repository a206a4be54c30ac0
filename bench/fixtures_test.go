package bench

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// sampleRecord is what "Hämta anl-data" returns for meter M-20001: SampleRecords()[0], every
// field a lookup fills (the identity numbers are withheld, as from every lookup).
func sampleRecord(tb testing.TB) facility.Record {
	tb.Helper()
	recs := facility.SampleRecords()
	require.NotEmpty(tb, recs)
	rec := recs[0]
	require.Equal(tb, facility.MeterNumber("M-20001"), rec.MeterNumber, "the sample data changed")
	return rec
}

// recordForm is the record in the form's shape, which is what mergo needs (it merges only
// values of one type): Details onto Facility, Owner onto Owner, Customer onto Payer — the
// mapping merge.Fetch applies.
func recordForm(rec *facility.Record) merge.Form {
	return merge.Form{Facility: rec.Details, Owner: rec.Owner, Payer: rec.Customer}
}

// halfFilledForm is a case form the installer has partly typed before fetching: a stale meter
// number of another facility, the grid area, the street written differently, a postal code,
// a fuse that differs from the record's, and the owner's name, personal identity number (which
// the lookup withholds, so only the customer could have given it) and phone; the payer has only
// an e-mail. 11 of the form's 41 fields are filled; the record holds a value for 10 of them.
func halfFilledForm(tb testing.TB) merge.Form {
	tb.Helper()
	pnr, err := privacy.ParsePersonalIdentityNumber("880320-0016")
	require.NoError(tb, err)
	postal, err := facility.ParsePostalCode("254 40")
	require.NoError(tb, err)
	phone, err := privacy.ParsePhone("070-174 06 55")
	require.NoError(tb, err)
	email, err := privacy.ParseEmail("annas.foretag@example.com")
	require.NoError(tb, err)
	return merge.Form{
		Facility: facility.Details{
			MeterNumber: "M-20009",
			Area:        "HBG",
			Address:     facility.Address{Street: privacy.NewText("Ekvägen 3 A"), PostalCode: postal},
			MainFuse:    16,
		},
		Owner: facility.Party{
			Kind:           facility.PartyKindPrivate,
			Surname:        privacy.NewText("Lindqvist"),
			GivenName:      privacy.NewText("Anna"),
			PersonalNumber: pnr,
			Phone:          phone,
		},
		Payer: facility.Party{Email: email},
	}
}

// formCmp compares forms by value. The privacy types have Equal methods, which cmp uses; the
// facility value types and decimal.Decimal are compared explicitly (decimal's == would compare
// *big.Int pointers, not numbers).
var formCmp = cmp.Options{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b facility.EAN) bool { return a == b }),
	cmp.Comparer(func(a, b facility.PostalCode) bool { return a == b }),
}

// formDiff returns cmp's diff of two forms, "" when they are equal.
func formDiff(want, got merge.Form) string { return cmp.Diff(want, got, formCmp) }

// countFilled counts the form's filled fields, as merge defines "filled".
func countFilled(form *merge.Form) int {
	n := 0
	for _, f := range merge.Fields() {
		if f.Filled(form) {
			n++
		}
	}
	return n
}

func TestFixtures(t *testing.T) {
	t.Parallel()
	rec := sampleRecord(t)
	form := halfFilledForm(t)
	src := recordForm(&rec)
	require.Equal(t, 11, countFilled(&form), "halfFilledForm's comment")
	require.Greater(t, countFilled(&src), 20, "the record fills most of the form")
	require.Empty(t, formDiff(form, form))
	other := form
	other.Owner.Surname = privacy.NewText("Berg")
	require.NotEmpty(t, formDiff(form, other), "the comparison must see a changed private field")
	other = form
	other.Facility.Power = decimal.NewFromInt(1)
	require.NotEmpty(t, formDiff(form, other), "the comparison must see a changed decimal")
}
