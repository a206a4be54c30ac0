package notification

import (
	"time"

	"github.com/gridnotify/gridnotify/privacy"
)

// The rows of a stored case's lists: the values that are not personal stay clear, the free
// text of each row is sealed by its entry in [outsideFields] on its own.

type storedNote struct {
	Author string         `json:"author"`
	At     time.Time      `json:"at"`
	Text   privacy.Sealed `json:"text"`
}

type storedChange struct {
	From   Status         `json:"from"`
	To     Status         `json:"to"`
	Action Action         `json:"action"`
	By     string         `json:"by"`
	At     time.Time      `json:"at"`
	Reason privacy.Sealed `json:"sealedReason,omitzero"`
}

type storedAttachment struct {
	Kind      AttachmentKind `json:"kind"`
	Name      privacy.Sealed `json:"sealedName,omitzero"`
	MediaType string         `json:"mediaType"`
	Size      int64          `json:"size"`
	SHA256    string         `json:"sha256"`
	AddedAt   time.Time      `json:"addedAt"`
}

// storeNotes, storeHistory and storeAttachments give the rows to store, without their texts.
func storeNotes(ns []Note) []storedNote {
	if ns == nil {
		return nil // nil stays nil through storage, as an empty list stays empty
	}
	out := make([]storedNote, len(ns))
	for i, n := range ns {
		out[i] = storedNote{Author: n.Author, At: n.At}
	}
	return out
}

func storeHistory(hs []StatusChange) []storedChange {
	if hs == nil {
		return nil
	}
	out := make([]storedChange, len(hs))
	for i, h := range hs {
		out[i] = storedChange{From: h.From, To: h.To, Action: h.Action, By: h.By, At: h.At}
	}
	return out
}

func storeAttachments(as []Attachment) []storedAttachment {
	if as == nil {
		return nil
	}
	out := make([]storedAttachment, len(as))
	for i, a := range as {
		out[i] = storedAttachment{Kind: a.Kind, MediaType: a.MediaType, Size: a.Size, SHA256: a.SHA256, AddedAt: a.AddedAt}
	}
	return out
}

// notes, history and attachments give the stored rows back without their sealed texts, which
// the outside-field table opens.
func (d *storedCase) notes() []Note {
	if d.Notes == nil {
		return nil
	}
	out := make([]Note, len(d.Notes))
	for i, n := range d.Notes {
		out[i] = Note{Author: n.Author, At: n.At}
	}
	return out
}

func (d *storedCase) history() []StatusChange {
	if d.History == nil {
		return nil
	}
	out := make([]StatusChange, 0, len(d.History))
	for _, h := range d.History {
		out = append(out, StatusChange{From: h.From, To: h.To, Action: h.Action, By: h.By, At: h.At})
	}
	return out
}

func (d *storedCase) attachments() []Attachment {
	if d.Attachments == nil {
		return nil
	}
	out := make([]Attachment, 0, len(d.Attachments))
	for _, a := range d.Attachments {
		out = append(out, Attachment{Kind: a.Kind, MediaType: a.MediaType, Size: a.Size, SHA256: a.SHA256, AddedAt: a.AddedAt})
	}
	return out
}
