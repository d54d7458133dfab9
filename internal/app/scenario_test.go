package app_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
)

// answer is what a page scenario's request must come back with.
type answer struct {
	status  int
	body    []string           // text the page must contain
	notBody []string           // text it must not
	log     []accesslog.Action // the entries about the person it adds to the access log, in order
}

// ask sends one page scenario's request as staff through their signed-in client — a GET, or a POST of form — and
// checks the answer: its status, what the page must and must not say, and that the access log gained exactly the
// entries wanted about the person, each made through a page by that member of staff. It returns the page.
func ask(t *testing.T, site *apptest.Site, c *http.Client, staff councils.Staff, method, path string, form url.Values, personID string, want answer) string {
	t.Helper()
	before := len(logOf(t, site, personID))
	var res *http.Response
	var body string
	if method == http.MethodGet {
		res, body = site.Get(t, c, path)
	} else {
		res, body = site.PostBody(t, c, path, form)
	}
	if res.StatusCode != want.status {
		t.Errorf("%s %s as %s: status %d, want %d\n%s", method, path, staff.Email, res.StatusCode, want.status, excerpt(body))
	}
	for _, w := range want.body {
		if !strings.Contains(body, w) {
			t.Errorf("page does not contain %q\n%s", w, excerpt(body))
		}
	}
	for _, not := range want.notBody {
		if strings.Contains(body, not) {
			t.Errorf("page contains %q\n%s", not, excerpt(body))
		}
	}
	var got []accesslog.Action
	for _, e := range logOf(t, site, personID)[before:] {
		got = append(got, e.Action)
		if e.Channel != accesslog.Page || e.StaffID != staff.ID {
			t.Errorf("log entry %+v: want channel page and staff %s", e, staff.Email)
		}
	}
	if !slices.Equal(got, want.log) {
		t.Errorf("access log gained %v, want %v", got, want.log)
	}
	return body
}

// filled is texts with a scenario's placeholders ({id}, {episode} ...) filled in.
func filled(r *strings.Replacer, texts []string) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		out[i] = r.Replace(s)
	}
	return out
}
