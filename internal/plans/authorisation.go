package plans

import (
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
)

// RequiresAuthorisation applies a council's threshold to a service's weekly cost. A threshold of zero means the
// council has not set one, so no service waits for authorisation (a council that wants every paid service
// authorised sets a threshold of one penny); otherwise only a cost strictly above the threshold does
// (NeedsAuthorisation: a cost equal to the threshold does not).
func RequiresAuthorisation(weeklyPence, thresholdPence int64) bool {
	return thresholdPence > 0 && NeedsAuthorisation(weeklyPence, thresholdPence)
}

// MayAuthorise reports whether a role may decide on services awaiting authorisation. DESIGN.md gives the decision
// to team managers, for their teams' people; the quality lead (the Principal Social Worker) may decide for the whole
// council, for example while a team manager is away. Nobody decides on their own request (CanDecide).
func MayAuthorise(r councils.Role) bool { return r.AuthorisesServices() }

// Decision is what a team manager decided about a request for authorisation.
type Decision string

// The decisions on an authorisation. Pending is a request nobody has decided yet. Withdrawn is a request that
// lapsed because the service was changed to a cost that needs no authorisation.
const (
	Pending         Decision = ""
	DecideAuthorise Decision = "authorised"
	DecideDecline   Decision = "declined"
	Withdrawn       Decision = "withdrawn"
)

// Label is the decision as staff read it.
func (d Decision) Label() string {
	switch d {
	case Pending:
		return "Waiting for a decision"
	case DecideAuthorise:
		return "Authorised"
	case DecideDecline:
		return "Declined"
	case Withdrawn:
		return "Withdrawn"
	}
	return string(d)
}

// Authorisation is one request for a team manager to authorise a service above the council's threshold, and the
// decision on it: who asked and when, what it cost a week then, and who decided, when and why.
type Authorisation struct {
	ID, ServiceID, PersonID, EpisodeID string
	WeeklyCostPence                    int64
	RequestedBy, RequestedByName       string
	RequestedAt                        time.Time
	Decision                           Decision
	DecidedBy, DecidedByName           string
	DecidedAt                          time.Time
	Reason                             string
	Version                            int

	// Read with a list of requests, to say what and whom each is for.
	PersonName  string
	ServiceName string
	// Own is true when the signed-in member of staff asked for the service, so someone else must decide.
	Own bool
}

// ServiceName is how a service is named in lists and the chronology: its component, or its type, and who
// provides it.
func ServiceName(s Service) string {
	name := s.Component
	if name == "" {
		name = s.ServiceType
	}
	if p := strings.TrimSpace(s.Provider); p != "" {
		name += " from " + p
	}
	return name
}
