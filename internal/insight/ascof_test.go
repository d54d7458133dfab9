package insight_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// typedService adds a service of a Client Level Data service type and component, from start to end ("" while it
// runs).
func (r *record) typedService(person, episode, serviceType, component, start, end string) {
	status, until := "active", any(nil)
	if end != "" {
		status, until = "ended", dbtest.Date(end)
	}
	r.exec(`INSERT INTO service (council_id, id, person_id, episode_id, service_type, component, status, start_on, end_on,
			created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
		r.id("service"), person, episode, serviceType, component, status, dbtest.Date(start), until, stamp)
}

// population records the council's Census population by age band.
func (r *record) population(bands map[string]int) {
	r.exec(`INSERT INTO population_source (council_id, census_year, updated_at) VALUES ($1, 2021, $2)`, stamp)
	for band, n := range bands {
		r.exec(`INSERT INTO population (council_id, characteristic, grp, people) VALUES ($1, 'age', $2, $3)`, band, n)
	}
}

func show(t *testing.T, db *sqldb.DB, council, id string, by insight.Cut) (map[string]insight.Figure, insight.Figure) {
	t.Helper()
	m, _ := insight.Find(id)
	rows, all := tally(t, db, council, id, by)
	out := map[string]insight.Figure{}
	for _, row := range rows {
		out[row.Key] = m.Show(row)
	}
	return out, m.Show(all)
}

// TestRatesPerHead is ASCOF 2B and 2C on hand-built admissions in 2026-Q3: a rate per 100,000 of the council's
// population of those ages, from the count rounded as every count is, and a clear text while the population is
// not recorded.
func TestRatesPerHead(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := peopletest.TwoCouncils(t, db)
		r := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
		admit := func(born, on string) {
			p := r.person(born, "Female", "")
			r.typedService(p, r.episode(p, "2026-06-01", 0, "", ""), "Long term support: Residential care", "Long term residential care", on, "")
		}
		// Eight first admissions aged 18 to 64: seven in their thirties, and one the day before her 65th birthday.
		for i := range 7 {
			admit(fmt.Sprintf("199%d-01-01", i), "2026-07-15")
		}
		admit("1961-08-15", "2026-08-14")
		// Two aged 65 or over: one admitted on her 65th birthday, and one on the quarter's last day.
		admit("1961-08-15", "2026-08-15")
		admit("1941-06-15", "2026-09-30")
		// Not counted: an admission after the quarter, and a second admission of someone admitted before.
		admit("1950-01-01", "2026-10-01")
		again := r.person("1950-01-01", "", "")
		ep := r.episode(again, "2025-01-01", 0, "", "")
		r.typedService(again, ep, "Long term support: Nursing care", "Long term nursing care", "2025-01-05", "2025-06-30")
		r.typedService(again, ep, "Long term support: Residential care", "Long term residential care", "2026-07-20", "")

		_, all := show(t, db, a.Council.ID, "ascof-2b", insight.Whole)
		if all.Text != insight.PopulationNotRecorded || !all.NoRate {
			t.Errorf("2B before the population is recorded: %+v", all)
		}

		r.population(map[string]int{"18 to 24": 10000, "25 to 44": 30000, "45 to 64": 30000, "65 to 74": 20000,
			"75 to 84": 15000, "85 to 94": 4000, "95 and above": 1000})
		// 8 admissions show as 10 (rounded to 5), and 10 in 70,000 is 14.3 per 100,000.
		_, all = show(t, db, a.Council.ID, "ascof-2b", insight.Whole)
		if all.Text != "14.3 per 100,000" || all.Number != 14.3 || all.NoRate {
			t.Errorf("2B: %+v, want 14.3 per 100,000", all)
		}
		// 2 admissions are too few to show, whatever the population.
		_, all = show(t, db, a.Council.ID, "ascof-2c", insight.Whole)
		if all.Text != insight.TooFew || all.Of.String() != "fewer than 6" {
			t.Errorf("2C: %+v, want withheld", all)
		}
		// By age band, each band is out of its own population; by sex, there is no population of those ages.
		bands, _ := show(t, db, a.Council.ID, "ascof-2b", insight.ByAgeBand)
		if f := bands["25 to 44"]; f.Text != "16.7 per 100,000" { // 7 shows as 5, out of 30,000 aged 25 to 44
			t.Errorf("2B aged 25 to 44: %+v", f)
		}
		if f := bands["45 to 64"]; f.Text != insight.TooFew {
			t.Errorf("2B aged 45 to 64: %+v", f)
		}
		sexes, _ := show(t, db, a.Council.ID, "ascof-2b", insight.BySex)
		if f := sexes["Female"]; f.Text != insight.NoGroupPopulation || !f.NoRate {
			t.Errorf("2B by sex: %+v", f)
		}
		// By setting, each is out of the whole population of those ages.
		settings, _ := show(t, db, a.Council.ID, "ascof-2b", insight.ByGroup)
		if f := settings[cld.SettingResidential]; f.Text != "14.3 per 100,000" {
			t.Errorf("2B residential: %+v", f)
		}
	})
}

// TestSequelsAreShownNotDropped is 2A beside its breakdown: the spells 2A excludes or cannot classify are counted
// in "Short-term support of new clients that ended", by what followed, and each measure's facts are the derivation's findings, one for one.
func TestSequelsAreShownNotDropped(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		r := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
		spell := func(result, ended, end string) {
			p := r.person("1950-01-01", "", "")
			r.typedService(p, r.episode(p, "2026-06-01", 3, result, ended), "Short term support: ST-Max", "Reablement", "2026-07-01", end)
		}
		for range 6 {
			spell("NFA: Support ended as planned", "2026-08-01", "2026-08-01")
		}
		spell("", "", "2026-08-01")                        // the episode goes on: unable to classify
		spell("NFA: Deceased", "2026-08-05", "2026-08-05") // excluded
		spell("", "", "")                                  // still running: no spell has ended
		other := &record{t: t, db: db, council: b.Council.ID, team: b.North.ID, n: 1000}
		op := other.person("1950-01-01", "", "")
		other.typedService(op, other.episode(op, "2026-06-01", 3, "NFA: Deceased", "2026-08-05"), "Short term support: ST-Max", "Reablement", "2026-07-01", "2026-08-05")

		groups, all := show(t, db, a.Council.ID, "short-term-sequels", insight.ByGroup)
		got := map[string]int{}
		for k, f := range groups {
			n, _ := f.Of.Value()
			got[k] = n
		}
		want := map[string]int{cld.NextEndedAsPlanned: 5, cld.NextUnableToClassify: 0, cld.NextDeceased + " (excluded from 2A)": 0}
		if fmt.Sprint(got) != fmt.Sprint(want) || !groups[cld.NextUnableToClassify].Withheld {
			t.Errorf("what followed: %v (shown), want %v", got, want)
		}
		if n, _ := all.Of.Value(); n != 10 { // 8 spells, rounded to 10
			t.Errorf("every spell: %d", n)
		}
		_, t2a := tally(t, db, a.Council.ID, "ascof-2a", insight.Whole)
		if t2a.Of != 6 || t2a.In != 6 {
			t.Errorf("2A: %d of %d, want 6 of 6 (the excluded and unclassified are not in it)", t2a.In, t2a.Of)
		}
		teams, _ := tally(t, db, a.Council.ID, "short-term-sequels", insight.ByTeam)
		if len(teams) != 1 || teams[0].Key != a.North.ID || teams[0].Of != 8 {
			t.Errorf("by team: %+v", teams)
		}

		// The IQAM pack derives each period once for all its measures, and shows what each measure's page shows.
		pack, err := insight.NewStore(db).Pack(peopletest.As(a.Staff[councils.QualityLead]), q3, "")
		if err != nil {
			t.Fatal(err)
		}
		shown := map[string]string{}
		for _, pr := range pack.Priorities {
			for _, c := range pr.Measures {
				shown[c.Measure.ID] = c.This.Text + " of " + c.This.Of.String()
			}
		}
		for _, id := range []string{"ascof-2a", "short-term-sequels", "short-to-long-term"} {
			_, all := show(t, db, a.Council.ID, id, insight.Whole)
			if got := all.Text + " of " + all.Of.String(); shown[id] != got || all.Of.String() == "0" {
				t.Errorf("%s in the pack: %q; on its page: %q", id, shown[id], got)
			}
		}

		// Each measure counts exactly the derivation's findings: nothing is lost on the way to a fact.
		for id, finding := range map[string]string{"ascof-2a": cld.FindingIndependence, "short-term-sequels": cld.FindingShortTermNext,
			"short-to-long-term": cld.FindingConversion} {
			n := 0
			err := db.ReadTx(sqldb.WithCouncil(context.Background(), a.Council.ID), func(tx *sqldb.Tx) error {
				return cld.Derive(context.Background(), tx, q3.From, q3.To, func(f cld.Finding) {
					if f.Measure == finding {
						n++
					}
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, all := tally(t, db, a.Council.ID, id, insight.Whole); all.Of != n || n == 0 {
				t.Errorf("%s counts %d, the derivation finds %d", id, all.Of, n)
			}
		}
	})
}
