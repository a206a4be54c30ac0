package bench

import (
	"reflect"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// What mergo v1.0.2 does with this data (read from its merge.go and pinned by
// TestMergoPlainSemantics):
//
//   - Form, Details, Party and Address have exported fields, so mergo walks into them.
//   - Strings (TechnicalNumber, MeterNumber, AreaCode), integers (Ampere,
//     PartyKind) and the bool are handled like gridnotify's ordinary fields: with WithOverride a
//     non-empty source replaces the destination; without it only an empty destination is filled.
//   - Every value type with only unexported fields — privacy.Text, Phone, Email,
//     PersonalIdentityNumber, OrganisationNumber, Date, facility.EAN, PostalCode and
//     decimal.Decimal — is an opaque value to mergo: it does not fail, and it does not look
//     inside. Its isEmptyValue has no case for structs, so such a value is never "empty".
//     With WithOverride mergo therefore always copies it, empty or not: an identity number the
//     lookup withheld wipes the one the installer typed. Without WithOverride it never copies
//     it, not even into an empty field: fill-empty mode cannot fill a single name, address,
//     phone, e-mail or facility ID.
//   - The identifiers are ordinary fields to mergo: under fill-empty a stale meter number
//     survives, and under overwrite an empty one from the source would not clear it.
//   - mergo returns only an error: nothing says which fields changed, were kept, or why.
//
// What works: mergo.WithTransformers, keyed on the exact types. mergoRules below re-states
// gridnotify's rules per type, which is possible only because every identifier has a type of its
// own. With it mergo produces exactly merge.Fetch's form in both modes (TestFetchMergeSameForm).

// mergoRules is a mergo.Transformers giving mergo gridnotify's rules.
type mergoRules struct {
	// fillEmpty selects the "Nej" rules for ordinary opaque fields; mergo's own handling of
	// strings and numbers follows the WithOverride option the caller passes.
	fillEmpty bool
}

var (
	identifierTypes = map[reflect.Type]bool{
		reflect.TypeFor[facility.EAN]():             true,
		reflect.TypeFor[facility.TechnicalNumber](): true,
		reflect.TypeFor[facility.MeterNumber]():     true,
	}
	opaqueTypes = map[reflect.Type]bool{
		reflect.TypeFor[privacy.Text]():                   true,
		reflect.TypeFor[privacy.Phone]():                  true,
		reflect.TypeFor[privacy.Email]():                  true,
		reflect.TypeFor[privacy.PersonalIdentityNumber](): true,
		reflect.TypeFor[privacy.OrganisationNumber]():     true,
		reflect.TypeFor[privacy.Date]():                   true,
		reflect.TypeFor[facility.PostalCode]():            true,
	}
	decimalType = reflect.TypeFor[decimal.Decimal]()
)

// Transformer returns the rule for type t, or nil to leave t to mergo. mergo calls it for
// every value it visits, so it must be cheap: two map look-ups.
func (r mergoRules) Transformer(t reflect.Type) func(dst, src reflect.Value) error {
	switch {
	case identifierTypes[t]:
		return setExact
	case t == decimalType && r.fillEmpty:
		return fillDecimal
	case t == decimalType:
		return overwriteDecimal
	case opaqueTypes[t] && r.fillEmpty:
		return fillOpaque
	case opaqueTypes[t]:
		return overwriteOpaque
	}
	return nil
}

// setExact is the identifiers' rule in both modes: the field becomes the source's value, empty
// included.
func setExact(dst, src reflect.Value) error {
	dst.Set(src)
	return nil
}

// overwriteOpaque is "Ja" for an opaque value: a value in the source replaces the form's; an
// empty source changes nothing. Each of these types' zero value is its empty value.
func overwriteOpaque(dst, src reflect.Value) error {
	if !src.IsZero() {
		dst.Set(src)
	}
	return nil
}

// fillOpaque is "Nej" for an opaque value: a value in the source fills only an empty field.
func fillOpaque(dst, src reflect.Value) error {
	if dst.IsZero() && !src.IsZero() {
		dst.Set(src)
	}
	return nil
}

// decimalIsZero is decimal.Decimal.IsZero on a reflect.Value: numerically zero, not merely the
// zero struct. It avoids Interface on an addressable value, which would allocate.
func decimalIsZero(v reflect.Value) bool {
	if v.CanAddr() {
		if d, ok := v.Addr().Interface().(*decimal.Decimal); ok {
			return d.IsZero()
		}
	}
	d, ok := v.Interface().(decimal.Decimal)
	return !ok || d.IsZero()
}

func overwriteDecimal(dst, src reflect.Value) error {
	if !decimalIsZero(src) {
		dst.Set(src)
	}
	return nil
}

func fillDecimal(dst, src reflect.Value) error {
	if decimalIsZero(dst) && !decimalIsZero(src) {
		dst.Set(src)
	}
	return nil
}
