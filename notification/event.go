package notification

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"time"
)

// Event is one change of a case, recorded with the change: the case, its companies, what
// happened, the status before and after, the version the change made and when, and which side
// acted. It never holds personal data — no names, identity numbers or free text; a note or a
// reason is referred to by its place in the case ([Event.Note], the history row), never copied
// — so it may be logged, queued and sent to a webhook as it is.
//
// A store keeps a case's events in the same transaction as the change ([Case.PendingEvents]),
// so there is no change without its event and no event without its change. A feed
// ([Service.Events]) hands them out oldest first, at least once: a consumer that catches up
// after downtime may see an event again, and deduplicates by [Event.ID].
type Event struct {
	// ID identifies the event ("ev-" and 32 hex digits), for consumers to deduplicate by.
	ID string `json:"id"`
	// Seq is the event's position in its store's feed, set by the store; 0 until stored.
	Seq int64 `json:"seq"`
	// Type says what happened.
	Type EventType `json:"type"`
	// CaseID is the case the event is about.
	CaseID ID `json:"caseId"`
	// GridCompany and Installer are the IDs of the case's grid company and installer company.
	GridCompany string `json:"gridCompany"`
	Installer   string `json:"installer"`
	// From and To are the case's status before and after the change (equal when the status
	// did not change).
	From Status `json:"from"`
	To   Status `json:"to"`
	// Version is the version of the case the change made.
	Version int64 `json:"version"`
	// At is when the change was made.
	At time.Time `json:"at"`
	// By is the side that acted: the installer company or the grid company; zero for the
	// library's own work (the retention purge).
	By Side `json:"by,omitzero"`
	// Sent is whether the case had been sent to the grid company when the event happened: the
	// grid company's feed shows only such events.
	Sent bool `json:"sent"`
	// Conditions is set on an approval that came with conditions.
	Conditions bool `json:"conditions,omitempty"`
	// Note is the index of the note an EventNoteAdded added (0 otherwise): the note is
	// referred to, not copied.
	Note int `json:"note,omitempty"`
}

// EventType says what changed.
type EventType string

// The events of a case's life.
const (
	EventCreated            EventType = "created"              // Skapa anmälan
	EventFacilityFetched    EventType = "facility-fetched"     // Hämta anl-data
	EventSaved              EventType = "saved"                // Spara, Rensa, Kopiera från ägare
	EventSubmitted          EventType = "submitted"            // Skicka föranmälan
	EventApproved           EventType = "approved"             // installationsmedgivande
	EventRejected           EventType = "rejected"             // Ej godkänd
	EventReturned           EventType = "returned"             // Returnerad för komplettering
	EventCompletionNotified EventType = "completion-notified"  // Färdiganmäld
	EventClosed             EventType = "closed"               // Avslutad
	EventCancelled          EventType = "cancelled"            // Makulerad
	EventNoteAdded          EventType = "note-added"           // Ny notering
	EventAttachmentAdded    EventType = "attachment-added"     // a bilaga attached
	EventPersonalDataErased EventType = "personal-data-erased" // on the data subject's request
	EventPersonalDataPurged EventType = "personal-data-purged" // by retention
)

// EventTypes returns every event type.
func EventTypes() []EventType {
	return []EventType{EventCreated, EventFacilityFetched, EventSaved, EventSubmitted, EventApproved, EventRejected,
		EventReturned, EventCompletionNotified, EventClosed, EventCancelled, EventNoteAdded, EventAttachmentAdded,
		EventPersonalDataErased, EventPersonalDataPurged}
}

// Valid reports whether t is one of the event types.
func (t EventType) Valid() bool { return slices.Contains(EventTypes(), t) }

// eventOfAction is the event each lifecycle step records.
var eventOfAction = map[Action]EventType{
	ActionSubmit: EventSubmitted, ActionApprove: EventApproved, ActionReject: EventRejected,
	ActionReturn: EventReturned, ActionNotifyCompletion: EventCompletionNotified,
	ActionClose: EventClosed, ActionCancel: EventCancelled,
}

// newEventID returns a fresh random event ID.
func newEventID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return "ev-" + hex.EncodeToString(b[:])
}

// String describes the event without personal data, e.g. "submitted n-… v3".
func (e Event) String() string {
	return fmt.Sprintf("%s %s v%d", e.Type, e.CaseID, e.Version)
}

// PendingEvents returns the events of the changes made to c since it was read or last
// stored, oldest first, with the version the changes make when the case is stored next. A
// change made by a method that takes no time (FetchFacility, ClearIdentifiers) happened at the
// case's last change ([Case.UpdatedAt]), which the Service sets. A [Repository] stores the
// events in the same transaction as the case.
func (c *Case) PendingEvents() []Event {
	out := slices.Clone(c.pending)
	for i := range out {
		out[i].Version = c.s.Version + 1
		if out[i].At.IsZero() {
			out[i].At = c.s.UpdatedAt
		}
	}
	return out
}

// record notes an event of a change just made to the case, by side, at at.
func (st *state) record(t EventType, from Status, by Side, at time.Time) *Event {
	st.pending = append(st.pending, Event{
		ID: newEventID(), Type: t, CaseID: st.s.ID, GridCompany: st.s.GridCompany, Installer: st.s.Handler.Organisation,
		From: from, To: st.s.Status, At: at.UTC(), By: by, Sent: st.s.sent(),
	})
	return &st.pending[len(st.pending)-1]
}

// stored marks the pending events as stored with the case at version v.
func (st *state) stored(v int64) {
	st.s.Version = v
	st.pending = nil
}
