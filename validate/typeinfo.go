package validate

import (
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
)

// typeInfo is what [Struct] needs to know of the type of its argument, worked out once per
// type: reflect takes longer to say it than a problem takes to build.
type typeInfo struct {
	t reflect.Type
	// root is the name validator puts first in a namespace: the struct type's name, empty
	// for an anonymous struct.
	root string
	// copy is whether Struct validates a copy of the struct t points to. validator turns
	// every field it visits into an interface value, which allocates for a field it reaches
	// through a pointer (the field is addressable, so reflect copies it) and not for a field
	// of a copy (reflect points at it). A copy is one allocation instead of one per field,
	// and validator checks it exactly as it checks the original where [copyable] says so.
	copy bool
}

// typeInfoOf returns the typeInfo of v's type, from the caches after the first time.
func typeInfoOf(v any) *typeInfo {
	t := reflect.TypeOf(v)
	if t == nil {
		return &noType
	}
	if last := lastType.Load(); last != nil && last.t == t {
		return last
	}
	var info *typeInfo
	if cached, ok := typeInfos.Load(t); ok {
		info = cached.(*typeInfo)
	} else {
		u := t
		for u.Kind() == reflect.Pointer {
			u = u.Elem()
		}
		info = &typeInfo{t: t, root: u.Name()}
		info.copy = t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct &&
			copyable(t.Elem())
		typeInfos.Store(t, info)
	}
	lastType.Store(info)
	return info
}

// typeInfos caches typeInfoOf by type, and lastType the last type asked for; noType is the
// typeInfo of a nil interface.
var (
	typeInfos sync.Map // reflect.Type → *typeInfo
	lastType  atomic.Pointer[typeInfo]
	noType    typeInfo
)

// copyable reports whether validator checks a copy of a struct of type t exactly as it checks
// the struct through a pointer:
//   - Every field of t is exported and none is skipped with `validate:"-"`: validator reads
//     every other field whole (turning it into an interface value copies it), so the copy
//     reads nothing validator would not read, and brings no data race of its own.
//   - No tag on a field that validator reaches within the copy (t's fields, and those of the
//     structs and arrays they hold by value) uses validateFn: the one validator function that
//     behaves differently on a copy, since it finds a method with a pointer receiver only on
//     an addressable value.
func copyable(t reflect.Type) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Tag.Get(tagName) == "-" {
			return false
		}
	}
	return !usesValidateFn(t)
}

// usesValidateFn reports whether a `validate` tag of a field of t, or of a struct or array
// element t holds by value, names validateFn. Go has no recursive value types, so the walk
// ends.
func usesValidateFn(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Array:
		return usesValidateFn(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if strings.Contains(f.Tag.Get(tagName), "validateFn") || usesValidateFn(f.Type) {
				return true
			}
		}
	}
	return false
}

// tagName is the struct tag validator reads.
const tagName = "validate"
