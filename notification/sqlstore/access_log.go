package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// Record appends e to the access log, in the store's database; see [privacy.AccessLog]. The
// log is append-only: the store has no method that changes or removes an entry.
func (s *Store) Record(ctx context.Context, e privacy.AccessEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	fields, err := json.Marshal(e.Fields)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, s.rebind(`INSERT INTO access_log (at, actor, organisation, case_id, fields, purpose, outcome)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), e.At.UnixNano(), e.Actor, e.Organisation, e.CaseID, string(fields), string(e.Purpose), string(e.Outcome))
	if err != nil {
		return s.dbError(ctx, "recording an access", err)
	}
	return nil
}

// QueryAccess returns the access-log entries that q selects, oldest first: who read what,
// when, why.
func (s *Store) QueryAccess(ctx context.Context, q privacy.AccessQuery) ([]privacy.AccessEntry, error) {
	var where []string
	var args []any
	if q.Actor != "" {
		where, args = append(where, "actor = ?"), append(args, q.Actor)
	}
	if q.CaseID != "" {
		where, args = append(where, "case_id = ?"), append(args, q.CaseID)
	}
	if !q.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, q.From.UnixNano())
	}
	if !q.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, q.To.UnixNano())
	}
	query := "SELECT at, actor, organisation, case_id, fields, purpose, outcome FROM access_log"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(query+" ORDER BY at, seq"), args...)
	if err != nil {
		return nil, s.dbError(ctx, "reading the access log", err)
	}
	defer rows.Close()
	var out []privacy.AccessEntry
	for rows.Next() {
		var e privacy.AccessEntry
		var at int64
		var fields, purpose, outcome string
		if err := rows.Scan(&at, &e.Actor, &e.Organisation, &e.CaseID, &fields, &purpose, &outcome); err != nil {
			return nil, s.dbError(ctx, "reading the access log", err)
		}
		if err := json.Unmarshal([]byte(fields), &e.Fields); err != nil {
			return nil, fmt.Errorf("%w: access log: %w", ErrCorrupt, err)
		}
		e.At, e.Purpose, e.Outcome = unixNano(at), privacy.Purpose(purpose), privacy.Outcome(outcome)
		e.Fields = slices.Clip(e.Fields)
		out = append(out, e)
	}
	return out, rows.Err()
}

// unixNano is the time a column of Unix nanoseconds holds, in UTC.
func unixNano(n int64) time.Time { return time.Unix(0, n).UTC() }
