package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// Profile is the list of mandatory fields for one combination of grid company, installation
// type and job type. Grid companies configure this, so it is data: build one with [NewProfile]
// or decode it from JSON:
//
//	{"required": ["facility.meterNumber", "owner.identity", "meterPlacement"]}
//
// The zero Profile requires nothing. A Profile is immutable and safe for concurrent use.
type Profile struct {
	required []Field
}

// ErrUnknownField is matched by the error for a profile that names a field that does not exist.
var ErrUnknownField = errors.New("validate: unknown field")

// NewProfile returns a profile requiring the fields at the given JSON paths, in that order
// (duplicates are dropped). An unknown path is an error naming it and matching [ErrUnknownField].
func NewProfile(paths ...string) (Profile, error) {
	var p Profile
	for _, path := range paths {
		f, ok := FieldByPath(path)
		if !ok {
			return Profile{}, fmt.Errorf("%w: %q", ErrUnknownField, path)
		}
		if !slices.Contains(p.required, f) {
			p.required = append(p.required, f)
		}
	}
	return p, nil
}

// Required returns the mandatory fields in order.
func (p Profile) Required() []Field { return slices.Clone(p.required) }

// Requires reports whether f is mandatory.
func (p Profile) Requires(f Field) bool { return slices.Contains(p.required, f) }

// profileJSON is a profile's JSON form.
type profileJSON struct {
	Required []string `json:"required"`
}

// MarshalJSON writes the profile as {"required": [paths...]}.
func (p Profile) MarshalJSON() ([]byte, error) {
	paths := make([]string, len(p.required))
	for i, f := range p.required {
		paths[i] = f.Path()
	}
	return json.Marshal(profileJSON{Required: paths})
}

// UnmarshalJSON reads {"required": [paths...]}; an unknown path is an error naming it.
func (p *Profile) UnmarshalJSON(data []byte) error {
	var raw profileJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("validate: profile: %w", err)
	}
	q, err := NewProfile(raw.Required...)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Join returns a profile requiring p's fields and then q's, without duplicates: a grid
// company's base requirements joined with a job type's.
func (p Profile) Join(q Profile) Profile {
	out := Profile{required: slices.Clone(p.required)}
	for _, f := range q.required {
		if !slices.Contains(out.required, f) {
			out.required = append(out.required, f)
		}
	}
	return out
}
