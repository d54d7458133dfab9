package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The programme's phases, workstreams and its decisions and issues log, through the API, as on the programme's pages:
// quality leads, team managers and programme leads read them; quality leads and programme leads change them.

// The API's paths for the programme's phases, workstreams and decisions.
const (
	ProgrammePhasesPath      = ProgrammePath + "/phases"
	ProgrammeWorkstreamsPath = ProgrammePath + "/workstreams"
	ProgrammeDecisionsPath   = ProgrammePath + "/decisions"
)

func (a *API) programmeLogRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+ProgrammePhasesPath+"/{phase}", a.getProgrammePhase),
		route("PUT "+ProgrammePhasesPath+"/{phase}", a.changeProgrammePhase),
		route("POST "+ProgrammeWorkstreamsPath, a.addWorkstream),
		route("GET "+ProgrammeWorkstreamsPath+"/{workstream}", a.getWorkstream),
		route("PUT "+ProgrammeWorkstreamsPath+"/{workstream}", a.changeWorkstream),
		route("GET "+ProgrammeDecisionsPath, a.listDecisions),
		route("POST "+ProgrammeDecisionsPath, a.addDecision),
		route("GET "+ProgrammeDecisionsPath+"/{decision}", a.getDecision),
		route("PUT "+ProgrammeDecisionsPath+"/{decision}", a.changeDecision),
	}
}

// ProgrammeDecision is an entry in the programme's decisions and issues log: a decision needed (which the board
// report lists while it is open), a decision made, or an issue.
type ProgrammeDecision struct {
	ID            string  `json:"id"`
	Kind          string  `json:"kind"`
	What          string  `json:"what"`
	RaisedBy      string  `json:"raised_by"`
	RaisedOn      *string `json:"raised_on"`
	NeededBy      *string `json:"needed_by"`
	Decider       string  `json:"decider"`
	Outcome       string  `json:"outcome"`
	DecidedOn     *string `json:"decided_on"`
	Status        string  `json:"status"`
	NeededOverdue bool    `json:"needed_overdue"`
	Version       int     `json:"version"`
}

func programmeDecisionOf(d programme.Decision, today sqldb.Date) ProgrammeDecision {
	return ProgrammeDecision{ID: d.ID, Kind: string(d.Kind), What: d.What, RaisedBy: d.RaisedBy, RaisedOn: dateOrNull(d.RaisedOn),
		NeededBy: dateOrNull(d.NeededBy), Decider: d.Decider, Outcome: d.Outcome, DecidedOn: dateOrNull(d.DecidedOn),
		Status: string(d.Status), NeededOverdue: d.NeededOverdue(today), Version: d.Version}
}

func decisionFrom(in ProgrammeDecision, f *fields, id string, version int) programme.Decision {
	return programme.Decision{ID: id, Version: version, Kind: programme.DecisionKind(strings.TrimSpace(in.Kind)), What: in.What,
		RaisedBy: in.RaisedBy, RaisedOn: f.date("raised_on", "The date it was raised", in.RaisedOn),
		NeededBy: f.date("needed_by", "The date it is needed by", in.NeededBy), Decider: in.Decider, Outcome: in.Outcome,
		Status: programme.DecisionStatus(strings.TrimSpace(in.Status))}
}

func (a *API) readDecision(r *http.Request, id string) (int, any, error) {
	d, err := a.programme.Decision(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return d.Version, programmeDecisionOf(d, sqldb.TodayIn(r.Context())), nil
}

// listDecisions is GET /api/v1/programme/decisions: the decisions and issues log.
func (a *API) listDecisions(w http.ResponseWriter, r *http.Request) error {
	ds, err := a.programme.Decisions(r.Context())
	if err != nil {
		return err
	}
	today := sqldb.TodayIn(r.Context())
	sendList(w, listOf(ds, func(d programme.Decision) ProgrammeDecision { return programmeDecisionOf(d, today) }))
	return nil
}

// getDecision is GET /api/v1/programme/decisions/{decision}.
func (a *API) getDecision(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readDecision(r, r.PathValue("decision")) })
}

// addDecision is POST /api/v1/programme/decisions.
func (a *API) addDecision(w http.ResponseWriter, r *http.Request) error {
	return addProgrammeRecord(w, r, ProgrammeDecisionsPath, decisionFrom,
		func(ctx context.Context, d programme.Decision) (string, error) {
			got, err := a.programme.AddDecision(ctx, d)
			return got.ID, err
		}, a.readDecision)
}

// changeDecision is PUT /api/v1/programme/decisions/{decision}, with If-Match: a decision needed is closed with its
// outcome when it is made, and the day it was decided is kept as the day it was first made or closed.
func (a *API) changeDecision(w http.ResponseWriter, r *http.Request) error {
	return changeProgrammeRecord(w, r, "the entry", r.PathValue("decision"), decisionFrom,
		func(ctx context.Context, d programme.Decision, _ ProgrammeDecision) error {
			_, err := a.programme.UpdateDecision(ctx, d)
			return err
		}, a.readDecision)
}

func workstreamFrom(in ProgrammeWorkstream, _ *fields, id string, version int) programme.Workstream {
	return programme.Workstream{ID: id, Version: version, Name: in.Name, Aim: in.Aim}
}

func (a *API) readWorkstream(r *http.Request, id string) (int, any, error) {
	x, err := a.programme.Workstream(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return x.Version, programmeWorkstreamOf(x), nil
}

// getWorkstream is GET /api/v1/programme/workstreams/{workstream}.
func (a *API) getWorkstream(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readWorkstream(r, r.PathValue("workstream")) })
}

// addWorkstream is POST /api/v1/programme/workstreams: a council's own workstream beside the three every programme
// starts with.
func (a *API) addWorkstream(w http.ResponseWriter, r *http.Request) error {
	return addProgrammeRecord(w, r, ProgrammeWorkstreamsPath, workstreamFrom,
		func(ctx context.Context, x programme.Workstream) (string, error) {
			got, err := a.programme.AddWorkstream(ctx, x)
			return got.ID, err
		}, a.readWorkstream)
}

// changeWorkstream is PUT /api/v1/programme/workstreams/{workstream}, with If-Match: its name and aim.
func (a *API) changeWorkstream(w http.ResponseWriter, r *http.Request) error {
	return changeProgrammeRecord(w, r, "the workstream", r.PathValue("workstream"), workstreamFrom,
		func(ctx context.Context, x programme.Workstream, _ ProgrammeWorkstream) error {
			_, err := a.programme.UpdateWorkstream(ctx, x)
			return err
		}, a.readWorkstream)
}

func phaseFrom(in ProgrammePhase, f *fields, phase string, version int) programme.PhasePlan {
	return programme.PhasePlan{Phase: programme.Phase(phase), Version: version,
		PlannedStart: f.date("planned_start", "The planned start", in.PlannedStart), PlannedEnd: f.date("planned_end", "The planned end", in.PlannedEnd),
		Status: programme.PhaseStatus(strings.TrimSpace(in.Status)), Findings: in.Findings}
}

// readPhase is one of the programme's four phases; a phase that is not one of them is not found.
func (a *API) readPhase(r *http.Request, phase string) (int, any, error) {
	ps, err := a.programme.Phases(r.Context())
	if err != nil {
		return 0, nil, err
	}
	today := sqldb.TodayIn(r.Context())
	for _, p := range ps {
		if string(p.Phase) == phase {
			return p.Version, programmePhaseOf(p, today), nil
		}
	}
	return 0, nil, fmt.Errorf("phase %q: %w", phase, sqldb.ErrNotFound)
}

// getProgrammePhase is GET /api/v1/programme/phases/{phase}: discover, dream, design or deliver.
func (a *API) getProgrammePhase(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readPhase(r, r.PathValue("phase")) })
}

// changeProgrammePhase is PUT /api/v1/programme/phases/{phase}, with If-Match: its planned dates, its status and
// what it found or decided.
func (a *API) changeProgrammePhase(w http.ResponseWriter, r *http.Request) error {
	phase := r.PathValue("phase")
	if _, _, err := a.readPhase(r, phase); err != nil {
		return err
	}
	return changeProgrammeRecord(w, r, "the phase", phase, phaseFrom,
		func(ctx context.Context, p programme.PhasePlan, _ ProgrammePhase) error {
			_, err := a.programme.UpdatePhase(ctx, p)
			return err
		}, a.readPhase)
}
