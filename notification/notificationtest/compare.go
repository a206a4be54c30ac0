package notificationtest

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
)

// CmpOptions returns the go-cmp options that compare [notification.Snapshot] values (and
// anything made of the same parts): decimal.Decimal by value, so "17.5" equals "17.50";
// facility.EAN and facility.PostalCode, whose fields are unexported, with ==; and an empty
// slice equal to a nil one, since a store need not tell them apart. The privacy types and
// time.Time have Equal methods that go-cmp uses by itself.
func CmpOptions() cmp.Options {
	return cmp.Options{
		cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b facility.EAN) bool { return a == b }),
		cmp.Comparer(func(a, b facility.PostalCode) bool { return a == b }),
		cmpopts.EquateEmpty(),
	}
}
