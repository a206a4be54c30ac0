package notification

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// StaticCatalog is the in-memory [Catalog]: a fixed set of grid companies, checked when it is
// built. It is immutable and safe for concurrent use; it hands out copies.
type StaticCatalog struct {
	companies []GridCompany
}

// NewStaticCatalog returns a catalog of the given grid companies after checking each one's
// configuration (IDs, names, area codes, at least one type and job type, no duplicates).
func NewStaticCatalog(companies ...GridCompany) (*StaticCatalog, error) {
	seen := make(map[string]bool, len(companies))
	for _, g := range companies {
		if err := g.check(); err != nil {
			return nil, err
		}
		if seen[g.ID] {
			return nil, fmt.Errorf("notification: catalog: grid company %q listed twice", g.ID)
		}
		seen[g.ID] = true
	}
	return &StaticCatalog{companies: cloneCompanies(companies)}, nil
}

// catalogJSON is a catalog file's shape.
type catalogJSON struct {
	GridCompanies []GridCompany `json:"gridCompanies"`
}

// LoadCatalog reads a catalog from JSON of the form {"gridCompanies": [...]} (see
// example_catalog.json for a whole one). Unknown fields, a syntax error, a type mismatch, an
// unknown field path in a profile and an inconsistent configuration are errors that say where.
func LoadCatalog(r io.Reader) (*StaticCatalog, error) {
	if r == nil {
		return nil, invalidArgument("LoadCatalog", "no reader")
	}
	dec := json.NewDecoder(io.LimitReader(r, maxCatalogBytes+1))
	dec.DisallowUnknownFields()
	var raw catalogJSON
	if err := dec.Decode(&raw); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("notification: catalog: malformed JSON: empty or truncated: %w", err)
		case errors.As(err, &syntax):
			return nil, fmt.Errorf("notification: catalog: malformed JSON at byte %d: %w", syntax.Offset, err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("notification: catalog: field %q at byte %d: %w", typ.Field, typ.Offset, err)
		}
		return nil, fmt.Errorf("notification: catalog: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("notification: catalog: malformed JSON: trailing data after the catalog")
	}
	return NewStaticCatalog(raw.GridCompanies...)
}

// maxCatalogBytes bounds a catalog file: real ones are kilobytes; a bound keeps a hostile or
// broken file from costing unbounded memory.
const maxCatalogBytes = 8 << 20

//go:embed example_catalog.json
var exampleCatalogJSON []byte

// ExampleCatalog returns the example catalog: Öresundskraft AB with grid area Helsingborg, the
// manual's six installation types and the job types "Anläggning med en mätare" and
// "Anläggning med flera mätare", and Kustnät AB, a made-up second grid company whose types,
// areas, placements and mandatory fields differ, to show that all of it is configuration.
func ExampleCatalog() *StaticCatalog {
	c, err := LoadCatalog(bytes.NewReader(exampleCatalogJSON))
	if err != nil {
		// The file is embedded and TestExampleCatalog loads it: this cannot happen in a
		// released build, so an empty catalog is the safe answer rather than a panic.
		return &StaticCatalog{}
	}
	return c
}

// GridCompanies returns a copy of every grid company.
func (c *StaticCatalog) GridCompanies(ctx context.Context) ([]GridCompany, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return cloneCompanies(c.companies), nil
}

// GridCompany returns a copy of the grid company with id, or an [*OfferError].
func (c *StaticCatalog) GridCompany(ctx context.Context, id string) (GridCompany, error) {
	if err := ctx.Err(); err != nil {
		return GridCompany{}, err
	}
	for _, g := range c.companies {
		if g.ID == id {
			return cloneCompany(g), nil
		}
	}
	return GridCompany{}, &OfferError{What: "grid company", Value: id}
}

// MarshalJSON writes the catalog in the form LoadCatalog reads.
func (c *StaticCatalog) MarshalJSON() ([]byte, error) {
	return json.Marshal(catalogJSON{GridCompanies: c.companies})
}

func cloneCompanies(gs []GridCompany) []GridCompany {
	out := make([]GridCompany, len(gs))
	for i, g := range gs {
		out[i] = cloneCompany(g)
	}
	return out
}

func cloneCompany(g GridCompany) GridCompany {
	g.Areas = slices.Clone(g.Areas)
	g.MeterPlacements = slices.Clone(g.MeterPlacements)
	types := make([]OfferedType, len(g.InstallationTypes))
	for i, o := range g.InstallationTypes {
		o.JobTypes = slices.Clone(o.JobTypes) // Profiles are immutable values
		types[i] = o
	}
	g.InstallationTypes = types
	return g
}
