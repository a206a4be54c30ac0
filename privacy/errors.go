package privacy

import "errors"

// Sentinel errors shared by every parser in the package. They are wrapped in
// a *ParseError that names the kind of input, so match them with errors.Is.
var (
	// ErrEmpty means the input was empty or only whitespace.
	ErrEmpty = errors.New("is empty")
	// ErrLength means the input has the wrong number of characters or digits.
	ErrLength = errors.New("has the wrong length")
	// ErrNotDigit means a character that must be an ASCII digit is not.
	// Other scripts' digits (full-width, Arabic-Indic) are rejected too.
	ErrNotDigit = errors.New("contains a character that is not a digit")
	// ErrSeparator means a separator is misplaced, repeated, of the wrong
	// kind, or inconsistent with the number (a '+' for someone under 100).
	ErrSeparator = errors.New("has a wrong separator")
	// ErrDate means the date part is not a real calendar date or lies in
	// the future.
	ErrDate = errors.New("has an impossible or future date")
	// ErrBirthNumber means the birth number (digits 7–9 of the 10-digit
	// form) is 000, which is never issued.
	ErrBirthNumber = errors.New("has an all-zero birth number")
	// ErrCheckDigit means the Luhn check digit does not match.
	ErrCheckDigit = errors.New("check digit is wrong")
	// ErrMasked means a masked value (as printed by this package) was given
	// to a decoder, which accepts only the clear form.
	ErrMasked = errors.New("is masked, the clear value is needed")
	// ErrPrefix means a prefix is not allowed: a 12-digit organisation
	// number not starting 16 (or 19/20 for a sole trader), or a phone number
	// that is not Swedish or does not start with 0.
	ErrPrefix = errors.New("has a prefix that is not allowed")
	// ErrGroupNumber means an organisation number's digits 3–4 are below 20
	// (so it is not a legal person's number) and it is not a valid personal
	// identity number either.
	ErrGroupNumber = errors.New("is neither a legal person's number nor a personal identity number")
	// ErrSyntax means the input does not follow the required syntax (e-mail).
	ErrSyntax = errors.New("has invalid syntax")
)

// Kinds of input named in a ParseError.
const (
	kindPersonal     = "personal identity number"
	kindOrganisation = "organisation number"
	kindPhone        = "phone number"
	kindEmail        = "email address"
	kindDate         = "date"
	kindText         = "text"
	// kindSealed and kindToken are declared in seal.go and token.go.
)

// swedishKinds translates ParseError.Kind for Swedish.
var swedishKinds = map[string]string{
	kindPersonal:     "personnummer",
	kindOrganisation: "organisationsnummer",
	kindPhone:        "telefonnummer",
	kindEmail:        "e-postadress",
	kindDate:         "datum",
	kindText:         "text",
	kindSealed:       "förseglat värde",
	kindToken:        "token",
}

// swedishReasons translates the sentinel errors for Swedish.
var swedishReasons = map[error]string{
	ErrEmpty:       "saknas",
	ErrLength:      "har fel längd",
	ErrNotDigit:    "innehåller ett tecken som inte är en siffra",
	ErrSeparator:   "har fel skiljetecken",
	ErrDate:        "har ett datum som inte finns eller ligger i framtiden",
	ErrBirthNumber: "har ett födelsenummer med bara nollor",
	ErrCheckDigit:  "kontrollsiffran stämmer inte",
	ErrMasked:      "är maskerat, det riktiga värdet behövs",
	ErrPrefix:      "har ett prefix som inte är tillåtet",
	ErrGroupNumber: "är varken ett organisationsnummer för en juridisk person eller ett personnummer",
	ErrSyntax:      "har felaktig form",
}

// ParseError reports why an input was rejected. It names the kind of input
// and wraps a sentinel error; it never holds the input itself, because the
// input may be personal data.
type ParseError struct {
	// Kind names the kind of input in English, e.g. "personal identity number".
	Kind string
	// Err is one of the package's sentinel errors.
	Err error
}

// Error returns e.g. "personal identity number: check digit is wrong".
func (e *ParseError) Error() string {
	if e.Err == nil {
		return e.Kind + ": invalid"
	}
	return e.Kind + ": " + e.Err.Error()
}

// Unwrap returns the sentinel so errors.Is works.
func (e *ParseError) Unwrap() error { return e.Err }

// Swedish returns the message in Swedish for end users, e.g.
// "personnummer: kontrollsiffran stämmer inte".
func (e *ParseError) Swedish() string {
	kind, ok := swedishKinds[e.Kind]
	if !ok {
		kind = e.Kind
	}
	reason, ok := swedishReasons[e.Err]
	if !ok {
		reason = "är ogiltigt"
	}
	return kind + ": " + reason
}

// parseErr builds a *ParseError; a helper keeps the call sites short.
func parseErr(kind string, err error) error {
	return &ParseError{Kind: kind, Err: err}
}
