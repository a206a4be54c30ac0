package notification_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// feed returns the whole feed actor a may see. On a SQL store an event may show a moment
// after its commit (see sqlstore.Store.Events), so the feed is read until it stops growing.
func feed(t *testing.T, e env, a privacy.Actor) []notification.Event {
	t.Helper()
	e.settle(t)
	return feedOnce(t, e, a)
}

func feedOnce(t *testing.T, e env, a privacy.Actor) []notification.Event {
	t.Helper()
	var out []notification.Event
	var after int64
	for {
		page, err := e.svc.Events(e.as(a), after, 3)
		require.NoError(t, err)
		if len(page.Events) == 0 {
			require.Equal(t, after, page.Next, "an empty page keeps the cursor")
			return out
		}
		out = append(out, page.Events...)
		after = page.Next
	}
}

// TestEveryStepRecordsItsEvent follows a case through the manual and checks that each step
// recorded exactly its event, with the status before and after, the version it made, the side
// that acted, and whether the case was sent; a step that fails records none.
func TestEveryStepRecordsItsEvent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.complete(t) // created, fetched, saved, copied from owner
	c, err := e.svc.AddNote(e.inst, c.ID(), c.Version(), "Ring före besök.")
	require.NoError(t, err)
	_, err = e.svc.Approve(e.grid, c.ID(), c.Version(), "") // refused: not sent
	require.Error(t, err)
	_, err = e.svc.Submit(e.inst, c.ID(), c.Version()-1) // refused: stale
	require.ErrorIs(t, err, notification.ErrConflict)
	res, err := e.svc.Submit(e.inst, c.ID(), c.Version())
	require.NoError(t, err)
	c = res.Case
	c, err = e.svc.Return(e.grid, c.ID(), c.Version(), "Komplettera med situationsplan.")
	require.NoError(t, err)
	saved, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		return d.AddAttachment(notification.Attachment{Kind: notification.SitePlanAttachment, Name: privacy.NewText("plan.pdf")})
	})
	require.NoError(t, err)
	res, err = e.svc.Submit(e.inst, saved.Case.ID(), saved.Case.Version())
	require.NoError(t, err)
	c, err = e.svc.Approve(e.grid, res.Case.ID(), res.Case.Version(), "Mätarskåp mot gatan.")
	require.NoError(t, err)
	c, err = e.svc.AddNote(e.grid, c.ID(), notification.AnyVersion, "Vi kommer på tisdag.")
	require.NoError(t, err)
	c, err = e.svc.NotifyCompletion(e.inst, c.ID(), c.Version())
	require.NoError(t, err)
	c, err = e.svc.Close(e.grid, c.ID(), c.Version())
	require.NoError(t, err)

	type step struct {
		typ      notification.EventType
		from, to notification.Status
		by       notification.Side
		sent     bool
	}
	S, A, Ap, Re, Co, Cl := notification.NotSent, notification.AwaitingApproval, notification.Approved,
		notification.Returned, notification.Completed, notification.Closed
	inst, grid := notification.SideInstaller, notification.SideGridCompany
	want := []step{
		{notification.EventCreated, S, S, inst, false},
		{notification.EventFacilityFetched, S, S, inst, false},
		{notification.EventSaved, S, S, inst, false},
		{notification.EventSaved, S, S, inst, false}, // Kopiera från ägare
		{notification.EventNoteAdded, S, S, inst, false},
		{notification.EventSubmitted, S, A, inst, true},
		{notification.EventReturned, A, Re, grid, true},
		{notification.EventAttachmentAdded, Re, Re, inst, true},
		{notification.EventSaved, Re, Re, inst, true},
		{notification.EventSubmitted, Re, A, inst, true},
		{notification.EventApproved, A, Ap, grid, true},
		{notification.EventNoteAdded, Ap, Ap, grid, true},
		{notification.EventCompletionNotified, Ap, Co, inst, true},
		{notification.EventClosed, Co, Cl, grid, true},
	}
	got := feed(t, e, installer)
	require.Len(t, got, len(want))
	ids := map[string]bool{}
	for i, ev := range got {
		require.Equal(t, want[i], step{ev.Type, ev.From, ev.To, ev.By, ev.Sent}, "event %d", i)
		require.Equal(t, c.ID(), ev.CaseID)
		require.Equal(t, "oresundskraft", ev.GridCompany)
		require.Equal(t, installer.Organisation, ev.Installer)
		require.False(t, ev.At.IsZero(), "event %d has no time", i)
		require.False(t, ids[ev.ID], "event ID %s twice", ev.ID)
		ids[ev.ID] = true
		if i > 0 {
			require.GreaterOrEqual(t, ev.Version, got[i-1].Version)
		}
	}
	require.Equal(t, int64(1), got[0].Version)
	require.Equal(t, c.Version(), got[len(got)-1].Version, "the last event is at the case's version")
	require.True(t, got[10].Conditions, "the approval came with conditions")
	require.Equal(t, 0, got[4].Note)
	require.Equal(t, 1, got[11].Note, "the grid company's note is the case's second")
}

// TestEventFeedShowsWhatTheActorMaySee: the installer company sees all its cases' events, the
// grid company only those from the sending on, of its own cases; others see nothing.
func TestEventFeedShowsWhatTheActorMaySee(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)
	_ = e.created(t) // another case, never sent
	inst := feed(t, e, installer)
	grid := feed(t, e, gridCompany)
	require.Len(t, inst, 5+1)
	require.Len(t, grid, 1, "the grid company sees the case from the submission on")
	require.Equal(t, notification.EventSubmitted, grid[0].Type)
	require.Equal(t, c.ID(), grid[0].CaseID)
	for _, a := range []privacy.Actor{otherInstaller, otherGrid, dpo} {
		require.Empty(t, feed(t, e, a), a.ID)
	}
	_, err := e.svc.Events(e.noActor, 0, 0)
	require.ErrorIs(t, err, privacy.ErrNoActor)
	_, err = e.svc.Events(e.inst, -1, 0)
	require.Error(t, err)
	// The feed's JSON is stable and names no person.
	page, err := e.svc.Events(e.grid, 0, 0)
	require.NoError(t, err)
	b, err := json.Marshal(page)
	require.NoError(t, err)
	require.Contains(t, string(b), `"type":"submitted"`)
	require.Contains(t, string(b), `"from":"not-sent","to":"awaiting-approval"`)
	require.Contains(t, string(b), `"by":"installer"`)
}

// TestErasureAndPurgeRecordEvents: the data subject's erasure and the retention purge are
// changes too, recorded without the data erased.
func TestErasureAndPurgeRecordEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.fill(t, installer, e.create(t, installer, oresundJob), personMaja(), personOlof(), defaultData)
	_, err := e.svc.ErasePerson(e.as(dpo), pinOf(t, personMaja()))
	require.NoError(t, err)
	events := feed(t, e, installer)
	last := events[len(events)-1]
	require.Equal(t, notification.EventPersonalDataErased, last.Type)
	require.Equal(t, notification.SideInstaller, last.By, "the installer company's data-protection officer acted")
	require.Equal(t, e.stored(t, c.ID()).Version(), last.Version)
	b, err := json.Marshal(last)
	require.NoError(t, err)
	for _, v := range clearValues(t, personMaja()) {
		require.NotContains(t, string(b), v)
	}
}
