package notificationtest

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// base is the suite's clock: whole seconds in UTC, so that stores with coarser time still
// round-trip exactly.
var base = time.Date(2025, time.March, 10, 8, 0, 0, 0, time.UTC)

// The actors that take steps on the fixture cases.
var (
	installer   = privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	gridCompany = privacy.Actor{ID: "u-2001", Organisation: "oresundskraft", Roles: []privacy.Role{privacy.RoleGridCompany}}
)

// spec describes a plain fixture case; zero fields get defaults.
type spec struct {
	id          notification.ID
	gridCompany string
	installer   string
	createdAt   time.Time
	status      notification.Status
}

// newCase returns a fresh case (version 0) as NewCase makes it, moved to s.status along the
// lifecycle when that is not NotSent.
func newCase(t *testing.T, s spec) *notification.Case {
	t.Helper()
	if s.id == "" {
		s.id = notification.NewID()
	}
	if s.gridCompany == "" {
		s.gridCompany = "oresundskraft"
	}
	if s.installer == "" {
		s.installer = installer.Organisation
	}
	if s.createdAt.IsZero() {
		s.createdAt = base
	}
	c, err := notification.NewCase(notification.NewCaseParams{
		ID:               s.id,
		GridCompany:      s.gridCompany,
		InstallationType: catalog.ServiceChange,
		JobType:          "single-meter",
		Area:             "HBG",
		Handler:          notification.Handler{User: installer.ID, Organisation: s.installer},
		CreatedAt:        s.createdAt,
	})
	if err != nil {
		t.Fatalf("fixture: NewCase: %v", err)
	}
	if s.status != 0 {
		moveTo(t, c, s.status)
	}
	return c
}

// moveTo takes c from NotSent to status along the lifecycle, with an empty profile.
func moveTo(t *testing.T, c *notification.Case, status notification.Status) {
	t.Helper()
	at := c.CreatedAt().Add(time.Hour)
	submit := func() error { _, err := c.Submit(validate.Profile{}, installer, at); return err }
	approve := func() error { return c.Approve("", gridCompany, at) }
	var steps []func() error
	switch status {
	case notification.NotSent:
	case notification.AwaitingApproval:
		steps = []func() error{submit}
	case notification.Approved:
		steps = []func() error{submit, approve}
	case notification.Rejected:
		steps = []func() error{submit, func() error { return c.Reject("Fel nätområde.", gridCompany, at) }}
	case notification.Returned:
		steps = []func() error{submit, func() error { return c.Return("Situationsplan saknas.", gridCompany, at) }}
	case notification.Completed:
		steps = []func() error{submit, approve, func() error { return c.NotifyCompletion(installer, at) }}
	case notification.Closed:
		steps = []func() error{submit, approve, func() error { return c.NotifyCompletion(installer, at) },
			func() error { return c.Close(gridCompany, at) }}
	case notification.Cancelled:
		steps = []func() error{func() error { return c.Cancel("", installer, at) }}
	default:
		t.Fatalf("fixture: no path to status %v", status)
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("fixture: moving a case to %v: %v", status, err)
		}
	}
	if c.Status() != status {
		t.Fatalf("fixture: case is %v, want %v", c.Status(), status)
	}
}

// richCase returns a case with every part filled in — facility, owner and payer with identity
// numbers, requested fuse and power, placement, dates, installer, an attachment, notes, a
// status history with reasons, the justification of the owner's personal identity number and
// an erasure tombstone — so that a round trip that drops anything shows. The history, the
// justifications and the tombstones are what the library shows a supervisory authority.
func richCase(t *testing.T, id notification.ID) *notification.Case {
	t.Helper()
	c := newCase(t, spec{id: id})
	rec := facility.SampleRecords()[2] // "M-20003", grid area HBG
	owner := party(t, "owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"),
		PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{CareOf: privacy.NewText("Lund"), Street: privacy.NewText("Storgatan 12"),
			PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone: privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja.berg@example.com"),
	})
	payer := party(t, "payer", notification.PartyInput{
		Kind: "company", CompanyName: privacy.NewText("Exempel Förvaltning AB"), Surname: privacy.NewText("Ek"),
		GivenName: privacy.NewText("Bertil"), OrganisationNumber: privacy.NewText("556016-0680"),
		InvoiceReference: privacy.NewText("ALMEN-EL"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 40"), PostalCode: privacy.NewText("252 23"),
			City: privacy.NewText("Helsingborg")},
		Phone: privacy.NewText("070-174 06 14"), Email: privacy.NewText("forvaltning@example.com"),
	})
	in, err := notification.ParseInstaller(notification.InstallerInput{
		Company: "Elfirma AB", OrganisationNumber: privacy.NewText("556016-0680"), AuthorisationNumber: "AL-12345",
		Contact: privacy.NewText("Kim Larsson"), Phone: privacy.NewText("042-490 00 00"),
		Email: privacy.NewText("kim.larsson@example.com"),
	})
	if err != nil {
		t.Fatalf("fixture: ParseInstaller: %v", err)
	}
	edit(t, c, func(d *notification.Draft) error {
		steps := []struct {
			name string
			err  error
		}{
			{"SetFacility", d.SetFacility(rec.Details)},
			{"SetOwner", d.SetOwner(owner)},
			{"SetPayer", d.SetPayer(payer)},
			{"SetRequested", d.SetRequested(35, decimal.RequireFromString("24.50"))},
			{"SetMeterPlacement", d.SetMeterPlacement(catalog.OtherPlacement, "I garaget, vänster vägg")},
			{"SetPlannedDates", d.SetPlannedDates(base.AddDate(0, 0, 14), base.AddDate(0, 0, 21))},
			{"SetWorkDescription", d.SetWorkDescription("Byte av servisledning 10 mm² till 16 mm².\nKunden är hemma.")},
			{"SetInstaller", d.SetInstaller(in)},
			{"AddAttachment", d.AddAttachment(notification.Attachment{
				Kind: notification.SitePlanAttachment, Name: privacy.NewText("situationsplan.pdf"), MediaType: "application/pdf",
				Size: 48213, SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", AddedAt: base.Add(time.Minute),
			})},
		}
		for _, s := range steps {
			if s.err != nil {
				return fmt.Errorf("%s: %w", s.name, s.err)
			}
		}
		return nil
	}, notification.WithConsent(notification.SectionOwner))
	for _, step := range []struct {
		name string
		err  error
	}{
		{"AddNote", c.AddNote("Kunden vill bli uppringd före besök.", installer, base.Add(2*time.Minute))},
		{"Submit", submitErr(c.Submit(validate.Profile{}, installer, base.Add(3*time.Minute)))},
		{"Return", c.Return("Situationsplanen saknar mått.", gridCompany, base.Add(4*time.Minute))},
		{"Submit again", submitErr(c.Submit(validate.Profile{}, installer, base.Add(5*time.Minute)))},
		{"AddNote", c.AddNote("Mottagen.", gridCompany, base.Add(6*time.Minute))},
	} {
		if step.err != nil {
			t.Fatalf("fixture: %s: %v", step.name, step.err)
		}
	}
	// An erasure's tombstone, as the Service records one: the stored snapshot must keep it.
	s := c.Snapshot()
	s.Tombstones = append(s.Tombstones, notification.Tombstone{At: base.Add(7 * time.Minute), By: "u-dpo",
		Reason: notification.ErasedOnRequest, Fields: []string{"payer.surname", "notes.0.text"}})
	c, err = notification.RestoreCase(s)
	if err != nil {
		t.Fatalf("fixture: RestoreCase: %v", err)
	}
	if len(c.Justifications()) == 0 || len(c.Tombstones()) == 0 || c.History()[1].Reason.IsZero() {
		t.Fatal("fixture: the rich case lacks legal evidence")
	}
	return c
}

// submitErr drops Submit's "already" result.
func submitErr(_ bool, err error) error { return err }

// edit applies an edit to c with an empty profile, or fails t.
func edit(t *testing.T, c *notification.Case, fn func(d *notification.Draft) error, opts ...notification.SaveOption) {
	t.Helper()
	if err := c.Edit(validate.Profile{}, installer, base, fn, opts...); err != nil {
		t.Fatalf("fixture: Edit: %v", err)
	}
}

// party parses a fixture party.
func party(t *testing.T, section notification.Section, in notification.PartyInput) facility.Party {
	t.Helper()
	p, err := notification.ParseParty(section, in)
	if err != nil {
		t.Fatalf("fixture: ParseParty(%s): %v", section, err)
	}
	return p
}

// withVersion returns a copy of c claiming version v, as a caller holding an old or made-up
// version would have it.
func withVersion(t *testing.T, c *notification.Case, v int64) *notification.Case {
	t.Helper()
	s := c.Snapshot()
	s.Version = v
	d, err := notification.RestoreCase(s)
	if err != nil {
		t.Fatalf("fixture: RestoreCase: %v", err)
	}
	return d
}
