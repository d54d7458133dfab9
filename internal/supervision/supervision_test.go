package supervision

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestStandingOf(t *testing.T) {
	t.Parallel()
	st := councils.Staff{ID: "s"}
	tests := []struct {
		name        string
		last        string
		weeks       int
		today       string
		wantNext    string
		wantOverdue bool
	}{
		{"never supervised is overdue", "", 4, "2026-05-01", "", true},
		{"monthly, not yet due", "2026-04-10", 4, "2026-05-01", "2026-05-08", false},
		{"monthly, due today", "2026-04-03", 4, "2026-05-01", "2026-05-01", false},
		{"monthly, a day late", "2026-04-02", 4, "2026-05-01", "2026-04-30", true},
		{"six-weekly for experienced staff", "2026-03-27", 6, "2026-05-01", "2026-05-08", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var last sqldb.Date
			if tt.last != "" {
				last = dbtest.Date(tt.last)
			}
			got := StandingOf(st, last, tt.weeks, dbtest.Date(tt.today))
			if got.Overdue != tt.wantOverdue || (tt.wantNext != "" && got.Next != dbtest.Date(tt.wantNext)) || (tt.wantNext == "" && !got.Next.IsZero()) {
				t.Errorf("StandingOf(%s, %d weeks) on %s = next %v overdue %v", tt.last, tt.weeks, tt.today, got.Next, got.Overdue)
			}
		})
	}
}

func TestWithinPolicy(t *testing.T) {
	t.Parallel()
	held := []sqldb.Date{dbtest.Date("2026-01-20"), dbtest.Date("2026-03-25"), dbtest.Date("2026-02-14")}
	tests := []struct {
		day  string
		want bool
	}{
		{"2026-01-19", false}, // before the first
		{"2026-01-31", true},
		{"2026-02-28", true},  // 14 February, 14 days before
		{"2026-03-24", false}, // 38 days after 14 February: over four weeks
		{"2026-03-31", true},
	}
	for _, tt := range tests {
		if got := WithinPolicy(held, 4, dbtest.Date(tt.day)); got != tt.want {
			t.Errorf("within four weeks on %s = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestPolicyWeeks(t *testing.T) {
	t.Parallel()
	p := Policy{ByRole: map[councils.Role]int{councils.Practitioner: 4, councils.TeamManager: 6}, ByStaff: map[string]int{"senior": 6}}
	for _, tt := range []struct {
		st   councils.Staff
		want int
	}{
		{councils.Staff{ID: "a", Role: councils.Practitioner}, 4},
		{councils.Staff{ID: "senior", Role: councils.Practitioner}, 6},
		{councils.Staff{ID: "m", Role: councils.TeamManager}, 6},
		{councils.Staff{ID: "d", Role: councils.DirectoryEditor}, DefaultWeeks},
	} {
		if got := p.Weeks(tt.st); got != tt.want {
			t.Errorf("weeks for %+v = %d, want %d", tt.st, got, tt.want)
		}
	}
}

func TestSupervises(t *testing.T) {
	t.Parallel()
	manager := councils.Staff{ID: "m", Role: councils.TeamManager, TeamIDs: []string{"north"}}
	lead := councils.Staff{ID: "q", Role: councils.QualityLead}
	north := councils.Staff{ID: "n", Role: councils.Practitioner, TeamIDs: []string{"north"}}
	south := councils.Staff{ID: "s", Role: councils.Practitioner, TeamIDs: []string{"south"}}
	finance := councils.Staff{ID: "f", Role: councils.Finance, TeamIDs: []string{"north"}}
	for _, tt := range []struct {
		by, of councils.Staff
		want   bool
	}{
		{manager, north, true}, {manager, south, false}, {manager, manager, false}, {lead, south, true}, {lead, finance, false},
		{north, south, false},
	} {
		if got := supervises(tt.by, tt.of); got != tt.want {
			t.Errorf("%s supervises %s = %v, want %v", tt.by.ID, tt.of.ID, got, tt.want)
		}
	}
}

func TestSessionValidate(t *testing.T) {
	t.Parallel()
	today := dbtest.Date("2026-05-01")
	good := Session{SuperviseeID: "n", HeldOn: today, Kind: OneToOne, WentWell: "A warm first visit with Ada",
		Cases:   []Case{{PersonID: "p", Discussion: "Ada's plan", Decision: "Keep the reablement going"}},
		Actions: []Action{{What: "Book the review", Owner: "Priya", DueOn: today}}}
	if ps := good.Validate(today); len(ps) != 0 {
		t.Fatalf("a good session: %v", ps)
	}
	tests := []struct {
		name  string
		spoil func(s *Session)
		field string
	}{
		{"what has gone well cannot be skipped", func(s *Session) { s.WentWell = "" }, "went_well"},
		{"a session in the future", func(s *Session) { s.HeldOn = dbtest.Date("2026-05-02") }, "held_on"},
		{"an unknown kind", func(s *Session) { s.Kind = "walk" }, "kind"},
		{"a case without its person", func(s *Session) { s.Cases[0].PersonID = "" }, CaseField(0, "person")},
		{"a case without what was discussed", func(s *Session) { s.Cases[0].Discussion = "" }, CaseField(0, "discussion")},
		{"an action without an owner", func(s *Session) { s.Actions[0].Owner = "" }, ActionField(0, "owner")},
		{"an action without a date", func(s *Session) { s.Actions[0].DueOn = sqldb.Date{} }, ActionField(0, "due_on")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := good
			s.Cases, s.Actions = append([]Case(nil), good.Cases...), append([]Action(nil), good.Actions...)
			tt.spoil(&s)
			ps := s.Validate(today)
			if len(ps) != 1 || ps[0].Field != tt.field {
				t.Errorf("problems %v, want one on %s", ps, tt.field)
			}
		})
	}
}
