package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The implementation programme: the council's programme with its phases and workstreams, and its milestones,
// actions and risks, each listed, read, added and changed with If-Match. Quality leads, team managers and
// programme leads read them; quality leads and programme leads change them (the store applies it). Programme
// records name staff, never a person. Another council's records do not exist here (404, or an empty list).

// ProgrammeStore is what the API needs of programme.Store.
type ProgrammeStore interface {
	Programme(ctx context.Context) (programme.Programme, error)
	Phases(ctx context.Context) ([]programme.PhasePlan, error)
	Workstreams(ctx context.Context) ([]programme.Workstream, error)
	Milestones(ctx context.Context) ([]programme.Milestone, error)
	Milestone(ctx context.Context, id string) (programme.Milestone, error)
	AddMilestone(ctx context.Context, m programme.Milestone) (programme.Milestone, error)
	UpdateMilestone(ctx context.Context, m programme.Milestone) (programme.Milestone, error)
	Actions(ctx context.Context) ([]programme.Action, error)
	Action(ctx context.Context, id string) (programme.Action, error)
	AddAction(ctx context.Context, a programme.Action) (programme.Action, error)
	UpdateAction(ctx context.Context, a programme.Action) (programme.Action, error)
	Risks(ctx context.Context) ([]programme.Risk, error)
	Risk(ctx context.Context, id string) (programme.Risk, error)
	AddRisk(ctx context.Context, r programme.Risk) (programme.Risk, error)
	UpdateRisk(ctx context.Context, r programme.Risk, note string) (programme.Risk, error)
	UpdatePhase(ctx context.Context, p programme.PhasePlan) (programme.PhasePlan, error)
	Workstream(ctx context.Context, id string) (programme.Workstream, error)
	AddWorkstream(ctx context.Context, w programme.Workstream) (programme.Workstream, error)
	UpdateWorkstream(ctx context.Context, w programme.Workstream) (programme.Workstream, error)
	Decisions(ctx context.Context) ([]programme.Decision, error)
	Decision(ctx context.Context, id string) (programme.Decision, error)
	AddDecision(ctx context.Context, d programme.Decision) (programme.Decision, error)
	UpdateDecision(ctx context.Context, d programme.Decision) (programme.Decision, error)
}

// WithProgramme adds the implementation programme's store to the API.
func (a *API) WithProgramme(s ProgrammeStore) *API {
	a.programme = s
	return a
}

// The API's programme paths.
const (
	ProgrammePath           = "/api/v1/programme"
	ProgrammeMilestonesPath = ProgrammePath + "/milestones"
	ProgrammeActionsPath    = ProgrammePath + "/actions"
	ProgrammeRisksPath      = ProgrammePath + "/risks"
)

func (a *API) programmeRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+ProgrammePath, a.getProgramme),
		route("GET "+ProgrammeMilestonesPath, a.listMilestones),
		route("POST "+ProgrammeMilestonesPath, a.addMilestone),
		route("GET "+ProgrammeMilestonesPath+"/{milestone}", a.getMilestone),
		route("PUT "+ProgrammeMilestonesPath+"/{milestone}", a.changeMilestone),
		route("GET "+ProgrammeActionsPath, a.listProgrammeActions),
		route("POST "+ProgrammeActionsPath, a.addProgrammeAction),
		route("GET "+ProgrammeActionsPath+"/{action}", a.getProgrammeAction),
		route("PUT "+ProgrammeActionsPath+"/{action}", a.changeProgrammeAction),
		route("GET "+ProgrammeRisksPath, a.listProgrammeRisks),
		route("POST "+ProgrammeRisksPath, a.addProgrammeRisk),
		route("GET "+ProgrammeRisksPath+"/{risk}", a.getProgrammeRisk),
		route("PUT "+ProgrammeRisksPath+"/{risk}", a.changeProgrammeRisk),
	}
}

// Programme is the council's implementation programme with its four phases and its workstreams.
type Programme struct {
	Name        string                `json:"name"`
	Aim         string                `json:"aim"`
	LeadStaffID string                `json:"lead_staff_id"`
	LeadName    string                `json:"lead_name"`
	Board       string                `json:"board"`
	StartedOn   *string               `json:"started_on"`
	Phases      []ProgrammePhase      `json:"phases"`
	Workstreams []ProgrammeWorkstream `json:"workstreams"`
	Version     int                   `json:"version"`
}

// ProgrammePhase is one of the four phases, with whether it is late (worked out from its planned end and status).
type ProgrammePhase struct {
	Phase        string  `json:"phase"`
	PlannedStart *string `json:"planned_start"`
	PlannedEnd   *string `json:"planned_end"`
	Status       string  `json:"status"`
	Late         bool    `json:"late"`
	Findings     string  `json:"findings"`
	Version      int     `json:"version"`
}

// ProgrammeWorkstream is a workstream of the programme.
type ProgrammeWorkstream struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Aim      string `json:"aim"`
	Standard string `json:"standard"`
	Version  int    `json:"version"`
}

// ProgrammeMilestone is a milestone with its RAG (and the reason when amber or red) and its evidence.
type ProgrammeMilestone struct {
	ID             string              `json:"id"`
	Title          string              `json:"title"`
	WorkstreamID   string              `json:"workstream_id"`
	WorkstreamName string              `json:"workstream_name"`
	Phase          string              `json:"phase"`
	DueOn          *string             `json:"due_on"`
	OwnerStaffID   string              `json:"owner_staff_id"`
	OwnerName      string              `json:"owner_name"`
	Status         string              `json:"status"`
	RAG            string              `json:"rag"`
	RAGReason      string              `json:"rag_reason"`
	CompletedOn    *string             `json:"completed_on"`
	Overdue        bool                `json:"overdue"`
	Notes          string              `json:"notes"`
	Template       string              `json:"template"`
	Evidence       []ProgrammeEvidence `json:"evidence"`
	Version        int                 `json:"version"`
}

// ProgrammeEvidence is something linked to a milestone to show it was met.
type ProgrammeEvidence struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Ref       string    `json:"ref"`
	Name      string    `json:"name"`
	MediaType string    `json:"media_type"`
	Size      int       `json:"size"`
	AddedAt   time.Time `json:"added_at"`
}

// ProgrammeAction is one line of the action plan.
type ProgrammeAction struct {
	ID           string  `json:"id"`
	What         string  `json:"what"`
	OwnerStaffID string  `json:"owner_staff_id"`
	OwnerName    string  `json:"owner_name"`
	DueOn        *string `json:"due_on"`
	How          string  `json:"how"`
	Status       string  `json:"status"`
	MilestoneID  string  `json:"milestone_id"`
	CompletedOn  *string `json:"completed_on"`
	Overdue      bool    `json:"overdue"`
	Version      int     `json:"version"`
}

// ProgrammeRisk is a risk in the risk log, its score, band and trend worked out.
type ProgrammeRisk struct {
	ID            string                `json:"id"`
	Title         string                `json:"title"`
	Cause         string                `json:"cause"`
	Effect        string                `json:"effect"`
	Likelihood    int                   `json:"likelihood"`
	Impact        int                   `json:"impact"`
	Score         int                   `json:"score"`
	Band          string                `json:"band"`
	Trend         string                `json:"trend"`
	OwnerStaffID  string                `json:"owner_staff_id"`
	OwnerName     string                `json:"owner_name"`
	Mitigation    string                `json:"mitigation"`
	ReviewOn      *string               `json:"review_on"`
	ReviewOverdue bool                  `json:"review_overdue"`
	Status        string                `json:"status"`
	ReviewNote    string                `json:"review_note"`
	Reviews       []ProgrammeRiskReview `json:"reviews"`
	Version       int                   `json:"version"`
}

// ProgrammeRiskReview is one scoring of a risk.
type ProgrammeRiskReview struct {
	ReviewedAt time.Time `json:"reviewed_at"`
	Likelihood int       `json:"likelihood"`
	Impact     int       `json:"impact"`
	Note       string    `json:"note"`
}

func programmePhaseOf(x programme.PhasePlan, today sqldb.Date) ProgrammePhase {
	return ProgrammePhase{Phase: string(x.Phase), PlannedStart: dateOrNull(x.PlannedStart), PlannedEnd: dateOrNull(x.PlannedEnd),
		Status: string(x.Status), Late: x.Late(today), Findings: x.Findings, Version: x.Version}
}

func programmeWorkstreamOf(x programme.Workstream) ProgrammeWorkstream {
	return ProgrammeWorkstream{ID: x.ID, Name: x.Name, Aim: x.Aim, Standard: string(x.Standard), Version: x.Version}
}

func programmeMilestoneOf(m programme.Milestone, today sqldb.Date) ProgrammeMilestone {
	return ProgrammeMilestone{ID: m.ID, Title: m.Title, WorkstreamID: m.WorkstreamID, WorkstreamName: m.WorkstreamName, Phase: string(m.Phase),
		DueOn: dateOrNull(m.DueOn), OwnerStaffID: m.OwnerStaffID, OwnerName: m.OwnerName, Status: string(m.Status), RAG: string(m.RAG),
		RAGReason: m.RAGReason, CompletedOn: dateOrNull(m.CompletedOn), Overdue: m.Overdue(today), Notes: m.Notes, Template: m.Template,
		Version: m.Version, Evidence: listOf(m.Evidence, func(e programme.Evidence) ProgrammeEvidence {
			return ProgrammeEvidence{ID: e.ID, Kind: string(e.Kind), Ref: e.Ref, Name: e.Name, MediaType: e.MediaType, Size: e.Size, AddedAt: e.AddedAt}
		})}
}

func programmeActionOf(x programme.Action, today sqldb.Date) ProgrammeAction {
	return ProgrammeAction{ID: x.ID, What: x.What, OwnerStaffID: x.OwnerStaffID, OwnerName: x.OwnerName, DueOn: dateOrNull(x.DueOn), How: x.How,
		Status: string(x.Status), MilestoneID: x.MilestoneID, CompletedOn: dateOrNull(x.CompletedOn), Overdue: x.Overdue(today), Version: x.Version}
}

func programmeRiskOf(x programme.Risk, today sqldb.Date) ProgrammeRisk {
	return ProgrammeRisk{ID: x.ID, Title: x.Title, Cause: x.Cause, Effect: x.Effect, Likelihood: x.Likelihood, Impact: x.Impact, Score: x.Score(),
		Band: string(x.Band()), Trend: string(x.Trend()), OwnerStaffID: x.OwnerStaffID, OwnerName: x.OwnerName, Mitigation: x.Mitigation,
		ReviewOn: dateOrNull(x.ReviewOn), ReviewOverdue: x.ReviewOverdue(today), Status: string(x.Status), Version: x.Version,
		Reviews: listOf(x.Reviews, func(v programme.RiskReview) ProgrammeRiskReview {
			return ProgrammeRiskReview{ReviewedAt: v.ReviewedAt, Likelihood: v.Likelihood, Impact: v.Impact, Note: v.Note}
		})}
}

// getProgramme is GET /api/v1/programme: the council's programme with its phases and workstreams; 404 before the
// council starts one.
func (a *API) getProgramme(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) {
		ctx := r.Context()
		p, err := a.programme.Programme(ctx)
		if err != nil {
			return 0, nil, err
		}
		phases, err := a.programme.Phases(ctx)
		if err != nil {
			return 0, nil, err
		}
		ws, err := a.programme.Workstreams(ctx)
		if err != nil {
			return 0, nil, err
		}
		today := sqldb.TodayIn(ctx)
		out := Programme{Name: p.Name, Aim: p.Aim, LeadStaffID: p.LeadStaffID, LeadName: p.LeadName, Board: p.Board,
			StartedOn: dateOrNull(p.StartedOn), Version: p.Version,
			Phases:      listOf(phases, func(x programme.PhasePlan) ProgrammePhase { return programmePhaseOf(x, today) }),
			Workstreams: listOf(ws, programmeWorkstreamOf)}
		return p.Version, out, nil
	})
}

// programmeField names the rules' fields as the JSON does.
func programmeField(field string) string {
	switch field {
	case "workstream":
		return "workstream_id"
	case "owner":
		return "owner_staff_id"
	case "milestone":
		return "milestone_id"
	}
	return field
}

// checkProgramme reports the API's own problems with a request (a date it cannot read) with the record's rules, as
// the JSON names the fields; nil when the API found none, and the store applies the rules.
func checkProgramme[R any, P programme.Record[R]](rec R, f *fields) error {
	if err := f.check(programme.Check[R, P](rec)); err != nil {
		return renamed(err, programmeField)
	}
	return nil
}

// addProgrammeRecord is every POST that adds a programme record: the body turned into the record (from), checked,
// added, and read back at its address under collection.
func addProgrammeRecord[In, R any, P programme.Record[R]](w http.ResponseWriter, r *http.Request, collection string,
	from func(in In, f *fields, id string, version int) R, add func(ctx context.Context, rec R) (string, error),
	read func(r *http.Request, id string) (int, any, error)) error {
	return create(w, r, func(in In) (string, int, any, error) {
		var f fields
		rec := from(in, &f, "", 0)
		if err := checkProgramme[R, P](rec, &f); err != nil {
			return "", 0, nil, err
		}
		id, err := add(r.Context(), rec)
		if err != nil {
			return "", 0, nil, renamed(err, programmeField)
		}
		version, body, err := read(r, id)
		return collection + "/" + id, version, body, err
	})
}

// changeProgrammeRecord is every PUT that replaces a programme record, with If-Match.
func changeProgrammeRecord[In, R any, P programme.Record[R]](w http.ResponseWriter, r *http.Request, what, id string,
	from func(in In, f *fields, id string, version int) R, save func(ctx context.Context, rec R, in In) error,
	read func(r *http.Request, id string) (int, any, error)) error {
	return change(w, r, what,
		func(in In, version int) error {
			var f fields
			rec := from(in, &f, id, version)
			if err := checkProgramme[R, P](rec, &f); err != nil {
				return err
			}
			return renamed(save(r.Context(), rec, in), programmeField)
		},
		func() (int, any, error) { return read(r, id) })
}

func milestoneFrom(in ProgrammeMilestone, f *fields, id string, version int) programme.Milestone {
	return programme.Milestone{ID: id, Version: version, Title: in.Title, WorkstreamID: in.WorkstreamID, Phase: programme.Phase(strings.TrimSpace(in.Phase)),
		DueOn: f.date("due_on", "The due date", in.DueOn), OwnerStaffID: in.OwnerStaffID, Status: programme.MilestoneStatus(strings.TrimSpace(in.Status)),
		RAG: programme.RAG(strings.TrimSpace(in.RAG)), RAGReason: in.RAGReason, CompletedOn: f.date("completed_on", "The completed date", in.CompletedOn),
		Notes: in.Notes}
}

func (a *API) readMilestone(r *http.Request, id string) (int, any, error) {
	m, err := a.programme.Milestone(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return m.Version, programmeMilestoneOf(m, sqldb.TodayIn(r.Context())), nil
}

// listMilestones is GET /api/v1/programme/milestones: the programme's milestones by due date.
func (a *API) listMilestones(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.programme.Milestones(r.Context())
	if err != nil {
		return err
	}
	today := sqldb.TodayIn(r.Context())
	sendList(w, listOf(ms, func(m programme.Milestone) ProgrammeMilestone { return programmeMilestoneOf(m, today) }))
	return nil
}

// getMilestone is GET /api/v1/programme/milestones/{milestone}: a milestone with its evidence.
func (a *API) getMilestone(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readMilestone(r, r.PathValue("milestone")) })
}

// addMilestone is POST /api/v1/programme/milestones.
func (a *API) addMilestone(w http.ResponseWriter, r *http.Request) error {
	return addProgrammeRecord(w, r, ProgrammeMilestonesPath, milestoneFrom,
		func(ctx context.Context, m programme.Milestone) (string, error) {
			got, err := a.programme.AddMilestone(ctx, m)
			return got.ID, err
		}, a.readMilestone)
}

// changeMilestone is PUT /api/v1/programme/milestones/{milestone}: the milestone replaced, with If-Match; a change
// of status or RAG is kept as its history.
func (a *API) changeMilestone(w http.ResponseWriter, r *http.Request) error {
	return changeProgrammeRecord(w, r, "the milestone", r.PathValue("milestone"), milestoneFrom,
		func(ctx context.Context, m programme.Milestone, _ ProgrammeMilestone) error {
			_, err := a.programme.UpdateMilestone(ctx, m)
			return err
		}, a.readMilestone)
}

func actionFrom(in ProgrammeAction, f *fields, id string, version int) programme.Action {
	return programme.Action{ID: id, Version: version, What: in.What, OwnerStaffID: in.OwnerStaffID,
		DueOn: f.date("due_on", "The date it is due by", in.DueOn), How: in.How, Status: programme.ActionStatus(strings.TrimSpace(in.Status)),
		MilestoneID: in.MilestoneID}
}

func (a *API) readProgrammeAction(r *http.Request, id string) (int, any, error) {
	x, err := a.programme.Action(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return x.Version, programmeActionOf(x, sqldb.TodayIn(r.Context())), nil
}

// listProgrammeActions is GET /api/v1/programme/actions: the action plan by date.
func (a *API) listProgrammeActions(w http.ResponseWriter, r *http.Request) error {
	as, err := a.programme.Actions(r.Context())
	if err != nil {
		return err
	}
	today := sqldb.TodayIn(r.Context())
	sendList(w, listOf(as, func(x programme.Action) ProgrammeAction { return programmeActionOf(x, today) }))
	return nil
}

// getProgrammeAction is GET /api/v1/programme/actions/{action}.
func (a *API) getProgrammeAction(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readProgrammeAction(r, r.PathValue("action")) })
}

// addProgrammeAction is POST /api/v1/programme/actions.
func (a *API) addProgrammeAction(w http.ResponseWriter, r *http.Request) error {
	return addProgrammeRecord(w, r, ProgrammeActionsPath, actionFrom,
		func(ctx context.Context, x programme.Action) (string, error) {
			got, err := a.programme.AddAction(ctx, x)
			return got.ID, err
		}, a.readProgrammeAction)
}

// changeProgrammeAction is PUT /api/v1/programme/actions/{action}, with If-Match.
func (a *API) changeProgrammeAction(w http.ResponseWriter, r *http.Request) error {
	return changeProgrammeRecord(w, r, "the action", r.PathValue("action"), actionFrom,
		func(ctx context.Context, x programme.Action, _ ProgrammeAction) error {
			_, err := a.programme.UpdateAction(ctx, x)
			return err
		}, a.readProgrammeAction)
}

func riskFrom(in ProgrammeRisk, f *fields, id string, version int) programme.Risk {
	return programme.Risk{ID: id, Version: version, Title: in.Title, Cause: in.Cause, Effect: in.Effect, Likelihood: in.Likelihood,
		Impact: in.Impact, OwnerStaffID: in.OwnerStaffID, Mitigation: in.Mitigation, ReviewOn: f.date("review_on", "The review date", in.ReviewOn),
		Status: programme.RiskStatus(strings.TrimSpace(in.Status))}
}

func (a *API) readProgrammeRisk(r *http.Request, id string) (int, any, error) {
	x, err := a.programme.Risk(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return x.Version, programmeRiskOf(x, sqldb.TodayIn(r.Context())), nil
}

// listProgrammeRisks is GET /api/v1/programme/risks: the risk log, open risks and the highest scores first.
func (a *API) listProgrammeRisks(w http.ResponseWriter, r *http.Request) error {
	rs, err := a.programme.Risks(r.Context())
	if err != nil {
		return err
	}
	today := sqldb.TodayIn(r.Context())
	sendList(w, listOf(rs, func(x programme.Risk) ProgrammeRisk { return programmeRiskOf(x, today) }))
	return nil
}

// getProgrammeRisk is GET /api/v1/programme/risks/{risk}: a risk with every scoring.
func (a *API) getProgrammeRisk(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readProgrammeRisk(r, r.PathValue("risk")) })
}

// addProgrammeRisk is POST /api/v1/programme/risks: its first score is kept as its first review.
func (a *API) addProgrammeRisk(w http.ResponseWriter, r *http.Request) error {
	return addProgrammeRecord(w, r, ProgrammeRisksPath, riskFrom,
		func(ctx context.Context, x programme.Risk) (string, error) {
			got, err := a.programme.AddRisk(ctx, x)
			return got.ID, err
		}, a.readProgrammeRisk)
}

// changeProgrammeRisk is PUT /api/v1/programme/risks/{risk}, with If-Match: a new score or a later review date is
// kept as a review, with review_note.
func (a *API) changeProgrammeRisk(w http.ResponseWriter, r *http.Request) error {
	return changeProgrammeRecord(w, r, "the risk", r.PathValue("risk"), riskFrom,
		func(ctx context.Context, x programme.Risk, in ProgrammeRisk) error {
			_, err := a.programme.UpdateRisk(ctx, x, strings.TrimSpace(in.ReviewNote))
			return err
		}, a.readProgrammeRisk)
}
