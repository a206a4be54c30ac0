package pgtest_test

import (
	"context"
	"testing"

	"github.com/gridnotify/gridnotify/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// A test of code that stores data in PostgreSQL gets a database of its own: empty when the test
// starts, dropped when it ends. The examples need a test's *testing.T, so they are compiled but
// not run; TestNewDatabase and TestServer run the same steps.
func ExampleNewDatabase() {
	TestCaseStore := func(t *testing.T) {
		dsn := pgtest.NewDatabase(t) // skips the test when no server is configured
		conn, err := pgx.Connect(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())

		if _, err := conn.Exec(t.Context(), "CREATE TABLE cases (id text PRIMARY KEY)"); err != nil {
			t.Fatal(err)
		}
		// ... the store's test, alone in its database ...
	}
	_ = TestCaseStore // in a _test.go file: func TestCaseStore(t *testing.T) { ... }
}

// A test that only reads can use the shared database directly.
func ExampleDSN() {
	TestServerVersion := func(t *testing.T) {
		conn, err := pgx.Connect(t.Context(), pgtest.DSN(t))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())

		var version string
		if err := conn.QueryRow(t.Context(), "SHOW server_version").Scan(&version); err != nil {
			t.Fatal(err)
		}
		t.Logf("PostgreSQL %s", version)
	}
	_ = TestServerVersion
}
