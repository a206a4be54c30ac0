package notification

import (
	"context"
	"errors"
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// SubmitResult is what "Skicka föranmälan" answers.
type SubmitResult struct {
	// Case is the case as stored, awaiting approval ("För godkännande").
	Case *Case `json:"case"`
	// AlreadySubmitted is true when the case was already awaiting approval: nothing was
	// changed or stored again (a retried click).
	AlreadySubmitted bool `json:"alreadySubmitted"`
}

// Submit is "Skicka föranmälan" / OK on the manual's question (step 21): "Ej skickat" (or
// "Returnerad för komplettering") → "För godkännande". A retry — the same version again after
// the submit went through — answers AlreadySubmitted and changes nothing. Errors:
// [validate.ErrIncomplete] with every missing field, [ErrInvalidTransition] from any other
// status, [ErrConflict].
func (s *Service) Submit(ctx context.Context, id ID, version int64) (SubmitResult, error) {
	var already bool
	retried := func(c *Case) bool {
		n := len(c.s.History)
		return c.s.Status == AwaitingApproval && c.s.Version == version+1 && n > 0 && c.s.History[n-1].Action == ActionSubmit
	}
	c, err := s.change(ctx, step{id: id, expected: version, side: SideInstaller, stale: retried},
		func(c *Case, a privacy.Actor, now time.Time) error {
			profile, err := s.profile(ctx, c)
			if err != nil {
				return err
			}
			already, err = c.Submit(profile, a, now)
			if already {
				return errUnchanged
			}
			return err
		})
	if errors.Is(err, errAlready) {
		return SubmitResult{Case: c, AlreadySubmitted: true}, nil
	}
	if err != nil {
		return SubmitResult{}, err
	}
	return SubmitResult{Case: c, AlreadySubmitted: already}, nil
}

// AddNote is "Ny notering": a note by either side, in any status. version may be
// [AnyVersion]: a note overwrites nothing. Errors: [validate.ErrInvalid] for an empty or
// over-long text or one with control characters.
func (s *Service) AddNote(ctx context.Context, id ID, version int64, text string) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideEither, anyVersion: true},
		func(c *Case, a privacy.Actor, now time.Time) error { return c.AddNote(text, a, now) })
}

// Delete is "Ta bort": only a case that is "Ej skickat" can be deleted, by its installer.
// Errors: [ErrNotDeletable], [ErrConflict].
func (s *Service) Delete(ctx context.Context, id ID, version int64) error {
	a, err := actorFrom(ctx)
	if err != nil {
		return err
	}
	c, err := s.load(ctx, a, id)
	if err != nil {
		return err
	}
	if err := checkVersion(c, version, false); err != nil {
		return err
	}
	if err := authorize(a, &c.state, SideInstaller); err != nil {
		return err
	}
	if err := c.CheckDeletable(); err != nil {
		return err
	}
	if err := s.cases.Delete(ctx, id, c.s.Version); err != nil {
		return err
	}
	return s.files.DeleteCaseContent(ctx, id)
}

// Approve is the grid company's installation consent, with optional conditions.
// Errors: [ErrInvalidTransition] unless the case is awaiting approval, [ErrConflict].
func (s *Service) Approve(ctx context.Context, id ID, version int64, conditions string) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideGridCompany},
		func(c *Case, a privacy.Actor, now time.Time) error { return c.Approve(conditions, a, now) })
}

// Reject is the grid company's refusal ("Ej godkänd"). Errors: [ErrReasonRequired],
// [ErrInvalidTransition], [ErrConflict].
func (s *Service) Reject(ctx context.Context, id ID, version int64, reason string) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideGridCompany},
		func(c *Case, a privacy.Actor, now time.Time) error { return c.Reject(reason, a, now) })
}

// Return sends the case back for completion ("Returnerad för komplettering"). Errors:
// [ErrReasonRequired], [ErrInvalidTransition], [ErrConflict].
func (s *Service) Return(ctx context.Context, id ID, version int64, reason string) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideGridCompany},
		func(c *Case, a privacy.Actor, now time.Time) error { return c.Return(reason, a, now) })
}

// NotifyCompletion is the installer's färdiganmälan after the work: "Godkänd" →
// "Färdiganmäld". Errors: [ErrInvalidTransition], [ErrConflict].
func (s *Service) NotifyCompletion(ctx context.Context, id ID, version int64) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideInstaller},
		func(c *Case, a privacy.Actor, now time.Time) error { return c.NotifyCompletion(a, now) })
}

// Close is the grid company closing the case after connecting: "Färdiganmäld" → "Avslutad".
// Errors: [ErrInvalidTransition], [ErrConflict].
func (s *Service) Close(ctx context.Context, id ID, version int64) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideGridCompany},
		func(c *Case, a privacy.Actor, now time.Time) error { return c.Close(a, now) })
}

// Cancel is makulering by either side, from any status that is not final. Errors:
// [ErrInvalidTransition] from a final status, [ErrConflict].
func (s *Service) Cancel(ctx context.Context, id ID, version int64, reason string) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideEither},
		func(c *Case, a privacy.Actor, now time.Time) error { return c.Cancel(reason, a, now) })
}
