package notification_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
	"github.com/gridnotify/gridnotify/validate"
)

// TestErrorsHoldNoPersonalData: a rejected input may be personal data typed into the wrong
// box, so no error repeats it, in English or Swedish, nor any recognisable part of it.
func TestErrorsHoldNoPersonalData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      notification.PartyInput
		path    string
		secrets []string
	}{
		{"personal number with a wrong check digit", notification.PartyInput{Kind: "private", PersonalNumber: privacy.NewText("880320-0017")},
			"owner.personalNumber", []string{"880320", "0017", "8803200017", "19880320"}},
		{"twelve-digit personal number with a wrong check digit", notification.PartyInput{Kind: "private", PersonalNumber: privacy.NewText("20000229-2398")},
			"owner.personalNumber", []string{"20000229", "000229", "2398"}},
		{"personal number on a day that does not exist", notification.PartyInput{Kind: "private", PersonalNumber: privacy.NewText("880230-0016")},
			"owner.personalNumber", []string{"880230", "0016"}},
		{"organisation number with a wrong check digit", notification.PartyInput{Kind: "company", OrganisationNumber: privacy.NewText("556016-0681")},
			"owner.organisationNumber", []string{"556016", "0681"}},
		{"phone number", notification.PartyInput{Phone: privacy.NewText("070-174 06 5x")}, "owner.phone", []string{"070", "174", "06 5x"}},
		{"e-mail", notification.PartyInput{Email: privacy.NewText("maja.berg@@example.com")}, "owner.email", []string{"maja", "berg", "example"}},
		{"birth date", notification.PartyInput{NoSwedishPersonalNumber: true, BirthDate: privacy.NewText("1988-02-30")}, "owner.birthDate", []string{"1988", "02-30"}},
		{"postal code", notification.PartyInput{Address: notification.AddressInput{PostalCode: privacy.NewText("052 21")}}, "owner.address.postalCode", []string{"052", "21"}},
		{"name too long", notification.PartyInput{Surname: privacy.NewText(strings.Repeat("Berg", 60))}, "owner.surname", []string{"Berg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := notification.ParseParty("owner", tt.in)
			require.ErrorIs(t, err, validate.ErrInvalid)
			var ie *validate.InvalidError
			require.ErrorAs(t, err, &ie)
			require.NotEmpty(t, ie.Problems)
			require.Equal(t, tt.path, ie.Problems[0].Path, "the error names the field")

			texts := []string{err.Error()}
			for _, p := range ie.Problems {
				texts = append(texts, p.Swedish, p.English, p.Label, p.String())
			}
			for e := err; e != nil; e = errors.Unwrap(e) {
				texts = append(texts, e.Error())
			}
			for _, text := range texts {
				for _, s := range tt.secrets {
					require.NotContains(t, text, s, "an error shows part of the input")
				}
			}
		})
	}
}

// TestServiceErrorsHoldNoPersonalData: errors from the service's steps name fields and
// statuses, never the values on the case.
func TestServiceErrorsHoldNoPersonalData(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.complete(t) // owner "Maja Berg", 880320-0016, Storgatan 12, maja.berg@example.com
	secrets := []string{"880320", "0016", "Maja", "Berg", "Storgatan", "maja.berg", "070-174", "Lindqvist", "Holm"}

	var errs []error
	_, err := e.svc.Approve(e.inst, c.ID(), e.version(t, c.ID()), "")
	errs = append(errs, err)
	_, err = e.svc.Close(e.inst, c.ID(), e.version(t, c.ID()))
	errs = append(errs, err)
	fresh := e.created(t)
	_, err = e.svc.Submit(e.inst, fresh.ID(), e.version(t, fresh.ID()))
	errs = append(errs, err)
	_, err = e.svc.Save(e.inst, c.ID(), c.Version(), func(d *notification.Draft) error {
		return d.SetPlannedDates(now, now.AddDate(0, 0, -1))
	})
	errs = append(errs, err)
	_, _, err = e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{MeterNumber: "880320-0016"})
	errs = append(errs, err)
	_, _, err = e.svc.FetchFacility(e.inst, c.ID(), e.version(t, c.ID()), notification.FetchRequest{FacilityID: "880320-0016"})
	errs = append(errs, err)
	sent := e.submitted(t)
	_, err = e.svc.NotifyCompletion(e.inst, sent.ID(), e.version(t, sent.ID()))
	errs = append(errs, err)
	errs = append(errs, e.svc.Delete(e.inst, sent.ID(), e.version(t, sent.ID())))
	_, err = e.svc.Save(e.inst, sent.ID(), sent.Version(), func(*notification.Draft) error { return nil })
	errs = append(errs, err)

	for i, err := range errs {
		require.Error(t, err, "call %d", i)
		for _, s := range secrets {
			require.NotContains(t, err.Error(), s, "call %d: %v", i, err)
		}
	}
}

// TestEverySentinelIsLocalized: every sentinel error a caller branches on, of every package,
// says what happened in English and in Swedish.
func TestEverySentinelIsLocalized(t *testing.T) {
	t.Parallel()
	for _, err := range []error{
		notification.ErrNotFound, notification.ErrConflict, notification.ErrExists, notification.ErrInvalidTransition,
		notification.ErrNotEditable, notification.ErrNotDeletable, notification.ErrReasonRequired, notification.ErrForbidden,
		notification.ErrNotJustified, catalog.ErrNotOffered, catalog.ErrInvalidConfig,
		validate.ErrInvalid, validate.ErrIncomplete,
		facility.ErrNotFound, facility.ErrMismatch, facility.ErrEmptyQuery,
		privacy.ErrDenied, privacy.ErrNoActor, privacy.ErrEmpty, privacy.ErrCheckDigit, privacy.ErrControl,
	} {
		var l privacy.Localized
		require.True(t, errors.As(err, &l), "%v", err)
		require.NotEmpty(t, l.Swedish(), "%v", err)
		require.NotEqual(t, l.Error(), l.Swedish(), "%v", err)
	}
}
