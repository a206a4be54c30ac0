package facility

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/gridnotify/gridnotify/privacy"
)

// Errors returned when loading a [Registry].
var (
	// ErrDuplicate means two records have the same facility ID (in
	// NewRegistry) or the same meter number.
	ErrDuplicate = errors.New("facility: duplicate facility ID or meter number")
	// ErrMissingID means a record has no facility ID.
	ErrMissingID = errors.New("facility: record has no facility ID")
)

// Registry is the in-memory [Lookup]: the embedded default and the test
// double for a grid company's register. It is safe for concurrent use.
//
// Records are kept in a slice indexed by facility ID and by meter number,
// so Find is O(1) whatever the size and does not allocate. Every record is
// stored withheld ([Record.Withhold]): identity numbers given to it are
// dropped at once, not merely hidden on the way out.
//
// The zero Registry is not usable; call [NewRegistry].
type Registry struct {
	mu      sync.RWMutex
	records []Record
	byID    map[EAN]int
	byMeter map[MeterNumber]int // only records with a meter number
}

// NewRegistry returns a registry holding records. It fails — wrapping
// ErrMissingID, ErrDuplicate or a *privacy.ParseError — if a record has no facility
// ID, if two records share a facility ID or a meter number, or if a meter
// number is not in the canonical form [ParseMeterNumber] returns (such a
// record could never be found). Errors name the record by its position,
// never by its content.
func NewRegistry(records ...Record) (*Registry, error) {
	r := &Registry{
		records: make([]Record, 0, len(records)),
		byID:    make(map[EAN]int, len(records)),
		byMeter: make(map[MeterNumber]int, len(records)),
	}
	for i, rec := range records {
		if _, dup := r.byID[rec.ID]; dup && !rec.ID.IsZero() {
			return nil, fmt.Errorf("facility: record %d repeats a facility ID: %w", i, ErrDuplicate)
		}
		if err := r.put(rec); err != nil {
			return nil, fmt.Errorf("facility: record %d: %w", i, err)
		}
	}
	return r, nil
}

// Put adds rec, or replaces the record with the same facility ID, keeping
// the meter-number index right. It stores rec.Withhold(). It fails wrapping
// ErrMissingID if rec has no ID, ErrDuplicate if another facility has the
// same meter number, or a *privacy.ParseError if the meter number is not canonical;
// the registry is then unchanged.
func (r *Registry) Put(rec Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.put(rec)
}

// put is Put without the lock.
func (r *Registry) put(rec Record) error {
	if rec.ID.IsZero() {
		return ErrMissingID
	}
	if m := rec.MeterNumber; m != "" {
		canon, err := ParseMeterNumber(string(m))
		if err != nil {
			return err
		}
		if canon != m {
			return KindMeterNumber.Wrap(privacy.ErrSyntax)
		}
	}
	rec = rec.Withhold()
	i, exists := r.byID[rec.ID]
	if rec.MeterNumber != "" {
		if j, taken := r.byMeter[rec.MeterNumber]; taken && (!exists || j != i) {
			return ErrDuplicate
		}
	}
	if exists {
		if old := r.records[i].MeterNumber; old != "" {
			delete(r.byMeter, old)
		}
		r.records[i] = rec
	} else {
		i = len(r.records)
		r.records = append(r.records, rec)
		r.byID[rec.ID] = i
	}
	if rec.MeterNumber != "" {
		r.byMeter[rec.MeterNumber] = i
	}
	return nil
}

// Delete removes the facility with the given ID and reports whether it was
// there.
func (r *Registry) Delete(id EAN) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	i, ok := r.byID[id]
	if !ok {
		return false
	}
	if m := r.records[i].MeterNumber; m != "" {
		delete(r.byMeter, m)
	}
	delete(r.byID, id)
	// Move the last record into the hole so the slice stays dense.
	last := len(r.records) - 1
	if i != last {
		moved := r.records[last]
		r.records[i] = moved
		r.byID[moved.ID] = i
		if moved.MeterNumber != "" {
			r.byMeter[moved.MeterNumber] = i
		}
	}
	r.records[last] = Record{}
	r.records = r.records[:last]
	return true
}

// Len returns the number of facilities held.
func (r *Registry) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.records)
}

// Find implements [Lookup]; see its contract. It is O(1) and does not
// allocate. The errors it returns also have a Swedish() string method for
// the installer's UI.
func (r *Registry) Find(ctx context.Context, q Query) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	if q.IsZero() {
		return Record{}, errEmptyQuery
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if !q.ID.IsZero() {
		i, ok := r.byID[q.ID]
		if !ok {
			return Record{}, errNoSuchID
		}
		if q.MeterNumber != "" && r.records[i].MeterNumber != q.MeterNumber {
			return Record{}, errMismatch
		}
		return r.records[i], nil
	}
	i, ok := r.byMeter[q.MeterNumber]
	if !ok {
		return Record{}, errNoSuchMeter
	}
	return r.records[i], nil
}

// Compile-time check that Registry is a Lookup.
var _ Lookup = (*Registry)(nil)
