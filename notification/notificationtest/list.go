package notificationtest

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/validate"
)

// maxPages bounds a listing loop, so a repository whose cursor never advances fails instead
// of hanging.
const maxPages = 10_000

// listAll follows Page.Next from the start of q's listing and returns every case's ID in the
// order listed. It fails t if a page exceeds the limit, if Next is not the last case of its
// page, or if a page with a non-zero Next is followed by an empty page (Next must be zero on
// the last page).
func listAll(t *testing.T, r notification.Repository, q notification.Query) []notification.ID {
	t.Helper()
	limit := q.Limit
	if limit <= 0 {
		limit = notification.DefaultPageSize
	}
	var ids []notification.ID
	q.After = notification.Cursor{}
	for range maxPages {
		page, err := r.List(context.Background(), q)
		if err != nil {
			t.Fatalf("List(%+v): %v", q, err)
		}
		if len(page.Cases) > limit {
			t.Fatalf("List with Limit %d returned %d cases", q.Limit, len(page.Cases))
		}
		for _, c := range page.Cases {
			ids = append(ids, c.ID())
		}
		if page.Next.IsZero() {
			return ids
		}
		if len(page.Cases) == 0 {
			t.Fatalf("List(Limit %d) returned an empty page with a non-zero Next", q.Limit)
		}
		last := page.Cases[len(page.Cases)-1]
		if page.Next.ID() != last.ID() || !page.Next.CreatedAt().Equal(last.CreatedAt()) {
			t.Fatalf("Next = %v %v, want the last case of the page (%v %v)",
				page.Next.CreatedAt(), page.Next.ID(), last.CreatedAt(), last.ID())
		}
		// The cursor travels as an opaque string and comes back the same.
		back, err := notification.ParseCursor(page.Next.String())
		if err != nil || back != page.Next {
			t.Fatalf("the cursor does not survive its string form: %v", err)
		}
		q.After = page.Next
	}
	t.Fatalf("List did not reach a last page in %d pages", maxPages)
	return nil
}

// ordered returns the IDs of cs in listing order: by creation time, then ID.
func ordered(cs []*notification.Case) []notification.ID {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b *notification.Case) int {
		return cmp.Or(a.CreatedAt().Compare(b.CreatedAt()), cmp.Compare(a.ID(), b.ID()))
	})
	ids := make([]notification.ID, len(cs))
	for i, c := range cs {
		ids[i] = c.ID()
	}
	return ids
}

// checkList fails t unless listing q (following Next) gives exactly want, in order.
func checkList(t *testing.T, r notification.Repository, q notification.Query, want []*notification.Case) {
	t.Helper()
	got := listAll(t, r, q)
	if w := ordered(want); !slices.Equal(got, w) {
		t.Fatalf("List(%+v):\n got %d cases %v\nwant %d cases %v", q, len(got), got, len(w), w)
	}
}

// createAll stores cs.
func createAll(t *testing.T, r notification.Repository, cs []*notification.Case) {
	t.Helper()
	for _, c := range cs {
		create(t, r, c)
	}
}

// filter returns the cases for which keep is true.
func filter(cs []*notification.Case, keep func(*notification.Case) bool) []*notification.Case {
	var out []*notification.Case
	for _, c := range cs {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

func testListByGridCompany(t *testing.T, r notification.Repository) {
	var all []*notification.Case
	for i := range 9 {
		g := []string{"oresundskraft", "kustnat", "ellevio"}[i%3]
		all = append(all, newCase(t, spec{gridCompany: g, createdAt: base.Add(time.Duration(9-i) * time.Minute)}))
	}
	createAll(t, r, all)
	for _, g := range []string{"oresundskraft", "kustnat", "ellevio"} {
		checkList(t, r, notification.Query{GridCompany: g}, filter(all, func(c *notification.Case) bool { return c.GridCompany() == g }))
	}
	checkList(t, r, notification.Query{GridCompany: "unknown"}, nil)
	checkList(t, r, notification.Query{}, all)
}

func testListByInstaller(t *testing.T, r notification.Repository) {
	var all []*notification.Case
	for i := range 6 {
		all = append(all, newCase(t, spec{installer: []string{"elfirma-ab", "annan-el"}[i%2], createdAt: base.Add(time.Duration(i) * time.Minute)}))
	}
	createAll(t, r, all)
	for _, org := range []string{"elfirma-ab", "annan-el"} {
		checkList(t, r, notification.Query{Installer: org},
			filter(all, func(c *notification.Case) bool { return c.Handler().Organisation == org }))
	}
}

func testListByStatus(t *testing.T, r notification.Repository) {
	var all []*notification.Case
	for i, s := range append(notification.Statuses(), notification.Statuses()...) {
		all = append(all, newCase(t, spec{status: s, createdAt: base.Add(time.Duration(i) * time.Second)}))
	}
	createAll(t, r, all)
	for _, statuses := range [][]notification.Status{
		{notification.NotSent},
		{notification.AwaitingApproval},
		{notification.Approved, notification.Returned},
		{notification.Rejected, notification.Closed, notification.Cancelled},
		notification.Statuses(),
	} {
		checkList(t, r, notification.Query{Statuses: statuses},
			filter(all, func(c *notification.Case) bool { return slices.Contains(statuses, c.Status()) }))
	}
	// The status is read from the stored case: after an update the case lists under its new status.
	c := get(t, r, all[0].ID())
	if err := c.Cancel("", installer, base); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Update(context.Background(), c); err != nil {
		t.Fatalf("Update: %v", err)
	}
	ids := listAll(t, r, notification.Query{Statuses: []notification.Status{notification.NotSent}})
	if slices.Contains(ids, c.ID()) {
		t.Fatal("a case cancelled by Update still lists as a draft")
	}
	ids = listAll(t, r, notification.Query{Statuses: []notification.Status{notification.Cancelled}})
	if !slices.Contains(ids, c.ID()) {
		t.Fatal("a case cancelled by Update does not list as cancelled")
	}
}

func testListSentOnly(t *testing.T, r notification.Repository) {
	var all, sent []*notification.Case
	for i, s := range notification.Statuses() {
		c := newCase(t, spec{status: s, createdAt: base.Add(time.Duration(i) * time.Second)})
		all = append(all, c)
		if s != notification.NotSent && s != notification.Cancelled { // moveTo cancels a draft
			sent = append(sent, c)
		}
	}
	// Cancelled after it was sent: the grid company has seen it.
	c := newCase(t, spec{status: notification.AwaitingApproval, createdAt: base.Add(time.Minute)})
	if err := c.Cancel("", installer, base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	all, sent = append(all, c), append(sent, c)
	createAll(t, r, all)
	checkList(t, r, notification.Query{SentOnly: true, Limit: 2}, sent)

	// A draft lists as sent from the update that submits it.
	d := get(t, r, all[0].ID())
	if _, err := d.Submit(validate.Profile{}, installer, base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Update(context.Background(), d); err != nil {
		t.Fatalf("Update: %v", err)
	}
	checkList(t, r, notification.Query{SentOnly: true}, append(sent, d))
}

func testListByCreatedTime(t *testing.T, r notification.Repository) {
	var all []*notification.Case
	for i := range 10 {
		all = append(all, newCase(t, spec{createdAt: base.Add(time.Duration(i) * time.Hour)}))
	}
	createAll(t, r, all)
	at := func(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }
	tests := []struct {
		name         string
		from, before time.Time
		want         []*notification.Case
	}{
		{"from is inclusive, before exclusive", at(3), at(7), all[3:7]},
		{"from only", at(8), time.Time{}, all[8:]},
		{"before only", time.Time{}, at(2), all[:2]},
		{"between two cases", at(3).Add(time.Second), at(4), nil},
		{"empty range", at(5), at(5), nil},
		{"from in another time zone", at(6).In(time.FixedZone("CET", 3600)), time.Time{}, all[6:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkList(t, r, notification.Query{CreatedFrom: tt.from, CreatedBefore: tt.before}, tt.want)
		})
	}
}

func testListCombined(t *testing.T, r notification.Repository) {
	var all []*notification.Case
	for i := range 24 {
		all = append(all, newCase(t, spec{
			gridCompany: []string{"oresundskraft", "kustnat"}[i%2],
			installer:   []string{"elfirma-ab", "annan-el", "tredje-el"}[i%3],
			status:      []notification.Status{notification.NotSent, notification.AwaitingApproval, notification.Approved, notification.Cancelled}[i%4],
			createdAt:   base.Add(time.Duration(i) * time.Minute),
		}))
	}
	createAll(t, r, all)
	q := notification.Query{
		GridCompany: "oresundskraft", Installer: "elfirma-ab",
		Statuses:    []notification.Status{notification.NotSent, notification.Approved},
		CreatedFrom: base.Add(5 * time.Minute), CreatedBefore: base.Add(20 * time.Minute),
		Limit: 1,
	}
	checkList(t, r, q, filter(all, func(c *notification.Case) bool {
		return c.GridCompany() == q.GridCompany && c.Handler().Organisation == q.Installer &&
			slices.Contains(q.Statuses, c.Status()) &&
			!c.CreatedAt().Before(q.CreatedFrom) && c.CreatedAt().Before(q.CreatedBefore)
	}))
}

func testListPaging(t *testing.T, r notification.Repository) {
	// 23 cases, three at a time created in the same second, so the ID breaks ties; created
	// out of order, so insertion order is not the listing order.
	var all []*notification.Case
	for i := range 23 {
		all = append(all, newCase(t, spec{
			gridCompany: []string{"oresundskraft", "kustnat"}[i%2],
			createdAt:   base.Add(time.Duration((23-i)/3) * time.Second),
		}))
	}
	createAll(t, r, all)
	for _, limit := range []int{1, 2, 5, 7, 22, 23, 24, 0} {
		t.Run("Limit"+strconv.Itoa(limit), func(t *testing.T) {
			checkList(t, r, notification.Query{Limit: limit}, all)
			checkList(t, r, notification.Query{Limit: limit, GridCompany: "kustnat"},
				filter(all, func(c *notification.Case) bool { return c.GridCompany() == "kustnat" }))
		})
	}
	t.Run("ExactPage", func(t *testing.T) {
		page, err := r.List(context.Background(), notification.Query{Limit: 23})
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		if len(page.Cases) != 23 || !page.Next.IsZero() {
			t.Fatalf("List(Limit 23) of 23 cases: %d cases, Next %+v; want 23 and a zero Next", len(page.Cases), page.Next)
		}
	})
	t.Run("ResumeFromCursor", func(t *testing.T) {
		// A cursor is a position, not a page: listing after any case's (time, ID) gives the rest.
		want := ordered(all)
		mid := get(t, r, want[10])
		got := listAll(t, r, notification.Query{Limit: 4})
		page, err := r.List(context.Background(), notification.Query{
			Limit: 100, After: notification.CursorAfter(mid.Snapshot().Listing()),
		})
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		var rest []notification.ID
		for _, c := range page.Cases {
			rest = append(rest, c.ID())
		}
		if !slices.Equal(rest, got[11:]) {
			t.Fatalf("List after case 10: got %v, want %v", rest, got[11:])
		}
	})
}
