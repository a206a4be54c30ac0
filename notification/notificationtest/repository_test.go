package notificationtest_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/privacy"
)

// TestRepository_memory runs the suite against the embedded default, as an adapter's own test
// would run it against the adapter.
func TestRepository_memory(t *testing.T) {
	notificationtest.TestRepository(t, func(*testing.T) notification.Repository {
		return notification.NewMemoryRepository()
	})
}

// broken is a Repository with one deliberate bug on top of the memory repository, to prove
// the suite notices it.
type broken struct {
	bug   string
	inner *notification.MemoryRepository

	mu    sync.Mutex
	cache map[notification.ID]*notification.Case // for "sharesMemory"
	seen  map[string][]notification.ID           // for "staleIndex"
}

func (b *broken) ctx(ctx context.Context) context.Context {
	if b.bug == "ignoresContext" {
		return context.Background()
	}
	return ctx
}

func (b *broken) Get(ctx context.Context, id notification.ID) (*notification.Case, error) {
	if b.bug == "sharesMemory" {
		b.mu.Lock()
		defer b.mu.Unlock()
		if c, ok := b.cache[id]; ok {
			return c, nil
		}
		c, err := b.inner.Get(ctx, id)
		if err == nil {
			b.cache[id] = c
		}
		return c, err
	}
	return b.inner.Get(b.ctx(ctx), id)
}

func (b *broken) Create(ctx context.Context, c *notification.Case) (int64, error) {
	return b.inner.Create(b.ctx(ctx), b.drop(c))
}

// drop loses what a careless store might not keep: the legal evidence of a case.
func (b *broken) drop(c *notification.Case) *notification.Case {
	s := c.Snapshot()
	switch b.bug {
	case "dropsJustifications":
		s.Justifications = nil
	case "dropsTombstones":
		s.Tombstones = nil
	case "dropsReasons":
		for i := range s.History {
			s.History[i].Reason = privacy.Text{}
		}
	case "dropsEvents":
		// A store that writes the case but not its events: the restored case has none pending.
	default:
		return c
	}
	d, _ := notification.RestoreCase(s)
	return d
}

// FindPerson is the index of the memory repository, except with the bug "staleIndex", which
// still finds the cases a number was removed from.
func (b *broken) FindPerson(ctx context.Context, pn privacy.PersonalIdentityNumber) ([]notification.ID, error) {
	ids, err := b.inner.FindPerson(ctx, pn)
	if b.bug != "staleIndex" || err != nil {
		return ids, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		b.seen[pn.Reveal()] = append(b.seen[pn.Reveal()], id)
	}
	return slices.Compact(slices.Sorted(slices.Values(b.seen[pn.Reveal()]))), nil
}

func (b *broken) Update(ctx context.Context, c *notification.Case) (int64, error) {
	if b.bug == "lostUpdate" {
		// Last writer wins: the stale version is replaced by the stored one.
		if cur, err := b.inner.Get(ctx, c.ID()); err == nil {
			s := c.Snapshot()
			s.Version = cur.Version()
			c, _ = notification.RestoreCase(s)
		}
	}
	if b.bug == "sharesMemory" {
		b.mu.Lock()
		delete(b.cache, c.ID())
		b.mu.Unlock()
	}
	if b.bug == "eventsOnConflict" {
		// The events go into the feed before the version is checked, as a store writing them
		// outside the case's transaction would.
		if cur, err := b.inner.Get(ctx, c.ID()); err == nil && cur.Version() != c.Version() {
			s := c.Snapshot()
			s.Version = cur.Version()
			replay, _ := notification.RestoreCase(s)
			for _, e := range c.PendingEvents() {
				if e.Type == notification.EventNoteAdded {
					_ = replay.AddNote("x", privacy.Actor{ID: "u-1"}, e.At)
				}
			}
			_, _ = b.inner.Update(ctx, replay)
			return 0, notification.ErrConflict
		}
	}
	return b.inner.Update(b.ctx(ctx), b.drop(c))
}

func (b *broken) Delete(ctx context.Context, id notification.ID, version int64) error {
	if b.bug == "deleteIgnoresVersion" {
		if cur, err := b.inner.Get(ctx, id); err == nil {
			version = cur.Version()
		}
	}
	return b.inner.Delete(b.ctx(ctx), id, version)
}

func (b *broken) Events(ctx context.Context, q notification.EventQuery) ([]notification.Event, error) {
	return b.inner.Events(b.ctx(ctx), q)
}

func (b *broken) List(ctx context.Context, q notification.Query) (notification.Page, error) {
	p, err := b.inner.List(b.ctx(ctx), q)
	if b.bug == "pagingRepeats" && err == nil && len(p.Cases) > 1 && !p.Next.IsZero() {
		// Next points one case too early: the last case of every page shows twice.
		c := p.Cases[len(p.Cases)-2]
		p.Next = notification.CursorAfter(c.Snapshot().Listing())
	}
	return p, err
}

// brokenEnv names the bug a re-executed test binary runs the suite against.
const brokenEnv = "NOTIFICATIONTEST_BUG"

// TestRepository_catchesBugs proves that the suite notices each bug: it re-runs this test
// binary once per bug, and in that child run (brokenEnv set) runs the suite against the broken
// repository, which must fail in the subtest meant to catch the bug.
func TestRepository_catchesBugs(t *testing.T) {
	if bug := os.Getenv(brokenEnv); bug != "" {
		notificationtest.TestRepository(t, func(*testing.T) notification.Repository {
			return &broken{bug: bug, inner: notification.NewMemoryRepository(),
				cache: map[notification.ID]*notification.Case{}, seen: map[string][]notification.ID{}}
		})
		return
	}
	t.Parallel()
	for bug, subtest := range map[string]string{
		"lostUpdate":           "UpdateStale",
		"sharesMemory":         "NoSharedMemory",
		"ignoresContext":       "CanceledContext",
		"deleteIgnoresVersion": "DeleteStale",
		"pagingRepeats":        "ListPaging",
		"dropsJustifications":  "CreateGetRoundTrip",
		"dropsTombstones":      "CreateGetRoundTrip",
		"dropsReasons":         "CreateGetRoundTrip",
		"staleIndex":           "PersonIndex",
		"dropsEvents":          "Events",
		"eventsOnConflict":     "Events",
	} {
		t.Run(bug, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestRepository_catchesBugs$", "-test.v")
			cmd.Env = append(os.Environ(), brokenEnv+"="+bug)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a repository with bug %q", bug)
			}
			if !strings.Contains(string(out), "--- FAIL: TestRepository_catchesBugs/"+subtest) {
				t.Errorf("subtest %s did not fail; output:\n%s", subtest, out)
			}
		})
	}
}

// TestRepository_memoryWithCodec runs the suite against the memory repository keeping sealed
// documents, as an encrypting store would: every field must survive sealing and opening.
func TestRepository_memoryWithCodec(t *testing.T) {
	notificationtest.TestRepository(t, func(t *testing.T) notification.Repository {
		ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": bytes.Repeat([]byte{7}, 32)})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := privacy.NewTokenizer(bytes.Repeat([]byte{9}, 32))
		if err != nil {
			t.Fatal(err)
		}
		codec, err := sealed.NewCodec(ring, tok)
		if err != nil {
			t.Fatal(err)
		}
		return notification.NewMemoryRepository(notification.WithCodec(codec))
	})
}
