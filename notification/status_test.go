package notification_test

import (
	"errors"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/validate"
)

// fuzzStatusSeeds are every status code, a few near misses and the other names of a status.
func fuzzStatusSeeds() []string {
	seeds := []string{"DRAFT", "draft", "not-sent ", "awaiting_approval", "Ej skickat", "none", "Status(9)", "not sent"}
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
				t.Fatalf("error %v does not match validate.ErrInvalid, or status %d is set", err, uint8(st))
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
				t.Fatalf("error %v does not match validate.ErrInvalid, or the status changed to %d", err, uint8(st))
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
