package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestAWholeCase walks the golden thread end to end in a real browser, with axe on every page, using only what a
// practitioner and a team manager see: a first person's contact is resolved with advice at Step 1; a second person
// goes through all four steps, from the contact to a SMART outcome, solutions on the ladder, a service the team
// manager authorises, an agreed plan, My plan and a review; and the golden thread view shows no break.
func TestAWholeCase(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error { _, err := tx.ExecContext(ctx, q, args...); return err }); err != nil {
			t.Fatal(err)
		}
	}
	one := func(q string, args ...any) string {
		t.Helper()
		var s string
		if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error { return tx.QueryRowContext(ctx, q, args...).Scan(&s) }); err != nil {
			t.Fatal(err)
		}
		return s
	}
	// The council asks a team manager to authorise anything above £300 a week.
	exec(`UPDATE council SET authorisation_threshold_pence = 30000 WHERE id = $1`, site.A.Council.ID)
	first := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.GivenName, p.FamilyName, p.NHSNumber = "Edna", "Firstcontact", ""
	}))
	second := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.GivenName, p.FamilyName, p.NHSNumber, p.WorkerID = "Walter", "Wholecase", "", worker.ID
	}))
	signIn := func(st councils.Staff) *browsertest.Browser {
		b := apptest.SignInBrowser(t, site, st)
		return b
	}
	mustSay := func(b *browsertest.Browser, where string, wants ...string) {
		t.Helper()
		got := b.Text(where)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s on %s does not say %q:\n%s", where, b.URL(), w, got)
			}
		}
	}
	today := time.Now()
	b := signIn(worker)

	// 1. Advice is all Edna needs: resolved at the front door, on one page.
	b.Visit("/people/" + first.ID)
	b.ClickAndWait(`#episodes a[href$="/contacts/new"]`)
	b.CheckA11y()
	b.Check(apptest.Radio("route_of_access", codelists.RouteOfAccessDefault))
	b.Check(apptest.Radio("channel", "Phone"))
	b.Check(apptest.Radio("contact_by", "self"))
	b.Fill("#f-reason", "Asked what is on locally for people who live alone")
	b.Check(apptest.Radio("next", "resolve"))
	b.Check(apptest.Radio("result", codelists.EventOutcomeInformationAdvice))
	b.Fill("#f-note", "Told her about the lunch club on Tuesdays")
	b.Submit("#f-note")
	b.Screenshot("advice-resolved")
	b.CheckA11y()
	mustSay(b, "#episodes", "Ended")

	// 2. Walter: a contact that opens an episode, and Step 1 in progress with a conversation and a strength.
	b.Visit("/people/" + second.ID)
	b.ClickAndWait(`#episodes a[href$="/contacts/new"]`)
	b.Check(apptest.Radio("route_of_access", "Discharge from Hospital"))
	b.Check(apptest.Radio("channel", "Another professional"))
	b.Check(apptest.Radio("contact_by", "professional"))
	b.Fill("#f-reason", "Home after a fall; worried about getting washed and dressed")
	b.Check(apptest.Radio("next", "open"))
	b.Submit("#f-reason")
	b.CheckA11y()
	episode := strings.TrimPrefix(b.URL(), site.Server.URL)
	b.ClickAndWait(`a[href$="/steps/1"]`)
	b.Check(apptest.Radio("status", "in_progress"))
	b.Submit(apptest.Radio("status", "in_progress"))
	b.CheckA11y()
	b.ClickAndWait(`a[href$="/conversations/new?step=1"]`)
	b.Check(apptest.Radio("method", "face_to_face"))
	b.Check(apptest.Radio("place", "home"))
	b.Fill("#f-participants", "Walter and his son Ben")
	b.Check(apptest.Radio("needed_help", "no"))
	b.Fill("#f-mindset_words", "I want to manage on my own again")
	b.Fill("#f-strengths_words", "I cook every day and Ben pops in after work")
	b.Submit("#f-mindset_words")
	b.CheckA11y()
	b.Visit("/people/" + second.ID + "/strengths/new")
	b.Check(`input[name="kind"][value="personal"]`)
	b.Fill("#f-person_words", "I have cooked for myself for sixty years")
	b.Submit("#f-person_words")
	b.CheckA11y()

	// 3. Steps 2 and 3: an aspiration, a SMART outcome, solutions on the ladder.
	b.Visit(episode + "/outcomes")
	b.ClickAndWait(`a[href^="/people/` + second.ID + `/aspirations/new"]`)
	b.Fill("#f-words", "To stay in my own home")
	b.Check(`input[name="term"][value="long"]`)
	b.Submit("#f-words")
	b.CheckA11y()
	b.ClickAndWait(`a[href="` + episode + `/outcomes/new"]`)
	b.Fill("#f-different", "I get washed and dressed by myself every morning")
	b.Check(`input[name="aspiration_id"]`)
	b.Fill("#f-how_we_know", "Walter tells us, and Ben sees him dressed when he calls")
	b.FillDay("by_when", today.AddDate(0, 3, 0))
	b.Fill("#f-who_involved", "Walter, Ben and the reablement team")
	b.Fill("#f-expected", "Washed and dressed by himself every day")
	b.Check(`input[name="baseline"][value="-1"]`)
	b.Check(`input[name="importance"][value="3"]`)
	b.Check(`input[name="difficulty"][value="2"]`)
	b.Submit("#f-how_we_know")
	b.CheckA11y()
	mustSay(b, "main", "SMART")
	outcomeID := one(`SELECT id FROM outcome WHERE council_id = $1 AND person_id = $2`, site.A.Council.ID, second.ID)

	b.Visit(episode + "/solutions/new")
	b.Check(`input[name="outcome_ids"]`)
	b.Check(`input[name="rung"][value="network"]`)
	b.Fill("#f-description", "Ben helps with socks and shoes on weekday mornings")
	b.Submit("#f-description")
	b.CheckA11y()
	b.Visit(episode + "/solutions/new")
	b.Check(`input[name="outcome_ids"]`)
	b.Check(`input[name="rung"][value="reablement"]`)
	b.Fill("#f-description", "Six weeks of reablement for washing and dressing")
	b.Fill("#f-lower_rungs_reason", "Ben works full time; Walter needs to relearn the routine safely after the fall")
	b.Submit("#f-description")
	b.Screenshot("ladder")
	b.CheckA11y()

	// 4. A council-funded service above the threshold waits for the team manager.
	b.Visit(episode + "/services/new")
	b.Check(`input[name="outcome_ids"]`)
	b.Check(`input[name="service_type"][value="Short term support: ST-Max"]`)
	b.Select("#f-component", "Reablement")
	b.Check(`input[name="delivery_mechanism"][value="CASSR commissioned support"]`)
	b.Fill("#f-provider", "Exampleshire Reablement")
	b.FillDay("start", today)
	b.FillDay("end", today.AddDate(0, 0, 42))
	b.Fill("#f-unit_cost", "35")
	b.Select("#f-frequency", "Hourly")
	b.Fill("#f-units", "10")
	b.Submit("#f-provider")
	b.CheckA11y()
	mustSay(b, ".govuk-notification-banner", "£350.00 a week, so a team manager must authorise it")
	servicePage := b.URL()
	serviceID := one(`SELECT id FROM service WHERE council_id = $1 AND person_id = $2`, site.A.Council.ID, second.ID)

	manager := signIn(site.A.Staff[councils.TeamManager])
	manager.ClickAndWait(`.govuk-service-navigation a[href="/authorisations"]`)
	manager.CheckA11y()
	manager.ClickAndWait(`a[href^="/authorisations/"]`)
	manager.Check("#f-decision")
	manager.Fill("#f-reason", "Agreed: reablement after the fall")
	manager.Submit("#f-reason")
	manager.CheckA11y()
	mustSay(manager, ".govuk-notification-banner", "Service authorised")

	b.Visit(strings.TrimPrefix(servicePage, site.Server.URL))
	b.FillDay("started_on", today)
	b.Submit("#f-started_on-year")
	b.CheckA11y()
	mustSay(b, ".govuk-notification-banner", "Service started")

	// 5. The plan: drafted from the thread, agreed with Walter, and My plan written to him.
	b.Visit(episode + "/plan")
	b.Submit(`form[action="` + episode + `/plan/new"] button`)
	b.CheckA11y()
	b.Fill("#f-crisis_contact", "Ben Wholecase, Walter's son, on 07700 900456")
	b.Submit("#f-crisis_contact")
	b.ClickAndWait(`a[href$="/agree"]`)
	b.Check(`input[name="agreed_how"][value="in_person"]`)
	b.Fill("#f-agreed_with", "Walter and Ben")
	b.Fill("#f-person_comment", "I want to be independent again")
	b.Submit("#f-agreed_with")
	b.CheckA11y()
	mustSay(b, ".govuk-notification-banner", "Plan agreed")
	b.ClickAndWait(`a[href$="/my-plan"]`)
	b.Screenshot("my-plan")
	b.CheckA11y()
	mustSay(b, "main", "What matters to you", "I get washed and dressed by myself every morning", "If things go wrong, call Ben Wholecase")

	// 6. Step 4: the review rates the outcome and decides the service; the T-score is shown.
	b.Visit(episode + "/reviews")
	b.ClickAndWait(`td a[href*="/reviews/"]`)
	b.CheckA11y()
	b.Check(`input[name="method"][value="Service user and carer"]`)
	b.Check(`input[name="` + reviews.RatingField(outcomeID) + `"][value="0"]`)
	b.Check(`input[name="` + reviews.DecisionField(serviceID) + `"][value="continue"]`)
	b.Fill("#f-person_view", "Dressed by myself most days now")
	b.Submit("#f-person_view")
	b.Screenshot("review-completed")
	b.CheckA11y()
	mustSay(b, ".govuk-notification-banner", "Review completed. Goal Attainment T-score", "The next review is due on")

	// 7. The golden thread holds: from Walter's hope to the review, with no break.
	b.VisitAndCheck(episode+"/thread", "thread")
	mustSay(b, "main", "The thread has no breaks", "To stay in my own home", "Short-term reablement")
	if b.Exists(".govuk-warning-text") {
		t.Errorf("the thread of a well-recorded case shows breaks:\n%s", b.Text("main"))
	}
	b.VisitAndCheck("/caseload", "caseload")
	mustSay(b, "main", "Wholecase, Walter", "Next review")
	b.VisitAndCheck("/people/"+second.ID+"/chronology", "chronology")
	mustSay(b, "tbody", "Contact", "Conversation", "Support plan", "Review", "Service")
}
