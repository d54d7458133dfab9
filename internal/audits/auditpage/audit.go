package auditpage

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// question is a question of the audit as its page shows it: its grade and evidence, and beside it the check the
// record answers, if it has one.
type question struct {
	audits.Question
	Grades     []web.Item
	Grade      string
	GradeLabel string
	Evidence   string
	Finding    *audits.Finding
	// Moderated is the moderator's grade, once the audit is moderated; it stands.
	Moderated string
}

type section struct {
	Title     string
	Questions []question
}

type actionRow struct {
	N        int
	What     string
	Due      web.DateInput
	DueOn    string // as the page shows it
	Done     bool
	WhatName string
	DueName  string
}

type auditData struct {
	web.Page
	web.ConflictPanel
	A              audits.AuditPage
	Sections       []section
	Beside         []audits.Finding // the checks no question of the tool is bound to
	StrengthsFound string
	Learning       string
	Actions        []actionRow
	Version        int
	Reflection     string
	ModerationNote string
	Status         audits.Status
	StatusTag      string
}

// graded is an auditor's grading with the version it was made from.
type graded struct {
	audits.Grading
	Version int
}

var auditOrder = []string{"version"}

// order is the audit form's fields from top to bottom, for the error summary.
func order(t audits.Tool) []string {
	out := slices.Clone(auditOrder)
	for _, q := range t.Questions() {
		out = append(out, audits.GradeField(q.Key), audits.EvidenceField(q.Key))
	}
	out = append(out, "strengths_found", "learning")
	for i := range audits.ActionRows {
		out = append(out, audits.ActionField(i, "what"), audits.ActionField(i, "due_on"))
	}
	return append(out, "reflection")
}

// fill puts an audit page into the data: the sections with each question's grade and check, the checks beside no
// question, and the grading as saved.
func (d *auditData) fill(page audits.AuditPage) {
	d.A, d.Status, d.ModerationNote = page, page.Audit.Status(), page.Audit.ModerationNote
	d.StatusTag = statusTag(d.Status)
	d.Title = page.Tool.Kind.Label()
	bound := map[audits.CheckKey]bool{}
	d.Sections = nil
	for _, s := range page.Tool.Sections {
		sec := section{Title: s.Title}
		for _, q := range s.Questions {
			qv := question{Question: q}
			for _, g := range q.Scale.Grades() {
				qv.Grades = append(qv.Grades, web.Item{Value: g.Value, Text: g.Label})
			}
			if f, ok := page.Finding(q.Check); ok && q.Check != "" {
				qv.Finding, bound[q.Check] = &f, true
			}
			if m, ok := page.Moderation[q.Key]; ok {
				qv.Moderated = q.Scale.Label(m.Grade)
			}
			sec.Questions = append(sec.Questions, qv)
		}
		d.Sections = append(d.Sections, sec)
	}
	d.Beside = nil
	for _, f := range page.Findings {
		if !bound[f.Check] {
			d.Beside = append(d.Beside, f)
		}
	}
}

// show puts a grading into the form.
func (d *auditData) show(g audits.Grading, version int) {
	for i := range d.Sections {
		for j := range d.Sections[i].Questions {
			q := &d.Sections[i].Questions[j]
			a := g.Grades[q.Key]
			q.Grade, q.Evidence, q.GradeLabel = a.Grade, a.Evidence, q.Scale.Label(a.Grade)
		}
	}
	d.StrengthsFound, d.Learning, d.Version = g.StrengthsFound, g.Learning, version
	d.Actions = make([]actionRow, max(audits.ActionRows, len(g.Actions)))
	for i := range d.Actions {
		row := actionRow{N: i + 1, WhatName: audits.ActionField(i, "what"), DueName: audits.ActionField(i, "due_on")}
		if i < len(g.Actions) {
			a := g.Actions[i]
			row.What, row.Due, row.Done = a.What, web.DateInputOf(a.DueOn.Time), !a.DoneOn.IsZero()
			if !a.DueOn.IsZero() {
				row.DueOn = a.DueOn.Format("2 January 2006")
			}
		}
		d.Actions[i] = row
	}
}

func gradingOf(a audits.Audit) audits.Grading {
	return audits.Grading{Grades: a.Grades, StrengthsFound: a.StrengthsFound, Learning: a.Learning, Actions: a.Actions}
}

// Audit shows an audit with the checks the record answers and, to its auditor while the round is open, the form to
// grade it (GET and POST /quality/audits/{audit}). Saving keeps the work in progress; "Complete audit" needs every
// question graded. Someone else's save since the form was opened shows both versions.
func (p *Pages) Audit() web.Handler {
	return web.RequiresToChange(councils.Role.Audits, web.Requires(councils.Role.SeesQuality, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("audit")
		data := &auditData{Page: web.NewPage(r, "Case file audit")}
		data.Back = paths.Quality.URL()
		var tool audits.Tool
		var posted *graded // what was typed, shown again over the audit as saved
		return web.Edit(p.tmpl, w, r, data, web.EditForm[graded]{
			Template: "quality/audit.html",
			Order:    auditOrder,
			Conflict: "Someone else saved this audit while you were grading it. Check their grades below, then save again to keep yours",
			Heading:  "What they saved",
			Load: func() (graded, error) {
				load := p.store.Audit
				if r.Method == http.MethodPost {
					load = p.store.AuditGlance
				}
				page, err := load(web.Route(r), id)
				if err != nil {
					return graded{}, err
				}
				tool = page.Tool
				data.fill(page)
				data.Reflection = page.Audit.Reflection
				if posted != nil {
					data.show(posted.Grading, posted.Version)
				}
				return graded{Grading: gradingOf(page.Audit), Version: page.Audit.Version}, nil
			},
			Fill: func(g graded) { data.show(g.Grading, g.Version) },
			Read: func(f url.Values, errs *web.Errors) graded {
				page, err := p.store.AuditGlance(web.Route(r), id)
				if err == nil {
					tool = page.Tool
				}
				g := graded{Grading: audits.Grading{Grades: map[string]audits.Answer{}, StrengthsFound: f.Get("strengths_found"),
					Learning: f.Get("learning"), Complete: f.Get("complete") == "yes"}, Version: web.FormVersion(f, "version")}
				for _, q := range tool.Questions() {
					g.Grades[q.Key] = audits.Answer{Grade: f.Get(audits.GradeField(q.Key)), Evidence: strings.TrimSpace(f.Get(audits.EvidenceField(q.Key)))}
				}
				for i := range max(audits.ActionRows, len(page.Audit.Actions)) {
					in := web.DateInputFrom(f, audits.ActionField(i, "due_on"))
					a := audits.Action{What: strings.TrimSpace(f.Get(audits.ActionField(i, "what")))}
					if a.What != "" || in != (web.DateInput{}) {
						a.DueOn = web.ReadDate(errs, in, audits.ActionField(i, "due_on"), "Date action "+strconv.Itoa(i+1)+" is due")
					}
					if i < len(page.Audit.Actions) {
						a.DoneOn = page.Audit.Actions[i].DoneOn
					}
					g.Actions = append(g.Actions, a)
				}
				web.AddProblems(errs, g.Validate(tool, web.Today(r)), order(tool))
				posted = &g
				return g
			},
			Save: func(g graded) (graded, error) {
				a, err := p.store.Grade(web.Route(r), id, g.Grading, g.Version)
				saved := graded{Grading: gradingOf(a), Version: a.Version}
				saved.Complete, data.A.Audit.DueOn = !a.CompletedAt.IsZero(), a.DueOn
				return saved, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed graded) []web.Difference {
				data.show(typed.Grading, saved.Version)
				var rows [][3]string
				for _, q := range tool.Questions() {
					s, t := saved.Grades[q.Key], typed.Grades[q.Key]
					rows = append(rows, [3]string{q.Text, q.Scale.Label(s.Grade), q.Scale.Label(t.Grade)},
						[3]string{q.Text + ": evidence", s.Evidence, t.Evidence})
				}
				rows = append(rows, [3]string{"Strengths found", saved.StrengthsFound, strings.TrimSpace(typed.StrengthsFound)},
					[3]string{"Learning points", saved.Learning, strings.TrimSpace(typed.Learning)})
				return web.Differences(rows...)
			},
			Done: func(g graded) error {
				if g.Complete {
					web.SetFlash(r, "Audit completed: the practitioner can now read it and reflect")
				} else {
					web.SetFlash(r, "Audit saved: you can come back to it before "+data.A.Audit.DueOn.Format("2 January 2006"))
				}
				http.Redirect(w, r, paths.Audit.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	}))
}

// reflected is a practitioner's reflection with the version it was made from.
type reflected struct {
	audits.Reflection
	Version int
}

// Reflection keeps the practitioner's reflection on a completed audit of their case and the actions they have done
// (POST /quality/audits/{audit}/reflection).
func (p *Pages) Reflection() web.Handler {
	return web.Requires(councils.Role.SeesQuality, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("audit")
		data := &auditData{Page: web.NewPage(r, "Case file audit")}
		data.Back = paths.Quality.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[reflected]{
			Template: "quality/audit.html",
			Order:    []string{"version", "reflection"},
			Conflict: "The audit changed while you were writing your reflection. Check it below, then save again",
			Heading:  "What they saved",
			Load: func() (reflected, error) {
				page, err := p.store.AuditGlance(web.Route(r), id)
				if err != nil {
					return reflected{}, err
				}
				data.fill(page)
				data.show(gradingOf(page.Audit), page.Audit.Version)
				return reflected{Reflection: audits.Reflection{Text: page.Audit.Reflection}, Version: page.Audit.Version}, nil
			},
			Read: func(f url.Values, errs *web.Errors) reflected {
				rf := reflected{Reflection: audits.Reflection{Text: f.Get("reflection")}, Version: web.FormVersion(f, "version")}
				for _, v := range f["done"] {
					if n, err := strconv.Atoi(v); err == nil {
						rf.Done = append(rf.Done, n)
					} else {
						errs.Add("reflection", "Select the actions you have done from the list")
					}
				}
				data.Reflection = rf.Text
				return rf
			},
			Save: func(rf reflected) (reflected, error) {
				_, err := p.store.Reflect(web.Route(r), id, rf.Reflection, rf.Version)
				return rf, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed reflected) []web.Difference {
				data.Version = saved.Version
				return web.Differences([3]string{"Reflection", saved.Text, strings.TrimSpace(typed.Text)})
			},
			Done: func(reflected) error {
				web.SetFlash(r, "Reflection saved")
				http.Redirect(w, r, paths.Audit.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// moderated is a moderator's grading with the version it was made from.
type moderated struct {
	audits.Moderation
	Version int
}

// Moderation keeps a moderator's blind re-grading of an audit drawn for them (POST /quality/audits/{audit}/moderation).
func (p *Pages) Moderation() web.Handler {
	return web.Requires(councils.Role.Audits, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("audit")
		data := &auditData{Page: web.NewPage(r, "Case file audit")}
		data.Back = paths.Quality.URL()
		var tool audits.Tool
		var posted *moderated
		return web.Edit(p.tmpl, w, r, data, web.EditForm[moderated]{
			Template: "quality/audit.html",
			Order:    []string{"version"},
			Conflict: "The audit changed while you were moderating it. Check it below, then save again",
			Heading:  "What they saved",
			Load: func() (moderated, error) {
				page, err := p.store.AuditGlance(web.Route(r), id)
				if err != nil {
					return moderated{}, err
				}
				tool = page.Tool
				data.fill(page)
				data.show(gradingOf(page.Audit), page.Audit.Version)
				if posted != nil {
					data.show(audits.Grading{Grades: posted.Grades}, posted.Version)
					data.ModerationNote = posted.Note
				}
				return moderated{Moderation: audits.Moderation{Grades: page.Moderation, Note: page.Audit.ModerationNote}, Version: page.Audit.Version}, nil
			},
			Read: func(f url.Values, errs *web.Errors) moderated {
				page, err := p.store.AuditGlance(web.Route(r), id)
				if err == nil {
					tool = page.Tool
				}
				m := moderated{Moderation: audits.Moderation{Grades: map[string]audits.Answer{}, Note: f.Get("moderation_note")}, Version: web.FormVersion(f, "version")}
				for _, q := range tool.Questions() {
					m.Grades[q.Key] = audits.Answer{Grade: f.Get(audits.GradeField(q.Key)), Evidence: strings.TrimSpace(f.Get(audits.EvidenceField(q.Key)))}
				}
				web.AddProblems(errs, m.Validate(tool), append(order(tool), "moderation_note"))
				posted = &m
				return m
			},
			Save: func(m moderated) (moderated, error) {
				a, err := p.store.Moderate(web.Route(r), id, m.Moderation, m.Version)
				return moderated{Moderation: m.Moderation, Version: a.Version}, err
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed moderated) []web.Difference {
				data.Version = saved.Version
				return web.Differences([3]string{"Moderation note", saved.Note, strings.TrimSpace(typed.Note)})
			},
			Done: func(moderated) error {
				web.SetFlash(r, "Moderation saved: your grades stand for this audit")
				http.Redirect(w, r, paths.Audit.URL(id), http.StatusSeeOther)
				return nil
			},
		})
	})
}
