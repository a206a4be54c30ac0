package delivery_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/gridnotify/gridnotify/notification/delivery"
)

func FuzzParseSecret(f *testing.F) {
	for _, s := range []string{testSecret, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "", "whsec_====", " whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		secret, err := delivery.ParseSecret(s)
		if err != nil {
			if !errors.Is(err, delivery.ErrConfig) {
				t.Fatalf("error %v does not match ErrConfig", err)
			}
			return
		}
		back, err := delivery.ParseSecret(secret.Reveal())
		if err != nil || back.Reveal() != secret.Reveal() || secret.String() != "whsec_…" {
			t.Fatalf("ParseSecret(Reveal()) = %v, %v", back, err)
		}
	})
}

func FuzzDecodeEvent(f *testing.F) {
	e := event("approved")
	b, _ := json.Marshal(e)
	f.Add(b)
	f.Add([]byte(`{"id":"ev-1","type":"submitted","by":"either","from":"not-sent","to":"awaiting-approval"}`))
	f.Add([]byte(`{"by":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := delivery.DecodeEvent(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(e)
		if err != nil {
			return // a decoded but unwritable value (an unknown status) is the caller's to refuse
		}
		again, err := delivery.DecodeEvent(b)
		if err != nil || again != e {
			t.Fatalf("DecodeEvent(Marshal(%+v)) = %+v, %v", e, again, err)
		}
	})
}
