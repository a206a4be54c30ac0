package notification

import (
	"context"
	"fmt"
	"time"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// CreateRequest is manual steps 3–6: grid company, installation type, job type, grid area.
type CreateRequest struct {
	// GridCompany is the chosen grid company's ID (välj nätbolag).
	GridCompany string `json:"gridCompany"`
	// InstallationType is the chosen installation type (välj installationstyp).
	InstallationType InstallationType `json:"installationType"`
	// JobType is the chosen job type's ID in the catalog (välj jobbtyp).
	JobType string `json:"jobType"`
	Area    string `json:"area"` // the area's code ("HBG") or name ("Helsingborg")
}

// Create is "Skapa anmälan" (manual steps 1–7): a new case in "Ej skickat", handled by the
// acting installer. Errors: [ErrForbidden] unless the actor is an installer, [ErrNotOffered]
// (an [*OfferError] naming the grid company, type, job type or area the catalog lacks),
// [ErrInvalidArgument] for a choice left empty.
func (s *Service) Create(ctx context.Context, req CreateRequest) (*Case, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	if !a.HasRole(privacy.RoleInstaller) || a.Organisation == "" {
		return nil, fmt.Errorf("%w: only an installer creates a notification (bara installatören skapar anmälan)", ErrForbidden)
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
	area, ok := findArea(g, req.Area)
	if !ok {
		return nil, &OfferError{GridCompany: g.ID, What: "grid area", Value: req.Area}
	}
	c, err := NewCase(NewCaseParams{
		GridCompany: g.ID, InstallationType: req.InstallationType, JobType: req.JobType, Area: area.Code,
		Handler: Handler{User: a.ID, Organisation: a.Organisation}, CreatedAt: s.clock(),
	})
	if err != nil {
		return nil, err
	}
	v, err := s.cases.Create(ctx, c)
	if err != nil {
		return nil, err
	}
	c.version = v
	return c, nil
}

// findArea finds a grid area by code or by name.
func findArea(g GridCompany, codeOrName string) (GridArea, bool) {
	if code, err := facility.ParseAreaCode(codeOrName); err == nil {
		if a, ok := g.Area(code); ok {
			return a, true
		}
	}
	for _, a := range g.Areas {
		if a.Name == codeOrName {
			return a, true
		}
	}
	return GridArea{}, false
}

// FetchRequest is manual step 9: a meter number or a facility ID (EAN), and the answer to
// "Skriv över fält i anmälan?" (the zero Mode is "Ja", [merge.Overwrite]).
type FetchRequest struct {
	// MeterNumber is the meter number (Mätarnummer); required unless FacilityID is given.
	MeterNumber string `json:"meterNumber" validate:"required_without=FacilityID,omitempty,meter_number"`
	// FacilityID is the 18-digit facility ID (Anläggnings-ID, EAN); it decides when both are
	// given.
	FacilityID string `json:"facilityId" validate:"omitempty,facility_id"`
	// Mode answers "Skriv över fält i anmälan?"; the zero value is [merge.Overwrite] ("Ja").
	Mode merge.Mode `json:"mode"`
}

// FetchFacility is "Hämta anl-data" → "Hämta data" → "Uppdatera och Stäng" (manual steps
// 8–13): it looks the facility up and merges the record into the case under req.Mode,
// returning the updated case and what happened to every field.
//
// Errors: [validate.ErrInvalid] for a malformed number (with the reason), an error matching
// [facility.ErrNotFound] when no facility has that number (step 14: find the right number,
// [Service.ClearIdentifiers], search again) or [facility.ErrMismatch], [ErrNotOffered] when the
// facility lies in a grid area the case's grid company does not serve, [ErrNotEditable]. On
// every error the case is unchanged.
func (s *Service) FetchFacility(ctx context.Context, id ID, req FetchRequest) (*Case, merge.Report, error) {
	q, err := req.query()
	if err != nil {
		return nil, merge.Report{}, err
	}
	var report merge.Report
	c, err := s.change(ctx, id, 0, SideInstaller, func(c *Case, _ privacy.Actor, _ time.Time) error {
		if err := c.editable(); err != nil {
			return err
		}
		rec, err := s.lookup.Find(ctx, q)
		if err != nil {
			if isNotFound(err) {
				return &LookupError{Err: err}
			}
			return err
		}
		if err := s.checkArea(ctx, c, rec.Area); err != nil {
			return err
		}
		report, err = c.FetchFacility(&rec, req.Mode)
		return err
	})
	if err != nil {
		return nil, merge.Report{}, err
	}
	return c, report, nil
}

// query checks the request's formats and turns it into a lookup query.
func (r FetchRequest) query() (facility.Query, error) {
	if err := validate.Struct(r); err != nil {
		return facility.Query{}, err
	}
	var q facility.Query
	var err error
	if r.FacilityID != "" {
		if q.ID, err = facility.ParseEAN(r.FacilityID); err != nil {
			return facility.Query{}, err
		}
	}
	if r.MeterNumber != "" {
		if q.MeterNumber, err = facility.ParseMeterNumber(r.MeterNumber); err != nil {
			return facility.Query{}, err
		}
	}
	if !r.Mode.Valid() {
		return facility.Query{}, invalidArgument("mode", "unknown overwrite mode")
	}
	return q, nil
}

// checkArea refuses a facility in a grid area that the case's grid company does not serve:
// it is then the wrong facility or the wrong grid company.
func (s *Service) checkArea(ctx context.Context, c *Case, area facility.AreaCode) error {
	if area.IsZero() {
		return nil
	}
	g, err := s.catalog.GridCompany(ctx, c.gridCompany)
	if err != nil {
		return err
	}
	if _, ok := g.Area(area); !ok {
		return &OfferError{GridCompany: g.ID, What: "grid area", Value: string(area)}
	}
	return nil
}

// LookupError is a failed "Hämta data": the number matches no facility. It wraps the lookup's
// error (matching [facility.ErrNotFound]) and says what to do, in Swedish and English.
type LookupError struct {
	Err error // the lookup's error
}

// Error says that nothing was found and what to do next.
func (e *LookupError) Error() string {
	return "notification: no facility has that meter number or facility ID; find the right number, clear the old meter number and facility ID and search again: " + e.Err.Error()
}

// Swedish is the message for the installer, as the manual's step 14 describes.
func (e *LookupError) Swedish() string {
	return "Det finns ingen anläggning med det mätarnumret eller anläggnings-ID:t (EAN). Ta reda på rätt nummer, rensa bort tidigare mätarnummer och EAN och gör om sökningen."
}

// Unwrap returns the lookup's error.
func (e *LookupError) Unwrap() error { return e.Err }

// ClearIdentifiers empties the meter number, facility ID and technical number before a new
// search (manual step 14). Errors: [ErrNotEditable].
func (s *Service) ClearIdentifiers(ctx context.Context, id ID) (*Case, error) {
	return s.change(ctx, id, 0, SideInstaller, func(c *Case, _ privacy.Actor, _ time.Time) error {
		return c.ClearIdentifiers()
	})
}

// CopyFromOwner is "Kopiera från ägare" (manual step 18). A personal identity number copied
// into the payer needs a justification like one typed there (see [Service.Save]): the grid
// company's mandatory field, or the payer's consent ([WithConsent] for [PayerSection]).
// Errors: [ErrNotEditable], [ErrNotJustified].
func (s *Service) CopyFromOwner(ctx context.Context, id ID, opts ...SaveOption) (*Case, merge.Report, error) {
	o := collectOptions(opts)
	var report merge.Report
	c, err := s.change(ctx, id, 0, SideInstaller, func(c *Case, a privacy.Actor, now time.Time) error {
		before := c.form
		var err error
		if report, err = c.CopyFromOwner(); err != nil {
			return err
		}
		profile, err := s.profile(ctx, c)
		if err != nil {
			return err
		}
		return c.justify(&before, profile, o, a, now)
	})
	if err != nil {
		return nil, merge.Report{}, err
	}
	return c, report, nil
}

// Check lists the mandatory fields the case still lacks (manual steps 17 and 19), per its grid
// company's profile for its installation type and job type; nil when complete. A withheld
// identity number says that the customer must be asked. Errors: those of [Service.Get], and
// [ErrNotOffered] if the catalog no longer offers the case's type or job type.
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

func (s *Service) profile(ctx context.Context, c *Case) (validate.Profile, error) {
	g, err := s.catalog.GridCompany(ctx, c.gridCompany)
	if err != nil {
		return validate.Profile{}, err
	}
	return g.Profile(c.installationType, c.jobType)
}
