package notification

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
)

// Snapshot is every field of a case, exported: the one mirror of [Case]. A case holds its
// state as a Snapshot, so a field added here is a field of the case; every other form of a
// case is derived from it by code that walks it — the masked JSON of [Case.MarshalJSON] (the
// JSON below, whose privacy types mask themselves), the sealed storage format of package
// sealed (through [Snapshot.PersonalValues]), a store's listing columns ([Snapshot.Listing]).
//
// A store that keeps cases outside memory writes [Case.Snapshot] and reads back with
// [RestoreCase]. Personal fields keep their privacy types, which mask themselves when
// printed or marshalled, so a snapshot dumped anywhere still shows nothing; a store reaches
// their clear values through [Snapshot.PersonalValues] and [Snapshot.SetPersonalValues].
//
// The JSON names below are the paths that problems, reports and reveals use: the form's
// sections are inlined, so "owner.personalNumber" is the owner's personal identity number.
type Snapshot struct {
	ID               ID                       `json:"id"`               // the case's opaque ID
	GridCompany      string                   `json:"gridCompany"`      // the grid company's ID in the catalog
	InstallationType catalog.InstallationType `json:"installationType"` // installationstyp
	JobType          string                   `json:"jobType"`          // the job type's ID (jobbtyp)
	Status           Status                   `json:"status"`           // where the case is in its life
	Handler          Handler                  `json:"handler"`          // the installer user and company (IDs)

	// Form is the facility section, the property owner and the payer: what "Hämta anl-data"
	// can fill. Personal data.
	merge.Form
	RequestedMainFuse facility.Ampere        `json:"requestedMainFuse,omitzero"`    // Önskad huvudsäkring (A); 0 when not given
	RequestedPower    decimal.Decimal        `json:"requestedPower,omitzero"`       // Önskad effekt (kW); zero when not given
	MeterPlacement    catalog.MeterPlacement `json:"meterPlacement,omitempty"`      // Önskad mätarplacering; empty when not chosen
	PlacementOther    string                 `json:"meterPlacementOther,omitempty"` // free text for catalog.OtherPlacement
	PlannedStart      time.Time              `json:"plannedStart,omitzero"`         // Planerat startdatum; zero when not given
	PlannedCompletion time.Time              `json:"plannedCompletion,omitzero"`    // Planerat färdigdatum; zero when not given
	WorkDescription   privacy.Text           `json:"workDescription,omitzero"`      // Arbetsbeskrivning, free text; personal data
	Installer         Installer              `json:"installer"`                     // installer section; contact details are personal data

	Notes          []Note          `json:"notes"`          // notes, oldest first; their texts are personal data
	Attachments    []Attachment    `json:"attachments"`    // attachment metadata; the names are personal data
	History        []StatusChange  `json:"history"`        // status history, oldest first; reasons are personal data
	Sources        Sources         `json:"sources"`        // where each form field's value came from
	Recipients     []Recipient     `json:"recipients"`     // disclosures to grid companies, oldest first
	Justifications []Justification `json:"justifications"` // why identity numbers are held, oldest first
	Tombstones     []Tombstone     `json:"tombstones"`     // erasure records, without the erased data

	Version   int64     `json:"version"`   // 0 until stored, then raised by every update
	CreatedAt time.Time `json:"createdAt"` // when the case was created
	UpdatedAt time.Time `json:"updatedAt"` // when the case last changed
}

// clone returns a deep copy of s: the lists are copied, every other field is a value.
func (s Snapshot) clone() Snapshot {
	s.Notes = slices.Clone(s.Notes)
	s.Attachments = slices.Clone(s.Attachments)
	s.History = slices.Clone(s.History)
	s.Recipients = slices.Clone(s.Recipients)
	s.Justifications = slices.Clone(s.Justifications)
	s.Tombstones = slices.Clone(s.Tombstones)
	for i := range s.Tombstones {
		s.Tombstones[i].Fields = slices.Clone(s.Tombstones[i].Fields)
	}
	return s
}

// RestoreCase rebuilds a stored case from its snapshot. It is not a constructor for new cases
// (use [NewCase]): it trusts the snapshot's status and history as the store recorded them,
// checking only that the snapshot is whole ([Snapshot.Validate]).
func RestoreCase(s Snapshot) (*Case, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &Case{state{s: s.clone()}}, nil
}

// Validate reports whether s is a whole case as a store may hold it: an ID, a status, the
// grid company, installation type and job type, a version that is not negative. Errors match
// [validate.ErrInvalid] and name the field.
func (s *Snapshot) Validate() error {
	switch {
	case s.ID == "":
		return invalid("snapshot.id", "missing", "saknas")
	case !s.Status.Valid():
		return invalid("snapshot.status", "not a status", "inte en status")
	case s.GridCompany == "" || s.InstallationType == "" || s.JobType == "":
		return invalid("snapshot", "grid company, installation type or job type missing",
			"nätbolag, installationstyp eller jobbtyp saknas")
	case s.Version < 0:
		return invalid("snapshot.version", "negative", "negativ")
	}
	return nil
}

// Listing is what a store filters and sorts a listing on: the columns it may keep in clear,
// since none of them is personal data.
type Listing struct {
	ID          ID        // the case's ID
	GridCompany string    // the grid company's ID
	Installer   string    // the installer company's ID (Handler.Organisation)
	Status      Status    // the case's status
	Sent        bool      // whether the case was ever sent to the grid company
	CreatedAt   time.Time // creation time, the listing order with the ID
	UpdatedAt   time.Time // last change
	Version     int64     // the stored version
}

// Listing returns the snapshot's listing columns.
func (s Snapshot) Listing() Listing {
	return Listing{ID: s.ID, GridCompany: s.GridCompany, Installer: s.Handler.Organisation, Status: s.Status,
		Sent: s.sent(), CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, Version: s.Version}
}

// sent reports whether the case has ever been sent to the grid company.
func (s *Snapshot) sent() bool {
	return slices.ContainsFunc(s.History, func(h StatusChange) bool { return h.Action == ActionSubmit })
}
