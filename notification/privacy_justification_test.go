package notification_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/notification"
)

// pvIDPattern is the form of every case ID: random, never derived from a person.
var pvIDPattern = regexp.MustCompile(`^n-[0-9a-f]{32}$`)

// TestPrivacyJustification checks dataskyddslagen 3 kap. 10 §: a personal identity number is
// set only with a recorded justification — the grid company's mandatory field, or the
// customer's consent — and otherwise the save fails and changes nothing.
func TestPrivacyJustification(t *testing.T) {
	t.Parallel()
	maja := pvMaja()
	tests := []pvJustificationCase{
		{"Öresundskraft requires the owner's", pvOresundJob, notification.OwnerSection, maja, nil, notification.BasisMandatoryField},
		{"Öresundskraft requires the payer's", pvOresundJob, notification.PayerSection, maja, nil, notification.BasisMandatoryField},
		{"mandatory wins over consent", pvOresundJob, notification.OwnerSection, maja,
			[]notification.SaveOption{notification.WithConsent(notification.OwnerSection)}, notification.BasisMandatoryField},
		{"Kustnät requires the payer's", pvKustnatJob, notification.PayerSection, maja, nil, notification.BasisMandatoryField},
		{"Kustnät does not require the owner's", pvKustnatJob, notification.OwnerSection, maja, nil, ""},
		{"consent for the other section does not count", pvKustnatJob, notification.OwnerSection, maja,
			[]notification.SaveOption{notification.WithConsent(notification.PayerSection)}, ""},
		{"the owner's consent", pvKustnatJob, notification.OwnerSection, maja,
			[]notification.SaveOption{notification.WithConsent(notification.OwnerSection)}, notification.BasisConsent},
	}
	pvRunJustification(t, tests)
}

// TestPrivacyJustificationSoleTrader checks that a sole trader's organisation number, which IS
// their personal identity number (privacy.OrganisationNumber: "treat it as personal data";
// Case.holds and ExportPerson treat it so), needs the same justification as a personal
// identity number.
//
// LIBRARY BUG (notification/justification.go, Case.justify): only the PersonalNumber fields
// are checked, so a sole trader's number is stored without a justification under a profile
// that does not require it, and none is recorded even with consent or when mandatory.
func TestPrivacyJustificationSoleTrader(t *testing.T) {
	t.Parallel()
	soleTrader := notification.PartyInput{
		Kind: "company", CompanyName: "Maja Bergqvist El", OrganisationNumber: "880320-0016",
		Address: pvMaja().Address, Phone: pvMaja().Phone, Email: pvMaja().Email,
	}
	pvRunJustification(t, []pvJustificationCase{
		{"Öresundskraft requires it", pvOresundJob, notification.OwnerSection, soleTrader, nil, notification.BasisMandatoryField},
		{"Kustnät does not require the owner's", pvKustnatJob, notification.OwnerSection, soleTrader, nil, ""},
		{"the owner's consent", pvKustnatJob, notification.OwnerSection, soleTrader,
			[]notification.SaveOption{notification.WithConsent(notification.OwnerSection)}, notification.BasisConsent},
	})
}

// pvJustificationCase sets a party in a new case: the save records want, or fails with
// ErrNotJustified when want is "".
type pvJustificationCase struct {
	name    string
	job     pvJob
	section notification.PartySection
	party   notification.PartyInput
	opts    []notification.SaveOption
	want    notification.Basis
}

func pvRunJustification(t *testing.T, tests []pvJustificationCase) {
	t.Helper()
	pn := pvPIN(t, pvMaja())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := pvNewEnv(t)
			c := e.create(t, pvHandler, tt.job)
			require.Regexp(t, pvIDPattern, string(c.ID()))
			party := pvParty(t, string(tt.section), tt.party)
			before := e.stored(t, c.ID()).Snapshot()
			res, err := e.svc.Save(e.as(pvHandler), c.ID(), c.Version(), func(c *notification.Case) error {
				if tt.section == notification.OwnerSection {
					return c.SetOwner(party)
				}
				return c.SetPayer(party)
			}, tt.opts...)
			if tt.want == "" {
				require.ErrorIs(t, err, notification.ErrNotJustified)
				require.NotContains(t, err.Error(), pn.Reveal()[2:8]+"-", "the error quotes the number")
				require.NotContains(t, err.Error(), "0016")
				after := e.stored(t, c.ID())
				require.Empty(t, pvSnapDiff(before, after.Snapshot()), "the case changed")
				require.Empty(t, after.Justifications())
				return
			}
			require.NoError(t, err)
			js := res.Case.Justifications()
			require.Len(t, js, 1)
			require.Equal(t, notification.Justification{Section: tt.section, Basis: tt.want, By: pvHandler.ID, At: pvStart}, js[0])
			require.Equal(t, js, e.stored(t, res.Case.ID()).Justifications(), "the justification is stored with the case")
			require.Regexp(t, pvIDPattern, string(res.Case.ID()))
			require.NotContains(t, string(res.Case.ID()), pn.Reveal()[2:])
		})
	}
}

// TestPrivacyJustificationOnlyOnChange checks that a justification is recorded when a number
// is set or changed, not on every save, and that saving other fields of a case holding an
// unrequired number needs no new consent.
func TestPrivacyJustificationOnlyOnChange(t *testing.T) {
	t.Parallel()
	e := pvNewEnv(t)
	inst := e.as(pvHandler)
	c := e.create(t, pvHandler, pvKustnatJob)
	owner := pvParty(t, "owner", pvMaja())
	res, err := e.svc.Save(inst, c.ID(), c.Version(), func(c *notification.Case) error { return c.SetOwner(owner) },
		notification.WithConsent(notification.OwnerSection))
	require.NoError(t, err)
	// Another field, no consent: fine, nothing new recorded.
	res, err = e.svc.Save(inst, c.ID(), res.Case.Version(), func(c *notification.Case) error {
		return c.SetWorkDescription("Byte av huvudsäkring.")
	})
	require.NoError(t, err)
	require.Len(t, res.Case.Justifications(), 1)
	// A different number without consent: refused.
	other := owner
	other.PersonalNumber = pvPIN(t, pvOlof())
	_, err = e.svc.Save(inst, c.ID(), res.Case.Version(), func(c *notification.Case) error { return c.SetOwner(other) })
	require.ErrorIs(t, err, notification.ErrNotJustified)
	// With consent: a second record.
	res, err = e.svc.Save(inst, c.ID(), res.Case.Version(), func(c *notification.Case) error { return c.SetOwner(other) },
		notification.WithConsent(notification.OwnerSection))
	require.NoError(t, err)
	require.Len(t, res.Case.Justifications(), 2)
}

// TestPrivacyCaseIDsAreRandom checks that no case ID is derived from a personal identity
// number: every ID has the random form, and two cases for the same person differ.
func TestPrivacyCaseIDsAreRandom(t *testing.T) {
	t.Parallel()
	e := pvNewEnv(t)
	pn := pvPIN(t, pvMaja()).Reveal()
	seen := map[notification.ID]bool{}
	for range 20 {
		c := e.create(t, pvHandler, pvOresundJob)
		c = e.fill(t, pvHandler, c, pvMaja(), pvMaja(), pvDefaultData)
		id := string(c.ID())
		require.Regexp(t, pvIDPattern, id)
		for _, form := range pvPINForms(pn) {
			require.NotContains(t, id, form)
		}
		require.False(t, seen[c.ID()])
		seen[c.ID()] = true
	}
}
