package plans

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
)

func TestAddUpSpend(t *testing.T) {
	t.Parallel()
	weekly := func(team, name string, pence int64) spendService {
		return spendService{teamID: team, teamName: name, service: Service{UnitCostPence: pence, Frequency: codelists.CostWeekly, Units: 1}}
	}
	request := func(team, name string, pence int64, d Decision) spendRequest {
		return spendRequest{teamID: team, SpendAuthorisation: SpendAuthorisation{TeamName: name, WeeklyCostPence: pence, Decision: d}}
	}
	tests := []struct {
		name      string
		services  []spendService
		requests  []spendRequest
		wantTeams []TeamSpend
		wantTotal TeamSpend
	}{
		{name: "nothing", wantTotal: TeamSpend{}},
		{
			name: "teams by name, no team last, withdrawn requests left out",
			services: []spendService{
				weekly("s", "South", 10000), weekly("", "", 500), weekly("n", "North", 20000), weekly("s", "South", 2550),
				// Four hours a week at £20 an hour, through the service's own weekly cost.
				{teamID: "n", teamName: "North", service: Service{UnitCostPence: 2000, Frequency: codelists.CostHourly, Units: 4}},
			},
			requests: []spendRequest{
				request("n", "North", 60000, Pending), request("n", "North", 40000, DecideAuthorise), request("s", "South", 70000, DecideDecline),
				request("s", "South", 90000, Withdrawn), request("w", "West", 45000, DecideAuthorise),
			},
			wantTeams: []TeamSpend{
				{TeamID: "n", TeamName: "North", InPlace: 2, WeeklyPence: 28000, Waiting: 1, WaitingPence: 60000, Authorised: 1, AuthorisedPence: 40000},
				{TeamID: "s", TeamName: "South", InPlace: 2, WeeklyPence: 12550, Declined: 1},
				{TeamID: "w", TeamName: "West", Authorised: 1, AuthorisedPence: 45000},
				{InPlace: 1, WeeklyPence: 500},
			},
			wantTotal: TeamSpend{InPlace: 5, WeeklyPence: 41050, Waiting: 1, WaitingPence: 60000, Authorised: 2, AuthorisedPence: 85000, Declined: 1},
		},
	}
	for _, tt := range tests {
		teams, total := addUpSpend(tt.services, tt.requests)
		if len(teams) != len(tt.wantTeams) {
			t.Fatalf("%s: teams %+v, want %+v", tt.name, teams, tt.wantTeams)
		}
		for i := range teams {
			if teams[i] != tt.wantTeams[i] {
				t.Errorf("%s: team %d = %+v, want %+v", tt.name, i, teams[i], tt.wantTeams[i])
			}
		}
		if total != tt.wantTotal {
			t.Errorf("%s: total = %+v, want %+v", tt.name, total, tt.wantTotal)
		}
	}
}
