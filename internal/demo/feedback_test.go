package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo council has feedback to show on first start: people's answers over the last year, shown for the council
// and at least one team; a past staff round shown for the council; the IQAM measures of feedback with figures; and
// a staff round open now that the sign-in accounts can answer.
func TestLoadHasFeedback(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		list, err := councils.NewStore(db).StaffList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var lead, priya councils.Staff
		for _, st := range list {
			switch st.Name {
			case "Quinn Qualitylead":
				lead = st
			case "Priya Practitioner":
				priya = st
			}
		}
		as := councils.WithStaff(ctx, lead)
		s := feedback.NewStore(db)
		today := db.Today()
		res, err := s.Results(as, feedback.Filter{Audience: feedback.People, From: sqldb.NewDate(today.AddDate(-1, 0, 1)), To: today})
		if err != nil {
			t.Fatal(err)
		}
		listened := res.Questions[0]
		shownTeams := 0
		for _, g := range listened.Teams {
			if !g.Withheld {
				shownTeams++
			}
		}
		if listened.All.Withheld || listened.All.Agree == "" || shownTeams == 0 || len(res.Words) == 0 {
			t.Errorf("people's results: %+v, %d teams shown, %d comments", listened.All, shownTeams, len(res.Words))
		}
		rounds, err := s.Rounds(councils.WithStaff(ctx, priya))
		if err != nil || len(rounds) != 5 || !rounds[0].Open(today) || rounds[0].Answered {
			t.Fatalf("rounds %+v, %v", rounds, err)
		}
		past, err := s.Results(as, feedback.Filter{Audience: feedback.Staff, RoundID: rounds[1].ID})
		if err != nil || past.Questions[0].All.Withheld {
			t.Errorf("the last closed round: %+v, %v", past.Questions, err)
		}
		for _, id := range []string{"felt-listened-to", "felt-in-control"} {
			r, err := insight.NewStore(db).Figures(as, id, insight.Period{From: sqldb.NewDate(today.AddDate(-1, 0, 1)), To: today}, insight.Whole)
			if err != nil || r.All.Withheld || r.All.Text == "None" {
				t.Errorf("%s over the last year: %+v, %v", id, r.All, err)
			}
		}
	})
}
