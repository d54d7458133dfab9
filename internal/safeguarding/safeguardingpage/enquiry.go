package safeguardingpage

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// OutcomeRows is how many rows the form offers for the person's desired outcomes.
const OutcomeRows = 5

type outcomeInput struct {
	Name, Label, Value string
}

type achievedView struct {
	Position           int
	Name, Words, Error string
	Items              []web.Item
}

type enquiryForm struct {
	MSPAsked                                     string
	Outcomes                                     []string
	InvolvedName, InvolvedRole, InvolvedDetail   string
	StepOn                                       web.DateInput
	What, By                                     string
	ClosedOn                                     web.DateInput
	Achieved                                     map[string]string
	ActionResult, RiskOutcome, RiskReason, Capac string
	Note                                         string
}

type enquiryData struct {
	web.Page
	web.ConflictPanel
	View           safeguarding.View
	Enquiry        safeguarding.Enquiry
	Rows           []web.SummaryRow
	ClosedRows     []web.SummaryRow
	ConcernHref    string
	Base           string
	CanChange      bool
	Version        int
	Form           enquiryForm
	MSPItems       []web.Item
	OutcomeInputs  []outcomeInput
	Roles          []web.Item
	ActionResults  []web.Item
	RiskOutcomes   []web.Item
	Capacity       []web.Item
	Achieve        []achievedView
	Conflict       bool
	StepsCaption   string
	InvolvedLabels map[string]string
}

var enquiryOrder = []string{"version", "msp_asked", "outcomes", "outcome-1", "involved_name", "involved_role", "taken_on", "what", "by",
	"closed_on", "achieved", "action_result", "risk_outcome", "risk_reason", "capacity"}

func readEnquiry(v url.Values) (enquiryForm, int) {
	version := web.FormVersion(v, "version")
	f := enquiryForm{MSPAsked: v.Get("msp_asked"), InvolvedName: v.Get("involved_name"), InvolvedRole: v.Get("involved_role"),
		InvolvedDetail: v.Get("involved_detail"), StepOn: web.DateInputFrom(v, "taken_on"), What: v.Get("what"), By: v.Get("by"),
		ClosedOn: web.DateInputFrom(v, "closed_on"), Achieved: map[string]string{}, ActionResult: v.Get("action_result"),
		RiskOutcome: v.Get("risk_outcome"), RiskReason: v.Get("risk_reason"), Capac: v.Get("capacity"), Note: v.Get("closing_note")}
	for i := 1; i <= OutcomeRows; i++ {
		f.Outcomes = append(f.Outcomes, v.Get("outcome-"+strconv.Itoa(i)))
	}
	for key := range v {
		if id, ok := strings.CutPrefix(key, "achieved-"); ok {
			f.Achieved[id] = v.Get(key)
		}
	}
	return f, version
}

func (p *Pages) loadEnquiry(r *http.Request) (enquiryData, error) {
	personID, concernID := r.PathValue("id"), r.PathValue("concern")
	v, err := p.store.Get(web.Route(r), personID, concernID)
	if err != nil {
		return enquiryData{}, err
	}
	if v.Enquiry == nil {
		return enquiryData{}, sqldb.ErrNotFound
	}
	e := *v.Enquiry
	d := enquiryData{Page: web.NewPage(r, e.Kind.Label()), View: v, Enquiry: e, ConcernHref: paths.Concern.URL(personID, concernID),
		Base: paths.Enquiry.URL(personID, concernID), CanChange: !e.Closed() && staff(r).Role.ChangesPeople(), Version: e.Version}
	d.Back = d.ConcernHref
	d.Rows = []web.SummaryRow{
		{Key: "Lead enquirer", Value: e.LeadName},
		{Key: "Started", Value: dateText(e.StartedOn)},
		{Key: "Type of abuse or neglect", Value: strings.Join(v.Concern.Types, ", ")},
	}
	if e.MSPAsked != "" {
		d.Rows = append(d.Rows, web.SummaryRow{Key: "Was the person asked what outcomes they want?", Value: e.MSPAsked + " (" + dateText(e.MSPAskedOn) + ")"})
	}
	if e.Closed() {
		d.ClosedRows = []web.SummaryRow{
			{Key: "Closed", Value: dateText(e.ClosedOn)},
			{Key: "What was found and done", Value: e.ActionResult},
		}
		if e.RiskOutcome != "" {
			d.ClosedRows = append(d.ClosedRows, web.SummaryRow{Key: "Risk outcome", Value: e.RiskOutcome},
				web.SummaryRow{Key: "Reasons", Value: e.RiskReason})
		}
		d.ClosedRows = append(d.ClosedRows, web.SummaryRow{Key: "Did the person lack capacity to make decisions about the enquiry?", Value: e.Capacity})
		if o := e.Achieved(); o != "" {
			d.ClosedRows = append(d.ClosedRows, web.SummaryRow{Key: "The person's outcomes overall", Value: o})
		}
		if e.Note != "" {
			d.ClosedRows = append(d.ClosedRows, web.SummaryRow{Key: "Note", Value: e.Note})
		}
	}
	d.Form = enquiryForm{StepOn: web.DateInputOf(v.Today.Time), ClosedOn: web.DateInputOf(v.Today.Time), By: staff(r).Name, Achieved: map[string]string{}}
	return d, nil
}

func (d *enquiryData) fill() {
	f := d.Form
	d.MSPItems = nil
	for _, c := range codelists.MSPAsked.Codes {
		it := web.Item{Value: c.Value, Text: c.Label, Checked: f.MSPAsked == c.Value}
		if c.Value == codelists.MSPAskedExpressed {
			it.Hint = "Then record each outcome below, in the person's own words."
		}
		d.MSPItems = append(d.MSPItems, it)
	}
	d.OutcomeInputs = nil
	for i := 1; i <= OutcomeRows; i++ {
		val := ""
		if i <= len(f.Outcomes) {
			val = f.Outcomes[i-1]
		}
		d.OutcomeInputs = append(d.OutcomeInputs, outcomeInput{Name: "outcome-" + strconv.Itoa(i), Label: "Outcome " + strconv.Itoa(i), Value: val})
	}
	d.Roles = []web.Item{{Value: "", Text: "Choose their part"}}
	d.InvolvedLabels = map[string]string{}
	for _, in := range safeguarding.Involvements() {
		d.Roles = append(d.Roles, web.Item{Value: string(in), Text: in.Label()})
		d.InvolvedLabels[string(in)] = in.Label()
	}
	d.ActionResults = codeItems(codelists.SafeguardingActionResult, []string{f.ActionResult})
	d.RiskOutcomes = codeItems(codelists.SafeguardingRiskOutcome, []string{f.RiskOutcome})
	d.Capacity = codeItems(codelists.SafeguardingCapacity, []string{f.Capac})
	d.Achieve = nil
	for i, o := range d.Enquiry.Outcomes {
		d.Achieve = append(d.Achieve, achievedView{Position: i + 1, Name: safeguarding.AchievedField(o.ID), Words: o.Words, Error: d.Errors.Get(safeguarding.AchievedField(o.ID)),
			Items: codeItems(codelists.MSPAchieved, []string{f.Achieved[o.ID]})})
	}
}

// Enquiry is a concern's enquiry (GET /people/{id}/safeguarding/{concern}/enquiry): Making Safeguarding Personal at
// the start, the people involved, the steps, and the closing form or how it closed.
func (p *Pages) Enquiry() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		d, err := p.loadEnquiry(r)
		if err != nil {
			return err
		}
		d.fill()
		return p.tmpl.Render(w, r, http.StatusOK, "safeguarding/enquiry.html", d)
	}
}

// enquiryFlashes are the enquiry page's forms, by the part of the path each posts to, with what each says when saved.
var enquiryFlashes = map[string]string{
	"msp":      "What the person wants from the enquiry is recorded",
	"involved": "Person involved added",
	"steps":    "Step added",
	"close":    "Enquiry closed",
}

// EnquiryChange handles the enquiry page's forms (POST .../enquiry/{part}, part msp, involved, steps or close). Each
// carries the enquiry's version: when someone else changed the enquiry since the page was opened, nothing is saved
// and the page (409) shows the enquiry as saved now, with what was typed kept in its form, to save again.
func (p *Pages) EnquiryChange() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, concernID, part := r.PathValue("id"), r.PathValue("concern"), r.PathValue("part")
		flash, ok := enquiryFlashes[part]
		if !ok {
			return sqldb.ErrNotFound
		}
		var data enquiryData
		var version int
		var on sqldb.Date // the step's date, or the date the enquiry closed
		return web.Edit(p.tmpl, w, r, &data, web.EditForm[enquiryForm]{
			Template: "safeguarding/enquiry.html",
			Order:    enquiryOrder,
			Conflict: "Someone else changed this enquiry while you were working on it. What they saved is shown below; check it, then save yours again",
			// The page shown again reads the enquiry as the page does, logging a view; what was typed in the form
			// posted, its errors and its version are kept over it.
			Load: func() (enquiryForm, error) {
				d, err := p.loadEnquiry(r)
				if err != nil {
					return enquiryForm{}, err
				}
				typed := data.Form
				d.Form.MSPAsked, d.Form.Outcomes = typed.MSPAsked, typed.Outcomes
				d.Form.InvolvedName, d.Form.InvolvedRole, d.Form.InvolvedDetail = typed.InvolvedName, typed.InvolvedRole, typed.InvolvedDetail
				switch part {
				case "steps":
					d.Form.StepOn, d.Form.What, d.Form.By = typed.StepOn, typed.What, typed.By
				case "close":
					d.Form.ClosedOn, d.Form.Achieved, d.Form.ActionResult = typed.ClosedOn, typed.Achieved, typed.ActionResult
					d.Form.RiskOutcome, d.Form.RiskReason, d.Form.Capac, d.Form.Note = typed.RiskOutcome, typed.RiskReason, typed.Capac, typed.Note
				}
				d.Version, d.Errors = version, data.Errors
				d.fill()
				data = d
				return enquiryForm{}, nil
			},
			Read: func(f url.Values, errs *web.Errors) enquiryForm {
				data.Form, version = readEnquiry(f)
				var de *web.DateError
				switch part {
				case "steps":
					on, de = parseDate(data.Form.StepOn, "Date of the step")
					errs.AddDate("taken_on", de)
				case "close":
					on, de = parseDate(data.Form.ClosedOn, "Date the enquiry closed")
					errs.AddDate("closed_on", de)
				}
				return data.Form
			},
			Save: func(form enquiryForm) (enquiryForm, error) {
				ctx := web.Route(r)
				var err error
				switch part {
				case "msp":
					err = p.store.StartMSP(ctx, personID, concernID, safeguarding.MSPStart{Asked: form.MSPAsked, Outcomes: form.Outcomes}, version)
				case "involved":
					err = p.store.AddInvolved(ctx, personID, concernID, safeguarding.Involved{Name: form.InvolvedName,
						Role: safeguarding.Involvement(form.InvolvedRole), Detail: form.InvolvedDetail}, version)
				case "steps":
					err = p.store.AddStep(ctx, personID, concernID, safeguarding.Step{On: on, What: form.What, By: form.By}, version)
				case "close":
					err = p.store.Close(ctx, personID, concernID, safeguarding.Closing{On: on, Achieved: form.Achieved, ActionResult: form.ActionResult,
						RiskOutcome: form.RiskOutcome, RiskReason: form.RiskReason, Capacity: form.Capac, Note: form.Note}, version)
				}
				// A closed enquiry, and what the person wants once recorded, are kept as they were: there is nothing to
				// save again over.
				if errors.Is(err, safeguarding.ErrClosed) || errors.Is(err, safeguarding.ErrAlreadyRecorded) {
					return form, web.Conflict
				}
				return form, err
			},
			// The store names the person involved's fields without the form's prefix, and the outcomes as a whole.
			Problems: func(err error, errs *web.Errors) bool {
				ps, ok := validation.AsProblems(err)
				for _, pr := range ps {
					field := pr.Field
					if part == "involved" {
						field = "involved_" + field
					}
					if field == "outcomes" {
						field = "outcome-1"
					}
					errs.Add(field, pr.Message)
				}
				return ok
			},
			// The page shows the enquiry as saved now; its forms take its version, to save again.
			Compare: func(enquiryForm, enquiryForm) []web.Difference {
				data.Version, data.Conflict = data.Enquiry.Version, true
				return nil
			},
			Done: func(enquiryForm) error {
				web.SetFlash(r, flash)
				http.Redirect(w, r, paths.Enquiry.URL(personID, concernID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// parseDate reads a date the form requires, the zero date when it is missing or not a date.
func parseDate(in web.DateInput, label string) (sqldb.Date, *web.DateError) {
	t, de := in.Parse(label)
	if de != nil {
		return sqldb.Date{}, de
	}
	return sqldb.NewDate(t), nil
}
