package delivery

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/gridnotify/gridnotify/notification"
)

// Dialect is the SQL database a [Dispatcher] runs on: the store's own.
type Dialect string

// The dialects.
const (
	// PostgreSQL through database/sql (for instance github.com/jackc/pgx/v5/stdlib). Without
	// LISTEN/NOTIFY over database/sql, workers poll every [Options.PollInterval].
	PostgreSQL Dialect = "postgres"
	// SQLite through database/sql (for instance modernc.org/sqlite). SQLite allows one writer
	// at a time: give the pool db.SetMaxOpenConns(1), as River's SQLite driver advises, and a
	// busy timeout when more than one process opens the file.
	SQLite Dialect = "sqlite"
)

// JobKind is the kind of River job a delivery is.
const JobKind = "gridnotify_delivery"

// DefaultQueue is the River queue deliveries use unless [Options.Queue] names another.
const DefaultQueue = "gridnotify_delivery"

// Options configure a [Dispatcher]. Only Dialect is required, and the subscribers of the channels
// the configuration's routes use.
type Options struct {
	// Dialect is the database's: PostgreSQL or SQLite.
	Dialect Dialect
	// Directory gives the recipients of e-mail and SMS; nil means the configuration's
	// Recipients.
	Directory Directory
	// Email, Webhook and SMS deliver their channels. Webhook nil means a [WebhookSubscriber]
	// with its defaults; Email and SMS are required when a route uses them ([SMTPSubscriber],
	// [SMSSubscriber]).
	Email, Webhook, SMS Subscriber
	// Workers is how many deliveries this Dispatcher runs at once; 0 means 4.
	Workers int
	// MaxAttempts is how many times a delivery is tried before it is discarded (the dead
	// letter); 0 means 25, which with the default backoff spans about three weeks.
	MaxAttempts int
	// Backoff is the wait before attempt n+1 after attempt n failed; nil means River's
	// default, n⁴ seconds with jitter.
	Backoff func(attempt int) time.Duration
	// AttemptTimeout bounds one attempt; 0 means one minute.
	AttemptTimeout time.Duration
	// PollInterval is how often an idle worker looks for new deliveries; 0 means one second.
	PollInterval time.Duration
	// FetchCooldown is the least time between two fetches of deliveries; 0 means 100 ms, or
	// PollInterval if that is shorter. It bounds throughput: each fetch takes at most Workers
	// deliveries. It may not exceed PollInterval.
	FetchCooldown time.Duration
	// RescueAfter is how long a delivery may stay running before it is taken to be lost with
	// its process and tried again; 0 means one hour. It must exceed AttemptTimeout.
	RescueAfter time.Duration
	// Queue is the River queue of the deliveries; empty means DefaultQueue.
	Queue string
	// Logger receives River's log; nil means slog.Default(). Deliveries' errors are logged
	// with the route and event IDs only.
	Logger *slog.Logger
}

// Dispatcher delivers events through River on the store's own database: [Dispatcher.EnqueueTx]
// adds one job per (event, matching route) in the caller's transaction, and the workers
// ([Dispatcher.Start]) deliver them through the subscribers, with River's retries, backoff and
// final discarded state. Several Dispatchers on one database (replicas) share the work; each
// job is worked by one of them at a time.
//
// A Dispatcher is safe for concurrent use.
type Dispatcher struct {
	db      *sql.DB
	dialect Dialect
	driver  riverdriver.Driver[*sql.Tx]
	client  *river.Client[*sql.Tx]
	cfg     *Config
	dir     Directory
	subs    map[Channel]Subscriber
	queue   string
	backoff func(int) time.Duration
	timeout time.Duration
	logger  *slog.Logger
}

// jobArgs are a delivery job's arguments: the event and the route's ID, no personal data. The
// event ID and the route ID are its unique key, so the same event is queued once per route
// however often it is enqueued while the job is kept.
type jobArgs struct {
	EventID string   `json:"eventId" river:"unique"`
	Route   string   `json:"route" river:"unique"`
	Event   jobEvent `json:"event"`
}

// Kind implements river.JobArgs.
func (jobArgs) Kind() string { return JobKind }

type worker struct {
	river.WorkerDefaults[jobArgs]
	d *Dispatcher
}

func (w *worker) Work(ctx context.Context, job *river.Job[jobArgs]) error {
	return w.d.work(ctx, job.Args, job.Attempt)
}

func (w *worker) NextRetry(job *river.Job[jobArgs]) time.Time {
	if w.d.backoff == nil {
		return time.Time{} // the client's policy: River's default
	}
	return time.Now().Add(max(w.d.backoff(job.Attempt), time.Millisecond))
}

func (w *worker) Timeout(*river.Job[jobArgs]) time.Duration { return w.d.timeout }

// NewDispatcher returns a Dispatcher over db for the configuration cfg, which it validates
// ([Config.Validate]) and copies. It does not touch the database: River's tables must exist
// ([Dispatcher.Migrate] or [Migrate]) before the first EnqueueTx or Start.
func NewDispatcher(db *sql.DB, cfg *Config, opts Options) (*Dispatcher, error) {
	if db == nil {
		return nil, errors.New("delivery: NewDispatcher needs a database")
	}
	if cfg == nil {
		return nil, errors.New("delivery: NewDispatcher needs a configuration")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	driver, err := newDriver(db, opts.Dialect)
	if err != nil {
		return nil, err
	}
	d := &Dispatcher{
		db: db, dialect: opts.Dialect, driver: driver, cfg: cfg.clone(),
		queue: opts.Queue, backoff: opts.Backoff, timeout: opts.AttemptTimeout, logger: opts.Logger,
		subs: map[Channel]Subscriber{Email: opts.Email, Webhook: opts.Webhook, SMS: opts.SMS},
		dir:  opts.Directory,
	}
	if d.queue == "" {
		d.queue = DefaultQueue
	}
	if d.timeout <= 0 {
		d.timeout = time.Minute
	}
	if d.logger == nil {
		d.logger = slog.Default()
	}
	if d.subs[Webhook] == nil {
		d.subs[Webhook] = &WebhookSubscriber{}
	}
	if d.dir == nil {
		d.dir = d.cfg.Recipients
	}
	for _, r := range d.cfg.Routes {
		if d.subs[r.Channel] == nil {
			return nil, fmt.Errorf("delivery: route %s sends %s, but Options.%s is nil", r.ID, r.Channel, map[Channel]string{Email: "Email", SMS: "SMS"}[r.Channel])
		}
	}
	if opts.RescueAfter > 0 && opts.RescueAfter <= d.timeout {
		return nil, fmt.Errorf("delivery: Options.RescueAfter (%v) must exceed AttemptTimeout (%v)", opts.RescueAfter, d.timeout)
	}
	cooldown := opts.FetchCooldown
	if cooldown <= 0 && opts.PollInterval > 0 {
		cooldown = min(opts.PollInterval, river.FetchCooldownDefault)
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &worker{d: d}); err != nil {
		return nil, fmt.Errorf("delivery: %w", err)
	}
	d.client, err = river.NewClient(driver, &river.Config{
		Queues:               map[string]river.QueueConfig{d.queue: {MaxWorkers: cmpOr(opts.Workers, 4)}},
		Workers:              workers,
		MaxAttempts:          cmpOr(opts.MaxAttempts, 25),
		JobTimeout:           d.timeout,
		FetchPollInterval:    opts.PollInterval,
		FetchCooldown:        cooldown,
		RescueStuckJobsAfter: opts.RescueAfter,
		Logger:               d.logger,
	})
	if err != nil {
		return nil, fmt.Errorf("delivery: %w", err)
	}
	return d, nil
}

func cmpOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

func newDriver(db *sql.DB, dialect Dialect) (riverdriver.Driver[*sql.Tx], error) {
	switch dialect {
	case PostgreSQL:
		return riverdatabasesql.New(db), nil
	case SQLite:
		return riversqlite.New(db), nil
	}
	return nil, fmt.Errorf("delivery: unknown dialect %q (want %q or %q)", dialect, PostgreSQL, SQLite)
}

// Migrate brings River's tables in db up to date (rivermigrate): the job table and the others
// River needs. It is idempotent. Run it once before the Dispatchers start — at deployment, or
// from the store's own migrations — not from several replicas at the same moment.
func Migrate(ctx context.Context, db *sql.DB, dialect Dialect) error {
	driver, err := newDriver(db, dialect)
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("delivery: migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("delivery: migrations: %w", err)
	}
	return nil
}

// Migrate runs [Migrate] on the Dispatcher's database.
func (d *Dispatcher) Migrate(ctx context.Context) error { return Migrate(ctx, d.db, d.dialect) }

// EnqueueTx queues the deliveries of events inside the caller's transaction tx: one River job
// per event and route that carries it ([Config.Match]). It is meant to be called by a store in
// the transaction that writes the case and its events, so that the deliveries exist exactly
// when the change does: a rolled-back transaction queues nothing, a committed one queues
// every delivery, whatever happens to the process afterwards.
//
// An event already queued for a route (same event ID, job still kept) is not queued again.
// Events no route carries queue nothing. An event without an ID or with an unknown type is an
// error, and nothing of the call is queued.
func (d *Dispatcher) EnqueueTx(ctx context.Context, tx *sql.Tx, events []notification.Event) error {
	if tx == nil {
		return errors.New("delivery: EnqueueTx needs the caller's transaction")
	}
	var params []river.InsertManyParams
	type key struct{ event, route string }
	seen := map[key]bool{}
	for i, e := range events {
		if e.ID == "" || !e.Type.Valid() {
			return fmt.Errorf("delivery: events[%d] has no ID or an unknown type", i)
		}
		for _, r := range d.cfg.Match(e) {
			if seen[key{e.ID, r.ID}] {
				continue // River refuses a unique key twice in one batch
			}
			seen[key{e.ID, r.ID}] = true
			params = append(params, river.InsertManyParams{
				Args: jobArgs{EventID: e.ID, Route: r.ID, Event: jobEvent(e)},
				InsertOpts: &river.InsertOpts{
					Queue:      d.queue,
					Tags:       []string{string(e.Type)},
					UniqueOpts: river.UniqueOpts{ByArgs: true},
				},
			})
		}
	}
	if len(params) == 0 {
		return nil
	}
	if _, err := d.client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("delivery: enqueueing %d deliveries: %w", len(params), err)
	}
	return nil
}

// Start starts the workers: they deliver what is queued, including what earlier processes
// queued and did not deliver. Cancelling ctx stops them as abruptly as a Stop whose context
// has expired.
func (d *Dispatcher) Start(ctx context.Context) error {
	if err := d.client.Start(ctx); err != nil {
		return fmt.Errorf("delivery: starting the workers: %w", err)
	}
	return nil
}

// Stop stops the workers: no new delivery starts, and the running ones may finish until ctx
// is done; then they are cancelled, and their jobs go back to the queue, to be delivered by
// another Dispatcher or the next start (the attempt is not counted). It returns when every
// worker has returned, or with an error if that takes more than ten seconds past ctx.
func (d *Dispatcher) Stop(ctx context.Context) error {
	err := d.client.Stop(ctx)
	if err == nil || ctx.Err() == nil {
		return err
	}
	hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := d.client.StopAndCancel(hard); err != nil {
		return fmt.Errorf("delivery: stopping the workers: %w", err)
	}
	return nil
}

// work runs one attempt of one delivery.
func (d *Dispatcher) work(ctx context.Context, a jobArgs, attempt int) error {
	e := notification.Event(a.Event)
	r := d.cfg.Route(a.Route)
	if r == nil {
		return river.JobCancel(fmt.Errorf("delivery: route %s is no longer configured", a.Route))
	}
	if !r.Carries(e) {
		return river.JobCancel(fmt.Errorf("delivery: route %s no longer carries event %s", r.ID, a.EventID))
	}
	del := Delivery{Event: e, Route: *r, Attempt: attempt}
	if r.Channel != Webhook {
		del.CaseURL = caseLink(d.cfg.CaseURL, e.CaseID)
		org := r.Organisation(e)
		to, err := d.dir.Addresses(ctx, org, r.Channel)
		if err != nil {
			return fmt.Errorf("delivery: route %s: the directory: %w", r.ID, err)
		}
		if len(to) == 0 {
			return river.JobCancel(fmt.Errorf("delivery: route %s: organisation %s has no %s recipients", r.ID, org, r.Channel))
		}
		del.To = to
	}
	err := d.subs[r.Channel].Deliver(ctx, del)
	if IsPermanent(err) {
		return river.JobCancel(err)
	}
	return err
}

// Failure is a delivery that gave up: its job is discarded (every attempt failed) or cancelled
// (a permanent failure, or a route no longer configured).
type Failure struct {
	JobID     int64                  // River's job ID, for Redeliver
	EventID   string                 // the event
	EventType notification.EventType // its type
	CaseID    notification.ID        // its case
	Route     string                 // the route
	State     string                 // "discarded" or "cancelled"
	Attempts  int                    // attempts made
	Errors    []string               // each attempt's error, oldest first
	At        time.Time              // when it gave up
}

// Failed returns up to limit (at most 1000; 0 means 100) failed deliveries, the most recent
// first: the dead letters, kept as long as River keeps discarded and cancelled jobs (a week
// and a day by default).
func (d *Dispatcher) Failed(ctx context.Context, limit int) ([]Failure, error) {
	if limit <= 0 {
		limit = 100
	}
	params := river.NewJobListParams().Kinds(JobKind).Queues(d.queue).
		States(rivertype.JobStateDiscarded, rivertype.JobStateCancelled).
		OrderBy(river.JobListOrderByFinalizedAt, river.SortOrderDesc).First(min(limit, 1000))
	res, err := d.client.JobList(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("delivery: listing failed deliveries: %w", err)
	}
	out := make([]Failure, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		var a jobArgs
		if err := json.Unmarshal(j.EncodedArgs, &a); err != nil {
			return nil, fmt.Errorf("delivery: job %d: %w", j.ID, err)
		}
		f := Failure{
			JobID: j.ID, EventID: a.EventID, EventType: a.Event.Type, CaseID: a.Event.CaseID, Route: a.Route,
			State: string(j.State), Attempts: j.Attempt,
		}
		for _, e := range j.Errors {
			f.Errors = append(f.Errors, e.Error)
		}
		if j.FinalizedAt != nil {
			f.At = *j.FinalizedAt
		}
		out = append(out, f)
	}
	return out, nil
}

// Redeliver queues a failed delivery ([Failure.JobID]) again, with its attempts reset.
func (d *Dispatcher) Redeliver(ctx context.Context, jobID int64) error {
	if _, err := d.client.JobRetry(ctx, jobID); err != nil {
		return fmt.Errorf("delivery: redelivering job %d: %w", jobID, err)
	}
	return nil
}

// clone copies the configuration so that the caller's later changes do not reach a running
// Dispatcher.
func (c *Config) clone() *Config {
	out := *c
	out.Routes = slices.Clone(c.Routes)
	for i := range out.Routes {
		r := &out.Routes[i]
		r.Events = slices.Clone(r.Events)
		if r.Webhook != nil {
			w := *r.Webhook
			r.Webhook = &w
		}
	}
	if c.Recipients != nil {
		out.Recipients = make(StaticDirectory, len(c.Recipients))
		for org, r := range c.Recipients {
			out.Recipients[org] = Recipients{Email: slices.Clone(r.Email), SMS: slices.Clone(r.SMS)}
		}
	}
	return &out
}
