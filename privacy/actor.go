package privacy

import (
	"context"
	"slices"
)

// Role is what an actor does in the notification process.
type Role string

// The roles the library knows; a deployment may add its own.
const (
	// RoleInstaller works for the installer company that handles a case.
	RoleInstaller Role = "installer"
	// RoleGridCompany works for the grid company that a case is sent to.
	RoleGridCompany Role = "grid-company"
	// RoleDataProtection answers data subjects' requests (access, erasure).
	RoleDataProtection Role = "data-protection"
)

// Actor is who performs an operation: a user, the organisation they act for, and their roles.
// It travels in the [context.Context] ([WithActor], [ActorFromContext]). ID is an opaque user
// ID, never a personal identity number.
type Actor struct {
	ID           string `json:"id"`           // opaque user ID, never personal data
	Organisation string `json:"organisation"` // ID of the organisation acted for
	Roles        []Role `json:"roles"`        // what the actor may do
}

// ErrNoActor is returned where an operation needs to know who performs it and the context
// carries no actor.
var ErrNoActor = NewError("privacy: no actor in the context", "Ingen inloggad användare.")

// HasRole reports whether the actor has role r.
func (a Actor) HasRole(r Role) bool { return slices.Contains(a.Roles, r) }

// IsZero reports whether a is the zero Actor.
func (a Actor) IsZero() bool { return a.ID == "" && a.Organisation == "" && len(a.Roles) == 0 }

type actorKey struct{}

// WithActor returns a context carrying a copy of a.
func WithActor(ctx context.Context, a Actor) context.Context {
	a.Roles = slices.Clone(a.Roles)
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor that ctx carries, or [ErrNoActor].
func ActorFromContext(ctx context.Context) (Actor, error) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	if !ok || a.ID == "" {
		return Actor{}, ErrNoActor
	}
	a.Roles = slices.Clone(a.Roles)
	return a, nil
}
