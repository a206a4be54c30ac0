package catalog_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/validate"
)

// configCmp compares configurations: a profile by its fields.
var configCmp = cmp.Comparer(func(a, b validate.Profile) bool { return slices.Equal(a.Required(), b.Required()) })

// configs returns the configurations of every grid company of c.
func configs(t *testing.T, c catalog.Catalog) []catalog.GridCompanyConfig {
	t.Helper()
	all, err := c.GridCompanies(context.Background())
	require.NoError(t, err)
	out := make([]catalog.GridCompanyConfig, len(all))
	for i, g := range all {
		out[i] = g.Config()
	}
	return out
}

func TestExampleCatalog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cat := catalog.ExampleCatalog()
	all, err := cat.GridCompanies(ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)

	ok, err := cat.GridCompany(ctx, "oresundskraft")
	require.NoError(t, err)
	require.Equal(t, "Öresundskraft AB", ok.Name())
	require.Equal(t, "oresundskraft", ok.ID())
	require.Equal(t, []catalog.GridArea{{Code: "HBG", Name: "Helsingborg"}}, ok.Areas())
	var types []catalog.InstallationType
	for _, o := range ok.InstallationTypes() {
		types = append(types, o.Type)
		require.Equal(t, o.Type.Swedish(), ok.TypeLabel(o.Type))
		require.Equal(t, []string{"Anläggning med en mätare", "Anläggning med flera mätare"},
			[]string{o.JobTypes[0].Name, o.JobTypes[1].Name}, "job types of %s", o.Type)
		require.Len(t, o.JobTypes, 2)
	}
	require.Equal(t, catalog.BuiltinInstallationTypes(), types, "Öresundskraft offers the manual's six types")
	require.Equal(t, catalog.DefaultMeterPlacements(), ok.Placements())

	kn, err := cat.GridCompany(ctx, "kustnat")
	require.NoError(t, err)
	require.Equal(t, "Kustnät AB", kn.Name())
	_, err = kn.JobType("micro-production", "solar")
	require.NoError(t, err, "Kustnät offers micro-production")
	require.Equal(t, "Mikroproduktion", kn.TypeLabel("micro-production"))
	_, err = ok.JobType("micro-production", "solar")
	require.ErrorIs(t, err, catalog.ErrNotOffered, "Öresundskraft does not")
	_, err = kn.JobType(catalog.ServiceChange, "single-meter")
	require.ErrorIs(t, err, catalog.ErrNotOffered)
	_, found := kn.Area("HBG")
	require.False(t, found)
	require.False(t, kn.OffersPlacement(catalog.ElectricalRoom))
	require.True(t, ok.OffersPlacement(catalog.ElectricalRoom))

	// Mandatory fields are configuration too: the same kind of work asks different things.
	okNew, err := ok.Profile(catalog.NewFacility, "single-meter")
	require.NoError(t, err)
	knNew, err := kn.Profile(catalog.NewFacility, "villa")
	require.NoError(t, err)
	ownerIdentity, ok1 := validate.FieldByPath("owner.identity")
	require.True(t, ok1)
	require.True(t, okNew.Requires(ownerIdentity))
	require.False(t, knNew.Requires(ownerIdentity))
	require.NotEqual(t, okNew.Required(), knNew.Required())
}

func TestGridCompany_profileIsBaseJoinedWithJobType(t *testing.T) {
	t.Parallel()
	g, err := catalog.ExampleCatalog().GridCompany(context.Background(), "oresundskraft")
	require.NoError(t, err)
	cfg := g.Config()
	for _, o := range cfg.InstallationTypes {
		for _, jt := range o.JobTypes {
			p, err := g.Profile(o.Type, jt.ID)
			require.NoError(t, err)
			require.Equal(t, cfg.BaseProfile.Join(jt.Profile).Required(), p.Required(), "%s/%s", o.Type, jt.ID)
		}
	}
	_, err = g.Profile(catalog.ServiceChange, "no-such-job")
	var oe *catalog.OfferError
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "job type", oe.What)
	_, err = g.Profile("no-such-type", "single-meter")
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "installation type", oe.What)
}

func TestGridCompany_findArea(t *testing.T) {
	t.Parallel()
	g, err := catalog.ExampleCatalog().GridCompany(context.Background(), "oresundskraft")
	require.NoError(t, err)
	for _, in := range []string{"HBG", "hbg", " HBG ", "Helsingborg"} {
		a, ok := g.FindArea(in)
		require.True(t, ok, in)
		require.Equal(t, facility.AreaCode("HBG"), a.Code)
	}
	for _, in := range []string{"", "helsingborg", "STH", "Stockholm"} {
		_, ok := g.FindArea(in)
		require.False(t, ok, in)
	}
}

func TestStaticCatalog_unknownAndCanceled(t *testing.T) {
	t.Parallel()
	cat := catalog.ExampleCatalog()
	_, err := cat.GridCompany(context.Background(), "vattenfall")
	require.ErrorIs(t, err, catalog.ErrNotOffered)
	require.Contains(t, err.Error(), "vattenfall")
	var l interface{ Swedish() string }
	require.True(t, errors.As(err, &l))
	require.Contains(t, l.Swedish(), "vattenfall")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = cat.GridCompany(ctx, "oresundskraft")
	require.ErrorIs(t, err, context.Canceled)
	_, err = cat.GridCompanies(ctx)
	require.ErrorIs(t, err, context.Canceled)
}

// A GridCompany is shared by every caller, so nothing a caller does to what it returns may
// change it.
func TestGridCompany_handsOutCopies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cat := catalog.ExampleCatalog()
	g, err := cat.GridCompany(ctx, "oresundskraft")
	require.NoError(t, err)
	g.Areas()[0].Name = "Ändrad"
	g.InstallationTypes()[0].JobTypes[0].Name = "Ändrad"
	g.Placements()[0].Label = "Ändrad"
	cfg := g.Config()
	cfg.Areas[0].Name = "Ändrad"
	cfg.InstallationTypes[0].JobTypes[0].Name = "Ändrad"
	cfg.InstallationTypes = cfg.InstallationTypes[:1]
	all, err := cat.GridCompanies(ctx)
	require.NoError(t, err)
	all[0] = nil

	again, err := cat.GridCompany(ctx, "oresundskraft")
	require.NoError(t, err)
	require.Equal(t, "Helsingborg", again.Areas()[0].Name)
	require.Equal(t, "Anläggning med en mätare", again.InstallationTypes()[0].JobTypes[0].Name)
	require.Len(t, again.InstallationTypes(), 6)
	require.Equal(t, catalog.DefaultMeterPlacements(), again.Placements())
	again2, err := cat.GridCompanies(ctx)
	require.NoError(t, err)
	require.NotNil(t, again2[0])
}

// NewStaticCatalog keeps its own copy of the configuration it was given.
func TestNewStaticCatalog_copiesItsInput(t *testing.T) {
	t.Parallel()
	cfg := configs(t, catalog.ExampleCatalog())[0]
	cat, err := catalog.NewStaticCatalog(cfg)
	require.NoError(t, err)
	cfg.Areas[0].Name = "Ändrad"
	cfg.InstallationTypes[0].JobTypes[0].Name = "Ändrad"
	got := configs(t, cat)[0]
	require.Equal(t, "Helsingborg", got.Areas[0].Name)
	require.Equal(t, "Anläggning med en mätare", got.InstallationTypes[0].JobTypes[0].Name)
}

func TestLoadCatalog_roundTrip(t *testing.T) {
	t.Parallel()
	cat := catalog.ExampleCatalog()
	b, err := json.Marshal(cat)
	require.NoError(t, err)
	again, err := catalog.LoadCatalog(strings.NewReader(string(b)))
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(configs(t, cat), configs(t, again), configCmp))
}

// minimalCatalog is a minimal valid catalog with one grid company; tests replace text in it.
const minimalCatalog = `{"gridCompanies": [{
  "id": "natbolaget", "name": "Nätbolaget AB",
  "areas": [{"code": "ABC", "name": "Abc"}],
  "installationTypes": [{"type": "new-facility", "jobTypes": [
    {"id": "one", "name": "En mätare", "profile": {"required": ["workDescription"]}}
  ]}],
  "baseProfile": {"required": ["owner.identity"]}
}]}`

func TestLoadCatalog_minimal(t *testing.T) {
	t.Parallel()
	cat, err := catalog.LoadCatalog(strings.NewReader(minimalCatalog))
	require.NoError(t, err)
	g, err := cat.GridCompany(context.Background(), "natbolaget")
	require.NoError(t, err)
	p, err := g.Profile(catalog.NewFacility, "one")
	require.NoError(t, err)
	var paths []string
	for _, f := range p.Required() {
		paths = append(paths, f.Path())
	}
	require.ElementsMatch(t, []string{"owner.identity", "workDescription"}, paths)
	a, ok := g.Area(facility.AreaCode("ABC"))
	require.True(t, ok)
	require.Equal(t, "Abc", a.Name)
}

func TestLoadCatalog_errors(t *testing.T) {
	t.Parallel()
	two := strings.Replace(minimalCatalog, `}]}`, `}, `+strings.TrimSuffix(strings.TrimPrefix(minimalCatalog, `{"gridCompanies": [`), `]}`)+`]}`, 1)
	tests := []struct {
		name string
		json string
		want []string // the message must say all of these
	}{
		// A cut-off or empty file is malformed JSON too and should say so, not only "EOF".
		{"truncated", minimalCatalog[:40], []string{"JSON"}},
		{"stray comma", strings.Replace(minimalCatalog, `"name": "Nätbolaget AB",`, `"name": "Nätbolaget AB",,`, 1), []string{"malformed JSON", "byte"}},
		{"unknown field", strings.Replace(minimalCatalog, `"id": "natbolaget",`, `"id": "natbolaget", "colour": "blue",`, 1), []string{"unknown field", "colour"}},
		{"wrong type", strings.Replace(minimalCatalog, `"areas": [{"code": "ABC", "name": "Abc"}]`, `"areas": "ABC"`, 1), []string{"areas"}},
		{"unknown profile path", strings.Replace(minimalCatalog, `"workDescription"`, `"owner.shoeSize"`, 1), []string{"unknown field", "owner.shoeSize"}},
		{"duplicate grid company", two, []string{"natbolaget", "listed twice"}},
		{"duplicate job type", strings.Replace(minimalCatalog, `"jobTypes": [`, `"jobTypes": [{"id": "one", "name": "Igen", "profile": {}},`, 1), []string{"job type", "one", "listed twice"}},
		{"duplicate area", strings.Replace(minimalCatalog, `[{"code": "ABC", "name": "Abc"}]`, `[{"code": "ABC", "name": "Abc"}, {"code": "ABC", "name": "Igen"}]`, 1), []string{"ABC", "listed twice"}},
		{"duplicate placement", strings.Replace(minimalCatalog, `"baseProfile"`, `"meterPlacements": [{"code": "other", "label": "A"}, {"code": "other", "label": "B"}], "baseProfile"`, 1), []string{"meter placement", "other", "listed twice"}},
		{"placement without label", strings.Replace(minimalCatalog, `"baseProfile"`, `"meterPlacements": [{"code": "other"}], "baseProfile"`, 1), []string{"meter placement 0", "label"}},
		{"area code too short", strings.Replace(minimalCatalog, `"code": "ABC"`, `"code": "AB"`, 1), []string{"grid area", "3 characters"}},
		{"area code in lower case", strings.Replace(minimalCatalog, `"code": "ABC"`, `"code": "abc"`, 1), []string{"grid area", "3 characters"}},
		{"no areas", strings.Replace(minimalCatalog, `[{"code": "ABC", "name": "Abc"}]`, `[]`, 1), []string{"no grid areas"}},
		{"no job types", strings.Replace(minimalCatalog, `"jobTypes": [`, `"jobTypes": [], "x": [`, 1), []string{"unknown field"}},
		{"no name", strings.Replace(minimalCatalog, `"name": "Nätbolaget AB"`, `"name": ""`, 1), []string{"id and name are required"}},
		{"negative retention", strings.Replace(minimalCatalog, `"baseProfile"`, `"retentionDays": -1, "baseProfile"`, 1), []string{"retentionDays"}},
		{"trailing data", minimalCatalog + `{}`, []string{"trailing data"}},
		{"empty input", ``, []string{"JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cat, err := catalog.LoadCatalog(strings.NewReader(tt.json))
			require.Error(t, err)
			require.Nil(t, cat)
			require.ErrorIs(t, err, catalog.ErrInvalidConfig)
			require.True(t, strings.HasPrefix(err.Error(), "catalog: invalid configuration: "), "message %q does not say it is about the catalog", err)
			for _, w := range tt.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
	_, err := catalog.LoadCatalog(nil)
	require.ErrorIs(t, err, catalog.ErrInvalidConfig)
}

func TestOfferError_messages(t *testing.T) {
	t.Parallel()
	e := &catalog.OfferError{GridCompany: "kustnat", What: "grid area", Value: "HBG"}
	require.Equal(t, `catalog: grid company "kustnat" does not offer grid area "HBG"`, e.Error())
	require.Equal(t, `Nätbolaget "kustnat" erbjuder inte nätområdet "HBG".`, e.Swedish())
	require.ErrorIs(t, e, catalog.ErrNotOffered)
}
