package validate_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gridnotify/gridnotify/validate"
)

// profileHostile are the hostile inputs every parser must survive: empty, whitespace, a
// 10 000-character input, invalid UTF-8, NUL bytes, full-width and Arabic-Indic digits.
var profileHostile = []string{
	"", " \t\r\n", strings.Repeat("7", 10000), "\xff\xfe\xfd", "\x00", "owner.name\x00",
	"７３５", "٧٣٥",
}

// profileSeedPaths are FuzzNewProfile's seeds: comma-separated path lists, valid, with
// duplicates, with near misses.
var profileSeedPaths = []string{
	"owner.identity,meterPlacement,facility.meterNumber",
	"owner.identity,owner.identity",
	"payer.kind,payer.name,payer.identity,payer.phone,payer.email,installer.company,installer.email",
	"attachments.sitePlan,attachments.singleLineDiagram,requestedPower,requestedMainFuse",
	"Owner.Identity", "owner.identity ", "owner..identity", ",", "Field(99)",
}

// checkProfileRoundTrip asserts that p survives MarshalJSON then UnmarshalJSON with the same
// Required list, that the JSON is stable, and that Required has no duplicates.
func checkProfileRoundTrip(t *testing.T, p validate.Profile) {
	t.Helper()
	req := p.Required()
	for i, f := range req {
		if !f.Valid() || slices.Contains(req[:i], f) {
			t.Fatalf("Required()[%d] = %v is invalid or listed twice", i, f)
		}
		if !p.Requires(f) {
			t.Fatalf("Requires(%v) is false for a field in Required()", f)
		}
	}
	data, err := p.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	var back validate.Profile
	if err := back.UnmarshalJSON(data); err != nil {
		t.Fatalf("UnmarshalJSON(%s) of MarshalJSON's output: %v", data, err)
	}
	if got := back.Required(); !slices.Equal(got, req) && (len(got) != 0 || len(req) != 0) {
		t.Fatalf("round trip changed Required(): %v, then %v", req, got)
	}
	if data2, _ := json.Marshal(back); string(data2) != string(data) {
		t.Fatalf("JSON form not stable: %s then %s", data, data2)
	}
}

func FuzzNewProfile(f *testing.F) {
	for _, s := range append(slices.Clone(profileHostile), profileSeedPaths...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		paths := strings.Split(s, ",")
		p, err := validate.NewProfile(paths...)
		if err != nil {
			if !errors.Is(err, validate.ErrUnknownField) {
				t.Fatalf("error %v does not match ErrUnknownField", err)
			}
			if len(p.Required()) != 0 {
				t.Fatal("an error came with a non-empty profile")
			}
			return
		}
		req := p.Required()
		want := 0
		for i, path := range paths {
			if !slices.Contains(paths[:i], path) {
				want++
			}
			if fld, ok := validate.FieldByPath(path); !ok || !p.Requires(fld) || fld.Path() != path {
				t.Fatalf("accepted path %q but it is not required, or its field's path differs", path)
			}
		}
		if len(req) != want {
			t.Fatalf("Required() has %d fields for %d distinct paths", len(req), want)
		}
		checkProfileRoundTrip(t, p)
	})
}

func FuzzProfileUnmarshalJSON(f *testing.F) {
	seeds := append(slices.Clone(profileHostile),
		`{"required":["owner.identity","meterPlacement","facility.meterNumber"]}`,
		`{"required":["owner.identity","owner.identity"]}`,
		`{"required":[]}`, `{"required":null}`, `{}`, `null`, `[]`, `"x"`,
		`{"required":["nope"]}`, `{"required":[1]}`, `{"required":["owner.identity"],"other":1}`,
		`{"required":["owner.identity"]} {}`, `{"required":["owner.identity"`,
		`{"Required":["OWNER.IDENTITY"]}`, `{"required":["owner.identity"],"required":["meterPlacement"]}`,
		`{"required":["owner\u002eidentity"]}`,
	)
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p validate.Profile
		if err := p.UnmarshalJSON(data); err != nil {
			if len(p.Required()) != 0 {
				t.Fatal("a failed UnmarshalJSON changed the profile")
			}
			return
		}
		checkProfileRoundTrip(t, p)
	})
}
