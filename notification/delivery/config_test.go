package delivery_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/delivery"
)

// validConfig is a configuration with every channel, as an operator would write it.
var validConfig = `{
  "caseUrl": "https://portal.example.se/arenden",
  "routes": [
    {"id": "oresund-hook", "events": ["submitted", "completion-notified", "cancelled", "note-added"],
     "gridCompany": "oresundskraft", "audience": "grid-company", "channel": "webhook",
     "webhook": {"url": "https://hooks.oresundskraft.example/gridnotify", "secret": "` + testSecret + `"}},
    {"id": "oresund-mail", "events": ["submitted"], "gridCompany": "oresundskraft",
     "audience": "grid-company", "channel": "email", "language": "sv"},
    {"id": "elfirma-mail", "events": ["approved", "rejected", "returned", "closed"], "installer": "elfirma-ab",
     "audience": "installer", "channel": "email"},
    {"id": "installers-sms", "events": ["approved"], "audience": "installer", "channel": "sms", "language": "en"}
  ],
  "recipients": {
    "elfirma-ab": {"email": ["order@elfirma.example"], "sms": ["070-174 06 99"]},
    "oresundskraft": {"email": ["anmalan@oresundskraft.example", "jour@oresundskraft.example"]}
  }
}`

func TestLoadConfig(t *testing.T) {
	cfg, err := delivery.LoadConfig(strings.NewReader(validConfig))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Routes) != 4 || cfg.CaseURL != "https://portal.example.se/arenden" {
		t.Fatalf("routes %d, case URL %q", len(cfg.Routes), cfg.CaseURL)
	}
	hook := cfg.Route("oresund-hook")
	if hook == nil || hook.Webhook == nil || hook.Webhook.Secret.Reveal() != testSecret || hook.Audience != delivery.GridCompany {
		t.Fatalf("oresund-hook = %+v", hook)
	}
	got, err := cfg.Recipients.Addresses(t.Context(), "elfirma-ab", delivery.SMS)
	if err != nil || len(got) != 1 || got[0] != "+46701740699" {
		t.Errorf("SMS recipients = %v, %v; want the number in E.164", got, err)
	}
	got, _ = cfg.Recipients.Addresses(t.Context(), "oresundskraft", delivery.Email)
	if strings.Join(got, " ") != "anmalan@oresundskraft.example jour@oresundskraft.example" {
		t.Errorf("e-mail recipients = %v", got)
	}
	if s := fmt.Sprintf("%v %+v", cfg.Recipients, cfg.Recipients); strings.Contains(s, "order@") || strings.Contains(s, "06 99") {
		t.Errorf("the recipients print in clear: %s", s)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	route := func(fields string) string {
		return `{"caseUrl": "https://p.example/c", "routes": [{"id": "r-1", "events": ["submitted"], "audience": "installer", "channel": "email"` + fields + `}]}`
	}
	hook := func(webhook string) string {
		return `{"routes": [{"id": "r-1", "events": ["submitted"], "audience": "grid-company", "channel": "webhook", "webhook": ` + webhook + `}]}`
	}
	for _, tc := range []struct {
		name, input string
		want        []string // in the error, in order
		secret      string   // must not be in the error
	}{
		{"empty", ``, []string{"empty"}, ""},
		{"syntax", "{\n  \"routes\": [\n    {\"id\": \"r-1\",,}\n  ]\n}", []string{"JSON syntax error at line 3, column 18"}, ""},
		{"ends early", `{"routes": [`, []string{"JSON ends early"}, ""},
		{"unknown field", "{\"routes\": [],\n \"rutter\": []}", []string{`unknown field "rutter"`, "line 2"}, ""},
		{"unknown route field", route(`, "recipient": "x@y.example"`), []string{`unknown field "recipient"`}, ""},
		{"wrong type", `{"routes": {}}`, []string{"routes", "expected []delivery.Route"}, ""},
		{"trailing data", `{"routes": []} {"routes": []}`, []string{"data after"}, ""},
		{"oversized", `{"routes": [], "caseUrl": "` + strings.Repeat("a", delivery.MaxConfigSize) + `"}`, []string{"larger than 1048576 bytes"}, ""},
		{"unknown event type", route(`, "events": ["submitted", "sent"]`), []string{`routes[0].events[1]: unknown event type "sent"`, "known: created"}, ""},
		{"no events", route(`, "events": []`), []string{"routes[0].events: list the event types"}, ""},
		{"repeated event", route(`, "events": ["approved", "approved"]`), []string{"routes[0].events[1]", "twice"}, ""},
		{"bad id", route(`, "id": "Route 1"`), []string{"routes[0].id"}, ""},
		{"duplicate id", `{"caseUrl": "https://p.example/c", "routes": [{"id": "r", "events": ["approved"], "audience": "installer", "channel": "email"}, {"id": "r", "events": ["approved"], "audience": "installer", "channel": "email"}]}`, []string{`routes[1].id: route ID "r" is used`}, ""},
		{"unknown audience", route(`, "audience": "customer"`), []string{"routes[0].audience"}, ""},
		{"unknown channel", route(`, "channel": "fax"`), []string{"routes[0].channel"}, ""},
		{"unknown language", route(`, "language": "de"`), []string{"routes[0].language"}, ""},
		{"no case URL", `{"routes": [{"id": "r-1", "events": ["submitted"], "audience": "installer", "channel": "sms"}]}`, []string{"caseUrl: missing"}, ""},
		{"relative case URL", strings.Replace(route(""), "https://p.example/c", "/arenden", 1), []string{"caseUrl: not an absolute"}, ""},
		{"case URL with query", strings.Replace(route(""), "https://p.example/c", "https://p.example/c?id=", 1), []string{"caseUrl: must not have a query"}, ""},
		{"webhook settings on e-mail", route(`, "webhook": {"url": "https://h.example", "secret": "` + testSecret + `"}`), []string{"routes[0].webhook: only a webhook route"}, ""},
		{"webhook without settings", `{"routes": [{"id": "r-1", "events": ["submitted"], "audience": "grid-company", "channel": "webhook"}]}`, []string{"routes[0].webhook: a webhook route needs"}, ""},
		{"missing secret", hook(`{"url": "https://h.example/x"}`), []string{"routes[0].webhook.secret: missing"}, ""},
		{"empty secret", hook(`{"url": "https://h.example/x", "secret": ""}`), []string{"routes[0].webhook.secret: missing"}, ""},
		{"secret without prefix", hook(`{"url": "https://h.example/x", "secret": "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}`), []string{`webhook.secret: a secret starts with "whsec_"`}, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
		{"secret not base64", hook(`{"url": "https://h.example/x", "secret": "whsec_not*base64*at*all"}`), []string{"not standard base64"}, "not*base64"},
		{"short secret", hook(`{"url": "https://h.example/x", "secret": "whsec_c2hvcnRzZWNyZXQ="}`), []string{"24 to 64 bytes, this one 11"}, "c2hvcnRzZWNyZXQ"},
		{"missing URL", hook(`{"secret": "` + testSecret + `"}`), []string{"routes[0].webhook.url: missing"}, ""},
		{"relative URL", hook(`{"url": "/hooks", "secret": "` + testSecret + `"}`), []string{"routes[0].webhook.url: not an absolute"}, ""},
		{"ftp URL", hook(`{"url": "ftp://h.example/x", "secret": "` + testSecret + `"}`), []string{"routes[0].webhook.url: not an absolute"}, ""},
		{"plain http", hook(`{"url": "http://hooks.example/x?token=abc123", "secret": "` + testSecret + `"}`), []string{"routes[0].webhook.url: must be https"}, "abc123"},
		{"credentials in URL", hook(`{"url": "https://user:pa55@hooks.example/x", "secret": "` + testSecret + `"}`), []string{"must not carry a user name or password"}, "pa55"},
		{"URL does not parse", hook(`{"url": "https://hooks.example/%zz", "secret": "` + testSecret + `"}`), []string{"routes[0].webhook.url: not a URL"}, "%zz"},
		{"bad e-mail", `{"routes": [], "recipients": {"elfirma-ab": {"email": ["anna.andersson(at)elfirma"]}}}`, []string{"recipients", "email address"}, "anna.andersson"},
		{"bad phone", `{"routes": [], "recipients": {"elfirma-ab": {"sms": ["07-not-a-number"]}}}`, []string{"recipients", "phone"}, "not-a-number"},
		{"landline for SMS", `{"routes": [], "recipients": {"elfirma-ab": {"sms": ["042-490 00 00"]}}}`, []string{`recipients["elfirma-ab"].sms[0]: not a mobile number`}, "490"},
		{"repeated address", `{"routes": [], "recipients": {"elfirma-ab": {"email": ["a@elfirma.example", " a@elfirma.example"]}}}`, []string{`recipients["elfirma-ab"].email[1]: repeats`}, "elfirma.example"},
		{"bad organisation", `{"routes": [], "recipients": {"El Firma": {"email": ["a@elfirma.example"]}}}`, []string{"not an organisation ID"}, ""},
		{"organisation without recipients", route(`, "installer": "elfirma-ab"`) + ``, nil, ""}, // no recipients section: a Directory is plugged in
		{"organisation missing from recipients", `{"caseUrl": "https://p.example/c", "routes": [{"id": "r-1", "events": ["approved"], "installer": "elfirma-ab", "audience": "installer", "channel": "sms"}], "recipients": {"elfirma-ab": {"email": ["a@elfirma.example"]}}}`, []string{`routes[0]: organisation "elfirma-ab" has no sms recipients`}, ""},
		{"several problems", `{"routes": [{"id": "", "events": ["x"], "audience": "", "channel": ""}]}`, []string{"routes[0].id", "routes[0].events[0]", "routes[0].audience", "routes[0].channel"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := delivery.LoadConfig(strings.NewReader(tc.input))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("LoadConfig: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("LoadConfig accepted it: %+v", cfg)
			}
			if !errors.Is(err, delivery.ErrConfig) {
				t.Errorf("the error %v does not match ErrConfig", err)
			}
			msg := err.Error()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("the error %q lacks %q (in order)", msg, w)
				}
				at += i
			}
			if tc.secret != "" && strings.Contains(msg, tc.secret) {
				t.Errorf("the error quotes the input %q: %s", tc.secret, msg)
			}
			if len(msg) > 2000 {
				t.Errorf("the error is %d bytes long", len(msg))
			}
		})
	}
}

func TestConfigErrorsAreConfigErrors(t *testing.T) {
	_, err := delivery.LoadConfig(strings.NewReader(`{"routes": [{"id": "", "events": [], "audience": "x", "channel": "y"}]}`))
	var ce *delivery.ConfigError
	if !errors.As(err, &ce) || ce.Path != "routes[0].id" {
		t.Fatalf("errors.As(%v) = %+v", err, ce)
	}
}

func TestRouteCarries(t *testing.T) {
	cfg, err := delivery.LoadConfig(strings.NewReader(validConfig))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rs []*delivery.Route) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.ID)
		}
		return strings.Join(s, " ")
	}
	draft := event(notification.EventNoteAdded)
	draft.Sent, draft.From, draft.To = false, notification.NotSent, notification.NotSent
	sent := event(notification.EventNoteAdded)
	submitted := event(notification.EventSubmitted)
	approved := event(notification.EventApproved)
	otherGrid := event(notification.EventSubmitted)
	otherGrid.GridCompany = "ellevio"
	otherInstaller := event(notification.EventApproved)
	otherInstaller.Installer = "annan-el"
	for _, tc := range []struct {
		name string
		e    notification.Event
		want string
	}{
		{"a note on a draft: never the grid company", draft, ""},
		{"a note once sent", sent, "oresund-hook"},
		{"submitted", submitted, "oresund-hook oresund-mail"},
		{"approved", approved, "elfirma-mail installers-sms"},
		{"another grid company's case", otherGrid, ""},
		{"another installer's case", otherInstaller, "installers-sms"},
	} {
		if got := ids(cfg.Match(tc.e)); got != tc.want {
			t.Errorf("%s: Match = %q, want %q", tc.name, got, tc.want)
		}
	}
	// The grid company's audience never carries an unsent event, whatever the route lists.
	every := &delivery.Route{ID: "all", Events: notification.EventTypes(), Audience: delivery.GridCompany, Channel: delivery.Webhook}
	for _, typ := range notification.EventTypes() {
		e := event(typ)
		e.Sent = false
		if every.Carries(e) {
			t.Errorf("a grid company's route carries unsent %s", typ)
		}
		if e.Sent = true; !every.Carries(e) {
			t.Errorf("a grid company's route for every type does not carry sent %s", typ)
		}
	}
}

func FuzzLoadConfig(f *testing.F) {
	f.Add(validConfig)
	f.Add(`{"routes": []}`)
	f.Add(`{"routes": [{"id": "r", "events": ["approved"], "audience": "installer", "channel": "webhook", "webhook": {"url": "http://127.0.0.1:1/x", "secret": "` + testSecret + `"}}]}`)
	f.Add(`{"routes": [{"id": "r", "events": ["x"]}], "recipients": {"a": {"email": ["b@c.se"], "sms": ["0701740699"]}}}`)
	f.Fuzz(func(t *testing.T, input string) {
		cfg, err := delivery.LoadConfig(strings.NewReader(input))
		if err != nil {
			if !errors.Is(err, delivery.ErrConfig) {
				t.Fatalf("error %v does not match ErrConfig", err)
			}
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("a loaded configuration does not validate: %v", err)
		}
		for i := range cfg.Routes {
			r := &cfg.Routes[i]
			if r.Channel == delivery.Webhook && (r.Webhook == nil || r.Webhook.Secret.IsZero() || r.Webhook.URL == "") {
				t.Fatalf("route %s: a webhook without URL or secret was accepted", r.ID)
			}
		}
	})
}
