package notification

import "fmt"

// Status is where a case is in its life. The zero value is not a status.
type Status uint8

// The statuses, with the grid company's Swedish names.
const (
	StatusNone Status = iota // not a status; a case never has it
	// NotSent is "Ej skickat": the installer's, invisible to the grid company.
	NotSent
	// AwaitingApproval is "För godkännande": sent, the grid company is to decide.
	AwaitingApproval
	// Approved is "Godkänd": the installation consent (installationsmedgivande), possibly with
	// conditions.
	Approved
	// Rejected is "Ej godkänd", with a reason. Final.
	Rejected
	// Returned is "Returnerad för komplettering": sent back for completion, with a reason;
	// editable again and then resubmitted.
	Returned
	// Completed is "Färdiganmäld": the installer has sent the completion notification.
	Completed
	// Closed is "Avslutad": the grid company has connected and closed the case. Final.
	Closed
	// Cancelled is "Makulerad". Final.
	Cancelled

	statusEnd
)

var statusNames = [statusEnd]struct{ code, sv, en string }{
	StatusNone:       {"", "", "none"},
	NotSent:          {"not-sent", "Ej skickat", "not sent"},
	AwaitingApproval: {"awaiting-approval", "För godkännande", "awaiting approval"},
	Approved:         {"approved", "Godkänd", "approved"},
	Rejected:         {"rejected", "Ej godkänd", "rejected"},
	Returned:         {"returned", "Returnerad för komplettering", "returned for completion"},
	Completed:        {"completed", "Färdiganmäld", "completion notified"},
	Closed:           {"closed", "Avslutad", "closed"},
	Cancelled:        {"cancelled", "Makulerad", "cancelled"},
}

// Statuses returns every status in lifecycle order.
func Statuses() []Status {
	return []Status{NotSent, AwaitingApproval, Approved, Rejected, Returned, Completed, Closed, Cancelled}
}

// Valid reports whether s is a status.
func (s Status) Valid() bool { return s > StatusNone && s < statusEnd }

// String returns the status in English.
func (s Status) String() string {
	if s < statusEnd {
		return statusNames[s].en
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Swedish returns the status as the grid company's system shows it, e.g. "Ej skickat".
func (s Status) Swedish() string {
	if s < statusEnd {
		return statusNames[s].sv
	}
	return s.String()
}

// Code returns the status's stable machine name, e.g. "awaiting-approval".
func (s Status) Code() string {
	if s < statusEnd {
		return statusNames[s].code
	}
	return ""
}

// ParseStatus returns the status with the given [Status.Code].
func ParseStatus(code string) (Status, error) {
	for s := NotSent; s < statusEnd; s++ {
		if statusNames[s].code == code {
			return s, nil
		}
	}
	return StatusNone, invalid("status", "unknown status code", "okänd statuskod")
}

// Final reports whether no step leads out of s: rejected, closed and cancelled cases.
func (s Status) Final() bool { return s == Rejected || s == Closed || s == Cancelled }

// Editable reports whether the installer may change a case in status s.
func (s Status) Editable() bool { return s == NotSent || s == Returned }

// Deletable reports whether a case in status s may be deleted ("Ta bort").
func (s Status) Deletable() bool { return s == NotSent }

// MarshalText writes the status code; the zero Status writes "".
func (s Status) MarshalText() ([]byte, error) {
	if s != StatusNone && !s.Valid() {
		return nil, invalid("status", "not a status", "inte en status")
	}
	return []byte(s.Code()), nil
}

// UnmarshalText reads a status code; "" reads as the zero Status.
func (s *Status) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = StatusNone
		return nil
	}
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
