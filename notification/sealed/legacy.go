package sealed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/merge"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/privacy"
)

// The first release of gridnotify stored a case as a JSON document written by
// notification.Codec: form values in clear or sealed one by one, each bound to the case and
// its path, list rows with their texts sealed in place. Decode reads it when the codec is made
// WithFirstReleaseDocuments, so that cases a store of one's own kept from that release open;
// Encode writes the current document, so the store holds the current form after the case's
// next update. Unlike the current document, its clear part was not authenticated, only each
// sealed value was; hence the option.

// legacyCase is that document, as that release wrote it.
type legacyCase struct {
	Format            int                       `json:"format"`
	ID                notification.ID           `json:"id"`
	GridCompany       string                    `json:"gridCompany"`
	InstallationType  catalog.InstallationType  `json:"installationType"`
	JobType           string                    `json:"jobType"`
	Status            string                    `json:"status"`
	Handler           notification.Handler      `json:"handler"`
	Clear             map[string]string         `json:"clear"`
	Sealed            map[string]privacy.Sealed `json:"sealed"`
	RequestedMainFuse facility.Ampere           `json:"requestedMainFuse"`
	RequestedPower    decimal.Decimal           `json:"requestedPower"`
	MeterPlacement    catalog.MeterPlacement    `json:"meterPlacement"`
	PlacementOther    string                    `json:"meterPlacementOther"`
	PlannedStart      time.Time                 `json:"plannedStart"`
	PlannedCompletion time.Time                 `json:"plannedCompletion"`
	InstallerCompany  string                    `json:"installerCompany"`
	InstallerAuthNo   string                    `json:"installerAuthorisationNumber"`
	Notes             []struct {
		Author string         `json:"author"`
		At     time.Time      `json:"at"`
		Text   privacy.Sealed `json:"text"`
	} `json:"notes"`
	Attachments []struct {
		Kind      notification.AttachmentKind `json:"kind"`
		Name      privacy.Sealed              `json:"sealedName"`
		MediaType string                      `json:"mediaType"`
		Size      int64                       `json:"size"`
		SHA256    string                      `json:"sha256"`
		AddedAt   time.Time                   `json:"addedAt"`
	} `json:"attachments"`
	History []struct {
		From   string         `json:"from"`
		To     string         `json:"to"`
		Action int            `json:"action"`
		By     string         `json:"by"`
		At     time.Time      `json:"at"`
		Reason privacy.Sealed `json:"sealedReason"`
	} `json:"history"`
	Sources        map[string]notification.Source `json:"sources"`
	Recipients     []notification.Recipient       `json:"recipients"`
	Justifications []notification.Justification   `json:"justifications"`
	Tombstones     []notification.Tombstone       `json:"tombstones"`
	Version        int64                          `json:"version"`
	CreatedAt      time.Time                      `json:"createdAt"`
	UpdatedAt      time.Time                      `json:"updatedAt"`
}

// legacyActions are that release's action numbers, by their names now.
var legacyActions = map[int]string{1: "submit", 2: "approve", 3: "reject", 4: "return", 5: "notify-completion",
	6: "close", 7: "cancel"}

// isLegacy reports whether data is a document of that release: JSON, not the format byte.
func isLegacy(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// decodeLegacy reads a document of the first release.
func (k *Codec) decodeLegacy(data []byte) (notification.Snapshot, error) {
	var d legacyCase
	if err := json.Unmarshal(data, &d); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if d.Format != 1 {
		return notification.Snapshot{}, corrupt("unknown format %d", d.Format)
	}
	s := notification.Snapshot{
		ID: d.ID, GridCompany: d.GridCompany, InstallationType: d.InstallationType, JobType: d.JobType,
		Handler: d.Handler, RequestedMainFuse: d.RequestedMainFuse, RequestedPower: d.RequestedPower,
		MeterPlacement: d.MeterPlacement, PlacementOther: d.PlacementOther,
		PlannedStart: d.PlannedStart, PlannedCompletion: d.PlannedCompletion,
		Installer:  notification.Installer{Company: d.InstallerCompany, AuthorisationNumber: d.InstallerAuthNo},
		Recipients: d.Recipients, Justifications: d.Justifications, Tombstones: d.Tombstones,
		Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
	}
	if err := legacyStatus(&s.Status, d.Status); err != nil {
		return notification.Snapshot{}, err
	}
	for path, src := range d.Sources {
		f, ok := merge.FieldByPath(path)
		if !ok {
			return notification.Snapshot{}, corrupt("a source of a field the case does not have")
		}
		s.Sources[f] = src
	}
	for path, v := range d.Clear {
		f, ok := merge.FieldByPath(path)
		if !ok {
			return notification.Snapshot{}, corrupt("a value of a field the case does not have")
		}
		if err := f.Assign(&s.Form, v); err != nil {
			return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
	}

	// The personal values, opened each with the binding it was sealed under, then set as the
	// current document's are.
	values := map[string]string{}
	open := func(path string, sealed privacy.Sealed) error {
		if sealed.IsZero() {
			return nil
		}
		plain, err := k.sealer.Open(sealed, []byte("gridnotify/case/v1\x00"+string(d.ID)+"\x00"+path))
		if err != nil {
			return fmt.Errorf("sealed: opening the case: %w", err)
		}
		values[path] = string(plain)
		clear(plain)
		return nil
	}
	for _, path := range slices.Sorted(maps.Keys(d.Sealed)) {
		if err := open(path, d.Sealed[path]); err != nil {
			return notification.Snapshot{}, err
		}
	}
	if d.Notes != nil {
		s.Notes = make([]notification.Note, len(d.Notes))
	}
	for i, n := range d.Notes {
		s.Notes[i] = notification.Note{Author: n.Author, At: n.At}
		if err := open("notes."+strconv.Itoa(i)+".text", n.Text); err != nil {
			return notification.Snapshot{}, err
		}
	}
	if d.Attachments != nil {
		s.Attachments = make([]notification.Attachment, len(d.Attachments))
	}
	for i, a := range d.Attachments {
		s.Attachments[i] = notification.Attachment{Kind: a.Kind, MediaType: a.MediaType, Size: a.Size, SHA256: a.SHA256, AddedAt: a.AddedAt}
		if err := open("attachments."+strconv.Itoa(i)+".name", a.Name); err != nil {
			return notification.Snapshot{}, err
		}
	}
	if d.History != nil {
		s.History = make([]notification.StatusChange, len(d.History))
	}
	for i, h := range d.History {
		c := notification.StatusChange{By: h.By, At: h.At}
		name, ok := legacyActions[h.Action]
		if !ok {
			return notification.Snapshot{}, corrupt("an unknown action in the history")
		}
		if err := c.Action.UnmarshalText([]byte(name)); err != nil {
			return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		if err := legacyStatus(&c.From, h.From); err != nil {
			return notification.Snapshot{}, err
		}
		if err := legacyStatus(&c.To, h.To); err != nil {
			return notification.Snapshot{}, err
		}
		s.History[i] = c
		if err := open("history."+strconv.Itoa(i)+".reason", h.Reason); err != nil {
			return notification.Snapshot{}, err
		}
	}
	if err := s.Validate(); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if err := s.SetPersonalValues(maps.All(values)); err != nil {
		return notification.Snapshot{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return s, nil
}

// legacyStatus reads a status as that release named it: "draft" is "not-sent" now.
func legacyStatus(s *notification.Status, code string) error {
	if code == "draft" {
		code = "not-sent"
	}
	if err := s.UnmarshalText([]byte(code)); err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return nil
}
