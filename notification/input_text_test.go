package notification_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// freeTextEntries are every way a person's free text enters a case, each with the path its
// problem names and whether the field is multi-line (newline and tab allowed).
func freeTextEntries() []struct {
	path      string
	multiline bool
	enter     func(t *testing.T, e env, text string) error
} {
	draftEdit := func(set func(d *notification.Draft, text string) error) func(t *testing.T, e env, text string) error {
		return func(t *testing.T, e env, text string) error {
			c := e.created(t)
			_, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error { return set(d, text) })
			return err
		}
	}
	party := func(field func(in *notification.PartyInput, text string)) func(t *testing.T, e env, text string) error {
		return func(_ *testing.T, _ env, text string) error {
			in := notification.PartyInput{Kind: "private"}
			field(&in, text)
			_, err := notification.ParseParty("owner", in)
			return err
		}
	}
	step := func(take func(e env, c *notification.Case, text string) error) func(t *testing.T, e env, text string) error {
		return func(t *testing.T, e env, text string) error { return take(e, e.submitted(t), text) }
	}
	return []struct {
		path      string
		multiline bool
		enter     func(t *testing.T, e env, text string) error
	}{
		{"owner.surname", false, party(func(in *notification.PartyInput, s string) { in.Surname = privacy.NewText(s) })},
		{"owner.givenName", false, party(func(in *notification.PartyInput, s string) { in.GivenName = privacy.NewText(s) })},
		{"owner.companyName", false, party(func(in *notification.PartyInput, s string) { in.CompanyName = privacy.NewText(s) })},
		{"owner.address.street", false, party(func(in *notification.PartyInput, s string) { in.Address.Street = privacy.NewText(s) })},
		{"owner.address.city", false, party(func(in *notification.PartyInput, s string) { in.Address.City = privacy.NewText(s) })},
		{"owner.address.careOf", false, party(func(in *notification.PartyInput, s string) { in.Address.CareOf = privacy.NewText(s) })},
		{"owner.invoiceReference", false, party(func(in *notification.PartyInput, s string) { in.InvoiceReference = privacy.NewText(s) })},
		{"workDescription", true, draftEdit(func(d *notification.Draft, s string) error { return d.SetWorkDescription(s) })},
		{"meterPlacementOther", false, draftEdit(func(d *notification.Draft, s string) error {
			return d.SetMeterPlacement(catalog.OtherPlacement, s)
		})},
		{"installer.company", false, draftEdit(func(d *notification.Draft, s string) error {
			return d.SetInstaller(notification.Installer{Company: s})
		})},
		{"installer.authorisationNumber", false, draftEdit(func(d *notification.Draft, s string) error {
			return d.SetInstaller(notification.Installer{AuthorisationNumber: s})
		})},
		{"installer.contact", false, draftEdit(func(d *notification.Draft, s string) error {
			return d.SetInstaller(notification.Installer{Contact: privacy.NewText(s)})
		})},
		{"attachment.name", false, draftEdit(func(d *notification.Draft, s string) error {
			return d.AddAttachment(notification.Attachment{Kind: notification.OtherAttachment, Name: privacy.NewText(s)})
		})},
		{"note", true, func(t *testing.T, e env, s string) error {
			c := e.created(t)
			_, err := e.svc.AddNote(e.inst, c.ID(), c.Version(), s)
			return err
		}},
		{"reason", true, step(func(e env, c *notification.Case, s string) error {
			_, err := e.svc.Return(e.grid, c.ID(), c.Version(), s)
			return err
		})},
		{"reason", true, step(func(e env, c *notification.Case, s string) error {
			_, err := e.svc.Reject(e.grid, c.ID(), c.Version(), s)
			return err
		})},
		{"reason", true, step(func(e env, c *notification.Case, s string) error {
			_, err := e.svc.Cancel(e.inst, c.ID(), c.Version(), s)
			return err
		})},
		{"conditions", true, step(func(e env, c *notification.Case, s string) error {
			_, err := e.svc.Approve(e.grid, c.ID(), c.Version(), s)
			return err
		})},
	}
}

// TestFreeTextRefusesWhatIsNotText: every free-text field refuses invalid UTF-8, NUL and other
// control characters (newline and tab only where the field is multi-line) with an error that
// names the field, and takes ordinary text with Swedish letters.
func TestFreeTextRefusesWhatIsNotText(t *testing.T) {
	t.Parallel()
	for _, f := range freeTextEntries() {
		t.Run(f.path, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			for _, bad := range []string{"Berg\x00ström", "Berg\xffström", "Berg\x1bström", "Berg\x7fström", "Berg\u0085ström"} {
				err := f.enter(t, e, bad)
				require.ErrorIs(t, err, validate.ErrInvalid, "%q", bad)
				var inv *validate.InvalidError
				require.ErrorAs(t, err, &inv)
				require.Equal(t, f.path, inv.Problems[0].Path)
				require.NotEmpty(t, inv.Problems[0].Swedish)
				require.NotContains(t, err.Error(), "ström", "the error quotes the text")
			}
			for _, lines := range []string{"Bergström\nvid grinden", "Bergström\tvid grinden"} {
				err := f.enter(t, e, lines)
				if f.multiline {
					require.NoError(t, err, "a multi-line field takes %q", lines)
				} else {
					require.ErrorIs(t, err, validate.ErrInvalid, "a single-line field refuses %q", lines)
				}
			}
			require.NoError(t, f.enter(t, e, "Åsa Öberg-Ängström (gård 3)"))
		})
	}
}

// TestFreeTextIsStoredInNFC: "å" typed as a + combining ring and "å" typed as one character
// are stored as the same text, so that erasure and export by name find both.
func TestFreeTextIsStoredInNFC(t *testing.T) {
	t.Parallel()
	decomposed, composed := "A\u030Asa Bergstro\u0308m", "Åsa Bergström"
	require.NotEqual(t, decomposed, composed)
	c := caseIn(t, notification.NotSent)
	require.NoError(t, c.Edit(validate.Profile{}, installer, now, func(d *notification.Draft) error {
		return d.SetWorkDescription(decomposed)
	}))
	require.NoError(t, c.AddNote(decomposed, installer, now))
	p, err := notification.ParseParty("owner", notification.PartyInput{Kind: "private", Surname: privacy.NewText(decomposed)})
	require.NoError(t, err)
	require.Equal(t, composed, c.WorkDescription().Reveal())
	require.Equal(t, composed, c.Notes()[0].Text.Reveal())
	require.Equal(t, composed, p.Surname.Reveal())
}

// TestParsePartyNamesEveryField: each malformed field is a problem of its own, named by path
// and Swedish label, all in one answer that matches validate.ErrInvalid.
func TestParsePartyNamesEveryField(t *testing.T) {
	t.Parallel()
	_, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "privat", NoSwedishPersonalNumber: true, BirthDate: privacy.NewText("2999-01-01"),
		Surname: privacy.NewText(strings.Repeat("Berg", 51)), Phone: privacy.NewText("070-174 06 5x"),
	})
	require.ErrorIs(t, err, validate.ErrInvalid)
	var inv *validate.InvalidError
	require.ErrorAs(t, err, &inv)
	paths := map[string]validate.Problem{}
	for _, p := range inv.Problems {
		paths[p.Path] = p
	}
	require.Contains(t, paths, "owner.birthDate", "a future birth date names the field")
	require.Contains(t, paths, "owner.surname")
	require.Contains(t, paths, "owner.phone")
	require.Len(t, paths, 3)
	require.NotEqual(t, "owner.birthDate", paths["owner.birthDate"].Label, "the problem has the field's Swedish label")
	_, err = notification.ParseParty("owner", notification.PartyInput{Kind: "company", CompanyName: privacy.NewText("Ek AB"),
		PersonalNumber: privacy.NewText("880320-0016")})
	require.ErrorIs(t, err, validate.ErrInvalid, "a company with a personal identity number")
	_, err = notification.ParseParty("owner", notification.PartyInput{Kind: "somebody"})
	require.ErrorIs(t, err, validate.ErrInvalid)
	require.ErrorAs(t, err, &inv)
	require.Equal(t, "owner.kind", inv.Problems[0].Path)
	_, err = notification.ParseParty("neighbour", notification.PartyInput{})
	require.ErrorIs(t, err, validate.ErrInvalid)
}

// TestInstallerProblemsNameTheField: a problem with the installer section names its field,
// not the section.
func TestInstallerProblemsNameTheField(t *testing.T) {
	t.Parallel()
	c := caseIn(t, notification.NotSent)
	err := c.Edit(validate.Profile{}, installer, now, func(d *notification.Draft) error {
		return d.SetInstaller(notification.Installer{Company: strings.Repeat("Å", 201)})
	})
	var inv *validate.InvalidError
	require.ErrorAs(t, err, &inv)
	require.Equal(t, "installer.company", inv.Problems[0].Path)
	require.Equal(t, "Installatörsföretag", inv.Problems[0].Label)
	_, err = notification.ParseInstaller(notification.InstallerInput{AuthorisationNumber: strings.Repeat("1", 201),
		Phone: privacy.NewText("12"), Email: privacy.NewText("@")})
	require.ErrorAs(t, err, &inv)
	var paths []string
	for _, p := range inv.Problems {
		paths = append(paths, p.Path)
	}
	require.ElementsMatch(t, []string{"installer.authorisationNumber", "installer.phone", "installer.email"}, paths)
}

// FuzzFreeText: whatever text is typed, what a case stores is valid UTF-8 without control
// characters (newline and tab only in multi-line fields), or the text is refused with
// validate.ErrInvalid.
func FuzzFreeText(f *testing.F) {
	fuzzAddStrings(f, "Åsa Öberg", "a\u030Asa", "rad ett\nrad två", "tab\there", "\r\n", "\u202Eevil", "\ufeffBOM",
		strings.Repeat("ö", 4001), "\xc3", "\x00", "ok\u0085", "\U0001F600 emoji")
	f.Fuzz(func(t *testing.T, s string) {
		c := caseIn(t, notification.NotSent)
		err := c.Edit(validate.Profile{}, installer, now, func(d *notification.Draft) error { return d.SetWorkDescription(s) })
		noteErr := c.AddNote(s, installer, now)
		p, partyErr := notification.ParseParty("owner", notification.PartyInput{Surname: privacy.NewText(s)})
		for _, e := range []error{err, noteErr, partyErr} {
			if e != nil && !errors.Is(e, validate.ErrInvalid) {
				t.Fatalf("error %v does not match validate.ErrInvalid", e)
			}
		}
		check := func(field, v string, multiline bool) {
			if !utf8.ValidString(v) {
				t.Fatalf("%s holds invalid UTF-8", field)
			}
			for _, r := range v {
				if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
					t.Fatalf("%s holds the control character %U", field, r)
				}
			}
			if !norm.NFC.IsNormalString(v) {
				t.Fatalf("%s is not in NFC", field)
			}
		}
		check("workDescription", c.WorkDescription().Reveal(), true)
		for _, n := range c.Notes() {
			check("note", n.Text.Reveal(), true)
		}
		if partyErr == nil {
			check("surname", p.Surname.Reveal(), false)
		}
	})
}
