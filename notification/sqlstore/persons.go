package sqlstore

import (
	"context"
	"strings"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// FindPerson returns the IDs of the cases whose owner or payer carries pn, as a private person
// or as a sole trader, from the token index: the number itself is neither stored nor
// searched for. See [notification.PersonFinder].
func (s *Store) FindPerson(ctx context.Context, pn privacy.PersonalIdentityNumber) ([]notification.ID, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tokens := notification.PersonTokens(s.tokens, pn)
	if len(tokens) == 0 {
		return nil, nil
	}
	args := make([]any, len(tokens))
	for i, t := range tokens {
		args[i] = t[:]
	}
	query := "SELECT DISTINCT case_id FROM person_tokens WHERE token IN (?" + strings.Repeat(", ?", len(tokens)-1) + ") ORDER BY case_id"
	rows, err := s.db.QueryContext(ctx, s.rebind(query), args...)
	if err != nil {
		return nil, s.dbError(ctx, "finding a person", err)
	}
	defer rows.Close()
	var ids []notification.ID
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, s.dbError(ctx, "finding a person", err)
		}
		ids = append(ids, notification.ID(id))
	}
	return ids, rows.Err()
}
