package thread_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/thread"
)

// smart is a SMART outcome set on 1 March 2026.
func smart(id string) thread.OutcomeRecord {
	return thread.OutcomeRecord{SetOn: dbtest.Date("2026-03-01"), Outcome: outcomes.Outcome{
		ID: id, AspirationID: "asp", Different: "I get to the shops on my own", HowWeKnow: "I go every Thursday",
		WhoInvolved: "Me and my daughter", ByWhen: dbtest.Date("2026-06-01"), Expected: "Shops once a week", Status: outcomes.Active,
	}}
}

// wellRecorded is a case whose thread has no break: one outcome, met by a community solution and a reablement
// service that says why lower rungs cannot do it, agreed, and rated at review.
func wellRecorded() thread.Data {
	return thread.Data{
		Today:       dbtest.Date("2026-05-01"),
		PlanAgreed:  true,
		Aspirations: []thread.Aspiration{{ID: "asp", Term: outcomes.LongTerm, Words: "To be independent again"}},
		Outcomes:    []thread.OutcomeRecord{smart("o1")},
		Solutions: []thread.Solution{
			{ID: "s1", Rung: plans.Community, Description: "Thursday shopping bus", OutcomeIDs: []string{"o1"}},
			{ID: "s2", Rung: plans.Reablement, Description: "Six weeks of reablement", Reason: "Needs to relearn stairs safely first", OutcomeIDs: []string{"o1"}},
		},
		Services: []thread.Service{{ID: "v1", Type: "Short term support: ST-Max", Status: plans.ServiceActive, EndOn: dbtest.Date("2026-05-10"), OutcomeIDs: []string{"o1"}, SolutionID: "s2"}},
		Reviews:  []thread.Review{{ID: "r1", HeldOn: dbtest.Date("2026-04-20"), Ratings: map[string]outcomes.Level{"o1": outcomes.Expected}}},
	}
}

func TestWellRecordedCaseHasNoBreak(t *testing.T) {
	t.Parallel()
	v := thread.Build(wellRecorded())
	if len(v.Breaks) != 0 {
		t.Fatalf("breaks in a well-recorded case: %+v", v.Breaks)
	}
	if len(v.Strands) != 1 {
		t.Fatalf("%d strands, want 1", len(v.Strands))
	}
	s := v.Strands[0]
	if s.Aspiration == nil || s.Aspiration.Words != "To be independent again" {
		t.Errorf("strand's aspiration: %+v", s.Aspiration)
	}
	if len(s.Solutions) != 2 || len(s.Services) != 1 || len(s.Ratings) != 1 || s.Ratings[0].Level != outcomes.Expected {
		t.Errorf("strand: %d solutions, %d services, ratings %+v", len(s.Solutions), len(s.Services), s.Ratings)
	}
}

func TestEachBreakIsNamed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(d *thread.Data)
		want   []thread.Kind
		ref    string
	}{
		{"an outcome with no solution", func(d *thread.Data) {
			d.Outcomes = append(d.Outcomes, smart("o2"))
			d.Reviews[0].Ratings["o2"] = outcomes.Less
		}, []thread.Kind{thread.NoSolution}, "o2"},
		{"a service that serves no outcome", func(d *thread.Data) {
			d.Services = append(d.Services, thread.Service{ID: "v2", Type: "Long term support: Community", Status: plans.Authorised})
		}, []thread.Kind{thread.ServesNoOutcome}, "v2"},
		{"a declined service is not a break", func(d *thread.Data) {
			d.Services = append(d.Services, thread.Service{ID: "v2", Type: "Long term support: Community", Status: plans.Declined})
		}, nil, ""},
		{"a review that skipped an outcome", func(d *thread.Data) {
			delete(d.Reviews[0].Ratings, "o1")
		}, []thread.Kind{thread.ReviewSkipped}, "r1"},
		{"a review held before the outcome was set did not skip it", func(d *thread.Data) {
			delete(d.Reviews[0].Ratings, "o1")
			d.Reviews[0].HeldOn = dbtest.Date("2026-02-01")
		}, nil, ""},
		{"a higher-rung solution with no reason", func(d *thread.Data) {
			d.Solutions[1].Reason = "  "
		}, []thread.Kind{thread.NoRungReason}, "s2"},
		{"information and advice needs no reason", func(d *thread.Data) {
			d.Solutions = append(d.Solutions, thread.Solution{ID: "s3", Rung: plans.InformationAdvice, Description: "Leaflet on falls", OutcomeIDs: []string{"o1"}})
		}, nil, ""},
		{"a plan agreed with an outcome that is not SMART", func(d *thread.Data) {
			d.Outcomes[0].ByWhen = sqldb.Date{}
		}, []thread.Kind{thread.AgreedNotSMART}, "o1"},
		{"a draft plan may hold an outcome that is not SMART yet", func(d *thread.Data) {
			d.PlanAgreed = false
			d.Outcomes[0].ByWhen = sqldb.Date{}
		}, nil, ""},
		{"a service past its end date still running", func(d *thread.Data) {
			d.Today = dbtest.Date("2026-05-11")
		}, []thread.Kind{thread.RunningPastEnd}, "v1"},
		{"a service ending today is not past its end", func(d *thread.Data) {
			d.Today = dbtest.Date("2026-05-10")
		}, nil, ""},
		{"a closed outcome is not drawn", func(d *thread.Data) {
			closed := smart("o9")
			closed.Status = outcomes.Closed
			d.Outcomes = append(d.Outcomes, closed)
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := wellRecorded()
			tt.change(&d)
			v := thread.Build(d)
			var got []thread.Kind
			for _, b := range v.Breaks {
				got = append(got, b.Kind)
				if b.Message == "" {
					t.Errorf("break %s has no message", b.Kind)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("breaks (-want +got):\n%s", diff)
			}
			if tt.ref != "" && v.Breaks[0].RefID != tt.ref {
				t.Errorf("break is about %q, want %q", v.Breaks[0].RefID, tt.ref)
			}
		})
	}
}

func TestBreakMessagesSayWhatToMend(t *testing.T) {
	t.Parallel()
	d := wellRecorded()
	d.Solutions[1].Reason = ""
	d.Outcomes[0].HowWeKnow, d.Outcomes[0].ByWhen = "", sqldb.Date{}
	d.Today = dbtest.Date("2026-06-01")
	var msgs []string
	for _, b := range thread.Build(d).Breaks {
		msgs = append(msgs, b.Message)
	}
	want := []string{
		"“Six weeks of reablement” (Short-term reablement) does not say why lower rungs of the ladder cannot meet this outcome",
		"The plan was agreed but this outcome is not SMART: missing measurable, time-bound",
		"Short term support: ST-Max was due to end on 10 May 2026 but is still running",
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}
