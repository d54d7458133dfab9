package learningpage

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/disclosure"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
	"github.com/golden-thread/goldenthread/internal/web"
)

// entry is a course as the catalogue lists it.
type entry struct {
	learning.Course
	Who      string // who must take it
	Length   string
	Refresh  string
	Upcoming []learning.SessionSummary
}

type catalogueData struct {
	web.Page
	Current, Retired []entry
	Runs             bool
	Own, Held        int
	OwnShare         string
}

// describe says who must take a course, how long it lasts and how often it is refreshed, as the catalogue reads.
func describe(c learning.Course, teams map[string]string) entry {
	e := entry{Course: c}
	var who []string
	for _, r := range c.Audience.Roles {
		who = append(who, r.Label())
	}
	for _, t := range c.Audience.TeamIDs {
		if name, ok := teams[t]; ok {
			who = append(who, "Staff of the "+name+" team")
		}
	}
	if c.Audience.NewStarters {
		who = append(who, "Every new starter")
	}
	e.Who = "Optional: nobody must take it"
	if len(who) > 0 {
		e.Who = strings.Join(who, ", ")
	}
	e.Length = length(c.Minutes)
	e.Refresh = "Never needs refreshing"
	if c.RefreshMonths > 0 {
		e.Refresh = "Refresh every " + months(c.RefreshMonths)
	}
	return e
}

func length(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d minutes", m)
	case m == 0 && h == 1:
		return "1 hour"
	case m == 0:
		return fmt.Sprintf("%d hours", h)
	}
	return fmt.Sprintf("%d hours %d minutes", h, m)
}

func months(n int) string {
	switch {
	case n%12 == 0 && n == 12:
		return "year"
	case n%12 == 0:
		return strconv.Itoa(n/12) + " years"
	}
	return strconv.Itoa(n) + " months"
}

func (p *Pages) teamNames(r *http.Request) (map[string]string, error) {
	teams, err := p.staff.Teams(web.Route(r))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, t := range teams {
		out[t.ID] = t.Name
	}
	return out, nil
}

// Catalogue is the council's course catalogue (GET /learning), for every member of staff: current courses first,
// who must take each, how long it lasts, how often it is refreshed, whether it needs a trained trainer, and its
// sessions in the next year with the places left. The quality lead also sees the share of the last year's sessions
// given by the council's own trainers.
func (p *Pages) Catalogue() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		courses, err := p.store.Courses(web.Route(r))
		if err != nil {
			return err
		}
		teams, err := p.teamNames(r)
		if err != nil {
			return err
		}
		today := web.Today(r)
		upcoming, err := p.store.Sessions(web.Route(r), today, sqldb.NewDate(today.AddDate(1, 0, 0)), "")
		if err != nil {
			return err
		}
		data := catalogueData{Page: web.NewPage(r, "Learning and development"), Runs: web.Can(r, runs)}
		for _, c := range courses {
			e := describe(c, teams)
			for _, x := range upcoming {
				if x.CourseID == c.ID && !x.Cancelled {
					e.Upcoming = append(e.Upcoming, x)
				}
			}
			if c.Retired {
				data.Retired = append(data.Retired, e)
			} else {
				data.Current = append(data.Current, e)
			}
		}
		if data.Runs {
			if data.Own, data.Held, err = p.store.SelfSufficiency(web.Route(r), sqldb.NewDate(today.AddDate(-1, 0, 1)), today); err != nil {
				return err
			}
			if data.Held > 0 {
				data.OwnShare = strconv.Itoa((data.Own*100+data.Held/2)/data.Held) + "%"
			}
		}
		return p.tmpl.Render(w, r, http.StatusOK, "learning/catalogue.html", data)
	})
}

// change is how confidence in one learning outcome moved, as the course page shows it.
type change struct {
	Outcome     string
	Evaluations disclosure.Figure
	Before      string
	After       string
	Change      string
}

type courseData struct {
	web.Page
	C        entry
	Sessions []learning.SessionSummary
	Runs     bool
	Changes  []change
	Allowed  string
	Kinds    map[string]string // each material type as staff read it
}

// showCourse renders the course page with status, as read now: for GET, and for an upload refused.
func (p *Pages) showCourse(w http.ResponseWriter, r *http.Request, status int, errs web.Errors) error {
	id := r.PathValue("course")
	c, err := p.store.Course(web.Route(r), id)
	if err != nil {
		return err
	}
	teams, err := p.teamNames(r)
	if err != nil {
		return err
	}
	today := web.Today(r)
	sessions, err := p.store.Sessions(web.Route(r), sqldb.NewDate(today.AddDate(-2, 0, 0)), sqldb.NewDate(today.AddDate(2, 0, 0)), id)
	if err != nil {
		return err
	}
	data := courseData{Page: web.NewPage(r, c.Name), C: describe(c, teams), Sessions: sessions, Runs: web.Can(r, runs),
		Allowed: learning.AllowedMaterials(), Kinds: learning.MaterialTypes}
	data.Back, data.Errors = paths.LearningCatalogue.URL(), errs
	if data.Runs {
		changes, err := p.store.OutcomeChanges(web.Route(r), id)
		if err != nil {
			return err
		}
		for _, o := range changes {
			x := change{Outcome: o.Outcome, Evaluations: disclosure.Safe(o.Evaluations)}
			// An average of fewer than six learners' ratings is withheld with their count, so that no one's ratings
			// can be picked out.
			if o.Evaluations >= disclosure.Threshold {
				x.Before, x.After, x.Change = fmt.Sprintf("%.1f", o.Before), fmt.Sprintf("%.1f", o.After), fmt.Sprintf("%+.1f", o.Change())
			}
			data.Changes = append(data.Changes, x)
		}
	}
	return p.tmpl.Render(w, r, status, "learning/course.html", data)
}

// Course shows a course (GET /learning/courses/{course}) to every member of staff: its learning outcomes, who must
// take it, its materials to download and its sessions; for the quality lead, uploading materials, planning a session
// and how learners' confidence changed in each outcome.
func (p *Pages) Course() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		return p.showCourse(w, r, http.StatusOK, nil)
	})
}

// uploadSlack is what a multipart form carries beside the file itself: its boundaries and headers.
const uploadSlack = 64 << 10

// Upload keeps a file with a course (POST /learning/courses/{course}/materials): for the quality lead. The file's
// type is worked out from its content, never its name or the type the browser claims; too large a file, or one of
// another type, is refused on the course page with the GOV.UK error summary and nothing kept.
func (p *Pages) Upload() web.Handler {
	return web.Requires(runs, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("course")
		refuse := func(status int, message string) error {
			return p.showCourse(w, r, status, web.Errors{{Field: "file", Message: message}})
		}
		if _, err := p.store.Course(web.Route(r), id); err != nil {
			return err
		}
		web.AllowBody(w, r, learning.MaxMaterialSize+uploadSlack)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				return refuse(http.StatusRequestEntityTooLarge, fmt.Sprintf("The selected file must be smaller than %d MB", learning.MaxMaterialSize>>20))
			}
			return refuse(http.StatusUnprocessableEntity, "Select a file to upload")
		}
		defer func() { _ = r.MultipartForm.RemoveAll() }()
		f, fh, err := r.FormFile("file")
		if err != nil {
			return refuse(http.StatusUnprocessableEntity, "Select a file to upload")
		}
		defer f.Close()
		content, err := io.ReadAll(io.LimitReader(f, learning.MaxMaterialSize+1))
		if err != nil {
			return fmt.Errorf("read the uploaded file: %w", err)
		}
		m, err := p.store.AddMaterial(web.Route(r), id, fh.Filename, content)
		if ps, ok := validation.AsProblems(err); ok {
			return refuse(http.StatusUnprocessableEntity, ps[0].Message)
		}
		if err != nil {
			return err
		}
		web.SetFlash(r, m.Name+" uploaded")
		http.Redirect(w, r, paths.LearningCourse.URL(id), http.StatusSeeOther)
		return nil
	})
}

// Download gives a course's material (GET /learning/materials/{material}) to every member of staff, as an
// attachment of the type its content was found to be when it was uploaded.
func (p *Pages) Download() web.Handler {
	return web.Requires(anyStaff, func(w http.ResponseWriter, r *http.Request) error {
		m, content, err := p.store.Material(web.Route(r), r.PathValue("material"))
		if err != nil {
			return err
		}
		h := w.Header()
		h.Set("Content-Type", m.MediaType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": m.Name}))
		h.Set("Content-Length", strconv.Itoa(len(content)))
		_, err = w.Write(content)
		return err
	})
}

// DeleteMaterial removes a course's material (POST /learning/materials/{material}/delete): for the quality lead.
func (p *Pages) DeleteMaterial() web.Handler {
	return web.Requires(runs, func(w http.ResponseWriter, r *http.Request) error {
		course, err := p.store.DeleteMaterial(web.Route(r), r.PathValue("material"))
		if err != nil {
			return err
		}
		web.SetFlash(r, "Material deleted")
		http.Redirect(w, r, paths.LearningCourse.URL(course), http.StatusSeeOther)
		return nil
	})
}
