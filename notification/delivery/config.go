package delivery

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strings"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// MaxConfigSize is the largest configuration [LoadConfig] reads, in bytes.
const MaxConfigSize = 1 << 20

// Channel is how a route tells its audience.
type Channel string

// The channels.
const (
	Email   Channel = "email"   // an e-mail to the organisation's addresses in the Directory
	Webhook Channel = "webhook" // a signed HTTP POST of the event's JSON to the route's URL
	SMS     Channel = "sms"     // a text message to the organisation's numbers in the Directory
)

// Valid reports whether c is one of the channels.
func (c Channel) Valid() bool { return c == Email || c == Webhook || c == SMS }

// Audience is whom a route tells: the case's installer company or the grid company's case
// officers.
type Audience string

// The audiences.
const (
	// Installer is the installer company that handles the case ([notification.Event.Installer]).
	Installer Audience = "installer"
	// GridCompany is the grid company's case officers ([notification.Event.GridCompany]). A
	// route with this audience carries only events that happened once the case was sent
	// ([notification.Event.Sent]): the grid company never learns of a draft.
	GridCompany Audience = "grid-company"
)

// Valid reports whether a is one of the audiences.
func (a Audience) Valid() bool { return a == Installer || a == GridCompany }

// Config says who is told what: the routes, the base URL of the links to a case, and the
// static recipients of e-mail and SMS. Build it in code or read it with [LoadConfig]; either
// way [Config.Validate] checks it, and [NewDispatcher] refuses one that fails.
//
// A Config holds webhook secrets as [Secret] values, which print redacted; its recipients
// print masked.
type Config struct {
	// CaseURL is the base of the link to a case in e-mail and SMS: the link is CaseURL with the
	// case ID appended as a path segment, e.g. https://portal.example.se/cases/n-… . Required
	// when a route sends e-mail or SMS.
	CaseURL string `json:"caseUrl,omitempty"`
	// Routes are the routes, each with an ID of its own.
	Routes []Route `json:"routes"`
	// Recipients are the e-mail addresses and phone numbers of organisations, for routes
	// whose Directory is the static one of the configuration.
	Recipients StaticDirectory `json:"recipients,omitempty"`
}

// Route is one subscription: which events of whose cases go to whom, by which channel.
type Route struct {
	// ID names the route in job rows, logs and errors: lower-case letters, digits and
	// '-', '_' or '.', at most 64 characters.
	ID string `json:"id"`
	// Events are the event types the route carries; at least one.
	Events []notification.EventType `json:"events"`
	// Installer, when set, limits the route to the cases of this installer company.
	Installer string `json:"installer,omitempty"`
	// GridCompany, when set, limits the route to the cases of this grid company.
	GridCompany string `json:"gridCompany,omitempty"`
	// Audience is whom the route tells.
	Audience Audience `json:"audience"`
	// Channel is how.
	Channel Channel `json:"channel"`
	// Webhook holds the webhook's URL and secret; required for, and only for, the webhook
	// channel.
	Webhook *WebhookSettings `json:"webhook,omitempty"`
	// Language is the language of an e-mail or SMS: "sv", "en", or empty for both (Swedish
	// first).
	Language Language `json:"language,omitempty"`
}

// WebhookSettings are a webhook route's endpoint and signing secret.
type WebhookSettings struct {
	// URL is where the events are posted: an absolute https URL, or http to a loopback
	// address (for tests and local relays). It must carry no user name or password.
	URL string `json:"url"`
	// Secret signs every request per Standard Webhooks; "whsec_" and the base64 of 24 to 64
	// random bytes.
	Secret Secret `json:"secret"`
}

// Organisation returns whom the route tells about e: the case's installer company or its grid
// company.
func (r *Route) Organisation(e notification.Event) string {
	if r.Audience == GridCompany {
		return e.GridCompany
	}
	return e.Installer
}

// Carries reports whether the route carries e: its type is one of the route's, the case is of
// the route's installer and grid company (when set), and for the grid company's audience the
// case had been sent.
func (r *Route) Carries(e notification.Event) bool {
	return slices.Contains(r.Events, e.Type) &&
		(r.Installer == "" || r.Installer == e.Installer) &&
		(r.GridCompany == "" || r.GridCompany == e.GridCompany) &&
		(r.Audience != GridCompany || e.Sent) &&
		r.Organisation(e) != ""
}

// Match returns the routes that carry e, in the configuration's order.
func (c *Config) Match(e notification.Event) []*Route {
	var out []*Route
	for i := range c.Routes {
		if c.Routes[i].Carries(e) {
			out = append(out, &c.Routes[i])
		}
	}
	return out
}

// Route returns the route with id, or nil.
func (c *Config) Route(id string) *Route {
	for i := range c.Routes {
		if c.Routes[i].ID == id {
			return &c.Routes[i]
		}
	}
	return nil
}

// ErrConfig is what every configuration problem matches with [errors.Is].
var ErrConfig = errors.New("delivery: invalid configuration")

// ConfigError is one problem of a configuration: where it is and what is wrong. It never
// quotes a secret, a URL or a recipient.
type ConfigError struct {
	// Path is where, e.g. "routes[2].webhook.secret"; empty for the document as a whole.
	Path string
	// Problem says what is wrong, in English.
	Problem string
}

// Error returns "delivery: invalid configuration: PATH: PROBLEM".
func (e *ConfigError) Error() string {
	if e.Path == "" {
		return ErrConfig.Error() + ": " + e.Problem
	}
	return ErrConfig.Error() + ": " + e.Path + ": " + e.Problem
}

// Is makes a ConfigError match [ErrConfig].
func (e *ConfigError) Is(target error) bool { return target == ErrConfig }

func problem(path, format string, args ...any) error {
	return &ConfigError{Path: path, Problem: fmt.Sprintf(format, args...)}
}

// LoadConfig reads a configuration in JSON from r and validates it ([Config.Validate]). It reads
// at most [MaxConfigSize] bytes; unknown fields, a syntax error, trailing data and every
// problem [Config.Validate] finds are errors matching [ErrConfig] that say where.
//
//	{
//	  "caseUrl": "https://portal.example.se/cases",
//	  "routes": [
//	    {"id": "oresund-hook", "events": ["submitted", "cancelled"], "gridCompany": "oresundskraft",
//	     "audience": "grid-company", "channel": "webhook",
//	     "webhook": {"url": "https://hooks.oresundskraft.example/gridnotify", "secret": "whsec_…"}},
//	    {"id": "elfirma-mail", "events": ["approved", "rejected", "returned"], "installer": "elfirma-ab",
//	     "audience": "installer", "channel": "email"}
//	  ],
//	  "recipients": {"elfirma-ab": {"email": ["order@elfirma.example"]}}
//	}
func LoadConfig(r io.Reader) (*Config, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("delivery: reading the configuration: %w", err)
	}
	if len(data) > MaxConfigSize {
		return nil, problem("", "larger than %d bytes", MaxConfigSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c Config
	if err := dec.Decode(&c); err != nil {
		return nil, jsonProblem(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, problem("", "data after the configuration's JSON object")
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// jsonProblem turns a decoding error into a ConfigError that says where, without quoting the
// input.
func jsonProblem(data []byte, dec *json.Decoder, err error) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
		cfg    *ConfigError
		priv   *privacy.ParseError
	)
	switch {
	case errors.As(err, &cfg):
		line, col := position(data, dec.InputOffset())
		return problem(cfg.Path, "%s (near line %d, column %d)", cfg.Problem, line, col)
	case errors.As(err, &priv):
		line, col := position(data, dec.InputOffset())
		return problem("recipients", "%v (near line %d, column %d)", priv, line, col)
	case errors.As(err, &syntax):
		line, col := position(data, syntax.Offset)
		return problem("", "JSON syntax error at line %d, column %d", line, col)
	case errors.As(err, &typ):
		return problem(typ.Field, "expected %s, got JSON %s", typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return problem("", "empty: expected a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return problem("", "JSON ends early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		line, col := position(data, dec.InputOffset())
		return problem("", "unknown field %s near line %d, column %d", strings.TrimPrefix(err.Error(), "json: unknown field "), line, col)
	}
	return problem("", "not a valid configuration document")
}

// position returns the line and column, both from 1, of the last byte the decoder read: the
// one at offset-1.
func position(data []byte, offset int64) (line, col int) {
	if len(data) == 0 {
		return 1, 1
	}
	offset = min(max(offset, 1), int64(len(data)))
	before := data[:offset-1]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// Validate checks the configuration: every route has a unique, well-formed ID, at least one
// known event type without repeats, a known audience and channel; a webhook route has a valid
// URL and secret and no other route has webhook settings; a route that limits itself to one
// organisation of its audience has that organisation's recipients when it sends e-mail or SMS;
// CaseURL is an absolute http(s) URL when any route sends e-mail or SMS. Every problem found is
// reported, joined, each a [*ConfigError].
func (c *Config) Validate() error {
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	ids := map[string]bool{}
	needsLink := false
	for i := range c.Routes {
		r := &c.Routes[i]
		at := fmt.Sprintf("routes[%d]", i)
		switch {
		case !validID(r.ID):
			add(problem(at+".id", "a route ID is 1 to 64 lower-case letters, digits, '-', '_' or '.'"))
		case ids[r.ID]:
			add(problem(at+".id", "route ID %q is used by an earlier route", r.ID))
		}
		ids[r.ID] = true
		if len(r.Events) == 0 {
			add(problem(at+".events", "list the event types the route carries"))
		}
		seen := map[notification.EventType]bool{}
		for j, t := range r.Events {
			switch {
			case !t.Valid():
				add(problem(fmt.Sprintf("%s.events[%d]", at, j), "unknown event type %q (known: %s)", t, eventTypeList()))
			case seen[t]:
				add(problem(fmt.Sprintf("%s.events[%d]", at, j), "event type %q listed twice", t))
			}
			seen[t] = true
		}
		if r.Installer != "" && !validID(r.Installer) {
			add(problem(at+".installer", "not an organisation ID"))
		}
		if r.GridCompany != "" && !validID(r.GridCompany) {
			add(problem(at+".gridCompany", "not an organisation ID"))
		}
		if !r.Audience.Valid() {
			add(problem(at+".audience", "the audience is %q or %q", Installer, GridCompany))
		}
		if r.Language != "" && !r.Language.Valid() {
			add(problem(at+".language", "the language is %q, %q or empty for both", Swedish, English))
		}
		switch r.Channel {
		case Webhook:
			if r.Webhook == nil {
				add(problem(at+".webhook", "a webhook route needs its url and secret"))
				break
			}
			if err := checkWebhookURL(r.Webhook.URL); err != nil {
				add(problem(at+".webhook.url", "%v", err))
			}
			if r.Webhook.Secret.IsZero() {
				add(problem(at+".webhook.secret", "missing: a webhook route needs its signing secret (\"whsec_\" and base64)"))
			}
		case Email, SMS:
			needsLink = true
			if r.Webhook != nil {
				add(problem(at+".webhook", "only a webhook route has webhook settings"))
			}
			if org := r.fixedOrganisation(); org != "" && c.Recipients != nil {
				if as, _ := c.Recipients.lookup(org, r.Channel); len(as) == 0 {
					add(problem(at, "organisation %q has no %s recipients in recipients", org, r.Channel))
				}
			}
		default:
			add(problem(at+".channel", "the channel is %q, %q or %q", Email, Webhook, SMS))
		}
	}
	if needsLink {
		if err := checkCaseURL(c.CaseURL); err != nil {
			add(problem("caseUrl", "%v", err))
		}
	}
	if err := c.Recipients.validate(); err != nil {
		add(err)
	}
	return errors.Join(errs...)
}

// fixedOrganisation is the one organisation the route tells, when its filter fixes it.
func (r *Route) fixedOrganisation() string {
	if r.Audience == GridCompany {
		return r.GridCompany
	}
	return r.Installer
}

func eventTypeList() string {
	var names []string
	for _, t := range notification.EventTypes() {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}

// validID reports whether s is a route or organisation ID: 1 to 64 of [a-z0-9._-].
func validID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

// checkWebhookURL checks a webhook URL without quoting it (it may carry a token).
func checkWebhookURL(s string) error {
	u, err := absoluteURL(s, "missing", "must not carry a user name or password: the secret signs the requests")
	switch {
	case err != nil:
		return err
	case u.Fragment != "":
		return errors.New("must not have a fragment")
	case u.Scheme == "http" && !loopback(u.Hostname()):
		return errors.New("must be https (plain http only to a loopback address)")
	}
	return nil
}

// checkCaseURL checks the base of the links to a case.
func checkCaseURL(s string) error {
	u, err := absoluteURL(s, "missing: e-mail and SMS link to the case", "must not carry a user name or password")
	switch {
	case err != nil:
		return err
	case u.RawQuery != "" || u.Fragment != "":
		return errors.New("must not have a query or fragment: the case ID is appended to its path")
	}
	return nil
}

// absoluteURL parses s as an absolute http or https URL without user information; missing
// and withUser are the errors for an empty s and for one with a user name or password.
func absoluteURL(s, missing, withUser string) (*url.URL, error) {
	if s == "" {
		return nil, errors.New(missing)
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return nil, errors.New("not a URL")
	case u.Scheme != "https" && u.Scheme != "http", u.Host == "", u.Opaque != "":
		return nil, errors.New("not an absolute http(s) URL")
	case u.User != nil:
		return nil, errors.New(withUser)
	}
	return u, nil
}

// loopback reports whether host names this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// caseLink returns the link to the case: base with the case ID appended as a path segment.
func caseLink(base string, id notification.ID) string {
	u, err := url.JoinPath(base, string(id))
	if err != nil {
		return "" // Validate has checked base
	}
	return u
}
