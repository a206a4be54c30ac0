package notification

import "fmt"

// Action is a step that moves a case from one status to another.
type Action uint8

// The steps of a case's life.
const (
	// Submit is "Skicka föranmälan": to the grid company for approval.
	Submit Action = iota + 1
	// Approve is the grid company's installation consent, possibly with conditions.
	Approve
	// Reject is the grid company's refusal, with a reason.
	Reject
	// Return is the grid company sending the case back for completion, with a reason.
	Return
	// NotifyCompletion is the installer's färdiganmälan after the work.
	NotifyCompletion
	// Close is the grid company closing the case after connecting.
	Close
	// Cancel is makulering, from any status that is not final.
	Cancel

	actionEnd
)

var actionNames = [actionEnd]struct{ en, sv string }{
	Submit:           {"submit", "skicka för godkännande"},
	Approve:          {"approve", "godkänna"},
	Reject:           {"reject", "avslå"},
	Return:           {"return", "returnera för komplettering"},
	NotifyCompletion: {"notify completion of", "färdiganmäla"},
	Close:            {"close", "avsluta"},
	Cancel:           {"cancel", "makulera"},
}

// Actions returns every action.
func Actions() []Action {
	return []Action{Submit, Approve, Reject, Return, NotifyCompletion, Close, Cancel}
}

// String returns the action in English.
func (a Action) String() string {
	if a > 0 && a < actionEnd {
		return actionNames[a].en
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// Swedish returns the action in Swedish.
func (a Action) Swedish() string {
	if a > 0 && a < actionEnd {
		return actionNames[a].sv
	}
	return a.String()
}

// Transition is one row of the lifecycle table.
type Transition struct {
	From           Status    // status the step starts from
	Action         Action    // the step
	To             Status    // status the step leads to
	ReasonRequired bool      // reject and return must say why
	By             PartySide // who takes the step
}

// PartySide says which side of the process takes a step.
type PartySide uint8

const (
	// SideInstaller steps: submit, notify completion, cancel a case not yet decided.
	SideInstaller PartySide = iota + 1
	// SideGridCompany steps: approve, reject, return, close.
	SideGridCompany
	// SideEither: either side may take the step (cancellation).
	SideEither
)

// transitions is the lifecycle, row by row; cancellation has a row for every status that is
// not final.
var transitions = []Transition{
	{Draft, Submit, AwaitingApproval, false, SideInstaller},
	{Returned, Submit, AwaitingApproval, false, SideInstaller},
	{AwaitingApproval, Approve, Approved, false, SideGridCompany},
	{AwaitingApproval, Reject, Rejected, true, SideGridCompany},
	{AwaitingApproval, Return, Returned, true, SideGridCompany},
	{Approved, NotifyCompletion, Completed, false, SideInstaller},
	{Completed, Close, Closed, false, SideGridCompany},
	{Draft, Cancel, Cancelled, false, SideEither},
	{AwaitingApproval, Cancel, Cancelled, false, SideEither},
	{Approved, Cancel, Cancelled, false, SideEither},
	{Returned, Cancel, Cancelled, false, SideEither},
	{Completed, Cancel, Cancelled, false, SideEither},
}

// Transitions returns the lifecycle table: every legal step. A step not in it is an
// [ErrInvalidTransition].
func Transitions() []Transition {
	out := make([]Transition, len(transitions))
	copy(out, transitions)
	return out
}

// next returns the row for taking a from s.
func next(s Status, a Action) (Transition, error) {
	to := StatusNone
	for _, t := range transitions {
		if t.Action == a {
			if t.From == s {
				return t, nil
			}
			to = t.To // every row of one action leads to the same status
		}
	}
	return Transition{}, &TransitionError{Action: a, From: s, To: to}
}
