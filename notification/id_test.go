package notification_test

import (
	"errors"
	"regexp"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/validate"
)

// fuzzIDForm is the form NewID produces, the only one ParseID documents.
var fuzzIDForm = regexp.MustCompile(`^n-[0-9a-f]{32}$`)

func FuzzParseID(f *testing.F) {
	fuzzAddStrings(f,
		"n-0123456789abcdef0123456789abcdef",
		"n-0123456789ABCDEF0123456789ABCDEF",
		"n-0123456789abcdef0123456789abcde",
		"n-0123456789abcdef0123456789abcdeg",
		" n-0123456789abcdef0123456789abcdef",
		"N-0123456789abcdef0123456789abcdef",
		string(notification.NewID()),
	)
	_, wantErr := notification.ParseID("?")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := notification.ParseID(s)
		if err != nil {
			if !errors.Is(err, validate.ErrInvalid) || id != "" {
				t.Fatalf("error %v does not match validate.ErrInvalid, or the ID %q is not empty", err, id)
			}
			fuzzConstError(t, err, wantErr)
			return
		}
		if !fuzzIDForm.MatchString(id.String()) {
			t.Fatalf("ParseID accepted %q, which is not the form NewID produces (n- and 32 lower-case hex digits)", s)
		}
		if id.String() != s {
			t.Fatalf("String() = %q, want the accepted input %q", id, s)
		}
		back, err := notification.ParseID(id.String())
		if err != nil || back != id {
			t.Fatalf("the canonical form does not parse back: %q, %v", back, err)
		}
	})
}
