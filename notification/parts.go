package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// Installer is the electrical installer's company and contact on a case.
type Installer struct {
	Company             string                     `json:"company"`
	OrganisationNumber  privacy.OrganisationNumber `json:"organisationNumber"`
	AuthorisationNumber string                     `json:"authorisationNumber"` // Elsäkerhetsverket's
	Contact             privacy.Text               `json:"contact"`
	Phone               privacy.Phone              `json:"phone"`
	Email               privacy.Email              `json:"email"`
}

// Note is a notering: a remark on the case by either side. Its text may mention people, so it
// is masked when printed like every personal field.
type Note struct {
	Author string       `json:"author"` // the actor's opaque ID
	At     time.Time    `json:"at"`
	Text   privacy.Text `json:"text"`
}

// AttachmentKind says what an attachment is.
type AttachmentKind string

// The attachments grid companies ask for.
const (
	SitePlanAttachment          AttachmentKind = "site-plan"           // situationsplan
	SingleLineDiagramAttachment AttachmentKind = "single-line-diagram" // enlinjeschema
	OtherAttachment             AttachmentKind = "other"
)

// Attachment is the metadata of a file attached to a case; the file itself lives elsewhere.
// Its name is masked when printed: file names like "Anna Svensson ritning.pdf" name people.
type Attachment struct {
	Kind      AttachmentKind `json:"kind"`
	Name      privacy.Text   `json:"name"`
	MediaType string         `json:"mediaType"`
	Size      int64          `json:"size"`
	SHA256    string         `json:"sha256"` // hex digest of the content
	AddedAt   time.Time      `json:"addedAt"`
}

// StatusChange is one row of a case's status history. Its reason is free text that may
// mention the customer, so it is masked when printed like every personal field.
type StatusChange struct {
	From   Status       `json:"from"`
	To     Status       `json:"to"`
	Action Action       `json:"action"`
	By     string       `json:"by"` // the actor's opaque ID
	At     time.Time    `json:"at"`
	Reason privacy.Text `json:"reason,omitzero"` // reason for rejection or return, cancellation note, approval conditions
}

// actorID is who a history row or note names: the actor's opaque ID, never personal data.
func actorID(a privacy.Actor) string { return a.ID }
