package facility_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// partyKindSeeds are FuzzPartyKindUnmarshalText's seeds: the hostile inputs every parser must
// survive, the accepted spellings and near misses (also committed under
// testdata/fuzz/FuzzPartyKindUnmarshalText).
var partyKindSeeds = []string{
	"", " \t\r\n", strings.Repeat("7", 10000), "\xff\xfe\xfd", "\x00", "private\x00",
	"７３５", "٧٣٥",
	"private", "company", "privat", "företag", "FÖRETAG", "Företag", " Company\n", "PRIVATE",
	"unset", "unknown", "Privat person", "privatee", "ſ", "K", "privat\u00a0",
}

func FuzzPartyKindUnmarshalText(f *testing.F) {
	for _, s := range partyKindSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		k := facility.PartyKindCompany // an error must leave the value alone
		if err := k.UnmarshalText(b); err != nil {
			var pe *privacy.ParseError
			if !errors.As(err, &pe) || pe.Kind != facility.KindPartyKind || !errors.Is(err, privacy.ErrSyntax) {
				t.Fatalf("error %v is not a *ParseError for kind wrapping ErrSyntax", err)
			}
			if k != facility.PartyKindCompany {
				t.Fatalf("a failed UnmarshalText changed the kind to %v", k)
			}
			if s := strings.TrimSpace(string(b)); len(s) > 5 && (strings.Contains(err.Error(), s) || strings.Contains(pe.Swedish(), s)) {
				t.Fatalf("error %q quotes the input", err)
			}
			return
		}
		if k != facility.PartyKindUnset && k != facility.PartyKindPrivate && k != facility.PartyKindCompany {
			t.Fatalf("accepted as %d, outside the constants", uint8(k))
		}
		text, err := k.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText of an accepted kind: %v", err)
		}
		back := facility.PartyKindCompany
		if k == facility.PartyKindCompany {
			back = facility.PartyKindPrivate
		}
		if err := back.UnmarshalText(text); err != nil || back != k {
			t.Fatalf("canonical form %q unmarshals to %v, %v; want %v", text, back, err, k)
		}
		if text2, _ := back.MarshalText(); string(text2) != string(text) {
			t.Fatalf("canonical form not stable: %q then %q", text, text2)
		}
	})
}
