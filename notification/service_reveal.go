package notification

import (
	"context"
	"errors"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// Revealed is personal data shown in clear after an allowed, logged reveal. Values maps a
// field's JSON path to its clear value; it is personal data: show it, never log it.
type Revealed struct {
	CaseID  ID                `json:"caseId"`  // the case's opaque ID
	Purpose privacy.Purpose   `json:"purpose"` // the purpose stated for the reveal
	Values  map[string]string `json:"values"`  // JSON path → clear value; personal data
	// Erased lists the fields asked for that were erased: they cannot be revealed.
	Erased []string `json:"erased,omitempty"`
}

// Reveal shows personal fields of a case in clear, for a stated purpose, if the policy lets
// the actor (see [privacy.DefaultPolicy]). Every attempt, allowed or denied, is recorded in
// the access log with who, which case, which fields, why and the outcome — never the values.
// A reveal whose log entry cannot be written does not happen.
//
// Errors: [ErrInvalidArgument] for no field or a field that is not personal (not logged:
// nothing was asked of the policy), [privacy.ErrDenied] (logged; an unknown purpose is
// denied too; the denial says so and reveals nothing, not even whether the actor could see
// the case otherwise), [ErrNotFound] for an unknown case, [privacy.ErrNoActor], and the
// access log's error.
func (s *Service) Reveal(ctx context.Context, id ID, purpose privacy.Purpose, fields ...merge.Field) (Revealed, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return Revealed{}, err
	}
	if len(fields) == 0 {
		return Revealed{}, invalidArgument("fields", "name at least one field to reveal")
	}
	paths := make([]string, len(fields))
	for i, f := range fields {
		if !IsPersonal(f) {
			return Revealed{}, invalidArgument("fields", "not a personal field: "+f.String())
		}
		paths[i] = f.Path()
	}
	c, err := s.cases.Get(ctx, id)
	if err != nil {
		return Revealed{}, err
	}
	if err := s.decide(ctx, a, c, paths, purpose); err != nil {
		return Revealed{}, err
	}
	out := Revealed{CaseID: c.id, Purpose: purpose, Values: make(map[string]string, len(fields))}
	for _, f := range fields {
		if c.erased(f.Path()) && !f.Filled(&c.form) {
			out.Erased = append(out.Erased, f.Path())
			continue
		}
		out.Values[f.Path()] = f.Reveal(&c.form)
	}
	return out, nil
}

// decide asks the policy whether a may see paths of c for purpose and records the decision.
// It returns nil only when the access is allowed and logged.
func (s *Service) decide(ctx context.Context, a privacy.Actor, c *Case, paths []string, purpose privacy.Purpose) error {
	req := privacy.AccessRequest{
		Actor: a, CaseID: string(c.id), Handler: c.handler.User, HandlerOrganisation: c.handler.Organisation,
		GridCompany: c.gridCompany, Sent: c.wasSubmitted(), Fields: paths, Purpose: purpose,
	}
	decision := s.policy.Decide(ctx, req)
	if decision != nil && !errors.Is(decision, privacy.ErrDenied) {
		return decision // the policy could not decide (e.g. the context ended): nothing to log
	}
	entry := privacy.AccessEntry{
		At: s.clock(), Actor: a.ID, Organisation: a.Organisation, CaseID: string(c.id),
		Fields: paths, Purpose: purpose, Outcome: privacy.Allowed,
	}
	if decision != nil {
		entry.Outcome = privacy.Denied
	}
	if err := s.access.Record(ctx, entry); err != nil {
		return err
	}
	return decision
}
