package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gridnotify/gridnotify/notification"
)

// Events returns the stored events that q selects, in feed order; see
// [notification.Repository.Events]. On PostgreSQL it hands out only events whose transaction,
// and every transaction that began before it, has ended, so that a consumer reading from its
// last Seq never skips an event that committed after a later one: an event shows as soon as the
// transactions older than its own have ended — usually at once, and never later than the
// longest transaction open on the server.
func (s *Store) Events(ctx context.Context, q notification.EventQuery) ([]notification.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	where := []string{"seq > ?"}
	args := []any{q.After}
	if q.Installer != "" {
		where, args = append(where, "installer = ?"), append(args, q.Installer)
	}
	if q.GridCompany != "" {
		where, args = append(where, "grid_company = ?"), append(args, q.GridCompany)
	}
	if q.SentOnly {
		where = append(where, "sent")
	}
	if q.CaseID != "" {
		where, args = append(where, "case_id = ?"), append(args, string(q.CaseID))
	}
	if s.dialect == PostgreSQL {
		where = append(where, "txid < pg_snapshot_xmin(pg_current_snapshot())")
	}
	query := "SELECT seq, body FROM events WHERE " + strings.Join(where, " AND ") + " ORDER BY seq LIMIT ?"
	rows, err := s.db.QueryContext(ctx, s.rebind(query), append(args, q.PageSize())...)
	if err != nil {
		return nil, s.dbError(ctx, "reading events", err)
	}
	defer rows.Close()
	var out []notification.Event
	for rows.Next() {
		var seq int64
		var body []byte
		if err := rows.Scan(&seq, &body); err != nil {
			return nil, s.dbError(ctx, "reading events", err)
		}
		var e notification.Event
		if err := json.Unmarshal(body, &e); err != nil {
			return nil, fmt.Errorf("%w: event %d: %w", ErrCorrupt, seq, err)
		}
		e.Seq = seq
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.dbError(ctx, "reading events", err)
	}
	return out, nil
}

// SettleEvents waits until every event committed before the call shows in [Store.Events], or
// ctx ends: on PostgreSQL until every transaction that began before the call has ended (see
// Events); on SQLite, where events show at once, it returns at once. It is for a reader that
// must see its own writes in the feed: a test, or a step that reads the feed after writing.
func (s *Store) SettleEvents(ctx context.Context) error {
	if s.dialect != PostgreSQL {
		return ctx.Err()
	}
	var mark string
	if err := s.db.QueryRowContext(ctx, "SELECT pg_current_xact_id()::text").Scan(&mark); err != nil {
		return s.dbError(ctx, "settling the feed", err)
	}
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		var settled bool
		err := s.db.QueryRowContext(ctx, "SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8", mark).Scan(&settled)
		if err != nil {
			return s.dbError(ctx, "settling the feed", err)
		}
		if settled {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}
