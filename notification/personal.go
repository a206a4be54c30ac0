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
		out = append(out, personalField{path: f.Path(), label: f.Label(), category: cat, source: source, form: f,
			acc: formAccessor(f)})
	}
	return out
}

// personalField is one personal field: how it is classified, and its values in a snapshot.
type personalField struct {
	path, label string
	category    privacy.Category
	source      string // where the value usually comes from, and when it is personal at all
	form        merge.Field
	acc         *accessor
	// A list field ("notes.text") has a value in every element of its list: list and elem
	// name the list and the element's field ("notes", "text"), and n counts the elements.
	list, elem string
	n          func(s *Snapshot) int
}

// visitor is called with each personal value of a snapshot, its field and its path.
type visitor = func(p *personalField, path string, v value) bool

// freeText reports whether the field is free text, which may mention anyone.
func (p personalField) freeText() bool { return p.category == privacy.CategoryFreeText }

// value is one personal value of a snapshot, in place: value i of a field in s (i is the
// element's index for a list field, 0 otherwise). It is a plain struct, not an interface,
// so that walking a snapshot allocates nothing per value.
type value struct {
	acc *accessor
	s   *Snapshot
	i   int
}

func (v value) reveal() string         { return v.acc.reveal(v.s, v.i) }     // the clear value, "" when empty
func (v value) isZero() bool           { return v.acc.isZero(v.s, v.i) }     // whether it is empty
func (v value) clear()                 { v.acc.clear(v.s, v.i) }             // empties it
func (v value) set(clear string) error { return v.acc.set(v.s, v.i, clear) } // sets it from its clear form

// accessor reads and writes one personal field's values.
type accessor struct {
	reveal func(s *Snapshot, i int) string
	isZero func(s *Snapshot, i int) bool
	clear  func(s *Snapshot, i int)
	set    func(s *Snapshot, i int, clear string) error
}

// formAccessor reaches field f of the form.
func formAccessor(f merge.Field) *accessor {
	return &accessor{
		reveal: func(s *Snapshot, _ int) string { return f.Reveal(&s.Form) },
		isZero: func(s *Snapshot, _ int) bool { return !f.Filled(&s.Form) },
		clear:  func(s *Snapshot, _ int) { f.Clear(&s.Form) },
		set:    func(s *Snapshot, _ int, clear string) error { return f.Assign(&s.Form, clear) },
	}
}

// personalValue is what the privacy types offer the table.
type personalValue interface {
	Reveal() string
	IsZero() bool
}

// typedAccessor reaches a value of a privacy type outside the form.
func typedAccessor[T personalValue](at func(s *Snapshot, i int) *T, parse func(string) (T, error)) *accessor {
	return &accessor{
		reveal: func(s *Snapshot, i int) string { return (*at(s, i)).Reveal() },
		isZero: func(s *Snapshot, i int) bool { return (*at(s, i)).IsZero() },
		clear:  func(s *Snapshot, i int) { var zero T; *at(s, i) = zero },
		set: func(s *Snapshot, i int, clear string) error {
			x, err := parse(clear)
			if err != nil {
				return err
			}
			*at(s, i) = x
			return nil
		},
	}
}

// one is a single-valued field outside the form.
func one[T personalValue](path, label string, category privacy.Category, source string,
	at func(*Snapshot) *T, parse func(string) (T, error)) personalField {
	return personalField{path: path, label: label, category: category, source: source, form: noFormField,
		acc: typedAccessor(func(s *Snapshot, _ int) *T { return at(s) }, parse)}
}

// each is a free text held by every element of a list (notes, history rows, attachments).
func each(list, field, label, source string, n func(*Snapshot) int, at func(*Snapshot, int) *privacy.Text) personalField {
	return personalField{path: list + "." + field, label: label, category: privacy.CategoryFreeText, source: source,
		form: noFormField, acc: typedAccessor(at, parseStoredText), list: list, elem: field, n: n}
}

// noFormField marks a personal field outside the form.
const noFormField = merge.Field(255)

// parseStoredText reads free text back: any text is free text.
func parseStoredText(s string) (privacy.Text, error) { return privacy.NewText(s), nil }

// walk calls visit with every personal value of s, empty ones too, with its field.
func (s *Snapshot) walk(visit visitor) {
	for i := range personalFields {
		p := &personalFields[i]
		if p.list == "" {
			if !visit(p, p.path, value{p.acc, s, 0}) {
				return
			}
			continue
		}
		for j := range p.n(s) {
			if !visit(p, p.list+"."+strconv.Itoa(j)+"."+p.elem, value{p.acc, s, j}) {
				return
			}
		}
	}
}

// PersonalValues yields every personal value of s that is set, by its path, in clear:
// "owner.personalNumber" → "198803200016", "notes.0.text" → the first note's text. It is how
// a store or a codec reaches the clear values to seal them; [Snapshot.SetPersonalValues]
// sets them back. The clear values are personal data: never log them.
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

// SetPersonalValues sets each personal value values yields, by its path as
// [Snapshot.PersonalValues] names it, from its clear form; a later value for a path replaces
// an earlier one. A list element must already exist (a store restores a list's rows, which
// hold no personal data, before their texts). On an error — an unknown path, a missing
// element, a value its parser refuses, all matching [validate.ErrInvalid] and naming the
// field — s may be partly set; a store then discards it.
func (s *Snapshot) SetPersonalValues(values iter.Seq2[string, string]) error {
	for path, clear := range values {
		pattern, i := pathPattern(path)
		p, ok := personalFieldByPath[pattern]
		if !ok || (p.list == "") != (i < 0) || (p.list != "" && i >= p.n(s)) {
			return invalid(pattern, "not a personal field of the case", "inte ett personuppgiftsfält i ärendet")
		}
		if err := (value{p.acc, s, max(i, 0)}).set(clear); err != nil {
			return invalidErr(pattern, err)
		}
	}
	return nil
}

// personalFieldByPath finds a personal field by its path ("notes.text" for a list field).
var personalFieldByPath = func() map[string]*personalField {
	m := make(map[string]*personalField, len(personalFields))
	for i := range personalFields {
		m[personalFields[i].path] = &personalFields[i]
	}
	return m
}()

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

// pathPattern turns a value's path into its field's and the element's index:
// "notes.3.text" → "notes.text", 3; a path outside a list is its own pattern, with index -1.
func pathPattern(path string) (string, int) {
	list, rest, ok := strings.Cut(path, ".")
	if !ok {
		return path, -1
	}
	idx, field, ok := strings.Cut(rest, ".")
	if !ok || idx == "" || strings.Trim(idx, "0123456789") != "" { // no error made for "address"
		return path, -1
	}
	i, err := strconv.Atoi(idx)
	if err != nil || idx != strconv.Itoa(i) {
		return path, -1
	}
	return list + "." + field, i
}
