package notification_test

import (
	"strings"
	"testing"
)

// fuzzHostile are the hostile inputs every fuzz target of this package starts from: empty,
// whitespace, a 10 000-character input, invalid UTF-8, NUL bytes, full-width and
// Arabic-Indic digits. They are also committed under testdata/fuzz/FuzzXxx/.
var fuzzHostile = []string{
	"",
	" \t\r\n",
	strings.Repeat("7", 10000),
	"\xff\xfe\xfd",
	"\x00",
	"n-\x0000000000000000000000000000000",
	"７３５９９９",
	"٧٣٥٩٩٩",
}

// fuzzAddStrings adds the hostile seeds and then seeds to a one-string fuzz target.
func fuzzAddStrings(f *testing.F, seeds ...string) {
	f.Helper()
	for _, s := range append(append([]string{}, fuzzHostile...), seeds...) {
		f.Add(s)
	}
}

// fuzzAddBytes is fuzzAddStrings for a target that takes []byte.
func fuzzAddBytes(f *testing.F, seeds ...string) {
	f.Helper()
	for _, s := range append(append([]string{}, fuzzHostile...), seeds...) {
		f.Add([]byte(s))
	}
}

// fuzzConstError fails t unless err's message is exactly want's: the parsers below answer
// every bad input with one fixed message, which therefore cannot quote the input.
func fuzzConstError(t *testing.T, err, want error) {
	t.Helper()
	if err.Error() != want.Error() {
		t.Fatalf("error %q differs from the fixed message %q", err, want)
	}
}
