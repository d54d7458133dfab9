package insightpage_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/testenv"
)

// sixReviewsOnTime records, in council A's north team, six people each with a review held on its due date in
// April 2026 (2026-Q2), aged 70 to 75 at their reviews, and returns the first person's ID.
func sixReviewsOnTime(t *testing.T, site *apptest.Site) string {
	t.Helper()
	for i := range 6 {
		reviewOnTime(t, site, fmt.Sprintf("insight-person-%d", i), "Iris", "Measured", "Female", fmt.Sprintf("19%d-05-01", 50+i),
			site.A.North.ID, fmt.Sprintf("2026-04-%02d", 10+i))
	}
	return "insight-person-0"
}

// southReviewOnTime records one person in council A's south team, aged 86, with a review held on its due date in
// April 2026, and returns their ID.
func southReviewOnTime(t *testing.T, site *apptest.Site) string {
	t.Helper()
	reviewOnTime(t, site, "insight-south", "Sol", "Southern", "Male", "1940-03-01", site.A.South.ID, "2026-04-20")
	return "insight-south"
}

// reviewOnTime records in council A a person in the team, with an episode and a review held on the day it was due.
func reviewOnTime(t *testing.T, site *apptest.Site, person, given, family, gender, born, team, due string) {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	stamp := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	episode, review := person+"-episode", person+"-review"
	err := site.App.DB.InTx(ctx, func(tx *sqldb.Tx) error {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`INSERT INTO person (council_id, id, given_name, family_name, family_key, given_key, date_of_birth, gender, team_id, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
				[]any{person, given, family, strings.ToLower(family), strings.ToLower(given), dbtest.Date(born), gender, team, stamp}},
			{`INSERT INTO episode (council_id, id, person_id, opened_on, team_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
				[]any{episode, person, dbtest.Date("2025-01-10"), team, stamp}},
			{`INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, held_on, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, 'completed', $5, $6, $6)`, []any{review, person, episode, dbtest.Date(due), stamp}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, append([]any{tx.Council()}, q.args...)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestInsightPagesForTheRolesThatReadMeasures asks the insight pages as each role and from the other council: only
// the quality lead, team managers and finance read them; each council sees its own record's figures and never the
// other's; bad choices get a GOV.UK error; and reading figures that name no one adds nothing to anyone's access log.
func TestInsightPagesForTheRolesThatReadMeasures(t *testing.T) {
	t.Parallel()
	none := []accesslog.Action{}
	cases := []struct {
		name    string
		as      func(*apptest.Site) councils.Staff
		path    string
		status  int
		body    []string
		notBody []string
	}{
		{"the IQAM pack, as the quality lead", apptest.AQuality, "/insight?quarter=2026-Q2", 200,
			[]string{"April to June 2026", "Prevent need", "Promote independence", "Improve lives", "Financial oversight", "Reviews held by their due date", "100%"}, nil},
		{"the IQAM pack, as a team manager", apptest.AManager, "/insight?quarter=2026-Q2", 200, []string{"Reviews held by their due date", "100%"}, nil},
		{"the IQAM pack, as finance", apptest.AFinance, "/insight?quarter=2026-Q2", 200, []string{"Council-funded support in place, by the week"}, nil},
		{"the IQAM pack, from the other council", apptest.BQuality, "/insight?quarter=2026-Q2", 200, []string{"Reviews held by their due date"}, []string{"100%"}},
		{"the IQAM pack, as a practitioner", apptest.AWorker, "/insight", 403, nil, nil},
		{"the IQAM pack, as an administrator", apptest.AAdmin, "/insight", 403, nil, nil},
		{"the IQAM pack, as a directory editor", apptest.AAdvice, "/insight", 403, nil, nil},
		{"the IQAM pack for a quarter that is not one", apptest.AQuality, "/insight?quarter=spring", 422,
			[]string{"There is a problem", "Enter a quarter as the year and the quarter, such as 2026-Q3", `href="#f-quarter"`}, nil},
		{"the IQAM pack for a team", apptest.AManager, "/insight?quarter=2026-Q2&team={north}", 200, []string{"April to June 2026 · North", "the North team", "100%"}, nil},
		{"the IQAM pack for the other council's team", apptest.BQuality, "/insight?quarter=2026-Q2&team={north}", 404, nil, []string{"100%"}},
		{"a measure by worker, as a team manager", apptest.AManager, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=worker", 200,
			[]string{"Reviews held by their due date by worker", `<option value="worker" selected>Worker</option>`}, nil},
		{"a measure by worker, as finance", apptest.AFinance, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=worker", 403, nil, nil},
		{"a measure, as finance, offers no division by worker", apptest.AFinance, "/insight/measures/reviews-on-time?quarter=2026-Q2", 200, nil, []string{`value="worker"`}},
		{"a measure by team", apptest.AQuality, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=team", 200,
			[]string{"Reviews held by their due date by team", "North", "Care Act 2014 section 27", "<svg", `role="img"`, "100%"}, nil},
		{"a measure by age band: each band under 6 is withheld", apptest.AManager, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=age", 200,
			[]string{"fewer than 6", "Too few to show", "65 to 74"}, nil},
		{"a measure, from the other council", apptest.BQuality, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=team", 200, []string{"Nothing in the record is counted"}, []string{"North"}},
		{"a measure divided a way there is not", apptest.AQuality, "/insight/measures/reviews-on-time?by=shoe-size", 422, []string{"Choose one of the ways to divide the figures"}, nil},
		{"a measure month by month over five years", apptest.AQuality, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=month&span=five-years", 200,
			[]string{"July 2021 to June 2026", "Reviews held by their due date by month", "April 2026", "100%", "A column for each month"}, nil},
		{"a measure over a time there is not", apptest.AQuality, "/insight/measures/reviews-on-time?span=forever", 422, []string{"Choose how long a time to show"}, nil},
		{"a measure there is not", apptest.AQuality, "/insight/measures/happiness", 404, nil, nil},
		{"a measure, as a practitioner", apptest.AWorker, "/insight/measures/reviews-on-time", 403, nil, nil},
		{"a measure's CSV", apptest.AFinance, "/insight/measures/reviews-on-time/figures.csv?quarter=2026-Q2&by=team", 200,
			[]string{"measure,period,Team,counted,meeting the measure,figure,definition", "Reviews held by their due date,April to June 2026,North,5,5,100%"}, nil},
		{"a measure's CSV, as a practitioner", apptest.AWorker, "/insight/measures/reviews-on-time/figures.csv", 403, nil, nil},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		person := sixReviewsOnTime(t, site)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				who := c.as(site)
				path := strings.ReplaceAll(c.path, "{north}", site.A.North.ID)
				apptest.Ask(t, site, client(who), who, http.MethodGet, path, nil, person,
					apptest.Answer{Status: c.status, Body: c.body, NotBody: c.notBody, Log: none})
			})
		}
	})
}

// TestThePeopleBehindAFigure follows a measure's figures to the people behind them as each role and from the other
// council: the quality lead sees everyone counted, a team manager only the people of their teams, finance and
// practitioners are refused, another council's team is not found; each person listed gains a view in their access
// log, and a person left out gains nothing.
func TestThePeopleBehindAFigure(t *testing.T) {
	t.Parallel()
	view, none := []accesslog.Action{accesslog.View}, []accesslog.Action{}
	const people = "/insight/measures/reviews-on-time/people?quarter=2026-Q2"
	cases := []struct {
		name    string
		as      func(*apptest.Site) councils.Staff
		path    string
		status  int
		body    []string
		notBody []string
		north   []accesslog.Action // added to the first north person's log
		south   []accesslog.Action // added to the south person's log
	}{
		{"the figures offer the people to the quality lead", apptest.AQuality, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=team", 200,
			[]string{"See the people", "/insight/measures/reviews-on-time/people?by=team&amp;key="}, nil, none, none},
		{"the figures offer the people to a team manager", apptest.AManager, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=age", 200,
			[]string{"See the people", "key=75&#43;to&#43;84"}, nil, none, none},
		{"the figures offer finance no one", apptest.AFinance, "/insight/measures/reviews-on-time?quarter=2026-Q2&by=team", 200,
			[]string{"100%"}, []string{"See the people", "/people?"}, none, none},
		{"the whole council, as the quality lead", apptest.AQuality, people + "&key=All", 200,
			[]string{"The people behind the figure", "The whole council: 7 counted", "Measured, Iris", `href="/people/insight-person-0"`, "Southern, Sol", "10 April 2026"},
			[]string{"whose records you may see"}, view, view},
		{"the whole council, as a team manager", apptest.AManager, people + "&key=All", 200,
			[]string{"The whole council: 6 counted whose records you may see", "Measured, Iris", "outside your teams or restricted"},
			[]string{"Southern"}, view, none},
		{"the south team, as a team manager of the north", apptest.AManager, people + "&by=team&key={south}", 200,
			[]string{"Team: South: 0 counted whose records you may see", "No one counted in this figure"}, []string{"Southern"}, none, none},
		{"the north team, as its manager", apptest.AManager, people + "&by=team&key={north}", 200,
			[]string{"Team: North: 6 counted", "Measured, Iris"}, []string{"Southern"}, view, none},
		{"an age band with fewer than 6, as the quality lead", apptest.AQuality, people + "&by=age&key=85+to+94", 200,
			[]string{"Age band: 85 to 94: 1 counted", "Southern, Sol"}, []string{"Measured"}, none, view},
		{"a month of a year's figures", apptest.AQuality, people + "&span=year&by=month&key=2026-04", 200,
			[]string{"April 2026: 7 counted"}, nil, view, view},
		{"a month outside the figures' time", apptest.AQuality, people + "&by=month&key=2026-09", 404, nil, nil, none, none},
		{"the other council's team", apptest.BQuality, people + "&by=team&key={north}", 404, nil, []string{"Measured"}, none, none},
		{"the other council, as a whole", apptest.BQuality, people + "&key=All", 200, []string{"0 counted"}, []string{"Measured"}, none, none},
		{"as finance", apptest.AFinance, people + "&key=All", 403, nil, []string{"Measured"}, none, none},
		{"as a practitioner", apptest.AWorker, people + "&key=All", 403, nil, []string{"Measured"}, none, none},
		{"as an administrator", apptest.AAdmin, people + "&key=All", 403, nil, []string{"Measured"}, none, none},
		{"a measure there is not", apptest.AQuality, "/insight/measures/happiness/people?key=All", 404, nil, nil, none, none},
		{"a quarter that is not one", apptest.AQuality, "/insight/measures/reviews-on-time/people?quarter=spring&key=All", 404, nil, nil, none, none},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		north := sixReviewsOnTime(t, site)
		south := southReviewOnTime(t, site)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				who := c.as(site)
				path := strings.NewReplacer("{north}", site.A.North.ID, "{south}", site.A.South.ID).Replace(c.path)
				before := len(apptest.LogOf(t, site, south))
				apptest.Ask(t, site, client(who), who, http.MethodGet, path, nil, north,
					apptest.Answer{Status: c.status, Body: c.body, NotBody: c.notBody, Log: c.north})
				added := apptest.LogOf(t, site, south)[before:]
				if len(added) != len(c.south) || (len(added) == 1 && added[0].Action != accesslog.View) {
					t.Errorf("the south person's log gained %v, want %v", added, c.south)
				}
			})
		}
	})
}

// TestIQAMInTheBrowser opens the IQAM pack and a measure in a real browser, with axe on each page: the quality lead
// reads the four priorities, follows a measure to its chart and table, divides it by team, and makes a mistake in
// the quarter.
func TestIQAMInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	sixReviewsOnTime(t, site)
	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/insight?quarter=2026-Q2", "iqam")
	apptest.MustContain(t, "iqam", lead.Text("main"), "Prevent need", "Improve lives", "Reviews held by their due date", "100%", "A year before")
	lead.ClickAndWait(`a[href^="/insight/measures/reviews-on-time"]`)
	lead.Select("#f-by", "team")
	lead.Submit("#f-quarter")
	lead.Screenshot("measure-by-team")
	lead.CheckA11y()
	apptest.MustContain(t, "by team", lead.Text("#figures"), "North", "100%")
	apptest.MustContain(t, "caption", lead.Text("#figures caption"), "Reviews held by their due date by team")
	lead.Select("#f-by", "month")
	lead.Select("#f-span", "five-years")
	lead.Submit("#f-quarter")
	lead.Screenshot("measure-by-month")
	lead.CheckA11y()
	apptest.MustContain(t, "by month", lead.Text("#figures"), "April 2026", "100%")
	lead.Fill("#f-quarter", "next spring")
	lead.Submit("#f-quarter")
	lead.Screenshot("measure-mistake")
	lead.CheckA11y()
	apptest.MustContain(t, "mistake", lead.Text(".govuk-error-summary"), "Enter a quarter as the year and the quarter")
}

// TestThePeopleBehindAFigureInTheBrowser follows a figure to its people and on to a person in a real browser, with
// axe on each page: a team manager divides reviews by age band, opens the people behind a band, and goes on to a
// person's record; the person from another team is not listed, and the page says that some are not.
func TestThePeopleBehindAFigureInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	first := sixReviewsOnTime(t, site)
	southReviewOnTime(t, site)
	manager := apptest.SignInBrowser(t, site, site.A.Staff[councils.TeamManager])
	manager.VisitAndCheck("/insight/measures/reviews-on-time?quarter=2026-Q2&by=team", "measure-with-people")
	apptest.MustContain(t, "figures", manager.Text("#figures"), "North", "South", "See the people")
	manager.ClickAndWait(`#figures tfoot a[href*="/people?"]`)
	manager.Screenshot("people-behind-a-figure")
	manager.CheckA11y()
	apptest.MustContain(t, "people", manager.Text("main"), "The people behind the figure", "Reviews held by their due date",
		"The whole council: 6 counted whose records you may see", "outside your teams or restricted", "Measured, Iris", "Met the measure", "Yes")
	if strings.Contains(manager.Text("main"), "Southern") {
		t.Error("the manager of the north team is shown a person of the south team")
	}
	manager.ClickAndWait(`#people a[href="/people/` + first + `"]`)
	manager.CheckA11y()
	apptest.MustContain(t, "person", manager.Text("main"), "Iris")
	if got := manager.URL(); !strings.HasSuffix(got, "/people/"+first) {
		t.Errorf("the person's link went to %s", got)
	}

	// A measure of the ladder, divided by its rungs: the people behind one rung, with the rung beside each.
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	err := site.App.DB.InTx(ctx, func(tx *sqldb.Tx) error {
		for i, rung := range []string{"network", "network", "reablement"} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO solution (council_id, id, person_id, episode_id, rung, description, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, 'Her daughter helps with shopping', $6, $6)`, tx.Council(), fmt.Sprintf("insight-solution-%d", i),
				fmt.Sprintf("insight-person-%d", i), fmt.Sprintf("insight-person-%d-episode", i), rung, time.Date(2026, 5, 4+i, 10, 0, 0, 0, time.UTC)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	manager.VisitAndCheck("/insight/measures/solutions-by-rung?quarter=2026-Q2&by=group", "ladder-by-rung")
	apptest.MustContain(t, "rungs", manager.Text("#figures"), "Rung of the ladder", "Rung 2: Family, friends and network", "Rung 6: Short-term reablement")
	manager.ClickAndWait(`#figures tbody a[href*="key=Rung+2"]`)
	manager.Screenshot("people-on-a-rung")
	manager.CheckA11y()
	apptest.MustContain(t, "people on a rung", manager.Text("main"), "Rung of the ladder: Rung 2: Family, friends and network: 2 counted",
		"4 May 2026", "5 May 2026")
	if strings.Contains(manager.Text("#people"), "reablement") {
		t.Error("the people on the second rung include a solution on another")
	}
}

// TestIQAMPackPrints prints the IQAM pack to a PDF, as a Principal Social Worker takes it to the meeting, and reads
// it back: the priorities and figures are there, and the printed pack offers no form or download.
func TestIQAMPackPrints(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	if !site.App.PDF.Available() {
		testenv.Missing(t, "Chromium is not installed: the pack cannot be printed", "Chromium is not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testenv.Missing(t, "pdftotext is not installed (poppler-utils)", "pdftotext is not installed (apt-get install poppler-utils)")
	}
	sixReviewsOnTime(t, site)
	client := site.SignIn(t, site.A.Staff[councils.QualityLead])
	res, body := site.Get(t, client, "/insight/pack.pdf?quarter=2026-Q2")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF-") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("pack: status %d, %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader([]byte(body))
	text, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	apptest.MustContain(t, "pack", string(text), "Insight: the IQAM pack", "April to June 2026", "Prevent need", "Financial oversight",
		"Reviews held by their due date", "100%")
	for _, not := range []string{"Download the pack", "Show the pack"} {
		if strings.Contains(string(text), not) {
			t.Errorf("the printed pack says %q", not)
		}
	}
}
