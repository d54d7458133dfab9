package safeguardingpage

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type decisionForm struct {
	Needs, Abuse, Unable                   string
	NeedsReason, AbuseReason, UnableReason string
	Choice, Reason, Lead                   string
	Version                                int
}

type criterionView struct {
	Name, ReasonName, Question, Hint, Reason, Error, ReasonError string
	Items                                                        []web.Item
}

type decisionData struct {
	web.Page
	web.ConflictPanel
	View     safeguarding.View
	Rows     []web.SummaryRow
	Action   string
	Form     decisionForm
	Criteria []criterionView
	Choices  []web.Item
	Leads    []web.Item
	Conflict bool
}

var decisionOrder = []string{"version", "needs", "needs_reason", "abuse", "abuse_reason", "unable", "unable_reason", "choice", "reason", "lead"}

func readDecision(v url.Values) decisionForm {
	version := web.FormVersion(v, "version")
	return decisionForm{Needs: v.Get("needs"), Abuse: v.Get("abuse"), Unable: v.Get("unable"), NeedsReason: v.Get("needs_reason"),
		AbuseReason: v.Get("abuse_reason"), UnableReason: v.Get("unable_reason"), Choice: v.Get("choice"), Reason: v.Get("reason"),
		Lead: v.Get("lead"), Version: version}
}

func (f decisionForm) decision() safeguarding.Decision {
	return safeguarding.Decision{
		Needs:  safeguarding.Criterion{Met: safeguarding.Answer(f.Needs), Reason: f.NeedsReason},
		Abuse:  safeguarding.Criterion{Met: safeguarding.Answer(f.Abuse), Reason: f.AbuseReason},
		Unable: safeguarding.Criterion{Met: safeguarding.Answer(f.Unable), Reason: f.UnableReason},
		Choice: safeguarding.Result(f.Choice), Reason: f.Reason, LeadStaffID: f.Lead,
	}
}

func (d *decisionData) fill() {
	f := d.Form
	values := [][2]string{{f.Needs, f.NeedsReason}, {f.Abuse, f.AbuseReason}, {f.Unable, f.UnableReason}}
	d.Criteria = nil
	for i, c := range safeguarding.Criteria {
		d.Criteria = append(d.Criteria, criterionView{Name: c.Field, ReasonName: c.Field + "_reason", Question: c.Question, Hint: c.Hint,
			Reason: values[i][1], Error: d.Errors.Get(c.Field), ReasonError: d.Errors.Get(c.Field + "_reason"),
			Items: []web.Item{{Value: "yes", Text: "Yes", Checked: values[i][0] == "yes"}, {Value: "no", Text: "No", Checked: values[i][0] == "no"}}})
	}
	d.Choices = []web.Item{
		{Value: string(safeguarding.Other), Text: "Make an other safeguarding enquiry", Hint: "Under the council's power, where not every criterion is met.", Checked: f.Choice == string(safeguarding.Other)},
		{Value: string(safeguarding.None), Text: "No enquiry", Hint: "Say what will happen instead, such as advice, a referral or a review of the plan.", Checked: f.Choice == string(safeguarding.None)},
	}
	d.Leads = []web.Item{{Value: "", Text: "Choose the lead enquirer"}}
	for _, e := range d.View.Enquirers {
		d.Leads = append(d.Leads, web.Item{Value: e.ID, Text: e.Name})
	}
}

// Decide is the section 42 decision (GET and POST /people/{id}/safeguarding/{concern}/decision): each of the three
// criteria with a reason; when all are met, a section 42 enquiry follows; otherwise an other enquiry or none. A
// concern someone else changed since the form was opened is not decided: the page shows it as saved now, with what
// was typed, to decide again.
func (p *Pages) Decide() web.Handler {
	return web.Requires(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, concernID := r.PathValue("id"), r.PathValue("concern")
		var data decisionData
		var decided safeguarding.View
		return web.Edit(p.tmpl, w, r, &data, web.EditForm[decisionForm]{
			Template: "safeguarding/decide.html",
			Order:    decisionOrder,
			Conflict: "Someone else changed this concern while you were deciding. Check it below, then decide again",
			// The concern is read only to show the form, so that deciding logs the change and not a view as well;
			// what was typed, and its errors, are kept over it.
			Load: func() (decisionForm, error) {
				v, err := p.store.Get(web.Route(r), personID, concernID)
				if err != nil {
					return decisionForm{}, err
				}
				if v.Concern.Decided() {
					return decisionForm{}, web.Conflict
				}
				d := decisionData{Page: web.NewPage(r, "Decide whether the section 42 duty applies"), View: v, Rows: concernRows(v),
					Action: paths.ConcernDecision.URL(personID, concernID), Form: data.Form}
				d.Back, d.Errors = paths.Concern.URL(personID, concernID), data.Errors
				if r.Method != http.MethodPost {
					d.Form = decisionForm{Lead: staff(r).ID, Version: v.Concern.Version}
				}
				d.fill()
				data = d
				return decisionForm{}, nil
			},
			Read: func(f url.Values, _ *web.Errors) decisionForm {
				data.Form = readDecision(f)
				return data.Form
			},
			Save: func(f decisionForm) (decisionForm, error) {
				v, err := p.store.Decide(web.Route(r), personID, concernID, f.decision(), f.Version)
				if errors.Is(err, safeguarding.ErrClosed) {
					return f, web.Conflict
				}
				decided = v
				return f, err
			},
			Problems: func(err error, errs *web.Errors) bool {
				ps, ok := validation.AsProblems(err)
				if ok {
					addProblems(errs, ps, decisionOrder)
				}
				return ok
			},
			// The page shows the concern as saved now; the form takes its version, to decide again.
			Compare: func(decisionForm, decisionForm) []web.Difference {
				data.Form.Version, data.Conflict = data.View.Concern.Version, true
				return nil
			},
			Done: func(decisionForm) error {
				msg := "Decision recorded: " + decided.Concern.Result.Label()
				next := paths.Concern.URL(personID, concernID)
				if decided.Enquiry != nil {
					msg += ". Ask the person what outcomes they want from the enquiry before its first step"
					next = paths.Enquiry.URL(personID, concernID)
				}
				web.SetFlash(r, msg)
				http.Redirect(w, r, next, http.StatusSeeOther)
				return nil
			},
		})
	})
}
