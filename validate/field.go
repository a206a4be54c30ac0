package validate

import (
	"fmt"

	"github.com/gridnotify/gridnotify/merge"
)

// Field names one field of a notification that a [Profile] can require. The fields of the
// lookup-fillable form come first and equal their [merge.Field] values; after them come the
// fields that only a notification has, and the two-way "identity" and "name" fields whose
// meaning depends on the party's kind.
type Field uint16

// FormField returns the [Field] for a field of the form.
func FormField(f merge.Field) Field { return Field(f) }

// Fields of a notification outside the form.
const (
	// MeterPlacement is "Önskad mätarplacering", the desired meter placement.
	MeterPlacement Field = iota + Field(merge.NumFields)
	// RequestedMainFuse is the main fuse asked for, in amperes.
	RequestedMainFuse
	// RequestedPower is the power asked for, in kW.
	RequestedPower
	// PlannedStart is the date work is planned to start.
	PlannedStart
	// PlannedCompletion is the date work is planned to be done.
	PlannedCompletion
	// WorkDescription is the installer's description of the work.
	WorkDescription
	// InstallerCompany is the installer's company name.
	InstallerCompany
	// InstallerOrganisationNumber is the installer company's organisation number.
	InstallerOrganisationNumber
	// InstallerAuthorisationNumber is the installer's authorisation number at Elsäkerhetsverket.
	InstallerAuthorisationNumber
	// InstallerContact is the name of the installer's contact person.
	InstallerContact
	// InstallerPhone is the installer contact's phone number.
	InstallerPhone
	// InstallerEmail is the installer contact's e-mail address.
	InstallerEmail
	// SitePlan is the attached site plan (situationsplan).
	SitePlan
	// SingleLineDiagram is the attached single-line diagram (enlinjeschema).
	SingleLineDiagram
	// OwnerIdentity is the owner's identity: a personal identity number (or, for a customer
	// without one, the birth date) for a private person, an organisation number for a company.
	OwnerIdentity
	// OwnerName is the owner's name: surname and given name, or the company name.
	OwnerName
	// PayerIdentity is [OwnerIdentity] for the payer.
	PayerIdentity
	// PayerName is [OwnerName] for the payer.
	PayerName

	fieldEnd // one past the last field
)

// NumFields is the number of fields; every [Field] is below it.
const NumFields = int(fieldEnd)

type fieldInfo struct{ path, sv, en string }

// caseBase is the first field outside the form.
const caseBase = MeterPlacement

// caseFields describes the fields after the form's, indexed from caseBase.
var caseFields = [...]fieldInfo{
	MeterPlacement - caseBase:               {"meterPlacement", "Önskad mätarplacering", "desired meter placement"},
	RequestedMainFuse - caseBase:            {"requestedMainFuse", "Önskad huvudsäkring (A)", "requested main fuse (A)"},
	RequestedPower - caseBase:               {"requestedPower", "Önskad effekt (kW)", "requested power (kW)"},
	PlannedStart - caseBase:                 {"plannedStart", "Planerat startdatum", "planned start"},
	PlannedCompletion - caseBase:            {"plannedCompletion", "Planerat färdigdatum", "planned completion"},
	WorkDescription - caseBase:              {"workDescription", "Arbetsbeskrivning", "description of the work"},
	InstallerCompany - caseBase:             {"installer.company", "Installatörsföretag", "installer company"},
	InstallerOrganisationNumber - caseBase:  {"installer.organisationNumber", "Installatörens org.nr", "installer's organisation number"},
	InstallerAuthorisationNumber - caseBase: {"installer.authorisationNumber", "Auktorisationsnummer", "authorisation number"},
	InstallerContact - caseBase:             {"installer.contact", "Kontaktperson", "contact person"},
	InstallerPhone - caseBase:               {"installer.phone", "Installatörens telefon", "installer's phone"},
	InstallerEmail - caseBase:               {"installer.email", "Installatörens epost", "installer's e-mail"},
	SitePlan - caseBase:                     {"attachments.sitePlan", "Situationsplan", "site plan"},
	SingleLineDiagram - caseBase:            {"attachments.singleLineDiagram", "Enlinjeschema", "single-line diagram"},
	OwnerIdentity - caseBase:                {"owner.identity", "Fastighetsägare: Personnr.", "property owner: personal identity or organisation number"},
	OwnerName - caseBase:                    {"owner.name", "Fastighetsägare: Namn", "property owner: name"},
	PayerIdentity - caseBase:                {"payer.identity", "Betalningsansvarig: Personnr.", "payer: personal identity or organisation number"},
	PayerName - caseBase:                    {"payer.name", "Betalningsansvarig: Namn", "payer: name"},
}

// Valid reports whether f names a field.
func (f Field) Valid() bool { return f < fieldEnd }

// Form returns the form field that f is, if it is one.
func (f Field) Form() (merge.Field, bool) {
	if int(f) < merge.NumFields {
		return merge.Field(f), true
	}
	return 0, false
}

// Path returns the field's JSON path, such as "owner.identity" or "meterPlacement".
func (f Field) Path() string { return f.info().path }

// Label returns the field's Swedish label as the form shows it.
func (f Field) Label() string { return f.info().sv }

// English returns the field's name in English.
func (f Field) English() string { return f.info().en }

// String returns the field's path.
func (f Field) String() string { return f.Path() }

// Withheld reports whether the grid company's lookup withholds the field for privacy reasons,
// so that only the customer can supply it.
func (f Field) Withheld() bool {
	if mf, ok := f.Form(); ok {
		return mf.Withheld()
	}
	return f == OwnerIdentity || f == PayerIdentity
}

func (f Field) info() fieldInfo {
	if mf, ok := f.Form(); ok {
		return fieldInfo{mf.Path(), mf.Label(), mf.English()}
	}
	if f.Valid() {
		return caseFields[f-caseBase]
	}
	s := fmt.Sprintf("Field(%d)", uint16(f))
	return fieldInfo{s, s, s}
}

// FieldByPath returns the field with the given JSON path.
func FieldByPath(path string) (Field, bool) {
	if h := pathHash(path); pathFilter[h/64]&(1<<(h%64)) == 0 {
		return 0, false // no field's path has this hash: no need to look it up
	}
	f, ok := fieldsByPath[path]
	return f, ok
}

// fieldsByPath indexes every field by its path; pathFilter has the bit pathHash(path) set for
// each of them, so that most paths of other structs are refused without a map lookup.
var fieldsByPath, pathFilter = func() (map[string]Field, [16]uint64) {
	m := make(map[string]Field, NumFields)
	var filter [16]uint64
	for f := Field(0); f < fieldEnd; f++ {
		m[f.Path()] = f
		h := pathHash(f.Path())
		filter[h/64] |= 1 << (h % 64)
	}
	return m, filter
}()

// pathHash is a cheap hash of a path into 0–1023, from its length and its first and last
// two bytes.
func pathHash(p string) uint {
	n := len(p)
	if n < 2 {
		return uint(n)
	}
	return (uint(n)*131 + uint(p[0])*31 + uint(p[1])*7 + uint(p[n-2])*3 + uint(p[n-1])) % 1024
}
