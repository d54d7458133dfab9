package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/outcomes"
)

// Aspiration is one of the person's hopes for the future, in their own words. It belongs to the person, not to
// an episode: a long-term hope outlives the episode it was first heard in.
type Aspiration struct {
	ID        string     `json:"id"`         // read-only
	EpisodeID string     `json:"episode_id"` // the episode it was heard in, if any; set when it is added
	Term      string     `json:"term"`       // short or long
	Words     string     `json:"words"`
	UpdatedAt *time.Time `json:"updated_at"` // read-only
	Version   int        `json:"version"`    // read-only: send it back in If-Match
}

func aspirationOf(a outcomes.Recorded) Aspiration {
	return Aspiration{
		ID: a.ID, EpisodeID: a.EpisodeID, Term: string(a.Term), Words: a.Words, UpdatedAt: timeOrNull(a.UpdatedAt),
		Version: a.Version,
	}
}

func (in Aspiration) record(personID string) outcomes.Aspiration {
	return outcomes.Aspiration{
		PersonID: personID, EpisodeID: strings.TrimSpace(in.EpisodeID), Term: outcomes.Term(strings.TrimSpace(in.Term)), Words: in.Words,
	}
}

// listAspirations is GET /api/v1/people/{id}/aspirations: all the person's hopes, oldest first.
func (a *API) listAspirations(w http.ResponseWriter, r *http.Request) error {
	list, err := a.thread.Outcomes.Aspirations(r.Context(), idsOf(r).person)
	if err != nil {
		return err
	}
	sendList(w, listOf(list, aspirationOf))
	return nil
}

func (a *API) readAspiration(r *http.Request, id string) (int, any, error) {
	_, asp, err := a.thread.Outcomes.GetAspiration(r.Context(), idsOf(r).person, id)
	if err != nil {
		return 0, nil, err
	}
	return asp.Version, aspirationOf(asp), nil
}

// getAspiration is GET /api/v1/people/{id}/aspirations/{aspiration}.
func (a *API) getAspiration(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readAspiration(r, r.PathValue("aspiration")) })
}

// addAspiration is POST /api/v1/people/{id}/aspirations. An episode_id that is not one of the person's episodes is
// not found.
func (a *API) addAspiration(w http.ResponseWriter, r *http.Request) error {
	personID := idsOf(r).person
	return create(w, r, func(in Aspiration) (string, int, any, error) {
		added, err := a.thread.Outcomes.AddAspiration(r.Context(), in.record(personID))
		if err != nil {
			return "", 0, nil, err
		}
		location := PersonPath(personID) + "/aspirations/" + added.ID
		// What was saved, as GET would send it: new records are version 1.
		return location, 1, aspirationOf(outcomes.Recorded{Aspiration: added, Version: 1}), nil
	})
}

// updateAspiration is PUT /api/v1/people/{id}/aspirations/{aspiration}: the term and the words. The episode it was
// heard in does not change.
func (a *API) updateAspiration(w http.ResponseWriter, r *http.Request) error {
	personID, id := idsOf(r).person, r.PathValue("aspiration")
	return change(w, r, "the aspiration",
		func(in Aspiration, version int) error {
			asp := in.record(personID)
			asp.ID = id
			return a.thread.Outcomes.UpdateAspiration(r.Context(), asp, version)
		},
		func() (int, any, error) { return a.readAspiration(r, id) })
}
