package facility

import "errors"

// reason is the type of the parse sentinels. It carries a Swedish text next
// to the English one so that [ParseError.Swedish] can build a message for
// the installer's UI without a translation table kept elsewhere.
type reason struct {
	en, sv string
}

// Error returns the English reason, without a field name.
func (r *reason) Error() string { return r.en }

// Sentinel errors wrapped by *ParseError. Callers branch on them with
// errors.Is; the texts never contain the input value.
var (
	// ErrEmpty means the input was empty or only whitespace.
	ErrEmpty error = &reason{"is empty", "saknas"}
	// ErrLength means the input had too few or too many characters or
	// digits (also returned early for inputs longer than 64 bytes).
	ErrLength error = &reason{"has the wrong length", "har fel längd"}
	// ErrNotDigit means a character that must be a digit is not an ASCII
	// digit (full-width and other Unicode digits are not accepted).
	ErrNotDigit error = &reason{"contains a character that is not a digit", "innehåller ett tecken som inte är en siffra"}
	// ErrCheckDigit means the check digit does not match the other digits.
	ErrCheckDigit error = &reason{"check digit is wrong", "kontrollsiffran stämmer inte"}
	// ErrSyntax means the input is not in an accepted form (a character
	// that is not allowed, punctuation in the wrong place, ...).
	ErrSyntax error = &reason{"is not in a valid form", "har fel format"}
	// ErrNotStandard means a fuse size is not one of [StandardFuseSizes].
	ErrNotStandard error = &reason{"is not a standard fuse size", "är inte en standardstorlek för säkringar"}
)

// maxInput is the length, in bytes, above which a parser gives up at once
// with ErrLength, before looking at the content: no identifier in this
// package is anywhere near it, and a bound keeps parsing cheap on hostile
// input.
const maxInput = 64

// Field names used in ParseError.Field; they are the JSON names of the
// fields the value is parsed for.
const (
	fieldFacilityID      = "facilityId"
	fieldMeterNumber     = "meterNumber"
	fieldTechnicalNumber = "technicalNumber"
	fieldArea            = "area"
	fieldPostalCode      = "postalCode"
	fieldMainFuse        = "mainFuse"
	fieldKind            = "kind"
)

// swedishLabels gives the Swedish label, as the manual's form shows it, for
// each field name.
var swedishLabels = map[string]string{
	fieldFacilityID:      "Anläggnings-ID",
	fieldMeterNumber:     "Mätarnummer",
	fieldTechnicalNumber: "Tekniskt nummer",
	fieldArea:            "Nätområde",
	fieldPostalCode:      "Postnummer",
	fieldMainFuse:        "Huvudsäkring",
	fieldKind:            "Typ",
}

// ParseError is returned by every parser in this package. It says which
// field was being parsed and why it failed — never what the input was,
// because an input typed into the wrong box may be personal data.
type ParseError struct {
	// Field is the JSON-style name of the field, e.g. "facilityId",
	// "meterNumber", "technicalNumber", "area", "postalCode", "mainFuse".
	Field string
	// Err is one of the package's sentinel errors.
	Err error
}

// Error returns an English message such as "facilityId: check digit is wrong".
func (e *ParseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	msg := "invalid"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	return e.Field + ": " + msg
}

// Unwrap returns the sentinel error, so errors.Is(err, ErrCheckDigit) works.
func (e *ParseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Swedish returns the message in Swedish for the installer's UI, e.g.
// "Anläggnings-ID: kontrollsiffran stämmer inte".
func (e *ParseError) Swedish() string {
	if e == nil {
		return "<nil>"
	}
	label, ok := swedishLabels[e.Field]
	if !ok {
		label = e.Field
	}
	msg := "felaktigt värde"
	var r *reason
	if errors.As(e.Err, &r) {
		msg = r.sv
	}
	return label + ": " + msg
}

// parseError builds a *ParseError. Parse errors are the unhappy path, so
// the allocation is of no concern.
func parseError(field string, err error) error {
	return &ParseError{Field: field, Err: err}
}
