// Package validate answers two questions about a notification: is what a person typed
// well-formed, and is the case complete for its grid company?
//
// Well-formed: [Struct] checks an input struct with one validator/v10 instance, built once and
// safe for concurrent use, on which the project's format tags are registered (facility_id,
// personal_number, org_number, postal_code, phone_se, area_code, meter_number, main_fuse,
// email, which replaces validator's own, and text and text_multiline for free text; see
// [Tags]). Every problem names the field by its
// JSON path and its Swedish label, and says what is wrong in Swedish and English, in
// sentences that do not repeat the field's name; validator ships no Swedish translation, so
// the messages are ours. [ProblemFor] makes the same kind of problem from any parse error,
// for fields checked outside a struct, and [Invalid] returns such problems as one error. The
// errors of this package that a person reads, [*InvalidError] and [*IncompleteError],
// implement privacy.Localized.
//
// Complete: the mandatory fields of a notification vary by grid company, installation type and
// job type, so they are data: a [Profile], loadable from JSON. [Check] tests a [Document]
// (package notification's case implements it) against a profile and returns every missing
// field as a [Problem]; a field that the grid company's lookup withholds for privacy reasons
// says that the customer must be asked (manual step 17).
//
// Problems never contain the values they are about, so they are safe to log.
package validate
