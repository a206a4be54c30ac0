package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestWalkthrough runs the README's first command's program and checks that it plays the
// manual to the end and prints no personal data in clear.
func TestWalkthrough(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Steg 1–7", "Fel: Det finns ingen anläggning", "the case is unchanged: version 1 → 1",
		"Mätarnummer                        överskriven", "behållen: du valde att inte skriva över",
		"fråga kunden", "Vill du göra detta nu?", "Ej skickat → För godkännande",
		"already submitted = true",
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
