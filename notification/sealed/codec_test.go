package sealed_test

import (
	"bytes"
	"maps"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

func key(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

// ring returns a keyring whose primary key k1 is key(1).
func ring(tb testing.TB) *privacy.Keyring {
	tb.Helper()
	r, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(tb, err)
	return r
}

func newCodec(tb testing.TB, s privacy.Sealer) *sealed.Codec {
	tb.Helper()
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(tb, err)
	c, err := sealed.NewCodec(s, tok)
	require.NoError(tb, err)
	return c
}

// at is the fixtures' time: whole seconds, UTC.
var at = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// fullCase builds a case with every kind of personal value filled in: both parties (a sole
// trader's organisation number as payer), the installer's contact, the work description, a
// note, an attachment and a history reason.
func fullCase(tb testing.TB) *notification.Case {
	tb.Helper()
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: "u-1", Organisation: "elfirma-ab"}, CreatedAt: at,
	})
	require.NoError(tb, err)
	rec := facility.SampleRecords()[0]
	_, err = c.FetchFacility(&rec, merge.Overwrite)
	require.NoError(tb, err)
	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Lindqvist"), GivenName: privacy.NewText("Anna"),
		PersonalNumber: privacy.NewText("19090527+1474"),
		Address: notification.AddressInput{Street: privacy.NewText("Ekvägen 3"), PostalCode: privacy.NewText("254 40"),
			City: privacy.NewText("Helsingborg")},
		Phone: privacy.NewText("070-174 06 10"), Email: privacy.NewText("anna.lindqvist@example.com"),
	})
	require.NoError(tb, err)
	payer, err := notification.ParseParty("payer", notification.PartyInput{
		Kind: "company", CompanyName: privacy.NewText("Lindqvists El"), OrganisationNumber: privacy.NewText("880320-0016"),
		InvoiceReference: privacy.NewText("PO-17"),
	})
	require.NoError(tb, err)
	in, err := notification.ParseInstaller(notification.InstallerInput{Company: "Elfirma AB", AuthorisationNumber: "AL-1",
		Contact: privacy.NewText("Kim Larsson"), Phone: privacy.NewText("042-490 00 00")})
	require.NoError(tb, err)
	by := privacy.Actor{ID: "u-1"}
	require.NoError(tb, c.Edit(validate.Profile{}, by, at, func(d *notification.Draft) error {
		for _, err := range []error{
			d.SetOwner(owner), d.SetPayer(payer), d.SetInstaller(in),
			d.SetWorkDescription("Ny servis till Ekvägen 3"),
			d.SetRequested(25, decimal.RequireFromString("17.5")),
			d.AddAttachment(notification.Attachment{Kind: notification.SitePlanAttachment,
				Name: privacy.NewText("Lindqvist situationsplan.pdf"), Size: 10, AddedAt: at}),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	}, notification.WithConsent(notification.SectionOwner), notification.WithConsent(notification.SectionPayer)))
	require.NoError(tb, c.AddNote("Ring Anna före besök", by, at))
	require.NoError(tb, c.Cancel("Anna Lindqvist ångrade sig", by, at))
	return c
}

// clearValues are the personal values of fullCase, in the forms a leak would take.
var clearValues = []string{"190905271474", "0905271474", "Lindqvist", "Anna", "Ekvägen", "+46701740610",
	"anna.lindqvist", "8803200016", "880320-0016", "Kim Larsson", "+46424900000", "Ring Anna", "ångrade",
	"situationsplan", "PO-17"}

func TestCodecRoundTripSealsEveryPersonalValue(t *testing.T) {
	t.Parallel()
	codec := newCodec(t, ring(t))
	snap := fullCase(t).Snapshot()

	doc, err := codec.Encode(snap)
	require.NoError(t, err)
	for _, clear := range clearValues {
		require.NotContains(t, string(doc), clear, "the stored document holds a personal value in clear")
	}
	require.Contains(t, string(doc), string(snap.Facility.MeterNumber), "non-personal values stay clear")
	require.NotContains(t, string(doc), "***", "no masked value is stored: every personal value is sealed")

	back, err := codec.Decode(doc)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(snap, back, notificationtest.CmpOptions()))
}

// Every personal value the snapshot holds is in the envelope: WithoutPersonalValues and
// PersonalValues together are the whole snapshot.
func TestCodecKeepsEveryPersonalValue(t *testing.T) {
	t.Parallel()
	snap := fullCase(t).Snapshot()
	values := map[string]string{}
	for path, v := range snap.PersonalValues() {
		values[path] = v
	}
	for _, path := range []string{"owner.personalNumber", "payer.organisationNumber", "installer.contact",
		"workDescription", "notes.0.text", "attachments.0.name", "history.0.reason"} {
		require.Contains(t, values, path)
	}
	bare := snap.WithoutPersonalValues()
	for range bare.PersonalValues() {
		t.Fatal("WithoutPersonalValues left a personal value")
	}
	require.NoError(t, bare.SetPersonalValues(maps.All(values)))
	require.Empty(t, cmp.Diff(snap, bare, notificationtest.CmpOptions()))
}

func TestCodecOpensAfterKeyRotation(t *testing.T) {
	t.Parallel()
	old := ring(t)
	snap := fullCase(t).Snapshot()
	doc, err := newCodec(t, old).Encode(snap)
	require.NoError(t, err)

	rotated, err := old.Rotate("k2", key(2))
	require.NoError(t, err)
	back, err := newCodec(t, rotated).Decode(doc)
	require.NoError(t, err, "a document sealed under the old key still opens")
	require.Empty(t, cmp.Diff(snap, back, notificationtest.CmpOptions()))

	doc2, err := newCodec(t, rotated).Encode(snap)
	require.NoError(t, err)
	require.Equal(t, "k2", sealed.KeyID(doc2), "new documents use the new primary key")
	_, err = newCodec(t, old).Decode(doc2)
	require.ErrorIs(t, err, privacy.ErrUnknownKey)
}

// An envelope moved to another case does not open: it is bound to its case's ID.
func TestCodecRefusesMovedEnvelope(t *testing.T) {
	t.Parallel()
	codec := newCodec(t, ring(t))
	a, b := fullCase(t), fullCase(t)
	docA, err := codec.Encode(a.Snapshot())
	require.NoError(t, err)
	docB, err := codec.Encode(b.Snapshot())
	require.NoError(t, err)

	clearA, _ := sealed.Parts(docA)
	_, envelopeB := sealed.Parts(docB)
	_, err = codec.Decode(sealed.Join(clearA, envelopeB))
	require.ErrorIs(t, err, privacy.ErrUnsealFailed)
}

func TestCodecRefusesCorruptDocuments(t *testing.T) {
	t.Parallel()
	codec := newCodec(t, ring(t))
	doc, err := codec.Encode(fullCase(t).Snapshot())
	require.NoError(t, err)
	clearPart, envelope := sealed.Parts(doc)
	for name, data := range map[string][]byte{
		"empty":                  nil,
		"unknown format":         append([]byte{99}, doc[1:]...),
		"not a document":         []byte(`{"format":1}`),
		"truncated":              doc[:len(doc)/2],
		"truncated clear part":   sealed.Join(clearPart[:len(clearPart)-1], envelope),
		"bytes after":            append(append([]byte{}, doc...), 0),
		"masked value in clear":  sealed.WithField(doc, "workDescription", "***"),
		"identity in clear":      sealed.WithField(doc, "workDescription", "190905271474"),
		"field twice":            sealed.WithField(doc, "gridCompany", "oresundskraft"),
		"unknown field":          sealed.WithField(doc, "nope", "x"),
		"unknown status":         sealed.WithField(doc, "status", "lost"),
		"unknown source":         sealed.WithField(doc, "sources", "facility.meterNumber=telepathy"),
		"unknown source field":   sealed.WithField(doc, "sources", "facility.nope=lookup"),
		"source named twice":     sealed.WithField(doc, "sources", "owner.surname=lookup,owner.surname=lookup"),
		"not a facility ID":      sealed.WithField(doc, "facility", "x"),
		"a list longer than all": sealed.Join(append([]byte("\x05notes\xff\xff\x03"), clearPart...), envelope),
	} {
		_, err := codec.Decode(data)
		require.ErrorIs(t, err, sealed.ErrCorrupt, name)
		for _, clear := range clearValues {
			require.NotContains(t, err.Error(), clear, "%s: the error holds a personal value", name)
		}
	}
}

func TestCodecTokens(t *testing.T) {
	t.Parallel()
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	codec, err := sealed.NewCodec(ring(t), tok)
	require.NoError(t, err)
	c := fullCase(t)
	got := codec.Tokens(c.Snapshot())
	require.ElementsMatch(t, []privacy.Token{
		tok.PersonalIdentityNumber(c.Owner().PersonalNumber),
		tok.OrganisationNumber(c.Payer().OrganisationNumber), // a sole trader's number is indexed too
	}, got)
	_, err = sealed.NewCodec(nil, tok)
	require.Error(t, err)
}

// The memory repository with the codec keeps every case sealed and finds a person by token.
func TestMemoryRepositoryWithCodec(t *testing.T) {
	t.Parallel()
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	codec, err := sealed.NewCodec(ring(t), tok)
	require.NoError(t, err)
	repo := notification.NewMemoryRepository(notification.WithCodec(codec), notification.WithTokenizer(tok))
	ctx := t.Context()

	c := fullCase(t)
	_, err = repo.Create(ctx, c)
	require.NoError(t, err)
	got, err := repo.Get(ctx, c.ID())
	require.NoError(t, err)
	require.Equal(t, c.Owner().PersonalNumber, got.Owner().PersonalNumber)

	ids, err := repo.FindPerson(ctx, c.Owner().PersonalNumber)
	require.NoError(t, err)
	require.Equal(t, []notification.ID{c.ID()}, ids)
	soleTrader, err := privacy.ParsePersonalIdentityNumber("19880320-0016")
	require.NoError(t, err)
	ids, err = repo.FindPerson(ctx, soleTrader)
	require.NoError(t, err)
	require.Equal(t, []notification.ID{c.ID()}, ids, "a sole trader is found by their personal identity number")
}

// The clear part is authenticated too: rows swapped, a status rewritten, and the document no
// longer opens.
func TestCodecAuthenticatesTheClearPart(t *testing.T) {
	t.Parallel()
	codec := newCodec(t, ring(t))
	c := fullCase(t)
	doc, err := codec.Encode(c.Snapshot())
	require.NoError(t, err)
	_, envelope := sealed.Parts(doc)
	for name, change := range map[string]func(s *notification.Snapshot){
		"status rewritten":   func(s *notification.Snapshot) { s.Status = notification.Approved },
		"note author":        func(s *notification.Snapshot) { s.Notes[0].Author = "u-2" },
		"version":            func(s *notification.Snapshot) { s.Version = 7 },
		"justification lost": func(s *notification.Snapshot) { s.Justifications = nil },
	} {
		s := c.Snapshot()
		change(&s)
		other, err := codec.Encode(s)
		require.NoError(t, err)
		tamperedClear, _ := sealed.Parts(other)
		_, err = codec.Decode(sealed.Join(tamperedClear, envelope))
		require.ErrorIs(t, err, privacy.ErrUnsealFailed, name)
	}
	// A case with no personal value at all is authenticated all the same.
	bare, err := codec.Encode(c.Snapshot().WithoutPersonalValues())
	require.NoError(t, err)
	require.Equal(t, "k1", sealed.KeyID(bare))
	back, err := codec.Decode(bare)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(c.Snapshot().WithoutPersonalValues(), back, notificationtest.CmpOptions()))
}
