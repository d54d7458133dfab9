package app

import (
	"context"

	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

// studyObservations gives staff resources what a practice study's day-in-the-life diaries observed
// (workforce.Observations), so that a scenario can take each team's share of time with people from a study in place
// of an assumption. Only wiring: the two packages keep their own words for a study and a team's time.
type studyObservations struct {
	studies *practicestudy.Store
}

func (o studyObservations) Studies(ctx context.Context) ([]workforce.Study, error) {
	all, err := o.studies.Studies(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]workforce.Study, len(all))
	for i, s := range all {
		out[i] = workforce.Study{ID: s.ID, Name: s.Name}
	}
	return out, nil
}

func (o studyObservations) TimeByTeam(ctx context.Context, studyID string) ([]workforce.ObservedTeam, error) {
	teams, err := o.studies.TimeByTeam(ctx, studyID)
	if err != nil {
		return nil, err
	}
	out := make([]workforce.ObservedTeam, len(teams))
	for i, t := range teams {
		minutes := make(map[string]int, len(t.Minutes))
		for kind, n := range t.Minutes {
			minutes[string(kind)] = n
		}
		out[i] = workforce.ObservedTeam{TeamID: t.TeamID, Minutes: minutes, Days: t.Days, Diarists: t.Diarists}
	}
	return out, nil
}
