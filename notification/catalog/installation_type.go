package catalog

// InstallationType is what kind of work a notification is for (installationstyp). The
// manual's six types are constants; a grid company's catalog may offer more
// (micro-production, new meter, ...), named by their own codes.
type InstallationType string

// The installation types of the manual.
const (
	NewFacility            InstallationType = "new-facility"              // Ny anläggning
	Extension              InstallationType = "extension"                 // Utökning
	TemporaryFacility      InstallationType = "temporary-facility"        // Tillfällig anläggning
	ServiceChange          InstallationType = "service-change"            // Servisändring
	FuseChange             InstallationType = "fuse-change"               // Säkringsändring
	WorkInExistingFacility InstallationType = "work-in-existing-facility" // Arbete i befintlig anläggning
)

var builtinTypeLabels = map[InstallationType]string{
	NewFacility:            "Ny anläggning",
	Extension:              "Utökning",
	TemporaryFacility:      "Tillfällig anläggning",
	ServiceChange:          "Servisändring",
	FuseChange:             "Säkringsändring",
	WorkInExistingFacility: "Arbete i befintlig anläggning",
}

// BuiltinInstallationTypes returns the manual's installation types in the manual's order.
func BuiltinInstallationTypes() []InstallationType {
	return []InstallationType{NewFacility, Extension, TemporaryFacility, ServiceChange, FuseChange, WorkInExistingFacility}
}

// Swedish returns the manual's Swedish label for a built-in type, and "" for others (whose
// label the grid company's catalog gives).
func (t InstallationType) Swedish() string { return builtinTypeLabels[t] }
