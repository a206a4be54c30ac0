package notificationtest

import (
	"context"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
)

// events returns every stored event that q selects, following the feed page by page. A store
// may hand out an event only once every transaction older than its own has ended (package
// sqlstore does on PostgreSQL, so that a consumer never skips an event that commits late), so
// when want is not negative events waits, a few seconds at most, for the feed to hold want.
func events(t *testing.T, r notification.Repository, q notification.EventQuery, want int) []notification.Event {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := eventsOnce(t, r, q)
		if want < 0 || len(got) == want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func eventsOnce(t *testing.T, r notification.Repository, q notification.EventQuery) []notification.Event {
	t.Helper()
	var out []notification.Event
	for range 1000 {
		page, err := r.Events(context.Background(), q)
		if err != nil {
			t.Fatalf("Events: %v", err)
		}
		if len(page) > q.PageSize() {
			t.Fatalf("Events returned %d events, more than the page size %d", len(page), q.PageSize())
		}
		if len(page) == 0 {
			return out
		}
		for _, e := range page {
			if e.Seq <= q.After {
				t.Fatalf("Events after %d returned an event with Seq %d", q.After, e.Seq)
			}
			q.After = e.Seq
		}
		out = append(out, page...)
	}
	t.Fatal("the event feed did not end")
	return nil
}

// testEvents checks the transactional outbox: Create and Update store the case's pending
// events with the version they made, a failed write stores none, and the feed hands them out
// in order, filtered and paged, with increasing Seqs.
func testEvents(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	c := newCase(t, spec{})
	pending := c.PendingEvents()
	create(t, r, c)
	got := events(t, r, notification.EventQuery{CaseID: c.ID()}, 1)
	if len(got) != 1 || got[0].Type != notification.EventCreated || got[0].ID != pending[0].ID ||
		got[0].Version != 1 || got[0].Seq <= 0 || !got[0].At.Equal(pending[0].At) {
		t.Fatalf("after Create the feed holds %+v, want the case's created event at version 1", got)
	}

	// An update stores its changes' events, in order, at the version it makes.
	g := get(t, r, c.ID())
	if n := len(g.PendingEvents()); n != 0 {
		t.Fatalf("a case read from the store has %d pending events", n)
	}
	edit(t, g, func(d *notification.Draft) error { return d.SetWorkDescription("Ny text.") })
	if err := g.AddNote("En notering.", installer, base); err != nil {
		t.Fatal(err)
	}
	want := g.PendingEvents()
	if _, err := r.Update(ctx, g); err != nil {
		t.Fatalf("Update: %v", err)
	}
	got = events(t, r, notification.EventQuery{CaseID: c.ID()}, 3)
	if len(got) != 3 {
		t.Fatalf("after the update the feed holds %d events of the case, want 3", len(got))
	}
	for i, e := range got[1:] {
		if e.ID != want[i].ID || e.Type != want[i].Type || e.Version != 2 || e.Seq <= got[i].Seq {
			t.Fatalf("event %d after the update is %+v, want %+v at version 2 after Seq %d", i, e, want[i], got[i].Seq)
		}
	}

	// A write that fails stores no event: a stale update, a duplicate create.
	stale := withVersion(t, g, 1)
	if err := stale.AddNote("Från en gammal version.", installer, base); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Update(ctx, stale); err == nil {
		t.Fatal("a stale Update succeeded")
	}
	dup := newCase(t, spec{id: c.ID()})
	if _, err := r.Create(ctx, dup); err == nil {
		t.Fatal("a duplicate Create succeeded")
	}
	if n := len(events(t, r, notification.EventQuery{CaseID: c.ID()}, 3)); n != 3 {
		t.Fatalf("a failed write stored events: the feed holds %d of the case's, want 3", n)
	}

	// The feed's filters, and its order across cases.
	other := newCase(t, spec{gridCompany: "kustnat", installer: "annan-el"})
	create(t, r, other)
	sent := newCase(t, spec{status: notification.AwaitingApproval})
	create(t, r, sent)
	all := events(t, r, notification.EventQuery{Limit: 2}, 3+1+2)
	for i := 1; i < len(all); i++ {
		if all[i].Seq <= all[i-1].Seq {
			t.Fatalf("the feed is not in Seq order at %d", i)
		}
	}
	for _, tt := range []struct {
		name string
		q    notification.EventQuery
		want int
	}{
		{"installer", notification.EventQuery{Installer: installer.Organisation}, 3 + 2},
		{"other installer", notification.EventQuery{Installer: "annan-el"}, 1},
		{"grid company", notification.EventQuery{GridCompany: "kustnat"}, 1},
		{"sent only", notification.EventQuery{GridCompany: "oresundskraft", SentOnly: true}, 1},
		{"case", notification.EventQuery{CaseID: sent.ID()}, 2},
	} {
		got := events(t, r, tt.q, tt.want)
		if len(got) != tt.want {
			t.Fatalf("%s: %d events, want %d", tt.name, len(got), tt.want)
		}
		for _, e := range got {
			if !tt.q.Matches(e) {
				t.Fatalf("%s: the feed returned %+v, which the query does not select", tt.name, e)
			}
		}
	}

	// A deleted case's events stay: they are the history of what happened.
	if err := r.Delete(ctx, other.ID(), 1); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if n := len(events(t, r, notification.EventQuery{CaseID: other.ID()}, 1)); n != 1 {
		t.Fatalf("after Delete the feed holds %d of the case's events, want 1", n)
	}

	// A canceled context is the context's error.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := r.Events(cctx, notification.EventQuery{}); err == nil {
		t.Fatal("Events with a canceled context succeeded")
	}
}
