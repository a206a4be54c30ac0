package delivery

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// SMSSender is the port to an SMS gateway: it sends one text to one or more phone numbers (E.164,
// "+46701234567"). Gateways differ too much for one implementation; a user plugs theirs in.
// [FakeSMS] records what would have been sent, for tests and development.
//
// Errors are retried unless wrapped with [Permanent]; they must not contain the numbers.
type SMSSender interface {
	SendSMS(ctx context.Context, to []string, text string) error
}

// SMSSubscriber delivers through an [SMSSender]: a short text in the route's language or both
// saying what happened, the case ID and the link to the case — no personal data.
type SMSSubscriber struct {
	Sender SMSSender
}

// Deliver implements [Subscriber].
func (s *SMSSubscriber) Deliver(ctx context.Context, d Delivery) error {
	if s.Sender == nil {
		return Permanent(fmt.Errorf("delivery: route %s: no SMS sender", d.Route.ID))
	}
	if len(d.To) == 0 {
		return Permanent(fmt.Errorf("delivery: route %s: no SMS recipients", d.Route.ID))
	}
	return s.Sender.SendSMS(ctx, d.To, smsText(d.Event, d.Route.Language, d.CaseURL))
}

// FakeSMS is an [SMSSender] that sends nothing and records every text; safe for concurrent use.
// Fail, when set, is called first and its error returned, to test retries.
type FakeSMS struct {
	// Fail, when not nil, is asked before each send; a non-nil error fails the send.
	Fail func(to []string, text string) error

	mu   sync.Mutex
	sent []SMSMessage
}

// SMSMessage is one text a [FakeSMS] was asked to send.
type SMSMessage struct {
	To   []string
	Text string
}

// SendSMS implements [SMSSender].
func (f *FakeSMS) SendSMS(ctx context.Context, to []string, text string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.Fail != nil {
		if err := f.Fail(to, text); err != nil {
			return err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, SMSMessage{To: slices.Clone(to), Text: text})
	return nil
}

// Sent returns the texts sent so far, oldest first.
func (f *FakeSMS) Sent() []SMSMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.sent)
}
