// Package merge holds the manual's rules for moving data between the sections of a
// notification, in one place:
//
//   - [Fetch] is "Hämta anl-data" followed by "Uppdatera och Stäng" (manual steps 8–15): the
//     facility record a grid company's lookup returned is merged into the case's form under the
//     installer's answer to "Skriv över fält i anmälan?" ([Overwrite] for "Ja", [FillEmpty] for
//     "Nej"). Whatever the answer, the facility ID (EAN), the technical number and the meter
//     number are set to exactly what the lookup returned, so a stale identifier of another
//     facility never survives. A field the lookup does not return (the identity numbers it
//     withholds for privacy reasons, above all) is never blanked.
//   - [CopyFromOwner] is "Kopiera från ägare" (step 18): the property owner's party fields are
//     copied into the payer.
//
// Both return a [Report] that says, for every field, what happened to it (filled, overwritten,
// kept and why), so a user interface can show it. Neither allocates; neither needs reflection,
// because the fields are known.
//
// merge works on a [Form], the part of a case that a lookup can fill; package notification keeps
// one inside each case and calls merge on a copy so that a failed operation changes nothing.
package merge
