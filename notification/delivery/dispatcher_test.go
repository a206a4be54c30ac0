package delivery_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/delivery"
	"github.com/gridnotify/gridnotify/privacy"
)

// within bounds every wait of the Dispatcher tests.
const within = 60 * time.Second

func TestCommittedStepDelivers(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		pool := db.open(t)
		d := newDispatcher(t, pool, webhookConfig(t, rc.url()), fast(db.dialect))
		start(t, d)
		evs := events(5)
		step(t, pool, d, "s-1", evs, true)
		rc.waitFor(within, "every event arriving", all(evs))
		for id, n := range rc.counts() {
			if n != 1 {
				t.Errorf("event %s arrived %d times, want once", id, n)
			}
		}
		if bad := rc.badRequests(); len(bad) > 0 {
			t.Errorf("requests failed verification: %q", bad)
		}
		waitUntil(t, "every job completed", func() bool {
			return count(t, pool, "SELECT count(*) FROM river_job WHERE state = 'completed'") == len(evs)
		})
	})
}

func TestRolledBackStepDeliversNothing(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		pool := db.open(t)
		d := newDispatcher(t, pool, webhookConfig(t, rc.url()), fast(db.dialect))
		start(t, d)
		rolledBack := events(3)
		step(t, pool, d, "s-1", rolledBack, false)
		if n := count(t, pool, "SELECT count(*) FROM river_job"); n != 0 {
			t.Fatalf("%d jobs after the rollback, want 0", n)
		}
		if n := count(t, pool, "SELECT count(*) FROM steps"); n != 0 {
			t.Fatalf("%d steps after the rollback, want 0", n)
		}
		// A committed step after it: once its event has arrived, a queued job of the rolled-back
		// step would have been worked too.
		sentinel := events(1)
		step(t, pool, d, "s-2", sentinel, true)
		rc.waitFor(within, "the committed step's event arriving", all(sentinel))
		for _, e := range rolledBack {
			if n := rc.counts()[e.ID]; n != 0 {
				t.Errorf("rolled-back event %s arrived %d times", e.ID, n)
			}
		}
		if n := count(t, pool, "SELECT count(*) FROM river_job"); n != 1 {
			t.Errorf("%d jobs, want the committed step's one", n)
		}
	})
}

// One step reaches every channel's subscriber, once per route; the grid company's route
// never carries the events of the case before it was sent.
func TestEveryChannel(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		srv := newSMTPServer(t, false)
		sms := &delivery.FakeSMS{}
		cfg := webhookConfig(t, rc.url())
		phone, _ := privacy.ParsePhone("070-174 06 99")
		cfg.CaseURL = "https://portal.example.se/arenden"
		cfg.Routes = append(cfg.Routes,
			delivery.Route{ID: "elfirma-mail", Events: notification.EventTypes(), Installer: "elfirma-ab", Audience: delivery.Installer, Channel: delivery.Email},
			delivery.Route{ID: "elfirma-sms", Events: []notification.EventType{notification.EventCreated, notification.EventSubmitted}, Audience: delivery.Installer, Channel: delivery.SMS, Language: delivery.Swedish},
		)
		cfg.Recipients = delivery.StaticDirectory{"elfirma-ab": {Email: []privacy.Email{mustEmail(t, "order@elfirma.example")}, SMS: []privacy.Phone{phone}}}
		opts := fast(db.dialect)
		opts.Email = &delivery.SMTPSubscriber{Addr: srv.addr, From: "noreply@portal.example.se", TLS: delivery.NoTLS}
		opts.SMS = &delivery.SMSSubscriber{Sender: sms}
		pool := db.open(t)
		d := newDispatcher(t, pool, cfg, opts)
		start(t, d)

		created := event(notification.EventCreated)
		created.Sent, created.From, created.To = false, notification.NotSent, notification.NotSent
		submitted := event(notification.EventSubmitted)
		step(t, pool, d, "s-1", []notification.Event{created, submitted}, true)
		if n := count(t, pool, "SELECT count(*) FROM river_job"); n != 5 {
			t.Fatalf("%d jobs, want 5: created by e-mail and SMS, submitted by all three", n)
		}
		rc.waitFor(within, "the submitted event arriving by webhook", all([]notification.Event{submitted}))
		waitUntil(t, "two e-mails and two texts", func() bool { return len(srv.messages()) == 2 && len(sms.Sent()) == 2 })
		waitUntil(t, "every job completed", func() bool {
			return count(t, pool, "SELECT count(*) FROM river_job WHERE state = 'completed'") == 5
		})
		if got := rc.counts(); got[created.ID] != 0 || len(got) != 1 {
			t.Errorf("webhook arrivals %v: the grid company learnt of the unsent case", got)
		}
		for _, m := range sms.Sent() {
			if len(m.To) != 1 || m.To[0] != "+46701740699" || !strings.Contains(m.Text, "https://portal.example.se/arenden/") || strings.Contains(m.Text, "The ") {
				t.Errorf("text %+v", m)
			}
		}
		for _, m := range srv.messages() {
			if len(m.To) != 1 || m.To[0] != "order@elfirma.example" {
				t.Errorf("e-mail to %v", m.To)
			}
		}
	})
}

func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %s did not happen", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFailingSubscriberRetriedUntilSuccess(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		ids := map[int]string{}
		var mu sync.Mutex
		rc.setAnswer(func(r *http.Request, e notification.Event, n int) int {
			mu.Lock()
			ids[n] = r.Header.Get("webhook-id")
			mu.Unlock()
			if n <= 3 {
				return []int{500, 503, 429}[n-1]
			}
			return 200
		})
		pool := db.open(t)
		d := newDispatcher(t, pool, webhookConfig(t, rc.url()), fast(db.dialect))
		start(t, d)
		evs := events(1)
		step(t, pool, d, "s-1", evs, true)
		rc.waitFor(within, "the fourth attempt", func(a map[string]int) bool { return a[evs[0].ID] == 4 })
		waitUntil(t, "the job completed", func() bool {
			return count(t, pool, "SELECT count(*) FROM river_job WHERE state = 'completed' AND attempt = 4") == 1
		})
		time.Sleep(100 * time.Millisecond) // a fifth attempt, if one were made, has time to arrive
		if n := rc.counts()[evs[0].ID]; n != 4 {
			t.Errorf("%d attempts arrived, want 4", n)
		}
		mu.Lock()
		defer mu.Unlock()
		for n, id := range ids {
			if id != evs[0].ID {
				t.Errorf("attempt %d carried webhook-id %q, want the event ID", n, id)
			}
		}
		if f, err := d.Failed(t.Context(), 0); err != nil || len(f) != 0 {
			t.Errorf("Failed = %v, %v; want none", f, err)
		}
	})
}

func TestPermanentFailureNotRetried(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		rc.setAnswer(func(*http.Request, notification.Event, int) int { return http.StatusGone })
		pool := db.open(t)
		d := newDispatcher(t, pool, webhookConfig(t, rc.url()), fast(db.dialect))
		start(t, d)
		evs := events(1)
		step(t, pool, d, "s-1", evs, true)
		var failed []delivery.Failure
		waitUntil(t, "the delivery given up", func() bool {
			var err error
			failed, err = d.Failed(t.Context(), 10)
			return err == nil && len(failed) == 1
		})
		f := failed[0]
		if f.State != "cancelled" || f.Attempts != 1 || f.EventID != evs[0].ID || f.Route != "oresund-hook" || f.CaseID != evs[0].CaseID || f.EventType != notification.EventSubmitted || f.At.IsZero() {
			t.Errorf("Failed = %+v", f)
		}
		if len(f.Errors) != 1 || !strings.Contains(f.Errors[0], "HTTP 410") || strings.Contains(f.Errors[0], "t0ps3cret") {
			t.Errorf("errors %q, want HTTP 410 without the URL's query", f.Errors)
		}
		time.Sleep(100 * time.Millisecond)
		if n := rc.counts()[evs[0].ID]; n != 1 {
			t.Errorf("%d attempts, want 1", n)
		}
	})
}

func TestDiscardedAfterLastAttemptAndRedelivered(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		var healthy atomic.Bool
		rc.setAnswer(func(*http.Request, notification.Event, int) int {
			if healthy.Load() {
				return 204
			}
			return 503
		})
		pool := db.open(t)
		opts := fast(db.dialect)
		opts.MaxAttempts = 3
		d := newDispatcher(t, pool, webhookConfig(t, rc.url()), opts)
		start(t, d)
		evs := events(1)
		step(t, pool, d, "s-1", evs, true)
		var failed []delivery.Failure
		waitUntil(t, "the delivery discarded", func() bool {
			var err error
			failed, err = d.Failed(t.Context(), 10)
			return err == nil && len(failed) == 1
		})
		if f := failed[0]; f.State != "discarded" || f.Attempts != 3 || len(f.Errors) != 3 || !strings.Contains(f.Errors[2], "HTTP 503") {
			t.Fatalf("Failed = %+v", f)
		}
		if n := rc.counts()[evs[0].ID]; n != 3 {
			t.Errorf("%d attempts arrived, want 3", n)
		}
		healthy.Store(true)
		if err := d.Redeliver(t.Context(), failed[0].JobID); err != nil {
			t.Fatal(err)
		}
		rc.waitFor(within, "the redelivery", func(a map[string]int) bool { return a[evs[0].ID] == 4 })
		waitUntil(t, "no failure left", func() bool {
			f, err := d.Failed(t.Context(), 10)
			return err == nil && len(f) == 0
		})
	})
}

// The process stops between the commit and the delivery: the next process delivers.
func TestEventNotLostWhenStoppedBeforeDelivery(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		cfg := webhookConfig(t, rc.url())
		first := db.open(t)
		a := newDispatcher(t, first, cfg, fast(db.dialect)) // never started: the process dies
		evs := events(10)
		step(t, first, a, "s-1", evs[:5], true)
		step(t, first, a, "s-2", evs[5:], true)
		if err := first.Close(); err != nil {
			t.Fatal(err)
		}
		second := db.open(t)
		b := newDispatcher(t, second, cfg, fast(db.dialect))
		start(t, b)
		rc.waitFor(within, "every event arriving", all(evs))
		time.Sleep(100 * time.Millisecond)
		for _, e := range evs {
			if n := rc.counts()[e.ID]; n != 1 {
				t.Errorf("event %s arrived %d times, want once", e.ID, n)
			}
		}
	})
}

// A Dispatcher is stopped while deliveries are in flight: they go back to the queue, and
// another Dispatcher on a new pool delivers every event. Only the events whose delivery
// reached the receiver before the stop arrive twice.
func TestEventNotLostWhenStoppedMidRun(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		var mu sync.Mutex
		interrupted := map[string]bool{}
		var stopping atomic.Bool
		stopping.Store(true)
		rc.setAnswer(func(r *http.Request, e notification.Event, _ int) int {
			if !stopping.Load() {
				return 204
			}
			mu.Lock()
			interrupted[e.ID] = true
			mu.Unlock()
			<-r.Context().Done() // the receiver has it, but the sender stops before the answer
			return 204
		})
		cfg := webhookConfig(t, rc.url())
		first := db.open(t)
		a := newDispatcher(t, first, cfg, fast(db.dialect))
		evs := events(12)
		step(t, first, a, "s-1", evs, true)
		if err := a.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
		rc.waitFor(within, "deliveries in flight", func(arrived map[string]int) bool { return len(arrived) >= 2 })
		begin := time.Now()
		stop(t, a, 300*time.Millisecond)
		if took := time.Since(begin); took > 5*time.Second {
			t.Errorf("Stop took %v", took)
		}
		stopping.Store(false)
		if n := count(t, first, "SELECT count(*) FROM river_job WHERE state = 'running'"); n != 0 {
			t.Errorf("%d jobs still running after Stop", n)
		}

		second := db.open(t)
		b := newDispatcher(t, second, cfg, fast(db.dialect))
		start(t, b)
		rc.waitFor(within, "every event arriving", all(evs))
		waitUntil(t, "every job completed", func() bool {
			return count(t, second, "SELECT count(*) FROM river_job WHERE state = 'completed'") == len(evs)
		})
		mu.Lock()
		defer mu.Unlock()
		if len(interrupted) == 0 {
			t.Fatal("no delivery was in flight when the Dispatcher stopped")
		}
		for _, e := range evs {
			want := 1
			if interrupted[e.ID] {
				want = 2
			}
			if n := rc.counts()[e.ID]; n != want {
				t.Errorf("event %s arrived %d times, want %d (interrupted: %v)", e.ID, n, want, interrupted[e.ID])
			}
		}
	})
}

// Several replicas — separate pools and Dispatchers on one database — share the work: every
// event arrives, and more than once only where an attempt failed after the receiver had it.
func TestReplicasDeliverEachEventOncePerSuccessfulAttempt(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		const replicas, steps, perStep = 3, 15, 10
		rc := newReceiver(t)
		var mu sync.Mutex
		failedAfter := map[string]int{}
		var failedBefore atomic.Int64
		rng := rand.New(rand.NewPCG(1, 2))
		var rngMu sync.Mutex
		roll := func() float64 {
			rngMu.Lock()
			defer rngMu.Unlock()
			return rng.Float64()
		}
		rc.setAnswer(func(_ *http.Request, e notification.Event, _ int) int {
			if roll() < 0.15 { // the receiver got it, but the answer is a failure: sent again
				mu.Lock()
				failedAfter[e.ID]++
				mu.Unlock()
				return 500
			}
			return 204
		})
		cfg := webhookConfig(t, rc.url())
		var worked [replicas]atomic.Int64
		var pools []*sql.DB
		var ds []*delivery.Dispatcher
		for i := range replicas {
			pool := db.open(t)
			opts := fast(db.dialect)
			webhook := &delivery.WebhookSubscriber{}
			opts.Webhook = delivery.SubscriberFunc(func(ctx context.Context, d delivery.Delivery) error {
				worked[i].Add(1)
				if roll() < 0.1 { // fails before anything is sent
					failedBefore.Add(1)
					return errors.New("not sent")
				}
				return webhook.Deliver(ctx, d)
			})
			d := newDispatcher(t, pool, cfg, opts)
			start(t, d)
			pools, ds = append(pools, pool), append(ds, d)
		}
		var evs []notification.Event
		var wg sync.WaitGroup
		var evMu sync.Mutex
		for s := range steps {
			batch := events(perStep)
			evMu.Lock()
			evs = append(evs, batch...)
			evMu.Unlock()
			wg.Go(func() { step(t, pools[s%replicas], ds[s%replicas], fmt.Sprint("s-", s), batch, true) })
		}
		wg.Wait()
		rc.waitFor(within, "every event arriving", all(evs))
		waitUntil(t, "every job completed", func() bool {
			return count(t, pools[0], "SELECT count(*) FROM river_job WHERE state = 'completed'") == len(evs)
		})
		mu.Lock()
		defer mu.Unlock()
		arrived := rc.counts()
		extra := 0
		for _, e := range evs {
			if want := 1 + failedAfter[e.ID]; arrived[e.ID] != want {
				t.Errorf("event %s arrived %d times, want %d (%d failed after sending)", e.ID, arrived[e.ID], want, failedAfter[e.ID])
			}
			extra += failedAfter[e.ID]
		}
		if len(arrived) != len(evs) {
			t.Errorf("%d event IDs arrived, want %d", len(arrived), len(evs))
		}
		if bad := rc.badRequests(); len(bad) > 0 {
			t.Errorf("requests failed verification: %q", bad)
		}
		if extra == 0 || failedBefore.Load() == 0 {
			t.Errorf("the test injected %d failures after and %d before sending; want some of each", extra, failedBefore.Load())
		}
		t.Logf("%d events, %d replicas worked %d, %d, %d attempts; %d failed before sending, %d after", len(evs), replicas, worked[0].Load(), worked[1].Load(), worked[2].Load(), failedBefore.Load(), extra)
	})
}

func TestEnqueueTx(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		pool := db.open(t)
		d := newDispatcher(t, pool, webhookConfig(t, rc.url()), fast(db.dialect))

		t.Run("the same event twice is queued once", func(t *testing.T) {
			e := event(notification.EventSubmitted)
			step(t, pool, d, "twice-1", []notification.Event{e}, true)
			step(t, pool, d, "twice-2", []notification.Event{e, e}, true)
			if n := count(t, pool, "SELECT count(*) FROM river_job"); n != 1 {
				t.Errorf("%d jobs, want 1", n)
			}
		})
		t.Run("an event no route carries queues nothing", func(t *testing.T) {
			e := event(notification.EventSubmitted)
			e.GridCompany = "ellevio"
			step(t, pool, d, "none", []notification.Event{e}, true)
			if n := count(t, pool, "SELECT count(*) FROM river_job"); n != 1 {
				t.Errorf("%d jobs, want still 1", n)
			}
		})
		t.Run("bad input", func(t *testing.T) {
			ctx := t.Context()
			if err := d.EnqueueTx(ctx, nil, events(1)); err == nil {
				t.Error("EnqueueTx without a transaction succeeded")
			}
			tx, err := pool.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = tx.Rollback() }()
			bad := event(notification.EventSubmitted)
			bad.Type = "sent"
			if err := d.EnqueueTx(ctx, tx, append(events(1), bad)); err == nil || !strings.Contains(err.Error(), "events[1]") {
				t.Errorf("EnqueueTx with an unknown type = %v", err)
			}
			noID := event(notification.EventSubmitted)
			noID.ID = ""
			if err := d.EnqueueTx(ctx, tx, []notification.Event{noID}); err == nil {
				t.Error("EnqueueTx of an event without ID succeeded")
			}
			if err := d.EnqueueTx(ctx, tx, nil); err != nil {
				t.Errorf("EnqueueTx of nothing = %v", err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if n := count(t, pool, "SELECT count(*) FROM river_job"); n != 1 {
				t.Errorf("%d jobs, want still 1: a failed call queues nothing", n)
			}
		})
	})
}

// A job whose route was removed from the configuration, or whose organisation has no
// recipients, is given up at once and listed; a failing Directory is retried.
func TestDeliveryTimeChecks(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		pool := db.open(t)
		old := webhookConfig(t, rc.url())
		old.CaseURL = "https://portal.example.se/arenden"
		old.Routes = append(old.Routes,
			delivery.Route{ID: "sms", Events: []notification.EventType{notification.EventApproved}, Audience: delivery.Installer, Channel: delivery.SMS},
			delivery.Route{ID: "sms-nobody", Events: []notification.EventType{notification.EventApproved}, Audience: delivery.GridCompany, Channel: delivery.SMS})
		sms := &delivery.FakeSMS{}
		var lookups atomic.Int64
		opts := fast(db.dialect)
		opts.SMS = &delivery.SMSSubscriber{Sender: sms}
		opts.Directory = delivery.DirectoryFunc(func(_ context.Context, org string, ch delivery.Channel) ([]string, error) {
			if org == "oresundskraft" {
				return nil, nil
			}
			if lookups.Add(1) <= 2 {
				return nil, errors.New("directory unavailable")
			}
			return []string{"+46701740699"}, nil
		})
		a := newDispatcher(t, pool, old, opts)
		e := event(notification.EventApproved)
		step(t, pool, a, "s-1", []notification.Event{e}, true)

		current := *old
		current.Routes = old.Routes[1:] // the webhook route is gone
		b := newDispatcher(t, db.open(t), &current, opts)
		start(t, b)
		waitUntil(t, "the text sent", func() bool { return len(sms.Sent()) == 1 })
		var failed []delivery.Failure
		waitUntil(t, "two deliveries given up", func() bool {
			var err error
			failed, err = b.Failed(t.Context(), 10)
			return err == nil && len(failed) == 2
		})
		reasons := map[string]string{}
		for _, f := range failed {
			if f.State != "cancelled" || f.Attempts != 1 || len(f.Errors) != 1 {
				t.Errorf("failure %+v", f)
			}
			reasons[f.Route] = strings.Join(f.Errors, "; ")
		}
		if !strings.Contains(reasons["oresund-hook"], "no longer configured") || !strings.Contains(reasons["sms-nobody"], "organisation oresundskraft has no sms recipients") {
			t.Errorf("reasons %q", reasons)
		}
		if n := lookups.Load(); n != 3 {
			t.Errorf("%d directory lookups for the installer, want 3 (two failures, retried)", n)
		}
		if rc.requestCount() != 0 {
			t.Error("the removed route delivered")
		}
	})
}

func TestNewDispatcherErrors(t *testing.T) {
	pool := sqliteOpen(t, t.TempDir()+"/x.db")
	mail := &delivery.Config{CaseURL: "https://p.example/c", Routes: []delivery.Route{{ID: "m", Events: []notification.EventType{notification.EventApproved}, Audience: delivery.Installer, Channel: delivery.Email}}}
	for _, tc := range []struct {
		name string
		db   *sql.DB
		cfg  *delivery.Config
		opts delivery.Options
		want string
	}{
		{"no database", nil, mail, delivery.Options{Dialect: delivery.SQLite}, "needs a database"},
		{"no configuration", pool, nil, delivery.Options{Dialect: delivery.SQLite}, "needs a configuration"},
		{"invalid configuration", pool, &delivery.Config{Routes: []delivery.Route{{ID: "x"}}}, delivery.Options{Dialect: delivery.SQLite}, "invalid configuration"},
		{"no dialect", pool, mail, delivery.Options{Email: &delivery.SMTPSubscriber{}}, "unknown dialect"},
		{"no e-mail subscriber", pool, mail, delivery.Options{Dialect: delivery.SQLite}, "route m sends email, but Options.Email is nil"},
		{"rescue before timeout", pool, mail, delivery.Options{Dialect: delivery.SQLite, Email: &delivery.SMTPSubscriber{}, AttemptTimeout: time.Minute, RescueAfter: time.Second}, "RescueAfter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := delivery.NewDispatcher(tc.db, tc.cfg, tc.opts); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("NewDispatcher = %v, want %q", err, tc.want)
			}
		})
	}
	if err := delivery.Migrate(t.Context(), pool, "mysql"); err == nil {
		t.Error("Migrate with an unknown dialect succeeded")
	}
}

// The Dispatcher keeps its own copy of the configuration.
func TestDispatcherCopiesConfig(t *testing.T) {
	db := sqliteDatabase(t)
	rc := newReceiver(t)
	cfg := webhookConfig(t, rc.url())
	pool := db.open(t)
	d := newDispatcher(t, pool, cfg, fast(db.dialect))
	cfg.Routes[0].Events = []notification.EventType{notification.EventClosed}
	cfg.Routes[0].Webhook.URL = "https://elsewhere.example/"
	start(t, d)
	evs := events(1)
	step(t, pool, d, "s-1", evs, true)
	rc.waitFor(within, "the event arriving at the original URL", all(evs))
}
