package privacy

import (
	"fmt"
	"log/slog"
	"time"
)

// PersonalIdentityNumber is a Swedish personal identity number
// (personnummer) or coordination number (samordningsnummer), normalised to
// twelve digits YYYYMMDDNNNC.
//
// It is masked in every output channel (see the package doc); the zero
// value means "no number" and prints as "". The digits are stored
// obfuscated, so even a raw dump of a struct holding it shows no digits.
// Values compare with == or Equal.
type PersonalIdentityNumber struct {
	v uint64 // hideNum(YYYYMMDDNNNC); 0 = empty
}

// ParsePersonalIdentityNumber parses a personal identity number or
// coordination number with today (time.Now, in time.Local) as the reference
// date for the century of 10-digit forms and for the future-date check. See
// ParsePersonalIdentityNumberAt for the rules.
//
// It does not read the clock on every call: today's date is cached and
// renewed every second while in use, and a number whose answer could turn on
// the date changing (born today or tomorrow, or a century that depends on
// it) is checked against the clock itself. It allocates nothing, on success
// or on error.
func ParsePersonalIdentityNumber(s string) (PersonalIdentityNumber, error) {
	// parsePersonal(s, today.get(), true), written out: this is the hot path.
	var ref refDay
	if v := today.span.Load(); v != 0 && today.used.Load() {
		ref = unpack(v)
	} else {
		ref = today.getSlow()
	}
	var d [12]byte
	n, sep, ok := scanFast(s, &d)
	if !ok {
		return parsePersonal(s, ref, true)
	}
	century := -1
	if n == 12 {
		century = num2(d[0], d[1])
	}
	t := lastTen(&d, n)
	clear, err := checkPersonal(t, century, sep == '+', ref)
	if err != nil {
		return parsePersonal(s, ref, true) // the error, or the exact date
	}
	return PersonalIdentityNumber{v: hideNum(clear)}, nil
}

// ParsePersonalIdentityNumberAt parses a personal identity number or
// coordination number relative to the reference date ref (its calendar day
// in ref's location).
//
// Accepted forms, after trimming surrounding whitespace: YYMMDD-NNNC,
// YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC, YYYYMMDDNNNC, and YYYYMMDD+NNNC
// (see below). Nothing else: no spaces or other characters inside the
// number, no second separator.
//
// Century of the 10-digit forms: the latest century that does not put the
// birth date after ref; a '+' separator (age 100 or more) moves it back 100
// more years. A 12-digit form carries its century; with '-' or no separator
// it is taken as is; with '+' it is accepted only if the person is at least
// 100 at ref (the '+' is then redundant but consistent), otherwise
// ErrSeparator, since a '+' that contradicts the date suggests a mistake.
//
// Checks, in this order: the date; a birth date not after ref and not
// before 1800 (ErrDate); the birth number (digits 7–9 of the 10-digit form)
// not 000 (ErrBirthNumber); the Luhn check digit over the 10-digit form
// (ErrCheckDigit).
//
// The date of a personal identity number is a real calendar date: month
// 01–12 and a day that exists in that month and year (Feb 29 only in leap
// years). A coordination number (samordningsnummer) has the day plus 60,
// and Skatteverket issues them as its published test numbers show: day 61–91
// in any month, whatever the month's length (day 91 in April, day 89 in
// February of a common year), day 60 for an unknown day and month 00 for an
// unknown month. Unknown parts count as the earliest possible for the
// century and future checks.
//
// Errors are *ParseError of KindPersonalIdentityNumber wrapping ErrEmpty,
// ErrLength, ErrNotDigit, ErrSeparator, ErrDate, ErrBirthNumber or
// ErrCheckDigit. It allocates nothing, on success or on error.
func ParsePersonalIdentityNumberAt(s string, ref time.Time) (PersonalIdentityNumber, error) {
	return parsePersonal(s, exactDay(ref), false)
}

// parsePersonal parses with reference day ref. cached says that ref may be
// inexact (the cache of today); a check that cannot decide with it is done
// again with today's exact date.
func parsePersonal(s string, ref refDay, cached bool) (PersonalIdentityNumber, error) {
	var d [12]byte
	n, sep, ok := scanFast(s, &d)
	if !ok {
		var err error
		if n, sep, err = scanSlow(s, &d); err != nil {
			return PersonalIdentityNumber{}, KindPersonalIdentityNumber.Wrap(err)
		}
	}
	century := -1
	if n == 12 {
		century = num2(d[0], d[1])
	}
	t := lastTen(&d, n)
	clear, err := checkPersonal(t, century, sep == '+', ref)
	if err == errUnsure && cached {
		clear, err = checkPersonal(t, century, sep == '+', today.exact())
	}
	if err != nil {
		return PersonalIdentityNumber{}, KindPersonalIdentityNumber.Wrap(err)
	}
	return PersonalIdentityNumber{v: hideNum(clear)}, nil
}

// checkPersonal validates the 10-digit form t and returns the 12-digit
// number YYYYMMDDNNNC. century is the given century (12-digit form) or -1
// to resolve it from ref; plus tells whether the separator was '+'. It
// returns errUnsure when ref is too imprecise for the answer.
func checkPersonal(t *[10]byte, century int, plus bool, ref refDay) (uint64, error) {
	yy := num2(t[0], t[1])
	month := num2(t[2], t[3])
	dd := num2(t[4], t[5])
	coord := dd >= 60
	day := dd
	if coord {
		day -= 60 // 0 means "day unknown"
	}
	if month > 12 || day > 31 || !coord && (month == 0 || day == 0) {
		return 0, ErrDate
	}
	md := month*100 + day // dateKey(year, month, day) = year*10000 + md
	var year int
	if century >= 0 {
		year = century*100 + yy
		if plus {
			// Under 100 at ref: the '+' contradicts the date.
			switch after, sure := ref.after((year+100)*10000 + md); {
			case !sure:
				return 0, errUnsure
			case after:
				return 0, ErrSeparator
			}
		}
		if !coord && day > daysIn(year, month) || year < minYear {
			return 0, ErrDate
		}
		switch after, sure := ref.after(year*10000 + md); {
		case !sure:
			return 0, errUnsure
		case after:
			return 0, ErrDate
		}
	} else {
		// The latest year ending in yy whose date is not after lo; with the
		// true reference day (at most hi) it is the same unless the date a
		// century later is not after hi either. The date is then not after
		// the reference day by construction.
		year = ref.year - ref.yy + yy
		if yy > ref.yy {
			year -= 100
		}
		if year*10000+md > ref.lo {
			year -= 100
		}
		if (year+100)*10000+md <= ref.hi {
			return 0, errUnsure
		}
		if plus {
			year -= 100
		}
		if !coord && day > daysIn(year, month) || year < minYear {
			return 0, ErrDate
		}
	}
	if t[6] == 0 && t[7] == 0 && t[8] == 0 {
		return 0, ErrBirthNumber
	}
	if !luhnValid(t) {
		return 0, ErrCheckDigit
	}
	clear := uint64(year)*1e8 + uint64(month)*1e6 + uint64(dd)*1e4 +
		uint64(t[6])*1000 + uint64(t[7])*100 + uint64(t[8])*10 + uint64(t[9])
	return clear, nil
}

// digits12 writes the clear 12 digits into b; ok is false for the zero value.
func (p PersonalIdentityNumber) digits12(b *[12]byte) bool {
	clear, ok := showNum(p.v)
	if !ok {
		return false
	}
	for i := 11; i >= 0; i-- {
		b[i] = byte('0' + clear%10)
		clear /= 10
	}
	return true
}

// Reveal returns the clear number as twelve digits, "YYYYMMDDNNNC", or ""
// for the zero value. This is the one deliberate way to the clear value:
// use it only where the number is needed for its purpose (e.g. the grid
// company's mandatory field or storage), never as a key, file name, URL or
// log field.
func (p PersonalIdentityNumber) Reveal() string {
	var b [12]byte
	if !p.digits12(&b) {
		return ""
	}
	return string(b[:])
}

// String returns the masked form "YYYYMMDD-****": the date digits as
// written in the number (for a coordination number the day is the real day
// plus 60, as in the number) and the last four digits hidden. The birth
// date alone does not identify a person; the last four do. "" for the zero
// value.
func (p PersonalIdentityNumber) String() string {
	var b [12]byte
	if !p.digits12(&b) {
		return ""
	}
	var out [13]byte
	copy(out[:8], b[:8])
	copy(out[8:], "-****")
	return string(out[:])
}

// IsZero reports whether p is the zero value (no number).
func (p PersonalIdentityNumber) IsZero() bool { return p.v == 0 }

// Equal reports whether p and other are the same number (go-cmp uses it).
func (p PersonalIdentityNumber) Equal(other PersonalIdentityNumber) bool { return p.v == other.v }

// IsCoordinationNumber reports whether p is a coordination number
// (samordningsnummer, day + 60).
func (p PersonalIdentityNumber) IsCoordinationNumber() bool {
	var b [12]byte
	return p.digits12(&b) && b[6] >= '6'
}

// BirthDate returns the birth date at UTC midnight: the real day, i.e. the
// day minus 60 for a coordination number. It returns the zero time for the
// zero value and for a coordination number whose birth date is incomplete
// (month 00 or day 60) or is no calendar date (day 91 in April), since no
// single date is known then.
func (p PersonalIdentityNumber) BirthDate() time.Time {
	clear, ok := showNum(p.v)
	if !ok {
		return time.Time{}
	}
	date := int(clear / 10000)
	y, m, d := date/10000, date/100%100, date%100
	if d >= 60 {
		d -= 60
	}
	if m == 0 || d == 0 || d > daysIn(y, m) {
		return time.Time{}
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// Format implements fmt.Formatter: every verb prints the masked form.
func (p PersonalIdentityNumber) Format(f fmt.State, verb rune) {
	formatMasked(f, verb, p.String())
}

// GoString implements fmt.GoStringer with the masked form as a quoted string.
func (p PersonalIdentityNumber) GoString() string { return goStringMasked(p.String()) }

// LogValue implements slog.LogValuer with the masked form.
func (p PersonalIdentityNumber) LogValue() slog.Value { return logValueMasked(p.String()) }

// MarshalJSON implements json.Marshaler with the masked form as a JSON string.
func (p PersonalIdentityNumber) MarshalJSON() ([]byte, error) { return marshalJSONMasked(p.String()) }

// MarshalText implements encoding.TextMarshaler with the masked form.
func (p PersonalIdentityNumber) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts the CLEAR
// form (any form ParsePersonalIdentityNumber accepts) so request bodies can
// be decoded; masked text fails with ErrMasked; empty text gives the zero
// value. Marshal and unmarshal deliberately do not round-trip.
func (p *PersonalIdentityNumber) UnmarshalText(text []byte) error {
	s := string(text)
	switch {
	case looksMasked(s):
		return KindPersonalIdentityNumber.Wrap(ErrMasked)
	case isBlank(s):
		*p = PersonalIdentityNumber{}
		return nil
	}
	v, err := ParsePersonalIdentityNumber(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler like UnmarshalText; null leaves
// p unchanged.
func (p *PersonalIdentityNumber) UnmarshalJSON(data []byte) error {
	s, isNull, err := decodeJSONString(KindPersonalIdentityNumber, data)
	if err != nil || isNull {
		return err
	}
	return p.UnmarshalText([]byte(s))
}
