package councils_test

import (
	"context"
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestValidCode(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{"E06000044": true, "W06000015": true, "E0600004": false, "X06000044": false, "e06000044": false, "": false}
	for code, ok := range tests {
		if err := councils.ValidCode(code); (err == nil) != ok {
			t.Errorf("ValidCode(%q) = %v, want ok=%v", code, err, ok)
		}
	}
}

func TestParseRole(t *testing.T) {
	t.Parallel()
	for _, r := range councils.Roles {
		got, err := councils.ParseRole(string(r))
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := councils.ParseRole("superuser"); err == nil {
		t.Error("ParseRole accepted an unknown role")
	}
}

func TestStaffAndTeams(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := councils.NewStore(db)
		c, err := s.CreateCouncil(ctx, "E06000998", "Exampleshire Council")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateCouncil(ctx, "e06000998", "Another"); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("second council with the same code: error = %v, want ErrConflict", err)
		}
		other, err := s.CreateCouncil(ctx, "E06000997", "Otherton Council")
		if err != nil {
			t.Fatal(err)
		}
		cctx := sqldb.WithCouncil(ctx, c.ID)
		team, err := s.CreateTeam(cctx, "  North   locality ")
		if err != nil {
			t.Fatal(err)
		}
		if team.Name != "North locality" {
			t.Errorf("team name = %q", team.Name)
		}
		st, err := s.CreateStaff(cctx, councils.NewStaff{Email: " Sam.Worker@Example.org ", Name: "Sam Worker", Role: councils.Practitioner, TeamIDs: []string{team.ID}, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		octx := sqldb.WithCouncil(ctx, other.ID)
		if _, err := s.CreateStaff(octx, councils.NewStaff{Email: "sam.worker@example.org", Name: "Sam Again", Role: councils.Practitioner}); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("same email in another council: error = %v, want ErrConflict", err)
		}
		if _, err := s.CreateStaff(cctx, councils.NewStaff{Email: "x@example.org", Name: "X", Role: councils.Practitioner, TeamIDs: []string{"no-such-team"}}); err == nil {
			t.Error("staff added to a team that does not exist")
		}
		got, err := s.FindLogin(ctx, "SAM.WORKER@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != st.ID || got.CouncilID != c.ID || !got.InTeam(team.ID) || got.Email != "sam.worker@example.org" {
			t.Errorf("FindLogin = %+v", got)
		}
		if _, err := s.StaffByID(octx, st.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council reading the staff member: error = %v, want ErrNotFound", err)
		}
		if err := s.UpdateStaff(octx, st.ID, councils.StaffChange{Name: "Hijack", Role: councils.Administrator, Version: 1}); err == nil {
			t.Error("another council changed the staff member")
		}
		if err := s.UpdateStaff(cctx, st.ID, councils.StaffChange{Name: "Sam Worker", Role: councils.TeamManager, Disabled: true, Version: 1}); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateStaff(cctx, st.ID, councils.StaffChange{Name: "Sam Worker", Role: councils.Practitioner, Version: 1}); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale staff change: error = %v, want ErrConflict", err)
		}
		got, err = s.StaffByID(cctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Role != councils.TeamManager || !got.Disabled() || len(got.TeamIDs) != 0 || got.Version != 2 {
			t.Errorf("after update: %+v", got)
		}
		if err := s.AcceptTOTPStep(cctx, st.ID, 100); err != nil {
			t.Fatal(err)
		}
		if err := s.AcceptTOTPStep(cctx, st.ID, 100); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("replayed two-factor step: error = %v, want ErrConflict", err)
		}
		list, err := s.StaffList(octx)
		if err != nil || len(list) != 0 {
			t.Errorf("another council's staff list = %v, %v; want empty", list, err)
		}
	})
}

func TestSettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		set  councils.Settings
		ok   bool
	}{
		{"defaults", councils.DefaultSettings, true},
		{"a threshold", councils.Settings{AuthorisationThresholdPence: 35000, FirstReviewWeeks: 6, RegularReviewMonths: 12, DirectoryCheckMonths: 6, CheckInUrgentDays: 1, CheckInHighDays: 1, CheckInRoutineDays: 1,
			SafeguardingRoles: councils.NewRoleSet(councils.Practitioner), Section42DecisionDays: 1, CrisisReviewHours: 1, AdvocacyActionDays: 1}, true},
		{"the largest values", councils.Settings{AuthorisationThresholdPence: councils.MaxThresholdPence, FirstReviewWeeks: councils.MaxFirstReviewWeeks, RegularReviewMonths: councils.MaxRegularReviewMonths, DirectoryCheckMonths: councils.MaxDirectoryCheckMonths, CheckInUrgentDays: councils.MaxCheckInDays, CheckInHighDays: councils.MaxCheckInDays, CheckInRoutineDays: councils.MaxCheckInDays,
			SafeguardingRoles: councils.NewRoleSet(councils.Roles...), Section42DecisionDays: councils.MaxSection42Days, CrisisReviewHours: councils.MaxCrisisReviewHours, AdvocacyActionDays: councils.MaxAdvocacyDays}, false}, // finance never opens records
		{"every role that opens records", with(func(s *councils.Settings) {
			s.SafeguardingRoles = councils.NewRoleSet(councils.Practitioner, councils.TeamManager, councils.QualityLead, councils.DirectoryEditor, councils.Administrator)
			s.Section42DecisionDays, s.CrisisReviewHours, s.AdvocacyActionDays = councils.MaxSection42Days, councils.MaxCrisisReviewHours, councils.MaxAdvocacyDays
		}), true},
		{"nobody sees safeguarding", with(func(s *councils.Settings) { s.SafeguardingRoles = "" }), false},
		{"an unknown role sees safeguarding", with(func(s *councils.Settings) { s.SafeguardingRoles = "practitioner,social_worker" }), false},
		{"no section 42 decision time", with(func(s *councils.Settings) { s.Section42DecisionDays = 0 }), false},
		{"section 42 decision too late", with(func(s *councils.Settings) { s.Section42DecisionDays = councils.MaxSection42Days + 1 }), false},
		{"crisis never reviewed", with(func(s *councils.Settings) { s.CrisisReviewHours = 0 }), false},
		{"crisis reviewed after a week", with(func(s *councils.Settings) { s.CrisisReviewHours = councils.MaxCrisisReviewHours + 1 }), false},
		{"advocacy never arranged", with(func(s *councils.Settings) { s.AdvocacyActionDays = 0 }), false},
		{"advocacy arranged too late", with(func(s *councils.Settings) { s.AdvocacyActionDays = councils.MaxAdvocacyDays + 1 }), false},
		{"urgent check-ins never", councils.Settings{FirstReviewWeeks: 8, RegularReviewMonths: 12, DirectoryCheckMonths: 6, CheckInUrgentDays: 0, CheckInHighDays: 7, CheckInRoutineDays: 14}, false},
		{"routine check-ins too rarely", councils.Settings{FirstReviewWeeks: 8, RegularReviewMonths: 12, DirectoryCheckMonths: 6, CheckInUrgentDays: 2, CheckInHighDays: 7, CheckInRoutineDays: councils.MaxCheckInDays + 1}, false},
		{"negative threshold", councils.Settings{AuthorisationThresholdPence: -1, FirstReviewWeeks: 8, RegularReviewMonths: 12}, false},
		{"threshold too large", councils.Settings{AuthorisationThresholdPence: councils.MaxThresholdPence + 1, FirstReviewWeeks: 8, RegularReviewMonths: 12}, false},
		{"no first review", councils.Settings{FirstReviewWeeks: 0, RegularReviewMonths: 12}, false},
		{"first review too late", councils.Settings{FirstReviewWeeks: 27, RegularReviewMonths: 12}, false},
		{"no regular reviews", councils.Settings{FirstReviewWeeks: 8, RegularReviewMonths: 0}, false},
		{"reviews less than yearly", councils.Settings{FirstReviewWeeks: 8, RegularReviewMonths: 13, DirectoryCheckMonths: 6}, false},
		{"directory never checked", councils.Settings{FirstReviewWeeks: 8, RegularReviewMonths: 12, DirectoryCheckMonths: 0}, false},
		{"directory checked too rarely", councils.Settings{FirstReviewWeeks: 8, RegularReviewMonths: 12, DirectoryCheckMonths: 25}, false},
	}
	for _, tt := range tests {
		if err := tt.set.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestUpdateSettings(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := councils.NewStore(db)
		c, err := s.CreateCouncil(ctx, "E06000996", "Exampleshire Council")
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateCouncil(ctx, "E06000995", "Otherton Council")
		if err != nil {
			t.Fatal(err)
		}
		cctx := sqldb.WithCouncil(ctx, c.ID)
		got, err := s.CouncilByID(cctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Settings != councils.DefaultSettings || c.Settings != councils.DefaultSettings {
			t.Errorf("new council's settings = %+v (created %+v), want %+v", got.Settings, c.Settings, councils.DefaultSettings)
		}
		want := councils.Settings{AuthorisationThresholdPence: 35050, FirstReviewWeeks: 6, RegularReviewMonths: 9, DirectoryCheckMonths: 12,
			CheckInUrgentDays: 1, CheckInHighDays: 5, CheckInRoutineDays: 21,
			SafeguardingRoles: councils.NewRoleSet(councils.QualityLead, councils.Practitioner), Section42DecisionDays: 3, CrisisReviewHours: 48, AdvocacyActionDays: 10}
		if err := s.UpdateSettings(cctx, true, want, got.Version); err != nil {
			t.Fatal(err)
		}
		saved, err := s.CouncilByID(cctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Settings != want || !saved.MFARequired || saved.Version != got.Version+1 {
			t.Errorf("saved = %+v, want %+v with MFA and version %d", saved, want, got.Version+1)
		}
		// A stale change, and one that is not valid, change nothing.
		if err := s.UpdateSettings(cctx, false, councils.DefaultSettings, got.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale update: %v, want ErrConflict", err)
		}
		if err := s.UpdateSettings(cctx, false, councils.Settings{FirstReviewWeeks: 0, RegularReviewMonths: 12}, saved.Version); err == nil {
			t.Error("invalid settings were saved")
		}
		noCheckIns := want
		noCheckIns.CheckInHighDays = 0
		if err := s.UpdateSettings(cctx, false, noCheckIns, saved.Version); err == nil {
			t.Error("settings with no days between high-priority check-ins were saved")
		}
		if again, _ := s.CouncilByID(cctx, c.ID); again.Settings != want || again.Version != saved.Version {
			t.Errorf("after refused updates: %+v", again)
		}
		// The other council's settings are untouched.
		o, err := s.CouncilByID(sqldb.WithCouncil(ctx, other.ID), other.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Settings != councils.DefaultSettings || o.MFARequired || o.Version != 1 {
			t.Errorf("other council changed: %+v", o)
		}
	})
}

// with is the default settings changed by fn.
func with(fn func(*councils.Settings)) councils.Settings {
	s := councils.DefaultSettings
	fn(&s)
	return s
}

func TestRoleSet(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		typed   string
		want    councils.RoleSet
		wantErr bool
	}{
		{"", "", false},
		{"quality_lead,practitioner", "practitioner,quality_lead", false},
		{" team_manager , team_manager ", "team_manager", false},
		{"practitioner,nurse", "", true},
	} {
		got, err := councils.ParseRoleSet(tc.typed)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseRoleSet(%q) = %q, %v; want %q, error %v", tc.typed, got, err, tc.want, tc.wantErr)
		}
	}
	set := councils.NewRoleSet(councils.QualityLead, councils.TeamManager)
	if !set.Has(councils.TeamManager) || set.Has(councils.Practitioner) || set.Has("") {
		t.Errorf("%q.Has is wrong", set)
	}
	if s := (councils.Settings{SafeguardingRoles: set}); !s.SeesSafeguarding(councils.QualityLead) || s.SeesSafeguarding(councils.Practitioner) {
		t.Errorf("SeesSafeguarding is wrong for %q", set)
	}
}

// TestWhoReadsAndChangesTheProgramme: the quality lead, team managers and the programme lead read the
// implementation programme; only the quality lead and the programme lead change it; the programme lead never works
// with people.
func TestWhoReadsAndChangesTheProgramme(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		role                            councils.Role
		reads, changes, worksWithPeople bool
	}{
		{councils.Practitioner, false, false, true},
		{councils.TeamManager, true, false, true},
		{councils.QualityLead, true, true, true},
		{councils.DirectoryEditor, false, false, true},
		{councils.Finance, false, false, false},
		{councils.Administrator, false, false, true},
		{councils.ProgrammeLead, true, true, false},
		{"", false, false, false},
	} {
		if got := tc.role.ReadsProgramme(); got != tc.reads {
			t.Errorf("%q.ReadsProgramme() = %v", tc.role, got)
		}
		if got := tc.role.ChangesProgramme(); got != tc.changes {
			t.Errorf("%q.ChangesProgramme() = %v", tc.role, got)
		}
		if got := tc.role.WorksWithPeople(); got != tc.worksWithPeople {
			t.Errorf("%q.WorksWithPeople() = %v", tc.role, got)
		}
	}
}
