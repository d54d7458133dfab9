package insight_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestThePeopleBehindAFigure follows figures to the people behind them as each role: the quality lead sees the
// council, a team manager their teams' people and the restricted record they were granted, finance and
// practitioners no one; a group the council does not have is not found; and every person listed is a view in the
// access log, while people left out are not.
func TestThePeopleBehindAFigure(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		north := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
		south := &record{t: t, db: db, council: a.Council.ID, team: a.South.ID, n: 500}
		manager, lead := a.Staff[councils.TeamManager], a.Staff[councils.QualityLead]

		// Reviews held in 2026-Q3: Ada on time in July, Ben late in August, Cy (South) on time in August, Dee's
		// restricted record (North, granted to no one) and Eve's (North, granted to the manager) on time in September.
		names := map[string]string{}
		review := func(r *record, given, due, held string) string {
			id := r.person("1950-01-01", "", "")
			r.exec(`UPDATE person SET given_name = $3, family_name = 'Behind' WHERE council_id = $1 AND id = $2`, id, given)
			r.review(id, r.episode(id, "2026-01-05", 0, "", ""), due, held)
			names[id] = "Behind, " + given
			return id
		}
		ada := review(north, "Ada", "2026-07-10", "2026-07-10")
		ben := review(north, "Ben", "2026-08-01", "2026-08-05")
		cy := review(south, "Cy", "2026-08-20", "2026-08-20")
		dee := review(north, "Dee", "2026-09-01", "2026-09-01")
		eve := review(north, "Eve", "2026-09-02", "2026-09-02")
		north.exec(`UPDATE person SET restricted = TRUE WHERE council_id = $1 AND id IN ($2, $3)`, dee, eve)
		north.exec(`INSERT INTO person_grant (council_id, person_id, staff_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)`,
			eve, manager.ID, lead.ID, stamp)
		north.enquiry(ada, "section42", "2026-08-01", codelists.MSPAskedExpressed, "", "")

		s := insight.NewStore(db)
		cases := []struct {
			name   string
			as     councils.Staff
			id     string
			by     insight.Cut
			key    string
			want   []string // name: day: what the fact says
			unseen bool
			err    error
		}{
			{"the quality lead, the whole council", lead, "reviews-on-time", insight.Whole, "", []string{
				"Behind, Ada: 2026-07-10: Yes", "Behind, Ben: 2026-08-05: No", "Behind, Cy: 2026-08-20: Yes"}, true, nil},
			{"a team manager, the whole council", manager, "reviews-on-time", insight.Whole, "All", []string{
				"Behind, Ada: 2026-07-10: Yes", "Behind, Ben: 2026-08-05: No", "Behind, Eve: 2026-09-02: Yes"}, true, nil},
			{"a team manager, another team", manager, "reviews-on-time", insight.ByTeam, a.South.ID, nil, true, nil},
			{"a team manager, their own team", manager, "reviews-on-time", insight.ByTeam, a.North.ID, []string{
				"Behind, Ada: 2026-07-10: Yes", "Behind, Ben: 2026-08-05: No", "Behind, Eve: 2026-09-02: Yes"}, true, nil},
			{"the quality lead, a month", lead, "reviews-on-time", insight.ByMonth, "2026-08", []string{
				"Behind, Ben: 2026-08-05: No", "Behind, Cy: 2026-08-20: Yes"}, false, nil},
			{"the quality lead, a month outside the quarter", lead, "reviews-on-time", insight.ByMonth, "2026-10", nil, false, sqldb.ErrNotFound},
			{"the quality lead, an age band", lead, "reviews-on-time", insight.ByAgeBand, "75 to 84", []string{
				"Behind, Ada: 2026-07-10: Yes", "Behind, Ben: 2026-08-05: No", "Behind, Cy: 2026-08-20: Yes"}, true, nil},
			{"the quality lead, the other council's team", lead, "reviews-on-time", insight.ByTeam, b.North.ID, nil, false, sqldb.ErrNotFound},
			{"the quality lead, a measure there is not", lead, "happiness", insight.Whole, "", nil, false, sqldb.ErrNotFound},
			{"a team manager, a safeguarding measure", manager, "msp-asked", insight.Whole, "", []string{"Behind, Ada: 2026-08-01: Yes"}, false, nil},
			{"finance", a.Staff[councils.Finance], "reviews-on-time", insight.Whole, "", nil, false, sqldb.ErrForbidden},
			{"a practitioner", a.Staff[councils.Practitioner], "reviews-on-time", insight.Whole, "", nil, false, sqldb.ErrForbidden},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := map[string]int{}
				for _, id := range []string{ada, ben, cy, dee, eve} {
					before[id] = len(peopletest.Logged(t, db, a.Council.ID, id))
				}
				got, err := s.People(peopletest.As(c.as), c.id, q3, c.by, c.key, 1)
				if !errors.Is(err, c.err) {
					t.Fatalf("err %v, want %v", err, c.err)
				}
				var listed []string
				for _, f := range got.Facts {
					listed = append(listed, fmt.Sprintf("%s: %s: %s", f.Name, f.On, f.Says))
				}
				if fmt.Sprint(listed) != fmt.Sprint(c.want) || got.Unseen != c.unseen {
					t.Errorf("listed %q (unseen %v), want %q (unseen %v)", listed, got.Unseen, c.want, c.unseen)
				}
				for _, id := range []string{ada, ben, cy, dee, eve} {
					added := peopletest.Logged(t, db, a.Council.ID, id)[before[id]:]
					shown := slices.ContainsFunc(got.Facts, func(f insight.PersonFact) bool { return f.PersonID == id })
					if want := map[bool]int{true: 1}[shown]; len(added) != want || (want == 1 && added[0] != accesslog.View) {
						t.Errorf("%s: logged %v (listed %v)", names[id], added, shown)
					}
				}
			})
		}

		t.Run("only the safeguarding roles follow a safeguarding measure to people", func(t *testing.T) {
			north.exec(`UPDATE council SET safeguarding_roles = 'quality_lead' WHERE id = $1`)
			if _, err := s.People(peopletest.As(manager), "msp-asked", q3, insight.Whole, "", 1); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a team manager outside the safeguarding roles: %v", err)
			}
			res, err := s.Figures(peopletest.As(manager), "msp-asked", q3, insight.Whole)
			if err != nil || res.FollowsToPeople {
				t.Errorf("the figures offer the people: %v, %v", res.FollowsToPeople, err)
			}
			if res, _ := s.Figures(peopletest.As(manager), "reviews-on-time", q3, insight.Whole); !res.FollowsToPeople {
				t.Error("the figures of reviews do not offer the people to a team manager")
			}
			if res, _ := s.Figures(peopletest.As(a.Staff[councils.Finance]), "reviews-on-time", q3, insight.Whole); res.FollowsToPeople {
				t.Error("the figures offer the people to finance")
			}
		})
	})
}

// TestThePeopleBehindAFigureComeAPageAtATime lists more people than a page holds: the second page has the rest, and
// only the people on the page shown are logged.
func TestThePeopleBehindAFigureComeAPageAtATime(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	a, _ := peopletest.TwoCouncils(t, db)
	r := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
	var ids []string
	for range insight.BehindPageSize + 3 {
		id := r.person("1950-01-01", "", "")
		r.review(id, r.episode(id, "2026-01-05", 0, "", ""), "2026-07-10", "2026-07-10")
		ids = append(ids, id)
	}
	s := insight.NewStore(db)
	as := peopletest.As(a.Staff[councils.QualityLead])
	got, err := s.People(as, "reviews-on-time", q3, insight.Whole, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != len(ids) || got.Page != 2 || got.Pages != 2 || len(got.Facts) != 3 {
		t.Fatalf("page %d of %d, %d of %d listed", got.Page, got.Pages, len(got.Facts), got.Total)
	}
	logged := 0
	for _, id := range ids {
		logged += len(peopletest.Logged(t, db, a.Council.ID, id))
	}
	if logged != 3 {
		t.Errorf("%d views logged for a page of 3", logged)
	}
}
