package privacy_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// newKey returns a fresh random AES-256 key. In production keys come from a secret store.
func newKey() []byte {
	key := make([]byte, privacy.KeySize)
	_, _ = rand.Read(key)
	return key
}

func ExampleKeyring_Rotate() {
	ring, err := privacy.NewKeyring("2025-01", map[string][]byte{"2025-01": newKey()})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Bind the sealed value to its place: this case, this field.
	where := []byte("case/0f3a9c/owner.personalNumber")
	pin, _ := privacy.ParsePersonalIdentityNumber("880320-0016")
	sealed, _ := privacy.SealPersonalIdentityNumber(ring, pin, where)
	column, _ := sealed.MarshalText() // one text column in the database
	fmt.Println(strings.HasPrefix(string(column), "v1.2025-01."), strings.Contains(string(column), "8803200016"))

	// A year later: a new primary key; values sealed under the old one still open.
	ring, err = ring.Rotate("2026-01", newKey())
	if err != nil {
		fmt.Println(err)
		return
	}
	var stored privacy.Sealed
	_ = stored.UnmarshalText(column)
	back, err := privacy.OpenPersonalIdentityNumber(ring, stored, where)
	fmt.Println(back, err, back == pin)

	resealed, _ := privacy.SealPersonalIdentityNumber(ring, back, where)
	fmt.Println(resealed.KeyID)

	// Copied into another case, the value does not open.
	_, err = privacy.OpenPersonalIdentityNumber(ring, stored, []byte("case/77aa01/owner.personalNumber"))
	fmt.Println(errors.Is(err, privacy.ErrUnsealFailed))
	// Output:
	// true false
	// 19880320-**** <nil> true
	// 2026-01
	// true
}

func ExampleTokenizer_PersonalIdentityNumber() {
	tokens, err := privacy.NewTokenizer(newKey())
	if err != nil {
		fmt.Println(err)
		return
	}
	// Stored with the case: the token, never the number.
	owner, _ := privacy.ParsePersonalIdentityNumber("19880320-0016")
	stored := tokens.PersonalIdentityNumber(owner)

	// Later a user types the number in another form; its token finds the case.
	typed, _ := privacy.ParsePersonalIdentityNumber("880320-0016")
	found := tokens.PersonalIdentityNumber(typed)
	fmt.Println(found == stored, len(found.String()))

	other, _ := privacy.ParsePersonalIdentityNumber("701063-2391")
	fmt.Println(tokens.PersonalIdentityNumber(other) == stored)
	fmt.Println(tokens.PersonalIdentityNumber(privacy.PersonalIdentityNumber{}).IsZero())
	// Output:
	// true 64
	// false
	// true
}

func ExampleRolePolicy_Decide() {
	ctx := context.Background()
	policy := privacy.DefaultPolicy()
	req := privacy.AccessRequest{
		CaseID:              "case-0f3a9c",
		Handler:             "user-anna",
		HandlerOrganisation: "elfirma-ab",
		GridCompany:         "natbolaget-ab",
		Sent:                true,
		Fields:              []string{"owner.personalNumber"},
		Purpose:             privacy.PurposeSendToGridCompany,
	}

	req.Actor = privacy.Actor{ID: "user-anna", Organisation: "elfirma-ab"} // the handler
	fmt.Println(policy.Decide(ctx, req))

	req.Actor = privacy.Actor{ID: "user-nils", Organisation: "natbolaget-ab", Roles: []privacy.Role{privacy.RoleGridCompany}}
	fmt.Println(policy.Decide(ctx, req))

	req.Purpose = privacy.PurposeAdminister // the grid company does not administer the installer's customer
	err := policy.Decide(ctx, req)
	fmt.Println(errors.Is(err, privacy.ErrDenied))
	fmt.Println(err)
	// Output:
	// <nil>
	// <nil>
	// true
	// privacy: access denied: the actor is not the case's handler and has no role for the purpose "administer-customer-relationship" here (användaren handlägger inte ärendet och saknar behörighet för ändamålet)
}

func ExampleMemoryAccessLog_Query() {
	ctx := context.Background()
	log := privacy.NewMemoryAccessLog()
	at := time.Date(2026, time.May, 4, 9, 0, 0, 0, time.UTC)
	// The log holds IDs, field paths and purposes — never the values that were revealed.
	_ = log.Record(ctx, privacy.AccessEntry{At: at, Actor: "user-anna", Organisation: "elfirma-ab",
		CaseID: "case-0f3a9c", Fields: []string{"owner.personalNumber"},
		Purpose: privacy.PurposeSendToGridCompany, Outcome: privacy.Allowed})
	_ = log.Record(ctx, privacy.AccessEntry{At: at.Add(time.Hour), Actor: "user-olle", Organisation: "annan-elfirma",
		CaseID: "case-0f3a9c", Fields: []string{"owner.name", "owner.phone"},
		Purpose: privacy.PurposeAdminister, Outcome: privacy.Denied})
	_ = log.Record(ctx, privacy.AccessEntry{At: at.Add(2 * time.Hour), Actor: "user-anna", Organisation: "elfirma-ab",
		CaseID: "case-77aa01", Fields: []string{"owner.name"},
		Purpose: privacy.PurposeAdminister, Outcome: privacy.Allowed})

	// Who read case 0f3a9c, and why?
	for _, e := range log.Query(privacy.AccessQuery{CaseID: "case-0f3a9c"}) {
		fmt.Println(e.At.Format(time.DateTime), e.Actor, e.Fields, e.Purpose.Swedish(), e.Outcome)
	}
	// What did Anna read that afternoon?
	for _, e := range log.Query(privacy.AccessQuery{Actor: "user-anna", From: at.Add(time.Hour), To: at.Add(8 * time.Hour)}) {
		fmt.Println(e.At.Format(time.DateTime), e.CaseID, e.Fields)
	}
	// Output:
	// 2026-05-04 09:00:00 user-anna [owner.personalNumber] skicka till nätbolaget allowed
	// 2026-05-04 10:00:00 user-olle [owner.name owner.phone] administrera kundförhållandet denied
	// 2026-05-04 11:00:00 case-77aa01 [owner.name]
}
