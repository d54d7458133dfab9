package api

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/plans"
)

// Solution is one way of achieving one or more of the episode's outcomes, on the least-intrusive ladder. Above
// information and advice it must say why the less intrusive rungs cannot meet the outcome.
type Solution struct {
	ID               string   `json:"id"`         // read-only
	EpisodeID        string   `json:"episode_id"` // read-only
	Rung             string   `json:"rung"`       // own_strengths, network, community, information_advice, technology, reablement, ongoing_support or residential
	RungLabel        string   `json:"rung_label"` // read-only
	Description      string   `json:"description"`
	WhoWhen          string   `json:"who_when"`
	LowerRungsReason string   `json:"lower_rungs_reason"`
	OutcomeIDs       []string `json:"outcome_ids"`
	Version          int      `json:"version"` // read-only: send it back in If-Match
}

func solutionOf(s plans.Solution) Solution {
	return Solution{
		ID: s.ID, EpisodeID: s.EpisodeID, Rung: s.Rung.String(), RungLabel: s.Rung.Label(), Description: s.Description,
		WhoWhen: s.WhoWhen, LowerRungsReason: s.LowerRungsReason, OutcomeIDs: nonNil(s.OutcomeIDs), Version: s.Version,
	}
}

func (in Solution) record(personID, episodeID string) plans.Solution {
	rung, _ := plans.ParseRung(strings.TrimSpace(in.Rung)) // not a rung is the zero Rung, which Validate refuses
	return plans.Solution{
		PersonID: personID, EpisodeID: episodeID, Rung: rung, Description: in.Description, WhoWhen: in.WhoWhen,
		LowerRungsReason: in.LowerRungsReason, OutcomeIDs: in.OutcomeIDs,
	}
}

// listSolutions is GET .../episodes/{episode}/solutions: least intrusive rung first, then oldest first.
func (a *API) listSolutions(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	l, err := a.thread.Solutions.Ladder(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(l.Solutions, solutionOf))
	return nil
}

func (a *API) readSolution(r *http.Request, solutionID string) (int, any, error) {
	id := idsOf(r)
	l, err := a.thread.Solutions.Ladder(r.Context(), id.person, id.episode)
	if err != nil {
		return 0, nil, err
	}
	s, ok := l.Solution(solutionID)
	if !ok {
		return 0, nil, notFound
	}
	return s.Version, solutionOf(s), nil
}

// getSolution is GET .../episodes/{episode}/solutions/{solution}.
func (a *API) getSolution(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readSolution(r, r.PathValue("solution")) })
}

// addSolution is POST .../episodes/{episode}/solutions.
func (a *API) addSolution(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in Solution) (string, int, any, error) {
		added, err := a.thread.Solutions.AddSolution(r.Context(), in.record(id.person, id.episode))
		if err != nil {
			return "", 0, nil, err
		}
		return EpisodePath(id.person, id.episode) + "/solutions/" + added.ID, added.Version, solutionOf(added), nil
	})
}

// updateSolution is PUT .../episodes/{episode}/solutions/{solution}.
func (a *API) updateSolution(w http.ResponseWriter, r *http.Request) error {
	id, solutionID := idsOf(r), r.PathValue("solution")
	return change(w, r, "the solution",
		func(in Solution, version int) error {
			s := in.record(id.person, id.episode)
			s.ID, s.Version = solutionID, version
			return a.thread.Solutions.UpdateSolution(r.Context(), s)
		},
		func() (int, any, error) { return a.readSolution(r, solutionID) })
}
