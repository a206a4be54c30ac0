package notification

import "fmt"

// Action is a step that moves a case from one status to another. The constants are named
// Action… so that they do not read like the methods of the same steps.
type Action uint8

// The steps of a case's life.
const (
	// ActionSubmit is "Skicka föranmälan": to the grid company for approval.
	ActionSubmit Action = iota + 1
	// ActionApprove is the grid company's installation consent, possibly with conditions.
	ActionApprove
	// ActionReject is the grid company's refusal, with a reason.
	ActionReject
	// ActionReturn is the grid company sending the case back for completion, with a reason.
	ActionReturn
	// ActionNotifyCompletion is the installer's färdiganmälan after the work.
	ActionNotifyCompletion
	// ActionClose is the grid company closing the case after connecting.
	ActionClose
	// ActionCancel is makulering, from any status that is not final.
	ActionCancel

	actionEnd
)

var actionNames = [actionEnd]struct{ code, en, sv string }{
	ActionSubmit:           {"submit", "submit", "skicka för godkännande"},
	ActionApprove:          {"approve", "approve", "godkänna"},
	ActionReject:           {"reject", "reject", "avslå"},
	ActionReturn:           {"return", "return", "returnera för komplettering"},
	ActionNotifyCompletion: {"notify-completion", "notify completion of", "färdiganmäla"},
	ActionClose:            {"close", "close", "avsluta"},
	ActionCancel:           {"cancel", "cancel", "makulera"},
}

// Actions returns every action.
func Actions() []Action {
	return []Action{ActionSubmit, ActionApprove, ActionReject, ActionReturn, ActionNotifyCompletion, ActionClose, ActionCancel}
}

// valid reports whether a is an action.
func (a Action) valid() bool { return a > 0 && a < actionEnd }

// String returns the action in English.
func (a Action) String() string {
	if a.valid() {
		return actionNames[a].en
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// Swedish returns the action in Swedish.
func (a Action) Swedish() string {
	if a.valid() {
		return actionNames[a].sv
	}
	return a.String()
}

// Code returns the action's stable machine name, e.g. "notify-completion".
func (a Action) Code() string {
	if a.valid() {
		return actionNames[a].code
	}
	return ""
}

// MarshalText writes the action's code.
func (a Action) MarshalText() ([]byte, error) {
	if !a.valid() {
		return nil, invalid("action", "not an action", "inte ett steg")
	}
	return []byte(a.Code()), nil
}

// UnmarshalText reads an action's code.
func (a *Action) UnmarshalText(b []byte) error {
	for v := ActionSubmit; v < actionEnd; v++ {
		if actionNames[v].code == string(b) {
			*a = v
			return nil
		}
	}
	return invalid("action", "not an action", "inte ett steg")
}

// Side says which side of the process takes a step: the installer company that handles the
// case or the grid company it is for. (A party of the form — owner or payer — is a
// [Section]; whether a party is a private person or a company is its facility.PartyKind.)
type Side uint8

const (
	// SideInstaller steps: submit, notify completion.
	SideInstaller Side = iota + 1
	// SideGridCompany steps: approve, reject, return, close.
	SideGridCompany
	// SideEither: either side may take the step (cancellation, notes).
	SideEither
)

// String returns the side in English.
func (p Side) String() string {
	switch p {
	case SideInstaller:
		return "installer"
	case SideGridCompany:
		return "grid company"
	case SideEither:
		return "installer or grid company"
	}
	return fmt.Sprintf("Side(%d)", uint8(p))
}

// Swedish returns the side in Swedish.
func (p Side) Swedish() string {
	switch p {
	case SideInstaller:
		return "installatören"
	case SideGridCompany:
		return "nätbolaget"
	case SideEither:
		return "installatören eller nätbolaget"
	}
	return p.String()
}

// MarshalText writes the side as "installer", "grid-company" or "either".
func (p Side) MarshalText() ([]byte, error) {
	switch p {
	case SideInstaller:
		return []byte("installer"), nil
	case SideGridCompany:
		return []byte("grid-company"), nil
	case SideEither:
		return []byte("either"), nil
	}
	return nil, invalid("side", "not a side", "inte en sida")
}

// UnmarshalText reads what MarshalText writes.
func (p *Side) UnmarshalText(b []byte) error {
	for _, s := range []Side{SideInstaller, SideGridCompany, SideEither} {
		if code, _ := s.MarshalText(); string(code) == string(b) {
			*p = s
			return nil
		}
	}
	return invalid("side", "not a side", "inte en sida")
}

// Transition is one row of the lifecycle table.
type Transition struct {
	From           Status // status the step starts from
	Action         Action // the step
	To             Status // status the step leads to
	ReasonRequired bool   // reject and return must say why
	By             Side   // who takes the step
}

// transitions is the lifecycle, row by row; cancellation has a row for every status that is
// not final.
var transitions = []Transition{
	{NotSent, ActionSubmit, AwaitingApproval, false, SideInstaller},
	{Returned, ActionSubmit, AwaitingApproval, false, SideInstaller},
	{AwaitingApproval, ActionApprove, Approved, false, SideGridCompany},
	{AwaitingApproval, ActionReject, Rejected, true, SideGridCompany},
	{AwaitingApproval, ActionReturn, Returned, true, SideGridCompany},
	{Approved, ActionNotifyCompletion, Completed, false, SideInstaller},
	{Completed, ActionClose, Closed, false, SideGridCompany},
	{NotSent, ActionCancel, Cancelled, false, SideEither},
	{AwaitingApproval, ActionCancel, Cancelled, false, SideEither},
	{Approved, ActionCancel, Cancelled, false, SideEither},
	{Returned, ActionCancel, Cancelled, false, SideEither},
	{Completed, ActionCancel, Cancelled, false, SideEither},
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
