package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo council has a completed practice study: two teams with diaries, two reflective sessions, four
// engagements with consent, and an agreed case for change, so the study is concluded.
func TestLoadHasAPracticeStudy(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		as := signedInAs(t, ctx, db, func(st councils.Staff) bool { return st.Role == councils.QualityLead })
		s := practicestudy.NewStore(db, audits.NewStore(db))
		studies, err := s.Studies(as)
		if err != nil || len(studies) != 1 {
			t.Fatalf("studies: %v, %v", studies, err)
		}
		study := studies[0]
		if study.StateOn(db.Today()) != practicestudy.Concluded || len(study.TeamIDs) != 2 {
			t.Errorf("the study: %+v", study)
		}
		teams, err := s.TimeByTeam(as, study.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range teams {
			if tt.Days == 0 || tt.Minutes[practicestudy.WithPeople] == 0 {
				t.Errorf("team %s has no diaries: %+v", tt.TeamName, tt)
			}
		}
		rs, err := s.Reflections(as, study.ID)
		if err != nil || len(rs) != 2 {
			t.Errorf("reflective sessions: %d, %v", len(rs), err)
		}
		es, err := s.Engagements(as, study.ID)
		if err != nil || len(es) != 4 || len(practicestudy.CountThemes(es)) == 0 {
			t.Errorf("engagements: %d, %v", len(es), err)
		}
		// Practice insight reads the audit round that ran as the study ended, with its grades by the study's teams.
		in, err := s.Insight(as, study.ID)
		if err != nil || len(in.Rounds) != 1 || in.Rounds[0].Round.Name != "Practice Fortnight, autumn" || len(in.Rounds[0].ByTeam) != 2 ||
			len(in.Measures) != len(practicestudy.InsightMeasures) {
			t.Errorf("practice insight: %+v, %v", in, err)
		}
		c, err := s.Case(as, study.ID)
		if err != nil || len(c.PointsUnder(practicestudy.Technology, practicestudy.Recommendation)) != 1 {
			t.Errorf("case for change: %+v, %v", c, err)
		}
	})
}
