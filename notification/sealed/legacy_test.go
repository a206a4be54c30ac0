package sealed_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/privacy"
)

// testdata/legacy_v1.json was written by the first release's notification.Codec (commit
// dcac4af) under ring(): a cancelled case with both parties, the installer's contact, a work
// description, a note, an attachment and a cancellation reason.
func legacyDocument(t *testing.T) []byte {
	t.Helper()
	doc, err := os.ReadFile("testdata/legacy_v1.json")
	require.NoError(t, err)
	return doc
}

// A case stored by the first release opens with every value, and is written back in the
// current document.
func TestCodecReadsTheFirstReleasesDocument(t *testing.T) {
	t.Parallel()
	_, err := newCodec(t, ring(t)).Decode(legacyDocument(t))
	require.ErrorIs(t, err, sealed.ErrCorrupt, "only a codec made to read them reads them: their clear part is not authenticated")

	codec := legacyCodec(t, ring(t))
	s, err := codec.Decode(legacyDocument(t))
	require.NoError(t, err)

	require.Equal(t, notification.Cancelled, s.Status)
	require.Equal(t, "M-20001", string(s.Facility.MeterNumber))
	require.Equal(t, "Lindqvist", s.Owner.Surname.Reveal())
	require.Equal(t, "190905271474", s.Owner.PersonalNumber.Reveal())
	require.Equal(t, "8803200016", s.Payer.OrganisationNumber.Reveal())
	require.Equal(t, "PO-17", s.Payer.InvoiceReference.Reveal())
	require.Equal(t, "Kim Larsson", s.Installer.Contact.Reveal())
	require.Equal(t, "Ny servis till Ekvägen 3", s.WorkDescription.Reveal())
	require.Equal(t, "17.5", s.RequestedPower.String())
	require.Len(t, s.Notes, 1)
	require.Equal(t, "Ring Anna före besök", s.Notes[0].Text.Reveal())
	require.Len(t, s.Attachments, 1)
	require.Equal(t, "Lindqvist situationsplan.pdf", s.Attachments[0].Name.Reveal())
	require.Len(t, s.History, 1)
	require.Equal(t, notification.ActionCancel, s.History[0].Action)
	require.Equal(t, notification.NotSent, s.History[0].From, `"draft" is "not-sent" now`)
	require.Equal(t, "Anna Lindqvist ångrade sig", s.History[0].Reason.Reveal())
	require.Equal(t, notification.SourceLookup, s.Sources.Of(merge.OwnerSurname))
	require.Equal(t, notification.SourceCustomer, s.Sources.Of(merge.OwnerPersonalNumber))

	again, err := codec.Encode(s)
	require.NoError(t, err)
	require.NotEqual(t, byte('{'), again[0], "written back in the current document")
	back, err := codec.Decode(again)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(s, back, notificationtest.CmpOptions()))
}

// The first release bound each sealed value to its case and field: one moved to another
// field, or a document under another key, does not open.
func TestCodecRefusesAMovedValueInTheFirstReleasesDocument(t *testing.T) {
	t.Parallel()
	doc := string(legacyDocument(t))
	surname := between(t, doc, `"owner.surname":"`, `"`)
	given := between(t, doc, `"owner.givenName":"`, `"`)
	swapped := strings.NewReplacer(surname, given, given, surname).Replace(doc)
	_, err := legacyCodec(t, ring(t)).Decode([]byte(swapped))
	require.ErrorIs(t, err, privacy.ErrUnsealFailed)

	other, err := privacy.NewKeyring("k9", map[string][]byte{"k9": key(9)})
	require.NoError(t, err)
	_, err = legacyCodec(t, other).Decode([]byte(doc))
	require.ErrorIs(t, err, privacy.ErrUnknownKey)
}

// legacyCodec is a codec that reads the first release's documents.
func legacyCodec(t *testing.T, s privacy.Sealer) *sealed.Codec {
	t.Helper()
	tok, err := privacy.NewTokenizer(key(9))
	require.NoError(t, err)
	c, err := sealed.NewCodec(s, tok, sealed.WithFirstReleaseDocuments())
	require.NoError(t, err)
	return c
}

// between returns the text of s between the first from and the next to.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(s, from)
	require.True(t, ok, from)
	v, _, ok := strings.Cut(rest, to)
	require.True(t, ok, to)
	return v
}
