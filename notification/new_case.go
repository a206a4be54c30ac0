package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/facility"
)

// NewCaseParams is what manual steps 1–7 choose: grid company, installation type, job type and
// grid area, plus who creates the case and when.
type NewCaseParams struct {
	ID               ID // optional; a fresh [NewID] when empty
	GridCompany      string
	InstallationType InstallationType
	JobType          string
	Area             facility.AreaCode
	Handler          Handler
	CreatedAt        time.Time
}

// NewCase returns a new case in status [Draft] ("Ej skickat"). It checks that every choice is
// made; whether the grid company offers the combination is the catalog's business, checked by
// [Service.Create].
func NewCase(p NewCaseParams) (*Case, error) {
	switch {
	case p.GridCompany == "":
		return nil, invalidArgument("gridCompany", "not chosen (välj nätbolag)")
	case p.InstallationType == "":
		return nil, invalidArgument("installationType", "not chosen (välj installationstyp)")
	case p.JobType == "":
		return nil, invalidArgument("jobType", "not chosen (välj jobbtyp)")
	case p.Area.IsZero():
		return nil, invalidArgument("area", "not chosen (välj nätområde)")
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
