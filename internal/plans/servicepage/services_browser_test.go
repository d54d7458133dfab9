package servicepage_test

import (
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAServiceWaitsForItsAuthorisation walks a service above the council's threshold through its authorisation in
// a real browser, checking every page with axe: the practitioner adds it (first with mistakes), sees that it waits
// and cannot start; the team manager authorises it from their list; the practitioner starts it.
func TestAServiceWaitsForItsAuthorisation(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	setServiceThreshold(t, site, site.A)
	w := newServiceWorld(t, site, db)
	list := "/people/" + w.person.ID + "/episodes/" + w.episode + "/services"
	signIn := func(st councils.Staff) *browsertest.Browser {
		b := apptest.SignInBrowser(t, site, st)
		return b
	}

	// The practitioner opens the episode's services and adds one, with mistakes first.
	worker := signIn(site.A.Staff[councils.Practitioner])
	worker.VisitAndCheck(list, "services")
	if got := worker.Text("main"); !strings.Contains(got, "Awaiting authorisation") || !strings.Contains(got, "I can get washed and dressed by myself") {
		t.Fatalf("services list:\n%s", got)
	}
	worker.ClickAndWait(`a[href="` + list + `/new"]`)
	worker.Screenshot("new-service")
	worker.CheckA11y()
	worker.Fill("#f-provider", "Sampleford Care")
	worker.Fill("#f-unit_cost", "forty")
	worker.Fill("#f-units", "10")
	worker.Submit("#f-provider")
	worker.Screenshot("new-service-mistakes")
	worker.CheckA11y()
	summary := worker.Text(".govuk-error-summary")
	for _, want := range []string{"Select the type of service", "Enter the cost of one unit as an amount in pounds", "Enter the date the service starts", "Enter the date this short-term service ends", "Select how the cost is charged"} {
		if !strings.Contains(summary, want) {
			t.Errorf("error summary does not say %q:\n%s", want, summary)
		}
	}
	if got := worker.HTML(); !strings.Contains(got, `value="Sampleford Care"`) || !strings.Contains(got, `value="forty"`) {
		t.Error("the form lost what was typed")
	}
	worker.Check("#f-service_type")
	worker.Select("#f-component", "Home support or domiciliary care")
	worker.Check("#f-delivery_mechanism-3")
	worker.FillDate("start", "3", "3", "2025")
	worker.FillDate("end", "28", "4", "2025")
	worker.Fill("#f-unit_cost", "42.50")
	worker.Select("#f-frequency", "Hourly")
	worker.Submit("#f-provider")
	worker.Screenshot("service-waiting")
	worker.CheckA11y()
	if got := worker.Text(".govuk-notification-banner"); !strings.Contains(got, "£425.00 a week, so a team manager must authorise it") {
		t.Errorf("after saving: banner says %q", got)
	}
	if got := worker.Text("main"); !strings.Contains(got, "A team manager must authorise it before it can start") {
		t.Errorf("the waiting service does not say it cannot start:\n%s", got)
	}
	if worker.Exists("#start") {
		t.Error("a service waiting for authorisation offers to start")
	}
	servicePage := worker.URL()

	// The team manager finds it in their list, oldest first, and authorises it.
	manager := signIn(site.A.Staff[councils.TeamManager])
	manager.ClickAndWait(`.govuk-service-navigation a[href="/authorisations"]`)
	manager.Screenshot("authorisations")
	manager.CheckA11y()
	rows := manager.Text("tbody")
	first, second := strings.Index(rows, "£500.00"), strings.Index(rows, "£425.00")
	if first < 0 || second < 0 || first > second {
		t.Fatalf("authorisations are not listed oldest first:\n%s", rows)
	}
	if !strings.Contains(rows, "Sampleford Care") || !strings.Contains(rows, "Test Practitioner") {
		t.Errorf("the list does not say what and who asked:\n%s", rows)
	}
	ep := episodeServices(t, site, w)
	var added plans.ServiceRecord
	for _, s := range ep.Services {
		if s.Provider == "Sampleford Care" {
			added = s
		}
	}
	if added.Authorisation == nil {
		t.Fatal("the new service has no request for authorisation")
	}
	manager.ClickAndWait(`a[href="/authorisations/` + added.Authorisation.ID + `"]`)
	manager.Screenshot("decide")
	manager.CheckA11y()
	manager.Check("#f-decision")
	manager.Fill("#f-reason", "Agreed: short-term reablement after the hospital stay")
	manager.Submit("#f-reason")
	manager.CheckA11y()
	if got := manager.Text(".govuk-notification-banner"); !strings.Contains(got, "Service authorised") {
		t.Errorf("after deciding: banner says %q", got)
	}
	if got := manager.Text("main"); strings.Contains(got, "Sampleford Care") {
		t.Error("the authorised service is still waiting in the list")
	}

	// The practitioner starts it.
	worker.Visit(strings.TrimPrefix(servicePage, site.Server.URL))
	worker.CheckA11y()
	if got := worker.Text("main"); !strings.Contains(got, "Agreed: short-term reablement after the hospital stay") || !strings.Contains(got, "Test Team manager") {
		t.Errorf("the service page does not show the decision:\n%s", got)
	}
	worker.FillDate("started_on", "5", "3", "2025")
	worker.Submit("#f-started_on-year")
	worker.Screenshot("service-started")
	worker.CheckA11y()
	if got := worker.Text(".govuk-notification-banner"); !strings.Contains(got, "Service started") {
		t.Errorf("after starting: banner says %q", got)
	}
	if got := worker.Text("h1"); !strings.Contains(got, "Active") {
		t.Errorf("heading after starting = %q", got)
	}
	worker.VisitAndCheck(list, "services-after")
}
