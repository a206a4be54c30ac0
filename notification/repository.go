package notification

import (
	"context"
	"slices"
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// Repository stores cases and the events of their changes. Implementations must be safe for
// concurrent use and must never share memory with callers: a case passed in or handed out is
// the caller's own copy. Package notificationtest has a conformance suite every implementation
// should pass.
//
// A case's events are stored with the case: Create and Update store the case's pending events
// ([Case.PendingEvents]) in the same transaction as the case — a transactional outbox — so
// that a change without its event, or an event without its change, cannot happen. A write that
// fails stores none of them.
//
// A repository may offer more through optional interfaces, which the [Service] uses when
// present: [PersonFinder] finds a person's cases by an index instead of a scan.
type Repository interface {
	// Get returns the case with id, or an error matching [ErrNotFound].
	Get(ctx context.Context, id ID) (*Case, error)
	// Create stores a new case, whose Version must be 0, as version 1, with its pending
	// events, and returns 1. A case with the same ID already stored is [ErrExists].
	Create(ctx context.Context, c *Case) (version int64, err error)
	// Update stores c and its pending events if the stored version is still c.Version() and
	// returns the new version, c.Version()+1. A stale version is [ErrConflict] (no lost
	// update), a missing case [ErrNotFound].
	Update(ctx context.Context, c *Case) (version int64, err error)
	// Delete removes the case with id if its stored version is version: [ErrConflict] if
	// not, [ErrNotFound] if there is no such case.
	Delete(ctx context.Context, id ID, version int64) error
	// List returns the cases that match q, oldest first (by creation time, then ID), a page
	// at a time.
	List(ctx context.Context, q Query) (Page, error)
	// Events returns the stored events that q selects, in the order they were stored (by
	// Seq, which the store assigns, increasing), at most q's page size. An event stays when
	// its case is deleted.
	Events(ctx context.Context, q EventQuery) ([]Event, error)
}

// EventQuery selects events for [Repository.Events]. Zero fields select everything.
type EventQuery struct {
	After       int64  `json:"after,omitempty"`       // only events with a Seq above it: the last Seq a consumer saw
	Limit       int    `json:"limit,omitempty"`       // at most this many; 0 means DefaultPageSize, at most MaxPageSize
	Installer   string `json:"installer,omitempty"`   // only events of this installer company's cases
	GridCompany string `json:"gridCompany,omitempty"` // only events of this grid company's cases
	SentOnly    bool   `json:"sentOnly,omitempty"`    // only events that happened once the case was sent
	CaseID      ID     `json:"caseId,omitempty"`      // only this case's events
}

// PageSize returns the number of events q asks for, within bounds.
func (q EventQuery) PageSize() int { return Query{Limit: q.Limit}.PageSize() }

// Matches reports whether q selects e, the cursor included; repository implementations may
// use it.
func (q EventQuery) Matches(e Event) bool {
	return e.Seq > q.After &&
		(q.Installer == "" || e.Installer == q.Installer) &&
		(q.GridCompany == "" || e.GridCompany == q.GridCompany) &&
		(!q.SentOnly || e.Sent) &&
		(q.CaseID == "" || e.CaseID == q.CaseID)
}

// PersonFinder is implemented by a [Repository] that indexes its cases by the identity
// numbers of their parties, as keyed tokens ([Snapshot.PersonTokens]), never the numbers
// themselves. The Service's data-subject requests ([Service.ExportPerson],
// [Service.ErasePerson]) then read only the person's cases; without it they read the actor's
// organisation's cases and look for the person in each.
type PersonFinder interface {
	// FindPerson returns the IDs of the cases whose owner or payer carries pn, as a private
	// person or as a sole trader (the tokens of [PersonTokens]), in any order and without
	// duplicates.
	FindPerson(ctx context.Context, pn privacy.PersonalIdentityNumber) ([]ID, error)
}

// Query selects cases for [Repository.List]. Zero fields select everything.
type Query struct {
	GridCompany   string    `json:"gridCompany,omitempty"`  // only this grid company's cases
	Installer     string    `json:"installer,omitempty"`    // only cases handled by this installer company
	SentOnly      bool      `json:"sentOnly,omitempty"`     // only cases that have been sent to the grid company
	Statuses      []Status  `json:"statuses,omitempty"`     // only cases in one of these statuses
	CreatedFrom   time.Time `json:"createdFrom,omitzero"`   // created at or after
	CreatedBefore time.Time `json:"createdBefore,omitzero"` // created before
	Limit         int       `json:"limit,omitempty"`        // page size; 0 means DefaultPageSize, at most MaxPageSize
	After         Cursor    `json:"after,omitzero"`         // continue after this cursor (from Page.Next)
}

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// Page is one page of a listing; Next is zero on the last page.
type Page struct {
	Cases []*Case `json:"cases"`         // the page's cases, the caller's own copies
	Next  Cursor  `json:"next,omitzero"` // cursor for the next page; zero on the last
}

// PageSize returns the page size q asks for, within bounds: what a repository returns at most.
func (q Query) PageSize() int {
	switch {
	case q.Limit <= 0:
		return DefaultPageSize
	case q.Limit > MaxPageSize:
		return MaxPageSize
	}
	return q.Limit
}

// Matches reports whether a case with listing columns l is selected by q, the cursor
// included; repository implementations may use it.
func (q Query) Matches(l Listing) bool {
	switch {
	case q.GridCompany != "" && l.GridCompany != q.GridCompany,
		q.Installer != "" && l.Installer != q.Installer,
		len(q.Statuses) > 0 && !slices.Contains(q.Statuses, l.Status),
		q.SentOnly && !l.Sent,
		!q.CreatedFrom.IsZero() && l.CreatedAt.Before(q.CreatedFrom),
		!q.CreatedBefore.IsZero() && !l.CreatedAt.Before(q.CreatedBefore):
		return false
	}
	return q.After.IsZero() || q.After.Before(l.CreatedAt, l.ID)
}
