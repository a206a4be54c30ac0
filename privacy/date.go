package privacy

import (
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Date is a birth date, for a customer without a Swedish personal identity
// number. It is masked ("****-**-**") in every output channel and stored
// obfuscated like the identity numbers (see the package doc); the zero
// value means "no date" and prints as "".
type Date struct {
	v uint64 // hideNum(YYYYMMDD); 0 = empty
}

// dateMask is the masked form of any non-zero Date.
const dateMask = "****-**-**"

// ParseDate parses a birth date "YYYY-MM-DD" with today (time.Now, in
// time.Local) as the reference. See ParseDateAt. Like
// ParsePersonalIdentityNumber it uses a cached date and reads the clock only
// for a date of today or tomorrow.
func ParseDate(s string) (Date, error) {
	d, err := parseDate(s, today.get())
	if err == errUnsure {
		d, err = parseDate(s, today.exact())
	}
	return d, err
}

// ParseDateAt parses a birth date in exactly the form "YYYY-MM-DD" (after
// trimming surrounding whitespace). It must be a real calendar date, not
// after ref's calendar day (in ref's location) and not before 1800.
//
// Errors are *ParseError of KindDate wrapping ErrEmpty, ErrLength,
// ErrNotDigit, ErrSeparator or ErrDate. It allocates nothing, on success or
// on error.
func ParseDateAt(s string, ref time.Time) (Date, error) { return parseDate(s, exactDay(ref)) }

// parseDate is ParseDateAt with the reference day as bounds; it returns
// errUnsure when they are too wide for the answer.
func parseDate(s string, ref refDay) (Date, error) {
	if len(s) > maxInput {
		return Date{}, KindDate.Wrap(ErrLength)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, KindDate.Wrap(ErrEmpty)
	}
	if len(s) != len("YYYY-MM-DD") {
		return Date{}, KindDate.Wrap(ErrLength)
	}
	var clear uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i == 4 || i == 7:
			if c != '-' {
				return Date{}, KindDate.Wrap(ErrSeparator)
			}
		case c >= '0' && c <= '9':
			clear = clear*10 + uint64(c-'0')
		default:
			return Date{}, KindDate.Wrap(ErrNotDigit)
		}
	}
	y, m, d := int(clear/10000), int(clear/100%100), int(clear%100)
	if y < minYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, KindDate.Wrap(ErrDate)
	}
	switch after, sure := ref.after(dateKey(y, m, d)); {
	case !sure:
		return Date{}, errUnsure
	case after:
		return Date{}, KindDate.Wrap(ErrDate)
	}
	return Date{v: hideNum(clear)}, nil
}

// Reveal returns the clear date "YYYY-MM-DD", or "" for the zero value.
func (d Date) Reveal() string {
	clear, ok := showNum(d.v)
	if !ok {
		return ""
	}
	var b [10]byte
	for i := 9; i >= 0; i-- {
		if i == 4 || i == 7 {
			b[i] = '-'
			continue
		}
		b[i] = byte('0' + clear%10)
		clear /= 10
	}
	return string(b[:])
}

// Time returns the date at UTC midnight, or the zero time for the zero value.
func (d Date) Time() time.Time {
	clear, ok := showNum(d.v)
	if !ok {
		return time.Time{}
	}
	return time.Date(int(clear/10000), time.Month(clear/100%100), int(clear%100), 0, 0, 0, 0, time.UTC)
}

// String returns "****-**-**", or "" for the zero value.
func (d Date) String() string {
	if d.v == 0 {
		return ""
	}
	return dateMask
}

// IsZero reports whether d is the zero value (no date).
func (d Date) IsZero() bool { return d.v == 0 }

// Equal reports whether d and other are the same date (go-cmp uses it).
func (d Date) Equal(other Date) bool { return d.v == other.v }

// Format implements fmt.Formatter: every verb prints the masked form.
func (d Date) Format(f fmt.State, verb rune) { formatMasked(f, verb, d.String()) }

// GoString implements fmt.GoStringer with the masked form as a quoted string.
func (d Date) GoString() string { return goStringMasked(d.String()) }

// LogValue implements slog.LogValuer with the masked form.
func (d Date) LogValue() slog.Value { return logValueMasked(d.String()) }

// MarshalJSON implements json.Marshaler with the masked form as a JSON string.
func (d Date) MarshalJSON() ([]byte, error) { return marshalJSONMasked(d.String()) }

// MarshalText implements encoding.TextMarshaler with the masked form.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: it accepts the clear
// form "YYYY-MM-DD" (ParseDate); masked text fails with ErrMasked; empty
// text gives the zero value.
func (d *Date) UnmarshalText(text []byte) error {
	s := string(text)
	switch {
	case looksMasked(s):
		return KindDate.Wrap(ErrMasked)
	case isBlank(s):
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler like UnmarshalText; null leaves
// d unchanged.
func (d *Date) UnmarshalJSON(data []byte) error {
	s, isNull, err := decodeJSONString(KindDate, data)
	if err != nil || isNull {
		return err
	}
	return d.UnmarshalText([]byte(s))
}
