// Package notificationtest checks implementations of [notification.Repository], in the spirit
// of testing/fstest.TestFS and golang.org/x/net/nettest.TestConn: a storage adapter (a SQL
// schema, a document store, ...) runs [TestRepository] from its own tests and so proves that it
// keeps the contract [notification.Service] relies on — round trips that lose nothing, the
// errors to branch on ([notification.ErrExists], [notification.ErrNotFound],
// [notification.ErrConflict]), optimistic concurrency without lost updates, filtering and
// cursor paging in a stable order, no memory shared with callers, context cancellation and
// concurrent use.
//
// An adapter's test hands the suite a function that returns a fresh, empty repository:
//
//	func TestRepository(t *testing.T) {
//		notificationtest.TestRepository(t, func(t *testing.T) notification.Repository {
//			db := mystore.OpenForTest(t) // e.g. a throw-away schema, dropped in t.Cleanup
//			return mystore.NewRepository(db)
//		})
//	}
//
// Run it with -race: the concurrency subtests only prove something under the race detector.
//
// The suite's cases carry times in whole seconds (UTC), so an adapter whose store keeps
// microseconds still compares equal, and personal fields that an adapter must store with the
// privacy types' Reveal methods and read back with their Parse functions.
package notificationtest
