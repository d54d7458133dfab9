package learning

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Named is a member of staff as a session names them.
type Named struct {
	ID, Name string
}

// SessionSummary is a session as a list shows it: its course and how its places stand.
type SessionSummary struct {
	Session
	CourseName string
	Booked     int // bookings with a place
	Waiting    int // bookings on the waiting list
}

// Left is how many places are still free.
func (s SessionSummary) Left() int { return max(0, s.Capacity-s.Booked) }

// SessionDetail is a session with its course, its trainers and its bookings, each with its place.
type SessionDetail struct {
	SessionSummary
	Course   Course
	Trainers []Named
	Bookings []Booking
}

// Trains says whether a member of staff is one of the session's trainers.
func (s SessionDetail) Trains(staffID string) bool { return slices.Contains(s.TrainerIDs, staffID) }

// BookingOf is the member of staff's booking on the session, not cancelled, if they have one.
func (s SessionDetail) BookingOf(staffID string) (Booking, bool) {
	for _, b := range s.Bookings {
		if b.StaffID == staffID && !b.Cancelled {
			return b, true
		}
	}
	return Booking{}, false
}

// TrainersOf reads who may give a course that needs a trained trainer, for the form that plans its sessions.
func (s *Store) TrainersOf(ctx context.Context, courseID string) (map[string]bool, error) {
	if _, err := signedIn(ctx, anyStaff); err != nil {
		return nil, err
	}
	var out map[string]bool
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = trainersOf(ctx, tx, courseID)
		return err
	})
	return out, err
}

// PlanSession plans a session of a course: for the quality lead. Its trainers must be the council's staff and, when
// the course needs a trained trainer, trained trainers of it (the trainer rule); a problem on "trainers" names anyone
// who is not.
func (s *Store) PlanSession(ctx context.Context, x Session) (Session, error) {
	st, err := signedIn(ctx, councils.Role.RunsLearning)
	if err != nil {
		return Session{}, err
	}
	x.Normalise()
	x.ID, x.Version, x.Cancelled, x.Imported = sqldb.NewID(), 1, false, false
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		c, err := oneCourse(ctx, tx, x.CourseID)
		if err != nil {
			return err
		}
		ps := x.Validate()
		if c.Retired {
			ps.Append("course", "This course is retired: sessions can no longer be planned")
		}
		staff, err := staffNames(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range x.TrainerIDs {
			if _, ok := staff[id]; !ok {
				ps.Append("trainers", "Select trainers from the list")
				break
			}
		}
		trained, err := trainersOf(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if not := Untrained(c, x.TrainerIDs, trained); len(not) > 0 && len(ps) == 0 {
			names := make([]string, len(not))
			for i, id := range not {
				names[i] = staff[id]
			}
			ps.Append("trainers", fmt.Sprintf("%s has not completed train-the-trainer for this course: only trained trainers may give it",
				strings.Join(names, " and ")))
		}
		if len(ps) > 0 {
			return ps
		}
		_, err = tx.ExecContext(ctx, sqldb.Insert("learning_session", []string{"council_id", "id", "course_id", "held_on",
			"starts_at", "ends_at", "place", "online", "capacity", "imported", "version", "created_at", "created_by"}),
			tx.Council(), x.ID, x.CourseID, x.HeldOn, x.StartsAt, x.EndsAt, x.Place, x.Online, x.Capacity, false, 1, tx.Now(), st.ID)
		if err != nil {
			return fmt.Errorf("plan a session of %s: %w", c.Name, sqldb.Normalise(err))
		}
		var vals []any
		for _, id := range x.TrainerIDs {
			vals = append(vals, tx.Council(), x.ID, id)
		}
		if len(vals) == 0 {
			return nil
		}
		return sqldb.InsertMany(ctx, tx, "learning_trainer", []string{"council_id", "session_id", "staff_id"}, vals)
	})
	if err != nil {
		return Session{}, err
	}
	return x, nil
}

// staffNames reads the council's staff who may still sign in, by ID.
func staffNames(ctx context.Context, tx *sqldb.Tx) (map[string]string, error) {
	all, err := councils.StaffIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, st := range all {
		if !st.Disabled() {
			out[st.ID] = st.Name
		}
	}
	return out, nil
}

// CancelSession cancels a session that will not run: for the quality lead. Its bookings stay, to show who was booked.
func (s *Store) CancelSession(ctx context.Context, id string, version int) error {
	_, err := signedIn(ctx, councils.Role.RunsLearning)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := readSessions(ctx, tx, ` AND s.id = $2`, id); err != nil {
			return err
		}
		err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE learning_session SET cancelled_at = $1,
			version = version + 1 WHERE council_id = $2 AND id = $3 AND version = $4 AND cancelled_at IS NULL`,
			tx.Now(), tx.Council(), id, version))
		if err != nil {
			return fmt.Errorf("cancel session %s: %w", id, err)
		}
		return nil
	})
}

// Sessions reads the council's sessions held from from to to (inclusive), of one course when courseID is given, by
// date, with how their places stand.
func (s *Store) Sessions(ctx context.Context, from, to sqldb.Date, courseID string) ([]SessionSummary, error) {
	if _, err := signedIn(ctx, anyStaff); err != nil {
		return nil, err
	}
	var out []SessionSummary
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		where, args := ` AND s.held_on >= $2 AND s.held_on <= $3`, []any{from, to}
		if courseID != "" {
			where, args = where+` AND s.course_id = $4`, append(args, courseID)
		}
		var err error
		out, err = readSessions(ctx, tx, where, args...)
		return err
	})
	return out, err
}

// readSessions reads the council's sessions that match where (which may use $2 onwards), with their trainers and
// how their places stand. None matching one ID is sqldb.ErrNotFound.
func readSessions(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]SessionSummary, error) {
	var out []SessionSummary
	err := sqldb.Each(ctx, tx, `SELECT s.id, s.course_id, c.name, s.held_on, s.starts_at, s.ends_at, s.place, s.online,
		s.capacity, s.imported, s.cancelled_at IS NOT NULL, s.version,
		(SELECT count(*) FROM learning_booking b WHERE b.council_id = s.council_id AND b.session_id = s.id AND b.cancelled_at IS NULL)
		FROM learning_session s JOIN learning_course c ON c.council_id = s.council_id AND c.id = s.course_id
		WHERE s.council_id = $1`+where+` ORDER BY s.held_on, s.starts_at, s.id`, append([]any{tx.Council()}, args...),
		func(rows *sql.Rows) error {
			var x SessionSummary
			var active int
			if err := rows.Scan(&x.ID, &x.CourseID, &x.CourseName, &x.HeldOn, &x.StartsAt, &x.EndsAt, &x.Place, &x.Online,
				&x.Capacity, &x.Imported, &x.Cancelled, &x.Version, &active); err != nil {
				return err
			}
			x.Booked, x.Waiting = min(active, x.Capacity), max(0, active-x.Capacity)
			out = append(out, x)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read sessions: %w", err)
	}
	if len(out) == 0 && strings.Contains(where, "s.id = ") {
		return nil, fmt.Errorf("session: %w", sqldb.ErrNotFound)
	}
	ids := make([]string, len(out))
	for i, x := range out {
		ids[i] = x.ID
	}
	trainers, err := sessionTrainers(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, t := range trainers[out[i].ID] {
			out[i].TrainerIDs = append(out[i].TrainerIDs, t.ID)
		}
	}
	return out, nil
}

// sessionTrainers reads the trainers of sessions, by session, by name.
func sessionTrainers(ctx context.Context, tx *sqldb.Tx, ids []string) (map[string][]Named, error) {
	out := map[string][]Named{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, ids)
	err := sqldb.Each(ctx, tx, `SELECT t.session_id, t.staff_id, COALESCE(st.name, '') FROM learning_trainer t
		LEFT JOIN staff st ON st.council_id = t.council_id AND st.id = t.staff_id
		WHERE t.council_id = $1 AND t.session_id IN (`+in+`) ORDER BY st.name, t.staff_id`, args, func(rows *sql.Rows) error {
		var session string
		var n Named
		if err := rows.Scan(&session, &n.ID, &n.Name); err != nil {
			return err
		}
		out[session] = append(out[session], n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the sessions' trainers: %w", err)
	}
	return out, nil
}

// Session reads one of the council's sessions with its course, trainers and bookings, each with its place.
func (s *Store) Session(ctx context.Context, id string) (SessionDetail, error) {
	if _, err := signedIn(ctx, anyStaff); err != nil {
		return SessionDetail{}, err
	}
	var out SessionDetail
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readSession(ctx, tx, id)
		return err
	})
	return out, err
}

func readSession(ctx context.Context, tx *sqldb.Tx, id string) (SessionDetail, error) {
	xs, err := readSessions(ctx, tx, ` AND s.id = $2`, id)
	if err != nil {
		return SessionDetail{}, err
	}
	out := SessionDetail{SessionSummary: xs[0]}
	if out.Course, err = oneCourse(ctx, tx, out.CourseID); err != nil {
		return SessionDetail{}, err
	}
	trainers, err := sessionTrainers(ctx, tx, []string{id})
	if err != nil {
		return SessionDetail{}, err
	}
	out.Trainers = trainers[id]
	bookings, err := readBookings(ctx, tx, ` AND b.session_id = $2`, id)
	if err != nil {
		return SessionDetail{}, err
	}
	out.Bookings = Places(out.Capacity, bookings)
	return out, nil
}

// bookingCols are the columns readBookings reads, in scanBooking's order.
const bookingCols = `b.id, b.session_id, b.staff_id, COALESCE(st.name, ''), b.booked_at, b.booked_by, b.cancelled_at IS NOT NULL,
	b.attended, b.completed, b.differently, b.evaluated_at IS NOT NULL, b.version`

// readBookings reads the council's bookings that match where (which may use $2 onwards), in the order they were
// made, with their confidence ratings.
func readBookings(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Booking, error) {
	var out []Booking
	err := sqldb.Each(ctx, tx, `SELECT `+bookingCols+` FROM learning_booking b
		LEFT JOIN staff st ON st.council_id = b.council_id AND st.id = b.staff_id
		WHERE b.council_id = $1`+where+` ORDER BY b.seq, b.booked_at, b.id`, append([]any{tx.Council()}, args...),
		func(rows *sql.Rows) error {
			var b Booking
			var attended, completed sql.NullBool
			if err := rows.Scan(&b.ID, &b.SessionID, &b.StaffID, &b.StaffName, &b.BookedAt, &b.BookedBy, &b.Cancelled,
				&attended, &completed, &b.Differently, &b.Evaluated, &b.Version); err != nil {
				return err
			}
			if attended.Valid {
				b.Attended = &attended.Bool
			}
			if completed.Valid {
				b.Completed = &completed.Bool
			}
			out = append(out, b)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read bookings: %w", err)
	}
	byID := map[string]int{}
	ids := make([]string, len(out))
	for i, b := range out {
		byID[b.ID], ids[i] = i, b.ID
	}
	if len(ids) == 0 {
		return out, nil
	}
	in, inArgs := sqldb.In([]any{tx.Council()}, ids)
	err = sqldb.Each(ctx, tx, `SELECT booking_id, outcome, before_session, after_session FROM learning_confidence
		WHERE council_id = $1 AND booking_id IN (`+in+`) ORDER BY booking_id, outcome`, inArgs, func(rows *sql.Rows) error {
		var id string
		var c Confidence
		if err := rows.Scan(&id, &c.Outcome, &c.Before, &c.After); err != nil {
			return err
		}
		out[byID[id]].Confidence = append(out[byID[id]].Confidence, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the bookings' evaluations: %w", err)
	}
	return out, nil
}

// booksFor says whether a member of staff may book (or cancel a booking) for another: themselves; a team manager the
// staff of their teams; the quality lead anyone.
func booksFor(ctx context.Context, tx *sqldb.Tx, by councils.Staff, staffID string) (bool, error) {
	switch {
	case by.ID == staffID || by.Role.RunsLearning():
		return true, nil
	case by.Role != councils.TeamManager:
		return false, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM team_member m JOIN team_member t
		ON t.council_id = m.council_id AND t.team_id = m.team_id
		WHERE m.council_id = $1 AND m.staff_id = $2 AND t.staff_id = $3`, tx.Council(), staffID, by.ID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read %s's teams: %w", staffID, err)
	}
	return n > 0, nil
}

// Book books a member of staff on a session: themselves, or, for a team manager, the staff of their teams (the
// quality lead anyone). Booking someone already booked is refused, as is booking a cancelled session or one already
// held. When the session is full the booking waits, and takes a place when one is given up.
func (s *Store) Book(ctx context.Context, sessionID, staffID string) (Booking, error) {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return Booking{}, err
	}
	if staffID == "" {
		staffID = st.ID
	}
	var out Booking
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		xs, err := readSessions(ctx, tx, ` AND s.id = $2`, sessionID)
		if err != nil {
			return err
		}
		x := xs[0]
		may, err := booksFor(ctx, tx, st, staffID)
		if err != nil {
			return err
		}
		staff, err := staffNames(ctx, tx)
		if err != nil {
			return err
		}
		if _, ok := staff[staffID]; !ok || !may {
			return validation.Problems{{Field: "staff_id", Message: "Select someone you may book from the list"}}
		}
		switch {
		case x.Cancelled:
			return validation.Problems{{Field: "session", Message: "This session is cancelled: it cannot be booked"}}
		case x.HeldOn.Before(tx.Today().Time):
			return validation.Problems{{Field: "session", Message: "This session has already been held: it cannot be booked"}}
		case slices.Contains(x.TrainerIDs, staffID):
			return validation.Problems{{Field: "staff_id", Message: staff[staffID] + " gives this session: a trainer cannot book on it"}}
		}
		existing, err := readBookings(ctx, tx, ` AND b.session_id = $2 AND b.staff_id = $3`, sessionID, staffID)
		if err != nil {
			return err
		}
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) + 1 FROM learning_booking WHERE council_id = $1 AND session_id = $2`,
			tx.Council(), sessionID).Scan(&seq); err != nil {
			return fmt.Errorf("number the booking: %w", err)
		}
		switch {
		case len(existing) > 0 && !existing[0].Cancelled:
			return validation.Problems{{Field: "staff_id", Message: staff[staffID] + " is already booked on this session"}}
		case len(existing) > 0:
			// Booking again after cancelling joins the end of the queue, as a new booking would.
			out = existing[0]
			err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE learning_booking SET cancelled_at = NULL, seq = $1, booked_at = $2,
				booked_by = $3, attended = NULL, completed = NULL, marked_at = NULL, marked_by = '', version = version + 1
				WHERE council_id = $4 AND id = $5 AND version = $6`, seq, tx.Now(), st.ID, tx.Council(), out.ID, out.Version))
			out.Version++
		default:
			out = Booking{ID: sqldb.NewID(), Version: 1}
			_, err = tx.ExecContext(ctx, sqldb.Insert("learning_booking", []string{"council_id", "id", "session_id", "staff_id",
				"seq", "booked_at", "booked_by", "version"}), tx.Council(), out.ID, sessionID, staffID, seq, tx.Now(), st.ID, 1)
			err = sqldb.Normalise(err)
		}
		if err != nil {
			return fmt.Errorf("book %s on session %s: %w", staffID, sessionID, err)
		}
		out.SessionID, out.StaffID, out.StaffName, out.BookedAt, out.BookedBy, out.Cancelled = sessionID, staffID, staff[staffID], tx.Now(), st.ID, false
		all, err := readBookings(ctx, tx, ` AND b.session_id = $2`, sessionID)
		if err != nil {
			return err
		}
		for _, b := range Places(x.Capacity, all) {
			if b.ID == out.ID {
				out.Place = b.Place
			}
		}
		return nil
	})
	return out, err
}

// CancelBooking cancels a booking: the learner's own, a team manager's for their teams' staff, or the quality lead's.
// The first on the waiting list then has the place, without anyone moving them.
func (s *Store) CancelBooking(ctx context.Context, bookingID string) (Booking, error) {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return Booking{}, err
	}
	var out Booking
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		bs, err := readBookings(ctx, tx, ` AND b.id = $2`, bookingID)
		if err != nil {
			return err
		}
		if len(bs) == 0 {
			return fmt.Errorf("booking %s: %w", bookingID, sqldb.ErrNotFound)
		}
		out = bs[0]
		may, err := booksFor(ctx, tx, st, out.StaffID)
		switch {
		case err != nil:
			return err
		case !may:
			return fmt.Errorf("booking %s: %w", bookingID, sqldb.ErrNotFound)
		case out.Cancelled:
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE learning_booking SET cancelled_at = $1, version = version + 1
			WHERE council_id = $2 AND id = $3`, tx.Now(), tx.Council(), bookingID)
		if err != nil {
			return fmt.Errorf("cancel booking %s: %w", bookingID, err)
		}
		out.Cancelled, out.Place = true, Cancelled
		return nil
	})
	return out, err
}

// Marking is a trainer's mark for one booking, with the booking's version when they read it.
type Marking struct {
	BookingID string
	Mark      Mark
	Version   int
}

// MarkAttendance marks attendance and completion on a session's bookings: for its trainers and the quality lead.
// Only bookings whose mark changes are written. A booking someone else marked differently since this form was read
// (its version moved on) is refused with sqldb.ErrConflict and nothing is saved, so that two trainers marking at once
// never overwrite each other unseen; marking what the other already marked is no conflict.
func (s *Store) MarkAttendance(ctx context.Context, sessionID string, marks []Marking) error {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		x, err := readSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if !x.Trains(st.ID) && !st.Role.RunsLearning() {
			return sqldb.ErrForbidden
		}
		if x.Cancelled {
			return validation.Problems{{Field: "marks", Message: "This session is cancelled: attendance cannot be marked"}}
		}
		byID := map[string]Booking{}
		for _, b := range x.Bookings {
			byID[b.ID] = b
		}
		for _, m := range marks {
			b, ok := byID[m.BookingID]
			if _, valid := ParseMark(string(m.Mark)); !ok || b.Cancelled || !valid {
				return validation.Problems{{Field: "mark_" + m.BookingID, Message: "Select a mark for each booking from the list"}}
			}
			if MarkOf(b) == m.Mark {
				continue
			}
			if b.Version != m.Version {
				return sqldb.ErrConflict
			}
			attended, completed := m.Mark.values()
			var markedAt any
			if m.Mark != Unmarked {
				markedAt = tx.Now()
			}
			err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE learning_booking SET attended = $1, completed = $2, marked_at = $3,
				marked_by = $4, version = version + 1 WHERE council_id = $5 AND id = $6 AND version = $7`,
				attended, completed, markedAt, st.ID, tx.Council(), b.ID, m.Version))
			if err != nil {
				return fmt.Errorf("mark booking %s: %w", b.ID, err)
			}
		}
		return nil
	})
}

// Learner is one of the signed-in member of staff's bookings, with its session.
type Learner struct {
	Booking
	Session SessionSummary
}

// ToEvaluate says whether the learner may now give their evaluation: they attended a session that has been held.
func (l Learner) ToEvaluate() bool {
	return !l.Cancelled && !l.Session.Cancelled && l.Attended != nil && *l.Attended && !l.Evaluated
}

// MyLearning reads the signed-in member of staff's bookings, the latest session first, each with its place.
func (s *Store) MyLearning(ctx context.Context) ([]Learner, error) {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return nil, err
	}
	var out []Learner
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		mine, err := readBookings(ctx, tx, ` AND b.staff_id = $2`, st.ID)
		if err != nil || len(mine) == 0 {
			return err
		}
		ids := make([]string, len(mine))
		for i, b := range mine {
			ids[i] = b.SessionID
		}
		sessions, err := readSessionsIn(ctx, tx, ids)
		if err != nil {
			return err
		}
		// Where each booking stands comes from its session's bookings: all of them, for every session, in one read.
		in, args := sqldb.In([]any{nil}, ids)
		all, err := readBookings(ctx, tx, ` AND b.session_id IN (`+in+`)`, args[1:]...)
		if err != nil {
			return err
		}
		bySession := map[string][]Booking{}
		for _, b := range all {
			bySession[b.SessionID] = append(bySession[b.SessionID], b)
		}
		places := map[string]Place{}
		for id, bs := range bySession {
			for _, p := range Places(sessions[id].Capacity, bs) {
				places[p.ID] = p.Place
			}
		}
		for _, b := range mine {
			b.Place = places[b.ID]
			out = append(out, Learner{Booking: b, Session: sessions[b.SessionID]})
		}
		slices.SortStableFunc(out, func(a, b Learner) int { return b.Session.HeldOn.Compare(a.Session.HeldOn.Time) })
		return nil
	})
	return out, err
}

// readSessionsIn reads the council's sessions with the IDs, by ID.
func readSessionsIn(ctx context.Context, tx *sqldb.Tx, ids []string) (map[string]SessionSummary, error) {
	// readSessions passes the council as $1, so the IDs' placeholders start at $2.
	in, args := sqldb.In([]any{nil}, ids)
	xs, err := readSessions(ctx, tx, ` AND s.id IN (`+in+`)`, args[1:]...)
	if err != nil {
		return nil, err
	}
	out := map[string]SessionSummary{}
	for _, x := range xs {
		out[x.ID] = x
	}
	return out, nil
}

// Booking reads one of the signed-in member of staff's own bookings with its session and course, for their
// evaluation. Anyone else's is sqldb.ErrNotFound.
func (s *Store) Booking(ctx context.Context, id string) (Learner, Course, error) {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return Learner{}, Course{}, err
	}
	var out Learner
	var c Course
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, c, err = ownBooking(ctx, tx, st, id)
		return err
	})
	return out, c, err
}

func ownBooking(ctx context.Context, tx *sqldb.Tx, st councils.Staff, id string) (Learner, Course, error) {
	bs, err := readBookings(ctx, tx, ` AND b.id = $2 AND b.staff_id = $3`, id, st.ID)
	if err != nil {
		return Learner{}, Course{}, err
	}
	if len(bs) == 0 {
		return Learner{}, Course{}, fmt.Errorf("booking %s: %w", id, sqldb.ErrNotFound)
	}
	xs, err := readSessions(ctx, tx, ` AND s.id = $2`, bs[0].SessionID)
	if err != nil {
		return Learner{}, Course{}, err
	}
	c, err := oneCourse(ctx, tx, xs[0].CourseID)
	return Learner{Booking: bs[0], Session: xs[0]}, c, err
}

// Evaluate keeps the learner's evaluation of a session they attended: their confidence in each learning outcome
// before and after, and what they will do differently. Only the learner gives it, once, and may change it after;
// e.Version is the booking's version when they read it, and a later change is sqldb.ErrConflict.
func (s *Store) Evaluate(ctx context.Context, bookingID string, e Evaluation) error {
	st, err := signedIn(ctx, anyStaff)
	if err != nil {
		return err
	}
	e.Differently = strings.TrimSpace(e.Differently)
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		l, c, err := ownBooking(ctx, tx, st, bookingID)
		if err != nil {
			return err
		}
		if l.Cancelled || l.Session.Cancelled || l.Attended == nil || !*l.Attended || l.Session.HeldOn.After(tx.Today().Time) {
			return validation.Problems{{Field: "differently", Message: "You can evaluate a session once your trainer has marked you as attending it"}}
		}
		if ps := e.Validate(len(c.Outcomes)); len(ps) > 0 {
			return ps
		}
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE learning_booking SET differently = $1, evaluated_at = $2, version = version + 1
			WHERE council_id = $3 AND id = $4 AND version = $5`, e.Differently, tx.Now(), tx.Council(), bookingID, e.Version))
		if err != nil {
			return fmt.Errorf("evaluate booking %s: %w", bookingID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM learning_confidence WHERE council_id = $1 AND booking_id = $2`, tx.Council(), bookingID); err != nil {
			return fmt.Errorf("evaluate booking %s: %w", bookingID, err)
		}
		var vals []any
		for _, x := range e.Confidence {
			if x.Outcome >= 0 && x.Outcome < len(c.Outcomes) {
				vals = append(vals, tx.Council(), bookingID, x.Outcome, x.Before, x.After)
			}
		}
		return sqldb.InsertMany(ctx, tx, "learning_confidence", []string{"council_id", "booking_id", "outcome", "before_session", "after_session"}, vals)
	})
}

// OutcomeChange is, for one learning outcome of a course, how learners' confidence changed over its sessions.
type OutcomeChange struct {
	Outcome     string
	Evaluations int
	Before      float64 // average confidence before
	After       float64 // average confidence after
}

// Change is the average change in confidence, from before the session to after.
func (o OutcomeChange) Change() float64 { return o.After - o.Before }

// OutcomeChanges reads, for the quality lead, the average change in confidence for each of a course's learning
// outcomes over all its sessions. Pages show the counts through disclosure.
func (s *Store) OutcomeChanges(ctx context.Context, courseID string) ([]OutcomeChange, error) {
	if _, err := signedIn(ctx, councils.Role.RunsLearning); err != nil {
		return nil, err
	}
	var out []OutcomeChange
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		c, err := oneCourse(ctx, tx, courseID)
		if err != nil {
			return err
		}
		out = make([]OutcomeChange, len(c.Outcomes))
		for i, o := range c.Outcomes {
			out[i].Outcome = o
		}
		return sqldb.Each(ctx, tx, `SELECT f.outcome, count(*), sum(f.before_session), sum(f.after_session)
			FROM learning_confidence f
			JOIN learning_booking b ON b.council_id = f.council_id AND b.id = f.booking_id
			JOIN learning_session s ON s.council_id = b.council_id AND s.id = b.session_id
			WHERE f.council_id = $1 AND s.course_id = $2 AND b.cancelled_at IS NULL GROUP BY f.outcome`,
			[]any{tx.Council(), courseID}, func(rows *sql.Rows) error {
				var i, n, before, after int
				if err := rows.Scan(&i, &n, &before, &after); err != nil {
					return err
				}
				if i >= 0 && i < len(out) && n > 0 {
					out[i].Evaluations, out[i].Before, out[i].After = n, float64(before)/float64(n), float64(after)/float64(n)
				}
				return nil
			})
	})
	return out, err
}

// SelfSufficiency reads, for the quality lead, how many of the sessions held from from to to were given by the
// council's own trainers, of how many were held (see the function of the same name).
func (s *Store) SelfSufficiency(ctx context.Context, from, to sqldb.Date) (own, held int, err error) {
	if _, err := signedIn(ctx, councils.Role.RunsLearning); err != nil {
		return 0, 0, err
	}
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		courses, err := readCourses(ctx, tx, "")
		if err != nil {
			return err
		}
		xs, err := readSessions(ctx, tx, ` AND s.held_on >= $2 AND s.held_on <= $3`, from, to)
		if err != nil {
			return err
		}
		staff, err := staffNames(ctx, tx)
		if err != nil {
			return err
		}
		ours := map[string]bool{}
		for id := range staff {
			ours[id] = true
		}
		trained := map[string]map[string]bool{}
		needs := map[string]bool{}
		for _, c := range courses {
			needs[c.ID] = c.NeedsTrainer
			if c.NeedsTrainer {
				if trained[c.ID], err = trainersOf(ctx, tx, c.ID); err != nil {
					return err
				}
			}
		}
		given := make([]Given, len(xs))
		for i, x := range xs {
			given[i] = Given{CourseID: x.CourseID, NeedsTrainer: needs[x.CourseID], HeldOn: x.HeldOn, Cancelled: x.Cancelled,
				Imported: x.Imported, TrainerIDs: x.TrainerIDs}
		}
		own, held = SelfSufficiency(given, from, to, trained, ours)
		return nil
	})
	return own, held, err
}
