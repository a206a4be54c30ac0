package notification_test

import (
	"context"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
)

// BenchmarkService measures the manual's steps on the embedded defaults, each on a case of its
// own: the cost of a step is the catalog lookups, the copies of the case and the domain work.
// BENCHMARKS.md compares the figures with those of the code before the catalog handed out
// read-only grid companies and the fetch request was parsed once.
func BenchmarkService(b *testing.B) {
	ctx := privacy.WithActor(context.Background(), installer)
	var svc *notification.Service
	fresh := func() { // a service of its own for each step, so one step's cases do not weigh on another's
		svc = notification.NewDefaultService(notification.WithClock(func() time.Time { return now }))
	}
	create := func(b *testing.B) *notification.Case {
		c, err := svc.Create(ctx, notification.CreateRequest{GridCompany: "oresundskraft",
			InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"})
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	owner, err := notification.ParseParty("owner", ownerInput())
	if err != nil {
		b.Fatal(err)
	}
	fetched := func(b *testing.B) *notification.Case {
		c := create(b)
		c, _, err := svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003"})
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	b.Run("Create", func(b *testing.B) {
		fresh()
		b.ReportAllocs()
		for b.Loop() {
			create(b)
		}
	})
	b.Run("FetchFacility", func(b *testing.B) {
		fresh()
		c := create(b)
		b.ReportAllocs()
		for b.Loop() {
			var err error
			c, _, err = svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003", Mode: merge.Overwrite})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Save", func(b *testing.B) {
		fresh()
		c := fetched(b)
		b.ReportAllocs()
		for b.Loop() {
			res, err := svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error {
				return d.SetOwner(owner)
			})
			if err != nil {
				b.Fatal(err)
			}
			c = res.Case
		}
	})
	b.Run("Check", func(b *testing.B) {
		fresh()
		c := fetched(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := svc.Check(ctx, c.ID()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Get", func(b *testing.B) {
		fresh()
		c := fetched(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := svc.Get(ctx, c.ID()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("CaseCheck", func(b *testing.B) {
		fresh() // the domain work of Check alone
		c := fetched(b)
		g, err := catalog.ExampleCatalog().GridCompany(ctx, "oresundskraft")
		if err != nil {
			b.Fatal(err)
		}
		p, err := g.Profile(catalog.ServiceChange, "single-meter")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			_ = c.Check(p)
		}
	})
}
