package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/plans"
)

// Authorisation is a request for a team manager to authorise a service above the council's threshold, and the
// decision on it. Nobody decides on a service they asked for.
type Authorisation struct {
	ID              string     `json:"id"`
	ServiceID       string     `json:"service_id"`
	PersonID        string     `json:"person_id"`
	EpisodeID       string     `json:"episode_id"`
	PersonName      string     `json:"person_name"`
	ServiceName     string     `json:"service_name"`
	WeeklyCostPence int64      `json:"weekly_cost_pence"`
	RequestedBy     string     `json:"requested_by"`
	RequestedByName string     `json:"requested_by_name"`
	RequestedAt     *time.Time `json:"requested_at"`
	Decision        string     `json:"decision"` // pending, authorised, declined or withdrawn
	DecidedBy       string     `json:"decided_by"`
	DecidedByName   string     `json:"decided_by_name"`
	DecidedAt       *time.Time `json:"decided_at"`
	Reason          string     `json:"reason"`
	// Own is true in the list when the signed-in member of staff asked for the service, so someone else decides.
	Own     bool `json:"own"`
	Version int  `json:"version"`
}

// Decision is a team manager's decision on a request for authorisation.
type Decision struct {
	Decision string `json:"decision"` // authorised or declined
	Reason   string `json:"reason"`   // needed to decline
}

// decisionPending is how the API writes plans.Pending, which the store keeps as an empty string.
const decisionPending = "pending"

func authorisationOf(a plans.Authorisation) Authorisation {
	out := Authorisation{
		ID: a.ID, ServiceID: a.ServiceID, PersonID: a.PersonID, EpisodeID: a.EpisodeID, PersonName: a.PersonName,
		ServiceName: a.ServiceName, WeeklyCostPence: a.WeeklyCostPence, RequestedBy: a.RequestedBy,
		RequestedByName: a.RequestedByName, RequestedAt: timeOrNull(a.RequestedAt), Decision: string(a.Decision),
		DecidedBy: a.DecidedBy, DecidedByName: a.DecidedByName, DecidedAt: timeOrNull(a.DecidedAt), Reason: a.Reason,
		Own: a.Own, Version: a.Version,
	}
	if a.Decision == plans.Pending {
		out.Decision = decisionPending
	}
	return out
}

// listAuthorisations is GET /api/v1/authorisations: the requests waiting for the signed-in team manager (or, for
// the quality lead, the whole council's), oldest first. Like a search, the list is not written to the access log.
func (a *API) listAuthorisations(w http.ResponseWriter, r *http.Request) error {
	list, err := a.thread.Services.Waiting(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(list, authorisationOf))
	return nil
}

func (a *API) readAuthorisation(r *http.Request, id string) (int, any, error) {
	v, err := a.thread.Services.Authorisation(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return v.Authorisation.Version, authorisationOf(v.Authorisation), nil
}

// decide is POST /api/v1/authorisations/{authorisation}/decision: a team manager authorises or declines the
// service, with If-Match the request's ETag (from the list).
func (a *API) decide(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("authorisation")
	return change(w, r, "the authorisation",
		func(in Decision, version int) error {
			err := a.thread.Services.Decide(r.Context(), id, plans.Decision(strings.TrimSpace(in.Decision)), in.Reason, version)
			switch {
			case errors.Is(err, plans.ErrOwnRequest):
				return &Problem{Status: http.StatusForbidden, Detail: "You asked for this service, so someone else must decide on it: another team manager or the quality lead."}
			case errors.Is(err, plans.ErrNotTeamManager):
				return &Problem{Status: http.StatusForbidden, Detail: "Only a team manager, for their teams' people, or the quality lead can authorise a service."}
			}
			return err
		},
		func() (int, any, error) { return a.readAuthorisation(r, id) })
}
