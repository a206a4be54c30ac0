package privacy

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPurposes(t *testing.T) {
	ps := Purposes()
	require.Len(t, ps, 3)
	swedish := map[string]bool{}
	for _, p := range ps {
		assert.True(t, p.Valid(), p)
		sv := p.Swedish()
		assert.NotEmpty(t, sv)
		assert.NotContains(t, sv, "okänt", p)
		assert.False(t, swedish[sv], "Swedish names are distinct")
		swedish[sv] = true
	}
	ps[0] = "changed"
	assert.Equal(t, PurposeAdminister, Purposes()[0], "Purposes returns a fresh slice")
}

func TestPurposeInvalid(t *testing.T) {
	for _, p := range []Purpose{"", "marketing", "ADMINISTER-CUSTOMER-RELATIONSHIP", " send-to-grid-company", "answer-data-subject\x00"} {
		assert.False(t, p.Valid(), "%q", p)
		assert.True(t, strings.HasPrefix(p.Swedish(), "okänt ändamål"), "%q", p)
	}
}

func TestActorContext(t *testing.T) {
	_, err := ActorFromContext(context.Background())
	require.ErrorIs(t, err, ErrNoActor)
	_, err = ActorFromContext(WithActor(context.Background(), Actor{Organisation: "x"}))
	require.ErrorIs(t, err, ErrNoActor, "an actor without an ID is no actor")

	roles := []Role{RoleInstaller}
	ctx := WithActor(context.Background(), Actor{ID: "u", Organisation: "o", Roles: roles})
	roles[0] = RoleDataProtection // the caller's slice is not shared
	a, err := ActorFromContext(ctx)
	require.NoError(t, err)
	assert.Equal(t, Actor{ID: "u", Organisation: "o", Roles: []Role{RoleInstaller}}, a)
	assert.True(t, a.HasRole(RoleInstaller))
	assert.False(t, a.HasRole(RoleDataProtection))

	a.Roles[0] = RoleGridCompany // nor is the returned one
	b, err := ActorFromContext(ctx)
	require.NoError(t, err)
	assert.Equal(t, []Role{RoleInstaller}, b.Roles)

	assert.True(t, Actor{}.IsZero())
	assert.False(t, b.IsZero())
}
