package notification

import (
	"fmt"
	"strings"

	"github.com/gridnotify/gridnotify/privacy"
)

// outsideField is one personal field outside the form, with every operation the package
// performs on personal data: classifying it, erasing it, sealing it for storage. The table of
// them, [outsideFields], is the only list of such fields, so classification, erasure and the
// codec cannot disagree about which fields exist.
type outsideField struct {
	path, label string
	category    privacy.Category
	source      string // where the value usually comes from, and when it is personal at all

	// erase empties the field in c (every element of a list field) and reports whether
	// anything was there.
	erase func(c *Case) bool
	// matching returns the values of c that match (for a list, element by element, with the
	// path "notes.3.text"), each with a way to empty it: erasure empties them, the data
	// subject's export shows them. It is nil for a field that is not free text, which a data
	// subject's name cannot turn up in.
	matching func(c *Case, match func(string) bool) []mention
	// seal seals the field's values of s into d; open opens them from d back into s. The rows
	// of d's and s's list fields are built, without their personal values, before either runs.
	seal func(k *Codec, s *Snapshot, d *storedCase) error
	open func(k *Codec, d *storedCase, s *Snapshot) error
}

// mention is a free text of a case that mentions a person: where, what, and how to empty it.
type mention struct {
	path, value string
	erase       func()
}

// eraseMatching empties o's values in c that match and returns their paths.
func (o outsideField) eraseMatching(c *Case, match func(string) bool) []string {
	var paths []string
	for _, m := range o.matching(c, match) {
		m.erase()
		paths = append(paths, m.path)
	}
	return paths
}

// personalValue is what the privacy types offer the table.
type personalValue interface {
	Reveal() string
	IsZero() bool
}

// oneValue is a single-valued field: inCase and inSnapshot point at it, parse reads its
// clear form back.
func oneValue[T personalValue](path, label string, category privacy.Category, source string,
	inCase func(*Case) *T, inSnapshot func(*Snapshot) *T, parse func(string) (T, error)) outsideField {
	o := outsideField{path: path, label: label, category: category, source: source}
	o.erase = func(c *Case) bool {
		p := inCase(c)
		if (*p).IsZero() {
			return false
		}
		var zero T
		*p = zero
		return true
	}
	if category == privacy.CategoryFreeText {
		o.matching = func(c *Case, match func(string) bool) []mention {
			p := inCase(c)
			if v := (*p).Reveal(); v == "" || !match(v) {
				return nil
			}
			return []mention{{path: path, value: (*p).Reveal(), erase: func() { var zero T; *p = zero }}}
		}
	}
	o.seal = func(k *Codec, s *Snapshot, d *storedCase) error {
		v := (*inSnapshot(s)).Reveal()
		if v == "" {
			return nil
		}
		return k.seal(d, s.ID, path, v)
	}
	o.open = func(k *Codec, d *storedCase, s *Snapshot) error {
		sealed, ok := d.Sealed[path]
		if !ok {
			return nil
		}
		pt, err := k.sealer.Open(sealed, bind(d.ID, path))
		if err != nil {
			return fmt.Errorf("notification: opening %s: %w", path, err)
		}
		v, err := parse(string(pt))
		clear(pt)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrCorrupt, path, err)
		}
		*inSnapshot(s) = v
		return nil
	}
	return o
}

// eachText is a free text held by every element of a list (notes, history rows,
// attachments): the inCase, inSnapshot and inStored functions return a pointer to each
// element's value. Each element is sealed on its own, bound to the case, the path and the
// element's index, so a sealed value cannot be moved to another element.
func eachText(path, label string, category privacy.Category, source string, inCase func(*Case) []*privacy.Text,
	inSnapshot func(*Snapshot) []*privacy.Text, inStored func(*storedCase) []*privacy.Sealed) outsideField {
	o := outsideField{path: path, label: label, category: category, source: source}
	o.erase = func(c *Case) bool {
		found := false
		for _, p := range inCase(c) {
			if !p.IsZero() {
				*p, found = privacy.Text{}, true
			}
		}
		return found
	}
	o.matching = func(c *Case, match func(string) bool) []mention {
		var found []mention
		for i, p := range inCase(c) {
			if v := p.Reveal(); v != "" && match(v) {
				found = append(found, mention{path: elementPath(path, i), value: v, erase: func() { *p = privacy.Text{} }})
			}
		}
		return found
	}
	o.seal = func(k *Codec, s *Snapshot, d *storedCase) error {
		rows := inStored(d)
		for i, p := range inSnapshot(s) {
			sealed, err := privacy.SealText(k.sealer, *p, bind(s.ID, elementPath(path, i)))
			if err != nil {
				return fmt.Errorf("notification: sealing %s: %w", elementPath(path, i), err)
			}
			*rows[i] = sealed
		}
		return nil
	}
	o.open = func(k *Codec, d *storedCase, s *Snapshot) error {
		texts := inSnapshot(s)
		for i, sealed := range inStored(d) {
			if sealed.IsZero() {
				continue // the text was empty
			}
			text, err := privacy.OpenText(k.sealer, *sealed, bind(d.ID, elementPath(path, i)))
			if err != nil {
				return fmt.Errorf("notification: opening %s: %w", elementPath(path, i), err)
			}
			*texts[i] = text
		}
		return nil
	}
	return o
}

// elementPath is the path of element i of a list field: "notes.text" → "notes.3.text".
func elementPath(path string, i int) string {
	list, field, _ := strings.Cut(path, ".")
	return fmt.Sprintf("%s.%d.%s", list, i, field)
}

// isOutsidePath reports whether path is a field of [outsideFields], which opens it itself.
func isOutsidePath(path string) bool {
	for _, o := range outsideFields {
		if o.path == path {
			return true
		}
	}
	return false
}

// textOf parses nothing: any string is free text.
func textOf(s string) (privacy.Text, error) { return privacy.NewText(s), nil }

// pointers returns a pointer to field(&rows[i]) for every row.
func pointers[R, V any](rows []R, field func(*R) *V) []*V {
	out := make([]*V, len(rows))
	for i := range rows {
		out[i] = field(&rows[i])
	}
	return out
}
