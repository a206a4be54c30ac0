package privacy

import "testing"

// More sinks for the sealing and token benchmarks.
var (
	sinkSealed Sealed
	sinkBytes  []byte
	sinkToken  Token
)

func BenchmarkKeyringSeal(b *testing.B) {
	k := testKeyring(b)
	pt := []byte("198803200016")
	b.ReportAllocs()
	b.SetBytes(int64(len(pt)))
	for b.Loop() {
		sinkSealed, _ = k.Seal(pt, aad)
	}
}

func BenchmarkKeyringOpen(b *testing.B) {
	k := testKeyring(b)
	s, err := k.Seal([]byte("198803200016"), aad)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes, _ = k.Open(s, aad)
	}
}

func BenchmarkSealedUnmarshalText(b *testing.B) {
	k := testKeyring(b)
	s, err := k.Seal([]byte("Anna Andersson"), aad)
	if err != nil {
		b.Fatal(err)
	}
	text, err := s.MarshalText()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = sinkSealed.UnmarshalText(text)
	}
}

func BenchmarkTokenizerPersonalIdentityNumber(b *testing.B) {
	tk := testTokenizer(b, 1)
	p := mustPIN(b, "880320-0016")
	b.ReportAllocs()
	for b.Loop() {
		sinkToken = tk.PersonalIdentityNumber(p)
	}
}
