package validate

import (
	"errors"
	"slices"
	"strings"

	"github.com/gridnotify/gridnotify/privacy"
)

// ErrIncomplete is matched (with errors.Is) by the error returned when a case lacks mandatory
// fields; the error is an [*IncompleteError] holding the full list.
var ErrIncomplete = privacy.NewError("validate: the notification is incomplete", "Anmälan är inte komplett.")

// ErrInvalid is matched (with errors.Is) by the error [Struct] returns for malformed input; the
// error is an [*InvalidError] holding the full list.
var ErrInvalid = privacy.NewError("validate: the input is not well-formed", "Uppgifterna är inte korrekt ifyllda.")

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
// what is wrong in Swedish and English, and it never holds the field's value. Swedish and
// English are sentences that do not repeat the field's name or label: a user interface shows
// them next to Label.
//
// A Problem made by [Struct] or [ProblemFor] also remembers the error behind it (not shown in
// any field, not serialised), so that [InvalidError] can unwrap to it. Compare Problems with
// Equal, which compares the fields.
type Problem struct {
	Path    string `json:"path"`    // JSON path, e.g. "owner.personalNumber"
	Label   string `json:"label"`   // Swedish label as the form shows it, e.g. "Personnr."
	Code    Code   `json:"code"`    // what kind of problem
	Tag     string `json:"tag"`     // the validation tag that failed, for CodeFormat
	Swedish string `json:"swedish"` // message for a person, in Swedish
	English string `json:"english"` // message for a person, in English

	cause error // the error behind the problem, or nil
}

// String returns the problem in English, with the path.
func (p Problem) String() string { return p.Path + ": " + p.English }

// Equal reports whether p and o have the same fields; the error behind each is not compared.
// go-cmp uses it.
func (p Problem) Equal(o Problem) bool {
	return p.Path == o.Path && p.Label == o.Label && p.Code == o.Code && p.Tag == o.Tag &&
		p.Swedish == o.Swedish && p.English == o.English
}

// ProblemFor turns err, the reason a value for the field at path was refused, into a
// [Problem]. label is the field's Swedish label; "" means the label of the notification field
// at path ([FieldByPath]), or the path itself for any other field.
//
// The Swedish and English texts are err's reason without a field name: for a
// *privacy.ParseError its Reason ("Kontrollsiffran stämmer inte." / "The check digit is
// wrong."); for another error implementing [privacy.Localized] its Swedish() and Error(); for
// any other error a generic sentence, since a foreign error's text may hold the value. The
// code is [CodeRequired] when errors.Is(err, privacy.ErrEmpty), else [CodeFormat]; Tag is
// empty. Pass the problems to [Invalid] to return them as one error.
func ProblemFor(path, label string, err error) Problem {
	if label == "" {
		label = path
		if f, ok := FieldByPath(path); ok {
			label = f.Label()
		}
	}
	p := Problem{Path: path, Label: label, Code: CodeFormat, cause: err}
	if isEmpty(err) {
		p.Code = CodeRequired
	}
	p.Swedish, p.English = reasonOf(err)
	return p
}

// reasonOf returns err's reason as Swedish and English sentences without a field name.
func reasonOf(err error) (sv, en string) {
	if pe, ok := err.(*privacy.ParseError); ok { // what the parsers return: no reflection
		return pe.Reason()
	}
	var pe *privacy.ParseError
	if errors.As(err, &pe) {
		return pe.Reason()
	}
	var l privacy.Localized
	if errors.As(err, &l) {
		return l.Swedish(), l.Error()
	}
	return "Ogiltigt värde.", "Invalid value."
}

// Invalid returns the problems as an [*InvalidError] matching [ErrInvalid], or nil when there
// are none. The error unwraps to the errors behind the problems made by [ProblemFor], so
// errors.Is(err, privacy.ErrCheckDigit) works through it.
func Invalid(problems ...Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return &InvalidError{Problems: slices.Clone(problems)}
}

// IncompleteError lists the mandatory fields a case lacks. It matches [ErrIncomplete].
type IncompleteError struct {
	Problems []Problem // one per missing mandatory field
}

// Error lists the missing fields' paths; it holds no values.
func (e *IncompleteError) Error() string {
	return "validate: the notification is incomplete: " + joinPaths(e.Problems)
}

// Swedish lists the missing fields by their Swedish labels, e.g. "Anmälan saknar
// obligatoriska uppgifter: Mätarnummer, Önskad mätarplacering". It implements
// [privacy.Localized].
func (e *IncompleteError) Swedish() string {
	labels := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		labels[i] = p.Label
	}
	return "Anmälan saknar obligatoriska uppgifter: " + strings.Join(labels, ", ")
}

// Is makes errors.Is(err, ErrIncomplete) true.
func (e *IncompleteError) Is(target error) bool { return target == ErrIncomplete }

// InvalidError lists the malformed fields of an input. It matches [ErrInvalid], and it unwraps
// to the errors behind the problems (the parse errors of [Struct]'s format tags, the errors
// given to [ProblemFor]), so errors.Is(err, privacy.ErrCheckDigit) and errors.As work through
// it. Those errors are kept with the problems, out of the messages and of JSON.
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

// Swedish lists the malformed fields by their Swedish labels and why, e.g. "Uppgifterna är
// inte korrekt ifyllda: Anläggnings-ID (EAN): Kontrollsiffran stämmer inte." It implements
// [privacy.Localized].
func (e *InvalidError) Swedish() string {
	var b strings.Builder
	b.WriteString("Uppgifterna är inte korrekt ifyllda: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Label)
		b.WriteString(": ")
		b.WriteString(p.Swedish)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true, and errors.Is(err, target) for any target that
// an error behind one of the problems matches.
func (e *InvalidError) Is(target error) bool {
	if target == ErrInvalid {
		return true
	}
	for i := range e.Problems {
		if c := e.Problems[i].cause; c != nil && errors.Is(c, target) {
			return true
		}
	}
	return false
}

// As finds the first error behind the problems that matches target, as errors.As does.
func (e *InvalidError) As(target any) bool {
	for i := range e.Problems {
		if c := e.Problems[i].cause; c != nil && errors.As(c, target) {
			return true
		}
	}
	return false
}

// Unwrap returns the errors behind the problems, in a new slice, for code that walks an error
// tree itself; errors.Is and errors.As find them through Is and As without it.
func (e *InvalidError) Unwrap() []error {
	var causes []error
	for i := range e.Problems {
		if c := e.Problems[i].cause; c != nil {
			causes = append(causes, c)
		}
	}
	return causes
}

func joinPaths(ps []Problem) string {
	paths := make([]string, len(ps))
	for i, p := range ps {
		paths[i] = p.Path
	}
	return strings.Join(paths, ", ")
}

// The errors a person may read implement privacy.Localized.
var (
	_ privacy.Localized = (*InvalidError)(nil)
	_ privacy.Localized = (*IncompleteError)(nil)
)
