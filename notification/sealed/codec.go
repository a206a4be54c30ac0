package sealed

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"sync"

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
	plan   *plan // of notification.Snapshot
	legacy bool  // whether Decode reads the first release's documents
}

// NewCodec returns a codec sealing with sealer. tokens gives the keyed tokens of identity
// numbers for a store's person index ([Codec.Tokens]); it may be nil for a store without one.
func NewCodec(sealer privacy.Sealer, tokens *privacy.Tokenizer, opts ...Option) (*Codec, error) {
	if sealer == nil {
		return nil, errors.New("sealed: NewCodec: a sealer is required")
	}
	p, err := planFor(reflect.TypeFor[notification.Snapshot]())
	if err != nil {
		return nil, err
	}
	k := &Codec{sealer: sealer, tokens: tokens, plan: p}
	for _, opt := range opts {
		opt(k)
	}
	return k, nil
}

// Option adjusts a Codec.
type Option func(*Codec)

// WithFirstReleaseDocuments makes Decode read, besides its own, the JSON documents of the
// first release's notification.Codec, for a store of your own that kept them: read each and
// write it back, and the store holds the current document. Their clear part is not
// authenticated (only each sealed value is), so anyone who can write the store could plant
// one: turn this on while migrating, not for good. Without it such a document is
// [ErrCorrupt].
func WithFirstReleaseDocuments() Option { return func(k *Codec) { k.legacy = true } }

// format is the version of the document a Codec writes and reads, its first byte; a change
// to the document's layout or to how a type is written gets a new number and a reader for
// the old one. (A field added to the snapshot needs neither: fields are written by name.)
const format = 1

// The document a Codec writes:
//
//	format      one byte
//	clear part  uvarint length, then the snapshot without its personal values (plan.go)
//	envelope    uvarint length and bytes of the key ID, of the nonce, of the ciphertext
//
// The clear part holds nothing personal; the envelope seals every personal value, by path,
// and authenticates the clear part too.

// Encode writes s with every personal value sealed. The envelope is sealed even when the case
// holds no personal value, so that every stored document is authenticated as a whole.
func (k *Codec) Encode(s notification.Snapshot) ([]byte, error) {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	w := writer{b: append(sc.doc[:0], format)}
	defer func() { sc.doc = w.b }()
	bare := s.WithoutPersonalValues()
	if err := w.framed(func(b []byte) ([]byte, error) {
		cw := writer{b: b}
		err := cw.value(k.plan, reflect.ValueOf(&bare).Elem())
		return cw.b, err
	}); err != nil {
		return nil, fmt.Errorf("sealed: encoding the case: %w", err)
	}
	n, l := binary.Uvarint(w.b[1:])
	clearPart := w.b[1+l : 1+l+int(n)]

	plain := sc.plain[:0]
	for path, v := range s.PersonalValues() {
		plain = binary.AppendUvarint(plain, uint64(len(path)))
		plain = append(plain, path...)
		plain = binary.AppendUvarint(plain, uint64(len(v)))
		plain = append(plain, v...)
	}
	sc.plain = plain
	sealed, err := k.sealer.Seal(plain, bind(s.ID, clearPart))
	if err != nil {
		return nil, fmt.Errorf("sealed: sealing the personal values: %w", err)
	}
	w.string(sealed.KeyID)
	w.b = binary.AppendUvarint(w.b, uint64(len(sealed.Nonce)))
	w.b = append(w.b, sealed.Nonce...)
	w.b = binary.AppendUvarint(w.b, uint64(len(sealed.Ciphertext)))
	w.b = append(w.b, sealed.Ciphertext...)
	return bytes.Clone(w.b), nil
}

// scratch is Encode's working space, pooled: Encode returns an exact copy of the document,
// so a document costs one allocation of its own size rather than a buffer grown in steps.
type scratch struct {
	doc   []byte // the document; nothing personal in it
	plain []byte // the personal values before sealing, wiped after each use
}

var scratchPool = sync.Pool{New: func() any { return &scratch{doc: make([]byte, 0, 4096), plain: make([]byte, 0, 1024)} }}

// maxPooled is the largest buffer kept for reuse; a case with long texts gets its own.
const maxPooled = 64 << 10

func (sc *scratch) release() {
	clear(sc.plain[:cap(sc.plain)])
	if cap(sc.doc) > maxPooled || cap(sc.plain) > maxPooled {
		return
	}
	scratchPool.Put(sc)
}

// bind is the associated data of the envelope: the case's ID and a digest of the clear part,
// so that neither the envelope can be moved to another case nor the clear part be changed
// (a row moved, a status rewritten) without the document failing to open.
func bind(id notification.ID, clearPart []byte) []byte {
	sum := sha256.Sum256(clearPart)
	return append([]byte("gridnotify/case/v1\x00"+string(id)+"\x00"), sum[:]...)
}

// Decode reads a document written by Encode, or one of the first release's with
// [WithFirstReleaseDocuments]. Errors match [ErrCorrupt], or the sealer's
// ([privacy.ErrUnknownKey], [privacy.ErrUnsealFailed]) for a document that does not
// authenticate: an envelope moved from another case, a clear part changed.
func (k *Codec) Decode(data []byte) (notification.Snapshot, error) {
	if len(data) == 0 {
		return notification.Snapshot{}, corrupt("empty")
	}
	if isLegacy(data) {
		if !k.legacy {
			return notification.Snapshot{}, corrupt("a document of the first release, which this codec does not read (see WithFirstReleaseDocuments)")
		}
		return k.decodeLegacy(data)
	}
	if data[0] != format {
		return notification.Snapshot{}, corrupt("unknown format %d", data[0])
	}
	r := &reader{data: data, off: 1}
	a, b, err := r.span()
	if err != nil {
		return notification.Snapshot{}, err
	}
	clearPart := data[a:b]
	var s notification.Snapshot
	cr := newReader(clearPart)
	if err := cr.value(k.plan, reflect.ValueOf(&s).Elem()); err != nil {
		return notification.Snapshot{}, err
	}
	if cr.off != len(clearPart) {
		return notification.Snapshot{}, corrupt("bytes after the case")
	}
	if err := s.Validate(); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	envelope, err := r.envelope()
	if err != nil {
		return notification.Snapshot{}, err
	}
	plain, err := k.sealer.Open(envelope, bind(s.ID, clearPart))
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

// envelope reads the sealed envelope, the rest of the document.
func (r *reader) envelope() (privacy.Sealed, error) {
	var parts [3][]byte
	for i := range parts {
		a, b, err := r.span()
		if err != nil {
			return privacy.Sealed{}, err
		}
		parts[i] = r.data[a:b:b]
	}
	if r.off != len(r.data) {
		return privacy.Sealed{}, corrupt("bytes after the envelope")
	}
	return privacy.Sealed{KeyID: string(parts[0]), Nonce: parts[1], Ciphertext: parts[2]}, nil
}

// split checks the envelope's path–value pairs and returns them, cut from one copy of b (b
// itself is wiped after use).
func split(b []byte) (iter.Seq2[string, string], error) {
	n := 0
	for rest := b; len(rest) > 0; n++ {
		l, w := binary.Uvarint(rest)
		if w <= 0 || l > uint64(len(rest)-w) {
			return nil, corrupt("truncated personal values")
		}
		rest = rest[w+int(l):]
	}
	if n%2 != 0 {
		return nil, corrupt("a personal value without its path")
	}
	all := string(b)
	return func(yield func(string, string) bool) {
		off := 0
		next := func() string {
			l, w := binary.Uvarint(b[off:])
			s := all[off+w : off+w+int(l)]
			off += w + int(l)
			return s
		}
		for off < len(b) {
			path := next()
			if !yield(path, next()) {
				return
			}
		}
	}, nil
}

// Tokens returns the keyed tokens of the identity numbers in s, for a store's person index:
// [notification.Snapshot.PersonTokens] with the codec's tokenizer.
func (k *Codec) Tokens(s notification.Snapshot) []privacy.Token {
	return slices.Clip(s.PersonTokens(k.tokens))
}
