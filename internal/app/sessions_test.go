package app_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/auth"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/web"
)

// TestAFormSentAfterTheSessionEndedComesBackToItsAuthor: without JavaScript, a practitioner's session ends while
// they type up a conversation. Saving it sends them to sign in, saying what they typed is kept, and saves nothing;
// signed in again on the same browser, the page comes back with what they typed, and saving it records it. A
// colleague who signs in on that browser instead never sees it, and it is dropped.
func TestAFormSentAfterTheSessionEndedComesBackToItsAuthor(t *testing.T) {
	t.Parallel()
	const idle = 2 * time.Second
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.StartWith(t, db, app.Config{SessionIdleTimeout: idle})
		worker, manager := site.A.Staff[councils.Practitioner], site.A.Staff[councils.TeamManager]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		conversations := func() int {
			var n int
			ctx := peopletest.As(worker)
			if err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
				return tx.QueryRowContext(ctx, `SELECT count(*) FROM conversation WHERE council_id = $1 AND person_id = $2`,
					site.A.Council.ID, person.ID).Scan(&n)
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		// signIn signs in on the sign-in page the browser was sent to, which names the page to come back to.
		signIn := func(c *http.Client, signInPage string, st councils.Staff) *http.Response {
			t.Helper()
			u, err := url.Parse(signInPage)
			if err != nil {
				t.Fatal(err)
			}
			return site.Post(t, c, signInPage, url.Values{"email": {st.Email}, "password": {apptest.Password}, "next": {u.Query().Get("next")}})
		}
		typedAway := func(c *http.Client, path string) (signInPage string) {
			t.Helper()
			_, page := site.Get(t, c, path)
			before := conversations()
			v := apptest.FormValues(page)
			v.Set("method", "phone")
			v.Set("needed_help", "no")
			v.Set("mindset_words", "I want to sing in the choir again")
			time.Sleep(idle + idle/4)
			res := site.Post(t, c, path, v)
			if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, paths.SignIn.URL()) {
				t.Fatalf("saving after the session ended: %d to %q, want the sign-in page", res.StatusCode, loc)
			}
			_, body := site.Get(t, c, res.Header.Get("Location"))
			if !strings.Contains(html.UnescapeString(body), auth.KeptMessage) {
				t.Errorf("the sign-in page does not say the form is kept:\n%s", apptest.Excerpt(body))
			}
			if n := conversations() - before; n != 0 {
				t.Errorf("%d conversations saved by a signed-out browser", n)
			}
			return res.Header.Get("Location")
		}

		// The author signs in again and finds what they typed.
		ep := conversationstest.MustOpenEpisode(t, db, worker, person.ID)
		path := fmt.Sprintf("/people/%s/episodes/%s/conversations/new?step=1", person.ID, ep.ID)
		c := site.SignIn(t, worker)
		again := typedAway(c, path)
		if res := signIn(c, again, worker); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path {
			t.Fatalf("signing in again: %d to %q, want back to %s", res.StatusCode, res.Header.Get("Location"), path)
		}
		_, page := site.Get(t, c, path)
		for _, want := range []string{"I want to sing in the choir again", web.KeptFormMessage} {
			if !strings.Contains(html.UnescapeString(page), want) {
				t.Errorf("the page signed in again does not say %q:\n%s", want, apptest.Excerpt(page))
			}
		}
		if res, _ := site.PostBody(t, c, path, apptest.FormValues(page)); res.StatusCode != http.StatusSeeOther || conversations() != 1 {
			t.Errorf("saving what came back: %d, %d conversations", res.StatusCode, conversations())
		}
		// Once shown, it is not shown again.
		if _, shown := site.Get(t, c, path); strings.Contains(shown, "I want to sing in the choir again") {
			t.Error("the kept form came back a second time")
		}

		// A colleague who signs in on the same browser never sees it.
		c = site.SignIn(t, worker)
		signIn(c, typedAway(c, path), manager)
		if _, page := site.Get(t, c, path); strings.Contains(page, "I want to sing in the choir again") {
			t.Error("a colleague signing in on the same browser saw what the practitioner had typed")
		}
		site.Post(t, c, paths.SignOut.URL(), nil)
		signIn(c, paths.SignIn.URL(), worker)
		if _, page := site.Get(t, c, path); strings.Contains(page, "I want to sing in the choir again") {
			t.Error("the form kept for the practitioner came back after a colleague had signed in on the browser")
		}
	})
}
