package notification

import "github.com/gridnotify/gridnotify/privacy"

// Installer is the electrical installer's company and contact on a case (the installer
// section). Build it from what a person typed with [ParseInstaller].
type Installer struct {
	// Company is the installer company's name (Installatörsföretag).
	Company string `json:"company,omitempty"`
	// OrganisationNumber is the installer company's organisation number; a sole trader's is
	// a personal identity number and so personal data.
	OrganisationNumber privacy.OrganisationNumber `json:"organisationNumber,omitzero"`
	// AuthorisationNumber is the installer's authorisation number at Elsäkerhetsverket.
	AuthorisationNumber string `json:"authorisationNumber,omitempty"`
	// Contact is the name of the installer's contact person (Kontaktperson); personal data.
	Contact privacy.Text `json:"contact,omitzero"`
	// Phone is the contact's phone number (Installatörens telefon); personal data.
	Phone privacy.Phone `json:"phone,omitzero"`
	// Email is the contact's e-mail address (Installatörens epost); personal data.
	Email privacy.Email `json:"email,omitzero"`
}
