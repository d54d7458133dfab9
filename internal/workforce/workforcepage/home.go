package workforcepage

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

type homeData struct {
	web.Page
	Scenarios []workforce.Scenario
	Makes     bool
}

// Home lists the council's scenarios (GET /insight/staff), with the choice of two or more to compare, for everyone
// who reads measures.
func (p *Pages) Home() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		data := homeData{Page: web.NewPage(r, "Staff resources"), Makes: web.Can(r, workforce.MakesScenarios)}
		data.Back = paths.Insight.URL()
		var err error
		if data.Scenarios, err = p.store.Scenarios(web.Route(r)); err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "workforce/home.html", data)
	})
}

type scenarioData struct {
	web.Page
	Scenario workforce.Scenario
	Period   string
	periodForm
	Needs       []needRow
	WithTotal   []needRow // the needs and, last, all teams'
	Headline    string    // all teams' need in a sentence, for a head of service at a glance
	Assumptions []assumption
	Study       string
	Volumes     []volumeRow
	Activities  []workforce.Activity
	Makes       bool
	EditHref    string
}

// volumeRow is one team's counts over a period, as strings: a team's own as they are, the council's through
// disclosure.
type volumeRow struct {
	Team                               string
	Counts                             []string
	EpisodesBegun, ShortTerm, LongTerm string
}

// Scenario shows a scenario worked out over a period (GET /insight/staff/scenarios/{scenario}?months=12): each
// team's staff needed beside the staff it has, how it is worked out, the assumptions (each marked as assumed or
// observed) and the work the record counted.
func (p *Pages) Scenario() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("scenario")
		period, form := p.period(r)
		rs, err := p.store.Results(web.Route(r), period, id)
		if err != nil {
			return err
		}
		res := rs[0]
		data := scenarioData{Page: web.NewPage(r, res.Scenario.Name), Scenario: res.Scenario, Period: period.Label(), periodForm: form,
			Assumptions: assumptionsOf(res.Scenario.Assumptions, res.Study), Study: res.Study,
			Activities: workforce.Activities(), Makes: web.Can(r, workforce.MakesScenarios), EditHref: paths.WorkforceScenarioEdit.URL(id)}
		data.Back = paths.Workforce.URL()
		for _, n := range res.Needs {
			data.Needs = append(data.Needs, needRowOf(n))
		}
		data.WithTotal = append(data.Needs, needRowOf(res.Total))
		data.Headline = headline(res.Total, res.Needs)
		data.Volumes = volumeRows(res.Volumes)
		return p.tmpl.Render(w, r, http.StatusOK, "workforce/scenario.html", data)
	})
}

// headline says in a sentence or two what all teams need beside what they have, and which teams are short: one
// team's spare staff do not make up another's shortage, so the teams short are named rather than netted off.
func headline(total workforce.Need, needs []workforce.Need) string {
	out := fmt.Sprintf("All teams together need %s full-time practitioners and %s supervisors for this work; they have %s and %s in post.",
		fte(total.Practitioners), fte(total.Supervisors), plural(total.Has.Practitioners, "practitioner"), plural(total.Has.Supervisors, "supervisor"))
	var short []string
	var by float64
	for _, n := range needs {
		// Work the record gives no team has no staff to be short of: its need counts in the total alone.
		if g := gapOf(n.PractitionerGap()); g.Short && n.TeamID != "" {
			short = append(short, n.TeamName+" by "+fte(-n.PractitionerGap()))
			by -= n.PractitionerGap()
		}
	}
	switch len(short) {
	case 0:
		return out + " No team is short of practitioners."
	case 1:
		return out + " One team is short of practitioners: " + short[0] + "."
	}
	return fmt.Sprintf("%s %d teams are short of practitioners, by %s in all: %s.", out, len(short), fte(by), strings.Join(short, ", "))
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + one + "s"
}

// volumeRows is each team's counts over the period, then all teams' through disclosure.
func volumeRows(vols []workforce.TeamVolumes) []volumeRow {
	var out []volumeRow
	var all workforce.TeamVolumes
	for _, v := range vols {
		t := v.Total()
		out = append(out, monthRow(v.TeamName, t, strconv.Itoa))
		all.Months = append(all.Months, workforce.MonthVolumes{Volumes: t})
	}
	return append(out, monthRow("All teams", all.Total(), safe))
}

type compareData struct {
	web.Page
	Period string
	periodForm
	Results []compared
	Rows    []compareRow
	Teams   []compareTeam
}

// compared is one scenario as the comparison heads its column.
type compared struct {
	Name, Href, Study string
}

// compareRow is one assumption across the scenarios.
type compareRow struct {
	Label  string
	Values []string
}

// compareTeam is one team's need across the scenarios.
type compareTeam struct {
	Team  string
	Has   int
	Needs []string
	Gaps  []gap
}

// Compare sets two or more scenarios side by side over a period (GET
// /insight/staff/compare?scenario=ID&scenario=ID&months=12): their assumptions, then each team's practitioners needed
// and the gap under each.
func (p *Pages) Compare() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		period, form := p.period(r)
		ids := r.URL.Query()["scenario"]
		form.Chosen = ids
		data := compareData{Page: web.NewPage(r, "Scenarios side by side"), Period: period.Label(), periodForm: form}
		data.Back = paths.Workforce.URL()
		if len(ids) < 2 || len(ids) > 4 {
			data.Errors.Add("scenario", "Select from 2 to 4 scenarios to compare")
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "workforce/compare.html", data)
		}
		rs, err := p.store.Results(web.Route(r), period, ids...)
		if err != nil {
			return err
		}
		for i, res := range rs {
			data.Results = append(data.Results, compared{Name: res.Scenario.Name, Href: paths.WorkforceScenario.URL(res.Scenario.ID) + "?" +
				url.Values{"months": {data.Months}}.Encode(), Study: res.Study})
			for j, a := range assumptionsOf(res.Scenario.Assumptions, res.Study) {
				if i == 0 {
					data.Rows = append(data.Rows, compareRow{Label: a.Label})
				}
				v := a.Value
				if a.Observed {
					v = "Observed in " + res.Study
				}
				data.Rows[j].Values = append(data.Rows[j].Values, v)
			}
			for j, n := range append(res.Needs, res.Total) {
				if i == 0 {
					data.Teams = append(data.Teams, compareTeam{Team: n.TeamName, Has: n.Has.Practitioners})
				}
				data.Teams[j].Needs = append(data.Teams[j].Needs, fte(n.Practitioners))
				data.Teams[j].Gaps = append(data.Teams[j].Gaps, gapOf(n.PractitionerGap()))
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "workforce/compare.html", data)
	})
}

type volumesData struct {
	web.Page
	Period string
	periodForm
	Activities []workforce.Activity
	Teams      []teamMonths
	All        []volumeRow
}

// teamMonths is one team's counts month by month.
type teamMonths struct {
	Team string
	Rows []volumeRow // Team holds the month
}

// Volumes shows the work the record counts, by team and month, over a period (GET /insight/staff/volumes?months=12):
// each team's months as they are, and the council's months through disclosure.
func (p *Pages) Volumes() web.Handler {
	return web.Requires(councils.Role.ReadsMeasures, func(w http.ResponseWriter, r *http.Request) error {
		period, form := p.period(r)
		data := volumesData{Page: web.NewPage(r, "Work counted from the record"), Period: period.Label(), periodForm: form,
			Activities: workforce.Activities()}
		data.Back = paths.Workforce.URL()
		vols, err := p.store.Volumes(web.Route(r), period)
		if err != nil {
			return err
		}
		all := make([]workforce.TeamVolumes, len(period.Months()))
		for _, v := range vols {
			tm := teamMonths{Team: v.TeamName}
			for i, m := range v.Months {
				tm.Rows = append(tm.Rows, monthRow(m.Month.Format("January 2006"), m.Volumes, strconv.Itoa))
				all[i].Months = append(all[i].Months, m)
			}
			data.Teams = append(data.Teams, tm)
		}
		for i, m := range period.Months() {
			data.All = append(data.All, monthRow(m.Format("January 2006"), all[i].Total(), safe))
		}
		return p.tmpl.Render(w, r, http.StatusOK, "workforce/volumes.html", data)
	})
}

func monthRow(label string, v workforce.Volumes, show func(int) string) volumeRow {
	row := volumeRow{Team: label, EpisodesBegun: show(v.EpisodesBegun), ShortTerm: show(v.ShortTerm), LongTerm: show(v.LongTerm)}
	for _, a := range workforce.Activities() {
		row.Counts = append(row.Counts, show(v.Counts[a]))
	}
	return row
}
