package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// samplePages is a page package's templates, as a page package would pass
// them to NewTemplates: one page using every partial, and a shared partial.
func samplePages(t testing.TB) fs.FS {
	t.Helper()
	return os.DirFS("testdata/pages")
}

type sampleForm struct {
	GivenName string
	DOB       DateInput
	Contact   string
	Phone     string
	Needs     []string
	Team      string
	Notes     string
}

type sampleData struct {
	Page
	Form       sampleForm
	Person     string
	Born, Seen time.Time
	NeedItems  []Item
	ReviewRows [][]TableCell
	Pagination Pagination
	Count      int
	Names      []string
}

func newSampleData(r *http.Request, withErrors bool) sampleData {
	p := NewPage(r, "Check the person’s details")
	p.Viewer = &Viewer{StaffID: "s1", Name: "Sam Patel", RoleLabel: "Social worker", CouncilID: "c1", CouncilName: "Barsetshire County Council"}
	p.Nav = markNav([]NavItem{{Text: "Home", Href: "/"}, {Text: "People", Href: "/people"}, {Text: "Reviews", Href: "/reviews"}}, "/people/1")
	p.Back = "/people"
	d := sampleData{
		Page:   p,
		Form:   sampleForm{GivenName: "Ada", DOB: DateInput{Day: "31", Month: "2", Year: "1948"}, Contact: "phone", Phone: "01632 960000", Needs: []string{"mobility"}, Team: "north", Notes: "Likes <b>gardening</b>"},
		Person: "Mrs Ada Example",
		Born:   time.Date(1948, 3, 27, 0, 0, 0, 0, time.UTC),
		Seen:   time.Date(2025, 7, 1, 11, 0, 0, 0, time.UTC),
		NeedItems: []Item{
			{Value: "mobility", Text: "Getting about"},
			{Value: "meals", Text: "Eating and drinking", Hint: "Including preparing meals"},
			{Divider: "or"},
			{Value: "none", Text: "None of these", Exclusive: true},
		},
		ReviewRows: [][]TableCell{{cell("1 July 2025"), cell("3", "numeric")}},
		Pagination: NewPagination(2, 5, func(n int) string { return "/people?page=" + strconv.Itoa(n) }),
		Count:      2,
		Names:      []string{"north", "south"},
	}
	if withErrors {
		d.Errors.Add("given_name", "Enter a given name")
		_, de := ParseDate("Date of birth", "31", "2", "1948")
		d.Errors.AddDate("dob", de)
		d.Errors.Add("phone", "Enter a phone number, like 01632 960 001")
	}
	return d
}

// TestRenderEveryTemplate renders every page template with sample data and
// checks what must be true of every page.
func TestRenderEveryTemplate(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t, samplePages(t))
	r := httptest.NewRequest(http.MethodGet, "/people/1", nil)
	r = r.WithContext(WithRequestID(r.Context(), "req-1234abcd"))

	data := map[string][]any{
		"sample/form.html": {newSampleData(r, false), newSampleData(r, true)},
	}
	for _, status := range []int{400, 403, 404, 405, 409, 413, 500, 503} {
		name, title := errorTemplate(status)
		data[name] = append(data[name], ErrorPage{Page: NewPage(r, title), Status: status})
	}
	data["errors/busy.html"] = []any{ErrorPage{Page: NewPage(r, "Golden Thread is busy"), Status: http.StatusServiceUnavailable}}
	for _, name := range tm.Names() {
		if len(data[name]) == 0 {
			t.Errorf("no sample data for %s: add it to this test", name)
		}
		for i, d := range data[name] {
			w := httptest.NewRecorder()
			if err := tm.Render(w, r, http.StatusOK, name, d); err != nil {
				t.Errorf("%s #%d: %v", name, i, err)
				continue
			}
			body := w.Body.String()
			checkPage(t, name, body)
			if got := w.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", name, got)
			}
		}
	}
}

var (
	styleAttrRE    = regexp.MustCompile(`(?i)\sstyle=`)
	inlineScriptRE = regexp.MustCompile(`(?i)<script(\s[^>]*)?>`)
	assetRefRE     = regexp.MustCompile(`/assets/[A-Za-z0-9_./-]+`)
)

// checkPage checks what the CSP and GOV.UK need of every page.
func checkPage(t *testing.T, name, body string) {
	t.Helper()
	for _, bad := range []string{"<no value>", "%!", "<nil>", "ZgotmplZ"} {
		if strings.Contains(body, bad) {
			t.Errorf("%s: output contains %q", name, bad)
		}
	}
	if styleAttrRE.MatchString(body) {
		t.Errorf("%s: has a style attribute, which the CSP blocks", name)
	}
	for _, m := range inlineScriptRE.FindAllString(body, -1) {
		if !strings.Contains(m, "src=") {
			t.Errorf("%s: has inline script %s, which the CSP blocks", name, m)
		}
	}
	for _, want := range []string{`<html lang="en-GB" class="govuk-template">`, `href="#main-content"`, `id="main-content"`, "govuk-generic-header", "govuk-footer"} {
		if !strings.Contains(body, want) {
			t.Errorf("%s: missing %s", name, want)
		}
	}
	for _, crown := range []string{"govuk-crest", "govuk-logo", "Crown copyright", "Open Government Licence", "GDS Transport"} {
		if strings.Contains(body, crown) {
			t.Errorf("%s: uses GOV.UK branding %q", name, crown)
		}
	}
}

func TestRenderSamplePage(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t, samplePages(t))
	r := httptest.NewRequest(http.MethodGet, "/people/1", nil)

	w := httptest.NewRecorder()
	if err := tm.Render(w, r, http.StatusUnprocessableEntity, "sample/form.html", newSampleData(r, true)); err != nil {
		t.Fatal(err)
	}
	body := w.Body.String()
	if w.Code != http.StatusUnprocessableEntity {
		t.Errorf("status %d", w.Code)
	}
	for _, want := range []string{
		"<title>Error: Check the person’s details – Golden Thread – Barsetshire County Council</title>",
		`<a href="#f-given_name">Enter a given name</a>`,
		`<a href="#f-dob-day">Date of birth must be a real date</a>`,
		`id="f-given_name" name="given_name" type="text" spellcheck="false" value="Ada"`,
		`class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="f-dob-day" name="dob-day" type="text" value="31" inputmode="numeric"`,
		`<input class="govuk-radios__input" id="f-contact" name="contact" type="radio" value="phone" checked data-aria-controls="conditional-f-contact">`,
		`<div class="govuk-radios__conditional" id="conditional-f-contact">`,
		`id="f-phone" name="phone" type="tel" value="01632 960000"`,
		`data-behaviour="exclusive"`,
		`<option value="north" selected>North locality</option>`,
		`data-module="gt-autocomplete"`,
		"Likes &lt;b&gt;gardening&lt;/b&gt;",
		`<a href="/people" class="govuk-back-link">Back</a>`,
		`<span class="govuk-visually-hidden"> name</span>`,
		"27 March 1948", "1 July 2025 at midday", "2 people", "north, south", "3, f-x",
		`<strong class="govuk-tag govuk-tag--green">`,
		`aria-current="true"`, // People is the current section
		"Sam Patel, Social worker",
		`<form class="gt-account__form" method="post" action="/sign-out">`,
	} {
		if !strings.Contains(normaliseHTML(body), normaliseHTML(want)) {
			t.Errorf("page does not contain %s", want)
		}
	}
}

func TestRenderFailsBeforeWriting(t *testing.T) {
	t.Parallel()
	pages := fstest.MapFS{
		// The misspelt name is in a variable, where the start-up check cannot see it, so that rendering finds it.
		"bad/typo.html": {Data: []byte(`{{define "content"}}{{$label := "Lable"}}{{template "govuk/input" (dict "Name" "x" $label "X")}}{{end}}`)},
	}
	tm := mustTemplates(t, pages)
	r := httptest.NewRequest(http.MethodGet, "/", nil)

	tests := []struct {
		name, page string
		data       any
		want       string
	}{
		{"unknown partial argument", "bad/typo.html", struct{ Page }{NewPage(r, "T")}, `unknown argument "Lable"`},
		{"data without Page", "bad/typo.html", struct{ Title string }{"T"}, "does not embed web.Page"},
		{"no such page", "bad/missing.html", struct{ Page }{}, "no page template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			err := tm.Render(w, r, http.StatusOK, tt.page, tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if w.Body.Len() != 0 || w.Code != http.StatusOK && w.Code != 0 {
				t.Errorf("wrote %d %q before failing", w.Code, w.Body.String())
			}
		})
	}
}

func TestNewTemplatesFailsAtStartUp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"syntax error", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}{{if}}{{end}}`)}}, "missing value for if"},
		{"unknown function", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}{{shout .Title}}{{end}}`)}}, `function "shout" not defined`},
		{"missing partial", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}{{template "govuk/imput" .}}{{end}}`)}}, "govuk/imput"},
		{"missing include", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}{{include "a/_nope" .}}{{end}}`)}}, "a/_nope"},
		{"no content block", fstest.MapFS{"a/p.html": {Data: []byte(`<p>Hello</p>`)}}, `does not define a "content" block`},
		{"page defined twice", fstest.MapFS{"errors/404.html": {Data: []byte(`{{define "content"}}{{end}}`)}}, "defined twice"},
		{"unknown path", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}<a href="{{path "Persn" .ID}}">x</a>{{end}}`)}}, `no path "Persn"`},
		{"path short of an argument", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}<a href="{{path "Episode" .ID}}">x</a>{{end}}`)}}, "takes 2 arguments, not 1"},
		{"misspelt partial argument", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}{{template "govuk/input" (dict "Name" "x" "Lable" "X")}}{{end}}`)}}, `govuk/input: unknown argument "Lable"`},
		{"misspelt component argument", fstest.MapFS{"a/_c.html": {Data: []byte(`{{define "a/_c"}}{{params "a/_c" . "Rows" "Hint?"}}{{.Rows}}{{end}}`)}, "a/p.html": {Data: []byte(`{{define "content"}}{{template "a/_c" (dict "Rows" 1 "Hnit" "h")}}{{end}}`)}}, `a/_c: unknown argument "Hnit"`},
		{"missing component argument", fstest.MapFS{"a/_c.html": {Data: []byte(`{{define "a/_c"}}{{params "a/_c" . "Rows" "Hint?"}}{{.Rows}}{{end}}`)}, "a/p.html": {Data: []byte(`{{define "content"}}{{template "a/_c" (dict "Hint" "h")}}{{end}}`)}}, `a/_c: missing argument "Rows"`},
		{"component without a declaration", fstest.MapFS{"a/_c.html": {Data: []byte(`{{define "a/_c"}}{{.Rows}}{{end}}`)}, "a/p.html": {Data: []byte(`{{define "content"}}{{template "a/_c" (dict "Rows" 1)}}{{end}}`)}}, "does not declare them"},
		{"unsafe markup", fstest.MapFS{"a/p.html": {Data: []byte(`{{define "content"}}<a href="{{.Title}}>x</a>{{end}}`)}}, "a/p.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTemplates(discardLogger(), tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestPartialParamsAreUsed(t *testing.T) {
	t.Parallel()
	// Every argument a partial declares must appear in its template, so the
	// list in partialParams and the README stay true.
	for name, params := range partialParams {
		file := "templates/" + name + ".html"
		if name == "govuk/summary-action" {
			file = "templates/govuk/summary-action.html"
		}
		b, err := templateFS.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		src := string(b)
		for _, p := range params {
			if !regexp.MustCompile(`\.` + p + `\b`).MatchString(src) {
				t.Errorf("%s declares %s but does not use it", name, p)
			}
		}
		if !bytes.Contains(b, []byte(`{{params "`+name+`" .`)) {
			t.Errorf("%s does not check its arguments with params", name)
		}
	}
	readme, err := templateFS.ReadFile("templates/govuk/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range partialParams {
		if !bytes.Contains(readme, []byte(`"`+name+`"`)) {
			t.Errorf("templates/govuk/README.md does not describe %s", name)
		}
	}
}

func TestItemFunc(t *testing.T) {
	t.Parallel()
	it, err := item("a", "A", "Hint", "h", "Checked", true, "Conditional", "not html")
	if err == nil {
		t.Errorf("item accepted a string Conditional: %+v", it)
	}
	if _, err := item("a", "A", "Colour", "red"); err == nil {
		t.Error("item accepted an unknown field")
	}
	it, err = item("a", "A", "Hint", "h", "Exclusive", true)
	if err != nil || it.Hint != "h" || !it.Exclusive {
		t.Errorf("item = %+v, %v", it, err)
	}
}

func TestAttrsRefusesUnsafeNames(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"onclick", "style", "href", "data-x onload", `data-"x`, "formaction"} {
		if _, err := attrs(map[string]string{name: "x"}); err == nil {
			t.Errorf("attrs accepted %q", name)
		}
	}
	got, err := attrs(map[string]string{"data-b": `"><script>`, "aria-label": "Close"})
	if err != nil {
		t.Fatal(err)
	}
	if want := ` aria-label="Close" data-b="&#34;&gt;&lt;script&gt;"`; string(got) != want {
		t.Errorf("attrs = %s, want %s", got, want)
	}
}

func TestRenderConcurrently(t *testing.T) {
	t.Parallel()
	tm := mustTemplates(t, samplePages(t))
	done := make(chan error)
	for range 8 {
		go func() {
			r := httptest.NewRequest(http.MethodGet, "/people/1", nil)
			w := httptest.NewRecorder()
			done <- tm.Render(w, r, http.StatusOK, "sample/form.html", newSampleData(r, true))
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
