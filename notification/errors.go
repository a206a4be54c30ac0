package notification

import (
	"errors"
	"fmt"
)

// Sentinel errors, matched with errors.Is. Errors that carry detail wrap one of these.
var (
	// ErrNotFound: no case with that ID.
	ErrNotFound = errors.New("notification: case not found")
	// ErrConflict: the case changed since the version the caller had; reload and retry.
	ErrConflict = errors.New("notification: the case was changed by someone else")
	// ErrExists: a case with that ID is already stored.
	ErrExists = errors.New("notification: a case with that ID already exists")
	// ErrInvalidTransition: the status does not allow the step; see [TransitionError].
	ErrInvalidTransition = errors.New("notification: invalid status transition")
	// ErrNotEditable: the case cannot be edited in its status (only "Ej skickat" and
	// "Returnerad för komplettering" allow it).
	ErrNotEditable = errors.New("notification: the case cannot be edited in its status")
	// ErrNotDeletable: only a case that is "Ej skickat" can be deleted ("Ta bort").
	ErrNotDeletable = errors.New("notification: only a case that is not sent can be deleted")
	// ErrReasonRequired: rejecting or returning a case needs a reason.
	ErrReasonRequired = errors.New("notification: a reason is required")
	// ErrNotOffered: the grid company does not offer that combination; see [OfferError].
	ErrNotOffered = errors.New("notification: not offered by the grid company")
	// ErrInvalidArgument: a parameter is missing or malformed; the message says which.
	ErrInvalidArgument = errors.New("notification: invalid argument")
	// ErrForbidden: the actor's role does not allow the step.
	ErrForbidden = errors.New("notification: not allowed for this actor")
)

// TransitionError says which step was tried from which status, and to which status the step
// leads where it is allowed. It matches [ErrInvalidTransition].
type TransitionError struct {
	Action Action // the step tried
	From   Status // the case's status when it was tried
	To     Status // where the step leads from the statuses that allow it
}

// Error names the step and both states, in English and Swedish.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("notification: cannot %s a case that is %s: the step leads to %s only from another status "+
		"(%s: från %q till %q är inte tillåtet)",
		e.Action, e.From, e.To, e.Action.Swedish(), e.From.Swedish(), e.To.Swedish())
}

// Is makes errors.Is(err, ErrInvalidTransition) true.
func (e *TransitionError) Is(target error) bool { return target == ErrInvalidTransition }

// invalidArgument returns an error naming a parameter and why, matching [ErrInvalidArgument].
func invalidArgument(param, why string) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidArgument, param, why)
}
