package notification_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/validate"
)

// fuzzPartyInput builds a PartyInput from FuzzParseParty's arguments: text fills every free-text
// field, so the target has few arguments but still reaches each validator tag.
func fuzzPartyInput(kind, text, postal, pnr, org string, noSwedish bool, birth, phone, email string) notification.PartyInput {
	return notification.PartyInput{
		Kind: kind, CompanyName: text, Surname: text, GivenName: text, InvoiceReference: text,
		Address:        notification.AddressInput{CareOf: text, Street: text, PostalCode: postal, City: text},
		PersonalNumber: pnr, OrganisationNumber: org, NoSwedishPersonalNumber: noSwedish,
		BirthDate: birth, Phone: phone, Email: email,
	}
}

// fuzzPartyInputFields returns pointers to every string field of in, for the leak check.
func fuzzPartyInputFields(in *notification.PartyInput) []*string {
	return []*string{
		&in.Kind, &in.CompanyName, &in.Surname, &in.GivenName, &in.InvoiceReference,
		&in.Address.CareOf, &in.Address.Street, &in.Address.PostalCode, &in.Address.City,
		&in.PersonalNumber, &in.OrganisationNumber, &in.BirthDate, &in.Phone, &in.Email,
	}
}

// fuzzRevealedInput is the input a person would type to get p back: every field's clear form.
func fuzzRevealedInput(p facility.Party) notification.PartyInput {
	kind, _ := p.Kind.MarshalText()
	return notification.PartyInput{
		Kind: string(kind), CompanyName: p.CompanyName.Reveal(), Surname: p.Surname.Reveal(),
		GivenName: p.GivenName.Reveal(), InvoiceReference: p.InvoiceReference.Reveal(),
		Address: notification.AddressInput{
			CareOf: p.Address.CareOf.Reveal(), Street: p.Address.Street.Reveal(),
			PostalCode: p.Address.PostalCode.String(), City: p.Address.City.Reveal(),
		},
		PersonalNumber: p.PersonalNumber.Reveal(), OrganisationNumber: p.OrganisationNumber.Reveal(),
		NoSwedishPersonalNumber: p.NoSwedishPersonalNumber, BirthDate: p.BirthDate.Reveal(),
		Phone: p.Phone.Reveal(), Email: p.Email.Reveal(),
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
		section := "payer"
		if owner {
			section = "owner"
		}
		in := fuzzPartyInput(kind, text, postal, pnr, org, noSwedish, birth, phone, email)
		p, err := notification.ParseParty(section, in)
		if err != nil {
			if !errors.Is(err, validate.ErrInvalid) && !errors.Is(err, notification.ErrInvalidArgument) {
				t.Fatalf("error %v matches neither validate.ErrInvalid nor ErrInvalidArgument", err)
			}
			fuzzCheckPartyErrorQuotesNothing(t, section, in, err)
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
func fuzzCheckPartyErrorQuotesNothing(t *testing.T, section string, in notification.PartyInput, err error) {
	t.Helper()
	msgs := fuzzErrorTexts(err)
	for _, v := range fuzzPartyInputFields(&in) {
		for _, s := range []string{*v, strings.TrimSpace(*v)} {
			if len(s) <= 5 || !fuzzContainsAny(msgs, s) {
				continue
			}
			masked := in
			for _, w := range fuzzPartyInputFields(&masked) {
				if *w == *v {
					*w = strings.Repeat("#", utf8.RuneCountInString(*w))
				}
			}
			_, err2 := notification.ParseParty(section, masked)
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
