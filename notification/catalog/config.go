package catalog

import (
	"slices"
	"strings"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/validate"
)

// GridCompanyConfig is one grid company's configuration as a catalog file holds it.
// [NewGridCompany] checks it and turns it into a [GridCompany].
type GridCompanyConfig struct {
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
	// AttachmentTypes are the media types of the attachments the grid company accepts, as
	// sniffed from their content; [DefaultAttachmentTypes] (PDF, PNG, JPEG) when empty.
	AttachmentTypes []string `json:"attachmentTypes,omitempty"`
}

// DefaultAttachmentTypes returns the media types accepted when a grid company lists none:
// PDF, PNG and JPEG, what site plans and single-line diagrams come as.
func DefaultAttachmentTypes() []string {
	return []string{"application/pdf", "image/png", "image/jpeg"}
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

// label returns the Swedish label of an offered type.
func (o OfferedType) label() string {
	if o.Label != "" {
		return o.Label
	}
	return o.Type.Swedish()
}

// clone returns a deep copy of g: profiles are immutable values, everything else is copied.
func (g GridCompanyConfig) clone() GridCompanyConfig {
	g.Areas = slices.Clone(g.Areas)
	g.MeterPlacements = slices.Clone(g.MeterPlacements)
	g.AttachmentTypes = slices.Clone(g.AttachmentTypes)
	types := make([]OfferedType, len(g.InstallationTypes))
	for i, o := range g.InstallationTypes {
		o.JobTypes = slices.Clone(o.JobTypes)
		types[i] = o
	}
	if g.InstallationTypes == nil {
		types = nil
	}
	g.InstallationTypes = types
	return g
}

// check reports the first inconsistency in a grid company's configuration. It is linear in
// the size of the configuration, so a hostile catalog file cannot make it slow.
func (g GridCompanyConfig) check() error {
	bad := func(format string, args ...any) error {
		return invalid("grid company %q: "+format, append([]any{g.ID}, args...)...)
	}
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
			return bad("grid area %d: code must be 3 characters A–Z, 0–9", i)
		}
		if areas[a.Code] {
			return bad("grid area %q listed twice", a.Code)
		}
		areas[a.Code] = true
	}
	for i, t := range g.AttachmentTypes {
		if main, sub, ok := strings.Cut(t, "/"); !ok || main == "" || sub == "" || strings.ContainsAny(t, " ;,") {
			return bad("attachment type %d: not a media type such as application/pdf", i)
		}
	}
	placements := make(map[MeterPlacement]bool, len(g.MeterPlacements))
	for i, p := range g.MeterPlacements {
		if p.Code == "" || p.Label == "" {
			return bad("meter placement %d: code and label are required", i)
		}
		if placements[p.Code] {
			return bad("meter placement %q listed twice", p.Code)
		}
		placements[p.Code] = true
	}
	if len(g.InstallationTypes) == 0 {
		return bad("no installation types")
	}
	types := make(map[InstallationType]bool, len(g.InstallationTypes))
	for i, o := range g.InstallationTypes {
		if o.Type == "" || o.label() == "" {
			return bad("installation type %d: type and label are required", i)
		}
		if types[o.Type] {
			return bad("installation type %q listed twice", o.Type)
		}
		types[o.Type] = true
		if len(o.JobTypes) == 0 {
			return bad("installation type %q has no job types", o.Type)
		}
		jobs := make(map[string]bool, len(o.JobTypes))
		for j, jt := range o.JobTypes {
			if jt.ID == "" || jt.Name == "" {
				return bad("installation type %q, job type %d: id and name are required", o.Type, j)
			}
			if jobs[jt.ID] {
				return bad("installation type %q: job type %q listed twice", o.Type, jt.ID)
			}
			jobs[jt.ID] = true
		}
	}
	return nil
}
