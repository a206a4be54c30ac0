package sealed

import "encoding/binary"

// Parts splits a document into its clear part and its envelope, for tests that tamper with
// one of them; it returns nils for a document too short to split.
func Parts(doc []byte) (clearPart, envelope []byte) {
	if len(doc) < 2 {
		return nil, nil
	}
	n, w := binary.Uvarint(doc[1:])
	if w <= 0 || n > uint64(len(doc)-1-w) {
		return nil, nil
	}
	return doc[1+w : 1+w+int(n)], doc[1+w+int(n):]
}

// Join makes a document of a clear part and an envelope.
func Join(clearPart, envelope []byte) []byte {
	doc := binary.AppendUvarint([]byte{format}, uint64(len(clearPart)))
	return append(append(doc, clearPart...), envelope...)
}

// WithField returns doc with a field name = value (a string) written first in the case's
// clear part, as no writer would: a personal field in clear, a field twice, a bad value.
func WithField(doc []byte, name, value string) []byte {
	clearPart, envelope := Parts(doc)
	var w writer
	w.string(name)
	w.string(value)
	return Join(append(w.b, clearPart...), envelope)
}

// KeyID returns the ID of the key that sealed doc's envelope.
func KeyID(doc []byte) string {
	_, envelope := Parts(doc)
	r := &reader{data: envelope, str: string(envelope)}
	a, b, err := r.span()
	if err != nil {
		return ""
	}
	return r.str[a:b]
}
