package notification

import (
	"fmt"
	"slices"
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
)

// String returns the source in English.
func (s Source) String() string {
	switch s {
	case SourceNone:
		return "none"
	case SourceLookup:
		return "grid company's lookup"
	case SourceCustomer:
		return "the customer"
	case SourceInstaller:
		return "typed by the installer"
	}
	return fmt.Sprintf("Source(%d)", uint8(s))
}

// Swedish returns the source in Swedish.
func (s Source) Swedish() string {
	switch s {
	case SourceNone:
		return "okänd"
	case SourceLookup:
		return "nätbolagets anläggningsdata"
	case SourceCustomer:
		return "kunden"
	case SourceInstaller:
		return "ifyllt av installatören"
	}
	return s.String()
}

// MarshalText writes the source as a short code.
func (s Source) MarshalText() ([]byte, error) {
	codes := [...]string{"none", "lookup", "customer", "installer"}
	if int(s) >= len(codes) {
		return nil, invalidArgument("source", "unknown")
	}
	return []byte(codes[s]), nil
}

// Recipient is a disclosure: the case was sent to a grid company at a time.
type Recipient struct {
	GridCompany string    `json:"gridCompany"` // the receiving grid company's ID
	At          time.Time `json:"at"`          // when the case was sent
}

// Provenance is where every field of the form came from, and who received the case.
type Provenance struct {
	sources    [merge.NumFields]Source
	recipients []Recipient
}

// Source returns where field f's value came from.
func (p *Provenance) Source(f merge.Field) Source {
	if !f.Valid() {
		return SourceNone
	}
	return p.sources[f]
}

// Recipients returns every disclosure, oldest first.
func (p *Provenance) Recipients() []Recipient { return slices.Clone(p.recipients) }

// record marks every field the report changed as coming from src (or from nowhere, if cleared).
func (p *Provenance) record(rep merge.Report, src func(merge.Field) Source) {
	for f, o := range rep.All() {
		switch o {
		case merge.Filled, merge.Overwritten:
			p.sources[f] = src(f)
		case merge.Cleared:
			p.sources[f] = SourceNone
		}
	}
}

// typed is the source of a value an installer enters: identity numbers can only have come
// from the customer, since the lookup withholds them; everything else the installer typed.
func typed(f merge.Field) Source {
	if f.Withheld() {
		return SourceCustomer
	}
	return SourceInstaller
}

// byPath returns the recorded sources keyed by field path, for storage.
func (p *Provenance) byPath() map[string]Source {
	out := map[string]Source{}
	for i, src := range p.sources {
		if src != SourceNone {
			out[merge.Field(i).Path()] = src
		}
	}
	return out
}

// provenanceFrom rebuilds provenance from stored sources and recipients.
func provenanceFrom(sources map[string]Source, recipients []Recipient) (Provenance, error) {
	var p Provenance
	for path, src := range sources {
		f, ok := merge.FieldByPath(path)
		if !ok || src > SourceInstaller {
			return Provenance{}, invalidArgument("snapshot.sources", "unknown field or source")
		}
		p.sources[f] = src
	}
	p.recipients = slices.Clone(recipients)
	return p, nil
}

// UnmarshalText reads a source code written by MarshalText.
func (s *Source) UnmarshalText(b []byte) error {
	for v := SourceNone; v <= SourceInstaller; v++ {
		if code, _ := v.MarshalText(); string(code) == string(b) {
			*s = v
			return nil
		}
	}
	return invalidArgument("source", "unknown")
}

// Provenance returns a copy of where the case's fields came from and who received it.
func (c *Case) Provenance() Provenance {
	p := c.provenance
	p.recipients = slices.Clone(p.recipients)
	return p
}
