package merge

import "fmt"

// Outcome is what a merge did to one field.
type Outcome uint8

const (
	// Untouched means the operation did not concern the field (the zero value). A [Report]
	// of [Fetch] holds it only for a withheld identity field that does not apply to the
	// party: a private person's organisation number, a company's personal identity number,
	// the birth date of a person who has a personal identity number.
	Untouched Outcome = iota
	// Filled means the form's field was empty and now holds the lookup's value.
	Filled
	// Overwritten means the form held another value, which the lookup's value replaced.
	Overwritten
	// Same means the form already held the lookup's value.
	Same
	// Kept means the form held another value and kept it, because the installer answered
	// "Nej" ([FillEmpty]).
	Kept
	// NotReturned means the lookup had no value for the field; the form's value, if any, stays.
	NotReturned
	// Withheld means the lookup never returns this field (personal and organisation numbers,
	// withheld for privacy reasons); the form's value stays and must come from the customer.
	Withheld
	// Cleared means one of the three identifiers was emptied because the lookup returned it
	// empty: an identifier of another facility must not survive.
	Cleared
)

var outcomeText = [...]struct{ code, en, sv string }{
	Untouched:   {"untouched", "untouched", "orörd"},
	Filled:      {"filled", "filled", "ifylld"},
	Overwritten: {"overwritten", "overwritten", "överskriven"},
	Same:        {"same", "already the same", "redan samma"},
	Kept:        {"kept", "kept: you chose not to overwrite", "behållen: du valde att inte skriva över"},
	NotReturned: {"not-returned", "kept: the lookup returned no value", "behållen: hämtningen gav inget värde"},
	Withheld:    {"withheld", "kept: withheld by the lookup for privacy reasons, ask the customer", "behållen: lämnas inte ut av integritetsskäl, fråga kunden"},
	Cleared:     {"cleared", "cleared: the lookup returned it empty", "rensad: hämtningen gav den tom"},
}

// String returns the outcome in English, with the reason for a kept value.
func (o Outcome) String() string {
	if int(o) < len(outcomeText) {
		return outcomeText[o].en
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// Swedish returns the outcome in Swedish, with the reason for a kept value.
func (o Outcome) Swedish() string {
	if int(o) < len(outcomeText) {
		return outcomeText[o].sv
	}
	return o.String()
}

// Changed reports whether the outcome changed the form.
func (o Outcome) Changed() bool { return o == Filled || o == Overwritten || o == Cleared }

// MarshalText writes the outcome's code: "filled", "overwritten", "same", "kept",
// "not-returned", "withheld", "cleared" or "untouched".
func (o Outcome) MarshalText() ([]byte, error) {
	if int(o) >= len(outcomeText) {
		return nil, fmt.Errorf("merge: unknown outcome %d", uint8(o))
	}
	return []byte(outcomeText[o].code), nil
}

// UnmarshalText reads an outcome's code.
func (o *Outcome) UnmarshalText(b []byte) error {
	for i, t := range outcomeText {
		if t.code == string(b) {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("merge: unknown outcome %q", b)
}
