// Package pgtest gives tests a PostgreSQL database of their own.
//
// The server is the one named by the environment variable GRIDNOTIFY_TEST_POSTGRES, a DSN such
// as postgres://postgres@127.0.0.1:5432/gridnotify?sslmode=disable. ./scripts/test sets it: it
// starts a throwaway server for the run (scripts/postgres.sh) unless the variable names one
// already. The role in the DSN must be allowed to create databases.
//
// Without the variable the tests that use this package skip, so that `go test ./...` works on a
// machine without PostgreSQL; under CI (CI=true or CI=1) they fail instead, so that a CI run
// cannot pass without having run them.
//
// A test that writes calls [NewDatabase]: it gets a fresh, empty database that is dropped when
// the test ends, so tests in parallel packages never see each other's data. [DSN] returns the
// shared database itself, for tests that only read or that manage their own schema.
//
// pgtest is for tests only: it takes a [testing.TB] and reports every problem through it.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvDSN is the environment variable that holds the DSN of the PostgreSQL server the tests use.
const EnvDSN = "GRIDNOTIFY_TEST_POSTGRES"

// timeout bounds each of pgtest's own round trips to the server (connect, create, drop).
const timeout = 30 * time.Second

// DSN returns the DSN in GRIDNOTIFY_TEST_POSTGRES. If it is empty, DSN skips the test with a
// message that names GRIDNOTIFY_TEST_POSTGRES and ./scripts/test; under CI (the variable CI is
// "true" or "1") it fails the test instead. It does not connect.
//
// The database it names is shared by every test of the run; a test that writes should use
// [NewDatabase].
func DSN(tb testing.TB) string {
	tb.Helper()
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		return dsn
	}
	if ci := os.Getenv("CI"); isCI(ci) {
		tb.Fatalf("pgtest: %s is not set, and CI=%s requires the PostgreSQL tests to run: run ./scripts/test, which starts a throwaway PostgreSQL server, or set %s=postgres://user@host:port/db", EnvDSN, ci, EnvDSN)
		return ""
	}
	tb.Skipf("pgtest: skipping PostgreSQL test: %s is not set; ./scripts/test starts a throwaway PostgreSQL server and sets it, or set %s=postgres://user@host:port/db", EnvDSN, EnvDSN)
	return ""
}

// isCI reports whether the value of the variable CI says this is a CI run.
func isCI(v string) bool {
	return strings.EqualFold(v, "true") || v == "1"
}

// NewDatabase creates a new, empty database on the server of [DSN], named after the test and a
// random suffix, and returns a DSN for it: the server's DSN with only the database changed. It
// registers a cleanup that drops the database when the test and its subtests have finished
// (WITH (FORCE) on PostgreSQL 13 and later, so that connections the test left open do not keep
// it alive).
//
// Like [DSN] it skips the test when no server is configured (fails it under CI); it fails the
// test if the server cannot be reached or the database cannot be created.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	server := DSN(tb)
	if server == "" {
		return "" // only reached if tb's Skipf or Fatalf returned
	}
	name, err := databaseName(tb.Name())
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
		return ""
	}
	dsn, err := withDatabase(server, name)
	if err != nil {
		tb.Fatalf("pgtest: %s: %v", EnvDSN, err)
		return ""
	}

	ctx, cancel := context.WithTimeout(tb.Context(), timeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		tb.Fatalf("pgtest: connect to the server in %s: %v", EnvDSN, err)
		return ""
	}
	defer conn.Close(context.Background())
	var version int
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		tb.Fatalf("pgtest: server version: %v", err)
		return ""
	}
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", ident, err)
		return ""
	}

	tb.Cleanup(func() {
		// The test's context is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		if err := dropDatabase(ctx, server, ident, version); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", ident, err)
		}
	})
	return dsn
}

// dropDatabase drops the database ident (already quoted) on the server of dsn.
func dropDatabase(ctx context.Context, dsn, ident string, version int) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	sql := "DROP DATABASE IF EXISTS " + ident
	if version >= 130000 {
		sql += " WITH (FORCE)"
	}
	_, err = conn.Exec(ctx, sql)
	return err
}

// maxTestPart is how many bytes of the test's name go into a database name; with the prefix and
// the random suffix the name stays within PostgreSQL's 63 bytes.
const maxTestPart = 40

// databaseName returns a fresh database name for the test testName: "gntest_", the test's name
// in lower-case letters, digits and underscores (at most 40 bytes), "_" and 12 random hex
// digits. It needs no quoting, but callers quote it anyway.
func databaseName(testName string) (string, error) {
	var b strings.Builder
	b.WriteString("gntest_")
	underscore := true // no leading or doubled underscores from the test's name
	n := 0
	for _, r := range strings.ToLower(testName) {
		if n >= maxTestPart {
			break
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			underscore = false
			n++
		} else if !underscore {
			b.WriteByte('_')
			underscore = true
			n++
		}
	}
	if !underscore {
		b.WriteByte('_')
	}
	var random [6]byte
	if _, err := rand.Read(random[:]); err != nil {
		return "", fmt.Errorf("random database name: %w", err)
	}
	b.WriteString(hex.EncodeToString(random[:]))
	return b.String(), nil
}

// withDatabase returns dsn with its database replaced by name. It takes both forms pgx accepts:
// a URL (postgres:// or postgresql://) and keyword/value pairs (host=... dbname=...).
func withDatabase(dsn, name string) (string, error) {
	var out string
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", errors.New("not a valid URL") // url's error would print a password
		}
		u.Path = "/" + name
		u.RawPath = ""
		q := u.Query()
		if q.Has("dbname") {
			q.Set("dbname", name)
			u.RawQuery = q.Encode()
		}
		out = u.String()
	} else {
		// In keyword/value form the last of repeated keywords wins.
		out = dsn + " dbname=" + name
	}
	cfg, err := pgx.ParseConfig(out)
	if err != nil {
		return "", errors.New("not a DSN pgx can parse")
	}
	if cfg.Database != name {
		return "", errors.New("could not set the database in the DSN (got " + strconv.Quote(cfg.Database) + ")")
	}
	return out, nil
}
