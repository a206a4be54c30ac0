package notification

import (
	"errors"
	"strconv"

	"github.com/gridnotify/gridnotify/privacy"
)

// cleanText checks the free text a person typed into the field at path by the rule of every
// free-text field ([privacy.CleanText]: valid UTF-8, no control character but newline and tab
// where the field is multi-line, trimmed, in Unicode NFC) and returns it, or an error naming
// the field. Empty text is no error here (whether a field is required is the profile's
// business); more than max characters is.
func cleanText(path, s string, multiline bool, max int) (string, error) {
	clean, err := privacy.CleanText(s, multiline)
	switch {
	case errors.Is(err, privacy.ErrEmpty):
		return "", nil
	case err != nil:
		return "", invalidErr(path, err)
	case runes(clean) > max:
		return "", invalid(path, "Longer than "+strconv.Itoa(max)+" characters.", "Längre än "+strconv.Itoa(max)+" tecken.")
	}
	return clean, nil
}
