package privacy

import "strings"

// maxInput is the longest raw input any number parser looks at; longer
// input is rejected before any other work.
const maxInput = 64

// scanned is a number split into its digit values and one optional separator.
type scanned struct {
	digits [12]byte // digit values 0–9, not ASCII
	n      int      // number of digits
	sep    byte     // 0, '-' or '+'
	sepAt  int      // number of digits before sep
}

// scanDigits trims surrounding whitespace and collects up to 12 ASCII digits
// and at most one '-' or '+' separator. Only ASCII digits count: any other
// letter or digit (full-width, Arabic-Indic, any non-ASCII byte) is
// ErrNotDigit; ASCII punctuation or space inside the number is ErrSeparator.
// It does not allocate.
func scanDigits(s string) (scanned, error) {
	var r scanned
	if len(s) > maxInput {
		return r, ErrLength
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return r, ErrEmpty
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if r.n == len(r.digits) {
				return r, ErrLength
			}
			r.digits[r.n] = c - '0'
			r.n++
		case c == '-' || c == '+':
			if r.sep != 0 {
				return r, ErrSeparator
			}
			r.sep = c
			r.sepAt = r.n
		case c < 0x80 && !isASCIIAlpha(c):
			return r, ErrSeparator
		default:
			return r, ErrNotDigit
		}
	}
	return r, nil
}

// isASCIIAlpha reports whether c is an ASCII letter.
func isASCIIAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// ten returns the last ten digits (the 10-digit form) of a 10- or 12-digit scan.
func (r *scanned) ten() [10]byte {
	var t [10]byte
	copy(t[:], r.digits[r.n-10:r.n])
	return t
}

// num2 reads two digit values as a number.
func num2(a, b byte) int { return int(a)*10 + int(b) }
