package bench

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// flatCase is the Öresundskraft service-change/single-meter profile written as validator/v10
// struct tags: one field per case field the profile touches, of the case's own type, so it
// holds exactly the case's values (see flatten). The profile tag names each field by the
// profile path it stands for; the validator reports fields by it.
//
// How the profile's 22 rules map:
//
//   - 17 plain fields (facility ID, meter number, work description, meter placement, both
//     parties' kind, street, postal code and city, the payer's phone and e-mail, the installer's
//     company, authorisation number, contact and phone): `required`. For the value types with
//     unexported fields validator's `required` (WithRequiredStructEnabled) means "not the zero
//     value", which is their IsZero, so it matches gridnotify exactly.
//   - owner.name and payer.name, whose meaning depends on the kind: required_if on the kind.
//     Surname and given name `required_if=OwnerKind 1` (facility.PartyKindPrivate), company
//     name `required_if=OwnerKind 2` (facility.PartyKindCompany). The tag must spell the kind as
//     its number: a tag cannot name a Go constant (TestPartyKindNumbers guards it).
//   - owner.identity and payer.identity: three fields, each required under a conjunction of
//     conditions, which required_if can express (its pairs are ANDed): the personal identity
//     number if private and not "no Swedish number", the birth date if private and "no Swedish
//     number", the organisation number if company.
//
// What does not map (pinned by TestValidateCaseDifferences):
//
//   - A party whose kind is unset: gridnotify reports kind, name and identity missing;
//     required_if has no "kind is neither" form short of listing more rules, so validator
//     reports only the kind.
//   - The profile is data in gridnotify (the catalog JSON, per grid company, installation type
//     and job type); here it is a Go type, one per profile, fixed at compile time.
//   - gridnotify's problem says the identity number is withheld by the lookup and must come
//     from the customer (CodeWithheld, Swedish and English text, the form's Swedish label);
//     validator says "required_if failed" for a field, with no label or Swedish.
type flatCase struct {
	FacilityID      facility.EAN           `profile:"facility.facilityId" validate:"required"`
	MeterNumber     facility.MeterNumber   `profile:"facility.meterNumber" validate:"required"`
	WorkDescription privacy.Text           `profile:"workDescription" validate:"required"`
	MeterPlacement  catalog.MeterPlacement `profile:"meterPlacement" validate:"required"`

	OwnerKind                    facility.PartyKind             `profile:"owner.kind" validate:"required"`
	OwnerCompanyName             privacy.Text                   `profile:"owner.name" validate:"required_if=OwnerKind 2"`
	OwnerSurname                 privacy.Text                   `profile:"owner.name" validate:"required_if=OwnerKind 1"`
	OwnerGivenName               privacy.Text                   `profile:"owner.name" validate:"required_if=OwnerKind 1"`
	OwnerPersonalNumber          privacy.PersonalIdentityNumber `profile:"owner.identity" validate:"required_if=OwnerKind 1 OwnerNoSwedishPersonalNumber false"`
	OwnerNoSwedishPersonalNumber bool                           `profile:"-"`
	OwnerBirthDate               privacy.Date                   `profile:"owner.identity" validate:"required_if=OwnerKind 1 OwnerNoSwedishPersonalNumber true"`
	OwnerOrganisationNumber      privacy.OrganisationNumber     `profile:"owner.identity" validate:"required_if=OwnerKind 2"`
	OwnerStreet                  privacy.Text                   `profile:"owner.address.street" validate:"required"`
	OwnerPostalCode              facility.PostalCode            `profile:"owner.address.postalCode" validate:"required"`
	OwnerCity                    privacy.Text                   `profile:"owner.address.city" validate:"required"`

	PayerKind                    facility.PartyKind             `profile:"payer.kind" validate:"required"`
	PayerCompanyName             privacy.Text                   `profile:"payer.name" validate:"required_if=PayerKind 2"`
	PayerSurname                 privacy.Text                   `profile:"payer.name" validate:"required_if=PayerKind 1"`
	PayerGivenName               privacy.Text                   `profile:"payer.name" validate:"required_if=PayerKind 1"`
	PayerPersonalNumber          privacy.PersonalIdentityNumber `profile:"payer.identity" validate:"required_if=PayerKind 1 PayerNoSwedishPersonalNumber false"`
	PayerNoSwedishPersonalNumber bool                           `profile:"-"`
	PayerBirthDate               privacy.Date                   `profile:"payer.identity" validate:"required_if=PayerKind 1 PayerNoSwedishPersonalNumber true"`
	PayerOrganisationNumber      privacy.OrganisationNumber     `profile:"payer.identity" validate:"required_if=PayerKind 2"`
	PayerStreet                  privacy.Text                   `profile:"payer.address.street" validate:"required"`
	PayerPostalCode              facility.PostalCode            `profile:"payer.address.postalCode" validate:"required"`
	PayerCity                    privacy.Text                   `profile:"payer.address.city" validate:"required"`
	PayerPhone                   privacy.Phone                  `profile:"payer.phone" validate:"required"`
	PayerEmail                   privacy.Email                  `profile:"payer.email" validate:"required"`

	InstallerCompany             string        `profile:"installer.company" validate:"required"`
	InstallerAuthorisationNumber string        `profile:"installer.authorisationNumber" validate:"required"`
	InstallerContact             privacy.Text  `profile:"installer.contact" validate:"required"`
	InstallerPhone               privacy.Phone `profile:"installer.phone" validate:"required"`
}

// flatten copies the case's values into a flatCase.
func flatten(c *notification.Case) flatCase {
	d, o, p, in := c.Facility(), c.Owner(), c.Payer(), c.Installer()
	placement, _ := c.MeterPlacement()
	return flatCase{
		FacilityID: d.ID, MeterNumber: d.MeterNumber, WorkDescription: c.WorkDescription(), MeterPlacement: placement,

		OwnerKind: o.Kind, OwnerCompanyName: o.CompanyName, OwnerSurname: o.Surname, OwnerGivenName: o.GivenName,
		OwnerPersonalNumber: o.PersonalNumber, OwnerNoSwedishPersonalNumber: o.NoSwedishPersonalNumber,
		OwnerBirthDate: o.BirthDate, OwnerOrganisationNumber: o.OrganisationNumber,
		OwnerStreet: o.Address.Street, OwnerPostalCode: o.Address.PostalCode, OwnerCity: o.Address.City,

		PayerKind: p.Kind, PayerCompanyName: p.CompanyName, PayerSurname: p.Surname, PayerGivenName: p.GivenName,
		PayerPersonalNumber: p.PersonalNumber, PayerNoSwedishPersonalNumber: p.NoSwedishPersonalNumber,
		PayerBirthDate: p.BirthDate, PayerOrganisationNumber: p.OrganisationNumber,
		PayerStreet: p.Address.Street, PayerPostalCode: p.Address.PostalCode, PayerCity: p.Address.City,
		PayerPhone: p.Phone, PayerEmail: p.Email,

		InstallerCompany: in.Company, InstallerAuthorisationNumber: in.AuthorisationNumber,
		InstallerContact: in.Contact, InstallerPhone: in.Phone,
	}
}

// newFlatValidator is validator/v10 alone: a fresh instance, required on structs meaning "not
// zero", fields named by their profile tag. Like validate.Validator it is built once.
func newFlatValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		if name := f.Tag.Get("profile"); name != "-" {
			return name
		}
		return ""
	})
	return v
}

var sinkProblems []validate.Problem

// BenchmarkValidateCase measures the completeness check of a complete case against its grid
// company's profile (Öresundskraft, service change, single meter: 22 fields).
//
//   - gridnotify: case.Check(profile) on the case the service built.
//   - validator: Validate.Struct(&flat) with flat = flatten(case), built once outside the loop
//     (a cost gridnotify does not have), and the validator warmed up so that its struct cache
//     is built before timing.
func BenchmarkValidateCase(b *testing.B) {
	c, profile := completeCase(b)
	flat := flatten(c)
	v := newFlatValidator()
	require.NoError(b, v.Struct(&flat))

	b.Run("gridnotify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkProblems = c.Check(profile)
		}
	})
	b.Run("validator", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = v.Struct(&flat)
		}
	})
}

// gridnotifyMissing returns the profile paths gridnotify reports missing, sorted.
func gridnotifyMissing(c *notification.Case, profile validate.Profile) []string {
	var paths []string
	for _, p := range c.Check(profile) {
		paths = append(paths, p.Path)
	}
	slices.Sort(paths)
	return paths
}

// validatorMissing returns the profile paths validator reports, sorted and without duplicates
// (surname and given name both stand for the name).
func validatorMissing(t *testing.T, v *validator.Validate, c *notification.Case) []string {
	t.Helper()
	flat := flatten(c)
	err := v.Struct(&flat)
	if err == nil {
		return nil
	}
	var errs validator.ValidationErrors
	require.True(t, errors.As(err, &errs), "not a validation error: %v", err)
	var paths []string
	for _, fe := range errs {
		paths = append(paths, fe.Field())
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// edited returns a copy of c after edit.
func edited(t *testing.T, c *notification.Case, edit func(*notification.Draft) error) *notification.Case {
	t.Helper()
	d := c.Clone()
	require.NoError(t, d.Edit(validate.Profile{}, installer, d.CreatedAt(), edit,
		notification.WithConsent(notification.SectionOwner), notification.WithConsent(notification.SectionPayer)))
	return d
}

func editOwner(change func(*facility.Party)) func(*notification.Draft) error {
	return func(c *notification.Draft) error {
		p := c.Owner()
		change(&p)
		return c.SetOwner(p)
	}
}

func editPayer(change func(*facility.Party)) func(*notification.Draft) error {
	return func(c *notification.Draft) error {
		p := c.Payer()
		change(&p)
		return c.SetPayer(p)
	}
}

func editInstaller(change func(*notification.Installer)) func(*notification.Draft) error {
	return func(c *notification.Draft) error {
		in := c.Installer()
		change(&in)
		return c.SetInstaller(in)
	}
}

// asCompany turns a private party into a company with a name and an organisation number.
func asCompany(t *testing.T) func(*facility.Party) {
	org, err := privacy.ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	return func(p *facility.Party) {
		p.Kind, p.PersonalNumber = facility.PartyKindCompany, privacy.PersonalIdentityNumber{}
		p.CompanyName, p.OrganisationNumber = privacy.NewText("Lindqvist El AB"), org
	}
}

// withoutSwedishNumber gives a private party a birth date instead of a personal number.
func withoutSwedishNumber(t *testing.T) func(*facility.Party) {
	birth, err := privacy.ParseDate("1988-03-20")
	require.NoError(t, err)
	return func(p *facility.Party) {
		p.PersonalNumber, p.NoSwedishPersonalNumber, p.BirthDate = privacy.PersonalIdentityNumber{}, true, birth
	}
}

// TestValidateCaseAgree shows that the benchmark compares equal work: on the complete case
// neither reports anything, and with any one required field removed both report exactly that
// field; changes the profile does not care about are reported by neither.
func TestValidateCaseAgree(t *testing.T) {
	t.Parallel()
	complete, profile := completeCase(t)
	v := newFlatValidator()
	company, noSwedish := asCompany(t), withoutSwedishNumber(t)

	tests := []struct {
		name string
		edit func(*notification.Draft) error
		want []string
	}{
		{"complete", func(*notification.Draft) error { return nil }, nil},
		{"facility ID", func(c *notification.Draft) error { return c.SetIdentifiers(facility.EAN{}, c.Facility().MeterNumber) }, []string{"facility.facilityId"}},
		{"meter number", func(c *notification.Draft) error { return c.SetIdentifiers(c.Facility().ID, "") }, []string{"facility.meterNumber"}},
		{"work description", func(c *notification.Draft) error { return c.SetWorkDescription("") }, []string{"workDescription"}},
		{"meter placement", func(c *notification.Draft) error { return c.SetMeterPlacement("", "") }, []string{"meterPlacement"}},

		{"owner surname", editOwner(func(p *facility.Party) { p.Surname = privacy.Text{} }), []string{"owner.name"}},
		{"owner given name", editOwner(func(p *facility.Party) { p.GivenName = privacy.Text{} }), []string{"owner.name"}},
		{"owner personal number", editOwner(func(p *facility.Party) { p.PersonalNumber = privacy.PersonalIdentityNumber{} }), []string{"owner.identity"}},
		{"owner without Swedish number, with birth date", editOwner(noSwedish), nil},
		{"owner without Swedish number, no birth date", editOwner(func(p *facility.Party) {
			noSwedish(p)
			p.BirthDate = privacy.Date{}
		}), []string{"owner.identity"}},
		{"owner company, complete", editOwner(company), nil},
		{"owner company, no organisation number", editOwner(func(p *facility.Party) {
			company(p)
			p.OrganisationNumber = privacy.OrganisationNumber{}
		}), []string{"owner.identity"}},
		{"owner company, no company name", editOwner(func(p *facility.Party) {
			company(p)
			p.CompanyName = privacy.Text{}
		}), []string{"owner.name"}},
		{"owner company needs no surname", editOwner(func(p *facility.Party) {
			company(p)
			p.Surname, p.GivenName = privacy.Text{}, privacy.Text{}
		}), nil},
		{"owner street", editOwner(func(p *facility.Party) { p.Address.Street = privacy.Text{} }), []string{"owner.address.street"}},
		{"owner postal code", editOwner(func(p *facility.Party) { p.Address.PostalCode = facility.PostalCode{} }), []string{"owner.address.postalCode"}},
		{"owner city", editOwner(func(p *facility.Party) { p.Address.City = privacy.Text{} }), []string{"owner.address.city"}},
		{"owner phone is not required", editOwner(func(p *facility.Party) { p.Phone = privacy.Phone{} }), nil},

		{"payer personal number", editPayer(func(p *facility.Party) { p.PersonalNumber = privacy.PersonalIdentityNumber{} }), []string{"payer.identity"}},
		{"payer company, no organisation number", editPayer(func(p *facility.Party) {
			company(p)
			p.OrganisationNumber = privacy.OrganisationNumber{}
		}), []string{"payer.identity"}},
		{"payer given name", editPayer(func(p *facility.Party) { p.GivenName = privacy.Text{} }), []string{"payer.name"}},
		{"payer street", editPayer(func(p *facility.Party) { p.Address.Street = privacy.Text{} }), []string{"payer.address.street"}},
		{"payer postal code", editPayer(func(p *facility.Party) { p.Address.PostalCode = facility.PostalCode{} }), []string{"payer.address.postalCode"}},
		{"payer city", editPayer(func(p *facility.Party) { p.Address.City = privacy.Text{} }), []string{"payer.address.city"}},
		{"payer phone", editPayer(func(p *facility.Party) { p.Phone = privacy.Phone{} }), []string{"payer.phone"}},
		{"payer email", editPayer(func(p *facility.Party) { p.Email = privacy.Email{} }), []string{"payer.email"}},
		{"payer without Swedish number, no birth date", editPayer(func(p *facility.Party) {
			noSwedish(p)
			p.BirthDate = privacy.Date{}
		}), []string{"payer.identity"}},

		{"installer company", editInstaller(func(in *notification.Installer) { in.Company = "" }), []string{"installer.company"}},
		{"installer authorisation number", editInstaller(func(in *notification.Installer) { in.AuthorisationNumber = "" }), []string{"installer.authorisationNumber"}},
		{"installer contact", editInstaller(func(in *notification.Installer) { in.Contact = privacy.Text{} }), []string{"installer.contact"}},
		{"installer phone", editInstaller(func(in *notification.Installer) { in.Phone = privacy.Phone{} }), []string{"installer.phone"}},
		{"installer email is not required", editInstaller(func(in *notification.Installer) { in.Email = privacy.Email{} }), nil},

		{"two fields at once", func(c *notification.Draft) error {
			return errors.Join(c.SetWorkDescription(""), editPayer(func(p *facility.Party) { p.Email = privacy.Email{} })(c))
		}, []string{"payer.email", "workDescription"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := edited(t, complete, tt.edit)
			require.Equal(t, tt.want, gridnotifyMissing(c, profile), "gridnotify")
			require.Equal(t, tt.want, validatorMissing(t, v, c), "validator")
		})
	}
}

// TestValidateCaseDifferences pins where the two disagree, as BENCHMARKS.md describes.
func TestValidateCaseDifferences(t *testing.T) {
	t.Parallel()
	complete, profile := completeCase(t)
	v := newFlatValidator()

	t.Run("unset kind", func(t *testing.T) {
		t.Parallel()
		c := edited(t, complete, editOwner(func(p *facility.Party) { p.Kind = facility.PartyKindUnset }))
		require.Equal(t, []string{"owner.identity", "owner.kind", "owner.name"}, gridnotifyMissing(c, profile))
		require.Equal(t, []string{"owner.kind"}, validatorMissing(t, v, c))
	})

	t.Run("withheld identity is explained", func(t *testing.T) {
		t.Parallel()
		c := edited(t, complete, editOwner(func(p *facility.Party) { p.PersonalNumber = privacy.PersonalIdentityNumber{} }))
		problems := c.Check(profile)
		require.Len(t, problems, 1)
		require.Equal(t, validate.CodeWithheld, problems[0].Code)
		require.NotEmpty(t, problems[0].Swedish)
		require.Equal(t, "Fastighetsägare: Personnr.", problems[0].Label)

		flat := flatten(c)
		var errs validator.ValidationErrors
		require.ErrorAs(t, v.Struct(&flat), &errs)
		require.Len(t, errs, 1)
		require.Equal(t, "required_if", errs[0].Tag(), "all validator can say")
	})
}

// TestPartyKindNumbers guards the numbers the required_if tags spell the kinds as.
func TestPartyKindNumbers(t *testing.T) {
	t.Parallel()
	require.Equal(t, facility.PartyKind(1), facility.PartyKindPrivate)
	require.Equal(t, facility.PartyKind(2), facility.PartyKindCompany)
}
