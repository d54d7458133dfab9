package cld

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func day(t *testing.T, s string) sqldb.Date {
	t.Helper()
	if s == "" {
		return sqldb.Date{}
	}
	d, err := sqldb.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRequestEvent covers when a contact's request is completed and with what outcome: resolved before any
// conversation, gone on to one, resolved at its first conversation, or still open.
func TestRequestEvent(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, conv, ended, result string
		wantEnd, wantOutcome      string
		wantOK                    bool
	}{
		{"resolved at the front door", "", "2026-03-02", "NFA: Support declined", "2026-03-02", "NFA: Support declined", true},
		{"went on to a conversation", "2026-03-05", "", "", "2026-03-05", "Progress to assessment, review or reassessment", true},
		{"went on, and ended later", "2026-03-05", "2026-06-01", "NFA: Support ended as planned", "2026-03-05", "Progress to assessment, review or reassessment", true},
		{"ended at its first conversation", "2026-03-05", "2026-03-05", "NFA: Information and advice or signposting", "2026-03-05", "NFA: Information and advice or signposting", true},
		{"still open", "", "", "", "", "", false},
	} {
		src := source{Start: day(t, "2026-03-01"), FirstConversation: day(t, tt.conv), EpisodeEnded: day(t, tt.ended), EpisodeResult: tt.result}
		_, end, outcome, ok := requestEvent(src)
		if ok != tt.wantOK || end.String() != tt.wantEnd || outcome != tt.wantOutcome {
			t.Errorf("%s: %s %q %v, want %s %q %v", tt.name, end, outcome, ok, tt.wantEnd, tt.wantOutcome, tt.wantOK)
		}
	}
}

func TestEventMappings(t *testing.T) {
	t.Parallel()
	// A service that ended before it started gave no support: cancelled, left out.
	if _, _, ok := serviceEvent(source{Start: day(t, "2026-03-01"), End: day(t, "2026-02-01")}); ok {
		t.Error("a service ended before it started is in the return")
	}
	if _, _, ok := serviceEvent(source{}); ok {
		t.Error("a service never started is in the return")
	}
	if got := serviceOutcome(source{Start: day(t, "2026-03-01")}); got != "" {
		t.Errorf("a running service's outcome = %q", got)
	}
	if got := serviceOutcome(source{End: day(t, "2026-04-01")}); got != continuation {
		t.Errorf("an ended service in an open episode: %q", got)
	}
	// Needs that are not eligible, in an episode that ended: the episode's result; otherwise planning.
	if got := assessmentOutcome(source{Flag: false, EpisodeResult: "NFA: Support declined"}); got != "NFA: Support declined" {
		t.Errorf("not eligible, ended: %q", got)
	}
	if got := assessmentOutcome(source{Flag: true, EpisodeResult: "NFA: Support declined"}); got != "Progress to support planning or services" {
		t.Errorf("eligible: %q", got)
	}
	// A review the episode ended at takes its result; Review_Outcomes_Achieved is never worked out here.
	held := day(t, "2026-05-01")
	if got := reviewOutcome(source{End: held, EpisodeEnded: held, EpisodeResult: "NFA: Support ended as planned"}); got != "NFA: Support ended as planned" {
		t.Errorf("review the episode ended at: %q", got)
	}
	if got := reviewOutcome(source{End: held}); got != continuation {
		t.Errorf("review in an open episode: %q", got)
	}
	// A carer's route not recorded takes the carers' default; a service user's stays blank for the validator.
	if got := routeOfAccess("", "Unpaid carer"); got != "Community / Other route" {
		t.Errorf("carer's route: %q", got)
	}
	if got := routeOfAccess("", "Service user"); got != "" {
		t.Errorf("service user's route: %q", got)
	}
	for pence, want := range map[int64]string{2150: "21.50", 5: "0.05", 0: "0.00", -150: "-1.50", 100000: "1000.00"} {
		if got := pounds(pence); got != want {
			t.Errorf("pounds(%d) = %q, want %q", pence, got, want)
		}
	}
	if got := LastQuarter(day(t, "2026-12-05")); got != "2026-Q3" {
		t.Errorf("LastQuarter in December = %s", got)
	}
	if got := LastQuarter(day(t, "2027-02-10")); got != "2026-Q4" {
		t.Errorf("LastQuarter in February = %s", got)
	}
}
