package notification_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
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

// fuzzFullCase builds a case with every kind of personal value filled in, as codec_test.go's
// fullCase does.
func fuzzFullCase(tb testing.TB) *notification.Case {
	tb.Helper()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: notification.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: "u-1", Organisation: "elfirma-ab"}, CreatedAt: at,
	})
	require.NoError(tb, err)
	rec := facility.SampleRecords()[0]
	_, err = c.FetchFacility(&rec, merge.Overwrite)
	require.NoError(tb, err)
	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: "Lindqvist", GivenName: "Anna", PersonalNumber: "19090527+1474",
		Address: notification.AddressInput{Street: "Ekvägen 3", PostalCode: "254 40", City: "Helsingborg"},
		Phone:   "070-174 06 10", Email: "anna.lindqvist@example.com",
	})
	require.NoError(tb, err)
	require.NoError(tb, c.SetOwner(owner))
	payer, err := notification.ParseParty("payer", notification.PartyInput{
		Kind: "company", CompanyName: "Lindqvists El", OrganisationNumber: "880320-0016", InvoiceReference: "PO-17",
	})
	require.NoError(tb, err)
	require.NoError(tb, c.SetPayer(payer))
	phone, err := privacy.ParsePhone("042-490 00 00")
	require.NoError(tb, err)
	require.NoError(tb, c.SetInstaller(notification.Installer{Company: "Elfirma AB", AuthorisationNumber: "AL-1",
		Contact: privacy.NewText("Kim Larsson"), Phone: phone}))
	require.NoError(tb, c.SetWorkDescription("Ny servis till Ekvägen 3"))
	require.NoError(tb, c.SetRequested(25, decimal.RequireFromString("17.5")))
	require.NoError(tb, c.AddNote("Ring Anna före besök", privacy.Actor{ID: "u-1"}, at))
	return c
}

// fuzzCodecSeeds returns a real encoded case and mutations of it: truncated, another format,
// a sealed value moved to another field, a clear value changed, fields removed or added.
func fuzzCodecSeeds(tb testing.TB, codec *notification.Codec) []string {
	tb.Helper()
	doc, err := codec.Encode(fuzzFullCase(tb).Snapshot())
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
