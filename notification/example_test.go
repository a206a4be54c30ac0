package notification_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// The installer's short path through the manual: create the case, fetch the facility, fill in
// what the lookup withholds, send it. Personal data prints only masked.
func ExampleService() {
	ctx := privacy.WithActor(context.Background(), privacy.Actor{
		ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller},
	})
	svc := notification.NewDefaultService(notification.WithClock(func() time.Time {
		return time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)
	}))

	c, err := svc.Create(ctx, notification.CreateRequest{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange,
		JobType: "single-meter", Area: "Helsingborg",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created:", c.Status().Swedish(), "in", c.Area())

	c, _, err = svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("fetched:", c.Facility().ID.Grouped())

	problems, _ := svc.Check(ctx, c.ID())
	for _, p := range problems {
		if p.Code == validate.CodeWithheld {
			fmt.Println("ask the customer:", p.Path)
		}
	}

	owner, _ := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"), PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone:   privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja.berg@example.com"),
	})
	phone, _ := privacy.ParsePhone("042-490 00 00")
	saved, err := svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error {
		return errors.Join(
			d.SetOwner(owner),
			d.SetPayer(owner),
			d.SetMeterPlacement(catalog.FacadeCabinet, ""),
			d.SetWorkDescription("Byte av servisledning."),
			d.SetInstaller(notification.Installer{
				Company: "Elfirma AB", AuthorisationNumber: "AL-12345",
				Contact: privacy.NewText("Kim Larsson"), Phone: phone,
			}),
		)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("saved:", saved.Question.English)
	fmt.Println("owner:", saved.Case.Owner().PersonalNumber)

	sent, err := svc.Submit(ctx, saved.Case.ID(), saved.Case.Version())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("sent:", sent.Case.Status().Swedish())
	// Output:
	// created: Ej skickat in HBG
	// fetched: 735 999 101 000 000 031
	// ask the customer: owner.identity
	// ask the customer: payer.identity
	// saved: The case has not been sent for approval. Do you want to send it now?
	// owner: 19880320-****
	// sent: För godkännande
}

// Submitting checks the grid company's mandatory fields; a retried submit is harmless.
func ExampleCase_Submit() {
	at := time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)
	installer := privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	c, _ := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: installer.ID, Organisation: installer.Organisation},
		CreatedAt: at,
	})
	profile, _ := validate.NewProfile("workDescription")

	_, err := c.Submit(profile, installer, at)
	fmt.Println(errors.Is(err, validate.ErrIncomplete), err)

	_ = c.Edit(profile, installer, at, func(d *notification.Draft) error { return d.SetWorkDescription("Byte av mätarskåp.") })
	already, err := c.Submit(profile, installer, at)
	fmt.Println(c.Status(), already, err)

	already, err = c.Submit(profile, installer, at)
	fmt.Println(c.Status(), already, err, len(c.History()))
	// Output:
	// true validate: the notification is incomplete: workDescription
	// awaiting approval false <nil>
	// awaiting approval true <nil> 1
}

// The lifecycle table: every legal step, who takes it and whether it needs a reason.
func ExampleTransitions() {
	for _, t := range notification.Transitions() {
		reason := ""
		if t.ReasonRequired {
			reason = " (reason required)"
		}
		fmt.Printf("%-28s %-22s → %-28s by %s%s\n", t.From.Swedish(), t.Action, t.To.Swedish(), t.By, reason)
	}
	// Output:
	// Ej skickat                   submit                 → För godkännande              by installer
	// Returnerad för komplettering submit                 → För godkännande              by installer
	// För godkännande              approve                → Godkänd                      by grid company
	// För godkännande              reject                 → Ej godkänd                   by grid company (reason required)
	// För godkännande              return                 → Returnerad för komplettering by grid company (reason required)
	// Godkänd                      notify completion of   → Färdiganmäld                 by installer
	// Färdiganmäld                 close                  → Avslutad                     by grid company
	// Ej skickat                   cancel                 → Makulerad                    by installer or grid company
	// För godkännande              cancel                 → Makulerad                    by installer or grid company
	// Godkänd                      cancel                 → Makulerad                    by installer or grid company
	// Returnerad för komplettering cancel                 → Makulerad                    by installer or grid company
	// Färdiganmäld                 cancel                 → Makulerad                    by installer or grid company
}

func ExampleParseID() {
	_, err := notification.ParseID("n-0123456789abcdef0123456789abcdef")
	fmt.Println(err)
	_, err = notification.ParseID("198803200016")
	fmt.Println(errors.Is(err, validate.ErrInvalid))
	// Output:
	// <nil>
	// true
}

func ExampleParseStatus() {
	s, err := notification.ParseStatus("awaiting-approval")
	fmt.Println(s.Swedish(), err)
	// Output:
	// För godkännande <nil>
}

func ExampleParseParty() {
	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"), PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
	})
	fmt.Println(owner.Kind, owner.Surname, owner.PersonalNumber, owner.Address.PostalCode, err)

	_, err = notification.ParseParty("payer", notification.PartyInput{PersonalNumber: privacy.NewText("880320-0018")})
	var inv *validate.InvalidError
	if errors.As(err, &inv) {
		p := inv.Problems[0]
		fmt.Println(p.Path, "|", p.Label, "|", p.Swedish)
	}
	// Output:
	// private *** 19880320-**** 252 21 <nil>
	// payer.personalNumber | Betalningsansvarig: Personnr. | Kontrollsiffran stämmer inte.
}
