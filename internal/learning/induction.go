package learning

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/supervision"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Step is one step of a new starter's induction pathway. A course step is done when they complete a session of the
// course, a first supervision when one is recorded with them: DoneOn is read from those records, never marked. A
// shadowing or reading step is done when the starter or their manager marks it.
type Step struct {
	ID       string
	StaffID  string
	Position int
	Kind     StepKind
	CourseID string
	Title    string
	DueOn    sqldb.Date
	DoneOn   sqldb.Date
	Version  int
}

// Done says whether the step is done.
func (s Step) Done() bool { return !s.DoneOn.IsZero() }

// Overdue says whether the step is not done and its date has passed by day.
func (s Step) Overdue(day sqldb.Date) bool { return !s.Done() && s.DueOn.Before(day.Time) }

// Marked says whether the step is done by being marked, rather than by what the record shows.
func (k StepKind) Marked() bool { return k == Shadowing || k == Reading }

// Pathway is a new starter's induction: their steps in order.
type Pathway struct {
	Staff councils.Staff
	Steps []Step
}

// Progress is how many of the steps are done, of how many.
func (p Pathway) Progress() (done, total int) {
	for _, s := range p.Steps {
		if s.Done() {
			done++
		}
	}
	return done, len(p.Steps)
}

// Overdue are the steps overdue on day.
func (p Pathway) Overdue(day sqldb.Date) []Step {
	var out []Step
	for _, s := range p.Steps {
		if s.Overdue(day) {
			out = append(out, s)
		}
	}
	return out
}

// DefaultPathway is the pathway a new starter starting on start is offered, each date editable before it is set:
// reading the practice framework in the first week; the courses for every new starter and shadowing an experienced
// colleague in the first fortnight; a first supervision within four weeks; and the courses their role requires within
// three months.
func DefaultPathway(courses []Course, st councils.Staff, start sqldb.Date) []Step {
	in := func(days int) sqldb.Date { return sqldb.NewDate(start.AddDate(0, 0, days)) }
	steps := []Step{{Kind: Reading, Title: "Read the practice framework", DueOn: in(7)}}
	for _, c := range courses {
		if !c.Retired && c.Audience.NewStarters {
			steps = append(steps, Step{Kind: CourseStep, CourseID: c.ID, Title: c.Name, DueOn: in(14)})
		}
	}
	steps = append(steps,
		Step{Kind: Shadowing, Title: "Shadow an experienced colleague on visits", DueOn: in(14)},
		Step{Kind: FirstSupervision, Title: "First supervision", DueOn: in(28)})
	for _, c := range courses {
		if !c.Retired && !c.Audience.NewStarters && c.Audience.Requires(st) {
			steps = append(steps, Step{Kind: CourseStep, CourseID: c.ID, Title: c.Name, DueOn: in(90)})
		}
	}
	for i := range steps {
		steps[i].Position = i
		steps[i].StaffID = st.ID
	}
	return steps
}

// StepField is the form field of one of a pathway's steps: "step_3_due_on".
func StepField(i int, name string) string { return "step_" + strconv.Itoa(i+1) + "_" + name }

// validateSteps says what is wrong with a pathway's steps, by the form's fields.
func validateSteps(steps []Step, courses map[string]Course) validation.Problems {
	var ps validation.Problems
	if len(steps) == 0 {
		ps.Append("steps", "Choose at least one step for the pathway")
	}
	for i, s := range steps {
		switch {
		case !slices.Contains([]StepKind{CourseStep, Shadowing, Reading, FirstSupervision}, s.Kind):
			ps.Append(StepField(i, "title"), "Choose the kind of step from the list")
		case s.Kind == CourseStep && courses[s.CourseID].ID == "":
			ps.Append(StepField(i, "title"), "Choose a course from the catalogue")
		case strings.TrimSpace(s.Title) == "":
			ps.Append(StepField(i, "title"), "Enter what step "+strconv.Itoa(i+1)+" is")
		}
		if s.DueOn.IsZero() {
			ps.Append(StepField(i, "due_on"), "Enter the date step "+strconv.Itoa(i+1)+" is due")
		}
	}
	return ps
}

// inducts says whether st may set and follow a new starter's induction: the quality lead anyone's, a team manager
// the staff of their teams; nobody's whose account is disabled, as when they have left.
func inducts(st, starter councils.Staff) bool {
	switch {
	case st.ID == starter.ID || starter.Disabled():
		return false
	case st.Role == councils.QualityLead:
		return true
	case st.Role == councils.TeamManager:
		return slices.ContainsFunc(starter.TeamIDs, st.InTeam)
	}
	return false
}

// StartInduction sets a new starter's pathway: for the quality lead, or a team manager of the starter's teams. A
// starter has one pathway; setting another is refused.
func (s *Store) StartInduction(ctx context.Context, starterID string, steps []Step) (Pathway, error) {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return Pathway{}, err
	}
	var out Pathway
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		starter, err := staffIn(ctx, tx, starterID)
		if err != nil {
			return err
		}
		if !inducts(st, starter) {
			var ps validation.Problems
			ps.Append("staff_id", "Select a new starter in your teams")
			return ps
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM learning_induction_step WHERE council_id = $1 AND staff_id = $2`,
			tx.Council(), starterID).Scan(&n); err != nil {
			return fmt.Errorf("read %s's induction: %w", starterID, err)
		}
		if n > 0 {
			var ps validation.Problems
			ps.Append("staff_id", starter.Name+" already has an induction pathway")
			return ps
		}
		courses, err := readCourses(ctx, tx, "")
		if err != nil {
			return err
		}
		byID := map[string]Course{}
		for _, c := range courses {
			byID[c.ID] = c
		}
		if ps := validateSteps(steps, byID); len(ps) > 0 {
			return ps
		}
		var vals []any
		for i, step := range steps {
			vals = append(vals, tx.Council(), sqldb.NewID(), starterID, i, string(step.Kind), step.CourseID, strings.TrimSpace(step.Title),
				step.DueOn, tx.Now(), st.ID)
		}
		if err := sqldb.InsertMany(ctx, tx, "learning_induction_step", []string{"council_id", "id", "staff_id", "position", "kind",
			"course_id", "title", "due_on", "created_at", "created_by"}, vals); err != nil {
			return fmt.Errorf("set %s's induction: %w", starter.Name, err)
		}
		paths, err := pathwaysIn(ctx, tx, []councils.Staff{starter})
		if err != nil {
			return err
		}
		out = paths[0]
		return nil
	})
	return out, err
}

// staffIn reads one member of the council's staff, with their teams, inside tx.
func staffIn(ctx context.Context, tx *sqldb.Tx, id string) (councils.Staff, error) {
	all, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return councils.Staff{}, err
	}
	for _, st := range all {
		if st.ID == id {
			return st, nil
		}
	}
	return councils.Staff{}, fmt.Errorf("member of staff %s: %w", id, sqldb.ErrNotFound)
}

// Pathway reads a new starter's induction: for the starter themself, the quality lead, and the managers of the
// starter's teams. ErrNotFound when they have none, or the reader may not see it.
func (s *Store) Pathway(ctx context.Context, starterID string) (Pathway, error) {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return Pathway{}, err
	}
	var out []Pathway
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		starter, err := staffIn(ctx, tx, starterID)
		if err != nil {
			return err
		}
		if starter.ID != st.ID && !inducts(st, starter) {
			return fmt.Errorf("induction of %s: %w", starterID, sqldb.ErrNotFound)
		}
		out, err = pathwaysIn(ctx, tx, []councils.Staff{starter})
		return err
	})
	if err != nil {
		return Pathway{}, err
	}
	if len(out) == 0 || len(out[0].Steps) == 0 {
		return Pathway{}, fmt.Errorf("induction of %s: %w", starterID, sqldb.ErrNotFound)
	}
	return out[0], nil
}

// Pathways reads the induction of every new starter the signed-in member of staff follows: the quality lead
// everyone's, a team manager their teams' staff's. Starters with steps overdue come first, those whose every step is
// done last.
func (s *Store) Pathways(ctx context.Context) ([]Pathway, error) {
	paths, _, err := s.followed(ctx)
	return paths, err
}

// OverdueInduction is, for a team manager or the quality lead, the new starters they follow with steps overdue
// today: what their caseload page flags. It reads only the pathways with a step whose date has passed and that is
// not marked done, which are few, so that the caseload stays quick.
func (s *Store) OverdueInduction(ctx context.Context) ([]Pathway, error) {
	st, err := signedIn(ctx, Follows)
	if err != nil {
		return nil, err
	}
	var out []Pathway
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		today := tx.Today()
		late := map[string]bool{}
		err := sqldb.Each(ctx, tx, `SELECT DISTINCT staff_id FROM learning_induction_step WHERE council_id = $1 AND due_on < $2 AND done_on IS NULL`,
			[]any{tx.Council(), today}, func(rows *sql.Rows) error {
				var id string
				if err := rows.Scan(&id); err != nil {
					return err
				}
				late[id] = true
				return nil
			})
		if err != nil {
			return fmt.Errorf("read induction steps past their date: %w", err)
		}
		if len(late) == 0 {
			return nil
		}
		all, err := councils.StaffIn(ctx, tx)
		if err != nil {
			return err
		}
		mine := slices.DeleteFunc(all, func(o councils.Staff) bool { return !late[o.ID] || !inducts(st, o) })
		paths, err := pathwaysIn(ctx, tx, mine)
		for _, p := range paths {
			if len(p.Overdue(today)) > 0 {
				out = append(out, p)
			}
		}
		return err
	})
	return out, err
}

// Follows says whether a role follows others' learning: the quality lead the whole council's, team managers their
// teams'.
func Follows(r councils.Role) bool { return r == councils.QualityLead || r == councils.TeamManager }

// followed reads the pathways the signed-in member of staff follows, and today's date by the database's clock.
func (s *Store) followed(ctx context.Context) ([]Pathway, sqldb.Date, error) {
	st, err := signedIn(ctx, Follows)
	if err != nil {
		return nil, sqldb.Date{}, err
	}
	var out []Pathway
	var today sqldb.Date
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		today = tx.Today()
		all, err := councils.StaffIn(ctx, tx)
		if err != nil {
			return err
		}
		mine := slices.DeleteFunc(all, func(o councils.Staff) bool { return !inducts(st, o) })
		paths, err := pathwaysIn(ctx, tx, mine)
		if err != nil {
			return err
		}
		for _, p := range paths {
			if len(p.Steps) > 0 {
				out = append(out, p)
			}
		}
		return nil
	})
	rank := func(p Pathway) int {
		done, total := p.Progress()
		switch {
		case len(p.Overdue(today)) > 0:
			return 0
		case done < total:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b Pathway) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.Staff.Name, b.Staff.Name))
	})
	return out, today, err
}

// pathwaysIn reads the pathways of staff inside tx, with each step's done date: read from completions and
// supervision for course and supervision steps, as marked for the rest. A member of staff with no pathway has no
// steps.
func pathwaysIn(ctx context.Context, tx *sqldb.Tx, staff []councils.Staff) ([]Pathway, error) {
	if len(staff) == 0 {
		return nil, nil
	}
	ids := make([]string, len(staff))
	for i, st := range staff {
		ids[i] = st.ID
	}
	in, args := sqldb.In([]any{tx.Council()}, ids)
	steps := map[string][]Step{}
	err := sqldb.Each(ctx, tx, `SELECT id, staff_id, position, kind, course_id, title, due_on, done_on, version
		FROM learning_induction_step WHERE council_id = $1 AND staff_id IN (`+in+`) ORDER BY staff_id, position`, args,
		func(rows *sql.Rows) error {
			var s Step
			var done sql.Null[sqldb.Date]
			if err := rows.Scan(&s.ID, &s.StaffID, &s.Position, &s.Kind, &s.CourseID, &s.Title, &s.DueOn, &done, &s.Version); err != nil {
				return err
			}
			s.DoneOn = done.V
			steps[s.StaffID] = append(steps[s.StaffID], s)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read induction pathways: %w", err)
	}
	if len(steps) == 0 {
		out := make([]Pathway, len(staff))
		for i, st := range staff {
			out[i] = Pathway{Staff: st}
		}
		return out, nil
	}
	last, err := lastCompletions(ctx, tx, ` AND b.staff_id IN (`+in+`)`, args[1:]...)
	if err != nil {
		return nil, err
	}
	firstSupervised, err := supervision.FirstHeld(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Pathway, len(staff))
	for i, st := range staff {
		out[i] = Pathway{Staff: st, Steps: steps[st.ID]}
		for j, s := range out[i].Steps {
			switch s.Kind {
			case CourseStep:
				out[i].Steps[j].DoneOn = last[st.ID][s.CourseID]
			case FirstSupervision:
				out[i].Steps[j].DoneOn = firstSupervised[st.ID]
			}
		}
	}
	return out, nil
}

// inductionCourses reads which courses each new starter's pathway requires, by staff then course. extra narrows the
// steps (it may use $2 onwards).
func inductionCourses(ctx context.Context, tx *sqldb.Tx, extra string, args ...any) (map[string]map[string]bool, error) {
	out := map[string]map[string]bool{}
	err := sqldb.Each(ctx, tx, `SELECT staff_id, course_id FROM learning_induction_step
		WHERE council_id = $1 AND kind = 'course'`+extra, append([]any{tx.Council()}, args...), func(rows *sql.Rows) error {
		var staff, course string
		if err := rows.Scan(&staff, &course); err != nil {
			return err
		}
		if out[staff] == nil {
			out[staff] = map[string]bool{}
		}
		out[staff][course] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read induction courses: %w", err)
	}
	return out, nil
}

// MarkStep marks a shadowing or reading step done on day, or not done when day is zero: for the starter, the
// quality lead and the managers of the starter's teams. A stale version is refused with sqldb.ErrConflict.
func (s *Store) MarkStep(ctx context.Context, stepID string, day sqldb.Date, version int) error {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var starterID string
		var kind StepKind
		err := tx.QueryRowContext(ctx, `SELECT staff_id, kind FROM learning_induction_step WHERE council_id = $1 AND id = $2`,
			tx.Council(), stepID).Scan(&starterID, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("induction step %s: %w", stepID, sqldb.ErrNotFound)
		} else if err != nil {
			return fmt.Errorf("read induction step %s: %w", stepID, err)
		}
		starter, err := staffIn(ctx, tx, starterID)
		if err != nil {
			return err
		}
		if starter.ID != st.ID && !inducts(st, starter) {
			return fmt.Errorf("induction step %s: %w", stepID, sqldb.ErrNotFound)
		}
		if !kind.Marked() {
			var ps validation.Problems
			ps.Append("done", kind.Label()+" steps are done when the record shows them, not by marking")
			return ps
		}
		if !day.IsZero() && day.After(tx.Today().Time) {
			var ps validation.Problems
			ps.Append("done", "The date it was done must be today or in the past")
			return ps
		}
		var done any
		if !day.IsZero() {
			done = day
		}
		res, err := tx.ExecContext(ctx, `UPDATE learning_induction_step SET done_on = $3, version = version + 1
			WHERE council_id = $1 AND id = $2 AND version = $4`, tx.Council(), stepID, done, version)
		if err != nil {
			return fmt.Errorf("mark induction step %s: %w", stepID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("mark induction step %s: %w", stepID, err)
		} else if n == 0 {
			return fmt.Errorf("induction step %s: %w", stepID, sqldb.ErrConflict)
		}
		return nil
	})
}

// Starters are the staff the signed-in member of staff may set an induction for who have none yet: the quality lead
// anyone's, a team manager their teams' staff. Accounts that are disabled are left out.
func (s *Store) Starters(ctx context.Context) ([]councils.Staff, error) {
	st, err := signedIn(ctx, Follows)
	if err != nil {
		return nil, err
	}
	var out []councils.Staff
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		all, err := councils.StaffIn(ctx, tx)
		if err != nil {
			return err
		}
		inducted := map[string]bool{}
		err = sqldb.Each(ctx, tx, `SELECT DISTINCT staff_id FROM learning_induction_step WHERE council_id = $1`, []any{tx.Council()},
			func(rows *sql.Rows) error {
				var id string
				if err := rows.Scan(&id); err != nil {
					return err
				}
				inducted[id] = true
				return nil
			})
		if err != nil {
			return fmt.Errorf("read who has an induction: %w", err)
		}
		for _, o := range all {
			if inducts(st, o) && !inducted[o.ID] && !o.Disabled() {
				out = append(out, o)
			}
		}
		return nil
	})
	return out, err
}
