package sealed_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/privacy"
)

// fuzzHostile are the hostile inputs the fuzz target starts from, committed under
// testdata/fuzz/FuzzCodecDecode/ too.
var fuzzHostile = []string{"", " \t\r\n", strings.Repeat("7", 10000), "\xff\xfe\xfd", "\x00", "７３５９９９", "٧٣٥٩٩٩"}

// fuzzCodecSeeds returns a real encoded case and mutations of it: truncated, another format,
// an envelope bound to another case, clear values changed, fields removed or added.
func fuzzCodecSeeds(tb testing.TB, codec *sealed.Codec) []string {
	tb.Helper()
	doc, err := codec.Encode(fullCase(tb).Snapshot())
	require.NoError(tb, err)
	d := string(doc)
	mutate := func(change func(doc, c map[string]any)) string {
		var m map[string]any
		require.NoError(tb, json.Unmarshal(doc, &m))
		change(m, m["case"].(map[string]any))
		out, err := json.Marshal(m)
		require.NoError(tb, err)
		return string(out)
	}
	return []string{
		d,
		d[:len(d)/2],
		d[:len(d)-1],
		strings.Replace(d, `"format":1`, `"format":2`, 1),
		mutate(func(_, c map[string]any) { c["id"] = "n-00000000000000000000000000000000" }), // envelope bound to another case
		mutate(func(m, c map[string]any) { delete(m, "personal"); delete(c, "notes") }),
		mutate(func(_, c map[string]any) { delete(c, "notes") }), // the envelope names notes that are gone
		mutate(func(_, c map[string]any) { c["sources"] = map[string]any{"owner.surname": "telepathy"} }),
		mutate(func(_, c map[string]any) { c["requestedPower"] = "-1e3" }),
		mutate(func(_, c map[string]any) { c["status"] = "no-such-status" }),
		mutate(func(m, _ map[string]any) { m["personal"] = "v1.k1.AAAA.AAAA" }),
		`{"format":1}`,
		`{"format":1,"case":{}}`,
		`{"format":2}`,
		`not json`,
		`null`,
	}
}

func FuzzCodecDecode(f *testing.F) {
	codec := newCodec(f, ring(f))
	for _, s := range append(append([]string{}, fuzzHostile...), fuzzCodecSeeds(f, codec)...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := codec.Decode(data)
		if err != nil {
			if !errors.Is(err, sealed.ErrCorrupt) && !errors.Is(err, privacy.ErrUnknownKey) &&
				!errors.Is(err, privacy.ErrUnsealFailed) {
				t.Fatalf("error %v matches none of ErrCorrupt, privacy.ErrUnknownKey, privacy.ErrUnsealFailed", err)
			}
			return
		}
		doc, err := codec.Encode(s)
		if err != nil {
			t.Fatalf("Decode accepted a document that Encode cannot write back: %v", err)
		}
		back, err := codec.Decode(doc)
		if err != nil {
			t.Fatalf("Decode rejects Encode's output: %v", err)
		}
		if diff := cmp.Diff(s, back, notificationtest.CmpOptions()); diff != "" {
			t.Fatalf("snapshot changed in Encode then Decode (-decoded +again):\n%s", diff)
		}
	})
}
