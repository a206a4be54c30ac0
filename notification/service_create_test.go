package notification_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/validate"
)

func TestServiceCreate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  notification.CreateRequest
		area facility.AreaCode
	}{
		{"area by name", notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "Helsingborg"}, "HBG"},
		{"area by code", notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.NewFacility, JobType: "multiple-meters", Area: "HBG"}, "HBG"},
		{"area code in lower case", notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.FuseChange, JobType: "single-meter", Area: "hbg"}, "HBG"},
		{"Kustnät's own type", notification.CreateRequest{GridCompany: "kustnat", InstallationType: "micro-production", JobType: "solar", Area: "Viken"}, "VIK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			c, err := e.svc.Create(e.inst, tt.req)
			require.NoError(t, err)
			require.Equal(t, notification.NotSent, c.Status())
			require.Equal(t, int64(1), c.Version())
			require.Equal(t, tt.req.GridCompany, c.GridCompany())
			require.Equal(t, tt.req.InstallationType, c.InstallationType())
			require.Equal(t, tt.req.JobType, c.JobType())
			require.Equal(t, tt.area, c.Area())
			require.Equal(t, notification.Handler{User: installer.ID, Organisation: installer.Organisation}, c.Handler())
			require.True(t, c.CreatedAt().Equal(now))
			require.Empty(t, c.History())
			require.Empty(t, snapDiff(c.Snapshot(), e.stored(t, c.ID()).Snapshot()), "Create returned something else than it stored")
		})
	}
}

func TestServiceCreate_notOffered(t *testing.T) {
	t.Parallel()
	ok := notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"}
	tests := []struct {
		name   string
		change func(r *notification.CreateRequest)
		what   string
		value  string
	}{
		{"grid company", func(r *notification.CreateRequest) { r.GridCompany = "vattenfall" }, "grid company", "vattenfall"},
		{"installation type of another grid company", func(r *notification.CreateRequest) { r.InstallationType = "micro-production" }, "installation type", "micro-production"},
		{"job type of another grid company", func(r *notification.CreateRequest) { r.JobType = "villa" }, "job type", "villa"},
		{"area code of another grid company", func(r *notification.CreateRequest) { r.Area = "VIK" }, "grid area", "VIK"},
		{"area name of another grid company", func(r *notification.CreateRequest) { r.Area = "Kustbygden" }, "grid area", "Kustbygden"},
		{"unknown area", func(r *notification.CreateRequest) { r.Area = "Stockholm" }, "grid area", "Stockholm"},
		{"Kustnät does not offer Servisändring", func(r *notification.CreateRequest) {
			*r = notification.CreateRequest{GridCompany: "kustnat", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "VIK"}
		}, "installation type", "service-change"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			req := ok
			tt.change(&req)
			c, err := e.svc.Create(e.inst, req)
			require.ErrorIs(t, err, catalog.ErrNotOffered)
			require.Nil(t, c)
			var oe *catalog.OfferError
			require.ErrorAs(t, err, &oe)
			require.Equal(t, tt.what, oe.What)
			require.Equal(t, tt.value, oe.Value)
			require.Contains(t, err.Error(), tt.what, "the message names what is not offered")
			require.Contains(t, err.Error(), tt.value)
			requireNoCases(t, e)
		})
	}
}

// TestServiceCreate_choiceLeftEmpty: Create's documentation promises ErrInvalidArgument for a
// choice left empty (an empty choice is not an offer the grid company lacks).
func TestServiceCreate_choiceLeftEmpty(t *testing.T) {
	t.Parallel()
	ok := notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"}
	for name, change := range map[string]func(r *notification.CreateRequest){
		"gridCompany":      func(r *notification.CreateRequest) { r.GridCompany = "" },
		"installationType": func(r *notification.CreateRequest) { r.InstallationType = "" },
		"jobType":          func(r *notification.CreateRequest) { r.JobType = "" },
		"area":             func(r *notification.CreateRequest) { r.Area = "" },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			req := ok
			change(&req)
			_, err := e.svc.Create(e.inst, req)
			require.ErrorIs(t, err, validate.ErrInvalid)
			require.NotErrorIs(t, err, catalog.ErrNotOffered)
			require.Contains(t, err.Error(), name)
			requireNoCases(t, e)
		})
	}
}

func TestServiceCreate_onlyAnInstaller(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	req := notification.CreateRequest{GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"}
	_, err := e.svc.Create(e.grid, req)
	require.ErrorIs(t, err, notification.ErrForbidden)
	requireNoCases(t, e)
}

// requireNoCases fails t if the service's repository holds a case.
func requireNoCases(t *testing.T, e env) {
	t.Helper()
	page, err := e.repo.List(t.Context(), notification.Query{})
	require.NoError(t, err)
	require.Empty(t, page.Cases)
}

// TestServiceCreate_retryWithTheSameID: a create retried with the caller's ID makes one case;
// the same ID with another request, or from another company, is an error that reveals
// nothing of the stored case.
func TestServiceCreate_retryWithTheSameID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := notification.NewID()
	req := notification.CreateRequest{ID: id, GridCompany: "oresundskraft", InstallationType: catalog.ServiceChange,
		JobType: "single-meter", Area: "Helsingborg"}
	first, err := e.svc.Create(e.inst, req)
	require.NoError(t, err)
	require.Equal(t, id, first.ID())

	again, err := e.svc.Create(e.inst, req)
	require.NoError(t, err, "a retry answers the case already created")
	require.Empty(t, snapDiff(first.Snapshot(), again.Snapshot()))
	byCode := req
	byCode.Area = "HBG" // the same area, by code
	_, err = e.svc.Create(e.as(colleague), byCode)
	require.NoError(t, err, "a colleague's retry of the same request")
	require.Equal(t, 1, e.count(t), "a retried create made a second case")

	// After the case changed, a late retry still finds it.
	_, err = e.svc.AddNote(e.inst, id, notification.AnyVersion, "Notering.")
	require.NoError(t, err)
	_, err = e.svc.Create(e.inst, req)
	require.NoError(t, err)

	for name, change := range map[string]func(r *notification.CreateRequest){
		"another job type":          func(r *notification.CreateRequest) { r.JobType = "multiple-meters" },
		"another installation type": func(r *notification.CreateRequest) { r.InstallationType = catalog.FuseChange },
		"another grid company": func(r *notification.CreateRequest) {
			r.GridCompany, r.InstallationType, r.JobType, r.Area = "kustnat", catalog.FuseChange, "fuse", "KU1"
		},
	} {
		r := req
		change(&r)
		_, err := e.svc.Create(e.inst, r)
		require.ErrorIs(t, err, notification.ErrExists, name)
	}
	_, err = e.svc.Create(e.otherInst, req)
	require.ErrorIs(t, err, notification.ErrExists, "another company's request with a taken ID")
	require.NotContains(t, err.Error(), "oresundskraft")
	require.Equal(t, 1, e.count(t))

	bad := req
	bad.ID = "198803200016"
	_, err = e.svc.Create(e.inst, bad)
	require.ErrorIs(t, err, validate.ErrInvalid, "an ID not made by NewID")
	require.NotContains(t, err.Error(), "198803200016")
}
