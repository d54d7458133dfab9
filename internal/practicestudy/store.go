package practicestudy

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/kept"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps the council's practice studies. Quality leads open and run studies; the practitioners and managers of a
// study's teams keep its diaries; a practitioner's diary is theirs, and their team manager reads it only when the
// study allows; everyone else who may see the study sees its results, which add diaries up by team. Nothing here is
// a person's record: engagements and reflective sessions describe people in general terms only, so nothing is logged
// in the access log.
type Store struct {
	db       *sqldb.DB
	audits   AuditFindings
	added    *added
	insights *kept.Results[[2]string, keptInsight] // by council and study, for InsightFresh
}

// NewStore returns a store over db that reads practice insight from the insight catalogue and the audits' findings.
func NewStore(db *sqldb.DB, audits AuditFindings) *Store {
	return &Store{db: db, audits: audits, added: &added{}, insights: &kept.Results[[2]string, keptInsight]{For: InsightFresh}}
}

func signedIn(ctx context.Context) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.SeesQuality() {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// Sees says whether a member of staff may see a study: the quality lead any, others those with one of its teams.
func Sees(st councils.Staff, s Study) bool {
	return st.Role.SeesQuality() && (st.Role == councils.QualityLead || slices.ContainsFunc(s.TeamIDs, st.InTeam))
}

// KeepsDiary says whether a member of staff keeps a diary in the study: practitioners and team managers of its teams.
func KeepsDiary(st councils.Staff, s Study) bool {
	return (st.Role == councils.Practitioner || st.Role == councils.TeamManager) && slices.ContainsFunc(s.TeamIDs, st.InTeam)
}

// ReadsDiary says whether reader may read the diary of diarist in the study: their own always; a team manager's of
// the staff of their teams in the study, only when the study allows it.
func ReadsDiary(reader, diarist councils.Staff, s Study) bool {
	if reader.ID == diarist.ID {
		return KeepsDiary(reader, s)
	}
	return reader.Role == councils.TeamManager && s.ManagersSeeDiaries && slices.ContainsFunc(s.TeamIDs, func(t string) bool {
		return reader.InTeam(t) && diarist.InTeam(t)
	})
}

// Records says whether a member of staff records reflective sessions and engagements in the study: the quality lead,
// and the team managers of its teams.
func Records(st councils.Staff, s Study) bool {
	return st.Role == councils.QualityLead || (st.Role == councils.TeamManager && slices.ContainsFunc(s.TeamIDs, st.InTeam))
}

const studyColumns = `id, name, starts_on, ends_on, managers_see_diaries, summary, agreed_at, agreed_by, version`

func scanStudy(rows interface{ Scan(...any) error }) (Study, error) {
	var s Study
	var agreed sql.NullTime
	if err := rows.Scan(&s.ID, &s.Name, &s.From, &s.To, &s.ManagersSeeDiaries, &s.Summary, &agreed, &s.AgreedBy, &s.Version); err != nil {
		return Study{}, fmt.Errorf("read a practice study: %w", err)
	}
	if agreed.Valid {
		s.AgreedAt = agreed.Time
	}
	return s, nil
}

// readStudies reads the council's studies (one, with id) with their teams, newest first.
func readStudies(ctx context.Context, tx *sqldb.Tx, id string) ([]Study, error) {
	where, args := ``, []any{tx.Council()}
	if id != "" {
		where, args = ` AND id = $2`, append(args, id)
	}
	var out []Study
	err := sqldb.Each(ctx, tx, `SELECT `+studyColumns+` FROM practice_study WHERE council_id = $1`+where+` ORDER BY starts_on DESC, id`, args,
		func(rows *sql.Rows) error {
			s, err := scanStudy(rows)
			out = append(out, s)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read practice studies: %w", err)
	}
	idx := map[string]int{}
	for i, s := range out {
		idx[s.ID] = i
	}
	err = sqldb.Each(ctx, tx, `SELECT t.study_id, t.team_id, m.name FROM practice_study_team t JOIN team m ON m.council_id = t.council_id AND m.id = t.team_id
		WHERE t.council_id = $1 ORDER BY m.name, t.team_id`, []any{tx.Council()}, func(rows *sql.Rows) error {
		var study string
		var t Team
		if err := rows.Scan(&study, &t.ID, &t.Name); err != nil {
			return err
		}
		if i, ok := idx[study]; ok {
			out[i].TeamIDs = append(out[i].TeamIDs, t.ID)
			out[i].Teams = append(out[i].Teams, t)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read practice studies' teams: %w", err)
	}
	return out, nil
}

// readStudy reads one study that the member of staff may see; any other is ErrNotFound.
func readStudy(ctx context.Context, tx *sqldb.Tx, st councils.Staff, id string) (Study, error) {
	out, err := readStudies(ctx, tx, id)
	if err != nil {
		return Study{}, err
	}
	if len(out) == 0 || !Sees(st, out[0]) {
		return Study{}, fmt.Errorf("practice study %s: %w", id, sqldb.ErrNotFound)
	}
	return out[0], nil
}

// Studies lists the studies the signed-in member of staff may see, newest first.
func (s *Store) Studies(ctx context.Context) ([]Study, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []Study
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		all, err := readStudies(ctx, tx, "")
		for _, x := range all {
			if Sees(st, x) {
				out = append(out, x)
			}
		}
		return err
	})
	return out, err
}

// Study reads a study the signed-in member of staff may see.
func (s *Store) Study(ctx context.Context, id string) (Study, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Study{}, err
	}
	var out Study
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		out, err = readStudy(ctx, tx, st, id)
		return err
	})
	return out, err
}

// Open opens a study: for the quality lead. Its teams must be the council's.
func (s *Store) Open(ctx context.Context, x Study) (Study, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Study{}, err
	}
	if !st.Role.RunsAudits() {
		return Study{}, sqldb.ErrForbidden
	}
	x.Name = strings.TrimSpace(x.Name)
	x.TeamIDs = slices.Compact(slices.Sorted(slices.Values(x.TeamIDs)))
	if ps := x.Validate(); len(ps) > 0 {
		return Study{}, ps
	}
	x.ID = sqldb.NewID()
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		names, err := councils.TeamNames(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range x.TeamIDs {
			if _, ok := names[t]; !ok {
				return validation.Problems{{Field: "teams", Message: "Select the teams in the study from the list"}}
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO practice_study (council_id, id, name, starts_on, ends_on, managers_see_diaries, created_at, created_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7)`, tx.Council(), x.ID, x.Name, x.From, x.To, x.ManagersSeeDiaries, tx.Now(), st.ID); err != nil {
			return fmt.Errorf("open a practice study: %w", err)
		}
		var vals []any
		for _, t := range x.TeamIDs {
			vals = append(vals, tx.Council(), x.ID, t)
		}
		return sqldb.InsertMany(ctx, tx, "practice_study_team", []string{"council_id", "study_id", "team_id"}, vals)
	})
	if err != nil {
		return Study{}, err
	}
	x.Version = 1
	return x, nil
}

// staffMember reads one of the council's staff with their teams.
func staffMember(ctx context.Context, tx *sqldb.Tx, id string) (councils.Staff, error) {
	all, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return councils.Staff{}, err
	}
	for _, m := range all {
		if m.ID == id {
			return m, nil
		}
	}
	return councils.Staff{}, fmt.Errorf("member of staff %s: %w", id, sqldb.ErrNotFound)
}

// Day reads a day of a diary: the signed-in member of staff's own (staffID empty or theirs), or, where the study
// allows, that of a member of staff of their teams. A day not yet recorded is empty, with version 0.
func (s *Store) Day(ctx context.Context, studyID, staffID string, day sqldb.Date) (Day, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Day{}, err
	}
	out := Day{StaffID: cmp.Or(staffID, st.ID), Day: day}
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		diarist, err := staffMember(ctx, tx, out.StaffID)
		if err != nil || !ReadsDiary(st, diarist, study) {
			return fmt.Errorf("the diary of %s: %w", out.StaffID, sqldb.ErrNotFound)
		}
		out.StaffName = diarist.Name
		return readDay(ctx, tx, studyID, &out)
	})
	return out, err
}

func readDay(ctx context.Context, tx *sqldb.Tx, studyID string, d *Day) error {
	if err := tx.QueryRowContext(ctx, `SELECT team_id, version FROM practice_study_day WHERE council_id = $1 AND study_id = $2 AND staff_id = $3 AND day = $4`,
		tx.Council(), studyID, d.StaffID, d.Day).Scan(&d.TeamID, &d.Version); errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read a diary day: %w", err)
	}
	return sqldb.Each(ctx, tx, `SELECT kind, minutes, note FROM practice_study_activity WHERE council_id = $1 AND study_id = $2 AND staff_id = $3 AND day = $4
		ORDER BY position`, []any{tx.Council(), studyID, d.StaffID, d.Day}, func(rows *sql.Rows) error {
		var e Entry
		var kind string
		if err := rows.Scan(&kind, &e.Minutes, &e.Note); err != nil {
			return err
		}
		e.Kind = Activity(kind)
		d.Entries = append(d.Entries, e)
		return nil
	})
}

// DaySummary is a recorded day of a diary with its total.
type DaySummary struct {
	Day        sqldb.Date
	Minutes    int
	WithPeople int
}

// Days lists the days of a diary recorded so far, newest first: the signed-in member of staff's own (staffID empty),
// or one they may read.
func (s *Store) Days(ctx context.Context, studyID, staffID string) ([]DaySummary, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	staffID = cmp.Or(staffID, st.ID)
	var out []DaySummary
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		diarist, err := staffMember(ctx, tx, staffID)
		if err != nil || !ReadsDiary(st, diarist, study) {
			return fmt.Errorf("the diary of %s: %w", staffID, sqldb.ErrNotFound)
		}
		return sqldb.Each(ctx, tx, `SELECT d.day, COALESCE(sum(a.minutes), 0), COALESCE(sum(CASE WHEN a.kind = $4 THEN a.minutes ELSE 0 END), 0)
			FROM practice_study_day d LEFT JOIN practice_study_activity a ON a.council_id = d.council_id AND a.study_id = d.study_id AND a.staff_id = d.staff_id AND a.day = d.day
			WHERE d.council_id = $1 AND d.study_id = $2 AND d.staff_id = $3 GROUP BY d.day ORDER BY d.day DESC`,
			[]any{tx.Council(), studyID, staffID, string(WithPeople)}, func(rows *sql.Rows) error {
				var x DaySummary
				if err := rows.Scan(&x.Day, &x.Minutes, &x.WithPeople); err != nil {
					return err
				}
				out = append(out, x)
				return nil
			})
	})
	return out, err
}

// SaveDay records a day of the signed-in member of staff's own diary, replacing what the day held; d.Version is the
// version read (0 for a day not yet recorded), and a day changed since is ErrConflict. The day counts for the first of
// their teams in the study.
func (s *Store) SaveDay(ctx context.Context, studyID string, d Day) (Day, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Day{}, err
	}
	d.StaffID, d.StaffName = st.ID, st.Name
	d.Normalise()
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		if !KeepsDiary(st, study) {
			return sqldb.ErrForbidden
		}
		if !study.AgreedAt.IsZero() {
			return validation.Problems{{Field: "day", Message: ErrConcluded}}
		}
		if ps := d.Validate(study, tx.Today()); len(ps) > 0 {
			return ps
		}
		for _, t := range study.TeamIDs {
			if st.InTeam(t) {
				d.TeamID = t
				break
			}
		}
		if d.Version == 0 {
			_, err = tx.ExecContext(ctx, `INSERT INTO practice_study_day (council_id, study_id, staff_id, day, team_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				tx.Council(), studyID, st.ID, d.Day, d.TeamID, tx.Now())
			if err = sqldb.Normalise(err); err != nil {
				return fmt.Errorf("record a diary day: %w", err)
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE practice_study_day SET team_id = $5, updated_at = $6, version = version + 1
				WHERE council_id = $1 AND study_id = $2 AND staff_id = $3 AND day = $4 AND version = $7`,
				tx.Council(), studyID, st.ID, d.Day, d.TeamID, tx.Now(), d.Version)
			if err != nil {
				return fmt.Errorf("change a diary day: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return errors.Join(sqldb.ErrConflict, err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM practice_study_activity WHERE council_id = $1 AND study_id = $2 AND staff_id = $3 AND day = $4`,
				tx.Council(), studyID, st.ID, d.Day); err != nil {
				return fmt.Errorf("replace a diary day: %w", err)
			}
		}
		d.Version++
		var vals []any
		for i, e := range d.Entries {
			vals = append(vals, tx.Council(), studyID, st.ID, d.Day, i, d.TeamID, string(e.Kind), e.Minutes, e.Note)
		}
		return sqldb.InsertMany(ctx, tx, "practice_study_activity", []string{"council_id", "study_id", "staff_id", "day", "position", "team_id", "kind", "minutes", "note"}, vals)
	})
	if err != nil {
		return Day{}, err
	}
	return d, nil
}

// Diarist is a member of staff keeping a diary in a study, as a manager allowed to read it sees them.
type Diarist struct {
	ID, Name string
	Days     int
}

// Diarists lists the staff whose diaries the signed-in member of staff may read in the study, other than their own:
// none unless the study lets managers read their teams' diaries.
func (s *Store) Diarists(ctx context.Context, studyID string) ([]Diarist, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []Diarist
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		out, err = diaristsIn(ctx, tx, st, study)
		return err
	})
	return out, err
}

func diaristsIn(ctx context.Context, tx *sqldb.Tx, st councils.Staff, study Study) ([]Diarist, error) {
	if !study.ManagersSeeDiaries || st.Role != councils.TeamManager {
		return nil, nil
	}
	days := map[string]int{}
	err := sqldb.Each(ctx, tx, `SELECT staff_id, count(*) FROM practice_study_day WHERE council_id = $1 AND study_id = $2 GROUP BY staff_id`,
		[]any{tx.Council(), study.ID}, func(rows *sql.Rows) error {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			days[id] = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the study’s diarists: %w", err)
	}
	staff, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []Diarist
	for _, m := range staff {
		if m.ID != st.ID && days[m.ID] > 0 && ReadsDiary(st, m, study) {
			out = append(out, Diarist{ID: m.ID, Name: m.Name, Days: days[m.ID]})
		}
	}
	return out, nil
}

// TimeByTeam adds up the study's diaries by team: the minutes of each kind, the days recorded and the staff who kept
// a diary, for each of the study's teams (a team with no diary yet has nothing). It is for anyone who may see the
// study; the counts are as recorded, so a page showing them above one team makes them safe (disclosure.Safe).
func (s *Store) TimeByTeam(ctx context.Context, studyID string) ([]TeamTime, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []TeamTime
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		out, err = s.timeIn(ctx, tx, study)
		return err
	})
	return out, err
}

// timeIn is the study's diaries added up by team, as kept since they last changed (added) or added up now.
func (s *Store) timeIn(ctx context.Context, tx *sqldb.Tx, study Study) ([]TeamTime, error) {
	var stamp string
	if err := tx.QueryRowContext(ctx, `SELECT count(*) || '/' || COALESCE(sum(version), 0) FROM practice_study_day WHERE council_id = $1 AND study_id = $2`,
		tx.Council(), study.ID).Scan(&stamp); err != nil {
		return nil, fmt.Errorf("read the study’s diaries’ versions: %w", err)
	}
	if kept, ok := s.added.get(tx.Council(), study.ID, stamp); ok {
		return withNames(kept, study), nil
	}
	out, err := timeByTeam(ctx, tx, study)
	if err != nil {
		return nil, err
	}
	s.added.put(tx.Council(), study.ID, stamp, out)
	return withNames(out, study), nil
}

// added keeps the diaries added up last for each study, by council and study, with the count and versions of its days
// they were added up at: every day saved adds a day or moves one's version on, so a results page opened many times
// while diaries are quiet adds them up once for each change rather than once for each view.
type added struct {
	mu      sync.Mutex
	studies map[[2]string]addedStudy
}

type addedStudy struct {
	stamp string
	teams []TeamTime
}

func (a *added) get(council, study, stamp string) ([]TeamTime, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	k, ok := a.studies[[2]string{council, study}]
	return k.teams, ok && k.stamp == stamp
}

func (a *added) put(council, study, stamp string, teams []TeamTime) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.studies == nil {
		a.studies = map[[2]string]addedStudy{}
	}
	a.studies[[2]string{council, study}] = addedStudy{stamp: stamp, teams: teams}
}

// withNames is a copy of teams kept by added, each with its own minutes and its team's name as it is now.
func withNames(teams []TeamTime, study Study) []TeamTime {
	out := make([]TeamTime, len(teams))
	for i, t := range teams {
		t.Minutes = maps.Clone(t.Minutes)
		if j := slices.IndexFunc(study.Teams, func(x Team) bool { return x.ID == t.TeamID }); j >= 0 {
			t.TeamName = study.Teams[j].Name
		}
		out[i] = t
	}
	return out
}

func timeByTeam(ctx context.Context, tx *sqldb.Tx, study Study) ([]TeamTime, error) {
	out := make([]TeamTime, len(study.Teams))
	idx := map[string]int{}
	for i, t := range study.Teams {
		out[i] = TeamTime{TeamID: t.ID, TeamName: t.Name, Minutes: map[Activity]int{}}
		idx[t.ID] = i
	}
	err := sqldb.Each(ctx, tx, `SELECT team_id, count(*), count(DISTINCT staff_id) FROM practice_study_day WHERE council_id = $1 AND study_id = $2 GROUP BY team_id`,
		[]any{tx.Council(), study.ID}, func(rows *sql.Rows) error {
			var team string
			var days, diarists int
			if err := rows.Scan(&team, &days, &diarists); err != nil {
				return err
			}
			if i, ok := idx[team]; ok {
				out[i].Days, out[i].Diarists = days, diarists
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("count the study’s diary days: %w", err)
	}
	err = sqldb.Each(ctx, tx, `SELECT team_id, kind, sum(minutes) FROM practice_study_activity WHERE council_id = $1 AND study_id = $2 GROUP BY team_id, kind`,
		[]any{tx.Council(), study.ID}, func(rows *sql.Rows) error {
			var team, kind string
			var minutes int
			if err := rows.Scan(&team, &kind, &minutes); err != nil {
				return err
			}
			if i, ok := idx[team]; ok {
				out[i].Minutes[Activity(kind)] += minutes
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("add up the study’s diaries: %w", err)
	}
	return out, nil
}

// studyStaff is the council's staff in one of the study's teams, by ID.
func studyStaff(ctx context.Context, tx *sqldb.Tx, study Study) (map[string]councils.Staff, error) {
	all, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := map[string]councils.Staff{}
	for _, m := range all {
		if !m.Disabled() && slices.ContainsFunc(study.TeamIDs, m.InTeam) {
			out[m.ID] = m
		}
	}
	return out, nil
}

// StudyStaff lists the staff of the study's teams, by name, to choose who took part in a reflective session.
func (s *Store) StudyStaff(ctx context.Context, studyID string) ([]councils.Staff, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []councils.Staff
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		staff, err := studyStaff(ctx, tx, study)
		for _, m := range staff {
			out = append(out, m)
		}
		slices.SortFunc(out, func(a, b councils.Staff) int { return strings.Compare(a.Name, b.Name) })
		return err
	})
	return out, err
}

// recording opens a transaction for a change to a study by someone who records in it (Records).
func (s *Store) recording(ctx context.Context, studyID string, may func(councils.Staff, Study) bool, fn func(tx *sqldb.Tx, st councils.Staff, study Study) error) error {
	st, err := signedIn(ctx)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		if !may(st, study) {
			return sqldb.ErrForbidden
		}
		return fn(tx, st, study)
	})
}

// RecordReflection records a reflective learning session: for the quality lead and the study's team managers. Those
// who took part are staff of the study's teams.
func (s *Store) RecordReflection(ctx context.Context, studyID string, r Reflection) (Reflection, error) {
	r.Themes, r.Learnt = strings.TrimSpace(r.Themes), strings.TrimSpace(r.Learnt)
	r.StaffIDs = slices.Compact(slices.Sorted(slices.Values(r.StaffIDs)))
	err := s.recording(ctx, studyID, Records, func(tx *sqldb.Tx, st councils.Staff, study Study) error {
		if !study.AgreedAt.IsZero() {
			return validation.Problems{{Field: "held_on", Message: ErrConcluded}}
		}
		if ps := r.Validate(tx.Today()); len(ps) > 0 {
			return ps
		}
		staff, err := studyStaff(ctx, tx, study)
		if err != nil {
			return err
		}
		for _, id := range r.StaffIDs {
			if _, ok := staff[id]; !ok {
				return validation.Problems{{Field: "staff", Message: "Select who took part from the staff of the study’s teams"}}
			}
		}
		r.ID = sqldb.NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO practice_study_reflection (council_id, id, study_id, held_on, themes, learnt, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, tx.Council(), r.ID, studyID, r.HeldOn, r.Themes, r.Learnt, tx.Now(), st.ID); err != nil {
			return fmt.Errorf("record a reflective session: %w", err)
		}
		var vals []any
		for _, id := range r.StaffIDs {
			vals = append(vals, tx.Council(), r.ID, id)
		}
		return sqldb.InsertMany(ctx, tx, "practice_study_reflection_staff", []string{"council_id", "reflection_id", "staff_id"}, vals)
	})
	return r, err
}

// Reflections lists the study's reflective sessions, oldest first, each with who took part.
func (s *Store) Reflections(ctx context.Context, studyID string) ([]Reflection, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []Reflection
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := readStudy(ctx, tx, st, studyID); err != nil {
			return err
		}
		out, err = readReflections(ctx, tx, studyID)
		return err
	})
	return out, err
}

func readReflections(ctx context.Context, tx *sqldb.Tx, studyID string) ([]Reflection, error) {
	var out []Reflection
	idx := map[string]int{}
	err := sqldb.Each(ctx, tx, `SELECT id, held_on, themes, learnt FROM practice_study_reflection WHERE council_id = $1 AND study_id = $2 ORDER BY held_on, id`,
		[]any{tx.Council(), studyID}, func(rows *sql.Rows) error {
			var r Reflection
			if err := rows.Scan(&r.ID, &r.HeldOn, &r.Themes, &r.Learnt); err != nil {
				return err
			}
			idx[r.ID] = len(out)
			out = append(out, r)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read reflective sessions: %w", err)
	}
	err = sqldb.Each(ctx, tx, `SELECT p.reflection_id, p.staff_id, s.name FROM practice_study_reflection_staff p
		JOIN practice_study_reflection r ON r.council_id = p.council_id AND r.id = p.reflection_id
		JOIN staff s ON s.council_id = p.council_id AND s.id = p.staff_id
		WHERE p.council_id = $1 AND r.study_id = $2 ORDER BY s.name`, []any{tx.Council(), studyID}, func(rows *sql.Rows) error {
		var id, staff, name string
		if err := rows.Scan(&id, &staff, &name); err != nil {
			return err
		}
		if i, ok := idx[id]; ok {
			out[i].StaffIDs = append(out[i].StaffIDs, staff)
			out[i].Staff = append(out[i].Staff, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read who took part in reflective sessions: %w", err)
	}
	return out, nil
}

// RecordEngagement records an engagement with people with lived experience: for the quality lead and the study's
// team managers. One without recorded consent is refused.
func (s *Store) RecordEngagement(ctx context.Context, studyID string, e Engagement) (Engagement, error) {
	e.Who, e.ConsentHow, e.Quotes = strings.TrimSpace(e.Who), strings.TrimSpace(e.ConsentHow), strings.TrimSpace(e.Quotes)
	err := s.recording(ctx, studyID, Records, func(tx *sqldb.Tx, st councils.Staff, study Study) error {
		if !study.AgreedAt.IsZero() {
			return validation.Problems{{Field: "held_on", Message: ErrConcluded}}
		}
		if ps := e.Validate(tx.Today()); len(ps) > 0 {
			return ps
		}
		e.ID = sqldb.NewID()
		_, err := tx.ExecContext(ctx, `INSERT INTO practice_study_engagement (council_id, id, study_id, held_on, method, who, consent_how, consent_on, quotes, themes, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, tx.Council(), e.ID, studyID, e.HeldOn, string(e.Method), e.Who, e.ConsentHow, e.ConsentOn,
			e.Quotes, strings.Join(e.Themes, "\n"), tx.Now(), st.ID)
		if err != nil {
			return fmt.Errorf("record an engagement: %w", err)
		}
		return nil
	})
	return e, err
}

// Engagements lists the study's engagements with people with lived experience, oldest first.
func (s *Store) Engagements(ctx context.Context, studyID string) ([]Engagement, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []Engagement
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := readStudy(ctx, tx, st, studyID); err != nil {
			return err
		}
		out, err = readEngagements(ctx, tx, studyID)
		return err
	})
	return out, err
}

func readEngagements(ctx context.Context, tx *sqldb.Tx, studyID string) ([]Engagement, error) {
	var out []Engagement
	err := sqldb.Each(ctx, tx, `SELECT id, held_on, method, who, consent_how, consent_on, quotes, themes FROM practice_study_engagement
		WHERE council_id = $1 AND study_id = $2 ORDER BY held_on, id`, []any{tx.Council(), studyID}, func(rows *sql.Rows) error {
		var e Engagement
		var method, themes string
		if err := rows.Scan(&e.ID, &e.HeldOn, &method, &e.Who, &e.ConsentHow, &e.ConsentOn, &e.Quotes, &themes); err != nil {
			return err
		}
		e.Method, e.Themes = Method(method), ParseThemes(themes)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read engagements: %w", err)
	}
	return out, nil
}

// Case reads the study's case for change.
func (s *Store) Case(ctx context.Context, studyID string) (Case, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Case{}, err
	}
	var out Case
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		study, err := readStudy(ctx, tx, st, studyID)
		if err != nil {
			return err
		}
		out, err = readCase(ctx, tx, study)
		return err
	})
	return out, err
}

func readCase(ctx context.Context, tx *sqldb.Tx, study Study) (Case, error) {
	out := Case{Summary: study.Summary, Version: study.Version}
	order := map[Heading]int{}
	for i, h := range Headings() {
		order[h] = i
	}
	err := sqldb.Each(ctx, tx, `SELECT heading, kind, text, evidence FROM practice_study_point WHERE council_id = $1 AND study_id = $2 ORDER BY position`,
		[]any{tx.Council(), study.ID}, func(rows *sql.Rows) error {
			var p Point
			var h, k string
			if err := rows.Scan(&h, &k, &p.Text, &p.Evidence); err != nil {
				return err
			}
			p.Heading, p.Kind = Heading(h), PointKind(k)
			out.Points = append(out.Points, p)
			return nil
		})
	if err != nil {
		return Case{}, fmt.Errorf("read the case for change: %w", err)
	}
	slices.SortStableFunc(out.Points, func(a, b Point) int { return order[a.Heading] - order[b.Heading] })
	return out, nil
}

// ErrConcluded is the problem of changing a diary, or adding to a window, of a study whose case for change is
// agreed: what it found is settled.
const ErrConcluded = "The study is concluded: nothing more can be recorded in it"

// ErrAgreed is the problem of changing a case for change that is agreed.
const ErrAgreed = "The case for change is agreed: it can no longer be changed"

// SaveCase replaces the study's case for change, and with agree marks it agreed, which concludes the study: for the
// quality lead. version is the study's as read; a study changed since is ErrConflict. An agreed case is not changed
// again.
func (s *Store) SaveCase(ctx context.Context, studyID string, c Case, agree bool) (Case, error) {
	c.Normalise()
	if ps := c.Validate(agree); len(ps) > 0 {
		return Case{}, ps
	}
	err := s.recording(ctx, studyID, func(st councils.Staff, _ Study) bool { return st.Role.RunsAudits() }, func(tx *sqldb.Tx, st councils.Staff, study Study) error {
		if !study.AgreedAt.IsZero() {
			return validation.Problems{{Field: "summary", Message: ErrAgreed}}
		}
		agreedAt, agreedBy := any(nil), ""
		if agree {
			agreedAt, agreedBy = tx.Now(), st.ID
		}
		res, err := tx.ExecContext(ctx, `UPDATE practice_study SET summary = $3, agreed_at = $4, agreed_by = $5, updated_at = $6, version = version + 1
			WHERE council_id = $1 AND id = $2 AND version = $7`, tx.Council(), studyID, c.Summary, agreedAt, agreedBy, tx.Now(), c.Version)
		if err != nil {
			return fmt.Errorf("save the case for change: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(sqldb.ErrConflict, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM practice_study_point WHERE council_id = $1 AND study_id = $2`, tx.Council(), studyID); err != nil {
			return fmt.Errorf("replace the case for change: %w", err)
		}
		var vals []any
		n := map[Heading]int{}
		for _, p := range c.Points {
			vals = append(vals, tx.Council(), studyID, string(p.Heading), n[p.Heading], string(p.Kind), p.Text, p.Evidence)
			n[p.Heading]++
		}
		c.Version++
		return sqldb.InsertMany(ctx, tx, "practice_study_point", []string{"council_id", "study_id", "heading", "position", "kind", "text", "evidence"}, vals)
	})
	return c, err
}
