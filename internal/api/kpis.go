package api

import (
	"context"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// KPIs: the implementation programme's key performance indicators, each bound to a measure of the catalogue, with
// its baseline, trajectory and each quarter's actual computed from the record as at today. Quality leads, team
// managers and programme leads read them; quality leads and programme leads set and change them. No figure the
// record can count is accepted: a KPI names its measure, the quarter its baseline is taken over and its target.
// Another council's KPIs are 404.

// KPIStore is what the API needs of kpis.Store.
type KPIStore interface {
	KPIs(ctx context.Context, asAt sqldb.Date) ([]kpis.Progress, error)
	KPI(ctx context.Context, id string, asAt sqldb.Date) (kpis.Progress, error)
	Add(ctx context.Context, k kpis.KPI) (kpis.KPI, error)
	Update(ctx context.Context, k kpis.KPI) (kpis.KPI, error)
}

// WithKPIs adds the programme's KPIs to the API. Its routes are always listed (Routes), so that the OpenAPI document
// is checked against them.
func (a *API) WithKPIs(s KPIStore) *API {
	a.kpis = s
	return a
}

// KPIsPath is where the API's KPIs live.
const KPIsPath = "/api/v1/programme/kpis"

// KPIPath is the API address of a KPI.
func KPIPath(id string) string { return KPIsPath + "/" + id }

func (a *API) kpiRoutes() []Route {
	route := a.staffRoute
	return []Route{
		route("GET "+KPIsPath, a.listKPIs),
		route("POST "+KPIsPath, a.createKPI),
		route("GET "+KPIsPath+"/{kpi}", a.getKPI),
		route("PUT "+KPIsPath+"/{kpi}", a.updateKPI),
	}
}

// KPI is a KPI with its progress as at today. Only name, measure_id, baseline_quarter, target, target_on and why
// are written; the rest is computed from the record.
type KPI struct {
	ID              string         `json:"id"` // read-only
	Name            string         `json:"name"`
	MeasureID       string         `json:"measure_id"`
	MeasureName     string         `json:"measure_name"` // read-only: "" when the catalogue has no such measure
	Better          string         `json:"better"`       // read-only: up, down or neither
	BaselineQuarter string         `json:"baseline_quarter"`
	Target          float64        `json:"target"`
	TargetOn        *string        `json:"target_on"`
	Why             string         `json:"why"`
	NotComputable   string         `json:"not_computable"` // read-only: why it cannot be computed yet, or ""
	Baseline        *KPIFigure     `json:"baseline"`       // read-only: null when not computable
	Trajectory      *KPITrajectory `json:"trajectory"`     // read-only: null when not computable
	Actuals         []KPIActual    `json:"actuals"`        // read-only
	Status          string         `json:"status"`         // read-only: on_track, off_track or no_data
	Version         int            `json:"version"`        // read-only: send it back in If-Match
}

// KPIFigure is a measure's figure as it may be shown beyond one team.
type KPIFigure struct {
	Text     string   `json:"text"`
	Value    *float64 `json:"value"` // null when withheld or when there is nothing to count
	Withheld bool     `json:"withheld"`
}

// KPITrajectory is the straight line from the baseline, at the end of its quarter, to the target on its date.
type KPITrajectory struct {
	From     string  `json:"from"`
	Baseline float64 `json:"baseline"`
	To       string  `json:"to"`
	Target   float64 `json:"target"`
}

// KPIActual is one quarter's actual against where the trajectory stood at its end.
type KPIActual struct {
	Quarter  string    `json:"quarter"`
	Actual   KPIFigure `json:"actual"`
	Expected float64   `json:"expected"`
	Status   string    `json:"status"`
}

func kpiFigureOf(m insight.Measure, f insight.Figure) KPIFigure {
	out := KPIFigure{Text: f.Text, Withheld: f.Withheld}
	if v, ok := kpis.Value(m, f); ok {
		out.Value = &v
	}
	return out
}

func kpiOf(p kpis.Progress) KPI {
	out := KPI{ID: p.ID, Name: p.Name, MeasureID: p.MeasureID, MeasureName: p.Measure.Name, Better: measureBetter(p.Measure.Better),
		BaselineQuarter: p.KPI.Baseline, Target: p.Target, TargetOn: dateOrNull(p.TargetOn), Why: p.Why, NotComputable: p.NotComputable,
		Actuals: []KPIActual{}, Status: string(p.Status), Version: p.Version}
	if p.Computable() {
		b := kpiFigureOf(p.Measure, p.BaselineFigure)
		out.Baseline = &b
		out.Trajectory = &KPITrajectory{From: p.Trajectory.From.String(), Baseline: p.Trajectory.Baseline, To: p.Trajectory.To.String(), Target: p.Trajectory.Target}
	}
	for _, q := range p.Quarters {
		out.Actuals = append(out.Actuals, KPIActual{Quarter: q.Quarter.Name(), Actual: kpiFigureOf(p.Measure, q.Actual), Expected: q.Expected, Status: string(q.Status)})
	}
	return out
}

// listKPIs is GET /api/v1/programme/kpis: the council's KPIs with their progress as at today.
func (a *API) listKPIs(w http.ResponseWriter, r *http.Request) error {
	ks, err := a.kpis.KPIs(r.Context(), sqldb.TodayIn(r.Context()))
	if err != nil {
		return err
	}
	sendList(w, listOf(ks, kpiOf))
	return nil
}

func (a *API) readKPI(r *http.Request, id string) (int, any, error) {
	k, err := a.kpis.KPI(r.Context(), id, sqldb.TodayIn(r.Context()))
	if err != nil {
		return 0, nil, err
	}
	return k.Version, kpiOf(k), nil
}

// getKPI is GET /api/v1/programme/kpis/{kpi}.
func (a *API) getKPI(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readKPI(r, r.PathValue("kpi")) })
}

// kpiField is the name the API gives a field of a KPI's problems: the form's measure and baseline are measure_id
// and baseline_quarter here.
func kpiField(field string) string {
	switch field {
	case "measure":
		return "measure_id"
	case "baseline":
		return "baseline_quarter"
	}
	return field
}

// kpiIn is the KPI a request body sets, with the problems only the API can see (a date that is not one) reported
// beside the KPI's own rules.
func kpiIn(r *http.Request, in KPI, id string, version int) (kpis.KPI, error) {
	var f fields
	k := kpis.KPI{ID: id, Name: in.Name, MeasureID: in.MeasureID, Baseline: in.BaselineQuarter, Target: in.Target,
		TargetOn: f.date("target_on", "The date the target is to be met by", in.TargetOn), Why: in.Why, Version: version}
	check := k
	check.Normalise()
	rules := check.Validate(sqldb.TodayIn(r.Context()))
	for i := range rules {
		rules[i].Field = kpiField(rules[i].Field)
	}
	return k, f.check(rules)
}

// createKPI is POST /api/v1/programme/kpis: a quality lead or programme lead sets a KPI.
func (a *API) createKPI(w http.ResponseWriter, r *http.Request) error {
	return create(w, r, func(in KPI) (string, int, any, error) {
		k, err := kpiIn(r, in, "", 0)
		if err != nil {
			return "", 0, nil, err
		}
		got, err := a.kpis.Add(r.Context(), k)
		if err != nil {
			return "", 0, nil, renamed(err, kpiField)
		}
		version, body, err := a.readKPI(r, got.ID)
		return KPIPath(got.ID), version, body, err
	})
}

// updateKPI is PUT /api/v1/programme/kpis/{kpi}: a quality lead or programme lead changes a KPI, with If-Match.
func (a *API) updateKPI(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("kpi")
	return change(w, r, "the KPI",
		func(in KPI, version int) error {
			k, err := kpiIn(r, in, id, version)
			if err != nil {
				return err
			}
			_, err = a.kpis.Update(r.Context(), k)
			return renamed(err, kpiField)
		},
		func() (int, any, error) { return a.readKPI(r, id) })
}
