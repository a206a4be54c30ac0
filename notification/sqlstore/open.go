package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/privacy"
)

// Dialect is the SQL database a Store runs on.
type Dialect string

// The databases a Store runs on.
const (
	PostgreSQL Dialect = "postgres"
	SQLite     Dialect = "sqlite"
)

// Store keeps cases, their events, the access log and the content of attachments in a SQL
// database: it implements [notification.Repository], [notification.PersonFinder],
// [notification.AttachmentStore] and [privacy.AccessLog]. It is safe for concurrent use, by
// several Stores on one database too (a service's replicas).
type Store struct {
	db      *sql.DB
	owned   bool // Close closes db
	dialect Dialect
	codec   *sealed.Codec
	sealer  privacy.Sealer
	tokens  *privacy.Tokenizer
	outbox  Outbox
	maxFile int64
	hook    func(ctx context.Context, stmt string) error // tests only: runs after each statement of a write
	rebound sync.Map                                     // query → its PostgreSQL form, see rebind
}

// Outbox is called inside the transaction that writes a case, with the events the write
// stores, so that a job queue can enqueue their delivery in the same transaction (package
// delivery's Dispatcher). An error rolls the whole write back.
type Outbox func(ctx context.Context, tx *sql.Tx, events []notification.Event) error

// Option configures a Store.
type Option func(*options)

type options struct {
	migrate bool
	outbox  Outbox
	maxFile int64
}

// WithoutMigrations makes Open and New leave the schema alone, for deployments that migrate
// with [Store.Migrate] at deploy time. A schema older or newer than the code is still an error.
func WithoutMigrations() Option { return func(o *options) { o.migrate = false } }

// WithOutbox calls outbox in the transaction of every write that stores events.
func WithOutbox(outbox Outbox) Option { return func(o *options) { o.outbox = outbox } }

// WithMaxAttachmentSize sets the largest attachment content the store keeps, in bytes; the
// default is [notification.DefaultMaxAttachmentSize].
func WithMaxAttachmentSize(n int64) Option { return func(o *options) { o.maxFile = n } }

// Errors of opening a store.
var (
	// ErrBadDSN: the DSN names no database this package opens.
	ErrBadDSN = errors.New("sqlstore: not a database this store opens (use postgres://…, postgresql://…, sqlite:PATH or sqlite::memory: as the DSN)")
	// ErrSchemaTooNew: the database was migrated by a newer version of the code.
	ErrSchemaTooNew = errors.New("sqlstore: the database's schema is newer than this code")
	// ErrSchemaTooOld: the database lacks migrations and the store was told not to migrate.
	ErrSchemaTooOld = errors.New("sqlstore: the database's schema is older than this code; migrate it")
)

// Open opens the store at dsn: "postgres://…" or "postgresql://…" for PostgreSQL (through
// github.com/jackc/pgx/v5), "sqlite:PATH" for an SQLite file or "sqlite::memory:" for an
// in-memory SQLite database (through modernc.org/sqlite, pure Go). Personal values are sealed
// by sealer (a [privacy.Keyring]) and identity numbers indexed by tokens' keyed tokens; both
// are required. Unless told otherwise ([WithoutMigrations]) Open migrates the schema, safely
// when several replicas start at once.
//
// Errors: [ErrBadDSN]; the database's own error when it cannot be reached (without the DSN's
// password); [ErrSchemaTooNew], [ErrSchemaTooOld].
func Open(ctx context.Context, dsn string, sealer privacy.Sealer, tokens *privacy.Tokenizer, opts ...Option) (*Store, error) {
	db, dialect, err := OpenDB(dsn)
	if err != nil {
		return nil, err
	}
	s, err := New(ctx, db, dialect, sealer, tokens, opts...)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	s.owned = true
	return s, nil
}

// OpenDB opens the database pool at dsn as [Open] does, for a caller that builds more on the
// same pool than the store — a job queue enqueueing in the store's transactions (package
// delivery) — and then passes it to [New]. Errors: [ErrBadDSN].
func OpenDB(dsn string) (*sql.DB, Dialect, error) {
	dialect, driver, source, err := parseDSN(dsn)
	if err != nil {
		return nil, "", err
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		return nil, "", fmt.Errorf("sqlstore: %w", err)
	}
	if dialect == SQLite {
		// SQLite has one writer at a time; one connection serialises the store's work instead of
		// failing it with SQLITE_BUSY, and keeps an in-memory database alive.
		db.SetMaxOpenConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	}
	return db, dialect, nil
}

// parseDSN turns a DSN into the dialect, the database/sql driver and its data source.
func parseDSN(dsn string) (Dialect, string, string, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := url.Parse(dsn); err != nil {
			return "", "", "", fmt.Errorf("%w (the postgres URL does not parse)", ErrBadDSN)
		}
		return PostgreSQL, "pgx", dsn, nil
	case dsn == "sqlite::memory:":
		// A named in-memory database, so that it is one database however the driver connects.
		var b [8]byte
		_, _ = rand.Read(b[:])
		return SQLite, "sqlite", "file:gridnotify-" + hex.EncodeToString(b[:]) + "?mode=memory&cache=shared&_txlock=immediate" + sqlitePragmas, nil
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return "", "", "", fmt.Errorf("%w (sqlite: needs a file path)", ErrBadDSN)
		}
		// An SQLite URI filename: the path percent-encoded where URI syntax would read it
		// otherwise.
		escaped := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
		return SQLite, "sqlite", "file:" + escaped + "?_txlock=immediate" + sqlitePragmas + "&_pragma=journal_mode(WAL)", nil
	}
	return "", "", "", ErrBadDSN
}

// sqlitePragmas are set on every SQLite connection: wait for a lock rather than fail, keep the
// foreign keys that remove a case's tokens with it, and cache 32 MiB of pages (SQLite's
// default is 2 MiB), so that a listing page of sealed documents, which spill over several
// pages each, is read from memory rather than from the file again at every request.
const sqlitePragmas = "&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=cache_size(-32768)"

// New returns a store over db, an open pool for dialect, for services that own their pool;
// Close leaves db open. See [Open] for the rest.
func New(ctx context.Context, db *sql.DB, dialect Dialect, sealer privacy.Sealer, tokens *privacy.Tokenizer, opts ...Option) (*Store, error) {
	if db == nil || sealer == nil || tokens == nil {
		return nil, errors.New("sqlstore: a database, a sealer and a tokenizer are required")
	}
	if dialect != PostgreSQL && dialect != SQLite {
		return nil, fmt.Errorf("sqlstore: unknown dialect %q", dialect)
	}
	o := options{migrate: true, maxFile: notification.DefaultMaxAttachmentSize}
	for _, opt := range opts {
		opt(&o)
	}
	codec, err := sealed.NewCodec(sealer, tokens)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, dialect: dialect, codec: codec, sealer: sealer, tokens: tokens, outbox: o.outbox, maxFile: o.maxFile}
	pingCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		return nil, fmt.Errorf("sqlstore: the database cannot be reached: %w", err)
	}
	if o.migrate {
		if err := s.Migrate(ctx); err != nil {
			return nil, err
		}
	}
	if err := s.checkSchema(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Close closes the database pool if Open opened it.
func (s *Store) Close() error {
	if s.owned {
		return s.db.Close()
	}
	return nil
}

// DB returns the store's database pool, for a job queue that runs on the same database.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns the database the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

//go:embed migrations
var migrations embed.FS

// provider returns the goose provider of the store's migrations; on PostgreSQL it holds an
// advisory lock while migrating, so replicas that start at once migrate one after the other.
func (s *Store) provider() (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations/"+string(s.dialect))
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	gd := goose.DialectSQLite3
	if s.dialect == PostgreSQL {
		gd = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(gd, s.db, fsys, append(opts, goose.WithTableName("gridnotify_schema"))...)
}

// Migrate applies the schema migrations the database lacks. Several replicas may call it at
// once on PostgreSQL. Errors: [ErrSchemaTooNew], the database's errors.
func (s *Store) Migrate(ctx context.Context) error {
	if err := s.checkNotNewer(ctx); err != nil {
		return err
	}
	p, err := s.provider()
	if err != nil {
		return fmt.Errorf("sqlstore: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlstore: migrating: %w", err)
	}
	return nil
}

// latestVersion is the newest migration the code has.
func (s *Store) latestVersion() (int64, error) {
	p, err := s.provider()
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, src := range p.ListSources() {
		latest = max(latest, src.Version)
	}
	return latest, nil
}

// dbVersion is the newest migration the database has, 0 for none.
func (s *Store) dbVersion(ctx context.Context) (int64, error) {
	var exists bool
	q := "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gridnotify_schema')"
	if s.dialect == PostgreSQL {
		q = "SELECT to_regclass('gridnotify_schema') IS NOT NULL"
	}
	if err := s.db.QueryRowContext(ctx, q).Scan(&exists); err != nil {
		return 0, fmt.Errorf("sqlstore: reading the schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT MAX(version_id) FROM gridnotify_schema WHERE is_applied").Scan(&v); err != nil {
		return 0, fmt.Errorf("sqlstore: reading the schema version: %w", err)
	}
	return v.Int64, nil
}

func (s *Store) checkNotNewer(ctx context.Context) error {
	latest, err := s.latestVersion()
	if err != nil {
		return err
	}
	have, err := s.dbVersion(ctx)
	if err != nil {
		return err
	}
	if have > latest {
		return fmt.Errorf("%w: it is at version %d, the code knows %d", ErrSchemaTooNew, have, latest)
	}
	return nil
}

func (s *Store) checkSchema(ctx context.Context) error {
	if err := s.checkNotNewer(ctx); err != nil {
		return err
	}
	latest, err := s.latestVersion()
	if err != nil {
		return err
	}
	have, err := s.dbVersion(ctx)
	if err != nil {
		return err
	}
	if have < latest {
		return fmt.Errorf("%w: it is at version %d, the code needs %d", ErrSchemaTooOld, have, latest)
	}
	return nil
}

// rebind turns the ? placeholders of a query into PostgreSQL's $1, $2, …. The store's queries
// are a fixed set (a listing's are one per combination of filters), so each is rewritten once.
func (s *Store) rebind(q string) string {
	if s.dialect != PostgreSQL {
		return q
	}
	if r, ok := s.rebound.Load(q); ok {
		return r.(string)
	}
	var b strings.Builder
	n := 0
	for i := range len(q) {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	s.rebound.Store(q, b.String())
	return b.String()
}
