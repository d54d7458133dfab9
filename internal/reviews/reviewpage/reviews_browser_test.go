package reviewpage_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestFromAPlanToItsReview walks steps 3 and 4 as a practitioner does them, in a real browser, checking every page
// with axe: make a draft plan from an episode with SMART outcomes and a solution, be refused agreement while one
// outcome is not SMART, mend it, agree the plan with the person, read My plan (and download its PDF where Chromium
// can print one), then hold the review, rating each outcome and deciding about the service, and see the T-score
// and the next review date.
func TestFromAPlanToItsReview(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	w := planstest.New(t, db, site.A)
	stairs := w.Outcomes[1]
	planSQL(t, site, `UPDATE outcome SET how_we_know = '', status = 'draft' WHERE council_id = $1 AND id = $2`, stairs.ID)
	episode := "/people/" + w.Person.ID + "/episodes/" + w.EpisodeID

	b := apptest.SignInBrowser(t, site, worker)

	// From the episode to its support plan, and a draft made from the thread.
	b.VisitAndCheck(episode, "episode")
	b.ClickAndWait(`a[href="` + episode + `/plan"]`)
	b.Screenshot("plans-empty")
	b.CheckA11y()
	b.Submit(`form[action="` + episode + `/plan/new"] button`)
	b.Screenshot("draft")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Before the plan can be agreed, make these outcomes SMART") || !strings.Contains(got, "I can get up the stairs by myself: add how everyone will know") {
		t.Errorf("the draft does not say what stops it being agreed:\n%s", got)
	}
	draft := b.URL()
	b.Fill("#f-personal_budget", "125")
	b.Fill("#f-crisis_contact", "Cara Testperson, Ada's daughter, on 07700 900123")
	b.Submit("#f-crisis_contact")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Plan saved") {
		t.Errorf("after saving the draft the banner says %q", got)
	}

	// Agreement is refused while an outcome is not SMART.
	b.ClickAndWait(`a[href$="/agree"]`)
	b.Screenshot("agree")
	b.CheckA11y()
	b.Check(`input[name="agreed_how"][value="in_person"]`)
	b.Fill("#f-agreed_with", "Ada and her daughter Cara")
	b.Fill("#f-person_comment", "I want to get back to my allotment before the summer")
	b.Submit("#f-agreed_with")
	b.Screenshot("agree-refused")
	b.CheckA11y()
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "Outcome “I can get up the stairs by myself” is not SMART yet: add how everyone will know") {
		t.Errorf("the error summary does not name the outcome:\n%s", got)
	}
	if got := b.HTML(); !strings.Contains(got, "I want to get back to my allotment before the summer") {
		t.Error("the agree form lost what was typed")
	}

	// Mend the outcome, then agree the plan.
	b.Visit(episode + "/outcomes/" + stairs.ID)
	b.Fill("#f-how_we_know", "Ada goes up to bed by herself every night")
	b.Submit("#f-how_we_know")
	b.Visit(draft + "/agree")
	b.Check(`input[name="agreed_how"][value="in_person"]`)
	b.Fill("#f-agreed_with", "Ada and her daughter Cara")
	b.Fill("#f-person_comment", "I want to get back to my allotment before the summer")
	b.Submit("#f-agreed_with")
	b.Screenshot("agreed")
	b.CheckA11y()
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Plan agreed") {
		t.Errorf("after agreeing the banner says %q", got)
	}

	// My plan, written to Ada.
	b.ClickAndWait(`a[href$="/my-plan"]`)
	b.Screenshot("my-plan")
	b.CheckA11y()
	main := b.Text("main")
	for _, want := range []string{"Ada’s support plan", "What matters to you", "Staying at home with the cat", "I know everything about growing vegetables",
		"I go to the allotment every week", "Cara drives Ada to the allotment", "If things go wrong, call Cara Testperson", "We will look at this plan together on"} {
		if !strings.Contains(main, want) {
			t.Errorf("My plan does not say %q:\n%s", want, main)
		}
	}
	if site.App.PDF.Available() {
		client := site.SignIn(t, worker)
		res, body := site.Get(t, client, strings.TrimPrefix(b.URL(), site.Server.URL)+".pdf")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
			t.Fatalf("PDF: status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
		path := filepath.Join(t.TempDir(), "my-plan.pdf")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("pdfinfo"); err == nil {
			out, err := exec.Command("pdfinfo", path).CombinedOutput()
			if err != nil || !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(out) || !regexp.MustCompile(`(?m)^Page size:.*\(A4\)$`).Match(out) {
				t.Errorf("pdfinfo: %v\n%s", err, out)
			}
			if root, err := browsertest.RepoRoot(); err == nil {
				// Keep a picture of the first page beside the screenshots, to look at.
				_ = exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, filepath.Join(root, "screenshots", "TestFromAPlanToItsReview-my-plan-pdf")).Run()
			}
		} else {
			t.Log("pdfinfo is not installed (apt-get install poppler-utils): the PDF's tags are not checked")
		}
	} else {
		t.Log("Chromium cannot print here: My plan offers no PDF")
	}

	// The review: first with an outcome not rated, then complete.
	b.Visit(episode + "/reviews")
	b.Screenshot("reviews")
	b.CheckA11y()
	b.ClickAndWait(`td a[href*="/reviews/"]`)
	b.Screenshot("review")
	b.CheckA11y()
	b.Check(`input[name="method"][value="Service user and carer"]`)
	b.Check(`input[name="` + reviews.RatingField(w.Outcomes[0].ID) + `"][value="1"]`)
	b.Check(`input[name="` + reviews.DecisionField(w.Service.ID) + `"][value="continue"]`)
	b.Fill("#f-person_view", "Much more like my old self")
	b.Submit("#f-person_view")
	b.Screenshot("review-not-rated")
	b.CheckA11y()
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "Rate outcome “I can get up the stairs by myself” on its scale") {
		t.Errorf("the error summary does not name the outcome not rated:\n%s", got)
	}
	b.Check(`input[name="` + reviews.RatingField(w.Outcomes[1].ID) + `"][value="0"]`)
	b.Submit("#f-person_view")
	b.Screenshot("review-completed")
	b.CheckA11y()
	banner := b.Text(".govuk-notification-banner")
	if !strings.Contains(banner, "Review completed. Goal Attainment T-score") || !strings.Contains(banner, "The next review is due on") {
		t.Errorf("after the review the banner says %q", banner)
	}
	if got := b.Text("main"); !strings.Contains(got, "Somewhat more than expected") || !strings.Contains(got, "Partially Met") && !strings.Contains(got, "Fully Met") {
		t.Errorf("the completed review:\n%s", got)
	}
}
