package privacy

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// t0 is the time of the first access in the log tests.
var t0 = time.Date(2026, time.May, 1, 8, 0, 0, 0, time.UTC)

// entry returns an allowed entry by actor on caseID at t0 + minutes.
func entry(actor, caseID string, minutes int) AccessEntry {
	return AccessEntry{
		At:           t0.Add(time.Duration(minutes) * time.Minute),
		Actor:        actor,
		Organisation: "elfirma-ab",
		CaseID:       caseID,
		Fields:       []string{"owner.personalNumber"},
		Purpose:      PurposeAdminister,
		Outcome:      Allowed,
	}
}

// recordAll records entries in order or fails the test.
func recordAll(t *testing.T, l *MemoryAccessLog, entries ...AccessEntry) {
	t.Helper()
	for _, e := range entries {
		require.NoError(t, l.Record(context.Background(), e))
	}
}

func TestMemoryAccessLogCopies(t *testing.T) {
	l := NewMemoryAccessLog()
	e := entry("anna", "c1", 0)
	recordAll(t, l, e)
	e.Fields[0] = "changed by the caller"

	got := l.Query(AccessQuery{})
	require.Len(t, got, 1)
	assert.Equal(t, []string{"owner.personalNumber"}, got[0].Fields, "Record keeps its own copy")

	got[0].Fields[0] = "changed by the reader"
	got[0].Actor = "someone else"
	again := l.Query(AccessQuery{})
	assert.Equal(t, entry("anna", "c1", 0), again[0], "Query returns copies")
}

func TestMemoryAccessLogQuery(t *testing.T) {
	l := NewMemoryAccessLog()
	recordAll(t, l,
		entry("anna", "c1", 0),
		entry("bo", "c1", 10),
		entry("anna", "c2", 20),
		entry("bo", "c2", 30),
		entry("anna", "c1", 40),
	)
	at := func(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }
	minutesOf := func(es []AccessEntry) []int {
		out := []int{}
		for _, e := range es {
			out = append(out, int(e.At.Sub(t0)/time.Minute))
		}
		return out
	}
	for _, tc := range []struct {
		name string
		q    AccessQuery
		want []int
	}{
		{"everything", AccessQuery{}, []int{0, 10, 20, 30, 40}},
		{"by actor", AccessQuery{Actor: "anna"}, []int{0, 20, 40}},
		{"by case", AccessQuery{CaseID: "c2"}, []int{20, 30}},
		{"actor and case", AccessQuery{Actor: "anna", CaseID: "c1"}, []int{0, 40}},
		{"from is inclusive", AccessQuery{From: at(10)}, []int{10, 20, 30, 40}},
		{"to is exclusive", AccessQuery{To: at(30)}, []int{0, 10, 20}},
		{"window", AccessQuery{From: at(10), To: at(40)}, []int{10, 20, 30}},
		{"window and actor", AccessQuery{Actor: "bo", From: at(5), To: at(35)}, []int{10, 30}},
		{"empty window", AccessQuery{From: at(20), To: at(20)}, []int{}},
		{"reversed window", AccessQuery{From: at(30), To: at(10)}, []int{}},
		{"unknown actor", AccessQuery{Actor: "cecilia"}, []int{}},
		{"unknown case", AccessQuery{CaseID: "c9"}, []int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, minutesOf(l.Query(tc.q)))
		})
	}
	assert.Equal(t, 5, l.Len())
}

func TestMemoryAccessLogOldestFirst(t *testing.T) {
	// Concurrent callers take At before they record, so entries may arrive out of order;
	// Query still returns them oldest first, and equal times in the order recorded.
	l := NewMemoryAccessLog()
	recordAll(t, l,
		entry("a", "c", 30),
		entry("b", "c", 10),
		entry("c", "c", 20),
		entry("d", "c", 10),
		entry("e", "c", 40),
		entry("f", "c", 0),
		entry("g", "c", 40),
	)
	var actors string
	for _, e := range l.Query(AccessQuery{}) {
		actors += e.Actor
	}
	assert.Equal(t, "fbdcaeg", actors)
}

func TestMemoryAccessLogCancelled(t *testing.T) {
	l := NewMemoryAccessLog()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, l.Record(ctx, entry("anna", "c1", 0)), context.Canceled)
	assert.Zero(t, l.Len())
	assert.Empty(t, l.Query(AccessQuery{}))
}

func TestMemoryAccessLogConcurrent(t *testing.T) {
	l := NewMemoryAccessLog()
	var wg sync.WaitGroup
	const writers, each = 8, 100
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				e := entry(fmt.Sprintf("user-%d", w), fmt.Sprintf("c%d", i%5), i)
				if err := l.Record(context.Background(), e); err != nil {
					t.Error(err)
					return
				}
			}
		})
		wg.Go(func() {
			for range each {
				for _, e := range l.Query(AccessQuery{CaseID: "c1"}) {
					e.Fields[0] = "readers may scribble on their copies"
				}
				_ = l.Len()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, writers*each, l.Len())
	all := l.Query(AccessQuery{})
	for i := 1; i < len(all); i++ {
		require.False(t, all[i].At.Before(all[i-1].At), "oldest first")
	}
	for _, e := range all {
		require.Equal(t, []string{"owner.personalNumber"}, e.Fields)
	}
	assert.Len(t, l.Query(AccessQuery{Actor: "user-3"}), each)
}

func TestAccessEntryJSON(t *testing.T) {
	b, err := json.Marshal(entry("anna", "c1", 0))
	require.NoError(t, err)
	assert.JSONEq(t, `{"at":"2026-05-01T08:00:00Z","actor":"anna","organisation":"elfirma-ab","caseId":"c1",
		"fields":["owner.personalNumber"],"purpose":"administer-customer-relationship","outcome":"allowed"}`, string(b))
}

func TestPolicyAndLogTogether(t *testing.T) {
	// The intended use: decide, record the decision either way, reveal only if both succeed.
	ctx := context.Background()
	l := NewMemoryAccessLog()
	reveal := func(actor Actor, purpose Purpose) error {
		req := polReq(actor, purpose, true)
		decision := DefaultPolicy().Decide(ctx, req)
		outcome := Allowed
		if decision != nil {
			outcome = Denied
		}
		if err := l.Record(ctx, AccessEntry{At: t0, Actor: actor.ID, Organisation: actor.Organisation,
			CaseID: req.CaseID, Fields: req.Fields, Purpose: purpose, Outcome: outcome}); err != nil {
			return err
		}
		return decision
	}
	require.NoError(t, reveal(handler, PurposeAdminister))
	require.ErrorIs(t, reveal(stranger, PurposeAdminister), ErrDenied)
	got := l.Query(AccessQuery{CaseID: polCase})
	require.Len(t, got, 2)
	assert.Equal(t, Allowed, got[0].Outcome)
	assert.Equal(t, Denied, got[1].Outcome)
	assert.Equal(t, "stranger", got[1].Actor)
}
