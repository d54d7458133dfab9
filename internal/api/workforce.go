package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// Staff resources: the council's scenarios of assumptions (time per activity, supervision, the share of time with
// people, a full-time member of staff's hours) and what each works out to: the staff each team needs a month beside
// the staff it has. Everyone who reads measures reads them; quality leads and team managers make and change them.
// Nothing here names a person who draws on support: the volumes are counts by team.

// WorkforceStore is what the API needs of workforce.Store.
type WorkforceStore interface {
	Scenarios(ctx context.Context) ([]workforce.Scenario, error)
	Scenario(ctx context.Context, id string) (workforce.Scenario, error)
	Create(ctx context.Context, x workforce.Scenario) (workforce.Scenario, error)
	Change(ctx context.Context, x workforce.Scenario) (workforce.Scenario, error)
	Results(ctx context.Context, p workforce.Period, ids ...string) ([]workforce.Result, error)
	Today() sqldb.Date
}

// WithWorkforce adds the staff resources store to the API. Its routes are always listed (Routes), so that the
// OpenAPI document is checked against them.
func (a *API) WithWorkforce(s WorkforceStore) *API {
	a.workforce = s
	return a
}

// WorkforcePath is where the API's staff resource scenarios live.
const WorkforcePath = "/api/v1/workforce/scenarios"

// WorkforceScenarioPath is the API address of a scenario.
func WorkforceScenarioPath(id string) string { return WorkforcePath + "/" + id }

func (a *API) workforceRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+WorkforcePath, a.listWorkforceScenarios),
		route("POST "+WorkforcePath, a.createWorkforceScenario),
		route("GET "+WorkforcePath+"/{scenario}", a.getWorkforceScenario),
		route("PUT "+WorkforcePath+"/{scenario}", a.changeWorkforceScenario),
		route("GET "+WorkforcePath+"/{scenario}/results", a.getWorkforceResults),
	}
}

// WorkforceAssumptions are what a scenario assumes.
type WorkforceAssumptions struct {
	ContactMinutes      int     `json:"contact_minutes"`
	ConversationMinutes int     `json:"conversation_minutes"`
	PlanMinutes         int     `json:"plan_minutes"`
	ReviewMinutes       int     `json:"review_minutes"`
	SafeguardingMinutes int     `json:"safeguarding_minutes"`
	SupervisionMinutes  int     `json:"supervision_minutes"`
	WithPeoplePercent   int     `json:"with_people_percent"`
	HoursPerWeek        float64 `json:"hours_per_week"`
	LeavePercent        int     `json:"leave_percent"`
	TrainingPercent     int     `json:"training_percent"`
	Span                int     `json:"span"`
}

// WorkforceScenario is a named set of assumptions.
type WorkforceScenario struct {
	ID          string               `json:"id"` // read-only
	Name        string               `json:"name"`
	Description string               `json:"description"`
	StudyID     string               `json:"study_id"`
	Assumptions WorkforceAssumptions `json:"assumptions"`
	UpdatedAt   time.Time            `json:"updated_at"` // read-only
	UpdatedBy   string               `json:"updated_by"` // read-only: their name
	Version     int                  `json:"version"`    // read-only: send it back in If-Match
}

// WorkforceMonthly is a team's work a month on average over the period, as the record counts it.
type WorkforceMonthly struct {
	Contacts      float64 `json:"contacts"`
	Conversations float64 `json:"conversations"`
	Plans         float64 `json:"plans"`
	Reviews       float64 `json:"reviews"`
	Safeguarding  float64 `json:"safeguarding"`
}

// WorkforceNeed is what a team, or all teams, need a month under a scenario, beside the staff in post.
type WorkforceNeed struct {
	TeamID              string            `json:"team_id"` // "" for all teams, or for work the record gives no team
	TeamName            string            `json:"team_name"`
	Monthly             *WorkforceMonthly `json:"monthly,omitempty"` // a team's own; left out for all teams
	DirectHours         float64           `json:"direct_hours"`
	ShareWithPeople     float64           `json:"share_with_people"`
	ShareObserved       bool              `json:"share_observed"`
	CaseworkHours       float64           `json:"casework_hours"`
	SupervisionHours    float64           `json:"supervision_hours"`
	PractitionersNeeded float64           `json:"practitioners_needed"`
	SupervisorsNeeded   float64           `json:"supervisors_needed"`
	PractitionersInPost int               `json:"practitioners_in_post"`
	SupervisorsInPost   int               `json:"supervisors_in_post"`
	PractitionerGap     float64           `json:"practitioner_gap"`
	SupervisorGap       float64           `json:"supervisor_gap"`
}

// WorkforceResult is a scenario worked out over a period.
type WorkforceResult struct {
	ScenarioID   string          `json:"scenario_id"`
	ScenarioName string          `json:"scenario_name"`
	From         string          `json:"from"`
	To           string          `json:"to"`
	Months       int             `json:"months"`
	Study        string          `json:"study"`
	Teams        []WorkforceNeed `json:"teams"`
	Total        WorkforceNeed   `json:"total"`
}

func workforceScenarioOf(x workforce.Scenario) WorkforceScenario {
	a := x.Assumptions
	return WorkforceScenario{ID: x.ID, Name: x.Name, Description: x.Description, StudyID: x.StudyID, UpdatedAt: x.UpdatedAt,
		UpdatedBy: x.UpdatedBy, Version: x.Version, Assumptions: WorkforceAssumptions{
			ContactMinutes: a.ContactMinutes, ConversationMinutes: a.ConversationMinutes, PlanMinutes: a.PlanMinutes,
			ReviewMinutes: a.ReviewMinutes, SafeguardingMinutes: a.SafeguardingMinutes, SupervisionMinutes: a.SupervisionMinutes,
			WithPeoplePercent: a.WithPeoplePercent, HoursPerWeek: a.HoursPerWeek, LeavePercent: a.LeavePercent,
			TrainingPercent: a.TrainingPercent, Span: a.Span}}
}

func workforceScenarioFrom(in WorkforceScenario) workforce.Scenario {
	a := in.Assumptions
	return workforce.Scenario{Name: in.Name, Description: in.Description, StudyID: in.StudyID, Assumptions: workforce.Assumptions{
		ContactMinutes: a.ContactMinutes, ConversationMinutes: a.ConversationMinutes, PlanMinutes: a.PlanMinutes,
		ReviewMinutes: a.ReviewMinutes, SafeguardingMinutes: a.SafeguardingMinutes, SupervisionMinutes: a.SupervisionMinutes,
		WithPeoplePercent: a.WithPeoplePercent, HoursPerWeek: a.HoursPerWeek, LeavePercent: a.LeavePercent,
		TrainingPercent: a.TrainingPercent, Span: a.Span}}
}

func workforceNeedOf(n workforce.Need, monthly bool) WorkforceNeed {
	out := WorkforceNeed{TeamID: n.TeamID, TeamName: n.TeamName, DirectHours: n.DirectHours, ShareWithPeople: n.Share, ShareObserved: n.ShareObserved,
		CaseworkHours: n.CaseworkHours, SupervisionHours: n.SupervisionHours, PractitionersNeeded: n.Practitioners, SupervisorsNeeded: n.Supervisors,
		PractitionersInPost: n.Has.Practitioners, SupervisorsInPost: n.Has.Supervisors, PractitionerGap: n.PractitionerGap(),
		SupervisorGap: n.SupervisorGap()}
	if monthly {
		out.Monthly = &WorkforceMonthly{Contacts: n.Monthly[workforce.Contact], Conversations: n.Monthly[workforce.Conversation],
			Plans: n.Monthly[workforce.Plan], Reviews: n.Monthly[workforce.Review], Safeguarding: n.Monthly[workforce.Safeguarding]}
	}
	return out
}

// workforceField names the rules' fields as the JSON does: "span" is "assumptions.span", "minutes_review" is
// "assumptions.review_minutes".
func workforceField(field string) string {
	switch field {
	case "name", "description", "study_id":
		return field
	}
	if act, ok := strings.CutPrefix(field, "minutes_"); ok {
		return "assumptions." + act + "_minutes"
	}
	return "assumptions." + field
}

// listWorkforceScenarios is GET /api/v1/workforce/scenarios: the council's scenarios by name.
func (a *API) listWorkforceScenarios(w http.ResponseWriter, r *http.Request) error {
	xs, err := a.workforce.Scenarios(r.Context())
	if err != nil {
		return err
	}
	sendList(w, listOf(xs, workforceScenarioOf))
	return nil
}

func (a *API) readWorkforceScenario(r *http.Request, id string) (int, any, error) {
	x, err := a.workforce.Scenario(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	return x.Version, workforceScenarioOf(x), nil
}

// getWorkforceScenario is GET /api/v1/workforce/scenarios/{scenario}.
func (a *API) getWorkforceScenario(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readWorkforceScenario(r, r.PathValue("scenario")) })
}

// createWorkforceScenario is POST /api/v1/workforce/scenarios: a new scenario, every assumption given.
func (a *API) createWorkforceScenario(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in WorkforceScenario) (string, int, any, error) {
		x, err := a.workforce.Create(r.Context(), workforceScenarioFrom(in))
		if err != nil {
			return "", 0, nil, renamed(err, workforceField)
		}
		return WorkforceScenarioPath(x.ID), x.Version, workforceScenarioOf(x), nil
	})
}

// changeWorkforceScenario is PUT /api/v1/workforce/scenarios/{scenario}: the whole scenario replaced, with If-Match.
func (a *API) changeWorkforceScenario(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("scenario")
	return change(w, r, "the scenario",
		func(in WorkforceScenario, version int) error {
			x := workforceScenarioFrom(in)
			x.ID, x.Version = id, version
			_, err := a.workforce.Change(r.Context(), x)
			return renamed(err, workforceField)
		},
		func() (int, any, error) { return a.readWorkforceScenario(r, id) })
}

// getWorkforceResults is GET /api/v1/workforce/scenarios/{scenario}/results?months=12: the scenario worked out
// over the last 3, 6, 12 (the default) or 24 full months.
func (a *API) getWorkforceResults(w http.ResponseWriter, r *http.Request) error {
	months := 12
	if s := r.URL.Query().Get("months"); s != "" {
		n, err := strconv.Atoi(s)
		if _, chosen := workforce.PeriodOf(a.workforce.Today(), n); err != nil || chosen != n {
			return badRequest("months must be 3, 6, 12 or 24.")
		}
		months = n
	}
	p, _ := workforce.PeriodOf(a.workforce.Today(), months)
	rs, err := a.workforce.Results(r.Context(), p, r.PathValue("scenario"))
	if err != nil {
		return err
	}
	res := rs[0]
	out := WorkforceResult{ScenarioID: res.Scenario.ID, ScenarioName: res.Scenario.Name, From: res.Period.From.String(), To: res.Period.To.String(),
		Months: res.Months, Study: res.Study, Teams: listOf(res.Needs, func(n workforce.Need) WorkforceNeed { return workforceNeedOf(n, true) }),
		Total: workforceNeedOf(res.Total, false)}
	writeJSON(w, http.StatusOK, "application/json", out)
	return nil
}
