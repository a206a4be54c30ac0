package notification

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/gabriel-vasile/mimetype"

	"github.com/gridnotify/gridnotify/privacy"
)

// DefaultMaxAttachmentSize is the largest attachment the Service takes unless
// [WithMaxAttachmentSize] says otherwise: 20 MiB, more than a scanned site plan needs.
const DefaultMaxAttachmentSize = 20 << 20

// WithAttachmentStore sets where the content of attachments is kept. The default is the
// repository itself when it is an [AttachmentStore] (package sqlstore's Store is), and a
// fresh [MemoryAttachmentStore] otherwise.
func WithAttachmentStore(a AttachmentStore) Option {
	return func(s *Service) { s.files = a }
}

// WithMaxAttachmentSize sets the largest attachment, in bytes, the Service takes.
func WithMaxAttachmentSize(n int64) Option {
	return func(s *Service) { s.maxFile = n }
}

// AddAttachment attaches a file to the case (a situationsplan, an enlinjeschema): its content
// is kept in the [AttachmentStore] under its SHA-256 digest and its metadata in the case, one
// change like an edit (the case must be editable, the version current). The media type is
// sniffed from the bytes, not taken from the name, and must be one the grid company accepts
// ([catalog.DefaultAttachmentTypes] unless its catalog says more).
//
// Errors: [validate.ErrInvalid] for an empty or over-long name, an unknown kind, empty
// content, content over the size limit ([WithMaxAttachmentSize]) or of a type the grid
// company does not accept (naming the type, never the name); [ErrNotEditable], [ErrConflict];
// the attachment store's errors. On every error the case is unchanged and no content is left
// behind.
func (s *Service) AddAttachment(ctx context.Context, id ID, version int64, kind AttachmentKind, name string, content []byte) (*Case, error) {
	switch kind {
	case SitePlanAttachment, SingleLineDiagramAttachment, OtherAttachment:
	default:
		return nil, invalid("attachment.kind", "unknown kind of attachment", "okänd typ av bilaga")
	}
	if len(content) == 0 {
		return nil, invalid("attachment.content", "empty", "tom")
	}
	if int64(len(content)) > s.maxFile {
		return nil, invalid("attachment.content", "larger than "+strconv.FormatInt(s.maxFile, 10)+" bytes",
			"större än "+strconv.FormatInt(s.maxFile, 10)+" byte")
	}
	media := mimeTypeOf(content)
	sum := sha256.Sum256(content)
	digest := hex.EncodeToString(sum[:])
	stored := false
	c, err := s.change(ctx, step{id: id, expected: version, side: SideInstaller}, func(c *Case, a privacy.Actor, now time.Time) error {
		g, err := s.gridCompany(ctx, c)
		if err != nil {
			return err
		}
		if !g.AcceptsAttachment(media) {
			return invalid("attachment.content", "of type "+media+", which the grid company does not accept",
				"av typen "+media+", som nätbolaget inte tar emot")
		}
		profile, err := g.Profile(c.s.InstallationType, c.s.JobType)
		if err != nil {
			return err
		}
		if err := c.editInPlace(profile, a, now, func(d *Draft) error {
			return d.AddAttachment(Attachment{Kind: kind, Name: privacy.NewText(name), MediaType: media,
				Size: int64(len(content)), SHA256: digest, AddedAt: now})
		}, nil); err != nil {
			return err
		}
		// The content goes in before the case that names it is stored.
		if err := s.files.PutContent(ctx, c.s.ID, digest, content); err != nil {
			return err
		}
		stored = true
		return nil
	})
	if err != nil {
		if stored {
			s.dropUnreferenced(ctx, id, digest)
		}
		return nil, err
	}
	return c, nil
}

// AttachmentContent returns the content of the case's attachment with the given SHA-256
// digest (hex), with its metadata, if the actor may see the case. Errors: [ErrNotFound] for a
// case the actor may not see, an attachment the case does not have, or content erased.
func (s *Service) AttachmentContent(ctx context.Context, id ID, sha256 string) ([]byte, Attachment, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, Attachment{}, err
	}
	for _, a := range c.s.Attachments {
		if a.SHA256 == sha256 {
			content, err := s.files.Content(ctx, id, sha256)
			if err != nil {
				return nil, Attachment{}, err
			}
			return content, a, nil
		}
	}
	return nil, Attachment{}, ErrNotFound
}

// dropUnreferenced removes the content under digest unless the stored case still names it;
// it runs after a change failed or removed an attachment, and a failure is only a leftover.
func (s *Service) dropUnreferenced(ctx context.Context, id ID, digest string) {
	if c, err := s.cases.Get(ctx, id); err == nil && c.references(digest) {
		return
	}
	_ = s.files.DeleteContent(ctx, id, digest)
}

// references reports whether an attachment of the case has content under digest.
func (st *state) references(digest string) bool {
	for _, a := range st.s.Attachments {
		if a.SHA256 == digest {
			return true
		}
	}
	return false
}

// mimeTypeOf sniffs content's media type, without parameters ("text/plain; charset=utf-8" is
// "text/plain").
func mimeTypeOf(content []byte) string {
	media, _, _ := strings.Cut(mimetype.Detect(content).String(), ";")
	return media
}
