package notification_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/validate"
)

// TestEveryStepRefusesAStaleVersion checks that every step that changes the form or the
// status takes the version the caller last saw: from a stale version it fails with
// ErrConflict and changes nothing, from no version (0) it is a malformed call, and only a note
// may be added whatever the version (AnyVersion).
func TestEveryStepRefusesAStaleVersion(t *testing.T) {
	t.Parallel()
	steps := []struct {
		name  string
		setup func(t *testing.T, e env) *notification.Case // a case the step may be taken on
		step  func(e env, c *notification.Case, version int64) error
	}{
		{"FetchFacility", func(t *testing.T, e env) *notification.Case { return e.created(t) },
			func(e env, c *notification.Case, v int64) error {
				_, _, err := e.svc.FetchFacility(e.inst, c.ID(), v, notification.FetchRequest{MeterNumber: "M-20003"})
				return err
			}},
		{"ClearIdentifiers", func(t *testing.T, e env) *notification.Case { return e.complete(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.ClearIdentifiers(e.inst, c.ID(), v)
				return err
			}},
		{"CopyFromOwner", func(t *testing.T, e env) *notification.Case { return e.complete(t) },
			func(e env, c *notification.Case, v int64) error {
				_, _, err := e.svc.CopyFromOwner(e.inst, c.ID(), v)
				return err
			}},
		{"Save", func(t *testing.T, e env) *notification.Case { return e.complete(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.Save(e.inst, c.ID(), v, func(d *notification.Draft) error { return d.SetWorkDescription("Ny text.") })
				return err
			}},
		{"Submit", func(t *testing.T, e env) *notification.Case { return e.complete(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.Submit(e.inst, c.ID(), v)
				return err
			}},
		{"Approve", func(t *testing.T, e env) *notification.Case { return e.submitted(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.Approve(e.grid, c.ID(), v, "")
				return err
			}},
		{"Reject", func(t *testing.T, e env) *notification.Case { return e.submitted(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.Reject(e.grid, c.ID(), v, "Fel.")
				return err
			}},
		{"Return", func(t *testing.T, e env) *notification.Case { return e.submitted(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.Return(e.grid, c.ID(), v, "Komplettera.")
				return err
			}},
		{"NotifyCompletion", func(t *testing.T, e env) *notification.Case { return e.approved(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.NotifyCompletion(e.inst, c.ID(), v)
				return err
			}},
		{"Close", func(t *testing.T, e env) *notification.Case {
			c := e.approved(t)
			c, err := e.svc.NotifyCompletion(e.inst, c.ID(), c.Version())
			require.NoError(t, err)
			return c
		}, func(e env, c *notification.Case, v int64) error { _, err := e.svc.Close(e.grid, c.ID(), v); return err }},
		{"Cancel", func(t *testing.T, e env) *notification.Case { return e.submitted(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.Cancel(e.inst, c.ID(), v, "")
				return err
			}},
		{"Delete", func(t *testing.T, e env) *notification.Case { return e.created(t) },
			func(e env, c *notification.Case, v int64) error { return e.svc.Delete(e.inst, c.ID(), v) }},
		{"AddNote", func(t *testing.T, e env) *notification.Case { return e.created(t) },
			func(e env, c *notification.Case, v int64) error {
				_, err := e.svc.AddNote(e.inst, c.ID(), v, "Notering.")
				return err
			}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			c := s.setup(t, e)
			seen := c.Version()
			// Someone else changes the case: the caller's screen is stale.
			_, err := e.svc.AddNote(e.grid, c.ID(), notification.AnyVersion, "Någon annan skrev.")
			if err != nil { // the grid company does not see an unsent case; its installer writes
				_, err = e.svc.AddNote(e.as(colleague), c.ID(), notification.AnyVersion, "Någon annan skrev.")
			}
			require.NoError(t, err)
			before := e.stored(t, c.ID()).Snapshot()

			require.ErrorIs(t, s.step(e, c, seen), notification.ErrConflict, "from the stale version")
			require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()), "a refused step changed the case")
			require.ErrorIs(t, s.step(e, c, 0), validate.ErrInvalid, "without a version")
			require.ErrorIs(t, s.step(e, c, before.Version+7), notification.ErrConflict, "from a version never stored")
			if s.name != "AddNote" {
				require.ErrorIs(t, s.step(e, c, notification.AnyVersion), validate.ErrInvalid, "AnyVersion is for notes only")
			}
			require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()))

			// From the version as it is now, the step goes through.
			require.NoError(t, s.step(e, c, before.Version))
		})
	}
}

// TestSubmitRetryFromTheSameVersion: a double click sends the same version twice; the second
// answers AlreadySubmitted instead of a conflict, and changes nothing.
func TestSubmitRetryFromTheSameVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.complete(t)
	first, err := e.svc.Submit(e.inst, c.ID(), c.Version())
	require.NoError(t, err)
	require.False(t, first.AlreadySubmitted)
	before := e.stored(t, c.ID()).Snapshot()

	again, err := e.svc.Submit(e.inst, c.ID(), c.Version())
	require.NoError(t, err)
	require.True(t, again.AlreadySubmitted)
	require.Equal(t, first.Case.Version(), again.Case.Version())
	require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()))

	// Once anything else has happened since, the old version is stale like any other.
	_, err = e.svc.AddNote(e.grid, c.ID(), notification.AnyVersion, "Mottagen.")
	require.NoError(t, err)
	_, err = e.svc.Submit(e.inst, c.ID(), c.Version())
	require.ErrorIs(t, err, notification.ErrConflict)
	// A stranger learns nothing from a retry either.
	_, err = e.svc.Submit(e.otherInst, c.ID(), c.Version())
	require.ErrorIs(t, err, notification.ErrNotFound)
}
