package web_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing/fstest"

	"github.com/golden-thread/goldenthread/internal/web"
)

// A page package keeps its templates beside its handlers
// (//go:embed templates, then fs.Sub(files, "templates")), and the app passes
// them to web.NewTemplates once at start-up.
var personPages = fstest.MapFS{
	"people/edit_name.html": {Data: []byte(`{{define "content"}}
<h1 class="govuk-heading-l">{{.Title}}</h1>
<form method="post" novalidate>
  {{template "govuk/input" (dict "Name" "given_name" "Label" "Given name" "Value" .Form.GivenName "Error" (.Errors.Get "given_name") "Autocomplete" "off")}}
  {{template "govuk/date-input" (dict "Name" "dob" "Legend" "Date of birth" "Hint" "For example, 27 3 1948" "Value" .Form.DOB "Error" (.Errors.Get "dob") "ErrorParts" (.Errors.Parts "dob"))}}
  {{template "govuk/button" (dict "Text" "Save")}}
</form>
{{end}}`)},
}

type nameForm struct {
	GivenName string
	DOB       web.DateInput
}

func (f nameForm) Validate() web.Errors {
	var errs web.Errors
	if f.GivenName == "" {
		errs.Add("given_name", "Enter a given name")
	}
	_, de := f.DOB.Parse("Date of birth")
	errs.AddDate("dob", de)
	return errs
}

type editNameData struct {
	web.Page
	Form nameForm
}

// EditName is a page handler: it returns an error instead of writing an
// error page, and web.Handle shows the right GOV.UK page for it.
func EditName(tmpl *web.Templates) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		data := editNameData{Page: web.NewPage(r, "Change name")}
		data.Back = "/people/" + r.PathValue("id")
		if r.Method == http.MethodPost {
			if err := web.ParseForm(r); err != nil {
				return err
			}
			data.Form = nameForm{GivenName: strings.TrimSpace(r.PostForm.Get("given_name")), DOB: web.DateInputFrom(r.PostForm, "dob")}
			if data.Errors = data.Form.Validate(); data.Errors.Any() {
				return tmpl.Render(w, r, http.StatusUnprocessableEntity, "people/edit_name.html", data)
			}
			// … save, then POST-redirect-GET with a success message.
			web.SetFlash(r, "Name changed")
			http.Redirect(w, r, data.Back, http.StatusSeeOther)
			return nil
		}
		return tmpl.Render(w, r, http.StatusOK, "people/edit_name.html", data)
	}
}

func Example() {
	logger := slog.New(web.LogHandler(slog.DiscardHandler))
	tmpl, err := web.NewTemplates(logger, personPages)
	if err != nil {
		panic(err) // a broken template stops start-up
	}
	web.CheckAssets(logger)

	mux := http.NewServeMux()
	mux.Handle("GET /assets/", web.Assets())
	mux.Handle("GET /people/{id}/name", tmpl.Handle(EditName(tmpl)))
	mux.Handle("POST /people/{id}/name", tmpl.Handle(EditName(tmpl)))
	site := tmpl.Protect(mux)

	r := httptest.NewRequest(http.MethodPost, "/people/42/name", strings.NewReader("given_name=&dob-day=31&dob-month=2&dob-year=1948"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	w := httptest.NewRecorder()
	site.ServeHTTP(w, r)

	fmt.Println(w.Code)
	fmt.Println(strings.Contains(w.Body.String(), `<a href="#f-given_name">Enter a given name</a>`))
	fmt.Println(strings.Contains(w.Body.String(), `<a href="#f-dob-day">Date of birth must be a real date</a>`))
	// Output:
	// 422
	// true
	// true
}
