package insight_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/feedback/feedbacktest"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestFeedbackMeasures counts hand-built answers: people's (named and anonymous, in and out of the quarter) by
// team and for the council, and staff's, which carry no person; a team with fewer than six answers is withheld.
func TestFeedbackMeasures(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		surveys, err := feedback.NewStore(db).Surveys(peopletest.As(a.Staff[councils.QualityLead]))
		if err != nil {
			t.Fatal(err)
		}
		people, staff := surveys[0], surveys[1]
		ep := feedbacktest.Open(t, db, a, false)
		ctx := sqldb.WithCouncil(context.Background(), a.Council.ID)
		n := 0
		answer := func(survey, team, on string, anonymous bool, answers map[string]string) {
			t.Helper()
			n++
			id := "response-" + string(rune('a'+n/26)) + string(rune('a'+n%26))
			err := db.InTx(ctx, func(tx *sqldb.Tx) error {
				person, episode, how := any(ep.Person.ID), any(ep.EpisodeID), "practitioner"
				if survey == staff.ID {
					person, episode, how = nil, nil, "round"
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_response (council_id, id, survey_id, person_id, episode_id, team_id, answered_on, how, anonymous)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tx.Council(), id, survey, person, episode, team, dbtest.Date(on), how, anonymous); err != nil {
					return err
				}
				for q, v := range answers {
					if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_answer (council_id, response_id, question, answer) VALUES ($1, $2, $3, $4)`,
						tx.Council(), id, q, v); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		listened := func(v string) map[string]string {
			return map[string]string{feedback.ListenedKey: v, feedback.InControlKey: "no"}
		}
		// North: fourteen people in the quarter, eight felt listened to (yes or mostly); one anonymous.
		for i, v := range []string{"yes", "yes", "mostly", "mostly", "yes", "yes", "mostly", "yes", "partly", "no", "no", "partly", "partly", "no"} {
			answer(people.ID, a.North.ID, fmt.Sprintf("2026-07-%02d", i+1), i == 0, listened(v))
		}
		// South: three, withheld by team; the quarter's last day counts, the day after does not.
		answer(people.ID, a.South.ID, "2026-09-30", false, listened("yes"))
		answer(people.ID, a.South.ID, "2026-09-30", true, listened("no"))
		answer(people.ID, a.South.ID, "2026-08-15", false, listened("yes"))
		answer(people.ID, a.South.ID, "2026-10-01", false, listened("yes"))
		// Staff: seven answers in a round opened in the quarter, five agreeing.
		for i, v := range []string{"yes", "yes", "yes", "mostly", "mostly", "no", "partly"} {
			team := a.North.ID
			if i > 4 {
				team = a.South.ID
			}
			answer(staff.ID, team, "2026-08-03", true, map[string]string{feedback.EverydayKey: v})
		}
		// Another council's answers never count here.
		bctx := peopletest.As(b.Staff[councils.QualityLead])
		if _, err := feedback.NewStore(db).Surveys(bctx); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			measure  string
			by       insight.Cut
			key      string
			of, in   int
			shown    string
			withheld bool
		}{
			{"felt-listened-to", insight.Whole, "All", 17, 10, "59%", false},
			{"felt-listened-to", insight.ByTeam, a.North.ID, 14, 8, "57%", false},
			{"felt-listened-to", insight.ByTeam, a.South.ID, 3, 2, insight.TooFew, true},
			{"felt-listened-to", insight.BySex, "Not recorded", 17, 10, "59%", false},
			{"felt-in-control", insight.Whole, "All", 17, 0, "0%", false},
			{"staff-strengths-everyday", insight.Whole, "All", 7, 5, insight.TooFew, true}, // the two who did not agree are under six
			{"staff-strengths-everyday", insight.ByTeam, a.North.ID, 5, 5, insight.TooFew, true},
			{"staff-strengths-everyday", insight.ByAgeBand, "Not recorded", 7, 5, insight.TooFew, true},
		}
		for _, tt := range tests {
			t.Run(tt.measure+" "+string(tt.by)+" "+tt.key, func(t *testing.T) {
				rows, all := tally(t, db, a.Council.ID, tt.measure, tt.by)
				got := all
				if tt.by != insight.Whole {
					got = insight.Tally{}
					for _, r := range rows {
						if r.Key == tt.key {
							got = r
						}
					}
				}
				if got.Of != tt.of || got.In != tt.in {
					t.Errorf("counted %d of %d, want %d of %d", got.In, got.Of, tt.in, tt.of)
				}
				m, _ := insight.Find(tt.measure)
				if f := m.Show(got); f.Text != tt.shown || f.Withheld != tt.withheld {
					t.Errorf("shown as %q (withheld %v), want %q (%v)", f.Text, f.Withheld, tt.shown, tt.withheld)
				}
			})
		}
		if _, all := tally(t, db, b.Council.ID, "felt-listened-to", insight.Whole); all.Of != 0 {
			t.Errorf("another council counts %d answers", all.Of)
		}
	})
}
