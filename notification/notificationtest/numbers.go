package notificationtest

import (
	"fmt"
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// SerialPersonalIdentityNumber returns the i-th of a run of distinct, valid personal identity
// numbers: 998 serial numbers a day from 1 January 1940, with their check digits; an error
// for a negative i, or one whose day is not yet past (about ten million on). It
// is for tests and benchmarks that need many distinct owners (a store filled with a million
// cases); Skatteverket's published test numbers are too few for that. The numbers are
// synthetic, but some belong to real people: keep them in test data, never in output.
func SerialPersonalIdentityNumber(i int) (privacy.PersonalIdentityNumber, error) {
	if i < 0 {
		return privacy.PersonalIdentityNumber{}, fmt.Errorf("notificationtest: serial number %d is negative", i)
	}
	day := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/998)
	digits := fmt.Sprintf("%s%03d", day.Format("060102"), i%998+1)
	sum := 0
	for j, c := range digits {
		v := int(c-'0') * (2 - j%2)
		sum += v/10 + v%10
	}
	return privacy.ParsePersonalIdentityNumber(fmt.Sprintf("%s-%s%d", day.Format("20060102"), digits[6:], (10-sum%10)%10))
}
