package notification

import (
	"context"
	"fmt"
	"slices"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/validate"
)

// Catalog is the port to the grid companies' configuration: which grid areas, installation
// types, job types, meter placements and mandatory fields each offers. Grid companies configure
// their systems differently, so none of this is code. [StaticCatalog] is the in-memory default.
type Catalog interface {
	// GridCompanies returns every grid company.
	GridCompanies(ctx context.Context) ([]GridCompany, error)
	// GridCompany returns one grid company, or an error matching [ErrNotOffered].
	GridCompany(ctx context.Context, id string) (GridCompany, error)
}

// GridCompany is one grid company's configuration.
type GridCompany struct {
	// ID is the grid company's ID, as cases and queries name it.
	ID   string `json:"id"`
	Name string `json:"name"` // e.g. "Öresundskraft AB"
	// Areas are the grid areas (nätområden) the grid company serves.
	Areas []GridArea `json:"areas"`
	// InstallationTypes are the installation types it offers, each with its job types.
	InstallationTypes []OfferedType `json:"installationTypes"`
	// MeterPlacements are the meter placements offered; [DefaultMeterPlacements] when empty.
	MeterPlacements []PlacementOption `json:"meterPlacements,omitempty"`
	// BaseProfile lists the fields mandatory for every job type.
	BaseProfile validate.Profile `json:"baseProfile"`
	// RetentionDays is how long personal data of a closed or cancelled case is kept, counted
	// from its last change; 0 means the grid company has set no period (nothing is purged).
	RetentionDays int `json:"retentionDays,omitempty"`
}

// GridArea is a grid area (nätområde): its 3-character code and its name.
type GridArea struct {
	Code facility.AreaCode `json:"code"` // 3-character code, e.g. "HBG"
	Name string            `json:"name"` // e.g. "Helsingborg"
}

// OfferedType is an installation type a grid company offers, with its job types.
type OfferedType struct {
	Type     InstallationType `json:"type"`            // the installation type offered
	Label    string           `json:"label,omitempty"` // Swedish label; the built-in one when empty
	JobTypes []JobType        `json:"jobTypes"`        // the job types offered for it
}

// JobType is a job type (jobbtyp) such as "Anläggning med en mätare", with the fields it makes
// mandatory on top of the grid company's base profile.
type JobType struct {
	ID      string           `json:"id"`      // the job type's ID within the grid company
	Name    string           `json:"name"`    // display name, e.g. "Anläggning med en mätare"
	Profile validate.Profile `json:"profile"` // mandatory on top of the grid company's base profile
}

// OfferError says which choice a grid company does not offer. It matches [ErrNotOffered].
// It names configuration codes only, never personal data.
type OfferError struct {
	GridCompany string // the grid company's ID
	// What is the kind of choice: "grid company", "installation type", "job type",
	// "grid area" or "meter placement".
	What  string
	Value string // the code or name not offered
}

// Error names the grid company, the kind of choice and the value.
func (e *OfferError) Error() string {
	if e.What == "grid company" {
		return fmt.Sprintf("notification: no grid company %q in the catalog", e.Value)
	}
	return fmt.Sprintf("notification: grid company %q does not offer %s %q", e.GridCompany, e.What, e.Value)
}

// Is makes errors.Is(err, ErrNotOffered) true.
func (e *OfferError) Is(target error) bool { return target == ErrNotOffered }

// label returns the Swedish label of an offered type.
func (o OfferedType) label() string {
	if o.Label != "" {
		return o.Label
	}
	return o.Type.Swedish()
}

// TypeLabel returns the grid company's Swedish label for installation type t.
func (g GridCompany) TypeLabel(t InstallationType) string {
	for _, o := range g.InstallationTypes {
		if o.Type == t {
			return o.label()
		}
	}
	return t.Swedish()
}

// Area returns the grid area with code, if the grid company has it.
func (g GridCompany) Area(code facility.AreaCode) (GridArea, bool) {
	i := slices.IndexFunc(g.Areas, func(a GridArea) bool { return a.Code == code })
	if i < 0 {
		return GridArea{}, false
	}
	return g.Areas[i], true
}

// JobType returns the job type jobType of installation type t, or an [*OfferError].
func (g GridCompany) JobType(t InstallationType, jobType string) (JobType, error) {
	i := slices.IndexFunc(g.InstallationTypes, func(o OfferedType) bool { return o.Type == t })
	if i < 0 {
		return JobType{}, &OfferError{GridCompany: g.ID, What: "installation type", Value: string(t)}
	}
	jobs := g.InstallationTypes[i].JobTypes
	j := slices.IndexFunc(jobs, func(jt JobType) bool { return jt.ID == jobType })
	if j < 0 {
		return JobType{}, &OfferError{GridCompany: g.ID, What: "job type", Value: jobType}
	}
	return jobs[j], nil
}

// Profile returns the mandatory fields for installation type t and job type jobType: the
// base profile joined with the job type's.
func (g GridCompany) Profile(t InstallationType, jobType string) (validate.Profile, error) {
	jt, err := g.JobType(t, jobType)
	if err != nil {
		return validate.Profile{}, err
	}
	return g.BaseProfile.Join(jt.Profile), nil
}

// Placements returns the meter placements the grid company offers.
func (g GridCompany) Placements() []PlacementOption {
	if len(g.MeterPlacements) == 0 {
		return DefaultMeterPlacements()
	}
	return slices.Clone(g.MeterPlacements)
}

// OffersPlacement reports whether p is one of the grid company's meter placements.
func (g GridCompany) OffersPlacement(p MeterPlacement) bool {
	return slices.ContainsFunc(g.Placements(), func(o PlacementOption) bool { return o.Code == p })
}

// check reports the first inconsistency in a grid company's configuration.
func (g GridCompany) check() error {
	bad := func(what string) error { return fmt.Errorf("notification: catalog: grid company %q: %s", g.ID, what) }
	if g.ID == "" || g.Name == "" {
		return bad("id and name are required")
	}
	if g.RetentionDays < 0 {
		return bad("retentionDays must not be negative")
	}
	if len(g.Areas) == 0 {
		return bad("no grid areas")
	}
	areas := make(map[facility.AreaCode]bool, len(g.Areas))
	for i, a := range g.Areas {
		if code, err := facility.ParseAreaCode(string(a.Code)); err != nil || code != a.Code {
			return bad(fmt.Sprintf("grid area %d: code must be 3 characters A–Z, 0–9", i))
		}
		if areas[a.Code] {
			return bad(fmt.Sprintf("grid area %q listed twice", a.Code))
		}
		areas[a.Code] = true
	}
	if len(g.InstallationTypes) == 0 {
		return bad("no installation types")
	}
	types := make(map[InstallationType]bool, len(g.InstallationTypes))
	for i, o := range g.InstallationTypes {
		if o.Type == "" || o.label() == "" {
			return bad(fmt.Sprintf("installation type %d: type and label are required", i))
		}
		if types[o.Type] {
			return bad(fmt.Sprintf("installation type %q listed twice", o.Type))
		}
		types[o.Type] = true
		if len(o.JobTypes) == 0 {
			return bad(fmt.Sprintf("installation type %q has no job types", o.Type))
		}
		jobs := make(map[string]bool, len(o.JobTypes))
		for j, jt := range o.JobTypes {
			if jt.ID == "" || jt.Name == "" {
				return bad(fmt.Sprintf("installation type %q, job type %d: id and name are required", o.Type, j))
			}
			if jobs[jt.ID] {
				return bad(fmt.Sprintf("installation type %q: job type %q listed twice", o.Type, jt.ID))
			}
			jobs[jt.ID] = true
		}
	}
	return nil
}
