package notification

import (
	"context"
	"errors"
	"time"

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
	// Attachments are the case's attachments with their content: a site plan or diagram
	// shows the facility of the people on it.
	Attachments []ExportedAttachment `json:"attachments,omitempty"`
}

// ExportedAttachment is an attachment in a [PersonExport], its name and content in clear.
type ExportedAttachment struct {
	Kind      AttachmentKind `json:"kind"`      // site plan, single-line diagram or other
	Name      string         `json:"name"`      // the file name in clear; personal data
	MediaType string         `json:"mediaType"` // the sniffed media type
	SHA256    string         `json:"sha256"`    // hex digest of the content
	Content   []byte         `json:"content"`   // the file; base64 in JSON
}

// SectionExport is the person's party section in a case: owner or payer.
type SectionExport struct {
	Section Section         `json:"section"` // owner or payer
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
// (also as a sole trader's organisation number) in the cases the actor's organisation holds:
// their party fields with sources, the case's recipients, and the free texts that mention
// them. Each case read is a reveal for [privacy.PurposeDataSubjectRequest], checked by the
// policy and logged. It reads only the person's cases when the repository is a
// [PersonFinder], and otherwise only the actor's organisation's. Errors: [privacy.ErrDenied]
// if the policy refuses any case, [validate.ErrInvalid] for a zero pn.
func (s *Service) ExportPerson(ctx context.Context, pn privacy.PersonalIdentityNumber) (PersonExport, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return PersonExport{}, err
	}
	if pn.IsZero() {
		return PersonExport{}, invalid("personalNumber", "missing", "saknas")
	}
	out := PersonExport{ExportedAt: s.clock(), Cases: []CaseExport{}}
	err = s.eachCaseOf(ctx, a, pn, func(c *Case, sections []Section) error {
		if err := s.decide(ctx, a, c, sectionPaths(sections), privacy.PurposeDataSubjectRequest); err != nil {
			return err
		}
		ce := c.export(sections)
		ce.Mentions = c.textsMentioning(c.mentionsOf(sections))
		for _, at := range c.s.Attachments {
			if at.SHA256 == "" {
				continue
			}
			content, err := s.files.Content(ctx, c.s.ID, at.SHA256)
			if errors.Is(err, ErrNotFound) {
				continue // erased, or never uploaded through the Service
			}
			if err != nil {
				return err
			}
			ce.Attachments = append(ce.Attachments, ExportedAttachment{Kind: at.Kind, Name: at.Name.Reveal(),
				MediaType: at.MediaType, SHA256: at.SHA256, Content: content})
		}
		out.Cases = append(out.Cases, ce)
		return nil
	})
	if err != nil {
		return PersonExport{}, err
	}
	return out, nil
}

// export builds a case's part of a person's export.
func (st *state) export(sections []Section) CaseExport {
	ce := CaseExport{
		CaseID: st.s.ID, GridCompany: st.s.GridCompany, Status: st.s.Status, CreatedAt: st.s.CreatedAt,
		Recipients: st.Recipients(), Justifications: st.Justifications(),
	}
	for _, sec := range sections {
		se := SectionExport{Section: sec}
		for _, f := range sec.fields() {
			if v := f.Reveal(&st.s.Form); v != "" {
				se.Fields = append(se.Fields, ExportedField{Path: f.Path(), Label: f.Label(), Value: v, Source: st.s.Sources.Of(f)})
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
// the status history's rows stay, only a reason naming the person is emptied. Each case is
// checked by the policy for [privacy.PurposeDataSubjectRequest] and logged, then updated on
// its own with optimistic concurrency: on an error, cases already done stay erased and the
// result lists them. It finds the cases as [Service.ExportPerson] does.
func (s *Service) ErasePerson(ctx context.Context, pn privacy.PersonalIdentityNumber) (ErasureResult, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return ErasureResult{}, err
	}
	if pn.IsZero() {
		return ErasureResult{}, invalid("personalNumber", "missing", "saknas")
	}
	var res ErasureResult
	err = s.eachCaseOf(ctx, a, pn, func(c *Case, sections []Section) error {
		if err := s.decide(ctx, a, c, sectionPaths(sections), privacy.PurposeDataSubjectRequest); err != nil {
			return err
		}
		named := c.mentionsOf(sections)
		// A site plan or diagram shows the people on the facility and cannot be read for
		// mentions, so the content of every attachment of the case goes, before the case
		// records that it went.
		if err := s.files.DeleteCaseContent(ctx, c.s.ID); err != nil {
			return err
		}
		return s.erase(ctx, c, a, &res, EventPersonalDataErased, func(c *Case, now time.Time) []string {
			return c.eraseRequested(sections, named, a, now)
		})
	})
	return res, err
}

// Purge erases the personal data of the actor's organisation's closed and cancelled cases
// whose grid company's retention period ([catalog.GridCompany.RetentionDays]) has run out since
// their last change: both parties, the installation address and property designation, and
// every personal field outside the form (see [Classification]): the work description, the
// installer's organisation number and contact details, and the texts of the notes, the
// history's reasons and the attachments' names, whose rows stay. Only data-protection staff
// may purge.
func (s *Service) Purge(ctx context.Context) (ErasureResult, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return ErasureResult{}, err
	}
	if !a.HasRole(privacy.RoleDataProtection) {
		return ErasureResult{}, forbidden("purging needs the data-protection role", "Rensning kräver dataskyddsrollen.")
	}
	companies, err := s.catalog.GridCompanies(ctx)
	if err != nil {
		return ErasureResult{}, err
	}
	now := s.clock()
	var res ErasureResult
	for _, g := range companies {
		if g.RetentionDays() == 0 {
			continue
		}
		cutoff := now.AddDate(0, 0, -g.RetentionDays())
		q := Query{GridCompany: g.ID(), Statuses: []Status{Closed, Cancelled}}
		err := s.eachOwnCase(ctx, a, q, func(c *Case) error {
			if !c.s.UpdatedAt.Before(cutoff) {
				return nil
			}
			if err := s.files.DeleteCaseContent(ctx, c.s.ID); err != nil {
				return err
			}
			return s.erase(ctx, c, a, &res, EventPersonalDataPurged, func(c *Case, now time.Time) []string { return c.eraseAll(a, now) })
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
		return nil, forbidden("deleting a grid company's data needs the data-protection role",
			"Att radera ett nätbolags uppgifter kräver dataskyddsrollen.")
	}
	if gridCompany == "" {
		return nil, invalid("gridCompany", "missing", "saknas")
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
		if err := s.cases.Delete(ctx, c.s.ID, c.s.Version); err != nil {
			return deleted, err
		}
		deleted = append(deleted, c.s.ID)
		if err := s.files.DeleteCaseContent(ctx, c.s.ID); err != nil {
			return deleted, err
		}
	}
	return deleted, nil
}

// erase applies an erasure to c through the one path a stored case changes
// ([Service.apply]); it records the case in res if anything was erased.
func (s *Service) erase(ctx context.Context, c *Case, a privacy.Actor, res *ErasureResult, event EventType, do func(*Case, time.Time) []string) error {
	var erased []string
	_, err := s.apply(ctx, c, a, func(c *Case, _ privacy.Actor, now time.Time) error {
		if erased = do(c, now); len(erased) == 0 {
			return errUnchanged
		}
		c.record(event, c.s.Status, actingSide(a, &c.state), now)
		return nil
	})
	if err != nil {
		return err
	}
	if len(erased) > 0 {
		res.Cases = append(res.Cases, c.s.ID)
		res.Fields += len(erased)
	}
	return nil
}

// eachCaseOf calls fn for every case of the actor's organisation that carries pn, with the
// sections that carry it. It asks the repository's person index when there is one
// ([PersonFinder]), and otherwise reads the organisation's own cases only.
func (s *Service) eachCaseOf(ctx context.Context, a privacy.Actor, pn privacy.PersonalIdentityNumber, fn func(*Case, []Section) error) error {
	visit := func(c *Case) error {
		if !ownedBy(a, &c.state) {
			return nil
		}
		if sections := c.holds(pn); len(sections) > 0 {
			return fn(c, sections)
		}
		return nil
	}
	if finder, ok := s.cases.(PersonFinder); ok {
		ids, err := finder.FindPerson(ctx, pn)
		if err != nil {
			return err
		}
		for _, id := range ids {
			c, err := s.cases.Get(ctx, id)
			if errors.Is(err, ErrNotFound) {
				continue // deleted since the index was read
			}
			if err != nil {
				return err
			}
			if err := visit(c); err != nil {
				return err
			}
		}
		return nil
	}
	return s.eachOwnCase(ctx, a, Query{}, visit)
}

// eachOwnCase calls fn for every case of the actor's organisation that q selects — the cases
// it handles as installer company and those sent to it as grid company — a page at a time,
// reading those cases only. The cases are the caller's own copies.
func (s *Service) eachOwnCase(ctx context.Context, a privacy.Actor, q Query, fn func(*Case) error) error {
	if a.Organisation == "" {
		return nil
	}
	asInstaller := q
	asInstaller.Installer = a.Organisation
	queries := []Query{asInstaller}
	if q.GridCompany == "" || q.GridCompany == a.Organisation {
		asGrid := q
		asGrid.GridCompany, asGrid.SentOnly = a.Organisation, true
		queries = append(queries, asGrid)
	}
	for i, q := range queries {
		q.Limit = MaxPageSize
		for {
			page, err := s.cases.List(ctx, q)
			if err != nil {
				return err
			}
			for _, c := range page.Cases {
				if !ownedBy(a, &c.state) || (i > 0 && c.s.Handler.Organisation == a.Organisation) {
					continue // not the organisation's, or visited as the installer company's
				}
				if err := fn(c); err != nil {
					return err
				}
			}
			if page.Next.IsZero() {
				break
			}
			q.After = page.Next
		}
	}
	return nil
}

// sectionPaths returns the personal field paths of the sections.
func sectionPaths(sections []Section) []string {
	var paths []string
	for _, sec := range sections {
		for _, f := range sec.fields() {
			if IsPersonal(f) {
				paths = append(paths, f.Path())
			}
		}
	}
	return paths
}
