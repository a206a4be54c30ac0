package delivery_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/delivery"
	"github.com/gridnotify/gridnotify/privacy"
)

// smtpServer is a go-smtp server on loopback that keeps every message it accepts.
type smtpServer struct {
	addr  string
	roots *x509.CertPool // trusts the server's certificate, when it has TLS

	mu sync.Mutex
	// rcpt, when set, may refuse a recipient.
	rcpt  func(to string) error
	msgs  []smtpMessage
	auths []string // user names that authenticated
}

type smtpMessage struct {
	From string
	To   []string
	Data []byte
}

// newSMTPServer starts a server; with tlsOn it offers STARTTLS with httptest's certificate and
// PLAIN authentication for user "gridnotify", password "hemligt".
func newSMTPServer(t testing.TB, tlsOn bool) *smtpServer {
	t.Helper()
	s := &smtpServer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 1 << 20
	srv.ErrorLog = nopLogger{}
	if tlsOn {
		h := httptest.NewUnstartedServer(nil)
		h.StartTLS()
		srv.TLSConfig = &tls.Config{Certificates: h.TLS.Certificates}
		s.roots = x509.NewCertPool()
		s.roots.AddCert(h.Certificate())
		h.Close()
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = l.Addr().String()
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

type nopLogger struct{}

func (nopLogger) Printf(string, ...any) {}
func (nopLogger) Println(...any)        {}

func (s *smtpServer) messages() []smtpMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]smtpMessage(nil), s.msgs...)
}

type smtpSession struct {
	s    *smtpServer
	from string
	to   []string
}

func (x *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (x *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "gridnotify" || pass != "hemligt" {
			return errors.New("bad credentials")
		}
		x.s.mu.Lock()
		x.s.auths = append(x.s.auths, user)
		x.s.mu.Unlock()
		return nil
	}), nil
}
func (x *smtpSession) Mail(from string, _ *smtp.MailOptions) error { x.from = from; return nil }
func (x *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.s.mu.Lock()
	f := x.s.rcpt
	x.s.mu.Unlock()
	if f != nil {
		if err := f(to); err != nil {
			return err
		}
	}
	x.to = append(x.to, to)
	return nil
}
func (x *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, smtpMessage{From: x.from, To: x.to, Data: b})
	x.s.mu.Unlock()
	return nil
}
func (x *smtpSession) Reset()        { x.from, x.to = "", nil }
func (x *smtpSession) Logout() error { return nil }

// personal are the personal values the case of realEvents holds, and identifiers of its facility.
var personal = []string{
	"Berg", "Maja", "880320", "198803200016", "Storgatan", "252 21", "25221", "070-174", "+4670174", "maja.berg",
	"Kim Larsson", "Larsson", "Holm", "Cecilia", "Bertil", "Björkgatan", "Lönngatan",
	"M-20003", "735999101000000031", "735 999 101", "HBG-T-10003", "Björken",
	"fasaden hos Maja", "Byte av servisledning",
}

// realEvents plays a case through the Service with real personal data — a fetched facility,
// the owner and payer, the installer's contact, an approval with conditions naming the owner
// — and returns the events it recorded, oldest first.
func realEvents(t testing.TB) []notification.Event {
	t.Helper()
	at := time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)
	svc := notification.NewDefaultService(notification.WithClock(func() time.Time { return at }))
	installer := privacy.WithActor(context.Background(), privacy.Actor{
		ID: "u-1001", Organisation: "elfirma-ab", Roles: []privacy.Role{privacy.RoleInstaller},
	})
	grid := privacy.WithActor(context.Background(), privacy.Actor{
		ID: "u-2001", Organisation: "oresundskraft", Roles: []privacy.Role{privacy.RoleGridCompany},
	})
	c, err := svc.Create(installer, notification.CreateRequest{
		GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "Helsingborg",
	})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err = svc.FetchFacility(installer, c.ID(), c.Version(), notification.FetchRequest{MeterNumber: "M-20003"})
	if err != nil {
		t.Fatal(err)
	}
	owner, err := notification.ParseParty("owner", notification.PartyInput{
		Kind: "private", Surname: privacy.NewText("Berg"), GivenName: privacy.NewText("Maja"), PersonalNumber: privacy.NewText("880320-0016"),
		Address: notification.AddressInput{Street: privacy.NewText("Storgatan 12"), PostalCode: privacy.NewText("252 21"), City: privacy.NewText("Helsingborg")},
		Phone:   privacy.NewText("070-174 06 55"), Email: privacy.NewText("maja.berg@example.com"),
	})
	if err != nil {
		t.Fatal(err)
	}
	phone, _ := privacy.ParsePhone("042-490 00 00")
	saved, err := svc.Save(installer, c.ID(), c.Version(), func(d *notification.Draft) error {
		return errors.Join(
			d.SetOwner(owner), d.SetPayer(owner), d.SetMeterPlacement(catalog.FacadeCabinet, ""),
			d.SetWorkDescription("Byte av servisledning."),
			d.SetInstaller(notification.Installer{Company: "Elfirma AB", AuthorisationNumber: "AL-12345", Contact: privacy.NewText("Kim Larsson"), Phone: phone}),
		)
	})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := svc.Submit(installer, saved.Case.ID(), saved.Case.Version())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Approve(grid, sent.Case.ID(), sent.Case.Version(), "Mätarskåpet flyttas till fasaden hos Maja Berg."); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Events(installer, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) < 4 {
		t.Fatalf("the case recorded %d events, want at least created, fetched, saved, submitted, approved", len(page.Events))
	}
	return page.Events
}

func mailConfig(t testing.TB, lang delivery.Language) *delivery.Config {
	t.Helper()
	cfg := &delivery.Config{
		CaseURL: "https://portal.example.se/arenden",
		Routes: []delivery.Route{{
			ID: "elfirma-mail", Events: notification.EventTypes(), Installer: "elfirma-ab",
			Audience: delivery.Installer, Channel: delivery.Email, Language: lang,
		}},
		Recipients: delivery.StaticDirectory{"elfirma-ab": {Email: []privacy.Email{mustEmail(t, "order@elfirma.example"), mustEmail(t, "jour@elfirma.example")}}},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func mustEmail(t testing.TB, s string) privacy.Email {
	t.Helper()
	e, err := privacy.ParseEmail(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// readMessage parses a message and decodes its subject and body.
func readMessage(t testing.TB, data []byte) (*mail.Message, string, string) {
	t.Helper()
	if !bytes.Contains(data, []byte("\r\n\r\n")) || bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("the message's lines do not all end in CRLF")
	}
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Header.Get("Content-Transfer-Encoding"); got != "quoted-printable" {
		t.Fatalf("Content-Transfer-Encoding = %q", got)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatal(err)
	}
	return m, subject, string(body)
}

func TestSMTPMessage(t *testing.T) {
	srv := newSMTPServer(t, true)
	sub := &delivery.SMTPSubscriber{
		Addr: srv.addr, From: "Gridnotify <noreply@portal.example.se>",
		TLSConfig: &tls.Config{RootCAs: srv.roots, ServerName: "example.com"},
		Username:  "gridnotify", Password: "hemligt",
		Now: func() time.Time { return time.Date(2025, 3, 10, 10, 0, 0, 0, time.UTC) },
	}
	cfg := mailConfig(t, "")
	evs := realEvents(t)
	var approved notification.Event
	for _, e := range evs {
		if e.Type == notification.EventApproved {
			approved = e
		}
	}
	if approved.ID == "" || !approved.Conditions {
		t.Fatalf("no approval with conditions among %v", evs)
	}
	for _, e := range evs {
		d := delivery.Delivery{
			Event: e, Route: cfg.Routes[0], To: []string{"order@elfirma.example", "jour@elfirma.example"},
			CaseURL: "https://portal.example.se/arenden/" + string(e.CaseID), Attempt: 1,
		}
		if err := sub.Deliver(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", e.Type, err)
		}
	}
	msgs := srv.messages()
	if len(msgs) != len(evs) {
		t.Fatalf("%d messages arrived, want %d", len(msgs), len(evs))
	}
	if len(srv.auths) != len(evs) {
		t.Errorf("%d of %d sessions authenticated", len(srv.auths), len(evs))
	}
	for i, msg := range msgs {
		e := evs[i]
		if msg.From != "noreply@portal.example.se" || strings.Join(msg.To, " ") != "order@elfirma.example jour@elfirma.example" {
			t.Errorf("envelope %q → %q", msg.From, msg.To)
		}
		m, subject, body := readMessage(t, msg.Data)
		h := m.Header
		for k, want := range map[string]string{
			"From":                    `"Gridnotify" <noreply@portal.example.se>`,
			"To":                      "<order@elfirma.example>, <jour@elfirma.example>",
			"Message-Id":              "<" + e.ID + ".elfirma-mail@portal.example.se>",
			"Content-Type":            "text/plain; charset=utf-8",
			"Content-Language":        "sv, en",
			"Auto-Submitted":          "auto-generated",
			"X-Gridnotify-Event-Id":   e.ID,
			"X-Gridnotify-Event-Type": string(e.Type),
			"X-Gridnotify-Case-Id":    string(e.CaseID),
			"Date":                    "Mon, 10 Mar 2025 10:00:00 +0000",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", e.Type, k, got, want)
			}
		}
		link := "https://portal.example.se/arenden/" + string(e.CaseID)
		for _, want := range []string{
			delivery.Phrase(e, delivery.Swedish), delivery.Phrase(e, delivery.English),
			"Ärende: " + string(e.CaseID), "Case: " + string(e.CaseID),
			"Öppna ärendet: " + link, "Open the case: " + link,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the body lacks %q:\n%s", e.Type, want, body)
			}
		}
		if sv, en := strings.Index(body, "Ärende:"), strings.Index(body, "Case:"); sv > en {
			t.Errorf("%s: English before Swedish", e.Type)
		}
		if !strings.Contains(subject, delivery.Phrase(e, delivery.Swedish)) || !strings.Contains(subject, delivery.Phrase(e, delivery.English)) || !strings.Contains(subject, string(e.CaseID)) {
			t.Errorf("%s: subject %q", e.Type, subject)
		}
		all := subject + "\n" + body + "\n" + string(msg.Data)
		for _, p := range personal {
			if strings.Contains(all, p) {
				t.Errorf("%s: the message contains personal data %q", e.Type, p)
			}
		}
	}
	_, _, body := readMessage(t, msgs[len(msgs)-1].Data)
	for _, want := range []string{"Föranmälan har godkänts (installationsmedgivande), med villkor", "För godkännande → Godkänd", "awaiting approval → approved", "Av: nätbolaget", "By: grid company"} {
		if !strings.Contains(body, want) {
			t.Errorf("the approval's body lacks %q:\n%s", want, body)
		}
	}
}

func TestSMTPOneLanguage(t *testing.T) {
	srv := newSMTPServer(t, false)
	sub := &delivery.SMTPSubscriber{Addr: srv.addr, From: "noreply@portal.example.se", TLS: delivery.NoTLS}
	for _, lang := range []delivery.Language{delivery.Swedish, delivery.English} {
		e := event(notification.EventSubmitted)
		cfg := mailConfig(t, lang)
		if err := sub.Deliver(context.Background(), delivery.Delivery{Event: e, Route: cfg.Routes[0], To: []string{"order@elfirma.example"}, CaseURL: "https://x.example/c", Attempt: 1}); err != nil {
			t.Fatal(err)
		}
		msgs := srv.messages()
		m, subject, body := readMessage(t, msgs[len(msgs)-1].Data)
		sv, en := strings.Contains(body, "Ärende:"), strings.Contains(body, "Case:")
		if sv != (lang == delivery.Swedish) || en != (lang == delivery.English) || m.Header.Get("Content-Language") != string(lang) {
			t.Errorf("%s: Swedish %v, English %v, Content-Language %q:\n%s", lang, sv, en, m.Header.Get("Content-Language"), body)
		}
		if strings.Contains(subject, " / ") {
			t.Errorf("%s: subject %q has both languages", lang, subject)
		}
	}
}

func TestSMTPRefusals(t *testing.T) {
	srv := newSMTPServer(t, false)
	sub := &delivery.SMTPSubscriber{Addr: srv.addr, From: "noreply@portal.example.se", TLS: delivery.NoTLS, Timeout: 5 * time.Second}
	cfg := mailConfig(t, "")
	d := delivery.Delivery{Event: event(notification.EventSubmitted), Route: cfg.Routes[0], To: []string{"anna.andersson@elfirma.example"}, CaseURL: "https://x.example/c", Attempt: 1}
	for _, tc := range []struct {
		name      string
		refuse    *smtp.SMTPError
		permanent bool
		want      string
	}{
		{"unknown user", &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "<anna.andersson@elfirma.example>: user unknown"}, true, "SMTP 550 5.1.1"},
		{"mailbox busy", &smtp.SMTPError{Code: 450, EnhancedCode: smtp.EnhancedCode{4, 2, 1}, Message: "anna.andersson@elfirma.example is busy"}, false, "SMTP 450 4.2.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.mu.Lock()
			srv.rcpt = func(string) error { return tc.refuse }
			srv.mu.Unlock()
			err := sub.Deliver(context.Background(), d)
			if err == nil || delivery.IsPermanent(err) != tc.permanent || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, permanent %v; want %q, permanent %v", err, delivery.IsPermanent(err), tc.want, tc.permanent)
			}
			if strings.Contains(err.Error(), "anna") {
				t.Errorf("the error quotes the recipient: %v", err)
			}
		})
	}

	t.Run("no server", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		_ = l.Close()
		err = (&delivery.SMTPSubscriber{Addr: addr, From: "noreply@portal.example.se", TLS: delivery.NoTLS}).Deliver(context.Background(), d)
		if err == nil || delivery.IsPermanent(err) {
			t.Fatalf("err = %v, want a retried connection error", err)
		}
	})
	t.Run("server never answers", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		go func() {
			c, err := l.Accept()
			if err == nil {
				defer c.Close()
				time.Sleep(2 * time.Second)
			}
		}()
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		begin := time.Now()
		err = (&delivery.SMTPSubscriber{Addr: l.Addr().String(), From: "noreply@portal.example.se", TLS: delivery.NoTLS}).Deliver(ctx, d)
		if err == nil || delivery.IsPermanent(err) || time.Since(begin) > 1500*time.Millisecond {
			t.Fatalf("err = %v after %v, want a retried timeout within the context's deadline", err, time.Since(begin))
		}
	})
	t.Run("STARTTLS missing", func(t *testing.T) {
		srv.mu.Lock()
		srv.rcpt = nil
		srv.mu.Unlock()
		err := (&delivery.SMTPSubscriber{Addr: srv.addr, From: "noreply@portal.example.se"}).Deliver(context.Background(), d)
		if err == nil {
			t.Fatal("a server without STARTTLS got the message in plain text")
		}
	})
	t.Run("no authentication without TLS", func(t *testing.T) {
		err := (&delivery.SMTPSubscriber{Addr: srv.addr, From: "noreply@portal.example.se", TLS: delivery.NoTLS, Username: "gridnotify", Password: "hemligt"}).Deliver(context.Background(), d)
		if !delivery.IsPermanent(err) || strings.Contains(err.Error(), "hemligt") {
			t.Fatalf("err = %v, want a permanent refusal that does not quote the password", err)
		}
	})
	t.Run("no recipients", func(t *testing.T) {
		d := d
		d.To = nil
		if err := sub.Deliver(context.Background(), d); !delivery.IsPermanent(err) {
			t.Fatalf("err = %v, want permanent", err)
		}
	})
}
