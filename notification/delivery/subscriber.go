package delivery

import (
	"context"
	"errors"

	"github.com/gridnotify/gridnotify/notification"
)

// Subscriber is the port a channel delivers through: e-mail ([SMTPSubscriber]), webhooks
// ([WebhookSubscriber]), SMS ([SMSSubscriber] over an [SMSSender]), or anything a user plugs
// in. The Dispatcher calls Deliver once per attempt, from a River worker.
//
// Deliver returns nil when the delivery is done. An error wrapped with [Permanent] (for
// instance a webhook's 4xx answer) ends the delivery without retry (River cancels the job);
// any other error is retried with backoff until the attempts run out, and then the job is
// discarded: the dead letter, listed by [Dispatcher.Failed]. Delivery is at least once: an
// attempt that fails after the receiver got the message sends it again, with the same
// [notification.Event.ID], so receivers deduplicate by it.
//
// Deliver must honour ctx (it carries the attempt's timeout and the Dispatcher's stop), and
// its errors must not contain personal data: they are stored with the job and logged.
type Subscriber interface {
	Deliver(ctx context.Context, d Delivery) error
}

// SubscriberFunc adapts a function to [Subscriber].
type SubscriberFunc func(ctx context.Context, d Delivery) error

// Deliver calls f.
func (f SubscriberFunc) Deliver(ctx context.Context, d Delivery) error { return f(ctx, d) }

// Delivery is one attempt to tell one route's audience about one event.
type Delivery struct {
	// Event is the event; it holds no personal data.
	Event notification.Event
	// Route is the route that carries it (a copy of the configuration's).
	Route Route
	// To are the recipients from the [Directory] for e-mail and SMS: e-mail addresses or phone
	// numbers (personal data: never log them). Empty for webhooks.
	To []string
	// CaseURL is the link to the case: the configuration's CaseURL and the case ID.
	CaseURL string
	// Attempt is the attempt's number, from 1.
	Attempt int
}

// ErrPermanent is what [Permanent] errors match with [errors.Is].
var ErrPermanent = errors.New("permanent delivery failure")

type permanentError struct{ err error }

func (e *permanentError) Error() string        { return e.err.Error() }
func (e *permanentError) Unwrap() error        { return e.err }
func (e *permanentError) Is(target error) bool { return target == ErrPermanent }

// Permanent marks err as a failure that another attempt would not mend: the Dispatcher does not
// retry it. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

// IsPermanent reports whether err is marked [Permanent].
func IsPermanent(err error) bool { return errors.Is(err, ErrPermanent) }
