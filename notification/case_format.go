package notification

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// A case is masked in every output channel, like the personal values it holds: fmt's
// verbs, slog and encoding/json all go through the methods below, which show the case's
// identity and state and, in JSON, its fields with every personal value masked. A Case's
// fields are unexported, so without these methods fmt would print them raw. They have value
// receivers so that a Case value prints masked as well as a *Case.

// String returns the case's ID, grid company, type and status; nothing personal.
func (c Case) String() string {
	return fmt.Sprintf("notification.Case{id: %s, gridCompany: %s, type: %s, jobType: %s, status: %s, version: %d}",
		c.id, c.gridCompany, c.installationType, c.jobType, c.status.Code(), c.version)
}

// GoString is String, so %#v shows nothing personal either.
func (c Case) GoString() string { return c.String() }

// Format prints [Case.String] for every verb.
func (c Case) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// LogValue logs the case's identity and state as a group; nothing personal.
func (c Case) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", string(c.id)),
		slog.String("gridCompany", c.gridCompany),
		slog.String("type", string(c.installationType)),
		slog.String("jobType", c.jobType),
		slog.String("status", c.status.Code()),
		slog.Int64("version", c.version),
	)
}

// caseView is the JSON form of a case for display and export. Personal values are privacy
// types, which marshal masked; the JSON never holds one in clear.
type caseView struct {
	ID                ID                `json:"id"`
	GridCompany       string            `json:"gridCompany"`
	InstallationType  InstallationType  `json:"installationType"`
	JobType           string            `json:"jobType"`
	Status            Status            `json:"status"`
	Handler           Handler           `json:"handler"`
	Facility          facility.Details  `json:"facility"`
	Owner             facility.Party    `json:"owner"`
	Payer             facility.Party    `json:"payer"`
	RequestedMainFuse facility.Ampere   `json:"requestedMainFuse,omitempty"`
	RequestedPower    decimal.Decimal   `json:"requestedPower"`
	MeterPlacement    MeterPlacement    `json:"meterPlacement,omitempty"`
	PlacementOther    string            `json:"meterPlacementOther,omitempty"`
	PlannedStart      *time.Time        `json:"plannedStart,omitempty"`
	PlannedCompletion *time.Time        `json:"plannedCompletion,omitempty"`
	WorkDescription   privacy.Text      `json:"workDescription,omitzero"`
	Installer         Installer         `json:"installer"`
	Notes             []Note            `json:"notes"`
	Attachments       []Attachment      `json:"attachments"`
	History           []StatusChange    `json:"history"`
	Sources           map[string]Source `json:"sources"`
	Recipients        []Recipient       `json:"recipients"`
	Justifications    []Justification   `json:"justifications"`
	Tombstones        []Tombstone       `json:"tombstones"`
	Version           int64             `json:"version"`
	CreatedAt         time.Time         `json:"createdAt"`
	UpdatedAt         time.Time         `json:"updatedAt"`
}

// MarshalJSON writes the whole case for display or export with every personal value masked.
// It is not a storage format: a store keeps clear values through [Case.Snapshot] and the
// privacy types' Reveal methods.
func (c Case) MarshalJSON() ([]byte, error) {
	v := caseView{
		ID: c.id, GridCompany: c.gridCompany, InstallationType: c.installationType, JobType: c.jobType,
		Status: c.status, Handler: c.handler, Facility: c.form.Facility, Owner: c.form.Owner, Payer: c.form.Payer,
		RequestedMainFuse: c.requestedMainFuse, RequestedPower: c.requestedPower,
		MeterPlacement: c.meterPlacement, PlacementOther: c.placementOther,
		PlannedStart: optionalTime(c.plannedStart), PlannedCompletion: optionalTime(c.plannedCompletion),
		WorkDescription: c.workDescription, Installer: c.installer,
		Notes: c.notes, Attachments: c.attachments, History: c.history,
		Sources: map[string]Source{}, Recipients: c.provenance.recipients,
		Justifications: c.consents, Tombstones: c.tombstones,
		Version: c.version, CreatedAt: c.createdAt, UpdatedAt: c.updatedAt,
	}
	for _, f := range merge.Fields() {
		if src := c.provenance.sources[f]; src != SourceNone {
			v.Sources[f.Path()] = src
		}
	}
	return json.Marshal(v)
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
