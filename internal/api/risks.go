package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/conferences"
	"github.com/golden-thread/goldenthread/internal/crisis"
	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Risk enablement, crisis and family group conferences: an episode's risks with their
// positive risk-taking decisions and reviews, the episode's crisis and its early reviews, and family group
// conferences with the family's own plan. Each store applies the access rule and writes the access log itself.

// RiskStore is what the API needs of risks.Store.
type RiskStore interface {
	Risks(ctx context.Context, personID, episodeID string) (risks.Page, error)
	Risk(ctx context.Context, personID, episodeID, id string) (risks.Page, risks.Risk, error)
	Add(ctx context.Context, r risks.Risk) (risks.Risk, error)
	Update(ctx context.Context, r risks.Risk) error
	RecordReview(ctx context.Context, personID, episodeID, riskID string, rv risks.Review, version int) (risks.Review, error)
}

// CrisisStore is what the API needs of crisis.Store.
type CrisisStore interface {
	Now() time.Time
	Episode(ctx context.Context, personID, episodeID string) (crisis.Page, error)
	Glance(ctx context.Context, personID, episodeID string) (crisis.Page, error)
	Mark(ctx context.Context, personID, episodeID string, m crisis.Mark) (crisis.Crisis, error)
	RecordReview(ctx context.Context, personID, episodeID, crisisID string, r crisis.Review, version int) (crisis.Review, error)
}

// ConferenceStore is what the API needs of conferences.Store.
type ConferenceStore interface {
	Episode(ctx context.Context, personID, episodeID string) (conferences.Page, error)
	Conference(ctx context.Context, personID, episodeID, id string) (conferences.Page, error)
	Glance(ctx context.Context, personID, episodeID, id string) (conferences.Page, error)
	Refer(ctx context.Context, personID, episodeID string, r conferences.Referral) (conferences.Conference, error)
	RecordHeld(ctx context.Context, personID, episodeID, id string, m conferences.Meeting, version int) error
	RecordReview(ctx context.Context, personID, episodeID, id string, r conferences.Review, version int) error
}

// Risks is the stores of risk enablement, crisis and family group conferences.
type Risks struct {
	Risks       RiskStore
	Crisis      CrisisStore
	Conferences ConferenceStore
}

// WithRisks adds the stores of risk enablement, crisis and family group conferences to the API. Their routes are
// always listed (Routes), so that the OpenAPI document is checked against them.
func (a *API) WithRisks(s Risks) *API {
	a.risks = s
	return a
}

// riskRoutes lists the routes of risks, crisis and family group conferences.
func (a *API) riskRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+episodeRoute+"/risks", a.listRisks),
		route("POST "+episodeRoute+"/risks", a.addRisk),
		route("GET "+episodeRoute+"/risks/{risk}", a.getRisk),
		route("PUT "+episodeRoute+"/risks/{risk}", a.updateRisk),
		route("POST "+episodeRoute+"/risks/{risk}/reviews", a.reviewRisk),
		route("GET "+episodeRoute+"/crisis", a.getCrisis),
		route("POST "+episodeRoute+"/crisis", a.markCrisis),
		route("POST "+episodeRoute+"/crisis/review", a.reviewCrisis),
		route("GET "+episodeRoute+"/conferences", a.listConferences),
		route("POST "+episodeRoute+"/conferences", a.referConference),
		route("GET "+episodeRoute+"/conferences/{conference}", a.getConference),
		route("POST "+episodeRoute+"/conferences/{conference}/held", a.conferenceHeld),
		route("POST "+episodeRoute+"/conferences/{conference}/review", a.reviewConference),
	}
}

// The values of Risk.Decision, which is empty until the risk is decided.
const (
	RiskAgreed    = "agreed"
	RiskNotAgreed = "not_agreed"
)

// Risk is a risk on an episode: what it is, the person's view of it and what matters to them about it (in their
// words), what could go wrong, how likely and serious, the agreed ways to reduce it, the positive risk-taking
// decision and who agreed it, the review date, and the outcomes and solutions it affects. Its reviews are recorded
// by POST to its reviews; a risk closed at a review no longer changes.
type Risk struct {
	ID              string           `json:"id"`         // read-only
	EpisodeID       string           `json:"episode_id"` // read-only
	What            string           `json:"what"`
	PersonView      string           `json:"person_view"`
	WhatMatters     string           `json:"what_matters"`
	CouldGoWrong    string           `json:"could_go_wrong"`
	Likelihood      string           `json:"likelihood"`
	Severity        string           `json:"severity"`
	Mitigations     []RiskMitigation `json:"mitigations"`
	Decision        string           `json:"decision"` // "agreed" or "not_agreed"
	AgreedBy        []RiskAgreer     `json:"agreed_by"`
	DecisionNote    string           `json:"decision_note"`
	DecidedOn       *string          `json:"decided_on"`
	DecisionSummary string           `json:"decision_summary"` // read-only
	ReviewOn        *string          `json:"review_on"`
	ReviewOverdue   bool             `json:"review_overdue"` // read-only
	Status          string           `json:"status"`         // read-only: open, reduced or closed, set by reviews
	OutcomeIDs      []string         `json:"outcome_ids"`
	SolutionIDs     []string         `json:"solution_ids"`
	Reviews         []RiskReview     `json:"reviews"`    // read-only, newest first
	CreatedAt       *time.Time       `json:"created_at"` // read-only
	Version         int              `json:"version"`    // read-only: send it back in If-Match
}

// RiskMitigation is one agreed way to reduce a risk, and who does it.
type RiskMitigation struct {
	What string `json:"what"`
	Who  string `json:"who"`
}

// RiskAgreer is someone who agreed a positive risk-taking decision, by name and role.
type RiskAgreer struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// RiskReview is a review of a risk: what happened, whether it is still a risk (open), reduced or closed, and the
// next review date (none once closed). POST one to a risk's reviews, with the risk's ETag in If-Match.
type RiskReview struct {
	ID           string     `json:"id"` // read-only
	ReviewedOn   *string    `json:"reviewed_on"`
	WhatHappened string     `json:"what_happened"`
	Result       string     `json:"result"`
	NextReviewOn *string    `json:"next_review_on"`
	CreatedAt    *time.Time `json:"created_at"` // read-only
}

func riskOf(today time.Time) func(risks.Risk) Risk {
	return func(r risks.Risk) Risk {
		out := Risk{
			ID: r.ID, EpisodeID: r.EpisodeID, What: r.What, PersonView: r.PersonView, WhatMatters: r.WhatMatters,
			CouldGoWrong: r.CouldGoWrong, Likelihood: string(r.Likelihood), Severity: string(r.Severity),
			DecisionNote: r.Decision.Note, DecidedOn: dateOrNull(r.Decision.On), DecisionSummary: r.Decision.Summary(),
			ReviewOn: dateOrNull(r.ReviewOn), ReviewOverdue: r.ReviewOverdue(today), Status: string(r.Status),
			OutcomeIDs: nonNil(r.OutcomeIDs), SolutionIDs: nonNil(r.SolutionIDs), CreatedAt: timeOrNull(r.CreatedAt), Version: r.Version,
		}
		switch {
		case r.Decision.Made && r.Decision.Agreed:
			out.Decision = RiskAgreed
		case r.Decision.Made:
			out.Decision = RiskNotAgreed
		}
		out.Mitigations = listOf(r.Mitigations, func(m risks.Mitigation) RiskMitigation { return RiskMitigation{What: m.What, Who: m.Who} })
		out.AgreedBy = listOf(r.Decision.AgreedBy, func(a risks.Agreer) RiskAgreer { return RiskAgreer{Name: a.Name, Role: a.Role} })
		out.Reviews = listOf(r.Reviews, func(rv risks.Review) RiskReview {
			return RiskReview{ID: rv.ID, ReviewedOn: dateOrNull(rv.On), WhatHappened: rv.WhatHappened, Result: string(rv.Result),
				NextReviewOn: dateOrNull(rv.NextReviewOn), CreatedAt: timeOrNull(rv.CreatedAt)}
		})
		return out
	}
}

// record turns a request into the risk the rules check.
func (in Risk) record(f *fields, personID, episodeID string) risks.Risk {
	decision := strings.TrimSpace(in.Decision)
	r := risks.Risk{
		PersonID: personID, EpisodeID: episodeID, What: in.What, PersonView: in.PersonView, WhatMatters: in.WhatMatters,
		CouldGoWrong: in.CouldGoWrong, Likelihood: risks.Likelihood(strings.TrimSpace(in.Likelihood)),
		Severity: risks.Severity(strings.TrimSpace(in.Severity)),
		Decision: risks.Decision{Made: decision == RiskAgreed || decision == RiskNotAgreed, Agreed: decision == RiskAgreed, Note: in.DecisionNote,
			On: f.date("decided_on", "The date of the decision", in.DecidedOn)},
		ReviewOn:   f.date("review_on", "The review date", in.ReviewOn),
		OutcomeIDs: in.OutcomeIDs, SolutionIDs: in.SolutionIDs,
	}
	if decision != "" && !r.Decision.Made {
		f.add("decision", `Decision must be "`+RiskAgreed+`" or "`+RiskNotAgreed+`"`)
	}
	for _, m := range in.Mitigations {
		r.Mitigations = append(r.Mitigations, risks.Mitigation{What: m.What, Who: m.Who})
	}
	for _, a := range in.AgreedBy {
		r.Decision.AgreedBy = append(r.Decision.AgreedBy, risks.Agreer{Name: a.Name, Role: a.Role})
	}
	r.Normalise()
	return r
}

// recordProblem answers the refusals of a record that has moved on (a risk closed, a crisis over, a conference
// already held), which the stores give as a problem with the record's version, as a conflict.
func recordProblem(err error) error {
	ps, ok := validation.AsProblems(err)
	if !ok || !hasField(ps, "version") {
		return err
	}
	for _, p := range ps {
		if p.Field == "version" {
			return &Problem{Status: http.StatusConflict, Title: "This record cannot change this way now", Detail: p.Message + "."}
		}
	}
	return err
}

// listRisks is GET .../episodes/{episode}/risks: open risks first, then by review date.
func (a *API) listRisks(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	page, err := a.risks.Risks.Risks(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(page.Risks, riskOf(sqldb.TodayIn(r.Context()).Time)))
	return nil
}

func (a *API) readRisk(r *http.Request, riskID string) (int, any, error) {
	id := idsOf(r)
	_, rk, err := a.risks.Risks.Risk(r.Context(), id.person, id.episode, riskID)
	if err != nil {
		return 0, nil, err
	}
	return rk.Version, riskOf(sqldb.TodayIn(r.Context()).Time)(rk), nil
}

// getRisk is GET .../episodes/{episode}/risks/{risk}, with its reviews.
func (a *API) getRisk(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readRisk(r, r.PathValue("risk")) })
}

// addRisk is POST .../episodes/{episode}/risks: the risk with its positive risk-taking decision and review date,
// which becomes a required action.
func (a *API) addRisk(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in Risk) (string, int, any, error) {
		var f fields
		rk := in.record(&f, id.person, id.episode)
		if err := f.check(rk.Validate(sqldb.TodayIn(r.Context()).Time, sqldb.Date{})); err != nil {
			return "", 0, nil, err
		}
		added, err := a.risks.Risks.Add(r.Context(), rk)
		if err != nil {
			return "", 0, nil, err
		}
		return EpisodePath(id.person, id.episode) + "/risks/" + added.ID, added.Version, riskOf(sqldb.TodayIn(r.Context()).Time)(added), nil
	})
}

// updateRisk is PUT .../episodes/{episode}/risks/{risk}: a review date already passed may stay as it is; a new one
// must be today or later. A closed risk cannot change (409).
func (a *API) updateRisk(w http.ResponseWriter, r *http.Request) error {
	id, riskID := idsOf(r), r.PathValue("risk")
	return change(w, r, "the risk",
		func(in Risk, version int) error {
			var f fields
			rk := in.record(&f, id.person, id.episode)
			rk.ID, rk.Version = riskID, version
			if err := f.check(rk.Validate(sqldb.TodayIn(r.Context()).Time, rk.ReviewOn)); err != nil {
				return err
			}
			return recordProblem(a.risks.Risks.Update(r.Context(), rk))
		},
		func() (int, any, error) { return a.readRisk(r, riskID) })
}

// reviewRisk is POST .../episodes/{episode}/risks/{risk}/reviews: the review meets the required action and, unless
// it closes the risk, raises the next by the next review date. The answer is the risk as reviewed.
func (a *API) reviewRisk(w http.ResponseWriter, r *http.Request) error {
	id, riskID := idsOf(r), r.PathValue("risk")
	return change(w, r, "the risk",
		func(in RiskReview, version int) error {
			var f fields
			today := sqldb.TodayIn(r.Context()).Time
			rv := risks.Review{
				On: f.date("reviewed_on", "The date of the review", in.ReviewedOn), WhatHappened: in.WhatHappened,
				Result: risks.Status(strings.TrimSpace(in.Result)), NextReviewOn: f.date("next_review_on", "The date of the next review", in.NextReviewOn),
			}
			rv.Normalise()
			if err := f.check(rv.Validate(today)); err != nil {
				return err
			}
			_, err := a.risks.Risks.RecordReview(r.Context(), id.person, id.episode, riskID, rv, version)
			return recordProblem(err)
		},
		func() (int, any, error) { return a.readRisk(r, riskID) })
}

// EpisodeCrisis is an episode's crisis: the current one, if the episode is marked as crisis, and those before it.
// Its ETag is the current crisis's version, which an early review sends in If-Match.
type EpisodeCrisis struct {
	Current      *Crisis  `json:"current"`
	Past         []Crisis `json:"past"` // newest first
	EpisodeEnded bool     `json:"episode_ended"`
	ReviewHours  int      `json:"review_hours"` // the council's hours from marking (or a review) to the early review
}

// Crisis is one crisis on an episode, from marking until an early review finds it over. Times are instants (UTC).
type Crisis struct {
	ID            string         `json:"id"`
	EpisodeID     string         `json:"episode_id"`
	WhatHappened  string         `json:"what_happened"`
	Support       []string       `json:"support"` // the short-term holding support, item by item
	MarkedAt      *time.Time     `json:"marked_at"`
	MarkedByName  string         `json:"marked_by_name"`
	ReviewDueAt   *time.Time     `json:"review_due_at"`
	ReviewOverdue bool           `json:"review_overdue"`
	EndedAt       *time.Time     `json:"ended_at"`
	Reviews       []CrisisReview `json:"reviews"` // oldest first
	Version       int            `json:"version"`
}

// CrisisReview is an early review of crisis holding support.
type CrisisReview struct {
	ID           string     `json:"id"`
	ReviewedAt   *time.Time `json:"reviewed_at"`
	WhatHappened string     `json:"what_happened"`
	Outcome      string     `json:"outcome"`
	NextDueAt    *time.Time `json:"next_due_at"`
	ByName       string     `json:"by_name"`
}

// MarkCrisis is what is sent to mark an episode as crisis.
type MarkCrisis struct {
	WhatHappened string   `json:"what_happened"`
	Support      []string `json:"support"`
}

// ReviewCrisis is what is sent to record the early review of the episode's current crisis: over ends it (back to
// the four steps); continue keeps the holding support (replaced by support when given) with another early review.
type ReviewCrisis struct {
	WhatHappened string   `json:"what_happened"`
	Outcome      string   `json:"outcome"`
	Support      []string `json:"support"`
}

func crisisOf(now time.Time) func(crisis.Crisis) Crisis {
	return func(c crisis.Crisis) Crisis {
		return Crisis{
			ID: c.ID, EpisodeID: c.EpisodeID, WhatHappened: c.WhatHappened, Support: nonNil(c.Support), MarkedAt: timeOrNull(c.MarkedAt),
			MarkedByName: c.MarkedByName, ReviewDueAt: timeOrNull(c.ReviewDueAt), ReviewOverdue: c.Overdue(now), EndedAt: timeOrNull(c.EndedAt),
			Reviews: listOf(c.Reviews, func(r crisis.Review) CrisisReview {
				return CrisisReview{ID: r.ID, ReviewedAt: timeOrNull(r.At), WhatHappened: r.WhatHappened, Outcome: string(r.Outcome),
					NextDueAt: timeOrNull(r.NextDueAt), ByName: r.ByName}
			}),
			Version: c.Version,
		}
	}
}

func episodeCrisisOf(p crisis.Page, now time.Time) (int, EpisodeCrisis) {
	out := EpisodeCrisis{Past: listOf(p.Past, crisisOf(now)), EpisodeEnded: p.EpisodeEnded, ReviewHours: p.ReviewHours}
	version := 0
	if p.Current != nil {
		c := crisisOf(now)(*p.Current)
		out.Current, version = &c, c.Version
	}
	return version, out
}

func (a *API) readCrisis(r *http.Request) (int, any, error) {
	id := idsOf(r)
	p, err := a.risks.Crisis.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return 0, nil, err
	}
	version, body := episodeCrisisOf(p, a.risks.Crisis.Now())
	return version, body, nil
}

// getCrisis is GET .../episodes/{episode}/crisis: the current crisis, if any, and those before it.
func (a *API) getCrisis(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readCrisis(r) })
}

// markCrisis is POST .../episodes/{episode}/crisis: what happened and the holding support, with the early review
// due the council's hours later. An episode already in crisis, or ended, is refused.
func (a *API) markCrisis(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in MarkCrisis) (string, int, any, error) {
		m := crisis.Mark{WhatHappened: in.WhatHappened, Support: in.Support}
		m.Normalise()
		if ps := m.Validate(); len(ps) > 0 {
			return "", 0, nil, ps
		}
		c, err := a.risks.Crisis.Mark(r.Context(), id.person, id.episode, m)
		if err != nil {
			return "", 0, nil, err
		}
		return EpisodePath(id.person, id.episode) + "/crisis", c.Version, crisisOf(a.risks.Crisis.Now())(c), nil
	})
}

// crisisField names the crisis rules' fields as the JSON does.
func crisisField(field string) string {
	if field == "review_what_happened" {
		return "what_happened"
	}
	return field
}

// reviewCrisis is POST .../episodes/{episode}/crisis/review: the early review of the current crisis, with the
// crisis's ETag in If-Match. The answer is the episode's crisis as reviewed.
func (a *API) reviewCrisis(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return change(w, r, "the episode's crisis",
		func(in ReviewCrisis, version int) error {
			rv := crisis.Review{WhatHappened: in.WhatHappened, Outcome: crisis.Outcome(strings.TrimSpace(in.Outcome)), Support: in.Support}
			rv.Normalise()
			if ps := rv.Validate(); len(ps) > 0 {
				return renamed(ps, crisisField)
			}
			p, err := a.risks.Crisis.Glance(r.Context(), id.person, id.episode)
			if err != nil {
				return err
			}
			if p.Current == nil {
				return &Problem{Status: http.StatusConflict, Title: "This episode is not in crisis",
					Detail: "This episode is not marked as crisis, so there is no early review to record. Get the episode's crisis to see its past ones."}
			}
			_, err = a.risks.Crisis.RecordReview(r.Context(), id.person, id.episode, p.Current.ID, rv, version)
			return recordProblem(renamed(err, crisisField))
		},
		a.readCurrentCrisis(r))
}

// readCurrentCrisis reads the episode's crisis after an early review.
func (a *API) readCurrentCrisis(r *http.Request) func() (int, any, error) {
	return func() (int, any, error) {
		id := idsOf(r)
		p, err := a.risks.Crisis.Episode(r.Context(), id.person, id.episode)
		if err != nil {
			return 0, nil, err
		}
		version, body := episodeCrisisOf(p, a.risks.Crisis.Now())
		if p.Current == nil && len(p.Past) > 0 {
			version = p.Past[0].Version // the crisis the review ended
		}
		return version, body, nil
	}
}

// Conference is a family group conference on an episode: the referral with the person's consent, the independent
// coordinator and the people invited; once held, the family's private time and their own plan in their words; once
// reviewed, how the plan went, item by item. Its stage is referred, held or reviewed.
type Conference struct {
	ID              string              `json:"id"`
	EpisodeID       string              `json:"episode_id"`
	Stage           string              `json:"stage"`
	ReferredOn      *string             `json:"referred_on"`
	Consent         bool                `json:"consent"`
	ConsentOn       *string             `json:"consent_on"`
	Coordinator     string              `json:"coordinator"`
	Invitees        []ConferenceInvitee `json:"invitees"`
	ConferenceOn    *string             `json:"conference_on"` // planned while referred; the day it was held once held
	PrivateTime     bool                `json:"private_time"`
	PrivateTimeNote string              `json:"private_time_note"`
	Items           []FamilyPlanItem    `json:"items"`
	ReviewOn        *string             `json:"review_on"`
	ReviewedOn      *string             `json:"reviewed_on"`
	ReviewNote      string              `json:"review_note"`
	CreatedAt       *time.Time          `json:"created_at"`
	Version         int                 `json:"version"`
}

// ConferenceInvitee is someone invited to a family group conference.
type ConferenceInvitee struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
}

// FamilyPlanItem is one item of the family's plan, in their words, with the network solution it supplied to the
// support plan (if any) and, once reviewed, whether it was kept to or changed.
type FamilyPlanItem struct {
	ID         string `json:"id"` // read-only
	What       string `json:"what"`
	Who        string `json:"who"`
	ByWhen     string `json:"by_when"`
	SolutionID string `json:"solution_id"` // read-only
	Result     string `json:"result"`      // read-only
	ResultNote string `json:"result_note"` // read-only
}

// ReferConference is what is sent to refer for a family group conference. Without the person's consent there is
// no referral.
type ReferConference struct {
	ReferredOn   *string             `json:"referred_on"`
	Consent      bool                `json:"consent"`
	ConsentOn    *string             `json:"consent_on"`
	Coordinator  string              `json:"coordinator"`
	Invitees     []ConferenceInvitee `json:"invitees"`
	ConferenceOn *string             `json:"conference_on"`
}

// ConferenceHeld is what is sent to record a conference as held: it cannot be without the family's private time.
type ConferenceHeld struct {
	HeldOn          *string          `json:"held_on"`
	PrivateTime     *bool            `json:"private_time"`
	PrivateTimeNote string           `json:"private_time_note"`
	Items           []FamilyPlanItem `json:"items"`
	ReviewOn        *string          `json:"review_on"`
}

// ReviewConference is what is sent to review the family's plan: each item, by its ID, kept to or changed.
type ReviewConference struct {
	ReviewedOn *string                         `json:"reviewed_on"`
	ReviewNote string                          `json:"review_note"`
	Items      map[string]FamilyPlanItemReview `json:"items"`
}

// FamilyPlanItemReview is what the review found of one item of the family's plan.
type FamilyPlanItemReview struct {
	Result string `json:"result"`
	Note   string `json:"note"`
}

func conferenceOf(c conferences.Conference) Conference {
	return Conference{
		ID: c.ID, EpisodeID: c.EpisodeID, Stage: string(c.Stage()), ReferredOn: dateOrNull(c.ReferredOn), Consent: c.Consent,
		ConsentOn: dateOrNull(c.ConsentOn), Coordinator: c.Coordinator,
		Invitees: listOf(c.Invitees, func(v conferences.Invitee) ConferenceInvitee {
			return ConferenceInvitee{Name: v.Name, Relationship: v.Relationship}
		}),
		ConferenceOn: dateOrNull(c.ConferenceOn), PrivateTime: c.PrivateTime, PrivateTimeNote: c.PrivateTimeNote,
		Items: listOf(c.Items, func(it conferences.Item) FamilyPlanItem {
			return FamilyPlanItem{ID: it.ID, What: it.What, Who: it.Who, ByWhen: it.ByWhen, SolutionID: it.SolutionID,
				Result: string(it.Result), ResultNote: it.ResultNote}
		}),
		ReviewOn: dateOrNull(c.ReviewOn), ReviewedOn: dateOrNull(c.ReviewedOn), ReviewNote: c.ReviewNote,
		CreatedAt: timeOrNull(c.CreatedAt), Version: c.Version,
	}
}

// listConferences is GET .../episodes/{episode}/conferences: newest first.
func (a *API) listConferences(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	p, err := a.risks.Conferences.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(p.Conferences, conferenceOf))
	return nil
}

func (a *API) readConference(r *http.Request, conferenceID string) (int, any, error) {
	id := idsOf(r)
	p, err := a.risks.Conferences.Conference(r.Context(), id.person, id.episode, conferenceID)
	if err != nil {
		return 0, nil, err
	}
	c := p.Conferences[0]
	return c.Version, conferenceOf(c), nil
}

// getConference is GET .../episodes/{episode}/conferences/{conference}.
func (a *API) getConference(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readConference(r, r.PathValue("conference")) })
}

// referConference is POST .../episodes/{episode}/conferences: a referral with the person's consent.
func (a *API) referConference(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in ReferConference) (string, int, any, error) {
		var f fields
		ref := conferences.Referral{
			ReferredOn: f.date("referred_on", "The date of the referral", in.ReferredOn), Consent: in.Consent,
			ConsentOn: f.date("consent_on", "The date the person agreed", in.ConsentOn), Coordinator: in.Coordinator,
			ConferenceOn: f.date("conference_on", "The date of the conference", in.ConferenceOn),
		}
		for _, v := range in.Invitees {
			ref.Invitees = append(ref.Invitees, conferences.Invitee{Name: v.Name, Relationship: v.Relationship})
		}
		ref.Normalise()
		if err := f.check(ref.Validate(sqldb.TodayIn(r.Context()).Time)); err != nil {
			return "", 0, nil, err
		}
		c, err := a.risks.Conferences.Refer(r.Context(), id.person, id.episode, ref)
		if err != nil {
			return "", 0, nil, err
		}
		return EpisodePath(id.person, id.episode) + "/conferences/" + c.ID, c.Version, conferenceOf(c), nil
	})
}

// conferenceHeld is POST .../conferences/{conference}/held: the day, the family's private time and their plan.
func (a *API) conferenceHeld(w http.ResponseWriter, r *http.Request) error {
	id, conferenceID := idsOf(r), r.PathValue("conference")
	return change(w, r, "the conference",
		func(in ConferenceHeld, version int) error {
			var f fields
			m := conferences.Meeting{
				HeldOn: f.date("held_on", "The date of the conference", in.HeldOn), PrivateTimeNote: in.PrivateTimeNote,
				ReviewOn: f.date("review_on", "The date to review the plan", in.ReviewOn),
			}
			if in.PrivateTime != nil {
				m.PrivateTimeGiven = map[bool]string{true: "yes", false: "no"}[*in.PrivateTime]
			}
			for _, it := range in.Items {
				m.Items = append(m.Items, conferences.Item{What: it.What, Who: it.Who, ByWhen: it.ByWhen})
			}
			m.Normalise()
			if err := f.check(m.Validate(sqldb.Date{}, sqldb.TodayIn(r.Context()).Time)); err != nil {
				return err
			}
			return recordProblem(a.risks.Conferences.RecordHeld(r.Context(), id.person, id.episode, conferenceID, m, version))
		},
		func() (int, any, error) { return a.readConference(r, conferenceID) })
}

// reviewConference is POST .../conferences/{conference}/review: how the family's plan went, item by item.
func (a *API) reviewConference(w http.ResponseWriter, r *http.Request) error {
	id, conferenceID := idsOf(r), r.PathValue("conference")
	return change(w, r, "the conference",
		func(in ReviewConference, version int) error {
			var f fields
			rv := conferences.Review{On: f.date("reviewed_on", "The date of the review", in.ReviewedOn), Note: in.ReviewNote,
				Results: map[string]conferences.ItemResult{}, Notes: map[string]string{}}
			for itemID, it := range in.Items {
				rv.Results[itemID] = conferences.ItemResult(strings.TrimSpace(it.Result))
				rv.Notes[itemID] = it.Note
			}
			p, err := a.risks.Conferences.Glance(r.Context(), id.person, id.episode, conferenceID)
			if err != nil {
				return err
			}
			c := p.Conferences[0]
			name := func(field string) string {
				for i, it := range c.Items {
					if field == conferences.ItemField(i) {
						return "items." + it.ID
					}
				}
				return field
			}
			if err := f.check(rv.Validate(c, sqldb.TodayIn(r.Context()).Time)); err != nil {
				return renamed(err, name)
			}
			err = a.risks.Conferences.RecordReview(r.Context(), id.person, id.episode, conferenceID, rv, version)
			return recordProblem(renamed(err, name))
		},
		func() (int, any, error) { return a.readConference(r, conferenceID) })
}
