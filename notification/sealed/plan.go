package sealed

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// A plan says how a Go type is written in the clear part of a document. It is built once per
// type by reflection over the type's fields and JSON names, so a field added to the snapshot
// is stored without a change here, and it is cached, so writing and reading a case costs no
// reflection over types, only over values.
type plan struct {
	kind   planKind
	typ    reflect.Type
	elem   *plan     // element of a slice, array or pointer; value of a map
	key    *plan     // key of a map
	fields []field   // fields of a struct, flattened through embedded structs
	byName nameIndex // fields by name, for reading
}

// planKind is how a type is written.
type planKind uint8

const (
	kindString   planKind = iota // uvarint length, bytes
	kindBool                     // one byte, 0 or 1
	kindInt                      // zigzag varint
	kindUint                     // uvarint
	kindFloat                    // eight bytes, little-endian IEEE 754
	kindBytes                    // []byte: uvarint length, bytes
	kindBinary                   // encoding.BinaryMarshaler: uvarint length, its bytes
	kindText                     // encoding.TextMarshaler: uvarint length, its text
	kindSlice                    // uvarint count, elements
	kindArray                    // uvarint count (the array's length), elements
	kindMap                      // uvarint count, key–value pairs
	kindPointer                  // byte 0 (nil) or 1, then the element
	kindStruct                   // (uvarint name length, name, value)* for each non-zero field, then a 0 byte
	kindPersonal                 // a privacy type: never written; it must be empty in the clear part
)

// field is one field of a struct plan: its JSON name and where it is in the Go struct.
type field struct {
	name     string
	index    []int // the field's index path through embedded structs
	plan     *plan
	personal bool // of a privacy type: sealed, never in clear
}

// nameIndex finds a field by name.
type nameIndex map[string]int

// maxFields bounds a struct's fields, so that reading can spot a field written twice with a
// bit set.
const maxFields = 64

var (
	revealer          = reflect.TypeFor[interface{ Reveal() string }]()
	binaryMarshaler   = reflect.TypeFor[encoding.BinaryMarshaler]()
	binaryUnmarshaler = reflect.TypeFor[encoding.BinaryUnmarshaler]()
	textMarshaler     = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshaler   = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonMarshaler     = reflect.TypeFor[json.Marshaler]()
)

// plans caches the plan of every type a codec has written or read.
var plans sync.Map // reflect.Type → *plan

// planFor returns the plan of t, building and caching it the first time.
func planFor(t reflect.Type) (*plan, error) {
	if p, ok := plans.Load(t); ok {
		return p.(*plan), nil
	}
	p, err := (&planner{building: map[reflect.Type]bool{}, built: map[reflect.Type]*plan{}}).build(t)
	if err != nil {
		return nil, err
	}
	actual, _ := plans.LoadOrStore(t, p)
	return actual.(*plan), nil
}

// planner builds the plan of one type and of the types it holds.
type planner struct {
	building map[reflect.Type]bool  // types being built, to refuse recursive types
	built    map[reflect.Type]*plan // types built, each once
}

func (b *planner) build(t reflect.Type) (*plan, error) {
	if p, ok := b.built[t]; ok {
		return p, nil
	}
	if b.building[t] {
		return nil, fmt.Errorf("sealed: type %s holds itself; recursive types are not stored", t)
	}
	b.building[t] = true
	defer delete(b.building, t)

	p, err := b.make(t)
	if err == nil {
		b.built[t] = p
	}
	return p, err
}

// ownForm reports whether t is written in a form of its own rather than field by field.
func ownForm(t reflect.Type) bool {
	ptr := reflect.PointerTo(t)
	return ptr.Implements(revealer) || ptr.Implements(binaryMarshaler) || ptr.Implements(textMarshaler) ||
		ptr.Implements(jsonMarshaler)
}

func (b *planner) make(t reflect.Type) (*plan, error) {
	p := &plan{typ: t}
	ptr := reflect.PointerTo(t)
	switch {
	// A privacy type reveals a personal value: it goes into the envelope, never in clear.
	case ptr.Implements(revealer):
		p.kind = kindPersonal
		return p, nil
	// Types with their own forms (time.Time, decimal.Decimal; statuses, sources, EANs)
	// are written in them: their unexported fields are theirs to write, and their text
	// forms are stable across versions where a constant's number is not.
	case ptr.Implements(binaryMarshaler) && ptr.Implements(binaryUnmarshaler):
		p.kind = kindBinary
		return p, nil
	case ptr.Implements(textMarshaler) && ptr.Implements(textUnmarshaler):
		p.kind = kindText
		return p, nil
	case ptr.Implements(jsonMarshaler):
		return nil, fmt.Errorf("sealed: type %s has a JSON form only; give it MarshalText and UnmarshalText to be stored", t)
	}
	switch t.Kind() {
	case reflect.String:
		p.kind = kindString
	case reflect.Bool:
		p.kind = kindBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind = kindInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		p.kind = kindUint
	case reflect.Float32, reflect.Float64:
		p.kind = kindFloat
	case reflect.Slice, reflect.Array, reflect.Pointer:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			p.kind = kindBytes
			return p, nil
		}
		p.kind = map[reflect.Kind]planKind{reflect.Slice: kindSlice, reflect.Array: kindArray, reflect.Pointer: kindPointer}[t.Kind()]
		elem, err := b.element(t, t.Elem())
		if err != nil {
			return nil, err
		}
		p.elem = elem
	case reflect.Map:
		p.kind = kindMap
		key, err := b.element(t, t.Key())
		if err != nil {
			return nil, err
		}
		elem, err := b.element(t, t.Elem())
		if err != nil {
			return nil, err
		}
		p.key, p.elem = key, elem
	case reflect.Struct:
		p.kind = kindStruct
		if err := b.fields(p, t, nil); err != nil {
			return nil, err
		}
		if len(p.fields) > maxFields {
			return nil, fmt.Errorf("sealed: type %s has more than %d fields", t, maxFields)
		}
		p.byName = make(nameIndex, len(p.fields))
		for i, f := range p.fields {
			if _, dup := p.byName[f.name]; dup {
				return nil, fmt.Errorf("sealed: type %s has two fields named %q", t, f.name)
			}
			p.byName[f.name] = i
		}
	default:
		return nil, fmt.Errorf("sealed: type %s (%s) cannot be stored", t, t.Kind())
	}
	return p, nil
}

// element builds the plan of what a container holds; personal values only stand in a
// struct's fields, where the snapshot's paths can name them.
func (b *planner) element(container, t reflect.Type) (*plan, error) {
	p, err := b.build(t)
	if err == nil && p.kind == kindPersonal {
		return nil, fmt.Errorf("sealed: %s holds a privacy type outside a struct field", container)
	}
	return p, err
}

// fields adds the fields of struct t, under index path at, to p: exported ones by their
// JSON name, embedded structs without a name inlined, as encoding/json does.
func (b *planner) fields(p *plan, t reflect.Type, at []int) error {
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(append([]int(nil), at...), i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		switch {
		case name == "-":
			continue
		case !sf.IsExported():
			return fmt.Errorf("sealed: type %s has unexported field %s and no MarshalText or MarshalBinary", t, sf.Name)
		case sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct && !ownForm(sf.Type):
			if err := b.fields(p, sf.Type, index); err != nil {
				return err
			}
			continue
		case name == "":
			name = sf.Name
		}
		fp, err := b.build(sf.Type)
		if err != nil {
			return err
		}
		p.fields = append(p.fields, field{name: name, index: index, plan: fp, personal: fp.kind == kindPersonal})
	}
	return nil
}
