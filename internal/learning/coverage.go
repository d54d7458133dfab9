package learning

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Standing is where a member of staff stands with a course required of them, on a day.
type Standing string

// The standings. Trained and DueToRefresh are both current: the completion has not lapsed.
const (
	NotRequired  Standing = ""
	Trained      Standing = "trained" // completed, and not lapsing within RefreshNotice
	DueToRefresh Standing = "due"     // completed, lapsing within RefreshNotice
	Overdue      Standing = "overdue" // completed once, but it has lapsed
	NeverTrained Standing = "never"   // never completed
)

// Standings are the standings of a required course, in the order a page shows them.
func Standings() []Standing { return []Standing{Trained, DueToRefresh, Overdue, NeverTrained} }

// Label is the standing as staff read it.
func (s Standing) Label() string {
	switch s {
	case Trained:
		return "Trained"
	case DueToRefresh:
		return "Due to refresh"
	case Overdue:
		return "Overdue"
	case NeverTrained:
		return "Never trained"
	}
	return "Not required"
}

// TagClass is the GOV.UK tag colour for the standing. The tag's words say the same, so colour is never the only sign.
func (s Standing) TagClass() string {
	switch s {
	case Trained:
		return "govuk-tag--green"
	case DueToRefresh:
		return "govuk-tag--yellow"
	case Overdue:
		return "govuk-tag--red"
	}
	return "govuk-tag--grey"
}

// Current says whether the standing counts as trained: a completion that has not lapsed.
func (s Standing) Current() bool { return s == Trained || s == DueToRefresh }

// RefreshNotice is how many months before a completion lapses that it is due to refresh: time enough to book.
const RefreshNotice = 3

// StandingOn is where someone who last completed course on last (zero when never) stands on day. A course that need
// never be refreshed stays trained once completed; otherwise a completion lapses RefreshMonths after the session,
// and is due to refresh from RefreshNotice months before that.
func StandingOn(c Course, last, day sqldb.Date) Standing {
	switch {
	case last.IsZero():
		return NeverTrained
	case c.RefreshMonths == 0:
		return Trained
	}
	lapses := last.AddDate(0, c.RefreshMonths, 0)
	switch {
	case !day.Before(lapses):
		return Overdue
	case !day.Before(lapses.AddDate(0, -RefreshNotice, 0)):
		return DueToRefresh
	}
	return Trained
}

// Tally counts the staff of a group by their standing with one course. Required is every member of staff the
// course is required of; the four standings add up to it.
type Tally struct {
	Required, Trained, Due, Overdue, Never int
}

func (t *Tally) add(s Standing) {
	if s == NotRequired {
		return
	}
	t.Required++
	switch s {
	case Trained:
		t.Trained++
	case DueToRefresh:
		t.Due++
	case Overdue:
		t.Overdue++
	case NeverTrained:
		t.Never++
	}
}

// Current is how many are trained: their completion has not lapsed (trained, or due to refresh).
func (t Tally) Current() int { return t.Trained + t.Due }

// Percent is the share currently trained, as a whole percentage, and false when nobody is required to take it.
func (t Tally) Percent() (int, bool) {
	if t.Required == 0 {
		return 0, false
	}
	return (200*t.Current() + t.Required) / (2 * t.Required), true
}

// Of is the count of the standing s.
func (t Tally) Of(s Standing) int {
	switch s {
	case Trained:
		return t.Trained
	case DueToRefresh:
		return t.Due
	case Overdue:
		return t.Overdue
	case NeverTrained:
		return t.Never
	}
	return 0
}

// Coverage is who is trained in each current course on a day: by team, for the council as a whole (each member of
// staff once, whatever their teams), and, when one team is asked for, by member of staff.
type Coverage struct {
	On      sqldb.Date
	Courses []Course // the current courses required of someone, in the catalogue's order
	Teams   []TeamCoverage
	Council []Tally // by course, as Courses
	Staff   []StaffCoverage
}

// TeamCoverage is one team's tallies, by course as Coverage.Courses.
type TeamCoverage struct {
	Team    councils.Team
	Courses []Tally
}

// StaffCoverage is one member of staff's standing with each course, as Coverage.Courses, and when they last
// completed it.
type StaffCoverage struct {
	Staff     councils.Staff
	Standings []Standing
	Last      []sqldb.Date
}

// Required says whether a course is required of a member of staff: by its audience, or as a step of their induction
// pathway.
func required(c Course, st councils.Staff, inducted map[string]map[string]bool) bool {
	return c.Audience.Requires(st) || inducted[st.ID][c.ID]
}

// CoverageOf works out coverage on day from the council's courses, its staff (accounts that are not disabled) and
// teams, the last time each member of staff completed each course (by staff, then course), and the courses each
// new starter's induction pathway requires (by staff, then course). list, when set, says whose standings to list by
// name (Coverage.Staff).
func CoverageOf(day sqldb.Date, courses []Course, staff []councils.Staff, teams []councils.Team,
	last map[string]map[string]sqldb.Date, inducted map[string]map[string]bool, list func(councils.Staff) bool) Coverage {
	cov := Coverage{On: day}
	for _, c := range courses {
		if c.Retired {
			continue
		}
		if slices.ContainsFunc(staff, func(st councils.Staff) bool { return !st.Disabled() && required(c, st, inducted) }) {
			cov.Courses = append(cov.Courses, c)
		}
	}
	cov.Council = make([]Tally, len(cov.Courses))
	byTeam := map[string]int{}
	for _, t := range teams {
		byTeam[t.ID] = len(cov.Teams)
		cov.Teams = append(cov.Teams, TeamCoverage{Team: t, Courses: make([]Tally, len(cov.Courses))})
	}
	for _, st := range staff {
		if st.Disabled() {
			continue
		}
		row := StaffCoverage{Staff: st, Standings: make([]Standing, len(cov.Courses)), Last: make([]sqldb.Date, len(cov.Courses))}
		for i, c := range cov.Courses {
			if !required(c, st, inducted) {
				continue
			}
			row.Last[i] = last[st.ID][c.ID]
			row.Standings[i] = StandingOn(c, row.Last[i], day)
			cov.Council[i].add(row.Standings[i])
			for _, team := range st.TeamIDs {
				if j, ok := byTeam[team]; ok {
					cov.Teams[j].Courses[i].add(row.Standings[i])
				}
			}
		}
		if list != nil && list(st) {
			cov.Staff = append(cov.Staff, row)
		}
	}
	return cov
}

// CoverageFor reads the coverage the signed-in member of staff may see today: the quality lead every team, a team
// manager their own teams; with teamID, that team's staff by name too. Nobody else reads coverage but their own
// (MyTraining).
func (s *Store) CoverageFor(ctx context.Context, teamID string) (Coverage, error) {
	st, err := signedIn(ctx, Follows)
	if err != nil {
		return Coverage{}, err
	}
	if teamID != "" && st.Role != councils.QualityLead && !st.InTeam(teamID) {
		return Coverage{}, fmt.Errorf("team %s: %w", teamID, sqldb.ErrNotFound)
	}
	whole, err := s.councilCoverage(ctx)
	if err != nil {
		return Coverage{}, err
	}
	// The council's coverage may be shared with other requests: what is handed on is a copy, narrowed.
	cov := Coverage{On: whole.On, Courses: whole.Courses, Council: whole.Council}
	for _, t := range whole.Teams {
		if st.Role == councils.QualityLead || st.InTeam(t.Team.ID) {
			cov.Teams = append(cov.Teams, t)
		}
	}
	if teamID == "" {
		return cov, nil
	}
	if !slices.ContainsFunc(cov.Teams, func(t TeamCoverage) bool { return t.Team.ID == teamID }) {
		return Coverage{}, fmt.Errorf("team %s: %w", teamID, sqldb.ErrNotFound)
	}
	for _, row := range whole.Staff {
		if row.Staff.InTeam(teamID) {
			cov.Staff = append(cov.Staff, row)
		}
	}
	return cov, nil
}

// councilCoverage is the whole council's coverage today, every member of staff listed. It is worked out afresh
// whenever anything it is worked out from has changed since it was last worked out for the council: the fingerprint
// of the learning record and the staff, read in the same transaction, says so, so what it gives is always what
// CoverageOf would give from the record now.
func (s *Store) councilCoverage(ctx context.Context) (Coverage, error) {
	var cov Coverage
	var empty bool
	read := func(tx *sqldb.Tx) error {
		fp, courses, err := fingerprint(ctx, tx)
		if err != nil || courses == 0 {
			empty = courses == 0
			return err
		}
		key := tx.Council() + "|" + tx.Today().String() + "|" + fp
		if kept, ok := s.kept(key); ok {
			cov = kept
			return nil
		}
		if cov, err = coverageIn(ctx, tx, tx.Today()); err != nil {
			return err
		}
		s.keep(tx.Council(), key, cov)
		return nil
	}
	if err := s.db.ReadTx(ctx, read); err != nil || !empty {
		return cov, err
	}
	// A council that has never opened its catalogue has the default courses, and coverage of them, all the same.
	if _, err := s.Courses(ctx); err != nil {
		return Coverage{}, err
	}
	err := s.db.ReadTx(ctx, read)
	return cov, err
}

// fingerprint sums up, in one short read, everything coverage is worked out from: each table's rows, the sum of
// their versions (every change to a row adds one) and its newest ID (IDs grow with time, so a row removed and
// another added changes it). It also says how many courses the council has.
func fingerprint(ctx context.Context, tx *sqldb.Tx) (string, int, error) {
	part := func(table, version string) string {
		return `(SELECT CAST(count(*) AS TEXT) || ':' || CAST(COALESCE(sum(` + version + `), 0) AS TEXT) || ':' || COALESCE(max(id), '')
			FROM ` + table + ` WHERE council_id = $1)`
	}
	var fp string
	var courses int
	err := tx.QueryRowContext(ctx, `SELECT `+part("learning_course", "version")+` || '/' || `+part("learning_session", "version")+
		` || '/' || `+part("learning_booking", "version")+` || '/' || `+part("learning_induction_step", "version")+
		` || '/' || `+part("staff", "version")+` || '/' || `+part("team", "version")+
		` || '/' || (SELECT CAST(count(*) AS TEXT) FROM team_member WHERE council_id = $1),
		(SELECT count(*) FROM learning_course WHERE council_id = $1)`, tx.Council()).Scan(&fp, &courses)
	if err != nil {
		return "", 0, fmt.Errorf("read what coverage is worked out from: %w", err)
	}
	return fp, courses, nil
}

// kept is the coverage last worked out for key's council, if it was worked out for key.
func (s *Store) kept(key string) (Coverage, bool) {
	s.coverage.Lock()
	defer s.coverage.Unlock()
	k, ok := s.coverage.byCouncil[key[:strings.IndexByte(key, '|')]]
	return k.cov, ok && k.key == key
}

// keep keeps a council's coverage for key, in place of what was kept for it before.
func (s *Store) keep(council, key string, cov Coverage) {
	s.coverage.Lock()
	defer s.coverage.Unlock()
	if s.coverage.byCouncil == nil {
		s.coverage.byCouncil = map[string]keptCoverage{}
	}
	s.coverage.byCouncil[council] = keptCoverage{key: key, cov: cov}
}

// keptCoverage is a council's coverage and the key it was worked out for.
type keptCoverage struct {
	key string
	cov Coverage
}

// MyTraining is the signed-in member of staff's own standing with each course required of them today.
func (s *Store) MyTraining(ctx context.Context) (Coverage, error) {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return Coverage{}, err
	}
	courses, err := s.Courses(ctx)
	if err != nil {
		return Coverage{}, err
	}
	var cov Coverage
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if err != nil {
			return err
		}
		last, err := lastCompletions(ctx, tx, ` AND b.staff_id = $2`, st.ID)
		if err != nil {
			return err
		}
		inducted, err := inductionCourses(ctx, tx, ` AND staff_id = $2`, st.ID)
		if err != nil {
			return err
		}
		cov = CoverageOf(tx.Today(), courses, []councils.Staff{st}, nil, last, inducted, func(councils.Staff) bool { return true })
		return nil
	})
	if err != nil {
		return Coverage{}, err
	}
	return cov, nil
}

// coverageIn works out the council's coverage on day inside tx, every member of staff listed.
func coverageIn(ctx context.Context, tx *sqldb.Tx, day sqldb.Date) (Coverage, error) {
	courses, err := readCourses(ctx, tx, "")
	if err != nil {
		return Coverage{}, err
	}
	staff, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return Coverage{}, err
	}
	teams, err := teamsIn(ctx, tx)
	if err != nil {
		return Coverage{}, err
	}
	last, err := lastCompletions(ctx, tx, ` AND s.held_on <= $2`, day)
	if err != nil {
		return Coverage{}, err
	}
	inducted, err := inductionCourses(ctx, tx, "")
	if err != nil {
		return Coverage{}, err
	}
	return CoverageOf(day, courses, staff, teams, last, inducted, func(councils.Staff) bool { return true }), nil
}

// teamsIn reads the council's teams by name.
func teamsIn(ctx context.Context, tx *sqldb.Tx) ([]councils.Team, error) {
	names, err := councils.TeamNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := make([]councils.Team, 0, len(names))
	for id, name := range names {
		out = append(out, councils.Team{ID: id, CouncilID: tx.Council(), Name: name})
	}
	slices.SortFunc(out, func(a, b councils.Team) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return out, nil
}

// EachStanding hands emit, inside tx, each member of staff the standard course is required of on day (accounts not
// disabled) with their standing then: what the measure of staff trained in strengths-based practice counts. It
// emits nothing when the council has no such course.
func EachStanding(ctx context.Context, tx *sqldb.Tx, standard Standard, day sqldb.Date, emit func(st councils.Staff, s Standing)) error {
	courses, err := readCourses(ctx, tx, ` AND c.standard = $2 AND c.retired_at IS NULL`, string(standard))
	if err != nil || len(courses) == 0 {
		return err
	}
	staff, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return err
	}
	last, err := lastCompletions(ctx, tx, ` AND s.course_id = $2 AND s.held_on <= $3`, courses[0].ID, day)
	if err != nil {
		return err
	}
	inducted, err := inductionCourses(ctx, tx, ` AND course_id = $2`, courses[0].ID)
	if err != nil {
		return err
	}
	cov := CoverageOf(day, courses[:1], staff, nil, last, inducted, func(councils.Staff) bool { return true })
	if len(cov.Courses) == 0 {
		return nil
	}
	for _, row := range cov.Staff {
		if row.Standings[0] != NotRequired {
			emit(row.Staff, row.Standings[0])
		}
	}
	return nil
}
