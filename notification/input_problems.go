package notification

import "github.com/gridnotify/gridnotify/validate"

// problems collects what is wrong with an input, field by field, so that one answer names
// every malformed field at once.
type problems []validate.Problem

// add records err, if any, as the problem of the field at path.
func (ps *problems) add(path string, err error) {
	if err != nil {
		*ps = append(*ps, problemsOfAt(path, err)...)
	}
}

// text checks a free text of the field at path (see cleanText) and returns it cleaned.
func (ps *problems) text(path, s string, multiline bool, max int) string {
	t, err := cleanText(path, s, multiline, max)
	ps.add(path, err)
	return t
}

// err returns the collected problems as one [validate.InvalidError], or nil.
func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return validate.Invalid(ps...)
}

// problemsOfAt returns err's problems: a [validate.InvalidError]'s own, or one for the field
// at path built from a parser's error.
func problemsOfAt(path string, err error) []validate.Problem {
	if ps := problemsOf(err); len(ps) != 1 || ps[0].Path != "" {
		return ps
	}
	return problemsOf(invalidErr(path, err))
}
