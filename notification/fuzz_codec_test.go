package notification_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/privacy"
)

// fuzzCodec returns the codec of FuzzCodecDecode: fixed keys, so the committed seed documents
// open.
func fuzzCodec(tb testing.TB) *notification.Codec {
	tb.Helper()
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": bytes.Repeat([]byte{1}, 32)})
	require.NoError(tb, err)
	tok, err := privacy.NewTokenizer(bytes.Repeat([]byte{9}, 32))
	require.NoError(tb, err)
	c, err := notification.NewCodec(ring, tok)
	require.NoError(tb, err)
	return c
}

// fuzzCodecSeeds returns a real encoded case and mutations of it: truncated, another format,
// a sealed value moved to another field, a clear value changed, fields removed or added.
func fuzzCodecSeeds(tb testing.TB, codec *notification.Codec) []string {
	tb.Helper()
	doc, err := codec.Encode(fullCase(tb).Snapshot())
	require.NoError(tb, err)
	d := string(doc)
	var raw map[string]any
	require.NoError(tb, json.Unmarshal(doc, &raw))
	mutate := func(change func(map[string]any)) string {
		var m map[string]any
		require.NoError(tb, json.Unmarshal(doc, &m))
		change(m)
		out, err := json.Marshal(m)
		require.NoError(tb, err)
		return string(out)
	}
	seeds := []string{
		d,
		d[:len(d)/2],
		d[:len(d)-1],
		strings.Replace(d, `"format":1`, `"format":2`, 1),
		mutate(func(m map[string]any) { // a sealed value swapped into another field
			s := m["sealed"].(map[string]any)
			s["owner.surname"] = s["owner.givenName"]
		}),
		mutate(func(m map[string]any) { m["id"] = "n-00000000000000000000000000000000" }), // seals bound to another case
		mutate(func(m map[string]any) { delete(m, "sealed"); delete(m, "notes") }),
		mutate(func(m map[string]any) { m["clear"].(map[string]any)["facility.nope"] = "1" }),
		mutate(func(m map[string]any) { m["requestedPower"] = "-1e3" }),
		mutate(func(m map[string]any) { m["status"] = "no-such-status" }),
		mutate(func(m map[string]any) { m["sources"] = map[string]any{"owner.surname": "telepathy"} }),
		`{"format":1}`,
		`{"format":2}`,
		`not json`,
		`null`,
	}
	return seeds
}

func FuzzCodecDecode(f *testing.F) {
	codec := fuzzCodec(f)
	fuzzAddBytes(f, fuzzCodecSeeds(f, codec)...)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := codec.Decode(data)
		if err != nil {
			if !errors.Is(err, notification.ErrCorrupt) && !errors.Is(err, privacy.ErrUnknownKey) &&
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
