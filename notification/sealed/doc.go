// Package sealed is the storage format of a case with its personal data sealed: a store that
// keeps cases outside memory writes [Codec.Encode]'s document and reads it back with
// [Codec.Decode].
//
// It works from the [notification.Snapshot] alone. The snapshot without its personal values
// ([notification.Snapshot.WithoutPersonalValues]) is kept in clear, for nothing in it is
// personal, and every personal value ([notification.Snapshot.PersonalValues]) goes, with its
// path, into one envelope sealed by a [privacy.Sealer] (AES-256-GCM with key IDs in
// [privacy.Keyring], so keys rotate: documents sealed under an old key still open). The
// envelope is bound to the case's ID and to a digest of the clear part, so it cannot be moved
// to another case and the clear part cannot be changed without the document failing to open;
// each value is bound to its field, whose path is sealed with it.
//
// The clear part is binary: each struct field by its JSON name, in a form built once per Go
// type by reflection and cached (plan.go), so a field added to the snapshot is stored without
// a change here, and writing or reading a case costs eight to ten copies of it, where
// encoding/json cost fifty to seventy (BENCHMARKS.md). Types with a form of their own are written
// in it: time.Time and decimal.Decimal in their binary forms, statuses, sources and
// identifiers in their text forms, which stay stable when a constant is added. A privacy type
// is never written in clear; Encode fails if one holds a value the snapshot's table of
// personal fields does not know, rather than store it. A field this version does not know
// is an error on reading, not dropped, so a case written by a later version is never read
// and written back short.
package sealed
