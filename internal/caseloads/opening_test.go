package caseloads

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
)

func TestOpening(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		staff councils.Staff
		want  Filter
	}{
		{"a practitioner: their own people", councils.Staff{ID: "p", Role: councils.Practitioner, TeamIDs: []string{"north"}}, Filter{WorkerID: "p", Page: 2}},
		{"a team manager: their first team", councils.Staff{ID: "m", Role: councils.TeamManager, TeamIDs: []string{"north", "south"}}, Filter{TeamID: "north", Page: 2}},
		{"a team manager in no team: their own people", councils.Staff{ID: "m", Role: councils.TeamManager}, Filter{WorkerID: "m", Page: 2}},
		{"the quality lead: their own people", councils.Staff{ID: "q", Role: councils.QualityLead}, Filter{WorkerID: "q", Page: 2}},
		{"information and advice: their own people", councils.Staff{ID: "i", Role: councils.DirectoryEditor, TeamIDs: []string{"front"}}, Filter{WorkerID: "i", Page: 2}},
	}
	for _, tt := range tests {
		if got := Opening(tt.staff, 2); got != tt.want {
			t.Errorf("%s: Opening = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
