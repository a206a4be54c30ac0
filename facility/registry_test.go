package facility_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/facility/facilitytest"
	"github.com/gridnotify/gridnotify/privacy"
)

func TestRegistry_conformance(t *testing.T) {
	facilitytest.TestLookup(t, func(t *testing.T, recs []facility.Record) facility.Lookup {
		r, err := facility.NewRegistry(recs...)
		require.NoError(t, err)
		return r
	})
}

// TestRegistry_conformanceAfterPut loads the fixture through Put and a
// round of replacements, so the index maintenance is held to the contract
// too.
func TestRegistry_conformanceAfterPut(t *testing.T) {
	facilitytest.TestLookup(t, func(t *testing.T, recs []facility.Record) facility.Lookup {
		r, err := facility.NewRegistry()
		require.NoError(t, err)
		for _, rec := range facility.SampleRecords() {
			require.NoError(t, r.Put(rec))
		}
		for _, rec := range recs {
			require.NoError(t, r.Put(rec))
			require.NoError(t, r.Put(rec)) // replacing with itself
		}
		for _, rec := range facility.SampleRecords() {
			require.True(t, r.Delete(rec.ID))
		}
		return r
	})
}

func mustEAN(t *testing.T, s string) facility.EAN {
	t.Helper()
	e, err := facility.ParseEAN(s)
	require.NoError(t, err)
	return e
}

func TestNewRegistry_errors(t *testing.T) {
	recs := facility.SampleRecords()

	_, err := facility.NewRegistry(recs[0], recs[1], recs[0])
	assert.ErrorIs(t, err, facility.ErrDuplicate)

	other := recs[1]
	other.MeterNumber = recs[0].MeterNumber
	_, err = facility.NewRegistry(recs[0], other)
	assert.ErrorIs(t, err, facility.ErrDuplicate)

	noID := recs[0]
	noID.ID = facility.EAN{}
	_, err = facility.NewRegistry(noID)
	assert.ErrorIs(t, err, facility.ErrMissingID)

	lower := recs[0]
	lower.MeterNumber = "m-20001"
	_, err = facility.NewRegistry(lower)
	assert.ErrorIs(t, err, privacy.ErrSyntax)

	bad := recs[0]
	bad.MeterNumber = "-"
	_, err = facility.NewRegistry(bad)
	assert.ErrorIs(t, err, privacy.ErrSyntax)

	for _, e := range []error{err} {
		assert.NotContains(t, e.Error(), recs[0].ID.String())
	}
	r, err := facility.NewRegistry()
	require.NoError(t, err)
	assert.Zero(t, r.Len())
}

func TestRegistry_PutDelete(t *testing.T) {
	ctx := context.Background()
	recs := facility.SampleRecords()
	r, err := facility.NewRegistry(recs...)
	require.NoError(t, err)
	require.Equal(t, len(recs), r.Len())

	// Replace: a new meter number moves the index.
	changed := recs[0]
	changed.MeterNumber = "M-NEW"
	changed.MainFuse = 25
	require.NoError(t, r.Put(changed))
	assert.Equal(t, len(recs), r.Len())
	_, err = r.Find(ctx, facility.Query{MeterNumber: recs[0].MeterNumber})
	assert.ErrorIs(t, err, facility.ErrNotFound, "the old meter number is gone")
	got, err := r.Find(ctx, facility.Query{MeterNumber: "M-NEW"})
	require.NoError(t, err)
	assert.Equal(t, facility.Ampere(25), got.MainFuse)

	// A meter number taken by another facility is refused, registry unchanged.
	clash := recs[1]
	clash.MeterNumber = "M-NEW"
	assert.ErrorIs(t, r.Put(clash), facility.ErrDuplicate)
	got, err = r.Find(ctx, facility.Query{ID: recs[1].ID})
	require.NoError(t, err)
	assert.Equal(t, recs[1].MeterNumber, got.MeterNumber)

	assert.ErrorIs(t, r.Put(facility.Record{}), facility.ErrMissingID)

	// Removing the meter number.
	noMeter := recs[2]
	noMeter.MeterNumber = ""
	require.NoError(t, r.Put(noMeter))
	_, err = r.Find(ctx, facility.Query{MeterNumber: recs[2].MeterNumber})
	assert.ErrorIs(t, err, facility.ErrNotFound)

	// Delete the first: the last record moves into its slot and must stay
	// findable both ways.
	assert.True(t, r.Delete(recs[0].ID))
	assert.False(t, r.Delete(recs[0].ID))
	assert.Equal(t, len(recs)-1, r.Len())
	_, err = r.Find(ctx, facility.Query{ID: recs[0].ID})
	assert.ErrorIs(t, err, facility.ErrNotFound)
	_, err = r.Find(ctx, facility.Query{MeterNumber: "M-NEW"})
	assert.ErrorIs(t, err, facility.ErrNotFound)
	last := recs[len(recs)-1]
	got, err = r.Find(ctx, facility.Query{ID: last.ID, MeterNumber: last.MeterNumber})
	require.NoError(t, err)
	assert.Equal(t, last.ID, got.ID)

	// Delete everything.
	for _, rec := range recs[1:] {
		assert.True(t, r.Delete(rec.ID))
	}
	assert.Zero(t, r.Len())
	assert.False(t, r.Delete(mustEAN(t, "735999000000000006")))
}

func TestRegistry_storesWithheld(t *testing.T) {
	rec := recordWithNumbers(t)
	r, err := facility.NewRegistry()
	require.NoError(t, err)
	require.NoError(t, r.Put(rec))
	got, err := r.Find(context.Background(), facility.Query{ID: rec.ID})
	require.NoError(t, err)
	assert.True(t, got.Owner.PersonalNumber.IsZero())
	assert.True(t, got.Owner.OrganisationNumber.IsZero())
	assert.True(t, got.Customer.BirthDate.IsZero())
}

func TestRegistry_sharesNoMemory(t *testing.T) {
	ctx := context.Background()
	rec := facility.SampleRecords()[0]
	r, err := facility.NewRegistry(rec)
	require.NoError(t, err)

	// Changing the caller's copy after Put changes nothing inside.
	rec.Owner.Surname = privacy.NewText("Changed")
	rec.Power = decimal.NewFromInt(999)

	got, err := r.Find(ctx, facility.Query{ID: rec.ID})
	require.NoError(t, err)
	assert.Equal(t, "Lindqvist", got.Owner.Surname.Reveal())
	assert.True(t, got.Power.Equal(decimal.NewFromInt(14)))

	// Changing what Find returned changes nothing inside either.
	got.Owner.Surname = privacy.NewText("Changed")
	got.Power = got.Power.Mul(decimal.NewFromInt(10))
	got.MeterNumber = "X"
	again, err := r.Find(ctx, facility.Query{ID: rec.ID})
	require.NoError(t, err)
	assert.Equal(t, "Lindqvist", again.Owner.Surname.Reveal())
	assert.True(t, again.Power.Equal(decimal.NewFromInt(14)))
	assert.Equal(t, facility.MeterNumber("M-20001"), again.MeterNumber)
}

func TestRegistry_errorsHaveSwedish(t *testing.T) {
	r := facility.SampleRegistry()
	ctx := context.Background()
	rec := facility.SampleRecords()[0]
	for _, q := range []facility.Query{
		{},
		{ID: mustEAN(t, "735999000000000006")},
		{MeterNumber: "NOPE"},
		{ID: rec.ID, MeterNumber: "NOPE"},
	} {
		_, err := r.Find(ctx, q)
		require.Error(t, err)
		sw, ok := err.(interface{ Swedish() string })
		require.True(t, ok, "%T has no Swedish()", err)
		assert.NotEmpty(t, sw.Swedish())
	}
}

func TestRegistry_FindAllocs(t *testing.T) {
	r := facility.SampleRegistry()
	ctx := context.Background()
	rec := facility.SampleRecords()[1]
	for _, q := range []facility.Query{
		{ID: rec.ID},
		{MeterNumber: rec.MeterNumber},
		{ID: rec.ID, MeterNumber: rec.MeterNumber},
	} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := r.Find(ctx, q); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs)
	}
}
