// Package sealed is the storage format of a case with its personal data sealed: a store that
// keeps cases outside memory writes [Codec.Encode]'s document and reads it back with
// [Codec.Decode].
//
// It works from the [notification.Snapshot] alone: the snapshot without its personal values
// ([notification.Snapshot.WithoutPersonalValues]) is kept as clear JSON, for nothing in it is
// personal, and every personal value ([notification.Snapshot.PersonalValues]) goes, with its
// path, into one envelope sealed by a [privacy.Sealer] (AES-256-GCM with key IDs in
// [privacy.Keyring], so keys rotate: documents sealed under an old key still open). The
// envelope is bound to the case's ID and to a digest of the clear part, so it cannot be moved
// to another case and the clear part cannot be changed without the document failing to open;
// each value is bound to its field, whose path is sealed with it. A field added to the
// snapshot is stored without a change here.
package sealed
