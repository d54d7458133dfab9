package reviews_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func TestFinishes(t *testing.T) {
	t.Parallel()
	meals := reviews.ServiceToDecide{ID: "s2", Name: "Meals from Example Kitchen"}
	both := []outcomes.Outcome{walk, stairs}
	stop := func(ids ...string) []reviews.Decision {
		var out []reviews.Decision
		for _, id := range ids {
			out = append(out, reviews.Decision{ServiceID: id, Decision: reviews.Stop})
		}
		return out
	}
	tests := []struct {
		name            string
		toRate          []outcomes.Outcome
		ratings         []reviews.Rating
		running         []reviews.ServiceToDecide
		decisions       []reviews.Decision
		waiting         int
		planNeedsChange bool
		want            bool
	}{
		{"every service stopped, every outcome as expected", both, []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.Expected)},
			[]reviews.ServiceToDecide{care, meals}, stop("s1", "s2"), 0, false, true},
		{"outcomes better than expected", both, []reviews.Rating{rated("o1", outcomes.MuchMore), rated("o2", outcomes.More)},
			[]reviews.ServiceToDecide{care}, stop("s1"), 0, false, true},
		{"no service was running and every outcome met", both, []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.More)},
			nil, nil, 0, false, true},
		{"one outcome below expected", both, []reviews.Rating{rated("o1", outcomes.More), rated("o2", outcomes.Less)},
			[]reviews.ServiceToDecide{care}, stop("s1"), 0, false, false},
		{"one outcome not rated", both, []reviews.Rating{rated("o1", outcomes.More)},
			[]reviews.ServiceToDecide{care}, stop("s1"), 0, false, false},
		{"one service continues", both, []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.Expected)},
			[]reviews.ServiceToDecide{care, meals}, append(stop("s1"), reviews.Decision{ServiceID: "s2", Decision: reviews.Continue}), 0, false, false},
		{"one service continues with changes", both, []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.Expected)},
			[]reviews.ServiceToDecide{care}, []reviews.Decision{{ServiceID: "s1", Decision: reviews.Change, Note: "Fewer visits"}}, 0, false, false},
		{"one service not decided", both, []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.Expected)},
			[]reviews.ServiceToDecide{care, meals}, stop("s1"), 0, false, false},
		{"a service still waits for authorisation", both, []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.Expected)},
			[]reviews.ServiceToDecide{care}, stop("s1"), 1, false, false},
		{"the practitioner says the plan needs to change", both, []reviews.Rating{rated("o1", outcomes.Expected), rated("o2", outcomes.Expected)},
			[]reviews.ServiceToDecide{care}, stop("s1"), 0, true, false},
		{"no outcomes to rate", nil, nil, []reviews.ServiceToDecide{care}, stop("s1"), 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := reviews.Finishes(tt.toRate, tt.ratings, tt.running, tt.decisions, tt.waiting, tt.planNeedsChange); got != tt.want {
				t.Errorf("Finishes = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLatestNext(t *testing.T) {
	t.Parallel()
	d := func(s string) sqldb.Date {
		t.Helper()
		v, err := sqldb.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var none sqldb.Date
	tests := []struct {
		name                string
		agreed, last, today sqldb.Date
		latest, from        string
		fromReview, late    bool
		messageHas          string
	}{
		{"12 months after the last review", d("2025-03-03"), d("2026-01-15"), d("2026-02-01"), "2027-01-15", "2026-01-15", true, false, "12 months after the last review"},
		{"12 months after a plan agreed since the last review", d("2026-02-10"), d("2026-01-15"), d("2026-02-11"), "2027-02-10", "2026-02-10", false, false, "12 months after the plan was agreed"},
		{"a review on the day of the agreement counts from the review", d("2026-02-10"), d("2026-02-10"), d("2026-02-11"), "2027-02-10", "2026-02-10", true, false, "after the last review"},
		{"no review yet: from the plan", d("2025-06-30"), none, d("2025-07-01"), "2026-06-30", "2025-06-30", false, false, "after the plan was agreed"},
		{"a leap day is clamped to the end of February", none, d("2024-02-29"), d("2024-03-01"), "2025-02-28", "2024-02-29", true, false, "after the last review"},
		{"neither: 12 months from today", none, none, d("2026-05-05"), "2027-05-05", "", false, false, "12 months from today"},
		{"overdue: two weeks from today", d("2024-01-10"), d("2025-01-20"), d("2026-03-01"), "2026-03-15", "2025-01-20", true, true, "The review is overdue"},
		{"on the last day it is not yet late", none, d("2025-03-01"), d("2026-03-01"), "2026-03-01", "2025-03-01", true, false, "on or before 1 March 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := reviews.LatestNext(tt.agreed, tt.last, tt.today)
			from := ""
			if !l.From.IsZero() {
				from = l.From.String()
			}
			if l.Latest.String() != tt.latest || from != tt.from || l.FromReview != tt.fromReview || l.Late != tt.late {
				t.Errorf("LatestNext = %s from %q (review %v, late %v), want %s from %q (review %v, late %v)", l.Latest, from, l.FromReview, l.Late,
					tt.latest, tt.from, tt.fromReview, tt.late)
			}
			if msg := l.Message(); !contains(msg, tt.messageHas) {
				t.Errorf("message %q does not say %q", msg, tt.messageHas)
			}
		})
	}
}

func TestNextDueValidate(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(dateOf(2026, 2, 1))
	limit := reviews.LatestNext(sqldb.Date{}, sqldb.NewDate(dateOf(2026, 1, 15)), today)
	ok := reviews.NextDue{On: sqldb.NewDate(dateOf(2026, 7, 1)), Reason: codelists.ReviewReasonPlanned, Why: "Annual review, brought forward: Ada's daughter moves away in the summer"}
	tests := []struct {
		name   string
		change func(*reviews.NextDue)
		want   []string
	}{
		{"within 12 months", func(*reviews.NextDue) {}, nil},
		{"today", func(n *reviews.NextDue) { n.On = today }, nil},
		{"the last day of the 12 months", func(n *reviews.NextDue) { n.On = sqldb.NewDate(dateOf(2027, 1, 15)) }, nil},
		{"a day beyond 12 months", func(n *reviews.NextDue) { n.On = sqldb.NewDate(dateOf(2027, 1, 16)) }, []string{
			"due_on: The date of the next review must be on or before 15 January 2027, 12 months after the last review. A plan must be reviewed at least every 12 months"}},
		{"in the past", func(n *reviews.NextDue) { n.On = sqldb.NewDate(dateOf(2026, 1, 31)) }, []string{"due_on: The date of the next review must be today or in the future"}},
		{"no date", func(n *reviews.NextDue) { n.On = sqldb.Date{} }, []string{"due_on: Enter the date of the next review"}},
		{"sooner because something changed", func(n *reviews.NextDue) {
			n.Reason, n.On = "Unplanned - Hospital (Planned and unplanned episodes)", sqldb.NewDate(dateOf(2026, 2, 10))
		}, nil},
		{"a reason not on the list", func(n *reviews.NextDue) { n.Reason = "Because" }, []string{"reason: Select the reason for the review"}},
		{"no why", func(n *reviews.NextDue) { n.Why = "  " }, []string{"why: Enter why the review is due on this date"}},
		{"everything wrong at once", func(n *reviews.NextDue) { *n = reviews.NextDue{} }, []string{
			"due_on: Enter the date of the next review", "reason: Select the reason for the review", "why: Enter why the review is due on this date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := ok
			tt.change(&n)
			var got []string
			for _, p := range n.Validate(today, limit) {
				got = append(got, p.Field+": "+p.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("problem %q, want %q", got[i], tt.want[i])
				}
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func dateOf(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestEndResults(t *testing.T) {
	t.Parallel()
	got := reviews.EndResults()
	if len(got) == 0 || got[0].Value != codelists.EventOutcomeSupportEnded {
		t.Fatalf("the first result offered is %v, want %q", got, codelists.EventOutcomeSupportEnded)
	}
	for _, c := range got {
		if !codelists.EventOutcome.Has(c.Value) || !strings.HasPrefix(c.Value, "NFA: ") {
			t.Errorf("%q is offered to end an episode whose support finished", c.Value)
		}
	}
	if len(got) != 11 {
		t.Errorf("%d results offered, want the 11 that take no further action", len(got))
	}
}
