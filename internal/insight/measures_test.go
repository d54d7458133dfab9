package insight_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// record builds hand-made records in one council, row by row, so that each measure's test says exactly what the
// record holds.
type record struct {
	t       *testing.T
	db      *sqldb.DB
	council string
	team    string
	n       int
}

func (r *record) exec(query string, args ...any) {
	r.t.Helper()
	err := r.db.InTx(sqldb.WithCouncil(context.Background(), r.council), func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(context.Background(), query, append([]any{r.council}, args...)...)
		return err
	})
	if err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
}

func (r *record) id(kind string) string {
	r.n++
	return fmt.Sprintf("%s-%d", kind, r.n)
}

var stamp = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// person adds a person born on born ("" when not recorded), with a gender and an ethnicity.
func (r *record) person(born, gender, ethnicity string) string {
	id := r.id("person")
	var dob any
	if born != "" {
		dob = dbtest.Date(born)
	}
	r.exec(`INSERT INTO person (council_id, id, given_name, family_name, family_key, given_key, date_of_birth, gender, ethnicity, team_id, created_at, updated_at)
		VALUES ($1, $2, 'Ada', 'Testperson', 'testperson', 'ada', $3, $4, $5, $6, $7, $7)`, id, dob, gender, ethnicity, r.team, stamp)
	return id
}

// episode adds an episode opened on opened, ended at step with result when step is not 0.
func (r *record) episode(person, opened string, step int, result, ended string) string {
	id := r.id("episode")
	var end any
	if ended != "" {
		end = dbtest.Date(ended)
	}
	r.exec(`INSERT INTO episode (council_id, id, person_id, opened_on, team_id, result, ended_on, ended_step, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`, id, person, dbtest.Date(opened), r.team, result, end, step, stamp)
	return id
}

func (r *record) conversation(person, episode, held string) {
	r.exec(`INSERT INTO conversation (council_id, id, person_id, episode_id, step, held_on, method, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 1, $5, 'Face to face', $6, $6)`, r.id("conversation"), person, episode, dbtest.Date(held), stamp)
}

func (r *record) solution(person, episode, rung string, created time.Time) string {
	id := r.id("solution")
	r.exec(`INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, 'A way to the outcome', $6, $6)`, id, person, episode, rung, created)
	return id
}

// enquiry adds a safeguarding concern and its enquiry of the kind ("section42" or "other"), closed on closed (""
// while open) with the Making Safeguarding Personal answer, the action and result and the risk outcome, and one
// desired outcome for each of achieved.
func (r *record) enquiry(person, kind, closed, asked, action, risk string, achieved ...string) {
	concern, enquiry := r.id("concern"), r.id("enquiry")
	var on any
	if closed != "" {
		on = dbtest.Date(closed)
	}
	r.exec(`INSERT INTO safeguarding_concern (council_id, id, person_id, received_at, what_happened, decision_due_at, decision, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'What happened', $4, $5, $4, $4)`, concern, person, stamp, kind)
	r.exec(`INSERT INTO safeguarding_enquiry (council_id, id, concern_id, person_id, kind, lead_staff, started_on, msp_asked, closed_on,
			action_result, risk_outcome, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, 'staff-1', $6, $7, $8, $9, $10, $11, $11)`,
		enquiry, concern, person, kind, dbtest.Date("2026-06-01"), asked, on, action, risk, stamp)
	for i, a := range achieved {
		r.exec(`INSERT INTO safeguarding_outcome (council_id, id, enquiry_id, position, words, achieved) VALUES ($1, $2, $3, $4, 'To feel safe at home', $5)`,
			r.id("desired"), enquiry, i, a)
	}
}

// review adds a review due on due, held on held ("" while it is scheduled), with each outcome rated at the levels,
// and returns its ID.
func (r *record) review(person, episode, due, held string, levels ...int) string {
	id := r.id("review")
	status, heldOn := "scheduled", any(nil)
	if held != "" {
		status, heldOn = "completed", dbtest.Date(held)
	}
	r.exec(`INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, held_on, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, id, person, episode, dbtest.Date(due), status, heldOn, stamp)
	for _, l := range levels {
		outcome := r.id("outcome")
		r.exec(`INSERT INTO outcome (council_id, id, person_id, episode_id, different, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 'Walk to the shop', $5, $5)`, outcome, person, episode, stamp)
		r.exec(`INSERT INTO review_rating (council_id, review_id, outcome_id, level) VALUES ($1, $2, $3, $4)`, id, outcome, l)
	}
	return id
}

// tScore records the GAS T-score a review worked out.
func (r *record) tScore(review string, t float64) {
	r.exec(`UPDATE review SET gas_t_score = $3 WHERE council_id = $1 AND id = $2`, review, t)
}

// duty adds a required action that becomes overdue at due, met at met (zero while open) in the way how.
func (r *record) duty(person string, due, met time.Time, how string) {
	var at any
	if !met.IsZero() {
		at = met
	}
	r.exec(`INSERT INTO duty (council_id, id, person_id, kind, subject_id, reason, raised_at, due_at, met_at, met_how)
		VALUES ($1, $2, $3, 'advocacy', $4, 'The Care Act says so', $5, $6, $7, $8)`, r.id("duty"), person, r.id("subject"), stamp, due, at, how)
}

// signpost adds a signpost whose follow-up falls due on due, followed up on done ("" when not yet) with result.
func (r *record) signpost(person, episode, due, done, result string) {
	var on any
	if done != "" {
		on = dbtest.Date(done)
	}
	r.exec(`INSERT INTO signpost (council_id, id, person_id, episode_id, directory_service_id, signposted_on, follow_up_on, followed_up_on,
			follow_up_result, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'service-1', $5, $5, $6, $7, $8, $8)`, r.id("signpost"), person, episode, dbtest.Date(due), on, result, stamp)
}

// service adds a weekly service of pounds a week, in the status given, from start to end ("" while running).
func (r *record) service(person, episode, status, start, end string, pounds int) string {
	id := r.id("service")
	var until any
	if end != "" {
		until = dbtest.Date(end)
	}
	r.exec(`INSERT INTO service (council_id, id, person_id, episode_id, service_type, status, start_on, end_on, unit_cost_pence,
			cost_frequency, units_hundredths, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'Long Term Support: Community', $5, $6, $7, $8, $9, 100, $10, $10)`,
		id, person, episode, status, dbtest.Date(start), until, pounds*100, codelists.CostWeekly, stamp)
	return id
}

// meets records that a service meets a solution.
func (r *record) meets(service, solution string) {
	r.exec(`UPDATE service SET solution_id = $3 WHERE council_id = $1 AND id = $2`, service, solution)
}

var q3 = func() insight.Period {
	p, err := insight.Quarter("2026-Q3")
	if err != nil {
		panic(err)
	}
	return p
}()

func tally(t *testing.T, db *sqldb.DB, council, id string, by insight.Cut) ([]insight.Tally, insight.Tally) {
	t.Helper()
	m, ok := insight.Find(id)
	if !ok {
		t.Fatalf("no measure %s", id)
	}
	var rows []insight.Tally
	var all insight.Tally
	err := db.ReadTx(sqldb.WithCouncil(context.Background(), council), func(tx *sqldb.Tx) error {
		var err error
		rows, all, err = insight.Tallies(context.Background(), tx, m, q3, by)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, all
}

func TestMeasuresCountWhatTheRecordHolds(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		r := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
		other := &record{t: t, db: db, council: b.Council.ID, team: b.North.ID, n: 1000}
		info := codelists.EventOutcomeInformationAdvice
		ada := r.person("1961-08-15", "Female", "Asian or Asian British: Indian") // turns 65 in the quarter
		ben := r.person("", "", "")

		// Resolved at first contact: the last day of the quarter counts, the first day after it does not, and an
		// episode ended with information and advice later than step 1 was not resolved at the front door.
		r.episode(ada, "2026-07-01", 1, info, "2026-07-01")
		r.episode(ada, "2026-09-30", 1, info, "2026-10-02")
		r.episode(ben, "2026-08-01", 3, info, "2026-09-01")
		r.episode(ben, "2026-08-02", 1, codelists.EventOutcomeSupportDeclined, "2026-08-02")
		r.episode(ben, "2026-10-01", 1, info, "2026-10-01")
		open := r.episode(ada, "2026-06-01", 0, "", "")
		other.episode(other.person("1950-01-01", "", ""), "2026-08-01", 1, info, "2026-08-01")

		// Waits: the first conversation of each episode, in the quarter, from its opening (no contact recorded).
		r.conversation(ada, open, "2026-07-04") // 33 days from 1 June
		r.conversation(ada, open, "2026-07-20") // not the first
		waitEp := r.episode(ben, "2026-09-25", 0, "", "")
		r.conversation(ben, waitEp, "2026-09-30") // 5 days
		late := r.episode(ben, "2026-09-28", 0, "", "")
		r.conversation(ben, late, "2026-10-01") // after the quarter

		// Solutions: UK dates, so 22:30 on 30 September in UTC is 1 October here and falls outside.
		r.solution(ada, open, "network", time.Date(2026, 7, 2, 9, 0, 0, 0, time.UTC))
		r.solution(ada, open, "information_advice", time.Date(2026, 9, 30, 12, 0, 0, 0, time.UTC))
		ongoing := r.solution(ada, open, "ongoing_support", time.Date(2026, 8, 2, 9, 0, 0, 0, time.UTC))
		r.solution(ada, open, "reablement", time.Date(2026, 9, 30, 23, 30, 0, 0, time.UTC))

		// Reviews: held on the due date is on time; held the day after is not; Ada's 14 August review is before
		// her 65th birthday and her 15 August one on it.
		r.tScore(r.review(ada, open, "2026-08-14", "2026-08-14", 0, 2, -1), 55.2)
		r.tScore(r.review(ada, open, "2026-08-10", "2026-08-15", -2), 38.1)
		r.review(ben, waitEp, "2026-09-01", "2026-08-20", 1)
		r.review(ben, waitEp, "2026-06-01", "2026-06-01", 1) // held before the quarter
		r.review(ben, waitEp, "2026-07-15", "2026-08-20")    // late: overdue at the end of July, held by the end of August
		// Overdue at 30 September: due before it and not held by then.
		r.review(ben, waitEp, "2026-09-29", "")           // overdue
		r.review(ben, waitEp, "2026-09-30", "")           // due that day: not yet overdue
		r.review(ben, waitEp, "2026-09-01", "2026-10-03") // held after the quarter: overdue at its end
		r.review(ben, waitEp, "2026-12-01", "")           // not due

		// Spend on 30 September: running services and one that ended after that day count; one that ended before,
		// and a request not yet authorised, do not.
		r.service(ada, open, "active", "2026-01-05", "", 100)
		r.service(ben, waitEp, "ended", "2026-02-01", "2026-10-15", 250)
		r.service(ben, waitEp, "ended", "2026-02-01", "2026-09-15", 1000)
		r.service(ben, waitEp, "requested", "2026-09-01", "", 1000)
		r.meets(r.service(ada, open, "active", "2026-08-03", "", 300), ongoing)

		// Safeguarding: section 42 enquiries concluded in the quarter, the last day counting; an "other" enquiry, one
		// concluded the day after and one still open do not count.
		expressed, noneExpressed := codelists.MSPAskedExpressed, "Yes they were asked but no outcomes were expressed"
		actionTaken, noAction := codelists.RiskIdentifiedActionTaken, "Risk identified and no action taken"
		full, not := "Fully Achieved", "Not Achieved"
		r.enquiry(ada, "section42", "2026-07-05", expressed, actionTaken, "Risk reduced", full, full)       // fully achieved
		r.enquiry(ben, "section42", "2026-09-30", noneExpressed, noAction, "")                              // risk identified, not reduced
		r.enquiry(ada, "section42", "2026-08-01", "No", "No risk identified and no action taken", "")       // not asked, no risk
		r.enquiry(ben, "section42", "2026-08-10", expressed, actionTaken, "Risk remained", full, not)       // partly achieved
		r.enquiry(ada, "section42", "2026-09-01", expressed, actionTaken, "Risk removed", not, not)         // not achieved
		r.enquiry(ben, "section42", "2026-09-02", expressed, "No risk identified and action taken", "", "") // an outcome not rated
		r.enquiry(ada, "other", "2026-08-01", expressed, actionTaken, "Risk removed", full)
		r.enquiry(ben, "section42", "2026-10-01", expressed, actionTaken, "Risk removed", full)
		r.enquiry(ben, "section42", "", expressed, "", "")

		// Signposts: followed up when due in the quarter, and whether they helped when followed up in it; a person
		// not reached says nothing about whether it helped.
		r.signpost(ada, open, "2026-07-10", "2026-07-12", "helped")
		r.signpost(ada, open, "2026-09-30", "", "")
		r.signpost(ben, waitEp, "2026-10-01", "2026-09-29", "partly")
		r.signpost(ben, waitEp, "2026-08-01", "2026-08-03", "not_reached")

		// Required actions: overdue from the first instant after their last UK day in time (23:00 UTC in summer).
		r.duty(ada, time.Date(2026, 7, 10, 23, 0, 0, 0, time.UTC), time.Date(2026, 7, 9, 10, 0, 0, 0, time.UTC), "done")      // in time
		r.duty(ada, time.Date(2026, 8, 20, 23, 0, 0, 0, time.UTC), time.Date(2026, 8, 22, 10, 0, 0, 0, time.UTC), "done")     // late
		r.duty(ben, time.Date(2026, 9, 1, 23, 0, 0, 0, time.UTC), time.Date(2026, 8, 30, 10, 0, 0, 0, time.UTC), "withdrawn") // not counted
		r.duty(ben, time.Date(2026, 9, 30, 23, 0, 0, 0, time.UTC), time.Time{}, "")                                           // last day 30 September, open
		r.duty(ben, time.Date(2026, 6, 30, 23, 0, 0, 0, time.UTC), time.Time{}, "")                                           // last day 30 June

		cases := []struct {
			id     string
			of, in int
			values []float64
		}{
			{"resolved-at-first-contact", 6, 2, nil},
			{"wait-for-first-conversation", 2, 0, []float64{33, 5}},
			{"waiting-for-first-conversation", 2, 2, nil}, // opened on the last day, and one first seen the day after
			{"signposts-followed-up", 3, 2, nil},
			{"signposts-helped", 2, 2, nil},
			{"gas-t-score", 2, 0, []float64{55.2, 38.1}},
			{"least-intrusive-solutions", 3, 2, nil},
			{"reviews-on-time", 4, 2, nil},
			{"reviews-overdue", 2, 2, nil},
			{"outcomes-attained", 5, 3, nil},
			{"required-actions-on-time", 3, 1, nil},
			{"weekly-spend", 3, 3, []float64{100, 250, 300}},
			{"spend-by-rung", 3, 3, []float64{100, 250, 300}},
			{"solutions-by-rung", 3, 3, nil},
			{"msp-asked", 6, 5, nil},
			{"msp-outcomes-achieved", 3, 3, nil},
			{"safeguarding-risk-reduced", 4, 2, nil},
		}
		for _, c := range cases {
			t.Run(c.id, func(t *testing.T) {
				_, all := tally(t, db, a.Council.ID, c.id, insight.Whole)
				if all.Of != c.of || all.In != c.in {
					t.Errorf("%d of %d, want %d of %d", all.In, all.Of, c.in, c.of)
				}
				if c.values != nil && fmt.Sprint(sorted(all.Values)) != fmt.Sprint(sorted(c.values)) {
					t.Errorf("values %v, want %v", all.Values, c.values)
				}
			})
		}

		// What one request keeps as it computes measure after measure (Sharing) is its own council's: used for
		// council A and then for B, every measure by team and by age band is B's own.
		t.Run("kept while a request lasts, for one council only", func(t *testing.T) {
			shared := insight.Sharing(context.Background())
			for _, m := range insight.Catalogue() {
				for _, by := range []insight.Cut{insight.ByTeam, insight.ByAgeBand} {
					for _, council := range []string{a.Council.ID, b.Council.ID} {
						var got []insight.Tally
						err := db.ReadTx(sqldb.WithCouncil(context.Background(), council), func(tx *sqldb.Tx) error {
							var err error
							got, _, err = insight.Tallies(shared, tx, m, q3, by)
							return err
						})
						if err != nil {
							t.Fatal(err)
						}
						want, _ := tally(t, db, council, m.ID, by)
						if fmt.Sprint(got) != fmt.Sprint(want) {
							t.Errorf("%s by %s for %s: kept %v, alone %v", m.ID, by, council, got, want)
						}
					}
				}
			}
		})

		t.Run("by a measure's own categories", func(t *testing.T) {
			for _, c := range []struct{ id, want string }{
				{"solutions-by-rung", "[Rung 2: Family, friends and network:1 Rung 4: Information and advice:1 Rung 7: Council-funded ongoing support:1]"},
				{"spend-by-rung", "[No solution recorded:2:350 Rung 7: Council-funded ongoing support:1:300]"},
				{"msp-outcomes-achieved", "[Fully Achieved:1 Not Achieved:1 Partially Achieved:1]"},
			} {
				rows, _ := tally(t, db, a.Council.ID, c.id, insight.ByGroup)
				m, _ := insight.Find(c.id)
				var got []string
				for _, row := range rows {
					g := fmt.Sprintf("%s:%d", row.Key, row.Of)
					if m.Kind == insight.Total {
						g += fmt.Sprintf(":%v", sum(row.Values))
					}
					got = append(got, g)
					// Each category holds fewer than 6: withheld wherever it is shown.
					if f := m.Show(row); f.Text != insight.TooFew || f.Of.String() != "fewer than 6" {
						t.Errorf("%s %s shown as %q (%s counted)", c.id, row.Key, f.Text, f.Of)
					}
				}
				if fmt.Sprint(got) != c.want {
					t.Errorf("%s by its categories %v, want %s", c.id, got, c.want)
				}
			}
		})

		t.Run("each fact says whom it is about", func(t *testing.T) {
			for _, id := range []string{"msp-asked", "solutions-by-rung", "reviews-on-time", "required-actions-on-time"} {
				facts := factsOf(t, db, a.Council.ID, id)
				if len(facts) == 0 {
					t.Fatalf("%s: no facts", id)
				}
				for _, f := range facts {
					if f.PersonID != ada && f.PersonID != ben {
						t.Errorf("%s: a fact about %q", id, f.PersonID)
					}
				}
			}
			for _, f := range factsOf(t, db, a.Council.ID, "reviews-on-time") {
				if f.EpisodeID != open && f.EpisodeID != waitEp {
					t.Errorf("a review of episode %q", f.EpisodeID)
				}
			}
		})

		t.Run("the other council's records are not counted", func(t *testing.T) {
			_, all := tally(t, db, b.Council.ID, "resolved-at-first-contact", insight.Whole)
			if all.Of != 1 || all.In != 1 {
				t.Errorf("council B: %d of %d, want its own 1 of 1", all.In, all.Of)
			}
		})

		t.Run("age on the day: a person who turns 65 in the period", func(t *testing.T) {
			rows, _ := tally(t, db, a.Council.ID, "reviews-on-time", insight.ByAgeBand)
			got := map[string]int{}
			for _, row := range rows {
				got[row.Key] = row.Of
			}
			want := map[string]int{"45 to 64": 1, "65 to 74": 1, "Not recorded": 2}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("by age band %v, want %v", got, want)
			}
		})

		t.Run("month by month, a count at each month's end", func(t *testing.T) {
			rows, all := tally(t, db, a.Council.ID, "reviews-overdue", insight.ByMonth)
			got := []string{}
			for _, row := range rows {
				got = append(got, fmt.Sprintf("%s:%d", row.Key, row.Of))
			}
			if fmt.Sprint(got) != "[2026-07:1 2026-08:0 2026-09:2]" || all.Of != 2 {
				t.Errorf("overdue by month %v (the quarter %d)", got, all.Of)
			}
		})

		t.Run("by ethnic group and by team", func(t *testing.T) {
			rows, _ := tally(t, db, a.Council.ID, "reviews-on-time", insight.ByEthnicity)
			if len(rows) != 2 || rows[0].Key != "Asian or Asian British" || rows[1].Key != "Not recorded" {
				t.Errorf("by ethnic group %+v", rows)
			}
			rows, _ = tally(t, db, a.Council.ID, "reviews-on-time", insight.ByTeam)
			if len(rows) != 1 || rows[0].Key != a.North.ID || rows[0].Of != 4 {
				t.Errorf("by team %+v", rows)
			}
		})
	})
}

// factsOf are the facts a measure counts in the quarter, as the people behind its figures are read.
func factsOf(t *testing.T, db *sqldb.DB, council, id string) []insight.Fact {
	t.Helper()
	m, _ := insight.Find(id)
	var out []insight.Fact
	err := db.ReadTx(sqldb.WithCouncil(context.Background(), council), func(tx *sqldb.Tx) error {
		return insight.FactsOf(context.Background(), tx, m, q3, func(f insight.Fact) { out = append(out, f) })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sum(vs []float64) float64 {
	total := 0.0
	for _, v := range vs {
		total += v
	}
	return total
}

func sorted(vs []float64) []float64 {
	out := slices.Clone(vs)
	slices.Sort(out)
	return out
}

// A measure of what stood on a period's last day reads every period's day at once when the periods are prepared
// together (a KPI's quarters, a pack's three periods), and counts on each day exactly what a read of that day alone
// counts: an episode counts on the days it was open with no conversation held yet, and only in its own council.
func TestWhatStoodOnEachDayIsCountedTheSameReadTogetherOrAlone(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		r := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
		other := &record{t: t, db: db, council: b.Council.ID, team: b.North.ID, n: 1000}
		ada, ben := r.person("1950-01-01", "", ""), r.person("1960-01-01", "", "")
		info := codelists.EventOutcomeInformationAdvice

		r.episode(ada, "2026-01-10", 0, "", "")         // waiting at the end of every quarter
		seen := r.episode(ben, "2026-02-01", 0, "", "") // waiting at the end of Q1 only
		r.conversation(ben, seen, "2026-05-01")
		r.episode(ada, "2026-03-01", 1, info, "2026-04-15") // ended in Q2 unseen: waiting at the end of Q1 only
		onTheDay := r.episode(ben, "2026-04-01", 0, "", "") // seen on Q2's last day: never waiting at an end
		r.conversation(ben, onTheDay, "2026-06-30")
		r.episode(ada, "2025-12-01", 1, info, "2026-03-31") // ended on Q1's last day: not open then
		lastDay := r.episode(ada, "2026-03-31", 0, "", "")  // opened on Q1's last day, seen after it: waiting then
		r.conversation(ada, lastDay, "2026-04-02")
		r.episode(ben, "2026-09-30", 0, "", "")                                    // opened on Q3's last day: waiting then
		other.episode(other.person("1950-01-01", "", ""), "2026-01-05", 0, "", "") // another council's

		m, ok := insight.Find("waiting-for-first-conversation")
		if !ok {
			t.Fatal("no measure waiting-for-first-conversation")
		}
		var quarters []insight.Period
		for _, q := range []string{"2026-Q1", "2026-Q2", "2026-Q3"} {
			p, err := insight.Quarter(q)
			if err != nil {
				t.Fatal(err)
			}
			quarters = append(quarters, p)
		}
		want := []int{4, 1, 2}
		count := func(ctx context.Context, tx *sqldb.Tx, p insight.Period) int {
			_, all, err := insight.Tallies(ctx, tx, m, p, insight.Whole)
			if err != nil {
				t.Fatal(err)
			}
			return all.In
		}
		err := db.ReadTx(sqldb.WithCouncil(context.Background(), a.Council.ID), func(tx *sqldb.Tx) error {
			together := insight.Sharing(context.Background())
			if err := insight.Prepare(together, tx, quarters, m); err != nil {
				return err
			}
			for i, p := range quarters {
				alone, read := count(context.Background(), tx, p), count(together, tx, p)
				if alone != want[i] || read != want[i] {
					t.Errorf("%s: %d read alone and %d read together, want %d", p.Name(), alone, read, want[i])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestFiguresAreWithheldWhenFewerThanSix(t *testing.T) {
	t.Parallel()
	share, _ := insight.Find("reviews-on-time")
	median, _ := insight.Find("wait-for-first-conversation")
	spend, _ := insight.Find("weekly-spend")
	tscore, _ := insight.Find("gas-t-score")
	risk, _ := insight.Find("safeguarding-risk-reduced")
	rungs, _ := insight.Find("solutions-by-rung")
	cases := []struct {
		name     string
		m        insight.Measure
		t        insight.Tally
		text     string
		withheld bool
	}{
		{"none", share, insight.Tally{}, "None", false},
		{"five of five", share, insight.Tally{Of: 5, In: 5}, insight.TooFew, true},
		{"a share whose rest is under six", share, insight.Tally{Of: 40, In: 37}, insight.TooFew, true},
		{"a share shown", share, insight.Tally{Of: 40, In: 30}, "75%", false},
		{"a median of six", median, insight.Tally{Of: 6, Values: []float64{1, 2, 3, 10, 20, 30}}, "3 days", false},
		{"a score's spread from the better side", tscore, insight.Tally{Of: 10, Values: []float64{30, 40, 45, 50, 50, 50, 55, 60, 65, 70}}, "50.0", false},
		{"a median of five", median, insight.Tally{Of: 5, Values: []float64{1, 2, 3, 10, 20}}, insight.TooFew, true},
		{"risk reduced in all but two of twenty", risk, insight.Tally{Of: 20, In: 18}, insight.TooFew, true},
		{"risk reduced in half of twenty", risk, insight.Tally{Of: 20, In: 10}, "50%", false},
		{"a rung with four solutions", rungs, insight.Tally{Key: "Rung 1: The person's own strengths", Of: 4, In: 4}, insight.TooFew, true},
		{"a rung with twelve solutions", rungs, insight.Tally{Key: "Rung 2: Family, friends and network", Of: 12, In: 12}, "10", false},
		{"spend behind six services", spend, insight.Tally{Of: 6, In: 6, Values: []float64{1000, 1000, 1000, 1000, 1000, 234.4}}, "£5,234 a week", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := c.m.Show(c.t)
			if f.Text != c.text || f.Withheld != c.withheld {
				t.Errorf("shown %q (withheld %v), want %q (withheld %v)", f.Text, f.Withheld, c.text, c.withheld)
			}
			if c.t.Of > 0 && c.t.Of < 6 && f.Of.String() != "fewer than 6" {
				t.Errorf("count shown as %s", f.Of)
			}
		})
	}
}

func TestAMediansSpreadIsToldFromTheBetterSide(t *testing.T) {
	t.Parallel()
	wait, _ := insight.Find("wait-for-first-conversation")
	score, _ := insight.Find("gas-t-score")
	if got := wait.Show(insight.Tally{Of: 6, Values: []float64{30, 1, 20, 2, 10, 3}}).Second; got != "9 in 10 within 30 days" {
		t.Errorf("the wait's spread: %q", got)
	}
	if got := score.Show(insight.Tally{Of: 10, Values: []float64{70, 30, 40, 45, 50, 50, 50, 55, 60, 65}}).Second; got != "9 in 10 at least 30.0" {
		t.Errorf("the score's spread: %q", got)
	}
}

func TestPeriods(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "2026", "2026-Q5", "Q3-2026", "1999-Q1"} {
		if _, err := insight.Quarter(bad); err == nil {
			t.Errorf("%q was read as a quarter", bad)
		}
	}
	if q3.From.String() != "2026-07-01" || q3.To.String() != "2026-09-30" || q3.Name() != "2026-Q3" || q3.Label() != "July to September 2026" {
		t.Errorf("2026-Q3 is %s to %s (%s, %s)", q3.From, q3.To, q3.Name(), q3.Label())
	}
	if b := q3.Before(); b.Name() != "2026-Q2" {
		t.Errorf("the quarter before 2026-Q3 is %s", b.Name())
	}
	if y := q3.YearBefore(); y.Name() != "2025-Q3" {
		t.Errorf("a year before 2026-Q3 is %s", y.Name())
	}
	if q1, _ := insight.Quarter("2027-q1"); q1.Before().Name() != "2026-Q4" {
		t.Errorf("the quarter before 2027-Q1 is %s", q1.Before().Name())
	}
	if got := insight.Percentile([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90); got != 9 {
		t.Errorf("90th percentile of 1..10 is %v, want 9", got)
	}
}

func TestOnlyTheRolesThatReadMeasures(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := peopletest.TwoCouncils(t, db)
		s := insight.NewStore(db)
		for _, role := range councils.Roles {
			_, err := s.Figures(peopletest.As(a.Staff[role]), "reviews-on-time", q3, insight.ByTeam)
			_, perr := s.Pack(peopletest.As(a.Staff[role]), q3, "")
			if role.ReadsMeasures() {
				if err != nil || perr != nil {
					t.Errorf("%s: %v, %v", role, err, perr)
				}
			} else if !errors.Is(err, sqldb.ErrForbidden) || !errors.Is(perr, sqldb.ErrForbidden) {
				t.Errorf("%s read the measures: %v, %v", role, err, perr)
			}
		}
		if _, err := s.Figures(peopletest.As(a.Staff[councils.QualityLead]), "no-such-measure", q3, insight.Whole); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("an unknown measure: %v", err)
		}
	})
}

func TestPopulationAged(t *testing.T) {
	t.Parallel()
	var p insight.Population
	for i, b := range insight.AdultBands {
		p.Set(insight.ByAgeBand, b.Band, 1000*(i+1))
	}
	tests := []struct {
		name     string
		from, to int
		want     int
		ok       bool
	}{
		{"working age", 18, 64, 1000 + 2000 + 3000, true},
		{"older people", 65, -1, 4000 + 5000 + 6000 + 7000, true},
		{"every adult", 18, -1, 28000, true},
		{"no band lies wholly within", 20, 30, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := p.Aged(tt.from, tt.to)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Aged(%d, %d) = %d, %v; want %d, %v", tt.from, tt.to, got, ok, tt.want, tt.ok)
			}
		})
	}
	var partial insight.Population
	partial.Set(insight.ByAgeBand, "18 to 24", 10)
	if _, ok := partial.Aged(18, 64); ok {
		t.Error("a population missing a band says it knows how many are aged 18 to 64")
	}
}

// TestFiguresByWorkerAreForManagers divides a measure by the worker each episode is allocated to: the quality lead
// sees every worker, a team manager the workers of their own teams, and finance may not divide figures by worker at
// all; the people behind a worker's figure are the manager's only for a worker of their teams.
func TestFiguresByWorkerAreForManagers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := peopletest.TwoCouncils(t, db)
		r := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
		north, south := a.Staff[councils.Practitioner], a.SouthWorker
		// Six reviews on time for the north worker's people, six late for the south worker's, one for nobody's.
		for i, w := range []string{north.ID, south.ID, ""} {
			for n := range 6 {
				if w == "" && n > 0 {
					break
				}
				p := r.person("1950-01-01", "Female", "")
				e := r.episode(p, "2026-01-01", 0, "", "")
				if w != "" {
					r.exec(`UPDATE episode SET worker_id = $3 WHERE council_id = $1 AND id = $2`, e, w)
				}
				held := "2026-08-03"
				if i == 1 {
					held = "2026-08-10"
				}
				r.review(p, e, "2026-08-03", held)
			}
		}
		s := insight.NewStore(db)
		rows := func(st councils.Staff) []string {
			t.Helper()
			res, err := s.Figures(peopletest.As(st), "reviews-on-time", q3, insight.ByWorker)
			if err != nil {
				t.Fatalf("%s: %v", st.Role, err)
			}
			var out []string
			for _, f := range res.Rows {
				out = append(out, f.Label+" "+f.Text)
			}
			slices.Sort(out)
			return out
		}
		if got, want := rows(a.Staff[councils.QualityLead]), []string{"Not allocated " + insight.TooFew, north.Name + " 100%", south.Name + " 0%"}; !slices.Equal(got, want) {
			t.Errorf("the quality lead by worker: %v, want %v", got, want)
		}
		if got, want := rows(a.Staff[councils.TeamManager]), []string{north.Name + " 100%"}; !slices.Equal(got, want) {
			t.Errorf("the north team's manager by worker: %v, want %v", got, want)
		}
		if _, err := s.Figures(peopletest.As(a.Staff[councils.Finance]), "reviews-on-time", q3, insight.ByWorker); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance by worker: %v", err)
		}
		behind, err := s.People(peopletest.As(a.Staff[councils.QualityLead]), "reviews-on-time", q3, insight.ByWorker, south.ID, 1)
		if err != nil || behind.Label != south.Name || behind.Total != 6 {
			t.Errorf("the people behind the south worker's figure: %+v, %v", behind, err)
		}
		if _, err := s.People(peopletest.As(a.Staff[councils.TeamManager]), "reviews-on-time", q3, insight.ByWorker, south.ID, 1); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("the north manager following the south worker's figure: %v", err)
		}
	})
}
