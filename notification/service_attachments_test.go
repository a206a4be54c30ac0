package notification_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/validate"
)

// A minimal PDF and PNG, as a site plan comes.
var (
	pdf      = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	pngImage = func() []byte {
		var b bytes.Buffer
		_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2)))
		return b.Bytes()
	}()
)

func digestOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestAttachmentContent: the content of an attachment is kept under its digest with its type
// sniffed from the bytes, read back by those who may see the case, and refused when it is of a
// type the grid company does not take, too large or empty — leaving nothing behind.
func TestAttachmentContent(t *testing.T) {
	t.Parallel()
	files := notification.NewMemoryAttachmentStore()
	e := newEnv(t, notification.WithAttachmentStore(files), notification.WithMaxAttachmentSize(1024))
	c := e.created(t)
	c, err := e.svc.AddAttachment(e.inst, c.ID(), c.Version(), notification.SitePlanAttachment, "situationsplan.pdf", pdf)
	require.NoError(t, err)
	a := c.Attachments()[0]
	require.Equal(t, "application/pdf", a.MediaType)
	require.Equal(t, digestOf(pdf), a.SHA256)
	require.Equal(t, int64(len(pdf)), a.Size)
	require.Equal(t, now, a.AddedAt)
	got, meta, err := e.svc.AttachmentContent(e.inst, c.ID(), a.SHA256)
	require.NoError(t, err)
	require.Equal(t, pdf, got)
	require.Equal(t, a, meta)
	_, _, err = e.svc.AttachmentContent(e.otherInst, c.ID(), a.SHA256)
	require.ErrorIs(t, err, notification.ErrNotFound, "a stranger gets nothing")
	_, _, err = e.svc.AttachmentContent(e.grid, c.ID(), a.SHA256)
	require.ErrorIs(t, err, notification.ErrNotFound, "the grid company sees it once sent")
	_, _, err = e.svc.AttachmentContent(e.inst, c.ID(), digestOf(pngImage))
	require.ErrorIs(t, err, notification.ErrNotFound)

	c, err = e.svc.AddAttachment(e.inst, c.ID(), c.Version(), notification.OtherAttachment, "foto.png", pngImage)
	require.NoError(t, err)
	require.Equal(t, "image/png", c.Attachments()[1].MediaType)
	require.Equal(t, 2, files.Len())

	before := e.stored(t, c.ID()).Snapshot()
	for name, content := range map[string][]byte{
		"a text file named as a PDF": []byte("Det här är ingen PDF, bara text."),
		"an executable":              append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0}, 64)...),
		"too large":                  append(append([]byte{}, pdf...), bytes.Repeat([]byte(" "), 2048)...),
		"empty":                      nil,
	} {
		_, err := e.svc.AddAttachment(e.inst, c.ID(), c.Version(), notification.OtherAttachment, "ritning.pdf", content)
		require.ErrorIs(t, err, validate.ErrInvalid, name)
		require.NotContains(t, err.Error(), "ritning", "the error names the file")
	}
	_, err = e.svc.AddAttachment(e.inst, c.ID(), c.Version(), "photo", "x.pdf", pdf)
	require.ErrorIs(t, err, validate.ErrInvalid, "an unknown kind")
	_, err = e.svc.AddAttachment(e.inst, c.ID(), c.Version(), notification.OtherAttachment, "situationsplan.pdf", pdf)
	require.ErrorIs(t, err, validate.ErrInvalid, "the name is taken")
	_, err = e.svc.AddAttachment(e.inst, c.ID(), c.Version()-1, notification.OtherAttachment, "ny.pdf", pdf)
	require.ErrorIs(t, err, notification.ErrConflict)
	require.Empty(t, snapDiff(before, e.stored(t, c.ID()).Snapshot()))
	require.Equal(t, 2, files.Len(), "a refused attachment left content behind")

	// Removing the attachment in an edit removes its content.
	res, err := e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error { return d.RemoveAttachment("foto.png") })
	require.NoError(t, err)
	require.Len(t, res.Case.Attachments(), 1)
	require.Equal(t, 1, files.Len())

	// A sent case's attachments cannot change, and deleting a draft removes its content.
	d := e.created(t)
	d, err = e.svc.AddAttachment(e.inst, d.ID(), d.Version(), notification.SitePlanAttachment, "plan.pdf", pdf)
	require.NoError(t, err)
	require.NoError(t, e.svc.Delete(e.inst, d.ID(), d.Version()))
	_, err = files.Content(t.Context(), d.ID(), digestOf(pdf))
	require.ErrorIs(t, err, notification.ErrNotFound)
	s := e.submitted(t)
	_, err = e.svc.AddAttachment(e.inst, s.ID(), s.Version(), notification.OtherAttachment, "sen.pdf", pdf)
	require.ErrorIs(t, err, notification.ErrNotEditable)
}

// TestAttachmentTypesAreConfiguration: a grid company may accept more than PDF, PNG and JPEG.
func TestAttachmentTypesAreConfiguration(t *testing.T) {
	t.Parallel()
	cfg := catalog.ExampleCatalog()
	g, err := cfg.GridCompany(t.Context(), "oresundskraft")
	require.NoError(t, err)
	require.Equal(t, catalog.DefaultAttachmentTypes(), g.AttachmentTypes())
	require.False(t, g.AcceptsAttachment("text/plain"))
	c := g.Config()
	c.AttachmentTypes = []string{"application/pdf", "text/plain"}
	wider, err := catalog.NewGridCompany(c)
	require.NoError(t, err)
	require.True(t, wider.AcceptsAttachment("text/plain"))
	require.False(t, wider.AcceptsAttachment("image/png"))
	c.AttachmentTypes = []string{"pdf"}
	_, err = catalog.NewGridCompany(c)
	require.ErrorIs(t, err, catalog.ErrInvalidConfig)
}

// TestAttachmentContentInTheDataSubjectsRights: the export holds the attachments' content;
// erasure and the retention purge remove it and say so in the tombstone.
func TestAttachmentContentInTheDataSubjectsRights(t *testing.T) {
	t.Parallel()
	files := notification.NewMemoryAttachmentStore()
	e := newEnv(t, notification.WithAttachmentStore(files))
	c := e.fill(t, installer, e.create(t, installer, oresundJob), personMaja(), personOlof(), defaultData)
	c, err := e.svc.AddAttachment(e.inst, c.ID(), c.Version(), notification.SitePlanAttachment, "situationsplan.pdf", pdf)
	require.NoError(t, err)

	export, err := e.svc.ExportPerson(e.as(dpo), pinOf(t, personMaja()))
	require.NoError(t, err)
	require.Len(t, export.Cases, 1)
	require.Len(t, export.Cases[0].Attachments, 1)
	require.Equal(t, pdf, export.Cases[0].Attachments[0].Content)
	require.Equal(t, "situationsplan.pdf", export.Cases[0].Attachments[0].Name)

	_, err = e.svc.ErasePerson(e.as(dpo), pinOf(t, personMaja()))
	require.NoError(t, err)
	require.Zero(t, files.Len(), "the erasure left the site plan")
	stored := e.stored(t, c.ID())
	ts := stored.Tombstones()
	require.Contains(t, ts[len(ts)-1].Fields, "attachments.0.content")
	_, _, err = e.svc.AttachmentContent(e.inst, c.ID(), digestOf(pdf))
	require.ErrorIs(t, err, notification.ErrNotFound)
}

// TestPurgeRemovesAttachmentContent: once the retention period of a closed case has run out,
// the purge removes its attachments' content with its other personal data.
func TestPurgeRemovesAttachmentContent(t *testing.T) {
	t.Parallel()
	files := notification.NewMemoryAttachmentStore()
	e := newEnv(t, notification.WithAttachmentStore(files))
	c := e.complete(t)
	c, err := e.svc.AddAttachment(e.inst, c.ID(), c.Version(), notification.SitePlanAttachment, "situationsplan.pdf", pdf)
	require.NoError(t, err)
	c = e.close(t, c, gridCompany)
	e.clock.Set(now.AddDate(0, 0, 731)) // Öresundskraft keeps 730 days
	res, err := e.svc.Purge(e.as(dpo))
	require.NoError(t, err)
	require.Equal(t, []notification.ID{c.ID()}, res.Cases)
	require.Zero(t, files.Len())
	ts := e.stored(t, c.ID()).Tombstones()
	require.Contains(t, ts[len(ts)-1].Fields, "attachments.0.content")
}
