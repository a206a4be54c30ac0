package bench

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// installer is the acting user, as in examples/walkthrough.
var installer = privacy.Actor{ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller}}

// completeCase builds a complete Öresundskraft service-change/single-meter case through
// notification.NewDefaultService, as examples/walkthrough does, and returns it with that
// profile from catalog.ExampleCatalog (the grid company's base profile joined with the job
// type's: 22 fields).
func completeCase(tb testing.TB) (*notification.Case, validate.Profile) {
	tb.Helper()
	ctx := privacy.WithActor(context.Background(), installer)
	svc := notification.NewDefaultService()
	c, err := svc.Create(ctx, notification.CreateRequest{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange,
		JobType: "single-meter", Area: "Helsingborg",
	})
	require.NoError(tb, err)
	c, _, err = svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20001", Mode: merge.Overwrite})
	require.NoError(tb, err)

	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Lindqvist"), GivenName: privacy.NewText("Anna"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Ekvägen 3"), PostalCode: privacy.NewText("254 40"), City: privacy.NewText("Helsingborg")},
		Phone:   privacy.NewText("070-174 06 10"), Email: privacy.NewText("anna.lindqvist@example.com"),
	})
	require.NoError(tb, err)
	phone, err := privacy.ParsePhone("042-490 00 00")
	require.NoError(tb, err)
	saved, err := svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error {
		return errors.Join(
			d.SetOwner(owner),
			d.SetMeterPlacement(catalog.FacadeCabinet, ""),
			d.SetWorkDescription("Byte av servisledning 10 mm² till 16 mm²."),
			d.SetInstaller(notification.Installer{
				Company: "Elfirma AB", AuthorisationNumber: "AL-12345",
				Contact: privacy.NewText("Kim Larsson"), Phone: phone,
			}),
		)
	})
	require.NoError(tb, err)
	_, _, err = svc.CopyFromOwner(ctx, c.ID(), saved.Case.Version())
	require.NoError(tb, err)

	problems, err := svc.Check(ctx, c.ID())
	require.NoError(tb, err)
	require.Empty(tb, problems, "the case must be complete")
	c, err = svc.Get(ctx, c.ID())
	require.NoError(tb, err)

	g, err := catalog.ExampleCatalog().GridCompany(ctx, "oresundskraft")
	require.NoError(tb, err)
	profile, err := g.Profile(catalog.ServiceChange, "single-meter")
	require.NoError(tb, err)
	require.Len(tb, profile.Required(), 22)
	return c, profile
}
