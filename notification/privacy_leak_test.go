package notification_test

import (
	"context"
	"math/rand/v2"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// pvLeakCases is how many random cases the leak property test builds (fewer with -short).
const pvLeakCases = 200

// TestPrivacyLeakProperty is the heart of the privacy tests (GDPR art. 25, DOMAIN.md §7): it
// builds many random cases full of real-looking personal data — personal identity numbers,
// coordination numbers, sole traders' organisation numbers, names, care-of names, street
// addresses, cities, mobile numbers, e-mail addresses, birth dates, property designations,
// installer contacts, notes naming a person — by every route a case gets data (ParseParty and
// Service.Save under a profile that requires identities or with WithConsent, "Hämta anl-data",
// "Kopiera från ägare", notes, and the Case setters on NewCase), in several statuses. Each
// case is pushed as *Case, Case, Snapshot, Form, Owner, Payer and Notes — and every fourth
// case also as *Snapshot, Facility, Installer, Provenance, Justifications, each Note and each
// personal value on its own (PersonalIdentityNumber, OrganisationNumber, Text, Phone, Email,
// Date) — through every channel of pvChannels (fmt verbs, structs with exported and
// unexported fields, slices, maps, the standard log package, slog's text and JSON handlers in
// every nesting, encoding/json, TextMarshaler, Stringer, GoStringer, panics); and every error that failing operations on the
// case return (Submit of an incomplete case, invalid transitions, a step for the wrong side,
// stale versions, a stranger's Get and Reveal, ParseParty and the privacy parsers on bad
// versions of the person's data, an unjustified personal identity number, a contradictory
// party) goes through the same channels. No personal value may appear in any output, in any
// of the forms pvNeedles and pvTypedNeedles list.
func TestPrivacyLeakProperty(t *testing.T) {
	t.Parallel()
	g := pvGen{r: rand.New(rand.NewPCG(20250401, 0x9e3779b97f4a7c15))}
	e := pvNewEnv(t)
	stats := map[string]int{}
	n := pvLeakCases
	if testing.Short() {
		n = 40
	}
	for i := range n {
		lc := pvLeakCase(t, e, g, i)
		stats[lc.route]++
		stats[lc.c.Status().String()]++
		needles := append(pvNeedles(lc.c), lc.needles...)
		require.NotEmpty(t, needles)

		var outs []pvOut
		c := lc.c
		snap := c.Snapshot()
		outs = append(outs, pvChannels("*Case", c)...)
		outs = append(outs, pvChannels("Case", *c)...)
		outs = append(outs, pvChannels("Snapshot", snap)...)
		outs = append(outs, pvChannels("Form", c.Form())...)
		outs = append(outs, pvChannels("Owner", c.Owner())...)
		outs = append(outs, pvChannels("Payer", c.Payer())...)
		outs = append(outs, pvChannels("Notes", c.Notes())...)
		// The other views and each value on its own go through the same channels for every
		// fourth case: they are small, and which channel masks them depends on their type,
		// not their data. (Every case would make the test take a minute under -race.)
		if i%4 == 1 {
			outs = append(outs, pvChannels("*Snapshot", &snap)...)
			outs = append(outs, pvChannels("Facility", c.Facility())...)
			outs = append(outs, pvChannels("Installer", c.Installer())...)
			outs = append(outs, pvChannels("Provenance", c.Provenance())...)
			outs = append(outs, pvChannels("Justifications", c.Justifications())...)
			for _, p := range []facility.Party{c.Owner(), c.Payer()} {
				outs = append(outs, pvChannels("PersonalNumber", p.PersonalNumber)...)
				outs = append(outs, pvChannels("OrganisationNumber", p.OrganisationNumber)...)
				outs = append(outs, pvChannels("Surname", p.Surname)...)
				outs = append(outs, pvChannels("Street", p.Address.Street)...)
				outs = append(outs, pvChannels("Phone", p.Phone)...)
				outs = append(outs, pvChannels("Email", p.Email)...)
				outs = append(outs, pvChannels("BirthDate", p.BirthDate)...)
			}
			outs = append(outs, pvChannels("PropertyDesignation", c.Facility().PropertyDesignation)...)
			for _, n := range c.Notes() {
				outs = append(outs, pvChannels("Note", n)...)
				outs = append(outs, pvChannels("Note.Text", n.Text)...)
			}
		}
		for _, err := range lc.errs {
			outs = append(outs, pvChannels("error", err)...)
		}
		if found := pvFind(outs, needles); len(found) > 0 {
			t.Fatalf("case %d (%s, %s): %d personal value(s) leaked; the first:\n%s", i, lc.route, c.Status(), len(found), found[0])
		}
	}
	// The generator must have produced every route and several statuses, or the test covers
	// less than it claims.
	for _, k := range []string{"service", "fetch", "new-case", "copy-owner", "kustnat-consent",
		notification.Draft.String(), notification.AwaitingApproval.String(), notification.Approved.String()} {
		require.Positive(t, stats[k], "no case took %q: %v", k, stats)
	}
	t.Logf("routes and statuses: %v", stats)
}

// pvLeak is one generated case, the personal values typed for it that the case may not hold
// (bad input, other spellings) and the errors failing operations on it returned.
type pvLeak struct {
	c       *notification.Case
	route   string
	needles []pvNeedle
	errs    []error
}

// pvLeakCase builds case number i with random people.
func pvLeakCase(t *testing.T, e pvEnv, g pvGen, i int) pvLeak {
	t.Helper()
	owner, payer := g.person(), g.person()
	copyOwner := g.r.IntN(4) == 0
	contact := g.person()
	d := pvCaseData{
		facilityStreet: g.street(), facilityCity: g.pick(pvCities), designation: g.designation(),
		contact:      contact.in.GivenName + " " + contact.in.Surname,
		contactPhone: contact.in.Phone, contactEmail: contact.in.Email,
	}
	var lc pvLeak
	lc.needles = append(lc.needles, pvTypedNeedles("owner", owner)...)
	lc.needles = append(lc.needles, pvTypedNeedles("installer", contact)...)
	if !copyOwner {
		lc.needles = append(lc.needles, pvTypedNeedles("payer", payer)...)
	}
	lc.needles = append(lc.needles, pvNeedle{"facility.propertyDesignation (typed)", d.designation},
		pvNeedle{"facility.address.street (typed)", d.facilityStreet})

	if i%10 == 0 {
		lc.route = "new-case"
		lc.c = pvLeakNewCase(t, g, owner, payer, d, &lc)
		return lc
	}

	job := pvOresundJob
	var opts []notification.SaveOption
	if i%10 >= 7 {
		job = pvKustnatJob
		if g.r.IntN(2) == 0 {
			job.area = "VIK"
		}
		opts = append(opts, notification.WithConsent(notification.OwnerSection))
		lc.route = "kustnat-consent"
	}
	inst := e.as(pvHandler)
	c := e.create(t, pvHandler, job)
	fetched := job == pvOresundJob && g.r.IntN(3) == 0
	if fetched {
		meter := string(facility.SampleRecords()[g.r.IntN(4)].MeterNumber)
		var err error
		c, _, err = e.svc.FetchFacility(inst, c.ID(), notification.FetchRequest{MeterNumber: meter})
		require.NoError(t, err)
		if lc.route == "" {
			lc.route = "fetch"
		}
	} else if lc.route == "" {
		lc.route = "service"
	}
	incomplete := g.r.IntN(3) == 0

	// An unjustified personal identity number: Kustnät does not require the owner's.
	if job == pvKustnatJob && owner.in.PersonalNumber != "" {
		o := pvParty(t, "owner", owner.in)
		_, err := e.svc.Save(inst, c.ID(), c.Version(), func(c *notification.Case) error { return c.SetOwner(o) })
		require.ErrorIs(t, err, notification.ErrNotJustified)
		lc.errs = append(lc.errs, err)
	}

	// The edit: parties from ParseParty, facility (unless fetched), installer (unless the case is
	// to stay incomplete), placement, description, fuse.
	o := pvParty(t, "owner", owner.in)
	p := pvParty(t, "payer", payer.in)
	res, err := e.svc.Save(inst, c.ID(), c.Version(), func(c *notification.Case) error {
		steps := []func() error{
			func() error { return c.SetOwner(o) },
			func() error { return c.SetMeterPlacement(notification.FacadeCabinet, "") },
			func() error { return c.SetWorkDescription("Byte av huvudsäkring.") },
			func() error { return c.SetRequested(25, decimal.NewFromInt(11)) },
		}
		if !copyOwner {
			steps = append(steps, func() error { return c.SetPayer(p) })
		}
		if !fetched {
			steps = append(steps, func() error { return c.SetFacility(pvDetails(t, c.Area(), d)) })
		}
		if !incomplete {
			steps = append(steps, func() error { return c.SetInstaller(pvInstaller(t, d)) })
		}
		for _, s := range steps {
			if err := s(); err != nil {
				return err
			}
		}
		return nil
	}, opts...)
	require.NoError(t, err)
	c = res.Case
	if copyOwner {
		c, _, err = e.svc.CopyFromOwner(inst, c.ID())
		require.NoError(t, err)
		lc.route = "copy-owner"
	}
	c, err = e.svc.AddNote(inst, c.ID(), g.note(owner))
	require.NoError(t, err)

	// Errors from failing operations on the case.
	lc.errs = append(lc.errs, pvLeakErrors(t, e, c, owner, &lc)...)

	switch {
	case incomplete:
		_, err := e.svc.Submit(inst, c.ID())
		require.ErrorIs(t, err, validate.ErrIncomplete)
		lc.errs = append(lc.errs, err)
	default:
		c = e.submit(t, pvHandler, c.ID())
		grid := e.as(pvOresund)
		if job.grid == "kustnat" {
			grid = e.as(pvKustnat)
		}
		_, err := e.svc.Submit(e.as(pvStranger), c.ID())
		lc.errs = append(lc.errs, pvRequireError(t, err))
		if g.r.IntN(2) == 0 {
			c, err = e.svc.Approve(grid, c.ID(), "Villkor: mätarskåpet ska vara låsbart.")
			require.NoError(t, err)
			// The grid company's note names the payer.
			c, err = e.svc.AddNote(grid, c.ID(), g.note(payer))
			require.NoError(t, err)
			if !copyOwner {
				lc.needles = append(lc.needles, pvTypedNeedles("payer", payer)...)
			}
			_, err = e.svc.Close(grid, c.ID())
			lc.errs = append(lc.errs, pvRequireError(t, err))
		}
	}
	lc.c = c
	return lc
}

// pvLeakNewCase builds a case with NewCase and the Case's setters, outside any service.
func pvLeakNewCase(t *testing.T, g pvGen, owner, payer pvGenPerson, d pvCaseData, lc *pvLeak) *notification.Case {
	t.Helper()
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: notification.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: pvHandler.ID, Organisation: pvHandler.Organisation},
		CreatedAt: pvStart,
	})
	require.NoError(t, err)
	require.NoError(t, c.SetFacility(pvDetails(t, "HBG", d)))
	require.NoError(t, c.SetOwner(pvParty(t, "owner", owner.in)))
	require.NoError(t, c.SetPayer(pvParty(t, "payer", payer.in)))
	require.NoError(t, c.SetInstaller(pvInstaller(t, d)))
	require.NoError(t, c.AddNote(g.note(owner), pvHandler, pvStart))
	require.NoError(t, c.AddNote(g.note(payer), pvHandler, pvStart))
	profile, err := notification.ExampleCatalog().GridCompany(context.Background(), "oresundskraft")
	require.NoError(t, err)
	prof, err := profile.Profile(notification.ServiceChange, "single-meter")
	require.NoError(t, err)
	_, err = c.Submit(prof, pvHandler, pvStart) // lacks meter placement and description
	require.ErrorIs(t, err, validate.ErrIncomplete)
	lc.errs = append(lc.errs, err)
	lc.errs = append(lc.errs, pvRequireError(t, c.Close(pvOresund, pvStart)))
	return c
}

// pvLeakErrors provokes failures on case c and on bad versions of the owner's data, and
// returns the errors. The bad values are added to lc's needles: they are personal data too.
func pvLeakErrors(t *testing.T, e pvEnv, c *notification.Case, owner pvGenPerson, lc *pvLeak) []error {
	t.Helper()
	inst := e.as(pvHandler)
	var errs []error
	keep := func(err error) { errs = append(errs, pvRequireError(t, err)) }

	// Steps for the wrong side, from the wrong status, from a stale version, by a stranger.
	_, err := e.svc.Approve(inst, c.ID(), "")
	keep(err)
	_, err = e.svc.NotifyCompletion(inst, c.ID())
	keep(err)
	_, err = e.svc.Save(inst, c.ID(), c.Version()-1, func(*notification.Case) error { return nil })
	keep(err)
	_, err = e.svc.Get(e.as(pvStranger), c.ID())
	keep(err)
	_, err = e.svc.Reveal(e.as(pvStranger), c.ID(), privacy.PurposeAdminister, merge.OwnerSurname, merge.OwnerPersonalNumber)
	keep(err)
	_, err = e.svc.Reveal(inst, c.ID(), privacy.PurposeAdminister, merge.FacilityMeterNumber)
	keep(err)
	// A contradictory party: a personal identity number and "no Swedish number".
	o := c.Owner()
	if !o.PersonalNumber.IsZero() {
		o.NoSwedishPersonalNumber = true
		_, err = e.svc.Save(inst, c.ID(), c.Version(), func(c *notification.Case) error { return c.SetOwner(o) })
		keep(err)
	}
	// An edit that fails on its own.
	_, err = e.svc.Save(inst, c.ID(), c.Version(), func(c *notification.Case) error {
		return c.SetMeterPlacement(notification.OtherPlacement, "")
	})
	keep(err)

	// Bad versions of the person's data, through ParseParty and the privacy parsers.
	bad := owner.in
	var badValues []string
	if pn := owner.in.PersonalNumber; pn != "" {
		last := pn[len(pn)-1]
		wrong := pn[:len(pn)-1] + string(rune('0'+(last-'0'+1)%10)) // wrong check digit
		bad.PersonalNumber = wrong
		badValues = append(badValues, wrong)
		_, err = privacy.ParsePersonalIdentityNumber(wrong)
		keep(err)
	}
	badEmail := owner.in.Email + "@" + owner.in.Surname
	badPhone := owner.in.Phone + " " + owner.in.Phone
	badDate := "1978-13-" + owner.in.Phone[len(owner.in.Phone)-2:]
	badStreet := owner.in.Address.Street + " " + pvLong(owner.in.Surname, 210)
	bad.Email, bad.Phone, bad.BirthDate, bad.NoSwedishPersonalNumber = badEmail, badPhone, badDate, true
	bad.Address.Street = badStreet
	badValues = append(badValues, badEmail, badPhone, badDate)
	_, err = notification.ParseParty("owner", bad)
	require.ErrorIs(t, err, validate.ErrInvalid)
	keep(err)
	_, err = privacy.ParseEmail(badEmail)
	keep(err)
	_, err = privacy.ParsePhone(badPhone)
	keep(err)
	_, err = privacy.ParseDate(badDate)
	keep(err)
	// Each bad field alone, so that a parser's own error is reached too.
	for _, mutate := range []func(*notification.PartyInput){
		func(in *notification.PartyInput) { in.Email = badEmail },
		func(in *notification.PartyInput) { in.Phone = badPhone },
		func(in *notification.PartyInput) { in.Address.Street = badStreet },
	} {
		in := owner.in
		mutate(&in)
		_, err = notification.ParseParty("payer", in)
		keep(err)
	}
	for _, v := range badValues {
		lc.needles = append(lc.needles, pvNeedle{"bad input", v})
		if pn, ok := pvBadPINForms(v); ok {
			for _, f := range pn {
				lc.needles = append(lc.needles, pvNeedle{"bad personal identity number", f})
			}
		}
	}
	return errs
}

// pvRequireError fails unless err is an error, and returns it.
func pvRequireError(t *testing.T, err error) error {
	t.Helper()
	require.Error(t, err)
	return err
}

// pvLong repeats s to at least n characters.
func pvLong(s string, n int) string {
	out := s
	for utf8.RuneCountInString(out) < n {
		out += " " + s
	}
	return out
}

var pvPINPattern = regexp.MustCompile(`^(\d{2})?(\d{6})-?(\d{4})$`)

// pvBadPINForms returns the 10-digit forms of a (possibly invalid) personal identity number
// as typed: undashed and dashed.
func pvBadPINForms(s string) ([]string, bool) {
	m := pvPINPattern.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	return []string{m[2] + m[3], m[2] + "-" + m[3]}, true
}

// TestPrivacyLeakNeedlesAreFound makes sure the leak test can fail: a channel that prints a
// value in clear, hex or ASCII-quoted is caught.
func TestPrivacyLeakNeedlesAreFound(t *testing.T) {
	t.Parallel()
	needles := []pvNeedle{{"surname", "Sjöberg"}, {"pin", "198503121234"}}
	tests := []struct {
		name string
		outs []pvOut
		want int
	}{
		{"clean", []pvOut{{channel: "x", text: "owner: *** 19850312-****"}}, 0},
		{"clear", []pvOut{{channel: "x", text: "owner: Sjöberg"}}, 1},
		{"ascii-quoted", []pvOut{{channel: "x", text: `"Sj\u00f6berg"`}}, 1},
		{"hex only counts for %x", []pvOut{{channel: "x", text: "536ac3b662657267"}}, 0},
		{"hex", []pvOut{{channel: "x", text: "536ac3b662657267", hex: true}}, 1},
		{"HEX", []pvOut{{channel: "x", text: "536AC3B662657267", hex: true}}, 1},
		{"pin", []pvOut{{channel: "x", text: "id=198503121234"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Len(t, pvFind(tt.outs, needles), tt.want)
		})
	}
	// A struct that holds a name as a plain string leaks through every channel.
	type leaky struct{ Name string }
	require.NotEmpty(t, pvFind(pvChannels("leaky", leaky{"Sjöberg"}), needles))
	// The same name as privacy.Text leaks through none.
	type safe struct{ Name privacy.Text }
	require.Empty(t, pvFind(pvChannels("safe", safe{privacy.NewText("Sjöberg")}), needles))
}
