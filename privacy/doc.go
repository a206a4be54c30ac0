// Package privacy holds value types for personal data: Swedish personal
// identity numbers (personnummer and samordningsnummer), organisation
// numbers, phone numbers, e-mail addresses, birth dates and free text about
// a person.
//
// # Masked by default
//
// GDPR art. 25 asks for data protection by design and by default. Every type
// in this package is therefore masked in every output channel a program
// normally uses: String, every fmt verb (the types implement fmt.Formatter
// and fmt.GoStringer), log/slog (slog.LogValuer), encoding/json
// (json.Marshaler) and encoding.TextMarshaler. The zero value prints as the
// empty string everywhere.
//
// Implementing slog.LogValuer alone is not enough: fmt, and slog's handlers
// which fall back to fmt, print a value raw when it sits in an unexported
// field of a caller's struct, because fmt cannot call methods there. So the
// values are also stored obfuscated in memory: the identity numbers and
// Date as a uint64 mixed with a random per-process key, the string types as
// hex of their bytes XORed with a per-process key stream. A raw dump
// (%v of a struct with an unexported field, %#v through reflection, a
// debugger's summary) shows only noise. This is a defence against
// accidental disclosure, not encryption: anyone with access to the process
// memory can recover the key.
//
// Because the key is the same for the whole process, == still compares two
// values of the same type correctly. Each type also has Equal (used by
// go-cmp) and IsZero.
//
// # Masker
//
// All types share one informal method set, the "masker" contract: String
// and the marshalers return the masked form, Reveal returns the clear form,
// IsZero and Equal compare without revealing. There is deliberately no
// exported interface for it: code that needs the clear value should name
// the concrete type, so every Reveal call is easy to find in review.
//
// # Reveal
//
// Reveal is the one deliberate way to the clear value. Call it only where
// the clear value is needed for the purpose the data was collected for
// (sending the mandatory field to the grid company, showing it to an
// authorised user) and never to build a key, a file name, a URL or a log
// field (dataskyddslag 3 kap. 10 §).
//
// # Decoding
//
// UnmarshalText and UnmarshalJSON accept the CLEAR form and parse it with
// the package's parser, so an API request body can be decoded straight into
// these types. A masked string (containing '*') fails with ErrMasked. The
// asymmetry is deliberate: marshal then unmarshal does NOT round-trip,
// which stops masked output from being written back as if it were data. An
// empty string (or JSON null) decodes to the zero value without error so
// optional fields work.
//
// # Storage
//
// Storage adapters persist the clear value by calling Reveal and load it
// back with the matching Parse function (ParsePersonalIdentityNumber,
// ParseOrganisationNumber, ParsePhone, ParseEmail, ParseDate, NewText). Do
// not persist these values with encoding/json or encoding/gob: JSON would
// store the masked form, and the obfuscated in-memory form is only valid
// inside the process that created it.
//
// # At rest
//
// Storage adapters should not write the clear value either: SealText and
// SealPersonalIdentityNumber encrypt it through a Sealer (Keyring is
// AES-256-GCM with rotating keys) into a Sealed value that marshals to one
// text column; OpenText and OpenPersonalIdentityNumber read it back. The
// associated data binds each sealed value to its case and field. To find a
// case by identity number, index a Token (Tokenizer, a keyed HMAC) instead
// of the number.
//
// # Errors
//
// Every parser of gridnotify (this package's and package facility's) returns
// a *ParseError: its Kind names the kind of input in English and Swedish
// (KindPersonalIdentityNumber, or facility.KindFacilityID, ...), and it wraps
// one of the sentinel errors of this package (ErrEmpty, ErrLength,
// ErrNotDigit, ErrCheckDigit, ...), so callers branch with errors.Is.
// Returning one allocates nothing: each Kind holds one preallocated error per
// sentinel. Error messages never contain the input, which may itself be
// personal data. Error() is English; Swedish() is Swedish, for end users;
// Reason() is the reason alone as a sentence in both languages, for showing
// next to a field's label.
//
// Every error of gridnotify that a person may read implements Localized:
// Error() in English, Swedish() in Swedish.
//
// # Free text
//
// CleanText is the rule for every free-text field: valid UTF-8, no control
// characters (newline and tab only in multi-line text, where CR LF becomes
// LF), trimmed, in Unicode NFC. ParseText and ParseMultilineText apply it to
// free text about a person and return a Text.
//
// # Today
//
// The parsers that take today as their reference (ParsePersonalIdentityNumber,
// ParseOrganisationNumber for a sole trader, ParseDate) read a cached date,
// renewed every second while in use by a timer that stops when the package
// is idle, and read the clock only when the answer could turn on the day
// changing. The ...At forms take the reference date from the caller.
package privacy
