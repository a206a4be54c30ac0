package privacy

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"fmt"
	"maps"
	"slices"
)

// KeySize is the size of every [Keyring] key: 32 bytes, for AES-256.
const KeySize = 32

// gcmNonceSize is the nonce size of AES-GCM as the keyring uses it.
const gcmNonceSize = 12

// sealDomain starts the associated data the keyring passes to AES-GCM, so a ciphertext
// made by something else with the same key — or by a later version of this format — does
// not open as one of ours.
const sealDomain = "gridnotify/seal/v1\x00"

// Keyring is the standard-library [Sealer]: AES-256-GCM with named keys, so keys can
// rotate. Seal always uses the primary key and a random 12-byte nonce, and records the key
// ID in the Sealed value; Open picks the key by that ID, so values sealed under older keys
// keep opening as long as their key stays in the ring. The key ID and a version tag are
// authenticated together with the caller's associated data.
//
// A Keyring never changes after it is made ([Keyring.Rotate] returns a new one), so it is
// safe for concurrent use. It keeps only the expanded AES keys, not the caller's slices:
// the caller may wipe its copies after [NewKeyring].
//
// With random nonces one key should seal no more than about 2³² values; rotate long before
// that. To retire a key, re-seal every value under the current primary, then make a
// keyring without it.
type Keyring struct {
	primary string
	aeads   map[string]cipher.AEAD
}

var _ Sealer = (*Keyring)(nil)

// NewKeyring returns a keyring holding keys (key ID → 32-byte key) that seals with
// primary. Key IDs must match [A-Za-z0-9_-]{1,64} (they are stored in every Sealed value);
// primary must be one of them. The keys are copied. Errors wrap [ErrInvalidKey] and name
// the offending key ID, never key material.
func NewKeyring(primary string, keys map[string][]byte) (*Keyring, error) {
	if _, ok := keys[primary]; !ok {
		return nil, fmt.Errorf("%w: the primary key %q is not among the keys", ErrInvalidKey, keyIDForError(primary))
	}
	k := &Keyring{primary: primary, aeads: make(map[string]cipher.AEAD, len(keys))}
	for _, id := range slices.Sorted(maps.Keys(keys)) { // sorted: the same error every time
		aead, err := newGCM(id, keys[id])
		if err != nil {
			return nil, err
		}
		k.aeads[id] = aead
	}
	return k, nil
}

// newGCM checks one key and its ID and returns its AES-256-GCM instance.
func newGCM(id string, key []byte) (cipher.AEAD, error) {
	if !validKeyID(id) {
		return nil, fmt.Errorf("%w: a key ID must match [A-Za-z0-9_-]{1,64}", ErrInvalidKey)
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("%w: key %q must be %d bytes, not %d", ErrInvalidKey, id, KeySize, len(key))
	}
	block, err := aes.NewCipher(key) // copies (expands) the key
	if err != nil {
		return nil, fmt.Errorf("%w: key %q: %w", ErrInvalidKey, id, err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("%w: key %q: %w", ErrInvalidKey, id, err)
	}
	return aead, nil
}

// keyIDForError returns id if it is a valid key ID and a placeholder otherwise, so an error
// never echoes arbitrary caller input.
func keyIDForError(id string) string {
	if validKeyID(id) {
		return id
	}
	return "(invalid ID)"
}

// Rotate returns a new keyring whose primary is the new key newPrimary, and which still
// holds every key of k so values sealed before keep opening. k itself is unchanged.
// newPrimary must be a new ID: reusing one would make the values sealed under it
// unreadable. Errors wrap [ErrInvalidKey].
func (k *Keyring) Rotate(newPrimary string, key []byte) (*Keyring, error) {
	if k == nil || len(k.aeads) == 0 {
		return nil, fmt.Errorf("%w: the keyring has no keys", ErrInvalidKey)
	}
	if _, ok := k.aeads[newPrimary]; ok {
		return nil, fmt.Errorf("%w: key %q is already in the keyring", ErrInvalidKey, keyIDForError(newPrimary))
	}
	aead, err := newGCM(newPrimary, key)
	if err != nil {
		return nil, err
	}
	n := &Keyring{primary: newPrimary, aeads: maps.Clone(k.aeads)}
	n.aeads[newPrimary] = aead
	return n, nil
}

// Primary returns the ID of the key Seal uses, or "" for a nil or zero Keyring.
func (k *Keyring) Primary() string {
	if k == nil {
		return ""
	}
	return k.primary
}

// Seal implements [Sealer]: AES-256-GCM under the primary key with a fresh random nonce.
// Sealing the same plaintext twice gives different ciphertexts. A plaintext over 256 KiB
// fails with [ErrTooLarge]; a nil or zero Keyring with [ErrInvalidKey].
func (k *Keyring) Seal(plaintext, associatedData []byte) (Sealed, error) {
	if k == nil || k.aeads[k.primary] == nil {
		return Sealed{}, fmt.Errorf("%w: the keyring has no keys", ErrInvalidKey)
	}
	if len(plaintext) > maxSealPlaintext {
		return Sealed{}, ErrTooLarge
	}
	aead := k.aeads[k.primary]
	// One allocation for nonce and ciphertext; the nonce's capacity is capped so appending
	// to it cannot overwrite the ciphertext.
	buf := make([]byte, gcmNonceSize, gcmNonceSize+len(plaintext)+aead.Overhead())
	nonce := buf[:gcmNonceSize:gcmNonceSize]
	// crypto/rand.Read never fails since Go 1.24 (it crashes the program instead).
	_, _ = rand.Read(nonce)
	ct := aead.Seal(buf[gcmNonceSize:], nonce, plaintext, sealAD(k.primary, associatedData))
	return Sealed{KeyID: k.primary, Nonce: nonce, Ciphertext: ct}, nil
}

// Open implements [Sealer]. It fails with [ErrUnknownKey] if s names a key the ring does
// not hold, and with [ErrUnsealFailed] if the ciphertext, the nonce or associatedData differ
// from what was sealed. It returns a new slice the caller may wipe after use.
func (k *Keyring) Open(s Sealed, associatedData []byte) ([]byte, error) {
	if k == nil {
		return nil, ErrUnknownKey
	}
	aead, ok := k.aeads[s.KeyID]
	if !ok {
		return nil, ErrUnknownKey
	}
	if len(s.Nonce) != gcmNonceSize || len(s.Ciphertext) < aead.Overhead() {
		return nil, ErrUnsealFailed
	}
	pt, err := aead.Open(nil, s.Nonce, s.Ciphertext, sealAD(s.KeyID, associatedData))
	if err != nil {
		return nil, ErrUnsealFailed
	}
	if pt == nil {
		pt = []byte{}
	}
	return pt, nil
}

// sealAD is the associated data given to AES-GCM: the domain, the key ID (which cannot
// contain NUL, so the boundary is unambiguous), a NUL, then the caller's associated data.
func sealAD(keyID string, associatedData []byte) []byte {
	ad := make([]byte, 0, len(sealDomain)+len(keyID)+1+len(associatedData))
	ad = append(ad, sealDomain...)
	ad = append(ad, keyID...)
	ad = append(ad, 0)
	return append(ad, associatedData...)
}
