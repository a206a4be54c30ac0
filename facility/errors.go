package facility

import "github.com/gridnotify/gridnotify/privacy"

// maxInput is the length, in bytes, above which a parser gives up at once
// with privacy.ErrLength, before looking at the content: no identifier in
// this package is anywhere near it, and a bound keeps parsing cheap on
// hostile input.
const maxInput = 64

// The kinds of input of this package's parsers. Every parser returns a
// *[privacy.ParseError] of one of these kinds, wrapping one of package
// privacy's sentinel errors (privacy.ErrEmpty, privacy.ErrLength,
// privacy.ErrNotDigit, privacy.ErrCheckDigit, privacy.ErrSyntax,
// privacy.ErrNotStandard); it never holds the input, because an input typed
// into the wrong box may be personal data.
var (
	// KindFacilityID is a facility ID, GSRN ("anläggnings-ID").
	KindFacilityID = privacy.NewKind("facility ID", "anläggnings-ID")
	// KindMeterNumber is a meter number ("mätarnummer").
	KindMeterNumber = privacy.NewKind("meter number", "mätarnummer")
	// KindTechnicalNumber is a technical number ("tekniskt nummer").
	KindTechnicalNumber = privacy.NewKind("technical number", "tekniskt nummer")
	// KindAreaCode is a grid-area code ("nätområde").
	KindAreaCode = privacy.NewKind("grid-area code", "nätområde")
	// KindPostalCode is a postal code ("postnummer").
	KindPostalCode = privacy.NewKind("postal code", "postnummer")
	// KindMainFuse is a main-fuse size ("huvudsäkring").
	KindMainFuse = privacy.NewKind("main fuse", "huvudsäkring")
	// KindPartyKind is a party's kind, private or company ("typ").
	KindPartyKind = privacy.NewKind("party kind", "typ")
)
