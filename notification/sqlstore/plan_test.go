package sqlstore_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
)

// fillListing inserts n rows of listing columns (with a placeholder document: the planner never
// reads it) spread over 4 installer companies, 2 grid companies and every status — so that one
// company's listing holds thousands of cases, as in a full store — and has the database gather
// statistics.
func fillListing(t *testing.T, s *sqlstore.Store, n int) {
	t.Helper()
	codes := statusCodes(notification.Statuses())
	fillRows(t, s, n, "'grid-' || (i % 2)", "'inst-' || (i % 4)", codes, "(i % {n}) <> 0", "(i % {n})")
}

// statusCodes returns the statuses' codes as SQL string literals.
func statusCodes(statuses []notification.Status) []string {
	var codes []string
	for _, st := range statuses {
		codes = append(codes, "'"+st.Code()+"'")
	}
	return codes
}

// fillRows inserts n rows made by the database from a series i = 0…n-1: grid and installer are
// SQL expressions of i, the status is codes[pick] for the SQL expression pick, and sent is an
// SQL condition. In pick and sent, {n} stands for len(codes). Then it gathers statistics.
func fillRows(t *testing.T, s *sqlstore.Store, n int, grid, installer string, codes []string, sent, pick string) {
	t.Helper()
	ctx := context.Background()
	// The rows are made by the database itself, from a series, so that filling takes
	// milliseconds rather than one round trip a row.
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	pick = strings.ReplaceAll(pick, "{n}", strconv.Itoa(len(codes)))
	sent = strings.ReplaceAll(sent, "{n}", strconv.Itoa(len(codes)))
	status := fmt.Sprintf("(ARRAY[%s])[%s + 1]", strings.Join(codes, ", "), pick)
	id := "'n-' || lpad(i::text, 32, '0')"
	series := fmt.Sprintf("WITH series AS (SELECT generate_series(0, %d)::bigint AS i) ", n-1)
	if s.Dialect() == sqlstore.SQLite {
		// SQLite has neither generate_series by default nor arrays: a recursive series and a
		// CASE for the status.
		var cases []string
		for i, c := range codes {
			cases = append(cases, fmt.Sprintf("WHEN %d THEN %s", i, c))
		}
		status = fmt.Sprintf("CASE %s %s END", pick, strings.Join(cases, " "))
		id = "substr('00000000000000000000000000000000' || i, -32, 32)"
		series = fmt.Sprintf("WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM series WHERE i < %d) ", n-1)
	}
	rows := "SELECT " + strings.Join([]string{id, grid, installer, status, sent,
		strconv.FormatInt(base, 10) + " + i * 1000000000", strconv.FormatInt(base, 10), "1", "'{}'"}, ", ") + " FROM series"
	_, err := s.DB().ExecContext(ctx, series+"INSERT INTO cases (id, grid_company, installer, status, sent, created_at, updated_at, version, doc) "+rows)
	require.NoError(t, err)
	_, err = s.DB().ExecContext(ctx, "ANALYZE")
	require.NoError(t, err)
	var count int
	require.NoError(t, s.DB().QueryRow("SELECT count(*) FROM cases").Scan(&count))
	require.Equal(t, n, count)
}

// TestListingsUseTheirIndexes checks with EXPLAIN that the installer's list and the grid
// company's inbox ("sent to me, in these statuses") read an index in the listing's order from
// the cursor — no scan of the table, no sort — so a page costs the same among a million cases
// as among a thousand.
func TestListingsUseTheirIndexes(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		t.Parallel()
		s := open(t, dsn(t))
		n := 100000 // PostgreSQL chooses its plans by cost: a full store's numbers
		if s.Dialect() == sqlstore.SQLite {
			n = 3000 // SQLite reads an index for equality and order whatever the count
		}
		fillListing(t, s, n)
		after := notification.CursorAfter(notification.Listing{ID: "n-00000000000000000000000000000100",
			CreatedAt: time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC)})
		for _, tt := range []struct {
			name    string
			q       notification.Query
			status  notification.Status
			indexes []string // an index the plan may read the listing from, in its order
		}{
			{"installer's list", notification.Query{Installer: "inst-3", After: after}, notification.StatusNone,
				[]string{"cases_installer "}},
			{"installer's list by status", notification.Query{Installer: "inst-3", After: after}, notification.Approved,
				[]string{"cases_installer_status"}},
			{"grid company's inbox", notification.Query{GridCompany: "grid-1", SentOnly: true, After: after}, notification.StatusNone,
				[]string{"cases_inbox ", "cases_grid_company"}},
			{"grid company's inbox by status", notification.Query{GridCompany: "grid-1", SentOnly: true, After: after},
				notification.AwaitingApproval, []string{"cases_inbox_status"}},
		} {
			query, args := sqlstore.ListQuery(s, tt.q, tt.status, 51)
			plan := explain(t, s, query, args) + " "
			used := false
			for _, index := range tt.indexes {
				used = used || strings.Contains(plan, index)
			}
			require.True(t, used, "%s: the plan uses none of %v:\n%s", tt.name, tt.indexes, plan)
			for _, bad := range []string{"Seq Scan", "Sort", "SCAN cases", "TEMP B-TREE"} {
				require.NotContains(t, plan, bad, "%s: the plan has %q:\n%s", tt.name, bad, plan)
			}
			t.Logf("%s (%s):\n%s", tt.name, s.Dialect(), plan)
		}
	})
}

// TestInboxPlanWithItsStatusesCorrelated: a grid company's inbox holds only the statuses that
// wait for it, a few per cent of all cases, which no other grid company's cases are in. A
// planner that took grid company and status to be independent would expect a handful of rows,
// read them all through a bitmap and sort them — thousands, at a million cases. The extended
// statistics on (grid_company, status) keep the estimate right, so the page is read in order
// from the index.
func TestInboxPlanWithItsStatusesCorrelated(t *testing.T) {
	eachEngine(t, func(t *testing.T, dsn func(testing.TB) string) {
		t.Parallel()
		s := open(t, dsn(t))
		n := 100000
		if s.Dialect() == sqlstore.SQLite {
			n = 20000
		}
		// Every 100th case waits in grid-inbox's inbox (awaiting approval or returned, sent);
		// the others belong to 50 other grid companies, closed or never sent.
		codes := statusCodes([]notification.Status{notification.AwaitingApproval, notification.Returned,
			notification.Approved, notification.Completed, notification.Cancelled, notification.NotSent})
		fillRows(t, s, n, "CASE WHEN i % 100 = 0 THEN 'grid-inbox' ELSE 'grid-' || (i % 50) END", "'inst-' || (i % 40)",
			codes, "i % 100 = 0 OR i % 4 <> 3", "CASE WHEN i % 100 = 0 THEN (i / 100) % 2 ELSE 2 + i % 4 END")
		q := notification.Query{GridCompany: "grid-inbox", SentOnly: true}
		for _, st := range []notification.Status{notification.AwaitingApproval, notification.Returned} {
			query, args := sqlstore.ListQuery(s, q, st, 51)
			plan := explain(t, s, query, args)
			require.Contains(t, plan, "cases_inbox_status", plan)
			for _, bad := range []string{"Seq Scan", "Sort", "SCAN cases", "TEMP B-TREE", "Bitmap"} {
				require.NotContains(t, plan, bad, "%s: the plan has %q:\n%s", st, bad, plan)
			}
		}
	})
}

// explain returns the database's plan for query.
func explain(t testing.TB, s *sqlstore.Store, query string, args []any) string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if s.Dialect() == sqlstore.PostgreSQL {
		prefix = "EXPLAIN "
	}
	rows, err := s.DB().Query(prefix+query, args...)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		lines = append(lines, fmt.Sprint(vals[len(vals)-1]))
	}
	require.NoError(t, rows.Err())
	return strings.Join(lines, "\n")
}
