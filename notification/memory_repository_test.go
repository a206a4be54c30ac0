package notification_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// benchSizes are the numbers of cases stored before timing. Get, Create and Update must not
// grow with them.
var benchSizes = []int{1_000, 100_000, 1_000_000}

// benchTemplate is a typical filled-in case: a fetched facility, an owner and payer with
// identity numbers, the rest of the form, an attachment and a note.
func benchTemplate() (notification.Snapshot, error) {
	at := time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)
	by := privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: by.ID, Organisation: by.Organisation}, CreatedAt: at,
	})
	if err != nil {
		return notification.Snapshot{}, err
	}
	rec := facility.SampleRecords()[2]
	_, err = c.FetchFacility(&rec, merge.Overwrite)
	owner, perr := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"), PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone:   privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja.berg@example.com"),
	})
	err = errors.Join(err, perr, c.Edit(validate.Profile{}, by, at, func(d *notification.Draft) error {
		return errors.Join(
			d.SetOwner(owner), d.SetPayer(owner),
			d.SetRequested(25, decimal.RequireFromString("17")),
			d.SetMeterPlacement(catalog.FacadeCabinet, ""),
			d.SetWorkDescription("Byte av servisledning 10 mm² till 16 mm²."),
			d.SetInstaller(notification.Installer{Company: "Elfirma AB", AuthorisationNumber: "AL-12345", Contact: privacy.NewText("Kim Larsson")}),
			d.AddAttachment(notification.Attachment{Kind: notification.SitePlanAttachment, Name: privacy.NewText("plan.pdf"), Size: 48213, AddedAt: at}),
		)
	}, notification.WithConsent(notification.SectionOwner), notification.WithConsent(notification.SectionPayer)),
		c.AddNote("Kunden nås efter 16.", by, at),
	)
	return c.Snapshot(), err
}

// benchRepo is a repository filled with n copies of the template, and the IDs of a working
// set spread evenly over it.
type benchRepo struct {
	repo *notification.MemoryRepository
	hot  []notification.ID
}

// benchWorkingSet is how many stored cases the Get and Update benchmarks cycle through. A
// fixed working set spread over the whole store keeps the figures about the repository's own
// work: cycling through every case of a million-case store mostly measures cache misses,
// which any store of that size has (see the package's benchmark notes).
const benchWorkingSet = 1024

// fillBenchRepo stores n cases restored from tmpl, each with a fresh ID and its own creation
// time. Restoring a snapshot is much cheaper than building each case step by step.
func fillBenchRepo(tmpl notification.Snapshot, n int) (*benchRepo, error) {
	ctx := context.Background()
	r := &benchRepo{repo: notification.NewMemoryRepository()}
	stride := max(1, n/benchWorkingSet)
	for i := range n {
		s := tmpl
		s.ID = notification.NewID()
		s.CreatedAt = tmpl.CreatedAt.Add(time.Duration(i) * time.Second)
		c, err := notification.RestoreCase(s)
		if err != nil {
			return nil, err
		}
		if _, err := r.repo.Create(ctx, c); err != nil {
			return nil, err
		}
		if i%stride == 0 && len(r.hot) < benchWorkingSet {
			r.hot = append(r.hot, s.ID)
		}
	}
	return r, nil
}

// BenchmarkMemoryRepository times Get, Create and Update on repositories of 1 000, 100 000 and
// 1 000 000 cases; the figures should not grow with the size. Each size is built once, outside
// the timer, and dropped before the next. Create is timed with a Delete of the same case, so
// the size stays fixed; Update is the service's read-modify-write, a Get and an Update. The
// 1 000 000 size is skipped with -short.
//
//	go test -run='^$' -bench=BenchmarkMemoryRepository -benchmem ./notification
func BenchmarkMemoryRepository(b *testing.B) {
	tmpl, err := benchTemplate()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, n := range benchSizes {
		if testing.Short() && n >= 1_000_000 {
			continue
		}
		var r *benchRepo
		repo := func(b *testing.B) *benchRepo {
			if r == nil {
				if r, err = fillBenchRepo(tmpl, n); err != nil {
					b.Fatal(err)
				}
				runtime.GC() // so that no collection of the fill runs into the timing

			}
			return r
		}

		b.Run(fmt.Sprintf("Get/cases=%d", n), func(b *testing.B) {
			r := repo(b)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := r.repo.Get(ctx, r.hot[i%len(r.hot)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})

		b.Run(fmt.Sprintf("Create/cases=%d", n), func(b *testing.B) {
			r := repo(b)
			pool := make([]*notification.Case, benchWorkingSet)
			for i := range pool {
				s := tmpl
				s.ID = notification.NewID()
				c, err := notification.RestoreCase(s)
				if err != nil {
					b.Fatal(err)
				}
				pool[i] = c
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c := pool[i%len(pool)]
				if _, err := r.repo.Create(ctx, c); err != nil {
					b.Fatal(err)
				}
				if err := r.repo.Delete(ctx, c.ID(), 1); err != nil {
					b.Fatal(err)
				}
				i++
			}
			if r.repo.Len() != n {
				b.Fatalf("the repository holds %d cases, want %d", r.repo.Len(), n)
			}
		})

		b.Run(fmt.Sprintf("Update/cases=%d", n), func(b *testing.B) {
			r := repo(b)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c, err := r.repo.Get(ctx, r.hot[i%len(r.hot)])
				if err != nil {
					b.Fatal(err)
				}
				if _, err := r.repo.Update(ctx, c); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})

		r = nil
		runtime.GC() // the next size starts without this one's heap
	}
}

// BenchmarkMemoryListing times a listing page (50 cases) and a person lookup among 1 000,
// 100 000 and 1 000 000 stored cases; none may grow with the size. The cases are spread over
// 100 installer companies and 100 grid companies; 1 % of them are sent to Öresundskraft and
// wait for it (awaiting approval or returned), the rest are drafts and closed cases of the
// others (at 1 000 cases, 10 installer companies and 10 %, so that every listing still fills
// its page). Installer is one company's list; Inbox is Öresundskraft's inbox (sent to it, in
// those two statuses); Deep is the same inbox from a cursor half way through; FindPerson
// finds the one case holding a personal identity number. The 1 000 000 size is skipped with
// -short.
//
//	go test -run='^$' -bench=BenchmarkMemoryListing -benchmem ./notification
func BenchmarkMemoryListing(b *testing.B) {
	tmpl, err := benchTemplate()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	installerList := notification.Query{Installer: "inst-7", Limit: 50}
	inbox := notification.Query{GridCompany: "oresundskraft", SentOnly: true, Limit: 50,
		Statuses: []notification.Status{notification.AwaitingApproval, notification.Returned}}
	for _, n := range benchSizes {
		if testing.Short() && n >= 1_000_000 {
			continue
		}
		repo, target, err := fillListingRepo(tmpl, n)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		spread := listingSpread(n)
		half, err := repo.List(ctx, notification.Query{GridCompany: inbox.GridCompany, SentOnly: true,
			Statuses: inbox.Statuses, Limit: n / spread / 2})
		if err != nil {
			b.Fatal(err)
		}
		deep := inbox
		deep.After = half.Next
		for _, l := range []struct {
			name  string
			q     notification.Query
			cases int // how many the listing holds from its start
		}{{"Installer", installerList, n / spread}, {"Inbox", inbox, n / spread}, {"Deep", deep, n/spread - n/spread/2}} {
			b.Run(fmt.Sprintf("%s/cases=%d", l.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p, err := repo.List(ctx, l.q)
					if err != nil || len(p.Cases) != min(50, l.cases) {
						b.Fatal(len(p.Cases), err)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("FindPerson/cases=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ids, err := repo.FindPerson(ctx, target)
				if err != nil || len(ids) != 1 {
					b.Fatal(ids, err)
				}
			}
		})
		repo = nil
		runtime.GC()
	}
}

// fillListingRepo stores n cases restored from tmpl as BenchmarkMemoryListing describes, each
// with an owner of its own, and returns the owner's number of one of them.
func fillListingRepo(tmpl notification.Snapshot, n int) (*notification.MemoryRepository, privacy.PersonalIdentityNumber, error) {
	ctx := context.Background()
	repo := notification.NewMemoryRepository()
	closed := []notification.Status{notification.NotSent, notification.Approved, notification.Completed, notification.Cancelled}
	var target privacy.PersonalIdentityNumber
	spread := listingSpread(n)
	for i := range n {
		s := tmpl
		s.ID = notification.NewID()
		s.CreatedAt = tmpl.CreatedAt.Add(time.Duration(i) * time.Second)
		s.Handler.Organisation = fmt.Sprintf("inst-%d", i%spread)
		s.GridCompany = fmt.Sprintf("grid-%d", i%99)
		s.Status = closed[i%len(closed)]
		if i%spread == 0 { // sent to Öresundskraft, waiting for it
			s.GridCompany, s.Status = "oresundskraft", notification.AwaitingApproval
			if i%(2*spread) == 0 {
				s.Status = notification.Returned
			}
		}
		if s.Status != notification.NotSent {
			s.History = []notification.StatusChange{{From: notification.NotSent, To: notification.AwaitingApproval,
				Action: notification.ActionSubmit, By: "u-1001", At: s.CreatedAt}}
		}
		pn, err := notificationtest.SerialPersonalIdentityNumber(i)
		if err != nil {
			return nil, target, err
		}
		s.Owner.PersonalNumber, s.Payer.PersonalNumber = pn, pn
		if i == n/2 {
			target = pn
		}
		c, err := notification.RestoreCase(s)
		if err != nil {
			return nil, target, err
		}
		if _, err := repo.Create(ctx, c); err != nil {
			return nil, target, err
		}
	}
	return repo, target, nil
}

// listingSpread is, for a store of n cases, the number of installer companies and one in how
// many cases waits in Öresundskraft's inbox: 100, or fewer in a small store, so that each
// listing holds at least 100 cases.
func listingSpread(n int) int { return max(1, min(100, n/100)) }
