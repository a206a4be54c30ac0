package notification

import (
	"context"
	"slices"
	"sync"
)

// AttachmentStore is the port for the content of attachments — the site plan's PDF, the
// single-line diagram's image — next to their metadata in the case ([Attachment]). Content is
// personal data (a site plan shows where a person lives): a store seals it at rest, and the
// Service's export, erasure, purge and deletion cover it. [MemoryAttachmentStore] is the
// embedded default; package sqlstore keeps content in its database.
//
// Content is keyed by its case and the hex SHA-256 digest of its bytes, never by its file
// name, which may name a person.
type AttachmentStore interface {
	// PutContent stores content for case id under its digest. Storing the same digest again
	// keeps one copy.
	PutContent(ctx context.Context, id ID, sha256 string, content []byte) error
	// Content returns the content of case id under digest, or an error matching
	// [ErrNotFound].
	Content(ctx context.Context, id ID, sha256 string) ([]byte, error)
	// DeleteContent removes the content of case id under digest; removing what is not
	// stored is not an error.
	DeleteContent(ctx context.Context, id ID, sha256 string) error
	// DeleteCaseContent removes every content of case id.
	DeleteCaseContent(ctx context.Context, id ID) error
}

// MemoryAttachmentStore is the in-memory [AttachmentStore]. It is safe for concurrent use and
// keeps its own copies of the bytes.
type MemoryAttachmentStore struct {
	mu      sync.RWMutex
	content map[ID]map[string][]byte
}

// NewMemoryAttachmentStore returns an empty store.
func NewMemoryAttachmentStore() *MemoryAttachmentStore {
	return &MemoryAttachmentStore{content: map[ID]map[string][]byte{}}
}

// PutContent stores a copy of content; see [AttachmentStore.PutContent].
func (m *MemoryAttachmentStore) PutContent(ctx context.Context, id ID, sha256 string, content []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.content[id] == nil {
		m.content[id] = map[string][]byte{}
	}
	m.content[id][sha256] = slices.Clone(content)
	return nil
}

// Content returns a copy of the stored content; see [AttachmentStore.Content].
func (m *MemoryAttachmentStore) Content(ctx context.Context, id ID, sha256 string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.content[id][sha256]
	if !ok {
		return nil, ErrNotFound
	}
	return slices.Clone(b), nil
}

// DeleteContent removes one content; see [AttachmentStore.DeleteContent].
func (m *MemoryAttachmentStore) DeleteContent(ctx context.Context, id ID, sha256 string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.content[id], sha256)
	if len(m.content[id]) == 0 {
		delete(m.content, id)
	}
	return nil
}

// DeleteCaseContent removes every content of a case; see [AttachmentStore.DeleteCaseContent].
func (m *MemoryAttachmentStore) DeleteCaseContent(ctx context.Context, id ID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.content, id)
	return nil
}

// Len returns the number of contents stored, over all cases.
func (m *MemoryAttachmentStore) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	n := 0
	for _, c := range m.content {
		n += len(c)
	}
	return n
}
