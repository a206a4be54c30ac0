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

// sideOf says on which side of case st actor a stands: the installer company that handles
// it, the grid company it is for, or neither (0).
func sideOf(a privacy.Actor, st *state) Side {
	switch {
	case a.HasRole(privacy.RoleInstaller) && a.Organisation == st.s.Handler.Organisation:
		return SideInstaller
	case a.HasRole(privacy.RoleGridCompany) && a.Organisation == st.s.GridCompany:
		return SideGridCompany
	}
	return 0
}

// authorize returns nil if actor a may take a step for side on case st, and otherwise an
// error matching [ErrForbidden].
func authorize(a privacy.Actor, st *state, side Side) error {
	got := sideOf(a, st)
	if got != 0 && (side == SideEither || side == got) {
		return nil
	}
	return forbidden("the step is for the "+side.String(), "Steget är för "+side.Swedish()+".")
}

// visible reports whether actor a may see case st at all: the installer side always, the
// grid company once the case is sent ("nätbolaget ser ej anmälan" while it is "Ej skickat").
func visible(a privacy.Actor, st *state) bool {
	switch sideOf(a, st) {
	case SideInstaller:
		return true
	case SideGridCompany:
		return st.s.sent()
	}
	return false
}

// actingSide is the side an actor acts for on case st: their role's side, or, for staff
// without one (data protection), their organisation's; zero when it is neither.
func actingSide(a privacy.Actor, st *state) Side {
	if side := sideOf(a, st); side != 0 {
		return side
	}
	switch a.Organisation {
	case "":
		return 0
	case st.s.Handler.Organisation:
		return SideInstaller
	case st.s.GridCompany:
		return SideGridCompany
	}
	return 0
}

// ownedBy reports whether the case belongs to the actor's organisation: the installer company
// that handles it, or the grid company it was sent to.
func ownedBy(a privacy.Actor, st *state) bool {
	return a.Organisation != "" && (a.Organisation == st.s.Handler.Organisation ||
		(a.Organisation == st.s.GridCompany && st.s.sent()))
}

// Handler is the installer user and company that created a case and handle it.
type Handler struct {
	User         string `json:"user"`         // opaque actor ID
	Organisation string `json:"organisation"` // the installer company's ID
}

// actorID is who a history row or note names: the actor's opaque ID, never personal data.
func actorID(a privacy.Actor) string { return a.ID }
