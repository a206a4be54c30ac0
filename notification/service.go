package notification

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/privacy"
)

// Service is the manual's steps as methods, over the [Repository], [Catalog] and
// [facility.Lookup] ports. Every method takes the acting user from the context
// ([privacy.WithActor]) and fails with [privacy.ErrNoActor] without one; every method that
// changes a case is all-or-nothing: it works on its own copy and stores it only when every
// check passed, so on any error the stored case is exactly as it was.
//
// Build one with [NewService] or [NewDefaultService]; the zero Service has no ports and is not
// usable.
//
// Errors common to every method on an existing case: [ErrNotFound] (also when the actor may
// not see the case), [ErrForbidden] (the actor's side may not take the step), [ErrConflict]
// (someone else changed the case meanwhile; reload and retry), and the context's error.
type Service struct {
	cases   Repository
	catalog Catalog
	lookup  facility.Lookup
	policy  privacy.Policy
	access  privacy.AccessLog
	now     func() time.Time
}

// Option configures a [Service].
type Option func(*Service)

// WithClock makes the service read the time from now (tests use a fixed clock).
func WithClock(now func() time.Time) Option {
	return func(s *Service) { s.now = now }
}

// WithPolicy sets who may reveal personal data in clear; the default is
// [privacy.DefaultPolicy].
func WithPolicy(p privacy.Policy) Option {
	return func(s *Service) { s.policy = p }
}

// WithAccessLog sets where every reveal, allowed or denied, is recorded; the default is a
// fresh [privacy.MemoryAccessLog], which [Service.AccessLog] returns.
func WithAccessLog(l privacy.AccessLog) Option {
	return func(s *Service) { s.access = l }
}

// NewService returns a service over the given ports.
func NewService(cases Repository, catalog Catalog, lookup facility.Lookup, opts ...Option) (*Service, error) {
	if cases == nil || catalog == nil || lookup == nil {
		return nil, invalidArgument("NewService", "repository, catalog and lookup are all required")
	}
	s := &Service{cases: cases, catalog: catalog, lookup: lookup, now: time.Now,
		policy: privacy.DefaultPolicy(), access: privacy.NewMemoryAccessLog()}
	for _, o := range opts {
		o(s)
	}
	if s.policy == nil || s.access == nil || s.now == nil {
		return nil, invalidArgument("NewService", "policy, access log and clock must not be nil")
	}
	return s, nil
}

// NewDefaultService returns a service on the embedded defaults: an empty [MemoryRepository],
// the [ExampleCatalog] and the sample facilities of [facility.SampleRegistry].
func NewDefaultService(opts ...Option) *Service {
	s, _ := NewService(NewMemoryRepository(), ExampleCatalog(), facility.SampleRegistry(), opts...)
	return s // cannot fail: every port is given
}

// Repository returns the service's repository.
func (s *Service) Repository() Repository { return s.cases }

// AccessLog returns the access log the service records reveals in.
func (s *Service) AccessLog() privacy.AccessLog { return s.access }

// Catalog returns the service's catalog.
func (s *Service) Catalog() Catalog { return s.catalog }

// clock returns the current time in UTC.
func (s *Service) clock() time.Time { return s.now().UTC() }

// load returns the case with id as actor a may see it, or ErrNotFound.
func (s *Service) load(ctx context.Context, a privacy.Actor, id ID) (*Case, error) {
	c, err := s.cases.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !visible(a, c) {
		return nil, ErrNotFound // do not tell a stranger that the case exists
	}
	return c, nil
}

// change is the one way a case changes: load a copy, check the actor's side, apply fn, store
// the copy with the version it was read at. expected, when not 0, is the version the caller
// last saw; anything else is ErrConflict.
func (s *Service) change(ctx context.Context, id ID, expected int64, side PartySide,
	fn func(c *Case, a privacy.Actor, now time.Time) error) (*Case, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.load(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if expected != 0 && c.version != expected {
		return nil, ErrConflict
	}
	if err := authorize(a, c, side); err != nil {
		return nil, err
	}
	now := s.clock()
	if err := fn(c, a, now); err != nil {
		if errors.Is(err, errUnchanged) {
			return c, nil
		}
		return nil, err
	}
	c.updatedAt = now
	v, err := s.cases.Update(ctx, c)
	if err != nil {
		return nil, err
	}
	c.version = v
	return c, nil
}

// Get returns the case with id, if the actor may see it. Errors: [ErrNotFound] (also for a
// case the actor may not see), [privacy.ErrNoActor], the context's error.
func (s *Service) Get(ctx context.Context, id ID) (*Case, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	return s.load(ctx, a, id)
}

// List returns the cases that match q and that the actor may see, a page at a time. An
// installer sees their company's cases; a grid company sees the cases sent to it; a filter
// narrows that, never widens it, and an actor with neither role sees nothing. Errors:
// [privacy.ErrNoActor], the repository's and the context's errors.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return Page{}, err
	}
	// A filter narrows what the actor may see; it never widens it.
	switch {
	case a.HasRole(privacy.RoleInstaller) && (q.Installer == "" || q.Installer == a.Organisation):
		q.Installer = a.Organisation
	case a.HasRole(privacy.RoleGridCompany) && (q.GridCompany == "" || q.GridCompany == a.Organisation):
		q.GridCompany, q.SentOnly = a.Organisation, true
	default:
		return Page{}, nil
	}
	page, err := s.cases.List(ctx, q)
	if err != nil {
		return Page{}, err
	}
	// Defence in depth: a repository that ignored a filter must still not widen what the
	// actor sees.
	page.Cases = slices.DeleteFunc(page.Cases, func(c *Case) bool { return !visible(a, c) })
	return page, nil
}

// errUnchanged tells change that fn changed nothing and nothing is to be stored.
var errUnchanged = errors.New("notification: unchanged")

// isNotFound reports whether err says a facility lookup found nothing.
func isNotFound(err error) bool { return errors.Is(err, facility.ErrNotFound) }
