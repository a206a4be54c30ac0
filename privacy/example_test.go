package privacy_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

func ExampleParsePersonalIdentityNumber() {
	p, err := privacy.ParsePersonalIdentityNumber("880320-0016")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Every output channel is masked; only Reveal gives the clear value.
	fmt.Println(p)
	fmt.Printf("%v %q\n", p, p)
	fmt.Println(p.BirthDate().Format(time.DateOnly), p.IsCoordinationNumber())
	// Output:
	// 19880320-****
	// 19880320-**** "19880320-****"
	// 1988-03-20 false
}

func ExampleParsePersonalIdentityNumberAt() {
	ref := time.Date(2026, time.May, 1, 0, 0, 0, 0, time.UTC)
	// A '+' separator means the person is 100 or older.
	p, _ := privacy.ParsePersonalIdentityNumberAt("090527+1474", ref)
	fmt.Println(p, p.BirthDate().Year())

	_, err := privacy.ParsePersonalIdentityNumberAt("880320-0018", ref)
	fmt.Println(errors.Is(err, privacy.ErrCheckDigit), err)
	var pe *privacy.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Swedish())
	}
	// Output:
	// 19090527-**** 1909
	// true personal identity number: check digit is wrong
	// Personnummer: kontrollsiffran stämmer inte
}

func ExamplePersonalIdentityNumber_Reveal() {
	p, _ := privacy.ParsePersonalIdentityNumber("880320-0016")
	// Reveal is the deliberate way to the clear value, e.g. to fill the
	// grid company's mandatory field or to store it.
	fmt.Println(p.Reveal())
	// Output:
	// 198803200016
}

func ExamplePersonalIdentityNumber_logging() {
	p, _ := privacy.ParsePersonalIdentityNumber("880320-0016")
	customer := struct {
		Name privacy.Text
		PIN  privacy.PersonalIdentityNumber
	}{privacy.NewText("Anna Andersson"), p}

	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("customer", "customer", customer)
	b, _ := json.Marshal(customer)
	fmt.Println(string(b))
	// Output:
	// {"level":"INFO","msg":"customer","customer":{"Name":"***","PIN":"19880320-****"}}
	// {"Name":"***","PIN":"19880320-****"}
}

func ExampleParseOrganisationNumber() {
	company, _ := privacy.ParseOrganisationNumber("165560160680")
	fmt.Println(company, company.VATNumber(), company.Kind(), "/", company.Kind().Swedish())

	// A sole trader's number is a personal identity number: masked.
	soleTrader, _ := privacy.ParseOrganisationNumber("880320-0016")
	fmt.Println(soleTrader, soleTrader.IsPersonal(), soleTrader.Kind())
	// Output:
	// 556016-0680 SE556016068001 limited companies / aktiebolag
	// 880320-**** true sole trader
}

func ExampleParsePhone() {
	p, _ := privacy.ParsePhone("+46 (0)70 123 45 67")
	fmt.Println(p, p.IsMobile())
	// Output:
	// +46 70 *** ** 67 true
}

func ExampleParseEmail() {
	e, _ := privacy.ParseEmail(" Anna.Andersson@Example.SE ")
	fmt.Println(e)
	// Output:
	// A***@***.se
}

func ExampleNewText() {
	name := privacy.NewText("  Anna Andersson ")
	fmt.Printf("%v|%s|%q\n", name, name, name)
	// Output:
	// ***|***|"***"
}

func ExampleParseText() {
	// "Håkan" typed with a combining ring: stored as one "å" (NFC).
	name, err := privacy.ParseText("  Ha\u030akan Öberg ")
	fmt.Println(name, err, name.Reveal() == "Håkan Öberg")

	_, err = privacy.ParseText("Anna\x00")
	fmt.Println(errors.Is(err, privacy.ErrControl), err)
	// Output:
	// *** <nil> true
	// true text: contains a control character that is not allowed
}

func ExampleCleanText() {
	// A text area's lines arrive with CR LF; they are stored with LF.
	note, err := privacy.CleanText("Mätarskåp på fasaden.\r\nNyckel hos grannen.\r\n", true)
	fmt.Printf("%q %v\n", note, err)

	// A single-line field takes no line break inside the text.
	_, err = privacy.CleanText("Storgatan 1\nHelsingborg", false)
	fmt.Println(errors.Is(err, privacy.ErrControl))
	// Output:
	// "Mätarskåp på fasaden.\nNyckel hos grannen." <nil>
	// true
}

func ExampleParseDate() {
	d, err := privacy.ParseDate("1988-03-20")
	fmt.Println(d, err)
	_, err = privacy.ParseDate("1988-02-30")
	fmt.Println(err)
	// Output:
	// ****-**-** <nil>
	// date: has an impossible or future date
}

func ExampleParseDateAt() {
	ref := time.Date(2026, time.May, 1, 0, 0, 0, 0, time.UTC)
	_, err := privacy.ParseDateAt("2026-05-02", ref)
	fmt.Println(errors.Is(err, privacy.ErrDate))
	// Output:
	// true
}
