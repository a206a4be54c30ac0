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
// the access log with who, which case, which fields, why and the outcome — never the values;
// an attempt on a case that does not exist is logged as denied too. A reveal whose log entry
// cannot be written does not happen.
//
// Errors: [validate.ErrInvalid] for no field or a field that is not personal (not logged:
// nothing was asked of the policy); [ErrNotFound] for an unknown case and for a case the
// policy denies to an actor who may not see it, alike, so that the answer tells a stranger
// nothing; [privacy.ErrDenied] when the policy denies an actor of the organisation that holds
// the case — its installer company, or the grid company it was sent to (an unknown purpose is
// denied too); [privacy.ErrNoActor]; the access log's error.
func (s *Service) Reveal(ctx context.Context, id ID, purpose privacy.Purpose, fields ...merge.Field) (Revealed, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return Revealed{}, err
	}
	if len(fields) == 0 {
		return Revealed{}, invalid("fields", "name at least one field to reveal", "ange minst ett fält att visa")
	}
	if _, err := ParseID(string(id)); err != nil {
		return Revealed{}, err // not logged: no case can have that ID, and the log must not hold it
	}
	paths := make([]string, len(fields))
	for i, f := range fields {
		if !IsPersonal(f) {
			return Revealed{}, invalid("fields", "not a personal field: "+f.String(), "inte ett personuppgiftsfält: "+f.String())
		}
		paths[i] = f.Path()
	}
	c, err := s.cases.Get(ctx, id)
	if errors.Is(err, ErrNotFound) {
		if err := s.record(ctx, a, id, paths, purpose, privacy.Denied); err != nil {
			return Revealed{}, err
		}
		return Revealed{}, ErrNotFound
	}
	if err != nil {
		return Revealed{}, err
	}
	if err := s.decide(ctx, a, c, paths, purpose); err != nil {
		if errors.Is(err, privacy.ErrDenied) && !ownedBy(a, &c.state) {
			return Revealed{}, ErrNotFound
		}
		return Revealed{}, err
	}
	out := Revealed{CaseID: c.s.ID, Purpose: purpose, Values: make(map[string]string, len(fields))}
	for _, f := range fields {
		if c.erased(f.Path()) && !f.Filled(&c.s.Form) {
			out.Erased = append(out.Erased, f.Path())
			continue
		}
		out.Values[f.Path()] = f.Reveal(&c.s.Form)
	}
	return out, nil
}

// decide asks the policy whether a may see paths of c for purpose and records the decision.
// It returns nil only when the access is allowed and logged.
func (s *Service) decide(ctx context.Context, a privacy.Actor, c *Case, paths []string, purpose privacy.Purpose) error {
	req := privacy.AccessRequest{
		Actor: a, CaseID: string(c.s.ID), Handler: c.s.Handler.User, HandlerOrganisation: c.s.Handler.Organisation,
		GridCompany: c.s.GridCompany, Sent: c.s.sent(), Fields: paths, Purpose: purpose,
	}
	decision := s.policy.Decide(ctx, req)
	if decision != nil && !errors.Is(decision, privacy.ErrDenied) {
		return decision // the policy could not decide (e.g. the context ended): nothing to log
	}
	outcome := privacy.Allowed
	if decision != nil {
		outcome = privacy.Denied
	}
	if err := s.record(ctx, a, c.s.ID, paths, purpose, outcome); err != nil {
		return err
	}
	return decision
}

// record writes one entry to the access log.
func (s *Service) record(ctx context.Context, a privacy.Actor, id ID, paths []string, purpose privacy.Purpose, outcome privacy.Outcome) error {
	return s.access.Record(ctx, privacy.AccessEntry{
		At: s.clock(), Actor: a.ID, Organisation: a.Organisation, CaseID: string(id),
		Fields: paths, Purpose: purpose, Outcome: outcome,
	})
}
