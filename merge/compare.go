package merge

import "github.com/gridnotify/gridnotify/facility"

// Compare reports, field by field, how after differs from before: [Same] for an unchanged
// field, [Filled], [Overwritten] or [Cleared] for a changed one. It changes neither form; a
// nil form reports nothing.
// Package notification uses it to record where each changed personal field came from.
func Compare(before, after *Form) Report {
	if before == nil || after == nil {
		return Report{}
	}
	scratch := *before
	rec := facility.Record{Details: after.Facility, Owner: after.Owner, Customer: after.Payer}
	return mergeRecord(&scratch, &rec, ruleExact, false)
}
