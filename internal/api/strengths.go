package api

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/strengths"
)

// Strength is one of the person's strengths, in their words, with what the practitioner observed kept apart.
type Strength struct {
	ID          string `json:"id"` // read-only
	EpisodeID   string `json:"episode_id"`
	Kind        string `json:"kind"` // personal, network, community or resources
	PersonWords string `json:"person_words"`
	Observed    string `json:"observed"`
	Version     int    `json:"version"` // read-only: send it back in If-Match
}

func strengthOf(s strengths.Strength) Strength {
	return Strength{ID: s.ID, EpisodeID: s.EpisodeID, Kind: string(s.Kind), PersonWords: s.PersonWords, Observed: s.Observed, Version: s.Version}
}

func (in Strength) record(personID string) strengths.Strength {
	return strengths.Strength{
		PersonID: personID, EpisodeID: in.EpisodeID, Kind: strengths.Kind(strings.TrimSpace(in.Kind)),
		PersonWords: in.PersonWords, Observed: in.Observed,
	}
}

// StrengthPath is the API address of a strength.
func StrengthPath(personID, id string) string { return PersonPath(personID) + "/strengths/" + id }

// listStrengths is GET /api/v1/people/{id}/strengths: the person's strengths, oldest first.
func (a *API) listStrengths(w http.ResponseWriter, r *http.Request) error {
	_, list, err := a.thread.Strengths.List(r.Context(), idsOf(r).person)
	if err != nil {
		return err
	}
	sendList(w, listOf(list, strengthOf))
	return nil
}

func (a *API) readStrength(r *http.Request) (int, any, error) {
	_, s, err := a.thread.Strengths.Strength(r.Context(), idsOf(r).person, r.PathValue("strength"))
	if err != nil {
		return 0, nil, err
	}
	return s.Version, strengthOf(s), nil
}

// getStrength is GET /api/v1/people/{id}/strengths/{strength}.
func (a *API) getStrength(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readStrength(r) })
}

// addStrength is POST /api/v1/people/{id}/strengths.
func (a *API) addStrength(w http.ResponseWriter, r *http.Request) error {
	personID := idsOf(r).person
	return create(w, r, func(in Strength) (string, int, any, error) {
		added, err := a.thread.Strengths.Add(r.Context(), in.record(personID))
		if err != nil {
			return "", 0, nil, err
		}
		return StrengthPath(personID, added.ID), added.Version, strengthOf(added), nil
	})
}

// updateStrength is PUT /api/v1/people/{id}/strengths/{strength}.
func (a *API) updateStrength(w http.ResponseWriter, r *http.Request) error {
	personID := idsOf(r).person
	return change(w, r, "the strength",
		func(in Strength, version int) error {
			s := in.record(personID)
			s.ID, s.Version = r.PathValue("strength"), version
			return a.thread.Strengths.Update(r.Context(), s)
		},
		func() (int, any, error) { return a.readStrength(r) })
}
