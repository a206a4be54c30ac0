package merge_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/merge"
)

func TestModeJSON(t *testing.T) {
	t.Parallel()
	for _, m := range []merge.Mode{merge.Overwrite, merge.FillEmpty} {
		b, err := json.Marshal(m)
		require.NoError(t, err)
		var back merge.Mode
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, m, back, string(b))
	}
	b, err := json.Marshal(struct{ Mode merge.Mode }{merge.FillEmpty})
	require.NoError(t, err)
	require.JSONEq(t, `{"Mode":"fill-empty"}`, string(b))

	for in, want := range map[string]merge.Mode{
		`"overwrite"`: merge.Overwrite, `"fill-empty"`: merge.FillEmpty, `"Ja"`: merge.Overwrite,
		`"Nej"`: merge.FillEmpty, `"nej"`: merge.FillEmpty, `"JA"`: merge.Overwrite, `""`: merge.Overwrite,
	} {
		var m merge.Mode
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		require.Equal(t, want, m, in)
	}
	for _, in := range []string{`"kanske"`, `"yes"`, `1`, `"fill empty"`} {
		m := merge.FillEmpty
		err := json.Unmarshal([]byte(in), &m)
		require.Error(t, err, in)
		require.Equal(t, merge.FillEmpty, m, "a failed decode leaves the mode as it was")
		var sv interface{ Swedish() string }
		if errors.As(err, &sv) {
			require.Contains(t, sv.Swedish(), "Ja")
		}
	}
	_, err = merge.Mode(7).MarshalText()
	require.Error(t, err)
}

func ExampleMode_UnmarshalText() {
	var req struct {
		Mode merge.Mode `json:"mode"`
	}
	_ = json.Unmarshal([]byte(`{"mode": "Nej"}`), &req)
	b, _ := json.Marshal(req)
	// The manual's "Nej" is FillEmpty, written back as "fill-empty".
	fmt.Println(req.Mode.Swedish(), string(b))
	// Output:
	// Nej {"mode":"fill-empty"}
}

func TestReportJSONRoundTrip(t *testing.T) {
	t.Parallel()
	rep, _ := fetchReport(t)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	require.Contains(t, string(b), `"facility.meterNumber":"overwritten"`)
	require.Contains(t, string(b), `"owner.personalNumber":"withheld"`)
	require.NotContains(t, string(b), "untouched")
	var back merge.Report
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, rep, back)
	for _, bad := range []string{`{"owner.shoeSize":"filled"}`, `{"owner.surname":"guessed"}`, `[]`} {
		require.Error(t, json.Unmarshal([]byte(bad), &back), bad)
	}
	for o := merge.Untouched; o <= merge.Cleared; o++ {
		code, err := o.MarshalText()
		require.NoError(t, err)
		var again merge.Outcome
		require.NoError(t, again.UnmarshalText(code))
		require.Equal(t, o, again)
	}
	_, err = merge.Outcome(99).MarshalText()
	require.Error(t, err)
}

func FuzzModeUnmarshalText(f *testing.F) {
	for _, s := range []string{"", "overwrite", "fill-empty", "Ja", "Nej", "ja ", "JA", "yes", "fill empty", "\x00", "Nej\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m := merge.FillEmpty // an error must leave the value alone
		if err := m.UnmarshalText(b); err != nil {
			if m != merge.FillEmpty {
				t.Fatalf("a failed decode changed the mode to %v", m)
			}
			return
		}
		text, err := m.MarshalText()
		if err != nil {
			t.Fatalf("an accepted mode does not marshal: %v", err)
		}
		var back merge.Mode
		if err := back.UnmarshalText(text); err != nil || back != m {
			t.Fatalf("the mode's text does not read back: %v, %v", back, err)
		}
	})
}

func FuzzReportUnmarshalJSON(f *testing.F) {
	rep, _ := fetchReport(f)
	good, err := json.Marshal(rep)
	require.NoError(f, err)
	for _, s := range []string{string(good), `{}`, `null`, `[]`, `{"owner.surname":"filled"}`, `{"owner.surname":"x"}`,
		`{"nope":"filled"}`, `{"owner.surname":"filled","owner.surname":"kept"}`, string(good[:len(good)/2])} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var r merge.Report
		if err := json.Unmarshal(b, &r); err != nil {
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("an accepted report does not marshal: %v", err)
		}
		var back merge.Report
		if err := json.Unmarshal(out, &back); err != nil || back != r {
			t.Fatalf("the report does not read back: %v", err)
		}
	})
}
