package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/facility"
)

// NewCaseParams is what manual steps 1–7 choose: grid company, installation type, job type and
// grid area, plus who creates the case and when.
type NewCaseParams struct {
	ID               ID                // optional; a fresh [NewID] when empty
	GridCompany      string            // the grid company's ID (välj nätbolag)
	InstallationType InstallationType  // välj installationstyp
	JobType          string            // the job type's ID (välj jobbtyp)
	Area             facility.AreaCode // the grid area's code (välj nätområde)
	Handler          Handler           // the creating installer user and company
	CreatedAt        time.Time         // creation time; required, stored in UTC
}

// NewCase returns a new case in status [Draft] ("Ej skickat"). It checks that every choice is
// made; whether the grid company offers the combination is the catalog's business, checked by
// [Service.Create].
func NewCase(p NewCaseParams) (*Case, error) {
	if err := requireChoices(p.GridCompany, p.InstallationType, p.JobType, string(p.Area)); err != nil {
		return nil, err
	}
	switch {
	case p.Handler.User == "":
		return nil, invalidArgument("handler.user", "missing")
	case p.CreatedAt.IsZero():
		return nil, invalidArgument("createdAt", "missing")
	}
	if p.ID == "" {
		p.ID = NewID()
	}
	c := &Case{
		id:               p.ID,
		gridCompany:      p.GridCompany,
		installationType: p.InstallationType,
		jobType:          p.JobType,
		status:           Draft,
		handler:          p.Handler,
		createdAt:        p.CreatedAt.UTC(),
		updatedAt:        p.CreatedAt.UTC(),
	}
	c.form.Facility.Area = p.Area
	return c, nil
}

// requireChoices checks that the manual's steps 3–6 each made a choice.
func requireChoices(gridCompany string, t InstallationType, jobType, area string) error {
	switch {
	case gridCompany == "":
		return invalidArgument("gridCompany", "not chosen (välj nätbolag)")
	case t == "":
		return invalidArgument("installationType", "not chosen (välj installationstyp)")
	case jobType == "":
		return invalidArgument("jobType", "not chosen (välj jobbtyp)")
	case area == "":
		return invalidArgument("area", "not chosen (välj nätområde)")
	}
	return nil
}
