package notification_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// roundTrip marshals v, checks the JSON against want (camelCase, stable names) and that it
// reads back equal.
func roundTrip[T any](t *testing.T, v T, want string) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	require.JSONEq(t, want, string(b))
	var back T
	require.NoError(t, json.Unmarshal(b, &back))
	require.Empty(t, cmp.Diff(v, back, cmp.AllowUnexported(notification.Cursor{})), "%T changed in a JSON round trip", v)
}

// TestJSONOfWhatCrossesAServiceBoundary: what a service sends or receives is stable JSON in
// camelCase and reads back as it was written.
func TestJSONOfWhatCrossesAServiceBoundary(t *testing.T) {
	t.Parallel()
	id := notification.ID("n-0123456789abcdef0123456789abcdef")
	cursor := notification.CursorAfter(notification.Listing{ID: id, CreatedAt: now})
	roundTrip(t, notification.CreateRequest{ID: id, GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange,
		JobType: "single-meter", Area: "HBG"},
		`{"id":"n-0123456789abcdef0123456789abcdef","gridCompany":"oresundskraft","installationType":"service-change","jobType":"single-meter","area":"HBG"}`)
	roundTrip(t, notification.FetchRequest{MeterNumber: "M-20003", Mode: merge.FillEmpty},
		`{"meterNumber":"M-20003","mode":"fill-empty"}`)
	roundTrip(t, notification.FetchRequest{FacilityID: "735999101000000031"},
		`{"facilityId":"735999101000000031","mode":"overwrite"}`)
	roundTrip(t, notification.Query{GridCompany: "oresundskraft", SentOnly: true,
		Statuses:    []notification.Status{notification.AwaitingApproval, notification.Returned},
		CreatedFrom: now, Limit: 20, After: cursor},
		`{"gridCompany":"oresundskraft","sentOnly":true,"statuses":["awaiting-approval","returned"],"createdFrom":"2025-03-10T09:30:00Z","limit":20,"after":"`+cursor.String()+`"}`)
	roundTrip(t, notification.Query{}, `{}`)
	roundTrip(t, notification.Prompt{Swedish: "Vill du?", English: "Do you?"}, `{"swedish":"Vill du?","english":"Do you?"}`)
	roundTrip(t, notification.ErasureResult{Cases: []notification.ID{id}, Fields: 3},
		`{"cases":["n-0123456789abcdef0123456789abcdef"],"fields":3}`)
	roundTrip(t, notification.Revealed{CaseID: id, Purpose: privacy.PurposeAdminister,
		Values: map[string]string{"owner.surname": "Berg"}, Erased: []string{"payer.phone"}},
		`{"caseId":"n-0123456789abcdef0123456789abcdef","purpose":"administer-customer-relationship","values":{"owner.surname":"Berg"},"erased":["payer.phone"]}`)
	roundTrip(t, notification.StatusChange{From: notification.AwaitingApproval, To: notification.Returned,
		Action: notification.ActionReturn, By: "u-2001", At: now},
		`{"from":"awaiting-approval","to":"returned","action":"return","by":"u-2001","at":"2025-03-10T09:30:00Z"}`)
	roundTrip(t, notification.Tombstone{At: now, By: "u-5001", Reason: notification.ErasedOnRequest, Fields: []string{"owner.surname"}},
		`{"at":"2025-03-10T09:30:00Z","by":"u-5001","reason":"data-subject-request","fields":["owner.surname"]}`)
	roundTrip(t, notification.Justification{Section: notification.SectionOwner, Basis: notification.BasisConsent, By: "u-1001", At: now},
		`{"section":"owner","basis":"customer-consent","by":"u-1001","at":"2025-03-10T09:30:00Z"}`)
	var sources notification.Sources
	sources[merge.OwnerSurname], sources[merge.OwnerPersonalNumber] = notification.SourceLookup, notification.SourceCustomer
	roundTrip(t, sources, `{"owner.surname":"lookup","owner.personalNumber":"customer"}`)
	for _, a := range notification.Actions() {
		b, err := json.Marshal(a)
		require.NoError(t, err)
		require.Equal(t, `"`+a.Code()+`"`, string(b))
		var back notification.Action
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, a, back)
	}
	for _, s := range []notification.Side{notification.SideInstaller, notification.SideGridCompany, notification.SideEither} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		require.NotContains(t, string(b), " ", "a side's code has no spaces")
	}

	// Malformed values are clear errors, not zero values.
	var q notification.Query
	require.ErrorIs(t, json.Unmarshal([]byte(`{"after":"not-a-cursor"}`), &q), validate.ErrInvalid)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"statuses":["lost"]}`), &q), validate.ErrInvalid)
	var f notification.FetchRequest
	require.Error(t, json.Unmarshal([]byte(`{"mode":"kanske"}`), &f))
	require.NoError(t, json.Unmarshal([]byte(`{"meterNumber":"M-1","mode":"Nej"}`), &f), "the manual's answer")
	require.Equal(t, merge.FillEmpty, f.Mode)
	var a notification.Action
	require.ErrorIs(t, json.Unmarshal([]byte(`"approve-all"`), &a), validate.ErrInvalid)
}

// TestCursorIsOpaqueAndURLSafe: a cursor is a short URL-safe string that reads back as the
// same position, and a made-up or damaged one is refused.
func TestCursorIsOpaqueAndURLSafe(t *testing.T) {
	t.Parallel()
	c := notification.CursorAfter(notification.Listing{ID: notification.NewID(), CreatedAt: now.Add(123 * time.Nanosecond)})
	s := c.String()
	require.NotContains(t, s, "n-", "the cursor does not show the case ID as it is")
	for _, r := range s {
		require.True(t, r == '-' || r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z'),
			"%q is not URL-safe", r)
	}
	back, err := notification.ParseCursor(s)
	require.NoError(t, err)
	require.Equal(t, c, back)
	require.True(t, back.CreatedAt().Equal(now.Add(123*time.Nanosecond)))
	zero, err := notification.ParseCursor("")
	require.NoError(t, err)
	require.True(t, zero.IsZero())
	require.Equal(t, "", zero.String())
	for _, bad := range []string{"x", s[:len(s)-3], "AQ", strings.Repeat("A", 80), s + "=="} {
		_, err := notification.ParseCursor(bad)
		require.ErrorIs(t, err, validate.ErrInvalid, bad)
	}
}

// TestInputsReadCamelCaseJSONAndNeverEchoIt: a party or installer typed into a web form reads
// from camelCase JSON with its values in clear, and writes back only masked.
func TestInputsReadCamelCaseJSONAndNeverEchoIt(t *testing.T) {
	t.Parallel()
	var in notification.PartyInput
	require.NoError(t, json.Unmarshal([]byte(`{"kind":"privat","surname":"Berg","givenName":"Maja",
		"personalNumber":"880320-0016","address":{"street":"Storgatan 12","postalCode":"252 21","city":"Helsingborg"},
		"phone":"070-174 06 55","email":"maja.berg@example.com"}`), &in))
	p, err := notification.ParseParty("owner", in)
	require.NoError(t, err, "the Swedish kind \"privat\" is the private kind too")
	require.Equal(t, "198803200016", p.PersonalNumber.Reveal())
	require.Equal(t, "Storgatan 12", p.Address.Street.Reveal())
	b, err := json.Marshal(in)
	require.NoError(t, err)
	for _, v := range []string{"Berg", "Maja", "880320", "Storgatan", "174 06", "maja.berg"} {
		require.NotContains(t, string(b), v)
	}

	var inst notification.InstallerInput
	require.NoError(t, json.Unmarshal([]byte(`{"company":"Elfirma AB","organisationNumber":"556016-0680",
		"authorisationNumber":"AL-1","contact":"Kim Larsson","phone":"042-490 00 00","email":"kim@elfirma.example"}`), &inst))
	section, err := notification.ParseInstaller(inst)
	require.NoError(t, err)
	require.Equal(t, "Kim Larsson", section.Contact.Reveal())
	require.Equal(t, "+46424900000", section.Phone.Reveal())
	b, err = json.Marshal(inst)
	require.NoError(t, err)
	require.Contains(t, string(b), "Elfirma AB", "the company's name is not personal data")
	require.NotContains(t, string(b), "Kim Larsson")
}

// TestCaseJSONNames pins the names of a case's JSON, which a service sends: the snapshot's
// fields with the form's sections inlined, so the keys are the paths that problems and reveals
// use.
func TestCaseJSONNames(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	require.Equal(t, []string{"attachments", "createdAt", "facility", "gridCompany", "handler", "history", "id",
		"installationType", "installer", "jobType", "justifications", "meterPlacement", "notes", "owner", "payer",
		"recipients", "sources", "status", "tombstones", "updatedAt", "version", "workDescription"}, keys)
	res := notification.SubmitResult{Case: c}
	b, err = json.Marshal(res)
	require.NoError(t, err)
	require.Contains(t, string(b), `"alreadySubmitted":false`)
	require.Contains(t, string(b), `"status":"awaiting-approval"`)
	require.NotContains(t, string(b), "Berg")
	saved := notification.SaveResult{Case: c, NotSent: true, Question: notification.Prompt{Swedish: "a", English: "b"}}
	b, err = json.Marshal(saved)
	require.NoError(t, err)
	require.Contains(t, string(b), `"notSent":true,"question":{"swedish":"a","english":"b"}`)
}
