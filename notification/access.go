package notification

import (
	"context"
	"fmt"

	"github.com/gridnotify/gridnotify/privacy"
)

// actorFrom returns the actor in ctx, or an error matching [privacy.ErrNoActor].
func actorFrom(ctx context.Context) (privacy.Actor, error) {
	a, err := privacy.ActorFromContext(ctx)
	if err != nil {
		return privacy.Actor{}, fmt.Errorf("notification: %w", err)
	}
	return a, nil
}

// sideOf says on which side of case c actor a stands: the installer company that handles it,
// the grid company it is for, or neither (0).
func sideOf(a privacy.Actor, c *Case) PartySide {
	switch {
	case a.HasRole(privacy.RoleInstaller) && a.Organisation == c.handler.Organisation:
		return SideInstaller
	case a.HasRole(privacy.RoleGridCompany) && a.Organisation == c.gridCompany:
		return SideGridCompany
	}
	return 0
}

// authorize returns nil if actor a may take a step for side on case c, and otherwise an error
// matching [ErrForbidden].
func authorize(a privacy.Actor, c *Case, side PartySide) error {
	got := sideOf(a, c)
	if got != 0 && (side == SideEither || side == got) {
		return nil
	}
	return fmt.Errorf("%w: the step is for the %s (steget är för %s)", ErrForbidden, side, side.Swedish())
}

// visible reports whether actor a may see case c at all: the installer side always, the grid
// company once the case is sent ("nätbolaget ser ej anmälan" while it is "Ej skickat").
func visible(a privacy.Actor, c *Case) bool {
	switch sideOf(a, c) {
	case SideInstaller:
		return true
	case SideGridCompany:
		return c.wasSubmitted()
	}
	return false
}

// wasSubmitted reports whether the case has ever been sent to the grid company.
func (c *Case) wasSubmitted() bool {
	for _, h := range c.history {
		if h.Action == Submit {
			return true
		}
	}
	return false
}

// String returns the side in English.
func (p PartySide) String() string {
	switch p {
	case SideInstaller:
		return "installer"
	case SideGridCompany:
		return "grid company"
	case SideEither:
		return "installer or grid company"
	}
	return fmt.Sprintf("PartySide(%d)", uint8(p))
}

// Swedish returns the side in Swedish.
func (p PartySide) Swedish() string {
	switch p {
	case SideInstaller:
		return "installatören"
	case SideGridCompany:
		return "nätbolaget"
	case SideEither:
		return "installatören eller nätbolaget"
	}
	return p.String()
}
