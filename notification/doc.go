// Package notification is the case an electrical installer sends a grid company: the
// föranmälan (pre-notification) and what follows it, to the färdiganmälan (completion
// notification) and the closing of the case.
//
// [Case] is the aggregate. Its fields are unexported and its invariants are guarded by its
// methods: a case is edited only while it is "Ej skickat" or "Returnerad för komplettering",
// its status moves only along the [Transitions] table, and every method that fails leaves the
// case exactly as it was.
//
// [Service] is the manual's steps as methods, over three ports with in-memory defaults:
// [Catalog] (grid companies, their areas, installation types, job types and mandatory-field
// profiles; [StaticCatalog]), [Repository] (cases with optimistic concurrency;
// [MemoryRepository]) and [facility.Lookup] ("Hämta anl-data"; [facility.Registry]).
// [NewDefaultService] wires the defaults with the example catalog and sample facilities.
//
// The actor performing an operation travels in the context ([privacy.WithActor]); the status
// history records who did what, and personal data never appears in errors.
package notification
