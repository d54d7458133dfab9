// Package workforcepage provides the staff resources pages: the council's scenarios, a scenario's staff needed
// beside the staff each team has, with every assumption marked as assumed (or the share of time with people as
// observed in a practice study), scenarios side by side, the form that makes or changes one, and the record's
// volumes by team and month.
package workforcepage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
	"github.com/golden-thread/goldenthread/internal/workforce"
)

//go:embed all:templates
var files embed.FS

// Templates are this package's page templates, for web.NewTemplates.
func Templates() fs.FS { return web.TemplateDir(files) }

// Store is what these pages need of workforce.Store.
type Store interface {
	Scenarios(ctx context.Context) ([]workforce.Scenario, error)
	Scenario(ctx context.Context, id string) (workforce.Scenario, error)
	Draft(ctx context.Context) (workforce.Scenario, error)
	Studies(ctx context.Context) ([]workforce.Study, error)
	Create(ctx context.Context, x workforce.Scenario) (workforce.Scenario, error)
	Change(ctx context.Context, x workforce.Scenario) (workforce.Scenario, error)
	Results(ctx context.Context, p workforce.Period, ids ...string) ([]workforce.Result, error)
	Volumes(ctx context.Context, p workforce.Period) ([]workforce.TeamVolumes, error)
	Today() sqldb.Date
}

// Pages holds what every page here needs.
type Pages struct {
	tmpl  *web.Templates
	store Store
}

// New returns the pages.
func New(tmpl *web.Templates, store Store) *Pages { return &Pages{tmpl: tmpl, store: store} }

// periodForm is what the form that chooses the months counted shows ("workforce/period"): the months chosen, the
// choices, and the scenarios it keeps when it is sent again.
type periodForm struct {
	Months  string
	Periods []web.Item
	Chosen  []string
}

// period reads the period a page is asked for (?months=), the last 12 full months by default, with the form that
// chooses it.
func (p *Pages) period(r *http.Request) (workforce.Period, periodForm) {
	n, err := strconv.Atoi(r.URL.Query().Get("months"))
	if err != nil {
		n = 12
	}
	period, months := workforce.PeriodOf(p.store.Today(), n)
	var items []web.Item
	for _, m := range workforce.Periods() {
		items = append(items, web.Item{Value: strconv.Itoa(m), Text: "The last " + strconv.Itoa(m) + " full months"})
	}
	return period, periodForm{Months: strconv.Itoa(months), Periods: items}
}

// fte is full-time equivalents as pages show them: to one decimal place.
func fte(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', 1, 64) }

// hours is hours a month, whole.
func hours(f float64) string { return strconv.FormatFloat(math.Round(f), 'f', 0, 64) }

// perMonth is an average a month, to one decimal place.
func perMonth(f float64) string { return fte(f) }

// gap is what a team has less what it needs, signed, with whether it is short.
type gap struct {
	Text  string
	Short bool
}

func gapOf(g float64) gap {
	r := math.Round(g*10) / 10
	switch {
	case r < 0:
		return gap{Text: "−" + fte(-r) + " short", Short: true}
	case r > 0:
		return gap{Text: "+" + fte(r) + " spare"}
	}
	return gap{Text: "0.0"}
}

// percent is a share as a whole percentage.
func percent(share float64) string { return strconv.Itoa(int(math.Round(share*100))) + "%" }

// safe is a count of people's contacts, episodes or reviews above one team, through disclosure.
func safe(n int) string { return disclosure.Safe(n).String() }

// needRow is one team's need as the scenario page shows it.
type needRow struct {
	Team                                         string
	Practitioners, Supervisors                   string
	HasPractitioners, HasSupervisors             int
	PractitionerGap, SupervisorGap               gap
	DirectHours, CaseworkHours, Supervision, All string
	Share                                        string
	Observed                                     bool
}

func needRowOf(n workforce.Need) needRow {
	return needRow{Team: n.TeamName, Practitioners: fte(n.Practitioners), Supervisors: fte(n.Supervisors),
		HasPractitioners: n.Has.Practitioners, HasSupervisors: n.Has.Supervisors,
		PractitionerGap: gapOf(n.PractitionerGap()), SupervisorGap: gapOf(n.SupervisorGap()),
		DirectHours: hours(n.DirectHours), CaseworkHours: hours(n.CaseworkHours), Supervision: hours(n.SupervisionHours),
		All: hours(n.TotalHours()), Share: percent(n.Share), Observed: n.ShareObserved}
}

// assumption is one assumption as a page lists it, marked as assumed or observed.
type assumption struct {
	Label, Value, Source string
	Observed             bool
}

func assumptionsOf(a workforce.Assumptions, study string) []assumption {
	var out []assumption
	for _, act := range workforce.Activities() {
		out = append(out, assumption{Label: "Time for each " + act.Each(), Value: fmt.Sprintf("%d minutes", a.Minutes(act)), Source: "Assumed"})
	}
	share := assumption{Label: "Share of a practitioner’s time with people or on their casework", Value: strconv.Itoa(a.WithPeoplePercent) + "%", Source: "Assumed"}
	if study != "" {
		share.Value += " where the study kept no diaries for a team"
		share.Source, share.Observed = "Observed in "+study, true
	}
	return append(out, share,
		assumption{Label: "Supervision for each practitioner", Value: fmt.Sprintf("%d minutes a month", a.SupervisionMinutes), Source: "Assumed, from the supervision policy"},
		assumption{Label: "Contracted hours of a full-time member of staff", Value: strconv.FormatFloat(a.HoursPerWeek, 'f', -1, 64) + " hours a week", Source: "Assumed"},
		assumption{Label: "Leave, bank holidays and sickness", Value: strconv.Itoa(a.LeavePercent) + "% of contracted time", Source: "Assumed"},
		assumption{Label: "Learning and development", Value: strconv.Itoa(a.TrainingPercent) + "% of contracted time", Source: "Assumed"},
		assumption{Label: "Productive hours of one full-time member of staff", Value: hours(a.ProductiveHours()) + " hours a month", Source: "Worked out from the above"},
		assumption{Label: "Practitioners for each supervisor", Value: strconv.Itoa(a.Span), Source: "Assumed"},
	)
}
