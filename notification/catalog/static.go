package catalog

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"slices"
)

// StaticCatalog is the in-memory [Catalog]: a fixed set of grid companies, checked when it is
// built. It is immutable and safe for concurrent use, and hands out its [GridCompany]s without
// copying them (they cannot be changed).
type StaticCatalog struct {
	companies []*GridCompany
	byID      map[string]*GridCompany
}

// NewStaticCatalog returns a catalog of the given grid companies after checking each one's
// configuration (see [NewGridCompany]) and that no ID is listed twice. Errors match
// [ErrInvalidConfig].
func NewStaticCatalog(companies ...GridCompanyConfig) (*StaticCatalog, error) {
	c := &StaticCatalog{companies: make([]*GridCompany, 0, len(companies)), byID: make(map[string]*GridCompany, len(companies))}
	for _, cfg := range companies {
		g, err := NewGridCompany(cfg)
		if err != nil {
			return nil, err
		}
		if c.byID[g.ID()] != nil {
			return nil, invalid("grid company %q listed twice", g.ID())
		}
		c.companies = append(c.companies, g)
		c.byID[g.ID()] = g
	}
	return c, nil
}

// file is a catalog file's shape.
type file struct {
	GridCompanies []GridCompanyConfig `json:"gridCompanies"`
}

// maxCatalogBytes bounds a catalog file: real ones are kilobytes; a bound keeps a hostile or
// broken file from costing unbounded memory.
const maxCatalogBytes = 8 << 20

// LoadCatalog reads a catalog from JSON of the form {"gridCompanies": [...]} (see
// example_catalog.json for a whole one). Unknown fields, a syntax error, a type mismatch,
// trailing data, an unknown field path in a profile and an inconsistent configuration are
// errors that say where; all match [ErrInvalidConfig].
func LoadCatalog(r io.Reader) (*StaticCatalog, error) {
	if r == nil {
		return nil, invalid("no reader")
	}
	dec := json.NewDecoder(io.LimitReader(r, maxCatalogBytes+1))
	dec.DisallowUnknownFields()
	var raw file
	if err := dec.Decode(&raw); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, invalid("malformed JSON: empty or truncated: %w", err)
		case errors.As(err, &syntax):
			return nil, invalid("malformed JSON at byte %d: %w", syntax.Offset, err)
		case errors.As(err, &typ):
			return nil, invalid("field %q at byte %d: %w", typ.Field, typ.Offset, err)
		}
		return nil, invalid("%w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, invalid("malformed JSON: trailing data after the catalog")
	}
	return NewStaticCatalog(raw.GridCompanies...)
}

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
		return &StaticCatalog{byID: map[string]*GridCompany{}}
	}
	return c
}

// GridCompanies returns every grid company in the order given.
func (c *StaticCatalog) GridCompanies(ctx context.Context) ([]*GridCompany, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return slices.Clone(c.companies), nil
}

// GridCompany returns the grid company with id, or an [*OfferError].
func (c *StaticCatalog) GridCompany(ctx context.Context, id string) (*GridCompany, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if g := c.byID[id]; g != nil {
		return g, nil
	}
	return nil, &OfferError{What: "grid company", Value: id}
}

// MarshalJSON writes the catalog in the form LoadCatalog reads.
func (c *StaticCatalog) MarshalJSON() ([]byte, error) {
	f := file{GridCompanies: make([]GridCompanyConfig, len(c.companies))}
	for i, g := range c.companies {
		f.GridCompanies[i] = g.cfg
	}
	return json.Marshal(f)
}
