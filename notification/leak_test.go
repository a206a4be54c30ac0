package notification_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// leakCases is how many random cases the leak property test builds (fewer with -short).
const leakCases = 200

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
// Date) — through every channel of allChannels (fmt verbs, structs with exported and
// unexported fields, slices, maps, the standard log package, slog's text and JSON handlers in
// every nesting, encoding/json, TextMarshaler, Stringer, GoStringer, panics); and every error that failing operations on the
// case return (Submit of an incomplete case, invalid transitions, a step for the wrong side,
// stale versions, a stranger's Get and Reveal, ParseParty and the privacy parsers on bad
// versions of the person's data, an unjustified personal identity number, a contradictory
// party) goes through the same channels. No personal value may appear in any output, in any
// of the forms needlesOf and typedNeedles list.
func TestPrivacyLeakProperty(t *testing.T) {
	t.Parallel()
	g := gen{r: rand.New(rand.NewPCG(20250401, 0x9e3779b97f4a7c15))}
	e := newEnv(t)
	stats := map[string]int{}
	n := leakCases
	if testing.Short() || *storeFlag != "memory" {
		// What masks a value is its type, not the store it came from: on the SQL stores, which
		// run the whole test set again, 40 cases show that a case read back from storage masks
		// as one from memory does.
		n = 40
	}
	for i := range n {
		lc := leakCase(t, e, g, i)
		stats[lc.route]++
		stats[lc.c.Status().String()]++
		needles := append(needlesOf(lc.c), lc.needles...)
		require.NotEmpty(t, needles)

		var outs []leakOut
		c := lc.c
		snap := c.Snapshot()
		outs = append(outs, allChannels("*Case", c)...)
		outs = append(outs, allChannels("Case", *c)...)
		outs = append(outs, allChannels("Snapshot", snap)...)
		outs = append(outs, allChannels("Form", c.Form())...)
		outs = append(outs, allChannels("Owner", c.Owner())...)
		outs = append(outs, allChannels("Payer", c.Payer())...)
		outs = append(outs, allChannels("Notes", c.Notes())...)
		// The other views and each value on its own go through the same channels for every
		// fourth case: they are small, and which channel masks them depends on their type,
		// not their data. (Every case would make the test take a minute under -race.)
		if i%4 == 1 {
			outs = append(outs, allChannels("*Snapshot", &snap)...)
			outs = append(outs, allChannels("Facility", c.Facility())...)
			outs = append(outs, allChannels("Installer", c.Installer())...)
			outs = append(outs, allChannels("Sources", snap.Sources)...)
			outs = append(outs, allChannels("Recipients", c.Recipients())...)
			outs = append(outs, allChannels("Justifications", c.Justifications())...)
			for _, p := range []facility.Party{c.Owner(), c.Payer()} {
				outs = append(outs, allChannels("PersonalNumber", p.PersonalNumber)...)
				outs = append(outs, allChannels("OrganisationNumber", p.OrganisationNumber)...)
				outs = append(outs, allChannels("Surname", p.Surname)...)
				outs = append(outs, allChannels("Street", p.Address.Street)...)
				outs = append(outs, allChannels("Phone", p.Phone)...)
				outs = append(outs, allChannels("Email", p.Email)...)
				outs = append(outs, allChannels("BirthDate", p.BirthDate)...)
			}
			outs = append(outs, allChannels("PropertyDesignation", c.Facility().PropertyDesignation)...)
			for _, n := range c.Notes() {
				outs = append(outs, allChannels("Note", n)...)
				outs = append(outs, allChannels("Note.Text", n.Text)...)
			}
		}
		for _, err := range lc.errs {
			outs = append(outs, allChannels("error", err)...)
		}
		// The case's events, as a feed or a webhook would send them.
		evs, err := e.repo.Events(context.Background(), notification.EventQuery{CaseID: c.ID(), Limit: notification.MaxPageSize})
		require.NoError(t, err)
		evs = append(evs, c.PendingEvents()...) // a case built outside the service has its events still pending
		if len(evs) == 0 {                      // on a SQL store the feed may lag its commit a moment
			evs = feed(t, e, installer)
		}
		require.NotEmpty(t, evs)
		outs = append(outs, allChannels("Events", evs)...)
		// The typed input, on its own and nested (allChannels nests it in a struct, a slice and
		// a map; here it is nested once more, as a request body would hold it).
		outs = append(outs, allChannels("PartyInput", lc.owner)...)
		outs = append(outs, allChannels("AddressInput", lc.owner.Address)...)
		outs = append(outs, allChannels("InstallerInput", lc.installer)...)
		outs = append(outs, allChannels("request", struct {
			Owner, Payer notification.PartyInput
			Installer    *notification.InstallerInput
			parties      []notification.PartyInput
		}{lc.owner, lc.payer, &lc.installer, []notification.PartyInput{lc.owner, lc.payer}})...)
		if found := findValue(outs, needles); len(found) > 0 {
			t.Fatalf("case %d (%s, %s): %d personal value(s) leaked; the first:\n%s", i, lc.route, c.Status(), len(found), found[0])
		}
	}
	// The generator must have produced every route and several statuses, or the test covers
	// less than it claims.
	for _, k := range []string{"service", "fetch", "new-case", "copy-owner", "kustnat-consent",
		notification.NotSent.String(), notification.AwaitingApproval.String(), notification.Approved.String()} {
		require.Positive(t, stats[k], "no case took %q: %v", k, stats)
	}
	t.Logf("routes and statuses: %v", stats)
}

// leakCheck is one generated case, the personal values typed for it that the case may not hold
// (bad input, other spellings) and the errors failing operations on it returned.
type leakCheck struct {
	c       *notification.Case
	route   string
	needles []leakNeedle
	errs    []error
	// inputs are the parties and the installer section as they were typed: input types hold
	// personal data before it is parsed, and must not show it however they are nested.
	owner, payer notification.PartyInput
	installer    notification.InstallerInput
}

// leakCase builds case number i with random people.
func leakCase(t *testing.T, e env, g gen, i int) leakCheck {
	t.Helper()
	owner, payer := g.person(), g.person()
	copyOwner := g.r.IntN(4) == 0
	contact := g.person()
	d := caseData{
		facilityStreet: g.street(), facilityCity: g.pick(genCities), designation: g.designation(),
		contact:      contact.in.GivenName.Reveal() + " " + contact.in.Surname.Reveal(),
		contactPhone: contact.in.Phone.Reveal(), contactEmail: contact.in.Email.Reveal(),
	}
	lc := leakCheck{owner: owner.in, payer: payer.in, installer: notification.InstallerInput{Company: "Elfirma AB",
		Contact: privacy.NewText(d.contact), Phone: privacy.NewText(d.contactPhone), Email: privacy.NewText(d.contactEmail)}}
	lc.needles = append(lc.needles, typedNeedles("owner", owner)...)
	lc.needles = append(lc.needles, typedNeedles("installer", contact)...)
	if !copyOwner {
		lc.needles = append(lc.needles, typedNeedles("payer", payer)...)
	}
	lc.needles = append(lc.needles, leakNeedle{"facility.propertyDesignation (typed)", d.designation},
		leakNeedle{"facility.address.street (typed)", d.facilityStreet})

	if i%10 == 0 {
		lc.route = "new-case"
		lc.c = leakNewCase(t, g, owner, payer, d, &lc)
		return lc
	}

	job := oresundJob
	var opts []notification.SaveOption
	if i%10 >= 7 {
		job = kustnatJob
		if g.r.IntN(2) == 0 {
			job.area = "VIK"
		}
		opts = append(opts, notification.WithConsent(notification.SectionOwner))
		lc.route = "kustnat-consent"
	}
	inst := e.as(installer)
	c := e.create(t, installer, job)
	fetched := job == oresundJob && g.r.IntN(3) == 0
	if fetched {
		meter := string(facility.SampleRecords()[g.r.IntN(4)].MeterNumber)
		var err error
		c, _, err = e.svc.FetchFacility(inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: meter})
		require.NoError(t, err)
		if lc.route == "" {
			lc.route = "fetch"
		}
	} else if lc.route == "" {
		lc.route = "service"
	}
	incomplete := g.r.IntN(3) == 0

	// An unjustified personal identity number: Kustnät does not require the owner's.
	if job == kustnatJob && !owner.in.PersonalNumber.IsZero() {
		o := mustParty(t, "owner", owner.in)
		_, err := e.svc.Save(inst, c.ID(), c.Version(), func(d *notification.Draft) error { return d.SetOwner(o) })
		require.ErrorIs(t, err, notification.ErrNotJustified)
		lc.errs = append(lc.errs, err)
	}

	// The edit: parties from ParseParty, facility (unless fetched), installer (unless the case is
	// to stay incomplete), placement, description, fuse.
	o := mustParty(t, "owner", owner.in)
	p := mustParty(t, "payer", payer.in)
	res, err := e.svc.Save(inst, c.ID(), c.Version(), func(dr *notification.Draft) error {
		steps := []func() error{
			func() error { return dr.SetOwner(o) },
			func() error { return dr.SetMeterPlacement(catalog.FacadeCabinet, "") },
			func() error { return dr.SetWorkDescription("Byte av huvudsäkring.") },
			func() error { return dr.SetRequested(25, decimal.NewFromInt(11)) },
		}
		if !copyOwner {
			steps = append(steps, func() error { return dr.SetPayer(p) })
		}
		if !fetched {
			steps = append(steps, func() error { return dr.SetFacility(facilityDetails(t, dr.Area(), d)) })
		}
		if !incomplete {
			steps = append(steps, func() error { return dr.SetInstaller(installerSection(t, d)) })
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
		c, _, err = e.svc.CopyFromOwner(inst, c.ID(), e.version(t, c.ID()))
		require.NoError(t, err)
		lc.route = "copy-owner"
	}
	c, err = e.svc.AddNote(inst, c.ID(), notification.AnyVersion, g.note(owner))
	require.NoError(t, err)

	// Errors from failing operations on the case.
	lc.errs = append(lc.errs, leakErrors(t, e, c, owner, &lc)...)

	switch {
	case incomplete:
		_, err := e.svc.Submit(inst, c.ID(), e.version(t, c.ID()))
		require.ErrorIs(t, err, validate.ErrIncomplete)
		lc.errs = append(lc.errs, err)
	default:
		c = e.submit(t, installer, c)
		grid := e.as(gridCompany)
		if job.grid == "kustnat" {
			grid = e.as(otherGrid)
		}
		_, err := e.svc.Submit(e.as(stranger), c.ID(), e.version(t, c.ID()))
		lc.errs = append(lc.errs, requireError(t, err))
		if g.r.IntN(2) == 0 {
			c, err = e.svc.Approve(grid, c.ID(), e.version(t, c.ID()), "Villkor: mätarskåpet ska vara låsbart.")
			require.NoError(t, err)
			// The grid company's note names the payer.
			c, err = e.svc.AddNote(grid, c.ID(), notification.AnyVersion, g.note(payer))
			require.NoError(t, err)
			if !copyOwner {
				lc.needles = append(lc.needles, typedNeedles("payer", payer)...)
			}
			_, err = e.svc.Close(grid, c.ID(), e.version(t, c.ID()))
			lc.errs = append(lc.errs, requireError(t, err))
		}
	}
	lc.c = c
	return lc
}

// leakNewCase builds a case with NewCase and the Case's setters, outside any service.
func leakNewCase(t *testing.T, g gen, owner, payer genPerson, d caseData, lc *leakCheck) *notification.Case {
	t.Helper()
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: installer.ID, Organisation: installer.Organisation},
		CreatedAt: now,
	})
	require.NoError(t, err)
	require.NoError(t, c.Edit(validate.Profile{}, installer, now, func(dr *notification.Draft) error {
		return errors.Join(
			dr.SetFacility(facilityDetails(t, "HBG", d)),
			dr.SetOwner(mustParty(t, "owner", owner.in)),
			dr.SetPayer(mustParty(t, "payer", payer.in)),
			dr.SetInstaller(installerSection(t, d)),
		)
	}, notification.WithConsent(notification.SectionOwner), notification.WithConsent(notification.SectionPayer)))
	require.NoError(t, c.AddNote(g.note(owner), installer, now))
	require.NoError(t, c.AddNote(g.note(payer), installer, now))
	profile, err := catalog.ExampleCatalog().GridCompany(context.Background(), "oresundskraft")
	require.NoError(t, err)
	prof, err := profile.Profile(catalog.ServiceChange, "single-meter")
	require.NoError(t, err)
	_, err = c.Submit(prof, installer, now) // lacks meter placement and description
	require.ErrorIs(t, err, validate.ErrIncomplete)
	lc.errs = append(lc.errs, err)
	lc.errs = append(lc.errs, requireError(t, c.Close(gridCompany, now)))
	return c
}

// leakErrors provokes failures on case c and on bad versions of the owner's data, and
// returns the errors. The bad values are added to lc's needles: they are personal data too.
func leakErrors(t *testing.T, e env, c *notification.Case, owner genPerson, lc *leakCheck) []error {
	t.Helper()
	inst := e.as(installer)
	var errs []error
	keep := func(err error) { errs = append(errs, requireError(t, err)) }

	// Steps for the wrong side, from the wrong status, from a stale version, by a stranger.
	_, err := e.svc.Approve(inst, c.ID(), e.version(t, c.ID()), "")
	keep(err)
	_, err = e.svc.NotifyCompletion(inst, c.ID(), e.version(t, c.ID()))
	keep(err)
	_, err = e.svc.Save(inst, c.ID(), c.Version()-1, func(*notification.Draft) error { return nil })
	keep(err)
	_, err = e.svc.Get(e.as(stranger), c.ID())
	keep(err)
	_, err = e.svc.Reveal(e.as(stranger), c.ID(), privacy.PurposeAdminister, merge.OwnerSurname, merge.OwnerPersonalNumber)
	keep(err)
	_, err = e.svc.Reveal(inst, c.ID(), privacy.PurposeAdminister, merge.FacilityMeterNumber)
	keep(err)
	// A contradictory party: a personal identity number and "no Swedish number".
	o := c.Owner()
	if !o.PersonalNumber.IsZero() {
		o.NoSwedishPersonalNumber = true
		_, err = e.svc.Save(inst, c.ID(), c.Version(), func(d *notification.Draft) error { return d.SetOwner(o) })
		keep(err)
	}
	// An edit that fails on its own.
	_, err = e.svc.Save(inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		return d.SetMeterPlacement(catalog.OtherPlacement, "")
	})
	keep(err)

	// Bad versions of the person's data, through ParseParty and the privacy parsers.
	bad := owner.in
	var badValues []string
	if pn := owner.in.PersonalNumber.Reveal(); pn != "" {
		last := pn[len(pn)-1]
		wrong := pn[:len(pn)-1] + string(rune('0'+(last-'0'+1)%10)) // wrong check digit
		bad.PersonalNumber = privacy.NewText(wrong)
		badValues = append(badValues, wrong)
		_, err = privacy.ParsePersonalIdentityNumber(wrong)
		keep(err)
	}
	email, phone, street, surname := owner.in.Email.Reveal(), owner.in.Phone.Reveal(), owner.in.Address.Street.Reveal(), owner.in.Surname.Reveal()
	badEmail := email + "@" + surname
	badPhone := phone + " " + phone
	badDate := "1978-13-" + phone[len(phone)-2:]
	badStreet := street + " " + longText(surname, 210)
	t1 := privacy.NewText
	bad.Email, bad.Phone, bad.BirthDate, bad.NoSwedishPersonalNumber = t1(badEmail), t1(badPhone), t1(badDate), true
	bad.Address.Street = t1(badStreet)
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
		func(in *notification.PartyInput) { in.Email = t1(badEmail) },
		func(in *notification.PartyInput) { in.Phone = t1(badPhone) },
		func(in *notification.PartyInput) { in.Address.Street = t1(badStreet) },
	} {
		in := owner.in
		mutate(&in)
		_, err = notification.ParseParty("payer", in)
		keep(err)
	}
	for _, v := range badValues {
		lc.needles = append(lc.needles, leakNeedle{"bad input", v})
		if pn, ok := badPINForms(v); ok {
			for _, f := range pn {
				lc.needles = append(lc.needles, leakNeedle{"bad personal identity number", f})
			}
		}
	}
	return errs
}

// requireError fails unless err is an error, and returns it.
func requireError(t *testing.T, err error) error {
	t.Helper()
	require.Error(t, err)
	return err
}

// longText repeats s to at least n characters.
func longText(s string, n int) string {
	out := s
	for utf8.RuneCountInString(out) < n {
		out += " " + s
	}
	return out
}

var pINPattern = regexp.MustCompile(`^(\d{2})?(\d{6})-?(\d{4})$`)

// badPINForms returns the 10-digit forms of a (possibly invalid) personal identity number
// as typed: undashed and dashed.
func badPINForms(s string) ([]string, bool) {
	m := pINPattern.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	return []string{m[2] + m[3], m[2] + "-" + m[3]}, true
}

// TestPrivacyLeakNeedlesAreFound makes sure the leak test can fail: a channel that prints a
// value in clear, hex or ASCII-quoted is caught.
func TestPrivacyLeakNeedlesAreFound(t *testing.T) {
	t.Parallel()
	needles := []leakNeedle{{"surname", "Sjöberg"}, {"pin", "198503121234"}}
	tests := []struct {
		name string
		outs []leakOut
		want int
	}{
		{"clean", []leakOut{{channel: "x", text: "owner: *** 19850312-****"}}, 0},
		{"clear", []leakOut{{channel: "x", text: "owner: Sjöberg"}}, 1},
		{"ascii-quoted", []leakOut{{channel: "x", text: `"Sj\u00f6berg"`}}, 1},
		{"hex only counts for %x", []leakOut{{channel: "x", text: "536ac3b662657267"}}, 0},
		{"hex", []leakOut{{channel: "x", text: "536ac3b662657267", hex: true}}, 1},
		{"HEX", []leakOut{{channel: "x", text: "536AC3B662657267", hex: true}}, 1},
		{"pin", []leakOut{{channel: "x", text: "id=198503121234"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Len(t, findValue(tt.outs, needles), tt.want)
		})
	}
	// A struct that holds a name as a plain string leaks through every channel.
	type leaky struct{ Name string }
	require.NotEmpty(t, findValue(allChannels("leaky", leaky{"Sjöberg"}), needles))
	// The same name as privacy.Text leaks through none.
	type safe struct{ Name privacy.Text }
	require.Empty(t, findValue(allChannels("safe", safe{privacy.NewText("Sjöberg")}), needles))
}
