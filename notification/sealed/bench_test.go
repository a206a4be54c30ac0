package sealed_test

import (
	"testing"
)

// BenchmarkCodec measures sealing and opening a whole case against a plain copy of it, the
// work of a memory store without a codec: the price of sealing at rest.
//
//	go test -run='^$' -bench=BenchmarkCodec -benchmem ./notification/sealed
func BenchmarkCodec(b *testing.B) {
	c := fullCase(b)
	codec := newCodec(b, ring(b))
	doc, err := codec.Encode(c.Snapshot())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Copy", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = c.Clone()
		}
	})
	b.Run("Encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := codec.Encode(c.Snapshot()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := codec.Decode(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(len(doc)), "doc-B")
}
