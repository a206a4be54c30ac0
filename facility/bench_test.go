package facility_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/gridnotify/gridnotify/facility"
)

// gs1Baseline is the baseline ParseEAN is measured against: a plain GS1
// mod-10 check over 18 ASCII digits (weights 3, 1, 3, ... from the rightmost
// data digit), with no trimming, no spaces, no length check and no result.
func gs1Baseline(s string) bool {
	sum := 0
	w := 3
	for i := len(s) - 2; i >= 0; i-- {
		sum += int(s[i]-'0') * w
		w = 4 - w
	}
	return (10-sum%10)%10 == int(s[len(s)-1]-'0')
}

var (
	sinkBool bool
	sinkErr  error
)

// BenchmarkParseEAN compares ParseEAN with the plain GS1 loop over the same
// 18 digits, in the same run ("gs1" is the baseline), and measures the
// grouped form and the error paths.
func BenchmarkParseEAN(b *testing.B) {
	b.Run("gs1", func(b *testing.B) {
		b.ReportAllocs()
		done := cpuMetric(b)
		for b.Loop() {
			sinkBool = gs1Baseline("735999123456789018")
		}
		done()
	})
	for _, in := range []string{"735999123456789018", "735 999 123 456 789 018"} {
		b.Run(strconv.Itoa(len(in)), func(b *testing.B) {
			b.ReportAllocs()
			done := cpuMetric(b)
			for b.Loop() {
				if _, err := facility.ParseEAN(in); err != nil {
					b.Fatal(err)
				}
			}
			done()
		})
	}
	for _, tc := range []struct{ name, in string }{
		{"check-digit", "735999123456789019"},
		{"length", "73599912345678901"},
		{"not-digit", "73599912345678901X"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			done := cpuMetric(b)
			for b.Loop() {
				_, sinkErr = facility.ParseEAN(tc.in)
			}
			done()
		})
	}
}

func BenchmarkParsePostalCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := facility.ParsePostalCode("SE-252 21"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMeterNumber(b *testing.B) {
	for _, tc := range []struct{ name, in string }{
		{"canonical", "7359-001/A"},
		{"normalised", " ab  12-3 "}, // allocates its result
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := facility.ParseMeterNumber(tc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseAreaCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := facility.ParseAreaCode("HBG"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAmpere(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := facility.ParseAmpere("25 A"); err != nil {
			b.Fatal(err)
		}
	}
}

// benchRegistry builds a registry of n records with distinct IDs and meter
// numbers, cloned from a sample record.
func benchRegistry(b *testing.B, n int) (*facility.Registry, []facility.Query) {
	b.Helper()
	base := facility.SampleRecords()[0]
	recs := make([]facility.Record, n)
	for i := range recs {
		r := base
		data := strconv.Itoa(73599930000000000 + i)
		id, err := facility.ParseEAN(checked(data))
		if err != nil {
			b.Fatal(err)
		}
		r.ID = id
		r.MeterNumber = facility.MeterNumber("BM-" + strconv.Itoa(i))
		recs[i] = r
	}
	reg, err := facility.NewRegistry(recs...)
	if err != nil {
		b.Fatal(err)
	}
	qs := make([]facility.Query, 0, 1024)
	for i := 0; i < 1024; i++ {
		r := recs[(i*7919)%n]
		switch i % 3 {
		case 0:
			qs = append(qs, facility.Query{ID: r.ID})
		case 1:
			qs = append(qs, facility.Query{MeterNumber: r.MeterNumber})
		default:
			qs = append(qs, facility.Query{ID: r.ID, MeterNumber: r.MeterNumber})
		}
	}
	return reg, qs
}

// checked is withCheck under a name that reads well in benchmarks.
func checked(data string) string { return withCheck(data) }

func BenchmarkRegistryFind(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			reg, qs := benchRegistry(b, n)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := reg.Find(ctx, qs[i&1023]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
