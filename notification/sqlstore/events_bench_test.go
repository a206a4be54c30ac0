package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// BenchmarkStepEvents measures what recording an event adds to a step on a draft case: a Get,
// an edit of the work description and an Update, with the edit's event stored in the same transaction
// (with-event) and without it (without-event: the same case restored from its snapshot, which
// carries no pending event). Both sides restore the snapshot, so the work differs by the
// event's insert alone.
//
//	scripts/postgres.sh go test -run='^$' -bench=BenchmarkStepEvents -benchmem -benchtime=500x ./notification/sqlstore
func BenchmarkStepEvents(b *testing.B) {
	for _, e := range benchEngines {
		b.Run(e.name, func(b *testing.B) {
			ctx := context.Background()
			s := open(b, e.dsn(b))
			draft, err := service(b, s).Create(privacy.WithActor(ctx, installer), notification.CreateRequest{
				GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"})
			if err != nil {
				b.Fatal(err)
			}
			id := draft.ID()
			texts := [2]string{"Byte av servisledning.", "Byte av servisledning och mätarskåp."}
			at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
			for _, side := range []string{"with-event", "without-event"} {
				b.Run(side, func(b *testing.B) {
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						c, err := s.Get(ctx, id)
						if err != nil {
							b.Fatal(err)
						}
						if err := c.Edit(validate.Profile{}, installer, at, func(d *notification.Draft) error {
							return d.SetWorkDescription(texts[i%2])
						}); err != nil {
							b.Fatal(err)
						}
						bare, err := notification.RestoreCase(c.Snapshot())
						if err != nil {
							b.Fatal(err)
						}
						if side == "without-event" {
							c = bare
						}
						if len(c.PendingEvents()) != map[string]int{"with-event": 1, "without-event": 0}[side] {
							b.Fatalf("%s: %d pending events", side, len(c.PendingEvents()))
						}
						if _, err := s.Update(ctx, c); err != nil {
							b.Fatal(err)
						}
						i++
					}
				})
			}
		})
	}
}
