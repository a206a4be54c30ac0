package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/internal/pgtest"
	"github.com/gridnotify/gridnotify/notification"
)

// TestFeedHoldsBackEventsBehindAnOlderTransaction: on PostgreSQL an event committed while an
// older transaction is still open does not show until that one ends, for the older one may
// still commit an event with a lower Seq, which a consumer reading from its last Seq would
// then skip. SettleEvents waits for exactly that.
func TestFeedHoldsBackEventsBehindAnOlderTransaction(t *testing.T) {
	t.Parallel()
	store := open(t, pgtest.NewDatabase(t))
	ctx := context.Background()

	older, err := store.DB().BeginTx(ctx, nil)
	require.NoError(t, err)
	defer func() { _ = older.Rollback() }()
	var xid string
	require.NoError(t, older.QueryRowContext(ctx, "SELECT pg_current_xact_id()::text").Scan(&xid),
		"the older transaction takes its ID before the case is written")

	c := fullCase(t, service(t, store))
	all := notification.EventQuery{CaseID: c.ID(), Limit: 1000}
	held, err := store.Events(ctx, all)
	require.NoError(t, err)
	require.Empty(t, held, "events committed after an open, older transaction are held back")

	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, store.SettleEvents(short), context.DeadlineExceeded, "SettleEvents waits for the older transaction")

	require.NoError(t, older.Commit())
	require.NoError(t, store.SettleEvents(ctx))
	shown, err := store.Events(ctx, all)
	require.NoError(t, err)
	require.NotEmpty(t, shown, "the events show once the older transaction has ended")
	require.Equal(t, c.Version(), shown[len(shown)-1].Version)
}

// TestSettleEventsOnSQLite: SQLite has one writer at a time, so its events show at once and
// SettleEvents returns at once.
func TestSettleEventsOnSQLite(t *testing.T) {
	t.Parallel()
	store := open(t, "sqlite::memory:")
	c := fullCase(t, service(t, store))
	require.NoError(t, store.SettleEvents(context.Background()))
	shown, err := store.Events(context.Background(), notification.EventQuery{CaseID: c.ID(), Limit: 1000})
	require.NoError(t, err)
	require.Equal(t, c.Version(), shown[len(shown)-1].Version)
}
