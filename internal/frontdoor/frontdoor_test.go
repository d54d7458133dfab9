package frontdoor_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func d(s string) sqldb.Date {
	if s == "" {
		return sqldb.Date{}
	}
	v, err := sqldb.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func fields(ps validation.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func sameFields(got validation.Problems, want ...string) bool {
	g := fields(got)
	if len(g) != len(want) {
		return false
	}
	for i := range g {
		if g[i] != want[i] {
			return false
		}
	}
	return true
}

func TestDays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-03-01", "2026-03-01", 0},
		{"2026-03-01", "2026-03-02", 1},
		{"2026-03-28", "2026-03-30", 2},  // over the clocks going forward
		{"2026-10-24", "2026-10-26", 2},  // over the clocks going back
		{"2024-02-28", "2024-03-01", 2},  // a leap year
		{"2025-12-31", "2026-01-01", 1},  // over the new year
		{"2026-03-05", "2026-03-01", -4}, // backwards
		{"", "2026-03-01", 0},
	}
	for _, tt := range tests {
		if got := frontdoor.Days(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("Days(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWaitOf(t *testing.T) {
	t.Parallel()
	today := d("2026-11-27")
	tests := []struct {
		name                    string
		contacted, conv, agreed string
		want                    frontdoor.Wait
	}{
		{"contacted today", "2026-11-27", "", "", frontdoor.Wait{Stage: frontdoor.ForConversation}},
		{"waiting for a conversation", "2026-11-01", "", "", frontdoor.Wait{Stage: frontdoor.ForConversation, ToConversation: 26, Total: 26}},
		{"waiting for a plan", "2026-11-01", "2026-11-11", "", frontdoor.Wait{Stage: frontdoor.ForPlan, ToConversation: 10, ToPlan: 16, Total: 16}},
		{"conversation on the day of contact", "2026-11-20", "2026-11-20", "", frontdoor.Wait{Stage: frontdoor.ForPlan, ToPlan: 7, Total: 7}},
		{"plan agreed", "2026-10-01", "2026-10-08", "2026-11-08", frontdoor.Wait{Stage: frontdoor.NotWaiting, ToConversation: 7, ToPlan: 31}},
		{"a conversation dated before the contact counts as none", "2026-11-10", "2026-11-01", "", frontdoor.Wait{Stage: frontdoor.ForPlan, ToConversation: 0, ToPlan: 26, Total: 26}},
		{"a contact over the clocks going back", "2026-10-24", "", "", frontdoor.Wait{Stage: frontdoor.ForConversation, ToConversation: 34, Total: 34}},
	}
	for _, tt := range tests {
		if got := frontdoor.WaitOf(d(tt.contacted), d(tt.conv), d(tt.agreed), today); got != tt.want {
			t.Errorf("%s: WaitOf = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestNextCheckIn(t *testing.T) {
	t.Parallel()
	today := d("2026-11-27")
	set := councils.DefaultSettings
	tests := []struct {
		name     string
		priority frontdoor.Priority
		last     string
		want     frontdoor.CheckIn
	}{
		{"urgent, checked in yesterday", frontdoor.Urgent, "2026-11-26", frontdoor.CheckIn{Due: d("2026-11-28")}},
		{"urgent, due today is not yet overdue", frontdoor.Urgent, "2026-11-25", frontdoor.CheckIn{Due: d("2026-11-27")}},
		{"urgent, a day late", frontdoor.Urgent, "2026-11-24", frontdoor.CheckIn{Due: d("2026-11-26"), Overdue: true, DaysLate: 1}},
		{"high, a week", frontdoor.High, "2026-11-20", frontdoor.CheckIn{Due: d("2026-11-27")}},
		{"routine, overdue by 6 days", frontdoor.Routine, "2026-11-07", frontdoor.CheckIn{Due: d("2026-11-21"), Overdue: true, DaysLate: 6}},
		{"never triaged", frontdoor.Routine, "", frontdoor.CheckIn{}},
	}
	for _, tt := range tests {
		if got := frontdoor.NextCheckIn(d(tt.last), frontdoor.CheckInDays(set, tt.priority), today); got != tt.want {
			t.Errorf("%s: NextCheckIn = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	custom := councils.Settings{CheckInUrgentDays: 1, CheckInHighDays: 3, CheckInRoutineDays: 30}
	for p, want := range map[frontdoor.Priority]int{frontdoor.Urgent: 1, frontdoor.High: 3, frontdoor.Routine: 30} {
		if got := frontdoor.CheckInDays(custom, p); got != want {
			t.Errorf("CheckInDays(custom, %s) = %d, want %d", p, got, want)
		}
	}
	if got := frontdoor.CheckInDays(councils.Settings{}, frontdoor.High); got != 7 {
		t.Errorf("CheckInDays with no setting = %d, want the default 7", got)
	}
}

func TestPriority(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want frontdoor.Priority
		ok   bool
	}{{"urgent", frontdoor.Urgent, true}, {" high ", frontdoor.High, true}, {"routine", frontdoor.Routine, true}, {"", "", false}, {"URGENT", "", false}, {"soon", "", false}} {
		got, err := frontdoor.ParsePriority(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParsePriority(%q) = %q, %v", tt.in, got, err)
		}
	}
	if !(frontdoor.Urgent.Rank() < frontdoor.High.Rank() && frontdoor.High.Rank() < frontdoor.Routine.Rank() && frontdoor.Routine.Rank() < frontdoor.Priority("").Rank()) {
		t.Error("priorities do not rank urgent, high, routine, untriaged")
	}
}

func TestTriageAndCheckInValidate(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		got  validation.Problems
		want []string
	}{
		{"a good triage", frontdoor.Triage{Priority: frontdoor.High, Reason: "Carer in hospital"}.Validate(), nil},
		{"no priority", frontdoor.Triage{Reason: "x"}.Validate(), []string{"priority"}},
		{"no reason", frontdoor.Triage{Priority: frontdoor.Urgent, Reason: "  "}.Validate(), []string{"triage_reason"}},
		{"a good check-in", frontdoor.CheckInNote{On: d("2026-11-27"), HowThings: "Managing", Triage: frontdoor.Triage{Priority: frontdoor.Routine, Reason: "Daughter staying"}}.Validate(today), nil},
		{"a check-in tomorrow with nothing said", frontdoor.CheckInNote{On: d("2026-11-28")}.Validate(today), []string{"checked_in_on", "how_things", "priority", "triage_reason"}},
	}
	for _, tt := range tests {
		if !sameFields(tt.got, tt.want...) {
			t.Errorf("%s: problems %v, want %v", tt.name, fields(tt.got), tt.want)
		}
	}
}

func TestSignpostValidate(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	good := func() frontdoor.Signpost {
		return frontdoor.Signpost{DirectoryServiceID: "svc", SignpostedOn: d("2026-11-27"), WhatShared: "Leaflet and phone number",
			SharedHow: []frontdoor.Shared{frontdoor.Printed}, FollowUpOn: d("2026-12-11")}
	}
	tests := []struct {
		name   string
		change func(s *frontdoor.Signpost)
		want   []string
	}{
		{"good", func(*frontdoor.Signpost) {}, nil},
		{"a referral with consent", func(s *frontdoor.Signpost) { s.Referred, s.Consent = true, true }, nil},
		{"a referral without consent", func(s *frontdoor.Signpost) { s.Referred = true }, []string{"consent"}},
		{"no service", func(s *frontdoor.Signpost) { s.DirectoryServiceID = "" }, []string{"directory_service_id"}},
		{"signposted tomorrow", func(s *frontdoor.Signpost) { s.SignpostedOn = d("2026-11-28") }, []string{"signposted_on"}},
		{"nothing shared, no way", func(s *frontdoor.Signpost) { s.WhatShared, s.SharedHow = "", nil }, []string{"what_shared", "shared_how"}},
		{"a way not on the list", func(s *frontdoor.Signpost) { s.SharedHow = []frontdoor.Shared{"pigeon"} }, []string{"shared_how"}},
		{"follow-up on the same day", func(s *frontdoor.Signpost) { s.FollowUpOn = s.SignpostedOn }, []string{"follow_up_on"}},
		{"no follow-up date", func(s *frontdoor.Signpost) { s.FollowUpOn = sqldb.Date{} }, []string{"follow_up_on"}},
		{"follow-up in the past", func(s *frontdoor.Signpost) { s.SignpostedOn, s.FollowUpOn = d("2026-11-20"), d("2026-11-26") }, []string{"follow_up_on"}},
		{"follow-up today, signposted before", func(s *frontdoor.Signpost) { s.SignpostedOn, s.FollowUpOn = d("2026-11-20"), d("2026-11-27") }, nil},
	}
	for _, tt := range tests {
		s := good()
		tt.change(&s)
		s.Normalise()
		if got := s.Validate(today); !sameFields(got, tt.want...) {
			t.Errorf("%s: problems %v, want %v", tt.name, fields(got), tt.want)
		}
	}
	s := frontdoor.Signpost{SharedHow: []frontdoor.Shared{frontdoor.Texted, frontdoor.Told, frontdoor.Texted}, Consent: true}
	s.Normalise()
	if s.SharedText() != "Told them, in person or by phone; Texted" || s.Consent {
		t.Errorf("Normalise: %q, consent %v; want the form's order once each, and no consent without a referral", s.SharedText(), s.Consent)
	}
}

func TestFollowUpValidate(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	signposted := d("2026-11-10")
	tests := []struct {
		name string
		f    frontdoor.FollowUp
		want []string
	}{
		{"helped, no why needed", frontdoor.FollowUp{On: today2(), Result: frontdoor.HelpedYes}, nil},
		{"partly, with why", frontdoor.FollowUp{On: today2(), Result: frontdoor.HelpedPartly, Note: "Only on Tuesdays"}, nil},
		{"did not go, no why", frontdoor.FollowUp{On: today2(), Result: frontdoor.DidNotGo}, []string{"result_note"}},
		{"could not reach, with why", frontdoor.FollowUp{On: today2(), Result: frontdoor.NotReached, Note: "Three calls, no answer"}, nil},
		{"no result", frontdoor.FollowUp{On: today2()}, []string{"result"}},
		{"before the signpost", frontdoor.FollowUp{On: d("2026-11-09"), Result: frontdoor.HelpedYes}, []string{"followed_up_on"}},
		{"tomorrow", frontdoor.FollowUp{On: d("2026-11-28"), Result: frontdoor.HelpedYes}, []string{"followed_up_on"}},
		{"no date", frontdoor.FollowUp{Result: frontdoor.DidNotHelp, Note: "Too far"}, []string{"followed_up_on"}},
	}
	for _, tt := range tests {
		if got := tt.f.Validate(signposted, today); !sameFields(got, tt.want...) {
			t.Errorf("%s: problems %v, want %v", tt.name, fields(got), tt.want)
		}
	}
	u := frontdoor.Use{Results: map[frontdoor.Helped]int{frontdoor.HelpedYes: 2, frontdoor.HelpedPartly: 1, frontdoor.DidNotGo: 4}}
	if u.HelpedCount() != 3 {
		t.Errorf("HelpedCount = %d, want 3", u.HelpedCount())
	}
}

func today2() sqldb.Date { return d("2026-11-27") }

func TestSortWaiting(t *testing.T) {
	t.Parallel()
	ws := []frontdoor.Waiter{
		{Name: "Short", Priority: frontdoor.Urgent, Wait: frontdoor.Wait{Total: 2}},
		{Name: "Long routine", Priority: frontdoor.Routine, Wait: frontdoor.Wait{Total: 30}},
		{Name: "Long urgent", Priority: frontdoor.Urgent, Wait: frontdoor.Wait{Total: 30}},
		{Name: "Middle", Priority: frontdoor.High, Wait: frontdoor.Wait{Total: 10}},
		{Name: "A middle", Priority: frontdoor.High, Wait: frontdoor.Wait{Total: 10}},
	}
	frontdoor.SortWaiting(ws)
	var got []string
	for _, w := range ws {
		got = append(got, w.Name)
	}
	want := []string{"Long urgent", "Long routine", "A middle", "Middle", "Short"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("order = %v, want %v (longest wait, then most pressing, then name)", got, want)
	}
}
