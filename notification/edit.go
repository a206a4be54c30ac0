package notification

import (
	"errors"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// Limits on free text, so a case stays a reasonable size.
const (
	maxWorkDescription = 4000
	maxNote            = 4000
	maxShortText       = 200
)

// editable returns ErrNotEditable (wrapped with the status) unless the case may be edited.
func (c *Case) editable() error {
	if !c.status.Editable() {
		return &editError{status: c.status}
	}
	return nil
}

type editError struct{ status Status }

func (e *editError) Error() string {
	return "notification: a case that is " + e.status.String() + " cannot be edited (ärenden med status \"" +
		e.status.Swedish() + "\" kan inte ändras)"
}

func (e *editError) Is(target error) bool { return target == ErrNotEditable }

// FetchFacility merges a looked-up facility record into the case under the installer's mode
// (manual steps 12–13) and reports what happened to every field; see [merge.Fetch]. It fails
// with [ErrNotEditable] outside "Ej skickat" and "Returnerad för komplettering".
func (c *Case) FetchFacility(rec *facility.Record, mode merge.Mode) (merge.Report, error) {
	if err := c.editable(); err != nil {
		return merge.Report{}, err
	}
	if rec == nil {
		return merge.Report{}, invalidArgument("record", "missing")
	}
	if !mode.Valid() {
		return merge.Report{}, invalidArgument("mode", "unknown overwrite mode")
	}
	rep := merge.Fetch(&c.form, rec, mode)
	c.provenance.record(rep, func(merge.Field) Source { return SourceLookup })
	return rep, nil
}

// ClearIdentifiers empties the meter number, the facility ID and the technical number, as the
// manual tells the installer to do before searching again after a failed lookup (step 14).
func (c *Case) ClearIdentifiers() error {
	if err := c.editable(); err != nil {
		return err
	}
	c.typeForm(func(f *merge.Form) {
		f.Facility.ID = facility.EAN{}
		f.Facility.MeterNumber = ""
		f.Facility.TechnicalNumber = ""
	})
	return nil
}

// SetIdentifiers sets the meter number and facility ID the installer typed (step 9). Either
// may be empty.
func (c *Case) SetIdentifiers(id facility.EAN, meter facility.MeterNumber) error {
	if err := c.editable(); err != nil {
		return err
	}
	if err := canonical(meter, facility.ParseMeterNumber, "facility.meterNumber"); err != nil {
		return err
	}
	c.typeForm(func(f *merge.Form) {
		f.Facility.ID = id
		f.Facility.MeterNumber = meter
	})
	return nil
}

// takeEdits copies into c what an edit made of work, a copy of c: the form (recording the
// changed fields as typed by the installer) and the other editable fields. An edit may not
// take steps, add notes or erase: those are the Service's, which check who acts and log it,
// so an edit that did is refused and nothing is taken.
func (c *Case) takeEdits(work *Case) error {
	if work.id != c.id || work.status != c.status || len(work.history) != len(c.history) ||
		len(work.notes) != len(c.notes) || len(work.provenance.recipients) != len(c.provenance.recipients) ||
		len(work.consents) != len(c.consents) || len(work.tombstones) != len(c.tombstones) {
		return invalidArgument("edit", "an edit may change the form only; steps, notes and erasure are the Service's methods")
	}
	c.typeForm(func(f *merge.Form) { *f = work.form })
	c.requestedMainFuse, c.requestedPower = work.requestedMainFuse, work.requestedPower
	c.meterPlacement, c.placementOther = work.meterPlacement, work.placementOther
	c.plannedStart, c.plannedCompletion = work.plannedStart, work.plannedCompletion
	c.workDescription, c.installer, c.attachments = work.workDescription, work.installer, work.attachments
	return nil
}

// canonical refuses an identifier that is not in the form its parser gives: the string types
// can be built without the parser, and such a value would not survive storage unchanged.
func canonical[T ~string](v T, parse func(string) (T, error), path string) error {
	if v == "" {
		return nil
	}
	if p, err := parse(string(v)); err != nil || p != v {
		return invalidArgument(path, "not a well-formed value; build it with its Parse function")
	}
	return nil
}

// CopyFromOwner is "Kopiera från ägare" (step 18): the payer becomes a copy of the owner.
func (c *Case) CopyFromOwner() (merge.Report, error) {
	if err := c.editable(); err != nil {
		return merge.Report{}, err
	}
	rep := merge.CopyFromOwner(&c.form)
	c.provenance.record(rep, func(f merge.Field) Source {
		return c.provenance.sources[f-merge.PayerKind+merge.OwnerKind] // the owner's field's source
	})
	return rep, nil
}

// typeForm applies an installer's change to the form and records every changed field as
// typed (identity numbers as coming from the customer).
func (c *Case) typeForm(change func(*merge.Form)) {
	before := c.form
	change(&c.form)
	c.provenance.record(merge.Compare(&before, &c.form), typed)
}

// SetFacility replaces the facility section with what the installer typed.
func (c *Case) SetFacility(d facility.Details) error {
	if err := c.editable(); err != nil {
		return err
	}
	if d.Area.IsZero() {
		return invalidArgument("facility.area", "a case must keep a grid area")
	}
	if err := errors.Join(
		canonical(d.MeterNumber, facility.ParseMeterNumber, "facility.meterNumber"),
		canonical(d.TechnicalNumber, facility.ParseTechnicalNumber, "facility.technicalNumber"),
		canonical(d.Area, facility.ParseAreaCode, "facility.area"),
	); err != nil {
		return err
	}
	if d.MainFuse != 0 && !d.MainFuse.IsStandard() {
		return invalidArgument("facility.mainFuse", "not a standard fuse size")
	}
	c.typeForm(func(f *merge.Form) { f.Facility = d })
	return nil
}

// SetOwner replaces the property owner (fastighetsägare).
func (c *Case) SetOwner(p facility.Party) error {
	return c.setParty(func(f *merge.Form) *facility.Party { return &f.Owner }, "owner", p)
}

// SetPayer replaces the payer (betalningsansvarig).
func (c *Case) SetPayer(p facility.Party) error {
	return c.setParty(func(f *merge.Form) *facility.Party { return &f.Payer }, "payer", p)
}

func (c *Case) setParty(party func(*merge.Form) *facility.Party, section string, p facility.Party) error {
	if err := c.editable(); err != nil {
		return err
	}
	if err := checkParty(section, p); err != nil {
		return err
	}
	c.typeForm(func(f *merge.Form) { *party(f) = p })
	return nil
}

// checkParty refuses a party that contradicts itself.
func checkParty(section string, p facility.Party) error {
	if p.NoSwedishPersonalNumber && !p.PersonalNumber.IsZero() {
		return invalidArgument(section+".personalNumber",
			"must be empty when the customer has no Swedish personal identity number")
	}
	if !p.NoSwedishPersonalNumber && !p.BirthDate.IsZero() {
		return invalidArgument(section+".birthDate",
			"is only for a customer without a Swedish personal identity number")
	}
	if p.Kind == facility.PartyKindCompany && !p.PersonalNumber.IsZero() {
		return invalidArgument(section+".personalNumber",
			"a company has an organisation number, not a personal identity number")
	}
	return nil
}

// SetRequested sets the main fuse (A) and power (kW) the installer asks for; zero means not
// given. A fuse must be a standard size and power must not be negative.
func (c *Case) SetRequested(fuse facility.Ampere, power decimal.Decimal) error {
	if err := c.editable(); err != nil {
		return err
	}
	if fuse != 0 && !fuse.IsStandard() {
		return invalidArgument("requestedMainFuse", "not a standard fuse size")
	}
	if power.IsNegative() {
		return invalidArgument("requestedPower", "must not be negative")
	}
	c.requestedMainFuse, c.requestedPower = fuse, power
	return nil
}

// SetMeterPlacement sets the desired meter placement; other is the free text for
// [OtherPlacement] and must be empty for every other choice. Whether the grid company offers
// the placement is checked by [Service.Save].
func (c *Case) SetMeterPlacement(p MeterPlacement, other string) error {
	if err := c.editable(); err != nil {
		return err
	}
	switch {
	case p == OtherPlacement && other == "":
		return invalidArgument("meterPlacement", "describe the other placement")
	case p != OtherPlacement && other != "":
		return invalidArgument("meterPlacement", "free text is only for the other placement")
	case utf8.RuneCountInString(other) > maxShortText:
		return invalidArgument("meterPlacement", "free text is too long")
	}
	c.meterPlacement, c.placementOther = p, other
	return nil
}

// SetPlannedDates sets the planned start and completion dates (either may be zero); the
// completion may not come before the start.
func (c *Case) SetPlannedDates(start, completion time.Time) error {
	if err := c.editable(); err != nil {
		return err
	}
	if !start.IsZero() && !completion.IsZero() && completion.Before(start) {
		return invalidArgument("plannedCompletion", "before the planned start")
	}
	c.plannedStart, c.plannedCompletion = start, completion
	return nil
}

// SetWorkDescription sets the description of the work (at most 4000 characters).
func (c *Case) SetWorkDescription(s string) error {
	if err := c.editable(); err != nil {
		return err
	}
	if utf8.RuneCountInString(s) > maxWorkDescription {
		return invalidArgument("workDescription", "longer than 4000 characters")
	}
	c.workDescription = privacy.NewText(s)
	return nil
}

// SetInstaller sets the installer section.
func (c *Case) SetInstaller(in Installer) error {
	if err := c.editable(); err != nil {
		return err
	}
	if utf8.RuneCountInString(in.Company) > maxShortText || utf8.RuneCountInString(in.AuthorisationNumber) > maxShortText {
		return invalidArgument("installer", "text longer than 200 characters")
	}
	c.installer = in
	return nil
}

// AddAttachment records an attachment's metadata; the name must be unique within the case.
func (c *Case) AddAttachment(a Attachment) error {
	if err := c.editable(); err != nil {
		return err
	}
	switch {
	case a.Name.IsZero() || utf8.RuneCountInString(a.Name.Reveal()) > maxShortText:
		return invalidArgument("attachment.name", "missing or too long")
	case a.Kind == "":
		return invalidArgument("attachment.kind", "missing")
	case a.Size < 0:
		return invalidArgument("attachment.size", "negative")
	}
	for _, b := range c.attachments {
		if b.Name.Equal(a.Name) {
			return invalidArgument("attachment.name", "already attached")
		}
	}
	c.attachments = append(c.attachments, a)
	return nil
}

// RemoveAttachment removes the attachment with the given name.
func (c *Case) RemoveAttachment(name string) error {
	if err := c.editable(); err != nil {
		return err
	}
	for i, a := range c.attachments {
		if !a.Name.IsZero() && a.Name.Equal(privacy.NewText(name)) {
			c.attachments = append(c.attachments[:i:i], c.attachments[i+1:]...)
			return nil
		}
	}
	return invalidArgument("attachment.name", "no attachment with that name")
}
