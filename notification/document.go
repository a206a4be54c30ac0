package notification

import "github.com/gridnotify/gridnotify/validate"

// Filled reports whether field f holds a value; it makes a case a [validate.Document].
func (c *Case) Filled(f validate.Field) bool {
	if filled, ok := validate.FormFilled(&c.form, f); ok {
		return filled
	}
	switch f {
	case validate.MeterPlacement:
		return c.meterPlacement != ""
	case validate.RequestedMainFuse:
		return c.requestedMainFuse != 0
	case validate.RequestedPower:
		return !c.requestedPower.IsZero()
	case validate.PlannedStart:
		return !c.plannedStart.IsZero()
	case validate.PlannedCompletion:
		return !c.plannedCompletion.IsZero()
	case validate.WorkDescription:
		return !c.workDescription.IsZero()
	case validate.InstallerCompany:
		return c.installer.Company != ""
	case validate.InstallerOrganisationNumber:
		return !c.installer.OrganisationNumber.IsZero()
	case validate.InstallerAuthorisationNumber:
		return c.installer.AuthorisationNumber != ""
	case validate.InstallerContact:
		return !c.installer.Contact.IsZero()
	case validate.InstallerPhone:
		return !c.installer.Phone.IsZero()
	case validate.InstallerEmail:
		return !c.installer.Email.IsZero()
	case validate.SitePlan:
		return c.hasAttachment(SitePlanAttachment)
	case validate.SingleLineDiagram:
		return c.hasAttachment(SingleLineDiagramAttachment)
	}
	return false
}

// Check returns the mandatory fields that profile requires and the case lacks (manual steps
// 17 and 19); nil when it is complete.
func (c *Case) Check(profile validate.Profile) []validate.Problem {
	return validate.Check(c, profile)
}
