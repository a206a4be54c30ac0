package privacy

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Outcome is whether a reveal was allowed.
type Outcome string

// The outcomes an access log records.
const (
	Allowed Outcome = "allowed"
	Denied  Outcome = "denied"
)

// AccessEntry is one line of the access log: who asked to see which fields of which case,
// when, why, and whether they were let through. It holds IDs, field paths and the purpose —
// never the personal values themselves — so the log is safe to keep and review.
type AccessEntry struct {
	At           time.Time `json:"at"`           // when the reveal was asked for
	Actor        string    `json:"actor"`        // opaque user ID
	Organisation string    `json:"organisation"` // the actor's organisation
	CaseID       string    `json:"caseId"`       // the case's opaque ID
	Fields       []string  `json:"fields"`       // JSON paths, e.g. "owner.personalNumber"
	Purpose      Purpose   `json:"purpose"`      // why the actor asked
	Outcome      Outcome   `json:"outcome"`      // allowed or denied
}

// AccessLog is the port through which every reveal, allowed or denied, is recorded.
// Implementations must be safe for concurrent use. A reveal whose entry cannot be recorded
// does not happen.
type AccessLog interface {
	// Record appends e to the log; an error means the reveal must not happen.
	Record(ctx context.Context, e AccessEntry) error
}

// AccessQuery selects entries for review. Zero fields select everything.
type AccessQuery struct {
	Actor  string    // only this opaque user ID
	CaseID string    // only this case
	From   time.Time // at or after
	To     time.Time // before
}

// matches reports whether e is selected by q.
func (q AccessQuery) matches(e AccessEntry) bool {
	return (q.Actor == "" || e.Actor == q.Actor) &&
		(q.CaseID == "" || e.CaseID == q.CaseID) &&
		(q.From.IsZero() || !e.At.Before(q.From)) &&
		(q.To.IsZero() || e.At.Before(q.To))
}

// MemoryAccessLog is the in-memory [AccessLog], the embedded default. It is safe for
// concurrent use and keeps its own copies of the entries.
type MemoryAccessLog struct {
	mu      sync.RWMutex
	entries []AccessEntry
}

// NewMemoryAccessLog returns an empty log.
func NewMemoryAccessLog() *MemoryAccessLog { return &MemoryAccessLog{} }

// Record appends a copy of e.
func (l *MemoryAccessLog) Record(ctx context.Context, e AccessEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	e.Fields = slices.Clone(e.Fields)
	l.mu.Lock()
	defer l.mu.Unlock()
	// Keep the entries ordered by At (stable for equal times), so Query can return them oldest
	// first: concurrent callers take At before they get the lock, so they may arrive out of
	// order. The usual case, an entry newer than the last, is an append.
	if n := len(l.entries); n == 0 || !e.At.Before(l.entries[n-1].At) {
		l.entries = append(l.entries, e)
		return nil
	}
	i, _ := slices.BinarySearchFunc(l.entries, e.At, func(x AccessEntry, at time.Time) int {
		if x.At.After(at) {
			return 1
		}
		return -1 // equal times sort before e: e goes after them
	})
	l.entries = slices.Insert(l.entries, i, e)
	return nil
}

// Query returns copies of the entries that q selects, oldest first: who read what, when.
func (l *MemoryAccessLog) Query(q AccessQuery) []AccessEntry {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []AccessEntry
	for _, e := range l.entries {
		if q.matches(e) {
			e.Fields = slices.Clone(e.Fields)
			out = append(out, e)
		}
	}
	return out
}

// Len returns the number of entries.
func (l *MemoryAccessLog) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.entries)
}
