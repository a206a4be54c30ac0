package catalog_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/validate"
)

// fuzzHostile are the hostile inputs the fuzz target starts from: empty, whitespace, a
// 10 000-character input, invalid UTF-8, NUL bytes, full-width and Arabic-Indic digits. They
// are also committed under testdata/fuzz/FuzzLoadCatalog/.
var fuzzHostile = []string{
	"",
	" \t\r\n",
	strings.Repeat("7", 10000),
	"\xff\xfe\xfd",
	"\x00",
	"７３５９９９",
	"٧٣٥٩٩٩",
}

// fuzzCatalogBudget is the most one LoadCatalog may take on one input while fuzzing: a
// catalog file is small, so anything slower is a quadratic path a hostile file could use.
// It is checked only when fuzzing (-fuzz): a wall-clock budget in the seed run would fail on a
// loaded machine, and linearity is shown deterministically by BenchmarkLoadCatalog_areas.
const fuzzCatalogBudget = 100 * time.Millisecond

// fuzzCatalogCmp compares configurations: validate.Profile has unexported fields, so profiles
// compare by their JSON form; an empty list equals a missing one.
var fuzzCatalogCmp = cmp.Options{
	cmp.Comparer(func(a, b validate.Profile) bool {
		ja, errA := json.Marshal(a)
		jb, errB := json.Marshal(b)
		return errA == nil && errB == nil && bytes.Equal(ja, jb)
	}),
	cmpopts.EquateEmpty(),
}

// fuzzCatalogSeeds returns the example catalog, truncations of it, and variants with unknown
// fields, duplicate IDs and other near misses.
func fuzzCatalogSeeds(tb testing.TB) []string {
	tb.Helper()
	example, err := os.ReadFile("example_catalog.json")
	if err != nil {
		tb.Fatal(err)
	}
	ex := string(example)
	one := `{"id":"a","name":"A","areas":[{"code":"HBG","name":"H"}],"installationTypes":[{"type":"fuse-change","jobTypes":[{"id":"j","name":"J","profile":{"required":["facility.facilityId"]}}]}],"baseProfile":{"required":[]}}`
	return []string{
		ex,
		ex[:len(ex)/2],
		ex[:len(ex)-1],
		ex + "\n",
		ex + "{}",
		strings.Replace(ex, `"retentionDays": 730`, `"retentionDays": 730, "colour": "blue"`, 1),
		strings.Replace(ex, `"id": "kustnat"`, `"id": "oresundskraft"`, 1),
		strings.Replace(ex, `"code": "VIK"`, `"code": "KU1"`, 1),
		strings.Replace(ex, `"id": "villa"`, `"id": "single-meter"`, 1),
		strings.Replace(ex, `"facility.facilityId"`, `"facility.nope"`, 1),
		strings.Replace(ex, `"retentionDays": 365`, `"retentionDays": -1`, 1),
		strings.Replace(ex, `"code": "HBG"`, `"code": "hbg"`, 1),
		`{"gridCompanies":[` + one + `]}`,
		`{"gridCompanies":[` + one + `,` + one + `]}`,
		`{"gridCompanies":[]}`,
		`{"gridCompanies":null}`,
		`{}`,
		`null`,
		`{"gridCompanies":[{}]}`,
		`{"gridCompanies":[` + strings.Replace(one, `"meterPlacements"`, `"x"`, 1) + `],"extra":1}`,
		`{"gridCompanies":[` + strings.Replace(one, `"baseProfile":{"required":[]}`, `"meterPlacements":[],"retentionDays":0`, 1) + `]}`,
	}
}

func FuzzLoadCatalog(f *testing.F) {
	for _, s := range append(append([]string{}, fuzzHostile...), fuzzCatalogSeeds(f)...) {
		f.Add([]byte(s))
	}
	fuzzing := flag.Lookup("test.fuzz") != nil && flag.Lookup("test.fuzz").Value.String() != ""
	f.Fuzz(func(t *testing.T, data []byte) {
		if fuzzing {
			checkLoadTime(t, data)
		}
		c, err := catalog.LoadCatalog(bytes.NewReader(data))
		if err != nil {
			if c != nil {
				t.Fatal("LoadCatalog returned a catalog with its error")
			}
			return
		}
		out, err := c.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of an accepted catalog: %v", err)
		}
		back, err := catalog.LoadCatalog(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("LoadCatalog rejects MarshalJSON's output: %v\n%s", err, out)
		}
		if diff := cmp.Diff(configs(t, c), configs(t, back), fuzzCatalogCmp); diff != "" {
			t.Fatalf("catalog changed in the round trip (-loaded +reloaded):\n%s", diff)
		}
		if out2, err := back.MarshalJSON(); err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("MarshalJSON not stable (%v):\n%s\n%s", err, out, out2)
		}
	})
}

// checkLoadTime fails t if LoadCatalog takes longer than fuzzCatalogBudget on data. One slow
// run may be a garbage collection or the fuzzer's other workers, so a slow input is timed
// twice more and only the fastest of the three counts.
func checkLoadTime(t *testing.T, data []byte) {
	t.Helper()
	fastest := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		_, _ = catalog.LoadCatalog(bytes.NewReader(data))
		fastest = min(fastest, time.Since(start))
		if fastest <= fuzzCatalogBudget {
			return
		}
	}
	t.Fatalf("LoadCatalog took at least %v on a %d-byte input (budget %v)", fastest, len(data), fuzzCatalogBudget)
}
