package supportplanpage

import (
	"errors"
	"github.com/golden-thread/goldenthread/internal/paths"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/web"
)

type myPlanData struct {
	web.Page
	View       plans.PlanView
	Name       string // how the person likes to be called
	Draft      bool
	Agreed     string
	Review     string
	Hopes      []string
	Strengths  []string
	Outcomes   []myOutcome
	Helpers    []helperView
	Budget     string
	Services   string
	Crisis     string
	Worker     string
	Comment    string
	PDFHref    string
	PlanHref   string
	PrintTitle string
	// Format is how the plan is written for the person (plans.PlanFormatFor), and Classes the styles it brings.
	Format  plans.PlanFormat
	Classes string
}

type myOutcome struct {
	Different, HowWeKnow, ByWhen, WhoInvolved, Expected string
}

// myPlanReview is when My plan says the plan will be looked at together: for the plan in force, the episode's next
// review as it is scheduled now (a practitioner may have moved it); for an earlier version, the review it had.
func myPlanReview(v plans.PlanView) sqldb.Date {
	if v.Plan.Status == plans.PlanAgreed {
		return v.NextReview
	}
	return v.Plan.ReviewOn
}

func (p *Pages) myPlanData(r *http.Request, v plans.PlanView) myPlanData {
	personID, episodeID, planID := r.PathValue("id"), r.PathValue("episode"), r.PathValue("plan")
	d := myPlanData{Page: web.NewPage(r, "My support plan"), View: v, Name: v.Person.GivenName, Draft: v.Plan.Status == plans.PlanDraft,
		Agreed: dateText(v.Plan.Agreement.On, ""), Review: dateText(myPlanReview(v), ""), Helpers: helperViews(v.Snapshot),
		Crisis: v.Plan.CrisisContact, Worker: v.Worker, Comment: v.Plan.Agreement.Comment, PlanHref: paths.SupportPlan.URL(personID, episodeID, planID)}
	if v.Person.PreferredName != "" {
		d.Name = v.Person.PreferredName
	}
	d.Format = plans.PlanFormatFor(v.Person)
	d.Classes = formatClasses(d.Format)
	d.Title = d.Name + "’s support plan"
	if d.Format.EasyRead {
		d.Title = d.Name + "’s plan"
	}
	d.PrintTitle = d.Title + ", version " + strconv.Itoa(v.Plan.PlanVersion)
	d.Back = d.PlanHref
	// Written to the person: a service is named for what it is and who provides it, without the council's codes.
	for i, svc := range d.Helpers {
		if strings.HasPrefix(svc.Kind, "Council-funded") {
			d.Helpers[i].What = strings.TrimSpace(strings.SplitN(svc.What, " (", 2)[0])
		}
	}
	for _, a := range v.Snapshot.Aspirations {
		if a.Term == outcomes.LongTerm || a.Term == outcomes.ShortTerm {
			d.Hopes = append(d.Hopes, a.Words)
		}
	}
	for _, s := range v.Snapshot.Strengths {
		d.Strengths = append(d.Strengths, s.Words)
	}
	for _, o := range v.Snapshot.Outcomes {
		d.Outcomes = append(d.Outcomes, myOutcome{Different: o.Different, HowWeKnow: o.HowWeKnow, ByWhen: dateText(o.By(), ""),
			WhoInvolved: o.WhoInvolved, Expected: o.Expected()})
	}
	d.Budget, d.Services = budgetToPerson(v.Snapshot.Budget(v.Plan.PersonalBudgetPence))
	if p.canPrint() {
		d.PDFHref = paths.MyPlanPDF.URL(personID, episodeID, planID)
	}
	return d
}

// MyPlan is the plan written to the person, in their words and plain English, to read together or print (GET
// /people/{id}/episodes/{episode}/plan/{plan}/my-plan). Opening it is logged as a view.
func (p *Pages) MyPlan() web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		personID := r.PathValue("id")
		v, err := p.store.Get(web.Route(r), personID, r.PathValue("episode"), r.PathValue("plan"))
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "supportplans/my-plan.html", p.myPlanData(r, v))
	}
}

type noPDFData struct {
	web.Page
	MyPlanHref string
}

// noPDF answers 503 with a page that says why there is no PDF and what to do instead.
func (p *Pages) noPDF(w http.ResponseWriter, r *http.Request) error {
	data := noPDFData{Page: web.NewPage(r, "A PDF of this plan cannot be made here"), MyPlanHref: strings.TrimSuffix(r.URL.Path, ".pdf")}
	return p.tmpl.Render(w, r, http.StatusServiceUnavailable, "supportplans/no-pdf.html", data)
}

// MyPlanPDF prints "My plan" to a tagged A4 PDF with Chromium (GET .../plan/{plan}/my-plan.pdf). Making it is
// logged as an export of the person's record. Where Chromium is not installed, or fails, it answers 503 with a page
// that says so and offers My plan to print from the browser.
func (p *Pages) MyPlanPDF(logger *slog.Logger) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !p.canPrint() {
			return p.noPDF(w, r)
		}
		personID := r.PathValue("id")
		v, err := p.store.Export(web.Route(r), personID, r.PathValue("episode"), r.PathValue("plan"))
		if err != nil {
			return err
		}
		data := p.myPlanData(r, v)
		data.Flash, data.Back = "", ""
		err = p.tmpl.RenderPDF(w, r, p.printer, "supportplans/my-plan.html", data, "my-plan-version-"+strconv.Itoa(v.Plan.PlanVersion)+".pdf")
		if errors.Is(err, web.ErrCannotPrint) {
			logger.ErrorContext(r.Context(), "print My plan", "route", r.Pattern, "err", err)
			return p.noPDF(w, r)
		}
		return err
	}
}

// budgetToPerson is the personal budget as My plan tells it to the person: the weekly figure worked out from the
// services, and a sentence on any direct payment and on an agreed figure that differs.
func budgetToPerson(b plans.Budget) (budget, note string) {
	if b.WeeklyPence == 0 && b.AgreedPence == 0 {
		return "", ""
	}
	budget = plans.FormatPence(b.WeeklyPence)
	var notes []string
	if b.DirectPaymentPence > 0 {
		notes = append(notes, plans.FormatPence(b.DirectPaymentPence)+" a week of it is paid to you as a direct payment, for you to arrange your own support.")
	}
	switch d := b.DifferencePence(); {
	case d > 0:
		notes = append(notes, "We agreed "+plans.FormatPence(b.AgreedPence)+" a week with you. "+plans.FormatPence(d)+" a week of that is not yet spent on any support.")
	case d < 0:
		notes = append(notes, "We agreed "+plans.FormatPence(b.AgreedPence)+" a week with you. The support costs "+plans.FormatPence(-d)+" a week more, so we will talk with you about it.")
	}
	return budget, strings.Join(notes, " ")
}

// formatClasses are the styles of My plan in format f: larger type for large print, and for Easy Read one idea on
// each line with room around it.
func formatClasses(f plans.PlanFormat) string {
	var c []string
	if f.EasyRead {
		c = append(c, "gt-my-plan--easy-read")
	}
	if f.LargePrint {
		c = append(c, "gt-my-plan--large-print")
	}
	return strings.Join(c, " ")
}
