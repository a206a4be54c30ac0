package merge_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
)

func TestOutcomeText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		o       merge.Outcome
		en, sv  string
		changed bool
	}{
		{merge.Untouched, "untouched", "orörd", false},
		{merge.Filled, "filled", "ifylld", true},
		{merge.Overwritten, "overwritten", "överskriven", true},
		{merge.Same, "already the same", "redan samma", false},
		{merge.Kept, "kept: you chose not to overwrite", "behållen: du valde att inte skriva över", false},
		{merge.NotReturned, "kept: the lookup returned no value", "behållen: hämtningen gav inget värde", false},
		{merge.Withheld, "kept: withheld by the lookup for privacy reasons, ask the customer",
			"behållen: lämnas inte ut av integritetsskäl, fråga kunden", false},
		{merge.Cleared, "cleared: the lookup returned it empty", "rensad: hämtningen gav den tom", true},
	}
	seenEn, seenSv := map[string]bool{}, map[string]bool{}
	for _, tt := range tests {
		assert.Equal(t, tt.en, tt.o.String())
		assert.Equal(t, tt.sv, tt.o.Swedish())
		assert.Equal(t, tt.changed, tt.o.Changed(), tt.en)
		assert.False(t, seenEn[tt.en] || seenSv[tt.sv], "duplicate text for %v", tt.o)
		seenEn[tt.en], seenSv[tt.sv] = true, true
	}
	require.Len(t, tests, int(merge.Cleared)+1, "a new Outcome needs a line here")

	for _, o := range []merge.Outcome{merge.Cleared + 1, 99, 255} {
		assert.Equal(t, fmt.Sprintf("Outcome(%d)", uint8(o)), o.String())
		assert.Equal(t, o.String(), o.Swedish())
		assert.False(t, o.Changed())
	}
}

func TestModeText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m      merge.Mode
		en, sv string
		valid  bool
	}{
		{merge.Overwrite, "overwrite", "Ja", true},
		{merge.FillEmpty, "fill empty", "Nej", true},
		{merge.Mode(2), "Mode(2)", "Mode(2)", false},
		{merge.Mode(255), "Mode(255)", "Mode(255)", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.en, tt.m.String())
		assert.Equal(t, tt.sv, tt.m.Swedish())
		assert.Equal(t, tt.valid, tt.m.Valid())
	}
	var zero merge.Mode
	assert.Equal(t, merge.Overwrite, zero, `the zero Mode is "Ja", the manual's default`)
}
