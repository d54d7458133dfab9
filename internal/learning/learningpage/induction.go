package learningpage

import (
	"errors"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type inductionsData struct {
	web.Page
	Today    sqldb.Date
	Pathways []learning.Pathway
	Starters bool // there is someone to set a pathway for
}

// Inductions lists the new starters the signed-in member of staff follows (GET /learning/induction): the quality
// lead everyone's, a team manager their teams'; each with their progress and the steps overdue, those overdue first.
func (o *Oversight) Inductions() web.Handler {
	return web.Requires(learning.Follows, func(w http.ResponseWriter, r *http.Request) error {
		data := inductionsData{Page: web.NewPage(r, "New starters’ induction"), Today: web.Today(r)}
		data.Back = paths.LearningCoverage.URL()
		var err error
		if data.Pathways, err = o.store.Pathways(web.Route(r)); err != nil {
			return err
		}
		starters, err := o.store.Starters(web.Route(r))
		data.Starters = len(starters) > 0
		if err != nil {
			return err
		}
		return o.tmpl.Render(w, r, http.StatusOK, "learning/inductions.html", data)
	})
}

type stepRow struct {
	N                                                     int
	IncludeName, KindName, CourseName, TitleName, DueName string
	Include                                               bool
	Kind                                                  learning.StepKind
	CourseID, Title                                       string
	Due                                                   web.DateInput
}

type newInductionData struct {
	web.Page
	Starters []web.Item
	StaffID  string
	Starter  string
	Start    web.DateInput
	Steps    []stepRow
}

// NewInduction sets a new starter's induction pathway (GET and POST /learning/induction/new?staff=ID&start-day=…):
// choose the starter and the day they start, and the default pathway is offered (reading the practice framework,
// the new starters' courses, shadowing, a first supervision and the courses their role requires), each step with a
// date that can be changed, or left out.
func (o *Oversight) NewInduction() web.Handler {
	return web.Requires(learning.Follows, func(w http.ResponseWriter, r *http.Request) error {
		data := &newInductionData{Page: web.NewPage(r, "Set a new starter’s induction")}
		data.Back = paths.Inductions.URL()
		starters, err := o.store.Starters(web.Route(r))
		if err != nil {
			return err
		}
		courses, err := o.store.Courses(web.Route(r))
		if err != nil {
			return err
		}
		data.Starters = []web.Item{{Value: "", Text: "Choose a member of staff"}}
		var starter councils.Staff
		choose := func(id string) {
			data.StaffID = id
			for _, st := range starters {
				if st.ID == id {
					starter, data.Starter = st, st.Name
				}
			}
		}
		for _, st := range starters {
			data.Starters = append(data.Starters, web.Item{Value: st.ID, Text: st.Name})
		}
		if r.Method != http.MethodPost {
			q := r.URL.Query()
			choose(q.Get("staff"))
			data.Start = web.DateInputFrom(q, "start")
			if data.Start.IsEmpty() {
				data.Start = web.DateInputOf(web.Today(r).Time)
			}
			if q.Has("staff") && data.Starter == "" {
				data.Errors.Add("staff", "Choose the new starter from the list")
			}
			start := web.ReadDate(&data.Errors, data.Start, "start", "The day they start")
			if data.Starter != "" && !start.IsZero() {
				for i, st := range learning.DefaultPathway(courses, starter, start) {
					data.Steps = append(data.Steps, stepRow{N: i + 1, Include: true, Kind: st.Kind, CourseID: st.CourseID, Title: st.Title,
						Due: web.DateInputOf(st.DueOn.Time)}.named(i))
				}
			}
			status := http.StatusOK
			if data.Errors.Any() {
				status = http.StatusUnprocessableEntity
			}
			return o.tmpl.Render(w, r, status, "learning/induction_new.html", data)
		}
		if err := web.ParseForm(r); err != nil {
			return err
		}
		f := r.PostForm
		choose(f.Get("staff"))
		var steps []learning.Step
		var order []string
		for i := 0; f.Has(learning.StepField(i, "kind")); i++ {
			row := stepRow{N: i + 1, Include: f.Get(learning.StepField(i, "include")) == "yes", Kind: learning.StepKind(f.Get(learning.StepField(i, "kind"))),
				CourseID: f.Get(learning.StepField(i, "course")), Title: f.Get(learning.StepField(i, "title")),
				Due: web.DateInputFrom(f, learning.StepField(i, "due_on"))}.named(i)
			data.Steps = append(data.Steps, row)
			order = append(order, row.TitleName, row.DueName)
			if !row.Include {
				continue
			}
			if row.Due.IsEmpty() {
				data.Errors.Add(row.DueName, "Enter the date “"+row.Title+"” is due")
			}
			steps = append(steps, learning.Step{Kind: row.Kind, CourseID: row.CourseID, Title: row.Title,
				DueOn: web.ReadDate(&data.Errors, row.Due, row.DueName, "The date “"+row.Title+"” is due")})
		}
		if data.Starter == "" {
			data.Errors.Add("staff", "Choose the new starter from the list")
		}
		if !data.Errors.Any() {
			if len(steps) == 0 {
				data.Errors.Add("steps", "Keep at least one step in the pathway")
			} else if _, err := o.store.StartInduction(web.Route(r), data.StaffID, steps); err != nil {
				ps, ok := validation.AsProblems(err)
				if !ok {
					return err
				}
				for _, p := range ps {
					data.Errors.Add(p.Field, p.Message)
				}
			}
		}
		if data.Errors.Any() {
			data.Errors.Sort(append([]string{"staff", "steps"}, order...))
			return o.tmpl.Render(w, r, http.StatusUnprocessableEntity, "learning/induction_new.html", data)
		}
		web.SetFlash(r, "Induction pathway set for "+data.Starter)
		http.Redirect(w, r, paths.Induction.URL(data.StaffID), http.StatusSeeOther)
		return nil
	})
}

// named gives the row the names of its form fields.
func (s stepRow) named(i int) stepRow {
	s.IncludeName, s.KindName, s.CourseName = learning.StepField(i, "include"), learning.StepField(i, "kind"), learning.StepField(i, "course")
	s.TitleName, s.DueName = learning.StepField(i, "title"), learning.StepField(i, "due_on")
	return s
}

type inductionData struct {
	web.Page
	Today   sqldb.Date
	Pathway learning.Pathway
	Mine    bool
	Done    int
	Total   int
}

// Induction is a new starter's pathway (GET and POST /learning/induction/{staff}): each step with its date, done
// when the record shows it (a course completed, a first supervision recorded) or, for shadowing and reading, when the
// starter or their manager marks it. For the starter, their managers and the quality lead.
func (o *Oversight) Induction() web.Handler {
	return web.Requires(func(r councils.Role) bool { return r != "" }, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("staff")
		me, _ := councils.StaffFrom(r.Context())
		data := inductionData{Today: web.Today(r), Mine: me.ID == id}
		status := http.StatusOK
		if r.Method == http.MethodPost {
			if err := web.ParseForm(r); err != nil {
				return err
			}
			day := web.Today(r)
			if r.PostForm.Get("done") == "no" {
				day = sqldb.Date{}
			}
			err := o.store.MarkStep(web.Route(r), r.PostForm.Get("step"), day, web.FormVersion(r.PostForm, "version"))
			switch {
			case err == nil:
				web.SetFlash(r, "Induction step updated")
				http.Redirect(w, r, paths.Induction.URL(id), http.StatusSeeOther)
				return nil
			case errors.Is(err, sqldb.ErrConflict):
				status = http.StatusConflict
				data.Errors.Add("step", "Someone else changed this step while you were reading it. It now shows what they saved: check it before changing it again")
			default:
				ps, ok := validation.AsProblems(err)
				if !ok {
					return err
				}
				status = http.StatusUnprocessableEntity
				for _, p := range ps {
					data.Errors.Add("step", p.Message)
				}
			}
		}
		p, err := o.store.Pathway(web.Route(r), id)
		if err != nil {
			return err
		}
		data.Pathway = p
		data.Done, data.Total = p.Progress()
		title := p.Staff.Name + "’s induction"
		if data.Mine {
			title = "Your induction"
		}
		errs := data.Errors
		data.Page = web.NewPage(r, title)
		data.Errors = errs
		if !data.Mine {
			data.Back = paths.Inductions.URL()
		}
		return o.tmpl.Render(w, r, status, "learning/induction.html", data)
	})
}
