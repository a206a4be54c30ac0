package notification

import (
	"context"
	"fmt"
	"time"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// PersonExport is everything the actor's organisation holds about one person (GDPR art. 15):
// each case that names them, their fields in clear with where each came from, and to whom the
// case was sent. It is personal data: give it to the data subject, never log it.
type PersonExport struct {
	ExportedAt time.Time    `json:"exportedAt"` // when the export was made
	Cases      []CaseExport `json:"cases"`      // every case naming the person; never nil
}

// CaseExport is one case in a [PersonExport].
type CaseExport struct {
	CaseID      ID              `json:"caseId"`      // the case's opaque ID
	GridCompany string          `json:"gridCompany"` // the grid company's ID
	Status      Status          `json:"status"`      // the case's status now
	CreatedAt   time.Time       `json:"createdAt"`   // when the case was created
	Sections    []SectionExport `json:"sections"`    // the person's party sections
	Recipients  []Recipient     `json:"recipients"`  // to whom the case was sent, when
	// Mentions are the free texts of the case (notes, work description, reasons, attachment
	// names) that mention the person by name, street, e-mail, identity or phone number.
	Mentions       []ExportedField `json:"mentions,omitempty"`
	Justifications []Justification `json:"justifications,omitempty"` // why identity numbers are held
}

// SectionExport is the person's party section in a case: owner or payer.
type SectionExport struct {
	Section PartySection    `json:"section"` // owner or payer
	Fields  []ExportedField `json:"fields"`  // the section's filled fields, in clear
}

// ExportedField is one field in clear, with its Swedish label and its source.
type ExportedField struct {
	Path   string `json:"path"`   // JSON path, e.g. "owner.personalNumber"
	Label  string `json:"label"`  // Swedish label, e.g. "Personnr."
	Value  string `json:"value"`  // the value in clear; personal data
	Source Source `json:"source"` // where the value came from
}

// ExportPerson collects everything held about the person with personal identity number pn
// (also as a sole trader's organisation number) in the cases the actor's organisation may
// see: their party fields with sources, the case's recipients, and the free texts that
// mention them. Each case read is a reveal for [privacy.PurposeDataSubjectRequest], checked by the
// policy and logged. Errors: [privacy.ErrDenied] if the policy refuses any case,
// [ErrInvalidArgument] for a zero pn.
func (s *Service) ExportPerson(ctx context.Context, pn privacy.PersonalIdentityNumber) (PersonExport, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return PersonExport{}, err
	}
	if pn.IsZero() {
		return PersonExport{}, invalidArgument("personalNumber", "missing")
	}
	out := PersonExport{ExportedAt: s.clock(), Cases: []CaseExport{}}
	err = s.eachOwnCase(ctx, a, Query{}, func(c *Case) error {
		sections := c.holds(pn)
		if len(sections) == 0 {
			return nil
		}
		if err := s.decide(ctx, a, c, sectionPaths(sections), privacy.PurposeDataSubjectRequest); err != nil {
			return err
		}
		ce := c.export(sections)
		ce.Mentions = c.textsMentioning(c.mentionsOf(sections))
		out.Cases = append(out.Cases, ce)
		return nil
	})
	if err != nil {
		return PersonExport{}, err
	}
	return out, nil
}

// export builds a case's part of a person's export.
func (c *Case) export(sections []PartySection) CaseExport {
	ce := CaseExport{
		CaseID: c.id, GridCompany: c.gridCompany, Status: c.status, CreatedAt: c.createdAt,
		Recipients: c.provenance.Recipients(), Justifications: c.Justifications(),
	}
	for _, s := range sections {
		se := SectionExport{Section: s}
		for _, f := range partyFields(s) {
			if v := f.Reveal(&c.form); v != "" {
				se.Fields = append(se.Fields, ExportedField{Path: f.Path(), Label: f.Label(), Value: v, Source: c.provenance.Source(f)})
			}
		}
		ce.Sections = append(ce.Sections, se)
	}
	return ce
}

// ErasureResult says what an erasure or a purge did: which cases changed and how many
// fields were erased. It holds no personal data.
type ErasureResult struct {
	Cases  []ID `json:"cases"`  // IDs of the cases changed
	Fields int  `json:"fields"` // number of fields erased, over all cases
}

// ErasePerson erases the person with personal identity number pn from every case the actor's
// organisation holds (GDPR art. 17): every field of their party section is emptied, and so is
// every free text that mentions them (by name, street, e-mail, identity or phone number) —
// the work description, the notes, the history's reasons and the attachments' names —
// whatever the case's status; a [Tombstone] without personal data records what was erased;
// the status history's rows stay, only a reason naming the person is emptied. Each case is checked by the policy for
// [privacy.PurposeDataSubjectRequest] and logged, then updated on its own with optimistic
// concurrency: on an error, cases already done stay erased and the result lists them.
func (s *Service) ErasePerson(ctx context.Context, pn privacy.PersonalIdentityNumber) (ErasureResult, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return ErasureResult{}, err
	}
	if pn.IsZero() {
		return ErasureResult{}, invalidArgument("personalNumber", "missing")
	}
	var res ErasureResult
	err = s.eachOwnCase(ctx, a, Query{}, func(c *Case) error {
		sections := c.holds(pn)
		if len(sections) == 0 {
			return nil
		}
		if err := s.decide(ctx, a, c, sectionPaths(sections), privacy.PurposeDataSubjectRequest); err != nil {
			return err
		}
		var fields []merge.Field
		for _, sec := range sections {
			fields = append(fields, partyFields(sec)...)
		}
		named := c.mentionsOf(sections)
		return s.erase(ctx, c, &res, func(c *Case, now time.Time) []string {
			return c.erasePersonal(fields, func() []string { return c.eraseMentions(named) }, ErasedOnRequest, a, now)
		})
	})
	return res, err
}

// Purge erases the personal data of the actor's organisation's closed and cancelled cases
// whose grid company's retention period ([GridCompany.RetentionDays]) has run out since their
// last change: both parties, the installation address and property designation, and every
// personal field outside the form (see [Classification]): the work description, the
// installer's organisation number and contact details, and the texts of the notes, the
// history's reasons and the attachments' names, whose rows stay. Only data-protection staff
// may purge.
func (s *Service) Purge(ctx context.Context) (ErasureResult, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return ErasureResult{}, err
	}
	if !a.HasRole(privacy.RoleDataProtection) {
		return ErasureResult{}, fmt.Errorf("%w: purging needs the data-protection role", ErrForbidden)
	}
	companies, err := s.catalog.GridCompanies(ctx)
	if err != nil {
		return ErasureResult{}, err
	}
	now := s.clock()
	var res ErasureResult
	for _, g := range companies {
		if g.RetentionDays == 0 {
			continue
		}
		cutoff := now.AddDate(0, 0, -g.RetentionDays)
		q := Query{GridCompany: g.ID, Statuses: []Status{Closed, Cancelled}}
		err := s.eachOwnCase(ctx, a, q, func(c *Case) error {
			if !c.updatedAt.Before(cutoff) {
				return nil
			}
			return s.erase(ctx, c, &res, func(c *Case, now time.Time) []string {
				return c.erasePersonal(allPersonalFields(), c.eraseExtras, ErasedByRetention, a, now)
			})
		})
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// DeleteGridCompanyData deletes every case of the actor's organisation for one grid company,
// whatever its status: the end of the assignment (GDPR art. 28(3)(g)), after the data was
// returned, for example as [Snapshot]s read through the repository. Only data-protection
// staff may do it. It returns the IDs deleted; on an error, those deleted so far are listed.
func (s *Service) DeleteGridCompanyData(ctx context.Context, gridCompany string) ([]ID, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	if !a.HasRole(privacy.RoleDataProtection) {
		return nil, fmt.Errorf("%w: deleting a grid company's data needs the data-protection role", ErrForbidden)
	}
	if gridCompany == "" {
		return nil, invalidArgument("gridCompany", "missing")
	}
	var victims []*Case
	err = s.eachOwnCase(ctx, a, Query{GridCompany: gridCompany}, func(c *Case) error {
		victims = append(victims, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var deleted []ID
	for _, c := range victims {
		if err := s.cases.Delete(ctx, c.id, c.version); err != nil {
			return deleted, err
		}
		deleted = append(deleted, c.id)
	}
	return deleted, nil
}

// erase applies an erasure to c and stores it; it records the case in res if anything was
// erased.
func (s *Service) erase(ctx context.Context, c *Case, res *ErasureResult, do func(*Case, time.Time) []string) error {
	now := s.clock()
	erased := do(c, now)
	if len(erased) == 0 {
		return nil
	}
	c.updatedAt = now
	if _, err := s.cases.Update(ctx, c); err != nil {
		return err
	}
	res.Cases = append(res.Cases, c.id)
	res.Fields += len(erased)
	return nil
}

// eachOwnCase calls fn for every case of the actor's organisation (as installer company or,
// for sent cases, as grid company) that q selects, a page at a time. The cases are the
// caller's own copies.
func (s *Service) eachOwnCase(ctx context.Context, a privacy.Actor, q Query, fn func(*Case) error) error {
	q.Limit = MaxPageSize
	for {
		page, err := s.cases.List(ctx, q)
		if err != nil {
			return err
		}
		for _, c := range page.Cases {
			if !ownedBy(a, c) {
				continue
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		if page.Next.IsZero() {
			return nil
		}
		q.After = page.Next
	}
}

// ownedBy reports whether the case belongs to the actor's organisation.
func ownedBy(a privacy.Actor, c *Case) bool {
	return a.Organisation != "" && (a.Organisation == c.handler.Organisation ||
		(a.Organisation == c.gridCompany && c.wasSubmitted()))
}

// sectionPaths returns the personal field paths of the sections.
func sectionPaths(sections []PartySection) []string {
	var paths []string
	for _, s := range sections {
		for _, f := range partyFields(s) {
			if IsPersonal(f) {
				paths = append(paths, f.Path())
			}
		}
	}
	return paths
}

// allPersonalFields returns every personal field of the form.
func allPersonalFields() []merge.Field {
	var out []merge.Field
	for _, f := range merge.Fields() {
		if IsPersonal(f) {
			out = append(out, f)
		}
	}
	return out
}

// eraseExtras empties the personal data outside the form, every field of [outsideFields]:
// the work description, the installer's organisation number and contact details, and the
// texts of the notes, the history's reasons and the attachments' names (the rows stay); it
// returns the paths erased.
func (c *Case) eraseExtras() []string {
	var erased []string
	for _, o := range outsideFields {
		if o.erase(c) {
			erased = append(erased, o.path)
		}
	}
	return erased
}
