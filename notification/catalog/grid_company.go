package catalog

import (
	"encoding/json"
	"slices"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/validate"
)

// GridCompany is one grid company's checked configuration. It is immutable and safe for
// concurrent use, so a [Catalog] hands out the same one to every caller; every method that
// returns a slice returns a copy. Build one with [NewGridCompany].
type GridCompany struct {
	cfg      GridCompanyConfig
	areas    map[facility.AreaCode]GridArea
	jobs     map[jobKey]JobType
	profiles map[jobKey]validate.Profile // base profile joined with the job type's
	types    map[InstallationType]string // the Swedish label of every offered type
}

type jobKey struct {
	t   InstallationType
	job string
}

// NewGridCompany checks cfg (IDs, names, area codes, at least one type and job type, no
// duplicates) and returns it as a GridCompany, keeping its own copy. Errors match
// [ErrInvalidConfig] and say where the configuration is wrong.
func NewGridCompany(cfg GridCompanyConfig) (*GridCompany, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	cfg = cfg.clone()
	g := &GridCompany{
		cfg:      cfg,
		areas:    make(map[facility.AreaCode]GridArea, len(cfg.Areas)),
		jobs:     map[jobKey]JobType{},
		profiles: map[jobKey]validate.Profile{},
		types:    make(map[InstallationType]string, len(cfg.InstallationTypes)),
	}
	for _, a := range cfg.Areas {
		g.areas[a.Code] = a
	}
	for _, o := range cfg.InstallationTypes {
		g.types[o.Type] = o.label()
		for _, jt := range o.JobTypes {
			k := jobKey{o.Type, jt.ID}
			g.jobs[k] = jt
			g.profiles[k] = cfg.BaseProfile.Join(jt.Profile)
		}
	}
	return g, nil
}

// ID returns the grid company's ID.
func (g *GridCompany) ID() string { return g.cfg.ID }

// Name returns the grid company's name, e.g. "Öresundskraft AB".
func (g *GridCompany) Name() string { return g.cfg.Name }

// RetentionDays returns how long personal data of a closed or cancelled case is kept after
// its last change; 0 when no period is set.
func (g *GridCompany) RetentionDays() int { return g.cfg.RetentionDays }

// Config returns a copy of the configuration the grid company was built from.
func (g *GridCompany) Config() GridCompanyConfig { return g.cfg.clone() }

// Areas returns the grid areas the grid company serves, in configuration order.
func (g *GridCompany) Areas() []GridArea { return slices.Clone(g.cfg.Areas) }

// Area returns the grid area with code, if the grid company serves it.
func (g *GridCompany) Area(code facility.AreaCode) (GridArea, bool) {
	a, ok := g.areas[code]
	return a, ok
}

// FindArea returns the grid area with the given code ("HBG") or name ("Helsingborg"), as the
// installer picks it (välj nätområde).
func (g *GridCompany) FindArea(codeOrName string) (GridArea, bool) {
	if code, err := facility.ParseAreaCode(codeOrName); err == nil {
		if a, ok := g.areas[code]; ok {
			return a, true
		}
	}
	for _, a := range g.cfg.Areas {
		if a.Name == codeOrName {
			return a, true
		}
	}
	return GridArea{}, false
}

// InstallationTypes returns the installation types offered, each with its job types.
func (g *GridCompany) InstallationTypes() []OfferedType { return g.cfg.clone().InstallationTypes }

// TypeLabel returns the grid company's Swedish label for installation type t.
func (g *GridCompany) TypeLabel(t InstallationType) string {
	if l, ok := g.types[t]; ok {
		return l
	}
	return t.Swedish()
}

// JobType returns the job type jobType of installation type t, or an [*OfferError] naming the
// type or job type the grid company does not offer.
func (g *GridCompany) JobType(t InstallationType, jobType string) (JobType, error) {
	if _, ok := g.types[t]; !ok {
		return JobType{}, &OfferError{GridCompany: g.cfg.ID, What: "installation type", Value: string(t)}
	}
	jt, ok := g.jobs[jobKey{t, jobType}]
	if !ok {
		return JobType{}, &OfferError{GridCompany: g.cfg.ID, What: "job type", Value: jobType}
	}
	return jt, nil
}

// Profile returns the mandatory fields for installation type t and job type jobType: the
// base profile joined with the job type's. Errors as [GridCompany.JobType].
func (g *GridCompany) Profile(t InstallationType, jobType string) (validate.Profile, error) {
	p, ok := g.profiles[jobKey{t, jobType}]
	if !ok {
		_, err := g.JobType(t, jobType)
		return validate.Profile{}, err
	}
	return p, nil
}

// Placements returns the meter placements the grid company offers.
func (g *GridCompany) Placements() []PlacementOption {
	if len(g.cfg.MeterPlacements) == 0 {
		return DefaultMeterPlacements()
	}
	return slices.Clone(g.cfg.MeterPlacements)
}

// OffersPlacement reports whether p is one of the grid company's meter placements.
func (g *GridCompany) OffersPlacement(p MeterPlacement) bool {
	if len(g.cfg.MeterPlacements) == 0 {
		return slices.ContainsFunc(defaultPlacements, func(o PlacementOption) bool { return o.Code == p })
	}
	return slices.ContainsFunc(g.cfg.MeterPlacements, func(o PlacementOption) bool { return o.Code == p })
}

// AcceptsAttachment reports whether the grid company accepts an attachment of media type t.
func (g *GridCompany) AcceptsAttachment(t string) bool {
	if len(g.cfg.AttachmentTypes) == 0 {
		return slices.Contains(defaultAttachmentTypes, t)
	}
	return slices.Contains(g.cfg.AttachmentTypes, t)
}

// AttachmentTypes returns the media types of the attachments the grid company accepts.
func (g *GridCompany) AttachmentTypes() []string {
	if len(g.cfg.AttachmentTypes) == 0 {
		return DefaultAttachmentTypes()
	}
	return slices.Clone(g.cfg.AttachmentTypes)
}

// defaultAttachmentTypes is read by AcceptsAttachment without copying.
var defaultAttachmentTypes = DefaultAttachmentTypes()

// defaultPlacements is read by OffersPlacement without copying.
var defaultPlacements = DefaultMeterPlacements()

// MarshalJSON writes the grid company's configuration.
func (g *GridCompany) MarshalJSON() ([]byte, error) { return json.Marshal(g.cfg) }
