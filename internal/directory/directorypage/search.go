package directorypage

import (
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/web"
)

// SearchNear is the search for services near a postcode.
func SearchNear(postcode string) string {
	return paths.DirectorySearch.URL() + "?postcode=" + url.QueryEscape(postcode)
}

type searchForm struct {
	Words, Category, Day, Time, Cost, Postcode, Near, Miles string
}

// found is one service found, as the results list shows it.
type found struct {
	ID, Name, Organisation, Status string
	Overdue                        bool
	Checked                        string
	Rows                           []web.SummaryRow
}

type searchData struct {
	web.Page
	Form       searchForm
	Searched   bool
	Categories []web.Item
	Days       []web.Item
	Costs      []web.Item
	Miles      []web.Item
	Found      []found
	Total      int
	From       string
	Summary    string
	Pagination web.Pagination
}

// Search is the practitioners' search (GET /directory/search): by words, category, day and time open, cost, and
// distance from a postcode or from another service. The form is a GET form, so a search can be bookmarked and works
// without JavaScript; results say how far, when open, how to get in touch and when last checked.
func (p *Pages) Search() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		v := r.URL.Query()
		f := searchForm{Words: strings.TrimSpace(v.Get("words")), Category: v.Get("category"), Day: v.Get("day"), Time: strings.TrimSpace(v.Get("time")),
			Cost: v.Get("cost"), Postcode: strings.TrimSpace(v.Get("postcode")), Near: v.Get("near"), Miles: v.Get("miles")}
		data := searchData{Page: web.NewPage(r, "Find a community service"), Form: f}
		data.Back = paths.Directory.URL()
		data.Days = []web.Item{{Value: "", Text: "Any day"}}
		for _, d := range directory.Days {
			data.Days = append(data.Days, web.Item{Value: d.Code, Text: d.Name})
		}
		data.Costs = []web.Item{{Value: "", Text: "Free or charged"}, {Value: directory.CostFree, Text: "Free only"}, {Value: directory.CostCharged, Text: "Charged only"}}
		if f.Cost == "" {
			data.Costs[0].Checked = true
		}
		data.Miles = nil
		for _, m := range directory.SearchMiles {
			data.Miles = append(data.Miles, web.Item{Value: strconv.FormatFloat(m, 'f', -1, 64), Text: fmt.Sprintf("Within %s", milesText(m))})
		}
		if f.Miles == "" {
			f.Miles, data.Form.Miles = "5", "5"
		}
		// The form's categories come with the results, or on their own when there are none.
		render := func(terms []directory.Term) error {
			data.Categories = []web.Item{{Value: "", Text: "Any category"}}
			for _, t := range terms {
				data.Categories = append(data.Categories, web.Item{Value: t.ID, Text: t.Name})
			}
			return p.tmpl.Render(w, r, http.StatusOK, "directory/search.html", data)
		}
		categoriesAlone := func() error {
			terms, err := p.store.Categories(r.Context())
			if err != nil {
				return err
			}
			return render(terms)
		}
		data.Searched = len(v) > 0
		if !data.Searched {
			return categoriesAlone()
		}
		var err error
		q := directory.Search{Words: f.Words, TermID: f.Category, Day: f.Day, Time: f.Time, Cost: f.Cost, Postcode: f.Postcode, Near: f.Near}
		if q.Miles, err = strconv.ParseFloat(f.Miles, 64); err != nil {
			q.Miles = -1
		}
		q.Page = web.PageNumber(v)
		res, err := p.store.Search(r.Context(), q)
		var ps validation.Problems
		if errors.As(err, &ps) {
			web.AddProblems(&data.Errors, ps, directory.SearchFields)
			data.Searched = false
			return categoriesAlone()
		}
		if err != nil {
			return err
		}
		data.Total, data.From = res.Total, res.From
		for _, s := range res.Found {
			data.Found = append(data.Found, foundOf(s, res.Period))
		}
		data.Summary = summary(res)
		data.Pagination = web.NewPagination(res.Page, res.Pages, func(n int) string {
			v.Set("page", strconv.Itoa(n))
			return paths.DirectorySearch.URL() + "?" + v.Encode() + "#results"
		})
		return render(res.Categories)
	}
}

func milesText(m float64) string {
	if m == 1 {
		return "1 mile"
	}
	return strconv.FormatFloat(m, 'f', -1, 64) + " miles"
}

func summary(res directory.Results) string {
	var s string
	switch res.Total {
	case 0:
		s = "No services found"
	case 1:
		s = "1 service found"
	default:
		s = fmt.Sprintf("%d services found", res.Total)
	}
	if res.From != "" {
		s += " near " + res.From + ", nearest first"
	}
	if res.Pages > 1 && len(res.Found) > 0 {
		first := (res.Page-1)*directory.PerPage + 1
		s += fmt.Sprintf(". Showing %d to %d", first, first+len(res.Found)-1)
	}
	return s
}

func foundOf(r directory.Result, period directory.Period) found {
	f := found{ID: r.ID, Name: r.Name, Organisation: r.OrganisationName, Overdue: r.Overdue(period), Checked: r.CheckedText(period)}
	if r.Status != "active" {
		f.Status = directory.StatusLabel(r.Status)
	}
	var contact, when, cost []string
	for _, c := range r.Contacts {
		line := strings.Join(nonEmpty(c.Name, c.Title), ", ")
		for _, ph := range c.Phones {
			line = strings.Join(nonEmpty(line, ph.Number), ": ")
		}
		if line != "" {
			contact = append(contact, line)
		}
	}
	contact = append(contact, nonEmpty(r.Email, r.URL)...)
	for _, sc := range r.Schedules {
		when = append(when, sc.Text())
	}
	for _, c := range r.Costs {
		cost = append(cost, c.Text())
	}
	if r.Distance != "" {
		f.Rows = append(f.Rows, web.SummaryRow{Key: "How far", Value: r.Distance + " away"})
	}
	where := r.Place
	if where == "" {
		for _, l := range r.Locations {
			where = strings.Join(nonEmpty(where, strings.Join(nonEmpty(l.Name, addressText(l)), ", ")), "; ")
		}
	}
	f.Rows = append(f.Rows,
		web.SummaryRow{Key: "What it does", Value: or(r.Description, "Not recorded")},
		web.SummaryRow{Key: "Where", Value: or(where, "No place recorded")},
		web.SummaryRow{Key: "When it is open", Value: or(strings.Join(when, "; "), "Not recorded")},
		web.SummaryRow{Key: "How to get in touch", Value: or(strings.Join(contact, "; "), "Not recorded")},
		web.SummaryRow{Key: "Cost", Value: or(strings.Join(cost, "; "), "Not recorded")},
	)
	return f
}

func addressText(l directory.Location) string {
	var out []string
	for _, a := range l.Addresses {
		out = append(out, a.Text())
	}
	return strings.Join(nonEmpty(out...), "; ")
}
