package notification_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// TestPrivacyReveal checks the policy through Service.Reveal (GDPR art. 32, the grid
// company's instruction): who may see which fields in clear for which purpose, that the
// values shown are the ones set, and that every attempt, allowed or denied, is in the access
// log with actor, organisation, case, field paths, purpose and outcome — and no value.
func TestPrivacyReveal(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.create(t, installer, oresundJob)
	c = e.fill(t, installer, c, personMaja(), personOlof(), defaultData)
	maja, olof := personMaja(), personOlof()
	fields := []merge.Field{merge.OwnerPersonalNumber, merge.OwnerSurname, merge.OwnerEmail, merge.PayerPhone,
		merge.FacilityPropertyDesignation}
	want := map[string]string{
		"owner.personalNumber":         pinOf(t, maja).Reveal(),
		"owner.surname":                maja.Surname.Reveal(),
		"owner.email":                  maja.Email.Reveal(),
		"payer.phone":                  "+4673" + "1124578",
		"facility.propertyDesignation": defaultData.designation,
	}
	require.Equal(t, "198803200016", want["owner.personalNumber"])

	type attempt struct {
		name    string
		actor   privacy.Actor
		purpose privacy.Purpose
		submit  bool // submit the case before this attempt
		allowed bool
	}
	// The attempts run in order: the grid company is denied before the case is sent and
	// allowed after.
	attempts := []attempt{
		{"handler administers", installer, privacy.PurposeAdminister, false, true},
		{"handler sends", installer, privacy.PurposeSendToGridCompany, false, true},
		{"handler answers the data subject", installer, privacy.PurposeDataSubjectRequest, false, true},
		{"colleague administers", colleague, privacy.PurposeAdminister, false, true},
		{"colleague sends", colleague, privacy.PurposeSendToGridCompany, false, true},
		{"colleague may not answer the data subject", colleague, privacy.PurposeDataSubjectRequest, false, false},
		{"stranger company's installer", stranger, privacy.PurposeAdminister, false, false},
		{"handler's user ID in another organisation", strangerSameID, privacy.PurposeAdminister, false, false},
		{"stranger company's data-protection officer", strangerDPO, privacy.PurposeDataSubjectRequest, false, false},
		{"own data-protection officer answers the data subject", dpo, privacy.PurposeDataSubjectRequest, false, true},
		{"own data-protection officer may not administer", dpo, privacy.PurposeAdminister, false, false},
		{"grid company before the case is sent", gridCompany, privacy.PurposeSendToGridCompany, false, false},
		{"unknown purpose", installer, privacy.Purpose("marketing"), false, false},
		{"empty purpose", installer, privacy.Purpose(""), false, false},
		{"grid company after the case is sent", gridCompany, privacy.PurposeSendToGridCompany, true, true},
		{"grid company may not administer", gridCompany, privacy.PurposeAdminister, false, false},
		{"another grid company", otherGrid, privacy.PurposeSendToGridCompany, false, false},
		{"stranger after the case is sent", stranger, privacy.PurposeSendToGridCompany, false, false},
	}
	for i, a := range attempts {
		if a.submit {
			e.submit(t, installer, c)
		}
		before := e.log.Len()
		got, err := e.svc.Reveal(e.as(a.actor), c.ID(), a.purpose, fields...)
		if a.allowed {
			require.NoError(t, err, a.name)
			require.Equal(t, want, got.Values, a.name)
			require.Equal(t, c.ID(), got.CaseID, a.name)
			require.Equal(t, a.purpose, got.Purpose, a.name)
			require.Empty(t, got.Erased, a.name)
		} else {
			// An actor outside the organisations holding the case is told nothing, not even
			// that the case exists: the answer is the one for an unknown ID.
			holds := a.actor.Organisation == installer.Organisation ||
				(a.actor.Organisation == gridCompany.Organisation && e.stored(t, c.ID()).Sent())
			if holds {
				require.ErrorIs(t, err, privacy.ErrDenied, a.name)
			} else {
				require.ErrorIs(t, err, notification.ErrNotFound, a.name)
				require.NotErrorIs(t, err, privacy.ErrDenied, a.name)
			}
			require.Empty(t, got.Values, a.name)
			for _, v := range want {
				require.NotContains(t, err.Error(), v, a.name)
			}
		}
		// Exactly one new entry, describing this attempt.
		require.Equal(t, before+1, e.log.Len(), a.name)
		entries := e.log.Query(privacy.AccessQuery{})
		entry := entries[len(entries)-1]
		outcome := privacy.Denied
		if a.allowed {
			outcome = privacy.Allowed
		}
		require.Equal(t, privacy.AccessEntry{
			At: now, Actor: a.actor.ID, Organisation: a.actor.Organisation, CaseID: string(c.ID()),
			Fields:  []string{"owner.personalNumber", "owner.surname", "owner.email", "payer.phone", "facility.propertyDesignation"},
			Purpose: a.purpose, Outcome: outcome,
		}, entry, "attempt %d: %s", i, a.name)
	}

	// The whole log, as it would be kept, holds no personal value of either party.
	entries := e.log.Query(privacy.AccessQuery{CaseID: string(c.ID())})
	require.Len(t, entries, len(attempts))
	js, err := json.Marshal(entries)
	require.NoError(t, err)
	for _, v := range append(clearValues(t, maja), clearValues(t, olof)...) {
		require.NotContains(t, string(js), v)
	}
	require.NotContains(t, string(js), defaultData.designation)
}

// TestPrivacyRevealArguments checks the arguments Reveal refuses before asking the policy.
func TestPrivacyRevealArguments(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.create(t, installer, oresundJob)
	c = e.fill(t, installer, c, personMaja(), personOlof(), defaultData)
	tests := []struct {
		name   string
		ctx    context.Context
		id     notification.ID
		fields []merge.Field
		want   error
	}{
		{"non-personal field", e.as(installer), c.ID(), []merge.Field{merge.FacilityMeterNumber}, validate.ErrInvalid},
		{"facility ID", e.as(installer), c.ID(), []merge.Field{merge.OwnerSurname, merge.FacilityID}, validate.ErrInvalid},
		{"party kind", e.as(installer), c.ID(), []merge.Field{merge.OwnerKind}, validate.ErrInvalid},
		{"no fields", e.as(installer), c.ID(), nil, validate.ErrInvalid},
		{"unknown field", e.as(installer), c.ID(), []merge.Field{merge.Field(200)}, validate.ErrInvalid},
		{"no actor", context.Background(), c.ID(), []merge.Field{merge.OwnerSurname}, privacy.ErrNoActor},
		{"no such case", e.as(installer), notification.NewID(), []merge.Field{merge.OwnerSurname}, notification.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.svc.Reveal(tt.ctx, tt.id, privacy.PurposeAdminister, tt.fields...)
			require.ErrorIs(t, err, tt.want)
			require.Empty(t, got.Values)
		})
	}
	// None of these was a decision, so none was logged — but the attempt on a case that does
	// not exist, which is logged as denied, as an attempt on a case the actor may not see is.
	entries := e.log.Query(privacy.AccessQuery{})
	require.Len(t, entries, 1)
	require.Equal(t, privacy.Denied, entries[0].Outcome)
	require.Equal(t, installer.ID, entries[0].Actor)
	require.NotEqual(t, string(c.ID()), entries[0].CaseID)
}

// failingLog is an access log that cannot write.
type failingLog struct{ calls atomic.Int64 }

var errPvLogDown = errors.New("access log unavailable")

func (l *failingLog) Record(context.Context, privacy.AccessEntry) error {
	l.calls.Add(1)
	return errPvLogDown
}

// TestPrivacyRevealNeedsTheLog checks that a reveal whose access-log entry cannot be written
// does not happen: Reveal fails with the log's error and shows nothing.
func TestPrivacyRevealNeedsTheLog(t *testing.T) {
	t.Parallel()
	failing := &failingLog{}
	e := newEnv(t, notification.WithAccessLog(failing))
	c := e.create(t, installer, oresundJob)
	c = e.fill(t, installer, c, personMaja(), personOlof(), defaultData)
	for _, a := range []privacy.Actor{installer, stranger} {
		got, err := e.svc.Reveal(e.as(a), c.ID(), privacy.PurposeAdminister, merge.OwnerPersonalNumber, merge.OwnerSurname)
		require.ErrorIs(t, err, errPvLogDown)
		require.Equal(t, notification.Revealed{}, got)
	}
	require.Equal(t, int64(2), failing.calls.Load())
	// Exports and erasures go through the same log and stop too.
	_, err := e.svc.ExportPerson(e.as(dpo), pinOf(t, personMaja()))
	require.ErrorIs(t, err, errPvLogDown)
	res, err := e.svc.ErasePerson(e.as(dpo), pinOf(t, personMaja()))
	require.ErrorIs(t, err, errPvLogDown)
	require.Empty(t, res.Cases)
	require.Equal(t, personMaja().Surname.Reveal(), e.stored(t, c.ID()).Owner().Surname.Reveal(), "nothing was erased")
}

// TestPrivacyRevealCancelledContext checks that a reveal whose context has ended reveals
// nothing, whatever the policy and the log make of it.
func TestPrivacyRevealCancelledContext(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.create(t, installer, oresundJob)
	c = e.fill(t, installer, c, personMaja(), personOlof(), defaultData)
	ctx, cancel := context.WithCancel(e.as(installer))
	cancel()
	got, err := e.svc.Reveal(ctx, c.ID(), privacy.PurposeAdminister, merge.OwnerSurname)
	require.ErrorIs(t, err, context.Canceled)
	require.Empty(t, got.Values)
}

// TestPrivacyRevealErrorsNameNoValue checks that a denial says which rule refused and never
// what the data is.
func TestPrivacyRevealErrorsNameNoValue(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.create(t, installer, oresundJob)
	c = e.fill(t, installer, c, personMaja(), personOlof(), defaultData)
	_, err := e.svc.Reveal(e.as(stranger), c.ID(), privacy.PurposeAdminister, merge.OwnerPersonalNumber)
	require.ErrorIs(t, err, notification.ErrNotFound, "a stranger is not told the case exists")
	for _, v := range clearValues(t, personMaja()) {
		require.False(t, strings.Contains(err.Error(), v), "the answer names %q", v)
	}
	_, err = e.svc.Reveal(e.as(colleague), c.ID(), privacy.PurposeDataSubjectRequest, merge.OwnerPersonalNumber)
	require.ErrorIs(t, err, privacy.ErrDenied)
	msg := err.Error()
	for _, v := range clearValues(t, personMaja()) {
		require.False(t, strings.Contains(msg, v), "the denial names %q", v)
	}
}
