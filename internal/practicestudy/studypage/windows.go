package studypage

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type reflectionData struct {
	web.Page
	web.ConflictPanel
	Study    practicestudy.Study
	HeldOn   web.DateInput
	Staff    []web.Item
	StaffIDs []string
	Themes   string
	Learnt   string
}

var reflectionOrder = []string{"held_on", "staff", "themes", "learnt"}

// recording loads the study for a page that records in it, refusing those who may not (practicestudy.Records) and
// any study whose case for change is agreed.
func (p *Pages) recording(r *http.Request) (practicestudy.Study, error) {
	s, err := p.store.Study(web.Route(r), r.PathValue("study"))
	if err != nil {
		return s, err
	}
	if !practicestudy.Records(me(r.Context()), s) {
		return s, fmt.Errorf("record in study %s: %w", s.ID, sqldb.ErrForbidden)
	}
	return s, nil
}

// NewReflection records a reflective learning session (GET and POST /quality/studies/{study}/reflections/new): for
// the quality lead and the study's team managers. Who took part are staff of the study's teams; the themes are told
// without details that would identify anyone.
func (p *Pages) NewReflection() web.Handler {
	return web.Requires(sees, func(w http.ResponseWriter, r *http.Request) error {
		s, err := p.recording(r)
		if err != nil {
			return err
		}
		data := &reflectionData{Page: web.NewPage(r, "Record a reflective learning session"), Study: s}
		data.Back = paths.PracticeStudy.URL(s.ID)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[practicestudy.Reflection]{
			Template: "studies/reflection.html",
			Order:    reflectionOrder,
			Load: func() (practicestudy.Reflection, error) {
				staff, err := p.store.StudyStaff(web.Route(r), s.ID)
				data.Staff = nil
				for _, m := range staff {
					data.Staff = append(data.Staff, web.Item{Value: m.ID, Text: m.Name, Hint: m.Role.Label()})
				}
				return practicestudy.Reflection{}, err
			},
			Fill: func(practicestudy.Reflection) { data.HeldOn = web.DateInputOf(web.Today(r).Time) },
			Read: func(f url.Values, errs *web.Errors) practicestudy.Reflection {
				data.HeldOn, data.StaffIDs, data.Themes, data.Learnt = web.DateInputFrom(f, "held_on"), f["staff"], f.Get("themes"), f.Get("learnt")
				x := practicestudy.Reflection{HeldOn: web.ReadDate(errs, data.HeldOn, "held_on", "The date of the session"), StaffIDs: data.StaffIDs,
					Themes: data.Themes, Learnt: data.Learnt}
				web.AddProblems(errs, dropDates(x.Validate(web.Today(r)), errs), reflectionOrder)
				return x
			},
			Save: func(x practicestudy.Reflection) (practicestudy.Reflection, error) {
				return p.store.RecordReflection(web.Route(r), s.ID, x)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(practicestudy.Reflection) error {
				web.SetFlash(r, "Reflective learning session recorded")
				http.Redirect(w, r, paths.PracticeStudy.URL(s.ID)+"#reflective", http.StatusSeeOther)
				return nil
			},
		})
	})
}

type engagementData struct {
	web.Page
	web.ConflictPanel
	Study      practicestudy.Study
	HeldOn     web.DateInput
	Methods    []web.Item
	Method     string
	Who        string
	ConsentHow string
	ConsentOn  web.DateInput
	Quotes     string
	Themes     string
}

var engagementOrder = []string{"held_on", "method", "who", "consent_how", "consent_on", "quotes", "themes"}

// NewEngagement records an engagement with people who draw on support and carers (GET and POST
// /quality/studies/{study}/engagements/new): for the quality lead and the study's team managers. Consent is required:
// how and when it was given; what people said is kept in their own words, with its themes.
func (p *Pages) NewEngagement() web.Handler {
	return web.Requires(sees, func(w http.ResponseWriter, r *http.Request) error {
		s, err := p.recording(r)
		if err != nil {
			return err
		}
		data := &engagementData{Page: web.NewPage(r, "Record what people with lived experience said"), Study: s}
		data.Back = paths.PracticeStudy.URL(s.ID)
		for _, m := range practicestudy.Methods() {
			data.Methods = append(data.Methods, web.Item{Value: string(m), Text: m.Label()})
		}
		return web.Edit(p.tmpl, w, r, data, web.EditForm[practicestudy.Engagement]{
			Template: "studies/engagement.html",
			Order:    engagementOrder,
			Load:     func() (practicestudy.Engagement, error) { return practicestudy.Engagement{}, nil },
			Fill:     func(practicestudy.Engagement) { data.HeldOn = web.DateInputOf(web.Today(r).Time) },
			Read: func(f url.Values, errs *web.Errors) practicestudy.Engagement {
				data.HeldOn, data.ConsentOn = web.DateInputFrom(f, "held_on"), web.DateInputFrom(f, "consent_on")
				data.Method, data.Who, data.ConsentHow, data.Quotes, data.Themes = f.Get("method"), f.Get("who"), f.Get("consent_how"), f.Get("quotes"), f.Get("themes")
				x := practicestudy.Engagement{HeldOn: web.ReadDate(errs, data.HeldOn, "held_on", "The date of the engagement"),
					Method: practicestudy.Method(data.Method), Who: data.Who, ConsentHow: data.ConsentHow,
					ConsentOn: web.ReadDate(errs, data.ConsentOn, "consent_on", "The date consent was given"),
					Quotes:    data.Quotes, Themes: practicestudy.ParseThemes(data.Themes)}
				web.AddProblems(errs, dropDates(x.Validate(web.Today(r)), errs), engagementOrder)
				return x
			},
			Save: func(x practicestudy.Engagement) (practicestudy.Engagement, error) {
				return p.store.RecordEngagement(web.Route(r), s.ID, x)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(practicestudy.Engagement) error {
				web.SetFlash(r, "Engagement recorded, with consent")
				http.Redirect(w, r, paths.PracticeStudy.URL(s.ID)+"#lived-experience", http.StatusSeeOther)
				return nil
			},
		})
	})
}
