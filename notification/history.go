package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

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
