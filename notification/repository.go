package notification

import (
	"context"
	"slices"
	"time"
)

// Repository stores cases. Implementations must be safe for concurrent use and must never
// share memory with callers: a case passed in or handed out is the caller's own copy.
// Package notificationtest has a conformance suite every implementation should pass.
type Repository interface {
	// Get returns the case with id, or an error matching [ErrNotFound].
	Get(ctx context.Context, id ID) (*Case, error)
	// Create stores a new case, whose Version must be 0, as version 1 and returns 1. A case
	// with the same ID already stored is [ErrExists].
	Create(ctx context.Context, c *Case) (version int64, err error)
	// Update stores c if the stored version is still c.Version() and returns the new version,
	// c.Version()+1. A stale version is [ErrConflict] (no lost update), a missing case
	// [ErrNotFound].
	Update(ctx context.Context, c *Case) (version int64, err error)
	// Delete removes the case with id if its stored version is version: [ErrConflict] if
	// not, [ErrNotFound] if there is no such case.
	Delete(ctx context.Context, id ID, version int64) error
	// List returns the cases that match q, oldest first (by creation time, then ID), a page
	// at a time.
	List(ctx context.Context, q Query) (Page, error)
}

// Query selects cases for [Repository.List]. Zero fields select everything.
type Query struct {
	GridCompany   string    // only this grid company's cases
	Installer     string    // only cases handled by this installer company
	SentOnly      bool      // only cases that have been sent to the grid company
	Statuses      []Status  // only cases in one of these statuses
	CreatedFrom   time.Time // created at or after
	CreatedBefore time.Time // created before
	Limit         int       // page size; 0 means DefaultPageSize, at most MaxPageSize
	After         Cursor    // continue after this cursor (from Page.Next)
}

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// Cursor marks a position in a listing: the creation time and ID of the last case of a page.
type Cursor struct {
	CreatedAt time.Time // creation time of the page's last case
	ID        ID        // ID of the page's last case
}

// IsZero reports whether the cursor is the start of the listing.
func (c Cursor) IsZero() bool { return c.CreatedAt.IsZero() && c.ID == "" }

// Page is one page of a listing; Next is zero on the last page.
type Page struct {
	Cases []*Case // the page's cases, the caller's own copies
	Next  Cursor  // cursor for the next page; zero on the last
}

// limit returns the page size q asks for, within bounds.
func (q Query) limit() int {
	switch {
	case q.Limit <= 0:
		return DefaultPageSize
	case q.Limit > MaxPageSize:
		return MaxPageSize
	}
	return q.Limit
}

// Matches reports whether c is selected by q, ignoring paging; repository implementations
// may use it.
func (q Query) Matches(c *Case) bool { return q.matches(c.listing()) }

// listing is what a listing filters and sorts on: the columns a store keeps in clear.
type listing struct {
	id          ID
	gridCompany string
	installer   string
	status      Status
	sent        bool
	createdAt   time.Time
	version     int64
}

func (c *Case) listing() listing {
	return listing{id: c.id, gridCompany: c.gridCompany, installer: c.handler.Organisation,
		status: c.status, sent: c.wasSubmitted(), createdAt: c.createdAt, version: c.version}
}

func (q Query) matches(l listing) bool {
	switch {
	case q.GridCompany != "" && l.gridCompany != q.GridCompany,
		q.Installer != "" && l.installer != q.Installer,
		len(q.Statuses) > 0 && !slices.Contains(q.Statuses, l.status),
		q.SentOnly && !l.sent,
		!q.CreatedFrom.IsZero() && l.createdAt.Before(q.CreatedFrom),
		!q.CreatedBefore.IsZero() && !l.createdAt.Before(q.CreatedBefore):
		return false
	}
	return q.After.IsZero() || cursorLess(q.After, l.createdAt, l.id)
}

// cursorLess reports whether (at, id) comes after cursor k in listing order.
func cursorLess(k Cursor, at time.Time, id ID) bool {
	if !at.Equal(k.CreatedAt) {
		return at.After(k.CreatedAt)
	}
	return id > k.ID
}
