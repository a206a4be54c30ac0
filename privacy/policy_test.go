package privacy

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The cast of the policy tests: a case handled by "handler" at installer company
// "elfirma-ab", for grid company "natbolaget-ab".
const (
	polCase    = "case-4711"
	polField   = "owner.personalNumber"
	polInst    = "elfirma-ab"
	polGrid    = "natbolaget-ab"
	polHandler = "handler"
)

// polReq returns a request by actor for purpose on the test case.
func polReq(actor Actor, purpose Purpose, sent bool) AccessRequest {
	return AccessRequest{
		Actor:               actor,
		CaseID:              polCase,
		Handler:             polHandler,
		HandlerOrganisation: polInst,
		GridCompany:         polGrid,
		Sent:                sent,
		Fields:              []string{polField, "owner.name"},
		Purpose:             purpose,
	}
}

var (
	handler      = Actor{ID: polHandler, Organisation: polInst}
	colleague    = Actor{ID: "colleague", Organisation: polInst, Roles: []Role{RoleInstaller}}
	stranger     = Actor{ID: "stranger", Organisation: "annan-elfirma", Roles: []Role{RoleInstaller}}
	gridStaff    = Actor{ID: "grid-user", Organisation: polGrid, Roles: []Role{RoleGridCompany}}
	otherGrid    = Actor{ID: "grid-user", Organisation: "annat-natbolag", Roles: []Role{RoleGridCompany}}
	instDPO      = Actor{ID: "dpo", Organisation: polInst, Roles: []Role{RoleDataProtection}}
	gridDPO      = Actor{ID: "grid-dpo", Organisation: polGrid, Roles: []Role{RoleDataProtection}}
	strangerDPO  = Actor{ID: "dpo", Organisation: "annan-elfirma", Roles: []Role{RoleDataProtection}}
	noRoles      = Actor{ID: "nobody", Organisation: polInst}
	allRolesElse = Actor{ID: "all", Organisation: "annan", Roles: []Role{RoleInstaller, RoleGridCompany, RoleDataProtection}}
)

func TestDefaultPolicy(t *testing.T) {
	type want struct{ administer, send, subject bool }
	for _, tc := range []struct {
		name  string
		actor Actor
		sent  bool
		want  want
	}{
		{"handler before sending", handler, false, want{true, true, true}},
		{"handler after sending", handler, true, want{true, true, true}},
		{"handler's ID at another company", Actor{ID: polHandler, Organisation: "annan-elfirma"}, true, want{}},
		{"installer colleague", colleague, false, want{true, true, false}},
		{"installer colleague after sending", colleague, true, want{true, true, false}},
		{"installer at a stranger company", stranger, true, want{}},
		{"grid company before sending", gridStaff, false, want{}},
		{"grid company after sending", gridStaff, true, want{false, true, false}},
		{"another grid company", otherGrid, true, want{}},
		{"installer's data protection", instDPO, false, want{false, false, true}},
		{"grid company's data protection before sending", gridDPO, false, want{}},
		{"grid company's data protection after sending", gridDPO, true, want{false, false, true}},
		{"data protection elsewhere", strangerDPO, true, want{}},
		{"colleague without roles", noRoles, true, want{}},
		{"every role, wrong organisation", allRolesElse, true, want{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for purpose, allowed := range map[Purpose]bool{
				PurposeAdminister:         tc.want.administer,
				PurposeSendToGridCompany:  tc.want.send,
				PurposeDataSubjectRequest: tc.want.subject,
			} {
				err := DefaultPolicy().Decide(context.Background(), polReq(tc.actor, purpose, tc.sent))
				if allowed {
					assert.NoError(t, err, purpose)
				} else {
					assertDenied(t, err)
				}
			}
		})
	}
}

func TestPolicyAlwaysDenied(t *testing.T) {
	ctx := context.Background()
	p := DefaultPolicy()
	for _, purpose := range []Purpose{"", "marketing", "Administer-Customer-Relationship", "administer-customer-relationship "} {
		err := p.Decide(ctx, polReq(handler, purpose, true))
		assertDenied(t, err)
		assert.NotContains(t, err.Error(), "marketing", "an unknown purpose is not echoed")
	}

	req := polReq(handler, PurposeAdminister, true)
	req.Fields = nil
	assertDenied(t, p.Decide(ctx, req))
	req.Fields = []string{}
	assertDenied(t, p.Decide(ctx, req))

	for _, a := range []Actor{{}, {Organisation: polInst, Roles: []Role{RoleInstaller}}} {
		err := p.Decide(ctx, polReq(a, PurposeAdminister, true))
		assertDenied(t, err)
		require.ErrorIs(t, err, ErrNoActor)
	}
	// A case with no handler is not handled by the actor with no ID (caught above) nor by
	// anyone else merely by both IDs being empty.
	req = polReq(colleague, PurposeDataSubjectRequest, true)
	req.Handler = ""
	assertDenied(t, p.Decide(ctx, req))
}

func TestPolicyEmptyOrganisationIsNoOrganisation(t *testing.T) {
	// Regression: an actor without an organisation used to count as a member of a case's
	// installer or grid company when that was empty too.
	ctx := context.Background()
	for _, a := range []Actor{
		{ID: "u", Roles: []Role{RoleInstaller}},
		{ID: "u", Roles: []Role{RoleGridCompany}},
		{ID: "u", Roles: []Role{RoleDataProtection}},
	} {
		for _, purpose := range Purposes() {
			req := polReq(a, purpose, true)
			req.HandlerOrganisation, req.GridCompany = "", ""
			assertDenied(t, DefaultPolicy().Decide(ctx, req))
		}
	}
	// The handler is recognised by ID even in a deployment without organisations.
	req := polReq(Actor{ID: polHandler}, PurposeAdminister, false)
	req.HandlerOrganisation = ""
	assert.NoError(t, DefaultPolicy().Decide(ctx, req))
}

func TestPolicyContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// No decision, not a denial: the caller logs nothing and reveals nothing.
	err := DefaultPolicy().Decide(ctx, polReq(handler, PurposeAdminister, true))
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, ErrDenied)
}

func TestZeroRolePolicyAllowsOnlyHandler(t *testing.T) {
	var p RolePolicy
	ctx := context.Background()
	for _, purpose := range Purposes() {
		assert.NoError(t, p.Decide(ctx, polReq(handler, purpose, true)))
		for _, a := range []Actor{colleague, gridStaff, instDPO, gridDPO} {
			assertDenied(t, p.Decide(ctx, polReq(a, purpose, true)))
		}
	}
}

func TestCustomRolePolicy(t *testing.T) {
	// A deployment may let its own role administer, and drop the grid company entirely.
	const support Role = "support"
	p := RolePolicy{Roles: map[Purpose][]Role{PurposeAdminister: {support}}}
	ctx := context.Background()
	supporter := Actor{ID: "s", Organisation: polInst, Roles: []Role{support}}
	assert.NoError(t, p.Decide(ctx, polReq(supporter, PurposeAdminister, false)))
	assertDenied(t, p.Decide(ctx, polReq(supporter, PurposeSendToGridCompany, false)))
	assertDenied(t, p.Decide(ctx, polReq(colleague, PurposeAdminister, false)))
	assertDenied(t, p.Decide(ctx, polReq(gridStaff, PurposeSendToGridCompany, true)))
	// Roles for a purpose outside Purposes grant nothing.
	p.Roles["marketing"] = []Role{support}
	assertDenied(t, p.Decide(ctx, polReq(supporter, "marketing", false)))
}

func TestDefaultPolicyIsFresh(t *testing.T) {
	p := DefaultPolicy()
	p.Roles[PurposeAdminister] = append(p.Roles[PurposeAdminister], RoleGridCompany)
	assertDenied(t, DefaultPolicy().Decide(context.Background(), polReq(gridStaff, PurposeAdminister, true)))
}

// assertDenied checks that err is a denial that says nothing about the case, the actor or
// the fields — and, since there is no personal data in a request, contains no digits at all
// (so no identity number could have slipped in).
func assertDenied(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	require.True(t, errors.Is(err, ErrDenied), "%v does not match ErrDenied", err)
	msg := err.Error()
	for _, s := range []string{polCase, polField, polInst, polGrid, "colleague", "stranger", "grid-user", "owner."} {
		assert.NotContains(t, msg, s)
	}
	assert.False(t, strings.ContainsAny(msg, "0123456789"), "digits in %q", msg)
}
