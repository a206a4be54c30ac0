package notification

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// step moves the case along the lifecycle table, recording who, when and why.
func (c *Case) step(a Action, by privacy.Actor, at time.Time, reason string) error {
	t, err := next(c.status, a)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if t.ReasonRequired && reason == "" {
		return ErrReasonRequired
	}
	if utf8.RuneCountInString(reason) > maxNote {
		return invalidArgument("reason", "longer than 4000 characters")
	}
	c.history = append(c.history, StatusChange{From: t.From, To: t.To, Action: a, By: actorID(by), At: at.UTC(), Reason: privacy.NewText(reason)})
	c.status = t.To
	return nil
}

// Submit is "Skicka föranmälan" (manual step 21): "Ej skickat" (or "Returnerad för
// komplettering") → "För godkännande". The case must have every field profile requires, or
// the error matches [validate.ErrIncomplete] and lists them. Submitting a case that is already
// awaiting approval changes nothing and reports already = true, so a retried click neither
// fails nor duplicates anything.
func (c *Case) Submit(profile validate.Profile, by privacy.Actor, at time.Time) (already bool, err error) {
	if c.status == AwaitingApproval {
		return true, nil
	}
	if _, err := next(c.status, Submit); err != nil {
		return false, err
	}
	if err := validate.Complete(c, profile); err != nil {
		return false, err
	}
	if err := c.step(Submit, by, at, ""); err != nil {
		return false, err
	}
	c.provenance.recipients = append(c.provenance.recipients, Recipient{GridCompany: c.gridCompany, At: at.UTC()})
	return false, nil
}

// Approve is the grid company's installation consent (installationsmedgivande);
// conditions, if any, are recorded with it.
func (c *Case) Approve(conditions string, by privacy.Actor, at time.Time) error {
	return c.step(Approve, by, at, conditions)
}

// Reject is the grid company's refusal ("Ej godkänd"); a reason is required.
func (c *Case) Reject(reason string, by privacy.Actor, at time.Time) error {
	return c.step(Reject, by, at, reason)
}

// Return sends the case back for completion ("Returnerad för komplettering"); a reason is
// required. The installer can then edit it and submit it again.
func (c *Case) Return(reason string, by privacy.Actor, at time.Time) error {
	return c.step(Return, by, at, reason)
}

// NotifyCompletion is the installer's färdiganmälan after the work.
func (c *Case) NotifyCompletion(by privacy.Actor, at time.Time) error {
	return c.step(NotifyCompletion, by, at, "")
}

// Close is the grid company closing the case ("Avslutad") after connecting.
func (c *Case) Close(by privacy.Actor, at time.Time) error {
	return c.step(Close, by, at, "")
}

// Cancel is makulering, from any status that is not final; the reason is optional.
func (c *Case) Cancel(reason string, by privacy.Actor, at time.Time) error {
	return c.step(Cancel, by, at, reason)
}

// AddNote adds a note ("Ny notering"); notes may be added in any status.
func (c *Case) AddNote(text string, by privacy.Actor, at time.Time) error {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return invalidArgument("note", "empty")
	case utf8.RuneCountInString(text) > maxNote:
		return invalidArgument("note", "longer than 4000 characters")
	}
	c.notes = append(c.notes, Note{Author: actorID(by), At: at.UTC(), Text: privacy.NewText(text)})
	return nil
}

// CheckDeletable returns nil when the case may be deleted ("Ta bort": only "Ej skickat"),
// and otherwise an error matching [ErrNotDeletable].
func (c *Case) CheckDeletable() error {
	if !c.status.Deletable() {
		return &deleteError{status: c.status}
	}
	return nil
}

type deleteError struct{ status Status }

func (e *deleteError) Error() string {
	return "notification: a case that is " + e.status.String() + " cannot be deleted (bara ärenden som är \"Ej skickat\" kan tas bort)"
}

func (e *deleteError) Is(target error) bool { return target == ErrNotDeletable }
