package privacy

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fuzzSeeds are hostile inputs every fuzz target starts from, besides its
// own valid examples.
var fuzzSeeds = []string{
	"",
	" \t\n ",
	strings.Repeat("1", 10000),
	"\xff\xfe\xfd",
	"880320\x00-0016",
	"\x00",
	"７３５９９９０００００００００００６",
	"٨٨٠٣٢٠-٠٠١٦",
	"+",
	"-",
	"0",
}

// addSeeds adds the shared hostile seeds and the target's own.
func addSeeds(f *testing.F, own ...string) {
	for _, s := range append(fuzzSeeds, own...) {
		f.Add(s)
	}
}

func FuzzParsePersonalIdentityNumber(f *testing.F) {
	addSeeds(f, "19090527+1474", "20000229-2399", "880320-0016", "701063-2391", "880320-0018",
		"197004289895", "201509160006", "19150072-2390", "000229-2399", "991231+2385")
	f.Fuzz(func(t *testing.T, s string) {
		checkScanFast(t, s)
		p, err := ParsePersonalIdentityNumberAt(s, testRef)
		if err != nil {
			if !p.IsZero() {
				t.Fatal("error with a non-zero value")
			}
			return
		}
		clear := p.Reveal()
		if len(clear) != 12 {
			t.Fatalf("canonical form has %d digits", len(clear))
		}
		q, err := ParsePersonalIdentityNumberAt(clear, testRef)
		if err != nil || q != p || q.Reveal() != clear {
			t.Fatalf("canonical form does not parse back: %v", err)
		}
		for _, out := range []string{p.String(), p.GoString(), p.LogValue().String()} {
			if strings.Contains(out, clear[8:]) && !strings.Contains(clear[:8], clear[8:]) {
				t.Fatal("masked output contains the last four digits")
			}
			if strings.Contains(out, clear[2:]) {
				t.Fatal("masked output contains the 10-digit form")
			}
		}
		if p.String() != clear[:8]+"-****" {
			t.Fatal("unexpected masked form")
		}
	})
}

func FuzzParseOrganisationNumber(f *testing.F) {
	addSeeds(f, "556016-0680", "165560160680", "202100-5489", "5560160681", "880320-0016",
		"198803200016", "16556016-0680", "090527+1474", "175560160680")
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOrganisationNumber(s)
		if err != nil {
			if !o.IsZero() {
				t.Fatal("error with a non-zero value")
			}
			return
		}
		clear := o.Reveal()
		q, err := ParseOrganisationNumber(clear)
		if err != nil || q != o || q.Reveal() != clear {
			t.Fatalf("canonical form does not parse back: %v", err)
		}
		if o.IsPersonal() && strings.Contains(o.String(), clear[6:]) && !strings.Contains(clear[:6], clear[6:]) {
			t.Fatal("masked sole trader number contains the last four digits")
		}
	})
}

func FuzzParsePhone(f *testing.F) {
	addSeeds(f, "070-123 45 67", "08-123 456 78", "0701234567", "+46 70 123 45 67", "0046701234567",
		"+46 (0)70 123 45 67", "+47 912 34 567", "(((0)))8 1234567")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePhone(s)
		if err != nil {
			if !p.IsZero() {
				t.Fatal("error with a non-zero value")
			}
			return
		}
		clear := p.Reveal()
		if !strings.HasPrefix(clear, "+46") {
			t.Fatal("not E.164 +46")
		}
		q, err := ParsePhone(clear)
		if err != nil || q != p || q.Reveal() != clear {
			t.Fatalf("canonical form does not parse back: %v", err)
		}
		if strings.Contains(p.String(), clear[3:]) {
			t.Fatal("masked output contains the national number")
		}
	})
}

func FuzzParseEmail(f *testing.F) {
	addSeeds(f, "anna@example.se", " Anna.Andersson@Example.SE ", "a@b.co", "anna@@example.se",
		"!#$%&'*+-/=?^_`{|}~@x.se", "anna@192.168.0.1", "a***@***.se")
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEmail(s)
		if err != nil {
			if !e.IsZero() {
				t.Fatal("error with a non-zero value")
			}
			return
		}
		clear := e.Reveal()
		q, err := ParseEmail(clear)
		if err != nil || q != e || q.Reveal() != clear {
			t.Fatalf("canonical form does not parse back: %v", err)
		}
		if len(clear) > 12 && strings.Contains(e.String(), clear) {
			t.Fatal("masked output contains the address")
		}
	})
}

func FuzzParseDate(f *testing.F) {
	addSeeds(f, "1988-03-20", "2000-02-29", "2001-02-29", "1799-12-31", "2026-05-02", "1988/03/20")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDateAt(s, testRef)
		if err != nil {
			if !d.IsZero() {
				t.Fatal("error with a non-zero value")
			}
			return
		}
		clear := d.Reveal()
		q, err := ParseDateAt(clear, testRef)
		if err != nil || q != d || q.Reveal() != clear {
			t.Fatalf("canonical form does not parse back: %v", err)
		}
		if d.String() != dateMask {
			t.Fatal("unexpected masked form")
		}
	})
}

// checkCleanText fails t unless out is what CleanText may return: valid
// UTF-8, no control character but (in multi-line text) newline and tab, in
// NFC, trimmed, not empty, and unchanged by cleaning again.
func checkCleanText(t *testing.T, out string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("invalid UTF-8 in %q", out)
	}
	for _, r := range out {
		if unicode.Is(unicode.Cc, r) && !(multiline && (r == '\n' || r == '\t')) {
			t.Fatalf("control character %U in %q", r, out)
		}
	}
	if !norm.NFC.IsNormalString(out) {
		t.Fatalf("not NFC: %q", out)
	}
	if out == "" || strings.TrimSpace(out) != out {
		t.Fatalf("not trimmed or empty: %q", out)
	}
	if again, err := CleanText(out, multiline); err != nil || again != out {
		t.Fatalf("cleaning %q again gives %q, %v", out, again, err)
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range append(fuzzSeeds, "Anna Andersson", "Ha\u030akan", "a\r\nb\rc\n\td", "\u0085", "\u009b31m",
		"\x1b[2J", "a\u200bb\u2028c", "\u2000x\u2000", "\ufeffBOM", "e\u0301\u0301", "\xed\xa0\x80", "\xc3") {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		out, err := CleanText(s, multiline)
		if err != nil {
			if out != "" {
				t.Fatal("error with a result")
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Kind != KindText ||
				!errors.Is(err, ErrEmpty) && !errors.Is(err, ErrControl) && !errors.Is(err, ErrEncoding) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkCleanText(t, out, multiline)
		var txt Text
		if multiline {
			txt, err = ParseMultilineText(s)
		} else {
			txt, err = ParseText(s)
		}
		if err != nil || txt.Reveal() != out || txt.String() != textMask {
			t.Fatalf("ParseText disagrees with CleanText: %v", err)
		}
	})
}
