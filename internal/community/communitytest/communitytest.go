// Package communitytest helps the community of practice's tests: a completed case file audit graded Outstanding to
// write a story from.
package communitytest

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// OutstandingAudit samples w's episode into a case file audit round in council c starting on from, and completes its
// audit graded Outstanding throughout, returning the audit's ID: a story may be written from it.
func OutstandingAudit(t testing.TB, db *sqldb.DB, c peopletest.Council, w planstest.World, from sqldb.Date) string {
	t.Helper()
	s := audits.NewStore(db)
	quality := peopletest.As(c.Staff[councils.QualityLead])
	tools, err := s.Tools(quality)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := s.CreateRound(quality, audits.NewRound{Name: "Practice Fortnight", ToolID: tools[0].ID, StartsOn: from,
		EndsOn: sqldb.NewDate(from.AddDate(0, 0, 11)), PerTeam: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.Round(quality, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range page.Audits {
		if x.PersonID != w.Person.ID {
			continue
		}
		g := audits.Grading{Grades: map[string]audits.Answer{}, Complete: true, StrengthsFound: "Her words run through the plan"}
		for _, q := range tools[0].Questions() {
			g.Grades[q.Key] = audits.Answer{Grade: q.Scale.Grades()[0].Value, Evidence: "Seen in the record"}
		}
		auditor := c.Staff[councils.QualityLead]
		if x.AuditorID == c.Staff[councils.TeamManager].ID {
			auditor = c.Staff[councils.TeamManager]
		}
		if _, err := s.Grade(peopletest.As(auditor), x.ID, g, x.Version); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	t.Fatal("the person's episode was not sampled")
	return ""
}
