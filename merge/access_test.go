package merge_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
)

// TestFieldClear: clearing f on a full form empties f and nothing else.
func TestFieldClear(t *testing.T) {
	t.Parallel()
	acc := newSamples(t).accessors()
	for _, f := range merge.Fields() {
		st := fill(valA)
		form := buildForm(acc, st)
		f.Clear(&form)
		st[f] = empty
		require.Empty(t, cmp.Diff(buildForm(acc, st), form, cmpOpts), "Clear(%v)", f)
		require.False(t, f.Filled(&form))
	}
	full := fullForm(t)
	for _, f := range []merge.Field{merge.Field(merge.NumFields), 255} {
		form := full
		f.Clear(&form)
		require.Empty(t, cmp.Diff(full, form, cmpOpts), "an unknown field clears nothing")
	}
}

// TestFieldReveal: Reveal gives the clear value of exactly the field asked for.
func TestFieldReveal(t *testing.T) {
	t.Parallel()
	acc := newSamples(t).accessors()
	var zero merge.Form
	seen := map[string]merge.Field{}
	full := buildForm(acc, fill(valA))
	for _, f := range merge.Fields() {
		require.Empty(t, f.Reveal(&zero), "an empty %v reveals nothing", f)
		var form merge.Form
		acc[f].form(&form, valA)
		got := f.Reveal(&form)
		require.NotEmpty(t, got, f.Path())
		require.Equal(t, got, f.Reveal(&full), "Reveal(%v) reads its own field only", f)
		if acc[f].hasB {
			var b merge.Form
			acc[f].form(&b, valB)
			require.NotEqual(t, got, f.Reveal(&b), f.Path())
		}
		if prev, ok := seen[got]; ok && !sameSubField(prev, f) {
			// Owner and payer share sample values, and so do the facility's and a party's
			// address fields; other fields must not reveal each other's value.
			t.Errorf("%v reveals %v's value", f, prev)
		}
		seen[got] = f
	}
	spot := []struct {
		f    merge.Field
		want string
	}{
		{merge.FacilityMeterNumber, "M-20001"},
		{merge.FacilityMainFuse, "16"},
		{merge.FacilityPower, "11"},
		{merge.FacilityArea, "HBG"},
		{merge.OwnerKind, "private"},
		{merge.OwnerSurname, "Lindqvist"},
		{merge.PayerEmail, "a@example.com"},
		{merge.PayerNoSwedishPersonalNumber, "true"},
		{merge.OwnerInvoiceReference, "FF-4711"},
	}
	for _, s := range spot {
		assert.Equal(t, s.want, s.f.Reveal(&full), s.f.Path())
	}
	for _, f := range []merge.Field{merge.Field(merge.NumFields), 255} {
		require.Empty(t, f.Reveal(&full))
	}
}

// sameSubField reports whether a and b are the same kind of field in different sections,
// which the tests fill with the same sample value.
func sameSubField(a, b merge.Field) bool {
	sub := func(f merge.Field) merge.Field {
		switch {
		case isOwnerField(f):
			return f - merge.OwnerKind + merge.PayerKind
		case f == merge.FacilityCareOf:
			return merge.PayerCareOf
		case f == merge.FacilityStreet:
			return merge.PayerStreet
		case f == merge.FacilityPostalCode:
			return merge.PayerPostalCode
		case f == merge.FacilityCity:
			return merge.PayerCity
		}
		return f
	}
	return sub(a) == sub(b)
}
