package catalog

import (
	"fmt"

	"github.com/gridnotify/gridnotify/privacy"
)

var (
	// ErrNotOffered: the grid company does not offer that choice (or there is no such grid
	// company); the error is an [*OfferError] saying which.
	ErrNotOffered = privacy.NewError("catalog: not offered by the grid company", "Nätbolaget erbjuder inte detta.")
	// ErrInvalidConfig: a grid company's configuration is inconsistent or a catalog file is
	// malformed; the message says where.
	ErrInvalidConfig = privacy.NewError("catalog: invalid configuration", "Ogiltig konfiguration av katalogen.")
)

// OfferError says which choice a grid company does not offer. It matches [ErrNotOffered].
// It names configuration codes only, never personal data.
type OfferError struct {
	GridCompany string // the grid company's ID
	// What is the kind of choice: "grid company", "installation type", "job type",
	// "grid area" or "meter placement".
	What  string
	Value string // the code or name not offered
}

// swedishWhat translates OfferError.What.
var swedishWhat = map[string]string{
	"grid company":      "nätbolaget",
	"installation type": "installationstypen",
	"job type":          "jobbtypen",
	"grid area":         "nätområdet",
	"meter placement":   "mätarplaceringen",
}

// Error names the grid company, the kind of choice and the value.
func (e *OfferError) Error() string {
	if e.What == "grid company" {
		return fmt.Sprintf("catalog: no grid company %q in the catalog", e.Value)
	}
	return fmt.Sprintf("catalog: grid company %q does not offer %s %q", e.GridCompany, e.What, e.Value)
}

// Swedish says the same in Swedish, for the installer.
func (e *OfferError) Swedish() string {
	what := swedishWhat[e.What]
	if what == "" {
		what = e.What
	}
	if e.What == "grid company" {
		return fmt.Sprintf("Nätbolaget %q finns inte i katalogen.", e.Value)
	}
	return fmt.Sprintf("Nätbolaget %q erbjuder inte %s %q.", e.GridCompany, what, e.Value)
}

// Is makes errors.Is(err, ErrNotOffered) true.
func (e *OfferError) Is(target error) bool { return target == ErrNotOffered }

// invalid returns an error matching ErrInvalidConfig.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
}
