package learningpage

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

type courseForm struct {
	web.Page
	web.ConflictPanel
	Editing       bool
	Name, Summary string
	Outcomes      string // one a line
	Minutes       string
	RefreshMonths string
	NeedsTrainer  bool
	TrainsFor     string
	Roles         []string
	Teams         []string
	NewStarters   bool
	Version       int
	RoleItems     []web.Item
	TeamItems     []web.Item
	CourseItems   []web.Item
}

var courseOrder = []string{"version", "name", "summary", "outcomes", "minutes", "refresh_months", "needs_trainer", "trains_for",
	"audience_roles", "audience_teams"}

// load fills the form's choices: roles, teams and the courses a train-the-trainer course may train for.
func (p *Pages) load(r *http.Request, data *courseForm, except string) error {
	data.RoleItems = nil
	for _, role := range councils.Roles {
		data.RoleItems = append(data.RoleItems, web.Item{Value: string(role), Text: role.Label()})
	}
	teams, err := p.staff.Teams(web.Route(r))
	if err != nil {
		return err
	}
	data.TeamItems = nil
	for _, t := range teams {
		data.TeamItems = append(data.TeamItems, web.Item{Value: t.ID, Text: t.Name})
	}
	courses, err := p.store.Courses(web.Route(r))
	if err != nil {
		return err
	}
	data.CourseItems = []web.Item{{Value: "", Text: "None: this is not a train-the-trainer course"}}
	for _, c := range courses {
		if c.NeedsTrainer && !c.Retired && c.ID != except {
			data.CourseItems = append(data.CourseItems, web.Item{Value: c.ID, Text: c.Name})
		}
	}
	return nil
}

func (data *courseForm) fill(c learning.Course) {
	data.Name, data.Summary, data.Outcomes = c.Name, c.Summary, strings.Join(c.Outcomes, "\n")
	data.Minutes, data.RefreshMonths = strconv.Itoa(c.Minutes), strconv.Itoa(c.RefreshMonths)
	data.NeedsTrainer, data.TrainsFor, data.NewStarters = c.NeedsTrainer, c.TrainsFor, c.Audience.NewStarters
	data.Roles = nil
	for _, r := range c.Audience.Roles {
		data.Roles = append(data.Roles, string(r))
	}
	data.Teams, data.Version = c.Audience.TeamIDs, c.Version
}

// whole reads a whole number typed into field, adding a problem when it is not one.
func whole(errs *web.Errors, f url.Values, field, message string) (string, int) {
	typed := strings.TrimSpace(f.Get(field))
	n, err := strconv.Atoi(typed)
	if err != nil && typed != "" {
		errs.Add(field, message)
	}
	return typed, n
}

func (data *courseForm) read(f url.Values, errs *web.Errors, id string) learning.Course {
	data.Name, data.Summary, data.Outcomes = f.Get("name"), f.Get("summary"), f.Get("outcomes")
	var minutes, months int
	data.Minutes, minutes = whole(errs, f, "minutes", "How long it lasts must be a whole number of minutes, like 180")
	data.RefreshMonths, months = whole(errs, f, "refresh_months", "Months before a refresh must be a whole number, like 24, or 0 for never")
	data.NeedsTrainer, data.TrainsFor, data.NewStarters = f.Get("needs_trainer") == "yes", f.Get("trains_for"), f.Get("new_starters") == "yes"
	data.Roles, data.Teams, data.Version = f["audience_roles"], f["audience_teams"], web.FormVersion(f, "version")
	c := learning.Course{ID: id, Name: data.Name, Summary: data.Summary, Outcomes: strings.Split(data.Outcomes, "\n"),
		Minutes: minutes, RefreshMonths: months, NeedsTrainer: data.NeedsTrainer, TrainsFor: data.TrainsFor, Version: data.Version,
		Audience: learning.Audience{TeamIDs: data.Teams, NewStarters: data.NewStarters}}
	for _, r := range data.Roles {
		c.Audience.Roles = append(c.Audience.Roles, councils.Role(r))
	}
	for _, t := range data.Teams {
		if !slices.ContainsFunc(data.TeamItems, func(it web.Item) bool { return it.Value == t }) {
			errs.Add("audience_teams", "Select teams from the list")
			break
		}
	}
	check := c
	check.Normalise()
	web.AddProblems(errs, check.Validate(), courseOrder)
	return c
}

// NewCourse adds a course to the catalogue (GET and POST /learning/courses/new): for the quality lead.
func (p *Pages) NewCourse() web.Handler {
	return web.Requires(runs, func(w http.ResponseWriter, r *http.Request) error {
		data := &courseForm{Page: web.NewPage(r, "Add a course")}
		data.Back = paths.LearningCatalogue.URL()
		return web.Edit(p.tmpl, w, r, data, web.EditForm[learning.Course]{
			Template: "learning/course-form.html",
			Order:    courseOrder,
			Load:     func() (learning.Course, error) { return learning.Course{}, p.load(r, data, "") },
			Fill:     func(learning.Course) { data.Minutes, data.RefreshMonths = "180", "0" },
			Read:     func(f url.Values, errs *web.Errors) learning.Course { return data.read(f, errs, "") },
			Save: func(c learning.Course) (learning.Course, error) {
				return p.store.AddCourse(web.Route(r), c)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Done: func(c learning.Course) error {
				web.SetFlash(r, c.Name+" added to the catalogue")
				http.Redirect(w, r, paths.LearningCourse.URL(c.ID), http.StatusSeeOther)
				return nil
			},
		})
	})
}

// EditCourse changes a course (GET and POST /learning/courses/{course}/edit), or retires it: for the quality lead.
// A change saved by someone else since the form was opened is shown beside what was typed (409).
func (p *Pages) EditCourse() web.Handler {
	return web.Requires(runs, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("course")
		data := &courseForm{Page: web.NewPage(r, "Change a course"), Editing: true}
		data.Back = paths.LearningCourse.URL(id)
		return web.Edit(p.tmpl, w, r, data, web.EditForm[learning.Course]{
			Template:       "learning/course-form.html",
			Order:          courseOrder,
			Conflict:       "Someone else changed this course while you were editing it. Check their changes, then save again",
			RemoveConflict: "Someone else changed this course while you were editing it. Check their changes, then retire it again",
			Load: func() (learning.Course, error) {
				c, err := p.store.Course(web.Route(r), id)
				if err != nil {
					return c, err
				}
				data.Title = "Change " + c.Name
				return c, p.load(r, data, id)
			},
			Fill: data.fill,
			Read: func(f url.Values, errs *web.Errors) learning.Course { return data.read(f, errs, id) },
			Save: func(c learning.Course) (learning.Course, error) {
				return p.store.UpdateCourse(web.Route(r), c)
			},
			Problems: web.ProblemsIn(validation.AsProblems),
			Compare: func(saved, typed learning.Course) []web.Difference {
				data.Version = saved.Version
				return web.Differences(
					[3]string{"Name", saved.Name, strings.TrimSpace(typed.Name)},
					[3]string{"Summary", saved.Summary, strings.TrimSpace(typed.Summary)},
					[3]string{"Learning outcomes", strings.Join(saved.Outcomes, "; "), strings.Join(cleaned(typed.Outcomes), "; ")},
					[3]string{"How long it lasts, in minutes", strconv.Itoa(saved.Minutes), strconv.Itoa(typed.Minutes)},
					[3]string{"Months before a refresh", strconv.Itoa(saved.RefreshMonths), strconv.Itoa(typed.RefreshMonths)},
					[3]string{"Needs a trained trainer", yesNo(saved.NeedsTrainer), yesNo(typed.NeedsTrainer)},
					[3]string{"Who must take it", roleText(saved.Audience.Roles), roleText(typed.Audience.Roles)},
				)
			},
			Done: func(c learning.Course) error {
				web.SetFlash(r, c.Name+" changed")
				http.Redirect(w, r, paths.LearningCourse.URL(id), http.StatusSeeOther)
				return nil
			},
			Remove: func(c learning.Course) error { return p.store.RetireCourse(web.Route(r), id, c.Version) },
			Removed: func() error {
				web.SetFlash(r, "Course retired: it no longer shows in the catalogue as current, and its history is kept")
				http.Redirect(w, r, paths.LearningCatalogue.URL(), http.StatusSeeOther)
				return nil
			},
		})
	})
}

func cleaned(ss []string) []string {
	c := learning.Course{Outcomes: ss}
	c.Normalise()
	return c.Outcomes
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func roleText(rs []councils.Role) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Label()
	}
	return strings.Join(out, ", ")
}
