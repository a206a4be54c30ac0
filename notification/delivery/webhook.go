package delivery

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The headers of a signed webhook request, per Standard Webhooks.
const (
	HeaderID        = "webhook-id"        // the event ID: receivers deduplicate by it
	HeaderTimestamp = "webhook-timestamp" // the attempt's time, in Unix seconds
	HeaderSignature = "webhook-signature" // "v1,<base64 HMAC-SHA256 over id.timestamp.body>"
)

// WebhookTolerance is how far a webhook's timestamp may be from the receiver's clock in
// [VerifyWebhook], against replays.
const WebhookTolerance = 5 * time.Minute

// Secret is a webhook signing secret in the Standard Webhooks form "whsec_<base64>": 24 to 64
// random bytes. It prints, logs and marshals as "whsec_…" so that a configuration can be shown
// without it; [Secret.Reveal] gives the clear form.
type Secret struct{ key []byte }

// ParseSecret reads "whsec_" and the standard base64 of 24 to 64 bytes. Its errors never quote
// the input.
func ParseSecret(s string) (Secret, error) {
	b64, ok := strings.CutPrefix(strings.TrimSpace(s), "whsec_")
	if !ok {
		return Secret{}, problem("webhook.secret", "a secret starts with \"whsec_\"")
	}
	key, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return Secret{}, problem("webhook.secret", "the part after \"whsec_\" is not standard base64")
	}
	if len(key) < 24 || len(key) > 64 {
		return Secret{}, problem("webhook.secret", "a secret is 24 to 64 bytes, this one %d", len(key))
	}
	return Secret{key: key}, nil
}

// NewSecret returns a fresh random secret, for a grid company to give its webhook receiver.
func NewSecret() Secret {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // crypto/rand.Read never fails on supported platforms
	return Secret{key: key}
}

// IsZero reports whether s is the zero Secret (no secret).
func (s Secret) IsZero() bool { return len(s.key) == 0 }

// Reveal returns the secret in the clear "whsec_<base64>" form, or "" for the zero Secret.
func (s Secret) Reveal() string {
	if s.IsZero() {
		return ""
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(s.key)
}

// String returns "whsec_…", or "" for the zero Secret.
func (s Secret) String() string {
	if s.IsZero() {
		return ""
	}
	return "whsec_…"
}

// GoString returns the redacted form too.
func (s Secret) GoString() string { return strconv.Quote(s.String()) }

// Format prints the redacted form whatever the verb.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// LogValue logs the redacted form.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText writes the redacted form: a configuration marshalled back to JSON does not carry
// its secrets.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the clear form, as [ParseSecret]; empty text gives the zero Secret.
func (s *Secret) UnmarshalText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		*s = Secret{}
		return nil
	}
	v, err := ParseSecret(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// SignWebhook returns the Standard Webhooks signature of a request: "v1," and the base64 of the
// HMAC-SHA256, keyed with the secret's bytes, over id, ".", the timestamp in Unix seconds, ".",
// and the body.
func SignWebhook(secret Secret, id string, timestamp time.Time, body []byte) string {
	return "v1," + base64.StdEncoding.EncodeToString(mac(secret, id, strconv.FormatInt(timestamp.Unix(), 10), body))
}

func mac(secret Secret, id, ts string, body []byte) []byte {
	h := hmac.New(sha256.New, secret.key)
	h.Write([]byte(id))
	h.Write([]byte{'.'})
	h.Write([]byte(ts))
	h.Write([]byte{'.'})
	h.Write(body)
	return h.Sum(nil)
}

// ErrSignature is what [VerifyWebhook]'s errors match with [errors.Is].
var ErrSignature = errors.New("webhook signature")

// VerifyWebhook checks a received webhook request the way a grid company's receiver should:
// the headers are present, the timestamp is within [WebhookTolerance] of now, and one of the
// space-separated signatures is a valid "v1," signature of the body (compared in constant
// time). Its errors match [ErrSignature].
func VerifyWebhook(secret Secret, h http.Header, body []byte, now time.Time) error {
	id, ts, sigs := h.Get(HeaderID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if id == "" || ts == "" || sigs == "" {
		return fmt.Errorf("%w: missing %s, %s or %s", ErrSignature, HeaderID, HeaderTimestamp, HeaderSignature)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: the timestamp is not Unix seconds", ErrSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > WebhookTolerance || d < -WebhookTolerance {
		return fmt.Errorf("%w: the timestamp is more than %v from now", ErrSignature, WebhookTolerance)
	}
	if secret.IsZero() {
		return fmt.Errorf("%w: no secret to verify with", ErrSignature)
	}
	want := mac(secret, id, ts, body)
	for sig := range strings.FieldsSeq(sigs) {
		b64, ok := strings.CutPrefix(sig, "v1,")
		if !ok {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(b64)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return fmt.Errorf("%w: no valid v1 signature", ErrSignature)
}

// WebhookSubscriber posts each event's JSON to the route's URL, signed per Standard Webhooks
// with the route's secret: "webhook-id" is the event ID (the same on every attempt, for the
// receiver to deduplicate by), "webhook-timestamp" the attempt's time, "webhook-signature" the
// signature ([SignWebhook]).
//
// A 2xx answer is success. A 5xx answer, 408 Request Timeout, 429 Too Many Requests, a timeout
// and a connection error are retried; any other answer (4xx, and 3xx: redirects are not
// followed, so that the signed body never goes elsewhere) is [Permanent]. Errors name the
// route, the URL's host and the status, never the URL's path or query, which may hold a token.
type WebhookSubscriber struct {
	// Client sends the requests; nil means a client with a 30-second timeout. Redirects are
	// never followed, whatever the client's CheckRedirect says.
	Client *http.Client
	// Now is the clock for the timestamp; nil means time.Now.
	Now func() time.Time
}

// Deliver implements [Subscriber].
func (w *WebhookSubscriber) Deliver(ctx context.Context, d Delivery) error {
	if d.Route.Webhook == nil {
		return Permanent(fmt.Errorf("delivery: route %s has no webhook settings", d.Route.ID))
	}
	body, err := json.Marshal(d.Event)
	if err != nil {
		return Permanent(fmt.Errorf("delivery: event %s: %w", d.Event.ID, err))
	}
	u, err := url.Parse(d.Route.Webhook.URL)
	if err != nil {
		return Permanent(fmt.Errorf("delivery: route %s: the webhook URL does not parse", d.Route.ID))
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return Permanent(fmt.Errorf("delivery: route %s: building the request: %v", d.Route.ID, errors.Unwrap(err)))
	}
	ts := now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "gridnotify-delivery")
	req.Header.Set(HeaderID, d.Event.ID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set(HeaderSignature, SignWebhook(d.Route.Webhook.Secret, d.Event.ID, ts, body))

	client := http.Client{Timeout: 30 * time.Second}
	if w.Client != nil {
		client = *w.Client
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // *url.Error quotes the whole URL
		}
		return fmt.Errorf("delivery: route %s: webhook to %s: %w", d.Route.ID, u.Host, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		return nil
	case code >= 500, code == http.StatusRequestTimeout, code == http.StatusTooManyRequests:
		return &StatusError{Route: d.Route.ID, Host: u.Host, Code: code}
	default:
		return Permanent(&StatusError{Route: d.Route.ID, Host: u.Host, Code: code})
	}
}

// StatusError is a webhook receiver's answer other than 2xx.
type StatusError struct {
	Route string // the route's ID
	Host  string // the URL's host
	Code  int    // the HTTP status code
}

// Error returns e.g. "delivery: route r-1: webhook to hooks.example: HTTP 503 Service Unavailable".
func (e *StatusError) Error() string {
	return fmt.Sprintf("delivery: route %s: webhook to %s: HTTP %d %s", e.Route, e.Host, e.Code, http.StatusText(e.Code))
}
