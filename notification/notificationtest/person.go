package notificationtest

import (
	"context"
	"slices"
	"testing"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// testPersonIndex checks a repository that is a [notification.PersonFinder]: it finds a case
// by its owner's personal identity number and by a sole trader's organisation number, follows
// updates and deletes, and finds nothing for a number no case holds.
func testPersonIndex(t *testing.T, r notification.Repository) {
	finder, ok := r.(notification.PersonFinder)
	if !ok {
		return
	}
	ctx := context.Background()
	find := func(pn privacy.PersonalIdentityNumber) []notification.ID {
		t.Helper()
		ids, err := finder.FindPerson(ctx, pn)
		if err != nil {
			t.Fatalf("FindPerson: %v", err)
		}
		if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
			t.Fatalf("FindPerson returned an ID twice: %v", ids)
		}
		return slices.Sorted(slices.Values(ids))
	}
	maja := pin(t, "19880320-0016")
	sigrid := pin(t, "19620314-9874") // a sole trader: her organisation number is 620314-9874
	stranger := pin(t, "19121212-1212")

	withMaja := richCase(t, notification.NewID()) // Maja is the owner
	create(t, r, withMaja)
	soleTrader := newCase(t, spec{})
	edit(t, soleTrader, func(d *notification.Draft) error {
		return d.SetPayer(party(t, "payer", notification.PartyInput{Kind: "company",
			CompanyName: privacy.NewText("Sigrids El"), OrganisationNumber: privacy.NewText("620314-9874")}))
	}, notification.WithConsent(notification.SectionPayer))
	create(t, r, soleTrader)
	create(t, r, newCase(t, spec{}))

	if got := find(maja); !slices.Equal(got, []notification.ID{withMaja.ID()}) {
		t.Fatalf("FindPerson(owner) = %v, want the rich case", got)
	}
	if got := find(sigrid); !slices.Equal(got, []notification.ID{soleTrader.ID()}) {
		t.Fatalf("FindPerson(sole trader) = %v, want the sole trader's case", got)
	}
	if got := find(stranger); len(got) != 0 {
		t.Fatalf("FindPerson(a number no case holds) = %v", got)
	}

	// An update that removes the number removes the case from the index.
	g := get(t, r, soleTrader.ID())
	edit(t, g, func(d *notification.Draft) error {
		return d.SetPayer(party(t, "payer", notification.PartyInput{Kind: "company"}))
	})
	if _, err := r.Update(ctx, g); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if got := find(sigrid); len(got) != 0 {
		t.Fatalf("FindPerson after the number was removed = %v", got)
	}
	// A deleted case is found no more.
	if err := r.Delete(ctx, withMaja.ID(), 1); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if got := find(maja); len(got) != 0 {
		t.Fatalf("FindPerson after delete = %v", got)
	}
}

// pin parses a personal identity number the suite knows is valid.
func pin(t *testing.T, s string) privacy.PersonalIdentityNumber {
	t.Helper()
	p, err := privacy.ParsePersonalIdentityNumber(s)
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return p
}
