package notification_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/validate"
)

func FuzzParseCursor(f *testing.F) {
	real := notification.CursorAfter(notification.Listing{ID: "n-0123456789abcdef0123456789abcdef",
		CreatedAt: time.Date(2025, 3, 10, 9, 30, 0, 5, time.UTC)}).String()
	fuzzAddStrings(f, real, real[:len(real)-1], real+"A", "AQ", "AQAAAAAAAAAAAAAAAG4t", "_-_-", "====")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := notification.ParseCursor(s)
		if err != nil {
			if !errors.Is(err, validate.ErrInvalid) || !c.IsZero() {
				t.Fatalf("error %v does not match validate.ErrInvalid, or the cursor is set", err)
			}
			return
		}
		if c.IsZero() != (s == "") {
			t.Fatalf("ParseCursor(%q) gave a zero cursor", s)
		}
		back, err := notification.ParseCursor(c.String())
		if err != nil || back != c {
			t.Fatalf("the cursor's string does not parse back: %v, %v", back, err)
		}
		if _, err := notification.ParseID(string(c.ID())); s != "" && err != nil {
			t.Fatalf("an accepted cursor holds an ID that is not one: %v", err)
		}
	})
}
