package risks_test

import (
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/risks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

var today = dbtest.Date("2025-03-03").Time

func good() risks.Risk {
	return risks.Risk{
		What: "Ada walks to the allotment alone along the canal", PersonView: "I have walked that path for forty years",
		WhatMatters: "Being at the allotment on my own terms", CouldGoWrong: "She could fall on the towpath and not be found",
		Likelihood: risks.Possible, Severity: risks.Serious,
		Mitigations: []risks.Mitigation{{What: "Carries a charged mobile phone", Who: "Ada"}, {What: "Texts when she arrives", Who: "Cara, her daughter"}},
		Decision: risks.Decision{Made: true, Agreed: true, On: dbtest.Date("2025-03-03"),
			AgreedBy: []risks.Agreer{{Name: "Ada Lovelace", Role: "The person"}, {Name: "Cara Lovelace", Role: "Daughter"}}},
		ReviewOn: dbtest.Date("2025-06-03"),
	}
}

func TestRiskValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(r *risks.Risk)
		saved  sqldb.Date
		want   []string
	}{
		{"a complete risk with an agreed decision", func(r *risks.Risk) {}, sqldb.Date{}, nil},
		{"nothing said", func(r *risks.Risk) { *r = risks.Risk{} }, sqldb.Date{},
			[]string{"what", "person_view", "what_matters", "could_go_wrong", "likelihood", "severity", "mitigations", "decision", "review_on"}},
		{"a likelihood not on the list", func(r *risks.Risk) { r.Likelihood = "certain" }, sqldb.Date{}, []string{"likelihood"}},
		{"a severity not on the list", func(r *risks.Risk) { r.Severity = "catastrophic" }, sqldb.Date{}, []string{"severity"}},
		{"a way to reduce it with nobody to do it", func(r *risks.Risk) { r.Mitigations[1].Who = "" }, sqldb.Date{}, []string{"mitigations"}},
		{"agreed by nobody", func(r *risks.Risk) { r.Decision.AgreedBy = nil }, sqldb.Date{}, []string{"agreed_by"}},
		{"agreed by someone with no role", func(r *risks.Risk) { r.Decision.AgreedBy[1].Role = "" }, sqldb.Date{}, []string{"agreed_by"}},
		{"not agreed, with no reason", func(r *risks.Risk) { r.Decision.Agreed = false }, sqldb.Date{}, []string{"decision_note"}},
		{"not agreed, with a reason", func(r *risks.Risk) {
			r.Decision.Agreed, r.Decision.Note = false, "Ada wants to think about it; she will walk with Cara meanwhile"
		}, sqldb.Date{}, nil},
		{"a decision with no date", func(r *risks.Risk) { r.Decision.On = sqldb.Date{} }, sqldb.Date{}, []string{"decided_on"}},
		{"a decision tomorrow", func(r *risks.Risk) { r.Decision.On = dbtest.Date("2025-03-04") }, sqldb.Date{}, []string{"decided_on"}},
		{"a review date in the past", func(r *risks.Risk) { r.ReviewOn = dbtest.Date("2025-03-02") }, sqldb.Date{}, []string{"review_on"}},
		{"a past review date already saved may stay", func(r *risks.Risk) {
			r.ReviewOn, r.Decision.On = dbtest.Date("2025-03-01"), dbtest.Date("2025-02-01")
		}, dbtest.Date("2025-03-01"), nil},
		{"a review date today", func(r *risks.Risk) { r.ReviewOn = dbtest.Date("2025-03-03") }, sqldb.Date{}, nil},
		{"a review on the day of the decision", func(r *risks.Risk) { r.ReviewOn = dbtest.Date("2025-03-03") }, sqldb.Date{}, nil},
		{"a saved review date before the decision", func(r *risks.Risk) {
			r.Decision.On, r.ReviewOn = dbtest.Date("2025-03-01"), dbtest.Date("2025-02-28")
		}, dbtest.Date("2025-02-28"), []string{"review_on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			tt.change(&r)
			r.Normalise()
			var got []string
			for _, p := range r.Validate(today, tt.saved) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRiskNormalise(t *testing.T) {
	t.Parallel()
	r := good()
	r.What = "  Ada walks alone  "
	r.Mitigations = append(r.Mitigations, risks.Mitigation{What: " ", Who: ""})
	r.OutcomeIDs = []string{"o1", "o1", " ", "o2"}
	r.Decision.Agreed = false
	r.Normalise()
	if r.What != "Ada walks alone" || len(r.Mitigations) != 2 || !slices.Equal(r.OutcomeIDs, []string{"o1", "o2"}) || r.Decision.AgreedBy != nil {
		t.Errorf("normalised to %+v", r)
	}
}

func TestReviewValidate(t *testing.T) {
	t.Parallel()
	base := risks.Review{On: dbtest.Date("2025-03-03"), WhatHappened: "No falls; Ada texted every time", Result: risks.Reduced, NextReviewOn: dbtest.Date("2025-09-03")}
	tests := []struct {
		name   string
		change func(rv *risks.Review)
		want   []string
	}{
		{"reduced, with a next review", func(rv *risks.Review) {}, nil},
		{"still a risk, with a next review", func(rv *risks.Review) { rv.Result = risks.Open }, nil},
		{"closed needs no next review", func(rv *risks.Review) { rv.Result, rv.NextReviewOn = risks.Closed, sqldb.Date{} }, nil},
		{"closed drops a next review given", func(rv *risks.Review) { rv.Result = risks.Closed }, nil},
		{"nothing said", func(rv *risks.Review) { *rv = risks.Review{} }, []string{"reviewed_on", "what_happened", "result"}},
		{"held tomorrow", func(rv *risks.Review) { rv.On = dbtest.Date("2025-03-04") }, []string{"reviewed_on"}},
		{"not closed, no next review", func(rv *risks.Review) { rv.NextReviewOn = sqldb.Date{} }, []string{"next_review_on"}},
		{"next review today", func(rv *risks.Review) { rv.NextReviewOn = dbtest.Date("2025-03-03") }, []string{"next_review_on"}},
		{"a result not on the list", func(rv *risks.Review) { rv.Result = "gone" }, []string{"result"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rv := base
			tt.change(&rv)
			rv.Normalise()
			var got []string
			for _, p := range rv.Validate(today) {
				got = append(got, p.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems with %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReviewOverdue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		review string
		status risks.Status
		want   bool
	}{
		{"2025-03-02", risks.Open, true},
		{"2025-03-03", risks.Open, false},
		{"2025-03-02", risks.Reduced, true},
		{"2025-03-02", risks.Closed, false},
	}
	for _, tt := range tests {
		r := risks.Risk{ReviewOn: dbtest.Date(tt.review), Status: tt.status}
		if got := r.ReviewOverdue(today); got != tt.want {
			t.Errorf("review on %s, %s: overdue %v, want %v", tt.review, tt.status, got, tt.want)
		}
	}
}

func TestDecisionSummary(t *testing.T) {
	t.Parallel()
	if got := good().Decision.Summary(); got != "Positive risk-taking agreed on 3 March 2025 by Ada Lovelace (The person), Cara Lovelace (Daughter)" {
		t.Errorf("summary %q", got)
	}
	if got := (risks.Decision{}).Summary(); got != "No positive risk-taking decision yet" {
		t.Errorf("summary %q", got)
	}
}
