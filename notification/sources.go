package notification

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gridnotify/gridnotify/merge"
)

// Source says where the value of a personal field came from (GDPR art. 15(1)(g): the data
// subject has the right to know).
type Source uint8

// The sources of a field's value.
const (
	// SourceNone: the field is empty, or its origin was not recorded.
	SourceNone Source = iota
	// SourceLookup: the grid company's "Hämta anl-data".
	SourceLookup
	// SourceCustomer: asked from the customer (identity numbers, which the lookup withholds).
	SourceCustomer
	// SourceInstaller: typed by the installer.
	SourceInstaller

	sourceEnd
)

var sourceNames = [sourceEnd]struct{ code, en, sv string }{
	SourceNone:      {"none", "none", "okänd"},
	SourceLookup:    {"lookup", "grid company's lookup", "nätbolagets anläggningsdata"},
	SourceCustomer:  {"customer", "the customer", "kunden"},
	SourceInstaller: {"installer", "typed by the installer", "ifyllt av installatören"},
}

// String returns the source in English.
func (s Source) String() string {
	if s < sourceEnd {
		return sourceNames[s].en
	}
	return fmt.Sprintf("Source(%d)", uint8(s))
}

// Swedish returns the source in Swedish.
func (s Source) Swedish() string {
	if s < sourceEnd {
		return sourceNames[s].sv
	}
	return s.String()
}

// MarshalText writes the source as a short code: "none", "lookup", "customer", "installer".
func (s Source) MarshalText() ([]byte, error) {
	if s >= sourceEnd {
		return nil, invalid("source", "unknown source", "okänd källa")
	}
	return []byte(sourceNames[s].code), nil
}

// UnmarshalText reads a source code written by MarshalText.
func (s *Source) UnmarshalText(b []byte) error {
	v, ok := sourceByCode(string(b))
	if !ok {
		return invalid("source", "unknown source", "okänd källa")
	}
	*s = v
	return nil
}

// sourceByCode returns the source whose code is code.
func sourceByCode(code string) (Source, bool) {
	for v := SourceNone; v < sourceEnd; v++ {
		if sourceNames[v].code == code {
			return v, true
		}
	}
	return SourceNone, false
}

// Sources records where every field of the form came from, indexed by [merge.Field]. Its JSON
// is an object from field path to source code, holding only the fields with a source.
type Sources [merge.NumFields]Source

// Of returns where field f's value came from.
func (s *Sources) Of(f merge.Field) Source {
	if !f.Valid() {
		return SourceNone
	}
	return s[f]
}

// record marks every field the report changed as coming from src (or from nowhere, if cleared).
func (s *Sources) record(rep merge.Report, src func(merge.Field) Source) {
	for f, o := range rep.All() {
		switch o {
		case merge.Filled, merge.Overwritten:
			s[f] = src(f)
		case merge.Cleared:
			s[f] = SourceNone
		}
	}
}

// MarshalJSON writes {"owner.surname": "lookup", ...}.
func (s Sources) MarshalJSON() ([]byte, error) {
	m := make(map[string]Source)
	for i, src := range s {
		if src != SourceNone {
			m[merge.Field(i).Path()] = src
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes; an unknown path or source is an error.
func (s *Sources) UnmarshalJSON(data []byte) error {
	var m map[string]Source
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	var out Sources
	for path, src := range m {
		f, ok := merge.FieldByPath(path)
		if !ok {
			return invalid("sources", "unknown field", "okänt fält")
		}
		out[f] = src
	}
	*s = out
	return nil
}

// MarshalText writes "facility.facilityId=lookup,owner.surname=customer": each recorded
// field's path and source, in field order, for stores that keep the sources as text.
func (s Sources) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// AppendText appends the text form of [Sources.MarshalText] to b.
func (s Sources) AppendText(b []byte) ([]byte, error) {
	first := true
	for i, src := range s {
		if src == SourceNone {
			continue
		}
		if src >= sourceEnd {
			return b, invalid("sources", "unknown source", "okänd källa")
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, merge.Field(i).Path()...)
		b = append(b, '=')
		b = append(b, sourceNames[src].code...)
	}
	return b, nil
}

// UnmarshalText reads what MarshalText writes; an unknown path or source, or a field named
// twice, is an error.
func (s *Sources) UnmarshalText(text []byte) error {
	var out Sources
	for rest := string(text); rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, ",")
		path, code, _ := strings.Cut(pair, "=")
		f, ok := merge.FieldByPath(path)
		if !ok {
			return invalid("sources", "unknown field", "okänt fält")
		}
		if out[f] != SourceNone {
			return invalid("sources", "a field named twice", "ett fält angivet två gånger")
		}
		src, ok := sourceByCode(code)
		if !ok || src == SourceNone {
			return invalid("sources", "unknown source", "okänd källa")
		}
		out[f] = src
	}
	*s = out
	return nil
}

// typed is the source of a value an installer enters: identity numbers can only have come
// from the customer, since the lookup withholds them; everything else the installer typed.
func typed(f merge.Field) Source {
	if f.Withheld() {
		return SourceCustomer
	}
	return SourceInstaller
}

// Recipient is a disclosure: the case was sent to a grid company at a time.
type Recipient struct {
	GridCompany string    `json:"gridCompany"` // the receiving grid company's ID
	At          time.Time `json:"at"`          // when the case was sent
}
