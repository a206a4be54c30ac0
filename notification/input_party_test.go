package notification_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// partyArgs are FuzzParseParty's text arguments: text fills every free-text field, so the
// target has few arguments but still reaches each field's parser.
type partyArgs struct {
	kind, text, postal, pnr, org, birth, phone, email string
	noSwedish                                         bool
}

// input is the PartyInput a person typing the arguments would send.
func (a partyArgs) input() notification.PartyInput {
	t := privacy.NewText
	return notification.PartyInput{
		Kind: a.kind, CompanyName: t(a.text), Surname: t(a.text), GivenName: t(a.text), InvoiceReference: t(a.text),
		Address:        notification.AddressInput{CareOf: t(a.text), Street: t(a.text), PostalCode: t(a.postal), City: t(a.text)},
		PersonalNumber: t(a.pnr), OrganisationNumber: t(a.org), NoSwedishPersonalNumber: a.noSwedish,
		BirthDate: t(a.birth), Phone: t(a.phone), Email: t(a.email),
	}
}

// fields returns pointers to every text argument that may hold personal data, for the leak
// check: all but the kind, a choice from a list whose words the messages may use.
func (a *partyArgs) fields() []*string {
	return []*string{&a.text, &a.postal, &a.pnr, &a.org, &a.birth, &a.phone, &a.email}
}

// fuzzRevealedInput is the input a person would type to get p back: every field's clear form.
func fuzzRevealedInput(p facility.Party) notification.PartyInput {
	kind, _ := p.Kind.MarshalText()
	t := privacy.NewText
	return notification.PartyInput{
		Kind: string(kind), CompanyName: t(p.CompanyName.Reveal()), Surname: t(p.Surname.Reveal()),
		GivenName: t(p.GivenName.Reveal()), InvoiceReference: t(p.InvoiceReference.Reveal()),
		Address: notification.AddressInput{
			CareOf: t(p.Address.CareOf.Reveal()), Street: t(p.Address.Street.Reveal()),
			PostalCode: t(p.Address.PostalCode.String()), City: t(p.Address.City.Reveal()),
		},
		PersonalNumber: t(p.PersonalNumber.Reveal()), OrganisationNumber: t(p.OrganisationNumber.Reveal()),
		NoSwedishPersonalNumber: p.NoSwedishPersonalNumber, BirthDate: t(p.BirthDate.Reveal()),
		Phone: t(p.Phone.Reveal()), Email: t(p.Email.Reveal()),
	}
}

func FuzzParseParty(f *testing.F) {
	// owner, kind, text, postal, pnr, org, noSwedish, birth, phone, email
	f.Add(true, "private", "Anna Lindqvist", "254 40", "19090527+1474", "", false, "", "070-174 06 10", "anna.lindqvist@example.com")
	f.Add(false, "company", "Lindqvists El", "", "", "880320-0016", false, "", "", "")
	f.Add(true, "private", "Kim", "", "", "", true, "1990-02-28", "+46 42 490 00 00", "kim@example.se")
	f.Add(true, "företag", "AB", "SE-254 40", "", "556036-0793", false, "", "", "")
	f.Add(true, "company", "X", "", "19090527-1474", "", false, "", "", "") // company with a personal number
	f.Add(true, "private", "X", "", "19090527-1474", "", true, "", "", "")  // personal number and "has none"
	f.Add(false, "private", "X", "", "", "", false, "1990-02-28", "", "")   // birth date without "has none"
	f.Add(true, "private", "X", "25440", "190905271475", "5560360794", false, "1990-02-30", "12345", "not-an-email")
	f.Add(false, "owner.personalNumber", "owner.personalNumber", "", "", "", false, "", "", "") // template words
	for _, s := range fuzzHostile {
		f.Add(true, s, s, s, s, s, false, s, s, s)
		f.Add(false, "", s, "", "", "", true, "", "", "")
	}
	f.Fuzz(func(t *testing.T, owner bool, kind, text, postal, pnr, org string, noSwedish bool, birth, phone, email string) {
		section := notification.SectionPayer
		if owner {
			section = notification.SectionOwner
		}
		args := partyArgs{kind, text, postal, pnr, org, birth, phone, email, noSwedish}
		p, err := notification.ParseParty(section, args.input())
		if err != nil {
			if !errors.Is(err, validate.ErrInvalid) {
				t.Fatalf("error %v does not match validate.ErrInvalid", err)
			}
			fuzzCheckPartyErrorQuotesNothing(t, section, args, err)
			return
		}
		again := fuzzRevealedInput(p)
		q, err := notification.ParseParty(section, again)
		if err != nil {
			t.Fatalf("the accepted party's revealed fields do not parse again: %v", err)
		}
		if diff := cmp.Diff(p, q, notificationtest.CmpOptions()); diff != "" {
			t.Fatalf("re-parsing the revealed fields gives another party (-first +again):\n%s", diff)
		}
		if diff := cmp.Diff(again, fuzzRevealedInput(q)); diff != "" {
			t.Fatalf("revealed form not stable (-first +again):\n%s", diff)
		}
	})
}

// fuzzCheckPartyErrorQuotesNothing fails t if err's message holds an input value longer than five
// bytes. A value the message holds anyway — a word of the message itself, such as a field's
// path — is told apart by parsing again with that value replaced: if the message still holds
// it, the message did not come from the input.
func fuzzCheckPartyErrorQuotesNothing(t *testing.T, section notification.Section, in partyArgs, err error) {
	t.Helper()
	msgs := fuzzErrorTexts(err)
	for _, v := range in.fields() {
		for _, s := range []string{*v, strings.TrimSpace(*v)} {
			if len(s) <= 5 || !fuzzContainsAny(msgs, s) {
				continue
			}
			masked := in
			for _, w := range masked.fields() {
				if *w == *v {
					*w = strings.Repeat("#", utf8.RuneCountInString(*w))
				}
			}
			_, err2 := notification.ParseParty(section, masked.input())
			if err2 == nil || !fuzzContainsAny(fuzzErrorTexts(err2), s) {
				t.Fatalf("error quotes the input %q: %v", s, err)
			}
		}
	}
}

// fuzzErrorTexts returns the error's message and, for a validation error, every problem's texts.
func fuzzErrorTexts(err error) []string {
	texts := []string{err.Error()}
	var inv *validate.InvalidError
	if errors.As(err, &inv) {
		for _, p := range inv.Problems {
			texts = append(texts, p.Path, p.Label, p.Swedish, p.English)
		}
	}
	return texts
}

func fuzzContainsAny(texts []string, s string) bool {
	for _, x := range texts {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

func FuzzParseInstaller(f *testing.F) {
	f.Add("Elfirma AB", "556016-0680", "AL-12345", "Kim Larsson", "042-490 00 00", "kim@elfirma.example")
	f.Add("Sigrids El", "620314-9874", "", "", "076-555 12 34", "")
	f.Add(strings.Repeat("Å", 201), "5560160681", "AL\x00", "Kim\nLarsson", "12345", "not-an-email")
	for _, s := range fuzzHostile {
		f.Add(s, s, s, s, s, s)
	}
	f.Fuzz(func(t *testing.T, company, org, auth, contact, phone, email string) {
		in := notification.InstallerInput{Company: company, OrganisationNumber: privacy.NewText(org), AuthorisationNumber: auth,
			Contact: privacy.NewText(contact), Phone: privacy.NewText(phone), Email: privacy.NewText(email)}
		out, err := notification.ParseInstaller(in)
		if err != nil {
			if !errors.Is(err, validate.ErrInvalid) {
				t.Fatalf("error %v does not match validate.ErrInvalid", err)
			}
			for _, v := range []string{org, contact, phone, email} {
				if v = strings.TrimSpace(v); len(v) > 5 && fuzzContainsAny(fuzzErrorTexts(err), v) {
					t.Fatalf("the error quotes the input %q: %v", v, err)
				}
			}
			return
		}
		for _, text := range []string{out.Company, out.AuthorisationNumber, out.Contact.Reveal()} {
			for _, r := range text {
				if unicode.IsControl(r) {
					t.Fatalf("an accepted installer section holds the control character %U", r)
				}
			}
			if !utf8.ValidString(text) {
				t.Fatalf("an accepted installer section holds invalid UTF-8")
			}
		}
		again, err := notification.ParseInstaller(notification.InstallerInput{Company: out.Company,
			OrganisationNumber: privacy.NewText(out.OrganisationNumber.Reveal()), AuthorisationNumber: out.AuthorisationNumber,
			Contact: out.Contact, Phone: privacy.NewText(out.Phone.Reveal()), Email: privacy.NewText(out.Email.Reveal())})
		if err != nil || again != out {
			t.Fatalf("the accepted section does not parse back the same: %v", err)
		}
	})
}
