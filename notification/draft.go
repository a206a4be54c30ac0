package notification

import (
	"errors"
	"fmt"
	"log/slog"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// Limits on free text, so a case stays a reasonable size.
const (
	maxWorkDescription = 4000
	maxNote            = 4000
	maxShortText       = 200
)

// Draft is a work copy of a case's form, handed to the edit function of [Case.Edit] and
// [Service.Save] ("Redigera"). It has the case's read accessors and the form's setters, and
// nothing else: no lifecycle step, note or erasure can be taken through it. The edit's work
// copy is stored whole when the edit returns nil, and discarded when it returns an error; a
// Draft kept after its edit returned refuses every change.
type Draft struct {
	*state
	at     time.Time // when the edit is made
	closed bool
}

// errDraftClosed is what a Draft kept after its edit answers.
var errDraftClosed = invalid("edit", "the edit has returned; its draft can no longer change the case",
	"ändringen är avslutad och kan inte längre ändra ärendet")

// change runs a setter's body on the draft, unless the edit has returned.
func (d *Draft) change(f func() error) error {
	if d.closed {
		return errDraftClosed
	}
	return f()
}

// String shows only the case's identity, like [Case.String].
func (d *Draft) String() string { return "notification.Draft{id: " + string(d.s.ID) + "}" }

// Format prints [Draft.String] for every verb.
func (d *Draft) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, d.String()) }

// LogValue logs only the case's ID.
func (d *Draft) LogValue() slog.Value { return slog.StringValue(d.String()) }

// Edit applies edit to a [Draft] of the case (manual step 16, "Redigera") and keeps the result
// only if edit returns nil and every personal identity number the edit set or changed is
// justified (see [Justification]): profile makes it mandatory, or opts record the customer's
// consent ([WithConsent]); by and at record who justified it, when. On any error the case is
// unchanged. Errors: [ErrNotEditable], whatever edit returns, [ErrNotJustified],
// [validate.ErrInvalid] for a nil edit.
func (c *Case) Edit(profile validate.Profile, by privacy.Actor, at time.Time, edit func(*Draft) error, opts ...SaveOption) error {
	work := c.Clone()
	if err := work.editInPlace(profile, by, at, edit, opts); err != nil {
		return err
	}
	c.state = work.state
	return nil
}

// editInPlace is Edit on a case that is the caller's to throw away if it fails: the Service's
// own copy of a stored case, which it stores only on success, so the edit needs no copy of
// its own.
func (c *Case) editInPlace(profile validate.Profile, by privacy.Actor, at time.Time, edit func(*Draft) error, opts []SaveOption) error {
	if err := c.editable(); err != nil {
		return err
	}
	if edit == nil {
		return invalid("edit", "missing; pass a function that makes no change to save as it is",
			"saknas; skicka en funktion som inte ändrar något för att spara som det är")
	}
	before := c.s.Form
	d := &Draft{state: &c.state, at: at}
	err := edit(d)
	d.closed = true
	if err != nil {
		return err
	}
	if err := c.justify(&before, profile, collectOptions(opts), by, at); err != nil {
		return err
	}
	c.record(EventSaved, c.s.Status, SideInstaller, at)
	return nil
}

// typeForm applies an installer's change to the form and records every changed field as
// typed (identity numbers as coming from the customer).
func (st *state) typeForm(change func(*merge.Form)) {
	before := st.s.Form
	change(&st.s.Form)
	st.s.Sources.record(merge.Compare(&before, &st.s.Form), typed)
}

// canonical refuses an identifier that is not in the form its parser gives: the string types
// can be built without the parser, and such a value would not survive storage unchanged.
func canonical[T ~string](v T, parse func(string) (T, error), path string) error {
	if v == "" {
		return nil
	}
	if p, err := parse(string(v)); err != nil || p != v {
		return invalid(path, "not a well-formed value; build it with its Parse function",
			"inte ett giltigt värde; skapa det med dess Parse-funktion")
	}
	return nil
}

// SetIdentifiers sets the meter number and facility ID the installer typed (step 9). Either
// may be empty.
func (d *Draft) SetIdentifiers(id facility.EAN, meter facility.MeterNumber) error {
	return d.change(func() error {
		if err := canonical(meter, facility.ParseMeterNumber, "facility.meterNumber"); err != nil {
			return err
		}
		d.typeForm(func(f *merge.Form) {
			f.Facility.ID = id
			f.Facility.MeterNumber = meter
		})
		return nil
	})
}

// SetFacility replaces the facility section with what the installer typed.
func (d *Draft) SetFacility(fd facility.Details) error {
	return d.change(func() error {
		if fd.Area.IsZero() {
			return invalid("facility.area", "a case must keep a grid area", "ett ärende måste ha ett nätområde")
		}
		if err := errors.Join(
			canonical(fd.MeterNumber, facility.ParseMeterNumber, "facility.meterNumber"),
			canonical(fd.TechnicalNumber, facility.ParseTechnicalNumber, "facility.technicalNumber"),
			canonical(fd.Area, facility.ParseAreaCode, "facility.area"),
		); err != nil {
			return joinInvalid(err)
		}
		if fd.MainFuse != 0 && !fd.MainFuse.IsStandard() {
			return invalid("facility.mainFuse", "not a standard fuse size", "inte en standardstorlek för säkringar")
		}
		d.typeForm(func(f *merge.Form) { f.Facility = fd })
		return nil
	})
}

// SetOwner replaces the property owner (fastighetsägare).
func (d *Draft) SetOwner(p facility.Party) error {
	return d.setParty(SectionOwner, p)
}

// SetPayer replaces the payer (betalningsansvarig).
func (d *Draft) SetPayer(p facility.Party) error {
	return d.setParty(SectionPayer, p)
}

func (d *Draft) setParty(sec Section, p facility.Party) error {
	return d.change(func() error {
		if err := checkParty(sec, p); err != nil {
			return err
		}
		d.typeForm(func(f *merge.Form) { *sec.party(f) = p })
		return nil
	})
}

// SetRequested sets the main fuse (A) and power (kW) the installer asks for; zero means not
// given. A fuse must be a standard size and power must not be negative.
func (d *Draft) SetRequested(fuse facility.Ampere, power decimal.Decimal) error {
	return d.change(func() error {
		if fuse != 0 && !fuse.IsStandard() {
			return invalid("requestedMainFuse", "not a standard fuse size", "inte en standardstorlek för säkringar")
		}
		if power.IsNegative() {
			return invalid("requestedPower", "must not be negative", "får inte vara negativ")
		}
		d.s.RequestedMainFuse, d.s.RequestedPower = fuse, power
		return nil
	})
}

// SetMeterPlacement sets the desired meter placement; other is the free text for
// [catalog.OtherPlacement] and must be empty for every other choice. Whether the grid company
// offers the placement is checked by [Service.Save].
func (d *Draft) SetMeterPlacement(p catalog.MeterPlacement, other string) error {
	return d.change(func() error {
		other, err := cleanText("meterPlacementOther", other, false, maxShortText)
		if err != nil {
			return err
		}
		switch {
		case p == catalog.OtherPlacement && other == "":
			return invalid("meterPlacementOther", "describe the other placement", "beskriv den andra placeringen")
		case p != catalog.OtherPlacement && other != "":
			return invalid("meterPlacementOther", "free text is only for the other placement",
				"fritext är bara för annan placering")
		}
		d.s.MeterPlacement, d.s.PlacementOther = p, other
		return nil
	})
}

// SetPlannedDates sets the planned start and completion dates (either may be zero); the
// completion may not come before the start.
func (d *Draft) SetPlannedDates(start, completion time.Time) error {
	return d.change(func() error {
		if !start.IsZero() && !completion.IsZero() && completion.Before(start) {
			return invalid("plannedCompletion", "before the planned start", "före planerat startdatum")
		}
		d.s.PlannedStart, d.s.PlannedCompletion = start, completion
		return nil
	})
}

// SetWorkDescription sets the description of the work: free text of several lines, at most
// 4000 characters.
func (d *Draft) SetWorkDescription(s string) error {
	return d.change(func() error {
		t, err := cleanText("workDescription", s, true, maxWorkDescription)
		if err != nil {
			return err
		}
		d.s.WorkDescription = privacy.NewText(t)
		return nil
	})
}

// SetInstaller sets the installer section; build it from typed input with [ParseInstaller].
func (d *Draft) SetInstaller(in Installer) error {
	return d.change(func() error {
		in, err := checkInstaller(in)
		if err != nil {
			return err
		}
		d.s.Installer = in
		return nil
	})
}

// AddAttachment records an attachment's metadata; the name must be unique within the case.
func (d *Draft) AddAttachment(a Attachment) error {
	return d.change(func() error {
		name, err := cleanText("attachment.name", a.Name.Reveal(), false, maxShortText)
		switch {
		case err != nil:
			return err
		case name == "":
			return invalid("attachment.name", "missing", "saknas")
		case a.Kind == "":
			return invalid("attachment.kind", "missing", "saknas")
		case a.Size < 0:
			return invalid("attachment.size", "negative", "negativ")
		}
		a.Name = privacy.NewText(name)
		for _, b := range d.s.Attachments {
			if b.Name.Equal(a.Name) {
				return invalid("attachment.name", "already attached", "finns redan")
			}
		}
		d.s.Attachments = append(d.s.Attachments, a)
		d.record(EventAttachmentAdded, d.s.Status, SideInstaller, d.at)
		return nil
	})
}

// RemoveAttachment removes the attachment with the given name.
func (d *Draft) RemoveAttachment(name string) error {
	return d.change(func() error {
		for i, a := range d.s.Attachments {
			if !a.Name.IsZero() && a.Name.Equal(privacy.NewText(name)) {
				d.s.Attachments = append(d.s.Attachments[:i:i], d.s.Attachments[i+1:]...)
				return nil
			}
		}
		return invalid("attachment.name", "no attachment with that name", "ingen bilaga med det namnet")
	})
}

// checkParty refuses a party that contradicts itself, naming the field.
func checkParty(sec Section, p facility.Party) error {
	var problems []validate.Problem
	if p.NoSwedishPersonalNumber && !p.PersonalNumber.IsZero() {
		problems = append(problems, problem(string(sec)+".personalNumber",
			"must be empty when the customer has no Swedish personal identity number",
			"ska vara tomt när kunden saknar svenskt personnummer"))
	}
	if !p.NoSwedishPersonalNumber && !p.BirthDate.IsZero() {
		problems = append(problems, problem(string(sec)+".birthDate",
			"is only for a customer without a Swedish personal identity number",
			"anges bara för en kund som saknar svenskt personnummer"))
	}
	if p.Kind == facility.PartyKindCompany && !p.PersonalNumber.IsZero() {
		problems = append(problems, problem(string(sec)+".personalNumber",
			"a company has an organisation number, not a personal identity number",
			"ett företag har organisationsnummer, inte personnummer"))
	}
	if len(problems) == 0 {
		return nil
	}
	return validate.Invalid(problems...)
}

// checkInstaller checks the installer section's texts and returns them cleaned.
func checkInstaller(in Installer) (Installer, error) {
	var problems []validate.Problem
	clean := func(path string, s *string) {
		t, err := cleanText(path, *s, false, maxShortText)
		if err != nil {
			problems = append(problems, problemsOf(err)...)
			return
		}
		*s = t
	}
	clean("installer.company", &in.Company)
	clean("installer.authorisationNumber", &in.AuthorisationNumber)
	contact := in.Contact.Reveal()
	clean("installer.contact", &contact)
	if len(problems) > 0 {
		return Installer{}, validate.Invalid(problems...)
	}
	in.Contact = privacy.NewText(contact)
	return in, nil
}

// problemsOf returns the problems of a validate.InvalidError.
func problemsOf(err error) []validate.Problem {
	var inv *validate.InvalidError
	if errors.As(err, &inv) {
		return inv.Problems
	}
	return []validate.Problem{problem("", err.Error(), err.Error())}
}

// joinInvalid merges the InvalidErrors of errors.Join into one.
func joinInvalid(err error) error {
	var problems []validate.Problem
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			problems = append(problems, problemsOf(e)...)
		}
		return validate.Invalid(problems...)
	}
	return err
}

// runes counts the characters of s.
func runes(s string) int { return utf8.RuneCountInString(s) }
