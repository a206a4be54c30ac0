package bench

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// formInput is an input struct that uses every format tag the project registers, as a request
// body of an installer's back-office system would.
type formInput struct {
	FacilityID     string `json:"facilityId" validate:"facility_id"`
	PersonalNumber string `json:"personalNumber" validate:"personal_number"`
	OrgNumber      string `json:"organisationNumber" validate:"org_number"`
	PostalCode     string `json:"postalCode" validate:"postal_code"`
	Phone          string `json:"phone" validate:"phone_se"`
	Area           string `json:"area" validate:"area_code"`
	Meter          string `json:"meterNumber" validate:"meter_number"`
	Fuse           string `json:"mainFuse" validate:"main_fuse"`
	Email          string `json:"email" validate:"omitempty,email"`
}

// validFormInput passes every tag.
func validFormInput() formInput {
	return formInput{
		FacilityID: "735 999 123 456 789 018", PersonalNumber: "880320-0016", OrgNumber: "556016-0680",
		PostalCode: "SE-252 21", Phone: "070-174 06 55", Area: "HBG", Meter: "M-20001", Fuse: "25 A",
		Email: "anna@example.se",
	}
}

// threeProblems has three malformed fields: a facility ID and a personal identity number with a
// wrong check digit, and a postal code starting with 0.
func threeProblems() formInput {
	in := validFormInput()
	in.FacilityID = "735999123456789019"
	in.PersonalNumber = "880320-0018"
	in.PostalCode = "052 21"
	return in
}

// threeProblemPaths are the fields threeProblems gets wrong, in struct order.
var threeProblemPaths = []string{"facilityId", "personalNumber", "postalCode"}

// plainChecks are the same parsers validate registers, one per tag: the "equal functions" the
// plain validator is given.
var plainChecks = map[string]func(string) error{
	validate.TagFacilityID:     func(s string) error { _, err := facility.ParseEAN(s); return err },
	validate.TagPersonalNumber: func(s string) error { _, err := privacy.ParsePersonalIdentityNumber(s); return err },
	validate.TagOrgNumber:      func(s string) error { _, err := privacy.ParseOrganisationNumber(s); return err },
	validate.TagPostalCode:     func(s string) error { _, err := facility.ParsePostalCode(s); return err },
	validate.TagPhone:          func(s string) error { _, err := privacy.ParsePhone(s); return err },
	validate.TagAreaCode:       func(s string) error { _, err := facility.ParseAreaCode(s); return err },
	validate.TagMeterNumber:    func(s string) error { _, err := facility.ParseMeterNumber(s); return err },
	validate.TagMainFuse:       func(s string) error { _, err := facility.ParseAmpere(s); return err },
	validate.TagEmail:          func(s string) error { _, err := privacy.ParseEmail(s); return err },
}

// newPlainValidator is validator/v10 with the same parsers registered under the same tags as
// plain boolean functions, and fields named by their JSON names: what a team would build
// without package validate. It says which fields and tags failed, no more (no label, no
// reason, no Swedish).
func newPlainValidator(tb testing.TB) *validator.Validate {
	tb.Helper()
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	})
	for tag, check := range plainChecks {
		require.NoError(tb, v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			return check(fl.Field().String()) == nil
		}))
	}
	return v
}

// BenchmarkValidateStruct measures validate.Struct, with its Swedish and English problems,
// against a plain validator/v10 instance with the same parsers, on a valid input and on one
// with three problems, both given a pointer to the input as validator's documentation does.
// validator-value gives the plain validator the struct itself: validator allocates once per
// field it reaches through a pointer and not for the fields of a value, and validate.Struct
// validates a copy (see validate.Struct), so this is the comparison with the traversal costs
// alike, which leaves only what validate adds. Both validators are warmed up (struct cache
// built) before timing.
func BenchmarkValidateStruct(b *testing.B) {
	plain := newPlainValidator(b)
	for _, tc := range []struct {
		name string
		in   formInput
	}{
		{"valid", validFormInput()},
		{"three-problems", threeProblems()},
	} {
		in := tc.in
		_ = validate.Struct(&in)
		_ = plain.Struct(&in)
		b.Run(tc.name+"/gridnotify", func(b *testing.B) {
			b.ReportAllocs()
			done := cpuMetric(b)
			for b.Loop() {
				sinkErr = validate.Struct(&in)
			}
			done()
		})
		b.Run(tc.name+"/validator", func(b *testing.B) {
			b.ReportAllocs()
			done := cpuMetric(b)
			for b.Loop() {
				sinkErr = plain.Struct(&in)
			}
			done()
		})
		b.Run(tc.name+"/validator-value", func(b *testing.B) {
			b.ReportAllocs()
			done := cpuMetric(b)
			for b.Loop() {
				sinkErr = plain.Struct(in)
			}
			done()
		})
	}
}

// TestValidateStructAgree shows that both sides of BenchmarkValidateStruct do the same work:
// both accept the valid input and both report exactly the three fields, with the same tags.
func TestValidateStructAgree(t *testing.T) {
	plain := newPlainValidator(t)
	in := validFormInput()
	require.NoError(t, validate.Struct(&in))
	require.NoError(t, plain.Struct(&in))

	in = threeProblems()
	var inv *validate.InvalidError
	require.ErrorAs(t, validate.Struct(&in), &inv)
	var errs validator.ValidationErrors
	require.True(t, errors.As(plain.Struct(&in), &errs))
	require.Len(t, inv.Problems, len(threeProblemPaths))
	require.Len(t, errs, len(threeProblemPaths))
	for i, path := range threeProblemPaths {
		require.Equal(t, path, inv.Problems[i].Path)
		require.Equal(t, "formInput."+path, errs[i].Namespace())
		require.Equal(t, errs[i].Tag(), inv.Problems[i].Tag)
		require.NotEmpty(t, inv.Problems[i].Swedish)
		require.NotEmpty(t, inv.Problems[i].English)
	}
}
