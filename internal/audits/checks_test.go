package audits

import (
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/thread"
)

// sound is an episode's record that every check finds in order: the person's words in most sections, strengths of
// every kind, a SMART outcome serving an aspiration and met by a solution with its reason, a review not yet due.
func sound() Record {
	o := outcomes.Outcome{ID: "o1", PersonID: "p", EpisodeID: "e", AspirationID: "a1", Different: "I go to the allotment every week",
		HowWeKnow: "Ada tells us", ByWhen: dbtest.Date("2026-09-01"), WhoInvolved: "Ada and Cara", WellbeingAreas: []string{"b"},
		LevelMinus2: "-2", LevelMinus1: "-1", Expected: "0", LevelPlus1: "+1", LevelPlus2: "+2", Baseline: outcomes.Less, Status: outcomes.Active}
	return Record{PersonID: "p", EpisodeID: "e", Today: dbtest.Date("2026-05-01"),
		Thread: thread.Data{Today: dbtest.Date("2026-05-01"), PlanAgreed: true,
			Aspirations: []thread.Aspiration{{ID: "a1", Words: "Get back to the allotment"}},
			Outcomes:    []thread.OutcomeRecord{{Outcome: o, SetOn: dbtest.Date("2026-03-01")}},
			Solutions:   []thread.Solution{{ID: "s1", Rung: plans.Reablement, Description: "Reablement", Reason: "Stairs need practice", OutcomeIDs: []string{"o1"}}}},
		Voice:      conversations.Voice{Sections: 8, InOwnWords: 6},
		Strengths:  map[strengths.Kind]int{strengths.Personal: 2, strengths.Network: 1, strengths.Community: 1, strengths.Resources: 1},
		NextReview: dbtest.Date("2026-07-01"),
		Wait:       frontdoor.WaitOf(dbtest.Date("2026-02-20"), dbtest.Date("2026-02-25"), dbtest.Date("2026-03-10"), dbtest.Date("2026-05-01")),
	}
}

func result(t *testing.T, r Record, k CheckKey) Finding {
	t.Helper()
	for _, f := range Check(r) {
		if f.Check == k {
			return f
		}
	}
	t.Fatalf("no finding for %s", k)
	return Finding{}
}

func TestEveryCheckOnASoundRecord(t *testing.T) {
	t.Parallel()
	want := map[CheckKey]Result{CheckVoice: Met, CheckStrengths: Met, CheckAspirations: Met, CheckSMART: Met, CheckThread: Met,
		CheckLadder: Met, CheckCapacity: NotApplicable, CheckAdvocacy: NotApplicable, CheckMSP: NotApplicable, CheckReviews: Met,
		CheckTimeliness: Figures}
	got := Check(sound())
	if len(got) != len(Checks()) {
		t.Fatalf("%d findings for %d checks", len(got), len(Checks()))
	}
	for _, f := range got {
		if f.Result != want[f.Check] {
			t.Errorf("%s: %s (%s), want %s", f.Check, f.Result, f.Summary, want[f.Check])
		}
	}
	if f := result(t, sound(), CheckTimeliness); f.Summary != "5 days from contact to the first conversation; 13 days from then to a plan agreed" {
		t.Errorf("timeliness says %q", f.Summary)
	}
}

func TestEachCheckFindsWhatBreaksIt(t *testing.T) {
	t.Parallel()
	met := time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		check CheckKey
		spoil func(r *Record)
		want  Result
		says  string // in the summary or the evidence
	}{
		{"the practitioner's words, not the person's", CheckVoice, func(r *Record) { r.Voice = conversations.Voice{Sections: 8, InOwnWords: 3} }, NotMet, "3 of 8 conversation sections (37%)"},
		{"no conversation recorded", CheckVoice, func(r *Record) { r.Voice = conversations.Voice{} }, NotMet, "No conversation sections"},
		{"no community strengths", CheckStrengths, func(r *Record) { delete(r.Strengths, strengths.Community) }, NotMet, "None recorded: community"},
		{"an outcome serving no aspiration", CheckAspirations, func(r *Record) { r.Thread.Outcomes[0].AspirationID = "" }, NotMet, "Serves no aspiration"},
		{"an outcome without how we will know", CheckSMART, func(r *Record) { r.Thread.Outcomes[0].HowWeKnow = "" }, NotMet, "lacks: "},
		{"no outcomes at all", CheckSMART, func(r *Record) { r.Thread.Outcomes = nil }, NotMet, "No outcomes"},
		{"an outcome nothing serves", CheckThread, func(r *Record) { r.Thread.Solutions = nil }, NotMet, "No solution serves this outcome"},
		{"a funded rung with no reason", CheckLadder, func(r *Record) { r.Thread.Solutions[0].Reason = "" }, NotMet, "does not say why lower rungs"},
		{"only information and advice", CheckLadder, func(r *Record) { r.Thread.Solutions[0].Rung = plans.InformationAdvice }, NotApplicable, "No solution above"},
		{"lacks capacity with no best-interests decision", CheckCapacity, func(r *Record) { r.Capacity = capacity.Counts{Assessments: 1, Lacks: 1} }, NotMet, "1 assessment, 1 finding"},
		{"lacks capacity, decided in their best interests", CheckCapacity, func(r *Record) { r.Capacity = capacity.Counts{Assessments: 1, Lacks: 1, BestInterests: 1} }, Met, "1 best-interests decision"},
		{"an IMCA still to instruct", CheckCapacity, func(r *Record) {
			r.Capacity = capacity.Counts{Assessments: 1, Lacks: 1, BestInterests: 1}
			r.Duties = []duties.Duty{{Kind: duties.IMCA, Reason: "Instruct an IMCA", DueAt: time.Date(2026, 4, 1, 23, 0, 0, 0, time.UTC)}}
		}, NotMet, "open and overdue"},
		{"an advocate arranged", CheckAdvocacy, func(r *Record) {
			r.Duties = []duties.Duty{{Kind: duties.AdvocatePlanning, Reason: "Arrange an advocate for planning", MetAt: met, MetHow: duties.MetByDone}}
		}, Met, "met on 2 April 2026"},
		{"an advocate never arranged", CheckAdvocacy, func(r *Record) {
			r.Duties = []duties.Duty{{Kind: duties.AdvocateAssessment, Reason: "Arrange an advocate", DueAt: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}}
		}, NotMet, "0 of 1 advocacy duty met"},
		{"a concern where the person was never asked", CheckMSP, func(r *Record) {
			r.Personal = []safeguarding.Personal{{StartedOn: dbtest.Date("2026-03-01"), Asked: "No"}}
		}, NotMet, "0 of 1 enquiry"},
		{"a concern closed with every outcome recorded", CheckMSP, func(r *Record) {
			r.Personal = []safeguarding.Personal{{StartedOn: dbtest.Date("2026-03-01"), Asked: codelists.MSPAskedExpressed, Outcomes: 2, Achieved: 2, Closed: true}}
		}, Met, "1 of 1 enquiry"},
		{"a review overdue", CheckReviews, func(r *Record) { r.NextReview = dbtest.Date("2026-04-01") }, NotMet, "overdue"},
		{"a plan agreed, no review scheduled", CheckReviews, func(r *Record) { r.NextReview = sqldb.Date{} }, NotMet, "no review is scheduled"},
		{"an ended episode needs no review", CheckReviews, func(r *Record) { r.NextReview, r.Ended = sqldb.Date{}, true }, NotApplicable, "ended"},
		{"still waiting for a plan", CheckTimeliness, func(r *Record) {
			r.Wait = frontdoor.WaitOf(dbtest.Date("2026-04-01"), dbtest.Date("2026-04-03"), sqldb.Date{}, dbtest.Date("2026-05-01"))
		}, Figures, "28 days since then without a plan agreed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := sound()
			tt.spoil(&r)
			f := result(t, r, tt.check)
			text := f.Summary
			for _, e := range f.Evidence {
				text += " | " + e.Text
			}
			if f.Result != tt.want || !strings.Contains(text, tt.says) {
				t.Errorf("%s: %s (%s), want %s saying %q", tt.check, f.Result, text, tt.want, tt.says)
			}
		})
	}
}
