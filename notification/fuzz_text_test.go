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
				t.Fatalf("error %v does not match ErrInvalidArgument, or the ID %q is not empty", err, id)
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

// fuzzStatusSeeds are every status code, a few near misses and the other names of a status.
func fuzzStatusSeeds() []string {
	seeds := []string{"DRAFT", "draft ", "awaiting_approval", "Ej skickat", "none", "Status(9)", "not sent"}
	for _, s := range notification.Statuses() {
		seeds = append(seeds, s.Code())
	}
	return seeds
}

// fuzzCheckStatus asserts what an accepted status code must satisfy: a valid status whose code is
// the input and whose canonical forms parse back to it.
func fuzzCheckStatus(t *testing.T, s string, st notification.Status) {
	t.Helper()
	if !st.Valid() || st.Code() != s || st.String() == "" || st.Swedish() == "" {
		t.Fatalf("accepted %q as %d, which is not a valid status with that code", s, uint8(st))
	}
	back, err := notification.ParseStatus(st.Code())
	if err != nil || back != st {
		t.Fatalf("Code() does not parse back: %v, %v", back, err)
	}
	text, err := st.MarshalText()
	if err != nil || string(text) != st.Code() {
		t.Fatalf("MarshalText = %q, %v; want the code %q", text, err, st.Code())
	}
	var un notification.Status
	if err := un.UnmarshalText(text); err != nil || un != st {
		t.Fatalf("MarshalText's output does not unmarshal back: %v, %v", un, err)
	}
}

func FuzzParseStatus(f *testing.F) {
	fuzzAddStrings(f, fuzzStatusSeeds()...)
	_, wantErr := notification.ParseStatus("?")
	f.Fuzz(func(t *testing.T, s string) {
		st, err := notification.ParseStatus(s)
		if err != nil {
			if !errors.Is(err, validate.ErrInvalid) || st != notification.StatusNone {
				t.Fatalf("error %v does not match ErrInvalidArgument, or status %d is set", err, uint8(st))
			}
			fuzzConstError(t, err, wantErr)
			return
		}
		fuzzCheckStatus(t, s, st)
	})
}

func FuzzStatusUnmarshalText(f *testing.F) {
	fuzzAddBytes(f, fuzzStatusSeeds()...)
	var probe notification.Status
	wantErr := probe.UnmarshalText([]byte("?"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st := notification.Closed // an error must leave the value alone
		if err := st.UnmarshalText(b); err != nil {
			if !errors.Is(err, validate.ErrInvalid) || st != notification.Closed {
				t.Fatalf("error %v does not match ErrInvalidArgument, or the status changed to %d", err, uint8(st))
			}
			fuzzConstError(t, err, wantErr)
			return
		}
		if len(b) == 0 && st == notification.StatusNone {
			// "" is the zero Status's text form: it must write back as "".
			if text, err := st.MarshalText(); err != nil || len(text) != 0 {
				t.Fatalf("the zero Status marshals to %q, %v; want \"\"", text, err)
			}
			return
		}
		fuzzCheckStatus(t, string(b), st)
	})
}

func FuzzSourceUnmarshalText(f *testing.F) {
	fuzzAddBytes(f, "none", "lookup", "customer", "installer", "LOOKUP", "lookup ",
		"the customer", "typed by the installer", "kunden", "Source(4)")
	var probe notification.Source
	wantErr := probe.UnmarshalText([]byte("?"))
	f.Fuzz(func(t *testing.T, b []byte) {
		src := notification.SourceInstaller // an error must leave the value alone
		if err := src.UnmarshalText(b); err != nil {
			if !errors.Is(err, validate.ErrInvalid) || src != notification.SourceInstaller {
				t.Fatalf("error %v does not match ErrInvalidArgument, or the source changed to %d", err, uint8(src))
			}
			fuzzConstError(t, err, wantErr)
			return
		}
		text, err := src.MarshalText()
		if err != nil || string(text) != string(b) {
			t.Fatalf("MarshalText = %q, %v; want the accepted input %q", text, err, b)
		}
		if src.String() == "" || src.Swedish() == "" {
			t.Fatalf("source %d has no name", uint8(src))
		}
		var back notification.Source
		if err := back.UnmarshalText(text); err != nil || back != src {
			t.Fatalf("MarshalText's output does not unmarshal back: %v, %v", back, err)
		}
	})
}
