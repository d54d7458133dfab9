package programmepage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// riskRow is a risk as the log shows it, its score, band and trend worked out.
type riskRow struct {
	programme.Risk
	Score         int
	Band          programme.Band
	BandClass     string
	Trend         programme.Trend
	ReviewOverdue bool
}

func riskRowOf(rk programme.Risk, today sqldb.Date) riskRow {
	return riskRow{Risk: rk, Score: rk.Score(), Band: rk.Band(), BandClass: bandClass(rk.Band()), Trend: rk.Trend(),
		ReviewOverdue: rk.ReviewOverdue(today)}
}

type riskList struct {
	web.Page
	Changes bool
	Risks   []riskRow
	Bands   []bandRow
}

// bandRow is one band of the key beside the log: its scores, written from programme.Bands.
type bandRow struct {
	Label, Scores, Class string
}

func bandKey() []bandRow {
	out := make([]bandRow, len(programme.Bands))
	for i, b := range programme.Bands {
		to := 25
		if i+1 < len(programme.Bands) {
			to = programme.Bands[i+1].From - 1
		}
		out[i] = bandRow{Label: b.Band.Label(), Scores: strconv.Itoa(b.From) + " to " + strconv.Itoa(to), Class: bandClass(b.Band)}
	}
	return out
}

// Risks is the risk log: each risk's score (likelihood × impact), band, trend and review date, open risks first and
// the highest scores first (GET /programme/risks).
func (p *Pages) Risks() web.Handler {
	return web.Requires(reads, func(w http.ResponseWriter, r *http.Request) error {
		rs, err := p.store.Risks(web.Route(r))
		if err != nil {
			return err
		}
		data := &riskList{Page: web.NewPage(r, "Risk log"), Changes: web.Can(r, changes), Bands: bandKey()}
		data.Back = paths.Programme.URL()
		for _, rk := range rs {
			data.Risks = append(data.Risks, riskRowOf(rk, web.Today(r)))
		}
		return p.tmpl.Render(w, r, http.StatusOK, "programme/risks.html", data)
	})
}

type riskForm struct {
	web.Page
	web.ConflictPanel
	Editing                                 bool
	Title, Cause, Effect, Owner, Mitigation string
	Likelihood, Impact, Status, Note        string
	ReviewOn                                web.DateInput
	Version                                 int
	Reviews                                 []programme.RiskReview
	Current                                 riskRow
	OwnerItems, ScaleItems, StatusItems     []web.Item
}

var riskOrder = []string{"version", "title", "cause", "effect", "likelihood", "impact", "owner", "mitigation", "review_on", "status", "note"}

func (p *Pages) loadRiskForm(r *http.Request, data *riskForm) error {
	data.ScaleItems = []web.Item{{Value: "1", Text: "1: very low"}, {Value: "2", Text: "2: low"}, {Value: "3", Text: "3: medium"},
		{Value: "4", Text: "4: high"}, {Value: "5", Text: "5: very high"}}
	data.StatusItems = items(programme.RiskStatuses)
	var err error
	data.OwnerItems, err = p.staffItems(r)
	return err
}

// scale reads a 1 to 5 choice, adding a problem when it is not a number.
func scale(errs *web.Errors, f url.Values, field, message string) (string, int) {
	typed := strings.TrimSpace(f.Get(field))
	n, err := strconv.Atoi(typed)
	if err != nil {
		errs.Add(field, message)
	}
	return typed, n
}

func (data *riskForm) read(f url.Values, errs *web.Errors, id string) programme.Risk {
	data.Title, data.Cause, data.Effect, data.Owner = f.Get("title"), f.Get("cause"), f.Get("effect"), f.Get("owner")
	data.Mitigation, data.Status, data.Note = f.Get("mitigation"), f.Get("status"), f.Get("note")
	data.ReviewOn, data.Version = web.DateInputFrom(f, "review_on"), web.FormVersion(f, "version")
	var l, i int
	data.Likelihood, l = scale(errs, f, "likelihood", "Select a likelihood from 1 to 5")
	data.Impact, i = scale(errs, f, "impact", "Select an impact from 1 to 5")
	rk := programme.Risk{ID: id, Title: data.Title, Cause: data.Cause, Effect: data.Effect, Likelihood: l, Impact: i,
		OwnerStaffID: data.Owner, Mitigation: data.Mitigation, Status: programme.RiskStatus(data.Status), Version: data.Version,
		ReviewOn: web.ReadDate(errs, data.ReviewOn, "review_on", "The review date")}
	checkForm(errs, programme.Check(rk))
	return rk
}

func (data *riskForm) fill(rk programme.Risk) {
	data.Title, data.Cause, data.Effect, data.Owner, data.Mitigation = rk.Title, rk.Cause, rk.Effect, rk.OwnerStaffID, rk.Mitigation
	data.Likelihood, data.Impact = strconv.Itoa(rk.Likelihood), strconv.Itoa(rk.Impact)
	data.Status, data.ReviewOn, data.Version = string(rk.Status), web.DateInputOf(rk.ReviewOn.Time), rk.Version
}

// NewRisk logs a risk (GET and POST /programme/risks/new): for the programme's owners.
func (p *Pages) NewRisk() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		data := &riskForm{Page: web.NewPage(r, "Log a risk")}
		data.Back = paths.ProgrammeRisks.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Risk]{
			Template: "programme/risk-form.html",
			Order:    riskOrder,
			Load:     func() (programme.Risk, error) { return programme.Risk{}, p.loadRiskForm(r, data) },
			Fill: func(programme.Risk) {
				data.Status, data.ReviewOn = string(programme.RiskOpen), web.DateInputOf(web.Today(r).AddDate(0, 1, 0))
			},
			Read:     func(f url.Values, errs *web.Errors) programme.Risk { return data.read(f, errs, "") },
			Save:     func(rk programme.Risk) (programme.Risk, error) { return p.store.AddRisk(web.Route(r), rk) },
			Problems: web.ProblemsIn(validation.AsProblems),
			Done:     func(rk programme.Risk) error { return flashTo(w, r, rk.Title+" logged", paths.ProgrammeRisks.URL()) },
		})
	})
}

// EditRisk changes or re-scores a risk, with the history of its scores (GET and POST /programme/risks/{risk}): for
// the programme's owners; a new score or a later review date keeps a review, from which the trend comes.
func (p *Pages) EditRisk() web.Handler {
	return web.Requires(changes, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("risk")
		data := &riskForm{Page: web.NewPage(r, "Review a risk"), Editing: true}
		data.Back = paths.ProgrammeRisks.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[programme.Risk]{
			Template: "programme/risk-form.html",
			Order:    riskOrder,
			Conflict: "Someone else changed this risk while you were reviewing it. Check their changes, then save again",
			Load: func() (programme.Risk, error) {
				rk, err := p.store.Risk(web.Route(r), id)
				if err != nil {
					return rk, err
				}
				data.Title, data.Reviews, data.Current = "Review "+rk.Title, rk.Reviews, riskRowOf(rk, web.Today(r))
				return rk, p.loadRiskForm(r, data)
			},
			Fill: data.fill,
			Read: func(f url.Values, errs *web.Errors) programme.Risk { return data.read(f, errs, id) },
			Save: func(rk programme.Risk) (programme.Risk, error) {
				return p.store.UpdateRisk(web.Route(r), rk, strings.TrimSpace(data.Note))
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed programme.Risk) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Title", saved.Title, strings.TrimSpace(typed.Title)},
					[3]string{"Cause", saved.Cause, strings.TrimSpace(typed.Cause)},
					[3]string{"Effect", saved.Effect, strings.TrimSpace(typed.Effect)},
					[3]string{"Likelihood", strconv.Itoa(saved.Likelihood), data.Likelihood},
					[3]string{"Impact", strconv.Itoa(saved.Impact), data.Impact},
					[3]string{"Owner", chosen(data.OwnerItems, saved.OwnerStaffID), chosen(data.OwnerItems, typed.OwnerStaffID)},
					[3]string{"Mitigation", saved.Mitigation, strings.TrimSpace(typed.Mitigation)},
					[3]string{"Review date", web.DateText(saved.ReviewOn.Time), data.ReviewOn.Text()},
					[3]string{"Status", saved.Status.Label(), typed.Status.Label()},
				)
			},
			Done: func(rk programme.Risk) error { return flashTo(w, r, rk.Title+" saved", paths.ProgrammeRisks.URL()) },
		})
	})
}
