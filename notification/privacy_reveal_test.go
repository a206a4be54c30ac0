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
)

// TestPrivacyReveal checks the policy through Service.Reveal (GDPR art. 32, the grid
// company's instruction): who may see which fields in clear for which purpose, that the
// values shown are the ones set, and that every attempt, allowed or denied, is in the access
// log with actor, organisation, case, field paths, purpose and outcome — and no value.
func TestPrivacyReveal(t *testing.T) {
	t.Parallel()
	e := pvNewEnv(t)
	c := e.create(t, pvHandler, pvOresundJob)
	c = e.fill(t, pvHandler, c, pvMaja(), pvOlof(), pvDefaultData)
	maja, olof := pvMaja(), pvOlof()
	fields := []merge.Field{merge.OwnerPersonalNumber, merge.OwnerSurname, merge.OwnerEmail, merge.PayerPhone,
		merge.FacilityPropertyDesignation}
	want := map[string]string{
		"owner.personalNumber":         pvPIN(t, maja).Reveal(),
		"owner.surname":                maja.Surname,
		"owner.email":                  maja.Email,
		"payer.phone":                  "+4673" + "1124578",
		"facility.propertyDesignation": pvDefaultData.designation,
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
		{"handler administers", pvHandler, privacy.PurposeAdminister, false, true},
		{"handler sends", pvHandler, privacy.PurposeSendToGridCompany, false, true},
		{"handler answers the data subject", pvHandler, privacy.PurposeDataSubjectRequest, false, true},
		{"colleague administers", pvColleague, privacy.PurposeAdminister, false, true},
		{"colleague sends", pvColleague, privacy.PurposeSendToGridCompany, false, true},
		{"colleague may not answer the data subject", pvColleague, privacy.PurposeDataSubjectRequest, false, false},
		{"stranger company's installer", pvStranger, privacy.PurposeAdminister, false, false},
		{"handler's user ID in another organisation", pvStrangerHandler, privacy.PurposeAdminister, false, false},
		{"stranger company's data-protection officer", pvStrangerDPO, privacy.PurposeDataSubjectRequest, false, false},
		{"own data-protection officer answers the data subject", pvDPO, privacy.PurposeDataSubjectRequest, false, true},
		{"own data-protection officer may not administer", pvDPO, privacy.PurposeAdminister, false, false},
		{"grid company before the case is sent", pvOresund, privacy.PurposeSendToGridCompany, false, false},
		{"unknown purpose", pvHandler, privacy.Purpose("marketing"), false, false},
		{"empty purpose", pvHandler, privacy.Purpose(""), false, false},
		{"grid company after the case is sent", pvOresund, privacy.PurposeSendToGridCompany, true, true},
		{"grid company may not administer", pvOresund, privacy.PurposeAdminister, false, false},
		{"another grid company", pvKustnat, privacy.PurposeSendToGridCompany, false, false},
		{"stranger after the case is sent", pvStranger, privacy.PurposeSendToGridCompany, false, false},
	}
	for i, a := range attempts {
		if a.submit {
			e.submit(t, pvHandler, c.ID())
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
			require.ErrorIs(t, err, privacy.ErrDenied, a.name)
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
			At: pvStart, Actor: a.actor.ID, Organisation: a.actor.Organisation, CaseID: string(c.ID()),
			Fields:  []string{"owner.personalNumber", "owner.surname", "owner.email", "payer.phone", "facility.propertyDesignation"},
			Purpose: a.purpose, Outcome: outcome,
		}, entry, "attempt %d: %s", i, a.name)
	}

	// The whole log, as it would be kept, holds no personal value of either party.
	entries := e.log.Query(privacy.AccessQuery{CaseID: string(c.ID())})
	require.Len(t, entries, len(attempts))
	js, err := json.Marshal(entries)
	require.NoError(t, err)
	for _, v := range append(pvClearValues(t, maja), pvClearValues(t, olof)...) {
		require.NotContains(t, string(js), v)
	}
	require.NotContains(t, string(js), pvDefaultData.designation)
}

// TestPrivacyRevealArguments checks the arguments Reveal refuses before asking the policy.
func TestPrivacyRevealArguments(t *testing.T) {
	t.Parallel()
	e := pvNewEnv(t)
	c := e.create(t, pvHandler, pvOresundJob)
	c = e.fill(t, pvHandler, c, pvMaja(), pvOlof(), pvDefaultData)
	tests := []struct {
		name   string
		ctx    context.Context
		id     notification.ID
		fields []merge.Field
		want   error
	}{
		{"non-personal field", e.as(pvHandler), c.ID(), []merge.Field{merge.FacilityMeterNumber}, notification.ErrInvalidArgument},
		{"facility ID", e.as(pvHandler), c.ID(), []merge.Field{merge.OwnerSurname, merge.FacilityID}, notification.ErrInvalidArgument},
		{"party kind", e.as(pvHandler), c.ID(), []merge.Field{merge.OwnerKind}, notification.ErrInvalidArgument},
		{"no fields", e.as(pvHandler), c.ID(), nil, notification.ErrInvalidArgument},
		{"unknown field", e.as(pvHandler), c.ID(), []merge.Field{merge.Field(200)}, notification.ErrInvalidArgument},
		{"no actor", context.Background(), c.ID(), []merge.Field{merge.OwnerSurname}, privacy.ErrNoActor},
		{"no such case", e.as(pvHandler), notification.NewID(), []merge.Field{merge.OwnerSurname}, notification.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.svc.Reveal(tt.ctx, tt.id, privacy.PurposeAdminister, tt.fields...)
			require.ErrorIs(t, err, tt.want)
			require.Empty(t, got.Values)
		})
	}
	// None of these was a decision, so none was logged.
	require.Zero(t, e.log.Len())
}

// pvFailingLog is an access log that cannot write.
type pvFailingLog struct{ calls atomic.Int64 }

var errPvLogDown = errors.New("access log unavailable")

func (l *pvFailingLog) Record(context.Context, privacy.AccessEntry) error {
	l.calls.Add(1)
	return errPvLogDown
}

// TestPrivacyRevealNeedsTheLog checks that a reveal whose access-log entry cannot be written
// does not happen: Reveal fails with the log's error and shows nothing.
func TestPrivacyRevealNeedsTheLog(t *testing.T) {
	t.Parallel()
	failing := &pvFailingLog{}
	e := pvNewEnv(t, notification.WithAccessLog(failing))
	c := e.create(t, pvHandler, pvOresundJob)
	c = e.fill(t, pvHandler, c, pvMaja(), pvOlof(), pvDefaultData)
	for _, a := range []privacy.Actor{pvHandler, pvStranger} {
		got, err := e.svc.Reveal(e.as(a), c.ID(), privacy.PurposeAdminister, merge.OwnerPersonalNumber, merge.OwnerSurname)
		require.ErrorIs(t, err, errPvLogDown)
		require.Equal(t, notification.Revealed{}, got)
	}
	require.Equal(t, int64(2), failing.calls.Load())
	// Exports and erasures go through the same log and stop too.
	_, err := e.svc.ExportPerson(e.as(pvDPO), pvPIN(t, pvMaja()))
	require.ErrorIs(t, err, errPvLogDown)
	res, err := e.svc.ErasePerson(e.as(pvDPO), pvPIN(t, pvMaja()))
	require.ErrorIs(t, err, errPvLogDown)
	require.Empty(t, res.Cases)
	require.Equal(t, pvMaja().Surname, e.stored(t, c.ID()).Owner().Surname.Reveal(), "nothing was erased")
}

// TestPrivacyRevealCancelledContext checks that a reveal whose context has ended reveals
// nothing, whatever the policy and the log make of it.
func TestPrivacyRevealCancelledContext(t *testing.T) {
	t.Parallel()
	e := pvNewEnv(t)
	c := e.create(t, pvHandler, pvOresundJob)
	c = e.fill(t, pvHandler, c, pvMaja(), pvOlof(), pvDefaultData)
	ctx, cancel := context.WithCancel(e.as(pvHandler))
	cancel()
	got, err := e.svc.Reveal(ctx, c.ID(), privacy.PurposeAdminister, merge.OwnerSurname)
	require.ErrorIs(t, err, context.Canceled)
	require.Empty(t, got.Values)
}

// TestPrivacyRevealErrorsNameNoValue checks that a denial says which rule refused and never
// what the data is.
func TestPrivacyRevealErrorsNameNoValue(t *testing.T) {
	t.Parallel()
	e := pvNewEnv(t)
	c := e.create(t, pvHandler, pvOresundJob)
	c = e.fill(t, pvHandler, c, pvMaja(), pvOlof(), pvDefaultData)
	_, err := e.svc.Reveal(e.as(pvStranger), c.ID(), privacy.PurposeAdminister, merge.OwnerPersonalNumber)
	require.ErrorIs(t, err, privacy.ErrDenied)
	msg := err.Error()
	for _, v := range pvClearValues(t, pvMaja()) {
		require.False(t, strings.Contains(msg, v), "the denial names %q", v)
	}
}
