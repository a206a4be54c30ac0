package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

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
