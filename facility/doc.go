// Package facility is what a grid company knows about a connection point
// (anläggning) and the Lookup port behind the manual's "Hämta anl-data".
//
// The identifiers of a facility — the facility ID ([EAN], a GS1 GSRN), the
// [MeterNumber], the [TechnicalNumber] and the grid-area [AreaCode] — are not
// personal data and print in clear. Everything that describes a person (names,
// street addresses, identity numbers, phone, e-mail, the property
// designation) is held in the masked types of package privacy, so printing,
// logging or serialising a [Record] never shows it unless a caller calls
// Reveal.
//
// Parsers return a *[privacy.ParseError] of one of this package's kinds
// ([KindFacilityID], [KindMeterNumber], ...) that wraps one of package
// privacy's sentinel errors ([privacy.ErrEmpty], [privacy.ErrLength],
// [privacy.ErrNotDigit], [privacy.ErrCheckDigit], [privacy.ErrSyntax],
// [privacy.ErrNotStandard]); branch on them with errors.Is. Error messages
// never contain the input, and returning one allocates nothing.
//
// [Lookup] is the port a grid company's system implements; [Registry] is the
// in-memory implementation used as the embedded default and in tests, and
// package facilitytest holds the conformance suite every implementation
// should pass. A lookup never returns personal or organisation numbers (see
// [Record.Withhold]): those must come from the customer.
package facility
