// Package catalog is the grid companies' configuration: which grid areas (nätområden),
// installation types, job types, meter placements and mandatory fields each grid company
// offers. Grid companies configure their systems differently, so none of this is code: a
// [Catalog] hands it out, and [StaticCatalog] is the in-memory default, loaded from JSON
// ([LoadCatalog]) or built from [GridCompanyConfig]s ([NewStaticCatalog]).
//
// A [GridCompany] is a checked, immutable configuration. A catalog hands out the same
// *GridCompany to every caller without copying it: nothing can change it, and every method
// that returns a slice returns a copy. Its mandatory-field profiles are joined (base profile
// and job type) once, when it is built, so looking one up costs nothing per call.
package catalog
