package facilitytest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// NewLookupFunc builds the implementation under test, loaded with records.
// It is called once per subtest with a fresh copy of the fixture; the
// implementation must not keep the slice itself. Use t for cleanup
// (t.Cleanup) and to fail setup (t.Fatal).
type NewLookupFunc = func(t *testing.T, records []facility.Record) facility.Lookup

// TestLookup runs the conformance suite for a [facility.Lookup]
// implementation against the contract documented on that interface:
// finding by facility ID, by meter number and by both; ErrMismatch,
// ErrNotFound and ErrEmptyQuery (checked with errors.Is); errors that carry
// no queried meter number or facility ID, in any spacing, in any error of
// their chain, in English or (for a privacy.Localized error) Swedish;
// identity numbers withheld; returned records independent of the store;
// context cancellation; and concurrent use (run with -race to make that
// subtest count).
//
// The fixture records carry identity numbers, so an implementation passes
// only if it withholds them itself.
func TestLookup(t *testing.T, newLookup NewLookupFunc) {
	t.Helper()
	run := func(name string, f func(t *testing.T, l facility.Lookup, want []facility.Record)) {
		t.Run(name, func(t *testing.T) {
			recs := records(t)
			l := newLookup(t, slices.Clone(recs))
			if l == nil {
				t.Fatal("newLookup returned nil")
			}
			want := make([]facility.Record, len(recs))
			for i, r := range recs {
				want[i] = r.Withhold()
			}
			f(t, l, want)
		})
	}

	run("FindByID", testFindByID)
	run("FindByMeterNumber", testFindByMeterNumber)
	run("FindByBoth", testFindByBoth)
	run("Mismatch", testMismatch)
	run("NotFound", testNotFound)
	run("EmptyQuery", testEmptyQuery)
	run("IdentityNumbersWithheld", testWithheld)
	run("ReturnedRecordIndependent", testIndependent)
	run("CanceledContext", testCanceled)
	run("Concurrent", testConcurrent)
	run("ErrorsAreGeneric", testErrorsGeneric)
	run("ErrorsCarryNoIdentifier", testErrorsCarryNoIdentifier)
	t.Run("InputNotRetained", testInputNotRetained(newLookup))
	t.Run("EmptyLookup", func(t *testing.T) {
		l := newLookup(t, nil)
		_, err := l.Find(context.Background(), facility.Query{ID: mustT(t, facility.ParseEAN, idA)})
		wantErr(t, err, facility.ErrNotFound)
	})
}

// cmpOpts compare facility values: EAN and PostalCode have unexported
// fields and compare with ==; the privacy types and decimal.Decimal have
// Equal methods go-cmp uses.
var cmpOpts = cmp.Options{
	cmp.Comparer(func(a, b facility.EAN) bool { return a == b }),
	cmp.Comparer(func(a, b facility.PostalCode) bool { return a == b }),
}

// checkRecord fails t if got differs from want.
func checkRecord(t *testing.T, want, got facility.Record) {
	t.Helper()
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("record %s differs (-want +got):\n%s", want.ID, diff)
	}
}

// wantErr fails t unless errors.Is(err, target).
func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("error = %v, want errors.Is(err, %v)", err, target)
	}
}

func testFindByID(t *testing.T, l facility.Lookup, want []facility.Record) {
	for _, w := range want {
		got, err := l.Find(context.Background(), facility.Query{ID: w.ID})
		if err != nil {
			t.Errorf("Find by ID %s: %v", w.ID, err)
			continue
		}
		checkRecord(t, w, got)
	}
}

func testFindByMeterNumber(t *testing.T, l facility.Lookup, want []facility.Record) {
	for _, w := range want {
		if w.MeterNumber == "" {
			continue
		}
		got, err := l.Find(context.Background(), facility.Query{MeterNumber: w.MeterNumber})
		if err != nil {
			t.Errorf("Find by meter number %s: %v", w.MeterNumber, err)
			continue
		}
		checkRecord(t, w, got)
	}
}

func testFindByBoth(t *testing.T, l facility.Lookup, want []facility.Record) {
	for _, w := range want {
		if w.MeterNumber == "" {
			continue
		}
		got, err := l.Find(context.Background(), facility.Query{ID: w.ID, MeterNumber: w.MeterNumber})
		if err != nil {
			t.Errorf("Find by ID %s and meter number %s: %v", w.ID, w.MeterNumber, err)
			continue
		}
		checkRecord(t, w, got)
	}
}

func testMismatch(t *testing.T, l facility.Lookup, _ []facility.Record) {
	a := mustT(t, facility.ParseEAN, idA)
	c := mustT(t, facility.ParseEAN, idC)
	for _, tc := range []struct {
		name string
		q    facility.Query
	}{
		{"meter of another facility", facility.Query{ID: a, MeterNumber: meterB}},
		{"unknown meter", facility.Query{ID: a, MeterNumber: meterUnknown}},
		{"facility without meter", facility.Query{ID: c, MeterNumber: meterA}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.Find(context.Background(), tc.q)
			wantErr(t, err, facility.ErrMismatch)
			if !got.IsZero() {
				t.Errorf("Find returned a record with its error")
			}
		})
	}
}

func testNotFound(t *testing.T, l facility.Lookup, _ []facility.Record) {
	unknown := mustT(t, facility.ParseEAN, idUnknown)
	for _, tc := range []struct {
		name string
		q    facility.Query
	}{
		{"unknown ID", facility.Query{ID: unknown}},
		{"unknown meter", facility.Query{MeterNumber: meterUnknown}},
		{"unknown ID with a known meter", facility.Query{ID: unknown, MeterNumber: meterA}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.Find(context.Background(), tc.q)
			wantErr(t, err, facility.ErrNotFound)
			if !got.IsZero() {
				t.Errorf("Find returned a record with its error")
			}
		})
	}
}

func testEmptyQuery(t *testing.T, l facility.Lookup, _ []facility.Record) {
	_, err := l.Find(context.Background(), facility.Query{})
	wantErr(t, err, facility.ErrEmptyQuery)
}

func testWithheld(t *testing.T, l facility.Lookup, want []facility.Record) {
	for _, w := range want {
		got, err := l.Find(context.Background(), facility.Query{ID: w.ID})
		if err != nil {
			t.Fatalf("Find: %v", err)
		}
		for _, p := range []struct {
			role  string
			party facility.Party
		}{{"owner", got.Owner}, {"customer", got.Customer}} {
			if !p.party.PersonalNumber.IsZero() {
				t.Errorf("%s %s: personal identity number returned", w.ID, p.role)
			}
			if !p.party.OrganisationNumber.IsZero() {
				t.Errorf("%s %s: organisation number returned", w.ID, p.role)
			}
			if !p.party.BirthDate.IsZero() {
				t.Errorf("%s %s: birth date returned", w.ID, p.role)
			}
		}
	}
	// The rest of the party must still be there: withholding is not
	// dropping the party.
	got, err := l.Find(context.Background(), facility.Query{ID: want[0].ID})
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if got.Owner.Surname.IsZero() || got.Customer.CompanyName.IsZero() {
		t.Errorf("names were dropped with the identity numbers")
	}
	got, err = l.Find(context.Background(), facility.Query{ID: want[1].ID})
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if !got.Customer.NoSwedishPersonalNumber {
		t.Errorf("NoSwedishPersonalNumber was dropped")
	}
}

func testIndependent(t *testing.T, l facility.Lookup, want []facility.Record) {
	w := want[0]
	q := facility.Query{ID: w.ID}
	got, err := l.Find(context.Background(), q)
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	// Change everything a caller could change.
	got.MeterNumber = "CHANGED"
	got.TechnicalNumber = "CHANGED"
	got.Area = "XXX"
	got.MainFuse = 250
	got.Power = got.Power.Add(got.Power)
	got.Address.Street = got.Owner.Surname
	got.PropertyDesignation = got.Owner.Surname
	got.Owner.Surname = got.Owner.GivenName
	got.Owner.Address = facility.Address{}
	got.Customer.InvoiceReference = privacy.NewText("CHANGED")
	got.Customer = facility.Party{}

	again, err := l.Find(context.Background(), q)
	if err != nil {
		t.Fatalf("Find again: %v", err)
	}
	checkRecord(t, w, again)
}

func testInputNotRetained(newLookup NewLookupFunc) func(t *testing.T) {
	return func(t *testing.T) {
		recs := records(t)
		in := slices.Clone(recs)
		l := newLookup(t, in)
		for i := range in {
			in[i] = facility.Record{}
		}
		got, err := l.Find(context.Background(), facility.Query{ID: recs[0].ID})
		if err != nil {
			t.Fatalf("Find after the caller reused its slice: %v", err)
		}
		checkRecord(t, recs[0].Withhold(), got)
	}
}

func testCanceled(t *testing.T, l facility.Lookup, want []facility.Record) {
	q := facility.Query{ID: want[0].ID}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, err := l.Find(ctx, q)
	wantErr(t, err, context.Canceled)
	if !got.IsZero() {
		t.Errorf("Find returned a record with a canceled context")
	}

	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err = l.Find(ctx, q)
	wantErr(t, err, context.DeadlineExceeded)
}

func testConcurrent(t *testing.T, l facility.Lookup, want []facility.Record) {
	const workers, rounds = 8, 200
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for i := range rounds {
				w := want[(g+i)%len(want)]
				q := facility.Query{ID: w.ID}
				if i%2 == 1 && w.MeterNumber != "" {
					q = facility.Query{MeterNumber: w.MeterNumber}
				}
				got, err := l.Find(context.Background(), q)
				if err != nil {
					t.Errorf("concurrent Find: %v", err)
					return
				}
				if got.ID != w.ID {
					t.Errorf("concurrent Find: got %s, want %s", got.ID, w.ID)
					return
				}
			}
		})
	}
	wg.Wait()
}

func testErrorsGeneric(t *testing.T, l facility.Lookup, _ []facility.Record) {
	unknown := mustT(t, facility.ParseEAN, idUnknown)
	a := mustT(t, facility.ParseEAN, idA)
	for _, q := range []facility.Query{
		{ID: unknown},
		{MeterNumber: meterUnknown},
		{ID: a, MeterNumber: meterUnknown},
	} {
		_, err := l.Find(context.Background(), q)
		if err == nil {
			t.Fatalf("Find succeeded for a query that matches nothing")
		}
		msg := err.Error()
		for _, s := range []string{unknown.String(), unknown.Grouped(), meterUnknown, a.String()} {
			if strings.Contains(msg, s) {
				t.Errorf("error message repeats the query: %q", msg)
			}
		}
	}
}

// testErrorsCarryNoIdentifier: the errors of not-found and mismatched queries
// carry neither the meter number nor the facility ID queried, however spaced
// or punctuated, in the text of any error in their chain, in English or, for
// an error implementing privacy.Localized, in Swedish. An identifier in an
// error travels into logs and user interfaces that have no business with it.
func testErrorsCarryNoIdentifier(t *testing.T, l facility.Lookup, _ []facility.Record) {
	unknown := mustT(t, facility.ParseEAN, idUnknown)
	a := mustT(t, facility.ParseEAN, idA)
	c := mustT(t, facility.ParseEAN, idC)
	for _, tc := range []struct {
		name string
		q    facility.Query
		want error
	}{
		{"unknown ID", facility.Query{ID: unknown}, facility.ErrNotFound},
		{"unknown meter", facility.Query{MeterNumber: meterUnknown}, facility.ErrNotFound},
		{"unknown ID with a known meter", facility.Query{ID: unknown, MeterNumber: meterA}, facility.ErrNotFound},
		{"meter of another facility", facility.Query{ID: a, MeterNumber: meterB}, facility.ErrMismatch},
		{"unknown meter with a known ID", facility.Query{ID: a, MeterNumber: meterUnknown}, facility.ErrMismatch},
		{"facility without meter", facility.Query{ID: c, MeterNumber: meterA}, facility.ErrMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := l.Find(context.Background(), tc.q)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want errors.Is(err, %v)", err, tc.want)
			}
			var identifiers []string
			if !tc.q.ID.IsZero() {
				identifiers = append(identifiers, tc.q.ID.String())
			}
			if tc.q.MeterNumber != "" {
				identifiers = append(identifiers, string(tc.q.MeterNumber))
			}
			for _, text := range errorTexts(err) {
				flat := alphanumeric(text)
				for _, id := range identifiers {
					if strings.Contains(flat, alphanumeric(id)) {
						t.Errorf("error text carries the queried identifier %s: %q", id, text)
					}
				}
			}
		})
	}
}

// errorTexts returns the English text of err and of every error in its
// chain (Unwrap() error and Unwrap() []error), and the Swedish text of those
// that implement privacy.Localized.
func errorTexts(err error) []string {
	var texts []string
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		texts = append(texts, e.Error())
		if l, ok := e.(privacy.Localized); ok {
			texts = append(texts, l.Swedish())
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return texts
}

// alphanumeric returns the letters and digits of s, lower-cased: the form in
// which an identifier is found however it is spaced ("735 999 …",
// "735-999-…", "test m 1").
func alphanumeric(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
