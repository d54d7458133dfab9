package api

import (
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/outcomes"
)

// Outcome is a SMART outcome of an episode, with its Goal Attainment Scale. It stays a draft until every SMART
// element and the expected level are there: "smart" says whether they are, and "missing" lists what is not.
type Outcome struct {
	ID                  string   `json:"id"`         // read-only
	EpisodeID           string   `json:"episode_id"` // read-only
	AspirationID        string   `json:"aspiration_id"`
	Different           string   `json:"different"`
	HowWeKnow           string   `json:"how_we_know"`
	ByWhen              *string  `json:"by_when"`
	WhoInvolved         string   `json:"who_involved"`
	WellbeingAreas      []string `json:"wellbeing_areas"`
	EligibilityOutcomes []string `json:"eligibility_outcomes"`
	LevelMinus2         string   `json:"level_minus2"`
	LevelMinus1         string   `json:"level_minus1"`
	Expected            string   `json:"expected"`
	LevelPlus1          string   `json:"level_plus1"`
	LevelPlus2          string   `json:"level_plus2"`
	Baseline            int      `json:"baseline"` // -1 or -2; 0 when not set
	Importance          int      `json:"importance"`
	Difficulty          int      `json:"difficulty"`
	Status              string   `json:"status"`  // draft and active are decided by the SMART elements
	SMART               bool     `json:"smart"`   // read-only
	Missing             []string `json:"missing"` // read-only: the SMART elements still missing
	Version             int      `json:"version"` // read-only: send it back in If-Match
}

func outcomeOf(o outcomes.Outcome) Outcome {
	missing := []string{}
	for _, e := range o.MissingSMART() {
		missing = append(missing, string(e))
	}
	return Outcome{
		ID: o.ID, EpisodeID: o.EpisodeID, AspirationID: o.AspirationID, Different: o.Different, HowWeKnow: o.HowWeKnow,
		ByWhen: dateOrNull(o.ByWhen), WhoInvolved: o.WhoInvolved, WellbeingAreas: nonNil(o.WellbeingAreas),
		EligibilityOutcomes: nonNil(o.EligibilityOutcomes), LevelMinus2: o.LevelMinus2, LevelMinus1: o.LevelMinus1,
		Expected: o.Expected, LevelPlus1: o.LevelPlus1, LevelPlus2: o.LevelPlus2, Baseline: int(o.Baseline),
		Importance: o.Importance, Difficulty: o.Difficulty, Status: string(o.Status), SMART: len(missing) == 0,
		Missing: missing, Version: o.Version,
	}
}

func (in Outcome) record(f *fields, personID, episodeID string) outcomes.Outcome {
	return outcomes.Outcome{
		PersonID: personID, EpisodeID: episodeID, AspirationID: strings.TrimSpace(in.AspirationID), Different: in.Different,
		HowWeKnow: in.HowWeKnow, ByWhen: f.date("by_when", "The date it should be achieved by", in.ByWhen),
		WhoInvolved: in.WhoInvolved, WellbeingAreas: in.WellbeingAreas, EligibilityOutcomes: in.EligibilityOutcomes,
		LevelMinus2: in.LevelMinus2, LevelMinus1: in.LevelMinus1, Expected: in.Expected, LevelPlus1: in.LevelPlus1,
		LevelPlus2: in.LevelPlus2, Baseline: outcomes.Level(in.Baseline), Importance: in.Importance,
		Difficulty: in.Difficulty, Status: outcomes.Status(strings.TrimSpace(in.Status)),
	}
}

// listOutcomes is GET .../episodes/{episode}/outcomes: the episode's outcomes, oldest first.
func (a *API) listOutcomes(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	b, err := a.thread.Outcomes.Board(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(b.Outcomes, outcomeOf))
	return nil
}

func (a *API) readOutcome(r *http.Request, outcomeID string) (int, any, error) {
	id := idsOf(r)
	b, err := a.thread.Outcomes.Board(r.Context(), id.person, id.episode)
	if err != nil {
		return 0, nil, err
	}
	o, ok := b.Outcome(outcomeID)
	if !ok {
		return 0, nil, notFound
	}
	return o.Version, outcomeOf(o), nil
}

// getOutcome is GET .../episodes/{episode}/outcomes/{outcome}.
func (a *API) getOutcome(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readOutcome(r, r.PathValue("outcome")) })
}

// addOutcome is POST .../episodes/{episode}/outcomes: a draft needs only what will be different.
func (a *API) addOutcome(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in Outcome) (string, int, any, error) {
		var f fields
		o := in.record(&f, id.person, id.episode)
		if err := f.check(o.Validate()); err != nil {
			return "", 0, nil, err
		}
		added, err := a.thread.Outcomes.AddOutcome(r.Context(), o)
		if err != nil {
			return "", 0, nil, err
		}
		return EpisodePath(id.person, id.episode) + "/outcomes/" + added.ID, added.Version, outcomeOf(added), nil
	})
}

// updateOutcome is PUT .../episodes/{episode}/outcomes/{outcome}.
func (a *API) updateOutcome(w http.ResponseWriter, r *http.Request) error {
	id, outcomeID := idsOf(r), r.PathValue("outcome")
	return change(w, r, "the outcome",
		func(in Outcome, version int) error {
			var f fields
			o := in.record(&f, id.person, id.episode)
			o.ID, o.Version = outcomeID, version
			if err := f.check(o.Validate()); err != nil {
				return err
			}
			return a.thread.Outcomes.UpdateOutcome(r.Context(), o)
		},
		func() (int, any, error) { return a.readOutcome(r, outcomeID) })
}
