package notification_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
)

// tickingEnv is newEnv with a clock that moves one second per reading, so cases list in the
// order they were created.
func tickingEnv(t *testing.T) env {
	t.Helper()
	e := newEnv(t)
	e.clock.tick = time.Second
	return e
}

// pages lists every page for ctx's actor with limit, and returns the pages' cases.
func pages(t *testing.T, e env, ctx context.Context, q notification.Query) [][]notification.ID {
	t.Helper()
	var out [][]notification.ID
	for range 100 {
		p, err := e.svc.List(ctx, q)
		require.NoError(t, err)
		require.LessOrEqual(t, len(p.Cases), q.Limit)
		var ids []notification.ID
		for _, c := range p.Cases {
			ids = append(ids, c.ID())
		}
		out = append(out, ids)
		if p.Next.IsZero() {
			return out
		}
		q.After = p.Next
	}
	t.Fatal("List never reached a last page")
	return nil
}

func flatten(ps [][]notification.ID) []notification.ID {
	var out []notification.ID
	for _, p := range ps {
		out = append(out, p...)
	}
	return out
}

// listFixture creates, in this order: two drafts and a sent case by the installer, a draft
// by another installer company, a Kustnät draft by the installer, and so on; it returns the
// IDs each actor should see, in listing order.
func listFixture(t *testing.T, e env) (inst, grid, otherInst []notification.ID) {
	t.Helper()
	for i := range 9 {
		switch i % 3 {
		case 0, 1:
			c := e.created(t)
			inst = append(inst, c.ID())
			if i%3 == 1 {
				e.completeFrom(t, c) // adds a template case first
				_, err := e.svc.Submit(e.inst, c.ID(), e.version(t, c.ID()))
				require.NoError(t, err)
			}
		case 2:
			c, err := e.svc.Create(e.otherInst, notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.FuseChange, JobType: "single-meter", Area: "HBG"})
			require.NoError(t, err)
			otherInst = append(otherInst, c.ID())
			k, err := e.svc.Create(e.inst, notification.CreateRequest{GridCompany: "kustnat", InstallationType: catalog.FuseChange, JobType: "fuse", Area: "KU1"})
			require.NoError(t, err)
			inst = append(inst, k.ID())
		}
	}
	// Every case in listing order (creation order, as the clock ticks), for each side.
	page, err := e.repo.List(context.Background(), notification.Query{Limit: notification.MaxPageSize})
	require.NoError(t, err)
	var wantInst, wantGrid []notification.ID
	for _, c := range page.Cases {
		if c.Handler().Organisation == installer.Organisation {
			wantInst = append(wantInst, c.ID())
		}
		if c.GridCompany() == gridCompany.Organisation && c.Status() != notification.NotSent {
			wantGrid = append(wantGrid, c.ID())
		}
	}
	require.Subset(t, wantInst, inst)
	require.Len(t, wantGrid, 3)
	return wantInst, wantGrid, otherInst
}

func TestServiceList(t *testing.T) {
	t.Parallel()
	e := tickingEnv(t)
	inst, grid, otherInst := listFixture(t, e)
	for _, limit := range []int{1, 2, 4, 100} {
		q := notification.Query{Limit: limit}
		require.Equal(t, inst, flatten(pages(t, e, e.inst, q)), "installer, limit %d", limit)
		require.Equal(t, grid, flatten(pages(t, e, e.grid, q)), "grid company, limit %d", limit)
		require.Equal(t, otherInst, flatten(pages(t, e, e.otherInst, q)), "other installer, limit %d", limit)
		require.Empty(t, flatten(pages(t, e, e.otherGrid, q)), "Kustnät sees only drafts for it")
	}
	// A filter narrows what the actor may see; it never widens it.
	q := notification.Query{Limit: 10, Statuses: []notification.Status{notification.AwaitingApproval}, Installer: "annan-el"}
	require.Equal(t, grid, flatten(pages(t, e, e.grid, notification.Query{Limit: 10, Statuses: q.Statuses})))
	for _, id := range flatten(pages(t, e, e.inst, q)) {
		require.NotContains(t, otherInst, id, "an installer listed another company's case")
	}
	q = notification.Query{Limit: 10, GridCompany: "kustnat"}
	require.Subset(t, grid, flatten(pages(t, e, e.grid, q)), "a grid company listed another grid company's cases")
}

// TestServiceList_gridCompanyPagesAreFull: a page for a grid company holds Limit cases unless
// it is the last one. The installer's drafts, which the grid company may not see, must not
// take places on its pages.
func TestServiceList_gridCompanyPagesAreFull(t *testing.T) {
	t.Parallel()
	e := tickingEnv(t)
	_, grid, _ := listFixture(t, e)
	ps := pages(t, e, e.grid, notification.Query{Limit: 1})
	for i, p := range ps[:len(ps)-1] {
		require.Len(t, p, 1, "page %d of %d for the grid company is short", i+1, len(ps))
	}
	require.Equal(t, grid, flatten(ps))
}
