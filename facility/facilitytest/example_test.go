package facilitytest_test

import (
	"fmt"
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/facility/facilitytest"
)

// An adapter for a grid company's system proves it keeps the Lookup
// contract by running the suite from its own test, handing it a function
// that loads the fixture records into a fresh instance:
//
//	func TestMyLookup(t *testing.T) {
//		facilitytest.TestLookup(t, func(t *testing.T, recs []facility.Record) facility.Lookup {
//			l := mylookup.NewForTest(t) // e.g. a stub server or a test schema
//			for _, r := range recs {
//				l.Load(r)
//			}
//			return l
//		})
//	}
//
// Here the in-memory registry plays the adapter.
func ExampleTestLookup() {
	var newLookup facilitytest.NewLookupFunc = func(t *testing.T, recs []facility.Record) facility.Lookup {
		r, err := facility.NewRegistry(recs...)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// In a test: facilitytest.TestLookup(t, newLookup)
	fmt.Println(newLookup != nil)
	// Output: true
}
