package delivery

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gridnotify/gridnotify/notification"
)

// MaxWebhookBody is the largest request body [ReadWebhook] reads: an event's JSON is far smaller.
const MaxWebhookBody = 64 << 10

// DecodeEvent reads an event from its JSON, the body of a webhook request and of a delivery
// job, with an error that says so.
func DecodeEvent(data []byte) (notification.Event, error) {
	var e notification.Event
	if err := json.Unmarshal(data, &e); err != nil {
		return notification.Event{}, fmt.Errorf("delivery: not an event's JSON: %w", err)
	}
	return e, nil
}

// ReadWebhook is the receiving end of a [WebhookSubscriber], for a grid company's or installer's
// Go service: it reads the request's body (at most [MaxWebhookBody] bytes), checks its
// signature with [VerifyWebhook] and returns the event. Deduplicate by [notification.Event.ID]:
// a retried delivery carries the same one. Its errors match [ErrSignature] when the signature
// is the problem.
func ReadWebhook(r *http.Request, secret Secret, now time.Time) (notification.Event, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxWebhookBody+1))
	if err != nil {
		return notification.Event{}, fmt.Errorf("delivery: reading the webhook body: %w", err)
	}
	if len(body) > MaxWebhookBody {
		return notification.Event{}, fmt.Errorf("delivery: the webhook body is larger than %d bytes", MaxWebhookBody)
	}
	if err := VerifyWebhook(secret, r.Header, body, now); err != nil {
		return notification.Event{}, err
	}
	e, err := DecodeEvent(body)
	if err != nil {
		return notification.Event{}, err
	}
	if e.ID != r.Header.Get(HeaderID) {
		return notification.Event{}, fmt.Errorf("%w: %s is not the event's ID", ErrSignature, HeaderID)
	}
	return e, nil
}

// jobEvent is the event as a job's argument: its JSON, read back with DecodeEvent.
type jobEvent notification.Event

func (e jobEvent) MarshalJSON() ([]byte, error) { return json.Marshal(notification.Event(e)) }

func (e *jobEvent) UnmarshalJSON(data []byte) error {
	v, err := DecodeEvent(data)
	if err != nil {
		return err
	}
	*e = jobEvent(v)
	return nil
}
