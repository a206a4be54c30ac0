package notification_test

import (
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
