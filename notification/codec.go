package notification

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/privacy"
)

// Codec is the storage format for a storage adapter configured with encryption: it turns a
// [Snapshot] into a JSON document in which every personal value is sealed by a
// [privacy.Sealer] (AEAD with key IDs, so keys rotate: documents sealed under an old key still
// open) and bound to its case and field, so a sealed value cannot be moved elsewhere; other
// values stay clear for the store to filter on. Identity numbers are also given as keyed
// tokens ([privacy.Tokenizer]), so a store can find a person's cases without storing or
// indexing the number itself.
type Codec struct {
	sealer privacy.Sealer
	tokens *privacy.Tokenizer
}

// ErrCorrupt is matched by the error for a stored document that cannot be read back.
var ErrCorrupt = errors.New("notification: stored case cannot be decoded")

// NewCodec returns a codec sealing with sealer and tokenising identity numbers with tokens.
func NewCodec(sealer privacy.Sealer, tokens *privacy.Tokenizer) (*Codec, error) {
	if sealer == nil || tokens == nil {
		return nil, invalidArgument("NewCodec", "sealer and tokenizer are required")
	}
	return &Codec{sealer: sealer, tokens: tokens}, nil
}

// storedCase is the document a Codec writes. Field names are short and stable.
type storedCase struct {
	Format            int                       `json:"format"`
	ID                ID                        `json:"id"`
	GridCompany       string                    `json:"gridCompany"`
	InstallationType  InstallationType          `json:"installationType"`
	JobType           string                    `json:"jobType"`
	Status            Status                    `json:"status"`
	Handler           Handler                   `json:"handler"`
	Clear             map[string]string         `json:"clear"`  // non-personal form fields
	Sealed            map[string]privacy.Sealed `json:"sealed"` // personal values, by path
	Tokens            []privacy.Token           `json:"tokens,omitempty"`
	RequestedMainFuse facility.Ampere           `json:"requestedMainFuse"`
	RequestedPower    decimal.Decimal           `json:"requestedPower"`
	MeterPlacement    MeterPlacement            `json:"meterPlacement"`
	PlacementOther    string                    `json:"meterPlacementOther"`
	PlannedStart      time.Time                 `json:"plannedStart"`
	PlannedCompletion time.Time                 `json:"plannedCompletion"`
	InstallerCompany  string                    `json:"installerCompany"`
	InstallerAuthNo   string                    `json:"installerAuthorisationNumber"`
	Notes             []storedNote              `json:"notes"`
	Attachments       []storedAttachment        `json:"attachments"`
	History           []storedChange            `json:"history"`
	Sources           map[string]Source         `json:"sources"`
	Recipients        []Recipient               `json:"recipients"`
	Justifications    []Justification           `json:"justifications"`
	Tombstones        []Tombstone               `json:"tombstones"`
	Version           int64                     `json:"version"`
	CreatedAt         time.Time                 `json:"createdAt"`
	UpdatedAt         time.Time                 `json:"updatedAt"`
}

// codecFormat is the version of the document a Codec writes and reads; a change to the stored
// shape gets a new number and a reader for the old one.
const codecFormat = 1

// Encode writes s with its personal values sealed.
func (k *Codec) Encode(s Snapshot) ([]byte, error) {
	d := storedCase{
		Format: codecFormat, ID: s.ID, GridCompany: s.GridCompany, InstallationType: s.InstallationType, JobType: s.JobType,
		Status: s.Status, Handler: s.Handler, Clear: map[string]string{}, Sealed: map[string]privacy.Sealed{},
		RequestedMainFuse: s.RequestedMainFuse, RequestedPower: s.RequestedPower,
		MeterPlacement: s.MeterPlacement, PlacementOther: s.PlacementOther,
		PlannedStart: s.PlannedStart, PlannedCompletion: s.PlannedCompletion,
		InstallerCompany: s.Installer.Company, InstallerAuthNo: s.Installer.AuthorisationNumber,
		Notes: storeNotes(s.Notes), Attachments: storeAttachments(s.Attachments), History: storeHistory(s.History),
		Sources: s.Sources, Recipients: s.Recipients, Justifications: s.Justifications, Tombstones: s.Tombstones,
		Version: s.Version, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
	}
	for _, f := range merge.Fields() {
		v := f.Reveal(&s.Form)
		switch {
		case v == "":
		case IsPersonal(f):
			if err := k.seal(&d, s.ID, f.Path(), v); err != nil {
				return nil, err
			}
		default:
			d.Clear[f.Path()] = v
		}
	}
	for _, o := range outsideFields {
		if err := o.seal(k, &s, &d); err != nil {
			return nil, err
		}
	}
	d.Tokens = k.Tokens(s)
	return json.Marshal(d)
}

func (k *Codec) seal(d *storedCase, id ID, path, value string) error {
	sealed, err := k.sealer.Seal([]byte(value), bind(id, path))
	if err != nil {
		return fmt.Errorf("notification: sealing %s: %w", path, err)
	}
	d.Sealed[path] = sealed
	return nil
}

// bind is the associated data that ties a sealed value to its case and field.
func bind(id ID, path string) []byte {
	return []byte("gridnotify/case/v1\x00" + string(id) + "\x00" + path)
}

// Tokens returns the keyed tokens of the identity numbers in s (owner's and payer's personal
// identity numbers, and sole traders' organisation numbers), for a store's person index.
func (k *Codec) Tokens(s Snapshot) []privacy.Token {
	var out []privacy.Token
	for _, p := range []facility.Party{s.Form.Owner, s.Form.Payer} {
		if !p.PersonalNumber.IsZero() {
			out = append(out, k.tokens.PersonalIdentityNumber(p.PersonalNumber))
		}
		if p.OrganisationNumber.IsPersonal() {
			out = append(out, k.tokens.OrganisationNumber(p.OrganisationNumber))
		}
	}
	return out
}

// Decode reads a document written by Encode. Errors match [ErrCorrupt], or the sealer's
// (privacy.ErrUnknownKey, privacy.ErrUnsealFailed) for a value that does not open, e.g. one
// moved from another case or field.
func (k *Codec) Decode(data []byte) (Snapshot, error) {
	var d storedCase
	if err := json.Unmarshal(data, &d); err != nil {
		return Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if d.Format != codecFormat {
		return Snapshot{}, fmt.Errorf("%w: unknown format %d", ErrCorrupt, d.Format)
	}
	s := Snapshot{
		ID: d.ID, GridCompany: d.GridCompany, InstallationType: d.InstallationType, JobType: d.JobType,
		Status: d.Status, Handler: d.Handler, RequestedMainFuse: d.RequestedMainFuse, RequestedPower: d.RequestedPower,
		MeterPlacement: d.MeterPlacement, PlacementOther: d.PlacementOther,
		PlannedStart: d.PlannedStart, PlannedCompletion: d.PlannedCompletion,
		Installer: Installer{Company: d.InstallerCompany, AuthorisationNumber: d.InstallerAuthNo},
		Notes:     d.notes(), Attachments: d.attachments(), History: d.history(),
		Sources: d.Sources, Recipients: d.Recipients, Justifications: d.Justifications, Tombstones: d.Tombstones,
		Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
	}
	for path, v := range d.Clear {
		if err := assignPath(&s.Form, path, v); err != nil {
			return Snapshot{}, err
		}
	}
	// Every form value is opened before any is assigned, so a value that does not open is
	// reported as such rather than as whatever assigning another value found.
	opened := map[string]string{}
	for path, sealed := range d.Sealed {
		if isOutsidePath(path) {
			continue // opened by its entry in outsideFields below
		}
		clear, err := k.sealer.Open(sealed, bind(d.ID, path))
		if err != nil {
			return Snapshot{}, fmt.Errorf("notification: opening %s: %w", path, err)
		}
		opened[path] = string(clear)
	}
	for path, v := range opened {
		if err := assignPath(&s.Form, path, v); err != nil {
			return Snapshot{}, err
		}
	}
	for _, o := range outsideFields {
		if err := o.open(k, &d, &s); err != nil {
			return Snapshot{}, err
		}
	}
	return s, nil
}

func assignPath(form *merge.Form, path, v string) error {
	f, ok := merge.FieldByPath(path)
	if !ok {
		return fmt.Errorf("%w: unknown field %q", ErrCorrupt, path)
	}
	if err := f.Assign(form, v); err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return nil
}
