package privacy

import (
	"fmt"
	"log/slog"
)

// Bits of OrganisationNumber's clear value above the ten digits.
const orgPersonalBit = uint64(1) << 62

// OrganisationNumber is a Swedish organisation number (organisationsnummer),
// held as its ten digits.
//
// A legal person's number is public and prints in full ("556016-0680"). A
// sole trader's (enskild näringsidkare) number IS their personal identity
// number, so it is personal data and is masked like one ("YYMMDD-****")
// in every output channel. Both kinds are stored obfuscated. The zero value
// means "no number" and prints as "".
type OrganisationNumber struct {
	v uint64 // hideNum(ten digits | orgPersonalBit if personal); 0 = empty
}

// ParseOrganisationNumber parses an organisation number.
//
// Accepted, after trimming surrounding whitespace: NNNNNN-NNNN, NNNNNNNNNN,
// 16NNNNNNNNNN and 16NNNNNN-NNNN. The Luhn check digit is checked over the
// ten digits (ErrCheckDigit). A legal person's number has digits 3–4 ≥ 20.
//
// When digits 3–4 are below 20 the number must be a valid personal identity
// number or coordination number (a sole trader): then the personal forms
// are accepted too — YYMMDD+NNNC and 12 digits with century 19 or 20 — the
// century of 10-digit forms is resolved against time.Now as in
// ParsePersonalIdentityNumber, and IsPersonal reports true. If it is not a
// valid personal number either, the error is ErrGroupNumber.
//
// ErrPrefix: a 12-digit form not starting 16, 19 or 20, or starting 19/20
// with a legal person's number. ErrSeparator: a misplaced separator, or '+'
// on a legal person's number. It allocates nothing, on success or on error.
func ParseOrganisationNumber(s string) (OrganisationNumber, error) {
	var d [12]byte
	n, sep, ok := scanFast(s, &d)
	if !ok {
		var err error
		if n, sep, err = scanSlow(s, &d); err != nil {
			return OrganisationNumber{}, KindOrganisationNumber.Wrap(err)
		}
	}
	century := -1 // unknown: resolve like a 10-digit personal number
	if n == 12 {
		switch p := num2(d[0], d[1]); p {
		case 16:
		case 19, 20:
			century = p
		default:
			return OrganisationNumber{}, KindOrganisationNumber.Wrap(ErrPrefix)
		}
	}
	t := lastTen(&d, n)
	if !luhnValid(t) {
		return OrganisationNumber{}, KindOrganisationNumber.Wrap(ErrCheckDigit)
	}
	var clear uint64
	for _, d := range t {
		clear = clear*10 + uint64(d)
	}
	if num2(t[2], t[3]) >= 20 {
		switch {
		case century >= 0:
			return OrganisationNumber{}, KindOrganisationNumber.Wrap(ErrPrefix)
		case sep == '+':
			return OrganisationNumber{}, KindOrganisationNumber.Wrap(ErrSeparator)
		}
		return OrganisationNumber{v: hideNum(clear)}, nil
	}
	_, err := checkPersonal(t, century, sep == '+', today.get())
	if err == errUnsure {
		_, err = checkPersonal(t, century, sep == '+', today.exact())
	}
	if err != nil {
		return OrganisationNumber{}, KindOrganisationNumber.Wrap(ErrGroupNumber)
	}
	return OrganisationNumber{v: hideNum(clear | orgPersonalBit)}, nil
}

// ten writes the clear ten digits into b and reports whether the number is
// personal; ok is false for the zero value.
func (o OrganisationNumber) ten(b *[10]byte) (personal, ok bool) {
	clear, ok := showNum(o.v)
	if !ok {
		return false, false
	}
	personal = clear&orgPersonalBit != 0
	clear &^= orgPersonalBit
	for i := 9; i >= 0; i-- {
		b[i] = byte('0' + clear%10)
		clear /= 10
	}
	return personal, true
}

// Reveal returns the clear ten digits "NNNNNNNNNN", or "" for the zero
// value. For a sole trader this is a personal identity number: treat it as
// personal data.
func (o OrganisationNumber) Reveal() string {
	var b [10]byte
	if _, ok := o.ten(&b); !ok {
		return ""
	}
	return string(b[:])
}

// VATNumber returns the VAT registration number "SE" + ten digits + "01",
// or "" for the zero value. A legal person's is public and returned clear. A
// sole trader's contains their personal identity number, so, like String, it
// hides the last four digits ("SE880320****01"); [OrganisationNumber.RevealVATNumber]
// is the deliberate way to the clear form.
func (o OrganisationNumber) VATNumber() string {
	if o.IsPersonal() {
		var b [10]byte
		if _, ok := o.ten(&b); !ok {
			return ""
		}
		return "SE" + string(b[:6]) + "****01"
	}
	return o.RevealVATNumber()
}

// RevealVATNumber returns the clear VAT registration number, also for a sole
// trader, whose number is then personal data: handle it like Reveal's result.
func (o OrganisationNumber) RevealVATNumber() string {
	var b [10]byte
	if _, ok := o.ten(&b); !ok {
		return ""
	}
	var out [14]byte
	copy(out[:], "SE")
	copy(out[2:], b[:])
	copy(out[12:], "01")
	return string(out[:])
}

// IsPersonal reports whether the number is a sole trader's personal
// identity number (and so personal data).
func (o OrganisationNumber) IsPersonal() bool {
	var b [10]byte
	personal, _ := o.ten(&b)
	return personal
}

// Kind returns the legal form from the first digit, KindSoleTrader for a
// personal number, KindUnknown for the zero value or an unassigned digit.
func (o OrganisationNumber) Kind() OrganisationKind {
	var b [10]byte
	personal, ok := o.ten(&b)
	switch {
	case !ok:
		return KindUnknown
	case personal:
		return KindSoleTrader
	}
	return kindByDigit[b[0]-'0']
}

// String returns "NNNNNN-NNNN" in full for a legal person (public data) and
// the masked "YYMMDD-****" for a sole trader; "" for the zero value.
func (o OrganisationNumber) String() string {
	var b [10]byte
	personal, ok := o.ten(&b)
	if !ok {
		return ""
	}
	var out [11]byte
	copy(out[:6], b[:6])
	out[6] = '-'
	if personal {
		copy(out[7:], "****")
	} else {
		copy(out[7:], b[6:])
	}
	return string(out[:])
}

// IsZero reports whether o is the zero value (no number).
func (o OrganisationNumber) IsZero() bool { return o.v == 0 }

// Equal reports whether o and other are the same number (go-cmp uses it).
func (o OrganisationNumber) Equal(other OrganisationNumber) bool { return o.v == other.v }

// Format implements fmt.Formatter: every verb prints String's form.
func (o OrganisationNumber) Format(f fmt.State, verb rune) { formatMasked(f, verb, o.String()) }

// GoString implements fmt.GoStringer with String's form as a quoted string.
func (o OrganisationNumber) GoString() string { return goStringMasked(o.String()) }

// LogValue implements slog.LogValuer with String's form.
func (o OrganisationNumber) LogValue() slog.Value { return logValueMasked(o.String()) }

// MarshalJSON implements json.Marshaler with String's form as a JSON string.
func (o OrganisationNumber) MarshalJSON() ([]byte, error) { return marshalJSONMasked(o.String()) }

// MarshalText implements encoding.TextMarshaler with String's form.
func (o OrganisationNumber) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: it accepts the clear
// form (anything ParseOrganisationNumber accepts); a masked sole trader's
// number fails with ErrMasked; empty text gives the zero value. A legal
// person's String form is its clear form, so it does round-trip.
func (o *OrganisationNumber) UnmarshalText(text []byte) error {
	s := string(text)
	switch {
	case looksMasked(s):
		return KindOrganisationNumber.Wrap(ErrMasked)
	case isBlank(s):
		*o = OrganisationNumber{}
		return nil
	}
	v, err := ParseOrganisationNumber(s)
	if err != nil {
		return err
	}
	*o = v
	return nil
}

// UnmarshalJSON implements json.Unmarshaler like UnmarshalText; null leaves
// o unchanged.
func (o *OrganisationNumber) UnmarshalJSON(data []byte) error {
	s, isNull, err := decodeJSONString(KindOrganisationNumber, data)
	if err != nil || isNull {
		return err
	}
	return o.UnmarshalText([]byte(s))
}
