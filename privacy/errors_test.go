package privacy

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseErrorMessages(t *testing.T) {
	_, err := ParsePersonalIdentityNumberAt("880320-0018", testRef)
	require.Error(t, err)
	assert.Equal(t, "personal identity number: check digit is wrong", err.Error())
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Personnummer: kontrollsiffran stämmer inte", pe.Swedish())
	assert.True(t, errors.Is(err, ErrCheckDigit))
	assert.False(t, errors.Is(err, ErrDate))
	sv, en := pe.Reason()
	assert.Equal(t, "Kontrollsiffran stämmer inte.", sv)
	assert.Equal(t, "The check digit is wrong.", en)
	assert.Equal(t, "personal identity number", pe.Kind.String())
	assert.Equal(t, "personnummer", pe.Kind.Swedish())

	wrapped := fmt.Errorf("customer: %w", err)
	assert.ErrorIs(t, wrapped, ErrCheckDigit)

	var loc Localized
	require.ErrorAs(t, wrapped, &loc, "a ParseError is Localized")
	assert.Equal(t, pe.Swedish(), loc.Swedish())
}

// sentinels are every parse sentinel of the package.
var sentinels = []error{ErrEmpty, ErrLength, ErrNotDigit, ErrSeparator, ErrDate, ErrBirthNumber,
	ErrCheckDigit, ErrMasked, ErrPrefix, ErrGroupNumber, ErrSyntax, ErrNotStandard, ErrControl, ErrEncoding}

// kinds are the package's kinds of input.
var kinds = []*Kind{KindPersonalIdentityNumber, KindOrganisationNumber, KindPhone, KindEmail, KindDate,
	KindText, KindSealed, KindToken}

func TestParseErrorSwedishCoversEverySentinel(t *testing.T) {
	require.Len(t, sentinels, numReasons)
	for _, s := range sentinels {
		for _, k := range kinds {
			pe := &ParseError{Kind: k, Err: s}
			assert.NotContains(t, pe.Swedish(), "ogiltigt", "%s/%v has a Swedish text", k, s)
			assert.Equal(t, k.String()+": "+s.Error(), pe.Error())
			assert.Equal(t, upperFirst(k.Swedish())+": "+asReason(s).sv, pe.Swedish())
			sv, en := pe.Reason()
			assert.False(t, strings.HasPrefix(strings.ToLower(sv), k.Swedish()+" "), "%q does not start with the kind", sv)
			assert.False(t, strings.HasPrefix(strings.ToLower(en), k.String()+" "), "%q does not start with the kind", en)
			assert.NotContains(t, sv, ":")
			assert.NotContains(t, en, ":")
			for _, sentence := range []string{sv, en} {
				assert.True(t, strings.HasSuffix(sentence, "."), "%q is a sentence", sentence)
				assert.Equal(t, strings.ToUpper(sentence[:1]), sentence[:1], "%q starts with a capital", sentence)
			}
		}
	}
	x := NewKind("x", "x")
	assert.Equal(t, "x: invalid", (&ParseError{Kind: x}).Error())
	assert.Equal(t, "X: är ogiltigt", (&ParseError{Kind: x, Err: errors.New("other")}).Swedish())
	sv, en := (&ParseError{Kind: x, Err: errors.New("other")}).Reason()
	assert.Equal(t, "Ogiltigt värde.", sv)
	assert.Equal(t, "Invalid value.", en)
}

func TestParseErrorNil(t *testing.T) {
	var pe *ParseError
	assert.Equal(t, "<nil>", pe.Error())
	assert.Equal(t, "<nil>", pe.Swedish())
	assert.NoError(t, pe.Unwrap())
	sv, en := pe.Reason()
	assert.Equal(t, "Ogiltigt värde.", sv)
	assert.Equal(t, "Invalid value.", en)
	var k *Kind
	assert.Equal(t, "value", k.String())
	assert.Equal(t, "värde", k.Swedish())
	err := k.Wrap(ErrEmpty)
	assert.ErrorIs(t, err, ErrEmpty)
	assert.Equal(t, "value: is empty", err.Error())
}

func TestKindWrap(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		shared bool // the preallocated error is returned
	}{
		{"sentinel", ErrCheckDigit, true},
		{"every sentinel", ErrEncoding, true},
		{"look-alike", errors.New("check digit is wrong"), false},
		{"wrapped sentinel", fmt.Errorf("x: %w", ErrCheckDigit), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := KindDate.Wrap(tt.err), KindDate.Wrap(tt.err)
			assert.Equal(t, tt.shared, a == b)
			var pe *ParseError
			require.ErrorAs(t, a, &pe)
			assert.Same(t, KindDate, pe.Kind)
			assert.ErrorIs(t, a, tt.err)
		})
	}
}

// TestParseErrorLocalizedCause: a ParseError around another Localized error
// uses its texts.
func TestParseErrorLocalizedCause(t *testing.T) {
	cause := testLocalized{en: "no such thing", sv: "finns inte"}
	pe := &ParseError{Kind: KindText, Err: cause}
	assert.Equal(t, "text: no such thing", pe.Error())
	assert.Equal(t, "Text: finns inte", pe.Swedish())
	sv, en := pe.Reason()
	assert.Equal(t, "finns inte", sv)
	assert.Equal(t, "no such thing", en)
}

type testLocalized struct{ en, sv string }

func (l testLocalized) Error() string   { return l.en }
func (l testLocalized) Swedish() string { return l.sv }

// TestErrorPathsAllocateNothing: every path of the parsers that returns a
// sentinel error allocates nothing (the error is preallocated), and the
// error still matches its sentinel.
func TestErrorPathsAllocateNothing(t *testing.T) {
	long := strings.Repeat("1", 65)
	group := "551301000" + string(luhnDigit("551301000")) // month 13: no personal identity number
	tests := []struct {
		name  string
		want  error
		parse func() error
	}{
		{"pin empty", ErrEmpty, func() error { _, err := ParsePersonalIdentityNumberAt(" ", testRef); return err }},
		{"pin too long", ErrLength, func() error { _, err := ParsePersonalIdentityNumberAt(long, testRef); return err }},
		{"pin length", ErrLength, func() error { _, err := ParsePersonalIdentityNumberAt("8803200", testRef); return err }},
		{"pin not digit", ErrNotDigit, func() error { _, err := ParsePersonalIdentityNumberAt("880320-00l6", testRef); return err }},
		{"pin separator", ErrSeparator, func() error { _, err := ParsePersonalIdentityNumberAt("8803-200016", testRef); return err }},
		{"pin date", ErrDate, func() error { _, err := ParsePersonalIdentityNumberAt("881320-0016", testRef); return err }},
		{"pin future", ErrDate, func() error { _, err := ParsePersonalIdentityNumberAt("20270101-2389", testRef); return err }},
		{"pin birth number", ErrBirthNumber, func() error { _, err := ParsePersonalIdentityNumberAt("201509160006", testRef); return err }},
		{"pin check digit", ErrCheckDigit, func() error { _, err := ParsePersonalIdentityNumberAt("880320-0018", testRef); return err }},
		{"pin now check digit", ErrCheckDigit, func() error { _, err := ParsePersonalIdentityNumber("880320-0018"); return err }},
		{"pin masked", ErrMasked, func() error {
			var p PersonalIdentityNumber
			return p.UnmarshalText([]byte("19880320-****"))
		}},
		{"org check digit", ErrCheckDigit, func() error { _, err := ParseOrganisationNumber("556016-0681"); return err }},
		{"org prefix", ErrPrefix, func() error { _, err := ParseOrganisationNumber("175560160680"); return err }},
		{"org group number", ErrGroupNumber, func() error { _, err := ParseOrganisationNumber(group); return err }},
		{"org separator", ErrSeparator, func() error { _, err := ParseOrganisationNumber("556016+0680"); return err }},
		{"phone empty", ErrEmpty, func() error { _, err := ParsePhone(""); return err }},
		{"phone prefix", ErrPrefix, func() error { _, err := ParsePhone("+47 912 34 567"); return err }},
		{"phone not digit", ErrNotDigit, func() error { _, err := ParsePhone("070-12x"); return err }},
		{"phone length", ErrLength, func() error { _, err := ParsePhone("070-12"); return err }},
		{"email syntax", ErrSyntax, func() error { _, err := ParseEmail("anna@@example.se"); return err }},
		{"email empty", ErrEmpty, func() error { _, err := ParseEmail(""); return err }},
		{"date separator", ErrSeparator, func() error { _, err := ParseDateAt("1988/03/20", testRef); return err }},
		{"date impossible", ErrDate, func() error { _, err := ParseDateAt("2001-02-29", testRef); return err }},
		{"date now future", ErrDate, func() error { _, err := ParseDate("2999-01-01"); return err }},
		{"token length", ErrLength, func() error { var tok Token; return tok.UnmarshalText([]byte("abc")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse()
			require.ErrorIs(t, err, tt.want)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Zero(t, testing.AllocsPerRun(100, func() { _ = tt.parse() }))
		})
	}
}
