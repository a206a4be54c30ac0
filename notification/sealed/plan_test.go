package sealed

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/privacy"
)

// every holds each kind of value a plan writes.
type every struct {
	Embedded
	S     string            `json:"s"`
	B     bool              `json:"b"`
	I     int8              `json:"i"`
	U     uint16            `json:"u"`
	F     float64           `json:"f"`
	Raw   []byte            `json:"raw"`
	T     time.Time         `json:"t"`
	D     decimal.Decimal   `json:"d"`
	List  []inner           `json:"list"`
	Arr   [2]string         `json:"arr"`
	M     map[string]int    `json:"m"`
	P     *inner            `json:"p"`
	Texts []string          `json:"texts"`
	Nest  map[string][]bool `json:"nest"`
	Who   privacy.Text      `json:"who"`
	Skip  string            `json:"-"`
	Long  string            // no tag: named as in Go
}

type Embedded struct {
	E string `json:"e"`
}

type inner struct {
	N int    `json:"n"`
	S string `json:"s,omitempty"`
}

func roundTrip(t *testing.T, in every) every {
	t.Helper()
	p, err := planFor(reflect.TypeFor[every]())
	require.NoError(t, err)
	var w writer
	require.NoError(t, w.value(p, reflect.ValueOf(&in).Elem()))
	var out every
	r := newReader(w.b)
	require.NoError(t, r.value(p, reflect.ValueOf(&out).Elem()))
	require.Equal(t, len(w.b), r.off, "every byte read")
	return out
}

func TestPlanRoundTripsEveryKind(t *testing.T) {
	t.Parallel()
	in := every{
		Embedded: Embedded{E: "embedded"}, S: "å", B: true, I: -128, U: 65535, F: -0.5, Raw: []byte{0, 1, 2},
		T: time.Date(2026, 12, 2, 15, 4, 5, 6, time.FixedZone("", 3600)), D: decimal.RequireFromString("-17.25"),
		List: []inner{{N: -1}, {N: 2, S: "x"}, {}}, Arr: [2]string{"a", ""}, M: map[string]int{"a": 1, "b": -2},
		P: &inner{N: 7}, Texts: []string{}, Nest: map[string][]bool{"k": {true, false}},
		Long: strings.Repeat("long ", 100), // a length of two bytes, and a framed value moved
	}
	out := roundTrip(t, in)
	require.Empty(t, cmp.Diff(in, out, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })))
	require.NotNil(t, out.Texts, "an empty list stays an empty list, not a missing one")
	require.Empty(t, cmp.Diff(every{}, roundTrip(t, every{}), cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })))
}

// A privacy-typed value outside the snapshot's table of personal fields is never written in
// clear: Encode refuses the case.
func TestPlanRefusesAPersonalValue(t *testing.T) {
	t.Parallel()
	p, err := planFor(reflect.TypeFor[every]())
	require.NoError(t, err)
	in := every{Who: privacy.NewText("Anna Lindqvist")}
	var w writer
	err = w.value(p, reflect.ValueOf(&in).Elem())
	require.ErrorContains(t, err, "it would be written in clear")
	require.NotContains(t, err.Error(), "Anna")
}

func TestPlanRefusesTypesItCannotStore(t *testing.T) {
	t.Parallel()
	unexported := reflect.TypeFor[time.Location]() // unexported fields, no form of its own
	type recursive struct {
		Next *recursive `json:"next"`
	}
	type personalList struct {
		Names []privacy.Text `json:"names"`
	}
	twice := reflect.StructOf([]reflect.StructField{ // built here: vet rightly refuses it in source
		{Name: "A", Type: reflect.TypeFor[string](), Tag: `json:"x"`},
		{Name: "B", Type: reflect.TypeFor[string](), Tag: `json:"x"`},
	})
	type onlyJSON struct {
		R json.RawMessage `json:"r"`
	}
	for name, typ := range map[string]reflect.Type{
		"unexported field":           unexported,
		"recursive type":             reflect.TypeFor[recursive](),
		"privacy type in a list":     reflect.TypeFor[personalList](),
		"two fields of one name":     twice,
		"a JSON form only":           reflect.TypeFor[onlyJSON](),
		"an interface":               reflect.TypeFor[struct{ X any }](),
		"a function":                 reflect.TypeFor[struct{ F func() }](),
		"more fields than a bit set": reflect.StructOf(manyFields(maxFields + 1)),
	} {
		_, err := planFor(typ)
		require.Error(t, err, name)
	}
}

func manyFields(n int) []reflect.StructField {
	out := make([]reflect.StructField, n)
	for i := range out {
		out[i] = reflect.StructField{Name: "F" + strings.Repeat("x", i), Type: reflect.TypeFor[int]()}
	}
	return out
}
