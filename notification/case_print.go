package notification

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// A case is masked in every output channel, like the personal values it holds: fmt's
// verbs, slog and encoding/json all go through the methods below, which show the case's
// identity and state and, in JSON, its snapshot with every personal value masked. A Case's
// state is unexported, so without these methods fmt would print it raw. They have value
// receivers so that a Case value prints masked as well as a *Case.

// String returns the case's ID, grid company, type and status; nothing personal.
func (c Case) String() string {
	return fmt.Sprintf("notification.Case{id: %s, gridCompany: %s, type: %s, jobType: %s, status: %s, version: %d}",
		c.s.ID, c.s.GridCompany, c.s.InstallationType, c.s.JobType, c.s.Status.Code(), c.s.Version)
}

// GoString is String, so %#v shows nothing personal either.
func (c Case) GoString() string { return c.String() }

// Format prints [Case.String] for every verb.
func (c Case) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// LogValue logs the case's identity and state as a group; nothing personal.
func (c Case) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", string(c.s.ID)),
		slog.String("gridCompany", c.s.GridCompany),
		slog.String("type", string(c.s.InstallationType)),
		slog.String("jobType", c.s.JobType),
		slog.String("status", c.s.Status.Code()),
		slog.Int64("version", c.s.Version),
	)
}

// MarshalJSON writes the case's [Snapshot] for display or export, with every personal value
// masked by its privacy type. It is not a storage format: a store keeps the clear values
// through [Snapshot.PersonalValues].
func (c Case) MarshalJSON() ([]byte, error) { return json.Marshal(c.s) }
