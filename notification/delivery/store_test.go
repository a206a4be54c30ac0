package delivery_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/internal/pgtest"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/delivery"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// TestStepsDeliverThroughTheStore wires a Dispatcher into a SQL store as its outbox, as a
// service does, and takes steps through the Service: each step's events reach the grid
// company's webhook once the step commits, and a step that fails enqueues nothing.
func TestStepsDeliverThroughTheStore(t *testing.T) {
	for _, tt := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "cases.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.NewDatabase(t) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, dialect, err := sqlstore.OpenDB(tt.dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = db.Close() })
			if err := delivery.Migrate(ctx, db, delivery.Dialect(dialect)); err != nil {
				t.Fatal(err)
			}
			rc := newReceiver(t)
			secret, err := delivery.ParseSecret(testSecret)
			if err != nil {
				t.Fatal(err)
			}
			// The installer company's back office takes every event of its cases.
			cfg := &delivery.Config{Routes: []delivery.Route{{
				ID: "elfirma-hook", Events: notification.EventTypes(), Installer: "elfirma-ab",
				Audience: delivery.Installer, Channel: delivery.Webhook,
				Webhook: &delivery.WebhookSettings{URL: rc.url(), Secret: secret},
			}}}
			d := newDispatcher(t, db, cfg, fast(delivery.Dialect(dialect)))
			ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": bytes.Repeat([]byte{1}, 32)})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := privacy.NewTokenizer(bytes.Repeat([]byte{9}, 32))
			if err != nil {
				t.Fatal(err)
			}
			store, err := sqlstore.New(ctx, db, dialect, ring, tok, sqlstore.WithOutbox(d.EnqueueTx))
			if err != nil {
				t.Fatal(err)
			}
			svc, err := notification.NewService(store, catalog.ExampleCatalog(), facility.SampleRegistry(),
				notification.WithAccessLog(store))
			if err != nil {
				t.Fatal(err)
			}
			start(t, d)

			inst := privacy.WithActor(ctx, privacy.Actor{ID: "u-1", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}})
			c, err := svc.Create(inst, notification.CreateRequest{GridCompany: "oresundskraft",
				InstallationType: catalog.FuseChange, JobType: "single-meter", Area: "HBG"})
			if err != nil {
				t.Fatal(err)
			}
			// Steps that fail store nothing and enqueue nothing.
			if _, err := svc.Submit(inst, c.ID(), c.Version()); !errors.Is(err, validate.ErrIncomplete) {
				t.Fatalf("submitting an incomplete case: %v", err)
			}
			if _, err := svc.AddNote(inst, c.ID(), c.Version()+5, "Från en gammal skärm."); !errors.Is(err, notification.ErrConflict) {
				t.Fatalf("a note from a stale version: %v", err)
			}
			c, err = svc.AddNote(inst, c.ID(), c.Version(), "Kunden ringer tillbaka.")
			if err != nil {
				t.Fatal(err)
			}
			if _, err = svc.Cancel(inst, c.ID(), c.Version(), ""); err != nil {
				t.Fatal(err)
			}
			var feed []notification.Event
			waitUntil(t, "the feed holding the three changes", func() bool {
				page, err := svc.Events(inst, 0, 100)
				feed = page.Events
				return err == nil && len(feed) == 3
			})
			for _, e := range feed {
				if len(cfg.Match(e)) != 1 {
					t.Fatalf("event %s is not routed to the webhook", e.Type)
				}
			}
			rc.waitFor(within, "the case's events arriving", all(feed))
			for id, n := range rc.counts() {
				if n != 1 {
					t.Errorf("event %s arrived %d times", id, n)
				}
			}
		})
	}
}
