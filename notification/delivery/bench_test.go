package delivery_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkDelivery measures delivery throughput: b.N events, queued beforehand in steps of
// 100, delivered by one Dispatcher with 1 or 4 workers as signed webhooks to a loopback
// receiver that answers 204. The figure is events/s, from the start of the Dispatcher to the
// last delivery. FetchCooldown is 1 ms (the default 100 ms caps a Dispatcher at Workers
// deliveries per 100 ms).
func BenchmarkDelivery(b *testing.B) {
	for _, dialect := range []struct {
		name string
		db   func(testing.TB) database
	}{{"sqlite", sqliteDatabase}, {"postgres", postgresDatabase}} {
		b.Run(dialect.name, func(b *testing.B) {
			db := dialect.db(b)
			for _, workers := range []int{1, 4} {
				b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
					benchmarkDelivery(b, db, workers)
				})
			}
		})
	}
}

func benchmarkDelivery(b *testing.B, db database, workers int) {
	var delivered atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		delivered.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	pool := db.open(b)
	opts := fast(db.dialect)
	opts.Workers = workers
	opts.FetchCooldown = time.Millisecond
	opts.PollInterval = 50 * time.Millisecond
	d := newDispatcher(b, pool, webhookConfig(b, srv.URL), opts)
	for i := 0; i < b.N; i += 100 {
		step(b, pool, d, fmt.Sprintf("b-%d-%d-%d", workers, b.N, i), events(min(100, b.N-i)), true)
	}
	b.ReportAllocs()
	b.ResetTimer()
	begin := time.Now()
	if err := d.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	deadline := begin.Add(5 * time.Minute)
	for delivered.Load() < int64(b.N) {
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d delivered in 5 minutes", delivered.Load(), b.N)
		}
		time.Sleep(time.Millisecond)
	}
	elapsed := time.Since(begin)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.Stop(ctx); err != nil {
		b.Fatal(err)
	}
	// Leave the next run an empty queue to fill.
	if _, err := pool.ExecContext(ctx, "DELETE FROM river_job"); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.ExecContext(ctx, "DELETE FROM steps"); err != nil {
		b.Fatal(err)
	}
}
