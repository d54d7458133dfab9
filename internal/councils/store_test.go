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
	tests := map[string]bool{"E06000044": true, "W06000015": true, "E0600004": false, "X06000044": false, "e06000044": false, "": false}
	for code, ok := range tests {
		if err := councils.ValidCode(code); (err == nil) != ok {
			t.Errorf("ValidCode(%q) = %v, want ok=%v", code, err, ok)
		}
	}
}

func TestParseRole(t *testing.T) {
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
