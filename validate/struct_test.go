package validate_test

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// input uses every format tag the project registers.
type input struct {
	FacilityID     string `json:"facilityId" validate:"facility_id"`
	PersonalNumber string `json:"personalNumber" validate:"personal_number"`
	OrgNumber      string `json:"organisationNumber" validate:"org_number"`
	PostalCode     string `json:"postalCode" validate:"postal_code"`
	Phone          string `json:"phone" validate:"phone_se"`
	Area           string `json:"area" validate:"area_code"`
	Meter          string `json:"meterNumber" validate:"meter_number"`
	Fuse           string `json:"mainFuse" validate:"main_fuse"`
	Email          string `json:"email" validate:"omitempty,email"`
	Note           string `json:"note" validate:"max=5"`
}

func validInput() input {
	return input{
		FacilityID: "735 999 123 456 789 018", PersonalNumber: "880320-0016", OrgNumber: "556016-0680",
		PostalCode: "SE-252 21", Phone: "070-174 06 55", Area: "hbg", Meter: "M-20001", Fuse: "25 A",
		Email: "a@example.se", Note: "kort",
	}
}

func TestStructAcceptsValidInput(t *testing.T) {
	t.Parallel()
	require.NoError(t, validate.Struct(validInput()))
	in := validInput()
	require.NoError(t, validate.Struct(&in), "a pointer to a struct works too")
}

func TestStructNamesFieldAndReason(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		change   func(*input)
		path     string
		tag      string
		english  string // a part of the English message
		swedish  string // a part of the Swedish message
		mustHide string // the value, which no message may contain
	}{
		{"facility ID check digit", func(in *input) { in.FacilityID = "735999123456789019" }, "facilityId", "facility_id", "check digit", "kontrollsiffra", "735999123456789019"},
		{"facility ID length", func(in *input) { in.FacilityID = "73599912345" }, "facilityId", "facility_id", "length", "längd", "73599912345"},
		{"personal number check digit", func(in *input) { in.PersonalNumber = "880320-0018" }, "personalNumber", "personal_number", "check digit", "kontrollsiffra", "0018"},
		{"personal number date", func(in *input) { in.PersonalNumber = "880230-0014" }, "personalNumber", "personal_number", "date", "datum", "880230"},
		{"org number check digit", func(in *input) { in.OrgNumber = "5560160681" }, "organisationNumber", "org_number", "check digit", "kontrollsiffra", "5560160681"},
		{"postal code leading zero", func(in *input) { in.PostalCode = "052 21" }, "postalCode", "postal_code", "", "", "052 21"},
		{"phone not Swedish", func(in *input) { in.Phone = "+4520123456" }, "phone", "phone_se", "", "", "20123456"},
		{"area code length", func(in *input) { in.Area = "HBGX" }, "area", "area_code", "", "", "HBGX"},
		{"meter number character", func(in *input) { in.Meter = "M#1" }, "meterNumber", "meter_number", "", "", "M#1"},
		{"fuse size", func(in *input) { in.Fuse = "24" }, "mainFuse", "main_fuse", "", "", "24 A"},
		{"email", func(in *input) { in.Email = "not-an-address" }, "email", "email", "valid form", "format", "not-an-address"},
		{"max", func(in *input) { in.Note = "för lång" }, "note", "max", "At most 5", "Högst 5", "för lång"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := validInput()
			tt.change(&in)
			err := validate.Struct(in)
			require.ErrorIs(t, err, validate.ErrInvalid)
			var inv *validate.InvalidError
			require.True(t, errors.As(err, &inv))
			require.Len(t, inv.Problems, 1)
			p := inv.Problems[0]
			require.Equal(t, tt.path, p.Path)
			require.Equal(t, tt.tag, p.Tag)
			require.Equal(t, validate.CodeFormat, p.Code)
			require.NotEmpty(t, p.Swedish)
			require.NotEmpty(t, p.English)
			require.Contains(t, strings.ToLower(p.English), strings.ToLower(tt.english))
			require.Contains(t, strings.ToLower(p.Swedish), strings.ToLower(tt.swedish))
			for _, text := range []string{p.Swedish, p.English, p.Label, err.Error()} {
				require.NotContains(t, text, tt.mustHide, "a message must not repeat the value")
			}
			var byPointer *validate.InvalidError
			require.ErrorAs(t, validate.Struct(&in), &byPointer)
			require.Equal(t, inv.Problems, byPointer.Problems, "through a pointer (a copy) alike")
		})
	}
}

func TestStructLabelsNotificationFields(t *testing.T) {
	t.Parallel()
	_, err := notification.ParseParty("owner", notification.PartyInput{
		PersonalNumber: privacy.NewText("880320-0018"),
		Address:        notification.AddressInput{PostalCode: privacy.NewText("012 34")},
	})
	var inv *validate.InvalidError
	require.ErrorAs(t, err, &inv)
	got := map[string]string{}
	for _, p := range inv.Problems {
		got[p.Path] = p.Label
	}
	require.Equal(t, map[string]string{
		"owner.personalNumber":     "Fastighetsägare: Personnr.",
		"owner.address.postalCode": "Fastighetsägare: Postnr",
	}, got)
}

func TestStructRejectsNonStructWithoutPanic(t *testing.T) {
	t.Parallel()
	require.Error(t, validate.Struct(42))
	require.Error(t, validate.Struct(nil))
	type wrongKind struct {
		N int `validate:"facility_id"`
	}
	require.ErrorIs(t, validate.Struct(wrongKind{N: 1}), validate.ErrInvalid)
}

// TestEveryTagHasMessages walks the project's input structs and checks that every tag they
// use has a Swedish and an English message of its own.
func TestEveryTagHasMessages(t *testing.T) {
	t.Parallel()
	for _, v := range []any{notification.PartyInput{}, notification.AddressInput{}, notification.FetchRequest{}, input{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			for _, rule := range strings.Split(typ.Field(i).Tag.Get("validate"), ",") {
				tag, _, _ := strings.Cut(rule, "=")
				if tag == "" || tag == "omitempty" {
					continue
				}
				require.True(t, validate.HasMessages(tag), "%s.%s: tag %q has no Swedish/English message", typ.Name(), typ.Field(i).Name, tag)
			}
		}
	}
	for _, tag := range validate.Tags() {
		require.True(t, validate.HasMessages(tag), tag)
	}
}

func TestValidatorIsSharedAndConcurrent(t *testing.T) {
	t.Parallel()
	require.Same(t, validate.Validator(), validate.Validator())
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			in := validInput()
			if i%2 == 1 {
				in.FacilityID = "735999123456789019"
			}
			err := validate.Struct(in)
			if (err != nil) != (i%2 == 1) {
				t.Errorf("goroutine %d: unexpected result %v", i, err)
			}
		})
	}
	wg.Wait()
}

// TestStructThroughPointerAsValue: through a pointer Struct reports what it reports for the
// struct itself, and allocates no more, since it validates a copy (validator would allocate
// once per field it reaches through the pointer).
func TestStructThroughPointerAsValue(t *testing.T) {
	in := validInput()
	in.FacilityID, in.PostalCode, in.Note = "735999123456789019", "052 21", "för lång"
	var byValue, byPointer *validate.InvalidError
	require.ErrorAs(t, validate.Struct(in), &byValue)
	require.ErrorAs(t, validate.Struct(&in), &byPointer)
	require.Len(t, byPointer.Problems, 3)
	require.Equal(t, byValue.Problems, byPointer.Problems)
	require.ErrorIs(t, byPointer, privacy.ErrCheckDigit)

	valid := validInput()
	ptrAllocs := testing.AllocsPerRun(100, func() { _ = validate.Struct(&valid) })
	valueAllocs := testing.AllocsPerRun(100, func() { _ = validate.Struct(valid) })
	require.LessOrEqual(t, ptrAllocs, valueAllocs)

	require.Error(t, validate.Struct((*input)(nil)), "a nil pointer is validator's error, not a panic")
}

// checked has a validation method with a pointer receiver, which validator's validateFn finds
// only on an addressable value.
type checked struct{ ok bool }

func (c *checked) Validate() bool { return c.ok }

// TestStructThroughPointerKeepsValidateFn: a struct whose tags use validateFn is validated
// through the pointer, so a method with a pointer receiver is found.
func TestStructThroughPointerKeepsValidateFn(t *testing.T) {
	t.Parallel()
	type withFn struct {
		C checked `json:"c" validate:"validateFn"`
	}
	require.NoError(t, validate.Struct(&withFn{C: checked{ok: true}}))
	var inv *validate.InvalidError
	require.ErrorAs(t, validate.Struct(&withFn{}), &inv)
	require.Equal(t, "c", inv.Problems[0].Path)
}
