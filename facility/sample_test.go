package facility_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
)

func TestSampleRecords(t *testing.T) {
	recs := facility.SampleRecords()
	require.GreaterOrEqual(t, len(recs), 5)

	hbg, others := 0, 0
	ids := map[facility.EAN]bool{}
	meters := map[facility.MeterNumber]bool{}
	for _, rec := range recs {
		// Every identifier is valid and canonical.
		id, err := facility.ParseEAN(rec.ID.String())
		require.NoError(t, err)
		assert.Equal(t, rec.ID, id)
		assert.Equal(t, facility.CountrySweden, rec.ID.Country())
		assert.Equal(t, "735999", rec.ID.String()[:6])
		m, err := facility.ParseMeterNumber(string(rec.MeterNumber))
		require.NoError(t, err)
		assert.Equal(t, rec.MeterNumber, m)
		tn, err := facility.ParseTechnicalNumber(string(rec.TechnicalNumber))
		require.NoError(t, err)
		assert.Equal(t, rec.TechnicalNumber, tn)
		a, err := facility.ParseAreaCode(string(rec.Area))
		require.NoError(t, err)
		assert.Equal(t, rec.Area, a)
		assert.True(t, rec.MainFuse.IsStandard())
		assert.False(t, rec.PropertyDesignation.IsZero())
		assert.False(t, rec.Address.PostalCode.IsZero())

		assert.False(t, ids[rec.ID], "duplicate ID")
		assert.False(t, meters[rec.MeterNumber], "duplicate meter")
		ids[rec.ID], meters[rec.MeterNumber] = true, true

		if rec.Area == "HBG" {
			hbg++
			assert.Equal(t, "25", rec.Address.PostalCode.Digits()[:2], "Helsingborg postal codes are 25x xx")
			assert.Equal(t, "Helsingborg", rec.Address.City.Reveal())
		} else {
			others++
		}
		// As a lookup returns them: no identity numbers.
		assert.Equal(t, rec.Withhold(), rec)
		for _, p := range []facility.Party{rec.Owner, rec.Customer} {
			assert.NotEqual(t, facility.PartyKindUnset, p.Kind)
			assert.False(t, p.Email.IsZero(), "sample e-mail parsed")
		}
		if !rec.Owner.Phone.IsZero() {
			assert.Contains(t, rec.Owner.Phone.Reveal(), "+46701740")
		}
	}
	assert.GreaterOrEqual(t, hbg, 4)
	assert.GreaterOrEqual(t, others, 1)

	// One private owner, one company owner, one with owner ≠ customer.
	assert.Equal(t, facility.PartyKindPrivate, recs[0].Owner.Kind)
	assert.Equal(t, recs[0].Owner, recs[0].Customer)
	assert.Equal(t, facility.PartyKindCompany, recs[1].Owner.Kind)
	assert.NotEqual(t, recs[2].Owner, recs[2].Customer)
	for _, i := range []int{0, 1, 2, 4} {
		assert.False(t, recs[i].Owner.Phone.IsZero(), "sample phone parsed")
	}

	// A fresh slice each call.
	recs[0].MeterNumber = "CHANGED"
	assert.Equal(t, facility.MeterNumber("M-20001"), facility.SampleRecords()[0].MeterNumber)
}

func TestSampleRegistry(t *testing.T) {
	r := facility.SampleRegistry()
	recs := facility.SampleRecords()
	require.Equal(t, len(recs), r.Len(), "every sample record was stored")
	_, err := facility.NewRegistry(recs...)
	require.NoError(t, err, "the sample is a valid registry load")
	for _, rec := range recs {
		got, err := r.Find(context.Background(), facility.Query{ID: rec.ID, MeterNumber: rec.MeterNumber})
		require.NoError(t, err)
		assert.Equal(t, rec.ID, got.ID)
	}
	// Two registries are independent.
	require.True(t, r.Delete(recs[0].ID))
	assert.Equal(t, len(recs), facility.SampleRegistry().Len())
}
