package notificationtest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gridnotify/gridnotify/notification"
)

// TestRepository runs the conformance suite for a [notification.Repository] implementation
// against the contract documented on that interface. newRepo is called once per subtest and
// must return a fresh, empty repository; use t for cleanup (t.Cleanup) and to fail setup.
//
// The subtests check:
//
//   - CreateGetRoundTrip: every field of a case survives Create and Get; Create returns 1. The
//     fixture holds the legal evidence too — the status history with its reasons, the
//     justifications of identity numbers, the erasure tombstones — which a store must keep.
//
//   - CreateDuplicate, CreateNonZeroVersion: [notification.ErrExists] for a stored ID, an error
//     for a case that is not new; the stored case stays as it was.
//
//   - GetUnknown: [notification.ErrNotFound].
//
//   - Update, UpdateStale, UpdateUnknown: Update returns version+1; a stale (or future)
//     version is [notification.ErrConflict] and the first writer's change is kept (no lost
//     update); an unknown case is [notification.ErrNotFound] and is not created.
//
//   - Delete, DeleteStale, DeleteUnknown: the same rules for Delete.
//
//   - ListByGridCompany, ListByInstaller, ListByStatus, ListSentOnly, ListByCreatedTime,
//     ListCombined: exactly the matching cases, oldest first (by creation time, then ID), as
//     the store has them after the last Update.
//
//   - ListPaging: following Page.Next with any Limit visits every case exactly once, in order;
//     no page exceeds its Limit and Next is zero on the last page.
//
//   - NoSharedMemory: changing a case passed to Create or Update, or returned by Get or List,
//     changes nothing stored, and two cases from Get are independent of each other.
//
//   - CanceledContext: every method fails with the context's error and changes nothing.
//
//   - ConcurrentUpdate, ConcurrentCreate, ConcurrentMixed: of N writers of the same version
//     exactly one wins and the others get [notification.ErrConflict] (or ErrExists); a mixed
//     load leaves a consistent store. These prove most under -race.
//
//   - Events: Create and Update store the case's pending events with the version they made,
//     in the same write; a failed write stores none; the feed is in Seq order, filters by
//     installer, grid company, sent and case, pages with After, and keeps a deleted case's
//     events.
//
//   - PersonIndex, for a repository that is a [notification.PersonFinder]: a case is found by
//     its owner's personal identity number and by a sole trader's organisation number, and
//     no longer once the number is removed or the case deleted.
//
// Errors are checked with errors.Is, so an implementation may wrap the sentinel errors.
func TestRepository(t *testing.T, newRepo func(t *testing.T) notification.Repository) {
	t.Helper()
	run := func(name string, f func(t *testing.T, r notification.Repository)) {
		t.Run(name, func(t *testing.T) {
			r := newRepo(t)
			if r == nil {
				t.Fatal("newRepo returned nil")
			}
			f(t, r)
		})
	}
	run("CreateGetRoundTrip", testRoundTrip)
	run("CreateDuplicate", testCreateDuplicate)
	run("CreateNonZeroVersion", testCreateNonZeroVersion)
	run("GetUnknown", testGetUnknown)
	run("Update", testUpdate)
	run("UpdateStale", testUpdateStale)
	run("UpdateUnknown", testUpdateUnknown)
	run("Delete", testDelete)
	run("DeleteStale", testDeleteStale)
	run("DeleteUnknown", testDeleteUnknown)
	run("ListByGridCompany", testListByGridCompany)
	run("ListByInstaller", testListByInstaller)
	run("ListByStatus", testListByStatus)
	run("ListSentOnly", testListSentOnly)
	run("ListByCreatedTime", testListByCreatedTime)
	run("ListCombined", testListCombined)
	run("ListPaging", testListPaging)
	run("NoSharedMemory", testNoSharedMemory)
	run("CanceledContext", testCanceledContext)
	run("ConcurrentUpdate", testConcurrentUpdate)
	run("ConcurrentCreate", testConcurrentCreate)
	run("ConcurrentMixed", testConcurrentMixed)
	run("PersonIndex", testPersonIndex)
	run("Events", testEvents)
}

// create stores c and fails t unless Create returns version 1.
func create(t *testing.T, r notification.Repository, c *notification.Case) {
	t.Helper()
	v, err := r.Create(context.Background(), c)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if v != 1 {
		t.Fatalf("Create returned version %d, want 1", v)
	}
}

// get returns the stored case with id or fails t.
func get(t *testing.T, r notification.Repository, id notification.ID) *notification.Case {
	t.Helper()
	c, err := r.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if c == nil {
		t.Fatal("Get returned a nil case and no error")
	}
	return c
}

// wantErr fails t unless errors.Is(err, target).
func wantErr(t *testing.T, op string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want one matching %v", op, err, target)
	}
}

// checkStored fails t unless the stored case equals want.
func checkStored(t *testing.T, r notification.Repository, want notification.Snapshot) {
	t.Helper()
	got := get(t, r, want.ID)
	if diff := cmp.Diff(want, got.Snapshot(), CmpOptions()); diff != "" {
		t.Fatalf("stored case differs (-want +got):\n%s", diff)
	}
}

// snapshotAt returns c's snapshot as stored at version v.
func snapshotAt(c *notification.Case, v int64) notification.Snapshot {
	s := c.Snapshot()
	s.Version = v
	return s
}

func testRoundTrip(t *testing.T, r notification.Repository) {
	for _, c := range []*notification.Case{richCase(t, notification.NewID()), newCase(t, spec{})} {
		create(t, r, c)
		checkStored(t, r, snapshotAt(c, 1))
	}
}

func testCreateDuplicate(t *testing.T, r notification.Repository) {
	first := newCase(t, spec{})
	create(t, r, first)
	second := richCase(t, first.ID())
	_, err := r.Create(context.Background(), second)
	wantErr(t, "Create with a stored ID", err, notification.ErrExists)
	checkStored(t, r, snapshotAt(first, 1))
}

func testCreateNonZeroVersion(t *testing.T, r notification.Repository) {
	c := withVersion(t, newCase(t, spec{}), 3)
	if _, err := r.Create(context.Background(), c); err == nil {
		t.Fatal("Create accepted a case with version 3; a new case has version 0")
	}
	_, err := r.Get(context.Background(), c.ID())
	wantErr(t, "Get after a refused Create", err, notification.ErrNotFound)
}

func testGetUnknown(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	_, err := r.Get(ctx, notification.NewID())
	wantErr(t, "Get on an empty repository", err, notification.ErrNotFound)
	create(t, r, newCase(t, spec{}))
	_, err = r.Get(ctx, notification.NewID())
	wantErr(t, "Get of an unknown ID", err, notification.ErrNotFound)
	_, err = r.Get(ctx, "")
	wantErr(t, "Get of the empty ID", err, notification.ErrNotFound)
}

func testUpdate(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	c := newCase(t, spec{})
	create(t, r, c)
	for want := int64(2); want <= 4; want++ {
		g := get(t, r, c.ID())
		edit(t, g, func(d *notification.Draft) error { return d.SetWorkDescription(fmt.Sprintf("Version %d", want)) })
		v, err := r.Update(ctx, g)
		if err != nil {
			t.Fatalf("Update from version %d: %v", want-1, err)
		}
		if v != want {
			t.Fatalf("Update from version %d returned %d, want %d", want-1, v, want)
		}
		checkStored(t, r, snapshotAt(g, want))
	}
}

func testUpdateStale(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	c := newCase(t, spec{})
	create(t, r, c)
	a, b := get(t, r, c.ID()), get(t, r, c.ID())
	edit(t, a, func(d *notification.Draft) error { return d.SetWorkDescription("A") })
	edit(t, b, func(d *notification.Draft) error { return d.SetWorkDescription("B") })
	if _, err := r.Update(ctx, a); err != nil {
		t.Fatalf("first Update: %v", err)
	}
	_, err := r.Update(ctx, b)
	wantErr(t, "Update from a stale version", err, notification.ErrConflict)
	_, err = r.Update(ctx, withVersion(t, b, 7))
	wantErr(t, "Update from a version never stored", err, notification.ErrConflict)
	checkStored(t, r, snapshotAt(a, 2)) // the first writer's change, not lost
}

func testUpdateUnknown(t *testing.T, r notification.Repository) {
	c := withVersion(t, newCase(t, spec{}), 1)
	_, err := r.Update(context.Background(), c)
	wantErr(t, "Update of an unknown case", err, notification.ErrNotFound)
	_, err = r.Get(context.Background(), c.ID())
	wantErr(t, "Get after Update of an unknown case (Update must not create)", err, notification.ErrNotFound)
}

func testDelete(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	keep, c := newCase(t, spec{}), newCase(t, spec{})
	create(t, r, keep)
	create(t, r, c)
	if err := r.Delete(ctx, c.ID(), 1); err != nil {
		t.Fatalf("Delete with the stored version: %v", err)
	}
	_, err := r.Get(ctx, c.ID())
	wantErr(t, "Get after Delete", err, notification.ErrNotFound)
	wantErr(t, "second Delete", r.Delete(ctx, c.ID(), 1), notification.ErrNotFound)
	checkStored(t, r, snapshotAt(keep, 1))
}

func testDeleteStale(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	c := newCase(t, spec{})
	create(t, r, c)
	g := get(t, r, c.ID())
	if _, err := r.Update(ctx, g); err != nil {
		t.Fatalf("Update: %v", err)
	}
	for _, v := range []int64{1, 3, 0} {
		wantErr(t, "Delete with a version that is not stored", r.Delete(ctx, c.ID(), v), notification.ErrConflict)
	}
	checkStored(t, r, snapshotAt(g, 2))
}

func testDeleteUnknown(t *testing.T, r notification.Repository) {
	create(t, r, newCase(t, spec{}))
	wantErr(t, "Delete of an unknown case", r.Delete(context.Background(), notification.NewID(), 1), notification.ErrNotFound)
}
