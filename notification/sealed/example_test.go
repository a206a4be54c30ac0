package sealed_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// A store writes the sealed document and reads it back; the document holds no personal value
// in clear.
func ExampleCodec() {
	ring, _ := privacy.NewKeyring("2026-11", map[string][]byte{"2026-11": bytes.Repeat([]byte{7}, 32)})
	codec, _ := sealed.NewCodec(ring, nil)

	c, _ := notification.NewCase(notification.NewCaseParams{
		GridCompany: "oresundskraft", InstallationType: catalog.FuseChange, JobType: "single-meter", Area: "HBG",
		Handler: notification.Handler{User: "u-1", Organisation: "elfirma-ab"}, CreatedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC),
	})
	_ = c.Edit(validate.Profile{}, privacy.Actor{ID: "u-1"}, c.CreatedAt(), func(d *notification.Draft) error {
		return d.SetWorkDescription("Maja Berg vill ha 25 A.")
	})
	doc, err := codec.Encode(c.Snapshot())
	fmt.Println(err, strings.Contains(string(doc), "Maja"))

	back, err := codec.Decode(doc)
	fmt.Println(err, back.WorkDescription.Reveal())
	// Output:
	// <nil> false
	// <nil> Maja Berg vill ha 25 A.
}
