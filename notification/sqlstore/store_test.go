package sqlstore_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/internal/pgtest"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
)

func key(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

// keys are the test keyring and tokenizer.
func keys(t testing.TB) (*privacy.Keyring, *privacy.Tokenizer) {
	t.Helper()
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(t, err)
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	return ring, tok
}

// engine opens a fresh, empty store of one kind; the store is closed when the test ends.
type engine struct {
	name string
	dsn  func(t testing.TB) string
}

// engines are the databases every test runs on: an SQLite file, an in-memory SQLite database
// and PostgreSQL (a database of the test's own on the server of GRIDNOTIFY_TEST_POSTGRES).
var engines = []engine{
	{"sqlite-file", func(t testing.TB) string { return "sqlite:" + filepath.Join(t.TempDir(), "cases.db") }},
	{"sqlite-memory", func(testing.TB) string { return "sqlite::memory:" }},
	{"postgres", func(t testing.TB) string { return pgtest.NewDatabase(t) }},
}

func open(t testing.TB, dsn string, opts ...sqlstore.Option) *sqlstore.Store {
	t.Helper()
	ring, tok := keys(t)
	s, err := sqlstore.Open(context.Background(), dsn, ring, tok, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// eachEngine runs f on every engine.
func eachEngine(t *testing.T, f func(t *testing.T, dsn func(testing.TB) string)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { f(t, e.dsn) })
	}
}

// TestRepository runs the conformance suite on every engine.
func TestRepository(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		notificationtest.TestRepository(t, func(t *testing.T) notification.Repository { return open(t, dsn(t)) })
	})
}

// service returns a Service on store with the example catalog and sample facilities.
func service(t testing.TB, store *sqlstore.Store, opts ...notification.Option) *notification.Service {
	t.Helper()
	svc, err := notification.NewService(store, catalog.ExampleCatalog(), facility.SampleRegistry(),
		append([]notification.Option{notification.WithAccessLog(store)}, opts...)...)
	require.NoError(t, err)
	return svc
}

var installer = privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}

// fullCase walks a case through the manual on svc, with every personal value the leak scans
// look for, and returns it submitted.
func fullCase(t testing.TB, svc *notification.Service) *notification.Case {
	t.Helper()
	ctx := privacy.WithActor(context.Background(), installer)
	c, err := svc.Create(ctx, notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange,
		JobType: "single-meter", Area: "HBG"})
	require.NoError(t, err)
	c, _, err = svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003"})
	require.NoError(t, err)
	owner, err := notification.ParseParty("owner", notification.PartyInput{Kind: "private",
		Surname: privacy.NewText("Fläderström"), GivenName: privacy.NewText("Ingegerd"),
		PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Kvarngränd 17"), PostalCode: privacy.NewText("252 21"),
			City: privacy.NewText("Helsingborg")},
		Phone: privacy.NewText("070-174 06 55"), Email: privacy.NewText("ingegerd.fladerstrom@example.com")})
	require.NoError(t, err)
	in, err := notification.ParseInstaller(notification.InstallerInput{Company: "Elfirma AB", AuthorisationNumber: "AL-12345",
		Contact: privacy.NewText("Kim Lundgren"), Phone: privacy.NewText("042-490 00 00")})
	require.NoError(t, err)
	res, err := svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error {
		return errors.Join(d.SetOwner(owner), d.SetMeterPlacement(catalog.FacadeCabinet, ""),
			d.SetWorkDescription("Ingegerd Fläderström vill ha jordfelsbrytare."), d.SetInstaller(in))
	})
	require.NoError(t, err)
	c, _, err = svc.CopyFromOwner(ctx, res.Case.ID(), res.Case.Version())
	require.NoError(t, err)
	c, err = svc.AddNote(ctx, c.ID(), c.Version(), "Ring Ingegerd på 070-174 06 55 före besöket.")
	require.NoError(t, err)
	c, err = svc.AddAttachment(ctx, c.ID(), c.Version(), notification.SitePlanAttachment, "Fläderström situationsplan.pdf",
		[]byte("%PDF-1.4\nKvarngränd 17 Fläderström\n%%EOF\n"))
	require.NoError(t, err)
	sent, err := svc.Submit(ctx, c.ID(), c.Version())
	require.NoError(t, err)
	return sent.Case
}

// secrets are the personal values of fullCase, in the forms a dump would show them.
var secrets = []string{"Fläderström", "Fl\\xc3\\xa4derstr", "Ingegerd", "198803200016", "8803200016", "880320-0016",
	"Kvarngränd", "Kvarngr", "+46701740655", "070-174 06 55", "ingegerd.fladerstrom", "Kim Lundgren", "+46424900000",
	"jordfelsbrytare", "situationsplan"}

// TestNoPersonalValueInTheDatabaseFiles: the SQLite file, its write-ahead log and shared
// memory hold no personal value of a case in clear, in any encoding a dump would show.
func TestNoPersonalValueInTheDatabaseFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	store := open(t, "sqlite:"+path)
	svc := service(t, store)
	c := fullCase(t, svc)
	require.Equal(t, "Fläderström", c.Owner().Surname.Reveal(), "the case holds the values in clear for its users")
	files, err := filepath.Glob(path + "*")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 2, "the database and its write-ahead log")
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, v := range secrets {
			require.False(t, bytes.Contains(b, []byte(v)), "%s holds %q in clear", filepath.Base(f), v)
		}
		require.False(t, bytes.Contains(b, []byte("M-20003")) && strings.HasSuffix(f, "-shm"), "sanity")
	}
	require.NoError(t, store.Close())
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.Contains(b, []byte("M-20003")), "the clear columns and meter number are there: the scan reads the data")
	for _, v := range secrets {
		require.False(t, bytes.Contains(b, []byte(v)), "after the checkpoint the database holds %q in clear", v)
	}
}

// TestNoPersonalValueInAPostgresDump: pg_dump of the database holds no personal value in
// clear.
func TestNoPersonalValueInAPostgresDump(t *testing.T) {
	t.Parallel()
	dsn := pgtest.NewDatabase(t)
	store := open(t, dsn)
	fullCase(t, service(t, store))
	out, err := exec.Command(pgDump(t), "--no-owner", "--inserts", dsn).CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "INSERT INTO public.cases", "the dump has the cases")
	// The documents are bytea, which the dump writes in hex: the scan reads them decoded too.
	dump := string(out)
	for _, m := range byteaLiteral.FindAllStringSubmatch(dump, -1) {
		b, err := hex.DecodeString(m[1])
		require.NoError(t, err)
		dump += "\n" + string(b)
	}
	require.Contains(t, dump, "M-20003", "the clear values are in the dump: the scan reads the data")
	for _, v := range secrets {
		require.NotContains(t, dump, v, "the dump holds %q in clear", v)
		require.NotContains(t, dump, hex.EncodeToString([]byte(v)), "the dump holds %q hex-encoded", v)
	}
}

// byteaLiteral is a bytea value as pg_dump --inserts writes it: '\x' and hex digits.
var byteaLiteral = regexp.MustCompile(`'\\x([0-9a-f]*)'`)

// pgDump finds pg_dump in PATH or Debian's PostgreSQL directories.
func pgDump(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("pg_dump"); err == nil {
		return p
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_dump")
	require.NotEmpty(t, matches, "pg_dump not found")
	return matches[len(matches)-1]
}

// TestOpenErrors: bad DSNs, an unreachable server and a schema newer than the code are clear
// errors.
func TestOpenErrors(t *testing.T) {
	t.Parallel()
	ring, tok := keys(t)
	ctx := context.Background()
	for _, dsn := range []string{"", "mysql://x", "sqlite:", "cases.db", "postgres://%zz"} {
		_, err := sqlstore.Open(ctx, dsn, ring, tok)
		require.ErrorIs(t, err, sqlstore.ErrBadDSN, dsn)
	}
	_, err := sqlstore.Open(ctx, "sqlite::memory:", nil, tok)
	require.Error(t, err)
	short, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	_, err = sqlstore.Open(short, "postgres://nobody:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", ring, tok)
	require.Error(t, err)
	require.Contains(t, err.Error(), "cannot be reached")
	require.NotContains(t, err.Error(), "s3cret", "the error shows the password")

	// A file name with the characters of URI syntax is a file name all the same.
	odd := filepath.Join(t.TempDir(), "ärende #1?.db")
	require.NoError(t, open(t, "sqlite:"+odd).Close())
	_, err = os.Stat(odd)
	require.NoError(t, err, "the database is not at the path given")

	// A database migrated by newer code.
	path := "sqlite:" + filepath.Join(t.TempDir(), "newer.db")
	s := open(t, path)
	_, err = s.DB().Exec("INSERT INTO gridnotify_schema (version_id, is_applied) VALUES (999, true)")
	require.NoError(t, err)
	require.NoError(t, s.Close())
	_, err = sqlstore.Open(ctx, path, ring, tok)
	require.ErrorIs(t, err, sqlstore.ErrSchemaTooNew)
	// An empty database that the store may not migrate.
	_, err = sqlstore.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "empty.db"), ring, tok, sqlstore.WithoutMigrations())
	require.ErrorIs(t, err, sqlstore.ErrSchemaTooOld)
}

// TestReplicasMigrateAtOnce: several stores opening one new PostgreSQL database at once
// migrate it once, without failing.
func TestReplicasMigrateAtOnce(t *testing.T) {
	t.Parallel()
	dsn := pgtest.NewDatabase(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			ring, tok := keys(t)
			s, err := sqlstore.Open(context.Background(), dsn, ring, tok)
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}

// TestServiceOnEveryEngine takes a case through the manual on each engine and reads it back
// through a second store on the same database: the case, its events, its access log and its
// attachment content survive.
func TestServiceOnEveryEngine(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		t.Parallel()
		d := dsn(t)
		store := open(t, d)
		svc := service(t, store)
		c := fullCase(t, svc)
		ctx := privacy.WithActor(context.Background(), installer)
		shown, err := svc.Reveal(ctx, c.ID(), privacy.PurposeAdminister, merge.OwnerSurname)
		require.NoError(t, err)
		require.Equal(t, "Fläderström", shown.Values["owner.surname"])
		log, err := store.QueryAccess(context.Background(), privacy.AccessQuery{CaseID: string(c.ID())})
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Equal(t, privacy.Allowed, log[0].Outcome)
		require.NoError(t, store.SettleEvents(ctx))
		page, err := svc.Events(ctx, 0, 100)
		require.NoError(t, err)
		require.NotEmpty(t, page.Events)
		require.Equal(t, notification.EventSubmitted, page.Events[len(page.Events)-1].Type)
		content, _, err := svc.AttachmentContent(ctx, c.ID(), c.Attachments()[0].SHA256)
		require.NoError(t, err)
		require.Contains(t, string(content), "Kvarngränd")
		if strings.HasSuffix(d, ":memory:") {
			return // a second store would open a database of its own
		}
		again := open(t, d)
		got, err := service(t, again).Get(ctx, c.ID())
		require.NoError(t, err)
		require.Equal(t, c.Snapshot().Listing(), got.Snapshot().Listing())
		require.Equal(t, "Kvarngränd 17", got.Owner().Address.Street.Reveal())
	})
}

// TestFindPersonIsAnIndexLookup: the person index finds a case by the owner's personal identity
// number without a scan.
func TestFindPersonIsAnIndexLookup(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		t.Parallel()
		store := open(t, dsn(t))
		c := fullCase(t, service(t, store))
		pn, err := privacy.ParsePersonalIdentityNumber("880320-0016")
		require.NoError(t, err)
		ids, err := store.FindPerson(context.Background(), pn)
		require.NoError(t, err)
		require.Equal(t, []notification.ID{c.ID()}, ids)
	})
}

// TestAttachmentContentIsSealed: content is sealed, bound to its case, and refused above the
// size limit.
func TestAttachmentContentIsSealed(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		t.Parallel()
		store := open(t, dsn(t), sqlstore.WithMaxAttachmentSize(64))
		ctx := context.Background()
		id := notification.NewID()
		require.NoError(t, store.PutContent(ctx, id, "ab", []byte("Fläderström")))
		got, err := store.Content(ctx, id, "ab")
		require.NoError(t, err)
		require.Equal(t, "Fläderström", string(got))
		var raw []byte
		require.NoError(t, store.DB().QueryRow("SELECT content FROM attachment_content").Scan(&raw))
		require.NotContains(t, string(raw), "Fläder")
		// Moved to another case, it does not open.
		other := notification.NewID()
		_, err = store.DB().Exec(rebind(store, "UPDATE attachment_content SET case_id = ?"), string(other))
		require.NoError(t, err)
		_, err = store.Content(ctx, other, "ab")
		require.ErrorIs(t, err, privacy.ErrUnsealFailed)
		require.ErrorIs(t, store.PutContent(ctx, id, "cd", bytes.Repeat([]byte{1}, 65)), sqlstore.ErrTooLarge)
		require.NoError(t, store.DeleteCaseContent(ctx, other))
		_, err = store.Content(ctx, other, "ab")
		require.ErrorIs(t, err, notification.ErrNotFound)
	})
}

// rebind writes a test's ? placeholders for the store's database.
func rebind(s *sqlstore.Store, q string) string {
	if s.Dialect() != sqlstore.PostgreSQL {
		return q
	}
	n := 0
	var b strings.Builder
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cmpDiff is go-cmp's Diff.
func cmpDiff(a, b any, opts cmp.Options) string { return cmp.Diff(a, b, opts) }

// settledEvents reads the events q selects once every event committed so far shows: on
// PostgreSQL an event shows once every transaction older than its own has ended.
func settledEvents(t testing.TB, s *sqlstore.Store, q notification.EventQuery) []notification.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, s.SettleEvents(ctx))
	got, err := s.Events(ctx, q)
	require.NoError(t, err)
	return got
}

// TestAccessLogIsAppendOnly: the database itself refuses to change or remove an entry of the
// access log, whoever asks.
func TestAccessLogIsAppendOnly(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		t.Parallel()
		s := open(t, dsn(t))
		ctx := context.Background()
		entry := privacy.AccessEntry{At: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), Actor: "u-1001",
			Organisation: "elfirma-ab", CaseID: "n-1", Fields: []string{"owner.personalNumber"},
			Purpose: privacy.PurposeAdminister, Outcome: privacy.Allowed}
		require.NoError(t, s.Record(ctx, entry))
		statements := []string{"UPDATE access_log SET outcome = 'denied'", "DELETE FROM access_log"}
		if s.Dialect() == sqlstore.PostgreSQL {
			statements = append(statements, "TRUNCATE access_log")
		}
		for _, q := range statements {
			_, err := s.DB().ExecContext(ctx, q)
			require.ErrorContains(t, err, "append-only", "%s", q)
		}
		got, err := s.QueryAccess(ctx, privacy.AccessQuery{CaseID: "n-1"})
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Equal(t, privacy.Allowed, got[0].Outcome)
	})
}

// TestMigrationsAlike: both engines have the same numbered migrations, so neither can fall
// behind the other.
func TestMigrationsAlike(t *testing.T) {
	names := func(dir string) []string {
		entries, err := os.ReadDir(filepath.Join("migrations", dir))
		require.NoError(t, err)
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	pg, lite := names("postgres"), names("sqlite")
	require.NotEmpty(t, pg)
	require.Equal(t, pg, lite)
}

// TestKeyRotation: after a rotation old cases still open, a case written again is sealed
// under the new key, and a case sealed under a key the keyring no longer holds is
// privacy.ErrUnknownKey — on the engines a store can be reopened on (an in-memory database
// is gone when its store closes).
func TestKeyRotation(t *testing.T) {
	for _, e := range []engine{engines[0], engines[2]} {
		t.Run(e.name, func(t *testing.T) { testKeyRotation(t, e.dsn(t)) })
	}
}

func testKeyRotation(t *testing.T, where string) {
	t.Parallel()
	ctx := context.Background()
	old, tok := keys(t)
	first, err := sqlstore.Open(ctx, where, old, tok)
	require.NoError(t, err)
	rotated := fullCase(t, service(t, first))
	kept := fullCase(t, service(t, first))
	require.NoError(t, first.Close())

	newer, err := old.Rotate("k2", key(2))
	require.NoError(t, err)
	second, err := sqlstore.Open(ctx, where, newer, tok)
	require.NoError(t, err)
	got, err := second.Get(ctx, rotated.ID())
	require.NoError(t, err, "the old key still opens")
	require.Equal(t, "Fläderström", got.Owner().Surname.Reveal())
	_, err = second.Update(ctx, got) // written again: sealed under k2
	require.NoError(t, err)
	require.NoError(t, second.Close())

	onlyNew, err := privacy.NewKeyring("k2", map[string][]byte{"k2": key(2)})
	require.NoError(t, err)
	third, err := sqlstore.Open(ctx, where, onlyNew, tok)
	require.NoError(t, err)
	defer func() { _ = third.Close() }()
	got, err = third.Get(ctx, rotated.ID())
	require.NoError(t, err, "the case written after the rotation opens with the new key alone")
	require.Equal(t, "Ingegerd", got.Owner().GivenName.Reveal())
	_, err = third.Get(ctx, kept.ID())
	require.ErrorIs(t, err, privacy.ErrUnknownKey, "a case still under the retired key")
	ids, err := third.FindPerson(ctx, got.Owner().PersonalNumber)
	require.NoError(t, err)
	require.ElementsMatch(t, []notification.ID{rotated.ID(), kept.ID()}, ids, "the person index is the tokenizer's, not the keyring's")
}
