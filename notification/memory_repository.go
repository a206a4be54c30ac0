package notification

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/gridnotify/gridnotify/privacy"
)

// MemoryRepository is the in-memory [Repository], the embedded default. It is safe for
// concurrent use and keeps its own copies: mutating a case passed to it or returned by it
// changes nothing stored. Get, Create, Update and Delete take constant time whatever the
// number of cases; List scans every case, which suits a default and tests, not millions of
// listings.
//
// Configured with a [Codec] ([WithCodec]) it keeps every case as the codec's document, with
// personal values sealed, as an encrypting store would, and indexes identity numbers by
// keyed token only ([MemoryRepository.FindByToken]).
type MemoryRepository struct {
	codec *Codec

	mu      sync.RWMutex
	entries map[ID]*memoryEntry
	byToken map[privacy.Token]map[ID]struct{}
}

// memoryEntry is one stored case: a deep copy, or the codec's sealed document, plus the
// columns List filters on.
type memoryEntry struct {
	c      *Case
	doc    []byte
	tokens []privacy.Token
	meta   listing
}

// MemoryOption configures a [MemoryRepository].
type MemoryOption func(*MemoryRepository)

// WithCodec makes the repository store sealed documents written by c.
func WithCodec(c *Codec) MemoryOption {
	return func(r *MemoryRepository) { r.codec = c }
}

// NewMemoryRepository returns an empty repository.
func NewMemoryRepository(opts ...MemoryOption) *MemoryRepository {
	r := &MemoryRepository{entries: make(map[ID]*memoryEntry), byToken: make(map[privacy.Token]map[ID]struct{})}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Len returns the number of stored cases.
func (r *MemoryRepository) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.entries)
}

// entryFor builds what is stored for c at version v, outside the lock.
func (r *MemoryRepository) entryFor(c *Case, v int64) (*memoryEntry, error) {
	stored := c.Clone()
	stored.version = v
	meta := c.listing()
	meta.version = v
	if r.codec == nil {
		return &memoryEntry{c: stored, meta: meta}, nil
	}
	snap := stored.Snapshot()
	doc, err := r.codec.Encode(snap)
	if err != nil {
		return nil, err
	}
	return &memoryEntry{doc: doc, tokens: r.codec.Tokens(snap), meta: meta}, nil
}

// load returns a fresh copy of the entry's case.
func (r *MemoryRepository) load(e *memoryEntry) (*Case, error) {
	if e.c != nil {
		return e.c.Clone(), nil
	}
	snap, err := r.codec.Decode(e.doc)
	if err != nil {
		return nil, err
	}
	return RestoreCase(snap)
}

// Get returns a copy of the case with id, or [ErrNotFound].
func (r *MemoryRepository) Get(ctx context.Context, id ID) (*Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	e, ok := r.entries[id]
	r.mu.RUnlock()
	if !ok {
		return nil, ErrNotFound
	}
	return r.load(e) // entries are never changed in place, so reading outside the lock is safe
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
	e, err := r.entryFor(c, 1)
	if err != nil {
		return 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.entries[c.id]; ok {
		return 0, ErrExists
	}
	r.put(c.id, e)
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
	e, err := r.entryFor(c, c.version+1) // outside the lock: copying and sealing are the slow part
	if err != nil {
		return 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.entries[c.id]
	switch {
	case !ok:
		return 0, ErrNotFound
	case old.meta.version != c.version:
		return 0, ErrConflict
	}
	r.unindex(c.id, old)
	r.put(c.id, e)
	return e.meta.version, nil
}

// Delete removes the case with id if its stored version is version.
func (r *MemoryRepository) Delete(ctx context.Context, id ID, version int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.entries[id]
	switch {
	case !ok:
		return ErrNotFound
	case old.meta.version != version:
		return ErrConflict
	}
	r.unindex(id, old)
	delete(r.entries, id)
	return nil
}

// put stores e under id and indexes its tokens; the caller holds the lock.
func (r *MemoryRepository) put(id ID, e *memoryEntry) {
	r.entries[id] = e
	for _, t := range e.tokens {
		if r.byToken[t] == nil {
			r.byToken[t] = make(map[ID]struct{})
		}
		r.byToken[t][id] = struct{}{}
	}
}

// unindex removes e's tokens for id; the caller holds the lock.
func (r *MemoryRepository) unindex(id ID, e *memoryEntry) {
	for _, t := range e.tokens {
		delete(r.byToken[t], id)
		if len(r.byToken[t]) == 0 {
			delete(r.byToken, t)
		}
	}
}

// FindByToken returns the IDs of the cases holding the identity number whose keyed token is
// t, sorted. Only a repository configured with a [Codec] indexes tokens; without one it
// finds nothing.
func (r *MemoryRepository) FindByToken(ctx context.Context, t privacy.Token) ([]ID, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var ids []ID
	for id := range r.byToken[t] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// List returns copies of the cases that match q, oldest first, a page at a time.
func (r *MemoryRepository) List(ctx context.Context, q Query) (Page, error) {
	if err := ctx.Err(); err != nil {
		return Page{}, err
	}
	r.mu.RLock()
	var hits []*memoryEntry
	for _, e := range r.entries {
		if q.matches(e.meta) {
			hits = append(hits, e)
		}
	}
	r.mu.RUnlock()
	slices.SortFunc(hits, func(a, b *memoryEntry) int {
		return cmp.Or(a.meta.createdAt.Compare(b.meta.createdAt), cmp.Compare(a.meta.id, b.meta.id))
	})
	limit := q.limit()
	var page Page
	if len(hits) > limit {
		last := hits[limit-1].meta
		page.Next = Cursor{CreatedAt: last.createdAt, ID: last.id}
		hits = hits[:limit]
	}
	page.Cases = make([]*Case, len(hits))
	for i, e := range hits {
		c, err := r.load(e)
		if err != nil {
			return Page{}, err
		}
		page.Cases[i] = c
	}
	return page, nil
}
