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

// Case is one notification: a föranmälan and, later, its färdiganmälan. Create one with
// [NewCase] (or [Service.Create]); load one from storage with [RestoreCase].
//
// Its state is unexported so that its rules hold: every method that changes a case either
// succeeds completely or returns an error and changes nothing. The form is edited through a
// [Draft] ([Case.Edit]), which has the form's setters and nothing else. A Case is not safe for
// concurrent use; the [Repository] hands every caller its own copy.
type Case struct {
	state
}

// state is a case's data, a [Snapshot], with the read accessors that [Case] and [Draft] share,
// and the events of the changes made to it since it was read, which are not its data.
type state struct {
	s       Snapshot
	pending []Event
}

// ID returns the case's opaque ID.
func (st *state) ID() ID { return st.s.ID }

// GridCompany returns the ID of the grid company the case is for.
func (st *state) GridCompany() string { return st.s.GridCompany }

// InstallationType returns the installation type.
func (st *state) InstallationType() catalog.InstallationType { return st.s.InstallationType }

// JobType returns the job type's ID in the grid company's catalog.
func (st *state) JobType() string { return st.s.JobType }

// Status returns where the case is in its life.
func (st *state) Status() Status { return st.s.Status }

// Handler returns who created and handles the case.
func (st *state) Handler() Handler { return st.s.Handler }

// Area returns the grid area the case is for.
func (st *state) Area() facility.AreaCode { return st.s.Facility.Area }

// Form returns a copy of the lookup-fillable part: facility section, owner and payer.
func (st *state) Form() merge.Form { return st.s.Form }

// Facility returns the facility section.
func (st *state) Facility() facility.Details { return st.s.Facility }

// Owner returns the property owner (fastighetsägare).
func (st *state) Owner() facility.Party { return st.s.Owner }

// Payer returns the payer (betalningsansvarig).
func (st *state) Payer() facility.Party { return st.s.Payer }

// RequestedMainFuse returns the main fuse asked for, in amperes (0 when not given).
func (st *state) RequestedMainFuse() facility.Ampere { return st.s.RequestedMainFuse }

// RequestedPower returns the power asked for, in kW (zero when not given).
func (st *state) RequestedPower() decimal.Decimal { return st.s.RequestedPower }

// MeterPlacement returns the desired meter placement and, for [catalog.OtherPlacement], its
// free text.
func (st *state) MeterPlacement() (catalog.MeterPlacement, string) {
	return st.s.MeterPlacement, st.s.PlacementOther
}

// PlannedDates returns the planned start and completion dates (zero when not given).
func (st *state) PlannedDates() (start, completion time.Time) {
	return st.s.PlannedStart, st.s.PlannedCompletion
}

// WorkDescription returns the installer's description of the work. Free text may mention
// people, so it is masked when printed like every personal field.
func (st *state) WorkDescription() privacy.Text { return st.s.WorkDescription }

// Installer returns the installer section.
func (st *state) Installer() Installer { return st.s.Installer }

// Notes returns a copy of the notes, oldest first.
func (st *state) Notes() []Note { return slices.Clone(st.s.Notes) }

// Attachments returns a copy of the attachment metadata.
func (st *state) Attachments() []Attachment { return slices.Clone(st.s.Attachments) }

// History returns a copy of the status history, oldest first.
func (st *state) History() []StatusChange { return slices.Clone(st.s.History) }

// Source returns where form field f's value came from.
func (st *state) Source(f merge.Field) Source { return st.s.Sources.Of(f) }

// Recipients returns every disclosure of the case to a grid company, oldest first.
func (st *state) Recipients() []Recipient { return slices.Clone(st.s.Recipients) }

// Justifications returns a copy of the recorded justifications for identity numbers, oldest
// first.
func (st *state) Justifications() []Justification { return slices.Clone(st.s.Justifications) }

// Tombstones returns a copy of the case's erasure records.
func (st *state) Tombstones() []Tombstone { return st.s.clone().Tombstones }

// Sent reports whether the case has ever been sent to the grid company, which sees it only
// from then on.
func (st *state) Sent() bool { return st.s.sent() }

// Version returns the version the case had when it was read; the repository increases it on
// every update and refuses an update from a stale version.
func (st *state) Version() int64 { return st.s.Version }

// CreatedAt returns when the case was created.
func (st *state) CreatedAt() time.Time { return st.s.CreatedAt }

// UpdatedAt returns when the case last changed.
func (st *state) UpdatedAt() time.Time { return st.s.UpdatedAt }

// Snapshot returns a deep copy of every field of the case.
func (c *Case) Snapshot() Snapshot { return c.s.clone() }

// Clone returns a deep copy that shares no memory with c, pending events included.
func (c *Case) Clone() *Case { return &Case{state{c.s.clone(), slices.Clone(c.pending)}} }

// hasAttachment reports whether an attachment of kind k is present.
func (st *state) hasAttachment(k AttachmentKind) bool {
	return slices.ContainsFunc(st.s.Attachments, func(a Attachment) bool { return a.Kind == k })
}

// editable returns an error matching ErrNotEditable unless the case may be edited.
func (st *state) editable() error {
	if !st.s.Status.Editable() {
		return &statusError{ErrNotEditable, st.s.Status}
	}
	return nil
}
