package api

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// SafeguardingStore is what the API needs of safeguarding.Store. Its stricter access applies as on the pages: staff
// outside the council's safeguarding roles get not found for everything but raising a concern.
type SafeguardingStore interface {
	Raise(ctx context.Context, personID string, c safeguarding.NewConcern) (safeguarding.Raised, error)
	Person(ctx context.Context, personID string) (safeguarding.PersonConcerns, error)
	Get(ctx context.Context, personID, concernID string) (safeguarding.View, error)
	Decide(ctx context.Context, personID, concernID string, d safeguarding.Decision, version int) (safeguarding.View, error)
	Summarise(ctx context.Context, from, to sqldb.Date) (safeguarding.Summary, error)
}

// WithSafeguarding adds the safeguarding store. Its routes are always listed (Routes), so the OpenAPI document is
// checked against them.
func (a *API) WithSafeguarding(s SafeguardingStore) *API {
	a.safeguarding = s
	return a
}

// The safeguarding API's paths.
const (
	concernsRoute       = personRoute + "/safeguarding/concerns"
	concernRoute        = concernsRoute + "/{concern}"
	SafeguardingSummary = "/api/v1/safeguarding/summary"
)

func (a *API) safeguardingRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+concernsRoute, a.listConcerns),
		route("POST "+concernsRoute, a.raiseConcern),
		route("GET "+concernRoute, a.getConcern),
		route("POST "+concernRoute+"/decision", a.decideConcern),
		route("GET "+SafeguardingSummary, a.safeguardingSummary),
	}
}

// ConcernSummary is a concern as a person's list shows it.
type ConcernSummary struct {
	ID            string    `json:"id"`
	ReceivedAt    time.Time `json:"received_at"`
	Types         []string  `json:"types"`
	DecisionDueAt time.Time `json:"decision_due_at"`
	Decision      string    `json:"decision"`
	EnquiryOpen   bool      `json:"enquiry_open"`
	Version       int       `json:"version"`
}

// Concern is a safeguarding concern with its section 42 decision and enquiry.
type Concern struct {
	ID                 string               `json:"id"`
	RaisedByStaffID    string               `json:"raised_by_staff_id"`
	RaiserName         string               `json:"raiser_name"`
	RaiserRelationship string               `json:"raiser_relationship"`
	RaiserOrganisation string               `json:"raiser_organisation"`
	ReceivedAt         time.Time            `json:"received_at"`
	WhatHappened       string               `json:"what_happened"`
	ImmediateActions   string               `json:"immediate_actions"`
	Types              []string             `json:"types"`
	Locations          []string             `json:"locations"`
	Sources            []string             `json:"sources"`
	DecisionDueAt      time.Time            `json:"decision_due_at"`
	AllegedPerson      *AllegedPerson       `json:"alleged_person"`
	Decision           *Section42Decision   `json:"decision"`
	Enquiry            *SafeguardingEnquiry `json:"enquiry"`
	Version            int                  `json:"version"`
}

// AllegedPerson is the person alleged to have caused the harm. Only staff in the council's safeguarding roles
// see it.
type AllegedPerson struct {
	Alleged         string `json:"alleged"`
	Name            string `json:"name"`
	Relationship    string `json:"relationship"`
	PositionOfTrust string `json:"position_of_trust"`
	AdultAtRisk     string `json:"adult_at_risk"`
}

func allegedOf(a safeguarding.Alleged) *AllegedPerson {
	if a.Someone == "" {
		return nil
	}
	return &AllegedPerson{Alleged: string(a.Someone), Name: a.Name, Relationship: a.Relationship, PositionOfTrust: string(a.Trust),
		AdultAtRisk: string(a.AtRisk)}
}

// allegedFields names the concern's problems about the person alleged to have caused harm as the body does.
var allegedFields = map[string]string{"alleged": "alleged_person/alleged", "alleged_name": "alleged_person/name",
	"alleged_relationship": "alleged_person/relationship", "alleged_trust": "alleged_person/position_of_trust",
	"alleged_at_risk": "alleged_person/adult_at_risk"}

// Section42Decision is the decision: each criterion yes or no with its reason, and the result.
type Section42Decision struct {
	Needs        string     `json:"needs"`
	NeedsReason  string     `json:"needs_reason"`
	Abuse        string     `json:"abuse"`
	AbuseReason  string     `json:"abuse_reason"`
	Unable       string     `json:"unable"`
	UnableReason string     `json:"unable_reason"`
	Result       string     `json:"result"`
	Reason       string     `json:"reason"`
	DecidedAt    *time.Time `json:"decided_at"`
}

// SafeguardingEnquiry is an enquiry with Making Safeguarding Personal, its people and steps, and how it closed.
type SafeguardingEnquiry struct {
	ID           string           `json:"id"`
	Kind         string           `json:"kind"`
	LeadStaffID  string           `json:"lead_staff_id"`
	StartedOn    *string          `json:"started_on"`
	MSPAsked     string           `json:"msp_asked"`
	Outcomes     []DesiredOutcome `json:"outcomes"`
	Involved     []InvolvedPerson `json:"involved"`
	Steps        []EnquiryStep    `json:"steps"`
	ClosedOn     *string          `json:"closed_on"`
	ActionResult string           `json:"action_result"`
	RiskOutcome  string           `json:"risk_outcome"`
	RiskReason   string           `json:"risk_reason"`
	Capacity     string           `json:"capacity"`
	Version      int              `json:"version"`
}

// DesiredOutcome is an outcome the person wants, in their words, and whether it was achieved.
type DesiredOutcome struct {
	ID       string `json:"id"`
	Words    string `json:"words"`
	Achieved string `json:"achieved"`
}

// InvolvedPerson is someone involved in an enquiry.
type InvolvedPerson struct {
	Name   string `json:"name"`
	Role   string `json:"role"`
	Detail string `json:"detail"`
}

// EnquiryStep is a dated step of an enquiry.
type EnquiryStep struct {
	On   *string `json:"on"`
	What string  `json:"what"`
	By   string  `json:"by"`
}

// RaiseConcern is what is sent to raise a concern. Leave raiser_name empty when the member of staff sending it
// raised it.
type RaiseConcern struct {
	RaiserName         string        `json:"raiser_name"`
	RaiserRelationship string        `json:"raiser_relationship"`
	RaiserOrganisation string        `json:"raiser_organisation"`
	ReceivedAt         time.Time     `json:"received_at"`
	WhatHappened       string        `json:"what_happened"`
	ImmediateActions   string        `json:"immediate_actions"`
	Types              []string      `json:"types"`
	Locations          []string      `json:"locations"`
	Sources            []string      `json:"sources"`
	AllegedPerson      AllegedPerson `json:"alleged_person"`
}

// ConcernRaised is the answer to raising a concern for a member of staff outside the safeguarding roles.
type ConcernRaised struct {
	Detail        string    `json:"detail"`
	DecisionDueAt time.Time `json:"decision_due_at"`
}

// DecideConcern is what is sent to make the section 42 decision.
type DecideConcern struct {
	Needs        string `json:"needs"`
	NeedsReason  string `json:"needs_reason"`
	Abuse        string `json:"abuse"`
	AbuseReason  string `json:"abuse_reason"`
	Unable       string `json:"unable"`
	UnableReason string `json:"unable_reason"`
	Choice       string `json:"choice"`
	Reason       string `json:"reason"`
	LeadStaffID  string `json:"lead_staff_id"`
}

// SafeguardingCount is a row of the summary.
type SafeguardingCount struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// SafeguardingSummaryBody is the Safeguarding Adults Collection style summary of a period.
type SafeguardingSummaryBody struct {
	From               string              `json:"from"`
	To                 string              `json:"to"`
	Concerns           int                 `json:"concerns"`
	Section42Started   int                 `json:"section42_started"`
	OtherStarted       int                 `json:"other_started"`
	ConcludedEnquiries int                 `json:"concluded_enquiries"`
	DecisionsInTime    int                 `json:"decisions_in_time"`
	DecisionsLate      int                 `json:"decisions_late"`
	Concluded          []SafeguardingCount `json:"concluded"`
	Types              []SafeguardingCount `json:"types"`
	Locations          []SafeguardingCount `json:"locations"`
	Sources            []SafeguardingCount `json:"sources"`
	ActionResults      []SafeguardingCount `json:"action_results"`
	RiskOutcomes       []SafeguardingCount `json:"risk_outcomes"`
	Capacity           []SafeguardingCount `json:"capacity"`
	MSPAsked           []SafeguardingCount `json:"msp_asked"`
	MSPAchieved        []SafeguardingCount `json:"msp_achieved"`
	OutcomesAchieved   []SafeguardingCount `json:"outcomes_achieved"`
}

func concernOf(v safeguarding.View) Concern {
	c := v.Concern
	out := Concern{ID: c.ID, RaisedByStaffID: c.RaisedByStaff, RaiserName: c.Name, RaiserRelationship: c.Relationship,
		RaiserOrganisation: c.Organisation, ReceivedAt: c.ReceivedAt, WhatHappened: c.WhatHappened, ImmediateActions: c.Immediate,
		Types: nonNil(c.Types), Locations: nonNil(c.Locations), Sources: nonNil(c.Sources), DecisionDueAt: c.DecisionDueAt, Version: c.Version}
	if v.SeesAlleged {
		out.AllegedPerson = allegedOf(c.Alleged)
	}
	if c.Decided() {
		at := c.DecidedAt
		d := c.Decision
		out.Decision = &Section42Decision{Needs: string(d.Needs.Met), NeedsReason: d.Needs.Reason, Abuse: string(d.Abuse.Met),
			AbuseReason: d.Abuse.Reason, Unable: string(d.Unable.Met), UnableReason: d.Unable.Reason, Result: string(c.Result),
			Reason: d.Reason, DecidedAt: &at}
	}
	if e := v.Enquiry; e != nil {
		out.Enquiry = &SafeguardingEnquiry{ID: e.ID, Kind: string(e.Kind), LeadStaffID: e.LeadStaffID, StartedOn: dateOrNull(e.StartedOn),
			MSPAsked: e.MSPAsked, ClosedOn: dateOrNull(e.ClosedOn), ActionResult: e.ActionResult, RiskOutcome: e.RiskOutcome,
			RiskReason: e.RiskReason, Capacity: e.Capacity, Version: e.Version,
			Outcomes: listOf(e.Outcomes, func(o safeguarding.DesiredOutcome) DesiredOutcome {
				return DesiredOutcome{ID: o.ID, Words: o.Words, Achieved: o.Achieved}
			}),
			Involved: listOf(e.Involved, func(i safeguarding.Involved) InvolvedPerson {
				return InvolvedPerson{Name: i.Name, Role: string(i.Role), Detail: i.Detail}
			}),
			Steps: listOf(e.Steps, func(s safeguarding.Step) EnquiryStep {
				return EnquiryStep{On: dateOrNull(s.On), What: s.What, By: s.By}
			}),
		}
	}
	return out
}

// listConcerns is GET /api/v1/people/{id}/safeguarding/concerns.
func (a *API) listConcerns(w http.ResponseWriter, r *http.Request) error {
	pc, err := a.safeguarding.Person(r.Context(), idsOf(r).person)
	if err != nil {
		return err
	}
	sendList(w, listOf(pc.Concerns, func(c safeguarding.Concern) ConcernSummary {
		e, ok := pc.Enquiry[c.ID]
		return ConcernSummary{ID: c.ID, ReceivedAt: c.ReceivedAt, Types: nonNil(c.Types), DecisionDueAt: c.DecisionDueAt, Decision: string(c.Result),
			EnquiryOpen: ok && !e.Closed(), Version: c.Version}
	}))
	return nil
}

func (a *API) readConcern(r *http.Request, concernID string) (int, any, error) {
	v, err := a.safeguarding.Get(r.Context(), idsOf(r).person, concernID)
	if err != nil {
		return 0, nil, err
	}
	return v.Concern.Version, concernOf(v), nil
}

// getConcern is GET /api/v1/people/{id}/safeguarding/concerns/{concern}.
func (a *API) getConcern(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readConcern(r, r.PathValue("concern")) })
}

// raiseConcern is POST /api/v1/people/{id}/safeguarding/concerns. Staff in the safeguarding roles get the concern
// (201); anyone else gets 202, saying it went to the safeguarding team, and nothing of the record.
func (a *API) raiseConcern(w http.ResponseWriter, r *http.Request) error {
	personID := idsOf(r).person
	var in RaiseConcern
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c := safeguarding.NewConcern{RaisedBy: safeguarding.RaisedByMe, Name: in.RaiserName, Relationship: in.RaiserRelationship,
		Organisation: in.RaiserOrganisation, ReceivedAt: in.ReceivedAt, WhatHappened: in.WhatHappened, Immediate: in.ImmediateActions,
		Types: in.Types, Locations: in.Locations, Sources: in.Sources,
		Alleged: safeguarding.Alleged{Someone: safeguarding.Answer(in.AllegedPerson.Alleged), Name: in.AllegedPerson.Name,
			Relationship: in.AllegedPerson.Relationship, Trust: safeguarding.Answer(in.AllegedPerson.PositionOfTrust),
			AtRisk: safeguarding.Answer(in.AllegedPerson.AdultAtRisk)}}
	if in.RaiserName != "" {
		c.RaisedBy = safeguarding.RaisedByOther
	}
	raised, err := a.safeguarding.Raise(r.Context(), personID, c)
	if err != nil {
		return renamed(err, func(f string) string {
			if n, ok := allegedFields[f]; ok {
				return n
			}
			return f
		})
	}
	if !raised.Visible {
		writeJSON(w, http.StatusAccepted, "application/json", ConcernRaised{Detail: "The concern went to the council's safeguarding team.", DecisionDueAt: raised.DueAt})
		return nil
	}
	version, body, err := a.readConcern(r, raised.ConcernID)
	if err != nil {
		return err
	}
	sendCreated(w, PersonPath(personID)+"/safeguarding/concerns/"+raised.ConcernID, version, body)
	return nil
}

// decideConcern is POST .../concerns/{concern}/decision.
func (a *API) decideConcern(w http.ResponseWriter, r *http.Request) error {
	personID, concernID := idsOf(r).person, r.PathValue("concern")
	return change(w, r, "the concern",
		func(in DecideConcern, version int) error {
			d := safeguarding.Decision{
				Needs:  safeguarding.Criterion{Met: safeguarding.Answer(in.Needs), Reason: in.NeedsReason},
				Abuse:  safeguarding.Criterion{Met: safeguarding.Answer(in.Abuse), Reason: in.AbuseReason},
				Unable: safeguarding.Criterion{Met: safeguarding.Answer(in.Unable), Reason: in.UnableReason},
				Choice: safeguarding.Result(in.Choice), Reason: in.Reason, LeadStaffID: in.LeadStaffID,
			}
			_, err := a.safeguarding.Decide(r.Context(), personID, concernID, d, version)
			if errors.Is(err, safeguarding.ErrClosed) {
				return &Problem{Status: http.StatusConflict, Detail: "This concern has been decided, and the decision is kept as it was made."}
			}
			return renamed(err, func(f string) string {
				if f == "lead" {
					return "lead_staff_id"
				}
				return f
			})
		},
		func() (int, any, error) { return a.readConcern(r, concernID) })
}

// safeguardingSummary is GET /api/v1/safeguarding/summary?from&to: by default the financial year to date.
func (a *API) safeguardingSummary(w http.ResponseWriter, r *http.Request) error {
	from, to := safeguarding.FinancialYearToDate(sqldb.TodayIn(r.Context()))
	var f fields
	q := r.URL.Query()
	if s := q.Get("from"); s != "" {
		from = f.date("from", "The start of the period", &s)
	}
	if s := q.Get("to"); s != "" {
		to = f.date("to", "The end of the period", &s)
	}
	if err := f.check(nil); err != nil {
		return err
	}
	s, err := a.safeguarding.Summarise(r.Context(), from, to)
	if err != nil {
		return err
	}
	counts := func(cs []safeguarding.Count) []SafeguardingCount {
		return listOf(cs, func(c safeguarding.Count) SafeguardingCount { return SafeguardingCount{Label: c.Label, N: c.N} })
	}
	writeJSON(w, http.StatusOK, "application/json", SafeguardingSummaryBody{From: from.String(), To: to.String(), Concerns: s.Concerns,
		Section42Started: s.Section42Started, OtherStarted: s.OtherStarted, ConcludedEnquiries: s.ConcludedEnquiries,
		DecisionsInTime: s.DecisionsInTime, DecisionsLate: s.DecisionsLate, Concluded: counts(s.Concluded), Types: counts(s.Types),
		Locations: counts(s.Locations), Sources: counts(s.Sources), ActionResults: counts(s.ActionResults), RiskOutcomes: counts(s.RiskOutcomes),
		Capacity: counts(s.Capacity), MSPAsked: counts(s.MSPAsked), MSPAchieved: counts(s.MSPAchieved), OutcomesAchieved: counts(s.OutcomesAchieved)})
	return nil
}
