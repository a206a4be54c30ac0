package notification

import (
	"context"
	"fmt"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// formCategories classifies every personal field of the form: this table is the one place
// that says which fields are personal data and of what kind. A field absent from it
// (identifiers of the facility, fuse, power, kinds, flags) is not personal data.
// TestClassificationCoversEveryField keeps it complete.
var formCategories = classifyForm()

func classifyForm() map[merge.Field]privacy.Category {
	out := map[merge.Field]privacy.Category{
		merge.FacilityCareOf:              privacy.CategoryAddress,
		merge.FacilityStreet:              privacy.CategoryAddress,
		merge.FacilityPostalCode:          privacy.CategoryAddress,
		merge.FacilityCity:                privacy.CategoryAddress,
		merge.FacilityPropertyDesignation: privacy.CategoryAddress,
	}
	// The owner's and the payer's fields are classified alike.
	party := map[merge.Field]privacy.Category{
		merge.OwnerCompanyName:        privacy.CategoryName,
		merge.OwnerSurname:            privacy.CategoryName,
		merge.OwnerGivenName:          privacy.CategoryName,
		merge.OwnerCareOf:             privacy.CategoryAddress,
		merge.OwnerStreet:             privacy.CategoryAddress,
		merge.OwnerPostalCode:         privacy.CategoryAddress,
		merge.OwnerCity:               privacy.CategoryAddress,
		merge.OwnerPersonalNumber:     privacy.CategoryIdentityNumber,
		merge.OwnerOrganisationNumber: privacy.CategoryIdentityNumber,
		merge.OwnerBirthDate:          privacy.CategoryBirthDate,
		merge.OwnerPhone:              privacy.CategoryContact,
		merge.OwnerEmail:              privacy.CategoryContact,
		merge.OwnerInvoiceReference:   privacy.CategoryFreeText,
	}
	for f, c := range party {
		out[f] = c
		out[f-merge.OwnerKind+merge.PayerKind] = c
	}
	return out
}

// outsideFields is every personal field outside the form, with how it is classified, erased
// and sealed: [Classification], the [Codec] and the erasures ([Service.Purge],
// [Service.ErasePerson]) all read this one table, so none of them can miss a field the others
// know. A list field ("notes.text") is a value of every element of the list.
// TestOutsideFieldsAreHandledEverywhere keeps each entry honest.
var outsideFields = []outsideField{
	oneValue("workDescription", "Arbetsbeskrivning", privacy.CategoryFreeText, "the installer",
		func(c *Case) *privacy.Text { return &c.workDescription },
		func(s *Snapshot) *privacy.Text { return &s.WorkDescription }, textOf),
	// A sole trader's (enskild firma) organisation number is the owner's personal identity
	// number, so it is classified as one, sensitive; a limited company's is not personal data,
	// but the classification takes the stricter case, as for the parties' numbers.
	oneValue("installer.organisationNumber", "Installatörens organisationsnummer", privacy.CategoryIdentityNumber,
		"the installer (personal data when the installer is a sole trader, whose organisation number is a personal identity number)",
		func(c *Case) *privacy.OrganisationNumber { return &c.installer.OrganisationNumber },
		func(s *Snapshot) *privacy.OrganisationNumber { return &s.Installer.OrganisationNumber },
		privacy.ParseOrganisationNumber),
	oneValue("installer.contact", "Kontaktperson", privacy.CategoryName, "the installer",
		func(c *Case) *privacy.Text { return &c.installer.Contact },
		func(s *Snapshot) *privacy.Text { return &s.Installer.Contact }, textOf),
	oneValue("installer.phone", "Installatörens telefon", privacy.CategoryContact, "the installer",
		func(c *Case) *privacy.Phone { return &c.installer.Phone },
		func(s *Snapshot) *privacy.Phone { return &s.Installer.Phone }, privacy.ParsePhone),
	oneValue("installer.email", "Installatörens epost", privacy.CategoryContact, "the installer",
		func(c *Case) *privacy.Email { return &c.installer.Email },
		func(s *Snapshot) *privacy.Email { return &s.Installer.Email }, privacy.ParseEmail),
	eachText("notes.text", "Notering", privacy.CategoryFreeText, "the installer or the grid company",
		func(c *Case) []*privacy.Text {
			return pointers(c.notes, func(n *Note) *privacy.Text { return &n.Text })
		},
		func(s *Snapshot) []*privacy.Text {
			return pointers(s.Notes, func(n *Note) *privacy.Text { return &n.Text })
		},
		func(d *storedCase) []*privacy.Sealed {
			return pointers(d.Notes, func(n *storedNote) *privacy.Sealed { return &n.Text })
		}),
	eachText("history.reason", "Motivering", privacy.CategoryFreeText,
		"the grid company (rejection, return, approval conditions) or the installer (cancellation)",
		func(c *Case) []*privacy.Text {
			return pointers(c.history, func(h *StatusChange) *privacy.Text { return &h.Reason })
		},
		func(s *Snapshot) []*privacy.Text {
			return pointers(s.History, func(h *StatusChange) *privacy.Text { return &h.Reason })
		},
		func(d *storedCase) []*privacy.Sealed {
			return pointers(d.History, func(h *storedChange) *privacy.Sealed { return &h.Reason })
		}),
	eachText("attachments.name", "Bilagans namn", privacy.CategoryFreeText, "the installer",
		func(c *Case) []*privacy.Text {
			return pointers(c.attachments, func(a *Attachment) *privacy.Text { return &a.Name })
		},
		func(s *Snapshot) []*privacy.Text {
			return pointers(s.Attachments, func(a *Attachment) *privacy.Text { return &a.Name })
		},
		func(d *storedCase) []*privacy.Sealed {
			return pointers(d.Attachments, func(a *storedAttachment) *privacy.Sealed { return &a.Name })
		}),
}

// IsPersonal reports whether form field f holds personal data, per [Classification].
func IsPersonal(f merge.Field) bool {
	_, ok := formCategories[f]
	return ok
}

// Classification returns every personal field of a case with its category, purposes, usual
// source and retention rule, in field order; the basis of [RecordOfProcessing].
func Classification() []privacy.FieldClass {
	purposes := privacy.Purposes()
	retention := "until the grid company's retention period after the case is closed or cancelled; " +
		"erased earlier on the data subject's request"
	var out []privacy.FieldClass
	for _, f := range merge.Fields() {
		cat, ok := formCategories[f]
		if !ok {
			continue
		}
		source := "the grid company's lookup or the installer"
		if f.Withheld() {
			source = "the customer (the lookup withholds it)"
		}
		out = append(out, privacy.FieldClass{
			Path: f.Path(), Label: f.Label(), Category: cat, Sensitive: cat.Sensitive(),
			Purposes: purposes, Source: source, Retention: retention,
		})
	}
	for _, o := range outsideFields {
		out = append(out, privacy.FieldClass{
			Path: o.path, Label: o.label, Category: o.category, Sensitive: o.category.Sensitive(),
			Purposes: purposes, Source: o.source, Retention: retention,
		})
	}
	return out
}

// RecordOfProcessing returns the record of processing (GDPR art. 30) for an installer
// company, processor, working for the grid companies in catalog: every personal field
// classified, the purposes, the recipients, each grid company's retention period and the
// measures the library takes. It holds no personal data; marshal it to JSON to file it.
func RecordOfProcessing(ctx context.Context, catalog Catalog, processor string) (privacy.ProcessingRecord, error) {
	companies, err := catalog.GridCompanies(ctx)
	if err != nil {
		return privacy.ProcessingRecord{}, err
	}
	rec := privacy.ProcessingRecord{
		Activity:   "Notifications to grid companies (föranmälan, färdiganmälan) for electrical installation work",
		Processor:  processor,
		Purposes:   privacy.Purposes(),
		Controller: "the grid company of each case, whose instruction binds the installer",
		DataSubjects: []string{"property owners", "payers (the grid company's customers)",
			"the installer company's staff"},
		Fields:    Classification(),
		Retention: map[string]string{},
		Measures: []string{
			"personal values masked in every output channel (fmt, slog, JSON, text, errors) unless revealed",
			"reveal only by policy (the case's handler and configured roles), for a stated purpose",
			"every reveal, allowed or denied, recorded in an access log without the values",
			"identity numbers set only with a recorded justification; never used as keys, IDs or file names",
			"identity numbers and names obfuscated in memory; AEAD with rotating keys at rest where the store is configured",
			"export (art. 15), erasure with tombstones (art. 17), retention purge and per-grid-company deletion (art. 28)",
		},
	}
	for _, g := range companies {
		rec.Recipients = append(rec.Recipients, g.Name)
		if g.RetentionDays > 0 {
			rec.Retention[g.ID] = fmt.Sprintf("%d days after the case is closed or cancelled", g.RetentionDays)
		} else {
			rec.Retention[g.ID] = "no period configured: nothing is purged automatically"
		}
	}
	return rec, nil
}
