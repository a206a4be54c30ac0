package validate

import (
	"context"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// The format tags registered on the validator, for use in `validate:"..."` struct tags on
// string fields. Each accepts exactly what the matching parser accepts; an empty string fails
// all of them, so combine with omitempty for optional fields.
const (
	TagFacilityID     = "facility_id"     // facility.ParseEAN: 18 digits, GS1 check digit
	TagPersonalNumber = "personal_number" // privacy.ParsePersonalIdentityNumber, coordination numbers too
	TagOrgNumber      = "org_number"      // privacy.ParseOrganisationNumber, sole traders too
	TagPostalCode     = "postal_code"     // facility.ParsePostalCode: NNN NN
	TagPhone          = "phone_se"        // privacy.ParsePhone: Swedish number
	TagAreaCode       = "area_code"       // facility.ParseAreaCode: [A-Z0-9]{3}
	TagMeterNumber    = "meter_number"    // facility.ParseMeterNumber
	TagMainFuse       = "main_fuse"       // facility.ParseAmpere: a standard fuse size
	// TagEmail replaces validator's own "email" with privacy.ParseEmail, so an input that
	// passes the tag also parses: one rule for e-mail in the whole project.
	TagEmail = "email"
	// TagText is single-line free text (a name, a street, a city): privacy.CleanText, so no
	// control character, valid UTF-8, not blank.
	TagText = "text"
	// TagMultilineText is multi-line free text (a note, a description of the work):
	// privacy.CleanText with newline and tab allowed.
	TagMultilineText = "text_multiline"
)

// formatChecks maps each project tag to its parser.
var formatChecks = map[string]func(string) error{
	TagFacilityID:     func(s string) error { _, err := facility.ParseEAN(s); return err },
	TagPersonalNumber: func(s string) error { _, err := privacy.ParsePersonalIdentityNumber(s); return err },
	TagOrgNumber:      func(s string) error { _, err := privacy.ParseOrganisationNumber(s); return err },
	TagPostalCode:     func(s string) error { _, err := facility.ParsePostalCode(s); return err },
	TagPhone:          func(s string) error { _, err := privacy.ParsePhone(s); return err },
	TagAreaCode:       func(s string) error { _, err := facility.ParseAreaCode(s); return err },
	TagMeterNumber:    func(s string) error { _, err := facility.ParseMeterNumber(s); return err },
	TagMainFuse:       func(s string) error { _, err := facility.ParseAmpere(s); return err },
	TagEmail:          func(s string) error { _, err := privacy.ParseEmail(s); return err },
	TagText:           func(s string) error { _, err := privacy.CleanText(s, false); return err },
	TagMultilineText:  func(s string) error { _, err := privacy.CleanText(s, true); return err },
}

// Tags returns the project's format tags.
func Tags() []string {
	return []string{TagFacilityID, TagPersonalNumber, TagOrgNumber, TagPostalCode, TagPhone,
		TagAreaCode, TagMeterNumber, TagMainFuse, TagEmail, TagText, TagMultilineText}
}

var (
	instanceOnce sync.Once
	instance     *validator.Validate
)

// Validator returns the package's validator/v10 instance, built on first use with the
// project's format tags registered and field names taken from JSON tags. It is safe for
// concurrent use; register nothing more on it (validator's registration is not).
func Validator() *validator.Validate {
	instanceOnce.Do(func() { instance = newValidator() })
	return instance
}

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(jsonName)
	for tag, check := range formatChecks {
		// Registration fails only for an empty tag or nil function; ours are neither.
		_ = v.RegisterValidationCtx(tag, stringCheck(tag, check))
	}
	return v
}

// stringCheck adapts a parser to a validator function; a field that is not a string fails.
// When the validator runs under [Struct], the parser's error for a refused value is recorded,
// so that the problem says why without parsing again.
func stringCheck(tag string, check func(string) error) validator.FuncCtx {
	return func(ctx context.Context, fl validator.FieldLevel) bool {
		f := fl.Field()
		if f.Kind() != reflect.String {
			return false
		}
		s := f.String()
		err := check(s)
		if err == nil {
			return true
		}
		if rec := recorderFrom(ctx); rec != nil {
			rec.record(tag, s, err)
		}
		return false
	}
}

// jsonName names a struct field by its JSON name, so problems follow the JSON paths.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}
