package privacy

import (
	"fmt"
	"log/slog"
	"strings"
)

// Email is an e-mail address (addr-spec only), with the domain lowercased.
// It is masked in every output channel and stored obfuscated (see the
// package doc); the zero value means "no address" and prints as "".
type Email struct {
	v string // hideString(local@domain)
}

// E-mail length limits (RFC 5321): local part and whole address.
const (
	emailMaxLocal = 64
	emailMaxTotal = 254
	emailMaxLabel = 63
	// emailMaxRaw bounds the raw input before trimming, so a huge input is
	// rejected before any scanning.
	emailMaxRaw = 1024
)

// ParseEmail parses an e-mail address in addr-spec form "local@domain",
// after trimming surrounding whitespace. No display names, comments,
// quoted local parts or address literals.
//
// The local part is a dot-atom of RFC 5322 atext (ASCII letters, digits and
// !#$%&'*+-/=?^_`{|}~; dots only between atoms) of at most 64 bytes. The
// domain has at least two labels separated by dots; each label is 1–63
// ASCII letters, digits or hyphens, not starting or ending with a hyphen;
// the top-level label is not all digits. Internationalised addresses must
// be given in their ASCII (punycode) form. The whole address is at most 254
// bytes. The domain is lowercased (it is case-insensitive); the local part
// is kept as written (it may be case-sensitive).
//
// Errors are *ParseError wrapping ErrEmpty, ErrLength or ErrSyntax. A
// successful parse allocates its result string (one allocation).
func ParseEmail(s string) (Email, error) {
	if len(s) > emailMaxRaw {
		return Email{}, KindEmail.Wrap(ErrLength)
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Email{}, KindEmail.Wrap(ErrEmpty)
	case len(s) > emailMaxTotal:
		return Email{}, KindEmail.Wrap(ErrLength)
	}
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return Email{}, KindEmail.Wrap(ErrSyntax)
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > emailMaxLocal {
		return Email{}, KindEmail.Wrap(ErrLength)
	}
	if !validDotAtom(local) || !validDomain(domain) {
		return Email{}, KindEmail.Wrap(ErrSyntax)
	}
	var buf [emailMaxTotal]byte
	n := copy(buf[:], local)
	buf[n] = '@'
	n++
	for i := 0; i < len(domain); i++ {
		c := domain[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return Email{v: hideString(buf[:n])}, nil
}

// validDotAtom reports whether s is a non-empty RFC 5322 dot-atom.
func validDotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if s[i-1] == '.' {
				return false
			}
			continue
		}
		if !isAtext(c) {
			return false
		}
	}
	return true
}

// isAtext reports whether c is RFC 5322 atext (ASCII only).
func isAtext(c byte) bool {
	if isASCIIAlpha(c) || c >= '0' && c <= '9' {
		return true
	}
	return strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// validDomain reports whether s is a dotted host name of at least two
// labels whose last label is not all digits.
func validDomain(s string) bool {
	labels, allDigits := 0, false
	for len(s) > 0 || labels == 0 {
		label := s
		if i := strings.IndexByte(s, '.'); i >= 0 {
			label, s = s[:i], s[i+1:]
			if s == "" {
				return false // trailing dot
			}
		} else {
			s = ""
		}
		if !validLabel(label) {
			return false
		}
		labels++
		allDigits = strings.Trim(label, "0123456789") == ""
	}
	return labels >= 2 && !allDigits
}

// validLabel reports whether s is a 1–63 byte LDH label without a leading
// or trailing hyphen.
func validLabel(s string) bool {
	if s == "" || len(s) > emailMaxLabel || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isASCIIAlpha(c) && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// Reveal returns the clear address, or "" for the zero value.
func (e Email) Reveal() string { return showString(e.v) }

// String returns the masked form: the first character of the local part,
// "***@***." and the top-level domain, e.g. "a***@***.se". The length of
// the local part and the rest of the domain are not shown. "" for the zero
// value.
func (e Email) String() string {
	a := showString(e.v)
	if a == "" {
		return ""
	}
	return a[:1] + "***@***." + a[strings.LastIndexByte(a, '.')+1:]
}

// IsZero reports whether e is the zero value (no address).
func (e Email) IsZero() bool { return e.v == "" }

// Equal reports whether e and other are the same address as normalised
// (local part compared exactly, domain case-insensitively). go-cmp uses it.
func (e Email) Equal(other Email) bool { return e.v == other.v }

// Format implements fmt.Formatter: every verb prints the masked form.
func (e Email) Format(f fmt.State, verb rune) { formatMasked(f, verb, e.String()) }

// GoString implements fmt.GoStringer with the masked form as a quoted string.
func (e Email) GoString() string { return goStringMasked(e.String()) }

// LogValue implements slog.LogValuer with the masked form.
func (e Email) LogValue() slog.Value { return logValueMasked(e.String()) }

// MarshalJSON implements json.Marshaler with the masked form as a JSON string.
func (e Email) MarshalJSON() ([]byte, error) { return marshalJSONMasked(e.String()) }

// MarshalText implements encoding.TextMarshaler with the masked form.
func (e Email) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: it accepts the clear
// form (anything ParseEmail accepts); masked text (domain "***.…") fails
// with ErrMasked; empty text gives the zero value. A '*' in the local part
// is valid atext, so only the masked domain marks masked input.
func (e *Email) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	switch {
	case strings.Contains(s, "@***."):
		return KindEmail.Wrap(ErrMasked)
	case s == "":
		*e = Email{}
		return nil
	}
	v, err := ParseEmail(s)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler like UnmarshalText; null leaves
// e unchanged.
func (e *Email) UnmarshalJSON(data []byte) error {
	s, isNull, err := decodeJSONString(KindEmail, data)
	if err != nil || isNull {
		return err
	}
	return e.UnmarshalText([]byte(s))
}
