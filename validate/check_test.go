package validate_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// doc is a Document whose filled fields are listed.
type doc map[validate.Field]bool

func (d doc) Filled(f validate.Field) bool { return d[f] }

func TestCheckListsMissingFieldsInProfileOrder(t *testing.T) {
	t.Parallel()
	profile, err := validate.NewProfile("meterPlacement", "owner.identity", "facility.meterNumber", "owner.identity")
	require.NoError(t, err)
	require.Equal(t, []validate.Field{validate.MeterPlacement, validate.OwnerIdentity, validate.FormField(merge.FacilityMeterNumber)},
		profile.Required(), "duplicates are dropped, order kept")

	problems := validate.Check(doc{validate.FormField(merge.FacilityMeterNumber): true}, profile)
	require.Len(t, problems, 2)
	require.Equal(t, validate.Problem{
		Path: "meterPlacement", Label: "Önskad mätarplacering", Code: validate.CodeRequired, Tag: "required",
		Swedish: "Obligatoriskt fält saknar värde.", English: "Required field is empty.",
	}, problems[0])
	require.Equal(t, "owner.identity", problems[1].Path)
	require.Equal(t, validate.CodeWithheld, problems[1].Code, "an identity number is withheld by the lookup")
	require.Contains(t, problems[1].Swedish, "fråga kunden")
	require.Contains(t, problems[1].English, "ask the customer")

	complete := doc{validate.MeterPlacement: true, validate.OwnerIdentity: true, validate.FormField(merge.FacilityMeterNumber): true}
	require.Nil(t, validate.Check(complete, profile))
	require.NoError(t, validate.Complete(complete, profile))

	err = validate.Complete(doc{}, profile)
	require.ErrorIs(t, err, validate.ErrIncomplete)
	var inc *validate.IncompleteError
	require.ErrorAs(t, err, &inc)
	require.Len(t, inc.Problems, 3)
	require.Equal(t, "validate: the notification is incomplete: meterPlacement, owner.identity, facility.meterNumber", err.Error())
}

func TestZeroProfileRequiresNothing(t *testing.T) {
	t.Parallel()
	require.Nil(t, validate.Check(doc{}, validate.Profile{}))
}

func TestProfileJSON(t *testing.T) {
	t.Parallel()
	var p validate.Profile
	require.NoError(t, json.Unmarshal([]byte(`{"required":["payer.phone","owner.name"]}`), &p))
	require.True(t, p.Requires(validate.OwnerName))
	require.False(t, p.Requires(validate.PayerName))
	out, err := json.Marshal(p)
	require.NoError(t, err)
	require.JSONEq(t, `{"required":["payer.phone","owner.name"]}`, string(out))

	err = json.Unmarshal([]byte(`{"required":["owner.shoeSize"]}`), &p)
	require.ErrorIs(t, err, validate.ErrUnknownField)
	require.Contains(t, err.Error(), `"owner.shoeSize"`)
	require.True(t, p.Requires(validate.OwnerName), "a failed decode leaves the profile as it was")

	require.Error(t, json.Unmarshal([]byte(`{"required":"owner.name"}`), &p))
}

func TestProfileJoin(t *testing.T) {
	t.Parallel()
	base, err := validate.NewProfile("owner.name", "payer.name")
	require.NoError(t, err)
	extra, err := validate.NewProfile("payer.name", "meterPlacement")
	require.NoError(t, err)
	require.Equal(t, []validate.Field{validate.OwnerName, validate.PayerName, validate.MeterPlacement}, base.Join(extra).Required())
	require.Len(t, base.Required(), 2, "Join does not change its receiver")
}

func TestFieldTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for f := validate.Field(0); int(f) < validate.NumFields; f++ {
		require.True(t, f.Valid())
		require.NotEmpty(t, f.Path())
		require.NotEmpty(t, f.Label(), f.Path())
		require.NotEmpty(t, f.English(), f.Path())
		require.False(t, seen[f.Path()], "duplicate path %s", f.Path())
		seen[f.Path()] = true
		back, ok := validate.FieldByPath(f.Path())
		require.True(t, ok, f.Path())
		require.Equal(t, f, back)
	}
	require.False(t, validate.Field(validate.NumFields).Valid())
	_, ok := validate.FieldByPath("nope")
	require.False(t, ok)
	require.Equal(t, "Önskad mätarplacering", validate.MeterPlacement.Label())
	require.Equal(t, "Betalningsansvarig: Personnr.", validate.FormField(merge.PayerPersonalNumber).Label())
}

func TestFormFilledIdentityAndName(t *testing.T) {
	t.Parallel()
	pn, err := privacy.ParsePersonalIdentityNumber("880320-0016")
	require.NoError(t, err)
	on, err := privacy.ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	born, err := privacy.ParseDate("1975-04-01")
	require.NoError(t, err)
	name := privacy.NewText("Berg")

	tests := []struct {
		name           string
		party          facility.Party
		identity, full bool
	}{
		{"unset kind has neither", facility.Party{PersonalNumber: pn, Surname: name, GivenName: name}, false, false},
		{"private with personal number", facility.Party{Kind: facility.PartyKindPrivate, PersonalNumber: pn, Surname: name, GivenName: name}, true, true},
		{"private with only an organisation number", facility.Party{Kind: facility.PartyKindPrivate, OrganisationNumber: on, Surname: name}, false, false},
		{"private without Swedish number but birth date", facility.Party{Kind: facility.PartyKindPrivate, NoSwedishPersonalNumber: true, BirthDate: born}, true, false},
		{"private without Swedish number or birth date", facility.Party{Kind: facility.PartyKindPrivate, NoSwedishPersonalNumber: true}, false, false},
		{"company with organisation number", facility.Party{Kind: facility.PartyKindCompany, OrganisationNumber: on, CompanyName: name}, true, true},
		{"company with personal number only", facility.Party{Kind: facility.PartyKindCompany, PersonalNumber: pn}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			form := merge.Form{Owner: tt.party}
			got, ok := validate.FormFilled(&form, validate.OwnerIdentity)
			require.True(t, ok)
			require.Equal(t, tt.identity, got, "identity")
			got, ok = validate.FormFilled(&form, validate.OwnerName)
			require.True(t, ok)
			require.Equal(t, tt.full, got, "name")
			got, _ = validate.FormFilled(&form, validate.PayerIdentity)
			require.False(t, got, "the payer is empty")
		})
	}
	_, ok := validate.FormFilled(&merge.Form{}, validate.MeterPlacement)
	require.False(t, ok, "a field outside the form is not the form's to answer")
}

// formDoc is a Document and Labeller over a form, as a case is.
type formDoc struct{ form merge.Form }

func (d formDoc) Filled(f validate.Field) bool {
	filled, _ := validate.FormFilled(&d.form, f)
	return filled
}
func (d formDoc) FieldLabel(f validate.Field) string { return validate.FormLabel(&d.form, f) }

// TestMissingIdentityIsLabelledByKind: a company's missing identity is its Org.nr, a private
// person's their Personnr.
func TestMissingIdentityIsLabelledByKind(t *testing.T) {
	t.Parallel()
	profile, err := validate.NewProfile("owner.identity", "payer.identity", "facility.meterNumber")
	require.NoError(t, err)
	problems := validate.Check(formDoc{merge.Form{
		Owner: facility.Party{Kind: facility.PartyKindCompany},
		Payer: facility.Party{Kind: facility.PartyKindPrivate},
	}}, profile)
	require.Len(t, problems, 3)
	require.Equal(t, "Fastighetsägare: Org.nr", problems[0].Label)
	require.Equal(t, "Betalningsansvarig: Personnr.", problems[1].Label)
	require.Equal(t, validate.FormField(merge.FacilityMeterNumber).Label(), problems[2].Label)

	problems = validate.Check(formDoc{merge.Form{Payer: facility.Party{Kind: facility.PartyKindCompany}}}, profile)
	require.Equal(t, "Fastighetsägare: Personnr.", problems[0].Label, "a party of unset kind keeps the field's label")
	require.Equal(t, "Betalningsansvarig: Org.nr", problems[1].Label)
}
