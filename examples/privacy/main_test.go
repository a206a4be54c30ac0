package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestRunShowsNoClearIdentityNumber runs the example and checks what it promises: an allowed
// and a denied reveal, both logged, and no clear identity number anywhere in its output.
func TestRunShowsNoClearIdentityNumber(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, clear := range []string{"198803200016", "880320-0016", "8803200016", "19880320-0016", "Berg", "Maja"} {
		if strings.Contains(text, clear) {
			t.Errorf("output contains %q in clear", clear)
		}
	}
	for _, want := range []string{"19880320-****", "u-1001 allowed", "u-1002 denied", "u-9009 denied", "access denied", "case not found"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}
