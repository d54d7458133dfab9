package apptest

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The staff a page scenario acts as, by council and role: A is the council whose records the scenarios use, B the
// other council, whose staff must never see them.
func AWorker(s *Site) councils.Staff  { return s.A.Staff[councils.Practitioner] }
func ASouth(s *Site) councils.Staff   { return s.A.SouthWorker }
func AManager(s *Site) councils.Staff { return s.A.Staff[councils.TeamManager] }
func AAdmin(s *Site) councils.Staff   { return s.A.Staff[councils.Administrator] }
func AFinance(s *Site) councils.Staff { return s.A.Staff[councils.Finance] }
func AQuality(s *Site) councils.Staff { return s.A.Staff[councils.QualityLead] }
func AAdvice(s *Site) councils.Staff  { return s.A.Staff[councils.DirectoryEditor] }
func BWorker(s *Site) councils.Staff  { return s.B.Staff[councils.Practitioner] }
func BManager(s *Site) councils.Staff { return s.B.Staff[councils.TeamManager] }
func BAdmin(s *Site) councils.Staff   { return s.B.Staff[councils.Administrator] }
func BQuality(s *Site) councils.Staff { return s.B.Staff[councils.QualityLead] }
func BAdvice(s *Site) councils.Staff  { return s.B.Staff[councils.DirectoryEditor] }

// Answer is what a page scenario's request must come back with.
type Answer struct {
	Status  int
	Body    []string           // text the page must contain
	NotBody []string           // text it must not
	Log     []accesslog.Action // the entries about the person it adds to the access log, in order
}

// Ask sends one page scenario's request as staff through their signed-in client — a GET, or a POST of form — and
// checks the answer: its status, what the page must and must not say, and that the access log gained exactly the
// entries wanted about the person, each made through a page by that member of staff. It returns the page.
func Ask(t *testing.T, site *Site, c *http.Client, staff councils.Staff, method, path string, form url.Values, personID string, want Answer) string {
	t.Helper()
	before := len(LogOf(t, site, personID))
	var res *http.Response
	var body string
	if method == http.MethodGet {
		res, body = site.Get(t, c, path)
	} else {
		res, body = site.PostBody(t, c, path, form)
	}
	if res.StatusCode != want.Status {
		t.Errorf("%s %s as %s: status %d, want %d\n%s", method, path, staff.Email, res.StatusCode, want.Status, Excerpt(body))
	}
	for _, w := range want.Body {
		if !strings.Contains(body, w) {
			t.Errorf("page does not contain %q\n%s", w, Excerpt(body))
		}
	}
	for _, not := range want.NotBody {
		if strings.Contains(body, not) {
			t.Errorf("page contains %q\n%s", not, Excerpt(body))
		}
	}
	peopletest.CheckWrote(t, LogOf(t, site, personID)[before:], peopletest.Wrote{Channel: accesslog.Page, StaffID: staff.ID, Actions: want.Log})
	return body
}

// Filled is texts with a scenario's placeholders ({id}, {episode} ...) filled in.
func Filled(r *strings.Replacer, texts []string) []string {
	out := make([]string, len(texts))
	for i, s := range texts {
		out[i] = r.Replace(s)
	}
	return out
}

// LogOf is the access log about a person of council A, oldest first, without the test's own reads.
func LogOf(t *testing.T, s *Site, id string) []accesslog.Entry {
	t.Helper()
	entries, err := s.App.Log.Search(sqldb.WithCouncil(context.Background(), s.A.Council.ID), accesslog.Filter{PersonID: id, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []accesslog.Entry
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Channel != accesslog.CommandLine {
			out = append(out, entries[i])
		}
	}
	return out
}

// Retire renames a scenario's person so later scenarios' searches and duplicate checks find only their own.
func Retire(t *testing.T, s *Site, p people.Person) {
	t.Helper()
	ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), s.A.Council.ID), "test")
	current, _, err := s.App.People.Get(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	current.FamilyName, current.NHSNumber = "Retired", ""
	if err := s.App.People.Update(ctx, current); err != nil {
		t.Fatal(err)
	}
}

// Again is form as a user who read a page refused on its version (409) posts it again, to save over the other
// version on purpose: with the version that page carries in its hidden field name, the record's as saved now. The
// version is a number, or, on a form that adds a record beside the latest (a best-interests decision, an advocacy
// needs record), the id of the latest as saved now.
func Again(t *testing.T, form url.Values, refused, name string) url.Values {
	t.Helper()
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(refused)
	if m == nil || m[1] == form.Get(name) {
		t.Fatalf("the refused page does not carry the %s saved now (%v, posted %q)\n%s", name, m, form.Get(name), Excerpt(refused))
	}
	again := maps.Clone(form)
	again.Set(name, m[1])
	return again
}

// Excerpt is the start of a page's main content, for a failing test's message.
func Excerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 1500 {
		body = body[:1500]
	}
	return body
}

// DateFields sets the day, month and year fields of a GOV.UK date input called prefix.
func DateFields(prefix string, d sqldb.Date, v url.Values) {
	v.Set(prefix+"-day", strconv.Itoa(d.Day()))
	v.Set(prefix+"-month", strconv.Itoa(int(d.Month())))
	v.Set(prefix+"-year", strconv.Itoa(d.Year()))
}

// MustContain fails the test for each of wants that got does not contain.
func MustContain(t *testing.T, where, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not show %q:\n%s", where, w, got)
		}
	}
}

// CheckChange compares what a scenario's record held before and after its request: a request that must change
// nothing (refused, or only a view) must leave it as it was, and one that must change it (a successful save) must
// not leave it as it was.
func CheckChange(t *testing.T, before, after string, mustNotChange, mustChange bool) {
	t.Helper()
	if mustNotChange && after != before {
		t.Errorf("the record changed:\nbefore %s\nafter  %s", before, after)
	}
	if mustChange && after == before {
		t.Errorf("a successful change changed nothing: %s", after)
	}
}

// errorSummaryLink is one error in a page's GOV.UK error summary: a link to the field, saying what is wrong.
var errorSummaryLink = regexp.MustCompile(`<a href="#f-(\w+)">([^<]+)</a>`)

// ErrorSummary is a page's GOV.UK error summary as "field: message; field: message", so that a test can say which
// errors a page showed, in order.
func ErrorSummary(body string) string {
	var out []string
	for _, m := range errorSummaryLink.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1]+": "+m[2])
	}
	return strings.Join(out, "; ")
}
