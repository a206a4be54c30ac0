package delivery_test

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"

	"github.com/gridnotify/gridnotify/internal/pgtest"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/delivery"
)

// testSecret is the webhook secret of the tests: "whsec_" and the base64 of 32 bytes.
var testSecret = "whsec_" + base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))

// database is one database the Dispatcher tests run on: open returns a new pool on it.
type database struct {
	dialect delivery.Dialect
	dsn     string // the SQLite file's path or the PostgreSQL DSN, for a child process
	open    func(t testing.TB) *sql.DB
}

// forEachDialect runs f on a fresh SQLite file and, through pgtest, a fresh PostgreSQL
// database, both with River's tables and the test's "steps" table.
func forEachDialect(t *testing.T, f func(t *testing.T, db database)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		db := sqliteDatabase(t)
		f(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		db := postgresDatabase(t)
		f(t, db)
	})
}

func sqliteDatabase(t testing.TB) database {
	path := filepath.Join(t.TempDir(), "gridnotify.db")
	db := database{dialect: delivery.SQLite, dsn: path, open: func(t testing.TB) *sql.DB {
		return sqliteOpen(t, path)
	}}
	prepare(t, db)
	return db
}

func sqliteOpen(t testing.TB, path string) *sql.DB {
	t.Helper()
	pool, err := sqlitePool(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pool.Close() })
	return pool
}

func sqlitePool(path string) (*sql.DB, error) {
	pool, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(1) // as River's SQLite driver advises
	return pool, nil
}

func postgresOpen(dsn string) (*sql.DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(20)
	return pool, nil
}

func postgresDatabase(t testing.TB) database {
	dsn := pgtest.NewDatabase(t)
	db := database{dialect: delivery.PostgreSQL, dsn: dsn, open: func(t testing.TB) *sql.DB {
		t.Helper()
		pool, err := postgresOpen(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = pool.Close() })
		return pool
	}}
	prepare(t, db)
	return db
}

// prepare runs River's migrations and creates the table that stands for the store's step.
func prepare(t testing.TB, db database) {
	t.Helper()
	pool := db.open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := delivery.Migrate(ctx, pool, db.dialect); err != nil {
		t.Fatal(err)
	}
	if err := delivery.Migrate(ctx, pool, db.dialect); err != nil {
		t.Fatalf("Migrate is not idempotent: %v", err)
	}
	if _, err := pool.ExecContext(ctx, "CREATE TABLE steps (id TEXT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	_ = pool.Close()
}

// quiet discards River's log (its goroutines may log after a test has ended), unless
// GRIDNOTIFY_DELIVERY_LOG is set, for debugging: then it goes to standard error.
var quiet = func() *slog.Logger {
	if os.Getenv("GRIDNOTIFY_DELIVERY_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}()

// fast are Dispatcher options for tests: quick polling and retries.
func fast(dialect delivery.Dialect) delivery.Options {
	return delivery.Options{
		Dialect:        dialect,
		Workers:        4,
		PollInterval:   20 * time.Millisecond,
		FetchCooldown:  5 * time.Millisecond,
		Backoff:        func(int) time.Duration { return 20 * time.Millisecond },
		AttemptTimeout: 10 * time.Second,
		Logger:         quiet,
	}
}

func newDispatcher(t testing.TB, pool *sql.DB, cfg *delivery.Config, opts delivery.Options) *delivery.Dispatcher {
	t.Helper()
	d, err := delivery.NewDispatcher(pool, cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func start(t testing.TB, d *delivery.Dispatcher) {
	t.Helper()
	if err := d.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = d.Stop(ctx)
	})
}

func stop(t testing.TB, d *delivery.Dispatcher, within time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	if err := d.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
}

// step is the store's write: a row in steps and the deliveries of events, in one transaction,
// committed or rolled back.
func step(t testing.TB, pool *sql.DB, d *delivery.Dispatcher, id string, events []notification.Event, commit bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "INSERT INTO steps (id) VALUES ("+placeholder(pool)+")", id); err != nil {
		t.Fatal(err)
	}
	if err := d.EnqueueTx(ctx, tx, events); err != nil {
		t.Fatalf("EnqueueTx: %v", err)
	}
	if !commit {
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func placeholder(pool *sql.DB) string {
	if strings.Contains(fmt.Sprintf("%T", pool.Driver()), "sqlite") {
		return "?"
	}
	return "$1"
}

// count runs a count query.
func count(t testing.TB, pool *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := pool.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// event returns an event of a case of elfirma-ab sent to oresundskraft.
func event(typ notification.EventType) notification.Event {
	return notification.Event{
		ID: "ev-" + randomHex(16), Type: typ, CaseID: notification.NewID(),
		GridCompany: "oresundskraft", Installer: "elfirma-ab",
		From: notification.NotSent, To: notification.AwaitingApproval, Version: 3,
		At: time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC), By: notification.SideInstaller, Sent: true,
	}
}

func events(n int) []notification.Event {
	out := make([]notification.Event, n)
	for i := range out {
		out[i] = event(notification.EventSubmitted)
	}
	return out
}

// webhookConfig is a configuration with one webhook route to url for the grid company.
func webhookConfig(t testing.TB, url string) *delivery.Config {
	t.Helper()
	cfg, err := newWebhookConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func newWebhookConfig(url string) (*delivery.Config, error) {
	secret, err := delivery.ParseSecret(testSecret)
	if err != nil {
		return nil, err
	}
	return &delivery.Config{Routes: []delivery.Route{{
		ID: "oresund-hook", Events: notification.EventTypes(), GridCompany: "oresundskraft",
		Audience: delivery.GridCompany, Channel: delivery.Webhook,
		Webhook: &delivery.WebhookSettings{URL: url, Secret: secret},
	}}}, nil
}

// receiver is a webhook endpoint that checks every request's signature with its own HMAC
// code (not the package's) and counts arrivals by event ID.
type receiver struct {
	t      testing.TB
	srv    *httptest.Server
	secret []byte

	mu sync.Mutex
	// answer decides the status of a verified request, after it arrived; nil means 204. It may
	// block until the request's context ends.
	answer   func(r *http.Request, e notification.Event, n int) int
	arrived  map[string]int // verified requests by event ID
	requests int            // all requests
	bad      []string       // what was wrong with requests that failed verification
	changed  chan struct{}
}

func newReceiver(t testing.TB) *receiver {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(testSecret, "whsec_"))
	if err != nil {
		t.Fatal(err)
	}
	rc := &receiver{t: t, secret: key, arrived: map[string]int{}, changed: make(chan struct{}, 1)}
	rc.srv = httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *receiver) url() string { return rc.srv.URL + "/hooks/gridnotify?token=t0ps3cret" }

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	e, problem := rc.verify(r, body, err)
	rc.mu.Lock()
	rc.requests++
	if problem != "" {
		rc.bad = append(rc.bad, problem)
		rc.mu.Unlock()
		rc.notify()
		http.Error(w, problem, http.StatusUnauthorized)
		return
	}
	rc.arrived[e.ID]++
	n := rc.arrived[e.ID]
	answer := rc.answer
	rc.mu.Unlock()
	rc.notify()
	status := http.StatusNoContent
	if answer != nil {
		status = answer(r, e, n)
	}
	if status >= 300 && status < 400 {
		w.Header().Set("Location", "/elsewhere") // a client that follows it sends an unsigned GET
	}
	w.WriteHeader(status)
}

func (rc *receiver) notify() {
	select {
	case rc.changed <- struct{}{}:
	default:
	}
}

// verify checks the Standard Webhooks headers and signature independently of the package.
func (rc *receiver) verify(r *http.Request, body []byte, err error) (notification.Event, string) {
	var e notification.Event
	switch {
	case err != nil:
		return e, "body: " + err.Error()
	case r.Method != http.MethodPost:
		return e, "method " + r.Method
	case r.Header.Get("Content-Type") != "application/json":
		return e, "content type " + r.Header.Get("Content-Type")
	}
	id, ts, sig := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp"), r.Header.Get("webhook-signature")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || time.Since(time.Unix(sec, 0)).Abs() > time.Minute {
		return e, "timestamp " + ts
	}
	h := hmac.New(sha256.New, rc.secret)
	fmt.Fprintf(h, "%s.%s.%s", id, ts, body)
	if want := "v1," + base64.StdEncoding.EncodeToString(h.Sum(nil)); sig != want {
		return e, "signature " + sig
	}
	if e, err = delivery.DecodeEvent(body); err != nil {
		return e, "JSON: " + err.Error()
	}
	if e.ID != id {
		return e, "webhook-id " + id + " is not the event ID " + e.ID
	}
	return e, ""
}

// counts returns a copy of the arrivals by event ID.
func (rc *receiver) counts() map[string]int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := make(map[string]int, len(rc.arrived))
	for k, v := range rc.arrived {
		out[k] = v
	}
	return out
}

func (rc *receiver) setAnswer(f func(r *http.Request, e notification.Event, n int) int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.answer = f
}

// waitFor waits until cond holds on the arrivals, failing the test after within.
func (rc *receiver) waitFor(within time.Duration, what string, cond func(arrived map[string]int) bool) {
	rc.t.Helper()
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if cond(rc.counts()) {
			return
		}
		select {
		case <-rc.changed:
		case <-tick.C:
		case <-deadline.C:
			rc.mu.Lock()
			defer rc.mu.Unlock()
			rc.t.Fatalf("after %v: %s did not happen: %d requests, %d events arrived, bad requests: %q", within, what, rc.requests, len(rc.arrived), rc.bad)
		}
	}
}

// all reports whether every event arrived at least once.
func all(evs []notification.Event) func(map[string]int) bool {
	return func(arrived map[string]int) bool {
		for _, e := range evs {
			if arrived[e.ID] == 0 {
				return false
			}
		}
		return true
	}
}

func (rc *receiver) requestCount() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.requests
}

func (rc *receiver) badRequests() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.bad...)
}
