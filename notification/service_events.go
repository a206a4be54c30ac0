package notification

import (
	"context"
	"slices"

	"github.com/gridnotify/gridnotify/privacy"
)

// EventPage is one page of the event feed. Next is the cursor for the next page: the Seq of
// the page's last event, or the cursor asked with when the page is empty, so a consumer keeps
// it and asks again later.
type EventPage struct {
	Events []Event `json:"events"` // oldest first
	Next   int64   `json:"next"`   // pass as after to continue
}

// Events is the feed of the changes the actor may see, oldest first, after the cursor after
// (0 for the start): an installer sees their company's cases' events, a grid company the events
// of the cases sent to it from the sending on; an actor with neither role sees none. A back
// end catches up after downtime by asking from the last Next it kept.
//
// Delivery is at least once: a consumer that stopped between handling an event and keeping
// its cursor sees the event again, and deduplicates by [Event.ID]. Errors:
// [validate.ErrInvalid] for a negative cursor, [privacy.ErrNoActor], the repository's and the
// context's errors.
func (s *Service) Events(ctx context.Context, after int64, limit int) (EventPage, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return EventPage{}, err
	}
	if after < 0 {
		return EventPage{}, invalid("after", "a feed position is never negative", "en position i flödet är aldrig negativ")
	}
	q := EventQuery{After: after, Limit: limit}
	switch {
	case a.HasRole(privacy.RoleInstaller) && a.Organisation != "":
		q.Installer = a.Organisation
	case a.HasRole(privacy.RoleGridCompany) && a.Organisation != "":
		q.GridCompany, q.SentOnly = a.Organisation, true
	default:
		return EventPage{Events: []Event{}, Next: after}, nil
	}
	events, err := s.cases.Events(ctx, q)
	if err != nil {
		return EventPage{}, err
	}
	// Defence in depth: a repository that ignored a filter must still not widen the feed.
	events = slices.DeleteFunc(events, func(e Event) bool { return !q.Matches(e) })
	page := EventPage{Events: events, Next: after}
	if page.Events == nil {
		page.Events = []Event{}
	}
	if n := len(events); n > 0 {
		page.Next = events[n-1].Seq
	}
	return page, nil
}
