package notification_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/validate"
)

// TestPrivacyProvenance checks GDPR art. 15(1)(c) and (g): where every field came from — the
// grid company's lookup, the installer, the customer — through "Hämta anl-data", "Spara" and
// "Kopiera från ägare", and to whom the case was disclosed, recorded by "Skicka föranmälan";
// and that the case's JSON carries both without personal values.
func TestPrivacyProvenance(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	inst := e.as(installer)
	c := e.create(t, installer, oresundJob)
	for _, f := range merge.Fields() {
		require.Equal(t, notification.SourceNone, sourceOf(c, f), "a new case: %s", f)
	}

	// "Hämta anl-data": every field the lookup filled or overwrote comes from the lookup.
	c, rep, err := e.svc.FetchFacility(inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "M-20003"})
	require.NoError(t, err)
	fromLookup := 0
	for f, o := range rep.All() {
		want := notification.SourceNone
		if o == merge.Filled || o == merge.Overwritten {
			want = notification.SourceLookup
			fromLookup++
		}
		require.Equal(t, want, sourceOf(c, f), "%s (%s)", f, o)
	}
	require.GreaterOrEqual(t, fromLookup, 20, "the sample record fills the facility, the owner and the payer")
	for _, f := range []merge.Field{merge.FacilityID, merge.FacilityMeterNumber, merge.FacilityStreet,
		merge.FacilityPropertyDesignation, merge.OwnerSurname, merge.OwnerEmail, merge.PayerSurname, merge.PayerPhone} {
		require.Equal(t, notification.SourceLookup, sourceOf(c, f), f.String())
	}
	// The lookup withholds identity numbers: they have no source yet.
	for _, f := range []merge.Field{merge.OwnerPersonalNumber, merge.OwnerOrganisationNumber, merge.OwnerBirthDate,
		merge.PayerPersonalNumber, merge.PayerOrganisationNumber, merge.PayerBirthDate} {
		require.Equal(t, notification.SourceNone, sourceOf(c, f), f.String())
	}

	// "Spara" with a new owner: typed by the installer, the personal identity number from the
	// customer. The facility keeps its lookup sources.
	owner := mustParty(t, "owner", personMaja())
	beforeForm, beforeCase := c.Form(), c
	inFacility := installerSection(t, defaultData)
	res, err := e.svc.Save(inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		if err := d.SetOwner(owner); err != nil {
			return err
		}
		if err := d.SetMeterPlacement(catalog.FacadeCabinet, ""); err != nil {
			return err
		}
		if err := d.SetWorkDescription("Byte av servisledning."); err != nil {
			return err
		}
		return d.SetInstaller(inFacility)
	})
	require.NoError(t, err)
	c = res.Case
	form := c.Form()
	typed := 0
	for f := merge.OwnerKind; f <= merge.OwnerInvoiceReference; f++ {
		var want notification.Source
		switch {
		case f.Reveal(&beforeForm) == f.Reveal(&form): // typed the same: keeps its source
			want = sourceOf(beforeCase, f)
		case !f.Filled(&form):
			want = notification.SourceNone
		case f == merge.OwnerPersonalNumber:
			want = notification.SourceCustomer
		default:
			want = notification.SourceInstaller
			typed++
		}
		require.Equal(t, want, sourceOf(c, f), f.String())
	}
	require.GreaterOrEqual(t, typed, 6)
	require.Equal(t, notification.SourceCustomer, sourceOf(c, merge.OwnerPersonalNumber))
	require.Equal(t, notification.SourceInstaller, sourceOf(c, merge.OwnerSurname))
	require.Equal(t, notification.SourceLookup, sourceOf(c, merge.OwnerCity), "Helsingborg before and after")
	require.Equal(t, notification.SourceLookup, sourceOf(c, merge.FacilityPropertyDesignation))
	require.Equal(t, notification.SourceLookup, sourceOf(c, merge.PayerSurname), "the payer was not touched")

	// "Kopiera från ägare": the payer's fields come from wherever the owner's came from.
	c, _, err = e.svc.CopyFromOwner(inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	for i := range merge.OwnerInvoiceReference - merge.OwnerKind + 1 {
		o, p := merge.OwnerKind+i, merge.PayerKind+i
		require.Equal(t, sourceOf(c, o), sourceOf(c, p), "%s vs %s", o, p)
	}
	require.Equal(t, notification.SourceCustomer, sourceOf(c, merge.PayerPersonalNumber))
	require.Equal(t, notification.SourceInstaller, sourceOf(c, merge.PayerSurname))

	// Nothing sent yet; "Skicka föranmälan" records the disclosure.
	require.Empty(t, c.Recipients())
	c = e.submit(t, installer, c)
	require.Equal(t, []notification.Recipient{{GridCompany: "oresundskraft", At: now}}, c.Recipients())
	require.Equal(t, c.Recipients(), e.stored(t, c.ID()).Recipients(), "the disclosure is stored")
	// A retried click records nothing more.
	again, err := e.svc.Submit(inst, c.ID(), e.version(t, c.ID()))
	require.NoError(t, err)
	require.True(t, again.AlreadySubmitted)
	require.Len(t, e.stored(t, c.ID()).Recipients(), 1)
	// A resubmission after a return is a second disclosure.
	c, err = e.svc.Return(e.as(gridCompany), c.ID(), e.version(t, c.ID()), "Komplettera med situationsplan.")
	require.NoError(t, err)
	e.clock.Set(now.Add(48 * time.Hour))
	c = e.submit(t, installer, c)
	require.Equal(t, []notification.Recipient{
		{GridCompany: "oresundskraft", At: now}, {GridCompany: "oresundskraft", At: now.Add(48 * time.Hour)},
	}, c.Recipients())

	// The case's JSON has the sources and recipients, and no personal value.
	js, err := json.Marshal(c)
	require.NoError(t, err)
	var view struct {
		Sources    map[string]string        `json:"sources"`
		Recipients []notification.Recipient `json:"recipients"`
	}
	require.NoError(t, json.Unmarshal(js, &view))
	wantSources := map[string]string{}
	for _, f := range merge.Fields() {
		if s := sourceOf(c, f); s != notification.SourceNone {
			code, err := s.MarshalText()
			require.NoError(t, err)
			wantSources[f.Path()] = string(code)
		}
	}
	require.Equal(t, wantSources, view.Sources)
	require.Equal(t, "customer", view.Sources["owner.personalNumber"])
	require.Equal(t, "lookup", view.Sources["facility.propertyDesignation"])
	require.Equal(t, "installer", view.Sources["payer.email"])
	require.Equal(t, c.Recipients(), view.Recipients)
	rec := facility.SampleRecords()[2]
	for _, v := range append(clearValues(t, personMaja()), rec.PropertyDesignation.Reveal(), rec.Owner.Surname.Reveal(),
		rec.Customer.Surname.Reveal(), rec.Address.Street.Reveal(), rec.Customer.Email.Reveal()) {
		require.NotContains(t, string(js), v)
	}
}

// sourceOf returns where field f of c came from.
func sourceOf(c *notification.Case, f merge.Field) notification.Source {
	return c.Source(f)
}

// TestPrivacySourceNames checks the sources' names and codes, and that an unknown source
// cannot be marshalled as if it were one.
func TestPrivacySourceNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s                      notification.Source
		code, english, swedish string
	}{
		{notification.SourceNone, "none", "none", "okänd"},
		{notification.SourceLookup, "lookup", "grid company's lookup", "nätbolagets anläggningsdata"},
		{notification.SourceCustomer, "customer", "the customer", "kunden"},
		{notification.SourceInstaller, "installer", "typed by the installer", "ifyllt av installatören"},
	}
	for _, tt := range tests {
		code, err := tt.s.MarshalText()
		require.NoError(t, err)
		require.Equal(t, tt.code, string(code))
		require.Equal(t, tt.english, tt.s.String())
		require.Equal(t, tt.swedish, tt.s.Swedish())
	}
	_, err := notification.Source(9).MarshalText()
	require.ErrorIs(t, err, validate.ErrInvalid)
	var sources notification.Sources
	require.Equal(t, notification.SourceNone, sources.Of(merge.Field(200)))
}

func FuzzSourceUnmarshalText(f *testing.F) {
	fuzzAddBytes(f, "none", "lookup", "customer", "installer", "LOOKUP", "lookup ",
		"the customer", "typed by the installer", "kunden", "Source(4)")
	var probe notification.Source
	wantErr := probe.UnmarshalText([]byte("?"))
	f.Fuzz(func(t *testing.T, b []byte) {
		src := notification.SourceInstaller // an error must leave the value alone
		if err := src.UnmarshalText(b); err != nil {
			if !errors.Is(err, validate.ErrInvalid) || src != notification.SourceInstaller {
				t.Fatalf("error %v does not match validate.ErrInvalid, or the source changed to %d", err, uint8(src))
			}
			fuzzConstError(t, err, wantErr)
			return
		}
		text, err := src.MarshalText()
		if err != nil || string(text) != string(b) {
			t.Fatalf("MarshalText = %q, %v; want the accepted input %q", text, err, b)
		}
		if src.String() == "" || src.Swedish() == "" {
			t.Fatalf("source %d has no name", uint8(src))
		}
		var back notification.Source
		if err := back.UnmarshalText(text); err != nil || back != src {
			t.Fatalf("MarshalText's output does not unmarshal back: %v, %v", back, err)
		}
	})
}
