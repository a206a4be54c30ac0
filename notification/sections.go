package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// Handler is the installer user and company that created a case and handle it.
type Handler struct {
	User         string `json:"user"`         // opaque actor ID
	Organisation string `json:"organisation"` // the installer company's ID
}

// Installer is the electrical installer's company and contact on a case (the installer
// section). Build it from what a person typed with [ParseInstaller].
type Installer struct {
	// Company is the installer company's name (Installatörsföretag).
	Company string `json:"company,omitempty"`
	// OrganisationNumber is the installer company's organisation number; a sole trader's is
	// a personal identity number and so personal data.
	OrganisationNumber privacy.OrganisationNumber `json:"organisationNumber,omitzero"`
	// AuthorisationNumber is the installer's authorisation number at Elsäkerhetsverket.
	AuthorisationNumber string `json:"authorisationNumber,omitempty"`
	// Contact is the name of the installer's contact person (Kontaktperson); personal data.
	Contact privacy.Text `json:"contact,omitzero"`
	// Phone is the contact's phone number (Installatörens telefon); personal data.
	Phone privacy.Phone `json:"phone,omitzero"`
	// Email is the contact's e-mail address (Installatörens epost); personal data.
	Email privacy.Email `json:"email,omitzero"`
}

// Note is a notering: a remark on the case by either side. Its text may mention people, so it
// is masked when printed like every personal field.
type Note struct {
	Author string       `json:"author"` // the actor's opaque ID
	At     time.Time    `json:"at"`     // when the note was written
	Text   privacy.Text `json:"text"`   // free text; personal data
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
	Kind      AttachmentKind `json:"kind"`      // site plan, single-line diagram or other
	Name      privacy.Text   `json:"name"`      // file name, unique in the case; personal data
	MediaType string         `json:"mediaType"` // MIME type, e.g. "application/pdf"
	Size      int64          `json:"size"`      // in bytes, never negative
	SHA256    string         `json:"sha256"`    // hex digest of the content
	AddedAt   time.Time      `json:"addedAt"`   // when it was attached
}

// StatusChange is one row of a case's status history. Its reason is free text that may
// mention the customer, so it is masked when printed like every personal field.
type StatusChange struct {
	From   Status    `json:"from"`   // status before the step
	To     Status    `json:"to"`     // status after the step
	Action Action    `json:"action"` // the step taken
	By     string    `json:"by"`     // the actor's opaque ID
	At     time.Time `json:"at"`     // when the step was taken
	// Reason is the reason for a rejection or return, a cancellation note or approval
	// conditions; free text, personal data.
	Reason privacy.Text `json:"reason,omitzero"`
}

// actorID is who a history row or note names: the actor's opaque ID, never personal data.
func actorID(a privacy.Actor) string { return a.ID }
