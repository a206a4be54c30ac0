package privacy

import (
	"unicode"
	"unicode/utf8"
)

// Localized is implemented by every error of gridnotify that a person may read: Error() is English, Swedish() is Swedish.
type Localized interface {
	error
	Swedish() string
}

// NewError returns a sentinel error a person may read, in both languages: Error() is english,
// Swedish() is swedish. The packages of gridnotify make their sentinels with it, so that
// every one of them is [Localized]; match them with errors.Is.
func NewError(english, swedish string) error { return &localized{english, swedish} }

type localized struct{ en, sv string }

func (e *localized) Error() string   { return e.en }
func (e *localized) Swedish() string { return e.sv }

// reason is the type of the parse sentinels. Each carries its texts in
// English and Swedish, as a phrase that follows the kind of input ("check
// digit is wrong", "kontrollsiffran stämmer inte") and as a sentence of its
// own ("The check digit is wrong.", "Kontrollsiffran stämmer inte."). None
// of them holds an input value.
type reason struct {
	idx    int    // position in reasons, and in Kind's preallocated errors
	en, sv string // phrases after the kind
	enS    string // English sentence
	svS    string // Swedish sentence
}

// Error returns the English phrase, e.g. "check digit is wrong".
func (r *reason) Error() string { return r.en }

// Swedish returns the Swedish phrase, e.g. "kontrollsiffran stämmer inte".
func (r *reason) Swedish() string { return r.sv }

// The sentinels' positions in reasons.
const (
	idxEmpty = iota
	idxLength
	idxNotDigit
	idxSeparator
	idxDate
	idxBirthNumber
	idxCheckDigit
	idxMasked
	idxPrefix
	idxGroupNumber
	idxSyntax
	idxNotStandard
	idxControl
	idxEncoding
	numReasons
)

// Sentinel errors shared by every parser of gridnotify (this package's and
// package facility's). They are wrapped in a *ParseError that names the kind
// of input, so match them with errors.Is.
var (
	// ErrEmpty means the input was empty or only whitespace.
	ErrEmpty error = &reason{idxEmpty, "is empty", "saknas",
		"The field is empty.", "Fältet är tomt."}
	// ErrLength means the input has the wrong number of characters or
	// digits; parsers of identifiers also return it at once for input
	// longer than 64 bytes.
	ErrLength error = &reason{idxLength, "has the wrong length", "har fel längd",
		"It has the wrong length (too many or too few characters).", "Det har fel längd (för många eller för få tecken)."}
	// ErrNotDigit means a character that must be an ASCII digit is not.
	// Other scripts' digits (full-width, Arabic-Indic) are rejected too.
	ErrNotDigit error = &reason{idxNotDigit, "contains a character that is not a digit", "innehåller ett tecken som inte är en siffra",
		"It contains a character that is not a digit.", "Det innehåller ett tecken som inte är en siffra."}
	// ErrSeparator means a separator is misplaced, repeated, of the wrong
	// kind, or inconsistent with the number (a '+' for someone under 100).
	ErrSeparator error = &reason{idxSeparator, "has a wrong separator", "har fel skiljetecken",
		"A separator is wrong or in the wrong place.", "Ett skiljetecken är fel eller står på fel plats."}
	// ErrDate means the date part is not a real calendar date or lies in
	// the future.
	ErrDate error = &reason{idxDate, "has an impossible or future date", "har ett datum som inte finns eller ligger i framtiden",
		"The date does not exist or lies in the future.", "Datumet finns inte eller ligger i framtiden."}
	// ErrBirthNumber means the birth number (digits 7–9 of the 10-digit
	// form) is 000, which is never issued.
	ErrBirthNumber error = &reason{idxBirthNumber, "has an all-zero birth number", "har ett födelsenummer med bara nollor",
		"The birth number must not be 000.", "Födelsenumret får inte vara 000."}
	// ErrCheckDigit means the check digit (Luhn, or GS1 mod-10 for a
	// facility ID) does not match the other digits.
	ErrCheckDigit error = &reason{idxCheckDigit, "check digit is wrong", "kontrollsiffran stämmer inte",
		"The check digit is wrong.", "Kontrollsiffran stämmer inte."}
	// ErrMasked means a masked value (as printed by this package) was given
	// to a decoder, which accepts only the clear form.
	ErrMasked error = &reason{idxMasked, "is masked, the clear value is needed", "är maskerat, det riktiga värdet behövs",
		"The value is masked; the clear value is needed.", "Värdet är maskerat; det riktiga värdet behövs."}
	// ErrPrefix means a prefix is not allowed: a 12-digit organisation
	// number not starting 16 (or 19/20 for a sole trader), or a phone number
	// that is not Swedish or does not start with 0.
	ErrPrefix error = &reason{idxPrefix, "has a prefix that is not allowed", "har ett prefix som inte är tillåtet",
		"It starts with a prefix that is not allowed.", "Det börjar med ett prefix som inte är tillåtet."}
	// ErrGroupNumber means an organisation number's digits 3–4 are below 20
	// (so it is not a legal person's number) and it is not a valid personal
	// identity number either.
	ErrGroupNumber error = &reason{idxGroupNumber, "is neither a legal person's number nor a personal identity number", "är varken ett organisationsnummer för en juridisk person eller ett personnummer",
		"It is neither a legal person's organisation number nor a personal identity number.", "Det är varken ett organisationsnummer för en juridisk person eller ett personnummer."}
	// ErrSyntax means the input is not in an accepted form: a character
	// that is not allowed, punctuation in the wrong place, an e-mail address
	// that is not one, JSON that is not a string.
	ErrSyntax error = &reason{idxSyntax, "is not in a valid form", "har fel format",
		"It is not in a valid form.", "Det har fel format."}
	// ErrNotStandard means a value is not one of the standard sizes, e.g. a
	// main fuse that is not one of the standard fuse sizes.
	ErrNotStandard error = &reason{idxNotStandard, "is not a standard size", "är inte en standardstorlek",
		"It is not one of the standard sizes.", "Det är inte en av standardstorlekarna."}
	// ErrControl means free text contains a control character (Unicode
	// category Cc, such as NUL) that the field does not allow: any of them
	// in a single-line field; any but newline and tab in a multi-line one.
	ErrControl error = &reason{idxControl, "contains a control character that is not allowed", "innehåller ett otillåtet styrtecken",
		"It contains a control character that is not allowed.", "Det innehåller ett styrtecken som inte är tillåtet."}
	// ErrEncoding means text is not valid UTF-8.
	ErrEncoding error = &reason{idxEncoding, "is not valid UTF-8", "är inte giltig UTF-8",
		"It is not valid UTF-8.", "Det är inte giltig UTF-8."}
)

// reasons lists the sentinels by idx.
var reasons = [numReasons]*reason{
	ErrEmpty.(*reason), ErrLength.(*reason), ErrNotDigit.(*reason), ErrSeparator.(*reason),
	ErrDate.(*reason), ErrBirthNumber.(*reason), ErrCheckDigit.(*reason), ErrMasked.(*reason),
	ErrPrefix.(*reason), ErrGroupNumber.(*reason), ErrSyntax.(*reason), ErrNotStandard.(*reason),
	ErrControl.(*reason), ErrEncoding.(*reason),
}

// asReason returns err as one of the sentinels, or nil. Every *reason is
// one of them: the type is unexported and the package makes no others.
func asReason(err error) *reason {
	r, _ := err.(*reason)
	return r
}

// Kind names the kind of input a [ParseError] is about, in English and in
// Swedish, so that a caller can name the field in either language. Package
// privacy declares the kinds of its own parsers (KindPersonalIdentityNumber
// and so on) and package facility its own; other packages may add theirs
// with [NewKind]. Compare kinds with ==.
//
// A Kind holds one preallocated *ParseError per sentinel error, which is how
// every parser returns an error without allocating.
type Kind struct {
	en, sv string
	errs   [numReasons]ParseError
	msgs   [numReasons]struct{ en, sv string } // "kind: phrase"
}

// NewKind returns a new kind of input named english and swedish: nouns as
// they read in the middle of a sentence, e.g. ("facility ID",
// "anläggnings-ID"). Call it once per kind, when a package is initialised,
// and keep the result: it is shared by every error of that kind.
func NewKind(english, swedish string) *Kind {
	k := &Kind{en: english, sv: swedish}
	for i, r := range reasons {
		k.errs[i] = ParseError{Kind: k, Err: r}
		k.msgs[i].en = english + ": " + r.en
		k.msgs[i].sv = upperFirst(swedish) + ": " + r.sv
	}
	return k
}

// upperFirst returns s with its first letter in upper case: a Swedish
// message starts with a capital, as a sentence does.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// The kinds of input of this package's parsers.
var (
	// KindPersonalIdentityNumber is a personal identity number or
	// coordination number ("personnummer").
	KindPersonalIdentityNumber = NewKind("personal identity number", "personnummer")
	// KindOrganisationNumber is an organisation number ("organisationsnummer").
	KindOrganisationNumber = NewKind("organisation number", "organisationsnummer")
	// KindPhone is a phone number ("telefonnummer").
	KindPhone = NewKind("phone number", "telefonnummer")
	// KindEmail is an e-mail address ("e-postadress").
	KindEmail = NewKind("email address", "e-postadress")
	// KindDate is a date ("datum").
	KindDate = NewKind("date", "datum")
	// KindText is free text ("text").
	KindText = NewKind("text", "text")
	// KindSealed is a sealed value ("förseglat värde").
	KindSealed = NewKind("sealed value", "förseglat värde")
	// KindToken is a token ("token").
	KindToken = NewKind("token", "token")
)

// String returns the English name, e.g. "personal identity number"; "value"
// for a nil Kind.
func (k *Kind) String() string {
	if k == nil {
		return "value"
	}
	return k.en
}

// Swedish returns the Swedish name, e.g. "personnummer"; "värde" for a nil
// Kind.
func (k *Kind) Swedish() string {
	if k == nil {
		return "värde"
	}
	return k.sv
}

// Wrap returns a *ParseError of kind k wrapping err. For one of the
// sentinel errors of this package it returns the preallocated error and so
// allocates nothing; for any other error it allocates a new *ParseError.
// err must not hold personal data: parse errors are shown to people and
// logged.
func (k *Kind) Wrap(err error) error {
	if r := asReason(err); r != nil && k != nil {
		return &k.errs[r.idx]
	}
	return &ParseError{Kind: k, Err: err}
}

// ParseError reports why an input was rejected. It names the kind of input
// and wraps a sentinel error (match it with errors.Is); it never holds the
// input itself, because the input may be personal data.
//
// Parsers return shared, preallocated values: treat a *ParseError you
// receive as read-only.
type ParseError struct {
	// Kind is the kind of input, with its English and Swedish names.
	Kind *Kind
	// Err is one of the sentinel errors of this package (ErrEmpty,
	// ErrCheckDigit, ...).
	Err error
}

// Error returns the English message, e.g. "personal identity number: check
// digit is wrong".
func (e *ParseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	if r := asReason(e.Err); r != nil && e.Kind != nil {
		return e.Kind.msgs[r.idx].en
	}
	if e.Err == nil {
		return e.Kind.String() + ": invalid"
	}
	return e.Kind.String() + ": " + e.Err.Error()
}

// Unwrap returns the sentinel so that errors.Is works.
func (e *ParseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Swedish returns the message in Swedish, e.g. "Personnummer:
// kontrollsiffran stämmer inte".
func (e *ParseError) Swedish() string {
	if e == nil {
		return "<nil>"
	}
	if r := asReason(e.Err); r != nil && e.Kind != nil {
		return e.Kind.msgs[r.idx].sv
	}
	if l, ok := e.Err.(Localized); ok {
		return upperFirst(e.Kind.Swedish()) + ": " + l.Swedish()
	}
	return upperFirst(e.Kind.Swedish()) + ": är ogiltigt"
}

// Reason returns what is wrong as a sentence of its own in Swedish and in
// English, without naming the kind of input, e.g. ("Kontrollsiffran stämmer
// inte.", "The check digit is wrong."): the text to show next to a field
// whose label the caller shows already.
func (e *ParseError) Reason() (sv, en string) {
	if e == nil {
		return "Ogiltigt värde.", "Invalid value."
	}
	if r := asReason(e.Err); r != nil {
		return r.svS, r.enS
	}
	if l, ok := e.Err.(Localized); ok {
		return l.Swedish(), l.Error()
	}
	return "Ogiltigt värde.", "Invalid value."
}
