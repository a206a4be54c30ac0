package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/sealed"
)

// ErrCorrupt is matched by the error for a stored case that cannot be read back; it wraps
// [sealed.ErrCorrupt].
var ErrCorrupt = fmt.Errorf("sqlstore: %w", sealed.ErrCorrupt)

// row is what a case is written as: its listing columns and its sealed document.
type row struct {
	listing notification.Listing
	doc     []byte
	tokens  [][]byte
	events  []notification.Event
}

// rowFor seals c as stored at version v.
func (s *Store) rowFor(c *notification.Case, v int64) (row, error) {
	snap := c.Snapshot()
	snap.Version = v
	doc, err := s.codec.Encode(snap)
	if err != nil {
		return row{}, err
	}
	r := row{listing: snap.Listing(), doc: doc, events: c.PendingEvents()}
	for _, t := range snap.PersonTokens(s.tokens) {
		r.tokens = append(r.tokens, t[:])
	}
	return r, nil
}

// decode reads a stored document back into a case, checking that it is the document of the
// row it was read from: an authentic document of another case, copied into this row, is
// corrupt too.
func (s *Store) decode(id notification.ID, doc []byte) (*notification.Case, error) {
	snap, err := s.codec.Decode(doc)
	if err != nil {
		if errors.Is(err, sealed.ErrCorrupt) {
			return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		return nil, err
	}
	if snap.ID != id {
		return nil, fmt.Errorf("%w: the row holds another case's document", ErrCorrupt)
	}
	return notification.RestoreCase(snap)
}

// Get returns the case with id, or [notification.ErrNotFound].
func (s *Store) Get(ctx context.Context, id notification.ID) (*notification.Case, error) {
	var doc []byte
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT doc FROM cases WHERE id = ?"), string(id)).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notification.ErrNotFound
	}
	if err != nil {
		return nil, s.dbError(ctx, "reading a case", err)
	}
	return s.decode(id, doc)
}

// Create stores c as version 1 with its pending events, in one transaction; see
// [notification.Repository.Create].
func (s *Store) Create(ctx context.Context, c *notification.Case) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if c == nil || c.ID() == "" || c.Version() != 0 {
		return 0, errors.New("sqlstore: Create takes a new case (version 0) with an ID")
	}
	r, err := s.rowFor(c, 1)
	if err != nil {
		return 0, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		res, err := s.exec(ctx, tx, `INSERT INTO cases (id, grid_company, installer, status, sent, created_at, updated_at, version, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, r.columns()...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return notification.ErrExists
		}
		return s.writeRest(ctx, tx, r, false)
	})
	if err != nil {
		return 0, err
	}
	return 1, nil
}

// Update stores c if the stored version is still c.Version(), with its pending events, in one
// transaction; see [notification.Repository.Update].
func (s *Store) Update(ctx context.Context, c *notification.Case) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if c == nil {
		return 0, errors.New("sqlstore: Update takes a case")
	}
	v := c.Version() + 1
	r, err := s.rowFor(c, v)
	if err != nil {
		return 0, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		cols := r.columns()
		res, err := s.exec(ctx, tx, `UPDATE cases SET grid_company = ?, installer = ?, status = ?, sent = ?, created_at = ?,
			updated_at = ?, version = ?, doc = ? WHERE id = ? AND version = ?`, append(cols[1:], cols[0], c.Version())...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return s.missingOrStale(ctx, tx, c.ID())
		}
		return s.writeRest(ctx, tx, r, true)
	})
	if err != nil {
		return 0, err
	}
	return v, nil
}

// columns are the values of a cases row, in the column order of the INSERT.
func (r row) columns() []any {
	l := r.listing
	return []any{string(l.ID), l.GridCompany, l.Installer, l.Status.Code(), l.Sent,
		l.CreatedAt.UnixNano(), l.UpdatedAt.UnixNano(), l.Version, r.doc}
}

// writeRest writes a case's token rows (replacing the old ones on an update) and events, and
// runs the outbox, in the case's transaction.
func (s *Store) writeRest(ctx context.Context, tx *sql.Tx, r row, replace bool) error {
	id := string(r.listing.ID)
	if replace {
		if _, err := s.exec(ctx, tx, "DELETE FROM person_tokens WHERE case_id = ?", id); err != nil {
			return err
		}
	}
	for _, t := range r.tokens {
		if _, err := s.exec(ctx, tx, "INSERT INTO person_tokens (token, case_id) VALUES (?, ?) ON CONFLICT DO NOTHING", t, id); err != nil {
			return err
		}
	}
	for _, e := range r.events {
		body, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO events (id, case_id, grid_company, installer, sent, body) VALUES (?, ?, ?, ?, ?, ?)`,
			e.ID, string(e.CaseID), e.GridCompany, e.Installer, e.Sent, string(body)); err != nil {
			return err
		}
	}
	if s.outbox != nil && len(r.events) > 0 {
		if err := s.outbox(ctx, tx, r.events); err != nil {
			return fmt.Errorf("sqlstore: outbox: %w", err)
		}
	}
	return nil
}

// missingOrStale tells why a conditional write touched no row.
func (s *Store) missingOrStale(ctx context.Context, tx *sql.Tx, id notification.ID) error {
	var one int
	err := tx.QueryRowContext(ctx, s.rebind("SELECT 1 FROM cases WHERE id = ?"), string(id)).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return notification.ErrNotFound
	case err != nil:
		return err
	}
	return notification.ErrConflict
}

// Delete removes the case with id if its stored version is version; its token rows go with it
// and its events stay. See [notification.Repository.Delete].
func (s *Store) Delete(ctx context.Context, id notification.ID, version int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := s.exec(ctx, tx, "DELETE FROM person_tokens WHERE case_id = ? AND EXISTS (SELECT 1 FROM cases WHERE id = ? AND version = ?)",
			string(id), string(id), version); err != nil {
			return err
		}
		res, err := s.exec(ctx, tx, "DELETE FROM cases WHERE id = ? AND version = ?", string(id), version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return s.missingOrStale(ctx, tx, id)
		}
		return nil
	})
}

// List returns the cases that match q, oldest first, a page at a time: a keyset query on the
// index of the listing — the installer's, the grid company's inbox of sent cases, either by
// status — from the cursor, so a page costs the same among a million cases as among a thousand.
// A query for several statuses reads each status's index and merges them.
func (s *Store) List(ctx context.Context, q notification.Query) (notification.Page, error) {
	if err := ctx.Err(); err != nil {
		return notification.Page{}, err
	}
	limit := q.PageSize()
	statuses := slices.Compact(slices.Sorted(slices.Values(q.Statuses)))
	if len(statuses) == 0 {
		statuses = []notification.Status{notification.StatusNone} // no status filter
	}
	type hit struct {
		l   notification.Listing
		doc []byte
	}
	var hits []hit
	for _, st := range statuses {
		query, args := s.listQuery(q, st, limit+1)
		rows, err := s.db.QueryContext(ctx, query, args...)
		if err != nil {
			return notification.Page{}, s.dbError(ctx, "listing cases", err)
		}
		for rows.Next() {
			var h hit
			var id string
			var created int64
			if err := rows.Scan(&id, &created, &h.doc); err != nil {
				_ = rows.Close()
				return notification.Page{}, s.dbError(ctx, "listing cases", err)
			}
			h.l.ID, h.l.CreatedAt = notification.ID(id), unixNano(created)
			hits = append(hits, h)
		}
		if err := rows.Close(); err != nil {
			return notification.Page{}, s.dbError(ctx, "listing cases", err)
		}
		if err := rows.Err(); err != nil {
			return notification.Page{}, s.dbError(ctx, "listing cases", err)
		}
	}
	if len(statuses) > 1 {
		slices.SortFunc(hits, func(a, b hit) int {
			return cmp.Or(a.l.CreatedAt.Compare(b.l.CreatedAt), cmp.Compare(a.l.ID, b.l.ID))
		})
	}
	var page notification.Page
	if len(hits) > limit {
		page.Next = notification.CursorAfter(hits[limit-1].l)
		hits = hits[:limit]
	}
	page.Cases = make([]*notification.Case, 0, len(hits))
	for _, h := range hits {
		c, err := s.decode(h.l.ID, h.doc)
		if err != nil {
			return notification.Page{}, err
		}
		page.Cases = append(page.Cases, c)
	}
	return page, nil
}

// listQuery is the keyset query of one listing page for one status (StatusNone: any).
func (s *Store) listQuery(q notification.Query, status notification.Status, limit int) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if q.Installer != "" {
		add("installer = ?", q.Installer)
	}
	if q.GridCompany != "" {
		add("grid_company = ?", q.GridCompany)
	}
	if status != notification.StatusNone {
		add("status = ?", status.Code())
	}
	if q.SentOnly {
		add("sent")
	}
	if !q.CreatedFrom.IsZero() {
		add("created_at >= ?", q.CreatedFrom.UnixNano())
	}
	if !q.CreatedBefore.IsZero() {
		add("created_at < ?", q.CreatedBefore.UnixNano())
	}
	if !q.After.IsZero() {
		at := q.After.CreatedAt().UnixNano()
		add("(created_at, id) > (?, ?)", at, string(q.After.ID())) // a row value: the index's range starts here
	}
	query := "SELECT id, created_at, doc FROM cases"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY created_at, id LIMIT ?"
	return s.rebind(query), append(args, limit)
}

// write runs fn in a transaction and commits it; any error rolls everything back.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.dbError(ctx, "beginning a transaction", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.dbError(ctx, "writing", err)
	}
	if err := tx.Commit(); err != nil {
		return s.dbError(ctx, "committing", err)
	}
	return nil
}

// exec runs one statement of a write, then the test hook.
func (s *Store) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	res, err := tx.ExecContext(ctx, s.rebind(query), args...)
	if err != nil {
		return nil, err
	}
	if s.hook != nil {
		if err := s.hook(ctx, query); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// dbError passes the library's own errors and the context's through and names what failed for
// the database's, which never hold the stored values (they are sealed).
func (s *Store) dbError(ctx context.Context, what string, err error) error {
	switch {
	case errors.Is(err, notification.ErrNotFound), errors.Is(err, notification.ErrConflict),
		errors.Is(err, notification.ErrExists), strings.HasPrefix(err.Error(), "sqlstore:"):
		return err
	case ctx.Err() != nil:
		return fmt.Errorf("sqlstore: %s: %w", what, ctx.Err())
	}
	return fmt.Errorf("sqlstore: %s: %w", what, err)
}
