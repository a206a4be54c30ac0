package notification_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/internal/pgtest"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// The package's one fixture set: the clock, the actors, the service environment, the cases
// and the people every test file uses.

// now is the tests' clock: whole seconds, UTC. A test environment's clock starts here and
// moves only when a test sets it.
var now = time.Date(2025, time.March, 10, 9, 30, 0, 0, time.UTC)

// The actors of the tests.
var (
	// installer creates and handles the cases, at the manual's installer company.
	installer = privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// colleague is another installer of the same company.
	colleague = privacy.Actor{ID: "u-1002", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// gridCompany works for Öresundskraft, the manual's grid company; otherGrid for Kustnät.
	gridCompany = privacy.Actor{ID: "u-2001", Organisation: "oresundskraft", Roles: []privacy.Role{privacy.RoleGridCompany}}
	otherGrid   = privacy.Actor{ID: "u-3001", Organisation: "kustnat", Roles: []privacy.Role{privacy.RoleGridCompany}}
	// otherInstaller and stranger are installers of another company, which has cases of its own.
	otherInstaller = privacy.Actor{ID: "u-4001", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	stranger       = privacy.Actor{ID: "u-4002", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// strangerSameID has the installer's user ID in another organisation: the same opaque ID
	// must not make them the handler.
	strangerSameID = privacy.Actor{ID: "u-1001", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	// dpo is the installer company's data-protection officer, strangerDPO another company's.
	dpo         = privacy.Actor{ID: "u-5001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleDataProtection}}
	strangerDPO = privacy.Actor{ID: "u-5002", Organisation: "annan-el-ab", Roles: []privacy.Role{privacy.RoleDataProtection}}
)

// testClock is a settable clock, safe for concurrent use. With tick set, every reading moves
// it on by tick, so that each step of a test happens at a time of its own.
type testClock struct {
	mu   sync.Mutex
	t    time.Time
	tick time.Duration
}

// Now returns the clock's time.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.tick)
	return c.t
}

// Set moves the clock to t.
func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// env is a service on the example catalog and the sample facilities, with a memory
// repository and access log the test can read, a settable clock, and a context per actor.
type env struct {
	svc   *notification.Service
	repo  notification.Repository
	log   *privacy.MemoryAccessLog
	clock *testClock
	// settle waits until every event committed so far shows in the feed (a PostgreSQL
	// store's feed holds an event back while an older transaction is open on the server).
	settle func(t *testing.T)

	inst, grid, otherGrid, otherInst, noActor context.Context
}

// newEnv returns a fresh environment; opts are passed on to the service after the
// environment's own clock and access log.
func newEnv(t *testing.T, opts ...notification.Option) env {
	t.Helper()
	repo, settle := newRepository(t)
	e := env{repo: repo, settle: settle, log: privacy.NewMemoryAccessLog(), clock: &testClock{t: now}}
	all := append([]notification.Option{notification.WithClock(e.clock.Now), notification.WithAccessLog(e.log)}, opts...)
	svc, err := notification.NewService(e.repo, catalog.ExampleCatalog(), facility.SampleRegistry(), all...)
	require.NoError(t, err)
	e.svc = svc
	e.inst, e.grid, e.otherGrid, e.otherInst = e.as(installer), e.as(gridCompany), e.as(otherGrid), e.as(otherInstaller)
	e.noActor = context.Background()
	return e
}

// storeFlag names the store the Service tests run on; the README's test command runs them on
// each (go test ./notification -args -gridnotify.store=sqlite).
var storeFlag = flag.String("gridnotify.store", "memory", "the store the tests' services run on: "+strings.Join(slices.Sorted(maps.Keys(stores)), ", "))

// stores are the repositories the Service tests run on, by name: one table of constructors,
// so that every test runs on every store without a copy.
var stores = map[string]func(t *testing.T) (notification.Repository, func(*testing.T)){
	"memory": func(*testing.T) (notification.Repository, func(*testing.T)) {
		return notification.NewMemoryRepository(), func(*testing.T) {}
	},
	"sqlite": func(t *testing.T) (notification.Repository, func(*testing.T)) {
		return openStore(t, "sqlite:"+filepath.Join(t.TempDir(), "cases.db")), func(*testing.T) {}
	},
	"postgres": func(t *testing.T) (notification.Repository, func(*testing.T)) {
		store := openStore(t, pgtest.NewDatabase(t))
		return store, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			require.NoError(t, store.SettleEvents(ctx))
		}
	},
}

// newRepository returns a fresh repository of the store the flag names, and its settle.
func newRepository(t *testing.T) (notification.Repository, func(*testing.T)) {
	t.Helper()
	newStore, ok := stores[*storeFlag]
	if !ok {
		t.Fatalf("-gridnotify.store=%s: no such store", *storeFlag)
	}
	return newStore(t)
}

// openStore opens a SQL store for the test, closed when it ends.
func openStore(t *testing.T, dsn string) *sqlstore.Store {
	t.Helper()
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(t, err)
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	s, err := sqlstore.Open(context.Background(), dsn, ring, tok)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// count returns the number of stored cases.
func (e env) count(t *testing.T) int {
	t.Helper()
	n := 0
	q := notification.Query{Limit: notification.MaxPageSize}
	for {
		page, err := e.repo.List(context.Background(), q)
		require.NoError(t, err)
		n += len(page.Cases)
		if page.Next.IsZero() {
			return n
		}
		q.After = page.Next
	}
}

// as returns a context carrying actor a.
func (env) as(a privacy.Actor) context.Context { return privacy.WithActor(context.Background(), a) }

// stored returns the stored case, straight from the repository (no access rules).
func (e env) stored(t *testing.T, id notification.ID) *notification.Case {
	t.Helper()
	c, err := e.repo.Get(context.Background(), id)
	require.NoError(t, err)
	return c
}

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

// mustParty parses a party that the test knows is valid.
func mustParty(t *testing.T, section notification.Section, in notification.PartyInput) facility.Party {
	t.Helper()
	p, err := notification.ParseParty(section, in)
	require.NoError(t, err)
	return p
}

// edit applies fn to c as the installer with an empty profile, or fails t.
func edit(t *testing.T, c *notification.Case, fn func(d *notification.Draft) error, opts ...notification.SaveOption) {
	t.Helper()
	require.NoError(t, c.Edit(validate.Profile{}, installer, now, fn, opts...))
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
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: installer.ID, Organisation: installer.Organisation},
		CreatedAt: now,
	})
	require.NoError(t, err)
	return c
}

// ownerInput is the walkthrough's owner, with her personal identity number from the customer.
func ownerInput() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"), PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone:   privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja.berg@example.com"),
	}
}

func (e env) created(t *testing.T) *notification.Case {
	t.Helper()
	c, err := e.svc.Create(e.inst, notification.CreateRequest{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange,
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
	c := e.created(t)
	c, _, err := e.svc.FetchFacility(e.inst, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003"})
	require.NoError(t, err)
	owner := mustParty(t, "owner", ownerInput())
	phone, err := privacy.ParsePhone("042-490 00 00")
	require.NoError(t, err)
	res, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		for _, err := range []error{
			d.SetOwner(owner),
			d.SetMeterPlacement(catalog.FacadeCabinet, ""),
			d.SetWorkDescription("Byte av servisledning 10 mm² till 16 mm²."),
			d.SetInstaller(notification.Installer{
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
	c, _, err = e.svc.CopyFromOwner(e.inst, res.Case.ID(), res.Case.Version())
	require.NoError(t, err)
	problems, err := e.svc.Check(e.inst, c.ID())
	require.NoError(t, err)
	require.Empty(t, problems, "the complete fixture lacks fields")
	return c
}

// submitted makes a complete case and submits it.
func (e env) submitted(t *testing.T) *notification.Case {
	t.Helper()
	c := e.complete(t)
	res, err := e.svc.Submit(e.inst, c.ID(), c.Version())
	require.NoError(t, err)
	require.Equal(t, notification.AwaitingApproval, res.Case.Status())
	return res.Case
}

// jobChoice is a grid company, installation type, job type and area of the example catalog.
type jobChoice struct {
	grid    string
	typ     catalog.InstallationType
	jobType string
	area    string
}

// oresundJob requires both parties' identities (Öresundskraft's base profile);
// kustnatJob requires only the payer's.
var (
	oresundJob = jobChoice{"oresundskraft", catalog.ServiceChange, "single-meter", "HBG"}
	kustnatJob = jobChoice{"kustnat", catalog.FuseChange, "fuse", "KU1"}
)

// create makes a new case as actor a (an installer).
func (e env) create(t *testing.T, a privacy.Actor, j jobChoice) *notification.Case {
	t.Helper()
	c, err := e.svc.Create(e.as(a), notification.CreateRequest{
		GridCompany: j.grid, InstallationType: j.typ, JobType: j.jobType, Area: j.area,
	})
	require.NoError(t, err)
	return c
}

// caseData is what a test writes into a case besides the parties.
type caseData struct {
	facilityStreet, facilityCity, designation string
	contact, contactPhone, contactEmail       string
}

// defaultData is fixed facility and installer data.
var defaultData = caseData{
	facilityStreet: "Tallvägen 9", facilityCity: "Höganäs", designation: "Höganäs Tallen 4:12",
	contact: "Kim Lundgren", contactPhone: "070-174 06 77", contactEmail: "kim.lundgren@elfirma.example",
}

// fill saves owner, payer, facility, meter placement, work description and installer in one
// edit, so that the case is complete for its job (both example grid companies), as actor a.
// Extra save options (consent) are passed on.
func (e env) fill(t *testing.T, a privacy.Actor, c *notification.Case, owner, payer notification.PartyInput,
	d caseData, opts ...notification.SaveOption) *notification.Case {
	t.Helper()
	res, err := e.svc.Save(e.as(a), c.ID(), c.Version(), editAll(t, c, owner, payer, d), opts...)
	require.NoError(t, err)
	return res.Case
}

// editAll returns the edit that fill saves.
func editAll(t *testing.T, c *notification.Case, owner, payer notification.PartyInput, d caseData) func(*notification.Draft) error {
	t.Helper()
	o := mustParty(t, "owner", owner)
	p := mustParty(t, "payer", payer)
	details := facilityDetails(t, c.Area(), d)
	inst := installerSection(t, d)
	return func(d *notification.Draft) error {
		for _, step := range []func() error{
			func() error { return d.SetFacility(details) },
			func() error { return d.SetOwner(o) },
			func() error { return d.SetPayer(p) },
			func() error { return d.SetMeterPlacement(catalog.FacadeCabinet, "") },
			func() error { return d.SetWorkDescription("Byte av huvudsäkring och servisledning.") },
			func() error { return d.SetRequested(25, decimal.Zero) },
			func() error { return d.SetInstaller(inst) },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	}
}

// facilityDetails is a facility section with a sample facility ID and meter number and the given
// address and property designation.
func facilityDetails(t *testing.T, area facility.AreaCode, d caseData) facility.Details {
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

// installerSection is the installer section with the given contact.
func installerSection(t *testing.T, d caseData) notification.Installer {
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
func (e env) submit(t *testing.T, a privacy.Actor, c *notification.Case) *notification.Case {
	t.Helper()
	res, err := e.svc.Submit(e.as(a), c.ID(), c.Version())
	require.NoError(t, err)
	require.Equal(t, notification.AwaitingApproval, res.Case.Status())
	return res.Case
}

// The people of the hand-written tests (the property test generates its own). Their
// personal identity numbers are valid (Luhn) and made up.
func personMaja() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Bergqvist"), GivenName: privacy.NewText("Maja"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"), PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone:   privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja.bergqvist@example.com"),
	}
}

func personOlof() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Sandström"), GivenName: privacy.NewText("Olof"), PersonalNumber: privacy.NewText("19750612-2386"),
		Address: notification.AddressInput{Street: privacy.NewText("Kvarngatan 3"), PostalCode: privacy.NewText("254 40"), City: privacy.NewText("Ängelholm")},
		Phone:   privacy.NewText("073-112 45 78"), Email: privacy.NewText("olof.sandstrom@example.org"),
	}
}

func personSigrid() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Wahlgren"), GivenName: privacy.NewText("Sigrid"), PersonalNumber: privacy.NewText("6203149874"),
		Address: notification.AddressInput{Street: privacy.NewText("Hamngatan 41"), PostalCode: privacy.NewText("261 31"), City: privacy.NewText("Landskrona")},
		Phone:   privacy.NewText("076-555 12 34"), Email: privacy.NewText("sigrid.wahlgren@example.net"),
	}
}

func personTorsten() notification.PartyInput {
	return notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Åkerlund"), GivenName: privacy.NewText("Torsten"), PersonalNumber: privacy.NewText("450101-3348"),
		Address: notification.AddressInput{Street: privacy.NewText("Åsvägen 77"), PostalCode: privacy.NewText("262 72"), City: privacy.NewText("Båstad")},
		Phone:   privacy.NewText("072-987 65 43"), Email: privacy.NewText("torsten.akerlund@example.se"),
	}
}

// clearValues returns every personal value of a party input in the forms a leak could take:
// names, street, e-mail, phone as typed and in E.164, and the personal identity number in its
// 10- and 12-digit, dashed and undashed forms.
func clearValues(t *testing.T, in notification.PartyInput) []string {
	t.Helper()
	p := mustParty(t, "owner", in)
	out := []string{in.Surname.Reveal(), in.GivenName.Reveal(), in.Address.Street.Reveal(), in.Email.Reveal()}
	if !p.Phone.IsZero() {
		e164 := p.Phone.Reveal()
		out = append(out, in.Phone.Reveal(), e164, "0"+e164[3:])
	}
	if !p.PersonalNumber.IsZero() {
		out = append(out, pINForms(p.PersonalNumber.Reveal())...)
	}
	return out
}

// storedValues returns the personal values of a party input in the form a case holds and
// reveals them: names, street, e-mail, phone in E.164, the 12-digit personal identity number.
func storedValues(t *testing.T, in notification.PartyInput) []string {
	t.Helper()
	p := mustParty(t, "owner", in)
	return []string{in.Surname.Reveal(), in.GivenName.Reveal(), in.Address.Street.Reveal(), in.Email.Reveal(), p.Phone.Reveal(), p.PersonalNumber.Reveal()}
}

// pINForms returns the forms of a 12-digit personal identity number: 12 and 10 digits,
// each with and without the dash.
func pINForms(twelve string) []string {
	return []string{twelve, twelve[2:], twelve[:8] + "-" + twelve[8:], twelve[2:8] + "-" + twelve[8:]}
}

// pinOf returns the parsed personal identity number of a party input.
func pinOf(t *testing.T, in notification.PartyInput) privacy.PersonalIdentityNumber {
	t.Helper()
	pn, err := privacy.ParsePersonalIdentityNumber(in.PersonalNumber.Reveal())
	require.NoError(t, err)
	return pn
}

// revealForm returns every field of a form in clear, keyed by path: what a store would keep.
func revealForm(form *merge.Form) map[string]string {
	out := map[string]string{}
	for _, f := range merge.Fields() {
		if v := f.Reveal(form); v != "" {
			out[f.Path()] = v
		}
	}
	return out
}

// key returns a 32-byte test key of byte b.
func key(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

// newCodec returns the sealed storage format over ring, with a test tokenizer.
func newCodec(t *testing.T, ring privacy.Sealer) *sealed.Codec {
	t.Helper()
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	c, err := sealed.NewCodec(ring, tok)
	require.NoError(t, err)
	return c
}

// version returns the version of the case with id as stored now: the version a user who just
// reloaded the case would send with a step.
// A case that is not stored (deleted, say) answers 1, so that the step can report that.
func (e env) version(t *testing.T, id notification.ID) int64 {
	t.Helper()
	c, err := e.repo.Get(context.Background(), id)
	if errors.Is(err, notification.ErrNotFound) {
		return 1
	}
	require.NoError(t, err)
	return c.Version()
}

// approved makes a submitted case and approves it as the grid company.
func (e env) approved(t *testing.T) *notification.Case {
	t.Helper()
	c := e.submitted(t)
	c, err := e.svc.Approve(e.grid, c.ID(), c.Version(), "")
	require.NoError(t, err)
	return c
}
