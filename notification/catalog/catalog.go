package catalog

import "context"

// Catalog is the port to the grid companies' configuration. [StaticCatalog] is the in-memory
// default; a service that keeps the configuration elsewhere implements it and builds each
// grid company with [NewGridCompany].
type Catalog interface {
	// GridCompanies returns every grid company, ordered by the catalog.
	GridCompanies(ctx context.Context) ([]*GridCompany, error)
	// GridCompany returns the grid company with id, or an [*OfferError] matching
	// [ErrNotOffered].
	GridCompany(ctx context.Context, id string) (*GridCompany, error)
}
