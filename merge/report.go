package merge

import (
	"encoding/json"
	"fmt"
	"iter"
)

// Report says what an operation did to every field of a [Form]. It is a value without
// pointers, so returning it allocates nothing.
type Report struct {
	outcomes [NumFields]Outcome
}

// set records the outcome of one field; for a withheld field that the source had no value
// for, it records why ([Withheld]).
func (r *Report) set(f Field, o Outcome) {
	if o == NotReturned && f.Withheld() {
		o = Withheld
	}
	r.outcomes[f] = o
}

// Outcome returns what happened to f ([Untouched] for an unknown field).
func (r Report) Outcome(f Field) Outcome {
	if !f.Valid() {
		return Untouched
	}
	return r.outcomes[f]
}

// All yields every field with its outcome, in field order, skipping [Untouched] ones.
func (r Report) All() iter.Seq2[Field, Outcome] {
	return func(yield func(Field, Outcome) bool) {
		for i, o := range r.outcomes {
			if o != Untouched && !yield(Field(i), o) {
				return
			}
		}
	}
}

// Count returns how many fields had outcome o.
func (r Report) Count(o Outcome) int {
	n := 0
	for _, x := range r.outcomes {
		if x == o {
			n++
		}
	}
	return n
}

// Changed reports whether the operation changed any field.
func (r Report) Changed() bool {
	for _, o := range r.outcomes {
		if o.Changed() {
			return true
		}
	}
	return false
}

// MarshalJSON writes the report as an object from field path to outcome code, leaving out the
// untouched fields: {"facility.meterNumber": "filled", "owner.personalNumber": "withheld"}.
func (r Report) MarshalJSON() ([]byte, error) {
	m := make(map[string]Outcome)
	for f, o := range r.All() {
		m[f.Path()] = o
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes; an unknown path or outcome is an error.
func (r *Report) UnmarshalJSON(data []byte) error {
	var m map[string]Outcome
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	var out Report
	for path, o := range m {
		f, ok := FieldByPath(path)
		if !ok {
			return fmt.Errorf("merge: report: unknown field %q", path)
		}
		out.outcomes[f] = o
	}
	*r = out
	return nil
}
