package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
)

// FuzzStoredRow writes arbitrary bytes as a stored case's document and reads the case back:
// a row that is not one the store wrote is an error matching ErrCorrupt (or the sealer's, for
// an envelope that does not open), never a panic and never a case.
func FuzzStoredRow(f *testing.F) {
	store := open(f, "sqlite::memory:")
	c := fullCase(f, service(f, store))
	other := fullCase(f, service(f, store))
	doc, otherDoc := storedDoc(f, store, c.ID()), storedDoc(f, store, other.ID())
	// The seeds do not depend on the document's format: the document itself, cut short, with a
	// byte flipped at the start, middle and end, another case's authentic document, nothing.
	seeds := [][]byte{doc, doc[:len(doc)/2], doc[:len(doc)-1], otherDoc, {}, {0}}
	for _, at := range []int{0, len(doc) / 2, len(doc) - 1} {
		flipped := bytes.Clone(doc)
		flipped[at] ^= 0x20
		seeds = append(seeds, flipped)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := store.DB().Exec(rebind(store, "UPDATE cases SET doc = ? WHERE id = ?"), b, string(c.ID())); err != nil {
			t.Fatal(err)
		}
		got, err := store.Get(ctx, c.ID())
		if err == nil {
			if !bytes.Equal(b, doc) {
				t.Fatalf("a document the store did not write was read as a case: %v", got)
			}
			return
		}
		if !errors.Is(err, sqlstore.ErrCorrupt) && !errors.Is(err, privacy.ErrUnsealFailed) && !errors.Is(err, privacy.ErrUnknownKey) {
			t.Fatalf("error %v matches none of ErrCorrupt, privacy.ErrUnsealFailed, privacy.ErrUnknownKey", err)
		}
		if errors.Is(err, notification.ErrNotFound) {
			t.Fatal("a corrupt row reads as a missing case")
		}
	})
}

// storedDoc is the stored document of the case with id.
func storedDoc(tb testing.TB, s *sqlstore.Store, id notification.ID) []byte {
	tb.Helper()
	var doc []byte
	if err := s.DB().QueryRow(rebind(s, "SELECT doc FROM cases WHERE id = ?"), string(id)).Scan(&doc); err != nil {
		tb.Fatal(err)
	}
	return doc
}
