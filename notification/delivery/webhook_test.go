package delivery_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/delivery"
)

func webhookDelivery(t testing.TB, url string) delivery.Delivery {
	t.Helper()
	return delivery.Delivery{Event: event(notification.EventApproved), Route: webhookConfig(t, url).Routes[0], Attempt: 1}
}

func TestWebhookSigned(t *testing.T) {
	rc := newReceiver(t)
	d := webhookDelivery(t, rc.url())
	d.Event.Conditions = true
	if err := (&delivery.WebhookSubscriber{}).Deliver(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if bad := rc.badRequests(); len(bad) > 0 {
		t.Fatalf("the receiver refused the request: %q", bad)
	}
	if got := rc.counts(); got[d.Event.ID] != 1 || len(got) != 1 {
		t.Fatalf("arrivals %v, want event %s once", got, d.Event.ID)
	}
}

// The body is the event's JSON, and the package's own receiving side reads what it sends.
func TestWebhookBodyAndReadWebhook(t *testing.T) {
	secret, _ := delivery.ParseSecret(testSecret)
	got := make(chan notification.Event, 1)
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(r.Body)
		body = buf.Bytes()
		r.Body = httpBody(body)
		e, err := delivery.ReadWebhook(r, secret, time.Now())
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		got <- e
	}))
	defer srv.Close()
	d := webhookDelivery(t, srv.URL)
	if err := (&delivery.WebhookSubscriber{}).Deliver(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if e := <-got; e != d.Event {
		t.Errorf("ReadWebhook = %+v, want %+v", e, d.Event)
	}
	want, _ := json.Marshal(d.Event)
	if !bytes.Equal(body, want) {
		t.Errorf("body = %s, want the event's JSON %s", body, want)
	}
}

func httpBody(b []byte) *readCloser { return &readCloser{bytes.NewReader(b)} }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func TestWebhookAnswers(t *testing.T) {
	for _, tc := range []struct {
		code      int
		ok        bool
		permanent bool
	}{
		{200, true, false}, {202, true, false}, {204, true, false},
		{301, false, true}, {302, false, true},
		{400, false, true}, {401, false, true}, {404, false, true}, {410, false, true}, {422, false, true},
		{408, false, false}, {429, false, false},
		{500, false, false}, {502, false, false}, {503, false, false}, {504, false, false},
	} {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			rc := newReceiver(t)
			rc.setAnswer(func(w *http.Request, _ notification.Event, _ int) int { return tc.code })
			err := (&delivery.WebhookSubscriber{}).Deliver(context.Background(), webhookDelivery(t, rc.url()))
			if (err == nil) != tc.ok || delivery.IsPermanent(err) != tc.permanent {
				t.Fatalf("HTTP %d: err = %v (permanent %v), want ok %v, permanent %v", tc.code, err, delivery.IsPermanent(err), tc.ok, tc.permanent)
			}
			if err != nil {
				var se *delivery.StatusError
				if !errors.As(err, &se) || se.Code != tc.code || se.Route != "oresund-hook" {
					t.Errorf("err = %#v, want a StatusError with the code and route", err)
				}
				if strings.Contains(err.Error(), "t0ps3cret") || strings.Contains(err.Error(), "/hooks/") {
					t.Errorf("the error quotes the URL's path or query: %v", err)
				}
			}
			if n := rc.requestCount(); n != 1 {
				t.Errorf("%d requests arrived, want 1 (redirects are not followed)", n)
			}
		})
	}
}

func TestWebhookNetworkFailuresRetried(t *testing.T) {
	t.Run("connection refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		url := "http://" + l.Addr().String() + "/hooks?token=t0ps3cret"
		_ = l.Close()
		err = (&delivery.WebhookSubscriber{}).Deliver(context.Background(), webhookDelivery(t, url))
		if err == nil || delivery.IsPermanent(err) || strings.Contains(err.Error(), "t0ps3cret") {
			t.Fatalf("err = %v, want a retried error without the URL's query", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		rc := newReceiver(t)
		rc.setAnswer(func(r *http.Request, _ notification.Event, _ int) int {
			<-r.Context().Done()
			return 204
		})
		begin := time.Now()
		err := (&delivery.WebhookSubscriber{Client: &http.Client{Timeout: 200 * time.Millisecond}}).Deliver(context.Background(), webhookDelivery(t, rc.url()))
		if err == nil || delivery.IsPermanent(err) || time.Since(begin) > 2*time.Second {
			t.Fatalf("err = %v after %v, want a retried timeout", err, time.Since(begin))
		}
	})
	t.Run("context", func(t *testing.T) {
		rc := newReceiver(t)
		rc.setAnswer(func(r *http.Request, _ notification.Event, _ int) int {
			<-r.Context().Done()
			return 204
		})
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		err := (&delivery.WebhookSubscriber{}).Deliver(ctx, webhookDelivery(t, rc.url()))
		if !errors.Is(err, context.DeadlineExceeded) || delivery.IsPermanent(err) {
			t.Fatalf("err = %v, want the context's deadline, retried", err)
		}
	})
}

func TestSignWebhook(t *testing.T) {
	// Standard Webhooks' published test vector.
	secret, err := delivery.ParseSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		t.Fatal(err)
	}
	got := delivery.SignWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Fatalf("SignWebhook = %s, want %s", got, want)
	}
}

func TestVerifyWebhook(t *testing.T) {
	secret, _ := delivery.ParseSecret(testSecret)
	other := delivery.NewSecret()
	now := time.Unix(1741599000, 0)
	body := []byte(`{"id":"ev-1"}`)
	header := func(id string, ts time.Time, sig string) http.Header {
		h := http.Header{}
		h.Set(delivery.HeaderID, id)
		h.Set(delivery.HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
		h.Set(delivery.HeaderSignature, sig)
		return h
	}
	good := delivery.SignWebhook(secret, "ev-1", now, body)
	for _, tc := range []struct {
		name string
		h    http.Header
		body []byte
		ok   bool
	}{
		{"valid", header("ev-1", now, good), body, true},
		{"among several", header("ev-1", now, "v1a,xyz v1,AAAA "+good), body, true},
		{"four minutes old", header("ev-1", now.Add(-4*time.Minute), delivery.SignWebhook(secret, "ev-1", now.Add(-4*time.Minute), body)), body, true},
		{"tampered body", header("ev-1", now, good), []byte(`{"id":"ev-2"}`), false},
		{"other id", header("ev-2", now, good), body, false},
		{"other secret", header("ev-1", now, delivery.SignWebhook(other, "ev-1", now, body)), body, false},
		{"six minutes old", header("ev-1", now.Add(-6*time.Minute), delivery.SignWebhook(secret, "ev-1", now.Add(-6*time.Minute), body)), body, false},
		{"from the future", header("ev-1", now.Add(6*time.Minute), delivery.SignWebhook(secret, "ev-1", now.Add(6*time.Minute), body)), body, false},
		{"no v1 prefix", header("ev-1", now, strings.TrimPrefix(good, "v1,")), body, false},
		{"missing headers", http.Header{}, body, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := delivery.VerifyWebhook(secret, tc.h, tc.body, now)
			if (err == nil) != tc.ok || (err != nil && !errors.Is(err, delivery.ErrSignature)) {
				t.Fatalf("VerifyWebhook = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestSecret(t *testing.T) {
	s, err := delivery.ParseSecret(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	if s.Reveal() != testSecret {
		t.Errorf("Reveal = %q", s.Reveal())
	}
	clear := strings.TrimPrefix(testSecret, "whsec_")
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("cfg", "secret", s, "settings", delivery.WebhookSettings{URL: "https://x.example", Secret: s})
	js, _ := json.Marshal(delivery.WebhookSettings{Secret: s})
	for _, out := range []string{s.String(), fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q %x", s, s, s, s, s, s), fmt.Sprintf("%+v %#v", delivery.WebhookSettings{Secret: s}, delivery.WebhookSettings{Secret: s}), logged.String(), string(js)} {
		if strings.Contains(out, clear) || !strings.Contains(out, "whsec_") {
			t.Errorf("the secret is not redacted in %q", out)
		}
	}
	if n := delivery.NewSecret(); n.IsZero() || n.Reveal() == delivery.NewSecret().Reveal() {
		t.Error("NewSecret does not give fresh secrets")
	} else if back, err := delivery.ParseSecret(n.Reveal()); err != nil || back.Reveal() != n.Reveal() {
		t.Errorf("ParseSecret(NewSecret().Reveal()) = %v, %v", back, err)
	}
	for _, bad := range []string{"", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_!!!!", "whsec_c2hvcnQ=", "whsec_" + strings.Repeat("QUFB", 30)} {
		if _, err := delivery.ParseSecret(bad); !errors.Is(err, delivery.ErrConfig) || (len(bad) > 8 && strings.Contains(err.Error(), bad[6:])) {
			t.Errorf("ParseSecret(%q) = %v, want a configuration error that does not quote it", bad, err)
		}
	}
}

func TestDecodeEvent(t *testing.T) {
	for _, by := range []notification.Side{0, notification.SideInstaller, notification.SideGridCompany, notification.SideEither} {
		e := event(notification.EventNoteAdded)
		e.By, e.Note, e.Seq = by, 2, 17
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		back, err := delivery.DecodeEvent(b)
		if err != nil || back != e {
			t.Errorf("DecodeEvent(%s) = %+v, %v; want %+v", b, back, err, e)
		}
	}
	for _, bad := range []string{``, `[]`, `{"by":"nobody"}`, `{"to":"nowhere"}`} {
		if _, err := delivery.DecodeEvent([]byte(bad)); err == nil {
			t.Errorf("DecodeEvent(%s) succeeded", bad)
		}
	}
}
