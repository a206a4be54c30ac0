package privacy

import (
	"errors"
	"fmt"
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
	assert.Equal(t, "personnummer: kontrollsiffran stämmer inte", pe.Swedish())
	assert.True(t, errors.Is(err, ErrCheckDigit))
	assert.False(t, errors.Is(err, ErrDate))

	wrapped := fmt.Errorf("customer: %w", err)
	assert.ErrorIs(t, wrapped, ErrCheckDigit)
}

func TestParseErrorSwedishCoversEverySentinel(t *testing.T) {
	sentinels := []error{ErrEmpty, ErrLength, ErrNotDigit, ErrSeparator, ErrDate, ErrBirthNumber,
		ErrCheckDigit, ErrMasked, ErrPrefix, ErrGroupNumber, ErrSyntax}
	kinds := []string{kindPersonal, kindOrganisation, kindPhone, kindEmail, kindDate, kindText}
	for _, s := range sentinels {
		for _, k := range kinds {
			pe := &ParseError{Kind: k, Err: s}
			assert.NotContains(t, pe.Swedish(), "ogiltigt", "%s/%v has a Swedish text", k, s)
			assert.Equal(t, k+": "+s.Error(), pe.Error())
		}
	}
	assert.Equal(t, "x: invalid", (&ParseError{Kind: "x"}).Error())
	assert.Equal(t, "x: är ogiltigt", (&ParseError{Kind: "x", Err: errors.New("other")}).Swedish())
}
