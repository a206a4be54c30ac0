package facilitytest_test

import (
	"context"
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
