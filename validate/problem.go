package validate

import (
	"errors"
	"strings"
)

// ErrIncomplete is matched (with errors.Is) by the error returned when a case lacks mandatory
// fields; the error is an [*IncompleteError] holding the full list.
var ErrIncomplete = errors.New("validate: the notification is incomplete")

// ErrInvalid is matched (with errors.Is) by the error [Struct] returns for malformed input; the
// error is an [*InvalidError] holding the full list.
var ErrInvalid = errors.New("validate: the input is not well-formed")

// Code says what kind of problem a [Problem] is.
type Code string

// The problem codes.
const (
	// CodeRequired: a mandatory field is empty.
	CodeRequired Code = "required"
	// CodeWithheld: a mandatory field is empty that the grid company's lookup withholds for
	// privacy reasons; only the customer can supply it.
	CodeWithheld Code = "withheld"
	// CodeFormat: a field's value is not well-formed.
	CodeFormat Code = "format"
)

// Problem is one thing wrong with a notification or an input. It names the field and says
// what is wrong in Swedish and English, and it never holds the field's value.
type Problem struct {
	Path    string `json:"path"`    // JSON path, e.g. "owner.personalNumber"
	Label   string `json:"label"`   // Swedish label as the form shows it, e.g. "Personnr."
	Code    Code   `json:"code"`    // what kind of problem
	Tag     string `json:"tag"`     // the validation tag that failed, for CodeFormat
	Swedish string `json:"swedish"` // message for a person, in Swedish
	English string `json:"english"` // message for a person, in English
}

// String returns the problem in English, with the path.
func (p Problem) String() string { return p.Path + ": " + p.English }

// IncompleteError lists the mandatory fields a case lacks. It matches [ErrIncomplete].
type IncompleteError struct {
	Problems []Problem // one per missing mandatory field
}

// Error lists the missing fields' paths; it holds no values.
func (e *IncompleteError) Error() string {
	return "validate: the notification is incomplete: " + joinPaths(e.Problems)
}

// Is makes errors.Is(err, ErrIncomplete) true.
func (e *IncompleteError) Is(target error) bool { return target == ErrIncomplete }

// InvalidError lists the malformed fields of an input. It matches [ErrInvalid].
type InvalidError struct {
	Problems []Problem // one per malformed field
}

// Error lists the malformed fields' paths and why; it holds no values.
func (e *InvalidError) Error() string {
	var b strings.Builder
	b.WriteString("validate: the input is not well-formed: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

func joinPaths(ps []Problem) string {
	paths := make([]string, len(ps))
	for i, p := range ps {
		paths[i] = p.Path
	}
	return strings.Join(paths, ", ")
}
