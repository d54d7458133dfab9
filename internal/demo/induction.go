package demo

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// newStarters are the demo council's two new starters, in Tom Teammanager's first team: one who started six weeks
// ago, has read the practice framework and shadowed, and is overdue for the induction course; one who started last
// week.
var newStarters = []struct {
	name            string
	startedDaysAgo  int
	readDaysAgo     int // 0 when not yet
	shadowedDaysAgo int
}{
	{"Nia Newstart", 42, 38, 30},
	{"Owen Onboard", 7, 0, 0},
}

// addInduction adds the new starters, with the demo password, and the induction pathway their team manager set each
// of them from the default, marking the reading and shadowing they have done.
func addInduction(ctx context.Context, db *sqldb.DB, staff []councils.Staff, passwordHash string) error {
	var manager councils.Staff
	for _, s := range staff {
		if s.Role == councils.TeamManager {
			manager = s
			break
		}
	}
	if manager.ID == "" || len(manager.TeamIDs) == 0 {
		return nil
	}
	asManager := accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, manager.CouncilID), manager), "goldenthread demo")
	store := learning.NewStore(db)
	courses, err := store.Courses(asManager)
	if err != nil {
		return fmt.Errorf("demo induction: %w", err)
	}
	today := db.Today()
	ago := func(days int) sqldb.Date { return sqldb.NewDate(today.AddDate(0, 0, -days)) }
	for _, n := range newStarters {
		st, err := councils.NewStore(db).CreateStaff(ctx, councils.NewStaff{Email: email(n.name), Name: n.name, Role: councils.Practitioner,
			TeamIDs: manager.TeamIDs[:1], PasswordHash: passwordHash})
		if err != nil {
			return fmt.Errorf("demo new starter %s: %w", n.name, err)
		}
		path, err := store.StartInduction(asManager, st.ID, learning.DefaultPathway(courses, st, ago(n.startedDaysAgo)))
		if err != nil {
			return fmt.Errorf("demo induction of %s: %w", n.name, err)
		}
		for _, step := range path.Steps {
			days := map[learning.StepKind]int{learning.Reading: n.readDaysAgo, learning.Shadowing: n.shadowedDaysAgo}[step.Kind]
			if days == 0 {
				continue
			}
			if err := store.MarkStep(asManager, step.ID, ago(days), step.Version); err != nil {
				return fmt.Errorf("demo induction of %s, %s: %w", n.name, step.Title, err)
			}
		}
	}
	return nil
}
