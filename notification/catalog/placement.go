package catalog

// MeterPlacement is the desired meter placement ("Önskad mätarplacering"), a mandatory choice
// at many grid companies. The codes are configuration: a catalog lists the ones a grid company
// offers, with [DefaultMeterPlacements] as the sensible default.
type MeterPlacement string

// The placements seen at Swedish grid companies.
const (
	FacadeCabinet        MeterPlacement = "facade-cabinet"       // Fasadmätarskåp (the default)
	FacadeCabinetOnStand MeterPlacement = "facade-cabinet-stand" // Fasadskåp på stativ
	CableCabinet         MeterPlacement = "cable-cabinet"        // Kabel-/markmätarskåp
	ElectricalRoom       MeterPlacement = "electrical-room"      // Elrum/trapphus i flerbostadshus
	IndoorMeterBoard     MeterPlacement = "indoor-board"         // Mätartavla inomhus
	OtherPlacement       MeterPlacement = "other"                // Annan (fritext)
)

// PlacementOption is one choice in the meter-placement list, with its Swedish label.
type PlacementOption struct {
	Code  MeterPlacement `json:"code"`  // the placement's code
	Label string         `json:"label"` // Swedish label, e.g. "Fasadmätarskåp"
}

// DefaultMeterPlacements returns the default list, facade meter cabinet first.
func DefaultMeterPlacements() []PlacementOption {
	return []PlacementOption{
		{FacadeCabinet, "Fasadmätarskåp"},
		{FacadeCabinetOnStand, "Fasadskåp på stativ"},
		{CableCabinet, "Kabelskåp/markmätarskåp"},
		{ElectricalRoom, "Elrum/trapphus (flerbostadshus)"},
		{IndoorMeterBoard, "Mätartavla inomhus"},
		{OtherPlacement, "Annan placering"},
	}
}
