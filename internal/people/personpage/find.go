package personpage

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/web"
)

type findData struct {
	web.Page
	Query      string
	Searched   bool
	Results    []people.Summary
	TooMany    bool
	CanAdd     bool
	ResultText string
}

// Find is the search page: one box for names, NHS number, date of birth or postcode.
func (p *Pages) Find() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		data := findData{Page: web.NewPage(r, "Find a person"), CanAdd: staff(r).Role.ChangesPeople()}
		data.Query = strings.TrimSpace(r.URL.Query().Get("q"))
		if _, asked := r.URL.Query()["q"]; asked {
			data.Searched = true
			if data.Query == "" {
				data.Errors.Add("q", "Enter a name, NHS number, date of birth or postcode")
				return p.tmpl.Render(w, r, http.StatusOK, "people/find.html", data)
			}
			results, err := p.store.Search(r.Context(), data.Query)
			if err != nil {
				return err
			}
			data.Results, data.TooMany = results, len(results) >= people.SearchLimit
			data.Title = "Find a person: " + plural(len(results))
		}
		return p.tmpl.Render(w, r, http.StatusOK, "people/find.html", data)
	}
}

func plural(n int) string {
	switch {
	case n == 0:
		return "no results"
	case n == 1:
		return "1 result"
	case n >= people.SearchLimit:
		return "more than 50 results"
	}
	return fmt.Sprintf("%d results", n)
}
