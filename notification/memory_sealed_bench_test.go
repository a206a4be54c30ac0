package notification_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/privacy"
)

// BenchmarkMemorySealed compares the memory repository keeping cases as they are (Plain) with
// the same repository keeping each case sealed by a [sealed.Codec] (Sealed), on 1 000 cases:
// a Get, and the service's read-modify-write (a Get and an Update). The ratio of the two is
// the price of sealing at rest in memory. Each also reports the heap a stored case costs
// (heap-B/case), measured over the fill.
//
//	go test -run='^$' -bench=BenchmarkMemorySealed -benchmem ./notification
func BenchmarkMemorySealed(b *testing.B) {
	tmpl, err := benchTemplate()
	if err != nil {
		b.Fatal(err)
	}
	ring, err := privacy.NewKeyring("k1", map[string][]byte{"k1": key(1)})
	if err != nil {
		b.Fatal(err)
	}
	tok, err := privacy.NewTokenizer(key(9))
	if err != nil {
		b.Fatal(err)
	}
	codec, err := sealed.NewCodec(ring, tok)
	if err != nil {
		b.Fatal(err)
	}
	const n = 1_000
	for _, kind := range []struct {
		name string
		opts []notification.MemoryOption
	}{
		{"Plain", nil},
		{"Sealed", []notification.MemoryOption{notification.WithCodec(codec), notification.WithTokenizer(tok)}},
	} {
		ctx := context.Background()
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		repo := notification.NewMemoryRepository(kind.opts...)
		ids := make([]notification.ID, n)
		for i := range ids {
			s := tmpl
			s.ID = notification.NewID()
			s.CreatedAt = tmpl.CreatedAt.Add(time.Duration(i) * time.Second)
			c, err := notification.RestoreCase(s)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := repo.Create(ctx, c); err != nil {
				b.Fatal(err)
			}
			ids[i] = s.ID
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perCase := float64(after.HeapAlloc-before.HeapAlloc) / n

		b.Run(kind.name+"/Get", func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := repo.Get(ctx, ids[i%n]); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(perCase, "heap-B/case")
		})
		b.Run(kind.name+"/GetUpdate", func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c, err := repo.Get(ctx, ids[i%n])
				if err != nil {
					b.Fatal(err)
				}
				if _, err := repo.Update(ctx, c); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		runtime.KeepAlive(repo)
	}
}
