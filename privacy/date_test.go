package privacy

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDateValid(t *testing.T) {
	for _, in := range []string{"1988-03-20", "2000-02-29", "1800-01-01", "2026-05-01", " 1999-12-31 "} {
		t.Run(in, func(t *testing.T) {
			d, err := ParseDateAt(in, testRef)
			require.NoError(t, err)
			clear := strings.TrimSpace(in)
			assert.Equal(t, clear, d.Reveal())
			assert.Equal(t, "****-**-**", d.String())
			tm, err := time.Parse(time.DateOnly, clear)
			require.NoError(t, err)
			assert.Equal(t, tm, d.Time())
			again, err := ParseDateAt(d.Reveal(), testRef)
			require.NoError(t, err)
			assert.True(t, d == again)
			assert.True(t, cmp.Equal(d, again))
		})
	}
	d, err := ParseDate("1988-03-20")
	require.NoError(t, err)
	assert.Equal(t, "1988-03-20", d.Reveal())
	assert.True(t, Date{}.Time().IsZero())
}

func TestParseDateInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"1988-3-20", ErrLength},
		{"19880320", ErrLength},
		{strings.Repeat("1", 70), ErrLength},
		{"1988/03/20", ErrSeparator},
		{"1988-03-2x", ErrNotDigit},
		{"１９８８-03-20", ErrLength}, // full-width digits are 3 bytes each
		{"198８-03-20", ErrLength},
		{"1988-02-30", ErrDate},
		{"2001-02-29", ErrDate},
		{"1988-13-01", ErrDate},
		{"1988-00-01", ErrDate},
		{"1988-01-00", ErrDate},
		{"2026-05-02", ErrDate}, // tomorrow
		{"1799-12-31", ErrDate},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDateAt(tc.in, testRef)
			require.ErrorIs(t, err, tc.want)
			assert.True(t, d.IsZero())
		})
	}
}

func TestDateUnmarshal(t *testing.T) {
	var d Date
	require.NoError(t, json.Unmarshal([]byte(`"1988-03-20"`), &d))
	assert.Equal(t, "1988-03-20", d.Reveal())
	require.ErrorIs(t, json.Unmarshal([]byte(`"****-**-**"`), &d), ErrMasked)
	require.ErrorIs(t, d.UnmarshalText([]byte("1988-02-30")), ErrDate)
	require.NoError(t, d.UnmarshalText([]byte(" ")))
	assert.True(t, d.IsZero())
}

func TestParseDateAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = ParseDateAt("1988-03-20", testRef)
	})
	assert.Zero(t, allocs)
}
