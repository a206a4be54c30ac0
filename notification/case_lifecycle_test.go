package notification_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// lifecycle is the expected lifecycle, written out from the manual and DOMAIN.md rather than
// read from the package, so that a wrong row in the package's table shows.
var lifecycle = map[notification.Status]map[notification.Action]notification.Status{
	notification.NotSent: {
		notification.ActionSubmit: notification.AwaitingApproval,
		notification.ActionCancel: notification.Cancelled,
	},
	notification.Returned: {
		notification.ActionSubmit: notification.AwaitingApproval,
		notification.ActionCancel: notification.Cancelled,
	},
	notification.AwaitingApproval: {
		notification.ActionApprove: notification.Approved,
		notification.ActionReject:  notification.Rejected,
		notification.ActionReturn:  notification.Returned,
		notification.ActionCancel:  notification.Cancelled,
	},
	notification.Approved: {
		notification.ActionNotifyCompletion: notification.Completed,
		notification.ActionCancel:           notification.Cancelled,
	},
	notification.Completed: {
		notification.ActionClose:  notification.Closed,
		notification.ActionCancel: notification.Cancelled,
	},
	notification.Rejected:  {},
	notification.Closed:    {},
	notification.Cancelled: {},
}

// reasonRequired: rejecting and returning must say why.
var reasonRequired = map[notification.Action]bool{notification.ActionReject: true, notification.ActionReturn: true}

// sideOf is who takes each step.
var sideOf = map[notification.Action]notification.Side{
	notification.ActionSubmit:           notification.SideInstaller,
	notification.ActionNotifyCompletion: notification.SideInstaller,
	notification.ActionApprove:          notification.SideGridCompany,
	notification.ActionReject:           notification.SideGridCompany,
	notification.ActionReturn:           notification.SideGridCompany,
	notification.ActionClose:            notification.SideGridCompany,
	notification.ActionCancel:           notification.SideEither,
}

// take performs action a on c with the Case method for it; every reason-taking method gets
// reason. Submit uses an empty profile, so completeness is not in the way.
func take(c *notification.Case, a notification.Action, by privacy.Actor, at time.Time, reason string) (already bool, err error) {
	switch a {
	case notification.ActionSubmit:
		return c.Submit(validate.Profile{}, by, at)
	case notification.ActionApprove:
		return false, c.Approve(reason, by, at)
	case notification.ActionReject:
		return false, c.Reject(reason, by, at)
	case notification.ActionReturn:
		return false, c.Return(reason, by, at)
	case notification.ActionNotifyCompletion:
		return false, c.NotifyCompletion(by, at)
	case notification.ActionClose:
		return false, c.Close(by, at)
	case notification.ActionCancel:
		return false, c.Cancel(reason, by, at)
	}
	panic("test: unknown action " + a.String())
}

// actorFor returns the actor on the side that takes a.
func actorFor(a notification.Action) privacy.Actor {
	if sideOf[a] == notification.SideGridCompany {
		return gridCompany
	}
	return installer
}

func TestStatusesAndActionsAreComplete(t *testing.T) {
	t.Parallel()
	require.Len(t, notification.Statuses(), len(lifecycle), "a status is missing from the test's lifecycle or from Statuses()")
	for _, s := range notification.Statuses() {
		_, ok := lifecycle[s]
		require.True(t, ok, "status %v is not in the test's lifecycle", s)
		require.True(t, s.Valid())
	}
	require.Len(t, notification.Actions(), len(sideOf))
	require.False(t, notification.StatusNone.Valid())
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	at := now.Add(time.Hour)
	for _, s := range notification.Statuses() {
		for _, a := range notification.Actions() {
			to, legal := lifecycle[s][a]
			t.Run(s.Code()+"/"+a.String(), func(t *testing.T) {
				t.Parallel()
				c := caseIn(t, s)
				before := c.Snapshot()
				by := actorFor(a)
				already, err := take(c, a, by, at, "  Skäl: fel säkringsstorlek.  ")

				switch {
				case s == notification.AwaitingApproval && a == notification.ActionSubmit:
					// A retried click: no error, no change, no history row.
					require.NoError(t, err)
					require.True(t, already)
					requireUnchanged(t, before, c)
				case legal:
					require.NoError(t, err)
					require.False(t, already)
					require.Equal(t, to, c.Status())
					wantReason := ""
					if a != notification.ActionSubmit && a != notification.ActionNotifyCompletion && a != notification.ActionClose {
						wantReason = "Skäl: fel säkringsstorlek." // trimmed
					}
					require.Equal(t, []notification.StatusChange{{
						From: s, To: to, Action: a, By: by.ID, At: at, Reason: privacy.NewText(wantReason),
					}}, c.History())
					after := c.Snapshot()
					if a == notification.ActionSubmit {
						// Sending is a disclosure to the grid company, recorded as such.
						require.Equal(t, []notification.Recipient{{GridCompany: c.GridCompany(), At: at}}, after.Recipients)
						after.Recipients = before.Recipients
					}
					after.Status, after.History = before.Status, before.History
					require.Empty(t, snapDiff(before, after), "the step changed more than status and history")
				default:
					require.ErrorIs(t, err, notification.ErrInvalidTransition)
					var te *notification.TransitionError
					require.ErrorAs(t, err, &te)
					target := map[notification.Action]notification.Status{
						notification.ActionSubmit: notification.AwaitingApproval, notification.ActionApprove: notification.Approved,
						notification.ActionReject: notification.Rejected, notification.ActionReturn: notification.Returned,
						notification.ActionNotifyCompletion: notification.Completed, notification.ActionClose: notification.Closed,
						notification.ActionCancel: notification.Cancelled,
					}[a]
					require.Equal(t, notification.TransitionError{Action: a, From: s, To: target}, *te)
					msg := err.Error()
					assert.Contains(t, msg, target.String(), "the message names the state the step leads to")
					assert.Contains(t, msg, a.String(), "the message names the action")
					assert.Contains(t, msg, s.String(), "the message names the status")
					assert.Contains(t, te.Swedish(), s.Swedish(), "the Swedish message names the status in Swedish")
					assert.Contains(t, te.Swedish(), target.Swedish(), "the Swedish message names where the step leads")
					assert.Contains(t, te.Swedish(), a.Swedish(), "the Swedish message names the action")
					require.False(t, already)
					requireUnchanged(t, before, c)
				}
			})
		}
	}
}

func TestTransitionsTable(t *testing.T) {
	t.Parallel()
	rows := notification.Transitions()
	var n int
	for _, tr := range rows {
		to, ok := lifecycle[tr.From][tr.Action]
		require.True(t, ok, "the table allows %v from %v", tr.Action, tr.From)
		assert.Equal(t, to, tr.To, "%v from %v", tr.Action, tr.From)
		assert.Equal(t, reasonRequired[tr.Action], tr.ReasonRequired, "ReasonRequired of %v", tr.Action)
		assert.Equal(t, sideOf[tr.Action], tr.By, "side of %v", tr.Action)
	}
	for _, m := range lifecycle {
		n += len(m)
	}
	require.Len(t, rows, n, "the table has missing or duplicate rows")

	// Final statuses are exactly those with no way out.
	for s, m := range lifecycle {
		assert.Equal(t, len(m) == 0, s.Final(), "Final(%v)", s)
	}

	// The table is the caller's copy.
	rows[0].To = notification.Closed
	require.NotEqual(t, notification.Closed, notification.Transitions()[0].To)
}

func TestLifecycle_reasonRequired(t *testing.T) {
	t.Parallel()
	for _, a := range []notification.Action{notification.ActionReject, notification.ActionReturn} {
		for _, reason := range []string{"", "   ", "\t\n"} {
			c := caseIn(t, notification.AwaitingApproval)
			before := c.Snapshot()
			_, err := take(c, a, gridCompany, now, reason)
			require.ErrorIs(t, err, notification.ErrReasonRequired, "%v with reason %q", a, reason)
			requireUnchanged(t, before, c)
		}
	}
	// Approve's conditions and Cancel's reason are optional.
	c := caseIn(t, notification.AwaitingApproval)
	require.NoError(t, c.Approve("", gridCompany, now))
	require.NoError(t, c.Cancel("", installer, now))

	// A reason longer than 4000 characters is refused, and the case is unchanged.
	c = caseIn(t, notification.AwaitingApproval)
	before := c.Snapshot()
	require.ErrorIs(t, c.Reject(strings.Repeat("å", 4001), gridCompany, now), validate.ErrInvalid)
	requireUnchanged(t, before, c)
	require.NoError(t, c.Reject(strings.Repeat("å", 4000), gridCompany, now))
}

func TestLifecycle_wholeLifeHistory(t *testing.T) {
	t.Parallel()
	c := draft(t)
	steps := []struct {
		a      notification.Action
		by     privacy.Actor
		reason string
		to     notification.Status
	}{
		{notification.ActionSubmit, installer, "", notification.AwaitingApproval},
		{notification.ActionReturn, gridCompany, "Situationsplan saknas.", notification.Returned},
		{notification.ActionSubmit, installer, "", notification.AwaitingApproval},
		{notification.ActionApprove, gridCompany, "Mätarskåp på fasad.", notification.Approved},
		{notification.ActionNotifyCompletion, installer, "", notification.Completed},
		{notification.ActionClose, gridCompany, "", notification.Closed},
	}
	var want []notification.StatusChange
	from := notification.NotSent
	for i, s := range steps {
		at := now.Add(time.Duration(i+1) * time.Hour)
		_, err := take(c, s.a, s.by, at, s.reason)
		require.NoError(t, err, "step %d: %v", i, s.a)
		want = append(want, notification.StatusChange{From: from, To: s.to, Action: s.a, By: s.by.ID, At: at, Reason: privacy.NewText(s.reason)})
		from = s.to
	}
	require.Equal(t, want, c.History())
	require.True(t, c.Status().Final())

	// History hands out a copy.
	h := c.History()
	h[0].By = "someone-else"
	require.Equal(t, installer.ID, c.History()[0].By)
}

func TestSubmit_alreadyAwaitingApproval(t *testing.T) {
	t.Parallel()
	c := draft(t)
	already, err := c.Submit(validate.Profile{}, installer, now)
	require.NoError(t, err)
	require.False(t, already)
	before := c.Snapshot()

	// Even with a profile the case does not meet, a retried submit is a quiet no-op.
	profile, err := validate.NewProfile("workDescription")
	require.NoError(t, err)
	already, err = c.Submit(profile, installer, now.Add(time.Minute))
	require.NoError(t, err)
	require.True(t, already)
	requireUnchanged(t, before, c)
	require.Len(t, c.History(), 1)
}

func TestSubmit_incomplete(t *testing.T) {
	t.Parallel()
	for _, s := range []notification.Status{notification.NotSent, notification.Returned} {
		c := caseIn(t, s)
		before := c.Snapshot()
		profile, err := validate.NewProfile("workDescription", "owner.identity", "facility.meterNumber")
		require.NoError(t, err)
		_, err = c.Submit(profile, installer, now)
		require.ErrorIs(t, err, validate.ErrIncomplete)
		var inc *validate.IncompleteError
		require.ErrorAs(t, err, &inc)
		var paths []string
		for _, p := range inc.Problems {
			paths = append(paths, p.Path)
		}
		// caseIn has a meter number, so only the other two are missing.
		require.Equal(t, []string{"workDescription", "owner.identity"}, paths)
		requireUnchanged(t, before, c)

		edit(t, c, func(d *notification.Draft) error { return d.SetWorkDescription("Byte av mätarskåp.") })
		_, err = c.Submit(profile, installer, now)
		require.ErrorIs(t, err, validate.ErrIncomplete, "owner.identity is still missing")
	}
}

func TestCheckDeletable(t *testing.T) {
	t.Parallel()
	for _, s := range notification.Statuses() {
		err := caseIn(t, s).CheckDeletable()
		if s == notification.NotSent {
			require.NoError(t, err)
			continue
		}
		require.ErrorIs(t, err, notification.ErrNotDeletable, "status %v", s)
		require.Contains(t, err.Error(), s.String())
	}
}

func TestTransitionError(t *testing.T) {
	t.Parallel()
	err := error(&notification.TransitionError{Action: notification.ActionApprove, From: notification.NotSent, To: notification.Approved})
	require.ErrorIs(t, err, notification.ErrInvalidTransition)
	require.NotErrorIs(t, err, notification.ErrNotEditable)
	require.Equal(t, `notification: cannot approve a case that is not sent: the step leads to approved only from another status`, err.Error())
	var sv interface{ Swedish() string }
	require.ErrorAs(t, err, &sv)
	require.Equal(t, `Det går inte att godkänna ett ärende som är "Ej skickat": steget leder till "Godkänd" bara från en annan status.`, sv.Swedish())
	require.False(t, errors.Is(notification.ErrInvalidTransition, notification.ErrNotFound))
}

func FuzzActionUnmarshalText(f *testing.F) {
	seeds := []string{"Submit", "submit ", "notify completion of", "notify_completion", "Action(9)", "skicka"}
	for _, a := range notification.Actions() {
		seeds = append(seeds, a.Code(), a.String(), a.Swedish())
	}
	fuzzAddBytes(f, seeds...)
	f.Fuzz(func(t *testing.T, b []byte) {
		a := notification.ActionClose // an error must leave the value alone
		if err := a.UnmarshalText(b); err != nil {
			if !errors.Is(err, validate.ErrInvalid) || a != notification.ActionClose {
				t.Fatalf("error %v does not match validate.ErrInvalid, or the action changed to %d", err, uint8(a))
			}
			return
		}
		text, err := a.MarshalText()
		if err != nil || string(text) != string(b) || a.Code() != string(b) {
			t.Fatalf("MarshalText = %q, %v; want the accepted input %q", text, err, b)
		}
	})
}
