// Command walkthrough plays the installer's manual ("Hämta kund- och anläggningsuppgifter till
// ett Elsmartärende") step by step on gridnotify's embedded defaults: the example catalog,
// the sample facility registry and the in-memory repository. It prints Swedish with English
// beside it, and personal data only masked, and at the end the events the steps recorded.
//
//	go run ./examples/walkthrough
//	go run ./examples/walkthrough -db sqlite:cases.db       # on an SQLite file: run it twice
//	go run ./examples/walkthrough -db postgres://…          # on PostgreSQL
//
// With -db the cases are kept: a second run lists the cases of the runs before it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

func main() {
	dsn := flag.String("db", "", "a database to keep the cases in: sqlite:PATH or postgres://…; in memory without it")
	flag.Parse()
	ctx := context.Background()
	svc, closeStore, err := newService(ctx, *dsn)
	if err == nil {
		err = errors.Join(run(ctx, os.Stdout, svc), closeStore())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "walkthrough:", err)
		os.Exit(1)
	}
}

// installer is the acting user: an opaque user ID at an installer company.
var installer = privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}

func run(ctx context.Context, out io.Writer, svc *notification.Service) error {
	w := &writer{out: out}
	ctx = privacy.WithActor(ctx, installer)

	earlier, err := svc.List(ctx, notification.Query{Limit: notification.MaxPageSize})
	if err != nil {
		return err
	}
	if n := len(earlier.Cases); n > 0 {
		w.step("–", "Ärenden från tidigare körningar", "Cases of earlier runs")
		for _, c := range earlier.Cases {
			w.line("%s  %s  %s", c.ID(), c.CreatedAt().Format("2006-01-02 15:04:05"), c.Status().Swedish())
		}
	}

	w.step("1–7", "Skapa anmälan", "Create the notification")
	c, err := svc.Create(ctx, notification.CreateRequest{
		GridCompany:      "oresundskraft",
		InstallationType: catalog.ServiceChange,
		JobType:          "single-meter",
		Area:             "Helsingborg",
	})
	if err != nil {
		return err
	}
	w.line("Nätbolag: Öresundskraft AB · %s - Anläggning med en mätare · Nätområde: Helsingborg (%s)",
		c.InstallationType().Swedish(), c.Area())
	w.line("Status: %s / %s", c.Status().Swedish(), c.Status())

	w.step("8–9, 14", "Hämta anl-data med ett mätarnummer som inte finns", "Fetch with an unknown meter number")
	before := c.Version()
	_, _, err = svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-99999"})
	var lookupErr *notification.LookupError
	if !errors.As(err, &lookupErr) || !errors.Is(err, facility.ErrNotFound) {
		return fmt.Errorf("expected the not-found error, got %v", err)
	}
	w.line("Fel: %s", lookupErr.Swedish())
	w.line("Error: %s", "no facility has that meter number or facility ID")
	if c, err = svc.Get(ctx, c.ID()); err != nil {
		return err
	}
	w.line("Anmälan är oförändrad / the case is unchanged: version %d → %d", before, c.Version())
	if c, err = svc.ClearIdentifiers(ctx, c.ID(), c.Version()); err != nil {
		return err
	}
	w.line("Rensa mätarnummer och EAN / cleared meter number and facility ID")

	w.step("10, 12–13", `Hämta data med "Skriv över fält i anmälan?" = Ja`, "Fetch with overwrite = yes")
	c, report, err := svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003", Mode: merge.Overwrite})
	if err != nil {
		return err
	}
	w.report(report)
	w.line("Anläggnings-ID %s, mätarnummer %s, tekniskt nummer %s",
		c.Facility().ID.Grouped(), c.Facility().MeterNumber, c.Facility().TechnicalNumber)

	w.step("11", `Installatören har skrivit i fält; hämta igen med "Nej"`, "The installer typed fields; fetch again with overwrite = no")
	ean, err := facility.ParseEAN(c.Facility().ID.String())
	if err != nil {
		return err
	}
	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"),
			PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone: privacy.NewText("070-174 06 55"),
	})
	if err != nil {
		return err
	}
	saved, err := svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error {
		if err := d.SetOwner(owner); err != nil {
			return err
		}
		// Identifiers of another facility, typed by mistake.
		fd := d.Facility()
		fd.MeterNumber, fd.TechnicalNumber = "M-20001", "HBG-T-10001"
		return d.SetFacility(fd)
	})
	if err != nil {
		return err
	}
	w.line("Ägaren ifylld för hand; mätarnummer och tekniskt nummer från fel anläggning")
	w.line("Owner typed by hand; meter number and technical number of the wrong facility")
	c, report, err = svc.FetchFacility(ctx, saved.Case.ID(), saved.Case.Version(), notification.FetchRequest{FacilityID: ean.String(), Mode: merge.FillEmpty})
	if err != nil {
		return err
	}
	w.report(report)
	w.line("Efter hämtning / after the fetch: mätarnummer %s, tekniskt nummer %s (alltid överskrivna / always overwritten)",
		c.Facility().MeterNumber, c.Facility().TechnicalNumber)

	w.step("15–17, 19", "Kontrollera anmälan: tvingande fält", "Check the mandatory fields")
	problems, err := svc.Check(ctx, c.ID())
	if err != nil {
		return err
	}
	w.problems(problems)

	w.step("17", "Personnummer från kunden, övriga uppgifter", "Identity numbers from the customer, the rest of the form")
	ownerWithID, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"),
		PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"),
			PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone: privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja.berg@example.com"),
	})
	if err != nil {
		return err
	}
	section, err := notification.ParseInstaller(notification.InstallerInput{
		Company: "Elfirma AB", AuthorisationNumber: "AL-12345",
		Contact: privacy.NewText("Kim Larsson"), Phone: privacy.NewText("042-490 00 00"),
	})
	if err != nil {
		return err
	}
	saved, err = svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error {
		return errors.Join(
			d.SetOwner(ownerWithID),
			d.SetMeterPlacement(catalog.FacadeCabinet, ""),
			d.SetWorkDescription("Byte av servisledning 10 mm² till 16 mm²."),
			d.SetInstaller(section),
		)
	})
	if err != nil {
		return err
	}
	w.line("Fastighetsägare / owner: %v, personnr. %v", saved.Case.Owner().Surname, saved.Case.Owner().PersonalNumber)

	w.step("18", "Kopiera från ägare", "Copy from owner into the payer")
	c, report, err = svc.CopyFromOwner(ctx, saved.Case.ID(), saved.Case.Version())
	if err != nil {
		return err
	}
	w.line("%d fält ändrade / fields changed, betalningsansvarig personnr. %v",
		report.Count(merge.Filled)+report.Count(merge.Overwritten)+report.Count(merge.Cleared), c.Payer().PersonalNumber)
	if problems, err = svc.Check(ctx, c.ID()); err != nil {
		return err
	}
	w.problems(problems)

	w.step("20–21", "Spara", "Save")
	saved, err = svc.Save(ctx, c.ID(), c.Version(), func(*notification.Draft) error { return nil })
	if err != nil {
		return err
	}
	w.line("Status: %s / %s", saved.Case.Status().Swedish(), saved.Case.Status())
	if saved.NotSent {
		w.line("%s  [OK]", saved.Question.Swedish)
		w.line("%s  [OK]", saved.Question.English)
	}

	w.step("21", "Skicka föranmälan", "Send for approval")
	sent, err := svc.Submit(ctx, saved.Case.ID(), saved.Case.Version())
	if err != nil {
		return err
	}
	// A double click: the same version again.
	again, err := svc.Submit(ctx, saved.Case.ID(), saved.Case.Version())
	if err != nil {
		return err
	}
	w.line("Ett andra klick ändrar inget / a second click changes nothing: already submitted = %v", again.AlreadySubmitted)
	w.line("Status: %s → %s / %s", notification.NotSent.Swedish(), sent.Case.Status().Swedish(), sent.Case.Status())

	w.step("–", "Händelser: vad stegen registrerade", "Events: what the steps recorded")
	events, err := svc.Events(ctx, 0, notification.MaxPageSize)
	if err != nil {
		return err
	}
	for _, e := range events.Events {
		if e.CaseID != sent.Case.ID() {
			continue // an earlier run's
		}
		w.line("%3d  %-20s %-18s → %-18s v%d  by %s", e.Seq, e.Type, e.From.Code(), e.To.Code(), e.Version, e.By)
	}
	return w.err
}

// writer prints the walkthrough and keeps the first write error.
type writer struct {
	out io.Writer
	err error
}

func (w *writer) line(format string, args ...any) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.out, "  "+format+"\n", args...)
	}
}

func (w *writer) step(n, sv, en string) {
	if w.err == nil {
		_, w.err = fmt.Fprintf(w.out, "\nSteg %s: %s / Step %s: %s\n", n, sv, n, en)
	}
}

// report prints what a fetch did to each field, leaving out fields that were already the same
// or that the lookup had nothing for, except the three identifiers, which it always shows.
func (w *writer) report(r merge.Report) {
	same := 0
	for f, o := range r.All() {
		if (o == merge.Same || o == merge.NotReturned) && !f.AlwaysOverwritten() {
			same++
			continue
		}
		w.line("%-34s %s / %s", f.Label(), o.Swedish(), o)
	}
	w.line("(%d fält oförändrade / fields unchanged)", same)
}

func (w *writer) problems(ps []validate.Problem) {
	if len(ps) == 0 {
		w.line("Inga tvingande fält saknas / no mandatory field is missing")
	}
	for _, p := range ps {
		w.line("%-36s %s / %s", p.Label, p.Swedish, p.English)
	}
}
