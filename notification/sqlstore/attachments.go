package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// ErrTooLarge: attachment content over the store's size limit ([WithMaxAttachmentSize]).
var ErrTooLarge = errors.New("sqlstore: the attachment is larger than the store takes")

// bindContent ties sealed content to its case and digest.
func bindContent(id notification.ID, sha256 string) []byte {
	return []byte("gridnotify/attachment/v1\x00" + string(id) + "\x00" + sha256)
}

// PutContent stores content for case id under its digest, sealed; see
// [notification.AttachmentStore.PutContent].
func (s *Store) PutContent(ctx context.Context, id notification.ID, sha256 string, content []byte) error {
	if int64(len(content)) > s.maxFile {
		return ErrTooLarge
	}
	sealed, err := s.sealer.Seal(content, bindContent(id, sha256))
	if err != nil {
		return fmt.Errorf("sqlstore: sealing an attachment: %w", err)
	}
	text, err := sealed.MarshalText()
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, s.rebind(`INSERT INTO attachment_content (case_id, sha256, size, content) VALUES (?, ?, ?, ?)
		ON CONFLICT (case_id, sha256) DO NOTHING`), string(id), sha256, len(content), string(text))
	if err != nil {
		return s.dbError(ctx, "storing an attachment", err)
	}
	return nil
}

// Content returns the content of case id under digest; see
// [notification.AttachmentStore.Content].
func (s *Store) Content(ctx context.Context, id notification.ID, sha256 string) ([]byte, error) {
	var text []byte
	err := s.db.QueryRowContext(ctx, s.rebind("SELECT content FROM attachment_content WHERE case_id = ? AND sha256 = ?"),
		string(id), sha256).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notification.ErrNotFound
	}
	if err != nil {
		return nil, s.dbError(ctx, "reading an attachment", err)
	}
	var sealed privacy.Sealed
	if err := sealed.UnmarshalText(text); err != nil {
		return nil, fmt.Errorf("%w: attachment: %w", ErrCorrupt, err)
	}
	content, err := s.sealer.Open(sealed, bindContent(id, sha256))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: opening an attachment: %w", err)
	}
	return content, nil
}

// DeleteContent removes one content; see [notification.AttachmentStore.DeleteContent].
func (s *Store) DeleteContent(ctx context.Context, id notification.ID, sha256 string) error {
	_, err := s.db.ExecContext(ctx, s.rebind("DELETE FROM attachment_content WHERE case_id = ? AND sha256 = ?"), string(id), sha256)
	if err != nil {
		return s.dbError(ctx, "removing an attachment", err)
	}
	return nil
}

// DeleteCaseContent removes every content of case id; see
// [notification.AttachmentStore.DeleteCaseContent].
func (s *Store) DeleteCaseContent(ctx context.Context, id notification.ID) error {
	_, err := s.db.ExecContext(ctx, s.rebind("DELETE FROM attachment_content WHERE case_id = ?"), string(id))
	if err != nil {
		return s.dbError(ctx, "removing attachments", err)
	}
	return nil
}
