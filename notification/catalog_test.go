package notification_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/validate"
)

// catalogCmp compares grid companies: a profile by its fields.
var catalogCmp = cmp.Comparer(func(a, b validate.Profile) bool { return slices.Equal(a.Required(), b.Required()) })

func TestExampleCatalog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cat := notification.ExampleCatalog()
	all, err := cat.GridCompanies(ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)

	ok, err := cat.GridCompany(ctx, "oresundskraft")
	require.NoError(t, err)
	require.Equal(t, "Öresundskraft AB", ok.Name)
	require.Equal(t, []notification.GridArea{{Code: "HBG", Name: "Helsingborg"}}, ok.Areas)
	var types []notification.InstallationType
	for _, o := range ok.InstallationTypes {
		types = append(types, o.Type)
		require.Equal(t, o.Type.Swedish(), ok.TypeLabel(o.Type))
		require.Equal(t, []string{"Anläggning med en mätare", "Anläggning med flera mätare"},
			[]string{o.JobTypes[0].Name, o.JobTypes[1].Name}, "job types of %s", o.Type)
		require.Len(t, o.JobTypes, 2)
	}
	require.Equal(t, notification.BuiltinInstallationTypes(), types, "Öresundskraft offers the manual's six types")
	require.Equal(t, notification.DefaultMeterPlacements(), ok.Placements())

	kn, err := cat.GridCompany(ctx, "kustnat")
	require.NoError(t, err)
	require.Equal(t, "Kustnät AB", kn.Name)
	_, err = kn.JobType("micro-production", "solar")
	require.NoError(t, err, "Kustnät offers micro-production")
	require.Equal(t, "Mikroproduktion", kn.TypeLabel("micro-production"))
	_, err = ok.JobType("micro-production", "solar")
	require.ErrorIs(t, err, notification.ErrNotOffered, "Öresundskraft does not")
	_, err = kn.JobType(notification.ServiceChange, "single-meter")
	require.ErrorIs(t, err, notification.ErrNotOffered)
	_, found := kn.Area("HBG")
	require.False(t, found)
	require.False(t, kn.OffersPlacement(notification.ElectricalRoom))
	require.True(t, ok.OffersPlacement(notification.ElectricalRoom))

	// Mandatory fields are configuration too: the same kind of work asks different things.
	okNew, err := ok.Profile(notification.NewFacility, "single-meter")
	require.NoError(t, err)
	knNew, err := kn.Profile(notification.NewFacility, "villa")
	require.NoError(t, err)
	ownerIdentity, ok1 := validate.FieldByPath("owner.identity")
	require.True(t, ok1)
	require.True(t, okNew.Requires(ownerIdentity))
	require.False(t, knNew.Requires(ownerIdentity))
	require.NotEqual(t, okNew.Required(), knNew.Required())
}

func TestStaticCatalog_unknownAndCanceled(t *testing.T) {
	t.Parallel()
	cat := notification.ExampleCatalog()
	_, err := cat.GridCompany(context.Background(), "vattenfall")
	require.ErrorIs(t, err, notification.ErrNotOffered)
	require.Contains(t, err.Error(), "vattenfall")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = cat.GridCompany(ctx, "oresundskraft")
	require.ErrorIs(t, err, context.Canceled)
	_, err = cat.GridCompanies(ctx)
	require.ErrorIs(t, err, context.Canceled)
}

func TestStaticCatalog_handsOutCopies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cat := notification.ExampleCatalog()
	g, err := cat.GridCompany(ctx, "oresundskraft")
	require.NoError(t, err)
	g.Areas[0].Name = "Ändrad"
	g.InstallationTypes[0].JobTypes[0].Name = "Ändrad"
	g.InstallationTypes = g.InstallationTypes[:1]
	again, err := cat.GridCompany(ctx, "oresundskraft")
	require.NoError(t, err)
	require.Equal(t, "Helsingborg", again.Areas[0].Name)
	require.Equal(t, "Anläggning med en mätare", again.InstallationTypes[0].JobTypes[0].Name)
	require.Len(t, again.InstallationTypes, 6)
}

func TestLoadCatalog_roundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cat := notification.ExampleCatalog()
	b, err := json.Marshal(cat)
	require.NoError(t, err)
	again, err := notification.LoadCatalog(strings.NewReader(string(b)))
	require.NoError(t, err)
	want, err := cat.GridCompanies(ctx)
	require.NoError(t, err)
	got, err := again.GridCompanies(ctx)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(want, got, catalogCmp))
}

// catalogJSON is a minimal valid catalog with one grid company; change replaces text in it.
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
	cat, err := notification.LoadCatalog(strings.NewReader(minimalCatalog))
	require.NoError(t, err)
	g, err := cat.GridCompany(context.Background(), "natbolaget")
	require.NoError(t, err)
	p, err := g.Profile(notification.NewFacility, "one")
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
		{"area code too short", strings.Replace(minimalCatalog, `"code": "ABC"`, `"code": "AB"`, 1), []string{"grid area", "3 characters"}},
		{"area code in lower case", strings.Replace(minimalCatalog, `"code": "ABC"`, `"code": "abc"`, 1), []string{"grid area", "3 characters"}},
		{"no areas", strings.Replace(minimalCatalog, `[{"code": "ABC", "name": "Abc"}]`, `[]`, 1), []string{"no grid areas"}},
		{"no job types", strings.Replace(minimalCatalog, `"jobTypes": [`, `"jobTypes": [], "x": [`, 1), []string{"unknown field"}},
		{"no name", strings.Replace(minimalCatalog, `"name": "Nätbolaget AB"`, `"name": ""`, 1), []string{"id and name are required"}},
		{"trailing data", minimalCatalog + `{}`, []string{"trailing data"}},
		{"empty input", ``, []string{"JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cat, err := notification.LoadCatalog(strings.NewReader(tt.json))
			require.Error(t, err)
			require.Nil(t, cat)
			require.True(t, strings.HasPrefix(err.Error(), "notification: catalog: "), "message %q does not say it is about the catalog", err)
			for _, w := range tt.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}
