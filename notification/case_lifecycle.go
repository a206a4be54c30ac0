package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// step moves the case along the lifecycle table, recording who, when and why; path names the
// reason's field in an error ("reason" or "conditions").
func (c *Case) step(a Action, by privacy.Actor, at time.Time, path, reason string) error {
	t, err := next(c.s.Status, a)
	if err != nil {
		return err
	}
	reason, err = cleanText(path, reason, true, maxNote)
	if err != nil {
		return err
	}
	if t.ReasonRequired && reason == "" {
		return ErrReasonRequired
	}
	c.s.History = append(c.s.History, StatusChange{From: t.From, To: t.To, Action: a, By: actorID(by), At: at.UTC(), Reason: privacy.NewText(reason)})
	c.s.Status = t.To
	ev := c.record(eventOfAction[a], t.From, actingSide(by, &c.state), at)
	ev.Conditions = a == ActionApprove && reason != ""
	return nil
}

// Submit is "Skicka föranmälan" (manual step 21): "Ej skickat" (or "Returnerad för
// komplettering") → "För godkännande". The case must have every field profile requires, or
// the error matches [validate.ErrIncomplete] and lists them. Submitting a case that is already
// awaiting approval changes nothing and reports already = true, so a retried click neither
// fails nor duplicates anything.
func (c *Case) Submit(profile validate.Profile, by privacy.Actor, at time.Time) (already bool, err error) {
	if c.s.Status == AwaitingApproval {
		return true, nil
	}
	if _, err := next(c.s.Status, ActionSubmit); err != nil {
		return false, err
	}
	if err := validate.Complete(c, profile); err != nil {
		return false, err
	}
	if err := c.step(ActionSubmit, by, at, "reason", ""); err != nil {
		return false, err
	}
	c.s.Recipients = append(c.s.Recipients, Recipient{GridCompany: c.s.GridCompany, At: at.UTC()})
	return false, nil
}

// Approve is the grid company's installation consent (installationsmedgivande);
// conditions, if any, are recorded with it.
func (c *Case) Approve(conditions string, by privacy.Actor, at time.Time) error {
	return c.step(ActionApprove, by, at, "conditions", conditions)
}

// Reject is the grid company's refusal ("Ej godkänd"); a reason is required.
func (c *Case) Reject(reason string, by privacy.Actor, at time.Time) error {
	return c.step(ActionReject, by, at, "reason", reason)
}

// Return sends the case back for completion ("Returnerad för komplettering"); a reason is
// required. The installer can then edit it and submit it again.
func (c *Case) Return(reason string, by privacy.Actor, at time.Time) error {
	return c.step(ActionReturn, by, at, "reason", reason)
}

// NotifyCompletion is the installer's färdiganmälan after the work.
func (c *Case) NotifyCompletion(by privacy.Actor, at time.Time) error {
	return c.step(ActionNotifyCompletion, by, at, "reason", "")
}

// Close is the grid company closing the case ("Avslutad") after connecting.
func (c *Case) Close(by privacy.Actor, at time.Time) error {
	return c.step(ActionClose, by, at, "reason", "")
}

// Cancel is makulering, from any status that is not final; the reason is optional.
func (c *Case) Cancel(reason string, by privacy.Actor, at time.Time) error {
	return c.step(ActionCancel, by, at, "reason", reason)
}

// AddNote adds a note ("Ny notering"), free text of several lines; notes may be added in any
// status.
func (c *Case) AddNote(text string, by privacy.Actor, at time.Time) error {
	text, err := cleanText("note", text, true, maxNote)
	if err != nil {
		return err
	}
	if text == "" {
		return invalid("note", "empty", "tom")
	}
	c.s.Notes = append(c.s.Notes, Note{Author: actorID(by), At: at.UTC(), Text: privacy.NewText(text)})
	c.record(EventNoteAdded, c.s.Status, actingSide(by, &c.state), at).Note = len(c.s.Notes) - 1
	return nil
}

// CheckDeletable returns nil when the case may be deleted ("Ta bort": only "Ej skickat"),
// and otherwise an error matching [ErrNotDeletable].
func (c *Case) CheckDeletable() error {
	if !c.s.Status.Deletable() {
		return &statusError{ErrNotDeletable, c.s.Status}
	}
	return nil
}
