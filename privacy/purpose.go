package privacy

import "fmt"

// Purpose is why someone wants to see personal data in clear. The grid company's instruction
// allows one purpose in general — administering the customer relationship — and the
// library names the three ways it happens.
type Purpose string

// The purposes a reveal may state.
const (
	// PurposeAdminister is handling the customer's case: checking the customer, calling them.
	PurposeAdminister Purpose = "administer-customer-relationship"
	// PurposeSendToGridCompany is transmitting the case to the grid company, or the grid
	// company reading what it received.
	PurposeSendToGridCompany Purpose = "send-to-grid-company"
	// PurposeDataSubjectRequest is answering a person's request to see or erase their data
	// (GDPR articles 15 and 17).
	PurposeDataSubjectRequest Purpose = "answer-data-subject"
)

// Purposes returns every purpose the library knows.
func Purposes() []Purpose {
	return []Purpose{PurposeAdminister, PurposeSendToGridCompany, PurposeDataSubjectRequest}
}

// Valid reports whether p is one of [Purposes].
func (p Purpose) Valid() bool {
	switch p {
	case PurposeAdminister, PurposeSendToGridCompany, PurposeDataSubjectRequest:
		return true
	}
	return false
}

// Swedish returns the purpose in Swedish.
func (p Purpose) Swedish() string {
	switch p {
	case PurposeAdminister:
		return "administrera kundförhållandet"
	case PurposeSendToGridCompany:
		return "skicka till nätbolaget"
	case PurposeDataSubjectRequest:
		return "besvara den registrerades begäran"
	}
	return fmt.Sprintf("okänt ändamål %q", string(p))
}
