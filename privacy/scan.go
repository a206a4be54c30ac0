package privacy

import "strings"

// maxInput is the longest raw input any number parser looks at; longer
// input is rejected before any other work.
const maxInput = 64

// scanFast and scanSlow scan a 10- or 12-digit number into d (digit values,
// not ASCII) and return the number of digits, 10 or 12, and the separator,
// 0, '-' or '+', which stands before the last four digits. scanFast
// recognises the common, well-formed shapes (NNNNNNNNNN, NNNNNN-NNNN,
// NNNNNN+NNNN and their 12-digit forms, without surrounding whitespace) at
// once and reports ok false for anything else; scanSlow takes any input and
// returns the same result for those shapes. Callers try scanFast first.
//
// scanSlow's errors are the sentinels: ErrEmpty, ErrLength (too long an
// input, or not 10 or 12 digits), ErrNotDigit, ErrSeparator.
func scanSlow(s string, d *[12]byte) (n int, sep byte, err error) {
	*d = [12]byte{}
	n, sep, sepAt, err := scanDigits(s, d)
	switch {
	case err != nil:
		return 0, 0, err
	case n != 10 && n != 12:
		return 0, 0, ErrLength
	case sep != 0 && sepAt != n-4:
		return 0, 0, ErrSeparator
	}
	return n, sep, nil
}

// scanFast leaves d in any state when it returns false. It is written out
// per shape, with constant indexes, because it is the hot path of every
// identity-number parse.
func scanFast(s string, d *[12]byte) (n int, sep byte, ok bool) {
	switch len(s) {
	case 10:
		_ = s[9]
		d[0] = s[0] - '0'
		d[1] = s[1] - '0'
		d[2] = s[2] - '0'
		d[3] = s[3] - '0'
		d[4] = s[4] - '0'
		d[5] = s[5] - '0'
		d[6] = s[6] - '0'
		d[7] = s[7] - '0'
		d[8] = s[8] - '0'
		d[9] = s[9] - '0'
		n = 10
	case 11:
		c := s[6]
		if c != '-' && c != '+' {
			return 0, 0, false
		}
		_ = s[10]
		d[0] = s[0] - '0'
		d[1] = s[1] - '0'
		d[2] = s[2] - '0'
		d[3] = s[3] - '0'
		d[4] = s[4] - '0'
		d[5] = s[5] - '0'
		d[6] = s[7] - '0'
		d[7] = s[8] - '0'
		d[8] = s[9] - '0'
		d[9] = s[10] - '0'
		n, sep = 10, c
	case 12:
		_ = s[11]
		d[0] = s[0] - '0'
		d[1] = s[1] - '0'
		d[2] = s[2] - '0'
		d[3] = s[3] - '0'
		d[4] = s[4] - '0'
		d[5] = s[5] - '0'
		d[6] = s[6] - '0'
		d[7] = s[7] - '0'
		d[8] = s[8] - '0'
		d[9] = s[9] - '0'
		d[10] = s[10] - '0'
		d[11] = s[11] - '0'
		n = 12
	case 13:
		c := s[8]
		if c != '-' && c != '+' {
			return 0, 0, false
		}
		_ = s[12]
		d[0] = s[0] - '0'
		d[1] = s[1] - '0'
		d[2] = s[2] - '0'
		d[3] = s[3] - '0'
		d[4] = s[4] - '0'
		d[5] = s[5] - '0'
		d[6] = s[6] - '0'
		d[7] = s[7] - '0'
		d[8] = s[9] - '0'
		d[9] = s[10] - '0'
		d[10] = s[11] - '0'
		d[11] = s[12] - '0'
		n, sep = 12, c
	default:
		return 0, 0, false
	}
	// A byte that is not a digit is above 9 after the subtraction, and
	// value+118 then has bit 7 set; a digit never does.
	bad := (uint(d[0]) + 118) | (uint(d[1]) + 118) | (uint(d[2]) + 118) | (uint(d[3]) + 118) |
		(uint(d[4]) + 118) | (uint(d[5]) + 118) | (uint(d[6]) + 118) | (uint(d[7]) + 118) |
		(uint(d[8]) + 118) | (uint(d[9]) + 118)
	if n == 12 {
		bad |= (uint(d[10]) + 118) | (uint(d[11]) + 118)
	}
	return n, sep, bad < 0x80
}

// scanDigits trims surrounding whitespace and collects into d up to 12
// ASCII digits and at most one '-' or '+' separator, returning the number of
// digits, the separator and the number of digits before it. Only ASCII
// digits count: any other letter or digit (full-width, Arabic-Indic, any
// non-ASCII byte) is ErrNotDigit; ASCII punctuation or space inside the
// number is ErrSeparator. It does not allocate.
func scanDigits(s string, d *[12]byte) (n int, sep byte, sepAt int, err error) {
	if len(s) > maxInput {
		return 0, 0, 0, ErrLength
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, 0, ErrEmpty
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if n == len(d) {
				return 0, 0, 0, ErrLength
			}
			d[n] = c - '0'
			n++
		case c == '-' || c == '+':
			if sep != 0 {
				return 0, 0, 0, ErrSeparator
			}
			sep, sepAt = c, n
		case c < 0x80 && !isASCIIAlpha(c):
			return 0, 0, 0, ErrSeparator
		default:
			return 0, 0, 0, ErrNotDigit
		}
	}
	return n, sep, sepAt, nil
}

// isASCIIAlpha reports whether c is an ASCII letter.
func isASCIIAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// lastTen returns the last ten of the n digits in d (the 10-digit form), in
// place.
func lastTen(d *[12]byte, n int) *[10]byte {
	if n == 12 {
		return (*[10]byte)(d[2:12])
	}
	return (*[10]byte)(d[0:10])
}

// num2 reads two digit values as a number.
func num2(a, b byte) int { return int(a)*10 + int(b) }
