package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// PlanStore is what the API needs of plans.PlanStore.
type PlanStore interface {
	Plans(ctx context.Context, personID, episodeID string) (plans.EpisodePlans, error)
	Get(ctx context.Context, personID, episodeID, planID string) (plans.PlanView, error)
	NewDraft(ctx context.Context, personID, episodeID string) (plans.SupportPlan, bool, error)
	UpdateDraft(ctx context.Context, personID, episodeID, planID string, budgetPence int64, crisisContact string, version int) error
	Agree(ctx context.Context, personID, episodeID, planID string, a plans.Agreement, version int) (plans.SupportPlan, error)
}

// PlanSummary is one version of an episode's support plan, as the list of versions shows it.
type PlanSummary struct {
	ID                  string     `json:"id"`
	EpisodeID           string     `json:"episode_id"`
	PlanVersion         int        `json:"plan_version"`
	Status              string     `json:"status"`
	AgreedOn            *string    `json:"agreed_on"`
	AgreedHow           string     `json:"agreed_how"`
	PersonalBudgetPence int64      `json:"personal_budget_pence"`
	ReviewOn            *string    `json:"review_on"`
	CreatedByName       string     `json:"created_by_name"`
	CreatedAt           *time.Time `json:"created_at"`
	UpdatedAt           *time.Time `json:"updated_at"`
	Version             int        `json:"version"`
}

// Plan is one version of an episode's support plan with what it holds: for a draft, the episode's thread as it is
// now (what agreeing would freeze); for an agreed or superseded version, the thread as it was agreed. Only a draft's
// personal budget and crisis contact change with PUT; agreeing is POST to its agreement.
type Plan struct {
	ID                  string       `json:"id"`             // read-only
	EpisodeID           string       `json:"episode_id"`     // read-only
	PlanVersion         int          `json:"plan_version"`   // read-only
	Status              string       `json:"status"`         // read-only
	AgreedOn            *string      `json:"agreed_on"`      // read-only
	AgreedHow           string       `json:"agreed_how"`     // read-only
	AgreedWith          string       `json:"agreed_with"`    // read-only
	PersonComment       string       `json:"person_comment"` // read-only
	PersonalBudgetPence int64        `json:"personal_budget_pence"`
	CrisisContact       string       `json:"crisis_contact"`
	ReviewOn            *string      `json:"review_on"`       // read-only
	Snapshot            PlanSnapshot `json:"snapshot"`        // read-only
	Budget              PlanBudget   `json:"budget"`          // read-only
	CreatedByName       string       `json:"created_by_name"` // read-only
	CreatedAt           *time.Time   `json:"created_at"`      // read-only
	UpdatedAt           *time.Time   `json:"updated_at"`      // read-only
	Version             int          `json:"version"`         // read-only: send it back in If-Match
}

// PlanBudget is the plan's personal budget worked out from its council-funded services, against the figure agreed
// on the plan (personal_budget_pence, zero when none), with the difference explained.
type PlanBudget struct {
	WeeklyPence        int64  `json:"weekly_pence"`
	DirectPaymentPence int64  `json:"direct_payment_pence"`
	WaitingPence       int64  `json:"waiting_pence"`
	AgreedPence        int64  `json:"agreed_pence"`
	DifferencePence    int64  `json:"difference_pence"`
	Explanation        string `json:"explanation"`
}

// PlanSnapshot is the golden thread a version of a plan holds.
type PlanSnapshot struct {
	TakenAt         *time.Time       `json:"taken_at"`
	WhatMatters     string           `json:"what_matters"`
	Aspirations     []PlanAspiration `json:"aspirations"`
	Outcomes        []PlanOutcome    `json:"outcomes"`
	Solutions       []PlanSolution   `json:"solutions"`
	Services        []PlanService    `json:"services"`
	Strengths       []PlanStrength   `json:"strengths"`
	WeeklyCostPence int64            `json:"weekly_cost_pence"`
}

// PlanAspiration is one of the person's hopes in a plan, in their words.
type PlanAspiration struct {
	ID    string `json:"id"`
	Term  string `json:"term"`
	Words string `json:"words"`
}

// PlanOutcome is an outcome in a plan with its Goal Attainment Scale, named as the Outcome resource names it.
type PlanOutcome struct {
	ID           string  `json:"id"`
	AspirationID string  `json:"aspiration_id"`
	Different    string  `json:"different"`
	HowWeKnow    string  `json:"how_we_know"`
	ByWhen       *string `json:"by_when"`
	WhoInvolved  string  `json:"who_involved"`
	LevelMinus2  string  `json:"level_minus2"`
	LevelMinus1  string  `json:"level_minus1"`
	Expected     string  `json:"expected"`
	LevelPlus1   string  `json:"level_plus1"`
	LevelPlus2   string  `json:"level_plus2"`
	Baseline     int     `json:"baseline"`
	Importance   int     `json:"importance"`
	Difficulty   int     `json:"difficulty"`
	Status       string  `json:"status"`
}

// PlanSolution is a solution on the ladder in a plan.
type PlanSolution struct {
	ID          string   `json:"id"`
	Rung        string   `json:"rung"`
	RungLabel   string   `json:"rung_label"`
	Description string   `json:"description"`
	WhoWhen     string   `json:"who_when"`
	OutcomeIDs  []string `json:"outcome_ids"`
}

// PlanService is a council-funded service in a plan.
type PlanService struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	ServiceType     string   `json:"service_type"`
	Component       string   `json:"component"`
	Provider        string   `json:"provider"`
	Start           *string  `json:"start"`
	End             *string  `json:"end"`
	NextReview      *string  `json:"next_review"`
	LongTerm        bool     `json:"long_term"`
	WeeklyCostPence int64    `json:"weekly_cost_pence"`
	Status          string   `json:"status"`
	OutcomeIDs      []string `json:"outcome_ids"`
	// DeliveryMechanism is the CLD delivery mechanism, as the plan holds it.
	DeliveryMechanism string `json:"delivery_mechanism"`
}

// PlanStrength is one of the person's strengths in a plan, in their words.
type PlanStrength struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Words string `json:"words"`
}

// Agreement is how a draft plan was agreed with the person, sent to agree it.
type Agreement struct {
	AgreedOn      *string `json:"agreed_on"` // today when null
	AgreedHow     string  `json:"agreed_how"`
	AgreedWith    string  `json:"agreed_with"`
	PersonComment string  `json:"person_comment"`
}

func planSummaryOf(p plans.SupportPlan) PlanSummary {
	return PlanSummary{
		ID: p.ID, EpisodeID: p.EpisodeID, PlanVersion: p.PlanVersion, Status: string(p.Status), AgreedOn: dateOrNull(p.Agreement.On),
		AgreedHow: string(p.Agreement.How), PersonalBudgetPence: p.PersonalBudgetPence, ReviewOn: dateOrNull(p.ReviewOn),
		CreatedByName: p.CreatedByName, CreatedAt: timeOrNull(p.CreatedAt), UpdatedAt: timeOrNull(p.UpdatedAt), Version: p.Version,
	}
}

// planOf is the plan p holding snap.
func planOf(p plans.SupportPlan, snap plans.Snapshot) Plan {
	return Plan{
		ID: p.ID, EpisodeID: p.EpisodeID, PlanVersion: p.PlanVersion, Status: string(p.Status), AgreedOn: dateOrNull(p.Agreement.On),
		AgreedHow: string(p.Agreement.How), AgreedWith: p.Agreement.With, PersonComment: p.Agreement.Comment,
		PersonalBudgetPence: p.PersonalBudgetPence, CrisisContact: p.CrisisContact, ReviewOn: dateOrNull(p.ReviewOn),
		Snapshot: snapshotOf(snap), Budget: budgetOf(snap.Budget(p.PersonalBudgetPence)), CreatedByName: p.CreatedByName, CreatedAt: timeOrNull(p.CreatedAt),
		UpdatedAt: timeOrNull(p.UpdatedAt), Version: p.Version,
	}
}

func budgetOf(b plans.Budget) PlanBudget {
	return PlanBudget{WeeklyPence: b.WeeklyPence, DirectPaymentPence: b.DirectPaymentPence, WaitingPence: b.WaitingPence,
		AgreedPence: b.AgreedPence, DifferencePence: b.DifferencePence(), Explanation: b.Explanation()}
}

func snapshotOf(s plans.Snapshot) PlanSnapshot {
	return PlanSnapshot{
		TakenAt: timeOrNull(s.TakenAt), WhatMatters: s.WhatMatters, WeeklyCostPence: s.Budget(0).WeeklyPence,
		Aspirations: listOf(s.Aspirations, func(a plans.SnapshotAspiration) PlanAspiration {
			return PlanAspiration{ID: a.ID, Term: string(a.Term), Words: a.Words}
		}),
		Outcomes: listOf(s.Outcomes, func(o plans.SnapshotOutcome) PlanOutcome {
			return PlanOutcome{
				ID: o.ID, AspirationID: o.AspirationID, Different: o.Different, HowWeKnow: o.HowWeKnow, ByWhen: dateOrNull(o.By()),
				WhoInvolved: o.WhoInvolved, LevelMinus2: o.Levels[0], LevelMinus1: o.Levels[1], Expected: o.Levels[2],
				LevelPlus1: o.Levels[3], LevelPlus2: o.Levels[4], Baseline: int(o.Baseline), Importance: o.Importance,
				Difficulty: o.Difficulty, Status: string(o.Status),
			}
		}),
		Solutions: listOf(s.Solutions, func(sol plans.SnapshotSolution) PlanSolution {
			return PlanSolution{ID: sol.ID, Rung: sol.Rung, RungLabel: sol.RungLabel(), Description: sol.Description, WhoWhen: sol.WhoWhen,
				OutcomeIDs: nonNil(sol.OutcomeIDs)}
		}),
		Services: listOf(s.Services, func(svc plans.SnapshotService) PlanService {
			start, end, review := svc.Dates()
			return PlanService{
				ID: svc.ID, Name: svc.Name(), ServiceType: svc.ServiceType, Component: svc.Component, Provider: svc.Provider,
				Start: dateOrNull(start), End: dateOrNull(end), NextReview: dateOrNull(review), LongTerm: svc.LongTerm,
				WeeklyCostPence: svc.WeeklyCostPence, Status: string(svc.Status), OutcomeIDs: nonNil(svc.OutcomeIDs),
				DeliveryMechanism: svc.DeliveryMechanism,
			}
		}),
		Strengths: listOf(s.Strengths, func(st plans.SnapshotStrength) PlanStrength {
			return PlanStrength{ID: st.ID, Kind: st.Kind, Words: st.Words}
		}),
	}
}

// planField names the plan rules' fields as the JSON does: an outcome that is not SMART is "outcomes.<its ID>",
// whose pointer is "#/outcomes/<its ID>".
func planField(field string) string {
	if id, ok := strings.CutPrefix(field, plans.OutcomeField("")); ok {
		return "outcomes." + id
	}
	if field == "personal_budget" {
		return "personal_budget_pence"
	}
	return field
}

// planProblem says what to do about the refusals particular to plans.
func planProblem(err error) error {
	if errors.Is(err, plans.ErrPlanNotDraft) {
		return &Problem{Status: http.StatusConflict, Detail: "This version of the plan has been agreed, so it is kept as it was agreed. To change the plan, make a new draft with POST to the episode's plans."}
	}
	return renamed(err, planField)
}

func planPath(personID, episodeID, planID string) string {
	return EpisodePath(personID, episodeID) + "/plans/" + planID
}

// listPlans is GET .../episodes/{episode}/plans: every version of the episode's plan, newest first.
func (a *API) listPlans(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	ep, err := a.thread.Plans.Plans(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(ep.Plans, planSummaryOf))
	return nil
}

func (a *API) readPlan(r *http.Request, planID string) (int, any, error) {
	id := idsOf(r)
	v, err := a.thread.Plans.Get(r.Context(), id.person, id.episode, planID)
	if err != nil {
		return 0, nil, err
	}
	return v.Plan.Version, planOf(v.Plan, v.Snapshot), nil
}

// getPlan is GET .../episodes/{episode}/plans/{plan}.
func (a *API) getPlan(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readPlan(r, r.PathValue("plan")) })
}

// newDraftPlan is POST .../episodes/{episode}/plans: a draft version made from the episode's thread as it is now,
// carrying the personal budget and crisis contact over from the latest version. An episode has one draft at most:
// when it has one already, the answer is that draft, with 200 rather than 201.
func (a *API) newDraftPlan(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	if r.ContentLength > 0 {
		var empty struct{}
		if err := decode(w, r, &empty); err != nil {
			return err
		}
	}
	plan, created, err := a.thread.Plans.NewDraft(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	location := planPath(id.person, id.episode, plan.ID)
	if !created {
		w.Header().Set("Content-Location", location)
		sendRecord(w, http.StatusOK, plan.Version, planOf(plan, plan.Snapshot))
		return nil
	}
	if staff, ok := councils.StaffFrom(r.Context()); ok {
		plan.CreatedByName = staff.Name
	}
	sendCreated(w, location, plan.Version, planOf(plan, plan.Snapshot))
	return nil
}

// updatePlan is PUT .../episodes/{episode}/plans/{plan}: a draft's personal budget and who to call in a crisis. Its
// snapshot is refreshed from the thread.
func (a *API) updatePlan(w http.ResponseWriter, r *http.Request) error {
	id, planID := idsOf(r), r.PathValue("plan")
	return change(w, r, "the plan",
		func(in Plan, version int) error {
			return planProblem(a.thread.Plans.UpdateDraft(r.Context(), id.person, id.episode, planID, in.PersonalBudgetPence, in.CrisisContact, version))
		},
		func() (int, any, error) { return a.readPlan(r, planID) })
}

// agreePlan is POST .../episodes/{episode}/plans/{plan}/agreement: the person agreed the draft. Every outcome being
// worked towards must be SMART; each one that is not is named in the problems.
func (a *API) agreePlan(w http.ResponseWriter, r *http.Request) error {
	id, planID := idsOf(r), r.PathValue("plan")
	return change(w, r, "the plan",
		func(in Agreement, version int) error {
			var f fields
			today := sqldb.TodayIn(r.Context())
			ag := plans.Agreement{
				On: f.date("agreed_on", "The date the plan was agreed", in.AgreedOn), How: plans.AgreedHow(strings.TrimSpace(in.AgreedHow)),
				With: in.AgreedWith, Comment: in.PersonComment,
			}
			if in.AgreedOn == nil {
				ag.On = today
			}
			if err := f.check(ag.Validate(today)); err != nil {
				return planProblem(err)
			}
			_, err := a.thread.Plans.Agree(r.Context(), id.person, id.episode, planID, ag, version)
			return planProblem(err)
		},
		func() (int, any, error) { return a.readPlan(r, planID) })
}
