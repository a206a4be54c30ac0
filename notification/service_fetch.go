package notification

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// FetchRequest is manual step 9: a meter number or a facility ID (EAN), and the answer to
// "Skriv över fält i anmälan?" (the zero Mode is "Ja", [merge.Overwrite]).
type FetchRequest struct {
	// MeterNumber is the meter number (Mätarnummer); required unless FacilityID is given.
	MeterNumber string `json:"meterNumber,omitempty"`
	// FacilityID is the 18-digit facility ID (Anläggnings-ID, EAN), spaces allowed; it decides
	// when both are given.
	FacilityID string `json:"facilityId,omitempty"`
	// Mode answers "Skriv över fält i anmälan?"; the zero value is [merge.Overwrite] ("Ja").
	// In JSON: "overwrite" or "fill-empty", or the manual's "Ja" or "Nej".
	Mode merge.Mode `json:"mode"`
}

// query parses the request, once, into a lookup query; every malformed field is a problem.
func (r FetchRequest) query() (facility.Query, error) {
	var q facility.Query
	var problems []validate.Problem
	var err error
	if r.FacilityID != "" {
		if q.ID, err = facility.ParseEAN(r.FacilityID); err != nil {
			problems = append(problems, problemsOf(invalidErr("facilityId", err))...)
		}
	}
	if r.MeterNumber != "" {
		if q.MeterNumber, err = facility.ParseMeterNumber(r.MeterNumber); err != nil {
			problems = append(problems, problemsOf(invalidErr("meterNumber", err))...)
		}
	}
	if r.MeterNumber == "" && r.FacilityID == "" {
		problems = append(problems, validate.Problem{Path: "meterNumber", Label: label("facility.meterNumber"),
			Code: validate.CodeRequired, Tag: "required_without",
			English: "Fill in the meter number or the facility ID.", Swedish: "Fyll i mätarnummer eller anläggnings-ID."})
	}
	if !r.Mode.Valid() {
		problems = append(problems, problem("mode", "unknown overwrite mode", "okänt svar på frågan om att skriva över"))
	}
	if len(problems) > 0 {
		return facility.Query{}, validate.Invalid(problems...)
	}
	return q, nil
}

// FetchFacility is "Hämta anl-data" → "Hämta data" → "Uppdatera och Stäng" (manual steps
// 8–13): it looks the facility up and merges the record into the case under req.Mode,
// returning the updated case and what happened to every field.
//
// Errors: [validate.ErrInvalid] for a malformed or missing number (with the reason), a
// [*LookupError] matching [facility.ErrNotFound] when no facility has that number (step 14:
// find the right number, [Service.ClearIdentifiers], search again) or [facility.ErrMismatch],
// or any other failure of the lookup (its text stripped of the numbers searched for),
// [catalog.ErrNotOffered] when the facility lies in a grid area the case's grid company does
// not serve, [ErrNotEditable], [ErrConflict]. On every error the case is unchanged.
func (s *Service) FetchFacility(ctx context.Context, id ID, version int64, req FetchRequest) (*Case, merge.Report, error) {
	q, err := req.query()
	if err != nil {
		return nil, merge.Report{}, err
	}
	var report merge.Report
	c, err := s.change(ctx, step{id: id, expected: version, side: SideInstaller}, func(c *Case, _ privacy.Actor, _ time.Time) error {
		if err := c.editable(); err != nil {
			return err
		}
		rec, err := s.lookup.Find(ctx, q)
		if err != nil {
			return lookupError(err, q)
		}
		if err := s.checkArea(ctx, c, rec.Area); err != nil {
			return err
		}
		report, err = c.FetchFacility(&rec, req.Mode)
		return err
	})
	if err != nil {
		return nil, merge.Report{}, err
	}
	return c, report, nil
}

// checkArea refuses a facility in a grid area that the case's grid company does not serve:
// it is then the wrong facility or the wrong grid company.
func (s *Service) checkArea(ctx context.Context, c *Case, area facility.AreaCode) error {
	if area.IsZero() {
		return nil
	}
	g, err := s.gridCompany(ctx, c)
	if err != nil {
		return err
	}
	if _, ok := g.Area(area); !ok {
		return &catalog.OfferError{GridCompany: g.ID(), What: "grid area", Value: string(area)}
	}
	return nil
}

// ClearIdentifiers empties the meter number, facility ID and technical number before a new
// search (manual step 14). Errors: [ErrNotEditable], [ErrConflict].
func (s *Service) ClearIdentifiers(ctx context.Context, id ID, version int64) (*Case, error) {
	return s.change(ctx, step{id: id, expected: version, side: SideInstaller}, func(c *Case, _ privacy.Actor, _ time.Time) error {
		return c.ClearIdentifiers()
	})
}

// LookupError is a failed "Hämta data". It matches [facility.ErrNotFound] when the number
// matches no facility (and then says what to do, as the manual's step 14 does),
// [facility.ErrMismatch], or the context's error, whichever the lookup reported. Its text and
// everything it wraps are free of the numbers searched for: a lookup's own error (a transport
// error quoting a URL, say) may hold them, so only its text with every such number removed is
// kept.
type LookupError struct {
	// Err is the lookup's failure: one of the sentinels above, or the lookup's text stripped
	// of the numbers searched for.
	Err error
}

// Error says what failed and, for a number that matches nothing, what to do next.
func (e *LookupError) Error() string {
	if errors.Is(e.Err, facility.ErrNotFound) {
		return "notification: no facility has that meter number or facility ID; find the right number, clear the old meter number and facility ID and search again"
	}
	return "notification: the facility lookup failed: " + e.Err.Error()
}

// Swedish is the message for the installer.
func (e *LookupError) Swedish() string {
	switch {
	case errors.Is(e.Err, facility.ErrNotFound):
		return "Det finns ingen anläggning med det mätarnumret eller anläggnings-ID:t (EAN). Ta reda på rätt nummer, rensa bort tidigare mätarnummer och EAN och gör om sökningen."
	case errors.Is(e.Err, facility.ErrMismatch):
		return "Mätarnumret och anläggnings-ID:t hör inte till samma anläggning. Kontrollera numren och gör om sökningen."
	}
	return "Hämtningen av anläggningsdata misslyckades. Försök igen senare."
}

// Unwrap returns the lookup's failure, without the numbers searched for.
func (e *LookupError) Unwrap() error { return e.Err }

// lookupSentinels are the errors of a lookup a caller branches on.
var lookupSentinels = []error{facility.ErrNotFound, facility.ErrMismatch, facility.ErrEmptyQuery,
	context.Canceled, context.DeadlineExceeded}

// lookupError wraps a lookup's error in a LookupError that holds none of q's numbers.
func lookupError(err error, q facility.Query) error {
	for _, s := range lookupSentinels {
		if errors.Is(err, s) {
			return &LookupError{Err: s}
		}
	}
	return &LookupError{Err: errors.New(redactNumbers(err.Error(), q))}
}

// redactNumbers removes from text every occurrence of the query's numbers, also written with
// other spacing or punctuation between the digits (an EAN printed in groups of three).
func redactNumbers(text string, q facility.Query) string {
	for _, n := range []string{q.ID.String(), string(q.MeterNumber)} {
		if n = strings.TrimSpace(n); n != "" {
			text = redact(text, n)
		}
	}
	return text
}

// redact replaces in text every run that spells n, ignoring spaces, dashes, dots and case.
func redact(text, n string) string {
	key := []rune(strings.ToUpper(squeeze(n)))
	if len(key) == 0 {
		return text
	}
	src := []rune(text)
	var b strings.Builder
	for i := 0; i < len(src); {
		if end, ok := spells(src, i, key); ok {
			b.WriteString("[redacted]")
			i = end
			continue
		}
		b.WriteRune(src[i])
		i++
	}
	return b.String()
}

// spells reports whether src from i spells key (skipping separators) and where it ends.
func spells(src []rune, i int, key []rune) (int, bool) {
	k := 0
	for j := i; j < len(src); j++ {
		r := unicode.ToUpper(src[j])
		switch {
		case r == key[k]:
			k++
			if k == len(key) {
				return j + 1, true
			}
		case k > 0 && separator(r):
		default:
			return 0, false
		}
	}
	return 0, false
}

// squeeze drops separators from s.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if separator(r) {
			return -1
		}
		return r
	}, s)
}

func separator(r rune) bool { return r == ' ' || r == '-' || r == '.' || r == '\u00a0' }
