package notification

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// Case is one notification: a föranmälan and, later, its färdiganmälan. Create one with
// [NewCase] (or [Service.Create]); load one from storage with [RestoreCase].
//
// Its fields are unexported so that its rules hold: every method that changes a case either
// succeeds completely or returns an error and changes nothing. A Case is not safe for
// concurrent use; the [Repository] hands every caller its own copy.
type Case struct {
	id               ID
	gridCompany      string
	installationType InstallationType
	jobType          string
	status           Status
	handler          Handler

	form              merge.Form
	requestedMainFuse facility.Ampere
	requestedPower    decimal.Decimal
	meterPlacement    MeterPlacement
	placementOther    string
	plannedStart      time.Time
	plannedCompletion time.Time
	workDescription   privacy.Text
	installer         Installer

	notes       []Note
	attachments []Attachment
	history     []StatusChange
	provenance  Provenance
	tombstones  []Tombstone
	consents    []Justification

	version   int64
	createdAt time.Time
	updatedAt time.Time
}

// Handler is the installer user and company that created a case and handle it.
type Handler struct {
	User         string `json:"user"`         // opaque actor ID
	Organisation string `json:"organisation"` // the installer company's ID
}

// ID returns the case's opaque ID.
func (c *Case) ID() ID { return c.id }

// GridCompany returns the ID of the grid company the case is for.
func (c *Case) GridCompany() string { return c.gridCompany }

// InstallationType returns the installation type.
func (c *Case) InstallationType() InstallationType { return c.installationType }

// JobType returns the job type's ID in the grid company's catalog.
func (c *Case) JobType() string { return c.jobType }

// Status returns where the case is in its life.
func (c *Case) Status() Status { return c.status }

// Handler returns who created and handles the case.
func (c *Case) Handler() Handler { return c.handler }

// Area returns the grid area the case is for.
func (c *Case) Area() facility.AreaCode { return c.form.Facility.Area }

// Form returns a copy of the lookup-fillable part: facility section, owner and payer.
func (c *Case) Form() merge.Form { return c.form }

// Facility returns the facility section.
func (c *Case) Facility() facility.Details { return c.form.Facility }

// Owner returns the property owner (fastighetsägare).
func (c *Case) Owner() facility.Party { return c.form.Owner }

// Payer returns the payer (betalningsansvarig).
func (c *Case) Payer() facility.Party { return c.form.Payer }

// RequestedMainFuse returns the main fuse asked for, in amperes (0 when not given).
func (c *Case) RequestedMainFuse() facility.Ampere { return c.requestedMainFuse }

// RequestedPower returns the power asked for, in kW (zero when not given).
func (c *Case) RequestedPower() decimal.Decimal { return c.requestedPower }

// MeterPlacement returns the desired meter placement and, for [OtherPlacement], its free text.
func (c *Case) MeterPlacement() (MeterPlacement, string) { return c.meterPlacement, c.placementOther }

// PlannedDates returns the planned start and completion dates (zero when not given).
func (c *Case) PlannedDates() (start, completion time.Time) {
	return c.plannedStart, c.plannedCompletion
}

// WorkDescription returns the installer's description of the work. Free text may mention
// people, so it is masked when printed like every personal field.
func (c *Case) WorkDescription() privacy.Text { return c.workDescription }

// Installer returns the installer section.
func (c *Case) Installer() Installer { return c.installer }

// Notes returns a copy of the notes, oldest first.
func (c *Case) Notes() []Note { return slices.Clone(c.notes) }

// Attachments returns a copy of the attachment metadata.
func (c *Case) Attachments() []Attachment { return slices.Clone(c.attachments) }

// History returns a copy of the status history, oldest first.
func (c *Case) History() []StatusChange { return slices.Clone(c.history) }

// Version returns the version the case had when it was read; the repository increases it on
// every update and refuses an update from a stale version.
func (c *Case) Version() int64 { return c.version }

// CreatedAt returns when the case was created.
func (c *Case) CreatedAt() time.Time { return c.createdAt }

// UpdatedAt returns when the case last changed.
func (c *Case) UpdatedAt() time.Time { return c.updatedAt }

// Clone returns a deep copy that shares no memory with c.
func (c *Case) Clone() *Case {
	d := *c
	d.notes = slices.Clone(c.notes)
	d.attachments = slices.Clone(c.attachments)
	d.history = slices.Clone(c.history)
	d.provenance.recipients = slices.Clone(c.provenance.recipients)
	d.tombstones = slices.Clone(c.tombstones)
	d.consents = slices.Clone(c.consents)
	return &d
}

// hasAttachment reports whether an attachment of kind k is present.
func (c *Case) hasAttachment(k AttachmentKind) bool {
	return slices.ContainsFunc(c.attachments, func(a Attachment) bool { return a.Kind == k })
}
