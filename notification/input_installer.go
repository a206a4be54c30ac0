package notification

import (
	"fmt"
	"log/slog"

	"github.com/gridnotify/gridnotify/privacy"
)

// InstallerInput is the installer section as a person types it, for [ParseInstaller]. The
// contact's details may be personal data, and a sole trader's organisation number is a
// personal identity number, so those fields are [privacy.Text]: masked however the input is
// printed, logged or marshalled.
type InstallerInput struct {
	Company             string       `json:"company,omitempty"`             // Installatörsföretag, at most 200 characters
	OrganisationNumber  privacy.Text `json:"organisationNumber,omitzero"`   // the company's organisation number
	AuthorisationNumber string       `json:"authorisationNumber,omitempty"` // Elsäkerhetsverket's, at most 200 characters
	Contact             privacy.Text `json:"contact,omitzero"`              // Kontaktperson, at most 200 characters
	Phone               privacy.Text `json:"phone,omitzero"`                // Installatörens telefon, a Swedish number
	Email               privacy.Text `json:"email,omitzero"`                // Installatörens epost
}

// ParseInstaller checks in and returns the installer section it describes. Errors:
// [validate.ErrInvalid] listing every malformed field ("installer.phone", ...), without its
// value.
func ParseInstaller(in InstallerInput) (Installer, error) {
	var ps problems
	out := Installer{
		Company:             ps.text("installer.company", in.Company, false, maxShortText),
		AuthorisationNumber: ps.text("installer.authorisationNumber", in.AuthorisationNumber, false, maxShortText),
		Contact:             privacy.NewText(ps.text("installer.contact", in.Contact.Reveal(), false, maxShortText)),
	}
	var err error
	if s := in.OrganisationNumber.Reveal(); s != "" {
		out.OrganisationNumber, err = privacy.ParseOrganisationNumber(s)
		ps.add("installer.organisationNumber", err)
	}
	if s := in.Phone.Reveal(); s != "" {
		out.Phone, err = privacy.ParsePhone(s)
		ps.add("installer.phone", err)
	}
	if s := in.Email.Reveal(); s != "" {
		out.Email, err = privacy.ParseEmail(s)
		ps.add("installer.email", err)
	}
	if err := ps.err(); err != nil {
		return Installer{}, err
	}
	return out, nil
}

// String shows only the company's name, which is not personal data.
func (in InstallerInput) String() string {
	return "notification.InstallerInput{company: " + in.Company + "}"
}

// Format prints [InstallerInput.String] for every verb.
func (in InstallerInput) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, in.String()) }

// LogValue logs only the company's name.
func (in InstallerInput) LogValue() slog.Value {
	return slog.GroupValue(slog.String("company", in.Company))
}
