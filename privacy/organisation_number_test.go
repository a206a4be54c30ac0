package privacy

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseOrganisationNumberValid(t *testing.T) {
	tests := []struct {
		in, reveal, str, vat string
		personal             bool
		kind                 OrganisationKind
	}{
		{"556016-0680", "5560160680", "556016-0680", "SE556016068001", false, KindLimitedCompany},
		{"5560160680", "5560160680", "556016-0680", "SE556016068001", false, KindLimitedCompany},
		{"165560160680", "5560160680", "556016-0680", "SE556016068001", false, KindLimitedCompany},
		{"16556016-0680", "5560160680", "556016-0680", "SE556016068001", false, KindLimitedCompany},
		{" 202100-5489 ", "2021005489", "202100-5489", "SE202100548901", false, KindGovernment},
		{"880320-0016", "8803200016", "880320-****", "SE880320001601", true, KindSoleTrader},
		{"198803200016", "8803200016", "880320-****", "SE880320001601", true, KindSoleTrader},
		{"19880320-0016", "8803200016", "880320-****", "SE880320001601", true, KindSoleTrader},
		{"168803200016", "8803200016", "880320-****", "SE880320001601", true, KindSoleTrader},
		{"090527+1474", "0905271474", "090527-****", "SE090527147401", true, KindSoleTrader},
		{"701063-2391", "7010632391", "701063-****", "SE701063239101", true, KindSoleTrader},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			o, err := ParseOrganisationNumber(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.reveal, o.Reveal())
			assert.Equal(t, tc.str, o.String())
			assert.Equal(t, tc.vat, o.RevealVATNumber())
			if tc.personal {
				assert.Equal(t, "SE"+tc.reveal[:6]+"****01", o.VATNumber(), "a sole trader's VAT number is masked")
				assert.NotContains(t, o.VATNumber(), tc.reveal[6:])
			} else {
				assert.Equal(t, tc.vat, o.VATNumber(), "a legal person's VAT number is public")
			}
			assert.Equal(t, tc.personal, o.IsPersonal())
			assert.Equal(t, tc.kind, o.Kind())
			assert.False(t, o.IsZero())
		})
	}
}

func TestParseOrganisationNumberInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"5560160681", ErrCheckDigit}, // DOMAIN
		{"55601606", ErrLength},
		{"55601606801", ErrLength},
		{strings.Repeat("5", 100), ErrLength},
		{"175560160680", ErrPrefix},
		{"195560160680", ErrPrefix}, // 19 is for personal numbers only
		{"556016+0680", ErrSeparator},
		{"5560-160680", ErrSeparator},
		{"556016 0680", ErrSeparator},
		{"55601６-0680", ErrNotDigit},
		{"881320-0014", ErrGroupNumber}, // month 13 < 20, Luhn ok, not a date
		{"201509160006", ErrGroupNumber},
		{"1509160006", ErrGroupNumber}, // birth number 000
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			o, err := ParseOrganisationNumber(tc.in)
			require.ErrorIs(t, err, tc.want)
			assert.True(t, o.IsZero())
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Same(t, KindOrganisationNumber, pe.Kind)
			assert.Equal(t, "organisation number", pe.Kind.String())
		})
	}
}

func TestOrganisationKindLabels(t *testing.T) {
	tests := []struct {
		first            string
		kind             OrganisationKind
		english, swedish string
	}{
		{"1", KindEstate, "estates", "dödsbon"},
		{"2", KindGovernment, "state, regions, municipalities", "stat, landsting, kommuner"},
		{"3", KindForeignCompany, "foreign companies", "utländska företag"},
		{"4", KindUnknown, "unknown", "okänd"},
		{"5", KindLimitedCompany, "limited companies", "aktiebolag"},
		{"6", KindSimplePartnership, "simple partnerships", "enkla bolag"},
		{"7", KindEconomicAssociation, "economic associations, housing cooperatives", "ekonomiska föreningar, bostadsrättsföreningar"},
		{"8", KindNonProfit, "non-profit associations, foundations", "ideella föreningar, stiftelser"},
		{"9", KindTradingPartnership, "trading partnerships, limited partnerships", "handelsbolag, kommanditbolag"},
	}
	for _, tc := range tests {
		t.Run(tc.first, func(t *testing.T) {
			nine := tc.first + "12345678"
			o, err := ParseOrganisationNumber(nine + string(luhnDigit(nine)))
			require.NoError(t, err)
			assert.Equal(t, tc.kind, o.Kind())
			assert.Equal(t, tc.english, o.Kind().String())
			assert.Equal(t, tc.swedish, o.Kind().Swedish())
		})
	}
	assert.Equal(t, "sole trader", KindSoleTrader.String())
	assert.Equal(t, "enskild näringsidkare", KindSoleTrader.Swedish())
	assert.Equal(t, "unknown", OrganisationKind(200).String())
	assert.Equal(t, "okänd", OrganisationKind(200).Swedish())
	assert.Equal(t, KindUnknown, OrganisationNumber{}.Kind())
}

func TestOrganisationNumberRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		s := randomLegalOrg(r)
		o, err := ParseOrganisationNumber(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, o.Reveal())
		for _, form := range []string{o.String(), o.Reveal(), "16" + o.Reveal()} {
			q, err := ParseOrganisationNumber(form)
			require.NoError(t, err)
			assert.True(t, o == q)
			assert.True(t, cmp.Equal(o, q))
		}
	}
}

func TestOrganisationNumberUnmarshal(t *testing.T) {
	var body struct {
		Legal    OrganisationNumber
		Personal OrganisationNumber
	}
	require.NoError(t, json.Unmarshal([]byte(`{"Legal":"556016-0680","Personal":"880320-0016"}`), &body))
	out, err := json.Marshal(body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Legal":"556016-0680","Personal":"880320-****"}`, string(out))
	require.ErrorIs(t, json.Unmarshal(out, &body), ErrMasked)

	var legal OrganisationNumber
	require.NoError(t, json.Unmarshal([]byte(`"556016-0680"`), &legal), "legal persons round-trip")
	require.NoError(t, legal.UnmarshalText(nil))
	assert.True(t, legal.IsZero())
}

func TestParseOrganisationNumberAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = ParseOrganisationNumber("556016-0680")
	})
	assert.Zero(t, allocs)
}
