package directorypage

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type serviceData struct {
	web.Page
	Service directory.Service
	Period  directory.Period
	Rows    []web.SummaryRow
	CanEdit bool
	Use     *serviceUse
}

// serviceUse is how often a service was used and what the follow-ups found, as its page says it.
type serviceUse struct {
	frontdoor.Use
	Rows []web.SummaryRow
}

func useOf(u frontdoor.Use) *serviceUse {
	out := &serviceUse{Use: u}
	add := func(k string, n int) {
		out.Rows = append(out.Rows, web.SummaryRow{Key: k, Value: strconv.Itoa(n)})
	}
	add("Signposts and referrals", u.Signposts)
	add("Of which referrals made for the person", u.Referrals)
	add("Followed up", u.FollowedUp)
	for _, h := range frontdoor.HelpedResults() {
		add(h.Label(), u.Results[h])
	}
	return out
}

// Service shows a service with everything recorded about it (GET /directory/services/{service}), marked when its
// entry is overdue for a check. Editors can change it or mark it checked today.
func (p *Pages) Service() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		s, period, err := p.store.Service(r.Context(), r.PathValue("service"))
		if err != nil {
			return err
		}
		data := serviceData{Page: web.NewPage(r, s.Name), Service: s, Period: period, Rows: serviceRows(s), CanEdit: canEdit(r)}
		if p.use != nil {
			u, err := p.use.ServiceUse(r.Context(), s.ID)
			if err != nil {
				return err
			}
			data.Use = useOf(u)
		}
		data.Back = paths.Directory.URL()
		return p.tmpl.Render(w, r, http.StatusOK, "directory/service.html", data)
	}
}

func or(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

// serviceRows are the service's details as a summary list: how to get in touch first, then when and where.
func serviceRows(s directory.Service) []web.SummaryRow {
	var contact, where, when, cost, langs, terms []string
	for _, c := range s.Contacts {
		line := strings.TrimSpace(strings.Join(nonEmpty(c.Name, c.Title), ", "))
		for _, ph := range c.Phones {
			line = strings.TrimSpace(strings.Join(nonEmpty(line, ph.Number), ": "))
		}
		if line != "" {
			contact = append(contact, line)
		}
	}
	if s.Email != "" {
		contact = append(contact, s.Email)
	}
	if s.URL != "" {
		contact = append(contact, s.URL)
	}
	var access []string
	for _, l := range s.Locations {
		var addr []string
		for _, a := range l.Addresses {
			addr = append(addr, a.Text())
		}
		where = append(where, strings.Join(nonEmpty(l.Name, strings.Join(addr, "; ")), ": "))
		for _, a := range l.Accessibility {
			access = append(access, strings.Join(nonEmpty(a.Description, a.Details), " "))
		}
	}
	for _, sc := range s.Schedules {
		when = append(when, sc.Text())
	}
	for _, c := range s.Costs {
		cost = append(cost, c.Text())
	}
	for _, l := range s.Languages {
		if l.Name != "" {
			langs = append(langs, l.Name)
		}
	}
	for _, t := range s.Terms {
		terms = append(terms, t.Name)
	}
	who := strings.Join(nonEmpty(ageText(s), s.EligibilityDescription), ". ")
	return []web.SummaryRow{
		{Key: "What it does", Value: or(s.Description, "Not recorded")},
		{Key: "Run by", Value: or(s.OrganisationName, "Not recorded")},
		{Key: "Status", Value: directory.StatusLabel(s.Status)},
		{Key: "How to get in touch", Value: or(strings.Join(contact, "; "), "Not recorded")},
		{Key: "Where", Value: or(strings.Join(where, "; "), "Not recorded")},
		{Key: "When it is open", Value: or(strings.Join(when, "; "), "Not recorded")},
		{Key: "Who it is for", Value: or(who, "Not recorded")},
		{Key: "Cost", Value: or(strings.Join(cost, "; "), "Not recorded")},
		{Key: "Languages", Value: or(strings.Join(langs, ", "), "Not recorded")},
		{Key: "Accessibility", Value: or(strings.Join(access, "; "), "Not recorded")},
		{Key: "Areas covered", Value: or(strings.Join(s.Areas, "; "), "Not recorded")},
		{Key: "Categories", Value: or(strings.Join(terms, ", "), "None")},
	}
}

func ageText(s directory.Service) string {
	if a := s.AgeRange(); a != "" {
		return "Ages " + strings.ToLower(a[:1]) + a[1:]
	}
	return ""
}

func nonEmpty(v ...string) []string {
	var out []string
	for _, s := range v {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// Checked records that the service's entry was checked today (POST /directory/services/{service}/checked).
func (p *Pages) Checked() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("service")
		if _, _, err := p.store.Service(r.Context(), id); err != nil {
			return err
		}
		if !canEdit(r) {
			return web.Forbidden
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		version := web.FormVersion(r.PostForm, "version")
		err := p.store.MarkChecked(r.Context(), id, version)
		if errors.Is(err, sqldb.ErrConflict) {
			web.SetFlash(r, "Someone else changed this service while you were looking at it. Check it again, then mark it as checked")
			http.Redirect(w, r, paths.DirectoryService.URL(id), http.StatusSeeOther)
			return nil
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, "Marked as checked today")
		http.Redirect(w, r, paths.DirectoryService.URL(id), http.StatusSeeOther)
		return nil
	}
}
