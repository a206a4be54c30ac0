package notification

import "github.com/gridnotify/gridnotify/validate"

// FieldLabel returns the Swedish label of field f as the case's form shows it: the owner's
// identity is "Fastighetsägare: Org.nr" for a company, "Fastighetsägare: Personnr." for a
// private person. It makes the problems of [Case.Check] and [Case.Submit] say what is missing.
func (st *state) FieldLabel(f validate.Field) string { return validate.FormLabel(&st.s.Form, f) }

// Filled reports whether field f holds a value; it makes a case a [validate.Document].
func (st *state) Filled(f validate.Field) bool {
	if filled, ok := validate.FormFilled(&st.s.Form, f); ok {
		return filled
	}
	switch f {
	case validate.MeterPlacement:
		return st.s.MeterPlacement != ""
	case validate.RequestedMainFuse:
		return st.s.RequestedMainFuse != 0
	case validate.RequestedPower:
		return !st.s.RequestedPower.IsZero()
	case validate.PlannedStart:
		return !st.s.PlannedStart.IsZero()
	case validate.PlannedCompletion:
		return !st.s.PlannedCompletion.IsZero()
	case validate.WorkDescription:
		return !st.s.WorkDescription.IsZero()
	case validate.InstallerCompany:
		return st.s.Installer.Company != ""
	case validate.InstallerOrganisationNumber:
		return !st.s.Installer.OrganisationNumber.IsZero()
	case validate.InstallerAuthorisationNumber:
		return st.s.Installer.AuthorisationNumber != ""
	case validate.InstallerContact:
		return !st.s.Installer.Contact.IsZero()
	case validate.InstallerPhone:
		return !st.s.Installer.Phone.IsZero()
	case validate.InstallerEmail:
		return !st.s.Installer.Email.IsZero()
	case validate.SitePlan:
		return st.hasAttachment(SitePlanAttachment)
	case validate.SingleLineDiagram:
		return st.hasAttachment(SingleLineDiagramAttachment)
	}
	return false
}

// Check returns the mandatory fields that profile requires and the case lacks (manual steps
// 17 and 19); nil when it is complete.
func (st *state) Check(profile validate.Profile) []validate.Problem {
	return validate.Check(st, profile)
}
