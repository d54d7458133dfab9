package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Every address that matches no route, and every record that does not exist, is answered as the part of the site it
// is under answers its errors: a GOV.UK page (with a title, a language and a way on), a problem document under
// /api/, JSON under /oruk/. A method an address does not take is 405 with Allow. Someone signed out sees the
// not-found page without anyone's details, but is still sent to sign in for a record's address, so that whether a
// record exists never shows.
func TestNotFoundAndMethodNotAllowed(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		worker := site.A.Staff[councils.Practitioner]
		person := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID))
		token := site.Token(t, worker)
		clients := map[string]*http.Client{"worker": site.SignIn(t, worker), "nobody": apptest.Client(), "api": apptest.Client()}
		const page, problem, jsonType, text = "text/html; charset=utf-8", "application/problem+json", "application/json", "text/plain; charset=utf-8"
		notFoundPage := []string{`<html lang="en-GB"`, "<title>Page not found", "check it is correct", `href="/"`}
		oruk := "/oruk/" + site.A.Council.Code
		tests := []struct {
			name, who, method, path string
			status                  int
			contentType, allow      string
			location                string
			body, notBody           []string
		}{
			{name: "unknown page", who: "worker", method: "GET", path: "/no-such-page", status: 404, contentType: page,
				body: append(notFoundPage, worker.Name)},
			{name: "unknown page signed out", who: "nobody", method: "GET", path: "/no-such-page", status: 404, contentType: page,
				body: notFoundPage, notBody: []string{worker.Name, person.GivenName, "Sign out"}},
			{name: "unknown page under a person", who: "worker", method: "GET", path: "/people/" + person.ID + "/no-such-page", status: 404, contentType: page,
				body: notFoundPage, notBody: []string{person.FamilyName}},
			{name: "record that does not exist", who: "worker", method: "GET", path: "/people/" + sqldb.NewID(), status: 404, contentType: page,
				body: notFoundPage},
			{name: "record signed out", who: "nobody", method: "GET", path: "/people/" + person.ID, status: 303, contentType: page,
				location: "/sign-in?next=%2Fpeople%2F" + person.ID},
			{name: "record that does not exist signed out", who: "nobody", method: "GET", path: "/people/no-such-person", status: 303, contentType: page,
				location: "/sign-in?next=%2Fpeople%2Fno-such-person"},
			{name: "wrong method on a page", who: "worker", method: "DELETE", path: "/people/" + person.ID, status: 405, contentType: page,
				allow: "GET, HEAD", body: []string{`<html lang="en-GB"`, "<title>Sorry, there is a problem with your request"}},
			{name: "wrong method on a page signed out", who: "nobody", method: "PUT", path: "/people", status: 405, contentType: page,
				allow: "GET, HEAD", notBody: []string{worker.Name}},
			{name: "unknown API address", who: "api", method: "GET", path: "/api/v1/no-such-thing", status: 404, contentType: problem,
				body: []string{`"status":404`, "/api/v1/openapi.json"}},
			{name: "unknown API address without a token", who: "nobody", method: "GET", path: "/api/v1/people/" + person.ID + "/no-such-thing", status: 404, contentType: problem},
			{name: "unknown API version", who: "api", method: "GET", path: "/api/v2/people", status: 404, contentType: problem},
			{name: "wrong method on the API", who: "api", method: "DELETE", path: "/api/v1/people/" + person.ID, status: 405, contentType: problem,
				allow: "GET, HEAD, PUT", body: []string{`"status":405`, "DELETE"}},
			{name: "record that does not exist on the API", who: "api", method: "GET", path: "/api/v1/people/" + sqldb.NewID(), status: 404, contentType: problem},
			{name: "unknown Open Referral UK address", who: "nobody", method: "GET", path: oruk + "/no-such-thing", status: 404, contentType: jsonType,
				body: []string{`"error":"Not found."`}},
			{name: "wrong method on Open Referral UK", who: "nobody", method: "POST", path: oruk + "/services", status: 405, contentType: jsonType,
				allow: "GET, HEAD, OPTIONS", body: []string{"read-only"}},
			{name: "Open Referral UK preflight", who: "nobody", method: "OPTIONS", path: oruk + "/services/some-id", status: 204},
			{name: "missing asset", who: "nobody", method: "GET", path: "/assets/no-such-file.css", status: 404, contentType: text},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req, err := http.NewRequest(tt.method, site.Server.URL+tt.path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if tt.who == "api" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				res, err := clients[tt.who].Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(res.Body)
				res.Body.Close()
				if err != nil {
					t.Fatal(err)
				}
				body := string(b)
				if res.StatusCode != tt.status {
					t.Fatalf("status = %d, want %d:\n%s", res.StatusCode, tt.status, apptest.Excerpt(body))
				}
				for header, want := range map[string]string{"Content-Type": tt.contentType, "Allow": tt.allow, "Location": tt.location} {
					if got := res.Header.Get(header); got != want {
						t.Errorf("%s = %q, want %q", header, got, want)
					}
				}
				if tt.contentType == problem || tt.contentType == jsonType {
					if !json.Valid(b) {
						t.Errorf("body is not JSON:\n%s", body)
					}
				}
				if strings.Contains(body, "404 page not found") && tt.contentType != text {
					t.Errorf("the standard library's plain text answered:\n%s", body)
				}
				for _, want := range tt.body {
					if !strings.Contains(body, want) {
						t.Errorf("body does not contain %q:\n%s", want, apptest.Excerpt(body))
					}
				}
				for _, unwanted := range tt.notBody {
					if strings.Contains(body, unwanted) {
						t.Errorf("body contains %q:\n%s", unwanted, apptest.Excerpt(body))
					}
				}
			})
		}
	})
}
