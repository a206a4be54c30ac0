package validate

// Check returns a [Problem] for every field that profile requires and doc leaves empty, in the
// profile's order; nil when the document is complete. It allocates only for problems found.
func Check(doc Document, profile Profile) []Problem {
	var problems []Problem
	for _, f := range profile.required {
		if !doc.Filled(f) {
			p := missing(f)
			if l, ok := doc.(Labeller); ok {
				p.Label = l.FieldLabel(f)
			}
			problems = append(problems, p)
		}
	}
	return problems
}

// Complete returns nil when doc has every field profile requires, and otherwise an
// [*IncompleteError] matching [ErrIncomplete] with the full list.
func Complete(doc Document, profile Profile) error {
	if problems := Check(doc, profile); problems != nil {
		return &IncompleteError{Problems: problems}
	}
	return nil
}

// missing is the problem of an empty mandatory field.
func missing(f Field) Problem {
	p := Problem{Path: f.Path(), Label: f.Label(), Code: CodeRequired, Tag: "required"}
	if f.Withheld() {
		p.Code = CodeWithheld
		p.Swedish = "Obligatoriskt. Nätbolaget lämnar inte ut uppgiften av integritetsskäl: fråga kunden."
		p.English = "Required. The grid company withholds it for privacy reasons: ask the customer."
		return p
	}
	p.Swedish = "Obligatoriskt fält saknar värde."
	p.English = "Required field is empty."
	return p
}
