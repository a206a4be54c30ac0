package delivery_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/delivery"
)

// exampleEvent is a submitted case of elfirma-ab for oresundskraft.
func exampleEvent() notification.Event {
	return notification.Event{
		ID: "ev-0123456789abcdef0123456789abcdef", Type: notification.EventSubmitted,
		CaseID: "n-00112233445566778899aabbccddeeff", GridCompany: "oresundskraft", Installer: "elfirma-ab",
		From: notification.NotSent, To: notification.AwaitingApproval, Version: 4,
		At: time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC), By: notification.SideInstaller, Sent: true,
	}
}

// Who is told what, read from JSON at start: a problem is an error now, not at delivery.
func ExampleLoadConfig() {
	cfg, err := delivery.LoadConfig(strings.NewReader(`{
	  "caseUrl": "https://portal.example.se/arenden",
	  "routes": [
	    {"id": "oresund-hook", "events": ["submitted", "cancelled"], "gridCompany": "oresundskraft",
	     "audience": "grid-company", "channel": "webhook",
	     "webhook": {"url": "https://hooks.oresundskraft.example/gridnotify",
	                 "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}},
	    {"id": "elfirma-mail", "events": ["submitted", "approved", "rejected", "returned"],
	     "installer": "elfirma-ab", "audience": "installer", "channel": "email"}
	  ],
	  "recipients": {"elfirma-ab": {"email": ["order@elfirma.example"]}}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range cfg.Match(exampleEvent()) {
		fmt.Println(r.ID, r.Channel, "to", r.Organisation(exampleEvent()))
	}
	fmt.Println(cfg.Route("oresund-hook").Webhook.Secret) // printed redacted

	_, err = delivery.LoadConfig(strings.NewReader(`{"routes": [{"id": "x", "events": ["sent"],
	  "audience": "grid-company", "channel": "webhook", "webhook": {"url": "http://hooks.example/"}}]}`))
	fmt.Println(err)
	// Output:
	// oresund-hook webhook to oresundskraft
	// elfirma-mail email to elfirma-ab
	// whsec_…
	// delivery: invalid configuration: routes[0].events[0]: unknown event type "sent" (known: created, facility-fetched, saved, submitted, approved, rejected, returned, completion-notified, closed, cancelled, note-added, attachment-added, personal-data-erased, personal-data-purged)
	// delivery: invalid configuration: routes[0].webhook.url: must be https (plain http only to a loopback address)
	// delivery: invalid configuration: routes[0].webhook.secret: missing: a webhook route needs its signing secret ("whsec_" and base64)
}

// A grid company wires a webhook: the Dispatcher runs on the store's SQLite database, the
// store's step enqueues in its own transaction, and the grid company's receiver checks the
// signature with ReadWebhook.
func ExampleDispatcher() {
	secret := delivery.NewSecret() // given to the grid company's receiver
	received := make(chan notification.Event, 1)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, err := delivery.ReadWebhook(r, secret, time.Now())
		if err != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized) // 4xx: not retried
			return
		}
		received <- e // deduplicate by e.ID: a retried delivery carries the same one
		w.WriteHeader(http.StatusNoContent)
	}))
	defer receiver.Close()

	dir, _ := os.MkdirTemp("", "gridnotify-example")
	defer os.RemoveAll(dir)
	db, _ := sql.Open("sqlite", "file:"+filepath.Join(dir, "store.db")+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	db.SetMaxOpenConns(1) // SQLite: one connection, as River's driver advises
	defer db.Close()
	ctx := context.Background()
	if err := delivery.Migrate(ctx, db, delivery.SQLite); err != nil { // River's tables
		fmt.Println(err)
		return
	}

	cfg := &delivery.Config{Routes: []delivery.Route{{
		ID: "oresund-hook", Events: []notification.EventType{notification.EventSubmitted}, GridCompany: "oresundskraft",
		Audience: delivery.GridCompany, Channel: delivery.Webhook,
		Webhook: &delivery.WebhookSettings{URL: receiver.URL, Secret: secret},
	}}}
	d, err := delivery.NewDispatcher(db, cfg, delivery.Options{Dialect: delivery.SQLite, PollInterval: 50 * time.Millisecond})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := d.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	defer func() { _ = d.Stop(ctx) }()

	// The store's write: the case and its events, and their deliveries, in one transaction.
	tx, _ := db.BeginTx(ctx, nil)
	if err := d.EnqueueTx(ctx, tx, []notification.Event{exampleEvent()}); err != nil {
		_ = tx.Rollback()
		fmt.Println(err)
		return
	}
	_ = tx.Commit()

	select {
	case e := <-received:
		fmt.Println("the grid company received", e.Type, e.CaseID, e.To.Swedish())
	case <-time.After(30 * time.Second):
		fmt.Println("nothing arrived")
	}
	// Output:
	// the grid company received submitted n-00112233445566778899aabbccddeeff För godkännande
}

// An installer wires e-mail: a route for its own cases, its addresses in the Directory (here the
// configuration's static one), and an SMTP server for the Dispatcher's Options.
func ExampleSMTPSubscriber() {
	cfg, err := delivery.LoadConfig(strings.NewReader(`{
	  "caseUrl": "https://portal.example.se/arenden",
	  "routes": [{"id": "elfirma-mail", "events": ["approved", "rejected", "returned"],
	              "installer": "elfirma-ab", "audience": "installer", "channel": "email"}],
	  "recipients": {"elfirma-ab": {"email": ["order@elfirma.example"]}}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := delivery.Options{
		Dialect: delivery.PostgreSQL,
		Email: &delivery.SMTPSubscriber{
			Addr: "smtp.elfirma.example:587", From: "Gridnotify <noreply@elfirma.example>",
			Username: "gridnotify", Password: os.Getenv("SMTP_PASSWORD"), // STARTTLS by default
		},
	}
	_ = opts // delivery.NewDispatcher(db, cfg, opts)

	e := exampleEvent()
	e.Type, e.From, e.To, e.By, e.Conditions = notification.EventApproved, notification.AwaitingApproval, notification.Approved, notification.SideGridCompany, true
	fmt.Println(delivery.Subject(e, cfg.Routes[0].Language))
	fmt.Print(delivery.Body(e, delivery.Swedish, "https://portal.example.se/arenden/"+string(e.CaseID)))
	// Output:
	// Föranmälan har godkänts (installationsmedgivande), med villkor / The pre-notification was approved (installation consent), with conditions [n-00112233445566778899aabbccddeeff]
	// Föranmälan har godkänts (installationsmedgivande), med villkor.
	//
	// Ärende: n-00112233445566778899aabbccddeeff
	// Status: För godkännande → Godkänd
	// Version: 4
	// Tidpunkt: 2025-03-10 09:30:00 UTC
	// Av: nätbolaget
	//
	// Öppna ärendet: https://portal.example.se/arenden/n-00112233445566778899aabbccddeeff
	//
	// Meddelandet innehåller inga personuppgifter; logga in för att se ärendet.
}

// The receiving side of a webhook in any language follows Standard Webhooks; in Go it is
// VerifyWebhook (or ReadWebhook).
func ExampleVerifyWebhook() {
	secret, _ := delivery.ParseSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	at := time.Unix(1741599000, 0)
	body := []byte(`{"id":"ev-0123456789abcdef0123456789abcdef","type":"submitted"}`)
	h := http.Header{}
	h.Set(delivery.HeaderID, "ev-0123456789abcdef0123456789abcdef")
	h.Set(delivery.HeaderTimestamp, fmt.Sprint(at.Unix()))
	h.Set(delivery.HeaderSignature, delivery.SignWebhook(secret, "ev-0123456789abcdef0123456789abcdef", at, body))

	fmt.Println(delivery.VerifyWebhook(secret, h, body, at.Add(time.Minute)))
	fmt.Println(delivery.VerifyWebhook(secret, h, []byte(`{"id":"ev-0123456789abcdef0123456789abcdef","type":"approved"}`), at))
	fmt.Println(delivery.VerifyWebhook(secret, h, body, at.Add(time.Hour)))
	// Output:
	// <nil>
	// webhook signature: no valid v1 signature
	// webhook signature: the timestamp is more than 5m0s from now
}

// No SMS gateway is reachable from tests: FakeSMS records what would have been sent.
func ExampleFakeSMS() {
	sms := &delivery.FakeSMS{}
	sub := &delivery.SMSSubscriber{Sender: sms}
	route := delivery.Route{ID: "elfirma-sms", Events: []notification.EventType{notification.EventSubmitted}, Audience: delivery.Installer, Channel: delivery.SMS, Language: delivery.Swedish}
	e := exampleEvent()
	err := sub.Deliver(context.Background(), delivery.Delivery{Event: e, Route: route, To: []string{"+46701740699"}, CaseURL: "https://portal.example.se/arenden/" + string(e.CaseID), Attempt: 1})
	fmt.Println(err)
	for _, m := range sms.Sent() {
		fmt.Println(len(m.To), m.Text)
	}
	// Output:
	// <nil>
	// 1 Föranmälan har skickats för godkännande. n-00112233445566778899aabbccddeeff https://portal.example.se/arenden/n-00112233445566778899aabbccddeeff
}

// A route whose audience is the grid company never carries what happened before the case was
// sent.
func ExampleRoute_Carries() {
	r := delivery.Route{ID: "all", Events: notification.EventTypes(), Audience: delivery.GridCompany, Channel: delivery.Webhook}
	e := exampleEvent()
	fmt.Println(e.Type, r.Carries(e))
	e.Type, e.Sent = notification.EventSaved, false
	fmt.Println(e.Type, r.Carries(e))
	// Output:
	// submitted true
	// saved false
}
