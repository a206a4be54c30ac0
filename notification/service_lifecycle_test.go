package notification_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

func TestServiceSave(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)

	res, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		return d.SetWorkDescription("Byte av mätarskåp.")
	})
	require.NoError(t, err)
	require.Equal(t, int64(2), res.Case.Version())
	require.Equal(t, "Byte av mätarskåp.", res.Case.WorkDescription().Reveal())
	require.True(t, res.Case.UpdatedAt().Equal(now))
	// "Spara" on an unsent case asks the manual's question.
	require.True(t, res.NotSent)
	require.Equal(t, "Ärendet har inte skickats för godkännande. Vill du göra detta nu?", res.Question.Swedish)
	require.NotEmpty(t, res.Question.English)
	require.Empty(t, snapDiff(res.Case.Snapshot(), e.stored(t, c.ID()).Snapshot()))

	// Saving from the version before that is a conflict, and the first save is kept.
	_, err = e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		return d.SetWorkDescription("Från en gammal flik.")
	})
	require.ErrorIs(t, err, notification.ErrConflict)
	require.Equal(t, "Byte av mätarskåp.", e.stored(t, c.ID()).WorkDescription().Reveal())
	require.Equal(t, int64(2), e.stored(t, c.ID()).Version())
}

func TestServiceSave_refused(t *testing.T) {
	t.Parallel()
	boom := errors.New("the form is not valid")
	tests := []struct {
		name    string
		version func(c *notification.Case) int64
		edit    func(c *notification.Draft) error
		target  error
	}{
		{"edit fails after a partial change", nil, func(d *notification.Draft) error {
			if err := d.SetWorkDescription("halvvägs"); err != nil {
				return err
			}
			return boom
		}, boom},
		{"no version", func(*notification.Case) int64 { return 0 }, func(*notification.Draft) error { return nil }, validate.ErrInvalid},
		{"a future version", func(c *notification.Case) int64 { return c.Version() + 1 }, func(*notification.Draft) error { return nil }, notification.ErrConflict},
		{"placement Öresundskraft does not offer", nil, func(d *notification.Draft) error {
			return d.SetMeterPlacement("roof-top", "")
		}, catalog.ErrNotOffered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			c := e.created(t)
			before := e.stored(t, c.ID()).Snapshot()
			v := c.Version()
			if tt.version != nil {
				v = tt.version(c)
			}
			_, err := e.svc.Save(e.inst, c.ID(), v, tt.edit)
			require.ErrorIs(t, err, tt.target)
			require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()), "a refused save changed the case")
		})
	}
	t.Run("placement Kustnät does not offer", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		c, err := e.svc.Create(e.inst, notification.CreateRequest{GridCompany: "kustnat", InstallationType: catalog.NewFacility, JobType: "villa", Area: "KU1"})
		require.NoError(t, err)
		_, err = e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
			return d.SetMeterPlacement(catalog.ElectricalRoom, "")
		})
		require.ErrorIs(t, err, catalog.ErrNotOffered)
		require.Contains(t, err.Error(), "meter placement")
		_, err = e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
			return d.SetMeterPlacement(catalog.CableCabinet, "")
		})
		require.NoError(t, err)
	})
	t.Run("case sent", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		c := e.submitted(t)
		_, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error { return nil })
		require.ErrorIs(t, err, notification.ErrNotEditable)
		_, err = e.svc.Save(e.grid, c.ID(), c.Version(), func(d *notification.Draft) error { return nil })
		require.ErrorIs(t, err, notification.ErrForbidden)
	})
}

func TestServiceSubmit_incomplete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	_, _, err := e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20003"})
	require.NoError(t, err)
	want, err := e.svc.Check(e.inst, c.ID())
	require.NoError(t, err)
	require.NotEmpty(t, want)
	before := e.stored(t, c.ID()).Snapshot()

	res, err := e.svc.Submit(e.inst, c.ID(), e.version(t, c.ID()))
	require.ErrorIs(t, err, validate.ErrIncomplete)
	var inc *validate.IncompleteError
	require.ErrorAs(t, err, &inc)
	require.Equal(t, want, inc.Problems, "Submit and Check disagree on what is missing")
	require.Nil(t, res.Case)
	require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()), "a refused submit stored something")

	// The grid company still cannot see it.
	_, err = e.svc.Get(e.grid, c.ID())
	require.ErrorIs(t, err, notification.ErrNotFound)
}

func TestServiceSubmit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.complete(t)

	res, err := e.svc.Submit(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.False(t, res.AlreadySubmitted)
	require.Equal(t, notification.AwaitingApproval, res.Case.Status())
	require.Equal(t, c.Version()+1, res.Case.Version())
	require.Equal(t, []notification.StatusChange{{
		From: notification.NotSent, To: notification.AwaitingApproval, Action: notification.ActionSubmit, By: installer.ID, At: now,
	}}, res.Case.History())
	stored := e.stored(t, c.ID()).Snapshot()
	require.Empty(t, snapDiff(res.Case.Snapshot(), stored))

	// A retried click: nothing changes, nothing is stored again.
	again, err := e.svc.Submit(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.True(t, again.AlreadySubmitted)
	require.Equal(t, res.Case.Version(), again.Case.Version())
	require.Empty(t, snapDiff(stored, e.stored(t, c.ID()).Snapshot()))

	// Saving is over; a grid company cannot submit.
	_, err = e.svc.Submit(e.grid, c.ID(), e.version(t, c.ID()))
	require.ErrorIs(t, err, notification.ErrForbidden)
}

func TestServiceVisibility(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.complete(t)

	// "Ej skickat": the grid company does not see the case at all.
	_, err := e.svc.Get(e.grid, c.ID())
	require.ErrorIs(t, err, notification.ErrNotFound)
	_, err = e.svc.Approve(e.grid, c.ID(), e.version(t, c.ID()), "")
	require.ErrorIs(t, err, notification.ErrNotFound)
	_, err = e.svc.AddNote(e.grid, c.ID(), notification.AnyVersion, "Hej")
	require.ErrorIs(t, err, notification.ErrNotFound)
	_, err = e.svc.Check(e.grid, c.ID())
	require.ErrorIs(t, err, notification.ErrNotFound)

	_, err = e.svc.Submit(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	got, err := e.svc.Get(e.grid, c.ID())
	require.NoError(t, err)
	require.Equal(t, notification.AwaitingApproval, got.Status())

	// Strangers never see it, and learn nothing from the error.
	for name, ctx := range map[string]context.Context{"another grid company": e.otherGrid, "another installer company": e.otherInst} {
		_, err := e.svc.Get(ctx, c.ID())
		require.ErrorIs(t, err, notification.ErrNotFound, name)
		_, err = e.svc.Cancel(ctx, c.ID(), e.version(t, c.ID()), "")
		require.ErrorIs(t, err, notification.ErrNotFound, name)
		_, err = e.svc.Get(ctx, notification.NewID())
		require.ErrorIs(t, err, notification.ErrNotFound, name)
	}
}

func TestServiceApprove(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)

	_, err := e.svc.Approve(e.inst, c.ID(), e.version(t, c.ID()), "")
	require.ErrorIs(t, err, notification.ErrForbidden, "an installer approved their own case")
	require.Equal(t, notification.AwaitingApproval, e.stored(t, c.ID()).Status())

	got, err := e.svc.Approve(e.grid, c.ID(), e.version(t, c.ID()), "Mätarskåp på fasad mot gatan.")
	require.NoError(t, err)
	require.Equal(t, notification.Approved, got.Status())
	require.Equal(t, notification.StatusChange{
		From: notification.AwaitingApproval, To: notification.Approved, Action: notification.ActionApprove,
		By: gridCompany.ID, At: now, Reason: privacy.NewText("Mätarskåp på fasad mot gatan."),
	}, got.History()[len(got.History())-1])
	require.Empty(t, snapDiff(got.Snapshot(), e.stored(t, c.ID()).Snapshot()))

	_, err = e.svc.Approve(e.grid, c.ID(), e.version(t, c.ID()), "")
	require.ErrorIs(t, err, notification.ErrInvalidTransition)
}

func TestServiceReject(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)
	before := e.stored(t, c.ID()).Snapshot()

	_, err := e.svc.Reject(e.grid, c.ID(), e.version(t, c.ID()), "  ")
	require.ErrorIs(t, err, notification.ErrReasonRequired)
	require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()))
	_, err = e.svc.Reject(e.inst, c.ID(), e.version(t, c.ID()), "Jag ångrar mig.")
	require.ErrorIs(t, err, notification.ErrForbidden)

	got, err := e.svc.Reject(e.grid, c.ID(), e.version(t, c.ID()), "Anläggningen ligger utanför vårt nätområde.")
	require.NoError(t, err)
	require.Equal(t, notification.Rejected, got.Status())
	require.Equal(t, "Anläggningen ligger utanför vårt nätområde.", got.History()[len(got.History())-1].Reason.Reveal())

	// Final: not even a cancellation.
	_, err = e.svc.Cancel(e.inst, c.ID(), e.version(t, c.ID()), "")
	require.ErrorIs(t, err, notification.ErrInvalidTransition)
}

func TestServiceReturnEditResubmit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)

	_, err := e.svc.Return(e.grid, c.ID(), e.version(t, c.ID()), "")
	require.ErrorIs(t, err, notification.ErrReasonRequired)

	got, err := e.svc.Return(e.grid, c.ID(), e.version(t, c.ID()), "Ange ny huvudsäkring.")
	require.NoError(t, err)
	require.Equal(t, notification.Returned, got.Status())

	// The installer may edit again; Spara still asks to send.
	res, err := e.svc.Save(e.inst, c.ID(), got.Version(), func(d *notification.Draft) error {
		return d.SetWorkDescription("Byte av servisledning och huvudsäkring 25 A.")
	})
	require.NoError(t, err)
	require.True(t, res.NotSent)
	require.NotEmpty(t, res.Question.Swedish)

	// The grid company still sees the returned case.
	_, err = e.svc.Get(e.grid, c.ID())
	require.NoError(t, err)

	sent, err := e.svc.Submit(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.False(t, sent.AlreadySubmitted)
	require.Equal(t, notification.AwaitingApproval, sent.Case.Status())
	var path []notification.Action
	for _, h := range sent.Case.History() {
		path = append(path, h.Action)
	}
	require.Equal(t, []notification.Action{notification.ActionSubmit, notification.ActionReturn, notification.ActionSubmit}, path)
	require.Equal(t, "Byte av servisledning och huvudsäkring 25 A.", sent.Case.WorkDescription().Reveal())
}

func TestServiceNotifyCompletion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)
	_, err := e.svc.NotifyCompletion(e.inst, c.ID(), e.version(t, c.ID()))
	require.ErrorIs(t, err, notification.ErrInvalidTransition, "färdiganmälan before approval")

	_, err = e.svc.Approve(e.grid, c.ID(), e.version(t, c.ID()), "")
	require.NoError(t, err)
	_, err = e.svc.NotifyCompletion(e.grid, c.ID(), e.version(t, c.ID()))
	require.ErrorIs(t, err, notification.ErrForbidden)

	got, err := e.svc.NotifyCompletion(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.Equal(t, notification.Completed, got.Status())
	require.Equal(t, installer.ID, got.History()[len(got.History())-1].By)
}

func TestServiceClose(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.submitted(t)
	_, err := e.svc.Approve(e.grid, c.ID(), e.version(t, c.ID()), "")
	require.NoError(t, err)
	_, err = e.svc.Close(e.grid, c.ID(), e.version(t, c.ID()))
	require.ErrorIs(t, err, notification.ErrInvalidTransition, "closed before the färdiganmälan")
	_, err = e.svc.NotifyCompletion(e.inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)

	_, err = e.svc.Close(e.inst, c.ID(), e.version(t, c.ID()))
	require.ErrorIs(t, err, notification.ErrForbidden)
	got, err := e.svc.Close(e.grid, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.Equal(t, notification.Closed, got.Status())
	require.True(t, got.Status().Final())
}

func TestServiceCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)

	// The installer cancels a draft.
	d := e.created(t)
	got, err := e.svc.Cancel(e.inst, d.ID(), e.version(t, d.ID()), "")
	require.NoError(t, err)
	require.Equal(t, notification.Cancelled, got.Status())

	// The grid company cancels a sent case, with a note.
	c := e.submitted(t)
	got, err = e.svc.Cancel(e.grid, c.ID(), e.version(t, c.ID()), "Dubblett av annat ärende.")
	require.NoError(t, err)
	require.Equal(t, notification.Cancelled, got.Status())
	last := got.History()[len(got.History())-1]
	require.Equal(t, gridCompany.ID, last.By)
	require.Equal(t, "Dubblett av annat ärende.", last.Reason.Reveal())

	_, err = e.svc.Cancel(e.inst, c.ID(), e.version(t, c.ID()), "")
	require.ErrorIs(t, err, notification.ErrInvalidTransition)
}

func TestServiceAddNote(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	got, err := e.svc.AddNote(e.inst, c.ID(), notification.AnyVersion, "Kunden nås efter 16.")
	require.NoError(t, err)
	require.Equal(t, c.Version()+1, got.Version())

	done := e.completeFrom(t, c)
	_, err = e.svc.Submit(e.inst, done.ID(), e.version(t, done.ID()))
	require.NoError(t, err)
	got, err = e.svc.AddNote(e.grid, c.ID(), notification.AnyVersion, "Vi återkommer inom fem arbetsdagar.")
	require.NoError(t, err)

	notes := got.Notes()
	require.Len(t, notes, 2)
	require.Equal(t, installer.ID, notes[0].Author)
	require.Equal(t, "Kunden nås efter 16.", notes[0].Text.Reveal())
	require.Equal(t, gridCompany.ID, notes[1].Author)
	require.True(t, notes[1].At.Equal(now))

	// Notes after the case is final, too.
	_, err = e.svc.Reject(e.grid, c.ID(), e.version(t, c.ID()), "Fel nätområde.")
	require.NoError(t, err)
	_, err = e.svc.AddNote(e.inst, c.ID(), notification.AnyVersion, "Uppfattat.")
	require.NoError(t, err)

	_, err = e.svc.AddNote(e.inst, c.ID(), notification.AnyVersion, " ")
	require.ErrorIs(t, err, validate.ErrInvalid)
}

// completeFrom fills c's mandatory fields as complete does for a new case.
func (e env) completeFrom(t *testing.T, c *notification.Case) *notification.Case {
	t.Helper()
	full := e.complete(t) // a second case, as a template
	stored := e.stored(t, c.ID())
	res, err := e.svc.Save(e.inst, c.ID(), stored.Version(), func(d *notification.Draft) error {
		return errors.Join(
			d.SetFacility(full.Facility()), d.SetOwner(full.Owner()), d.SetPayer(full.Payer()),
			d.SetMeterPlacement(full.MeterPlacement()), d.SetWorkDescription(full.WorkDescription().Reveal()),
			d.SetInstaller(full.Installer()),
		)
	})
	require.NoError(t, err)
	return res.Case
}

func TestServiceDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := e.created(t)
	require.ErrorIs(t, e.svc.Delete(e.otherInst, d.ID(), e.version(t, d.ID())), notification.ErrNotFound)
	require.NoError(t, e.svc.Delete(e.inst, d.ID(), e.version(t, d.ID())))
	_, err := e.svc.Get(e.inst, d.ID())
	require.ErrorIs(t, err, notification.ErrNotFound)
	require.ErrorIs(t, e.svc.Delete(e.inst, d.ID(), e.version(t, d.ID())), notification.ErrNotFound)

	c := e.submitted(t)
	require.ErrorIs(t, e.svc.Delete(e.inst, c.ID(), e.version(t, c.ID())), notification.ErrNotDeletable)
	require.ErrorIs(t, e.svc.Delete(e.grid, c.ID(), e.version(t, c.ID())), notification.ErrForbidden)
	require.Equal(t, notification.AwaitingApproval, e.stored(t, c.ID()).Status())

	// Returned for completion is editable but not deletable.
	_, err = e.svc.Return(e.grid, c.ID(), e.version(t, c.ID()), "Komplettera.")
	require.NoError(t, err)
	require.ErrorIs(t, e.svc.Delete(e.inst, c.ID(), e.version(t, c.ID())), notification.ErrNotDeletable)

	// A cancelled draft is no longer "Ej skickat".
	x := e.created(t)
	_, err = e.svc.Cancel(e.inst, x.ID(), e.version(t, x.ID()), "")
	require.NoError(t, err)
	require.ErrorIs(t, e.svc.Delete(e.inst, x.ID(), e.version(t, x.ID())), notification.ErrNotDeletable)
}

func TestServiceNoActor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.created(t)
	id := c.ID()
	ctx := e.noActor
	calls := map[string]func() error{
		"Create": func() error {
			_, err := e.svc.Create(ctx, notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"})
			return err
		},
		"Get":   func() error { _, err := e.svc.Get(ctx, id); return err },
		"List":  func() error { _, err := e.svc.List(ctx, notification.Query{}); return err },
		"Check": func() error { _, err := e.svc.Check(ctx, id); return err },
		"FetchFacility": func() error {
			_, _, err := e.svc.FetchFacility(ctx, id, 1, notification.FetchRequest{MeterNumber: "M-20001"})
			return err
		},
		"ClearIdentifiers": func() error { _, err := e.svc.ClearIdentifiers(ctx, id, 1); return err },
		"CopyFromOwner":    func() error { _, _, err := e.svc.CopyFromOwner(ctx, id, 1); return err },
		"Save": func() error {
			_, err := e.svc.Save(ctx, id, 1, func(*notification.Draft) error { return nil })
			return err
		},
		"Submit":           func() error { _, err := e.svc.Submit(ctx, id, 1); return err },
		"Approve":          func() error { _, err := e.svc.Approve(ctx, id, 1, ""); return err },
		"Reject":           func() error { _, err := e.svc.Reject(ctx, id, 1, "x"); return err },
		"Return":           func() error { _, err := e.svc.Return(ctx, id, 1, "x"); return err },
		"NotifyCompletion": func() error { _, err := e.svc.NotifyCompletion(ctx, id, 1); return err },
		"Close":            func() error { _, err := e.svc.Close(ctx, id, 1); return err },
		"Cancel":           func() error { _, err := e.svc.Cancel(ctx, id, 1, ""); return err },
		"AddNote":          func() error { _, err := e.svc.AddNote(ctx, id, notification.AnyVersion, "x"); return err },
		"Delete":           func() error { return e.svc.Delete(ctx, id, 1) },
	}
	before := e.stored(t, id).Snapshot()
	for name, call := range calls {
		require.ErrorIs(t, call(), privacy.ErrNoActor, name)
	}
	require.Empty(t, snapDiff(before, e.stored(t, id).Snapshot()))
}
