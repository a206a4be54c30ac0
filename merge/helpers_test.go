package merge_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// state is what one field holds in a test: nothing, sample value A, or a different value B.
type state uint8

const (
	empty state = iota
	valA
	valB
)

func (s state) String() string {
	switch s {
	case empty:
		return "empty"
	case valA:
		return "A"
	case valB:
		return "B"
	}
	return "?"
}

// access sets one field, on a form or on a record, to a state. The tests build every form and
// record through it, so a field missing from [accessors] fails them.
type access struct {
	form func(*merge.Form, state)
	rec  func(*facility.Record, state)
	// hasB is false for a field with a single non-empty value (the boolean
	// NoSwedishPersonalNumber: true is the only value that is not empty).
	hasB bool
}

// pick returns the zero T, a or b for s.
func pick[T any](s state, a, b T) T {
	var zero T
	switch s {
	case valA:
		return a
	case valB:
		return b
	}
	return zero
}

// facilityField is an access to a field of the facility section (form.Facility, rec.Details).
func facilityField[T any](get func(*facility.Details) *T, a, b T) access {
	return access{
		form: func(f *merge.Form, s state) { *get(&f.Facility) = pick(s, a, b) },
		rec:  func(r *facility.Record, s state) { *get(&r.Details) = pick(s, a, b) },
		hasB: true,
	}
}

// partyField describes one field of a party; owner and payer sections share it.
type partyField struct {
	set  func(p *facility.Party, s state)
	hasB bool
}

func newPartyField[T any](get func(*facility.Party) *T, a, b T) partyField {
	return partyField{set: func(p *facility.Party, s state) { *get(p) = pick(s, a, b) }, hasB: true}
}

// ownerAccess maps a party field to form.Owner and rec.Owner.
func (p partyField) ownerAccess() access {
	return access{
		form: func(f *merge.Form, s state) { p.set(&f.Owner, s) },
		rec:  func(r *facility.Record, s state) { p.set(&r.Owner, s) },
		hasB: p.hasB,
	}
}

// payerAccess maps a party field to form.Payer and rec.Customer: the facility's current
// customer fills the payer.
func (p partyField) payerAccess() access {
	return access{
		form: func(f *merge.Form, s state) { p.set(&f.Payer, s) },
		rec:  func(r *facility.Record, s state) { p.set(&r.Customer, s) },
		hasB: p.hasB,
	}
}

// samples holds parsed sample values; parsing needs a testing.TB, so they are built per test.
type samples struct {
	eanA, eanB           facility.EAN
	postalA, postalB     facility.PostalCode
	pnrA, pnrB           privacy.PersonalIdentityNumber
	orgA, orgB           privacy.OrganisationNumber
	dateA, dateB         privacy.Date
	phoneA, phoneB       privacy.Phone
	emailA, emailB       privacy.Email
	powerA, powerB       decimal.Decimal
	recordA, recordB     facility.Record
	companyA, companyB   privacy.Text
	surnameA, surnameB   privacy.Text
	givenA, givenB       privacy.Text
	careOfA, careOfB     privacy.Text
	streetA, streetB     privacy.Text
	cityA, cityB         privacy.Text
	propertyA, propertyB privacy.Text
}

func newSamples(t testing.TB) samples {
	t.Helper()
	recs := facility.SampleRecords()
	require.GreaterOrEqual(t, len(recs), 2)
	var s samples
	var err error
	s.recordA, s.recordB = recs[0], recs[1]
	s.eanA, s.eanB = recs[0].ID, recs[1].ID
	s.postalA, err = facility.ParsePostalCode("254 40")
	require.NoError(t, err)
	s.postalB, err = facility.ParsePostalCode("111 51")
	require.NoError(t, err)
	s.pnrA, err = privacy.ParsePersonalIdentityNumber("19880320-0016")
	require.NoError(t, err)
	s.pnrB, err = privacy.ParsePersonalIdentityNumber("19121212-1212")
	require.NoError(t, err)
	s.orgA, err = privacy.ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	s.orgB, err = privacy.ParseOrganisationNumber("556036-0793")
	require.NoError(t, err)
	s.dateA, err = privacy.ParseDate("1988-03-20")
	require.NoError(t, err)
	s.dateB, err = privacy.ParseDate("1990-01-01")
	require.NoError(t, err)
	s.phoneA, err = privacy.ParsePhone("070-174 06 20")
	require.NoError(t, err)
	s.phoneB, err = privacy.ParsePhone("070-174 06 21")
	require.NoError(t, err)
	s.emailA, err = privacy.ParseEmail("a@example.com")
	require.NoError(t, err)
	s.emailB, err = privacy.ParseEmail("b@example.com")
	require.NoError(t, err)
	s.powerA, s.powerB = decimal.NewFromInt(11), decimal.RequireFromString("17.5")
	s.companyA, s.companyB = privacy.NewText("Fiktiva AB"), privacy.NewText("Exempel HB")
	s.surnameA, s.surnameB = privacy.NewText("Lindqvist"), privacy.NewText("Holm")
	s.givenA, s.givenB = privacy.NewText("Anna"), privacy.NewText("Cecilia")
	s.careOfA, s.careOfB = privacy.NewText("Ekonomi"), privacy.NewText("Bertil Ek")
	s.streetA, s.streetB = privacy.NewText("Ekvägen 3"), privacy.NewText("Björkgatan 12 B")
	s.cityA, s.cityB = privacy.NewText("Helsingborg"), privacy.NewText("Stockholm")
	s.propertyA, s.propertyB = privacy.NewText("Helsingborg Eken 3"), privacy.NewText("Stockholm Ekorren 5")
	return s
}

// partyFields returns the accesses of one party's fields, keyed by the owner's Field.
func (s samples) partyFields() map[merge.Field]partyField {
	addr := func(p *facility.Party) *facility.Address { return &p.Address }
	return map[merge.Field]partyField{
		merge.OwnerKind: newPartyField(func(p *facility.Party) *facility.PartyKind { return &p.Kind },
			facility.PartyKindPrivate, facility.PartyKindCompany),
		merge.OwnerCompanyName: newPartyField(func(p *facility.Party) *privacy.Text { return &p.CompanyName }, s.companyA, s.companyB),
		merge.OwnerSurname:     newPartyField(func(p *facility.Party) *privacy.Text { return &p.Surname }, s.surnameA, s.surnameB),
		merge.OwnerGivenName:   newPartyField(func(p *facility.Party) *privacy.Text { return &p.GivenName }, s.givenA, s.givenB),
		merge.OwnerCareOf:      newPartyField(func(p *facility.Party) *privacy.Text { return &addr(p).CareOf }, s.careOfA, s.careOfB),
		merge.OwnerStreet:      newPartyField(func(p *facility.Party) *privacy.Text { return &addr(p).Street }, s.streetA, s.streetB),
		merge.OwnerPostalCode: newPartyField(func(p *facility.Party) *facility.PostalCode { return &addr(p).PostalCode },
			s.postalA, s.postalB),
		merge.OwnerCity: newPartyField(func(p *facility.Party) *privacy.Text { return &addr(p).City }, s.cityA, s.cityB),
		merge.OwnerPersonalNumber: newPartyField(func(p *facility.Party) *privacy.PersonalIdentityNumber { return &p.PersonalNumber },
			s.pnrA, s.pnrB),
		merge.OwnerOrganisationNumber: newPartyField(func(p *facility.Party) *privacy.OrganisationNumber { return &p.OrganisationNumber },
			s.orgA, s.orgB),
		merge.OwnerNoSwedishPersonalNumber: {
			set:  func(p *facility.Party, st state) { p.NoSwedishPersonalNumber = st != empty },
			hasB: false,
		},
		merge.OwnerBirthDate: newPartyField(func(p *facility.Party) *privacy.Date { return &p.BirthDate }, s.dateA, s.dateB),
		merge.OwnerPhone:     newPartyField(func(p *facility.Party) *privacy.Phone { return &p.Phone }, s.phoneA, s.phoneB),
		merge.OwnerEmail:     newPartyField(func(p *facility.Party) *privacy.Email { return &p.Email }, s.emailA, s.emailB),
		merge.OwnerInvoiceReference: newPartyField(func(p *facility.Party) *privacy.Text { return &p.InvoiceReference },
			privacy.NewText("FF-4711"), privacy.NewText("ALMEN-EL")),
	}
}

// accessors maps every merge.Field to how a test sets it. TestAccessorsCoverEveryField fails
// when a Field is added without an entry here.
func (s samples) accessors() map[merge.Field]access {
	addr := func(d *facility.Details) *facility.Address { return &d.Address }
	m := map[merge.Field]access{
		merge.FacilityID: facilityField(func(d *facility.Details) *facility.EAN { return &d.ID }, s.eanA, s.eanB),
		merge.FacilityTechnicalNumber: facilityField(func(d *facility.Details) *facility.TechnicalNumber { return &d.TechnicalNumber },
			"HBG-T-10001", "HBG-T-10002"),
		merge.FacilityMeterNumber: facilityField(func(d *facility.Details) *facility.MeterNumber { return &d.MeterNumber },
			"M-20001", "M-20002"),
		merge.FacilityArea:   facilityField(func(d *facility.Details) *facility.AreaCode { return &d.Area }, "HBG", "STH"),
		merge.FacilityCareOf: facilityField(func(d *facility.Details) *privacy.Text { return &addr(d).CareOf }, s.careOfA, s.careOfB),
		merge.FacilityStreet: facilityField(func(d *facility.Details) *privacy.Text { return &addr(d).Street }, s.streetA, s.streetB),
		merge.FacilityPostalCode: facilityField(func(d *facility.Details) *facility.PostalCode { return &addr(d).PostalCode },
			s.postalA, s.postalB),
		merge.FacilityCity: facilityField(func(d *facility.Details) *privacy.Text { return &addr(d).City }, s.cityA, s.cityB),
		merge.FacilityPropertyDesignation: facilityField(func(d *facility.Details) *privacy.Text { return &d.PropertyDesignation },
			s.propertyA, s.propertyB),
		merge.FacilityMainFuse: facilityField(func(d *facility.Details) *facility.Ampere { return &d.MainFuse }, 16, 25),
		merge.FacilityPower:    facilityField(func(d *facility.Details) *decimal.Decimal { return &d.Power }, s.powerA, s.powerB),
	}
	for owner, pf := range s.partyFields() {
		m[owner] = pf.ownerAccess()
		m[owner-merge.OwnerKind+merge.PayerKind] = pf.payerAccess()
	}
	return m
}

// states is one state per field.
type states [merge.NumFields]state

// fill returns states with every field at s.
func fill(s state) states {
	var st states
	for i := range st {
		st[i] = s
	}
	return st
}

// buildForm returns a form whose fields hold st.
func buildForm(acc map[merge.Field]access, st states) merge.Form {
	var f merge.Form
	for i, s := range st {
		acc[merge.Field(i)].form(&f, s)
	}
	return f
}

// buildRecord returns a record whose fields hold st.
func buildRecord(acc map[merge.Field]access, st states) facility.Record {
	var r facility.Record
	for i, s := range st {
		acc[merge.Field(i)].rec(&r, s)
	}
	return r
}

// cmpOpts compare forms and records by value: the privacy types have Equal methods; EAN and
// PostalCode are comparable values with unexported fields; decimal.Decimal compares by Equal
// (11 and 11.0 are the same power).
var cmpOpts = cmp.Options{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b facility.EAN) bool { return a == b }),
	cmp.Comparer(func(a, b facility.PostalCode) bool { return a == b }),
}

// outcomes lists a report's outcome for every field, so go-cmp can show a diff.
func outcomes(r merge.Report) map[string]merge.Outcome {
	m := make(map[string]merge.Outcome, merge.NumFields)
	for _, f := range merge.Fields() {
		m[f.Path()] = r.Outcome(f)
	}
	return m
}

// fullForm returns a form with every field filled (state A), identity numbers included.
func fullForm(t testing.TB) merge.Form {
	t.Helper()
	return buildForm(newSamples(t).accessors(), fill(valA))
}
