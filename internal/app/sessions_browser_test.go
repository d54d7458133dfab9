package app_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestTypingKeepsTheSessionAndALeftPageWarnsBeforeItEnds: with sessions that end after 6 seconds without a
// request, a practitioner's conversation page warns three seconds before the end, in a dialog axe passes; "Stay
// signed in" keeps the session; typing keeps it for longer than it would last alone, so that the conversation is
// saved at the end and not lost to the sign-in page; and a page left alone says when the session has ended, and
// that what was typed is still there.
func TestTypingKeepsTheSessionAndALeftPageWarnsBeforeItEnds(t *testing.T) {
	t.Parallel()
	const idle = 6 * time.Second
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.StartWith(t, db, app.Config{SessionIdleTimeout: idle})
	worker := site.A.Staff[councils.Practitioner]
	person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
	ep := conversationstest.MustOpenEpisode(t, db, worker, person.ID)
	b := apptest.SignInBrowser(t, site, worker)
	b.Visit(fmt.Sprintf("/people/%s/episodes/%s/conversations/new?step=1", person.ID, ep.ID))
	apptest.MustContain(t, "the page", b.Text("#session-ends"), "You will be signed out at")

	open := `document.querySelector("dialog.gt-timeout")?.open === true`
	b.WaitUntil(open, idle)
	apptest.MustContain(t, "the warning", b.Text("dialog.gt-timeout"), "You will be signed out soon", "Stay signed in")
	b.Screenshot("timeout-warning")
	b.CheckA11y()
	b.Click("dialog.gt-timeout [data-timeout-stay] button")
	b.WaitUntil(`!(`+open+`)`, 5*time.Second)

	// Typing for longer than the session lasts alone keeps it, and the conversation is saved.
	b.Check(apptest.Radio("method", "phone"))
	b.Check(apptest.Radio("needed_help", "no"))
	for i := range 6 {
		b.Fill("#f-mindset_words", fmt.Sprintf("I want to get out more (%d)", i))
		time.Sleep(idle / 4)
	}
	if b.Exists("dialog.gt-timeout[open]") {
		t.Error("the warning opened while the practitioner was typing")
	}
	b.Submit("#f-mindset_words")
	apptest.MustContain(t, "the banner", b.Text(".govuk-notification-banner"), "Conversation recorded")

	// A page left alone: the session ends, and the dialog says so.
	b.Visit(fmt.Sprintf("/people/%s/episodes/%s/conversations/new?step=1", person.ID, ep.ID))
	b.WaitUntil(`document.querySelector("dialog.gt-timeout")?.textContent.includes("You have been signed out")`, 2*idle)
	apptest.MustContain(t, "the dialog", b.Text("dialog.gt-timeout"), "What you typed is still on this page", "Sign in again in a new tab")
	b.CheckA11y()
}

// TestKeepAliveReadsNothingAndNeedsASession: the keep-alive route answers a signed-in member of staff with 204 and
// no access-log entry, and sends anyone else to sign in.
func TestKeepAliveReadsNothingAndNeedsASession(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		before := len(peopletest.Logged(t, db, site.A.Council.ID, person.ID))
		res, _ := site.Get(t, site.SignIn(t, worker), "/session/keep-alive")
		if res.StatusCode != http.StatusNoContent || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("signed in: %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
		}
		if n := len(peopletest.Logged(t, db, site.A.Council.ID, person.ID)); n != before {
			t.Errorf("keeping the session wrote %d access-log entries", n-before)
		}
		res, _ = site.Get(t, apptest.Client(), "/session/keep-alive")
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("signed out: %d, want 303 to sign in", res.StatusCode)
		}
	})
}
