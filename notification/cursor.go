package notification

import (
	"encoding/base64"
	"encoding/binary"
	"time"
)

// Cursor marks a position in a listing: after the case with a creation time and ID. It
// travels as an opaque, URL-safe string ([Cursor.String], [ParseCursor]); a repository reads
// its position with [Cursor.CreatedAt] and [Cursor.ID]. The zero Cursor is the start.
type Cursor struct {
	createdAt time.Time
	id        ID
}

// CursorAfter returns the cursor that continues a listing after the case with listing l.
func CursorAfter(l Listing) Cursor { return Cursor{createdAt: l.CreatedAt.UTC(), id: l.ID} }

// CreatedAt returns the creation time of the case the cursor follows.
func (c Cursor) CreatedAt() time.Time { return c.createdAt }

// ID returns the ID of the case the cursor follows.
func (c Cursor) ID() ID { return c.id }

// IsZero reports whether the cursor is the start of the listing.
func (c Cursor) IsZero() bool { return c.createdAt.IsZero() && c.id == "" }

// Before reports whether the case with creation time at and id comes after the cursor in
// listing order (by creation time, then ID).
func (c Cursor) Before(at time.Time, id ID) bool {
	if !at.Equal(c.createdAt) {
		return at.After(c.createdAt)
	}
	return id > c.id
}

// cursorVersion is the first byte of an encoded cursor, so the format can change.
const cursorVersion = 1

// String returns the cursor as an opaque URL-safe string ("" for the zero cursor).
func (c Cursor) String() string {
	if c.IsZero() {
		return ""
	}
	b := make([]byte, 0, 1+12+len(c.id))
	b = append(b, cursorVersion)
	b = binary.BigEndian.AppendUint64(b, uint64(c.createdAt.Unix()))
	b = binary.BigEndian.AppendUint32(b, uint32(c.createdAt.Nanosecond()))
	b = append(b, c.id...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor reads a cursor written by [Cursor.String]; "" is the zero cursor. Errors match
// [validate.ErrInvalid].
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	bad := invalid("after", "not a cursor from a listing", "inte en markör från en listning")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 1+12+1 || b[0] != cursorVersion {
		return Cursor{}, bad
	}
	secs, nanos := int64(binary.BigEndian.Uint64(b[1:9])), binary.BigEndian.Uint32(b[9:13])
	id, err := ParseID(string(b[13:]))
	if err != nil || nanos >= 1e9 {
		return Cursor{}, bad
	}
	return Cursor{createdAt: time.Unix(secs, int64(nanos)).UTC(), id: id}, nil
}

// MarshalText writes [Cursor.String].
func (c Cursor) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads what MarshalText writes.
func (c *Cursor) UnmarshalText(b []byte) error {
	v, err := ParseCursor(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
