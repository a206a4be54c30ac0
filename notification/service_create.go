package notification

import (
	"context"
	"errors"

	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
)

// CreateRequest is manual steps 3–6: grid company, installation type, job type, grid area.
type CreateRequest struct {
	// ID is optional: the caller's ID for the new case, made with [NewID] once and sent again
	// on every retry, so that a retried create (a timeout, a double click) makes one case. A
	// retry with the same ID and the same request returns the case already created.
	ID ID `json:"id,omitempty"`
	// GridCompany is the chosen grid company's ID (välj nätbolag).
	GridCompany string `json:"gridCompany"`
	// InstallationType is the chosen installation type (välj installationstyp).
	InstallationType catalog.InstallationType `json:"installationType"`
	// JobType is the chosen job type's ID in the catalog (välj jobbtyp).
	JobType string `json:"jobType"`
	// Area is the grid area's code ("HBG") or name ("Helsingborg") (välj nätområde).
	Area string `json:"area"`
}

// Create is "Skapa anmälan" (manual steps 1–7): a new case in "Ej skickat", handled by the
// acting installer. Errors: [ErrForbidden] unless the actor is an installer,
// [catalog.ErrNotOffered] (a [*catalog.OfferError] naming the grid company, type, job type or
// area the catalog lacks), [validate.ErrInvalid] for a choice left empty or a malformed ID,
// [ErrExists] when req.ID is taken by a case created with another request.
func (s *Service) Create(ctx context.Context, req CreateRequest) (*Case, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	if !a.HasRole(privacy.RoleInstaller) || a.Organisation == "" {
		return nil, forbidden("only an installer creates a notification", "Bara installatören skapar anmälan.")
	}
	if err := requireChoices(req.GridCompany, req.InstallationType, req.JobType, req.Area); err != nil {
		return nil, err
	}
	g, err := s.catalog.GridCompany(ctx, req.GridCompany)
	if err != nil {
		return nil, err
	}
	if _, err := g.JobType(req.InstallationType, req.JobType); err != nil {
		return nil, err
	}
	area, ok := g.FindArea(req.Area)
	if !ok {
		return nil, &catalog.OfferError{GridCompany: g.ID(), What: "grid area", Value: req.Area}
	}
	c, err := NewCase(NewCaseParams{
		ID: req.ID, GridCompany: g.ID(), InstallationType: req.InstallationType, JobType: req.JobType, Area: area.Code,
		Handler: Handler{User: a.ID, Organisation: a.Organisation}, CreatedAt: s.clock(),
	})
	if err != nil {
		return nil, err
	}
	v, err := s.cases.Create(ctx, c)
	if errors.Is(err, ErrExists) && req.ID != "" {
		return s.retriedCreate(ctx, a, c)
	}
	if err != nil {
		return nil, err
	}
	c.stored(v)
	return c, nil
}

// retriedCreate answers a create whose ID is already stored: the stored case, if it was
// created by the same installer company with the same choices; ErrExists otherwise, which
// tells a stranger nothing about the stored case. A fetch may have changed the form's grid
// area since, so the area counts only while the case is as created (version 1).
func (s *Service) retriedCreate(ctx context.Context, a privacy.Actor, want *Case) (*Case, error) {
	got, err := s.cases.Get(ctx, want.s.ID)
	if err != nil {
		return nil, err
	}
	same := got.s.Handler.Organisation == a.Organisation && got.s.GridCompany == want.s.GridCompany &&
		got.s.InstallationType == want.s.InstallationType && got.s.JobType == want.s.JobType &&
		(got.s.Version > 1 || got.s.Facility.Area == want.s.Facility.Area)
	if !same {
		return nil, &detailError{ErrExists, "the ID was used for another request", "ID:t har använts för en annan begäran."}
	}
	return got, nil
}
