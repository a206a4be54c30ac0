package notification_test

import (
	"bytes"
	"context"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"strconv"
	"strings"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
)

// The output channels of the leak property test. allChannels pushes one value through every
// way a program prints, logs or serialises something:
//
//   - fmt: Sprint, Sprintln and the verbs %v %+v %#v %s %q %+q %x %X %d and a width/precision
//     form, on the value itself;
//   - fmt on the value inside a struct — as an exported field, as an unexported field (which
//     fmt prints raw, without calling any method) and behind a pointer — inside a slice and
//     inside a map;
//   - fmt.Errorf wrapping the value, and the standard log package;
//   - log/slog's TextHandler and JSONHandler: the value as an attribute, as a key-value pair,
//     behind a pointer, nested in a struct, in a slice, in a map, inside slog.Group (and a
//     nested group), through Logger.With and Logger.WithGroup, next to an error at level Error;
//   - encoding/json: the value, a pointer to it, the struct, the slice and the map
//     (MarshalIndent for the pointer);
//   - encoding.TextMarshaler, fmt.Stringer, fmt.GoStringer and error, where implemented;
//   - a panic with the value, recovered and printed with %v, %+v and %#v.

// leakOut is one rendering of a value: the channel that produced it and its text. hex marks
// the %x/%X renderings, which are also searched for hex-encoded personal values.
type leakOut struct {
	channel string
	text    string
	hex     bool
}

// holder nests a value in a struct the way application code does.
type holder[T any] struct {
	Exported T
	hidden   T
	Ptr      *T
}

// fmtVerbs are the fmt verbs tried on every value.
var fmtVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%+q", "%x", "%X", "%d", "%-40.60v"}

// allChannels renders v through every channel; label names the value in failure messages.
func allChannels[T any](label string, v T) []leakOut {
	var outs []leakOut
	add := func(channel, text string) {
		hexed := strings.Contains(channel, "%x") || strings.Contains(channel, "%X")
		outs = append(outs, leakOut{channel: label + ": " + channel, text: text, hex: hexed})
	}
	h := holder[T]{Exported: v, hidden: v, Ptr: &v}
	slice := []T{v}
	m := map[string]T{"k": v}

	// fmt on the value, in a struct, behind a pointer, in a slice and in a map.
	for _, verb := range fmtVerbs {
		add("fmt "+verb, fmt.Sprintf(verb, v))
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%d"} {
		add("fmt struct "+verb, fmt.Sprintf(verb, h))
	}
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		add("fmt pointer "+verb, fmt.Sprintf(verb, &v))
		add("fmt slice "+verb, fmt.Sprintf(verb, slice))
		add("fmt map "+verb, fmt.Sprintf(verb, m))
	}
	hexVerb := fmtVerbs[6] // "%x", through a variable: vet cannot check verbs on a type parameter
	add("fmt slice %x", fmt.Sprintf(hexVerb, slice))
	add("fmt.Sprint", fmt.Sprint(v))
	add("fmt.Sprintln", fmt.Sprintln("value", v, h))
	add("fmt.Errorf", fmt.Errorf("operation failed on %v (%+v): %w", v, h, errors.New("cause")).Error())
	var lb bytes.Buffer
	log.New(&lb, "", 0).Printf("%v %+v", v, h)
	add("log.Printf", lb.String())

	// slog, text and JSON.
	for _, handler := range []struct {
		name string
		make func(*bytes.Buffer) slog.Handler
	}{
		{"text", func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) }},
		{"json", func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) }},
	} {
		logs := []struct {
			name string
			log  func(*slog.Logger)
		}{
			{"attr", func(l *slog.Logger) { l.LogAttrs(context.Background(), slog.LevelInfo, "m", slog.Any("v", v)) }},
			{"pointer", func(l *slog.Logger) { l.Info("m", "v", &v) }},
			{"struct", func(l *slog.Logger) { l.Info("m", "v", h) }},
			{"slice", func(l *slog.Logger) { l.Info("m", "v", slice) }},
			{"map", func(l *slog.Logger) { l.Info("m", "v", m) }},
			{"group", func(l *slog.Logger) {
				l.Info("m", slog.Group("g", slog.Any("v", v), slog.Group("inner", slog.Any("s", slice), slog.Any("h", h))))
			}},
			{"with-group", func(l *slog.Logger) { l.With("w", v).WithGroup("case").Info("m", "v", v, "h", h) }},
			{"error-level", func(l *slog.Logger) { l.Error("failed", "v", v, "err", fmt.Errorf("wrapped: %v", v)) }},
		}
		for _, lg := range logs {
			var b bytes.Buffer
			lg.log(slog.New(handler.make(&b)))
			add("slog "+handler.name+" "+lg.name, b.String())
		}
	}

	// encoding/json.
	for _, x := range []struct {
		name string
		v    any
	}{{"value", v}, {"pointer", &v}, {"struct", h}, {"slice", slice}, {"map", m}} {
		b, err := json.Marshal(x.v)
		if err != nil {
			add("json "+x.name+" error", err.Error())
		}
		add("json "+x.name, string(b))
	}
	if b, err := json.MarshalIndent(&v, "", "  "); err == nil {
		add("json indent", string(b))
	}

	// Interfaces the value may implement.
	if tm, ok := any(v).(encoding.TextMarshaler); ok {
		b, err := tm.MarshalText()
		if err != nil {
			add("MarshalText error", err.Error())
		}
		add("MarshalText", string(b))
	}
	if s, ok := any(v).(fmt.Stringer); ok {
		add("String", s.String())
	}
	if s, ok := any(v).(fmt.GoStringer); ok {
		add("GoString", s.GoString())
	}
	if e, ok := any(v).(error); ok {
		add("Error", e.Error())
		for u := errors.Unwrap(e); u != nil; u = errors.Unwrap(u) {
			add("Unwrap chain", u.Error())
		}
	}

	// A panic with the value, recovered and printed.
	add("panic", panicValue(v))
	return outs
}

// panicValue panics with v and returns the recovered value printed with %v, %+v and %#v.
func panicValue(v any) (s string) {
	defer func() {
		r := recover()
		s = fmt.Sprintf("panic: %v\n%+v\n%#v", r, r, r)
	}()
	panic(v)
}

// leakNeedle is a personal value that must not appear in any output: what it is and its text.
type leakNeedle struct {
	what  string
	value string
}

// minNeedle is the shortest value searched for: shorter ones (a house number, "Ulf")
// occur in unrelated text.
const minNeedle = 4

// needlesOf derives every personal value a case holds from the case itself, in clear: every
// personal field of the form (but the postal codes, which stay clear by design, and the
// invoice references, which are not masked — see TestPrivacyPlainTextFieldsAreMasked), the
// installer's contact details and the notes' texts; personal identity numbers and sole
// traders' organisation numbers in every form, phone numbers in E.164 and national form,
// e-mail addresses and their local part.
func needlesOf(c *notification.Case) []leakNeedle {
	form := c.Form()
	var out []leakNeedle
	add := func(what string, values ...string) {
		for _, v := range values {
			if len(v) >= minNeedle {
				out = append(out, leakNeedle{what, v})
			}
		}
	}
	for _, f := range merge.Fields() {
		v := f.Reveal(&form)
		if !personalOf(f) || v == "" {
			continue
		}
		switch f {
		case merge.OwnerPostalCode, merge.PayerPostalCode, merge.FacilityPostalCode,
			merge.OwnerInvoiceReference, merge.PayerInvoiceReference:
			continue
		case merge.OwnerPersonalNumber, merge.PayerPersonalNumber:
			add(f.Path(), pINForms(v)...)
		case merge.OwnerOrganisationNumber, merge.PayerOrganisationNumber:
			party := form.Owner
			if f == merge.PayerOrganisationNumber {
				party = form.Payer
			}
			if party.OrganisationNumber.IsPersonal() {
				add(f.Path(), v, v[:6]+"-"+v[6:])
			}
		case merge.OwnerPhone, merge.PayerPhone:
			add(f.Path(), phoneForms(v)...)
		case merge.OwnerEmail, merge.PayerEmail:
			add(f.Path(), emailForms(v)...)
		default:
			add(f.Path(), v)
		}
	}
	in := c.Installer()
	add("installer.contact", in.Contact.Reveal())
	add("installer.phone", phoneForms(in.Phone.Reveal())...)
	add("installer.email", emailForms(in.Email.Reveal())...)
	for _, n := range c.Notes() {
		add("notes.text", n.Text.Reveal())
	}
	return out
}

// phoneForms returns an E.164 number, its national form and its national significant
// number (which both contain).
func phoneForms(e164 string) []string {
	if len(e164) < 4 {
		return nil
	}
	return []string{e164, "0" + e164[3:], e164[3:]}
}

// emailForms returns an address and its local part.
func emailForms(addr string) []string {
	if addr == "" {
		return nil
	}
	local, _, _ := strings.Cut(addr, "@")
	return []string{addr, local}
}

// typedNeedles returns the values of a party input as typed: another spelling of what
// needlesOf derives, and the only source for values that never reached a case (bad input).
func typedNeedles(section string, p genPerson) []leakNeedle {
	in := p.in
	var out []leakNeedle
	add := func(what string, values ...string) {
		for _, v := range values {
			if len(v) >= minNeedle {
				out = append(out, leakNeedle{section + "." + what + " (typed)", v})
			}
		}
	}
	add("surname", in.Surname.Reveal())
	add("givenName", in.GivenName.Reveal())
	add("address.careOf", in.Address.CareOf.Reveal())
	add("address.street", in.Address.Street.Reveal())
	add("address.city", in.Address.City.Reveal())
	add("phone", in.Phone.Reveal())
	add("email", emailForms(in.Email.Reveal())...)
	add("birthDate", in.BirthDate.Reveal())
	add("personalNumber", in.PersonalNumber.Reveal())
	add("typed", p.typed...)
	if !in.CompanyName.IsZero() && !in.OrganisationNumber.IsZero() && len(p.typed) > 0 { // a sole trader
		add("companyName", in.CompanyName.Reveal())
	}
	return out
}

// findValue returns a description of every needle found in the outputs, in clear or in a form a
// channel may have turned it into: ASCII-quoted (%+q) or, for %x and %X, hex-encoded.
//
// The outputs of one case run to megabytes, so a plain strings.Contains per needle is too
// slow: each output is scanned once, and only where its next three bytes begin some variant
// of a needle (a bitmap lookup) are the variants compared.
func findValue(outs []leakOut, needles []leakNeedle) []string {
	type variant struct {
		text, how string
		needle    int
		hexOnly   bool
	}
	var all []variant
	for i, n := range needles {
		all = append(all, variant{n.value, "clear", i, false})
		if q := strconv.QuoteToASCII(n.value); q[1:len(q)-1] != n.value {
			all = append(all, variant{q[1 : len(q)-1], "ASCII-quoted", i, false})
		}
		h := hex.EncodeToString([]byte(n.value))
		all = append(all, variant{h, "hex", i, true}, variant{strings.ToUpper(h), "HEX", i, true})
	}
	prefix := func(s string) uint32 { return uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]) }
	bits := make([]uint64, 1<<24/64)
	byPrefix := map[uint32][]variant{}
	for _, v := range all {
		p := prefix(v.text) // every needle has at least minNeedle bytes
		bits[p/64] |= 1 << (p % 64)
		byPrefix[p] = append(byPrefix[p], v)
	}
	type key struct {
		text string
		hex  bool
	}
	seen := make(map[key]bool, len(outs))
	var found []string
	for _, o := range outs {
		k := key{o.text, o.hex}
		if seen[k] {
			continue
		}
		seen[k] = true
		t := o.text
		for j := 0; j+3 <= len(t); j++ {
			p := uint32(t[j])<<16 | uint32(t[j+1])<<8 | uint32(t[j+2])
			if bits[p/64]&(1<<(p%64)) == 0 {
				continue
			}
			for _, v := range byPrefix[p] {
				if (!v.hexOnly || o.hex) && strings.HasPrefix(t[j:], v.text) {
					n := needles[v.needle]
					found = append(found, fmt.Sprintf("%s %q (%s) in %s:\n%s", n.what, n.value, v.how, o.channel, t))
				}
			}
		}
	}
	return found
}

// personalOf is the tests' own list of the form fields that can hold personal data, written
// independently of the library's classification so that the two check each other: everything
// but the facility's identifiers, grid area, fuse and power, and the parties' kinds and
// "no Swedish personal identity number" flags.
func personalOf(f merge.Field) bool {
	switch f {
	case merge.FacilityID, merge.FacilityTechnicalNumber, merge.FacilityMeterNumber, merge.FacilityArea,
		merge.FacilityMainFuse, merge.FacilityPower, merge.OwnerKind, merge.PayerKind,
		merge.OwnerNoSwedishPersonalNumber, merge.PayerNoSwedishPersonalNumber:
		return false
	}
	return f.Valid()
}
