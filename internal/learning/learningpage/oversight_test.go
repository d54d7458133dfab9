package learningpage_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// oversightFixture is two new starters in council A's north team: one with an induction pathway begun six weeks
// ago, its first steps now overdue, and one without; a person of council A, to prove these pages log nobody's record;
// and the north practitioner trained in strengths-based practice, by an import.
type oversightFixture struct {
	person            people.Person
	inducted, starter councils.Staff
	pathway           learning.Pathway
	today             sqldb.Date
}

type oversightScenario struct {
	name       string
	method     string
	path       string
	form       func(f oversightFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

func newInductionForm(fn func(v url.Values)) func(oversightFixture) url.Values {
	return func(f oversightFixture) url.Values {
		v := url.Values{"staff": {f.starter.ID}}
		for i, title := range []string{"Read the practice framework", "Shadow an experienced colleague on visits"} {
			kind := learning.Reading
			if i == 1 {
				kind = learning.Shadowing
			}
			v.Set(learning.StepField(i, "kind"), string(kind))
			v.Set(learning.StepField(i, "title"), title)
			v.Set(learning.StepField(i, "include"), "yes")
			apptest.DateFields(learning.StepField(i, "due_on"), sqldb.NewDate(f.today.AddDate(0, 0, 7*(i+1))), v)
		}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func markForm(step func(f oversightFixture) learning.Step, version func(learning.Step) int) func(oversightFixture) url.Values {
	return func(f oversightFixture) url.Values {
		s := step(f)
		return url.Values{"step": {s.ID}, "version": {strconv.Itoa(version(s))}, "done": {"yes"}}
	}
}

func stepOf(kind learning.StepKind) func(f oversightFixture) learning.Step {
	return func(f oversightFixture) learning.Step {
		for _, s := range f.pathway.Steps {
			if s.Kind == kind {
				return s
			}
		}
		panic("no " + string(kind) + " step")
	}
}

// theStarter stands, in a scenario's "as", for the scenario's new starter with a pathway.
func theStarter(*apptest.Site) councils.Staff { return councils.Staff{} }

func TestOversightPagesKeepCouncilsApart(t *testing.T) {
	t.Parallel()
	current := func(s learning.Step) int { return s.Version }
	stale := func(learning.Step) int { return 0 }
	scenarios := []oversightScenario{
		{name: "coverage, as the quality lead", method: "GET", path: "/learning/coverage", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Learning coverage", "are trained in Strengths-based practice skills", "The whole council", "North", "South", "1 of 5 (20%)"}},
		{name: "coverage, as a team manager", method: "GET", path: "/learning/coverage", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"North", "1 of 4 (25%)"}, notBody: []string{"South", "The whole council"}},
		{name: "coverage, as a practitioner", method: "GET", path: "/learning/coverage", as: apptest.AWorker, wantStatus: 403},
		{name: "coverage, as finance", method: "GET", path: "/learning/coverage", as: apptest.AFinance, wantStatus: 403},
		{name: "coverage, from another council", method: "GET", path: "/learning/coverage", as: apptest.BQuality, wantStatus: 200,
			wantBody: []string{"0 of 2 (0%)"}, notBody: []string{"1 of 5 (20%)"}},
		{name: "a team's staff, as the quality lead", method: "GET", path: "/learning/coverage/{north}", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"North: learning coverage", "Test Practitioner", "Trained", "Last 1 May 2024", "Test New Starter"}},
		{name: "another team's staff, as a team manager", method: "GET", path: "/learning/coverage/{south}", as: apptest.AManager, wantStatus: 404},
		{name: "a team's staff, from another council", method: "GET", path: "/learning/coverage/{north}", as: apptest.BQuality, wantStatus: 404},
		{name: "new starters, as a team manager", method: "GET", path: "/learning/induction", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Test New Starter", "0 of ", "overdue", "Read the practice framework", "Set a new starter’s induction"}},
		{name: "new starters, from another council", method: "GET", path: "/learning/induction", as: apptest.BManager, wantStatus: 200,
			wantBody: []string{"No new starter you follow"}, notBody: []string{"Test New Starter"}},
		{name: "new starters, as a practitioner", method: "GET", path: "/learning/induction", as: apptest.AWorker, wantStatus: 403},
		{name: "the pathway offered", method: "GET", path: "/learning/induction/new?staff={starter}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Test Second Starter", "Read the practice framework", "Induction to the practice framework", "First supervision", "Mental Capacity Act in practice"}},
		{name: "the pathway offered for someone not one's to induct", method: "GET", path: "/learning/induction/new?staff={inducted}", as: apptest.AManager, wantStatus: 422,
			wantBody: []string{"Choose the new starter from the list"}},
		{name: "set a pathway", method: "POST", path: "/learning/induction/new", as: apptest.AManager, form: newInductionForm(nil), wantStatus: 303},
		{name: "a pathway with a step's date missing", method: "POST", path: "/learning/induction/new", as: apptest.AManager,
			form: newInductionForm(func(v url.Values) { v.Del(learning.StepField(1, "due_on") + "-day") }), wantStatus: 422,
			wantBody: []string{"There is a problem", `href="#f-step_2_due_on`, "Shadow an experienced colleague"}, unchanged: true},
		{name: "a pathway from another council", method: "POST", path: "/learning/induction/new", as: apptest.BManager, form: newInductionForm(nil),
			wantStatus: 422, wantBody: []string{"Choose the new starter from the list"}, unchanged: true},
		{name: "a pathway set by a practitioner", method: "POST", path: "/learning/induction/new", as: apptest.AWorker, form: newInductionForm(nil),
			wantStatus: 403, unchanged: true},
		{name: "one's own induction", method: "GET", path: "/learning/induction/{inducted}", as: theStarter, wantStatus: 200,
			wantBody: []string{"Your induction", "Mark done today", "Overdue"}},
		{name: "an induction, as a colleague", method: "GET", path: "/learning/induction/{inducted}", as: apptest.ASouth, wantStatus: 404},
		{name: "an induction, from another council", method: "GET", path: "/learning/induction/{inducted}", as: apptest.BQuality, wantStatus: 404},
		{name: "mark reading done", method: "POST", path: "/learning/induction/{inducted}", as: theStarter,
			form: markForm(stepOf(learning.Reading), current), wantStatus: 303},
		{name: "mark reading done, as their manager", method: "POST", path: "/learning/induction/{inducted}", as: apptest.AManager,
			form: markForm(stepOf(learning.Reading), current), wantStatus: 303},
		{name: "a stale mark", method: "POST", path: "/learning/induction/{inducted}", as: theStarter,
			form: markForm(stepOf(learning.Reading), stale), wantStatus: 409, wantBody: []string{"Someone else changed this step"}, unchanged: true},
		{name: "a course marked by hand", method: "POST", path: "/learning/induction/{inducted}", as: theStarter,
			form: markForm(stepOf(learning.CourseStep), current), wantStatus: 422, wantBody: []string{"done when the record shows them"}, unchanged: true},
		{name: "a mark from another council", method: "POST", path: "/learning/induction/{inducted}", as: apptest.BQuality,
			form: markForm(stepOf(learning.Reading), current), wantStatus: 404, unchanged: true},
		{name: "the import, as the quality lead", method: "GET", path: "/learning/import", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Import past attendance", "completed_on"}},
		{name: "the import, as a team manager", method: "GET", path: "/learning/import", as: apptest.AManager, wantStatus: 403},
		{name: "the caseload flags overdue induction", method: "GET", path: "/caseload", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{`id="induction-overdue"`, "1 new starter has induction steps overdue", "Test New Starter"}},
		{name: "another council's caseload does not", method: "GET", path: "/caseload", as: apptest.BManager, wantStatus: 200,
			notBody: []string{`id="induction-overdue"`, "Test New Starter"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		hash, err := site.App.Auth.Hasher().Hash(context.Background(), apptest.Password)
		if err != nil {
			t.Fatal(err)
		}
		for i, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newOversightFixture(t, site, db, i, hash)
				before := oversightState(t, site)
				path := strings.NewReplacer("{north}", site.A.North.ID, "{south}", site.A.South.ID, "{starter}", f.starter.ID,
					"{inducted}", f.inducted.ID).Replace(sc.path)
				who := sc.as(site)
				if who.ID == "" {
					who = f.inducted
				}
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, f.person.ID, apptest.Answer{Status: sc.wantStatus,
					Body: sc.wantBody, NotBody: sc.notBody})
				after := oversightState(t, site)
				apptest.CheckChange(t, before, after, sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
				retire(t, site, f)
			})
		}
	})
}

// newOversightFixture makes scenario n's new starters and pathway, and trains the north practitioner once.
func newOversightFixture(t *testing.T, site *apptest.Site, db *sqldb.DB, n int, hash string) oversightFixture {
	t.Helper()
	f := oversightFixture{today: site.App.DB.Today()}
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	var err error
	for _, st := range []struct {
		to   *councils.Staff
		name string
	}{{&f.inducted, "Test New Starter"}, {&f.starter, "Test Second Starter"}} {
		*st.to, err = site.App.Councils.CreateStaff(ctx, councils.NewStaff{Email: "starter" + strconv.Itoa(n) + "." + strings.ToLower(strings.ReplaceAll(st.name, " ", "")) + "@example.org",
			Name: st.name, Role: councils.Practitioner, TeamIDs: []string{site.A.North.ID}})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range []councils.Staff{f.inducted, f.starter} {
		if err := site.App.Councils.SetPassword(ctx, st.ID, hash); err != nil {
			t.Fatal(err)
		}
	}
	lead := peopletest.As(site.A.Staff[councils.QualityLead])
	courses, err := site.App.Learning.Courses(lead)
	if err != nil {
		t.Fatal(err)
	}
	if f.pathway, err = site.App.Learning.StartInduction(lead, f.inducted.ID, learning.DefaultPathway(courses, f.inducted, sqldb.NewDate(f.today.AddDate(0, 0, -42)))); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		if _, err := site.App.Learning.ImportAttendance(lead, strings.NewReader("email,course,completed_on\n"+
			site.A.Staff[councils.Practitioner].Email+",Strengths-based practice skills (MASOSS and ROPES),2024-05-01\n")); err != nil {
			t.Fatal(err)
		}
	}
	f.person = peopletest.MustCreate(t, db, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID))
	return f
}

// retire disables a scenario's new starters, so that later scenarios count and list only their own.
func retire(t *testing.T, site *apptest.Site, f oversightFixture) {
	t.Helper()
	ctx := councils.WithStaff(context.Background(), site.A.Staff[councils.Administrator])
	for _, st := range []councils.Staff{f.inducted, f.starter} {
		current, err := site.App.Councils.StaffByID(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := site.App.Councils.UpdateStaff(ctx, st.ID, councils.StaffChange{Name: "Retired " + st.Name, Role: current.Role,
			TeamIDs: current.TeamIDs, Disabled: true, Version: current.Version}); err != nil {
			t.Fatal(err)
		}
	}
	apptest.Retire(t, site, f.person)
}

// oversightState is everything these pages change, as one comparable string.
func oversightState(t *testing.T, site *apptest.Site) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM learning_induction_step WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM learning_induction_step WHERE council_id = $1`,
		`SELECT count(*) FROM learning_booking WHERE council_id = $1`,
		`SELECT count(*) FROM person_event WHERE council_id = $1`,
	}, site.A.Council.ID)
}

// importFile posts a CSV file to the import page as the signed-in client does from the form.
func importFile(t *testing.T, site *apptest.Site, c *http.Client, csv string) (*http.Response, string) {
	t.Helper()
	return site.PostFile(t, c, "/learning/import", "file", "attendance.csv", "text/csv", []byte(csv))
}

func TestImportPageReportsEveryBadLineAndSavesNothing(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		lead := site.A.Staff[councils.QualityLead]
		before := oversightState(t, site)
		res, body := importFile(t, site, client(lead), "email,course,completed_on\nnobody@example.org,Strengths-based practice skills (MASOSS and ROPES),2024-05-01\n"+
			site.A.Staff[councils.Practitioner].Email+",Basket weaving,2024-05-01\n")
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a bad file: status %d", res.StatusCode)
		}
		apptest.MustContain(t, "the bad file's page", body, "There is a problem", "attendance.csv has 2 problems", "No member of staff has the email",
			"No course in the catalogue is called &#34;Basket weaving&#34;", `href="#f-file"`)
		if after := oversightState(t, site); after != before {
			t.Errorf("a bad file changed the record: %s → %s", before, after)
		}
		good := "email,course,completed_on\n" + site.A.Staff[councils.Practitioner].Email + ",Mental Capacity Act in practice,2025-01-10\n"
		if res, body := importFile(t, site, client(site.A.Staff[councils.TeamManager]), good); res.StatusCode != http.StatusForbidden {
			t.Errorf("a team manager imported: %d %s", res.StatusCode, apptest.Excerpt(body))
		}
		if res, body := importFile(t, site, client(site.B.Staff[councils.QualityLead]), good); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "No member of staff has the email") {
			t.Errorf("council B imported council A's practitioner: %d %s", res.StatusCode, apptest.Excerpt(body))
		}
		if res, body := importFile(t, site, client(lead), good); res.StatusCode != http.StatusSeeOther {
			t.Errorf("a good file: %d %s", res.StatusCode, apptest.Excerpt(body))
		}
		if _, body := site.Get(t, client(lead), "/learning/coverage"); !strings.Contains(body, "1 completion imported, on 1 new session") {
			t.Errorf("the coverage page does not say what was imported:\n%s", apptest.Excerpt(body))
		}
		if after := oversightState(t, site); after == before {
			t.Error("a good file changed nothing")
		}
	})
}
