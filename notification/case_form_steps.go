package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// The manual's steps that change the form as a whole, each all-or-nothing.

// FetchFacility merges a looked-up facility record into the case under the installer's mode
// (manual steps 12–13) and reports what happened to every field; see [merge.Fetch]. Errors:
// [ErrNotEditable] outside "Ej skickat" and "Returnerad för komplettering",
// [validate.ErrInvalid] for a nil record or an unknown mode.
func (c *Case) FetchFacility(rec *facility.Record, mode merge.Mode) (merge.Report, error) {
	if err := c.editable(); err != nil {
		return merge.Report{}, err
	}
	if rec == nil {
		return merge.Report{}, invalid("record", "missing", "saknas")
	}
	if !mode.Valid() {
		return merge.Report{}, invalid("mode", "unknown overwrite mode", "okänt svar på frågan om att skriva över")
	}
	rep := merge.Fetch(&c.s.Form, rec, mode)
	c.s.Sources.record(rep, func(merge.Field) Source { return SourceLookup })
	c.record(EventFacilityFetched, c.s.Status, SideInstaller, time.Time{})
	return rep, nil
}

// ClearIdentifiers empties the meter number, the facility ID and the technical number, as the
// manual tells the installer to do before searching again after a failed lookup (step 14).
// Errors: [ErrNotEditable].
func (c *Case) ClearIdentifiers() error {
	if err := c.editable(); err != nil {
		return err
	}
	c.typeForm(func(f *merge.Form) {
		f.Facility.ID = facility.EAN{}
		f.Facility.MeterNumber = ""
		f.Facility.TechnicalNumber = ""
	})
	c.record(EventSaved, c.s.Status, SideInstaller, time.Time{})
	return nil
}

// CopyFromOwner is "Kopiera från ägare" (step 18): the payer becomes a copy of the owner. A
// personal identity number copied into the payer needs a justification like one typed there
// (see [Case.Edit]). Errors: [ErrNotEditable], [ErrNotJustified]; the case is then unchanged.
func (c *Case) CopyFromOwner(profile validate.Profile, by privacy.Actor, at time.Time, opts ...SaveOption) (merge.Report, error) {
	if err := c.editable(); err != nil {
		return merge.Report{}, err
	}
	work := state{s: c.s.clone(), pending: c.pending}
	rep := merge.CopyFromOwner(&work.s.Form)
	work.s.Sources.record(rep, func(f merge.Field) Source {
		return c.s.Sources[f-merge.PayerKind+merge.OwnerKind] // the owner's field's source
	})
	if err := work.justify(&c.s.Form, profile, collectOptions(opts), by, at); err != nil {
		return merge.Report{}, err
	}
	work.record(EventSaved, work.s.Status, SideInstaller, at)
	c.state = work
	return rep, nil
}
