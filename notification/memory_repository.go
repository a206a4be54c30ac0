package notification

import (
	"cmp"
	"context"
	"slices"
	"sync"
)

// MemoryRepository is the in-memory [Repository], the embedded default. It is safe for
// concurrent use and keeps its own deep copies: mutating a case passed to it or returned by
// it changes nothing stored. Get, Create, Update and Delete take constant time whatever the
// number of cases; List scans every case, which suits a default and tests, not millions of
// listings.
type MemoryRepository struct {
	mu    sync.RWMutex
	cases map[ID]*Case
}

// NewMemoryRepository returns an empty repository.
func NewMemoryRepository() *MemoryRepository {
	return &MemoryRepository{cases: make(map[ID]*Case)}
}

// Len returns the number of stored cases.
func (r *MemoryRepository) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.cases)
}

// Get returns a copy of the case with id, or [ErrNotFound].
func (r *MemoryRepository) Get(ctx context.Context, id ID) (*Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.cases[id]
	if !ok {
		return nil, ErrNotFound
	}
	return c.Clone(), nil
}

// Create stores a copy of c as version 1; see [Repository.Create].
func (r *MemoryRepository) Create(ctx context.Context, c *Case) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if c == nil || c.id == "" {
		return 0, invalidArgument("case", "missing or without ID")
	}
	if c.version != 0 {
		return 0, invalidArgument("case.version", "a new case has version 0")
	}
	stored := c.Clone()
	stored.version = 1
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.cases[c.id]; ok {
		return 0, ErrExists
	}
	r.cases[c.id] = stored
	return 1, nil
}

// Update stores a copy of c if the stored version is c.Version(); see [Repository.Update].
func (r *MemoryRepository) Update(ctx context.Context, c *Case) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if c == nil {
		return 0, invalidArgument("case", "missing")
	}
	stored := c.Clone() // outside the lock: copying is the slow part
	stored.version = c.version + 1
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.cases[c.id]
	switch {
	case !ok:
		return 0, ErrNotFound
	case old.version != c.version:
		return 0, ErrConflict
	}
	r.cases[c.id] = stored
	return stored.version, nil
}

// Delete removes the case with id if its stored version is version.
func (r *MemoryRepository) Delete(ctx context.Context, id ID, version int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.cases[id]
	switch {
	case !ok:
		return ErrNotFound
	case old.version != version:
		return ErrConflict
	}
	delete(r.cases, id)
	return nil
}

// List returns copies of the cases that match q, oldest first, a page at a time.
func (r *MemoryRepository) List(ctx context.Context, q Query) (Page, error) {
	if err := ctx.Err(); err != nil {
		return Page{}, err
	}
	r.mu.RLock()
	var hits []*Case
	for _, c := range r.cases {
		if q.Matches(c) {
			hits = append(hits, c)
		}
	}
	slices.SortFunc(hits, func(a, b *Case) int {
		return cmp.Or(a.createdAt.Compare(b.createdAt), cmp.Compare(a.id, b.id))
	})
	limit := q.limit()
	var page Page
	if len(hits) > limit {
		last := hits[limit-1]
		page.Next = Cursor{CreatedAt: last.createdAt, ID: last.id}
		hits = hits[:limit]
	}
	page.Cases = make([]*Case, len(hits))
	for i, c := range hits {
		page.Cases[i] = c.Clone()
	}
	r.mu.RUnlock()
	return page, nil
}
