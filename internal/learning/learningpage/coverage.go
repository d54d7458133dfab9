package learningpage

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/web"
)

// headline is the one figure the programme is asked for first: how many staff are trained in strengths-based
// practice.
type headline struct {
	Course  learning.Course
	Tally   learning.Tally
	Percent int
}

type coverageData struct {
	web.Page
	On            string
	Headline      *headline
	Matrix        [][]web.TableCell // team by course: the share trained
	MatrixHead    []web.TableCell
	Course        learning.Course // the course broken down by standing
	CourseItems   []web.Item
	Breakdown     [][]web.TableCell
	BreakdownHead []web.TableCell
	RunsLearning  bool
}

// Coverage is the coverage page (GET /learning/coverage?course=ID): for the quality lead every team, for a team
// manager their own: the share of each team trained in each course required of its staff, the council's headline
// figure of staff trained in strengths-based practice, and one course's standings by team (trained, due to refresh,
// overdue, never trained). Every figure is worked out from the sessions staff completed, today.
func (o *Oversight) Coverage() web.Handler {
	return web.Requires(learning.Follows, func(w http.ResponseWriter, r *http.Request) error {
		cov, err := o.store.CoverageFor(web.Route(r), "")
		if err != nil {
			return err
		}
		data := coverageData{Page: web.NewPage(r, "Learning coverage"), On: cov.On.String(), RunsLearning: web.Can(r, councils.Role.RunsLearning)}
		chosen := -1
		for i, c := range cov.Courses {
			if c.ID == r.URL.Query().Get("course") || (chosen < 0 && c.Standard == learning.StrengthsBasedPractice) {
				chosen = i
			}
			data.CourseItems = append(data.CourseItems, web.Item{Value: c.ID, Text: c.Name})
			if c.Standard == learning.StrengthsBasedPractice && web.Can(r, councils.Role.RunsLearning) {
				p, _ := cov.Council[i].Percent()
				data.Headline = &headline{Course: c, Tally: cov.Council[i], Percent: p}
			}
		}
		if chosen < 0 && len(cov.Courses) > 0 {
			chosen = 0
		}
		data.MatrixHead = []web.TableCell{{Text: "Team"}}
		for _, c := range cov.Courses {
			data.MatrixHead = append(data.MatrixHead, web.TableCell{Text: c.Name, Format: "numeric"})
		}
		for _, t := range cov.Teams {
			row := []web.TableCell{{Text: template.HTML(`<a class="govuk-link" href="` +
				template.HTMLEscapeString(paths.LearningTeamCoverage.URL(t.Team.ID)) + `">` + template.HTMLEscapeString(t.Team.Name) + `</a>`)}}
			for _, tally := range t.Courses {
				row = append(row, shareCell(tally))
			}
			data.Matrix = append(data.Matrix, row)
		}
		if web.Can(r, councils.Role.RunsLearning) {
			row := []web.TableCell{{Text: "The whole council", Classes: "govuk-!-font-weight-bold"}}
			for _, tally := range cov.Council {
				c := shareCell(tally)
				c.Classes = "govuk-!-font-weight-bold"
				row = append(row, c)
			}
			data.Matrix = append(data.Matrix, row)
		}
		if chosen >= 0 {
			data.Course = cov.Courses[chosen]
			data.BreakdownHead = []web.TableCell{{Text: "Team"}, {Text: "Required", Format: "numeric"}}
			for _, s := range learning.Standings() {
				data.BreakdownHead = append(data.BreakdownHead, web.TableCell{Text: s.Label(), Format: "numeric"})
			}
			add := func(name any, t learning.Tally) {
				row := []web.TableCell{{Text: name}, {Text: strconv.Itoa(t.Required), Format: "numeric"}}
				for _, s := range learning.Standings() {
					row = append(row, web.TableCell{Text: strconv.Itoa(t.Of(s)), Format: "numeric"})
				}
				data.Breakdown = append(data.Breakdown, row)
			}
			for _, t := range cov.Teams {
				add(t.Team.Name, t.Courses[chosen])
			}
			if web.Can(r, councils.Role.RunsLearning) {
				add("The whole council", cov.Council[chosen])
			}
		}
		return o.tmpl.Render(w, r, http.StatusOK, "learning/coverage.html", data)
	})
}

// shareCell is a team's share trained in a course, "12 of 15 (80%)", or a dash when it is required of nobody there.
func shareCell(t learning.Tally) web.TableCell {
	p, ok := t.Percent()
	if !ok {
		return web.TableCell{Text: "–", Format: "numeric"}
	}
	return web.TableCell{Text: strconv.Itoa(t.Current()) + " of " + strconv.Itoa(t.Required) + " (" + strconv.Itoa(p) + "%)", Format: "numeric"}
}

type teamCoverageData struct {
	web.Page
	Team    string
	Courses []learning.Course
	Staff   []learning.StaffCoverage
}

// TeamCoverage is one team's coverage by member of staff (GET /learning/coverage/{team}): each one's standing with
// each course required of them and when they last completed it, so a manager sees whom to book. For the quality lead
// and the team's managers.
func (o *Oversight) TeamCoverage() web.Handler {
	return web.Requires(learning.Follows, func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("team")
		cov, err := o.store.CoverageFor(web.Route(r), id)
		if err != nil {
			return err
		}
		data := teamCoverageData{Courses: cov.Courses, Staff: cov.Staff}
		for _, t := range cov.Teams {
			if t.Team.ID == id {
				data.Team = t.Team.Name
			}
		}
		data.Page = web.NewPage(r, data.Team+": learning coverage")
		data.Back = paths.LearningCoverage.URL()
		return o.tmpl.Render(w, r, http.StatusOK, "learning/team_coverage.html", data)
	})
}
