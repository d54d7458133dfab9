package supportplanpage

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/strengths"
	"github.com/golden-thread/goldenthread/internal/web"
)

type planData struct {
	web.Page
	web.ConflictPanel
	View        plans.PlanView
	Caption     string
	StatusClass string
	Rows        []web.SummaryRow // the plan's own details
	Outcomes    []outcomeView
	Helpers     []helperView // solutions and services, who does what
	Strengths   []string
	History     []planRow
	CanChange   bool // a draft, and a role that changes records
	Form        draftForm
	Action      string
	AgreeHref   string
	MyPlanHref  string
	NotSMART    []notSMARTView
}

type draftForm struct {
	Budget, Crisis string
	Version        int
}

// outcomeView is one outcome of the plan as the pages show it.
type outcomeView struct {
	ID, Different, HowWeKnow, ByWhen, WhoInvolved, Expected, Aspiration string
	Levels                                                              []levelView
	Solutions                                                           []string
}

type levelView struct{ Level, Text string }

// helperView is a solution or a service: who will do what, and when.
type helperView struct {
	What, Who, Kind, When string
}

type notSMARTView struct {
	ID, Different, Missing, Href string
}

func outcomeViews(s plans.Snapshot) []outcomeView {
	var out []outcomeView
	for _, o := range s.Outcomes {
		v := outcomeView{ID: o.ID, Different: o.Different, HowWeKnow: o.HowWeKnow, ByWhen: dateText(o.By(), "Not set"),
			WhoInvolved: o.WhoInvolved, Expected: o.Expected()}
		if a, ok := s.Aspiration(o.AspirationID); ok {
			v.Aspiration = a.Words
		}
		for i, text := range o.Levels {
			if strings.TrimSpace(text) != "" {
				v.Levels = append(v.Levels, levelView{Level: outcomes.Level(i - 2).Label(), Text: text})
			}
		}
		for _, sol := range s.SolutionsFor(o.ID) {
			v.Solutions = append(v.Solutions, sol.Description)
		}
		out = append(out, v)
	}
	return out
}

// agreedInput is the agreed figure as the form shows it: blank when none was agreed.
func agreedInput(pence int64) string {
	if pence == 0 {
		return ""
	}
	return web.PoundsInput(pence)
}

func agreedText(pence int64) string {
	if pence == 0 {
		return "None: the services’ cost is the budget"
	}
	return plans.FormatPence(pence) + " a week"
}

func helperViews(s plans.Snapshot) []helperView {
	var out []helperView
	for _, sol := range s.Solutions {
		out = append(out, helperView{What: sol.Description, Who: sol.WhoWhen, Kind: sol.RungLabel()})
	}
	for _, svc := range s.Services {
		if svc.Status == plans.Ended {
			continue
		}
		start, end, review := svc.Dates()
		when := "From " + dateText(start, "a date to be agreed")
		switch {
		case !end.IsZero():
			when += " to " + dateText(end, "")
		case !review.IsZero():
			when += ", looked at again on " + dateText(review, "")
		}
		who, kind := svc.Provider, "Council-funded service, "
		if svc.DeliveryMechanism == codelists.DeliveryDirectPayment {
			kind = "Council-funded service paid as a direct payment, "
		}
		switch {
		case who != "":
		case svc.DeliveryMechanism == codelists.DeliveryDirectPayment:
			who = "Arranged with the direct payment"
		default:
			who = "A provider the council arranges"
		}
		out = append(out, helperView{What: svc.Name() + " (" + codelists.ServiceType.Label(svc.ServiceType) + ")", Who: who,
			Kind: kind + plans.FormatPence(svc.WeeklyCostPence) + " a week", When: when})
	}
	return out
}

func strengthTexts(s plans.Snapshot) []string {
	var out []string
	for _, st := range s.Strengths {
		out = append(out, st.Words+" ("+strings.ToLower(strengths.Kind(st.Kind).Label())+")")
	}
	return out
}

func summaryOf(v plans.PlanView) []web.SummaryRow {
	pl := v.Plan
	rows := []web.SummaryRow{{Key: "Status", Value: pl.Status.Label()}}
	rows = append(rows, budgetRows(v.Snapshot.Budget(pl.PersonalBudgetPence))...)
	rows = append(rows, web.SummaryRow{Key: "Who to call in a crisis", Value: orText(pl.CrisisContact, "Not recorded")})
	if pl.Status != plans.PlanDraft {
		rows = append(rows,
			web.SummaryRow{Key: "Agreed", Value: dateText(pl.Agreement.On, "") + ", " + strings.ToLower(pl.Agreement.How.Label())},
			web.SummaryRow{Key: "Who was there", Value: pl.Agreement.With},
			web.SummaryRow{Key: "What the person said", Value: orText(pl.Agreement.Comment, "Nothing recorded")},
			web.SummaryRow{Key: "First review", Value: dateText(pl.ReviewOn, "Not scheduled")},
		)
	}
	return rows
}

// budgetRows are the budget's lines (plans.Budget.Lines) as summary rows.
func budgetRows(b plans.Budget) []web.SummaryRow {
	var rows []web.SummaryRow
	for _, l := range b.Lines() {
		rows = append(rows, web.SummaryRow{Key: l.Key, Value: l.Value})
	}
	return rows
}

func orText(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

func (p *Pages) load(w http.ResponseWriter, r *http.Request) (planData, error) {
	personID, episodeID, planID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("plan")
	v, err := p.store.Get(web.Route(r), personID, episodeID, planID)
	if err != nil {
		return planData{}, err
	}
	title := "Support plan, version " + strconv.Itoa(v.Plan.PlanVersion)
	data := planData{
		Page: web.NewPage(r, title), View: v, StatusClass: statusClass(v.Plan.Status), Rows: summaryOf(v),
		Outcomes: outcomeViews(v.Snapshot), Helpers: helperViews(v.Snapshot), Strengths: strengthTexts(v.Snapshot),
		CanChange: v.Plan.Editable() && staff(r).Role.ChangesPeople(), Action: paths.SupportPlan.URL(personID, episodeID, planID),
		AgreeHref: paths.SupportPlanAgree.URL(personID, episodeID, planID), MyPlanHref: paths.MyPlan.URL(personID, episodeID, planID),
		Form: draftForm{Budget: agreedInput(v.Plan.PersonalBudgetPence), Crisis: v.Plan.CrisisContact, Version: v.Plan.Version},
	}
	data.Back = paths.SupportPlans.URL(personID, episodeID)
	for _, pl := range v.History {
		data.History = append(data.History, rowOf(personID, episodeID, pl))
	}
	if v.Plan.Status == plans.PlanDraft {
		for _, o := range v.NotSMART {
			data.NotSMART = append(data.NotSMART, notSMARTView{ID: o.ID, Different: o.Different, Missing: o.MissingText(), Href: paths.Outcome.URL(personID, episodeID, o.ID)})
		}
	}
	return data, nil
}

// Plan shows one version of the plan, with the version history, and changes a draft's personal budget and who to
// call in a crisis (GET and POST /people/{id}/episodes/{episode}/plan/{plan}). A change from an old version is
// refused: the page shows what the plan says now and keeps what this user typed.
func (p *Pages) Plan() web.Handler {
	return web.RequiresToChange(councils.Role.ChangesPeople, func(w http.ResponseWriter, r *http.Request) error {
		personID, episodeID, planID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("plan")
		data := &planData{}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[plans.SupportPlan]{
			Template: "supportplans/plan.html",
			Order:    []string{"version", "personal_budget", "crisis_contact"},
			Conflict: "Someone else changed this plan while you were editing it. Check what it says now, then save again to keep your changes",
			Heading:  "What it says now",
			// Load reads the plan, a view of the record, for every page shown; a form shown again keeps what was
			// typed and what is wrong with it.
			Load: func() (plans.SupportPlan, error) {
				d, err := p.load(w, r)
				if err != nil {
					return plans.SupportPlan{}, err
				}
				if r.Method == http.MethodPost {
					d.Form = data.Form
				}
				d.Errors, d.ConflictPanel = data.Errors, data.ConflictPanel
				*data = d
				return d.View.Plan, nil
			},
			Read: func(f url.Values, errs *web.Errors) plans.SupportPlan {
				data.Form = draftForm{Budget: strings.TrimSpace(f.Get("personal_budget")), Crisis: strings.TrimSpace(f.Get("crisis_contact")),
					Version: web.FormVersion(f, "version")}
				pl := plans.SupportPlan{CrisisContact: data.Form.Crisis, Version: data.Form.Version}
				if data.Form.Budget != "" {
					pence, ok := web.ParsePounds(data.Form.Budget)
					if !ok {
						errs.Add("personal_budget", "Enter the personal budget as an amount in pounds, like 125 or 125.50, or leave it blank to use the services’ cost")
					}
					pl.PersonalBudgetPence = pence
				}
				return pl
			},
			Save: func(pl plans.SupportPlan) (plans.SupportPlan, error) {
				return pl, p.store.UpdateDraft(web.Route(r), personID, episodeID, planID, pl.PersonalBudgetPence, pl.CrisisContact, pl.Version)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(theirs, typed plans.SupportPlan) []web.Difference {
				data.Form.Version = theirs.Version
				return web.Differences(
					[3]string{"Agreed figure", agreedText(theirs.PersonalBudgetPence), agreedText(typed.PersonalBudgetPence)},
					[3]string{"Who to call in a crisis", theirs.CrisisContact, typed.CrisisContact},
				)
			},
			Done: func(plans.SupportPlan) error {
				web.SetFlash(r, "Plan saved")
				http.Redirect(w, r, paths.SupportPlan.URL(personID, episodeID, planID), http.StatusSeeOther)
				return nil
			},
		})
	})
}
