package studypage

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// PointRows is how many findings and how many recommendations the form offers under each heading, beyond those
// already written.
const PointRows = 3

type pointView struct {
	Text, Evidence string
}

type headingView struct {
	Key, Label     string
	Findings, Recs []pointView
}

type caseData struct {
	web.Page
	Study    practicestudy.Study
	State    practicestudy.State
	Summary  string
	Headings []headingView
	Teams    []teamResult
	All      teamResult
	Kinds    []practicestudy.Activity
	Themes   []practicestudy.ThemeCount
	Sessions int
	Engaged  int
	Printing bool
	Edits    bool
	Agreed   bool
	AgreedOn string
}

// evidence is what a recommendation may rest on, to choose from: the windows, then each reflective session and
// engagement.
func evidence(rs []practicestudy.Reflection, es []practicestudy.Engagement) []web.Item {
	out := []web.Item{{Value: "", Text: "No evidence named"},
		{Value: practicestudy.EvidenceDiary, Text: "A day in the life: the diaries"},
		{Value: practicestudy.EvidenceReflect, Text: "Reflective learning sessions"},
		{Value: practicestudy.EvidenceLived, Text: "Lived experience"},
		{Value: practicestudy.EvidenceInsight, Text: "Practice insight: the record"}}
	for _, r := range rs {
		out = append(out, web.Item{Value: "reflection:" + r.ID, Text: "Reflective session on " + r.HeldOn.Format("2 January 2006")})
	}
	for _, e := range es {
		out = append(out, web.Item{Value: "engagement:" + e.ID, Text: e.Method.Label() + " with " + e.Who + ", " + e.HeldOn.Format("2 January 2006")})
	}
	return out
}

func labelOf(items []web.Item, v string) string {
	for _, it := range items {
		if it.Value == v && v != "" {
			return it.Text
		}
	}
	return ""
}

// caseView reads everything the case for change page shows.
func (p *Pages) caseView(r *http.Request) (caseData, error) {
	ctx := web.Route(r)
	id := r.PathValue("study")
	s, err := p.store.Study(ctx, id)
	if err != nil {
		return caseData{}, err
	}
	c, err := p.store.Case(ctx, id)
	if err != nil {
		return caseData{}, err
	}
	rs, err := p.store.Reflections(ctx, id)
	if err != nil {
		return caseData{}, err
	}
	es, err := p.store.Engagements(ctx, id)
	if err != nil {
		return caseData{}, err
	}
	teams, err := p.store.TimeByTeam(ctx, id)
	if err != nil {
		return caseData{}, err
	}
	data := caseData{Page: web.NewPage(r, "Case for change: "+s.Name), Study: s, State: s.StateOn(web.Today(r)), Summary: c.Summary,
		Kinds: practicestudy.Activities(), Themes: practicestudy.CountThemes(es), Sessions: len(rs), Engaged: len(es),
		Edits: web.Can(r, councils.Role.RunsAudits) && s.AgreedAt.IsZero(), Agreed: !s.AgreedAt.IsZero()}
	if data.Agreed {
		data.AgreedOn = s.AgreedAt.Format("2 January 2006")
	}
	data.Back = paths.PracticeStudy.URL(id)
	for _, t := range teams {
		data.Teams = append(data.Teams, resultOf(t, false))
	}
	data.All = resultOf(practicestudy.Combined(teams), true)
	items := evidence(rs, es)
	for _, h := range practicestudy.Headings() {
		hv := headingView{Key: string(h), Label: h.Label()}
		for _, pt := range c.PointsUnder(h, practicestudy.Finding) {
			hv.Findings = append(hv.Findings, pointView{Text: pt.Text})
		}
		for _, pt := range c.PointsUnder(h, practicestudy.Recommendation) {
			hv.Recs = append(hv.Recs, pointView{Text: pt.Text, Evidence: labelOf(items, pt.Evidence)})
		}
		data.Headings = append(data.Headings, hv)
	}
	return data, nil
}

// Case is the case for change (GET /quality/studies/{study}/case-for-change): its summary, then findings and
// recommendations under the four headings, each recommendation with the evidence it rests on, and the study's
// results beside them; made to print, and as a tagged PDF.
func (p *Pages) Case() web.Handler {
	return web.Requires(sees, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.caseView(r)
		if err != nil {
			return err
		}
		return p.tmpl.Render(w, r, http.StatusOK, "studies/case.html", data)
	})
}

type noPDFData struct {
	web.Page
	CaseHref string
}

// CasePDF is the case for change printed to a tagged A4 PDF (GET /quality/studies/{study}/case-for-change.pdf), the
// same page as Case. Where no PDF can be made it answers 503 with a page that says so and offers the page to print
// from the browser.
func (p *Pages) CasePDF() web.Handler {
	return web.Requires(sees, func(w http.ResponseWriter, r *http.Request) error {
		data, err := p.caseView(r)
		if err != nil {
			return err
		}
		data.Back, data.Printing, data.Edits = "", true, false
		name := strings.NewReplacer(" ", "-", ",", "", "/", "-").Replace(strings.ToLower(data.Study.Name))
		err = p.tmpl.RenderPDF(w, r, p.printer, "studies/case.html", data, name+"-case-for-change.pdf")
		if errors.Is(err, web.ErrCannotPrint) {
			if web.CanPrint(p.printer) {
				p.logger.ErrorContext(r.Context(), "print a case for change", "route", r.Pattern, "err", err)
			}
			return p.tmpl.Render(w, r, http.StatusServiceUnavailable, "studies/no-pdf.html",
				noPDFData{Page: web.NewPage(r, "A PDF of the case for change cannot be made here"), CaseHref: paths.CaseForChange.URL(data.Study.ID)})
		}
		return err
	})
}

type pointRow struct {
	Name, EvidenceName string
	Label              string
	Text, Evidence     string
}

type sectionForm struct {
	Label                  string
	FindingsRows, RecsRows string // the names of the fields that say how many rows each list had
	Findings, Recs         []pointRow
}

type caseEditData struct {
	web.Page
	web.ConflictPanel
	Study    practicestudy.Study
	Summary  string
	Sections []sectionForm
	Evidence []web.Item
	Version  int
}

// caseOrder is the form's fields from top to bottom.
func caseOrder(sections []sectionForm) []string {
	out := []string{"summary"}
	for _, s := range sections {
		for _, r := range append(append([]pointRow{}, s.Findings...), s.Recs...) {
			out = append(out, r.Name)
		}
	}
	return out
}

func sectionsOf(c practicestudy.Case, f url.Values) []sectionForm {
	var out []sectionForm
	for _, h := range practicestudy.Headings() {
		sf := sectionForm{Label: h.Label(), FindingsRows: string(h) + "_finding_rows", RecsRows: string(h) + "_recommendation_rows"}
		for _, k := range []practicestudy.PointKind{practicestudy.Finding, practicestudy.Recommendation} {
			saved := c.PointsUnder(h, k)
			n := len(saved) + PointRows
			if f != nil {
				n = max(PointRows, web.FormVersion(f, string(h)+"_"+string(k)+"_rows"))
			}
			for i := range n {
				row := pointRow{Name: practicestudy.PointField(h, k, i, "text"), EvidenceName: practicestudy.PointField(h, k, i, "evidence")}
				if k == practicestudy.Finding {
					row.Label = "Finding " + itoa(i+1)
				} else {
					row.Label = "Recommendation " + itoa(i+1)
				}
				switch {
				case f != nil:
					row.Text, row.Evidence = f.Get(row.Name), f.Get(row.EvidenceName)
				case i < len(saved):
					row.Text, row.Evidence = saved[i].Text, saved[i].Evidence
				}
				if k == practicestudy.Finding {
					sf.Findings = append(sf.Findings, row)
				} else {
					sf.Recs = append(sf.Recs, row)
				}
			}
		}
		out = append(out, sf)
	}
	return out
}

func caseOf(summary string, sections []sectionForm, version int) practicestudy.Case {
	c := practicestudy.Case{Summary: summary, Version: version}
	for i, h := range practicestudy.Headings() {
		for _, r := range sections[i].Findings {
			c.Points = append(c.Points, practicestudy.Point{Heading: h, Kind: practicestudy.Finding, Text: r.Text})
		}
		for _, r := range sections[i].Recs {
			c.Points = append(c.Points, practicestudy.Point{Heading: h, Kind: practicestudy.Recommendation, Text: r.Text, Evidence: r.Evidence})
		}
	}
	return c
}

// agreeing is a case saved with the "Agree the case for change" button.
type agreeing struct {
	practicestudy.Case
	Agree bool
}

// EditCase writes the case for change (GET and POST /quality/studies/{study}/case-for-change/edit): for the quality
// lead. Findings and recommendations under the four headings, each recommendation with the evidence it rests on;
// saved as a draft, or agreed, which concludes the study. A save over someone else's answers 409 with theirs beside
// what was typed.
func (p *Pages) EditCase() web.Handler {
	return web.Requires(councils.Role.RunsAudits, func(w http.ResponseWriter, r *http.Request) error {
		ctx := web.Route(r)
		id := r.PathValue("study")
		s, err := p.store.Study(ctx, id)
		if err != nil {
			return err
		}
		data := &caseEditData{Page: web.NewPage(r, "Write the case for change"), Study: s}
		data.Back = paths.CaseForChange.URL(id)
		order := caseOrder(sectionsOf(practicestudy.Case{}, nil))
		return web.Edit(p.tmpl, w, r, data, web.EditForm[agreeing]{
			Template: "studies/case-edit.html",
			Order:    order,
			Conflict: "Someone else saved the case for change while you were writing",
			Load: func() (agreeing, error) {
				c, err := p.store.Case(ctx, id)
				if err != nil {
					return agreeing{}, err
				}
				rs, err := p.store.Reflections(ctx, id)
				if err != nil {
					return agreeing{}, err
				}
				es, err := p.store.Engagements(ctx, id)
				data.Evidence = evidence(rs, es)
				return agreeing{Case: c}, err
			},
			Fill: func(saved agreeing) {
				data.Summary, data.Sections, data.Version = saved.Summary, sectionsOf(saved.Case, nil), saved.Version
			},
			Read: func(f url.Values, errs *web.Errors) agreeing {
				data.Summary, data.Sections, data.Version = f.Get("summary"), sectionsOf(practicestudy.Case{}, f), web.FormVersion(f, "version")
				c := caseOf(data.Summary, data.Sections, data.Version)
				agree := f.Get("action") == "agree"
				check := c
				check.Normalise()
				web.AddProblems(errs, check.Validate(agree), caseOrder(data.Sections))
				return agreeing{Case: c, Agree: agree}
			},
			Save: func(a agreeing) (agreeing, error) {
				c, err := p.store.SaveCase(ctx, id, a.Case, a.Agree)
				return agreeing{Case: c, Agree: a.Agree}, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed agreeing) []web.Difference {
				data.Version = saved.Version
				norm := typed.Case
				norm.Normalise()
				rows := [][3]string{{"Summary", saved.Summary, norm.Summary}}
				for _, h := range practicestudy.Headings() {
					for _, k := range []practicestudy.PointKind{practicestudy.Finding, practicestudy.Recommendation} {
						rows = append(rows, [3]string{h.Label() + ": " + string(k) + "s", pointsText(saved.PointsUnder(h, k)), pointsText(norm.PointsUnder(h, k))})
					}
				}
				return web.Differences(rows...)
			},
			Done: func(a agreeing) error {
				if a.Agree {
					web.SetFlash(r, "The case for change is agreed: the study is concluded")
				} else {
					web.SetFlash(r, "Case for change saved as a draft")
				}
				http.Redirect(w, r, paths.CaseForChange.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}

func pointsText(ps []practicestudy.Point) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return strings.Join(out, "; ")
}
