package merge

import "github.com/shopspring/decimal"

// rule is how one field takes its value from a source.
type rule uint8

const (
	ruleOverwrite rule = iota // "Ja": a value in the source replaces the form's
	ruleFillEmpty             // "Nej": a value in the source fills only an empty field
	ruleExact                 // the field becomes exactly the source's value, empty included
)

// ruleFor turns the installer's mode into the rule for an ordinary field.
func ruleFor(m Mode) rule {
	if m == FillEmpty {
		return ruleFillEmpty
	}
	return ruleOverwrite
}

// apply moves src into *dst under r and says what happened. It is generic over the field's
// type so every field of a form goes through the same few lines; the zero value is "empty".
func apply[T comparable](dst *T, src T, r rule) Outcome {
	var zero T
	switch {
	case src == *dst:
		if src == zero && r != ruleExact {
			return NotReturned
		}
		return Same
	case src == zero:
		if r == ruleExact {
			*dst = zero
			return Cleared
		}
		return NotReturned
	case *dst == zero:
		*dst = src
		return Filled
	case r == ruleFillEmpty:
		return Kept
	default:
		*dst = src
		return Overwritten
	}
}

// applyDecimal is apply for decimal.Decimal, whose == compares pointers rather than values.
func applyDecimal(dst *decimal.Decimal, src decimal.Decimal, r rule) Outcome {
	switch {
	case src.Equal(*dst):
		if src.IsZero() && r != ruleExact {
			return NotReturned
		}
		return Same
	case src.IsZero():
		if r == ruleExact {
			*dst = decimal.Decimal{}
			return Cleared
		}
		return NotReturned
	case dst.IsZero():
		*dst = src
		return Filled
	case r == ruleFillEmpty:
		return Kept
	default:
		*dst = src
		return Overwritten
	}
}
