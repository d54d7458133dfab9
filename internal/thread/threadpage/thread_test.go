package threadpage_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/thread/threadtest"
)

func TestThreadPageKeepsCouncilsApartAndLogsAccess(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name       string
		as         func(s *apptest.Site) councils.Staff
		other      bool // ask for the episode under another person of the same council
		wantStatus int
		wantBody   []string
		wantLog    []accesslog.Action
	}{
		{name: "the allocated practitioner", as: apptest.AWorker, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View},
			wantBody: []string{"The golden thread", "2 breaks to mend", "No solution serves this outcome yet", "does not say why lower rungs", `role="img"`, "To be independent again"}},
		{name: "the team manager", as: apptest.AManager, wantStatus: 200, wantLog: []accesslog.Action{accesslog.View}},
		{name: "another council's practitioner", as: apptest.BWorker, wantStatus: 404},
		{name: "another council's quality lead", as: apptest.BQuality, wantStatus: 404},
		{name: "finance", as: apptest.AFinance, wantStatus: 404},
		{name: "outside my teams asks for a reason", as: apptest.ASouth, wantStatus: 303},
		{name: "the episode under another person", as: apptest.AWorker, other: true, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		someoneElse := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		episode := threadtest.Seed(t, db, site.A.Council.ID, person.ID)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				staff := sc.as(site)
				owner := person.ID
				if sc.other {
					owner = someoneElse.ID
				}
				apptest.Ask(t, site, client(staff), staff, http.MethodGet, "/people/"+owner+"/episodes/"+episode+"/thread", nil, person.ID,
					apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, Log: sc.wantLog})
			})
		}
	})
}

func TestThreadPageInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	episode := threadtest.Seed(t, db, site.A.Council.ID, person.ID)
	b := apptest.SignInBrowser(t, site, worker)
	b.VisitAndCheck("/people/"+person.ID+"/episodes/"+episode+"/thread", "thread-with-breaks")
	checkTextInBoxes(t, b)

	// A crowded picture: four solutions to one outcome, a direct payment delivering one of them, long words and the
	// longest ratings.
	crowded := threadtest.SeedCrowded(t, db, site.A.Council.ID, person.ID)
	b.VisitAndCheck("/people/"+person.ID+"/episodes/"+crowded+"/thread", "thread-crowded")
	checkTextInBoxes(t, b)
	lines, err := chromedp.Run(b.Context(), chromedp.Evaluate[int](`document.querySelectorAll("svg polyline.gt-thread-line").length`))
	if err != nil {
		t.Fatal(err)
	}
	// The aspiration to the outcome, the outcome to its four solutions, the personal assistant to the direct
	// payment, the outcome to its first rating and that to the second: the service that records no solution is
	// joined to nothing.
	if lines != 8 {
		t.Errorf("%d lines in the picture, want 8", lines)
	}
	if got := b.Text("main"); !strings.Contains(got, "Delivers “A personal assistant she employs with a direct payment, weekday mornings”") ||
		!strings.Contains(got, "Records no solution it delivers") {
		t.Errorf("the list beside the picture does not say what each service delivers:\n%s", got)
	}
}

// checkTextInBoxes asks Chromium, which lays the text out in its own fonts, whether any line of text in the
// picture runs outside its box: every text element's getBBox must lie inside its rect's.
func checkTextInBoxes(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	type result struct {
		Checked  int      `json:"checked"`
		Overflow []string `json:"overflow"`
	}
	const js = `(() => {
		const out = {checked: 0, overflow: []};
		for (const g of document.querySelectorAll("svg g.gt-thread-box")) {
			const r = g.querySelector("rect").getBBox();
			for (const text of g.querySelectorAll("text")) {
				const b = text.getBBox();
				out.checked++;
				if (b.x < r.x || b.y < r.y || b.x + b.width > r.x + r.width || b.y + b.height > r.y + r.height) {
					out.overflow.push(text.textContent + " (" + b.x.toFixed(1) + "," + b.y.toFixed(1) + " " + b.width.toFixed(1) + "×" + b.height.toFixed(1) +
						" in " + r.x + "," + r.y + " " + r.width + "×" + r.height + ")");
				}
			}
		}
		return out;
	})()`
	res, err := chromedp.Run(b.Context(), chromedp.Evaluate[result](js))
	if err != nil {
		t.Fatal(err)
	}
	if res.Checked == 0 {
		t.Error("the picture has no text to check")
	}
	for _, o := range res.Overflow {
		t.Errorf("text runs outside its box: %s", o)
	}
}
