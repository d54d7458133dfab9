package auth

import (
	"github.com/golden-thread/goldenthread/internal/paths"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
)

func TestHome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		role councils.Role
		want string
	}{
		{councils.Practitioner, "/caseload"},
		{councils.TeamManager, "/caseload"}, // the caseload page opens on their team's (caseloads.Opening)
		{councils.QualityLead, "/reviews"},
		{councils.DirectoryEditor, "/front-door"},
		{councils.Administrator, "/admin/staff"},
		{councils.Finance, "/finance"},
		{councils.ProgrammeLead, "/programme"},
		{"", paths.SignIn.URL()},
	}
	for _, tt := range tests {
		if got := Home(tt.role); got != tt.want {
			t.Errorf("Home(%q) = %q, want %q", tt.role, got, tt.want)
		}
	}
	// Every role has a page of its own: none falls through to the fallback.
	for _, r := range councils.Roles {
		if got := Home(r); got == "/people" || got == paths.SignIn.URL() {
			t.Errorf("Home(%s) falls back to %s", r, got)
		}
	}
}
