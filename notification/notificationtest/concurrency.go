package notificationtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/validate"
)

// writers is how many goroutines race in the concurrency subtests.
const writers = 16

func testConcurrentUpdate(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	for round := range 20 {
		c := newCase(t, spec{})
		create(t, r, c)
		// Every writer reads version 1 before any writes, then all update at once.
		copies := make([]*notification.Case, writers)
		for i := range copies {
			copies[i] = get(t, r, c.ID())
			edit(t, copies[i], func(d *notification.Draft) error { return d.SetWorkDescription(fmt.Sprintf("writer %d", i)) })
		}
		var (
			start   = make(chan struct{})
			wg      sync.WaitGroup
			results = make([]error, writers)
			vers    = make([]int64, writers)
		)
		for i := range writers {
			wg.Go(func() {
				<-start
				vers[i], results[i] = r.Update(ctx, copies[i])
			})
		}
		close(start)
		wg.Wait()

		winner := -1
		for i, err := range results {
			switch {
			case err == nil:
				if winner >= 0 {
					t.Fatalf("round %d: writers %d and %d both updated version 1", round, winner, i)
				}
				winner = i
				if vers[i] != 2 {
					t.Fatalf("round %d: the winning Update returned version %d, want 2", round, vers[i])
				}
			case !errors.Is(err, notification.ErrConflict):
				t.Fatalf("round %d: a losing Update returned %v, want ErrConflict", round, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: no Update of %d succeeded", round, writers)
		}
		checkStored(t, r, snapshotAt(copies[winner], 2))
	}
}

func testConcurrentCreate(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	id := notification.NewID()
	var (
		start   = make(chan struct{})
		wg      sync.WaitGroup
		results = make([]error, writers)
		cases   = make([]*notification.Case, writers)
	)
	for i := range writers {
		cases[i] = newCase(t, spec{id: id, createdAt: base.Add(time.Duration(i) * time.Second)})
		wg.Go(func() {
			<-start
			_, results[i] = r.Create(ctx, cases[i])
		})
	}
	close(start)
	wg.Wait()
	winner := -1
	for i, err := range results {
		switch {
		case err == nil:
			if winner >= 0 {
				t.Fatalf("Create of the same ID succeeded twice (%d and %d)", winner, i)
			}
			winner = i
		case !errors.Is(err, notification.ErrExists):
			t.Fatalf("a losing Create returned %v, want ErrExists", err)
		}
	}
	if winner < 0 {
		t.Fatal("no Create succeeded")
	}
	checkStored(t, r, snapshotAt(cases[winner], 1))
}

// testConcurrentMixed runs every method at once on separate cases and checks that the store
// ends consistent: each worker's surviving case at the version it last wrote.
func testConcurrentMixed(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	const perWorker = 5
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		want    = map[notification.ID]int64{}
		failure error
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if failure == nil {
			failure = err
		}
	}
	for w := range writers {
		wg.Go(func() {
			for i := range perWorker {
				c, err := notification.NewCase(notification.NewCaseParams{
					GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange,
					JobType: "single-meter", Area: "HBG",
					Handler:   notification.Handler{User: installer.ID, Organisation: fmt.Sprintf("firma-%d", w)},
					CreatedAt: base.Add(time.Duration(i) * time.Second),
				})
				if err != nil {
					fail(err)
					return
				}
				if _, err := r.Create(ctx, c); err != nil {
					fail(fmt.Errorf("create: %w", err))
					return
				}
				g, err := r.Get(ctx, c.ID())
				if err != nil {
					fail(fmt.Errorf("get: %w", err))
					return
				}
				if err := g.Edit(validate.Profile{}, installer, base, func(d *notification.Draft) error {
					return d.SetWorkDescription("x")
				}); err != nil {
					fail(err)
					return
				}
				v, err := r.Update(ctx, g)
				if err != nil {
					fail(fmt.Errorf("update: %w", err))
					return
				}
				if _, err := r.List(ctx, notification.Query{Limit: 3}); err != nil {
					fail(fmt.Errorf("list: %w", err))
					return
				}
				if i%2 == 1 {
					if err := r.Delete(ctx, c.ID(), v); err != nil {
						fail(fmt.Errorf("delete: %w", err))
						return
					}
					continue
				}
				mu.Lock()
				want[c.ID()] = v
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if failure != nil {
		t.Fatal(failure)
	}
	ids := listAll(t, r, notification.Query{Limit: 7})
	var wantIDs []notification.ID
	for id := range want {
		wantIDs = append(wantIDs, id)
	}
	gotSorted := slices.Sorted(slices.Values(ids))
	slices.Sort(wantIDs)
	if !slices.Equal(gotSorted, wantIDs) {
		t.Fatalf("after the mixed load the store lists %d cases, want %d", len(ids), len(wantIDs))
	}
	for id, v := range want {
		if got := get(t, r, id).Version(); got != v {
			t.Fatalf("case stored at version %d, want %d", got, v)
		}
	}
}
