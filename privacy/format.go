package privacy

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// formatMasked implements fmt.Formatter for every type: whatever the verb
// (%v %+v %s %q %x %X %d ...), only the masked string is written. %q quotes
// it, %#v writes the GoString form; width, precision and flags are honoured
// as for %s. Hex verbs deliberately do NOT hex-encode: the output must be
// the same masked text in every channel.
func formatMasked(f fmt.State, verb rune, masked string) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, strconv.Quote(masked))
	case verb == 'q':
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, 'q'), masked)
	default:
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, 's'), masked)
	}
}

// goStringMasked is the GoString form: the masked text as a Go string
// literal, so %#v of the zero value prints "".
func goStringMasked(masked string) string { return strconv.Quote(masked) }

// logValueMasked is the slog form.
func logValueMasked(masked string) slog.Value { return slog.StringValue(masked) }

// marshalJSONMasked encodes the masked text as a JSON string.
func marshalJSONMasked(masked string) ([]byte, error) { return json.Marshal(masked) }

// decodeJSONString unwraps a JSON string for UnmarshalJSON. null gives
// isNull so the caller can leave its value untouched, as encoding/json does.
// Anything but a JSON string is a *ParseError wrapping ErrSyntax; the json
// package's own error is dropped because it may quote part of the input.
func decodeJSONString(kind *Kind, data []byte) (s string, isNull bool, err error) {
	if string(data) == "null" {
		return "", true, nil
	}
	if len(data) < 2 || data[0] != '"' {
		return "", false, kind.Wrap(ErrSyntax) // not a JSON string: no need to decode it
	}
	if json.Unmarshal(data, &s) != nil {
		return "", false, kind.Wrap(ErrSyntax)
	}
	return s, false, nil
}

// looksMasked reports whether a string given to a decoder is masked output
// of this package rather than a clear value: clear values never hold '*'
// (an e-mail local part may, so Email checks its own pattern).
func looksMasked(s string) bool { return strings.Contains(s, "*") }

// isBlank reports whether s is empty after trimming whitespace.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
