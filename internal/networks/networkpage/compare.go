package networkpage

import (
	"net/http"
	"time"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/web"
)

type compareData struct {
	web.Page
	Quarter, Period string
	Measure         string
	MeasureItems    []web.Item
	Councils        int
	At              time.Time // when the comparison was worked out
	Tables          []measureTable
}

// measureTable is one measure side by side: its definition, a chart of the councils, a table by council and a
// table by practice model with the network's total.
type measureTable struct {
	M        insight.Measure
	Councils []rowView
	Models   []rowView
	All      rowView
	Bars     []bar
	ChartH   int
	Withheld bool // some row is not shown, so the page says why
}

type rowView struct {
	Label, Figure, Of, In, Second string
	Councils                      int
}

type bar struct {
	Y, Width    int
	Label, Text string
}

const (
	barRowH   = 44
	chartWide = 600
)

// Compare is the comparison (GET /network/compare?quarter=2026-Q3&measure=ID): each measure of the catalogue, or
// the one chosen, for the network's current member councils side by side, by council and by practice model, as
// aggregates only, with counts under 6 suppressed and totals withheld where they would give one away.
func (p *Pages) Compare() web.Handler {
	return web.Requires(networkStaff, func(w http.ResponseWriter, r *http.Request) error {
		var errs web.Errors
		period, q := quarter(r, &errs)
		data := compareData{Page: web.NewPage(r, "Compare the member councils"), Quarter: q, Period: period.Label()}
		data.MeasureItems = []web.Item{{Value: "", Text: "Every measure"}}
		for _, m := range insight.Catalogue() {
			data.MeasureItems = append(data.MeasureItems, web.Item{Value: m.ID, Text: m.Name})
		}
		var ids []string
		if id := r.URL.Query().Get("measure"); id != "" {
			if _, ok := insight.Find(id); !ok {
				errs.Add("measure", "Choose a measure from the list")
			} else {
				data.Measure, ids = id, []string{id}
			}
		}
		if errs.Any() {
			data.Errors = errs
			if _, err := p.store.Mine(r.Context()); err != nil {
				return err
			}
			return p.tmpl.Render(w, r, http.StatusUnprocessableEntity, "network/compare.html", data)
		}
		c, err := p.comparer.Compare(r.Context(), period, ids...)
		if err != nil {
			return err
		}
		data.Title = "Compare the councils of " + c.Network.Name
		data.Councils, data.At = c.Councils, c.At
		for _, mc := range c.Measures {
			data.Tables = append(data.Tables, table(mc))
		}
		return p.tmpl.Render(w, r, http.StatusOK, "network/compare.html", data)
	})
}

// quarter reads the page's quarter (?quarter=2026-Q3); with none, the last whole quarter before today.
func quarter(r *http.Request, errs *web.Errors) (insight.Period, string) {
	q := r.URL.Query().Get("quarter")
	last := insight.QuarterOf(web.Today(r)).Before()
	if q == "" {
		return last, last.Name()
	}
	p, err := insight.Quarter(q)
	if err != nil {
		errs.Add("quarter", "Enter a quarter as the year and the quarter, such as 2026-Q3")
		return last, q
	}
	return p, q
}

// table lays out one measure's comparison for the page.
func table(mc networks.MeasureComparison) measureTable {
	t := measureTable{M: mc.Measure}
	top := 0.0
	for _, row := range mc.ByCouncil {
		top = max(top, row.Figure.Number)
	}
	if mc.Measure.Kind == insight.Share {
		top = 100
	}
	for i, row := range mc.ByCouncil {
		t.Councils = append(t.Councils, view(row))
		b := bar{Y: i * barRowH, Label: row.Label, Text: row.Text()}
		if !row.Figure.Withheld && top > 0 {
			b.Width = int(row.Figure.Number / top * chartWide)
		}
		t.Bars = append(t.Bars, b)
		t.Withheld = t.Withheld || !row.Counts
	}
	t.ChartH = max(len(mc.ByCouncil), 1) * barRowH
	for _, row := range mc.ByModel {
		t.Models = append(t.Models, view(row))
		t.Withheld = t.Withheld || row.Withheld
	}
	t.All = view(mc.All)
	return t
}

// view is a row as the tables show it: its counts only where they may be shown (networks.Row.Counts).
func view(r networks.Row) rowView {
	v := rowView{Label: r.Label, Figure: r.Text(), Councils: r.Councils}
	if r.Counts {
		v.Of, v.In, v.Second = r.Figure.Of.String(), r.Figure.In.String(), r.Figure.Second
	}
	return v
}
