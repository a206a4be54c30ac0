package notification

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
)

// Service is the manual's steps as methods, over the [Repository], [catalog.Catalog] and
// [facility.Lookup] ports. Every method takes the acting user from the context
// ([privacy.WithActor]) and fails with [privacy.ErrNoActor] without one; every method that
// changes a case is all-or-nothing: it works on its own copy and stores it only when every
// check passed, so on any error the stored case is exactly as it was.
//
// Every step that changes a case takes the version the caller last saw and fails with
// [ErrConflict] if the case has changed since, so nobody acts on a stale screen; only
// [Service.AddNote] also accepts [AnyVersion].
//
// Build one with [NewService] or [NewDefaultService]; the zero Service has no ports and is not
// usable.
//
// Errors common to every method on an existing case: [ErrNotFound] (also when the actor may
// not see the case), [ErrForbidden] (the actor's side may not take the step), [ErrConflict]
// (someone else changed the case meanwhile; reload and retry), [validate.ErrInvalid] for a
// malformed argument (naming it), and the context's error.
type Service struct {
	cases   Repository
	catalog catalog.Catalog
	lookup  facility.Lookup
	policy  privacy.Policy
	access  privacy.AccessLog
	files   AttachmentStore
	maxFile int64
	now     func() time.Time
}

// AnyVersion, given as the expected version, takes a step whatever the case's version is.
// Only [Service.AddNote] accepts it: a note adds to a case and overwrites nothing.
const AnyVersion int64 = -1

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

// NewService returns a service over the given ports. Errors match [validate.ErrInvalid].
func NewService(cases Repository, cat catalog.Catalog, lookup facility.Lookup, opts ...Option) (*Service, error) {
	if cases == nil || cat == nil || lookup == nil {
		return nil, invalid("NewService", "repository, catalog and lookup are all required",
			"repository, katalog och uppslag krävs alla")
	}
	s := &Service{cases: cases, catalog: cat, lookup: lookup, now: time.Now, maxFile: DefaultMaxAttachmentSize,
		policy: privacy.DefaultPolicy(), access: privacy.NewMemoryAccessLog()}
	if files, ok := cases.(AttachmentStore); ok {
		s.files = files // a store that keeps content next to its cases
	}
	for _, o := range opts {
		o(s)
	}
	if s.files == nil {
		s.files = NewMemoryAttachmentStore()
	}
	if s.policy == nil || s.access == nil || s.now == nil || s.maxFile <= 0 {
		return nil, invalid("NewService", "policy, access log and clock must not be nil, the size limit positive",
			"policy, åtkomstlogg och klocka får inte vara nil, storleksgränsen ska vara positiv")
	}
	return s, nil
}

// NewDefaultService returns a service on the embedded defaults: an empty [MemoryRepository],
// the [catalog.ExampleCatalog] and the sample facilities of [facility.SampleRegistry].
func NewDefaultService(opts ...Option) *Service {
	s, _ := NewService(NewMemoryRepository(), catalog.ExampleCatalog(), facility.SampleRegistry(), opts...)
	return s // cannot fail: every port is given
}

// AccessLog returns the access log the service records reveals in.
func (s *Service) AccessLog() privacy.AccessLog { return s.access }

// Catalog returns the service's catalog.
func (s *Service) Catalog() catalog.Catalog { return s.catalog }

// clock returns the current time in UTC.
func (s *Service) clock() time.Time { return s.now().UTC() }

// load returns the case with id as actor a may see it, or ErrNotFound.
func (s *Service) load(ctx context.Context, a privacy.Actor, id ID) (*Case, error) {
	c, err := s.cases.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !visible(a, &c.state) {
		return nil, ErrNotFound // do not tell a stranger that the case exists
	}
	return c, nil
}

// checkVersion returns nil if expected is the case's version, or AnyVersion where allowed.
func checkVersion(c *Case, expected int64, anyAllowed bool) error {
	switch {
	case expected == AnyVersion && anyAllowed:
		return nil
	case expected <= 0:
		return invalid("version", "the version the caller last saw is required", "versionen du senast såg krävs")
	case expected != c.s.Version:
		return ErrConflict
	}
	return nil
}

// step is what a change needs to know besides its work: who may take it, from which version.
type step struct {
	id         ID
	expected   int64
	side       Side
	anyVersion bool // AnyVersion is accepted
	// stale, if set, is asked when the version is stale: a retried step that already happened
	// answers true and the case is returned as it is.
	stale func(c *Case) bool
}

// change is the one way a step changes a case: load a copy as the actor may see it, check
// the actor's side and the expected version, apply fn and store the copy with optimistic
// concurrency ([Service.apply]).
func (s *Service) change(ctx context.Context, st step, fn func(c *Case, a privacy.Actor, now time.Time) error) (*Case, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.load(ctx, a, st.id)
	if err != nil {
		return nil, err
	}
	if err := authorize(a, &c.state, st.side); err != nil {
		return nil, err
	}
	if err := checkVersion(c, st.expected, st.anyVersion); err != nil {
		if errors.Is(err, ErrConflict) && st.stale != nil && st.stale(c) {
			return c, errAlready
		}
		return nil, err
	}
	return s.apply(ctx, c, a, fn)
}

// apply runs fn on c, the caller's private copy of a stored case, and stores the result if
// fn succeeded, from the version c was read at. Every change of a stored case — the steps,
// erasure, purge — ends here.
func (s *Service) apply(ctx context.Context, c *Case, a privacy.Actor, fn func(c *Case, a privacy.Actor, now time.Time) error) (*Case, error) {
	now := s.clock()
	if err := fn(c, a, now); err != nil {
		if errors.Is(err, errUnchanged) {
			return c, nil
		}
		return nil, err
	}
	c.s.UpdatedAt = now
	v, err := s.cases.Update(ctx, c)
	if err != nil {
		return nil, err
	}
	c.stored(v)
	return c, nil
}

// errUnchanged tells apply that fn changed nothing and nothing is to be stored; errAlready
// tells a step that it had already happened (a retry).
var (
	errUnchanged = errors.New("notification: unchanged")
	errAlready   = errors.New("notification: already done")
)

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
	page.Cases = slices.DeleteFunc(page.Cases, func(c *Case) bool { return !visible(a, &c.state) })
	return page, nil
}

// gridCompany returns the case's grid company from the catalog.
func (s *Service) gridCompany(ctx context.Context, c *Case) (*catalog.GridCompany, error) {
	return s.catalog.GridCompany(ctx, c.s.GridCompany)
}
