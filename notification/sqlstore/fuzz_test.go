package sqlstore_test

import (
	"context"
	"errors"
	"strings"
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
	var doc string
	if err := store.DB().QueryRow("SELECT doc FROM cases WHERE id = ?", string(c.ID())).Scan(&doc); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{doc, doc[:len(doc)/2], doc[:len(doc)-1], strings.Replace(doc, `"format":1`, `"format":7`, 1),
		strings.Replace(doc, `"status":"awaiting-approval"`, `"status":"approved"`, 1), `{}`, `null`, ``, "\x00", `{"format":1,"case":{}}`} {
		f.Add([]byte(s))
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := store.DB().Exec("UPDATE cases SET doc = ? WHERE id = ?", string(b), string(c.ID())); err != nil {
			t.Fatal(err)
		}
		got, err := store.Get(ctx, c.ID())
		if err == nil {
			if string(b) != doc {
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
