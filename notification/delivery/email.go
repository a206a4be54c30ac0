package delivery

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// TLSMode is how an [SMTPSubscriber] secures its connection.
type TLSMode int

// The TLS modes.
const (
	// StartTLS connects in plain text and upgrades with STARTTLS before anything is sent
	// (port 587); the default. A server without STARTTLS is an error.
	StartTLS TLSMode = iota
	// ImplicitTLS connects with TLS from the start (port 465).
	ImplicitTLS
	// NoTLS sends in plain text: only for a relay on the same host or in tests. It never
	// authenticates.
	NoTLS
)

// SMTPSubscriber sends each delivery as one e-mail through an SMTP server, to all the
// organisation's addresses in one SMTP transaction (so the server accepts it for all or
// none). The message is plain text in UTF-8 (quoted-printable), in the route's language or
// both (Swedish first): what happened, the case ID, the status change, when, and the link to
// the case ([Subject], [Body]). It holds no personal data but its recipients' own addresses in
// the To header.
//
// Its Message-ID is derived from the event and route IDs, and the header
// "X-Gridnotify-Event-Id" carries the event ID, so a mail system or reader can tell a
// retried message from a new one.
//
// A 5xx reply from the server is [Permanent]; 4xx replies, timeouts and connection errors are
// retried. Errors carry the SMTP reply codes only, never the server's text, which often quotes
// the recipient's address.
type SMTPSubscriber struct {
	// Addr is the server's host:port.
	Addr string
	// From is the sender, e.g. "Gridnotify <noreply@portal.example.se>": the From header and
	// the envelope sender.
	From string
	// TLS is how the connection is secured; TLSConfig configures it (nil: the system's roots,
	// the server name from Addr).
	TLS       TLSMode
	TLSConfig *tls.Config
	// Username and Password, when Username is set, authenticate with PLAIN, never without TLS.
	Username, Password string
	// Timeout bounds one delivery (dial, dialogue, data) when the context has no earlier
	// deadline; 0 means 30 seconds.
	Timeout time.Duration
	// Now is the clock for the Date header; nil means time.Now.
	Now func() time.Time
}

// String describes the subscriber without its password.
func (s *SMTPSubscriber) String() string { return "SMTPSubscriber(" + s.Addr + ")" }

// Deliver implements [Subscriber].
func (s *SMTPSubscriber) Deliver(ctx context.Context, d Delivery) error {
	if len(d.To) == 0 {
		return Permanent(fmt.Errorf("delivery: route %s: no e-mail recipients", d.Route.ID))
	}
	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return Permanent(fmt.Errorf("delivery: the SMTP sender (From) is not an e-mail address"))
	}
	msg, err := s.message(from, d)
	if err != nil {
		return Permanent(err)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := s.send(ctx, from.Address, d.To, msg); err != nil {
		return smtpError(d.Route.ID, err)
	}
	return nil
}

// message builds the RFC 5322 message.
func (s *SMTPSubscriber) message(from *mail.Address, d Delivery) ([]byte, error) {
	to := make([]string, 0, len(d.To))
	for _, a := range d.To {
		addr, err := mail.ParseAddress(a)
		if err != nil {
			return nil, fmt.Errorf("delivery: route %s: a recipient is not an e-mail address", d.Route.ID)
		}
		to = append(to, addr.String())
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	lang := "sv, en"
	if d.Route.Language.Valid() {
		lang = string(d.Route.Language)
	}
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", strings.Join(to, ", "))
	header("Subject", mime.QEncoding.Encode("utf-8", Subject(d.Event, d.Route.Language)))
	header("Date", now().Format(time.RFC1123Z))
	header("Message-ID", "<"+d.Event.ID+"."+d.Route.ID+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Content-Language", lang)
	header("Auto-Submitted", "auto-generated")
	header("X-Gridnotify-Event-Id", d.Event.ID)
	header("X-Gridnotify-Event-Type", string(d.Event.Type))
	header("X-Gridnotify-Case-Id", string(d.Event.CaseID))
	header("X-Gridnotify-Route", d.Route.ID)
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(Body(d.Event, d.Route.Language, d.CaseURL))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// send runs one SMTP dialogue, bounded by ctx.
func (s *SMTPSubscriber) send(ctx context.Context, from string, to []string, msg []byte) error {
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return Permanent(errors.New("the SMTP address is not host:port"))
	}
	tlsConfig := s.TLSConfig.Clone()
	if tlsConfig == nil {
		tlsConfig = &tls.Config{}
	}
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = host
	}
	var conn net.Conn
	dialer := &net.Dialer{}
	if s.TLS == ImplicitTLS {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", s.Addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", s.Addr)
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()

	var c *smtp.Client
	switch s.TLS {
	case StartTLS:
		c, err = smtp.NewClientStartTLS(conn, tlsConfig)
		if err != nil {
			return err
		}
	default:
		c = smtp.NewClient(conn)
	}
	defer c.Close()
	if s.Username != "" {
		if s.TLS == NoTLS {
			return Permanent(errors.New("refusing to authenticate without TLS"))
		}
		if err := c.Auth(sasl.NewPlainClient("", s.Username, s.Password)); err != nil {
			return err
		}
	}
	if err := c.SendMail(from, to, bytes.NewReader(msg)); err != nil {
		return err
	}
	if err := c.Quit(); err != nil && ctx.Err() != nil {
		return err // the message was accepted; a failed QUIT matters only as a timeout
	}
	return nil
}

// smtpError turns an SMTP failure into an error without the server's text: 5xx replies are
// permanent.
func smtpError(route string, err error) error {
	if IsPermanent(err) {
		return Permanent(fmt.Errorf("delivery: route %s: e-mail: %w", route, err))
	}
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		e := &SMTPReplyError{Route: route, Code: se.Code, Enhanced: se.EnhancedCode}
		if se.Code >= 500 {
			return Permanent(e)
		}
		return e
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("delivery: route %s: e-mail: timed out", route)
	}
	return fmt.Errorf("delivery: route %s: e-mail: %w", route, err)
}

// SMTPReplyError is an SMTP server's refusal: the reply codes, without the server's text.
type SMTPReplyError struct {
	Route    string            // the route's ID
	Code     int               // the reply code, e.g. 550
	Enhanced smtp.EnhancedCode // the enhanced status code, e.g. 5.1.1, if the server sent one
}

// Error returns e.g. "delivery: route r-1: e-mail refused: SMTP 550 5.1.1".
func (e *SMTPReplyError) Error() string {
	s := fmt.Sprintf("delivery: route %s: e-mail refused: SMTP %d", e.Route, e.Code)
	if e.Enhanced != (smtp.EnhancedCode{}) && e.Enhanced != smtp.NoEnhancedCode {
		s += fmt.Sprintf(" %d.%d.%d", e.Enhanced[0], e.Enhanced[1], e.Enhanced[2])
	}
	return s
}
