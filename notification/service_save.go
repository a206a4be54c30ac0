package notification

import (
	"context"
	"slices"
	"time"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// SaveResult is what "Spara" answers (manual steps 20–21).
type SaveResult struct {
	// Case is the case as stored.
	Case *Case `json:"case"`
	// NotSent is true while the grid company cannot see the case ("Ej skickat") or has it
	// back for completion: a user interface then asks Question and calls [Service.Submit] on OK.
	NotSent bool `json:"notSent"`
	// Question is the manual's prompt when NotSent: Swedish and English.
	Question Prompt `json:"question,omitzero"`
}

// Prompt is a question for the installer, in Swedish and English.
type Prompt struct {
	Swedish string `json:"swedish"` // the question in Swedish
	English string `json:"english"` // the question in English
}

// sendNowPrompt is the manual's "Message from webpage" after Spara.
var sendNowPrompt = Prompt{
	Swedish: "Ärendet har inte skickats för godkännande. Vill du göra detta nu?",
	English: "The case has not been sent for approval. Do you want to send it now?",
}

// Save is "Redigera" … "Spara" (manual steps 16 and 20): it hands edit a [Draft] of the case,
// which has the form's setters (SetOwner, SetMeterPlacement, ...) and nothing else, and
// stores the draft whole if the case is still at version, the version the installer edited.
// It answers whether the case is still unsent, with the manual's question.
//
// A personal identity number set or changed by the edit needs a justification, recorded with
// the case: the grid company's profile makes it mandatory, or the customer consented
// ([WithConsent]); otherwise the save fails with [ErrNotJustified].
//
// Errors: whatever edit returns (the case is then unchanged), [validate.ErrInvalid] for a
// missing version or edit, [ErrNotEditable], [ErrConflict] for a stale version,
// [catalog.ErrNotOffered] for a meter placement the grid company does not offer,
// [ErrNotJustified].
func (s *Service) Save(ctx context.Context, id ID, version int64, edit func(*Draft) error, opts ...SaveOption) (SaveResult, error) {
	var before []Attachment
	c, err := s.change(ctx, step{id: id, expected: version, side: SideInstaller}, func(c *Case, a privacy.Actor, now time.Time) error {
		before = slices.Clone(c.s.Attachments)
		g, err := s.gridCompany(ctx, c)
		if err != nil {
			return err
		}
		profile, err := g.Profile(c.s.InstallationType, c.s.JobType)
		if err != nil {
			return err
		}
		if err := c.editInPlace(profile, a, now, edit, opts); err != nil {
			return err
		}
		if p := c.s.MeterPlacement; p != "" && !g.OffersPlacement(p) {
			return &catalog.OfferError{GridCompany: g.ID(), What: "meter placement", Value: string(p)}
		}
		return nil
	})
	if err != nil {
		return SaveResult{}, err
	}
	// The content of an attachment the edit removed goes too; a failure leaves a copy that the
	// case's deletion or purge removes.
	for _, a := range before {
		if a.SHA256 != "" && !c.references(a.SHA256) {
			_ = s.files.DeleteContent(ctx, c.s.ID, a.SHA256)
		}
	}
	res := SaveResult{Case: c, NotSent: c.s.Status.Editable()}
	if res.NotSent {
		res.Question = sendNowPrompt
	}
	return res, nil
}

// CopyFromOwner is "Kopiera från ägare" (manual step 18). A personal identity number copied
// into the payer needs a justification like one typed there (see [Service.Save]): the grid
// company's mandatory field, or the payer's consent ([WithConsent] for [SectionPayer]).
// Errors: [ErrNotEditable], [ErrNotJustified], [ErrConflict].
func (s *Service) CopyFromOwner(ctx context.Context, id ID, version int64, opts ...SaveOption) (*Case, merge.Report, error) {
	var report merge.Report
	c, err := s.change(ctx, step{id: id, expected: version, side: SideInstaller}, func(c *Case, a privacy.Actor, now time.Time) error {
		profile, err := s.profile(ctx, c)
		if err != nil {
			return err
		}
		report, err = c.CopyFromOwner(profile, a, now, opts...)
		return err
	})
	if err != nil {
		return nil, merge.Report{}, err
	}
	return c, report, nil
}

// Check lists the mandatory fields the case still lacks (manual steps 17 and 19), per its grid
// company's profile for its installation type and job type; nil when complete. A withheld
// identity number says that the customer must be asked. Errors: those of [Service.Get], and
// [catalog.ErrNotOffered] if the catalog no longer offers the case's type or job type.
func (s *Service) Check(ctx context.Context, id ID) ([]validate.Problem, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	profile, err := s.profile(ctx, c)
	if err != nil {
		return nil, err
	}
	return c.Check(profile), nil
}

// profile returns the mandatory fields of the case's grid company, type and job type.
func (s *Service) profile(ctx context.Context, c *Case) (validate.Profile, error) {
	g, err := s.gridCompany(ctx, c)
	if err != nil {
		return validate.Profile{}, err
	}
	return g.Profile(c.s.InstallationType, c.s.JobType)
}
