package notificationtest

import (
	"context"
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// scribble changes c through its setters (c must be editable) and adds a note, the ways a
// caller could reach memory shared with the store.
func scribble(t *testing.T, c *notification.Case, text string) {
	t.Helper()
	meter, err := facility.ParseMeterNumber("M-" + text)
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	edit(t, c, func(d *notification.Draft) error {
		if err := d.SetWorkDescription(text); err != nil {
			return err
		}
		if err := d.AddAttachment(notification.Attachment{Kind: notification.OtherAttachment, Name: privacy.NewText(text + ".pdf")}); err != nil {
			return err
		}
		return d.SetIdentifiers(facility.EAN{}, meter)
	})
	if err := c.AddNote(text, installer, base); err != nil {
		t.Fatalf("AddNote: %v", err)
	}
}

// draftWithNote returns a stored-to-be draft case with one note, so that appending to a shared
// notes slice would show.
func draftWithNote(t *testing.T) *notification.Case {
	t.Helper()
	c := newCase(t, spec{})
	if err := c.AddNote("Första noteringen.", installer, base); err != nil {
		t.Fatal(err)
	}
	return c
}

func testNoSharedMemory(t *testing.T, r notification.Repository) {
	ctx := context.Background()
	t.Run("CreateInput", func(t *testing.T) {
		c := draftWithNote(t)
		create(t, r, c)
		want := snapshotAt(c, 1)
		scribble(t, c, "changed-after-create")
		checkStored(t, r, want)
	})
	t.Run("GetResult", func(t *testing.T) {
		c := draftWithNote(t)
		create(t, r, c)
		g := get(t, r, c.ID())
		scribble(t, g, "changed-after-get")
		checkStored(t, r, snapshotAt(c, 1))
	})
	t.Run("GetResultsIndependent", func(t *testing.T) {
		c := draftWithNote(t)
		create(t, r, c)
		g1, g2 := get(t, r, c.ID()), get(t, r, c.ID())
		scribble(t, g1, "one")
		scribble(t, g2, "two")
		notes := g1.Notes()
		if len(notes) != 2 || notes[1].Text.Reveal() != "one" {
			t.Fatalf("a case from Get changed when another case from Get was changed: %d notes", len(notes))
		}
		if g1.WorkDescription().Reveal() != "one" {
			t.Fatal("a case from Get changed when another case from Get was changed")
		}
	})
	t.Run("UpdateInput", func(t *testing.T) {
		c := draftWithNote(t)
		create(t, r, c)
		g := get(t, r, c.ID())
		scribble(t, g, "stored")
		if _, err := r.Update(ctx, g); err != nil {
			t.Fatalf("Update: %v", err)
		}
		want := snapshotAt(g, 2)
		scribble(t, g, "changed-after-update")
		checkStored(t, r, want)
	})
	t.Run("ListResult", func(t *testing.T) {
		create(t, r, draftWithNote(t))
		page, err := r.List(ctx, notification.Query{})
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		if len(page.Cases) == 0 {
			t.Fatal("List returned no cases")
		}
		var want []notification.Snapshot
		for _, l := range page.Cases {
			want = append(want, get(t, r, l.ID()).Snapshot())
			scribble(t, l, "changed-after-list")
		}
		for _, w := range want {
			checkStored(t, r, w)
		}
	})
}

func testCanceledContext(t *testing.T, r notification.Repository) {
	stored := newCase(t, spec{})
	create(t, r, stored)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	fresh := newCase(t, spec{})
	if _, err := r.Create(ctx, fresh); err == nil {
		t.Fatal("Create with a canceled context succeeded")
	} else {
		wantErr(t, "Create with a canceled context", err, context.Canceled)
	}
	_, err := r.Get(context.Background(), fresh.ID())
	wantErr(t, "Get after a canceled Create", err, notification.ErrNotFound)

	_, err = r.Get(ctx, stored.ID())
	wantErr(t, "Get with a canceled context", err, context.Canceled)

	g := get(t, r, stored.ID())
	scribble(t, g, "canceled")
	_, err = r.Update(ctx, g)
	wantErr(t, "Update with a canceled context", err, context.Canceled)

	wantErr(t, "Delete with a canceled context", r.Delete(ctx, stored.ID(), 1), context.Canceled)

	_, err = r.List(ctx, notification.Query{})
	wantErr(t, "List with a canceled context", err, context.Canceled)

	checkStored(t, r, snapshotAt(stored, 1)) // neither updated nor deleted
}
