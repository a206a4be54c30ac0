package notification_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/privacy"
)

// The privacy tests' own fixtures. Every name starts with "pv" so that they cannot collide
// with the fixtures of the package's other test files.

// pvStart is the privacy tests' starting time: whole seconds, UTC.
var pvStart = time.Date(2025, time.April, 1, 8, 0, 0, 0, time.UTC)

// The actors of the privacy tests.
var (
	// pvHandler creates and handles the cases.
	pvHandler = privacy.Actor{ID: "u-pv-100", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// pvColleague is another installer of the handler's company.
	pvColleague = privacy.Actor{ID: "u-pv-101", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// pvStranger is an installer of another company.
	pvStranger = privacy.Actor{ID: "u-pv-900", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// pvStrangerHandler is the handler's user ID in another organisation: the same opaque ID
	// must not make them the handler.
	pvStrangerHandler = privacy.Actor{ID: "u-pv-100", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// pvOresund works for Öresundskraft, pvKustnat for Kustnät.
	pvOresund = privacy.Actor{ID: "u-pv-200", Organisation: "oresundskraft", Roles: []privacy.Role{privacy.RoleGridCompany}}
	pvKustnat = privacy.Actor{ID: "u-pv-300", Organisation: "kustnat", Roles: []privacy.Role{privacy.RoleGridCompany}}
	// pvDPO is the installer company's data-protection officer, pvStrangerDPO another
	// company's.
	pvDPO         = privacy.Actor{ID: "u-pv-400", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleDataProtection}}
	pvStrangerDPO = privacy.Actor{ID: "u-pv-401", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleDataProtection}}
	// pvOtherInstaller is an installer of another company that has cases of its own.
	pvOtherInstaller = privacy.Actor{ID: "u-pv-500", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
)

// pvClock is a settable clock, safe for concurrent use.
type pvClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *pvClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *pvClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// pvEnv is a service on the example catalog and the sample facilities, with a settable clock
// and a memory access log the test can read.
type pvEnv struct {
	svc   *notification.Service
	repo  *notification.MemoryRepository
	log   *privacy.MemoryAccessLog
	clock *pvClock
}

func pvNewEnv(t *testing.T, opts ...notification.Option) pvEnv {
	t.Helper()
	e := pvEnv{repo: notification.NewMemoryRepository(), log: privacy.NewMemoryAccessLog(), clock: &pvClock{t: pvStart}}
	all := append([]notification.Option{notification.WithClock(e.clock.Now), notification.WithAccessLog(e.log)}, opts...)
	svc, err := notification.NewService(e.repo, notification.ExampleCatalog(), facility.SampleRegistry(), all...)
	require.NoError(t, err)
	e.svc = svc
	return e
}

// as returns a context carrying actor a.
func (pvEnv) as(a privacy.Actor) context.Context { return privacy.WithActor(context.Background(), a) }

// stored returns the stored case, straight from the repository (no access rules).
func (e pvEnv) stored(t *testing.T, id notification.ID) *notification.Case {
	t.Helper()
	c, err := e.repo.Get(context.Background(), id)
	require.NoError(t, err)
	return c
}

// pvJob is a grid company, installation type, job type and area of the example catalog.
type pvJob struct {
	grid    string
	typ     notification.InstallationType
	jobType string
	area    string
}

// pvOresundJob requires both parties' identities (Öresundskraft's base profile);
// pvKustnatJob requires only the payer's.
var (
	pvOresundJob = pvJob{"oresundskraft", notification.ServiceChange, "single-meter", "HBG"}
	pvKustnatJob = pvJob{"kustnat", notification.FuseChange, "fuse", "KU1"}
)

// create makes a new case as actor a (an installer).
func (e pvEnv) create(t *testing.T, a privacy.Actor, j pvJob) *notification.Case {
	t.Helper()
	c, err := e.svc.Create(e.as(a), notification.CreateRequest{
		GridCompany: j.grid, InstallationType: j.typ, JobType: j.jobType, Area: j.area,
	})
	require.NoError(t, err)
	return c
}

// pvParty parses a party the test knows is valid.
func pvParty(t *testing.T, section string, in notification.PartyInput) facility.Party {
	t.Helper()
	p, err := notification.ParseParty(section, in)
	require.NoError(t, err)
	return p
}

// pvCaseData is what a test writes into a case besides the parties.
type pvCaseData struct {
	facilityStreet, facilityCity, designation string
	contact, contactPhone, contactEmail       string
}

// pvDefaultData is fixed facility and installer data.
var pvDefaultData = pvCaseData{
	facilityStreet: "Tallvägen 9", facilityCity: "Höganäs", designation: "Höganäs Tallen 4:12",
	contact: "Kim Lundgren", contactPhone: "070-174 06 77", contactEmail: "kim.lundgren@elfirma.example",
}

// fill saves owner, payer, facility, meter placement, work description and installer in one
// edit, so that the case is complete for its job (both example grid companies), as actor a.
// Extra save options (consent) are passed on.
func (e pvEnv) fill(t *testing.T, a privacy.Actor, c *notification.Case, owner, payer notification.PartyInput,
	d pvCaseData, opts ...notification.SaveOption) *notification.Case {
	t.Helper()
	res, err := e.svc.Save(e.as(a), c.ID(), c.Version(), pvEditAll(t, c, owner, payer, d), opts...)
	require.NoError(t, err)
	return res.Case
}

// pvEditAll returns the edit that fill saves.
func pvEditAll(t *testing.T, c *notification.Case, owner, payer notification.PartyInput, d pvCaseData) func(*notification.Case) error {
	t.Helper()
	o := pvParty(t, "owner", owner)
	p := pvParty(t, "payer", payer)
	details := pvDetails(t, c.Area(), d)
	inst := pvInstaller(t, d)
	return func(c *notification.Case) error {
		for _, step := range []func() error{
			func() error { return c.SetFacility(details) },
			func() error { return c.SetOwner(o) },
			func() error { return c.SetPayer(p) },
			func() error { return c.SetMeterPlacement(notification.FacadeCabinet, "") },
			func() error { return c.SetWorkDescription("Byte av huvudsäkring och servisledning.") },
			func() error { return c.SetRequested(25, decimal.Zero) },
			func() error { return c.SetInstaller(inst) },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	}
}

// pvDetails is a facility section with a sample facility ID and meter number and the given
// address and property designation.
func pvDetails(t *testing.T, area facility.AreaCode, d pvCaseData) facility.Details {
	t.Helper()
	rec := facility.SampleRecords()[0]
	pc, err := facility.ParsePostalCode("263 31")
	require.NoError(t, err)
	return facility.Details{
		ID: rec.ID, MeterNumber: rec.MeterNumber, TechnicalNumber: rec.TechnicalNumber, Area: area,
		Address: facility.Address{
			Street: privacy.NewText(d.facilityStreet), PostalCode: pc, City: privacy.NewText(d.facilityCity),
		},
		PropertyDesignation: privacy.NewText(d.designation), MainFuse: 20,
	}
}

// pvInstaller is the installer section with the given contact.
func pvInstaller(t *testing.T, d pvCaseData) notification.Installer {
	t.Helper()
	in := notification.Installer{Company: "Elfirma AB", AuthorisationNumber: "AL-12345", Contact: privacy.NewText(d.contact)}
	var err error
	if d.contactPhone != "" {
		in.Phone, err = privacy.ParsePhone(d.contactPhone)
		require.NoError(t, err)
	}
	if d.contactEmail != "" {
		in.Email, err = privacy.ParseEmail(d.contactEmail)
		require.NoError(t, err)
	}
	return in
}

// submit sends the case to its grid company as actor a.
func (e pvEnv) submit(t *testing.T, a privacy.Actor, id notification.ID) *notification.Case {
	t.Helper()
	res, err := e.svc.Submit(e.as(a), id)
	require.NoError(t, err)
	require.Equal(t, notification.AwaitingApproval, res.Case.Status())
	return res.Case
}

// The people of the hand-written tests (the property test generates its own). Their
// personal identity numbers are valid (Luhn) and made up.
func pvMaja() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: "Bergqvist", GivenName: "Maja", PersonalNumber: "880320-0016",
		Address: notification.AddressInput{Street: "Storgatan 12", PostalCode: "252 21", City: "Helsingborg"},
		Phone:   "070-174 06 55", Email: "maja.bergqvist@example.com",
	}
}

func pvOlof() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: "Sandström", GivenName: "Olof", PersonalNumber: "19750612-2386",
		Address: notification.AddressInput{Street: "Kvarngatan 3", PostalCode: "254 40", City: "Ängelholm"},
		Phone:   "073-112 45 78", Email: "olof.sandstrom@example.org",
	}
}

func pvSigrid() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: "Wahlgren", GivenName: "Sigrid", PersonalNumber: "6203149874",
		Address: notification.AddressInput{Street: "Hamngatan 41", PostalCode: "261 31", City: "Landskrona"},
		Phone:   "076-555 12 34", Email: "sigrid.wahlgren@example.net",
	}
}

func pvTorsten() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: "Åkerlund", GivenName: "Torsten", PersonalNumber: "450101-3348",
		Address: notification.AddressInput{Street: "Åsvägen 77", PostalCode: "262 72", City: "Båstad"},
		Phone:   "072-987 65 43", Email: "torsten.akerlund@example.se",
	}
}

// pvClearValues returns every personal value of a party input in the forms a leak could take:
// names, street, e-mail, phone as typed and in E.164, and the personal identity number in its
// 10- and 12-digit, dashed and undashed forms.
func pvClearValues(t *testing.T, in notification.PartyInput) []string {
	t.Helper()
	p := pvParty(t, "owner", in)
	out := []string{in.Surname, in.GivenName, in.Address.Street, in.Email}
	if !p.Phone.IsZero() {
		e164 := p.Phone.Reveal()
		out = append(out, in.Phone, e164, "0"+e164[3:])
	}
	if !p.PersonalNumber.IsZero() {
		out = append(out, pvPINForms(p.PersonalNumber.Reveal())...)
	}
	return out
}

// pvStoredValues returns the personal values of a party input in the form a case holds and
// reveals them: names, street, e-mail, phone in E.164, the 12-digit personal identity number.
func pvStoredValues(t *testing.T, in notification.PartyInput) []string {
	t.Helper()
	p := pvParty(t, "owner", in)
	return []string{in.Surname, in.GivenName, in.Address.Street, in.Email, p.Phone.Reveal(), p.PersonalNumber.Reveal()}
}

// pvPINForms returns the forms of a 12-digit personal identity number: 12 and 10 digits,
// each with and without the dash.
func pvPINForms(twelve string) []string {
	return []string{twelve, twelve[2:], twelve[:8] + "-" + twelve[8:], twelve[2:8] + "-" + twelve[8:]}
}

// pvPIN returns the parsed personal identity number of a party input.
func pvPIN(t *testing.T, in notification.PartyInput) privacy.PersonalIdentityNumber {
	t.Helper()
	pn, err := privacy.ParsePersonalIdentityNumber(in.PersonalNumber)
	require.NoError(t, err)
	return pn
}

// pvSnapDiff compares two snapshots with the conformance suite's options.
func pvSnapDiff(want, got notification.Snapshot) string {
	return cmp.Diff(want, got, notificationtest.CmpOptions())
}

// pvRevealForm returns every field of a form in clear, keyed by path: what a store would keep.
func pvRevealForm(form *merge.Form) map[string]string {
	out := map[string]string{}
	for _, f := range merge.Fields() {
		if v := f.Reveal(form); v != "" {
			out[f.Path()] = v
		}
	}
	return out
}
