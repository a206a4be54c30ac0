package notification

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// ID identifies a case. It is opaque and random: never derived from a personal identity
// number or anything else about a person, so it is safe in URLs, file names and logs.
type ID string

// NewID returns a fresh random ID ("n-" and 32 hex digits).
func NewID() ID {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return ID("n-" + hex.EncodeToString(b[:]))
}

// ParseID checks that s has the form [NewID] produces.
func ParseID(s string) (ID, error) {
	hexPart, ok := strings.CutPrefix(s, "n-")
	if !ok || len(hexPart) != 32 {
		return "", invalid("id", "not a case ID", "inte ett ärende-ID")
	}
	for _, r := range hexPart {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') { // lower case only, as NewID writes it
			return "", invalid("id", "not a case ID", "inte ett ärende-ID")
		}
	}
	return ID(s), nil
}

// String returns the ID.
func (id ID) String() string { return string(id) }
