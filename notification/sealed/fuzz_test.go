package sealed_test

import (
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
// an envelope bound to another case, clear values changed, fields added that no writer
// writes.
func fuzzCodecSeeds(tb testing.TB, codec *sealed.Codec) []string {
	tb.Helper()
	c := fullCase(tb)
	doc, err := codec.Encode(c.Snapshot())
	require.NoError(tb, err)
	other, err := codec.Encode(fullCase(tb).Snapshot())
	require.NoError(tb, err)
	clearPart, envelope := sealed.Parts(doc)
	otherClear, _ := sealed.Parts(other)
	d := string(doc)
	return []string{
		d,
		d[:len(d)/2],
		d[:len(d)-1],
		"\x02" + d[1:],
		string(sealed.Join(otherClear, envelope)),                // envelope bound to another case
		string(sealed.Join(clearPart, nil)),                      // no envelope
		string(sealed.Join(clearPart, []byte("\x02k1\x00\x00"))), // an empty envelope
		string(sealed.WithField(doc, "sources", "owner.surname=telepathy")),
		string(sealed.WithField(doc, "status", "no-such-status")),
		string(sealed.WithField(doc, "workDescription", "Anna")),
		string(sealed.WithField(doc, "id", string(c.ID()))),
		"\x01",
		"\x01\x00",
		"\x01\x01\x00",
		"\x02",
		`{"format":1,"case":{}}`,
		`null`,
	}
}

func FuzzCodecDecode(f *testing.F) {
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(f, err)
	codec, err := sealed.NewCodec(ring(f), tok, sealed.WithFirstReleaseDocuments()) // every reader
	require.NoError(f, err)
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
