package validate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// localized is a Localized error that is not a parse error.
type localized struct{ en, sv string }

func (l localized) Error() string   { return l.en }
func (l localized) Swedish() string { return l.sv }

func TestProblemFor(t *testing.T) {
	t.Parallel()
	_, eanErr := facility.ParseEAN("735999123456789019")
	_, emptyErr := privacy.ParsePersonalIdentityNumber("  ")
	tests := []struct {
		name      string
		path      string
		label     string
		err       error
		wantLabel string
		wantCode  validate.Code
		wantSv    string
		wantEn    string
		wantIs    error // errors.Is(Invalid(p), wantIs)
	}{
		{"parse error, label looked up", "facility.facilityId", "", eanErr,
			"Anläggnings-ID (EAN)", validate.CodeFormat, "Kontrollsiffran stämmer inte.", "The check digit is wrong.", privacy.ErrCheckDigit},
		{"wrapped parse error, own label", "owner.personalNumber", "Ägarens personnr.", fmt.Errorf("owner: %w", eanErr),
			"Ägarens personnr.", validate.CodeFormat, "Kontrollsiffran stämmer inte.", "The check digit is wrong.", privacy.ErrCheckDigit},
		{"empty is required", "owner.personalNumber", "", emptyErr,
			"Fastighetsägare: Personnr.", validate.CodeRequired, "Fältet är tomt.", "The field is empty.", privacy.ErrEmpty},
		{"localized error", "reference", "", localized{"no such reference", "referensen finns inte"},
			"reference", validate.CodeFormat, "referensen finns inte", "no such reference", nil},
		{"foreign error: generic text", "note", "Notering", errors.New("bad value 880320-0016"),
			"Notering", validate.CodeFormat, "Ogiltigt värde.", "Invalid value.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := validate.ProblemFor(tt.path, tt.label, tt.err)
			require.Equal(t, tt.path, p.Path)
			require.Equal(t, tt.wantLabel, p.Label)
			require.Equal(t, tt.wantCode, p.Code)
			require.Equal(t, tt.wantSv, p.Swedish)
			require.Equal(t, tt.wantEn, p.English)
			require.NotContains(t, p.Swedish+p.English, "880320", "no value from a foreign error")
			err := validate.Invalid(p)
			require.ErrorIs(t, err, validate.ErrInvalid)
			if tt.wantIs != nil {
				require.ErrorIs(t, err, tt.wantIs, "the cause is reachable through the InvalidError")
			}
			require.ErrorIs(t, err, tt.err)
		})
	}
}

func TestInvalid(t *testing.T) {
	t.Parallel()
	require.NoError(t, validate.Invalid())
	require.Nil(t, validate.Invalid(), "no problems, no error (not a typed nil)")

	_, eanErr := facility.ParseEAN("7359991234567890")
	_, pinErr := privacy.ParsePersonalIdentityNumber("880320-0018")
	problems := []validate.Problem{
		validate.ProblemFor("facility.facilityId", "", eanErr),
		validate.ProblemFor("owner.personalNumber", "", pinErr),
		{Path: "note", Label: "Notering", Code: validate.CodeFormat, Swedish: "För lång.", English: "Too long."},
	}
	err := validate.Invalid(problems...)
	problems[0].Path = "changed" // Invalid keeps its own copy
	var inv *validate.InvalidError
	require.ErrorAs(t, err, &inv)
	require.Len(t, inv.Problems, 3)
	require.Equal(t, "facility.facilityId", inv.Problems[0].Path)
	require.ErrorIs(t, err, privacy.ErrLength)
	require.ErrorIs(t, err, privacy.ErrCheckDigit)
	require.NotErrorIs(t, err, privacy.ErrDate)
	var pe *privacy.ParseError
	require.ErrorAs(t, err, &pe)

	require.Equal(t, "validate: the input is not well-formed: "+
		"facility.facilityId: It has the wrong length (too many or too few characters).; "+
		"owner.personalNumber: The check digit is wrong.; note: Too long.", err.Error())
	var loc privacy.Localized
	require.ErrorAs(t, err, &loc)
	require.Equal(t, "Uppgifterna är inte korrekt ifyllda: "+
		"Anläggnings-ID (EAN): Det har fel längd (för många eller för få tecken).; "+
		"Fastighetsägare: Personnr.: Kontrollsiffran stämmer inte.; Notering: För lång.", loc.Swedish())
}

func TestIncompleteErrorSwedish(t *testing.T) {
	t.Parallel()
	profile, err := validate.NewProfile("facility.meterNumber", "meterPlacement")
	require.NoError(t, err)
	err = validate.Complete(filled{}, profile)
	require.ErrorIs(t, err, validate.ErrIncomplete)
	var loc privacy.Localized
	require.ErrorAs(t, err, &loc)
	require.Equal(t, "Anmälan saknar obligatoriska uppgifter: Mätarnummer, Önskad mätarplacering", loc.Swedish())
}

// TestProblemMessagesDoNotRepeatTheField: neither the message nor the String form doubles
// the field's name (it used to read "meterNumber: meterNumber: is not in a valid form").
func TestProblemMessagesDoNotRepeatTheField(t *testing.T) {
	t.Parallel()
	in := validInput()
	in.Meter = "M#1"
	in.FacilityID = "1"
	in.PersonalNumber = "880320-0018"
	err := validate.Struct(in)
	var inv *validate.InvalidError
	require.ErrorAs(t, err, &inv)
	require.Len(t, inv.Problems, 3)
	for _, p := range inv.Problems {
		for _, name := range []string{p.Path, "meter number", "facility ID", "personal identity number",
			"mätarnummer", "anläggnings-id", "personnummer"} {
			require.NotContains(t, strings.ToLower(p.Swedish), strings.ToLower(name), p.Path)
			require.NotContains(t, strings.ToLower(p.English), strings.ToLower(name), p.Path)
		}
		require.Equal(t, 1, strings.Count(p.String(), p.Path), p.String())
	}
	require.ErrorIs(t, err, privacy.ErrSyntax)
	require.ErrorIs(t, err, privacy.ErrLength)
	require.ErrorIs(t, err, privacy.ErrCheckDigit)
}

func TestStructDateLayoutMessage(t *testing.T) {
	t.Parallel()
	type dated struct {
		Born string `json:"born" validate:"datetime=2006-01-02"`
		At   string `json:"at" validate:"datetime=2006-01-02 15:04"`
	}
	err := validate.Struct(dated{Born: "20 mars", At: "nu"})
	var inv *validate.InvalidError
	require.ErrorAs(t, err, &inv)
	require.Len(t, inv.Problems, 2)
	require.Equal(t, "Ogiltigt datum, skriv ÅÅÅÅ-MM-DD.", inv.Problems[0].Swedish)
	require.Equal(t, "Not a valid date; write YYYY-MM-DD.", inv.Problems[0].English)
	require.Equal(t, "Ogiltigt datum, skriv ÅÅÅÅ-MM-DD tt:mm.", inv.Problems[1].Swedish)
	require.Equal(t, "Not a valid date; write YYYY-MM-DD hh:mm.", inv.Problems[1].English)
	for _, p := range inv.Problems {
		require.NotContains(t, p.Swedish+p.English, "2006", "Go's reference layout does not leak")
	}
}

// TestStructAndDirectValidatorAgree: a caller that uses Validator() directly gets the same
// decisions, and Struct's problems are those of the parse errors.
func TestStructAndDirectValidatorAgree(t *testing.T) {
	t.Parallel()
	in := validInput()
	in.FacilityID = "735999123456789019"
	in.PostalCode = "052 21"
	require.Error(t, validate.Validator().Struct(in))
	err := validate.Struct(in)
	var inv *validate.InvalidError
	require.ErrorAs(t, err, &inv)
	require.Len(t, inv.Problems, 2)
	_, eanErr := facility.ParseEAN(in.FacilityID)
	_, postalErr := facility.ParsePostalCode(in.PostalCode)
	want := []validate.Problem{
		validate.ProblemFor("facilityId", "", eanErr),
		validate.ProblemFor("postalCode", "", postalErr),
	}
	want[0].Tag, want[1].Tag = validate.TagFacilityID, validate.TagPostalCode
	require.Empty(t, cmp.Diff(want, inv.Problems), "go-cmp compares Problems with Equal")
}

func TestStructFreeTextTags(t *testing.T) {
	t.Parallel()
	type note struct {
		Name string `json:"name" validate:"text"`
		Body string `json:"body" validate:"omitempty,text_multiline"`
	}
	require.NoError(t, validate.Struct(note{Name: " Ha\u030akan ", Body: "rad 1\r\nrad 2"}))
	require.NoError(t, validate.Struct(note{Name: "Anna"}))
	tests := []struct {
		name string
		in   note
		path string
		want error
		sv   string
	}{
		{"NUL in a name", note{Name: "An\x00na"}, "name", privacy.ErrControl, "Det innehåller ett styrtecken som inte är tillåtet."},
		{"line break in a name", note{Name: "Anna\nAndersson"}, "name", privacy.ErrControl, "Det innehåller ett styrtecken som inte är tillåtet."},
		{"invalid UTF-8 in a note", note{Name: "Anna", Body: "\xff"}, "body", privacy.ErrEncoding, "Det är inte giltig UTF-8."},
		{"empty name", note{Name: " "}, "name", privacy.ErrEmpty, "Fältet är tomt."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := validate.Struct(tt.in)
			require.ErrorIs(t, err, tt.want)
			var inv *validate.InvalidError
			require.ErrorAs(t, err, &inv)
			require.Len(t, inv.Problems, 1)
			require.Equal(t, tt.path, inv.Problems[0].Path)
			require.Equal(t, tt.sv, inv.Problems[0].Swedish)
			wantCode := validate.CodeFormat
			if tt.want == privacy.ErrEmpty {
				wantCode = validate.CodeRequired
			}
			require.Equal(t, wantCode, inv.Problems[0].Code, "an empty value is a missing one, as with ProblemFor")
		})
	}
}
