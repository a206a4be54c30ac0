package privacy

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMixIsABijection(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	assert.Equal(t, uint64(1), mixC1*mixC1Inv)
	assert.Equal(t, uint64(1), mixC2*mixC2Inv)
	assert.Zero(t, mix(0))
	for range 10000 {
		x := r.Uint64()
		require.Equal(t, x, unmix(mix(x)))
	}
}

func TestHideNum(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	_, ok := showNum(0)
	assert.False(t, ok)
	for _, x := range []uint64{0, 1, 198803200016, 1<<62 - 1, 1<<62 | 5560160680} {
		h := hideNum(x)
		assert.NotZero(t, h)
		got, ok := showNum(h)
		assert.True(t, ok)
		assert.Equal(t, x, got)
	}
	for range 10000 {
		x := r.Uint64() >> 2
		got, ok := showNum(hideNum(x))
		require.True(t, ok)
		require.Equal(t, x, got)
	}
}

func TestHideString(t *testing.T) {
	assert.Empty(t, hideString(""))
	assert.Empty(t, showString(""))
	for _, s := range []string{"a", "Anna Andersson", "+46701234567", strings.Repeat("åäö", 100), "\x00\xff"} {
		h := hideString(s)
		assert.Equal(t, s, showString(h))
		assert.Equal(t, h, hideString([]byte(s)))
		if strings.Trim(s, hexDigits) != "" {
			// Text that is not itself hex can never appear in the hex form.
			assert.NotContains(t, h, s)
		}
		assert.Equal(t, 2*len(s), len(h))
		assert.Equal(t, "", strings.Trim(h, hexDigits), "printable hex only")
	}
}
