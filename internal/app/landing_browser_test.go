package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestEachRoleLandsWhereItsWorkIs signs each of the six roles in through the sign-in page and checks the page it
// lands on: the caseload (a team manager's team's), the reviews due, the front door, staff, and finance's spend.
// Each landing page is checked with axe and kept as a screenshot.
func TestEachRoleLandsWhereItsWorkIs(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	// Someone on the practitioner's caseload, in the north team, with a service running that finance counts.
	w := planstest.New(t, db, site.A)
	worker := site.A.Staff[councils.Practitioner]
	peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.GivenName, p.FamilyName, p.NHSNumber, p.WorkerID = "Bea", "Landing", "", worker.ID
	}))
	tests := []struct {
		role  councils.Role
		path  string
		wants []string
		nots  []string
	}{
		{councils.Practitioner, "/caseload", []string{"My caseload", "Landing, Bea"}, nil},
		{councils.TeamManager, "/caseload", []string{"North: caseload", "Landing, Bea", "Test Practitioner"}, []string{"My caseload"}},
		{councils.QualityLead, "/reviews", []string{"North: reviews due"}, nil},
		{councils.DirectoryEditor, "/front-door", []string{"Contacts"}, nil},
		{councils.Administrator, "/admin/staff", []string{"Staff", "Test Practitioner"}, nil},
		{councils.Finance, "/finance", []string{"Spend on support", "North", "All teams", "Services in place"}, []string{w.Person.FamilyName}},
		{councils.ProgrammeLead, "/programme", []string{"Implementation programme"}, []string{w.Person.FamilyName, "Landing"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			if got := auth.Home(tt.role); got != tt.path {
				t.Fatalf("Home(%s) = %q, want %q", tt.role, got, tt.path)
			}
			staff := site.A.Staff[tt.role]
			b := apptest.SignInBrowser(t, site, staff)
			if staff.Role.Administers() {
				code, err := totp.GenerateCodeCustom(apptest.TOTPSecret, time.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
				if err != nil {
					t.Fatal(err)
				}
				b.Fill("#f-code", code)
				b.Submit("#f-code")
			}
			if got := strings.TrimPrefix(b.URL(), site.Server.URL); got != tt.path {
				t.Errorf("%s landed on %s, want %s", tt.role, got, tt.path)
			}
			b.Screenshot("landing-" + string(tt.role))
			b.CheckA11y()
			main := b.Text("main")
			for _, want := range tt.wants {
				if !strings.Contains(main, want) {
					t.Errorf("%s's first page does not say %q:\n%s", tt.role, want, main)
				}
			}
			for _, not := range tt.nots {
				if strings.Contains(main, not) {
					t.Errorf("%s's first page says %q", tt.role, not)
				}
			}
			// The start page always brings them back here.
			b.Visit("/")
			if got := strings.TrimPrefix(b.URL(), site.Server.URL); got != tt.path {
				t.Errorf("%s: / took them to %s, want %s", tt.role, got, tt.path)
			}
		})
	}
}
