package notification

import (
	"context"
	"fmt"

	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
)

// formCategories classifies every personal field of the form, for [personalFields], the one
// list of personal data. A field absent from it
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
	out := make([]privacy.FieldClass, len(personalFields))
	for i, p := range personalFields {
		out[i] = privacy.FieldClass{
			Path: p.path, Label: p.label, Category: p.category, Sensitive: p.category.Sensitive(),
			Purposes: purposes, Source: p.source, Retention: retention,
		}
	}
	return out
}

// RecordOfProcessing returns the record of processing (GDPR art. 30) for an installer
// company, processor, working for the grid companies in catalog: every personal field
// classified, the purposes, the recipients, each grid company's retention period and the
// measures the library takes. It holds no personal data; marshal it to JSON to file it.
func RecordOfProcessing(ctx context.Context, cat catalog.Catalog, processor string) (privacy.ProcessingRecord, error) {
	companies, err := cat.GridCompanies(ctx)
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
		rec.Recipients = append(rec.Recipients, g.Name())
		if g.RetentionDays() > 0 {
			rec.Retention[g.ID()] = fmt.Sprintf("%d days after the case is closed or cancelled", g.RetentionDays())
		} else {
			rec.Retention[g.ID()] = "no period configured: nothing is purged automatically"
		}
	}
	return rec, nil
}
