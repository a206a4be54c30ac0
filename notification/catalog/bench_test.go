package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gridnotify/gridnotify/notification/catalog"
)

// areasCatalog is a catalog file with one grid company of n distinct areas.
func areasCatalog(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"gridCompanies":[{"id":"a","name":"A","areas":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"code":"%03d","name":"Område %d"}`, i, i)
	}
	b.WriteString(`],"installationTypes":[{"type":"fuse-change","jobTypes":[{"id":"j","name":"J","profile":{"required":[]}}]}],"baseProfile":{"required":[]}}]}`)
	return []byte(b.String())
}

// BenchmarkLoadCatalog_areas shows that checking a catalog is linear in its size: ns/op per
// area stays flat from 100 to 1000 areas (a quadratic check grew tenfold).
func BenchmarkLoadCatalog_areas(b *testing.B) {
	for _, n := range []int{100, 1000} {
		data := areasCatalog(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := catalog.LoadCatalog(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/area")
		})
	}
}

// BenchmarkGridCompany is what a step of the Service asks of the catalog: one grid company,
// its profile for a job type, an area and a placement. None of it copies the configuration.
func BenchmarkGridCompany(b *testing.B) {
	ctx := context.Background()
	cat := catalog.ExampleCatalog()
	b.ReportAllocs()
	for b.Loop() {
		g, err := cat.GridCompany(ctx, "oresundskraft")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.Profile(catalog.ServiceChange, "single-meter"); err != nil {
			b.Fatal(err)
		}
		if _, ok := g.Area("HBG"); !ok || !g.OffersPlacement(catalog.FacadeCabinet) {
			b.Fatal("area or placement missing")
		}
	}
}

// TestGridCompany_noAllocation pins the benchmark's zero: a step's catalog lookups allocate
// nothing.
func TestGridCompany_noAllocation(t *testing.T) {
	ctx := context.Background()
	cat := catalog.ExampleCatalog()
	allocs := testing.AllocsPerRun(100, func() {
		g, _ := cat.GridCompany(ctx, "oresundskraft")
		_, _ = g.Profile(catalog.ServiceChange, "single-meter")
		_, _ = g.Area("HBG")
		_ = g.OffersPlacement(catalog.FacadeCabinet)
	})
	if allocs != 0 {
		t.Fatalf("catalog lookups allocate %v times per step, want 0", allocs)
	}
}
