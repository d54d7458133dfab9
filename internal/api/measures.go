package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Measures: the council's catalogue of measures of its practice, each defined once in package insight, and each
// measure's figures for a period, cut by team, month or protected characteristic. The figures are insight's own,
// made safe as the insight pages show them (insight.Measure.Show): counts from 1 to 5 withheld, the rest rounded to
// 5, and no share, median or total given where a count behind it is withheld. Figures name no one, so reading them
// is not in the access log; the quality lead, team managers and finance read them (councils.Role.ReadsMeasures).

// MeasureStore is what the API needs of insight.Store.
type MeasureStore interface {
	Figures(ctx context.Context, id string, p insight.Period, by insight.Cut) (insight.Result, error)
}

// WithMeasures adds the measures' store to the API. Its routes are always listed (Routes), so that the OpenAPI
// document is checked against them.
func (a *API) WithMeasures(s MeasureStore) *API {
	a.measures = s
	return a
}

// MeasuresPath is where the API's catalogue of measures lives.
const MeasuresPath = "/api/v1/measures"

// MeasurePath is the API address of a measure's figures.
func MeasurePath(id string) string { return MeasuresPath + "/" + id }

func (a *API) measureRoutes() []Route {
	return []Route{
		a.staffRoute("GET "+MeasuresPath, a.listMeasures),
		a.staffRoute("GET "+MeasuresPath+"/{measure}", a.getMeasureFigures),
	}
}

// Measure is one measure of the catalogue: what it says, what it counts and out of what, the records it reads, and
// the seed or standard it comes from.
type Measure struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Definition  string          `json:"definition"`
	Numerator   string          `json:"numerator"`
	Denominator string          `json:"denominator"` // "" but for a share or a rate
	Reads       []string        `json:"reads"`
	Source      string          `json:"source"`
	Priority    MeasurePriority `json:"priority"`
	Kind        string          `json:"kind"`   // share, count, median, total or rate
	Unit        string          `json:"unit"`   // what a median or total is in, or whom a rate is per 100,000 of; "" for a share or count
	Better      string          `json:"better"` // which way the figure is better: up, down or neither
	Groups      string          `json:"groups"` // what its own categories are called, when it can be divided by them (by=group)
}

// MeasurePriority is the IQAM priority a measure is reported under.
type MeasurePriority struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// MeasureFigures are a measure's figures for a period, cut one way, with the whole council's beside them.
type MeasureFigures struct {
	Measure Measure         `json:"measure"`
	From    string          `json:"from"`
	To      string          `json:"to"`
	Label   string          `json:"label"` // the period as the pages name it: "July to September 2026"
	By      string          `json:"by"`    // "" for the whole council
	ByLabel string          `json:"by_label"`
	Rows    []MeasureFigure `json:"rows"`
	All     MeasureFigure   `json:"all"`
}

// MeasureFigure is one group's figure, as safe to show as the insight pages show it.
type MeasureFigure struct {
	Key      string   `json:"key"` // a team's ID, a month (2026-04), an age band ...
	Label    string   `json:"label"`
	Counted  *int     `json:"counted"`  // rounded to 5; null when from 1 to 5
	Meeting  *int     `json:"meeting"`  // for a share, rounded to 5; null when it or counted is from 1 to 5, and for other kinds
	Withheld bool     `json:"withheld"` // too few behind the figure to say anything
	Text     string   `json:"text"`     // the figure as the pages show it: "100%", "12 days", "Too few to show"
	Number   *float64 `json:"number"`   // a share's whole percentage, a median, a total, a count or a rate; null when withheld, nothing was counted or a rate has no population
	// Spread is a median's spread in words, told from its better side, as the pages show it: "9 in 10 within 14
	// days" for a wait, "9 in 10 at least 45.0" for a score; null for other kinds.
	Spread *string `json:"spread"`
}

func measureOf(m insight.Measure) Measure {
	return Measure{ID: m.ID, Name: m.Name, Definition: m.Definition, Numerator: m.Numerator, Denominator: m.Denominator,
		Reads: listOf(m.Reads, strings.Clone), Source: m.Source,
		Priority: MeasurePriority{Key: string(m.Priority), Label: m.Priority.Label()},
		Kind:     measureKind(m.Kind), Unit: m.Unit, Better: measureBetter(m.Better), Groups: m.Groups}
}

// measureKind is how the API writes a measure's kind.
func measureKind(k insight.Kind) string {
	switch k {
	case insight.Share:
		return "share"
	case insight.Count:
		return "count"
	case insight.Median:
		return "median"
	case insight.Total:
		return "total"
	case insight.Rate:
		return "rate"
	}
	return ""
}

// measureBetter is how the API writes which way a measure's figure is better.
func measureBetter(b insight.Better) string {
	switch b {
	case insight.Up:
		return "up"
	case insight.Down:
		return "down"
	}
	return "neither"
}

// measureFigureOf is a figure as insight made it safe, written for the API: nothing is worked out again.
func measureFigureOf(m insight.Measure, f insight.Figure) MeasureFigure {
	out := MeasureFigure{Key: f.Key, Label: f.Label, Counted: safeCount(f.Of), Withheld: f.Withheld, Text: f.Text}
	// Of a group of fewer than 6, even none meeting the measure says something of each of them, so how many met it
	// is withheld with the count, as on the pages.
	if m.Kind == insight.Share && out.Counted != nil {
		out.Meeting = safeCount(f.In)
	}
	if f.Second != "" {
		out.Spread = &f.Second
	}
	counted, shown := f.Of.Value()
	if f.Withheld || f.NoRate || !shown || (counted == 0 && (m.Kind == insight.Share || m.Kind == insight.Median)) {
		return out // no share or middle of nothing
	}
	n := f.Number
	out.Number = &n
	return out
}

// safeCount is a safe count as a number, or nil when it is withheld.
func safeCount(f disclosure.Figure) *int {
	n, shown := f.Value()
	if !shown {
		return nil
	}
	return &n
}

// readsMeasures refuses a member of staff whose role does not read the council's measures.
func readsMeasures(r *http.Request) error {
	if st, _ := councils.StaffFrom(r.Context()); !st.Role.ReadsMeasures() {
		return sqldb.ErrForbidden
	}
	return nil
}

// listMeasures is GET /api/v1/measures: the catalogue, in the order the IQAM pack shows it.
func (a *API) listMeasures(w http.ResponseWriter, r *http.Request) error {
	if err := readsMeasures(r); err != nil {
		return err
	}
	sendList(w, listOf(insight.Catalogue(), measureOf))
	return nil
}

// maxMeasureYears is the longest period the API computes a measure for: a monthly series over five years.
const maxMeasureYears = 5

// measurePeriod reads the period of a request for figures: a quarter (?quarter=2026-Q3), or from and to, both
// YYYY-MM-DD and inclusive; with neither, the last whole quarter before today, as the insight pages choose.
func measurePeriod(r *http.Request, f *fields) insight.Period {
	q := r.URL.Query()
	quarter, from, to := strings.TrimSpace(q.Get("quarter")), strings.TrimSpace(q.Get("from")), strings.TrimSpace(q.Get("to"))
	switch {
	case quarter != "" && (from != "" || to != ""):
		f.add("quarter", "Give either a quarter or from and to, not both")
	case quarter != "":
		p, err := insight.Quarter(quarter)
		if err != nil {
			f.add("quarter", "Enter a quarter as the year and the quarter, such as 2026-Q3")
		}
		return p
	case from == "" && to == "":
		return insight.QuarterOf(sqldb.TodayIn(r.Context())).Before()
	}
	p := insight.Period{From: f.date("from", "The start of the period", &from), To: f.date("to", "The end of the period", &to)}
	switch {
	case from == "":
		f.add("from", "Enter the start of the period as well as its end, written as YYYY-MM-DD")
	case to == "":
		f.add("to", "Enter the end of the period as well as its start, written as YYYY-MM-DD")
	case p.From.IsZero() || p.To.IsZero():
		// a date that is not one, said by f.date
	case p.To.Before(p.From.Time):
		f.add("to", "The end of the period must be the same as or after its start")
	case p.To.After(p.From.AddDate(maxMeasureYears, 0, -1)):
		f.add("to", "The period must be five years or shorter")
	}
	return p
}

// measureCut reads how to divide m's figures (?by=team); empty is the whole council.
func measureCut(r *http.Request, m insight.Measure, f *fields) insight.Cut {
	by, err := m.ParseCut(strings.TrimSpace(r.URL.Query().Get("by")))
	if err != nil {
		var ways []string
		for _, c := range m.Cuts() {
			if c != insight.Whole {
				ways = append(ways, string(c))
			}
		}
		f.add("by", "Choose one of the ways to divide the figures: "+strings.Join(ways, ", ")+", or none for the whole council")
	}
	return by
}

// getMeasureFigures is GET /api/v1/measures/{measure}?quarter=2026-Q3&by=team (or ?from=&to=): the measure's
// figures for the period, cut as asked, with the whole council's, each as the insight pages show it.
func (a *API) getMeasureFigures(w http.ResponseWriter, r *http.Request) error {
	if err := readsMeasures(r); err != nil {
		return err
	}
	m, ok := insight.Find(r.PathValue("measure"))
	if !ok {
		return sqldb.ErrNotFound
	}
	var f fields
	p, by := measurePeriod(r, &f), measureCut(r, m, &f)
	if err := f.check(nil); err != nil {
		return err
	}
	res, err := a.measures.Figures(r.Context(), m.ID, p, by)
	if err != nil {
		return err
	}
	figure := func(x insight.Figure) MeasureFigure { return measureFigureOf(res.Measure, x) }
	writeJSON(w, http.StatusOK, "application/json", MeasureFigures{Measure: measureOf(res.Measure), From: res.Period.From.String(),
		To: res.Period.To.String(), Label: res.Period.Label(), By: string(res.Cut), ByLabel: m.CutLabel(res.Cut),
		Rows: listOf(res.Rows, figure), All: figure(res.All)})
	return nil
}
