package notification_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// setter is one way to edit a case. Every setter here changes a case made by caseIn.
type setter struct {
	name string
	call func(t *testing.T, c *notification.Case) error
}

// viaDraft is a Draft setter applied through Case.Edit, with the customers' consent to any
// personal identity number it sets.
func viaDraft(set func(t *testing.T, d *notification.Draft) error) func(t *testing.T, c *notification.Case) error {
	return func(t *testing.T, c *notification.Case) error {
		return c.Edit(validate.Profile{}, installer, now, func(d *notification.Draft) error { return set(t, d) },
			notification.WithConsent(notification.SectionOwner), notification.WithConsent(notification.SectionPayer))
	}
}

func setters() []setter {
	rec := facility.SampleRecords()[2]
	return []setter{
		{"SetIdentifiers", viaDraft(func(_ *testing.T, d *notification.Draft) error {
			return d.SetIdentifiers(rec.ID, rec.MeterNumber)
		})},
		{"ClearIdentifiers", func(_ *testing.T, c *notification.Case) error { return c.ClearIdentifiers() }},
		{"SetFacility", viaDraft(func(_ *testing.T, d *notification.Draft) error { return d.SetFacility(rec.Details) })},
		{"SetOwner", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.SetOwner(mustParty(t, "owner", ownerInput()))
		})},
		{"SetPayer", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.SetPayer(mustParty(t, "payer", notification.PartyInput{Kind: "company", CompanyName: privacy.NewText("Exempel AB"), OrganisationNumber: privacy.NewText("556016-0680")}))
		})},
		{"SetRequested", viaDraft(func(_ *testing.T, d *notification.Draft) error {
			return d.SetRequested(25, decimal.RequireFromString("17.5"))
		})},
		{"SetMeterPlacement", viaDraft(func(_ *testing.T, d *notification.Draft) error {
			return d.SetMeterPlacement(catalog.OtherPlacement, "I garaget")
		})},
		{"SetPlannedDates", viaDraft(func(_ *testing.T, d *notification.Draft) error {
			return d.SetPlannedDates(now.AddDate(0, 0, 7), now.AddDate(0, 0, 8))
		})},
		{"SetWorkDescription", viaDraft(func(_ *testing.T, d *notification.Draft) error { return d.SetWorkDescription("Nytt mätarskåp.") })},
		{"SetInstaller", viaDraft(func(_ *testing.T, d *notification.Draft) error {
			return d.SetInstaller(notification.Installer{Company: "Elfirma AB", Contact: privacy.NewText("Kim Larsson")})
		})},
		{"AddAttachment", viaDraft(func(_ *testing.T, d *notification.Draft) error {
			return d.AddAttachment(notification.Attachment{Kind: notification.SitePlanAttachment, Name: privacy.NewText("plan.pdf"), Size: 1})
		})},
		{"RemoveAttachment", viaDraft(func(_ *testing.T, d *notification.Draft) error { return d.RemoveAttachment("befintlig.pdf") })},
		{"FetchFacility", func(_ *testing.T, c *notification.Case) error {
			_, err := c.FetchFacility(&rec, merge.Overwrite)
			return err
		}},
		{"CopyFromOwner", func(_ *testing.T, c *notification.Case) error {
			_, err := c.CopyFromOwner(validate.Profile{}, installer, now, notification.WithConsent(notification.SectionPayer))
			return err
		}},
	}
}

func TestEditableOnlyInDraftAndReturned(t *testing.T) {
	t.Parallel()
	for _, s := range notification.Statuses() {
		editable := s == notification.NotSent || s == notification.Returned
		require.Equal(t, editable, s.Editable(), "Editable(%v)", s)
		for _, set := range setters() {
			t.Run(s.Code()+"/"+set.name, func(t *testing.T) {
				t.Parallel()
				c := caseIn(t, s)
				before := c.Snapshot()
				err := set.call(t, c)
				if editable {
					require.NoError(t, err)
					require.NotEmpty(t, snapDiff(before, c.Snapshot()), "the setter changed nothing")
					require.Equal(t, s, c.Status())
					return
				}
				require.ErrorIs(t, err, notification.ErrNotEditable)
				require.Contains(t, err.Error(), s.String(), "the message names the status")
				requireUnchanged(t, before, c)
			})
		}
	}
}

// TestSettersRefuseBadInput: a setter that refuses its input leaves the case exactly as it was.
func TestSettersRefuseBadInput(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("ö", n) }
	rec := facility.SampleRecords()[0]
	tests := []struct {
		name string
		call func(t *testing.T, c *notification.Case) error
	}{
		{"fuse not a standard size", viaDraft(func(t *testing.T, d *notification.Draft) error { return d.SetRequested(23, decimal.Zero) })},
		{"negative power", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.SetRequested(25, decimal.RequireFromString("-0.1"))
		})},
		{"other placement without text", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.SetMeterPlacement(catalog.OtherPlacement, "")
		})},
		{"text for a listed placement", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.SetMeterPlacement(catalog.FacadeCabinet, "vänster")
		})},
		{"placement text too long", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.SetMeterPlacement(catalog.OtherPlacement, long(201))
		})},
		{"completion before start", viaDraft(func(t *testing.T, d *notification.Draft) error { return d.SetPlannedDates(now, now.Add(-time.Hour)) })},
		{"work description too long", viaDraft(func(t *testing.T, d *notification.Draft) error { return d.SetWorkDescription(long(4001)) })},
		{"installer company too long", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.SetInstaller(notification.Installer{Company: long(201)})
		})},
		{"attachment without name", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.AddAttachment(notification.Attachment{Kind: notification.OtherAttachment})
		})},
		{"attachment without kind", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.AddAttachment(notification.Attachment{Name: privacy.NewText("a.pdf")})
		})},
		{"attachment with negative size", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.AddAttachment(notification.Attachment{Kind: notification.OtherAttachment, Name: privacy.NewText("a.pdf"), Size: -1})
		})},
		{"attachment name taken", viaDraft(func(t *testing.T, d *notification.Draft) error {
			return d.AddAttachment(notification.Attachment{Kind: notification.SitePlanAttachment, Name: privacy.NewText("befintlig.pdf")})
		})},
		{"remove unknown attachment", viaDraft(func(t *testing.T, d *notification.Draft) error { return d.RemoveAttachment("saknas.pdf") })},
		{"facility without area", viaDraft(func(t *testing.T, d *notification.Draft) error {
			fd := rec.Details
			fd.Area = ""
			return d.SetFacility(fd)
		})},
		{"owner with personal number and no Swedish personal number", viaDraft(func(t *testing.T, d *notification.Draft) error {
			p := mustParty(t, "owner", ownerInput())
			p.NoSwedishPersonalNumber = true
			return d.SetOwner(p)
		})},
		{"payer company with personal number", viaDraft(func(t *testing.T, d *notification.Draft) error {
			p := mustParty(t, "payer", ownerInput())
			p.Kind = facility.PartyKindCompany
			return d.SetPayer(p)
		})},
		{"birth date with a Swedish personal number", viaDraft(func(t *testing.T, d *notification.Draft) error {
			p := mustParty(t, "owner", notification.PartyInput{Kind: "private", NoSwedishPersonalNumber: true, BirthDate: privacy.NewText("1988-03-20")})
			p.NoSwedishPersonalNumber = false
			return d.SetOwner(p)
		})},
		{"unknown fetch mode", func(t *testing.T, c *notification.Case) error {
			_, err := c.FetchFacility(&rec, merge.Mode(42))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := caseIn(t, notification.NotSent)
			before := c.Snapshot()
			require.ErrorIs(t, tt.call(t, c), validate.ErrInvalid)
			requireUnchanged(t, before, c)
		})
	}
}

func TestAddNote_anyStatus(t *testing.T) {
	t.Parallel()
	for _, s := range notification.Statuses() {
		for _, by := range []privacy.Actor{installer, gridCompany} {
			c := caseIn(t, s)
			before := c.Snapshot()
			at := now.Add(time.Minute).In(time.FixedZone("CET", 3600))
			require.NoError(t, c.AddNote("  Ring före besök.  ", by, at), "status %v", s)
			notes := c.Notes()
			require.Len(t, notes, 1)
			require.Equal(t, by.ID, notes[0].Author)
			require.True(t, notes[0].At.Equal(at))
			require.Equal(t, time.UTC, notes[0].At.Location())
			require.Equal(t, "Ring före besök.", notes[0].Text.Reveal())
			after := c.Snapshot()
			after.Notes = nil
			require.Empty(t, snapDiff(before, after), "AddNote changed more than the notes")
		}
	}
}

func TestAddNote_refusesBadText(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "   \n", strings.Repeat("a", 4001)} {
		c := caseIn(t, notification.Approved)
		before := c.Snapshot()
		require.ErrorIs(t, c.AddNote(text, installer, now), validate.ErrInvalid)
		requireUnchanged(t, before, c)
	}
}

func TestCase_gettersReturnCopies(t *testing.T) {
	t.Parallel()
	c := caseIn(t, notification.NotSent)
	require.NoError(t, c.AddNote("En notering.", installer, now))
	c.Notes()[0].Author = "x"
	c.Attachments()[0].Name = privacy.NewText("x")
	require.Equal(t, installer.ID, c.Notes()[0].Author)
	require.Equal(t, "befintlig.pdf", c.Attachments()[0].Name.Reveal())

	d := c.Clone()
	require.NoError(t, d.AddNote("Bara i kopian.", installer, now))
	edit(t, d, func(d *notification.Draft) error { return d.SetWorkDescription("Bara i kopian.") })
	require.Len(t, c.Notes(), 1)
	require.Empty(t, c.WorkDescription())

	s := c.Snapshot()
	s.Notes[0].Author = "x"
	require.Equal(t, installer.ID, c.Notes()[0].Author, "a snapshot shares the notes with the case")
}

func TestNewCase(t *testing.T) {
	t.Parallel()
	ok := notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: "u-1", Organisation: "elfirma-ab"},
		CreatedAt: now.In(time.FixedZone("CET", 3600)),
	}
	c, err := notification.NewCase(ok)
	require.NoError(t, err)
	require.Equal(t, notification.NotSent, c.Status())
	require.Equal(t, facility.AreaCode("HBG"), c.Area())
	require.Equal(t, time.UTC, c.CreatedAt().Location())
	require.True(t, c.CreatedAt().Equal(now))
	require.Zero(t, c.Version())
	_, err = notification.ParseID(c.ID().String())
	require.NoError(t, err, "NewCase's fresh ID is not a valid ID")

	for name, change := range map[string]func(p *notification.NewCaseParams){
		"gridCompany":      func(p *notification.NewCaseParams) { p.GridCompany = "" },
		"installationType": func(p *notification.NewCaseParams) { p.InstallationType = "" },
		"jobType":          func(p *notification.NewCaseParams) { p.JobType = "" },
		"area":             func(p *notification.NewCaseParams) { p.Area = "" },
		"handler.user":     func(p *notification.NewCaseParams) { p.Handler.User = "" },
		"createdAt":        func(p *notification.NewCaseParams) { p.CreatedAt = time.Time{} },
	} {
		p := ok
		change(&p)
		_, err := notification.NewCase(p)
		require.ErrorIs(t, err, validate.ErrInvalid, name)
		require.Contains(t, err.Error(), name)
	}
}

func TestRestoreCase_roundTrip(t *testing.T) {
	t.Parallel()
	c := caseIn(t, notification.Returned)
	require.NoError(t, c.AddNote("Notering.", gridCompany, now))
	d, err := notification.RestoreCase(c.Snapshot())
	require.NoError(t, err)
	require.Empty(t, snapDiff(c.Snapshot(), d.Snapshot()))

	for name, change := range map[string]func(s *notification.Snapshot){
		"no ID":            func(s *notification.Snapshot) { s.ID = "" },
		"no status":        func(s *notification.Snapshot) { s.Status = notification.StatusNone },
		"no grid company":  func(s *notification.Snapshot) { s.GridCompany = "" },
		"negative version": func(s *notification.Snapshot) { s.Version = -1 },
	} {
		s := c.Snapshot()
		change(&s)
		_, err := notification.RestoreCase(s)
		require.ErrorIs(t, err, validate.ErrInvalid, name)
	}
}

// TestDraftHasOnlyTheFormsSetters checks what an edit can reach: the case's read accessors and
// the form's setters. No lifecycle step, note, erasure, nested edit or way to the aggregate is
// among a Draft's methods, so an edit cannot take them — the compiler refuses it.
func TestDraftHasOnlyTheFormsSetters(t *testing.T) {
	t.Parallel()
	setters := []string{"SetIdentifiers", "SetFacility", "SetOwner", "SetPayer", "SetRequested", "SetMeterPlacement",
		"SetPlannedDates", "SetWorkDescription", "SetInstaller", "AddAttachment", "RemoveAttachment"}
	printing := []string{"String", "Format", "LogValue"}
	caseType := reflect.TypeFor[*notification.Case]()
	draftType := reflect.TypeFor[*notification.Draft]()
	var got []string
	for m := range draftType.Methods() {
		got = append(got, m.Name)
		if slices.Contains(setters, m.Name) || slices.Contains(printing, m.Name) {
			continue
		}
		// Anything else is a read accessor the case has too, returning no way to the case.
		cm, ok := caseType.MethodByName(m.Name)
		require.True(t, ok, "Draft.%s is neither a setter nor one of the case's accessors", m.Name)
		require.Equal(t, cm.Type.NumIn(), m.Type.NumIn(), m.Name)
		for i := range m.Type.NumOut() {
			out := m.Type.Out(i)
			require.NotEqual(t, caseType, out, "Draft.%s hands out the aggregate", m.Name)
			require.NotEqual(t, draftType, out, "Draft.%s hands out a draft", m.Name)
		}
	}
	for _, step := range []string{"Submit", "Approve", "Reject", "Return", "NotifyCompletion", "Close", "Cancel",
		"AddNote", "Edit", "FetchFacility", "ClearIdentifiers", "CopyFromOwner", "CheckDeletable", "Clone", "Snapshot"} {
		require.NotContains(t, got, step, "an edit could take the step %s", step)
		_, onCase := caseType.MethodByName(step)
		require.True(t, onCase, "the case has %s", step)
	}
	for _, s := range setters {
		require.Contains(t, got, s)
		_, onCase := caseType.MethodByName(s)
		require.False(t, onCase, "the case has the setter %s outside an edit", s)
	}
}

// TestDraftKeptAfterTheEditChangesNothing: a draft that escapes its edit function refuses every
// change, so it cannot alter the case later.
func TestDraftKeptAfterTheEditChangesNothing(t *testing.T) {
	t.Parallel()
	c := caseIn(t, notification.NotSent)
	var kept *notification.Draft
	edit(t, c, func(d *notification.Draft) error { kept = d; return nil })
	before := c.Snapshot()
	require.ErrorIs(t, kept.SetWorkDescription("Senare."), validate.ErrInvalid)
	require.ErrorIs(t, kept.AddAttachment(notification.Attachment{Kind: notification.OtherAttachment,
		Name: privacy.NewText("senare.pdf")}), validate.ErrInvalid)
	requireUnchanged(t, before, c)
}

// TestEditFailsWhole: an edit that returns an error after some setters succeeded leaves the
// case exactly as it was.
func TestEditFailsWhole(t *testing.T) {
	t.Parallel()
	c := caseIn(t, notification.NotSent)
	before := c.Snapshot()
	boom := errors.New("the user pressed Avbryt")
	err := c.Edit(validate.Profile{}, installer, now, func(d *notification.Draft) error {
		require.NoError(t, d.SetWorkDescription("Halvvägs."))
		require.NoError(t, d.SetOwner(mustParty(t, "owner", notification.PartyInput{Kind: "company",
			CompanyName: privacy.NewText("Halvvägs AB")})))
		return boom
	})
	require.ErrorIs(t, err, boom)
	requireUnchanged(t, before, c)
	require.ErrorIs(t, c.Edit(validate.Profile{}, installer, now, nil), validate.ErrInvalid)
}

// editableSnapshotFields are the snapshot's fields an edit sets; the others belong to the
// steps, the store or the Service. TestSaveStoresEveryFormField fails on a field in neither
// list, so a field added to the snapshot must be placed here, and an editable one gets a
// setter that this test then proves is stored.
var (
	editableSnapshotFields = []string{"Form", "RequestedMainFuse", "RequestedPower", "MeterPlacement",
		"PlacementOther", "PlannedStart", "PlannedCompletion", "WorkDescription", "Installer", "Attachments"}
	otherSnapshotFields = []string{"ID", "GridCompany", "InstallationType", "JobType", "Status", "Handler", "Notes",
		"History", "Sources", "Recipients", "Justifications", "Tombstones", "Version", "CreatedAt", "UpdatedAt"}
)

// TestSaveStoresEveryFormField edits every editable field through Service.Save and checks that
// the stored case holds every value: each leaf of each editable snapshot field is set after one
// of three saves (a field a party's kind rules out is set by another), and equals what the
// draft held.
func TestSaveStoresEveryFormField(t *testing.T) {
	t.Parallel()
	for f := range reflect.TypeFor[notification.Snapshot]().Fields() {
		require.True(t, slices.Contains(editableSnapshotFields, f.Name) || slices.Contains(otherSnapshotFields, f.Name),
			"Snapshot.%s is neither editable nor another's: classify it", f.Name)
	}
	e := newEnv(t)
	rec := facility.SampleRecords()[2]
	in, err := notification.ParseInstaller(notification.InstallerInput{Company: "Elfirma AB",
		OrganisationNumber: privacy.NewText("556016-0680"), AuthorisationNumber: "AL-1", Contact: privacy.NewText("Kim"),
		Phone: privacy.NewText("042-490 00 00"), Email: privacy.NewText("kim@example.se")})
	require.NoError(t, err)
	private := mustParty(t, "owner", notification.PartyInput{Kind: "private", Surname: privacy.NewText("Berg"),
		GivenName: privacy.NewText("Maja"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{CareOf: privacy.NewText("Lund"), Street: privacy.NewText("Storgatan 12"),
			PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone: privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja@example.com"),
		InvoiceReference: privacy.NewText("Ref 1")})
	noSwedish := mustParty(t, "payer", notification.PartyInput{Kind: "private", NoSwedishPersonalNumber: true,
		BirthDate: privacy.NewText("1990-02-28"), Surname: privacy.NewText("Ek")})
	company := mustParty(t, "owner", notification.PartyInput{Kind: "company", CompanyName: privacy.NewText("Ek AB"),
		OrganisationNumber: privacy.NewText("556016-0680")})
	facilitySection := rec.Details
	facilitySection.Address.CareOf = privacy.NewText("Vaktmästaren")
	editWith := func(owner, payer facility.Party) func(d *notification.Draft) error {
		return func(d *notification.Draft) error {
			return errors.Join(
				d.SetFacility(facilitySection), d.SetOwner(owner), d.SetPayer(payer),
				d.SetRequested(35, decimal.RequireFromString("24.5")),
				d.SetMeterPlacement(catalog.OtherPlacement, "I garaget"),
				d.SetPlannedDates(now.AddDate(0, 0, 7), now.AddDate(0, 0, 9)),
				d.SetWorkDescription("Byte av servis."),
				d.SetInstaller(in),
				d.AddAttachment(notification.Attachment{Kind: notification.SitePlanAttachment, Name: privacy.NewText("plan.pdf"),
					MediaType: "application/pdf", Size: 12, SHA256: strings.Repeat("ab", 32), AddedAt: now}),
			)
		}
	}
	var stored []notification.Snapshot
	for _, parties := range [][2]facility.Party{{private, noSwedish}, {company, company}, {noSwedish, private}} {
		c := e.created(t)
		res, err := e.svc.Save(e.inst, c.ID(), c.Version(), editWith(parties[0], parties[1]),
			notification.WithConsent(notification.SectionOwner), notification.WithConsent(notification.SectionPayer))
		require.NoError(t, err)
		got := e.stored(t, c.ID()).Snapshot()
		require.Empty(t, snapDiff(res.Case.Snapshot(), got), "Save returned something else than it stored")
		stored = append(stored, got)
	}
	for _, name := range editableSnapshotFields {
		// A leaf counts as stored when one of the saves set it.
		unset := map[string]int{}
		for _, s := range stored {
			for _, leaf := range zeroLeaves(reflect.ValueOf(s).FieldByName(name), name) {
				unset[leaf]++
			}
		}
		for leaf, n := range unset {
			if n == len(stored) {
				t.Errorf("%s is not stored by any save", leaf)
			}
		}
	}
}

// zeroLeaves returns the paths of the zero leaves under v: the fields of structs with exported
// fields, the elements of slices (an empty slice is a zero leaf), and values — the privacy
// types, identifiers, times, decimals, whose fields are their own — by their IsZero.
func zeroLeaves(v reflect.Value, path string) []string {
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok && !hasExportedFields(v.Type()) {
		if z.IsZero() {
			return []string{path}
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, zeroLeaves(v.Field(i), path+"."+v.Type().Field(i).Name)...)
			}
		}
		return out
	case reflect.Slice:
		if v.Len() == 0 {
			return []string{path}
		}
		var out []string
		for i := range v.Len() {
			out = append(out, zeroLeaves(v.Index(i), path)...)
		}
		return out
	}
	if v.IsZero() {
		return []string{path}
	}
	return nil
}

func hasExportedFields(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for f := range t.Fields() {
		if f.IsExported() {
			return true
		}
	}
	return false
}
