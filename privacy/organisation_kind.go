package privacy

// OrganisationKind is the legal form an organisation number's first digit
// stands for (Bolagsverket's group digit), or KindSoleTrader when the
// number is a personal identity number.
type OrganisationKind uint8

// Organisation kinds. The numeric values are not the group digits; use the
// constants.
const (
	// KindUnknown: a first digit with no assigned legal form (0 or 4).
	KindUnknown OrganisationKind = iota
	// KindEstate: 1, dödsbon.
	KindEstate
	// KindGovernment: 2, stat, landsting, kommuner.
	KindGovernment
	// KindForeignCompany: 3, utländska företag.
	KindForeignCompany
	// KindLimitedCompany: 5, aktiebolag.
	KindLimitedCompany
	// KindSimplePartnership: 6, enkla bolag.
	KindSimplePartnership
	// KindEconomicAssociation: 7, ekonomiska föreningar, bostadsrättsföreningar.
	KindEconomicAssociation
	// KindNonProfit: 8, ideella föreningar, stiftelser.
	KindNonProfit
	// KindTradingPartnership: 9, handelsbolag, kommanditbolag.
	KindTradingPartnership
	// KindSoleTrader: enskild näringsidkare, whose number is a personal
	// identity number.
	KindSoleTrader
)

// kindLabels holds the English and Swedish label of each kind.
var kindLabels = [...][2]string{
	KindUnknown:             {"unknown", "okänd"},
	KindEstate:              {"estates", "dödsbon"},
	KindGovernment:          {"state, regions, municipalities", "stat, landsting, kommuner"},
	KindForeignCompany:      {"foreign companies", "utländska företag"},
	KindLimitedCompany:      {"limited companies", "aktiebolag"},
	KindSimplePartnership:   {"simple partnerships", "enkla bolag"},
	KindEconomicAssociation: {"economic associations, housing cooperatives", "ekonomiska föreningar, bostadsrättsföreningar"},
	KindNonProfit:           {"non-profit associations, foundations", "ideella föreningar, stiftelser"},
	KindTradingPartnership:  {"trading partnerships, limited partnerships", "handelsbolag, kommanditbolag"},
	KindSoleTrader:          {"sole trader", "enskild näringsidkare"},
}

// kindByDigit maps a legal person's first digit to its kind.
var kindByDigit = [10]OrganisationKind{
	1: KindEstate, 2: KindGovernment, 3: KindForeignCompany, 5: KindLimitedCompany,
	6: KindSimplePartnership, 7: KindEconomicAssociation, 8: KindNonProfit, 9: KindTradingPartnership,
}

// String returns the English label, e.g. "limited companies".
func (k OrganisationKind) String() string {
	if int(k) >= len(kindLabels) {
		return kindLabels[KindUnknown][0]
	}
	return kindLabels[k][0]
}

// Swedish returns the Swedish label, e.g. "aktiebolag".
func (k OrganisationKind) Swedish() string {
	if int(k) >= len(kindLabels) {
		return kindLabels[KindUnknown][1]
	}
	return kindLabels[k][1]
}
