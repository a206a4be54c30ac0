package notification_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

func key(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

func newCodec(t *testing.T, ring privacy.Sealer) *notification.Codec {
	t.Helper()
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	c, err := notification.NewCodec(ring, tok)
	require.NoError(t, err)
	return c
}

// fullCase builds a case with every kind of personal value filled in.
func fullCase(t testing.TB) *notification.Case {
	t.Helper()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: notification.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: "u-1", Organisation: "elfirma-ab"}, CreatedAt: at,
	})
	require.NoError(t, err)
	rec := facility.SampleRecords()[0]
	_, err = c.FetchFacility(&rec, merge.Overwrite)
	require.NoError(t, err)
	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: "Lindqvist", GivenName: "Anna", PersonalNumber: "19090527+1474",
		Address: notification.AddressInput{Street: "Ekvägen 3", PostalCode: "254 40", City: "Helsingborg"},
		Phone:   "070-174 06 10", Email: "anna.lindqvist@example.com",
	})
	require.NoError(t, err)
	require.NoError(t, c.SetOwner(owner))
	payer, err := notification.ParseParty("payer", notification.PartyInput{
		Kind: "company", CompanyName: "Lindqvists El", OrganisationNumber: "880320-0016", InvoiceReference: "PO-17",
	})
	require.NoError(t, err)
	require.NoError(t, c.SetPayer(payer))
	phone, err := privacy.ParsePhone("042-490 00 00")
	require.NoError(t, err)
	require.NoError(t, c.SetInstaller(notification.Installer{Company: "Elfirma AB", AuthorisationNumber: "AL-1",
		Contact: privacy.NewText("Kim Larsson"), Phone: phone}))
	require.NoError(t, c.SetWorkDescription("Ny servis till Ekvägen 3"))
	require.NoError(t, c.SetRequested(25, decimal.RequireFromString("17.5")))
	require.NoError(t, c.AddNote("Ring Anna före besök", privacy.Actor{ID: "u-1"}, at))
	return c
}

var snapshotCmp = cmp.Options{cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })}

func TestCodecRoundTripSealsEveryPersonalValue(t *testing.T) {
	t.Parallel()
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(t, err)
	codec := newCodec(t, ring)
	snap := fullCase(t).Snapshot()

	doc, err := codec.Encode(snap)
	require.NoError(t, err)
	for _, clear := range []string{"190905271474", "0905271474", "Lindqvist", "Anna", "Ekvägen", "+46701740610",
		"anna.lindqvist", "8803200016", "Kim Larsson", "+46424900000", "Ring Anna", "Helsingborg Eken"} {
		require.NotContains(t, string(doc), clear, "the stored document holds a personal value in clear")
	}
	require.Contains(t, string(doc), `"facility.meterNumber":"`+string(snap.Form.Facility.MeterNumber)+`"`,
		"non-personal values stay clear for the store to filter on")

	back, err := codec.Decode(doc)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(snap, back, snapshotCmp))
}

func TestCodecOpensAfterKeyRotation(t *testing.T) {
	t.Parallel()
	old, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(t, err)
	snap := fullCase(t).Snapshot()
	doc, err := newCodec(t, old).Encode(snap)
	require.NoError(t, err)

	rotated, err := old.Rotate("k2", key(2))
	require.NoError(t, err)
	back, err := newCodec(t, rotated).Decode(doc)
	require.NoError(t, err, "a document sealed under the old key still opens")
	require.Empty(t, cmp.Diff(snap, back, snapshotCmp))

	doc2, err := newCodec(t, rotated).Encode(snap)
	require.NoError(t, err)
	require.Contains(t, string(doc2), "v1.k2.", "new documents use the new primary key")
	_, err = newCodec(t, old).Decode(doc2)
	require.ErrorIs(t, err, privacy.ErrUnknownKey)
}

func TestCodecRefusesMovedValue(t *testing.T) {
	t.Parallel()
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(t, err)
	codec := newCodec(t, ring)
	doc, err := codec.Encode(fullCase(t).Snapshot())
	require.NoError(t, err)

	var raw map[string]any
	require.NoError(t, json.Unmarshal(doc, &raw))
	sealed := raw["sealed"].(map[string]any)
	sealed["owner.surname"] = sealed["owner.givenName"] // swap a value into another field
	moved, err := json.Marshal(raw)
	require.NoError(t, err)
	_, err = codec.Decode(moved)
	require.ErrorIs(t, err, privacy.ErrUnsealFailed)

	_, err = codec.Decode([]byte(`{"format":99}`))
	require.ErrorIs(t, err, notification.ErrCorrupt)
	_, err = codec.Decode([]byte(`not json`))
	require.ErrorIs(t, err, notification.ErrCorrupt)
}

func TestMemoryRepositoryWithCodecFindsByTokenOnly(t *testing.T) {
	t.Parallel()
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(t, err)
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	codec, err := notification.NewCodec(ring, tok)
	require.NoError(t, err)
	repo := notification.NewMemoryRepository(notification.WithCodec(codec))
	ctx := context.Background()

	c := fullCase(t)
	_, err = repo.Create(ctx, c)
	require.NoError(t, err)
	got, err := repo.Get(ctx, c.ID())
	require.NoError(t, err)
	require.Equal(t, c.Owner().PersonalNumber, got.Owner().PersonalNumber)

	ids, err := repo.FindByToken(ctx, tok.PersonalIdentityNumber(c.Owner().PersonalNumber))
	require.NoError(t, err)
	require.Equal(t, []notification.ID{c.ID()}, ids)
	ids, err = repo.FindByToken(ctx, tok.OrganisationNumber(c.Payer().OrganisationNumber))
	require.NoError(t, err)
	require.Equal(t, []notification.ID{c.ID()}, ids, "a sole trader's organisation number is indexed too")

	// After the owner is erased from the case, the token finds nothing.
	require.NoError(t, got.SetOwner(facility.Party{Kind: facility.PartyKindPrivate}))
	_, err = repo.Update(ctx, got)
	require.NoError(t, err)
	ids, err = repo.FindByToken(ctx, tok.PersonalIdentityNumber(c.Owner().PersonalNumber))
	require.NoError(t, err)
	require.Empty(t, ids)
	require.False(t, errors.Is(err, notification.ErrNotFound))
}
