package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Episode is one journey through the practice framework's four steps, opened by a contact. Every field is
// read-only: an episode is opened by recording a contact, its steps change one at a time, and it ends by POST to
// its end.
type Episode struct {
	ID          string        `json:"id"`
	PersonID    string        `json:"person_id"`
	OpenedOn    *string       `json:"opened_on"`
	TeamID      string        `json:"team_id"`
	WorkerID    string        `json:"worker_id"`
	WorkerName  string        `json:"worker_name"`
	Ended       bool          `json:"ended"`
	Result      string        `json:"result"` // a CLD event outcome; empty while the episode is open
	EndedOn     *string       `json:"ended_on"`
	EndedStep   *int          `json:"ended_step"`
	EndNote     string        `json:"end_note"`
	CurrentStep int           `json:"current_step"` // the step in hand, or the step it ended at
	Position    string        `json:"position"`     // where the episode has got to, as staff read it
	Steps       []EpisodeStep `json:"steps"`
	Contact     Contact       `json:"contact"`
	CreatedAt   *time.Time    `json:"created_at"`
	CreatedBy   string        `json:"created_by"`
	Version     int           `json:"version"`
}

// EpisodeStep is where an episode has got to in one step. Only status and reason can be changed.
type EpisodeStep struct {
	Step    int    `json:"step"`  // read-only
	Label   string `json:"label"` // read-only
	Status  string `json:"status"`
	Reason  string `json:"reason"`  // why the step is not needed
	Version int    `json:"version"` // read-only: send it back in If-Match
}

// Ending is how an episode ends: the step it ended at, the result (a CLD event outcome) and a note.
type Ending struct {
	Step    int     `json:"step"`
	Result  string  `json:"result"`
	Note    string  `json:"note"`
	EndedOn *string `json:"ended_on"` // null for today (for a contact resolved at once, the day of the contact)
}

func stepOf(r conversations.StepRecord) EpisodeStep {
	return EpisodeStep{Step: int(r.Step), Label: r.Step.Label(), Status: string(r.Status), Reason: r.Reason, Version: r.Version}
}

func episodeOf(e conversations.Episode) Episode {
	out := Episode{
		ID: e.ID, PersonID: e.PersonID, OpenedOn: dateOrNull(e.OpenedOn), TeamID: e.TeamID, WorkerID: e.WorkerID,
		WorkerName: e.WorkerName, Ended: e.Ended(), Result: e.Result, EndedOn: dateOrNull(e.EndedOn), EndNote: e.EndNote,
		CurrentStep: currentStep(e.Position()), Position: e.Position().Text(), Steps: listOf(e.Steps, stepOf), Contact: contactOf(e.Contact, e.ID),
		CreatedAt: timeOrNull(e.CreatedAt), CreatedBy: e.CreatedBy, Version: e.Version,
	}
	if e.EndedStep.Valid() {
		step := int(e.EndedStep)
		out.EndedStep = &step
	}
	return out
}

// currentStep is the step an episode ended at, or the step in hand while it is open.
func currentStep(p conversations.Position) int {
	if p.Ended {
		return int(p.Reached)
	}
	return int(p.Current())
}

func (in Ending) ending(f *fields) conversations.Ending {
	return conversations.Ending{
		Step: conversations.Step(in.Step), Result: strings.TrimSpace(in.Result), Note: in.Note,
		EndedOn: f.date("ended_on", "Date the work ended", in.EndedOn),
	}
}

// listEpisodes is GET /api/v1/people/{id}/episodes: the person's episodes, newest first. One view is logged.
func (a *API) listEpisodes(w http.ResponseWriter, r *http.Request) error {
	eps, err := a.thread.Conversations.Episodes(r.Context(), idsOf(r).person)
	if err != nil {
		return err
	}
	sendList(w, listOf(eps, episodeOf))
	return nil
}

// readEpisode reads an episode, logging the view.
func (a *API) readEpisode(r *http.Request) (conversations.EpisodeRecord, error) {
	id := idsOf(r)
	return a.thread.Conversations.Episode(r.Context(), id.person, id.episode)
}

// getEpisode is GET /api/v1/people/{id}/episodes/{episode}: the episode with its four steps.
func (a *API) getEpisode(w http.ResponseWriter, r *http.Request) error {
	rec, err := a.readEpisode(r)
	if err != nil {
		return err
	}
	sendRecord(w, http.StatusOK, rec.Episode.Version, episodeOf(rec.Episode))
	return nil
}

// setStep is PUT /api/v1/people/{id}/episodes/{episode}/steps/{step}: where the episode has got to in one step.
// If-Match is the step's own ETag, so that changes to different steps do not collide.
func (a *API) setStep(w http.ResponseWriter, r *http.Request) error {
	n, err := strconv.Atoi(r.PathValue("step"))
	if err != nil || !conversations.Step(n).Valid() {
		return notFound
	}
	step, id := conversations.Step(n), idsOf(r)
	return change(w, r, "the episode",
		func(in EpisodeStep, version int) error {
			return a.thread.Conversations.SetStep(r.Context(), id.person, id.episode, conversations.StepRecord{
				Step: step, Status: conversations.StepStatus(strings.TrimSpace(in.Status)), Reason: in.Reason, Version: version,
			})
		},
		func() (int, any, error) {
			rec, err := a.readEpisode(r)
			if err != nil {
				return 0, nil, err
			}
			s := rec.Episode.StepOf(step)
			return s.Version, stepOf(s), nil
		})
}

// endEpisode is POST /api/v1/people/{id}/episodes/{episode}/end: the episode ends at a step, with a result.
func (a *API) endEpisode(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return change(w, r, "the episode",
		func(in Ending, version int) error {
			var f fields
			end := in.ending(&f)
			if err := f.check(end.Validate(sqldb.Date{}, sqldb.TodayIn(r.Context()).Time)); err != nil {
				return err
			}
			return a.thread.Conversations.End(r.Context(), id.person, id.episode, end, version)
		},
		func() (int, any, error) {
			rec, err := a.readEpisode(r)
			if err != nil {
				return 0, nil, err
			}
			return rec.Episode.Version, episodeOf(rec.Episode), nil
		})
}
