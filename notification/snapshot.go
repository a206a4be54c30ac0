package notification

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// Snapshot is every field of a case, exported, for storage adapters: a [Repository] that
// keeps cases outside memory writes [Case.Snapshot] and reads back with [RestoreCase].
//
// Personal fields keep their privacy types, which mask themselves when marshalled: an adapter
// stores the clear value with their Reveal methods and reads it back with their Parse
// functions (or through an encryption port), so that a snapshot dumped anywhere else still
// shows nothing.
type Snapshot struct {
	ID                ID                // the case's opaque ID
	GridCompany       string            // the grid company's ID in the [Catalog]
	InstallationType  InstallationType  // the installation type (installationstyp)
	JobType           string            // the job type's ID in the grid company's catalog (jobbtyp)
	Status            Status            // where the case is in its life
	Handler           Handler           // the installer user and company handling the case (IDs)
	Form              merge.Form        // facility, owner and payer sections; personal data
	RequestedMainFuse facility.Ampere   // Önskad huvudsäkring, in amperes; 0 when not given
	RequestedPower    decimal.Decimal   // Önskad effekt, in kW; zero when not given
	MeterPlacement    MeterPlacement    // Önskad mätarplacering; empty when not chosen
	PlacementOther    string            // free text for [OtherPlacement]; empty otherwise
	PlannedStart      time.Time         // Planerat startdatum; zero when not given
	PlannedCompletion time.Time         // Planerat färdigdatum; zero when not given
	WorkDescription   privacy.Text      // Arbetsbeskrivning, free text; personal data
	Installer         Installer         // installer section; contact details are personal data
	Notes             []Note            // notes, oldest first; their texts are personal data
	Attachments       []Attachment      // attachment metadata; the names are personal data
	History           []StatusChange    // status history, oldest first; reasons are personal data
	Sources           map[string]Source // where each form field came from, by JSON path
	Recipients        []Recipient       // disclosures to grid companies, oldest first
	Justifications    []Justification   // why identity numbers are held, oldest first
	Tombstones        []Tombstone       // erasure records, without the erased data
	Version           int64             // 0 until stored, then raised by every update
	CreatedAt         time.Time         // when the case was created
	UpdatedAt         time.Time         // when the case last changed
}

// Snapshot returns a deep copy of every field of c.
func (c *Case) Snapshot() Snapshot {
	return Snapshot{
		ID: c.id, GridCompany: c.gridCompany, InstallationType: c.installationType, JobType: c.jobType,
		Status: c.status, Handler: c.handler, Form: c.form,
		RequestedMainFuse: c.requestedMainFuse, RequestedPower: c.requestedPower,
		MeterPlacement: c.meterPlacement, PlacementOther: c.placementOther,
		PlannedStart: c.plannedStart, PlannedCompletion: c.plannedCompletion,
		WorkDescription: c.workDescription, Installer: c.installer,
		Notes: slices.Clone(c.notes), Attachments: slices.Clone(c.attachments), History: slices.Clone(c.history),
		Sources: c.provenance.byPath(), Recipients: c.provenance.Recipients(),
		Justifications: c.Justifications(), Tombstones: c.Tombstones(),
		Version: c.version, CreatedAt: c.createdAt, UpdatedAt: c.updatedAt,
	}
}

// RestoreCase rebuilds a stored case from its snapshot. It is not a constructor for new cases
// (use [NewCase]): it trusts the snapshot's status and history as the store recorded them,
// checking only that the snapshot is whole.
func RestoreCase(s Snapshot) (*Case, error) {
	switch {
	case s.ID == "":
		return nil, invalidArgument("snapshot.id", "missing")
	case !s.Status.Valid():
		return nil, invalidArgument("snapshot.status", "not a status")
	case s.GridCompany == "" || s.InstallationType == "" || s.JobType == "":
		return nil, invalidArgument("snapshot", "grid company, installation type or job type missing")
	case s.Version < 0:
		return nil, invalidArgument("snapshot.version", "negative")
	}
	prov, err := provenanceFrom(s.Sources, s.Recipients)
	if err != nil {
		return nil, err
	}
	return &Case{
		id: s.ID, gridCompany: s.GridCompany, installationType: s.InstallationType, jobType: s.JobType,
		status: s.Status, handler: s.Handler, form: s.Form,
		requestedMainFuse: s.RequestedMainFuse, requestedPower: s.RequestedPower,
		meterPlacement: s.MeterPlacement, placementOther: s.PlacementOther,
		plannedStart: s.PlannedStart, plannedCompletion: s.PlannedCompletion,
		workDescription: s.WorkDescription, installer: s.Installer,
		notes: slices.Clone(s.Notes), attachments: slices.Clone(s.Attachments), history: slices.Clone(s.History),
		provenance: prov, consents: slices.Clone(s.Justifications), tombstones: cloneTombstones(s.Tombstones),
		version: s.Version, createdAt: s.CreatedAt, updatedAt: s.UpdatedAt,
	}, nil
}
