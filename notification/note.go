package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// Note is a notering: a remark on the case by either side. Its text may mention people, so it
// is masked when printed like every personal field.
type Note struct {
	Author string       `json:"author"` // the actor's opaque ID
	At     time.Time    `json:"at"`     // when the note was written
	Text   privacy.Text `json:"text"`   // free text; personal data
}
