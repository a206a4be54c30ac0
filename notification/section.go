package notification

import (
	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
)

// Section names one of the form's two party sections: the property owner or the payer. (Who
// takes a step is a [Side]; whether a party is a private person or a company is its
// facility.PartyKind.)
type Section string

// The party sections of a case.
const (
	SectionOwner Section = "owner" // Fastighetsägare
	SectionPayer Section = "payer" // Betalningsansvarig
)

// valid reports whether s is a section.
func (s Section) valid() bool { return s == SectionOwner || s == SectionPayer }

// party returns the section's party in form f.
func (s Section) party(f *merge.Form) *facility.Party {
	if s == SectionPayer {
		return &f.Payer
	}
	return &f.Owner
}

// base is the section's first form field.
func (s Section) base() merge.Field {
	if s == SectionPayer {
		return merge.PayerKind
	}
	return merge.OwnerKind
}

// fields returns the form fields of the section.
func (s Section) fields() []merge.Field {
	out := make([]merge.Field, 0, merge.OwnerInvoiceReference-merge.OwnerKind+1)
	for f := s.base(); f <= s.base()+merge.OwnerInvoiceReference-merge.OwnerKind; f++ {
		out = append(out, f)
	}
	return out
}
