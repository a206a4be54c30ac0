package notification_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/privacy"
)

// now is the fixed clock of every test: whole seconds, UTC.
var now = time.Date(2025, time.March, 10, 9, 30, 0, 0, time.UTC)

// The actors of the tests: the manual's installer company and grid company, and a stranger on
// each side.
var (
	installer      = privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	gridCompany    = privacy.Actor{ID: "u-2001", Organisation: "oresundskraft", Roles: []privacy.Role{privacy.RoleGridCompany}}
	otherGrid      = privacy.Actor{ID: "u-3001", Organisation: "kustnat", Roles: []privacy.Role{privacy.RoleGridCompany}}
	otherInstaller = privacy.Actor{ID: "u-4001", Organisation: "annan-el", Roles: []privacy.Role{privacy.RoleInstaller}}
)

// snapDiff compares two snapshots with the conformance suite's options.
func snapDiff(want, got notification.Snapshot) string {
	return cmp.Diff(want, got, notificationtest.CmpOptions())
}

// requireUnchanged fails t unless c's snapshot still equals before.
func requireUnchanged(t *testing.T, before notification.Snapshot, c *notification.Case) {
	t.Helper()
	if diff := snapDiff(before, c.Snapshot()); diff != "" {
		t.Fatalf("the case changed (-before +after):\n%s", diff)
	}
}

// caseIn returns a case in status s, restored from a snapshot (no history), with a grid area,
// an owner, identifiers and one attachment, so that every setter has something to change.
func caseIn(t *testing.T, s notification.Status) *notification.Case {
	t.Helper()
	c := draft(t)
	snap := c.Snapshot()
	snap.Status = s
	rec := facility.SampleRecords()[0]
	snap.Form.Facility.ID = rec.ID
	snap.Form.Facility.MeterNumber = rec.MeterNumber
	snap.Form.Facility.TechnicalNumber = rec.TechnicalNumber
	snap.Form.Owner = rec.Owner
	snap.Attachments = []notification.Attachment{{Kind: notification.OtherAttachment, Name: privacy.NewText("befintlig.pdf"), Size: 10}}
	c, err := notification.RestoreCase(snap)
	require.NoError(t, err)
	return c
}

// draft returns a new case as NewCase makes it.
func draft(t *testing.T) *notification.Case {
	t.Helper()
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: notification.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: installer.ID, Organisation: installer.Organisation},
		CreatedAt: now,
	})
	require.NoError(t, err)
	return c
}

// mustParty parses a party that the test knows is valid.
func mustParty(t *testing.T, section string, in notification.PartyInput) facility.Party {
	t.Helper()
	p, err := notification.ParseParty(section, in)
	require.NoError(t, err)
	return p
}

// ownerInput is the walkthrough's owner, with her personal identity number from the customer.
func ownerInput() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: "Berg", GivenName: "Maja", PersonalNumber: "880320-0016",
		Address: notification.AddressInput{Street: "Storgatan 12", PostalCode: "252 21", City: "Helsingborg"},
		Phone:   "070-174 06 55", Email: "maja.berg@example.com",
	}
}

// env is a default service with a fixed clock and a context per actor.
type env struct {
	svc                                       *notification.Service
	inst, grid, otherGrid, otherInst, noActor context.Context
}

func newEnv(t *testing.T) env {
	t.Helper()
	ctx := context.Background()
	return env{
		svc:       notification.NewDefaultService(notification.WithClock(func() time.Time { return now })),
		inst:      privacy.WithActor(ctx, installer),
		grid:      privacy.WithActor(ctx, gridCompany),
		otherGrid: privacy.WithActor(ctx, otherGrid),
		otherInst: privacy.WithActor(ctx, otherInstaller),
		noActor:   ctx,
	}
}

// create makes the walkthrough's case: Öresundskraft, Servisändring, one meter, Helsingborg.
func (e env) create(t *testing.T) *notification.Case {
	t.Helper()
	c, err := e.svc.Create(e.inst, notification.CreateRequest{
		GridCompany: "oresundskraft", InstallationType: notification.ServiceChange,
		JobType: "single-meter", Area: "Helsingborg",
	})
	require.NoError(t, err)
	return c
}

// complete makes a case that has every mandatory field, following the walkthrough: fetch
// "M-20003", the owner's personal identity number from the customer, the rest of the form,
// "Kopiera från ägare".
func (e env) complete(t *testing.T) *notification.Case {
	t.Helper()
	c := e.create(t)
	c, _, err := e.svc.FetchFacility(e.inst, c.ID(), notification.FetchRequest{MeterNumber: "M-20003"})
	require.NoError(t, err)
	owner := mustParty(t, "owner", ownerInput())
	phone, err := privacy.ParsePhone("042-490 00 00")
	require.NoError(t, err)
	res, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(c *notification.Case) error {
		for _, err := range []error{
			c.SetOwner(owner),
			c.SetMeterPlacement(notification.FacadeCabinet, ""),
			c.SetWorkDescription("Byte av servisledning 10 mm² till 16 mm²."),
			c.SetInstaller(notification.Installer{
				Company: "Elfirma AB", AuthorisationNumber: "AL-12345",
				Contact: privacy.NewText("Kim Larsson"), Phone: phone,
			}),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	c, _, err = e.svc.CopyFromOwner(e.inst, res.Case.ID())
	require.NoError(t, err)
	problems, err := e.svc.Check(e.inst, c.ID())
	require.NoError(t, err)
	require.Empty(t, problems, "the complete fixture lacks fields")
	return c
}

// submitted makes a complete case and submits it.
func (e env) submitted(t *testing.T) *notification.Case {
	t.Helper()
	res, err := e.svc.Submit(e.inst, e.complete(t).ID())
	require.NoError(t, err)
	require.Equal(t, notification.AwaitingApproval, res.Case.Status())
	return res.Case
}

// stored returns the stored case, read straight from the repository (no access rules).
func (e env) stored(t *testing.T, id notification.ID) *notification.Case {
	t.Helper()
	c, err := e.svc.Repository().Get(context.Background(), id)
	require.NoError(t, err)
	return c
}
