package notification

import (
	"context"
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// SaveResult is what "Spara" answers (manual steps 20–21).
type SaveResult struct {
	// Case is the case as stored.
	Case *Case
	// NotSent is true while the grid company cannot see the case ("Ej skickat") or has it
	// back for completion: a user interface then asks Question and calls [Service.Submit] on OK.
	NotSent bool
	// Question is the manual's prompt when NotSent: Swedish and English.
	Question Prompt
}

// Prompt is a question for the installer, in Swedish and English.
type Prompt struct {
	Swedish string // the question in Swedish
	English string // the question in English
}

// sendNowPrompt is the manual's "Message from webpage" after Spara.
var sendNowPrompt = Prompt{
	Swedish: "Ärendet har inte skickats för godkännande. Vill du göra detta nu?",
	English: "The case has not been sent for approval. Do you want to send it now?",
}

// Save is "Redigera" … "Spara" (manual steps 16 and 20): it applies edit to a copy of the case
// (with the Case's setters, such as SetOwner and SetMeterPlacement), takes the form and the
// other editable fields from it and stores the result, if the case is still at version, the
// version the installer edited. An edit that takes a lifecycle step, adds a note or erases is
// refused ([ErrInvalidArgument]): those go through the Service, which checks who acts. It answers whether the case is still
// unsent, with the manual's question.
//
// A personal identity number set or changed by the edit needs a justification, recorded with
// the case: the grid company's profile makes it mandatory, or the customer consented
// ([WithConsent]); otherwise the save fails with [ErrNotJustified].
//
// Errors: whatever edit returns (the case is then unchanged), [ErrInvalidArgument] for a
// version ≤ 0, a nil edit or an edit that did more than edit, [ErrNotEditable],
// [ErrConflict] for a stale version, [ErrNotOffered] for a meter placement the grid company
// does not offer, [ErrNotJustified].
func (s *Service) Save(ctx context.Context, id ID, version int64, edit func(*Case) error, opts ...SaveOption) (SaveResult, error) {
	if version <= 0 {
		return SaveResult{}, invalidArgument("version", "the version the edit was made from is required")
	}
	if edit == nil {
		return SaveResult{}, invalidArgument("edit", "missing; pass a function that makes no change to save as it is")
	}
	o := collectOptions(opts)
	c, err := s.change(ctx, id, version, SideInstaller, func(c *Case, a privacy.Actor, now time.Time) error {
		if err := c.editable(); err != nil {
			return err
		}
		before := c.form
		work := c.Clone()
		if err := edit(work); err != nil {
			return err
		}
		if err := c.takeEdits(work); err != nil {
			return err
		}
		if err := s.checkPlacement(ctx, c); err != nil {
			return err
		}
		profile, err := s.profile(ctx, c)
		if err != nil {
			return err
		}
		return c.justify(&before, profile, o, a, now)
	})
	if err != nil {
		return SaveResult{}, err
	}
	res := SaveResult{Case: c, NotSent: c.status.Editable()}
	if res.NotSent {
		res.Question = sendNowPrompt
	}
	return res, nil
}

// checkPlacement refuses a meter placement the grid company does not offer.
func (s *Service) checkPlacement(ctx context.Context, c *Case) error {
	if c.meterPlacement == "" {
		return nil
	}
	g, err := s.catalog.GridCompany(ctx, c.gridCompany)
	if err != nil {
		return err
	}
	if !g.OffersPlacement(c.meterPlacement) {
		return &OfferError{GridCompany: g.ID, What: "meter placement", Value: string(c.meterPlacement)}
	}
	return nil
}

// SubmitResult is what "Skicka föranmälan" answers.
type SubmitResult struct {
	// Case is the case as stored, awaiting approval ("För godkännande").
	Case *Case
	// AlreadySubmitted is true when the case was already awaiting approval: nothing was
	// changed or stored again (a retried click).
	AlreadySubmitted bool
}

// Submit is "Skicka föranmälan" / OK on the manual's question (step 21): "Ej skickat" (or
// "Returnerad för komplettering") → "För godkännande". Errors: [validate.ErrIncomplete] with
// every missing field, [ErrInvalidTransition] from any other status.
func (s *Service) Submit(ctx context.Context, id ID) (SubmitResult, error) {
	var already bool
	c, err := s.change(ctx, id, 0, SideInstaller, func(c *Case, a privacy.Actor, now time.Time) error {
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
	if err != nil {
		return SubmitResult{}, err
	}
	return SubmitResult{Case: c, AlreadySubmitted: already}, nil
}

// AddNote is "Ny notering": a note by either side, in any status. Errors:
// [ErrInvalidArgument] for an empty or over-long text.
func (s *Service) AddNote(ctx context.Context, id ID, text string) (*Case, error) {
	return s.change(ctx, id, 0, SideEither, func(c *Case, a privacy.Actor, now time.Time) error {
		return c.AddNote(text, a, now)
	})
}

// Delete is "Ta bort": only a case that is "Ej skickat" can be deleted, by its installer.
// Errors: [ErrNotDeletable].
func (s *Service) Delete(ctx context.Context, id ID) error {
	a, err := actorFrom(ctx)
	if err != nil {
		return err
	}
	c, err := s.load(ctx, a, id)
	if err != nil {
		return err
	}
	if err := authorize(a, c, SideInstaller); err != nil {
		return err
	}
	if err := c.CheckDeletable(); err != nil {
		return err
	}
	return s.cases.Delete(ctx, id, c.version)
}

// Approve is the grid company's installation consent, with optional conditions.
// Errors: [ErrInvalidTransition] unless the case is awaiting approval.
func (s *Service) Approve(ctx context.Context, id ID, conditions string) (*Case, error) {
	return s.change(ctx, id, 0, SideGridCompany, func(c *Case, a privacy.Actor, now time.Time) error {
		return c.Approve(conditions, a, now)
	})
}

// Reject is the grid company's refusal ("Ej godkänd"). Errors: [ErrReasonRequired],
// [ErrInvalidTransition].
func (s *Service) Reject(ctx context.Context, id ID, reason string) (*Case, error) {
	return s.change(ctx, id, 0, SideGridCompany, func(c *Case, a privacy.Actor, now time.Time) error {
		return c.Reject(reason, a, now)
	})
}

// Return sends the case back for completion ("Returnerad för komplettering"). Errors:
// [ErrReasonRequired], [ErrInvalidTransition].
func (s *Service) Return(ctx context.Context, id ID, reason string) (*Case, error) {
	return s.change(ctx, id, 0, SideGridCompany, func(c *Case, a privacy.Actor, now time.Time) error {
		return c.Return(reason, a, now)
	})
}

// NotifyCompletion is the installer's färdiganmälan after the work: "Godkänd" →
// "Färdiganmäld". Errors: [ErrInvalidTransition].
func (s *Service) NotifyCompletion(ctx context.Context, id ID) (*Case, error) {
	return s.change(ctx, id, 0, SideInstaller, func(c *Case, a privacy.Actor, now time.Time) error {
		return c.NotifyCompletion(a, now)
	})
}

// Close is the grid company closing the case after connecting: "Färdiganmäld" → "Avslutad".
// Errors: [ErrInvalidTransition].
func (s *Service) Close(ctx context.Context, id ID) (*Case, error) {
	return s.change(ctx, id, 0, SideGridCompany, func(c *Case, a privacy.Actor, now time.Time) error {
		return c.Close(a, now)
	})
}

// Cancel is makulering by either side, from any status that is not final. Errors:
// [ErrInvalidTransition] from a final status.
func (s *Service) Cancel(ctx context.Context, id ID, reason string) (*Case, error) {
	return s.change(ctx, id, 0, SideEither, func(c *Case, a privacy.Actor, now time.Time) error {
		return c.Cancel(reason, a, now)
	})
}
