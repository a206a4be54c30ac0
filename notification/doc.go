// Package notification is the case an electrical installer sends a grid company: the
// föranmälan (pre-notification) and what follows it, to the färdiganmälan (completion
// notification) and the closing of the case.
//
// # The shape
//
// [Case] is the aggregate. Its state is a [Snapshot], the one mirror of a case: every other
// form of a case — its masked JSON, the sealed storage format of package sealed, a store's
// listing columns — is derived from the snapshot by code that walks it. The case's rules are
// guarded by its methods: a case is edited only while it is "Ej skickat" or "Returnerad för
// komplettering", and only through a [Draft], which has the form's setters and nothing else;
// its status moves only along the [Transitions] table; every method that fails leaves the case
// exactly as it was.
//
// [Service] is the manual's steps as methods, over three ports with in-memory defaults:
// [catalog.Catalog] (grid companies, areas, installation types, job types, mandatory-field
// profiles), [Repository] (cases with optimistic concurrency; [MemoryRepository]) and
// [facility.Lookup] ("Hämta anl-data"; [facility.Registry]). [NewDefaultService] wires the
// defaults with the example catalog and sample facilities. Every step that changes a case takes
// the version the caller last saw and fails with [ErrConflict] if the case changed since.
//
// The actor performing an operation travels in the context ([privacy.WithActor]); the status
// history records who did what, and personal data never appears in errors.
//
// # The manual, step by step
//
//	Manual step                                    Method                         File
//	1–7    Skapa anmälan                           Service.Create                 service_create.go
//	8–13   Hämta anl-data, Skriv över? Ja/Nej      Service.FetchFacility          service_fetch.go
//	                                               Case.FetchFacility             case_form_steps.go
//	                                               (the merge rule: merge.Fetch)
//	14     Fel mätarnummer: rensa och sök igen     Service.ClearIdentifiers       service_fetch.go
//	16, 20 Redigera, Spara                         Service.Save, Case.Edit, Draft service_save.go, draft.go
//	17, 19 Tvingande fält (rött)                   Service.Check, Case.Check      service_save.go, case_check.go
//	18     Kopiera från ägare                      Service.CopyFromOwner          service_save.go, case_form_steps.go
//	21     Skicka föranmälan                       Service.Submit                 service_lifecycle.go, case_lifecycle.go
//	–      Godkänn (installationsmedgivande)       Service.Approve                service_lifecycle.go
//	–      Avslå, Returnera för komplettering      Service.Reject, Service.Return service_lifecycle.go
//	–      Färdiganmälan, Avsluta                  Service.NotifyCompletion,      service_lifecycle.go
//	                                               Service.Close
//	–      Makulera                                Service.Cancel                 service_lifecycle.go
//	–      Ny notering                             Service.AddNote                service_lifecycle.go
//	–      Ta bort                                 Service.Delete                 service_lifecycle.go
//	–      The lifecycle table                     Transitions                    action.go, status.go
//
// The personal-data instruction at the end of the manual:
//
//	Rule                                           Method                         File
//	Who may see clear text, for what; logged       Service.Reveal                 service_reveal.go
//	Personal identity number only when justified   Justification, WithConsent     justification.go
//	Every personal field, classified               Classification                 classification.go, personal.go
//	Access (art. 15), erasure (art. 17)            Service.ExportPerson,          service_rights.go, erasure.go,
//	                                               Service.ErasePerson            mentions.go
//	Retention, end of assignment (art. 28)         Service.Purge,                 service_rights.go
//	                                               Service.DeleteGridCompanyData
//	Where each value came from                     Sources, Recipient             sources.go
//
// Input a person typed is parsed into the case's types by [ParseParty] and [ParseInstaller];
// bad input is a [validate.InvalidError] naming every malformed field, in Swedish and English.
package notification
