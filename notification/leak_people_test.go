package notification_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/privacy"
)

// A generator of real-looking, made-up Swedish personal data for the leak property test:
// valid personal identity numbers and coordination numbers (Luhn), sole traders' and legal
// persons' organisation numbers, names, street addresses, postal codes, cities, mobile
// numbers, e-mail addresses, birth dates and property designations.

// Names of four letters or more only: shorter ones ("Per", "Jan") occur inside the library's
// own words ("Personnr.") and would make the test fail for nothing.
var (
	surnames = []string{
		"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
		"Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
		"Lindberg", "Jakobsson", "Magnusson", "Lindström", "Lindqvist", "Lindgren", "Axelsson",
		"Bergström", "Lundberg", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson",
		"Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson",
		"Björk", "Gunnarsson", "Holmberg", "Samuelsson", "Fransson", "Wikström", "Isaksson", "Bergman",
		"Holmgren", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström",
		"Mårtensson", "Lundqvist", "Åberg", "Öhman", "Ekström", "Dahlberg",
	}
	givenNames = []string{
		"Maja", "Astrid", "Elsa", "Alice", "Wilma", "Ebba", "Saga", "Agnes", "Freja", "Selma", "Signe",
		"Linnea", "Ingrid", "Margareta", "Kerstin", "Birgitta", "Karin", "Marianne", "Gunilla", "Åsa",
		"Lars", "Anders", "Johan", "Mikael", "Erik", "Thomas", "Bengt", "Fredrik", "Magnus", "Oskar",
		"Hugo", "Lucas", "William", "Elias", "Nils", "Gustav", "Viktor", "Björn", "Göran", "Ulf",
	}
	streetStems = []string{
		"Stor", "Kyrko", "Skol", "Drottning", "Kvarn", "Tall", "Björk", "Ek", "Lönn", "Hamn", "Strand",
		"Södra Vall", "Norra Kyrko", "Järnvägs", "Bruks", "Ängs", "Åkers", "Rönnbärs", "Smedje",
	}
	streetKinds = []string{"gatan", "vägen", "stigen", "gränd", "backen"}
	genCities   = []string{
		"Helsingborg", "Höganäs", "Ängelholm", "Landskrona", "Båstad", "Klippan", "Åstorp", "Bjuv",
		"Svalöv", "Torekov", "Viken", "Mölle", "Varberg", "Falkenberg", "Kungsbacka",
	}
	blocks = []string{
		"Tallen", "Eken", "Lönnen", "Rönnen", "Aspen", "Ugglan", "Måsen", "Tranan", "Svanen", "Hägern",
		"Järnet", "Kopparn", "Sädesärlan", "Bokfinken", "Vallmon",
	}
	domains = []string{"example.com", "example.se", "exempel.nu", "post.example.org"}
)

// genPerson is one generated party: the input as typed and how it is identified.
type genPerson struct {
	in notification.PartyInput
	// typed holds personal strings as typed that needlesOf cannot derive from the case
	// (other spellings of the same values).
	typed []string
}

// gen draws made-up people and facilities from a seeded source.
type gen struct{ r *rand.Rand }

func (g gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g gen) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return b.String()
}

// luhn returns the check digit that completes nine digits.
func luhn(nine string) byte {
	sum := 0
	for i := range 9 {
		p := int(nine[i] - '0')
		if i%2 == 0 {
			p *= 2
			if p > 9 {
				p -= 9
			}
		}
		sum += p
	}
	return byte('0' + (10-sum%10)%10)
}

// pin returns a valid personal identity number (or, with coord, a coordination number) as
// 12 digits YYYYMMDDNNNC, born 1940–2005.
func (g gen) pin(coord bool) string {
	birth := time.Date(1940+g.r.IntN(66), time.Month(1+g.r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	birth = birth.AddDate(0, 0, g.r.IntN(28))
	day := birth.Day()
	if coord {
		day += 60
	}
	num := fmt.Sprintf("%03d", 1+g.r.IntN(999))
	nine := fmt.Sprintf("%02d%02d%02d%s", birth.Year()%100, int(birth.Month()), day, num)
	return fmt.Sprintf("%04d", birth.Year()) + nine[2:] + string(luhn(nine))
}

// pinInput writes a 12-digit number in one of the forms an installer types.
func (g gen) pinInput(twelve string) string {
	return pINForms(twelve)[g.r.IntN(4)]
}

// legalOrg returns a legal person's organisation number NNNNNN-NNNN (digits 3–4 ≥ 20).
func (g gen) legalOrg() string {
	nine := "5" + g.digits(1) + fmt.Sprint(20+g.r.IntN(80)) + g.digits(5)
	ten := nine + string(luhn(nine))
	return ten[:6] + "-" + ten[6:]
}

// phone returns a mobile number as typed, "07X-XXX XX XX".
func (g gen) phone() string {
	series := []string{"070", "072", "073", "076", "079"}
	d := g.digits(7)
	return g.pick(series) + "-" + d[:3] + " " + d[3:5] + " " + d[5:]
}

// aSCII folds a name into the letters of an e-mail local part.
func aSCII(s string) string {
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "a", "Ä", "a", "Ö", "o", "é", "e", " ", "").
		Replace(strings.ToLower(s))
}

func (g gen) email(given, surname string) string {
	return fmt.Sprintf("%s.%s%d@%s", aSCII(given), aSCII(surname), g.r.IntN(100), g.pick(domains))
}

func (g gen) street() string {
	s := g.pick(streetStems) + g.pick(streetKinds) + " " + fmt.Sprint(1+g.r.IntN(120))
	if g.r.IntN(4) == 0 {
		s += string(rune('A' + g.r.IntN(4)))
	}
	return s
}

func (g gen) postalCode() string {
	d := fmt.Sprint(10000 + g.r.IntN(89999))
	return d[:3] + " " + d[3:]
}

func (g gen) designation() string {
	return fmt.Sprintf("%s %s %d:%d", g.pick(genCities), g.pick(blocks), 1+g.r.IntN(30), 1+g.r.IntN(400))
}

// birthDate returns a date YYYY-MM-DD in 1940–2005.
func (g gen) birthDate() string {
	d := time.Date(1940+g.r.IntN(66), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(365))
	return d.Format(time.DateOnly)
}

// person draws a party: a private person with a personal identity number, a coordination
// number or (no Swedish number) a birth date, a sole trader, or a company with a contact.
func (g gen) person() genPerson {
	given, surname := g.pick(givenNames), g.pick(surnames)
	phone := g.phone()
	t := privacy.NewText
	in := notification.PartyInput{
		Kind: "private", Surname: t(surname), GivenName: t(given),
		Address: notification.AddressInput{Street: t(g.street()), PostalCode: t(g.postalCode()), City: t(g.pick(genCities))},
		Phone:   t(phone), Email: t(g.email(given, surname)),
	}
	var typed []string
	if g.r.IntN(3) == 0 {
		in.Address.CareOf = t(g.pick(givenNames) + " " + g.pick(surnames))
	}
	switch k := g.r.IntN(20); {
	case k < 11: // personal identity number
		twelve := g.pin(false)
		in.PersonalNumber = t(g.pinInput(twelve))
	case k < 13: // coordination number
		twelve := g.pin(true)
		in.PersonalNumber = t(g.pinInput(twelve))
	case k < 15: // no Swedish personal identity number
		in.NoSwedishPersonalNumber = true
		in.BirthDate = t(g.birthDate())
	case k < 18: // sole trader: the organisation number is the personal identity number
		twelve := g.pin(false)
		in.Kind = "company"
		in.CompanyName = t(given + " " + surname + " Bygg")
		in.OrganisationNumber = t(twelve[2:8] + "-" + twelve[8:])
		typed = append(typed, pINForms(twelve)...)
	default: // a legal person, whose contact is a person
		in.Kind = "company"
		in.CompanyName = t("Fastighets AB " + g.pick(blocks))
		in.OrganisationNumber = t(g.legalOrg())
	}
	return genPerson{in: in, typed: typed}
}

// note is a note's text that names a person and their phone number.
func (g gen) note(p genPerson) string {
	name := strings.TrimSpace(p.in.GivenName.Reveal() + " " + p.in.Surname.Reveal())
	forms := []string{
		"Ring %s på %s före besöket.",
		"Kunden %s nås på %s, nyckel hos grannen.",
		"%s vill bli kontaktad (%s) innan strömmen bryts.",
	}
	return fmt.Sprintf(g.pick(forms), name, p.in.Phone.Reveal())
}
