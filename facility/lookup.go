package facility

import (
	"context"

	"github.com/gridnotify/gridnotify/privacy"
)

// Sentinel errors returned by [Lookup] implementations. Branch on them with
// errors.Is: implementations may wrap them in errors that say more (never
// the numbers searched for, nor any personal data).
var (
	// ErrNotFound means no facility has the facility ID searched for, or,
	// when only a meter number was given, no facility has that meter number.
	ErrNotFound = privacy.NewError("facility: not found", "Anläggningen hittades inte.")
	// ErrMismatch means the facility ID was found but its meter number is
	// not the one given with it — typically a stale number typed by the
	// installer. The manual's remedy: clear the old meter number and ID and
	// search again.
	ErrMismatch = privacy.NewError("facility: facility ID and meter number do not belong together",
		"Anläggnings-ID och mätarnummer hör inte ihop.")
	// ErrEmptyQuery means the query had neither a facility ID nor a meter
	// number.
	ErrEmptyQuery = privacy.NewError("facility: query has neither facility ID nor meter number",
		"Sökningen saknar både anläggnings-ID och mätarnummer.")
)

// Query is what the installer searches by: "Mätarnummer eller Anläggnings
// ID (EAN)". Give one or both. MeterNumber is compared exactly, so build it
// with [ParseMeterNumber].
type Query struct {
	// ID is the facility ID; zero when not given.
	ID EAN
	// MeterNumber is the meter number; empty when not given.
	MeterNumber MeterNumber
}

// IsZero reports whether the query has neither an ID nor a meter number.
func (q Query) IsZero() bool { return q.ID.IsZero() && q.MeterNumber == "" }

// Lookup is the port behind the manual's "Hämta anl-data": the grid
// company's register of facilities. [Registry] is the in-memory
// implementation; package facilitytest checks any implementation.
//
// Find's contract:
//   - An empty query returns ErrEmptyQuery.
//   - ID only: the facility with that ID, or ErrNotFound.
//   - Meter number only: the facility with that meter number, or
//     ErrNotFound.
//   - Both: the facility ID decides — ErrNotFound if no facility has it —
//     and that facility's meter number must equal the one given, else
//     ErrMismatch. So a stale meter number next to a right ID is never
//     silently ignored.
//   - The record returned has its identity numbers withheld
//     ([Record.Withhold]) and shares no memory with the implementation.
//   - A canceled or expired ctx returns ctx.Err() (errors.Is works with
//     context.Canceled and context.DeadlineExceeded).
//   - Errors never contain the numbers searched for or any personal data.
//   - Find is safe for concurrent use.
type Lookup interface {
	// Find returns the record of the facility q names, following the contract above.
	Find(ctx context.Context, q Query) (Record, error)
}

// lookupError is a not-found or mismatch error with a specific English and
// Swedish message. The values are fixed, so returning one allocates
// nothing and can carry no input.
type lookupError struct {
	en, sv string
	err    error
}

// Error returns the English message.
func (e *lookupError) Error() string { return e.en }

// Unwrap returns the sentinel (ErrNotFound, ErrMismatch or ErrEmptyQuery).
func (e *lookupError) Unwrap() error { return e.err }

// Swedish returns the message for the installer's UI.
func (e *lookupError) Swedish() string { return e.sv }

// Errors returned by Registry.Find. Callers see them through the sentinels
// and may call Swedish() via an interface assertion.
var (
	errEmptyQuery = &lookupError{
		en:  ErrEmptyQuery.Error(),
		sv:  "Ange mätarnummer eller anläggnings-ID",
		err: ErrEmptyQuery,
	}
	errNoSuchID = &lookupError{
		en:  "facility: no facility with that facility ID",
		sv:  "Det finns ingen anläggning med det anläggnings-ID:t",
		err: ErrNotFound,
	}
	errNoSuchMeter = &lookupError{
		en:  "facility: no facility with that meter number",
		sv:  "Det finns ingen anläggning med det mätarnumret",
		err: ErrNotFound,
	}
	errMismatch = &lookupError{
		en:  "facility: the facility with that ID has another meter number",
		sv:  "Anläggningen med det anläggnings-ID:t har ett annat mätarnummer",
		err: ErrMismatch,
	}
)
