package merge

import "iter"

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
