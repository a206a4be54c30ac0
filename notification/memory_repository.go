package notification

import (
	"cmp"
	"context"
	"crypto/rand"
	"slices"
	"sync"

	"github.com/google/btree"

	"github.com/gridnotify/gridnotify/privacy"
)

// SnapshotCodec turns a snapshot into bytes and back. Package sealed's Codec, which seals
// every personal value, is one; [WithCodec] makes a [MemoryRepository] keep its cases so.
type SnapshotCodec interface {
	// Encode writes s.
	Encode(s Snapshot) ([]byte, error)
	// Decode reads what Encode wrote.
	Decode(data []byte) (Snapshot, error)
}

// MemoryRepository is the in-memory [Repository], the embedded default. It is safe for
// concurrent use and keeps its own copies: mutating a case passed to it or returned by it
// changes nothing stored.
//
// Get, Create, Update and Delete cost the same whatever the number of cases (a map, and
// B-tree indexes in O(log n)); a listing page costs what its page costs, not what the store
// holds: the installer's list and the grid company's inbox are indexed by company, and by
// company and status, in listing order. It implements [PersonFinder] through an index of keyed
// tokens ([WithTokenizer]; a random key by default), so it never holds an identity number as a
// key.
//
// Configured with a codec ([WithCodec]) it keeps every case as the codec's document, as an
// encrypting store would.
type MemoryRepository struct {
	codec  SnapshotCodec
	tokens *privacy.Tokenizer

	mu      sync.RWMutex
	entries map[ID]*memoryEntry
	indexes map[indexKey]*btree.BTreeG[*memoryEntry]
	persons map[privacy.Token]map[ID]struct{}
	events  []Event            // the feed; events[i].Seq == i+1
	byOrg   map[string][]int64 // the Seqs of each installer or grid company's events, for the feeds
}

// memoryEntry is one stored case: a deep copy, or the codec's document, plus its listing
// columns and person tokens. An entry is never changed once stored; an update replaces it.
type memoryEntry struct {
	c      *Case
	doc    []byte
	tokens []privacy.Token
	meta   Listing
}

// indexKey names one listing index: every case (the zero key), an installer company's or a
// grid company's, each also by status; and the grid company's inbox, its sent cases only (sent
// set), also by status, so that a grid company's inbox never walks the drafts addressed to it.
type indexKey struct {
	installer, gridCompany string
	status                 Status
	sent                   bool
}

// MemoryOption configures a [MemoryRepository].
type MemoryOption func(*MemoryRepository)

// WithCodec makes the repository store each case as the document c writes.
func WithCodec(c SnapshotCodec) MemoryOption {
	return func(r *MemoryRepository) { r.codec = c }
}

// WithTokenizer makes the person index use t's key (by default a random key of the
// repository's own).
func WithTokenizer(t *privacy.Tokenizer) MemoryOption {
	return func(r *MemoryRepository) { r.tokens = t }
}

// NewMemoryRepository returns an empty repository.
func NewMemoryRepository(opts ...MemoryOption) *MemoryRepository {
	r := &MemoryRepository{
		entries: make(map[ID]*memoryEntry),
		indexes: make(map[indexKey]*btree.BTreeG[*memoryEntry]),
		persons: make(map[privacy.Token]map[ID]struct{}),
		byOrg:   make(map[string][]int64),
	}
	for _, o := range opts {
		o(r)
	}
	if r.tokens == nil {
		key := make([]byte, privacy.MinTokenKeySize)
		_, _ = rand.Read(key) // crypto/rand.Read never fails on supported platforms
		r.tokens, _ = privacy.NewTokenizer(key)
	}
	return r
}

// Len returns the number of stored cases.
func (r *MemoryRepository) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.entries)
}

// entryFor builds what is stored for c at version v, outside the lock: the slow part.
func (r *MemoryRepository) entryFor(c *Case, v int64) (*memoryEntry, error) {
	s := c.s.clone()
	s.Version = v
	e := &memoryEntry{meta: s.Listing(), tokens: s.PersonTokens(r.tokens)}
	if r.codec == nil {
		e.c = &Case{state{s: s}}
		return e, nil
	}
	doc, err := r.codec.Encode(s)
	if err != nil {
		return nil, err
	}
	e.doc = doc
	return e, nil
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
	if c == nil || c.s.ID == "" {
		return 0, invalid("case", "missing or without ID", "saknas eller saknar ID")
	}
	if c.s.Version != 0 {
		return 0, invalid("case.version", "a new case has version 0", "ett nytt ärende har version 0")
	}
	e, err := r.entryFor(c, 1)
	if err != nil {
		return 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.entries[c.s.ID]; ok {
		return 0, ErrExists
	}
	r.put(e)
	r.appendEvents(c.PendingEvents())
	return 1, nil
}

// Update stores a copy of c if the stored version is c.Version(); see [Repository.Update].
func (r *MemoryRepository) Update(ctx context.Context, c *Case) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if c == nil {
		return 0, invalid("case", "missing", "saknas")
	}
	e, err := r.entryFor(c, c.s.Version+1)
	if err != nil {
		return 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.entries[c.s.ID]
	switch {
	case !ok:
		return 0, ErrNotFound
	case old.meta.Version != c.s.Version:
		return 0, ErrConflict
	}
	r.remove(old)
	r.put(e)
	r.appendEvents(c.PendingEvents())
	return e.meta.Version, nil
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
	case old.meta.Version != version:
		return ErrConflict
	}
	r.remove(old)
	return nil
}

// keysOf returns the listing indexes an entry belongs to.
func keysOf(l Listing) []indexKey {
	keys := []indexKey{
		{},
		{status: l.Status},
		{installer: l.Installer},
		{installer: l.Installer, status: l.Status},
		{gridCompany: l.GridCompany},
		{gridCompany: l.GridCompany, status: l.Status},
	}
	if l.Sent {
		keys = append(keys, indexKey{gridCompany: l.GridCompany, sent: true},
			indexKey{gridCompany: l.GridCompany, status: l.Status, sent: true})
	}
	return keys
}

// listingLess is the listing order: creation time, then ID.
func listingLess(a, b *memoryEntry) bool {
	return cmp.Or(a.meta.CreatedAt.Compare(b.meta.CreatedAt), cmp.Compare(a.meta.ID, b.meta.ID)) < 0
}

// put stores e and indexes it; the caller holds the lock.
func (r *MemoryRepository) put(e *memoryEntry) {
	r.entries[e.meta.ID] = e
	for _, k := range keysOf(e.meta) {
		t := r.indexes[k]
		if t == nil {
			t = btree.NewG(16, listingLess)
			r.indexes[k] = t
		}
		t.ReplaceOrInsert(e)
	}
	for _, t := range e.tokens {
		if r.persons[t] == nil {
			r.persons[t] = make(map[ID]struct{})
		}
		r.persons[t][e.meta.ID] = struct{}{}
	}
}

// remove drops e and its index entries; the caller holds the lock.
func (r *MemoryRepository) remove(e *memoryEntry) {
	delete(r.entries, e.meta.ID)
	for _, k := range keysOf(e.meta) {
		if t := r.indexes[k]; t != nil {
			t.Delete(e) // an empty index stays: the next case of that company or status reuses it
		}
	}
	for _, t := range e.tokens {
		delete(r.persons[t], e.meta.ID)
		if len(r.persons[t]) == 0 {
			delete(r.persons, t)
		}
	}
}

// FindPerson returns the IDs of the cases holding the personal identity number pn (as a
// private person or as a sole trader), sorted; see [PersonFinder].
func (r *MemoryRepository) FindPerson(ctx context.Context, pn privacy.PersonalIdentityNumber) ([]ID, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var ids []ID
	for _, t := range PersonTokens(r.tokens, pn) {
		for id := range r.persons[t] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// List returns copies of the cases that match q, oldest first, a page at a time. It reads
// the narrowest index the query allows (the installer's or the grid company's, by status when
// the query names statuses) from the cursor on, so a page costs the same among a thousand
// cases as among a million.
func (r *MemoryRepository) List(ctx context.Context, q Query) (Page, error) {
	if err := ctx.Err(); err != nil {
		return Page{}, err
	}
	limit := q.PageSize()
	r.mu.RLock()
	hits := r.scan(q, limit+1)
	r.mu.RUnlock()
	var page Page
	if len(hits) > limit {
		page.Next = CursorAfter(hits[limit-1].meta)
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

// scan returns up to n entries that match q in listing order; the caller holds the lock.
func (r *MemoryRepository) scan(q Query, n int) []*memoryEntry {
	var base indexKey
	switch {
	case q.Installer != "":
		base.installer = q.Installer
	case q.GridCompany != "":
		base.gridCompany, base.sent = q.GridCompany, q.SentOnly
	}
	keys := []indexKey{base}
	if len(q.Statuses) > 0 {
		keys = keys[:0]
		for _, s := range slices.Compact(slices.Sorted(slices.Values(q.Statuses))) {
			k := base
			k.status = s
			keys = append(keys, k)
		}
	}
	pivot := &memoryEntry{meta: Listing{CreatedAt: q.CreatedFrom}}
	if !q.After.IsZero() && (q.After.CreatedAt().After(q.CreatedFrom) || q.After.CreatedAt().Equal(q.CreatedFrom)) {
		pivot.meta = Listing{CreatedAt: q.After.CreatedAt(), ID: q.After.ID()}
	}
	var hits []*memoryEntry
	for _, k := range keys {
		t := r.indexes[k]
		if t == nil {
			continue
		}
		found := 0
		t.AscendGreaterOrEqual(pivot, func(e *memoryEntry) bool {
			if !q.CreatedBefore.IsZero() && !e.meta.CreatedAt.Before(q.CreatedBefore) {
				return false
			}
			if q.Matches(e.meta) {
				hits = append(hits, e)
				found++
			}
			return found < n
		})
	}
	if len(keys) > 1 {
		slices.SortFunc(hits, func(a, b *memoryEntry) int {
			return cmp.Or(a.meta.CreatedAt.Compare(b.meta.CreatedAt), cmp.Compare(a.meta.ID, b.meta.ID))
		})
	}
	return hits[:min(len(hits), n)]
}

// appendEvents adds events to the feed in order; the caller holds the lock.
func (r *MemoryRepository) appendEvents(events []Event) {
	for _, e := range events {
		e.Seq = int64(len(r.events) + 1)
		r.events = append(r.events, e)
		r.byOrg["i:"+e.Installer] = append(r.byOrg["i:"+e.Installer], e.Seq)
		r.byOrg["g:"+e.GridCompany] = append(r.byOrg["g:"+e.GridCompany], e.Seq)
	}
}

// Events returns the events q selects in feed order; see [Repository.Events]. It reads the
// installer's or the grid company's own events from the cursor on, not the whole feed.
func (r *MemoryRepository) Events(ctx context.Context, q EventQuery) ([]Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit := q.PageSize()
	r.mu.RLock()
	defer r.mu.RUnlock()
	var seqs []int64
	switch {
	case q.Installer != "":
		seqs = r.byOrg["i:"+q.Installer]
	case q.GridCompany != "":
		seqs = r.byOrg["g:"+q.GridCompany]
	}
	var out []Event
	if seqs == nil && q.Installer == "" && q.GridCompany == "" {
		for i := max(q.After, 0); i < int64(len(r.events)) && len(out) < limit; i++ {
			if q.Matches(r.events[i]) {
				out = append(out, r.events[i])
			}
		}
		return out, nil
	}
	start, _ := slices.BinarySearch(seqs, q.After+1)
	for _, seq := range seqs[start:] {
		if len(out) == limit {
			break
		}
		if e := r.events[seq-1]; q.Matches(e) {
			out = append(out, e)
		}
	}
	return out, nil
}
