package notification

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText checks the free text a person typed into the field at path and returns it
// trimmed, or an error naming the field: invalid UTF-8, NUL or another control character
// (newline and tab only where the field is multi-line) or more than max characters.
func cleanText(path, s string, multiline bool, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", invalid(path, "is not valid UTF-8 text", "är inte giltig text (UTF-8)")
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			return "", invalid(path, "contains a control character", "innehåller ett styrtecken")
		}
	}
	s = strings.TrimSpace(s)
	if runes(s) > max {
		return "", invalid(path, "longer than "+strconv.Itoa(max)+" characters", "längre än "+strconv.Itoa(max)+" tecken")
	}
	return s, nil
}
