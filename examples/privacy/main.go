// Command privacy shows gridnotify's personal-data rules at work on the embedded defaults: a
// case holding a customer's personal identity number prints masked everywhere; its handler
// reveals the number for a stated purpose (allowed, logged); an installer of another company
// tries (denied, logged); and the access log shows who read what, without the values.
//
//	go run ./examples/privacy
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "privacy:", err)
		os.Exit(1)
	}
}

var (
	handler   = privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	colleague = privacy.Actor{ID: "u-1002", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
	stranger  = privacy.Actor{ID: "u-9009", Organisation: "annan-firma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}
)

func run(ctx context.Context, out io.Writer) error {
	log := privacy.NewMemoryAccessLog()
	svc, err := newService(log)
	if err != nil {
		return err
	}
	own := privacy.WithActor(ctx, handler)
	c, err := caseWithCustomer(own, svc)
	if err != nil {
		return err
	}

	fmt.Fprintln(out, "Masked everywhere / maskerat överallt:")
	fmt.Fprintf(out, "  fmt %%v:   %v\n", c.Owner().PersonalNumber)
	fmt.Fprintf(out, "  fmt case: %v\n", c)
	js, err := json.Marshal(c.Owner())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  JSON:     %s\n", js)
	logger := slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	logger.Info("owner", "party", c.Owner(), "personalNumber", c.Owner().PersonalNumber)

	fmt.Fprintln(out, "\nThe handler reveals for a stated purpose / handläggaren visar i klartext:")
	shown, err := svc.Reveal(own, c.ID(), privacy.PurposeAdminister, merge.OwnerPersonalNumber)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  allowed: %d field(s) revealed (the value is shown to the handler, not printed here)\n", len(shown.Values))

	fmt.Fprintln(out, "\nA colleague answers a data-subject request / en kollega svarar på en begäran från den registrerade:")
	_, err = svc.Reveal(privacy.WithActor(ctx, colleague), c.ID(), privacy.PurposeDataSubjectRequest, merge.OwnerPersonalNumber)
	if !errors.Is(err, privacy.ErrDenied) {
		return fmt.Errorf("expected a denial, got %v", err)
	}
	fmt.Fprintf(out, "  denied: %v\n", err)

	fmt.Fprintln(out, "\nAnother company's installer tries / en annan firmas installatör försöker:")
	_, err = svc.Reveal(privacy.WithActor(ctx, stranger), c.ID(), privacy.PurposeAdminister, merge.OwnerPersonalNumber)
	if !errors.Is(err, notification.ErrNotFound) {
		return fmt.Errorf("expected not found, got %v", err)
	}
	fmt.Fprintf(out, "  %v (not even told the case exists; the attempt is logged)\n", err)

	fmt.Fprintln(out, "\nAccess log / åtkomstlogg (who, case, fields, purpose, outcome; no values):")
	for _, e := range log.Query(privacy.AccessQuery{CaseID: string(c.ID())}) {
		fmt.Fprintf(out, "  %s %-7s %s %v %s\n", e.Actor, e.Outcome, e.Purpose, e.Fields, e.CaseID)
	}
	return nil
}

func newService(log privacy.AccessLog) (*notification.Service, error) {
	return notification.NewService(notification.NewMemoryRepository(), catalog.ExampleCatalog(),
		facility.SampleRegistry(), notification.WithAccessLog(log))
}

// caseWithCustomer creates a case and records the owner's personal identity number, which the
// grid company's profile makes mandatory.
func caseWithCustomer(ctx context.Context, svc *notification.Service) (*notification.Case, error) {
	c, err := svc.Create(ctx, notification.CreateRequest{
		GridCompany: "oresundskraft", InstallationType: catalog.FuseChange, JobType: "single-meter", Area: "HBG",
	})
	if err != nil {
		return nil, err
	}
	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"),
		PersonalNumber: privacy.NewText("880320-0016"),
	})
	if err != nil {
		return nil, err
	}
	res, err := svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error { return d.SetOwner(owner) })
	if err != nil {
		return nil, err
	}
	return res.Case, nil
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
