package delivery

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/gridnotify/gridnotify/privacy"
)

// Directory is the port that knows an organisation's addresses for a channel: the e-mail
// addresses of an installer company's order desk or a grid company's case officers, the phone
// numbers for SMS. The Dispatcher asks it when it delivers, not when it enqueues, so that
// addresses — personal data — never enter the job queue, and a changed address takes effect
// for deliveries still waiting.
//
// [StaticDirectory] is the in-memory implementation the configuration holds; a back office
// plugs in its own (its user register) by implementing this interface.
type Directory interface {
	// Addresses returns the organisation's addresses for the channel ([Email] or [SMS]): e-mail
	// addresses, or phone numbers in E.164 form. None (and no error) means the organisation
	// has no recipients for the channel. An error is retried, like a failed delivery; it must
	// not contain the addresses.
	Addresses(ctx context.Context, organisation string, channel Channel) ([]string, error)
}

// StaticDirectory is a [Directory] held in memory, read from the configuration's "recipients":
// organisation ID → its recipients. The addresses are [privacy.Email] and [privacy.Phone]
// values, so a StaticDirectory prints and logs masked.
type StaticDirectory map[string]Recipients

// Recipients are one organisation's addresses.
type Recipients struct {
	// Email are the e-mail addresses.
	Email []privacy.Email `json:"email,omitempty"`
	// SMS are the mobile phone numbers (Swedish, any common form; stored in E.164).
	SMS []privacy.Phone `json:"sms,omitempty"`
}

// Addresses implements [Directory]. It never fails; the context is not used.
func (d StaticDirectory) Addresses(_ context.Context, organisation string, channel Channel) ([]string, error) {
	return d.lookup(organisation, channel)
}

func (d StaticDirectory) lookup(organisation string, channel Channel) ([]string, error) {
	r := d[organisation]
	var out []string
	switch channel {
	case Email:
		for _, e := range r.Email {
			out = append(out, e.Reveal())
		}
	case SMS:
		for _, p := range r.SMS {
			out = append(out, p.Reveal())
		}
	default:
		return nil, fmt.Errorf("delivery: the directory has no addresses for channel %q", channel)
	}
	return out, nil
}

// validate checks the organisation IDs and that no address is zero or repeated, without
// quoting an address.
func (d StaticDirectory) validate() error {
	orgs := make([]string, 0, len(d))
	for org := range d {
		orgs = append(orgs, org)
	}
	sort.Strings(orgs)
	var errs []error
	for _, org := range orgs {
		at := fmt.Sprintf("recipients[%q]", org)
		if !validID(org) {
			errs = append(errs, problem(at, "not an organisation ID"))
			continue
		}
		r := d[org]
		for i, e := range r.Email {
			if e.IsZero() {
				errs = append(errs, problem(fmt.Sprintf("%s.email[%d]", at, i), "empty"))
			} else if slices.ContainsFunc(r.Email[:i], e.Equal) {
				errs = append(errs, problem(fmt.Sprintf("%s.email[%d]", at, i), "repeats an earlier address"))
			}
		}
		for i, p := range r.SMS {
			switch {
			case p.IsZero():
				errs = append(errs, problem(fmt.Sprintf("%s.sms[%d]", at, i), "empty"))
			case !p.IsMobile():
				errs = append(errs, problem(fmt.Sprintf("%s.sms[%d]", at, i), "not a mobile number"))
			case slices.ContainsFunc(r.SMS[:i], p.Equal):
				errs = append(errs, problem(fmt.Sprintf("%s.sms[%d]", at, i), "repeats an earlier number"))
			}
		}
	}
	return errors.Join(errs...)
}

// DirectoryFunc adapts a function to [Directory].
type DirectoryFunc func(ctx context.Context, organisation string, channel Channel) ([]string, error)

// Addresses calls f.
func (f DirectoryFunc) Addresses(ctx context.Context, organisation string, channel Channel) ([]string, error) {
	return f(ctx, organisation, channel)
}
