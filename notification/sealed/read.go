package sealed

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
)

// reader reads values written by a writer. Strings are cut from one copy of the input, so
// reading a case allocates once for all of them.
type reader struct {
	data []byte
	str  string // data as a string
	off  int
}

func newReader(data []byte) *reader { return &reader{data: data, str: string(data)} }

// corrupt is the error for input no writer writes.
func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

func (r *reader) uvarint() (uint64, error) {
	n, w := binary.Uvarint(r.data[r.off:])
	if w <= 0 {
		return 0, corrupt("truncated")
	}
	r.off += w
	return n, nil
}

func (r *reader) byte() (byte, error) {
	if r.off >= len(r.data) {
		return 0, corrupt("truncated")
	}
	r.off++
	return r.data[r.off-1], nil
}

// span reads a length and returns the bounds of the bytes that follow.
func (r *reader) span() (int, int, error) {
	n, err := r.uvarint()
	if err != nil {
		return 0, 0, err
	}
	if n > uint64(len(r.data)-r.off) {
		return 0, 0, corrupt("truncated")
	}
	a := r.off
	r.off += int(n)
	return a, r.off, nil
}

// count reads the length of a list, which cannot exceed the bytes left: every element takes
// at least one.
func (r *reader) count() (int, error) {
	n, err := r.uvarint()
	if err != nil {
		return 0, err
	}
	if n > uint64(len(r.data)-r.off) {
		return 0, corrupt("a list longer than the document")
	}
	return int(n), nil
}

// value reads into v, which is settable, a value written with plan p.
func (r *reader) value(p *plan, v reflect.Value) error {
	switch p.kind {
	case kindString:
		a, b, err := r.span()
		if err != nil {
			return err
		}
		v.SetString(r.str[a:b])
	case kindBool:
		c, err := r.byte()
		if err != nil {
			return err
		}
		if c > 1 {
			return corrupt("a %s that is neither true nor false", p.typ)
		}
		v.SetBool(c == 1)
	case kindInt:
		n, w := binary.Varint(r.data[r.off:])
		if w <= 0 {
			return corrupt("truncated")
		}
		r.off += w
		if v.OverflowInt(n) {
			return corrupt("a %s out of range", p.typ)
		}
		v.SetInt(n)
	case kindUint:
		n, err := r.uvarint()
		if err != nil {
			return err
		}
		if v.OverflowUint(n) {
			return corrupt("a %s out of range", p.typ)
		}
		v.SetUint(n)
	case kindFloat:
		if len(r.data)-r.off < 8 {
			return corrupt("truncated")
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(r.data[r.off:]))
		r.off += 8
		if v.OverflowFloat(f) {
			return corrupt("a %s out of range", p.typ)
		}
		v.SetFloat(f)
	case kindBytes:
		a, b, err := r.span()
		if err != nil {
			return err
		}
		v.SetBytes(bytes.Clone(r.data[a:b:b]))
	case kindBinary, kindText:
		a, b, err := r.span()
		if err != nil {
			return err
		}
		var uerr error
		if p.kind == kindBinary {
			uerr = v.Addr().Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(r.data[a:b:b])
		} else {
			uerr = v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(r.data[a:b:b])
		}
		if uerr != nil {
			return fmt.Errorf("%w: a %s: %w", ErrCorrupt, p.typ, uerr)
		}
	case kindSlice:
		n, err := r.count()
		if err != nil {
			return err
		}
		s := reflect.MakeSlice(p.typ, n, n)
		for i := range n {
			if err := r.value(p.elem, s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
	case kindArray:
		n, err := r.count()
		if err != nil {
			return err
		}
		if n != v.Len() {
			return corrupt("a %s of %d elements", p.typ, n)
		}
		for i := range n {
			if err := r.value(p.elem, v.Index(i)); err != nil {
				return err
			}
		}
	case kindMap:
		return r.mapping(p, v)
	case kindPointer:
		c, err := r.byte()
		if err != nil {
			return err
		}
		switch c {
		case 0:
			return nil
		case 1:
			e := reflect.New(p.elem.typ)
			if err := r.value(p.elem, e.Elem()); err != nil {
				return err
			}
			v.Set(e)
		default:
			return corrupt("a %s that is neither nil nor set", p.typ)
		}
	case kindStruct:
		return r.structure(p, v)
	case kindPersonal:
		return corrupt("a personal value in clear")
	}
	return nil
}

func (r *reader) mapping(p *plan, v reflect.Value) error {
	n, err := r.count()
	if err != nil {
		return err
	}
	m := reflect.MakeMapWithSize(p.typ, n)
	for range n {
		k := reflect.New(p.key.typ).Elem()
		if err := r.value(p.key, k); err != nil {
			return err
		}
		e := reflect.New(p.elem.typ).Elem()
		if err := r.value(p.elem, e); err != nil {
			return err
		}
		if m.MapIndex(k).IsValid() {
			return corrupt("a key of %s written twice", p.typ)
		}
		m.SetMapIndex(k, e)
	}
	v.Set(m)
	return nil
}

// structure reads a struct's fields by name until the empty name. Fields come in the order
// the writer's version declares them; a field this version does not know is an error, not
// dropped, so that a case written by a later version is never read and written back short.
func (r *reader) structure(p *plan, v reflect.Value) error {
	var seen uint64
	next := 0
	for {
		a, b, err := r.span()
		if err != nil {
			return err
		}
		if a == b {
			return nil
		}
		name := r.str[a:b]
		i := next
		if i >= len(p.fields) || p.fields[i].name != name {
			var ok bool
			if i, ok = p.byName[name]; !ok {
				// The name is not quoted: nothing read from a document goes into an error.
				return corrupt("a field %s does not have: was the case written by a later version?", p.typ)
			}
		}
		if seen&(1<<i) != 0 {
			return corrupt("%s.%s written twice", p.typ, name)
		}
		seen |= 1 << i
		next = i + 1
		f := &p.fields[i]
		if f.personal {
			return corrupt("%s.%s, a personal value, in clear", p.typ, name)
		}
		if err := r.value(f.plan, fieldOf(v, f.index)); err != nil {
			return err
		}
	}
}
