package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification/catalog"
)

// NewCaseParams is what manual steps 1–7 choose: grid company, installation type, job type and
// grid area, plus who creates the case and when.
type NewCaseParams struct {
	ID               ID                       // optional; a fresh [NewID] when empty
	GridCompany      string                   // the grid company's ID (välj nätbolag)
	InstallationType catalog.InstallationType // välj installationstyp
	JobType          string                   // the job type's ID (välj jobbtyp)
	Area             facility.AreaCode        // the grid area's code (välj nätområde)
	Handler          Handler                  // the creating installer user and company
	CreatedAt        time.Time                // creation time; required, stored in UTC
}

// NewCase returns a new case in status [NotSent] ("Ej skickat"). It checks that every choice is
// made; whether the grid company offers the combination is the catalog's business, checked by
// [Service.Create]. Errors match [validate.ErrInvalid] and name the field.
func NewCase(p NewCaseParams) (*Case, error) {
	if err := requireChoices(p.GridCompany, p.InstallationType, p.JobType, string(p.Area)); err != nil {
		return nil, err
	}
	switch {
	case p.Handler.User == "":
		return nil, invalid("handler.user", "missing", "saknas")
	case p.CreatedAt.IsZero():
		return nil, invalid("createdAt", "missing", "saknas")
	}
	if p.ID == "" {
		p.ID = NewID()
	} else if _, err := ParseID(string(p.ID)); err != nil {
		return nil, err
	}
	s := Snapshot{
		ID: p.ID, GridCompany: p.GridCompany, InstallationType: p.InstallationType, JobType: p.JobType,
		Status: NotSent, Handler: p.Handler, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.CreatedAt.UTC(),
	}
	s.Facility.Area = p.Area
	c := &Case{state{s: s}}
	c.record(EventCreated, NotSent, SideInstaller, s.CreatedAt)
	return c, nil
}

// requireChoices checks that the manual's steps 3–6 each made a choice.
func requireChoices(gridCompany string, t catalog.InstallationType, jobType, area string) error {
	switch {
	case gridCompany == "":
		return invalid("gridCompany", "not chosen", "välj nätbolag")
	case t == "":
		return invalid("installationType", "not chosen", "välj installationstyp")
	case jobType == "":
		return invalid("jobType", "not chosen", "välj jobbtyp")
	case area == "":
		return invalid("area", "not chosen", "välj nätområde")
	}
	return nil
}
