package delivery_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/delivery"
)

// The environment of the child process of TestEventNotLostWhenProcessDies.
const (
	envChild   = "GRIDNOTIFY_DELIVERY_CHILD" // the dialect
	envDSN     = "GRIDNOTIFY_DELIVERY_CHILD_DSN"
	envHookURL = "GRIDNOTIFY_DELIVERY_CHILD_HOOK"
)

func TestMain(m *testing.M) {
	if dialect := os.Getenv(envChild); dialect != "" {
		os.Exit(child(delivery.Dialect(dialect), os.Getenv(envDSN), os.Getenv(envHookURL)))
	}
	os.Exit(m.Run())
}

// child is a process with a Dispatcher that works until it is killed (or a minute passes).
func child(dialect delivery.Dialect, dsn, hook string) int {
	var (
		pool *sql.DB
		err  error
	)
	if dialect == delivery.SQLite {
		pool, err = sqlitePool(dsn)
	} else {
		pool, err = postgresOpen(dsn)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	opts := fast(dialect)
	opts.Workers = 2
	opts.AttemptTimeout = time.Minute
	cfg, err := newWebhookConfig(hook)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	d, err := delivery.NewDispatcher(pool, cfg, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	if err := d.Start(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	select {
	case <-ctx.Done():
	case <-time.After(time.Minute):
	}
	return 0
}

// The process dies (SIGKILL) with deliveries running: their jobs stay "running" in the
// database until another Dispatcher's River rescues them, and every event arrives.
func TestEventNotLostWhenProcessDies(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		var dead atomic.Bool
		var mu sync.Mutex
		inFlight := map[string]bool{}
		rc.setAnswer(func(r *http.Request, e notification.Event, _ int) int {
			if dead.Load() {
				return 204
			}
			mu.Lock()
			inFlight[e.ID] = true
			mu.Unlock()
			<-r.Context().Done() // the child dies before it gets an answer
			return 204
		})
		cfg := webhookConfig(t, rc.url())
		pool := db.open(t)
		enq := newDispatcher(t, pool, cfg, fast(db.dialect))
		evs := events(6)
		step(t, pool, enq, "s-1", evs, true)

		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envChild+"="+string(db.dialect), envDSN+"="+db.dsn, envHookURL+"="+rc.url())
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		rc.waitFor(within, "the child's deliveries in flight", func(a map[string]int) bool { return len(a) == 2 })
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			t.Fatal("the child did not die")
		}
		dead.Store(true)
		if n := count(t, pool, "SELECT count(*) FROM river_job WHERE state = 'running'"); n != 2 {
			t.Fatalf("%d jobs running after the crash, want the child's 2", n)
		}

		opts := fast(db.dialect)
		opts.AttemptTimeout = time.Second
		opts.RescueAfter = 2 * time.Second
		d := newDispatcher(t, db.open(t), cfg, opts)
		start(t, d)
		// The rescue waits for the dead leader's term to lapse (River: 15 s) and the scheduler.
		rc.waitFor(within, "every event arriving", all(evs))
		waitUntil(t, "every job completed", func() bool {
			return count(t, pool, "SELECT count(*) FROM river_job WHERE state = 'completed'") == len(evs)
		})
		mu.Lock()
		defer mu.Unlock()
		for _, e := range evs {
			want := 1
			if inFlight[e.ID] {
				want = 2
			}
			if n := rc.counts()[e.ID]; n != want {
				t.Errorf("event %s arrived %d times, want %d", e.ID, n, want)
			}
		}
	})
}
