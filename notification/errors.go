package notification

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// Sentinel errors, matched with errors.Is. Errors that carry detail wrap one of these or
// match them through an Is method. Each has a Swedish() text.
var (
	// ErrNotFound: no case with that ID, or none the actor may see.
	ErrNotFound = privacy.NewError("notification: case not found", "Ärendet finns inte.")
	// ErrConflict: the case changed since the version the caller had; reload and retry.
	ErrConflict = privacy.NewError("notification: the case was changed by someone else; reload it", "Ärendet har ändrats av någon annan; läs in det igen.")
	// ErrExists: a case with that ID is already stored (and was created with another request).
	ErrExists = privacy.NewError("notification: a case with that ID already exists", "Det finns redan ett ärende med det ID:t.")
	// ErrInvalidTransition: the status does not allow the step; see [TransitionError].
	ErrInvalidTransition = privacy.NewError("notification: invalid status transition", "Steget är inte tillåtet i ärendets status.")
	// ErrNotEditable: the case cannot be edited in its status (only "Ej skickat" and
	// "Returnerad för komplettering" allow it).
	ErrNotEditable = privacy.NewError("notification: the case cannot be edited in its status", "Ärendet kan inte ändras i sin status.")
	// ErrNotDeletable: only a case that is "Ej skickat" can be deleted ("Ta bort").
	ErrNotDeletable = privacy.NewError("notification: only a case that is not sent can be deleted", "Bara ärenden som är \"Ej skickat\" kan tas bort.")
	// ErrReasonRequired: rejecting or returning a case needs a reason.
	ErrReasonRequired = privacy.NewError("notification: a reason is required", "En motivering krävs.")
	// ErrForbidden: the actor's role or side does not allow the step.
	ErrForbidden = privacy.NewError("notification: not allowed for this actor", "Du får inte göra detta.")
)

// TransitionError says which step was tried from which status, and to which status the step
// leads where it is allowed. It matches [ErrInvalidTransition].
type TransitionError struct {
	Action Action // the step tried
	From   Status // the case's status when it was tried
	To     Status // where the step leads from the statuses that allow it
}

// Error names the step and both states.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("notification: cannot %s a case that is %s: the step leads to %s only from another status",
		e.Action, e.From, e.To)
}

// Swedish names the step and both states in Swedish.
func (e *TransitionError) Swedish() string {
	return fmt.Sprintf("Det går inte att %s ett ärende som är %q: steget leder till %q bara från en annan status.",
		e.Action.Swedish(), e.From.Swedish(), e.To.Swedish())
}

// Is makes errors.Is(err, ErrInvalidTransition) true.
func (e *TransitionError) Is(target error) bool { return target == ErrInvalidTransition }

// statusError is ErrNotEditable or ErrNotDeletable with the case's status.
type statusError struct {
	sentinel error
	status   Status
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%v: the case is %s", e.sentinel, e.status)
}

func (e *statusError) Swedish() string {
	return fmt.Sprintf("%s Status: %q.", e.sentinel.(privacy.Localized).Swedish(), e.status.Swedish())
}

func (e *statusError) Unwrap() error { return e.sentinel }

// forbidden returns an error matching ErrForbidden that says why, in both languages.
func forbidden(en, sv string) error { return &detailError{ErrForbidden, en, sv} }

// detailError is a sentinel with a reason in both languages.
type detailError struct {
	sentinel error
	en, sv   string
}

func (e *detailError) Error() string   { return e.sentinel.Error() + ": " + e.en }
func (e *detailError) Swedish() string { return e.sentinel.(privacy.Localized).Swedish() + " " + e.sv }
func (e *detailError) Unwrap() error   { return e.sentinel }

// invalid returns a [validate.InvalidError] (matching [validate.ErrInvalid]) for one field:
// its path, its Swedish label and what is wrong in English and Swedish. It never holds the
// value.
func invalid(path, en, sv string) error {
	return validate.Invalid(problem(path, en, sv))
}

// problem is one malformed field.
func problem(path, en, sv string) validate.Problem {
	return validate.Problem{Path: path, Label: label(path), Code: validate.CodeFormat, English: sentence(en), Swedish: sentence(sv)}
}

// sentence makes a reason written as a phrase ("must not be negative") a sentence of its own
// ("Must not be negative."), as validate's texts are: the label is shown beside it.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// invalidErr turns a parser's error for the field at path into a [validate.InvalidError]:
// validate.ProblemFor takes the reason from the error (without the field's name, which the
// label carries) and keeps the error, so errors.Is(err, privacy.ErrCheckDigit) still holds.
func invalidErr(path string, err error) error {
	return validate.Invalid(validate.ProblemFor(path, label(path), err))
}

// labels are the Swedish labels of the paths outside validate's fields.
var labels = map[string]string{
	"id":                  "Ärende-ID",
	"version":             "Version",
	"edit":                "Ändring",
	"note":                "Notering",
	"reason":              "Motivering",
	"conditions":          "Villkor",
	"meterPlacementOther": "Annan mätarplacering",
	"attachment.name":     "Bilagans namn",
	"attachment.kind":     "Bilagans typ",
	"attachment.size":     "Bilagans storlek",
	"mode":                "Skriv över fält i anmälan?",
	"gridCompany":         "Nätbolag",
	"installationType":    "Installationstyp",
	"jobType":             "Jobbtyp",
	"area":                "Nätområde",
	"fields":              "Fält",
	"personalNumber":      "Personnr.",
	"meterNumber":         "Mätarnummer",
	"facilityId":          "Anläggnings-ID",
}

// label returns the Swedish label of the field at path, or the path itself.
func label(path string) string {
	if f, ok := validate.FieldByPath(path); ok {
		return f.Label()
	}
	if l, ok := labels[path]; ok {
		return l
	}
	return path
}
