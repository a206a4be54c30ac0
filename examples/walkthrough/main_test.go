package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
)

// TestWalkthrough runs the README's first command's program and checks that it plays the
// manual to the end and prints no personal data in clear.
func TestWalkthrough(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, notification.NewDefaultService()); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Steg 1–7", "Fel: Det finns ingen anläggning", "the case is unchanged: version 1 → 1",
		"Mätarnummer                        överskriven", "behållen: du valde att inte skriva över",
		"fråga kunden", "Vill du göra detta nu?", "Ej skickat → För godkännande",
		"already submitted = true", "submitted            not-sent           → awaiting-approval",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, clear := range []string{"880320-0016", "198803200016", "Berg", "Maja", "maja.berg", "Storgatan", "174 06 55"} {
		if strings.Contains(text, clear) {
			t.Errorf("output contains personal data %q in clear", clear)
		}
	}
}

// TestWalkthroughOnSQLite runs the walkthrough twice on one SQLite file, as the README's
// "-db sqlite:PATH" does: the second run finds the first run's case.
func TestWalkthroughOnSQLite(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "cases.db")
	var runs [2]string
	for i := range runs {
		svc, closeStore, err := newService(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := run(context.Background(), &out, svc); err != nil {
			t.Fatal(err)
		}
		if err := closeStore(); err != nil {
			t.Fatal(err)
		}
		runs[i] = out.String()
	}
	if strings.Contains(runs[0], "Cases of earlier runs") {
		t.Error("the first run found earlier cases")
	}
	if !strings.Contains(runs[1], "Cases of earlier runs") || !strings.Contains(runs[1], "För godkännande") {
		t.Errorf("the second run did not list the first run's case:\n%s", runs[1])
	}
	for _, clear := range []string{"880320-0016", "Berg", "Storgatan"} {
		if strings.Contains(runs[1], clear) {
			t.Errorf("output contains %q in clear", clear)
		}
	}
}
