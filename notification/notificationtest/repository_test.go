package notificationtest_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
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
	return b.inner.Create(b.ctx(ctx), c)
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
	return b.inner.Update(b.ctx(ctx), c)
}

func (b *broken) Delete(ctx context.Context, id notification.ID, version int64) error {
	if b.bug == "deleteIgnoresVersion" {
		if cur, err := b.inner.Get(ctx, id); err == nil {
			version = cur.Version()
		}
	}
	return b.inner.Delete(b.ctx(ctx), id, version)
}

func (b *broken) List(ctx context.Context, q notification.Query) (notification.Page, error) {
	p, err := b.inner.List(b.ctx(ctx), q)
	if b.bug == "pagingRepeats" && err == nil && len(p.Cases) > 1 && !p.Next.IsZero() {
		// Next points one case too early: the last case of every page shows twice.
		c := p.Cases[len(p.Cases)-2]
		p.Next = notification.Cursor{CreatedAt: c.CreatedAt(), ID: c.ID()}
	}
	return p, err
}

// TestBrokenHelper runs the suite against a broken repository; it does something only when
// re-executed by TestRepository_catchesBugs.
func TestBrokenHelper(t *testing.T) {
	bug := os.Getenv("NOTIFICATIONTEST_BUG")
	if bug == "" {
		t.Skip("run by TestRepository_catchesBugs")
	}
	notificationtest.TestRepository(t, func(*testing.T) notification.Repository {
		return &broken{bug: bug, inner: notification.NewMemoryRepository(), cache: map[notification.ID]*notification.Case{}}
	})
}

// TestRepository_catchesBugs re-runs this test binary with each bug and checks that the suite
// fails in the subtest meant to catch it.
func TestRepository_catchesBugs(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	t.Parallel()
	for bug, subtest := range map[string]string{
		"lostUpdate":           "UpdateStale",
		"sharesMemory":         "NoSharedMemory",
		"ignoresContext":       "CanceledContext",
		"deleteIgnoresVersion": "DeleteStale",
		"pagingRepeats":        "ListPaging",
	} {
		t.Run(bug, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenHelper$", "-test.v")
			cmd.Env = append(os.Environ(), "NOTIFICATIONTEST_BUG="+bug)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a repository with bug %q", bug)
			}
			if !strings.Contains(string(out), "--- FAIL: TestBrokenHelper/"+subtest) {
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
		codec, err := notification.NewCodec(ring, tok)
		if err != nil {
			t.Fatal(err)
		}
		return notification.NewMemoryRepository(notification.WithCodec(codec))
	})
}
