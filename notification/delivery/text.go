package delivery

import (
	"fmt"
	"strings"
	"time"

	"github.com/gridnotify/gridnotify/notification"
)

// Language is the language of an e-mail or SMS.
type Language string

// The languages. The empty Language means both, Swedish first.
const (
	Swedish Language = "sv"
	English Language = "en"
)

// Valid reports whether l is Swedish or English (the empty Language, both, is not "valid" but
// allowed in a route).
func (l Language) Valid() bool { return l == Swedish || l == English }

// phrases are what each event type says, in Swedish and English.
var phrases = map[notification.EventType][2]string{
	notification.EventCreated:            {"Ärendet har skapats", "The case was created"},
	notification.EventFacilityFetched:    {"Anläggningsdata har hämtats", "The facility's data was fetched"},
	notification.EventSaved:              {"Ärendet har sparats", "The case was saved"},
	notification.EventSubmitted:          {"Föranmälan har skickats för godkännande", "The pre-notification was sent for approval"},
	notification.EventApproved:           {"Föranmälan har godkänts (installationsmedgivande)", "The pre-notification was approved (installation consent)"},
	notification.EventRejected:           {"Föranmälan har inte godkänts", "The pre-notification was rejected"},
	notification.EventReturned:           {"Ärendet har returnerats för komplettering", "The case was returned for completion"},
	notification.EventCompletionNotified: {"Färdiganmälan har skickats", "The completion notification was sent"},
	notification.EventClosed:             {"Ärendet har avslutats", "The case was closed"},
	notification.EventCancelled:          {"Ärendet har makulerats", "The case was cancelled"},
	notification.EventNoteAdded:          {"En ny notering har lagts till", "A new note was added"},
	notification.EventAttachmentAdded:    {"En bilaga har lagts till", "An attachment was added"},
	notification.EventPersonalDataErased: {"Personuppgifter i ärendet har raderats på begäran", "Personal data in the case was erased on request"},
	notification.EventPersonalDataPurged: {"Personuppgifter i ärendet har gallrats", "Personal data in the case was purged under retention"},
}

// Phrase returns what the event says happened, in one language, e.g. "Föranmälan har godkänts
// (installationsmedgivande), med villkor". It uses only the event's type and conditions flag.
func Phrase(e notification.Event, l Language) string {
	i := 0
	if l == English {
		i = 1
	}
	p, ok := phrases[e.Type]
	if !ok {
		p = [2]string{"Ärendet har ändrats", "The case was changed"}
	}
	s := p[i]
	if e.Type == notification.EventApproved && e.Conditions {
		s += [2]string{", med villkor", ", with conditions"}[i]
	}
	return s
}

// languages returns the languages of a message for a route's setting.
func languages(l Language) []Language {
	if l.Valid() {
		return []Language{l}
	}
	return []Language{Swedish, English}
}

// Subject returns an e-mail's subject for the event: what happened and the case ID, in the
// route's language or both. It holds no personal data: the event has none, and nothing is
// looked up.
func Subject(e notification.Event, l Language) string {
	var parts []string
	for _, l := range languages(l) {
		parts = append(parts, Phrase(e, l))
	}
	return strings.Join(parts, " / ") + " [" + string(e.CaseID) + "]"
}

// Body returns an e-mail's text for the event, in the route's language or both (Swedish
// first): what happened, the case, the status change, the version, when, who acted and the
// link to the case. It holds no personal data.
func Body(e notification.Event, l Language, link string) string {
	var b strings.Builder
	for i, l := range languages(l) {
		if i > 0 {
			b.WriteString("\n----------\n\n")
		}
		sv := l == Swedish
		pick := func(s, en string) string {
			if sv {
				return s
			}
			return en
		}
		status := func(s notification.Status) string {
			if sv {
				return s.Swedish()
			}
			return s.String()
		}
		fmt.Fprintf(&b, "%s.\n\n", Phrase(e, l))
		fmt.Fprintf(&b, "%s: %s\n", pick("Ärende", "Case"), e.CaseID)
		if e.From != e.To {
			fmt.Fprintf(&b, "%s: %s → %s\n", pick("Status", "Status"), status(e.From), status(e.To))
		} else {
			fmt.Fprintf(&b, "%s: %s\n", pick("Status", "Status"), status(e.To))
		}
		fmt.Fprintf(&b, "%s: %d\n", pick("Version", "Version"), e.Version)
		fmt.Fprintf(&b, "%s: %s\n", pick("Tidpunkt", "Time"), e.At.UTC().Format(time.DateTime+" UTC"))
		if e.By != 0 {
			by := e.By.String()
			if sv {
				by = e.By.Swedish()
			}
			fmt.Fprintf(&b, "%s: %s\n", pick("Av", "By"), by)
		}
		if link != "" {
			fmt.Fprintf(&b, "\n%s: %s\n", pick("Öppna ärendet", "Open the case"), link)
		}
		fmt.Fprintf(&b, "\n%s\n", pick(
			"Meddelandet innehåller inga personuppgifter; logga in för att se ärendet.",
			"This message holds no personal data; sign in to see the case."))
	}
	return b.String()
}

// smsText returns an SMS for the event: what happened, the case ID and the link.
func smsText(e notification.Event, l Language, link string) string {
	var parts []string
	for _, l := range languages(l) {
		parts = append(parts, Phrase(e, l)+".")
	}
	s := strings.Join(parts, " / ") + " " + string(e.CaseID)
	if link != "" {
		s += " " + link
	}
	return s
}
