package privacy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maskCase is one value whose clear form must never leak.
type maskCase struct {
	name      string
	value     any      // a privacy value (not a pointer)
	masked    string   // expected String()
	forbidden []string // substrings that must not appear in any channel
}

// allVerbs are the fmt verbs the masking contract names.
var allVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s", "%-20v", "%.3s"}

// Holders used to test nesting. fmt cannot call methods on unexported
// fields, so the unexported holder exercises the obfuscated storage.
type (
	exportedHolder struct{ V any }
	pinHolders     struct {
		V PersonalIdentityNumber
		u PersonalIdentityNumber
	}
)

// channelOutputs renders v through every output channel and returns the
// results keyed by channel name.
func channelOutputs(t *testing.T, v any) map[string]string {
	t.Helper()
	out := map[string]string{}
	if s, ok := v.(fmt.Stringer); ok {
		out["String"] = s.String()
	}
	unexported := unexportedHolder(v)
	for _, verb := range allVerbs {
		out["fmt "+verb] = fmt.Sprintf(verb, v)
		out["fmt ptr "+verb] = fmt.Sprintf(verb, pointerTo(v))
		out["fmt exported struct "+verb] = fmt.Sprintf(verb, exportedHolder{V: v})
		out["fmt unexported struct "+verb] = fmt.Sprintf(verb, unexported)
		out["fmt slice "+verb] = fmt.Sprintf(verb, []any{v, v})
		out["fmt map "+verb] = fmt.Sprintf(verb, map[string]any{"k": v})
	}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Info("msg",
			"attr", v,
			"exported", exportedHolder{V: v},
			"slice", []any{v},
			"map", map[string]any{"k": v},
			slog.Group("group", "inner", v),
			slog.Any("any", v),
		)
		out["slog "+name] = buf.String()
		buf.Reset()
		slog.New(h(&buf)).Info("msg", "unexported", unexported)
		out["slog "+name+" unexported"] = buf.String()
	}
	for name, x := range map[string]any{
		"value": v, "struct": exportedHolder{V: v}, "slice": []any{v}, "map": map[string]any{"k": v},
	} {
		b, err := json.Marshal(x)
		require.NoError(t, err)
		out["json "+name] = string(b)
	}
	if m, ok := v.(interface{ MarshalText() ([]byte, error) }); ok {
		b, err := m.MarshalText()
		require.NoError(t, err)
		out["MarshalText"] = string(b)
	}
	return out
}

// pointerTo returns a pointer to a copy of v of v's concrete type.
func pointerTo(v any) any {
	switch x := v.(type) {
	case PersonalIdentityNumber:
		return &x
	case OrganisationNumber:
		return &x
	case Phone:
		return &x
	case Email:
		return &x
	case Text:
		return &x
	case Date:
		return &x
	}
	panic(fmt.Sprintf("unexpected type %T", v))
}

// unexportedHolder puts v in an unexported field of a struct of v's type,
// where fmt prints the raw representation.
func unexportedHolder(v any) any {
	switch x := v.(type) {
	case PersonalIdentityNumber:
		return struct{ u PersonalIdentityNumber }{x}
	case OrganisationNumber:
		return struct{ u OrganisationNumber }{x}
	case Phone:
		return struct{ u Phone }{x}
	case Email:
		return struct{ u Email }{x}
	case Text:
		return struct{ u Text }{x}
	case Date:
		return struct{ u Date }{x}
	}
	panic(fmt.Sprintf("unexpected type %T", v))
}

// minRawForbidden is the shortest forbidden string checked in raw dumps
// (unexported fields). Those show the obfuscated value as random digits or
// hex, in which a short string like the last four digits turns up by
// chance (about once in 600 dumps for four digits); eight or more digits
// practically never do, and the clear forms are all that long.
const minRawForbidden = 8

// assertNoLeak checks every channel for every forbidden substring.
func assertNoLeak(t *testing.T, v any, forbidden []string) {
	t.Helper()
	for channel, s := range channelOutputs(t, v) {
		raw := strings.Contains(channel, "unexported")
		for _, f := range forbidden {
			if raw && len(f) < minRawForbidden {
				continue
			}
			if strings.Contains(s, f) {
				t.Errorf("%s leaks %q in %q", channel, f, s)
			}
		}
	}
}

func maskCases(t *testing.T) []maskCase {
	t.Helper()
	org, err := ParseOrganisationNumber("198803200016")
	require.NoError(t, err)
	legal, err := ParseOrganisationNumber("556016-0680")
	require.NoError(t, err)
	phone, err := ParsePhone("070-123 45 67")
	require.NoError(t, err)
	email, err := ParseEmail("anna.andersson@Example.se")
	require.NoError(t, err)
	date, err := ParseDateAt("1988-03-20", testRef)
	require.NoError(t, err)
	return []maskCase{
		{"personal", mustPIN(t, "880320-0016"), "19880320-****",
			[]string{"198803200016", "8803200016", "880320-0016", "19880320-0016", "0016"}},
		{"coordination", mustPIN(t, "701063-2391"), "19701063-****",
			[]string{"197010632391", "7010632391", "701063-2391", "2391"}},
		{"sole trader", org, "880320-****",
			[]string{"8803200016", "880320-0016", "0016", "SE880320001601"}},
		{"legal person", legal, "556016-0680", nil},
		{"phone", phone, "+46 70 *** ** 67",
			[]string{"+46701234567", "0701234567", "701234567", "123 45", "12345"}},
		{"email", email, "a***@***.se",
			[]string{"anna.andersson@example.se", "anna", "andersson", "example"}},
		{"text", NewText("  Anna Andersson "), "***", []string{"Anna", "Andersson"}},
		{"date", date, "****-**-**", []string{"1988-03-20", "19880320", "1988", "03-20"}},
	}
}

func TestMaskingAllChannels(t *testing.T) {
	for _, tc := range maskCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.masked, tc.value.(fmt.Stringer).String())
			out := channelOutputs(t, tc.value)
			assert.Equal(t, tc.masked, out["fmt %v"])
			assert.Equal(t, tc.masked, out["fmt %s"])
			assert.Equal(t, tc.masked, out["fmt %x"], "hex verbs print the masked text, not hex")
			assert.Equal(t, tc.masked, out["fmt %d"])
			assert.Equal(t, `"`+tc.masked+`"`, out["fmt %q"])
			assert.Equal(t, `"`+tc.masked+`"`, out["fmt %#v"])
			assert.Equal(t, tc.masked, out["MarshalText"])
			assert.Contains(t, out["fmt exported struct %+v"], tc.masked)
			assert.Contains(t, out["json value"], tc.masked)
			assert.Contains(t, out["slog json"], `"attr":"`+tc.masked+`"`)
			assert.Contains(t, out["slog json"], `"group":{"inner":"`+tc.masked+`"}`)
			assert.Equal(t, tc.masked, slogValue(tc.value))
			assertNoLeak(t, tc.value, tc.forbidden)
		})
	}
}

// slogValue resolves v's slog.LogValuer.
func slogValue(v any) string {
	return v.(slog.LogValuer).LogValue().String()
}

func TestMaskingZeroValuePrintsEmpty(t *testing.T) {
	for _, v := range []any{PersonalIdentityNumber{}, OrganisationNumber{}, Phone{}, Email{}, Text{}, Date{}} {
		t.Run(fmt.Sprintf("%T", v), func(t *testing.T) {
			assert.Empty(t, v.(fmt.Stringer).String())
			assert.Empty(t, fmt.Sprintf("%v", v))
			assert.Empty(t, fmt.Sprintf("%s", v))
			assert.Equal(t, `""`, fmt.Sprintf("%q", v))
			assert.Equal(t, `""`, fmt.Sprintf("%#v", v))
			assert.Empty(t, slogValue(v))
			b, err := json.Marshal(v)
			require.NoError(t, err)
			assert.Equal(t, `""`, string(b))
			b, err = v.(interface{ MarshalText() ([]byte, error) }).MarshalText()
			require.NoError(t, err)
			assert.Empty(t, b)
			assert.Empty(t, v.(interface{ Reveal() string }).Reveal())
			assert.True(t, v.(interface{ IsZero() bool }).IsZero())
		})
	}
}

// TestMaskingProperty checks many random valid numbers: no output channel
// contains the 12-digit form, the 10-digit form, or the last four digits
// next to the date.
func TestMaskingProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 300
	if testing.Short() {
		n = 30
	}
	for range n {
		clear := randomPIN(r)
		p := mustPIN(t, clear)
		require.Equal(t, clear, p.Reveal())
		ten := clear[2:]
		last4 := clear[8:]
		forbidden := []string{
			clear, ten,
			clear[:8] + "-" + last4, clear[2:8] + "-" + last4, clear[2:8] + "+" + last4,
		}
		assertNoLeak(t, p, forbidden)
		assert.Equal(t, clear[:8]+"-****", p.String())

		var h pinHolders
		h.V, h.u = p, p
		for _, verb := range allVerbs {
			raw := fmt.Sprintf(verb, h)
			for _, f := range forbidden {
				assert.NotContains(t, raw, f, "raw %s", verb) // all ≥ 10 chars
			}
		}
	}
}

// TestParseErrorsDoNotContainInput: parsers' error messages never hold any
// of the input; they contain no digits at all.
func TestParseErrorsDoNotContainInput(t *testing.T) {
	inputs := []string{"880320-0018", "197004289895", "201509160006", "5560160681", "0046 99 123 45 67",
		"1988-02-30", "anna@@example.se", "880399-0016", "123", "８８０３２０-００１６"}
	for _, in := range inputs {
		for name, parse := range map[string]func(string) error{
			"pin":   func(s string) error { _, err := ParsePersonalIdentityNumberAt(s, testRef); return err },
			"org":   func(s string) error { _, err := ParseOrganisationNumber(s); return err },
			"phone": func(s string) error { _, err := ParsePhone(s); return err },
			"email": func(s string) error { _, err := ParseEmail(s); return err },
			"date":  func(s string) error { _, err := ParseDateAt(s, testRef); return err },
		} {
			err := parse(in)
			if err == nil {
				continue
			}
			var pe *ParseError
			require.ErrorAs(t, err, &pe, "%s(%q)", name, in)
			for _, msg := range []string{err.Error(), pe.Swedish(), fmt.Sprintf("%+v", err)} {
				assert.False(t, strings.ContainsAny(msg, "0123456789@"), "%s(%q) error %q", name, in, msg)
			}
		}
	}
}
