package app_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestEveryPageIsAccessible opens every page as the role that uses it, in a real browser, and fails on any axe
// finding. Screenshots of each are kept for people to look at.
func TestEveryPageIsAccessible(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	person := peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.Network = []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son", LegalAuthority: "Lasting power of attorney: health and welfare"}}
	}))
	member := person.Network[0].ID
	signIn := func(staff councils.Staff) *browsertest.Browser {
		b := apptest.SignInBrowser(t, site, staff)
		if staff.Role.Administers() {
			b.Screenshot("two-factor")
			b.CheckA11y()
			apptest.PassTwoFactor(t, b)
		}
		return b
	}

	worker := signIn(site.A.Staff[councils.Practitioner])
	for path, name := range map[string]string{
		"/people":                                     "find",
		"/people?q=":                                  "find-empty-query",
		"/people?q=nobody":                            "find-no-results",
		"/people/" + person.ID + "/edit":              "edit",
		"/people/" + person.ID + "/network/new":       "network-new",
		"/people/" + person.ID + "/network/" + member: "network-change",
		"/people/not-a-person":                        "not-found",
		"/admin/staff":                                "forbidden",
		"/account/two-factor":                         "set-up-two-factor",
		"/our-networks":                               "our-networks-none",
	} {
		worker.VisitAndCheck(path, name)
	}

	glass := signIn(site.A.SouthWorker)
	glass.VisitAndCheck("/people/"+person.ID+"/break-glass", "break-glass")
	glass.Fill("#f-reason", "Duty call from the ward")
	glass.Submit("#f-reason")
	glass.Screenshot("opened-by-break-glass")
	glass.CheckA11y()

	manager := signIn(site.A.Staff[councils.TeamManager])
	manager.VisitAndCheck("/people/"+person.ID+"/access", "who-has-seen")

	finance := signIn(site.A.Staff[councils.Finance])
	finance.VisitAndCheck("/", "finance-home")

	admin := signIn(site.A.Staff[councils.Administrator])
	staffID := site.A.Staff[councils.Practitioner].ID
	for path, name := range map[string]string{
		"/admin/staff":                          "staff",
		"/admin/staff/new":                      "staff-new",
		"/admin/staff/" + staffID:               "staff-change",
		"/admin/teams":                          "teams",
		"/admin/settings":                       "settings",
		"/admin/networks":                       "networks",
		"/admin/access-log":                     "access-log",
		"/admin/access-log?person=" + person.ID: "access-log-person",
		"/admin/break-glass":                    "break-glass-reviews",
		"/admin/break-glass?all=yes":            "break-glass-all",
	} {
		admin.VisitAndCheck(path, name)
	}
	// A form with mistakes, as an administrator meets it.
	admin.Visit("/admin/staff/new")
	admin.Submit("form button.govuk-button")
	admin.Screenshot("staff-new-mistakes")
	admin.CheckA11y()
}
