package sqlstore

import (
	"context"

	"github.com/gridnotify/gridnotify/notification"
)

// SetHook makes s call hook after every statement of a write, so a test can break a write
// half-way (cancel its context, kill its connection).
func SetHook(s *Store, hook func(ctx context.Context, stmt string) error) { s.hook = hook }

// ListQuery is the SQL and arguments of one listing query.
func ListQuery(s *Store, q notification.Query, status notification.Status, limit int) (string, []any) {
	return s.listQuery(q, status, limit)
}
