package privacy

// Category is the kind of personal data a field holds.
type Category string

// The categories of personal data in a notification.
const (
	// CategoryIdentityNumber: personal identity, coordination and sole traders' organisation
	// numbers. The most sensitive: used only when clearly justified (dataskyddslagen 3:10).
	CategoryIdentityNumber Category = "identity-number"
	// CategoryBirthDate: the birth date of a customer without a Swedish personal identity number.
	CategoryBirthDate Category = "birth-date"
	// CategoryName: a private person's name, or a company name that may contain one.
	CategoryName Category = "name"
	// CategoryAddress: postal and installation addresses and property designations.
	CategoryAddress Category = "address"
	// CategoryContact: phone numbers and e-mail addresses.
	CategoryContact Category = "contact"
	// CategoryFreeText: text that may mention a person: notes, references.
	CategoryFreeText Category = "free-text"
)

// Sensitive reports whether the category needs the strongest protection.
func (c Category) Sensitive() bool { return c == CategoryIdentityNumber }

// FieldClass classifies one personal field for the record of processing (GDPR art. 30).
type FieldClass struct {
	Path      string    `json:"path"`      // JSON path, e.g. "owner.personalNumber"
	Label     string    `json:"label"`     // Swedish label
	Category  Category  `json:"category"`  // what kind of personal data
	Sensitive bool      `json:"sensitive"` // [Category.Sensitive]
	Purposes  []Purpose `json:"purposes"`  // what it may be used for
	Source    string    `json:"source"`    // where it usually comes from
	Retention string    `json:"retention"` // how long it is kept
}

// ProcessingRecord is a record of processing activities (GDPR art. 30) that an installer
// company can file: what is processed, about whom, why, for how long, for whom and how it is
// protected. It holds no personal data.
type ProcessingRecord struct {
	Activity string `json:"activity"` // what is done, in a sentence
	// Controller is the grid company, whose instruction binds the installer.
	Controller   string            `json:"controller"`
	Processor    string            `json:"processor"`    // the installer company
	Purposes     []Purpose         `json:"purposes"`     // why the data is processed
	DataSubjects []string          `json:"dataSubjects"` // whom it is about, e.g. owners
	Fields       []FieldClass      `json:"fields"`       // every personal field, classified
	Recipients   []string          `json:"recipients"`   // to whom it is disclosed
	Retention    map[string]string `json:"retention"`    // per grid company
	// Measures are the technical and organisational measures (art. 32).
	Measures []string `json:"measures"`
}
