package privacy

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
)

// The in-memory obfuscation. Values are never stored in the clear so that a
// raw dump of a caller's struct (fmt on an unexported field, reflection)
// shows no personal data. It is not encryption: the key lives in the same
// process. It is fixed for the process so == keeps working.

// setBit marks a non-empty value, so the zero uint64 always means "empty".
const setBit = uint64(1) << 63

// Odd multipliers of the bijective mixer (from splitmix64).
const (
	mixC1 = 0xbf58476d1ce4e5b9
	mixC2 = 0x94d049bb133111eb
)

var (
	// numKey is XORed into numbers before mixing. Its top bit is clear, so
	// (x|setBit)^numKey is never 0 and the mixed result is never 0 either.
	numKey uint64
	// strKey seeds the key stream for the string types.
	strKey uint64
	// Multiplicative inverses of the mixer constants modulo 2^64.
	mixC1Inv = inverseOdd(mixC1)
	mixC2Inv = inverseOdd(mixC2)
)

func init() {
	var b [16]byte
	// crypto/rand.Read never returns an error since Go 1.24 (it crashes the
	// program instead), so there is nothing to handle.
	_, _ = rand.Read(b[:])
	numKey = binary.LittleEndian.Uint64(b[:8]) &^ setBit
	strKey = binary.LittleEndian.Uint64(b[8:])
}

// inverseOdd returns the inverse of an odd c modulo 2^64 (Newton's method;
// each step doubles the number of correct low bits, c*c ≡ 1 mod 8 gives 3).
func inverseOdd(c uint64) uint64 {
	inv := c
	for range 5 {
		inv *= 2 - c*inv
	}
	return inv
}

// mix is a bijection on uint64 with mix(0) == 0.
func mix(x uint64) uint64 {
	x ^= x >> 32
	x *= mixC1
	x ^= x >> 32
	x *= mixC2
	x ^= x >> 32
	return x
}

// unmix inverts mix.
func unmix(x uint64) uint64 {
	x ^= x >> 32
	x *= mixC2Inv
	x ^= x >> 32
	x *= mixC1Inv
	x ^= x >> 32
	return x
}

// hideNum stores a clear value (< 2^62). The result is never 0.
func hideNum(clear uint64) uint64 { return mix((clear | setBit) ^ numKey) }

// showNum recovers a value stored with hideNum; ok is false for the zero
// (empty) value.
func showNum(hidden uint64) (clear uint64, ok bool) {
	if hidden == 0 {
		return 0, false
	}
	return (unmix(hidden) ^ numKey) &^ setBit, true
}

// keyStreamBlock returns bytes 8·block to 8·block+7 of the key stream, the lowest first.
func keyStreamBlock(block int) uint64 { return mix(strKey ^ uint64(block) + uint64(block)) }

const hexDigits = "0123456789abcdef"

// hideString stores clear text as hex of its bytes XORed with the key
// stream: printable (safe in a raw log line), comparable with ==, and not
// readable without the key. One allocation; the key stream is made eight
// bytes at a time.
func hideString[T []byte | string](clear T) string {
	if len(clear) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(2 * len(clear))
	var chunk [16]byte
	for start := 0; start < len(clear); start += 8 {
		ks := keyStreamBlock(start / 8)
		n := 0
		for _, c := range []byte(clear[start:min(start+8, len(clear))]) {
			c ^= byte(ks)
			ks >>= 8
			chunk[n], chunk[n+1] = hexDigits[c>>4], hexDigits[c&0x0f]
			n += 2
		}
		b.Write(chunk[:n])
	}
	return b.String()
}

// showString inverts hideString. One allocation.
func showString(hidden string) string {
	if hidden == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(hidden) / 2)
	var chunk [8]byte
	for start := 0; start < len(hidden)/2; start += 8 {
		ks := keyStreamBlock(start / 8)
		end := min(start+8, len(hidden)/2)
		for i := start; i < end; i++ {
			chunk[i-start] = (unhex(hidden[2*i])<<4 | unhex(hidden[2*i+1])) ^ byte(ks)
			ks >>= 8
		}
		b.Write(chunk[:end-start])
	}
	return b.String()
}

// unhex decodes one lower-case hex digit written by hideString.
func unhex(c byte) byte {
	if c >= 'a' {
		return c - 'a' + 10
	}
	return c - '0'
}
