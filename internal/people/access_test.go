package people

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
)

func TestAccessFor(t *testing.T) {
	t.Parallel()
	practitioner := councils.Staff{ID: "s1", Role: councils.Practitioner, TeamIDs: []string{"north"}}
	tests := []struct {
		name       string
		staff      councils.Staff
		facts      facts
		brokeGlass bool
		want       Access
	}{
		{"allocated to my team", practitioner, facts{TeamID: "north"}, false, Allocated},
		{"allocated to me in another team", practitioner, facts{TeamID: "south", WorkerID: "s1"}, false, Allocated},
		{"another team's person", practitioner, facts{TeamID: "south"}, false, NeedsBreakGlass},
		{"not yet allocated", practitioner, facts{}, false, NeedsBreakGlass},
		{"another team's person, glass broken", practitioner, facts{TeamID: "south"}, true, BrokenGlass},
		{"restricted, in my team, not granted", practitioner, facts{TeamID: "north", Restricted: true}, false, NoAccess},
		{"restricted, glass broken, not granted", practitioner, facts{TeamID: "south", Restricted: true}, true, NoAccess},
		{"restricted, granted", practitioner, facts{TeamID: "south", Restricted: true, Granted: true}, false, Granted},
		{"quality lead sees the council", councils.Staff{Role: councils.QualityLead}, facts{TeamID: "south"}, false, WholeCouncil},
		{"administrator sees the council", councils.Staff{Role: councils.Administrator}, facts{}, false, WholeCouncil},
		{"administrator, restricted, not granted", councils.Staff{Role: councils.Administrator}, facts{Restricted: true}, false, NoAccess},
		{"team manager of another team", councils.Staff{Role: councils.TeamManager, TeamIDs: []string{"east"}}, facts{TeamID: "north"}, false, NeedsBreakGlass},
		{"safeguarding records of another team's person", councils.Staff{Role: councils.TeamManager, TeamIDs: []string{"east"}}, facts{TeamID: "north", Relationship: "safeguarding role"}, false, Related},
		{"safeguarding records of my own team's person", practitioner, facts{TeamID: "north", Relationship: "safeguarding role"}, false, Related},
		{"safeguarding records, glass broken too", practitioner, facts{TeamID: "south", Relationship: "safeguarding role"}, true, Related},
		{"safeguarding records of a restricted person, not granted", practitioner, facts{TeamID: "south", Restricted: true, Relationship: "safeguarding role"}, false, NoAccess},
		{"safeguarding records of a restricted person, granted", practitioner, facts{Restricted: true, Granted: true, Relationship: "safeguarding role"}, false, Granted},
		{"finance with a relationship still opens nothing", councils.Staff{Role: councils.Finance}, facts{Relationship: "safeguarding role"}, false, NoAccess},
		{"an auditor's case, read through the round's grant", councils.Staff{Role: councils.TeamManager, TeamIDs: []string{"east"}}, facts{TeamID: "north", ReadGrant: "case file audit"}, false, ReadGranted},
		{"a read grant does not open a restricted record", practitioner, facts{TeamID: "south", Restricted: true, ReadGrant: "case file audit"}, false, NoAccess},
		{"allocation comes before a read grant", practitioner, facts{TeamID: "north", ReadGrant: "case file audit"}, false, Allocated},
		{"finance never opens records", councils.Staff{Role: councils.Finance, TeamIDs: []string{"north"}}, facts{TeamID: "north"}, false, NoAccess},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := accessFor(tt.staff, tt.facts, tt.brokeGlass); got != tt.want {
				t.Errorf("accessFor = %v, want %v", got, tt.want)
			}
		})
	}
}
