package notificationtest_test

import (
	"fmt"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
)

// A storage adapter's own tests compare what they stored with what they read back; CmpOptions
// makes go-cmp handle the decimal and identifier types inside a case.
func ExampleCmpOptions() {
	c, err := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: catalog.FuseChange, JobType: "single-meter",
		Area: "HBG", Handler: notification.Handler{User: "u-1", Organisation: "elfirma-ab"},
		CreatedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	stored := c.Snapshot()
	readBack, err := notification.RestoreCase(stored)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("same:", cmp.Diff(stored, readBack.Snapshot(), notificationtest.CmpOptions()) == "")
	// Output:
	// same: true
}

// Distinct owners for a store filled with many cases.
func ExampleSerialPersonalIdentityNumber() {
	for i := range 3 {
		pn, err := notificationtest.SerialPersonalIdentityNumber(i * 998)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(pn) // masked, as every personal identity number prints
	}
	_, err := notificationtest.SerialPersonalIdentityNumber(-1)
	fmt.Println(err)
	// Output:
	// 19400101-****
	// 19400102-****
	// 19400103-****
	// notificationtest: serial number -1 is negative
}
