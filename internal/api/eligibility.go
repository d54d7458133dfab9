package api

import (
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/conversations"
)

// Determination is a Care Act eligibility determination made in an episode: the answers to the three conditions,
// the result the regulations give (computed by Golden Thread, with its explanation), and the practitioner's
// decision, which may disagree with reasons. A determination is not changed once made; make a new one.
type Determination struct {
	ID                  string               `json:"id"`         // read-only
	EpisodeID           string               `json:"episode_id"` // read-only
	Kind                string               `json:"kind"`       // adult or carer
	ImpairmentOrIllness bool                 `json:"impairment_or_illness"`
	NecessaryCare       bool                 `json:"necessary_care"`
	HealthDeteriorating bool                 `json:"health_deteriorating"`
	Outcomes            []EligibilityOutcome `json:"outcomes"`
	SignificantImpact   bool                 `json:"significant_impact"`
	ImpactAreas         []string             `json:"impact_areas"`
	Agrees              *bool                `json:"agrees"`
	DisagreementReason  string               `json:"disagreement_reason"`
	DeterminedOn        *string              `json:"determined_on"`
	ComputedEligible    bool                 `json:"computed_eligible"` // read-only: the regulations' result
	Explanation         string               `json:"explanation"`       // read-only: why, in one sentence
	Eligible            bool                 `json:"eligible"`          // read-only: the decision
	CreatedAt           *time.Time           `json:"created_at"`        // read-only
	CreatedBy           string               `json:"created_by"`        // read-only
	Version             int                  `json:"version"`           // read-only
}

// EligibilityOutcome is a specified outcome the person is unable to achieve, and the ways they are unable to.
type EligibilityOutcome struct {
	Code string   `json:"code"`
	Ways []string `json:"ways"`
}

func determinationOf(d conversations.Determination) Determination {
	agrees := d.Agrees
	out := Determination{
		ID: d.ID, EpisodeID: d.EpisodeID, Kind: string(d.Answers.Kind), ImpairmentOrIllness: d.Answers.ImpairmentOrIllness,
		NecessaryCare: d.Answers.NecessaryCare, HealthDeteriorating: d.Answers.HealthDeteriorating,
		Outcomes: []EligibilityOutcome{}, SignificantImpact: d.Answers.SignificantImpact,
		ImpactAreas: nonNil(d.Answers.ImpactAreas), Agrees: &agrees, DisagreementReason: d.DisagreementReason,
		DeterminedOn: dateOrNull(d.DeterminedOn), ComputedEligible: d.ComputedEligible, Explanation: d.Explanation,
		Eligible: d.Eligible, CreatedAt: timeOrNull(d.CreatedAt), CreatedBy: d.CreatedBy, Version: d.Version,
	}
	for _, o := range d.Answers.Outcomes {
		ways := make([]string, len(o.Ways))
		for i, w := range o.Ways {
			ways[i] = string(w)
		}
		out.Outcomes = append(out.Outcomes, EligibilityOutcome{Code: o.Code, Ways: ways})
	}
	return out
}

func (in Determination) record(f *fields, personID, episodeID string) conversations.Determination {
	d := conversations.Determination{
		PersonID: personID, EpisodeID: episodeID, DisagreementReason: in.DisagreementReason,
		DeterminedOn: f.date("determined_on", "Date of the determination", in.DeterminedOn),
		Answers: conversations.Answers{
			Kind: conversations.Kind(strings.TrimSpace(in.Kind)), ImpairmentOrIllness: in.ImpairmentOrIllness,
			NecessaryCare: in.NecessaryCare, HealthDeteriorating: in.HealthDeteriorating,
			SignificantImpact: in.SignificantImpact, ImpactAreas: in.ImpactAreas,
		},
	}
	if in.Agrees == nil {
		f.add("agrees", "Say whether you agree with the result the regulations give: true or false")
	} else {
		d.Agrees = *in.Agrees
	}
	for _, o := range in.Outcomes {
		answer := conversations.OutcomeAnswer{Code: strings.TrimSpace(o.Code)}
		for _, w := range o.Ways {
			answer.Ways = append(answer.Ways, conversations.Way(strings.TrimSpace(w)))
		}
		d.Answers.Outcomes = append(d.Answers.Outcomes, answer)
	}
	return d
}

// field names the store's fields as the JSON does: "outcome_a_ways" is the ways of the outcome with code "a",
// "outcomes[0].ways".
func (in Determination) field(field string) string {
	for i, o := range in.Outcomes {
		if field == "outcome_"+strings.TrimSpace(o.Code)+"_ways" {
			return "outcomes[" + strconv.Itoa(i) + "].ways"
		}
	}
	return field
}

// listDeterminations is GET .../episodes/{episode}/eligibility: the episode's determinations, oldest first.
func (a *API) listDeterminations(w http.ResponseWriter, r *http.Request) error {
	rec, err := a.readEpisode(r)
	if err != nil {
		return err
	}
	sendList(w, listOf(rec.Determinations, determinationOf))
	return nil
}

// getDetermination is GET .../episodes/{episode}/eligibility/{determination}.
func (a *API) getDetermination(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	_, d, err := a.thread.Conversations.Determination(r.Context(), id.person, id.episode, r.PathValue("determination"))
	if err != nil {
		return err
	}
	sendRecord(w, http.StatusOK, d.Version, determinationOf(d))
	return nil
}

// addDetermination is POST .../episodes/{episode}/eligibility: the store works out the regulations' result from
// the answers, and the decision from whether the practitioner agrees.
func (a *API) addDetermination(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in Determination) (string, int, any, error) {
		var f fields
		d := in.record(&f, id.person, id.episode)
		d.Decide()
		if err := f.check(d.Validate(sqldb.TodayIn(r.Context()).Time)); err != nil {
			return "", 0, nil, renamed(err, in.field)
		}
		added, err := a.thread.Conversations.AddDetermination(r.Context(), d)
		if err != nil {
			return "", 0, nil, renamed(err, in.field)
		}
		return EpisodePath(id.person, id.episode) + "/eligibility/" + added.ID, added.Version, determinationOf(added), nil
	})
}
