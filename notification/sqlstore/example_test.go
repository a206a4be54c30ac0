package sqlstore_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
)

// A Service on an SQLite file: the case is still there when the store is opened again, and
// the file holds no personal value in clear. Keys come from the caller (a secrets manager in
// production); the keyring seals, the tokenizer indexes identity numbers.
func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "gridnotify-example")
	defer os.RemoveAll(dir)
	dsn := "sqlite:" + filepath.Join(dir, "cases.db")
	ring, _ := privacy.NewKeyring("2026-12", map[string][]byte{"2026-12": bytes.Repeat([]byte{1}, 32)})
	tokens, _ := privacy.NewTokenizer(bytes.Repeat([]byte{2}, 32))
	ctx := privacy.WithActor(context.Background(), privacy.Actor{
		ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller},
	})

	store, err := sqlstore.Open(ctx, dsn, ring, tokens)
	if err != nil {
		fmt.Println(err)
		return
	}
	svc, _ := notification.NewService(store, catalog.ExampleCatalog(), facility.SampleRegistry(),
		notification.WithAccessLog(store))
	c, err := svc.Create(ctx, notification.CreateRequest{GridCompany: "oresundskraft",
		InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _, err = svc.FetchFacility(ctx, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003"})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = store.Close()

	again, _ := sqlstore.Open(ctx, dsn, ring, tokens)
	defer again.Close()
	got, err := again.Get(ctx, c.ID())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("stored:", got.Status().Swedish(), "version", got.Version())
	fmt.Println("facility:", got.Facility().ID.Grouped())
	fmt.Println("owner:", got.Owner().Surname)

	file, _ := os.ReadFile(filepath.Join(dir, "cases.db"))
	fmt.Println("surname in the file:", bytes.Contains(file, []byte(got.Owner().Surname.Reveal())))
	// Output:
	// stored: Ej skickat version 2
	// facility: 735 999 101 000 000 031
	// owner: ***
	// surname in the file: false
}
