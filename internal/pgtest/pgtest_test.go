package pgtest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
)

// recorder is a testing.TB whose Skipf and Fatalf record instead of stopping the test, so that
// DSN's decision can be checked.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Skipf(format string, args ...any)  { r.skipped = fmt.Sprintf(format, args...) }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestDSNFromEnvironment(t *testing.T) {
	const want = "postgres://someone@db.invalid:5433/x?sslmode=disable"
	t.Setenv(EnvDSN, want)
	t.Setenv("CI", "true")
	r := &recorder{TB: t}
	if got := DSN(r); got != want || r.skipped != "" || r.failed != "" {
		t.Fatalf("DSN = %q (skipped %q, failed %q), want %q", got, r.skipped, r.failed, want)
	}
}

func TestDSNMissing(t *testing.T) {
	for _, tc := range []struct {
		ci   string
		fail bool
	}{
		{"", false}, {"false", false}, {"0", false},
		{"true", true}, {"TRUE", true}, {"1", true},
	} {
		t.Run("CI="+tc.ci, func(t *testing.T) {
			t.Setenv(EnvDSN, "")
			t.Setenv("CI", tc.ci)
			r := &recorder{TB: t}
			if got := DSN(r); got != "" {
				t.Fatalf("DSN = %q, want empty", got)
			}
			msg := r.skipped
			if tc.fail {
				msg = r.failed
				if r.skipped != "" {
					t.Errorf("skipped under CI: %s", r.skipped)
				}
			} else if r.failed != "" {
				t.Errorf("failed outside CI: %s", r.failed)
			}
			for _, want := range []string{EnvDSN, "./scripts/test"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not name %s", msg, want)
				}
			}
		})
	}
}

func TestNewDatabaseSkipsWithoutServer(t *testing.T) {
	t.Setenv(EnvDSN, "")
	t.Setenv("CI", "")
	r := &recorder{TB: t}
	if got := NewDatabase(r); got != "" || r.skipped == "" {
		t.Fatalf("NewDatabase = %q, skipped %q; want empty and a skip", got, r.skipped)
	}
}

var validName = regexp.MustCompile(`^gntest_[a-z0-9_]*[0-9a-f]{12}$`)

func TestDatabaseName(t *testing.T) {
	seen := map[string]bool{}
	for _, test := range []string{
		"TestX",
		"TestStore/parallel/#01",
		"Test" + strings.Repeat("Ü/very-long_name", 20),
		"",
		"__weird__  name__",
	} {
		name, err := databaseName(test)
		if err != nil {
			t.Fatal(err)
		}
		if len(name) > 63 || !validName.MatchString(name) || strings.Contains(name, "__") {
			t.Errorf("databaseName(%q) = %q: not a plain identifier of at most 63 bytes", test, name)
		}
		if seen[name] {
			t.Errorf("databaseName(%q) = %q twice", test, name)
		}
		seen[name] = true
	}
	if name, _ := databaseName("TestStore/Put"); !strings.HasPrefix(name, "gntest_teststore_put_") {
		t.Errorf("databaseName(TestStore/Put) = %q, want the test's name in it", name)
	}
}

func TestWithDatabase(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://postgres@127.0.0.1:5432/gridnotify?sslmode=disable", "postgres://postgres@127.0.0.1:5432/other?sslmode=disable"},
		{"postgresql://u:p%40ss@localhost/db", "postgresql://u:p%40ss@localhost/other"},
		{"postgres://u@localhost", "postgres://u@localhost/other"},
		{"postgres:///gridnotify?host=/tmp/pg&port=5555", "postgres:///other?host=/tmp/pg&port=5555"},
		{"postgres://u@localhost/x?dbname=y", "postgres://u@localhost/other?dbname=other"},
		{"host=127.0.0.1 port=5432 user=postgres dbname=gridnotify sslmode=disable", "host=127.0.0.1 port=5432 user=postgres dbname=gridnotify sslmode=disable dbname=other"},
	} {
		got, err := withDatabase(tc.in, "other")
		if err != nil || got != tc.want {
			t.Errorf("withDatabase(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := withDatabase("postgres://u:secret@[bad/x", "other"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("withDatabase(bad URL) error = %v; want an error without the password", err)
	}
}

// connect opens a connection to dsn that is closed when the test ends.
func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// exists reports whether the server of t's DSN has the database name.
func exists(t *testing.T, name string) bool {
	t.Helper()
	var n int
	err := connect(t, DSN(t)).QueryRow(t.Context(), "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func TestServer(t *testing.T) {
	conn := connect(t, DSN(t))
	var one int
	if err := conn.QueryRow(t.Context(), "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 = %d, %v", one, err)
	}
	var version string
	if err := conn.QueryRow(t.Context(), "SHOW server_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	t.Logf("server: PostgreSQL %s", version)
}

func TestNewDatabase(t *testing.T) {
	DSN(t)
	var name string
	t.Run("use", func(t *testing.T) {
		dsn := NewDatabase(t)
		conn := connect(t, dsn)
		if err := conn.QueryRow(t.Context(), "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !validName.MatchString(name) || !strings.Contains(name, "testnewdatabase_use_") {
			t.Fatalf("current_database() = %q, want a fresh database named after the test", name)
		}
		var tables int
		if err := conn.QueryRow(t.Context(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&tables); err != nil || tables != 0 {
			t.Fatalf("a new database has %d tables (%v), want 0", tables, err)
		}
		if _, err := conn.Exec(t.Context(), "CREATE TABLE cases (id text PRIMARY KEY, state text NOT NULL)"); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(t.Context(), "INSERT INTO cases VALUES ('c-1', 'Ej skickat'), ('c-2', 'För godkännande')"); err != nil {
			t.Fatal(err)
		}
		var state string
		if err := conn.QueryRow(t.Context(), "SELECT state FROM cases WHERE id = 'c-2'").Scan(&state); err != nil || state != "För godkännande" {
			t.Fatalf("state = %q, %v", state, err)
		}
		// The connection stays open when the test ends: the drop must not wait for it.
	})
	if name == "" {
		return // the subtest failed
	}
	if exists(t, name) {
		t.Errorf("database %s still exists after its test ended", name)
	}
}

func TestNewDatabaseIsolated(t *testing.T) {
	a, b := connect(t, NewDatabase(t)), connect(t, NewDatabase(t))
	if _, err := a.Exec(t.Context(), "CREATE TABLE only_in_a (x int)"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := b.QueryRow(t.Context(), "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'").Scan(&n); err != nil || n != 0 {
		t.Fatalf("the second database sees %d tables of the first (%v), want 0", n, err)
	}
}

func TestNewDatabaseParallel(t *testing.T) {
	DSN(t) // skip the whole test, not each subtest, when there is no server
	const n = 8
	var mu sync.Mutex
	names := map[string]bool{}
	t.Run("group", func(t *testing.T) {
		for i := range n {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				conn := connect(t, NewDatabase(t))
				if _, err := conn.Exec(t.Context(), "CREATE TABLE t (i int)"); err != nil {
					t.Fatal(err)
				}
				if _, err := conn.Exec(t.Context(), "INSERT INTO t VALUES ($1)", i); err != nil {
					t.Fatal(err)
				}
				rows, _ := conn.Query(t.Context(), "SELECT i FROM t")
				got, err := pgx.CollectRows(rows, pgx.RowTo[int])
				if err != nil || len(got) != 1 || got[0] != i {
					t.Fatalf("rows = %v, %v; want only [%d]", got, err, i)
				}
				var name string
				if err := conn.QueryRow(t.Context(), "SELECT current_database()").Scan(&name); err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				names[name] = true
				mu.Unlock()
			})
		}
	})
	if t.Failed() {
		return
	}
	if len(names) != n {
		t.Fatalf("%d parallel tests got %d databases, want %d", n, len(names), n)
	}
	for name := range names {
		if exists(t, name) {
			t.Errorf("database %s still exists after its test ended", name)
		}
	}
}
