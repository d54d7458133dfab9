package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/learning"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// addLearning gives the council a year of its learning programme. Two cohorts of experienced practitioners complete
// train-the-trainer, given by the quality lead, so that the council has its own trainers of the strengths-based
// practice skills course; from then on a session of one of the default courses runs every month, the skills course
// given by those trainers. Each practitioner and team manager is booked once on each course their role must take,
// spread over the year team by team, so that coverage rises by team; most complete, a few do not attend, and most
// of those who complete give their evaluation. Sessions are planned through the learning store; the past bookings,
// which the store would refuse as already held, are written as it writes them, and a few bookings on the next
// sessions go through the store.
func addLearning(ctx context.Context, db *sqldb.DB, staff []councils.Staff, seed uint64) error {
	lead, asLead := qualityLead(ctx, staff)
	store := learning.NewStore(db)
	courses, err := store.Courses(asLead)
	if err != nil {
		return fmt.Errorf("demo learning: %w", err)
	}
	var skills, trainTrainers learning.Course
	var others []learning.Course
	for _, c := range courses {
		switch {
		case c.NeedsTrainer:
			skills = c
		case c.TrainsFor != "":
			trainTrainers = c
		case !c.Audience.NewStarters:
			others = append(others, c)
		}
	}
	var learners, practitioners []councils.Staff
	for _, s := range staff {
		if s.Disabled() || (s.Role != councils.Practitioner && s.Role != councils.TeamManager) {
			continue
		}
		learners = append(learners, s)
		if s.Role == councils.Practitioner {
			practitioners = append(practitioners, s)
		}
	}
	if len(practitioners) < 2 || len(others) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 17))
	today := db.Today()
	monthsAgo := func(m, day int) sqldb.Date {
		start := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -m, day-1)
		return sqldb.NewDate(start)
	}
	var rows []any
	var confidence []any
	seq := map[string]int{}
	book := func(x learning.Session, st councils.Staff, mark learning.Mark, c learning.Course) {
		seq[x.ID]++
		attended, completed := markValues(mark)
		bookedAt := x.HeldOn.AddDate(0, 0, -21).Add(9 * time.Hour)
		markedAt := x.HeldOn.Add(17 * time.Hour)
		id := sqldb.NewID()
		differently, evaluated := "", any(nil)
		if mark == learning.Completed && rng.IntN(10) < 7 {
			differently, evaluated = demoDifferently[rng.IntN(len(demoDifferently))], x.HeldOn.AddDate(0, 0, 2).Add(10*time.Hour)
			for i := range c.Outcomes {
				before := 1 + rng.IntN(3)
				confidence = append(confidence, lead.CouncilID, id, i, before, min(5, before+1+rng.IntN(2)))
			}
		}
		rows = append(rows, lead.CouncilID, id, x.ID, st.ID, seq[x.ID], bookedAt, st.ID, attended, completed, markedAt, x.TrainerIDs[0],
			differently, evaluated, 2)
	}
	plan := func(c learning.Course, on sqldb.Date, capacity int, trainers []string) (learning.Session, error) {
		x, err := store.PlanSession(asLead, learning.Session{CourseID: c.ID, HeldOn: on, StartsAt: "09:30", EndsAt: endsAt(c.Minutes),
			Place: demoVenues[on.Month()%time.Month(len(demoVenues))], Capacity: capacity, TrainerIDs: trainers})
		if err != nil {
			return x, fmt.Errorf("demo learning: plan %s: %w", c.Name, err)
		}
		return x, nil
	}

	// Two train-the-trainer cohorts, a year and ten months ago, given by the quality lead: a fifth of the
	// practitioners, at least one in each.
	var trainers []string
	each := max(1, len(practitioners)/10)
	for cohort, ago := range []int{12, 10} {
		x, err := plan(trainTrainers, monthsAgo(ago, 10), 6, []string{lead.ID})
		if err != nil {
			return err
		}
		for _, st := range practitioners[cohort*each : (cohort+1)*each] {
			book(x, st, learning.Completed, trainTrainers)
			trainers = append(trainers, st.ID)
		}
	}
	if err := writeBookings(ctx, db, lead.CouncilID, &rows, &confidence); err != nil {
		return err
	}

	// A session a month for the year since: the skills course every month, given by two of the council's own
	// trainers, and one of the other courses in turn. Each learner is booked once on each course their role must
	// take, in the order of their teams, spread over the course's sessions, so that each team's coverage rises in turn.
	monthly := func(ago int) []learning.Course { return []learning.Course{skills, others[(11-ago)%len(others)]} }
	left := map[string]int{} // sessions still to come of each course
	for ago := 11; ago >= 1; ago-- {
		for _, c := range monthly(ago) {
			left[c.ID]++
		}
	}
	queue := map[string][]councils.Staff{}
	for _, c := range append([]learning.Course{skills}, others...) {
		for _, st := range learners {
			if c.Audience.Requires(st) && !(c.NeedsTrainer && slices.Contains(trainers, st.ID)) {
				queue[c.ID] = append(queue[c.ID], st)
			}
		}
	}
	for ago := 11; ago >= 1; ago-- {
		for i, c := range monthly(ago) {
			given := []string{lead.ID}
			if c.NeedsTrainer {
				// Only the first cohort has completed train-the-trainer before the second's session.
				trained := trainers
				if ago > 10 {
					trained = trainers[:each]
				}
				given = []string{trained[ago%len(trained)]}
				if len(trained) > 1 {
					given = append(given, trained[(ago+1)%len(trained)])
				}
			}
			want := (len(queue[c.ID]) + left[c.ID] - 1) / left[c.ID]
			left[c.ID]--
			x, err := plan(c, monthsAgo(ago, 8+7*i), max(want, 12), given)
			if err != nil {
				return err
			}
			for range min(want, len(queue[c.ID])) {
				st := queue[c.ID][0]
				queue[c.ID] = queue[c.ID][1:]
				mark := learning.Completed
				switch rng.IntN(12) {
				case 0:
					mark = learning.Absent
				case 1:
					mark = learning.Attended
				}
				book(x, st, mark, c)
			}
		}
	}
	if err := writeBookings(ctx, db, lead.CouncilID, &rows, &confidence); err != nil {
		return err
	}

	// The next sessions, with a few booked already and one full with a waiting list.
	next, err := plan(skills, sqldb.NewDate(today.AddDate(0, 0, 12)), 2, trainers[:1])
	if err != nil {
		return err
	}
	for _, st := range learners[:min(3, len(learners))] {
		if slices.Contains(trainers, st.ID) {
			continue
		}
		if _, err := store.Book(asStaff(st), next.ID, ""); err != nil {
			return fmt.Errorf("demo learning: book %s: %w", st.Name, err)
		}
	}
	if _, err := plan(others[0], sqldb.NewDate(today.AddDate(0, 0, 30)), 16, []string{lead.ID}); err != nil {
		return err
	}
	return nil
}

// asStaff is the demo acting as a member of staff.
func asStaff(st councils.Staff) context.Context {
	return accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(context.Background(), st.CouncilID), st), "goldenthread demo")
}

// markValues are the attended and completed columns of a mark.
func markValues(m learning.Mark) (attended, completed bool) {
	return m != learning.Absent, m == learning.Completed
}

// endsAt is when a session starting at half past nine ends, with an hour for lunch on a longer course.
func endsAt(minutes int) string {
	if minutes > 4*60 {
		minutes += 60
	}
	end := 9*60 + 30 + minutes
	if end > 17*60 {
		end = 17 * 60
	}
	return fmt.Sprintf("%02d:%02d", end/60, end%60)
}

// writeBookings writes the past bookings and their evaluations gathered so far, and empties them.
func writeBookings(ctx context.Context, db *sqldb.DB, council string, rows, confidence *[]any) error {
	err := db.InTx(sqldb.WithCouncil(ctx, council), func(tx *sqldb.Tx) error {
		if err := sqldb.InsertMany(ctx, tx, "learning_booking", []string{"council_id", "id", "session_id", "staff_id", "seq", "booked_at",
			"booked_by", "attended", "completed", "marked_at", "marked_by", "differently", "evaluated_at", "version"}, *rows); err != nil {
			return err
		}
		if len(*confidence) == 0 {
			return nil
		}
		return sqldb.InsertMany(ctx, tx, "learning_confidence", []string{"council_id", "booking_id", "outcome", "before_session", "after_session"}, *confidence)
	})
	if err != nil {
		return fmt.Errorf("demo learning: %w", err)
	}
	*rows, *confidence = (*rows)[:0], (*confidence)[:0]
	return nil
}

var demoVenues = []string{"Committee Room 2, Town Hall", "The Learning Centre, Mill Street", "Riverside Community Hub"}

var demoDifferently = []string{
	"Start every first conversation by asking what matters to the person, before any form",
	"Ask about friends, neighbours and groups before thinking of services",
	"Write outcomes in the person's own words and check them back with them",
	"Talk risks through with the person using ROPES rather than deciding for them",
	"Record why the least intrusive support was enough, not only what was chosen",
}
