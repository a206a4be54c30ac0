package sqlstore_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/internal/pgtest"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
)

// TestAWriteThatDiesHalfWayChangesNothing breaks a write after each of its statements — by
// canceling its context, or, on PostgreSQL, by terminating its connection — and checks that the
// stored case, its token rows and its events are exactly as before.
func TestAWriteThatDiesHalfWayChangesNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		t.Parallel()
		d := dsn(t)
		store := open(t, d)
		svc := service(t, store)
		c := fullCase(t, svc) // submitted, so the grid company may note
		ctx := privacy.WithActor(context.Background(), installer)
		before, err := store.Get(ctx, c.ID())
		require.NoError(t, err)
		eventsBefore := settledEvents(t, store, notification.EventQuery{CaseID: c.ID(), Limit: 1000})
		pn, err := privacy.ParsePersonalIdentityNumber("880320-0016")
		require.NoError(t, err)

		// The statements of an update: the case, its tokens (delete, insert), its event.
		for n := 1; n <= 4; n++ {
			for _, how := range []string{"cancel", "terminate"} {
				if how == "terminate" && store.Dialect() != sqlstore.PostgreSQL {
					continue
				}
				wctx, cancel := context.WithCancel(ctx)
				count := 0
				sqlstore.SetHook(store, func(ctx context.Context, stmt string) error {
					count++
					if count != n {
						return nil
					}
					if how == "cancel" {
						cancel()
						return nil
					}
					return terminateOwnBackend(ctx, store)
				})
				_, err := svc.AddNote(wctx, c.ID(), notification.AnyVersion, "En notering som inte kommer fram.")
				cancel()
				sqlstore.SetHook(store, nil)
				require.Error(t, err, "statement %d, %s", n, how)
				after, err := store.Get(ctx, c.ID())
				require.NoError(t, err)
				require.Empty(t, notificationtestDiff(before.Snapshot(), after.Snapshot()), "statement %d, %s: the case changed", n, how)
				events := settledEvents(t, store, notification.EventQuery{CaseID: c.ID(), Limit: 1000})
				require.Len(t, events, len(eventsBefore), "statement %d, %s: an event was stored", n, how)
				ids, err := store.FindPerson(ctx, pn)
				require.NoError(t, err)
				require.Equal(t, []notification.ID{c.ID()}, ids, "statement %d, %s: the token rows changed", n, how)
			}
		}
		// And the store still works.
		_, err = svc.AddNote(ctx, c.ID(), notification.AnyVersion, "Nu kommer den fram.")
		require.NoError(t, err)
	})
}

// terminateOwnBackend ends the PostgreSQL connection that runs the write, from another
// connection, as a failing network or a restarted server would.
func terminateOwnBackend(ctx context.Context, s *sqlstore.Store) error {
	// The write's connection is the one inside a transaction with the store's statement.
	_, err := s.DB().ExecContext(context.Background(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'`)
	if err != nil {
		return err
	}
	// Wait until the write's connection notices, so that the next statement fails on it.
	time.Sleep(50 * time.Millisecond)
	_ = ctx
	return nil
}

// notificationtestDiff compares snapshots with the conformance suite's options.
func notificationtestDiff(a, b notification.Snapshot) string {
	return cmpDiff(a, b, notificationtest.CmpOptions())
}

// TestReplicasOnOneDatabase: several stores with pools of their own (as separate processes
// would have) and services on one PostgreSQL, many goroutines adding notes to the same cases
// from the same versions: for each version exactly one writer wins and the others get
// ErrConflict, and when they retry no note is lost.
func TestReplicasOnOneDatabase(t *testing.T) {
	t.Parallel()
	dsn := pgtest.NewDatabase(t)
	const replicas, writers, rounds = 3, 4, 5
	var svcs []*notification.Service
	var stores []*sqlstore.Store
	for range replicas {
		s := open(t, dsn)
		stores = append(stores, s)
		svcs = append(svcs, service(t, s))
	}
	c := fullCase(t, svcs[0])
	ctx := privacy.WithActor(context.Background(), installer)
	var mu sync.Mutex
	conflicts, added := 0, 0
	var wg sync.WaitGroup
	start := make(chan struct{})
	for r := range replicas {
		for w := range writers {
			wg.Go(func() {
				<-start
				for i := range rounds {
					for attempt := 0; ; attempt++ {
						require.Less(t, attempt, 200, "a writer never got through")
						cur, err := svcs[r].Get(ctx, c.ID())
						require.NoError(t, err)
						_, err = svcs[r].AddNote(ctx, c.ID(), cur.Version(), noteText(r, w, i))
						if errors.Is(err, notification.ErrConflict) {
							mu.Lock()
							conflicts++
							mu.Unlock()
							continue
						}
						require.NoError(t, err)
						mu.Lock()
						added++
						mu.Unlock()
						break
					}
				}
			})
		}
	}
	close(start)
	wg.Wait()
	final, err := stores[0].Get(ctx, c.ID())
	require.NoError(t, err)
	notes := final.Notes()
	want := replicas * writers * rounds
	require.Equal(t, want, added)
	seen := map[string]bool{}
	for _, n := range notes {
		seen[n.Text.Reveal()] = true
	}
	for r := range replicas {
		for w := range writers {
			for i := range rounds {
				require.True(t, seen[noteText(r, w, i)], "note %d/%d/%d was lost", r, w, i)
			}
		}
	}
	require.Equal(t, before(notes)+want, len(notes))
	require.Equal(t, c.Version()+int64(want), final.Version(), "each note is one version")
	events := settledEvents(t, stores[1], notification.EventQuery{CaseID: c.ID(), Limit: 1000})
	noteEvents := 0
	for _, e := range events {
		if e.Type == notification.EventNoteAdded {
			noteEvents++
		}
	}
	require.Equal(t, before(notes)+want, noteEvents, "every note has its event, and no other")
	t.Logf("%d notes through %d replicas, %d conflicts retried", want, replicas, conflicts)
}

func noteText(r, w, i int) string {
	return "replica " + string(rune('0'+r)) + " writer " + string(rune('0'+w)) + " round " + string(rune('0'+i))
}

// before is the number of notes fullCase wrote.
func before(notes []notification.Note) int {
	n := 0
	for _, x := range notes {
		if !strings.HasPrefix(x.Text.Reveal(), "replica ") {
			n++
		}
	}
	return n
}
