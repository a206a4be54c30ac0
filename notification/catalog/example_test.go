package catalog_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gridnotify/gridnotify/notification/catalog"
)

// A grid company's configuration is data: areas, installation types, job types and the
// mandatory fields of each.
func ExampleLoadCatalog() {
	cat, err := catalog.LoadCatalog(strings.NewReader(`{"gridCompanies": [{
		"id": "natbolaget", "name": "Nätbolaget AB",
		"areas": [{"code": "ABC", "name": "Abcstad"}],
		"installationTypes": [
			{"type": "fuse-change", "jobTypes": [
				{"id": "fuse", "name": "Byte av huvudsäkring", "profile": {"required": ["requestedMainFuse"]}}]},
			{"type": "ev-charger", "label": "Laddbox", "jobTypes": [
				{"id": "home", "name": "Laddbox i villa", "profile": {"required": ["requestedPower"]}}]}
		],
		"baseProfile": {"required": ["payer.identity"]}
	}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	g, _ := cat.GridCompany(context.Background(), "natbolaget")
	fmt.Println(g.Name(), g.Areas()[0].Code, g.Areas()[0].Name)
	for _, o := range g.InstallationTypes() {
		for _, jt := range o.JobTypes {
			p, _ := g.Profile(o.Type, jt.ID)
			fmt.Printf("%s / %s: %v\n", g.TypeLabel(o.Type), jt.Name, p.Required())
		}
	}
	// Output:
	// Nätbolaget AB ABC Abcstad
	// Säkringsändring / Byte av huvudsäkring: [payer.identity requestedMainFuse]
	// Laddbox / Laddbox i villa: [payer.identity requestedPower]
}

// The installer picks the grid area by name or code; a choice the grid company does not
// offer is an OfferError in English and Swedish.
func ExampleGridCompany_FindArea() {
	g, _ := catalog.ExampleCatalog().GridCompany(context.Background(), "oresundskraft")
	a, ok := g.FindArea("Helsingborg")
	fmt.Println(a.Code, ok)

	_, err := g.JobType("micro-production", "solar")
	var oe *catalog.OfferError
	fmt.Println(errors.Is(err, catalog.ErrNotOffered), errors.As(err, &oe) && oe.What == "installation type")
	fmt.Println(oe.Swedish())
	// Output:
	// HBG true
	// true true
	// Nätbolaget "oresundskraft" erbjuder inte installationstypen "micro-production".
}

func ExampleNewGridCompany() {
	_, err := catalog.NewGridCompany(catalog.GridCompanyConfig{ID: "x", Name: "X AB"})
	fmt.Println(errors.Is(err, catalog.ErrInvalidConfig), err)
	// Output:
	// true catalog: invalid configuration: grid company "x": no grid areas
}

func ExampleDefaultMeterPlacements() {
	for _, p := range catalog.DefaultMeterPlacements()[:2] {
		fmt.Println(p.Code, p.Label)
	}
	// Output:
	// facade-cabinet Fasadmätarskåp
	// facade-cabinet-stand Fasadskåp på stativ
}
