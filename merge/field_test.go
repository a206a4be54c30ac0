package merge_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
)

func TestFields(t *testing.T) {
	t.Parallel()
	all := merge.Fields()
	require.Len(t, all, merge.NumFields)
	for i, f := range all {
		require.Equal(t, merge.Field(i), f, "Fields is in order")
		require.True(t, f.Valid())
	}
	require.False(t, merge.Field(merge.NumFields).Valid())
	require.False(t, merge.Field(255).Valid())
	// Fields returns a fresh slice: a caller's change does not leak into the next call.
	all[0] = merge.PayerEmail
	require.Equal(t, merge.FacilityID, merge.Fields()[0])
	// The sections: 11 facility fields, then 15 owner and 15 payer fields.
	require.Equal(t, merge.FacilityPower+1, merge.OwnerKind)
	require.Equal(t, merge.OwnerInvoiceReference+1, merge.PayerKind)
	require.Equal(t, merge.OwnerInvoiceReference-merge.OwnerKind, merge.PayerInvoiceReference-merge.PayerKind)
	require.Equal(t, 41, merge.NumFields)
}

// TestFieldTable checks the names of every field: unique and non-empty, in the right section,
// and the owner's and payer's fields named alike.
func TestFieldTable(t *testing.T) {
	t.Parallel()
	paths := map[string]merge.Field{}
	labels := map[string]merge.Field{}
	english := map[string]merge.Field{}
	for _, f := range merge.Fields() {
		p, l, e := f.Path(), f.Label(), f.English()
		for _, s := range []struct {
			kind, v string
			seen    map[string]merge.Field
		}{{"path", p, paths}, {"label", l, labels}, {"English", e, english}} {
			require.NotEmptyf(t, s.v, "%s of field %d", s.kind, f)
			prev, dup := s.seen[s.v]
			require.Falsef(t, dup, "%s %q of field %d is also field %d's", s.kind, s.v, f, prev)
			s.seen[s.v] = f
			require.Equal(t, strings.TrimSpace(s.v), s.v)
		}
		require.Equal(t, p, f.String())

		got, ok := merge.FieldByPath(p)
		require.True(t, ok, p)
		require.Equal(t, f, got, "FieldByPath round-trips %q", p)

		var section, sv, en string
		switch {
		case isOwnerField(f):
			section, sv, en = "owner.", "Fastighetsägare: ", "property owner: "
			payer := f - merge.OwnerKind + merge.PayerKind
			require.Equal(t, strings.TrimPrefix(p, "owner."), strings.TrimPrefix(payer.Path(), "payer."))
			require.Equal(t, strings.TrimPrefix(l, sv), strings.TrimPrefix(payer.Label(), "Betalningsansvarig: "))
			require.Equal(t, strings.TrimPrefix(e, en), strings.TrimPrefix(payer.English(), "payer: "))
		case isPayerField(f):
			section, sv, en = "payer.", "Betalningsansvarig: ", "payer: "
		default:
			section = "facility."
		}
		require.Truef(t, strings.HasPrefix(p, section), "%q in section %q", p, section)
		require.Truef(t, strings.HasPrefix(l, sv), "%q has prefix %q", l, sv)
		require.Truef(t, strings.HasPrefix(e, en), "%q has prefix %q", e, en)
	}

	// Spot checks against the manual's labels.
	spot := []struct {
		f           merge.Field
		path, label string
	}{
		{merge.FacilityID, "facility.facilityId", "Anläggnings-ID (EAN)"},
		{merge.FacilityMeterNumber, "facility.meterNumber", "Mätarnummer"},
		{merge.FacilityTechnicalNumber, "facility.technicalNumber", "Tekniskt nummer"},
		{merge.OwnerPersonalNumber, "owner.personalNumber", "Fastighetsägare: Personnr."},
		{merge.PayerInvoiceReference, "payer.invoiceReference", "Betalningsansvarig: Fakturaref."},
		{merge.PayerPostalCode, "payer.address.postalCode", "Betalningsansvarig: Postnr"},
	}
	for _, s := range spot {
		assert.Equal(t, s.path, s.f.Path())
		assert.Equal(t, s.label, s.f.Label())
	}
}

func TestFieldInvalid(t *testing.T) {
	t.Parallel()
	for _, f := range []merge.Field{merge.Field(merge.NumFields), 200, 255} {
		require.False(t, f.Valid())
		require.True(t, strings.HasPrefix(f.Path(), "Field("), f.Path())
		require.Equal(t, f.Path(), f.Label())
		require.Equal(t, f.Path(), f.English())
		require.Equal(t, f.Path(), f.String())
		require.False(t, f.Withheld())
		require.False(t, f.AlwaysOverwritten())
		full := fullForm(t)
		require.False(t, f.Filled(&full))
		_, ok := merge.FieldByPath(f.Path())
		require.False(t, ok)
	}
	for _, p := range []string{"", "owner", "facility.", "Owner.Surname", "owner.surname ", "customer.surname", "facility.address"} {
		_, ok := merge.FieldByPath(p)
		require.Falsef(t, ok, "FieldByPath(%q)", p)
	}
}

// TestFieldPathIsJSONPath checks each Path against the Form's JSON encoding: setting only
// field f changes exactly the JSON leaf at f.Path().
func TestFieldPathIsJSONPath(t *testing.T) {
	t.Parallel()
	acc := newSamples(t).accessors()
	base := leaves(t, merge.Form{})
	for _, f := range merge.Fields() {
		var form merge.Form
		acc[f].form(&form, valA)
		got := leaves(t, form)
		var changed []string
		for k, v := range got {
			if b, ok := base[k]; !ok || b != v {
				changed = append(changed, k)
			}
		}
		for k := range base {
			if _, ok := got[k]; !ok {
				changed = append(changed, k)
			}
		}
		require.Equalf(t, []string{f.Path()}, changed, "JSON leaves changed by setting %v", f)
	}
}

// leaves flattens the JSON encoding of a form into dotted paths and their encoded values.
func leaves(t *testing.T, form merge.Form) map[string]string {
	t.Helper()
	b, err := json.Marshal(form)
	require.NoError(t, err)
	var tree map[string]any
	require.NoError(t, json.Unmarshal(b, &tree))
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				walk(prefix+k+".", x)
			}
			return
		}
		enc, err := json.Marshal(v)
		require.NoError(t, err)
		out[strings.TrimSuffix(prefix, ".")] = string(enc)
	}
	walk("", tree)
	return out
}

func TestFieldWithheld(t *testing.T) {
	t.Parallel()
	want := []merge.Field{
		merge.OwnerPersonalNumber, merge.OwnerOrganisationNumber, merge.OwnerBirthDate,
		merge.PayerPersonalNumber, merge.PayerOrganisationNumber, merge.PayerBirthDate,
	}
	var got []merge.Field
	for _, f := range merge.Fields() {
		if f.Withheld() {
			got = append(got, f)
		}
	}
	require.Equal(t, want, got)
}

func TestFieldAlwaysOverwritten(t *testing.T) {
	t.Parallel()
	var got []merge.Field
	for _, f := range merge.Fields() {
		if f.AlwaysOverwritten() {
			got = append(got, f)
		}
	}
	require.Equal(t, []merge.Field{merge.FacilityID, merge.FacilityTechnicalNumber, merge.FacilityMeterNumber}, got)
}

// TestFieldFilled checks Filled on an empty form, a full form, and a form with one field set
// (TestAccessorsCoverEveryField checks the last for every field with value A; here B too).
func TestFieldFilled(t *testing.T) {
	t.Parallel()
	acc := newSamples(t).accessors()
	full := fullForm(t)
	var zero merge.Form
	for _, f := range merge.Fields() {
		assert.False(t, f.Filled(&zero), f.Path())
		assert.True(t, f.Filled(&full), f.Path())
		if !acc[f].hasB {
			continue
		}
		var form merge.Form
		acc[f].form(&form, valB)
		assert.True(t, f.Filled(&form), f.Path())
		// Clearing the field on a full form makes only it empty.
		cleared := full
		acc[f].form(&cleared, empty)
		for _, g := range merge.Fields() {
			assert.Equalf(t, f != g, g.Filled(&cleared), "cleared %v, Filled(%v)", f, g)
		}
	}
}
