package sealed

import (
	"encoding"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
)

// writer appends values to a buffer as their plans say.
type writer struct{ b []byte }

// errPersonalInClear is the error for a privacy-typed field that is not empty in the part
// written in clear: a personal field the snapshot's table of personal fields does not know.
func errPersonalInClear(t reflect.Type, name string) error {
	return fmt.Errorf("sealed: %s.%s is a personal value outside the case's personal fields; it would be written in clear", t, name)
}

func (w *writer) value(p *plan, v reflect.Value) error {
	switch p.kind {
	case kindString:
		w.string(v.String())
	case kindBool:
		if v.Bool() {
			w.b = append(w.b, 1)
		} else {
			w.b = append(w.b, 0)
		}
	case kindInt:
		w.b = binary.AppendVarint(w.b, v.Int())
	case kindUint:
		w.b = binary.AppendUvarint(w.b, v.Uint())
	case kindFloat:
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v.Float()))
	case kindBytes:
		w.b = binary.AppendUvarint(w.b, uint64(v.Len()))
		w.b = append(w.b, v.Bytes()...)
	case kindBinary:
		switch m := addressable(v).Addr().Interface().(type) {
		case encoding.BinaryAppender:
			return w.framed(m.AppendBinary)
		case encoding.BinaryMarshaler:
			return w.marshalled(m.MarshalBinary)
		}
	case kindText:
		switch m := addressable(v).Addr().Interface().(type) {
		case encoding.TextAppender:
			return w.framed(m.AppendText)
		case encoding.TextMarshaler:
			return w.marshalled(m.MarshalText)
		}
	case kindSlice, kindArray:
		n := v.Len()
		w.b = binary.AppendUvarint(w.b, uint64(n))
		for i := range n {
			if err := w.value(p.elem, v.Index(i)); err != nil {
				return err
			}
		}
	case kindMap:
		// In the map's order, which varies: documents with maps are not byte-for-byte
		// repeatable, which nothing here needs.
		w.b = binary.AppendUvarint(w.b, uint64(v.Len()))
		for it := v.MapRange(); it.Next(); {
			if err := w.value(p.key, it.Key()); err != nil {
				return err
			}
			if err := w.value(p.elem, it.Value()); err != nil {
				return err
			}
		}
	case kindPointer:
		if v.IsNil() {
			w.b = append(w.b, 0)
			return nil
		}
		w.b = append(w.b, 1)
		return w.value(p.elem, v.Elem())
	case kindStruct:
		return w.structure(p, v)
	case kindPersonal:
		return fmt.Errorf("sealed: %s is a personal value outside a struct field", p.typ)
	}
	return nil
}

// structure writes the struct's non-zero fields by name, then an empty name: a reader of a
// later version finds the fields it knows, and the fields this version does not write are
// zero when read back.
func (w *writer) structure(p *plan, v reflect.Value) error {
	for i := range p.fields {
		f := &p.fields[i]
		fv := fieldOf(v, f.index)
		if fv.IsZero() {
			continue
		}
		if f.personal {
			return errPersonalInClear(p.typ, f.name)
		}
		w.string(f.name)
		if err := w.value(f.plan, fv); err != nil {
			return err
		}
	}
	w.b = append(w.b, 0)
	return nil
}

func (w *writer) string(s string) {
	w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *writer) marshalled(marshal func() ([]byte, error)) error {
	b, err := marshal()
	if err != nil {
		return err
	}
	w.b = binary.AppendUvarint(w.b, uint64(len(b)))
	w.b = append(w.b, b...)
	return nil
}

// framed appends what appendTo appends, after its length. The length is not known before, so
// one byte is kept for it, the usual case, and the bytes are moved when it needs more.
func (w *writer) framed(appendTo func([]byte) ([]byte, error)) error {
	at := len(w.b)
	out, err := appendTo(append(w.b, 0))
	if err != nil {
		return err
	}
	n := len(out) - at - 1
	if n < 0x80 {
		out[at] = byte(n)
		w.b = out
		return nil
	}
	var length [binary.MaxVarintLen64]byte
	l := binary.PutUvarint(length[:], uint64(n))
	out = append(out, length[:l-1]...)
	copy(out[at+l:], out[at+1:at+1+n])
	copy(out[at:], length[:l])
	w.b = out
	return nil
}

// addressable returns v, or an addressable copy of it, so that methods with pointer
// receivers can be called.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// fieldOf returns the field of struct v at index path.
func fieldOf(v reflect.Value, index []int) reflect.Value {
	for _, i := range index {
		v = v.Field(i)
	}
	return v
}
