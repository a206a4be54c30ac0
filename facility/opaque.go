package facility

import (
	"strings"

	"github.com/gridnotify/gridnotify/privacy"
)

// parseOpaque normalises the grid company's free-form object numbers (meter
// number, technical number). The rules, shared by both:
//
//   - surrounding whitespace is trimmed;
//   - ASCII letters are upper-cased (numbers are compared as the grid
//     company writes them, and "ab12" typed by hand means "AB12");
//   - the characters allowed are A–Z, 0–9 and, inside the value, '-', '.',
//     '/' and ' ';
//   - the first and last characters must be a letter or digit;
//   - a run of spaces inside the value is collapsed to one space, because
//     a number copied from paper or a PDF often has uneven spacing and the
//     grid company's system would not distinguish them;
//   - the result has 1 to max characters.
//
// When s is already in canonical form the result is a substring of s and
// nothing is allocated.
func parseOpaque(kind *privacy.Kind, s string, max int) (string, error) {
	if len(s) > maxInput {
		return "", kind.Wrap(privacy.ErrLength)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", kind.Wrap(privacy.ErrEmpty)
	}
	canonical := true
	n := 0 // length of the normalised form
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c >= 'a' && c <= 'z':
			canonical = false
		case c == ' ':
			if prevSpace {
				canonical = false
				continue
			}
		case c == '-' || c == '.' || c == '/':
		default:
			return "", kind.Wrap(privacy.ErrSyntax)
		}
		prevSpace = c == ' '
		n++
	}
	if !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return "", kind.Wrap(privacy.ErrSyntax)
	}
	if n > max {
		return "", kind.Wrap(privacy.ErrLength)
	}
	if canonical {
		return s, nil
	}
	var buf [maxInput]byte
	b := buf[:0]
	prevSpace = false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' && prevSpace {
			continue
		}
		prevSpace = c == ' '
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b), nil
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}
