package privacy

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePersonalIdentityNumberValid(t *testing.T) {
	tests := []struct {
		in      string
		want    string // Reveal
		coord   bool
		birth   time.Time
		comment string
	}{
		{"19090527+1474", "190905271474", false, date(1909, 5, 27), "DOMAIN: 12 digits with + at age 100+"},
		{"090527+1474", "190905271474", false, date(1909, 5, 27), "+ moves back a century"},
		{"20000229-2399", "200002292399", false, date(2000, 2, 29), "leap day"},
		{"000229-2399", "200002292399", false, date(2000, 2, 29), "leap day, 10 digits"},
		{"880320-0016", "198803200016", false, date(1988, 3, 20), "DOMAIN"},
		{"8803200016", "198803200016", false, date(1988, 3, 20), "no separator"},
		{"198803200016", "198803200016", false, date(1988, 3, 20), "12 digits"},
		{"19880320-0016", "198803200016", false, date(1988, 3, 20), "12 digits with -"},
		{"  880320-0016\t\n", "198803200016", false, date(1988, 3, 20), "whitespace trimmed"},
		{"701063-2391", "197010632391", true, date(1970, 10, 3), "DOMAIN coordination number"},
		{"189001019802", "189001019802", false, date(1890, 1, 1), "Skatteverket test number"},
		{"19150072-2390", "191500722390", true, time.Time{}, "coordination, month unknown"},
		{"19171160-2399", "191711602399", true, time.Time{}, "coordination, day unknown"},
		{"192004912388", "192004912388", true, time.Time{}, "Skatteverket: coordination day 91 in April (31 April)"},
		{"195102892386", "195102892386", true, time.Time{}, "Skatteverket: coordination day 89 in February 1951 (29 February)"},
		{"510289-2386", "195102892386", true, time.Time{}, "the same, 10 digits"},
		{"19140168-2396", "191401682396", true, date(1914, 1, 8), "Skatteverket: coordination number with a real date"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			p, err := ParsePersonalIdentityNumberAt(tc.in, testRef)
			require.NoError(t, err, tc.comment)
			assert.Equal(t, tc.want, p.Reveal())
			assert.Equal(t, tc.coord, p.IsCoordinationNumber())
			assert.Equal(t, tc.birth, p.BirthDate())
			assert.False(t, p.IsZero())
			assert.Equal(t, tc.want[:8]+"-****", p.String())
		})
	}
}

// date is a test shorthand for a UTC midnight.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParsePersonalIdentityNumberInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"   ", ErrEmpty},
		{"880320-0018", ErrCheckDigit},  // DOMAIN
		{"197004289895", ErrCheckDigit}, // DOMAIN
		{"201509160006", ErrBirthNumber},
		{"8803200", ErrLength},
		{"88032000161", ErrLength},
		{"1988032000161", ErrLength},
		{strings.Repeat("1", 65), ErrLength},
		{"880320 0016", ErrSeparator},
		{"880320--0016", ErrSeparator},
		{"88-0320-0016", ErrSeparator},
		{"8803-200016", ErrSeparator},
		{"880320/0016", ErrSeparator},
		{"880320-00l6", ErrNotDigit},
		{"８８０３２０-００１６", ErrNotDigit},      // full-width digits
		{"٨٨٠٣٢٠-٠٠١٦", ErrNotDigit},      // Arabic-Indic digits
		{"880320-0016\x00", ErrSeparator}, // NUL is ASCII control
		{"880320-\xff016", ErrNotDigit},   // invalid UTF-8
		{"881320-0016", ErrDate},          // month 13
		{"880020-0016", ErrDate},          // month 00 (not a coordination number)
		{"880332-0016", ErrDate},          // day 32
		{"880300-0016", ErrDate},          // day 00
		{"010229-0000", ErrDate},          // 2001 is not a leap year
		{"19000229-2390", ErrDate},        // 1900 is not a leap year
		{"880392-0016", ErrDate},          // day 92
		{"19200431-2384", ErrDate},        // 31 April: a personal identity number keeps the calendar check
		{"19510229-2389", ErrDate},        // 29 February 1951
		{"19500092-2394", ErrDate},        // coordination day 92 (32) with an unknown month
		{"19150000-2390", ErrDate},        // month 00 and day 00: not a coordination number (day < 60)
		{"19880250-0016", ErrDate},        // day 50: neither a day nor a coordination day
		{"20270101-2389", ErrDate},        // future
		{"17900101-2381", ErrDate},        // before 1800
		{"19880320+0016", ErrSeparator},   // '+' but under 100
		{"880320-0016+", ErrSeparator},    // separator in the wrong place
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			p, err := ParsePersonalIdentityNumberAt(tc.in, testRef)
			require.ErrorIs(t, err, tc.want)
			assert.True(t, p.IsZero())
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Same(t, KindPersonalIdentityNumber, pe.Kind)
			assert.Equal(t, "personal identity number", pe.Kind.String())
		})
	}
}

func TestParsePersonalIdentityNumberCentury(t *testing.T) {
	ref := date(2026, 5, 1)
	tests := []struct {
		in, want string
	}{
		{"260501-2380", "20260501"}, // today: this century
		{"260502-2389", "19260502"}, // tomorrow in 2026: previous century
		{"260502+2389", "18260502"}, // and '+' goes one further
		{"000101-2384", "20000101"},
		{"991231-2385", "19991231"},
		{"991231+2385", "18991231"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			nine := strings.ReplaceAll(strings.ReplaceAll(tc.in, "-", ""), "+", "")[:9]
			in := tc.in[:10] + string(luhnDigit(nine))
			p, err := ParsePersonalIdentityNumberAt(in, ref)
			require.NoError(t, err)
			assert.Equal(t, tc.want, p.Reveal()[:8])
		})
	}
}

func TestParsePersonalIdentityNumberReferenceInLocalTime(t *testing.T) {
	// 2026-05-01 00:30 in Stockholm is still 2026-04-30 in UTC: the
	// caller's calendar day counts.
	sthlm := time.FixedZone("CEST", 2*60*60)
	ref := time.Date(2026, 5, 1, 0, 30, 0, 0, sthlm)
	in := "20260501238" + string(luhnDigit("260501238"))
	_, err := ParsePersonalIdentityNumberAt(in, ref)
	require.NoError(t, err)
	_, err = ParsePersonalIdentityNumberAt(in, ref.UTC())
	require.ErrorIs(t, err, ErrDate)
}

func TestParsePersonalIdentityNumberUsesNow(t *testing.T) {
	p, err := ParsePersonalIdentityNumber("880320-0016")
	require.NoError(t, err)
	assert.Equal(t, "198803200016", p.Reveal())
}

// readTestNumbers reads a testdata list, skipping comments.
func readTestNumbers(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// TestSkatteverketTestNumbers: Skatteverket's published test personal
// identity numbers and test coordination numbers must all parse, in every
// accepted form, and keep their coordination flag (testdata/README.md says
// where they come from).
func TestSkatteverketTestNumbers(t *testing.T) {
	for _, tc := range []struct {
		file  string
		count int // the whole published set (or sample), so a truncated file fails
		coord bool
		ref   time.Time
	}{
		{"skatteverket_personnummer.txt", 20452, false, testRef},
		{"skatteverket_samordningsnummer.txt", 2240, true, testRef},
	} {
		t.Run(tc.file, func(t *testing.T) {
			numbers := readTestNumbers(t, tc.file)
			require.Equal(t, tc.count, len(numbers), tc.file)
			for _, n := range numbers {
				forms := []string{n, n[:8] + "-" + n[8:], n[2:8] + "-" + n[8:], n[2:]}
				if hundred(n, tc.ref) {
					// Without a separator a 10-digit number means under 100.
					forms = []string{n, n[:8] + "-" + n[8:], n[:8] + "+" + n[8:], n[2:8] + "+" + n[8:]}
				}
				for _, form := range forms {
					p, err := ParsePersonalIdentityNumberAt(form, tc.ref)
					if assert.NoError(t, err, form) {
						assert.Equal(t, n, p.Reveal(), form)
						assert.Equal(t, tc.coord, p.IsCoordinationNumber(), form)
					}
				}
				if !tc.coord {
					b := mustPINAt(t, n, tc.ref).BirthDate()
					assert.Equal(t, n[:8], b.Format("20060102"), "a personal identity number has a real birth date")
				}
			}
		})
	}
}

// mustPINAt parses a personal identity number at ref or fails the test.
func mustPINAt(t testing.TB, s string, ref time.Time) PersonalIdentityNumber {
	t.Helper()
	p, err := ParsePersonalIdentityNumberAt(s, ref)
	require.NoError(t, err, "parse %q", s)
	return p
}

// hundred reports whether the person with 12-digit number n is 100 or
// older at ref.
func hundred(n string, ref time.Time) bool {
	y, m, d := atoi(n[:4]), atoi(n[4:6]), atoi(n[6:8])%60
	return dateKey(y+100, m, d) <= refKey(ref)
}

// atoi converts ASCII digits; test input is trusted.
func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestPersonalIdentityNumberRoundTrip: parse(format(x)) == x over random
// numbers, for every form.
func TestPersonalIdentityNumberRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		clear := randomPIN(r)
		p := mustPIN(t, clear)
		require.Equal(t, clear, p.Reveal())
		q := mustPIN(t, p.Reveal())
		assert.True(t, p == q)
		assert.True(t, p.Equal(q))
		assert.True(t, cmp.Equal(p, q))
		sep := "-"
		if hundred(clear, testRef) {
			sep = "+"
		}
		assert.Equal(t, p, mustPIN(t, clear[2:8]+sep+clear[8:]))
	}
}

func TestPersonalIdentityNumberEquality(t *testing.T) {
	a := mustPIN(t, "880320-0016")
	b := mustPIN(t, "198803200016")
	c := mustPIN(t, "701063-2391")
	assert.True(t, a == b)
	assert.True(t, a.Equal(b))
	assert.False(t, a.Equal(c))
	assert.False(t, a.Equal(PersonalIdentityNumber{}))
	assert.True(t, cmp.Equal(a, b))
	assert.False(t, cmp.Equal(a, c))
	m := map[PersonalIdentityNumber]int{a: 1}
	assert.Equal(t, 1, m[b], "usable as an in-memory map key")
}

func TestPersonalIdentityNumberUnmarshal(t *testing.T) {
	var body struct {
		PIN PersonalIdentityNumber `json:"pin"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"pin":"880320-0016"}`), &body))
	assert.Equal(t, "198803200016", body.PIN.Reveal())

	out, err := json.Marshal(body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"pin":"19880320-****"}`, string(out))

	err = json.Unmarshal(out, &body)
	require.ErrorIs(t, err, ErrMasked, "masked output does not decode")

	require.NoError(t, json.Unmarshal([]byte(`{"pin":null}`), &body))
	assert.Equal(t, "198803200016", body.PIN.Reveal(), "null leaves the value")
	require.NoError(t, json.Unmarshal([]byte(`{"pin":""}`), &body))
	assert.True(t, body.PIN.IsZero(), "empty string is the zero value")

	err = json.Unmarshal([]byte(`{"pin":880320}`), &body)
	require.ErrorIs(t, err, ErrSyntax)
	assert.NotContains(t, err.Error(), "880320")

	err = json.Unmarshal([]byte(`{"pin":"880320-0018"}`), &body)
	require.ErrorIs(t, err, ErrCheckDigit)

	var p PersonalIdentityNumber
	require.NoError(t, p.UnmarshalText([]byte("19880320-0016")))
	assert.Equal(t, "198803200016", p.Reveal())
	require.ErrorIs(t, p.UnmarshalText([]byte("19880320-****")), ErrMasked)
}

func TestParsePersonalIdentityNumberAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = ParsePersonalIdentityNumberAt("880320-0016", testRef)
	})
	assert.Zero(t, allocs)
}

// TestCoordinationDays: a coordination number's day is the birth day + 60, and Skatteverket
// issues days 61–91 in every month whatever its length (31 April, 29 February of a common
// year), 60 for an unknown day and month 00 for an unknown month; a personal identity number
// keeps the calendar check.
func TestCoordinationDays(t *testing.T) {
	number := func(year, month, day int) string {
		nine := fmt.Sprintf("%02d%02d%02d238", year%100, month, day)
		return fmt.Sprintf("%04d%02d%02d238%c", year, month, day, luhnDigit(nine))
	}
	for _, year := range []int{1951, 2020} { // a common and a leap year
		for month := 1; month <= 12; month++ {
			days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			for day := 60; day <= 91; day++ {
				n := number(year, month, day)
				p, err := ParsePersonalIdentityNumberAt(n, testRef)
				if assert.NoError(t, err, n) {
					assert.True(t, p.IsCoordinationNumber(), n)
					assert.Equal(t, n, p.Reveal())
				}
			}
			for day := 1; day <= 31; day++ {
				n := number(year, month, day)
				_, err := ParsePersonalIdentityNumberAt(n, testRef)
				if day <= days {
					assert.NoError(t, err, n)
				} else {
					assert.ErrorIs(t, err, ErrDate, "%s: a personal identity number has a real birth date", n)
				}
			}
		}
		n := number(year, 0, 75)
		p, err := ParsePersonalIdentityNumberAt(n, testRef)
		if assert.NoError(t, err, "month 00, an unknown month: %s", n) {
			assert.True(t, p.IsCoordinationNumber())
		}
		_, err = ParsePersonalIdentityNumberAt(number(year, 0, 15), testRef)
		assert.Error(t, err, "month 00 is for coordination numbers only")
		_, err = ParsePersonalIdentityNumberAt(number(year, 13, 75), testRef)
		assert.Error(t, err, "there is no month 13")
		_, err = ParsePersonalIdentityNumberAt(number(year, 4, 92), testRef)
		assert.Error(t, err, "day 92 is past any coordination day")
	}
}
