package delivery_test

import (
	"testing"
	"time"
)

func TestCommittedStepDelivers(t *testing.T) {
	forEachDialect(t, func(t *testing.T, db database) {
		rc := newReceiver(t)
		pool := db.open(t)
		d := newDispatcher(t, pool, webhookConfig(t, rc.url()), fast(db.dialect))
		start(t, d)
		evs := events(5)
		step(t, pool, d, "s-1", evs, true)
		rc.waitFor(30*time.Second, "every event arriving", all(evs))
		for id, n := range rc.counts() {
			if n != 1 {
				t.Errorf("event %s arrived %d times, want once", id, n)
			}
		}
		if bad := rc.badRequests(); len(bad) > 0 {
			t.Errorf("requests failed verification: %q", bad)
		}
	})
}
