package notification_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// sample returns the sample record with meter number m, as a lookup returns it.
func sample(t *testing.T, m facility.MeterNumber) facility.Record {
	t.Helper()
	for _, r := range facility.SampleRecords() {
		if r.MeterNumber == m {
			return r.Withhold()
		}
	}
	t.Fatalf("no sample record %s", m)
	return facility.Record{}
}

func TestServiceFetchFacility_overwrite(t *testing.T) { // "Skriv över fält i anmälan?" Ja
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	rec := sample(t, "M-20001")

	got, report, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "m-20001", Mode: merge.Overwrite})
	require.NoError(t, err)
	require.Equal(t, int64(2), got.Version())
	require.Empty(t, cmp.Diff(rec.Details, got.Facility(), notificationtest.CmpOptions()))
	require.Empty(t, cmp.Diff(rec.Owner, got.Owner(), notificationtest.CmpOptions()))
	require.Empty(t, cmp.Diff(rec.Customer, got.Payer(), notificationtest.CmpOptions()), "the current customer fills the payer")
	require.Equal(t, merge.Filled, report.Outcome(merge.FacilityMeterNumber))
	require.Equal(t, merge.Filled, report.Outcome(merge.OwnerSurname))
	require.Equal(t, merge.Withheld, report.Outcome(merge.OwnerPersonalNumber))
	require.Empty(t, snapDiff(got.Snapshot(), e.stored(t, c.ID()).Snapshot()), "FetchFacility returned something else than it stored")

	// Ja again, for another facility: everything the lookup returns replaces the form.
	other := sample(t, "M-20002")
	got, report, err = e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{FacilityID: other.ID.Grouped()})
	require.NoError(t, err)
	require.Equal(t, other.ID, got.Facility().ID)
	require.True(t, got.Owner().CompanyName.Equal(other.Owner.CompanyName))
	require.Equal(t, merge.Overwritten, report.Outcome(merge.FacilityMeterNumber))
}

func TestServiceFetchFacility_fillEmpty(t *testing.T) { // "Skriv över fält i anmälan?" Nej
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	c, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20003"})
	require.NoError(t, err)

	// The installer types the owner and, by mistake, another facility's identifiers.
	typed := mustParty(t, "owner", ownerInput())
	saved, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		if err := d.SetOwner(typed); err != nil {
			return err
		}
		fd := d.Facility()
		fd.MeterNumber, fd.TechnicalNumber = "M-20001", "HBG-T-10001"
		return d.SetFacility(fd)
	})
	require.NoError(t, err)

	rec := sample(t, "M-20003")
	got, report, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{FacilityID: rec.ID.String(), Mode: merge.FillEmpty})
	require.NoError(t, err)
	require.Equal(t, saved.Case.Version()+1, got.Version())
	// What the installer typed stays ...
	require.True(t, got.Owner().Surname.Equal(typed.Surname))
	require.True(t, got.Owner().PersonalNumber.Equal(typed.PersonalNumber))
	require.Equal(t, merge.Kept, report.Outcome(merge.OwnerSurname))
	// ... empty fields are filled ...
	require.True(t, got.Owner().Email.Equal(typed.Email))
	// ... and the three identifiers are always overwritten.
	require.Equal(t, rec.MeterNumber, got.Facility().MeterNumber)
	require.Equal(t, rec.TechnicalNumber, got.Facility().TechnicalNumber)
	require.Equal(t, merge.Overwritten, report.Outcome(merge.FacilityMeterNumber))
	require.Equal(t, merge.Same, report.Outcome(merge.FacilityID))
}

func TestServiceFetchFacility_unknownMeterNumber(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	c, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20001"})
	require.NoError(t, err)
	before := e.stored(t, c.ID()).Snapshot()

	got, report, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-99999"})
	require.ErrorIs(t, err, facility.ErrNotFound)
	var le *notification.LookupError
	require.ErrorAs(t, err, &le)
	require.Contains(t, le.Swedish(), "rensa bort tidigare mätarnummer")
	require.NotContains(t, err.Error(), "99999", "the error repeats the number searched for")
	require.Nil(t, got)
	require.False(t, report.Changed())

	after := e.stored(t, c.ID()).Snapshot()
	require.Empty(t, snapDiff(before, after), "a failed lookup changed the case")
	require.Equal(t, before.Version, after.Version)
}

func TestServiceFetchFacility_malformed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  notification.FetchRequest
		path string
	}{
		{"meter number with a forbidden character", notification.FetchRequest{MeterNumber: "M-2000!"}, "meterNumber"},
		{"meter number too long", notification.FetchRequest{MeterNumber: strings.Repeat("M", 33)}, "meterNumber"},
		{"neither number", notification.FetchRequest{}, "meterNumber"},
		{"EAN with a wrong check digit", notification.FetchRequest{FacilityID: "735999101000000012"}, "facilityId"},
		{"EAN too short", notification.FetchRequest{FacilityID: "73599910100000001"}, "facilityId"},
		{"EAN with a letter", notification.FetchRequest{FacilityID: "73599910100000001X"}, "facilityId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			c := e.created(t)
			before := e.stored(t, c.ID()).Snapshot()
			_, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), tt.req)
			require.ErrorIs(t, err, validate.ErrInvalid)
			var ie *validate.InvalidError
			require.ErrorAs(t, err, &ie)
			require.NotEmpty(t, ie.Problems)
			require.Equal(t, tt.path, ie.Problems[0].Path)
			for _, in := range []string{tt.req.MeterNumber, tt.req.FacilityID} {
				if in != "" {
					require.NotContains(t, err.Error(), in, "the error repeats the input")
				}
			}
			require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()))
		})
	}
	t.Run("unknown mode", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		c := e.created(t)
		_, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20001", Mode: merge.Mode(7)})
		require.ErrorIs(t, err, validate.ErrInvalid)
		require.Equal(t, int64(1), e.stored(t, c.ID()).Version())
	})
}

func TestServiceFetchFacility_refusedFacilities(t *testing.T) {
	t.Parallel()
	rec1 := sample(t, "M-20001")
	tests := []struct {
		name   string
		req    notification.FetchRequest
		target error
	}{
		// "M-40001" is in Stockholm, which Öresundskraft does not serve.
		{"facility in another grid area", notification.FetchRequest{MeterNumber: "M-40001"}, catalog.ErrNotOffered},
		{"facility ID and another facility's meter number", notification.FetchRequest{FacilityID: rec1.ID.String(), MeterNumber: "M-20002"}, facility.ErrMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			c := e.created(t)
			before := e.stored(t, c.ID()).Snapshot()
			_, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), tt.req)
			require.ErrorIs(t, err, tt.target)
			require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()))
		})
	}
}

func TestServiceFetchFacility_notEditable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)
	before := e.stored(t, c.ID()).Snapshot()
	_, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20001"})
	require.ErrorIs(t, err, notification.ErrNotEditable)
	require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()))
}

func TestServiceClearIdentifiers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	c, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20001"})
	require.NoError(t, err)

	// Step 14: the search fails, the installer clears the old numbers and searches again.
	_, _, err = e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-99999"})
	require.ErrorIs(t, err, facility.ErrNotFound)

	cleared, err := e.svc.ClearIdentifiers(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.Equal(t, c.Version()+1, cleared.Version())
	require.True(t, cleared.Facility().ID.IsZero())
	require.True(t, cleared.Facility().MeterNumber.IsZero())
	require.Empty(t, cleared.Facility().TechnicalNumber)
	require.Equal(t, facility.AreaCode("HBG"), cleared.Area(), "clearing the identifiers keeps the grid area")
	require.True(t, cleared.Owner().Surname.Equal(c.Owner().Surname), "clearing the identifiers keeps the rest")
	require.Empty(t, snapDiff(cleared.Snapshot(), e.stored(t, c.ID()).Snapshot()))

	rec := sample(t, "M-20003")
	again, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20003"})
	require.NoError(t, err)
	require.Equal(t, rec.ID, again.Facility().ID)
	require.Equal(t, rec.MeterNumber, again.Facility().MeterNumber)
	require.Equal(t, rec.TechnicalNumber, again.Facility().TechnicalNumber)

	// Not once the case is sent.
	sent := e.submitted(t)
	_, err = e.svc.ClearIdentifiers(e.inst, sent.ID(), e.version(t, sent.ID()))
	require.ErrorIs(t, err, notification.ErrNotEditable)
}

func TestServiceCopyFromOwner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	owner := mustParty(t, "owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Lind"), GivenName: privacy.NewText("Per"), PersonalNumber: privacy.NewText("20000229-2399"),
		Address: notification.AddressInput{Street: privacy.NewText("Kullagatan 1"), PostalCode: privacy.NewText("252 20"), City: privacy.NewText("Helsingborg")},
		Phone:   privacy.NewText("070-174 06 56"), Email: privacy.NewText("per.lind@example.com"),
	})
	saved, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error { return d.SetOwner(owner) })
	require.NoError(t, err)

	got, report, err := e.svc.CopyFromOwner(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.Equal(t, saved.Case.Version()+1, got.Version())
	require.Empty(t, cmp.Diff(owner, got.Payer(), notificationtest.CmpOptions()), "the payer is not a copy of the owner")
	require.Empty(t, cmp.Diff(owner, got.Owner(), notificationtest.CmpOptions()), "the owner changed")
	require.Equal(t, merge.Filled, report.Outcome(merge.PayerPersonalNumber))
	require.Equal(t, merge.Filled, report.Outcome(merge.PayerSurname))
	require.Empty(t, snapDiff(got.Snapshot(), e.stored(t, c.ID()).Snapshot()))

	// A grid company cannot copy on the installer's behalf.
	sent := e.submitted(t)
	_, _, err = e.svc.CopyFromOwner(e.grid, sent.ID(), e.version(t, sent.ID()))
	require.ErrorIs(t, err, notification.ErrForbidden)
}

func TestServiceCheck(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	_, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20001"})
	require.NoError(t, err)

	problems, err := e.svc.Check(e.inst, c.ID())
	require.NoError(t, err)
	codes := map[string]validate.Code{}
	for _, p := range problems {
		codes[p.Path] = p.Code
		require.NotEmpty(t, p.Label)
		require.NotEmpty(t, p.Swedish)
		require.NotEmpty(t, p.English)
	}
	// The lookup withholds identity numbers: the customer must be asked for them.
	require.Equal(t, validate.CodeWithheld, codes["owner.identity"])
	require.Equal(t, validate.CodeWithheld, codes["payer.identity"])
	require.Equal(t, validate.CodeRequired, codes["workDescription"])
	require.Equal(t, validate.CodeRequired, codes["meterPlacement"])
	require.NotContains(t, codes, "facility.meterNumber", "the lookup filled the meter number")

	// The list is the profile's: a complete case has none.
	problems, err = e.svc.Check(e.inst, e.complete(t).ID())
	require.NoError(t, err)
	require.Empty(t, problems)
}

// leakyLookup fails the way an HTTP lookup can: its error quotes the URL with the numbers
// searched for, or wraps a sentinel with them.
type leakyLookup struct{ wrap error }

func (l leakyLookup) Find(_ context.Context, q facility.Query) (facility.Record, error) {
	text := fmt.Sprintf(`Get "https://nat.example/api/anlaggning?ean=%s&matare=%s": dial tcp: connection refused`,
		q.ID.Grouped(), q.MeterNumber)
	if l.wrap != nil {
		return facility.Record{}, fmt.Errorf("%s: %w", text, l.wrap)
	}
	return facility.Record{}, errors.New(text)
}

// TestLookupErrorsCarryNoIdentifiers: whatever a lookup's error says, the error FetchFacility
// returns — its text and everything it wraps — holds neither the meter number nor the
// facility ID searched for, and still matches the lookup's sentinel.
func TestLookupErrorsCarryNoIdentifiers(t *testing.T) {
	t.Parallel()
	for _, wrap := range []error{nil, facility.ErrNotFound, facility.ErrMismatch} {
		e := newEnv(t)
		svc, err := notification.NewService(e.repo, catalog.ExampleCatalog(), leakyLookup{wrap}, notification.WithClock(e.clock.Now))
		require.NoError(t, err)
		c := e.created(t)
		_, _, err = svc.FetchFacility(e.inst, c.ID(), c.Version(),
			notification.FetchRequest{MeterNumber: "M-20003", FacilityID: "735 999 101 000 000 031"})
		var le *notification.LookupError
		require.ErrorAs(t, err, &le)
		if wrap != nil {
			require.ErrorIs(t, err, wrap)
		}
		for e := error(err); e != nil; e = errors.Unwrap(e) {
			for _, text := range []string{e.Error(), le.Swedish()} {
				for _, n := range []string{"M-20003", "m-20003", "735999101000000031", "735 999 101 000 000 031", "000031"} {
					require.NotContains(t, text, n, "the lookup's error leaks %q", n)
				}
			}
		}
		if wrap == nil {
			require.Contains(t, err.Error(), "connection refused", "the rest of the lookup's text is kept")
		}
	}
}
