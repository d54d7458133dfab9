package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// CapacityStore is what the API needs of capacity.Store.
type CapacityStore interface {
	Episode(ctx context.Context, personID, episodeID string) (capacity.EpisodePage, error)
	Assessment(ctx context.Context, personID, episodeID, id string) (capacity.AssessmentPage, error)
	Record(ctx context.Context, a capacity.Assessment) (capacity.Assessment, error)
	Decide(ctx context.Context, b capacity.BestInterests, latest string) (capacity.BestInterests, error)
}

// AdvocacyStore is what the API needs of advocacy.Store.
type AdvocacyStore interface {
	Episode(ctx context.Context, personID, episodeID string) (advocacy.Page, error)
	EpisodeGlance(ctx context.Context, personID, episodeID string) (advocacy.Page, error)
	RecordNeeds(ctx context.Context, n advocacy.Needs) (advocacy.Needs, error)
	Refer(ctx context.Context, r advocacy.Referral) (advocacy.Referral, error)
}

// WithCapacity adds the mental capacity and advocacy stores to the API. Its routes are always listed (Routes).
func (a *API) WithCapacity(c CapacityStore, adv AdvocacyStore) *API {
	a.capacity, a.advocacy = c, adv
	return a
}

func (a *API) capacityRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+episodeRoute+"/capacity-assessments", a.listAssessments),
		route("POST "+episodeRoute+"/capacity-assessments", a.recordAssessment),
		route("GET "+episodeRoute+"/capacity-assessments/{assessment}", a.getAssessment),
		route("POST "+episodeRoute+"/capacity-assessments/{assessment}/best-interests", a.decideBestInterests),
		route("GET "+episodeRoute+"/advocacy-needs", a.listNeeds),
		route("POST "+episodeRoute+"/advocacy-needs", a.recordNeeds),
		route("GET "+episodeRoute+"/advocacy-referrals", a.listReferrals),
		route("POST "+episodeRoute+"/advocacy-referrals", a.refer),
		route("GET "+episodeRoute+"/required-actions", a.listRequiredActions),
	}
}

// AbilityFinding is one of the four functional abilities: able or unable, with evidence.
type AbilityFinding struct {
	State    string `json:"state"`
	Evidence string `json:"evidence"`
}

// IMCADuty says whether an assessment requires an IMCA, under which section and why.
type IMCADuty struct {
	Due     bool   `json:"due"`
	Section string `json:"section"`
	Reason  string `json:"reason"`
}

// CapacityAssessment is a mental capacity assessment of one decision at one time. Sent to record one; id, imca,
// best_interests and version are read-only.
type CapacityAssessment struct {
	ID                 string                    `json:"id"`
	Decision           string                    `json:"decision"`
	DecisionType       string                    `json:"decision_type"`
	AssessedAt         *time.Time                `json:"assessed_at"`
	Impairment         string                    `json:"impairment"`
	ImpairmentEvidence string                    `json:"impairment_evidence"`
	Abilities          map[string]AbilityFinding `json:"abilities"`
	CausalLink         string                    `json:"causal_link"`
	CausalLinkEvidence string                    `json:"causal_link_evidence"`
	SupportGiven       string                    `json:"support_given"`
	Result             string                    `json:"result"`
	AnyoneToConsult    string                    `json:"anyone_to_consult"`
	Consultees         string                    `json:"consultees"`
	MHAResidence       string                    `json:"mha_residence"`
	IMCA               IMCADuty                  `json:"imca"`
	BestInterests      []BestInterestsDecision   `json:"best_interests"`
	Version            int                       `json:"version"`
}

// ChecklistItem is how one item of the best-interests checklist was addressed.
type ChecklistItem struct {
	State string `json:"state"`
	Notes string `json:"notes"`
}

// Consultee is someone consulted about a best-interests decision.
type Consultee struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	Category     string `json:"category"`
	Views        string `json:"views"`
}

// BestInterestsOption is an option considered.
type BestInterestsOption struct {
	Text            string `json:"text"`
	LessRestrictive bool   `json:"less_restrictive"`
}

// BestInterestsDecision is a best-interests decision on an assessment that found the person lacks capacity. Sent to
// record one, latest is the ID of the newest decision on the assessment the client has seen ("" for none): another
// since is 409.
type BestInterestsDecision struct {
	ID                string                   `json:"id"`
	AssessmentID      string                   `json:"assessment_id"`
	Checklist         map[string]ChecklistItem `json:"checklist"`
	Wishes            string                   `json:"wishes"`
	Beliefs           string                   `json:"beliefs"`
	OtherFactors      string                   `json:"other_factors"`
	Consultees        []Consultee              `json:"consultees"`
	NoConsulteeReason string                   `json:"no_consultee_reason"`
	Options           []BestInterestsOption    `json:"options"`
	Chosen            int                      `json:"chosen"`
	ChosenWhy         string                   `json:"chosen_why"`
	Decision          string                   `json:"decision"`
	DecidedBy         string                   `json:"decided_by"`
	DecidedOn         *string                  `json:"decided_on"`
	OutcomeIDs        []string                 `json:"outcome_ids"`
	Latest            string                   `json:"latest"`
	Version           int                      `json:"version"`
}

// Difficulty is whether the person would have substantial difficulty in one area, with evidence.
type Difficulty struct {
	Substantial bool   `json:"substantial"`
	Evidence    string `json:"evidence"`
}

// AdvocacyNeeds is an episode's advocacy needs record. Sent to record one, replaces is the ID of the latest record
// the client has seen ("" for none): another since is 409. advocates_due is read-only: the processes it makes an
// advocate due for.
type AdvocacyNeeds struct {
	ID                  string                `json:"id"`
	Difficulties        map[string]Difficulty `json:"difficulties"`
	NoAppropriatePerson bool                  `json:"no_appropriate_person"`
	PersonName          string                `json:"person_name"`
	Relationship        string                `json:"relationship"`
	Passes              []string              `json:"passes"`
	NHSAccommodation    bool                  `json:"nhs_accommodation"`
	Disagreement        bool                  `json:"disagreement"`
	Processes           []string              `json:"processes"`
	Notes               string                `json:"notes"`
	RecordedOn          *string               `json:"recorded_on"`
	Replaces            string                `json:"replaces"`
	AdvocatesDue        []string              `json:"advocates_due"`
}

// AdvocacyReferral is a referral to an independent advocate. Sent with action_id (an open required action's ID), it
// meets that action; duty_kind is read-only.
type AdvocacyReferral struct {
	ID                 string  `json:"id"`
	AdvocateType       string  `json:"advocate_type"`
	Provider           string  `json:"provider"`
	DirectoryServiceID string  `json:"directory_service_id"`
	AdvocateName       string  `json:"advocate_name"`
	ReferredOn         *string `json:"referred_on"`
	AllocatedOn        *string `json:"allocated_on"`
	Outcome            string  `json:"outcome"`
	ActionID           string  `json:"action_id"`
	DutyKind           string  `json:"duty_kind"`
	Version            int     `json:"version"`
}

// RequiredAction is an open advocacy or IMCA required action on an episode.
type RequiredAction struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Label     string    `json:"label"`
	SubjectID string    `json:"subject_id"`
	Reason    string    `json:"reason"`
	RaisedAt  time.Time `json:"raised_at"`
	DueAt     time.Time `json:"due_at"`
	Overdue   bool      `json:"overdue"`
}

func assessmentOf(p capacity.AssessmentPage) CapacityAssessment {
	out := assessmentSummary(p.Assessment)
	d := capacity.IMCA(p.Assessment)
	out.IMCA = IMCADuty{Due: d.Due, Section: d.Section, Reason: d.Reason}
	out.BestInterests = listOf(p.Decisions, decisionOf)
	return out
}

func assessmentSummary(a capacity.Assessment) CapacityAssessment {
	at := a.AssessedAt
	out := CapacityAssessment{ID: a.ID, Decision: a.Decision, DecisionType: string(a.Type), AssessedAt: &at, Impairment: string(a.Impairment),
		ImpairmentEvidence: a.ImpairmentEvidence, Abilities: map[string]AbilityFinding{}, CausalLink: string(a.CausalLink),
		CausalLinkEvidence: a.CausalLinkEvidence, SupportGiven: a.SupportGiven, Result: string(a.Result), AnyoneToConsult: string(a.AnyoneToConsult),
		Consultees: a.Consultees, MHAResidence: string(a.MHAResidence), BestInterests: []BestInterestsDecision{}, Version: a.Version}
	for ab, f := range a.Findings {
		out.Abilities[string(ab)] = AbilityFinding{State: f.State, Evidence: f.Evidence}
	}
	d := capacity.IMCA(a)
	out.IMCA = IMCADuty{Due: d.Due, Section: d.Section, Reason: d.Reason}
	return out
}

func decisionOf(b capacity.BestInterests) BestInterestsDecision {
	out := BestInterestsDecision{ID: b.ID, AssessmentID: b.AssessmentID, Checklist: map[string]ChecklistItem{}, Wishes: b.Wishes, Beliefs: b.Beliefs,
		OtherFactors: b.OtherFactors, NoConsulteeReason: b.NoConsulteeReason, Chosen: b.Chosen, ChosenWhy: b.ChosenWhy, Decision: b.Decision,
		DecidedBy: b.DecidedBy, DecidedOn: dateOrNull(b.DecidedOn), OutcomeIDs: b.OutcomeIDs, Version: b.Version}
	for it, c := range b.Checklist {
		out.Checklist[string(it)] = ChecklistItem{State: c.State, Notes: c.Notes}
	}
	out.Consultees = listOf(b.Consultees, func(c capacity.Consultee) Consultee {
		return Consultee{Name: c.Name, Relationship: c.Relationship, Category: string(c.Category), Views: c.Views}
	})
	out.Options = listOf(b.Options, func(o capacity.Option) BestInterestsOption {
		return BestInterestsOption{Text: o.Text, LessRestrictive: o.LessRestrictive}
	})
	if out.OutcomeIDs == nil {
		out.OutcomeIDs = []string{}
	}
	return out
}

// listAssessments is GET .../capacity-assessments: newest first.
func (a *API) listAssessments(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	ep, err := a.capacity.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(ep.Assessments, assessmentSummary))
	return nil
}

// getAssessment is GET .../capacity-assessments/{assessment}, with its best-interests decisions.
func (a *API) getAssessment(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	p, err := a.capacity.Assessment(r.Context(), id.person, id.episode, r.PathValue("assessment"))
	if err != nil {
		return err
	}
	sendRecord(w, http.StatusOK, p.Assessment.Version, assessmentOf(p))
	return nil
}

// recordAssessment is POST .../capacity-assessments. An assessment requiring an IMCA raises the required action.
func (a *API) recordAssessment(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in CapacityAssessment) (string, int, any, error) {
		as := capacity.Assessment{PersonID: id.person, EpisodeID: id.episode, Decision: in.Decision, Type: capacity.DecisionType(in.DecisionType),
			Impairment: capacity.Answer(in.Impairment), ImpairmentEvidence: in.ImpairmentEvidence, Findings: map[capacity.Ability]capacity.Finding{},
			CausalLink: capacity.Answer(in.CausalLink), CausalLinkEvidence: in.CausalLinkEvidence, SupportGiven: in.SupportGiven,
			Result: capacity.Result(in.Result), AnyoneToConsult: capacity.Answer(in.AnyoneToConsult), Consultees: in.Consultees,
			MHAResidence: capacity.Answer(in.MHAResidence)}
		if in.AssessedAt != nil {
			as.AssessedAt = in.AssessedAt.UTC()
		}
		for _, ab := range capacity.Abilities() {
			f := in.Abilities[string(ab)]
			as.Findings[ab] = capacity.Finding{State: f.State, Evidence: f.Evidence}
		}
		got, err := a.capacity.Record(r.Context(), as)
		if err != nil {
			return "", 0, nil, renamed(err, assessmentField)
		}
		return EpisodePath(id.person, id.episode) + "/capacity-assessments/" + got.ID, got.Version, assessmentSummary(got), nil
	})
}

// assessmentField names the rules' fields as the JSON does.
func assessmentField(field string) string {
	switch {
	case strings.HasPrefix(field, "ability_"):
		ab, evidence := strings.CutSuffix(strings.TrimPrefix(field, "ability_"), "_evidence")
		if evidence {
			return "abilities." + ab + ".evidence"
		}
		return "abilities." + ab + ".state"
	case field == "assessed_on":
		return "assessed_at"
	}
	return field
}

// decideBestInterests is POST .../capacity-assessments/{assessment}/best-interests.
func (a *API) decideBestInterests(w http.ResponseWriter, r *http.Request) error {
	id, assessmentID := idsOf(r), r.PathValue("assessment")
	return create(w, r, func(in BestInterestsDecision) (string, int, any, error) {
		var f fields
		b := capacity.BestInterests{PersonID: id.person, EpisodeID: id.episode, AssessmentID: assessmentID, Checklist: map[capacity.Item]capacity.Check{},
			Wishes: in.Wishes, Beliefs: in.Beliefs, OtherFactors: in.OtherFactors, NoConsulteeReason: in.NoConsulteeReason, Chosen: in.Chosen,
			ChosenWhy: in.ChosenWhy, Decision: in.Decision, DecidedBy: in.DecidedBy, OutcomeIDs: in.OutcomeIDs}
		b.DecidedOn = f.date("decided_on", "The date of the decision", in.DecidedOn)
		for k, c := range in.Checklist {
			b.Checklist[capacity.Item(k)] = capacity.Check{State: c.State, Notes: c.Notes}
		}
		for _, c := range in.Consultees {
			b.Consultees = append(b.Consultees, capacity.Consultee{Name: c.Name, Relationship: c.Relationship, Category: capacity.Category(c.Category), Views: c.Views})
		}
		for _, o := range in.Options {
			b.Options = append(b.Options, capacity.Option{Text: o.Text, LessRestrictive: o.LessRestrictive})
		}
		if err := f.check(nil); err != nil {
			return "", 0, nil, err
		}
		got, err := a.capacity.Decide(r.Context(), b, in.Latest)
		if err != nil {
			return "", 0, nil, renamed(err, decisionField)
		}
		return EpisodePath(id.person, id.episode) + "/capacity-assessments/" + assessmentID, got.Version, decisionOf(got), nil
	})
}

// decisionField names the rules' fields as the JSON does.
func decisionField(field string) string {
	switch {
	case strings.HasPrefix(field, "item_"):
		item, notes := strings.CutSuffix(strings.TrimPrefix(field, "item_"), "_notes")
		if notes {
			return "checklist." + item + ".notes"
		}
		return "checklist." + item + ".state"
	case strings.HasPrefix(field, "consultee_"):
		rest := strings.TrimPrefix(field, "consultee_")
		n, part, _ := strings.Cut(rest, "_")
		return "consultees." + n + "." + part
	case strings.HasPrefix(field, "option_"):
		return "options." + strings.TrimPrefix(field, "option_")
	case field == "outcomes":
		return "outcome_ids"
	}
	return field
}

func needsOf(n advocacy.Needs) AdvocacyNeeds {
	out := AdvocacyNeeds{ID: n.ID, Difficulties: map[string]Difficulty{}, NoAppropriatePerson: n.NoAppropriatePerson, PersonName: n.PersonName,
		Relationship: n.Relationship, Passes: []string{}, NHSAccommodation: n.NHSAccommodation, Disagreement: n.Disagreement, Processes: []string{},
		Notes: n.Notes, RecordedOn: dateOrNull(n.RecordedOn), Replaces: n.Replaces, AdvocatesDue: []string{}}
	for a, d := range n.Difficulties {
		out.Difficulties[string(a)] = Difficulty{Substantial: d.Substantial, Evidence: d.Evidence}
	}
	for _, c := range advocacy.Checks() {
		if n.Passes[c] {
			out.Passes = append(out.Passes, string(c))
		}
	}
	for _, p := range n.Processes {
		out.Processes = append(out.Processes, string(p))
	}
	for _, d := range n.DutiesDue() {
		out.AdvocatesDue = append(out.AdvocatesDue, string(d.Process))
	}
	return out
}

func referralOf(r advocacy.Referral) AdvocacyReferral {
	return AdvocacyReferral{ID: r.ID, AdvocateType: string(r.Type), Provider: r.Provider, DirectoryServiceID: r.DirectoryServiceID,
		AdvocateName: r.AdvocateName, ReferredOn: dateOrNull(r.ReferredOn), AllocatedOn: dateOrNull(r.AllocatedOn), Outcome: r.Outcome,
		DutyKind: string(r.DutyKind), Version: r.Version}
}

// listNeeds is GET .../advocacy-needs: the latest first, which is the one that applies.
func (a *API) listNeeds(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	p, err := a.advocacy.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(p.Needs, needsOf))
	return nil
}

// recordNeeds is POST .../advocacy-needs: raises and withdraws the advocacy required actions.
func (a *API) recordNeeds(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in AdvocacyNeeds) (string, int, any, error) {
		var f fields
		n := advocacy.Needs{PersonID: id.person, EpisodeID: id.episode, Difficulties: map[advocacy.Area]advocacy.Difficulty{},
			NoAppropriatePerson: in.NoAppropriatePerson, PersonName: in.PersonName, Relationship: in.Relationship, Passes: map[advocacy.Check]bool{},
			NHSAccommodation: in.NHSAccommodation, Disagreement: in.Disagreement, Notes: in.Notes, Replaces: in.Replaces}
		n.RecordedOn = f.date("recorded_on", "The date of the record", in.RecordedOn)
		for k, d := range in.Difficulties {
			n.Difficulties[advocacy.Area(k)] = advocacy.Difficulty{Answered: true, Substantial: d.Substantial, Evidence: d.Evidence}
		}
		for _, c := range in.Passes {
			n.Passes[advocacy.Check(c)] = true
		}
		for _, p := range in.Processes {
			n.Processes = append(n.Processes, advocacy.Process(p))
		}
		if err := f.check(nil); err != nil {
			return "", 0, nil, err
		}
		got, err := a.advocacy.RecordNeeds(r.Context(), n)
		if err != nil {
			return "", 0, nil, renamed(err, needsField)
		}
		return EpisodePath(id.person, id.episode) + "/advocacy-needs", 1, needsOf(got), nil
	})
}

func needsField(field string) string {
	if a, ok := strings.CutPrefix(field, "difficulty_"); ok {
		a, evidence := strings.CutSuffix(a, "_evidence")
		if evidence {
			return "difficulties." + a + ".evidence"
		}
		return "difficulties." + a
	}
	return field
}

// listReferrals is GET .../advocacy-referrals: newest first.
func (a *API) listReferrals(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	p, err := a.advocacy.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(p.Referrals, referralOf))
	return nil
}

// refer is POST .../advocacy-referrals. With action_id it meets that open required action; an action already met
// is 409.
func (a *API) refer(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in AdvocacyReferral) (string, int, any, error) {
		var f fields
		ref := advocacy.Referral{PersonID: id.person, EpisodeID: id.episode, Type: advocacy.AdvocateType(in.AdvocateType), Provider: in.Provider,
			DirectoryServiceID: in.DirectoryServiceID, AdvocateName: in.AdvocateName, Outcome: in.Outcome}
		ref.ReferredOn = f.date("referred_on", "The date of the referral", in.ReferredOn)
		ref.AllocatedOn = f.date("allocated_on", "The date an advocate was allocated", in.AllocatedOn)
		if err := f.check(nil); err != nil {
			return "", 0, nil, err
		}
		if in.ActionID != "" {
			// Found without logging a view: the referral itself is logged.
			p, err := a.advocacy.EpisodeGlance(r.Context(), id.person, id.episode)
			if err != nil {
				return "", 0, nil, err
			}
			found := false
			for _, d := range append(p.Actions, p.Met...) {
				if d.ID == in.ActionID {
					ref.DutyKind, ref.DutySubject, found = d.Kind, d.SubjectID, true
				}
			}
			if !found {
				return "", 0, nil, validation.Problems{{Field: "action_id", Message: "There is no such required action on this episode"}}
			}
		}
		got, err := a.advocacy.Refer(r.Context(), ref)
		if err != nil {
			return "", 0, nil, err
		}
		return EpisodePath(id.person, id.episode) + "/advocacy-referrals", got.Version, referralOf(got), nil
	})
}

// listRequiredActions is GET .../required-actions: the episode's open advocacy and IMCA actions, soonest due first
// (safeguarding ones only for the council's safeguarding roles).
func (a *API) listRequiredActions(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	p, err := a.advocacy.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(p.Actions, func(d duties.Duty) RequiredAction {
		return RequiredAction{ID: d.ID, Kind: string(d.Kind), Label: d.Kind.Label(), SubjectID: d.SubjectID, Reason: d.Reason,
			RaisedAt: d.RaisedAt, DueAt: d.DueAt, Overdue: d.Overdue(p.Now)}
	}))
	return nil
}
