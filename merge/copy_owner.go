package merge

// CopyFromOwner is "Kopiera från ägare" (manual step 18): the payer becomes an exact copy of
// the property owner, every party field included, and the report says what that did to each
// payer field (owner fields are [Untouched]). A payer field whose owner field is empty is
// [Cleared], because the copy is exact: the installer asked for the owner's details, not a
// blend of two parties. A nil form reports nothing.
func CopyFromOwner(form *Form) Report {
	var rep Report
	if form == nil {
		return rep
	}
	owner := form.Owner
	mergeParty(&rep, PayerKind, &form.Payer, &owner, ruleExact, false)
	return rep
}
