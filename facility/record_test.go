package facility_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// recordWithNumbers returns a sample record whose parties carry every kind
// of identity number.
func recordWithNumbers(t *testing.T) facility.Record {
	t.Helper()
	pn, err := privacy.ParsePersonalIdentityNumber("19121212-1212")
	require.NoError(t, err)
	on, err := privacy.ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	bd, err := privacy.ParseDate("1970-01-01")
	require.NoError(t, err)
	rec := facility.SampleRecords()[2]
	rec.Owner.PersonalNumber = pn
	rec.Owner.OrganisationNumber = on
	rec.Customer.NoSwedishPersonalNumber = true
	rec.Customer.BirthDate = bd
	rec.Customer.PersonalNumber = pn
	return rec
}

func TestRecord_Withhold(t *testing.T) {
	rec := recordWithNumbers(t)
	w := rec.Withhold()
	for _, p := range []facility.Party{w.Owner, w.Customer} {
		assert.True(t, p.PersonalNumber.IsZero())
		assert.True(t, p.OrganisationNumber.IsZero())
		assert.True(t, p.BirthDate.IsZero())
	}
	// Everything else is kept.
	assert.True(t, w.Customer.NoSwedishPersonalNumber)
	assert.True(t, rec.Owner.Surname.Equal(w.Owner.Surname))
	assert.True(t, rec.Customer.Phone.Equal(w.Customer.Phone))
	assert.Equal(t, rec.Details.ID, w.ID)
	assert.True(t, rec.Details.PropertyDesignation.Equal(w.PropertyDesignation))
	// The receiver is a copy: the original still has its numbers.
	assert.False(t, rec.Owner.PersonalNumber.IsZero())
}

func TestRecord_IsZero(t *testing.T) {
	assert.True(t, facility.Record{}.IsZero())
	assert.True(t, facility.Details{}.IsZero())
	assert.False(t, facility.Record{Owner: facility.Party{Kind: facility.PartyKindPrivate}}.IsZero(),
		"Record.IsZero must look at the parties, not only the promoted Details.IsZero")
	assert.False(t, facility.Details{Power: decimal.NewFromInt(1)}.IsZero())
	assert.False(t, facility.SampleRecords()[0].IsZero())
}

func TestRecord_JSON(t *testing.T) {
	rec := recordWithNumbers(t)
	b, err := json.Marshal(rec)
	require.NoError(t, err)
	out := string(b)
	for _, key := range []string{"facilityId", "technicalNumber", "meterNumber", "area", "address", "propertyDesignation", "mainFuse", "power", "owner", "customer"} {
		assert.Contains(t, out, `"`+key+`"`)
	}
	assert.Contains(t, out, `"facilityId":"`+rec.ID.String()+`"`)
	assert.Contains(t, out, `"mainFuse":16`)
	for _, s := range []string{"Björken", "Holm", "Cecilia", "121212-1212", "1212121212", "1970-01-01", "Björkgatan"} {
		assert.NotContains(t, out, s)
	}
}
