package facilitytest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/facility/facilitytest"
)

func newRegistry(t *testing.T, recs []facility.Record) facility.Lookup {
	r, err := facility.NewRegistry(recs...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLookup_registry(t *testing.T) {
	facilitytest.TestLookup(t, newRegistry)
}

// broken is a Lookup with one deliberate bug, to prove the suite notices.
type broken struct {
	bug  string
	recs []facility.Record
}

func (b *broken) Find(ctx context.Context, q facility.Query) (facility.Record, error) {
	if b.bug != "ignoresContext" {
		if err := ctx.Err(); err != nil {
			return facility.Record{}, err
		}
	}
	if q.IsZero() {
		return facility.Record{}, facility.ErrEmptyQuery
	}
	rec, err := b.find(q)
	switch {
	case err == nil:
	case b.bug == "leaksQuery":
		// Spaced so that a check for the number as written misses it.
		return rec, fmt.Errorf("%w (query: %s / %s)", err, spaced(q.ID.String(), 2), strings.ToLower(string(q.MeterNumber)))
	case b.bug == "leaksInSwedish":
		return rec, swedishLeak{err, q}
	}
	return rec, err
}

// swedishLeak is an error whose English text is generic but whose Swedish
// text names the query.
type swedishLeak struct {
	err error
	q   facility.Query
}

func (e swedishLeak) Error() string { return e.err.Error() }
func (e swedishLeak) Unwrap() error { return e.err }
func (e swedishLeak) Swedish() string {
	return "Hittades inte: " + e.q.ID.Grouped() + " " + string(e.q.MeterNumber)
}

// spaced writes s in groups of n characters.
func spaced(s string, n int) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%n == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// find is Find after the context and empty-query checks.
func (b *broken) find(q facility.Query) (facility.Record, error) {
	for _, r := range b.recs {
		match := r.ID == q.ID
		if q.ID.IsZero() {
			match = r.MeterNumber == q.MeterNumber
		}
		if !match {
			continue
		}
		if b.bug != "ignoresMeter" && q.MeterNumber != "" && r.MeterNumber != q.MeterNumber {
			return facility.Record{}, facility.ErrMismatch
		}
		if b.bug == "noWithhold" {
			return r, nil
		}
		return r.Withhold(), nil
	}
	return facility.Record{}, facility.ErrNotFound
}

// TestBrokenHelper runs the suite against a broken lookup; it does
// something only when re-executed by TestLookup_catchesBugs.
func TestBrokenHelper(t *testing.T) {
	bug := os.Getenv("FACILITYTEST_BUG")
	if bug == "" {
		t.Skip("run by TestLookup_catchesBugs")
	}
	facilitytest.TestLookup(t, func(t *testing.T, recs []facility.Record) facility.Lookup {
		if bug == "retainsInput" {
			return &broken{bug: bug, recs: recs}
		}
		return &broken{bug: bug, recs: append([]facility.Record(nil), recs...)}
	})
}

// TestLookup_catchesBugs re-runs this test binary with each bug and checks
// the suite fails in the expected subtest.
func TestLookup_catchesBugs(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	for bug, subtest := range map[string]string{
		"noWithhold":     "IdentityNumbersWithheld",
		"ignoresMeter":   "Mismatch",
		"ignoresContext": "CanceledContext",
		"retainsInput":   "InputNotRetained",
		"leaksQuery":     "ErrorsCarryNoIdentifier",
		"leaksInSwedish": "ErrorsCarryNoIdentifier",
	} {
		t.Run(bug, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenHelper$", "-test.v")
			cmd.Env = append(os.Environ(), "FACILITYTEST_BUG="+bug)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a lookup with bug %q", bug)
			}
			if !strings.Contains(string(out), "--- FAIL: TestBrokenHelper/"+subtest) {
				t.Errorf("subtest %s did not fail; output:\n%s", subtest, out)
			}
		})
	}
}
