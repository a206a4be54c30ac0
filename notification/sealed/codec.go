package sealed

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// ErrCorrupt is matched by the error for a stored document that cannot be read back.
var ErrCorrupt = errors.New("sealed: stored case cannot be decoded")

// Codec writes and reads the sealed document of a case. It is safe for concurrent use if its
// Sealer is (a [privacy.Keyring] is). It implements [notification.SnapshotCodec].
type Codec struct {
	sealer privacy.Sealer
	tokens *privacy.Tokenizer
}

// NewCodec returns a codec sealing with sealer. tokens gives the keyed tokens of identity
// numbers for a store's person index ([Codec.Tokens]); it may be nil for a store without one.
func NewCodec(sealer privacy.Sealer, tokens *privacy.Tokenizer) (*Codec, error) {
	if sealer == nil {
		return nil, errors.New("sealed: NewCodec: a sealer is required")
	}
	return &Codec{sealer: sealer, tokens: tokens}, nil
}

// format is the version of the document a Codec writes and reads; a change to the stored
// shape gets a new number and a reader for the old one.
const format = 1

// document is what a Codec writes: the snapshot without personal data, in clear, and the
// envelope of its personal values, which also authenticates the clear part.
type document struct {
	Format   int             `json:"format"`
	Case     json.RawMessage `json:"case"`
	Personal privacy.Sealed  `json:"personal"`
}

// Encode writes s with every personal value sealed. The envelope is sealed even when the case
// holds no personal value, so that every stored document is authenticated as a whole.
func (k *Codec) Encode(s notification.Snapshot) ([]byte, error) {
	clearPart, err := json.Marshal(s.WithoutPersonalValues())
	if err != nil {
		return nil, fmt.Errorf("sealed: encoding the case: %w", err)
	}
	var plain []byte
	for path, v := range s.PersonalValues() {
		plain = binary.AppendUvarint(plain, uint64(len(path)))
		plain = append(plain, path...)
		plain = binary.AppendUvarint(plain, uint64(len(v)))
		plain = append(plain, v...)
	}
	sealed, err := k.sealer.Seal(plain, bind(s.ID, clearPart))
	clear(plain)
	if err != nil {
		return nil, fmt.Errorf("sealed: sealing the personal values: %w", err)
	}
	return json.Marshal(document{Format: format, Case: clearPart, Personal: sealed})
}

// bind is the associated data of the envelope: the case's ID and a digest of the clear part,
// so that neither the envelope can be moved to another case nor the clear part be changed
// (a row moved, a status rewritten) without the document failing to open.
func bind(id notification.ID, clearPart []byte) []byte {
	sum := sha256.Sum256(clearPart)
	return append([]byte("gridnotify/case/v1\x00"+string(id)+"\x00"), sum[:]...)
}

// Decode reads a document written by Encode. Errors match [ErrCorrupt], or the sealer's
// ([privacy.ErrUnknownKey], [privacy.ErrUnsealFailed]) for a document that does not
// authenticate: an envelope moved from another case, a clear part changed.
func (k *Codec) Decode(data []byte) (notification.Snapshot, error) {
	var d document
	if err := json.Unmarshal(data, &d); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if d.Format != format {
		return notification.Snapshot{}, fmt.Errorf("%w: unknown format %d", ErrCorrupt, d.Format)
	}
	var s notification.Snapshot
	if err := json.Unmarshal(d.Case, &s); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if err := s.Validate(); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	plain, err := k.sealer.Open(d.Personal, bind(s.ID, d.Case))
	if err != nil {
		return notification.Snapshot{}, fmt.Errorf("sealed: opening the case: %w", err)
	}
	defer clear(plain)
	values, err := split(plain)
	if err != nil {
		return notification.Snapshot{}, err
	}
	if err := s.SetPersonalValues(values); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return s, nil
}

// split reads the envelope's path–value pairs.
func split(b []byte) (map[string]string, error) {
	values := map[string]string{}
	next := func() (string, bool) {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)-w) {
			return "", false
		}
		s := string(b[w : w+int(n)])
		b = b[w+int(n):]
		return s, true
	}
	for len(b) > 0 {
		path, ok1 := next()
		v, ok2 := next()
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%w: truncated personal values", ErrCorrupt)
		}
		if _, dup := values[path]; dup {
			return nil, fmt.Errorf("%w: a personal value stored twice", ErrCorrupt)
		}
		values[path] = v
	}
	return values, nil
}

// Tokens returns the keyed tokens of the identity numbers in s, for a store's person index:
// [notification.Snapshot.PersonTokens] with the codec's tokenizer.
func (k *Codec) Tokens(s notification.Snapshot) []privacy.Token {
	return slices.Clip(s.PersonTokens(k.tokens))
}
