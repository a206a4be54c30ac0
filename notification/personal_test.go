package notification_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// outsideCase makes a case of the handler's with every personal field outside the form
// filled, the free texts naming Maja (the owner) or not, then cancelled with a reason naming
// her. The installer is a sole trader (Sigrid's number as organisation number).
func outsideCase(t *testing.T, e env) *notification.Case {
	t.Helper()
	c := e.fill(t, installer, e.create(t, installer, oresundJob), personMaja(), personOlof(), defaultData)
	org, err := privacy.ParseOrganisationNumber("620314-9874")
	require.NoError(t, err)
	require.True(t, org.IsPersonal())
	res, err := e.svc.Save(e.as(installer), c.ID(), c.Version(), func(d *notification.Draft) error {
		in := d.Installer()
		in.OrganisationNumber = org
		if err := d.SetInstaller(in); err != nil {
			return err
		}
		if err := d.SetWorkDescription("Maja Bergqvist vill ha jordfelsbrytare."); err != nil {
			return err
		}
		if err := d.AddAttachment(notification.Attachment{Kind: notification.OtherAttachment,
			Name: privacy.NewText("Bergqvist 880320-0016 fasad.jpg"), Size: 10}); err != nil {
			return err
		}
		return d.AddAttachment(notification.Attachment{Kind: notification.SitePlanAttachment,
			Name: privacy.NewText("situationsplan.pdf"), Size: 20})
	})
	require.NoError(t, err)
	_, err = e.svc.AddNote(e.as(installer), c.ID(), notification.AnyVersion, "Ring Maja före besök.")
	require.NoError(t, err)
	_, err = e.svc.AddNote(e.as(installer), c.ID(), notification.AnyVersion, "Nyckeln finns hos grannen.")
	require.NoError(t, err)
	done, err := e.svc.Cancel(e.as(installer), res.Case.ID(), e.version(t, res.Case.ID()), "Kunden Maja Bergqvist 198803200016 ångrade sig.")
	require.NoError(t, err)
	return done
}

// outsideValues returns the clear values of every personal field outside the form, by the
// path [notification.Classification] gives it: one value per element of a list field. A path
// it does not know fails the test, so a field added to the classification must be added here,
// and so to the checks below.
func outsideValues(t *testing.T, c *notification.Case) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, fc := range notification.Classification() {
		if _, ok := merge.FieldByPath(fc.Path); ok {
			continue
		}
		var vs []string
		switch fc.Path {
		case "workDescription":
			vs = []string{c.WorkDescription().Reveal()}
		case "installer.organisationNumber":
			vs = []string{c.Installer().OrganisationNumber.Reveal()}
		case "installer.contact":
			vs = []string{c.Installer().Contact.Reveal()}
		case "installer.phone":
			vs = []string{c.Installer().Phone.Reveal()}
		case "installer.email":
			vs = []string{c.Installer().Email.Reveal()}
		case "notes.text":
			for _, n := range c.Notes() {
				vs = append(vs, n.Text.Reveal())
			}
		case "history.reason":
			for _, h := range c.History() {
				vs = append(vs, h.Reason.Reveal())
			}
		case "attachments.name":
			for _, a := range c.Attachments() {
				vs = append(vs, a.Name.Reveal())
			}
		default:
			t.Fatalf("classified path %q outside the form is unknown to the test", fc.Path)
		}
		out[fc.Path] = vs
	}
	return out
}

// TestOutsideFieldsAreHandledEverywhere checks that every personal field outside the form
// that the classification lists is masked in output, sealed by the codec (none of its values
// in clear in the stored document, and read back equal) and erased by the retention purge,
// which records its path; the rows of the lists stay.
func TestOutsideFieldsAreHandledEverywhere(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := outsideCase(t, e)
	values := outsideValues(t, c)
	require.Len(t, values, 8)
	var clear []string
	for path, vs := range values {
		require.True(t, slices.ContainsFunc(vs, func(v string) bool { return v != "" }), "%s is not filled", path)
		for _, v := range vs {
			if v != "" {
				clear = append(clear, v)
			}
		}
	}

	// Output: JSON, fmt of the lists and of a snapshot.
	js, err := json.Marshal(c)
	require.NoError(t, err)
	printed := string(js) + fmt.Sprintf("%+v %+v %+v %#v", c.History(), c.Attachments(), c.Snapshot(), c.History())
	for _, v := range clear {
		require.NotContains(t, printed, v, "printed in clear")
	}

	// Storage.
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	require.NoError(t, err)
	codec := newCodec(t, ring)
	doc, err := codec.Encode(c.Snapshot())
	require.NoError(t, err)
	for _, v := range clear {
		require.NotContains(t, string(doc), v, "stored in clear")
	}
	back, err := codec.Decode(doc)
	require.NoError(t, err)
	require.Empty(t, snapDiff(c.Snapshot(), back))
	restored, err := notification.RestoreCase(back)
	require.NoError(t, err)
	require.Equal(t, values, outsideValues(t, restored))

	// Retention purge.
	history, attachments := c.History(), c.Attachments()
	e.clock.Set(now.AddDate(3, 0, 0))
	_, err = e.svc.Purge(e.as(dpo))
	require.NoError(t, err)
	stored := e.stored(t, c.ID())
	for path, vs := range outsideValues(t, stored) {
		for i, v := range vs {
			require.Empty(t, v, "%s [%d] survived the purge", path, i)
		}
		require.Len(t, vs, len(values[path]), "%s: the rows stay", path)
		require.Contains(t, stored.Tombstones()[0].Fields, path)
	}
	for i, h := range stored.History() {
		h.Reason = history[i].Reason
		require.Equal(t, history[i], h, "history row %d stays but for its reason", i)
	}
	for i, a := range stored.Attachments() {
		a.Name = attachments[i].Name
		require.Equal(t, attachments[i], a, "attachment %d stays but for its name", i)
	}
}

// TestErasePersonErasesMentionsOutsideTheForm checks that erasing a person empties every free
// text outside the form that mentions them — work description, notes, history reasons,
// attachment names — records each path in the tombstone, keeps the rows, and leaves the free
// texts that do not mention them and the installer's own details.
func TestErasePersonErasesMentionsOutsideTheForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := outsideCase(t, e)
	before := outsideValues(t, c)
	last := len(c.History()) - 1

	_, err := e.svc.ErasePerson(e.as(dpo), pinOf(t, personMaja()))
	require.NoError(t, err)
	stored := e.stored(t, c.ID())
	after := outsideValues(t, stored)

	want := map[string][]string{}
	for path, vs := range before {
		want[path] = slices.Clone(vs)
	}
	want["workDescription"][0] = ""
	want["notes.text"][0] = ""
	want["attachments.name"][0] = ""
	want["history.reason"][last] = ""
	require.Equal(t, want, after)

	ts := stored.Tombstones()
	require.Len(t, ts, 1)
	for _, path := range []string{"workDescription", "notes.0.text", "attachments.0.name", fmt.Sprintf("history.%d.reason", last)} {
		require.Contains(t, ts[0].Fields, path)
	}
	require.NotContains(t, ts[0].Fields, "notes.1.text")
	require.NotContains(t, ts[0].Fields, "attachments.1.name")
	require.Len(t, stored.History(), last+1, "the history's rows stay")
	require.Equal(t, notification.Cancelled, stored.Status())
}

// TestExportPersonListsTextsMentioningThem: the data subject's export holds the free texts
// that mention them — the same ones an erasure would empty — and no others.
func TestExportPersonListsTextsMentioningThem(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := outsideCase(t, e)
	last := len(c.History()) - 1

	export, err := e.svc.ExportPerson(e.as(dpo), pinOf(t, personMaja()))
	require.NoError(t, err)
	require.Len(t, export.Cases, 1)
	var paths []string
	for _, m := range export.Cases[0].Mentions {
		paths = append(paths, m.Path)
		require.NotEmpty(t, m.Value, m.Path)
		require.NotEmpty(t, m.Label, m.Path)
	}
	require.ElementsMatch(t, []string{"workDescription", "notes.0.text", "attachments.0.name",
		fmt.Sprintf("history.%d.reason", last)}, paths)
}
