package privacy

import (
	"context"
	"fmt"
)

// ErrDenied is matched (with errors.Is) by every refusal to reveal personal data. The error
// says which rule refused, never what the data is.
var ErrDenied = NewError("privacy: access denied", "Åtkomst nekad.")

// AccessRequest is a request to see fields of one case in clear. It carries what a policy
// needs to decide and nothing personal: IDs, field paths and the purpose.
type AccessRequest struct {
	// Actor is who asks.
	Actor Actor
	// CaseID is the case's opaque ID.
	CaseID string
	// Handler is the opaque user ID of the installer who handles the case.
	Handler string
	// HandlerOrganisation is the ID of the installer company that handles the case.
	HandlerOrganisation string
	// GridCompany is the grid company the case is for.
	GridCompany string
	// Sent reports whether the case has been sent to the grid company: before that the grid
	// company has no business with it.
	Sent bool
	// Fields are the JSON paths of the fields asked for, e.g. "owner.personalNumber".
	Fields []string
	// Purpose is why.
	Purpose Purpose
}

// Policy decides whether an actor may see fields of a case in clear for a stated purpose.
// Decide returns nil to allow, and an error matching [ErrDenied] to refuse. If it cannot
// decide at all (the context is done) it returns that error instead, which does not match
// ErrDenied: there is no decision to log, and the caller must not reveal either. It must
// not log: the caller records every decision in an [AccessLog].
type Policy interface {
	// Decide returns nil to allow req, an error matching [ErrDenied] to refuse it, or the
	// context's error if it cannot decide.
	Decide(ctx context.Context, req AccessRequest) error
}

// RolePolicy is the default [Policy]: it lets through the case's handler, and actors with a
// role configured for the purpose who belong to the case's installer company or (once the case
// is sent) its grid company. Everything else is denied. Purposes outside [Purposes] are always
// denied. The zero RolePolicy allows only the handler.
type RolePolicy struct {
	// Roles maps a purpose to the roles that may reveal for it, besides the handler.
	Roles map[Purpose][]Role
}

// DefaultPolicy returns the policy the library uses unless told otherwise: the handler for
// every purpose; the installer company's installers to administer the customer relationship
// and to send; the grid company's staff to read what was sent to them; data-protection staff
// of either organisation to answer a data subject.
func DefaultPolicy() RolePolicy {
	return RolePolicy{Roles: map[Purpose][]Role{
		PurposeAdminister:         {RoleInstaller},
		PurposeSendToGridCompany:  {RoleInstaller, RoleGridCompany},
		PurposeDataSubjectRequest: {RoleDataProtection},
	}}
}

// Decide implements [Policy].
func (p RolePolicy) Decide(ctx context.Context, req AccessRequest) error {
	if err := ctx.Err(); err != nil {
		return err // no decision: see Policy
	}
	switch {
	case !req.Purpose.Valid():
		return fmt.Errorf("%w: no valid purpose stated (inget giltigt ändamål angivet)", ErrDenied)
	case req.Actor.ID == "":
		return fmt.Errorf("%w: %w", ErrDenied, ErrNoActor)
	case len(req.Fields) == 0:
		return fmt.Errorf("%w: no fields asked for (inga fält angivna)", ErrDenied)
	case req.Actor.ID == req.Handler && req.Actor.Organisation == req.HandlerOrganisation:
		return nil
	}
	// A role counts only for an actor who names an organisation: otherwise an actor and a
	// case that both leave the organisation empty would "belong to the same company".
	for _, r := range p.Roles[req.Purpose] {
		if req.Actor.Organisation == "" || !req.Actor.HasRole(r) {
			continue
		}
		switch {
		case r == RoleGridCompany && req.Actor.Organisation == req.GridCompany && req.Sent:
			return nil
		case r != RoleGridCompany && req.Actor.Organisation == req.HandlerOrganisation:
			return nil
		case r == RoleDataProtection && req.Actor.Organisation == req.GridCompany && req.Sent:
			return nil
		}
	}
	return fmt.Errorf("%w: the actor is not the case's handler and has no role for the purpose %q here "+
		"(användaren handlägger inte ärendet och saknar behörighet för ändamålet)", ErrDenied, string(req.Purpose))
}

var _ Policy = RolePolicy{}
