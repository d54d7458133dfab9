package learning

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// ImportColumns are the columns of a file of past attendance, in any order: the member of staff's email, the
// course's name as the catalogue has it, the day they completed it (2024-03-15 or 15/03/2024), and, optionally, the
// trainer's email.
var ImportColumns = []string{"email", "course", "completed_on", "trainer_email"}

// MaxImportRows is the most rows one file may hold: a council's whole history fits, and a mistaken file is refused
// before it is read to its end.
const MaxImportRows = 50000

// RowProblem is what is wrong with one line of a file of past attendance. Line 1 is the header.
type RowProblem struct {
	Line    int
	Message string
}

// ImportProblems are every problem found in a file; when there are any, nothing was saved.
type ImportProblems []RowProblem

func (ps ImportProblems) Error() string {
	msgs := make([]string, 0, min(len(ps), 3))
	for _, p := range ps[:min(len(ps), 3)] {
		msgs = append(msgs, "line "+strconv.Itoa(p.Line)+": "+p.Message)
	}
	more := ""
	if len(ps) > 3 {
		more = fmt.Sprintf(" (and %d more)", len(ps)-3)
	}
	return "the file of past attendance has problems: " + strings.Join(msgs, "; ") + more
}

// Imported is what an import added: completions, the sessions made to hold them, and rows already recorded by an
// earlier import, which were left as they were.
type Imported struct {
	Completions, Sessions, AlreadyRecorded int
}

// attendanceRow is one line of the file, once read.
type attendanceRow struct {
	line              int
	staffID, courseID string
	trainerID         string
	on                sqldb.Date
}

// ImportAttendance adds past attendance from a CSV file exported from another learning system: for the quality lead.
// Each line is a completion; the completions of a course on one day share one session, marked imported. Every line is
// checked before anything is saved: an unknown email or course, a date that is not a real past date or a line given
// twice is reported with its line number, and when any line has a problem nothing is saved (ImportProblems). A line
// already recorded by an earlier import is counted, not added again.
func (s *Store) ImportAttendance(ctx context.Context, file io.Reader) (Imported, error) {
	st, err := signedIn(ctx, councils.Role.RunsLearning)
	if err != nil {
		return Imported{}, err
	}
	var out Imported
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := ensureDefaults(ctx, tx); err != nil {
			return err
		}
		rows, err := readAttendance(ctx, tx, file)
		if err != nil {
			return err
		}
		out, err = addAttendance(ctx, tx, st.ID, rows)
		return err
	})
	return out, err
}

// readAttendance reads and checks every line of file against the council's staff and catalogue.
func readAttendance(ctx context.Context, tx *sqldb.Tx, file io.Reader) ([]attendanceRow, error) {
	staff, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	byEmail := map[string]string{}
	for _, st := range staff {
		byEmail[councils.NormaliseEmail(st.Email)] = st.ID
	}
	courses, err := readCourses(ctx, tx, "")
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	for _, c := range courses {
		byName[strings.ToLower(c.Name)] = c.ID
	}
	r := csv.NewReader(file)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, ImportProblems{{Line: 1, Message: "The file is empty: its first line must name the columns " + strings.Join(ImportColumns[:3], ", ")}}
	} else if err != nil {
		return nil, ImportProblems{{Line: 1, Message: "The file is not a CSV file: " + err.Error()}}
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var problems ImportProblems
	for _, name := range ImportColumns[:3] {
		if _, ok := col[name]; !ok {
			problems = append(problems, RowProblem{Line: 1, Message: "The first line must name a column " + strconv.Quote(name)})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	field := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	today := tx.Today()
	seen := map[string]int{}
	var rows []attendanceRow
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, RowProblem{Line: line, Message: "This line cannot be read as CSV: " + err.Error()})
			break
		}
		if line > MaxImportRows+1 {
			problems = append(problems, RowProblem{Line: line, Message: fmt.Sprintf("A file may hold at most %d lines of attendance: split it", MaxImportRows)})
			break
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		row := attendanceRow{line: line}
		bad := func(msg string) { problems = append(problems, RowProblem{Line: line, Message: msg}) }
		email, course, on, trainer := field(rec, "email"), field(rec, "course"), field(rec, "completed_on"), field(rec, "trainer_email")
		switch id, ok := byEmail[councils.NormaliseEmail(email)]; {
		case email == "":
			bad("Enter the member of staff's email")
		case !ok:
			bad("No member of staff has the email " + strconv.Quote(email))
		default:
			row.staffID = id
		}
		switch id, ok := byName[strings.ToLower(course)]; {
		case course == "":
			bad("Enter the course's name")
		case !ok:
			bad("No course in the catalogue is called " + strconv.Quote(course))
		default:
			row.courseID = id
		}
		if d, err := parseImportDate(on); err != nil {
			bad(err.Error())
		} else if d.After(today.Time) {
			bad("The date completed, " + on + ", is in the future")
		} else {
			row.on = d
		}
		if trainer != "" {
			if id, ok := byEmail[councils.NormaliseEmail(trainer)]; ok {
				row.trainerID = id
			} else {
				bad("No member of staff has the trainer's email " + strconv.Quote(trainer))
			}
		}
		key := row.staffID + "|" + row.courseID + "|" + row.on.String()
		if first, ok := seen[key]; ok && row.staffID != "" && row.courseID != "" && !row.on.IsZero() {
			bad("This completion is the same as line " + strconv.Itoa(first))
		} else {
			seen[key] = line
		}
		rows = append(rows, row)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(rows) == 0 {
		return nil, ImportProblems{{Line: 2, Message: "The file holds no attendance below its first line"}}
	}
	return rows, nil
}

// parseImportDate reads a completion date as learning systems export it: 2024-03-15 or 15/03/2024.
func parseImportDate(s string) (sqldb.Date, error) {
	if s == "" {
		return sqldb.Date{}, errors.New("Enter the date completed")
	}
	for _, layout := range []string{sqldb.DateLayout, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return sqldb.NewDate(t), nil
		}
	}
	return sqldb.Date{}, fmt.Errorf("The date completed, %q, must be a real date such as 2024-03-15 or 15/03/2024", s)
}

// addAttendance writes checked rows: one imported session for each course and day, found or made, and a completed
// booking on it for each member of staff not already booked.
func addAttendance(ctx context.Context, tx *sqldb.Tx, by string, rows []attendanceRow) (Imported, error) {
	var out Imported
	type day struct {
		course string
		on     sqldb.Date
	}
	sessions := map[day]string{}
	err := sqldb.Each(ctx, tx, `SELECT id, course_id, held_on FROM learning_session WHERE council_id = $1 AND imported = TRUE`,
		[]any{tx.Council()}, func(r *sql.Rows) error {
			var id string
			var d day
			if err := r.Scan(&id, &d.course, &d.on); err != nil {
				return err
			}
			sessions[d] = id
			return nil
		})
	if err != nil {
		return Imported{}, fmt.Errorf("read imported sessions: %w", err)
	}
	booked, existing := map[string]bool{}, map[string]int{}
	err = sqldb.Each(ctx, tx, `SELECT b.session_id, b.staff_id FROM learning_booking b JOIN learning_session s
		ON s.council_id = b.council_id AND s.id = b.session_id WHERE b.council_id = $1 AND s.imported = TRUE`,
		[]any{tx.Council()}, func(r *sql.Rows) error {
			var session, staff string
			if err := r.Scan(&session, &staff); err != nil {
				return err
			}
			booked[session+"|"+staff] = true
			existing[session]++
			return nil
		})
	if err != nil {
		return Imported{}, fmt.Errorf("read imported bookings: %w", err)
	}
	var newSessions, bookings, trainers []any
	trained := map[string]bool{}
	perSession := map[string]int{}
	for _, row := range rows {
		d := day{row.courseID, row.on}
		id, ok := sessions[d]
		if !ok {
			id = sqldb.NewID()
			sessions[d] = id
			newSessions = append(newSessions, tx.Council(), id, row.courseID, row.on, 0, true, tx.Now(), by)
			out.Sessions++
		}
		if row.trainerID != "" && !trained[id+"|"+row.trainerID] {
			trained[id+"|"+row.trainerID] = true
			trainers = append(trainers, tx.Council(), id, row.trainerID)
		}
		if booked[id+"|"+row.staffID] {
			out.AlreadyRecorded++
			continue
		}
		booked[id+"|"+row.staffID] = true
		perSession[id]++
		bookings = append(bookings, tx.Council(), sqldb.NewID(), id, row.staffID, existing[id]+perSession[id], tx.Now(), by, true, true, tx.Now(), by)
		out.Completions++
	}
	if err := sqldb.InsertMany(ctx, tx, "learning_session", []string{"council_id", "id", "course_id", "held_on", "capacity",
		"imported", "created_at", "created_by"}, newSessions); err != nil {
		return Imported{}, fmt.Errorf("add imported sessions: %w", err)
	}
	if len(trainers) > 0 {
		insert := `INSERT INTO learning_trainer (council_id, session_id, staff_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`
		for i := 0; i < len(trainers); i += 3 {
			if _, err := tx.ExecContext(ctx, insert, trainers[i:i+3]...); err != nil {
				return Imported{}, fmt.Errorf("add imported trainers: %w", err)
			}
		}
	}
	// A session's places are its bookings: later imports add to the count, after what is already there.
	for id, n := range perSession {
		if _, err := tx.ExecContext(ctx, `UPDATE learning_session SET capacity = capacity + $3 WHERE council_id = $1 AND id = $2`,
			tx.Council(), id, n); err != nil {
			return Imported{}, fmt.Errorf("count the places of imported session %s: %w", id, err)
		}
	}
	if err := sqldb.InsertMany(ctx, tx, "learning_booking", []string{"council_id", "id", "session_id", "staff_id", "seq",
		"booked_at", "booked_by", "attended", "completed", "marked_at", "marked_by"}, bookings); err != nil {
		return Imported{}, fmt.Errorf("add imported completions: %w", err)
	}
	return out, nil
}
