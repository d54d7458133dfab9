package insightpage_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// populationForm is the population form as the quality lead fills it: the Census year and the two sexes, saved
// over the version read.
func populationForm(census, women, men, version string) url.Values {
	return url.Values{"census": {census}, "sex-female": {women}, "sex-male": {men}, "version": {version}}
}

// TestFairUseAndThePopulationForTheRolesThatMay asks the fair use page and the population form as each role and
// from the other council: the roles that read measures read fair use; only the quality lead records the population,
// each council its own; a mistake gets a GOV.UK error and changes nothing; a save over someone else's shows theirs
// beside yours; and none of it, naming no one, is in anyone's access log.
func TestFairUseAndThePopulationForTheRolesThatMay(t *testing.T) {
	t.Parallel()
	none := []accesslog.Action{}
	cases := []struct {
		name    string
		as      func(*apptest.Site) councils.Staff
		method  string
		path    string
		form    url.Values
		status  int
		body    []string
		notBody []string
	}{
		{"fair use before the population is recorded", apptest.AQuality, "GET", "/insight/fair-use?quarter=2026-Q2&by=sex", nil, 200,
			[]string{"Fair use of resources", "July 2025 to June 2026", "The council’s population is not recorded yet", "Record the population from the Census", "Female", "Not recorded"}, nil},
		{"fair use as finance, who may not record the population", apptest.AFinance, "GET", "/insight/fair-use?by=sex", nil, 200,
			[]string{"The quality lead records it from the Census"}, []string{"Record the population from the Census"}},
		{"fair use as a team manager", apptest.AManager, "GET", "/insight/fair-use?by=ethnicity", nil, 200, []string{"Asian or Asian British"}, nil},
		{"fair use as a practitioner", apptest.AWorker, "GET", "/insight/fair-use", nil, 403, nil, nil},
		{"fair use as an administrator", apptest.AAdmin, "GET", "/insight/fair-use", nil, 403, nil, nil},
		{"fair use by a characteristic the Census does not count", apptest.AQuality, "GET", "/insight/fair-use?by=team", nil, 422,
			[]string{"There is a problem", "Choose age band, sex, ethnic group or disability"}, nil},
		{"the population form", apptest.AQuality, "GET", "/insight/population", nil, 200, []string{"Census year", "18 to 24", "Yes, limited a lot", "Save the population"}, nil},
		{"the population form, as finance", apptest.AFinance, "GET", "/insight/population", nil, 403, nil, nil},
		{"the population form, as a team manager", apptest.AManager, "GET", "/insight/population", nil, 403, nil, nil},
		{"a population with a mistake", apptest.AQuality, "POST", "/insight/population", populationForm("twenty", "600", "-4", "0"), 422,
			[]string{"There is a problem", "Enter the Census year as a number, such as 2021", `href="#f-census"`}, nil},
		{"a population with a figure that is not one", apptest.AQuality, "POST", "/insight/population", populationForm("2021", "lots", "400", "0"), 422,
			[]string{"Female must be a whole number of people, such as 12,400"}, nil},
		{"the population recorded", apptest.AQuality, "POST", "/insight/population", populationForm("2021", "6,000", "4000", "0"), 303, nil, nil},
		{"fair use with the population", apptest.AQuality, "GET", "/insight/fair-use?quarter=2026-Q2&by=sex", nil, 200,
			[]string{"Shares of adults from the 2021 Census", "60%", "40%"}, []string{"not recorded yet"}},
		{"the population saved over someone else's", apptest.AQuality, "POST", "/insight/population", populationForm("2021", "5000", "4000", "0"), 409,
			[]string{"Someone else recorded the population while you were changing it", "What they recorded", "6000"}, nil},
		{"the other council's fair use", apptest.BQuality, "GET", "/insight/fair-use?quarter=2026-Q2&by=sex", nil, 200,
			[]string{"The council’s population is not recorded yet"}, []string{"2021 Census"}},
		{"the other council's population form", apptest.BQuality, "GET", "/insight/population", nil, 200, nil, []string{`value="6000"`}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		person := sixReviewsOnTime(t, site)
		for _, c := range cases {
			who := c.as(site)
			apptest.Ask(t, site, client(who), who, c.method, c.path, c.form, person,
				apptest.Answer{Status: c.status, Body: c.body, NotBody: c.notBody, Log: none})
		}
	})
}

// TestFairUseInTheBrowser records the council's population and reads fair use in a real browser, with axe on each
// page: the quality lead goes from the IQAM pack to fair use, records the population with a mistake first, and
// reads each group beside its share of adults.
func TestFairUseInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	sixReviewsOnTime(t, site)
	lead := apptest.SignInBrowser(t, site, site.A.Staff[councils.QualityLead])
	lead.VisitAndCheck("/insight?quarter=2026-Q2", "iqam")
	lead.ClickAndWait(`a[href^="/insight/fair-use"]`)
	lead.Screenshot("fair-use-before")
	lead.CheckA11y()
	lead.ClickAndWait(`a[href="/insight/population"]`)
	lead.Fill("#f-census", "2021")
	lead.Fill("#f-sex-female", "6,000")
	lead.Fill("#f-sex-male", "four thousand")
	lead.Submit("#f-census")
	lead.Screenshot("population-mistake")
	lead.CheckA11y()
	apptest.MustContain(t, "mistake", lead.Text(".govuk-error-summary"), "Male must be a whole number of people")
	lead.Fill("#f-sex-male", "4000")
	lead.Submit("#f-census")
	lead.Select("#f-by", "sex")
	lead.Fill("#f-quarter", "2026-Q2")
	lead.Submit("#f-quarter")
	lead.Screenshot("fair-use-by-sex")
	lead.CheckA11y()
	apptest.MustContain(t, "fair use", lead.Text("#fair-use"), "Female", "60%", "Male", "40%")
	apptest.MustContain(t, "rungs", lead.Text("#rungs"), "Family, friends and network", "Residential or nursing care")
	if code := lead.Visit("/insight/fair-use?by=shoe-size"); code != http.StatusUnprocessableEntity {
		t.Errorf("a characteristic there is not: %d", code)
	}
}
