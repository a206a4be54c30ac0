package notification

import (
	"iter"
	"strconv"
	"strings"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// personalFields is every personal field of a case, in the order a snapshot lists them: the
// form's (classified by formCategories) and those outside it. It is the one list of personal
// data: classification ([Classification]), the data subject's export, erasure and purge,
// the masked and sealed forms of a snapshot ([Snapshot.PersonalValues]) all walk it, so none of
// them can miss a field the others know. A list field ("notes.text") is a value of every
// element of the list. TestPersonalFieldsCoverSnapshot keeps it complete.
var personalFields = append(formPersonalFields(), []personalField{
	one("workDescription", "Arbetsbeskrivning", privacy.CategoryFreeText, "the installer",
		func(s *Snapshot) *privacy.Text { return &s.WorkDescription }, parseStoredText),
	// A sole trader's (enskild firma) organisation number is the owner's personal identity
	// number, so it is classified as one, sensitive; a limited company's is not personal data,
	// but the classification takes the stricter case, as for the parties' numbers.
	one("installer.organisationNumber", "Installatörens organisationsnummer", privacy.CategoryIdentityNumber,
		"the installer (personal data when the installer is a sole trader, whose organisation number is a personal identity number)",
		func(s *Snapshot) *privacy.OrganisationNumber { return &s.Installer.OrganisationNumber }, privacy.ParseOrganisationNumber),
	one("installer.contact", "Kontaktperson", privacy.CategoryName, "the installer",
		func(s *Snapshot) *privacy.Text { return &s.Installer.Contact }, parseStoredText),
	one("installer.phone", "Installatörens telefon", privacy.CategoryContact, "the installer",
		func(s *Snapshot) *privacy.Phone { return &s.Installer.Phone }, privacy.ParsePhone),
	one("installer.email", "Installatörens epost", privacy.CategoryContact, "the installer",
		func(s *Snapshot) *privacy.Email { return &s.Installer.Email }, privacy.ParseEmail),
	each("notes", "text", "Notering", "the installer or the grid company",
		func(s *Snapshot) int { return len(s.Notes) }, func(s *Snapshot, i int) *privacy.Text { return &s.Notes[i].Text }),
	each("history", "reason", "Motivering",
		"the grid company (rejection, return, approval conditions) or the installer (cancellation)",
		func(s *Snapshot) int { return len(s.History) }, func(s *Snapshot, i int) *privacy.Text { return &s.History[i].Reason }),
	each("attachments", "name", "Bilagans namn", "the installer",
		func(s *Snapshot) int { return len(s.Attachments) }, func(s *Snapshot, i int) *privacy.Text { return &s.Attachments[i].Name }),
}...)

// formPersonalFields lists the form's personal fields, in field order.
func formPersonalFields() []personalField {
	var out []personalField
	for _, f := range merge.Fields() {
		cat, ok := formCategories[f]
		if !ok {
			continue
		}
		source := "the grid company's lookup or the installer"
		if f.Withheld() {
			source = "the customer (the lookup withholds it)"
		}
		out = append(out, personalField{
			path: f.Path(), label: f.Label(), category: cat, source: source, form: f,
			values: func(s *Snapshot, visit func(string, value) bool) bool {
				return visit(f.Path(), formValue{f, &s.Form})
			},
		})
	}
	return out
}

// personalField is one personal field: how it is classified, and its values in a snapshot.
type personalField struct {
	path, label string
	category    privacy.Category
	source      string // where the value usually comes from, and when it is personal at all
	form        merge.Field
	list        string // the list's name for a list field ("notes"), "" otherwise
	// values calls visit with every value of the field in s, by the value's own path
	// ("notes.3.text"), until visit returns false; it reports whether visit always said true.
	values func(s *Snapshot, visit func(path string, v value) bool) bool
}

// freeText reports whether the field is free text, which may mention anyone.
func (p personalField) freeText() bool { return p.category == privacy.CategoryFreeText }

// value is one personal value of a snapshot, in place.
type value interface {
	reveal() string         // the clear value, "" when empty
	isZero() bool           // whether it is empty
	clear()                 // empties it
	set(clear string) error // sets it from its clear form
}

// formValue is a field of the form.
type formValue struct {
	f    merge.Field
	form *merge.Form
}

func (v formValue) reveal() string         { return v.f.Reveal(v.form) }
func (v formValue) isZero() bool           { return !v.f.Filled(v.form) }
func (v formValue) clear()                 { v.f.Clear(v.form) }
func (v formValue) set(clear string) error { return v.f.Assign(v.form, clear) }

// personalValue is what the privacy types offer the table.
type personalValue interface {
	Reveal() string
	IsZero() bool
}

// typedValue is a value of a privacy type outside the form.
type typedValue[T personalValue] struct {
	p     *T
	parse func(string) (T, error)
}

func (v typedValue[T]) reveal() string { return (*v.p).Reveal() }
func (v typedValue[T]) isZero() bool   { return (*v.p).IsZero() }
func (v typedValue[T]) clear()         { var zero T; *v.p = zero }
func (v typedValue[T]) set(clear string) error {
	x, err := v.parse(clear)
	if err != nil {
		return err
	}
	*v.p = x
	return nil
}

// one is a single-valued field outside the form.
func one[T personalValue](path, label string, category privacy.Category, source string,
	at func(*Snapshot) *T, parse func(string) (T, error)) personalField {
	return personalField{path: path, label: label, category: category, source: source, form: noFormField,
		values: func(s *Snapshot, visit func(string, value) bool) bool {
			return visit(path, typedValue[T]{at(s), parse})
		}}
}

// each is a free text held by every element of a list (notes, history rows, attachments).
func each(list, field, label, source string, n func(*Snapshot) int, at func(*Snapshot, int) *privacy.Text) personalField {
	return personalField{path: list + "." + field, label: label, category: privacy.CategoryFreeText, source: source,
		form: noFormField, list: list,
		values: func(s *Snapshot, visit func(string, value) bool) bool {
			for i := range n(s) {
				if !visit(list+"."+strconv.Itoa(i)+"."+field, typedValue[privacy.Text]{at(s, i), parseStoredText}) {
					return false
				}
			}
			return true
		}}
}

// noFormField marks a personal field outside the form.
const noFormField = merge.Field(255)

// parseStoredText reads free text back: any text is free text.
func parseStoredText(s string) (privacy.Text, error) { return privacy.NewText(s), nil }

// walk calls visit with every personal value of s, empty ones too, with its field.
func (s *Snapshot) walk(visit func(p *personalField, path string, v value) bool) {
	for i := range personalFields {
		p := &personalFields[i]
		if !p.values(s, func(path string, v value) bool { return visit(p, path, v) }) {
			return
		}
	}
}

// PersonalValues yields every personal value of s that is set, by its path, in clear:
// "owner.personalNumber" → "198803200016", "notes.0.text" → the first note's text. It is how
// a store or a codec reaches the clear values to seal them; [Snapshot.SetPersonalValue] sets
// them back. The clear values are personal data: never log them.
func (s *Snapshot) PersonalValues() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		s.walk(func(_ *personalField, path string, v value) bool {
			if v.isZero() {
				return true
			}
			return yield(path, v.reveal())
		})
	}
}

// SetPersonalValues sets every personal value of values, keyed by its path as
// [Snapshot.PersonalValues] names it, from its clear form. A list element must already exist
// (a store restores a list's rows, which hold no personal data, before their texts). On an
// error — an unknown path, a missing element, a value its parser refuses, all matching
// [validate.ErrInvalid] and naming the field — s may be partly set; a store then discards it.
func (s *Snapshot) SetPersonalValues(values map[string]string) error {
	var err error
	set := 0
	s.walk(func(_ *personalField, path string, v value) bool {
		clear, ok := values[path]
		if !ok {
			return true
		}
		if e := v.set(clear); e != nil {
			err = invalidErr(pathPattern(path), e)
			return false
		}
		set++
		return true
	})
	if err == nil && set < len(values) {
		for path := range values {
			if s.find(path) == nil {
				return invalid(pathPattern(path), "not a personal field of the case", "inte ett personuppgiftsfält i ärendet")
			}
		}
	}
	return err
}

// find returns the personal value at path, or nil.
func (s *Snapshot) find(path string) value {
	var found value
	s.walk(func(_ *personalField, p string, v value) bool {
		if p == path {
			found = v
			return false
		}
		return true
	})
	return found
}

// WithoutPersonalValues returns a copy of s with every personal value empty: what a store may
// keep in clear next to the sealed values.
func (s Snapshot) WithoutPersonalValues() Snapshot {
	c := s.clone()
	c.walk(func(_ *personalField, _ string, v value) bool {
		v.clear()
		return true
	})
	return c
}

// pathPattern turns a value's path into its field's: "notes.3.text" → "notes.text".
func pathPattern(path string) string {
	list, rest, ok := strings.Cut(path, ".")
	if !ok {
		return path
	}
	idx, field, ok := strings.Cut(rest, ".")
	if _, err := strconv.Atoi(idx); !ok || err != nil {
		return path
	}
	return list + "." + field
}
