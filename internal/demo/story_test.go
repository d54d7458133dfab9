package demo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// storyPeople is enough people for a year's figures to show the story over the noise of any one person's history.
const storyPeople = 1000

// storySeed is the seed of the story's council, loaded once per engine for the tests that read it.
const storySeed = 6

// eachStory runs fn on each engine's story council, with the context of a quality lead of it, who reads measures.
func eachStory(t *testing.T, fn func(t *testing.T, db *sqldb.DB, ctx context.Context)) {
	t.Helper()
	load := func(t *testing.T, db *sqldb.DB) { loadPeople(t, db, storySeed, storyPeople) }
	dbtest.EachShared(t, "story", dbtest.Options{Clock: historyClock}, load, func(t *testing.T, db *sqldb.DB) {
		c, err := councils.NewStore(db).CouncilByCode(context.Background(), historyCouncil(storySeed))
		if err != nil {
			t.Fatal(err)
		}
		lead := councils.Staff{ID: "quality-lead", CouncilID: c.ID, Role: councils.QualityLead, Name: "Quinn Qualitylead"}
		fn(t, db, councils.WithStaff(historyContext(c.ID), lead))
	})
}

// figure is a measure's figure for the council as a whole over the period, as the IQAM page reads it.
func figure(t *testing.T, db *sqldb.DB, ctx context.Context, id string, p insight.Period) insight.Figure {
	t.Helper()
	res, err := insight.NewStore(db).Figures(ctx, id, p, insight.Whole)
	if err != nil {
		t.Fatalf("%s for %s: %v", id, p.Name(), err)
	}
	return res.All
}

// lastQuarters are the n quarters before the one holding today, the latest first.
func lastQuarters(n int) []insight.Period {
	q := insight.QuarterOf(sqldb.UKDate(historyClock())).Before()
	out := make([]insight.Period, n)
	for i := range out {
		out[i] = q
		q = q.Before()
	}
	return out
}

func onDay(d time.Time) insight.Period {
	return insight.Period{From: sqldb.NewDate(d), To: sqldb.NewDate(d)}
}

func TestHistoryTellsTheStoryOfItsPractice(t *testing.T) {
	t.Parallel()
	adopted := adoptionOf(historyClock())
	last := lastQuarters(1)[0]
	// The two years before the council adopted strengths-based practice, and the two years to the last quarter's
	// end, by when it had bedded in.
	before := insight.Period{From: sqldb.NewDate(adopted.AddDate(-2, 0, 0)), To: sqldb.NewDate(adopted.AddDate(0, 0, -1))}
	after := last.YearsTo(2)
	eachStory(t, func(t *testing.T, db *sqldb.DB, ctx context.Context) {

		t.Run("each of the last twenty quarters has a figure for each measure", func(t *testing.T) {
			for _, q := range lastQuarters(20) {
				for _, id := range []string{"resolved-at-first-contact", "wait-for-first-conversation", "signposts-followed-up", "least-intrusive-solutions", "reviews-on-time", "outcomes-attained", "gas-t-score", "weekly-spend"} {
					if f := figure(t, db, ctx, id, q); f.Withheld || f.Text == "None" {
						t.Errorf("%s in %s: %q", id, q.Name(), f.Text)
					}
				}
			}
		})

		t.Run("after the new practice the figures move as the story says", func(t *testing.T) {
			for _, c := range []struct {
				id   string
				rise float64 // how much higher after, at least (lower, when negative)
			}{
				{"reviews-on-time", 25}, {"resolved-at-first-contact", 5}, {"least-intrusive-solutions", 5},
				{"outcomes-attained", 3}, {"wait-for-first-conversation", -1},
			} {
				b, a := figure(t, db, ctx, c.id, before), figure(t, db, ctx, c.id, after)
				if b.Withheld || a.Withheld || b.Text == "None" || a.Text == "None" {
					t.Fatalf("%s: %q before, %q after", c.id, b.Text, a.Text)
				}
				if moved := a.Number - b.Number; c.rise > 0 && moved < c.rise || c.rise < 0 && moved > c.rise {
					t.Errorf("%s: %s in %s, then %s in %s; want it %s by at least %g", c.id, b.Text, before.Label(), a.Text, after.Label(),
						map[bool]string{true: "higher", false: "lower"}[c.rise > 0], max(c.rise, -c.rise))
				}
				t.Logf("%s: %s, then %s", c.id, b.Text, a.Text)
			}
			// The example the IQAM would give: reviews on time in the last quarter, beside the last quarter before the
			// practice was adopted.
			then := insight.QuarterOf(sqldb.NewDate(adopted)).Before()
			if a, b := figure(t, db, ctx, "reviews-on-time", last), figure(t, db, ctx, "reviews-on-time", then); a.Number < b.Number+25 {
				t.Errorf("reviews on time: %s in %s, %s in %s", a.Text, last.Name(), b.Text, then.Name())
			}
		})

		t.Run("the weekly spend grows more slowly after the new practice", func(t *testing.T) {
			spend := func(d time.Time) float64 {
				f := figure(t, db, ctx, "weekly-spend", onDay(d))
				if f.Withheld || f.Number <= 0 {
					t.Fatalf("weekly spend on %s: %q", d.Format(time.DateOnly), f.Text)
				}
				return f.Number
			}
			end := last.To.Time
			grewBefore := spend(before.To.Time) / spend(before.From.Time)
			grewAfter := spend(end) / spend(end.AddDate(-2, 0, 0))
			if grewAfter <= 1 || grewAfter >= grewBefore {
				t.Errorf("the weekly spend grew by %.0f%% in the two years before the new practice and %.0f%% in the two years to %s; "+
					"want it still growing, more slowly", 100*(grewBefore-1), 100*(grewAfter-1), end.Format(time.DateOnly))
			}
		})

		t.Run("episodes open and end in every quarter, the short ones within weeks", func(t *testing.T) {
			opened, ended := map[string]int{}, map[string]int{}
			var frontDoor, quick int
			for _, row := range texts(t, ctx, db, `SELECT CAST(opened_on AS TEXT) || '|' || COALESCE(CAST(ended_on AS TEXT), '') || '|' || ended_step
				FROM episode WHERE council_id = $1`) {
				f := strings.Split(row, "|")
				on, _ := sqldb.ParseDate(f[0])
				opened[insight.QuarterOf(on).Name()]++
				if f[1] == "" {
					continue
				}
				end, _ := sqldb.ParseDate(f[1])
				ended[insight.QuarterOf(end).Name()]++
				if f[2] == "1" {
					frontDoor++
					if end.Sub(on.Time) <= 10*24*time.Hour {
						quick++
					}
				}
			}
			var counts []int
			for _, q := range lastQuarters(20) {
				counts = append(counts, ended[q.Name()])
			}
			sort.Ints(counts)
			median := counts[len(counts)/2]
			for _, q := range lastQuarters(20) {
				if o, e := opened[q.Name()], ended[q.Name()]; 2*o < median || 2*e < median || 2*median < o || 2*median < e {
					t.Errorf("%s: %d episodes opened and %d ended, when a quarter's median is %d ended", q.Name(), o, e, median)
				}
			}
			if frontDoor == 0 || quick*10 < frontDoor*9 {
				t.Errorf("%d of %d episodes ended at the front door within 10 days, want nine in ten", quick, frontDoor)
			}
		})

		t.Run("no one has anything from adult social care before they turn 18", func(t *testing.T) {
			for _, what := range []string{
				`SELECT CAST(p.date_of_birth AS TEXT) || '|' || CAST(c.contacted_on AS TEXT) FROM contact c
					JOIN person p ON p.council_id = c.council_id AND p.id = c.person_id WHERE c.council_id = $1`,
				`SELECT CAST(p.date_of_birth AS TEXT) || '|' || CAST(s.start_on AS TEXT) FROM service s
					JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id WHERE s.council_id = $1`,
				`SELECT CAST(p.date_of_birth AS TEXT) || '|' || CAST(COALESCE(r.held_on, r.due_on) AS TEXT) FROM review r
					JOIN person p ON p.council_id = r.council_id AND p.id = r.person_id WHERE r.council_id = $1`,
			} {
				rows := texts(t, ctx, db, what)
				if len(rows) == 0 {
					t.Fatalf("nothing read by %s", what)
				}
				for _, row := range rows {
					f := strings.Split(row, "|")
					born, _ := sqldb.ParseDate(f[0])
					on, _ := sqldb.ParseDate(f[1])
					if on.Before(born.AddDate(18, 0, 0)) {
						t.Errorf("born %s, and a record of %s", f[0], f[1])
					}
				}
			}
		})

		t.Run("the last quarter's Client Level Data return has nothing DHSC would reject", func(t *testing.T) {
			p, err := cld.ParseQuarter(last.Name())
			if err != nil {
				t.Fatal(err)
			}
			rep, err := cld.NewStore(db).Check(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rows < storyPeople/4 || !rep.OK() {
				var why []string
				for _, r := range rep.Problems[:min(5, len(rep.Problems))] {
					why = append(why, fmt.Sprintf("%s %s: %s (%s = %q)", r.EventType, r.EventReference, r.Rule, r.Field, r.Value))
				}
				t.Errorf("%d rows, %d rejected: %s", rep.Rows, rep.Rejected, strings.Join(why, "; "))
			}
		})
	})
}

func TestAdoptionFallsTwoToThreeYearsBeforeToday(t *testing.T) {
	for _, c := range []struct{ today, want string }{
		{"2026-11-27", "2024-04-01"}, {"2026-04-01", "2024-04-01"}, {"2026-03-31", "2023-04-01"}, {"2027-01-15", "2024-04-01"},
	} {
		today, _ := time.Parse(time.DateOnly, c.today)
		if got := adoptionOf(today).Format(time.DateOnly); got != c.want {
			t.Errorf("today %s: adopted %s, want %s", c.today, got, c.want)
		}
		start := historyStart(today)
		if five := start.AddDate(5, 0, 0); five.After(today) || !five.After(today.AddDate(0, -3, 0)) || start.Day() != 1 || (start.Month()-1)%3 != 0 {
			t.Errorf("today %s: the history starts %s", c.today, start.Format(time.DateOnly))
		}
	}
}
