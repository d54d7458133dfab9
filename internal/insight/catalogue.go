package insight

import (
	"context"
	"database/sql"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Catalogue is every measure, in the order the IQAM page shows them under their priorities. Each is one small
// definition: what it says, and the facts it reads, each judged by the function of the domain that owns it.
func Catalogue() []Measure {
	return []Measure{
		{
			ID: "resolved-at-first-contact", Name: "Contacts resolved at first contact", Priority: PreventNeed, Kind: Share, Better: Up,
			Definition:  "Of the episodes opened in the period, the share the front door closed at the first step with information, advice or signposting, so that the person needed nothing more from the council.",
			Numerator:   "Episodes ended at step 1 with the Client Level Data outcome \"" + codelists.EventOutcomeInformationAdvice + "\"",
			Denominator: "Episodes opened in the period",
			Reads:       []string{"episodes", "people"},
			Source:      "Practice framework (seed 004): prevent need; Client Level Data event outcome (standards §1.4)",
			facts:       resolvedAtFirstContact,
		},
		{
			ID: "wait-for-first-conversation", Name: "Wait from contact to first conversation", Priority: PreventNeed, Kind: Median, Unit: "days", Better: Down,
			Definition: "For each episode whose first conversation was held in the period, the days from the contact to that conversation: the middle wait, and the wait nine in ten were seen within.",
			Numerator:  "Days from contact to first conversation (median, and 90th percentile beside it)",
			Reads:      []string{"contacts", "episodes", "conversations", "people"},
			Source:     "Practice framework (seed 004): a timely first conversation; the waiting list's own count of days",
			facts:      waitForFirstConversation,
		},
		{
			ID: "waiting-for-first-conversation", Name: "Waiting for a first conversation at the end of the period", Priority: PreventNeed, Kind: Count, Better: Down,
			Definition: "The people whose episode was open on the period's last day with no conversation held yet: the waiting list's own first stage.",
			Numerator:  "Open episodes with no conversation held by the period's last day",
			Reads:      []string{"episodes", "conversations", "contacts", "people"},
			Source:     "Practice framework (seed 004): waiting well; the waiting list's stages",
			facts:      waitingForFirstConversation,
		},
		{
			ID: "signposts-followed-up", Name: "Signposts followed up", Priority: PreventNeed, Kind: Share, Better: Up,
			Definition:  "Of the signposts to community services whose follow-up fell due in the period, the share followed up: someone went back to the person to ask how it went.",
			Numerator:   "Signposts with a follow-up recorded",
			Denominator: "Signposts whose follow-up fell due in the period",
			Reads:       []string{"signposts", "episodes", "people"},
			Source:      "Practice framework (seed 004): community solutions first, and knowing whether they helped",
			facts:       signpostsFollowedUp,
		},
		{
			ID: "signposts-helped", Name: "Signposts that helped", Priority: PreventNeed, Kind: Share, Better: Up,
			Definition:  "Of the signposts followed up in the period where the person was reached, the share where the person said the service helped, fully or partly.",
			Numerator:   "Follow-ups finding it helped or partly helped",
			Denominator: "Follow-ups in the period that reached the person",
			Reads:       []string{"signposts", "episodes", "people"},
			Source:      "Practice framework (seed 004): community solutions first",
			facts:       signpostsHelped,
		},
		{
			ID: "least-intrusive-solutions", Name: "Solutions on the least intrusive rungs", Priority: PromoteIndependence, Kind: Share, Better: Up,
			Definition:  "Of the solutions agreed in the period, the share on the ladder's first four rungs: the person's own strengths, their family and network, community and voluntary support, and information and advice.",
			Numerator:   "Solutions on a rung that needs no reason why a less intrusive one cannot meet the outcome",
			Denominator: "Solutions agreed in the period",
			Reads:       []string{"solutions", "episodes", "people"},
			Source:      "Practice framework (seed 004), step 3: least intrusive first; MASOSS (seed 000)",
			facts:       leastIntrusiveSolutions,
		},
		{
			ID: "reviews-on-time", Name: "Reviews held by their due date", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the reviews held in the period, the share held on or before the day they were due.",
			Numerator:   "Reviews held on or before their due date",
			Denominator: "Reviews held in the period",
			Reads:       []string{"reviews", "episodes", "people"},
			Source:      "Care Act 2014 section 27 and statutory guidance chapter 13 (standards §3.5)",
			facts:       reviewsOnTime,
		},
		{
			ID: "reviews-overdue", Name: "Reviews overdue at the end of the period", Priority: ImproveLives, Kind: Count, Better: Down,
			Definition: "The reviews that, on the period's last day, were past their due date and not yet held.",
			Numerator:  "Reviews due before the period's last day and not held by then",
			Reads:      []string{"reviews", "episodes", "people"},
			Source:     "Care Act 2014 section 27 (standards §3.5)",
			facts:      reviewsOverdue,
		},
		{
			ID: "required-actions-on-time", Name: "Required actions met in time", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the required actions (the law's duties: advocacy, safeguarding decisions, capacity, crisis reviews and the rest) whose last day in time fell in the period, the share met before they became overdue. Actions withdrawn because they no longer applied are not counted.",
			Numerator:   "Required actions met before they became overdue",
			Denominator: "Required actions due in the period, not withdrawn",
			Reads:       []string{"required actions", "episodes", "people"},
			Source:      "Care Act 2014 sections 42, 67 and 68; Mental Capacity Act 2005 (standards §3.6, §4, §5)",
			facts:       requiredActionsOnTime,
		},
		{
			ID: "outcomes-attained", Name: "Outcomes attained", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the outcomes rated at reviews held in the period, the share the person reached at or above the level expected (Goal Attainment Scaling 0, +1 or +2).",
			Numerator:   "Ratings at the expected level or above",
			Denominator: "Outcomes rated at reviews held in the period",
			Reads:       []string{"review ratings", "reviews", "episodes", "people"},
			Source:      "Goal Attainment Scaling (standards §9); practice framework (seed 004): SMART outcomes reviewed",
			facts:       outcomesAttained,
		},
		{
			ID: "gas-t-score", Name: "Goal attainment at review (T-score)", Priority: ImproveLives, Kind: Median, Unit: "T-score", Better: Up,
			Definition: "The Goal Attainment Scaling T-score of each review held in the period that rated the person's outcomes: the middle score, and the score nine in ten reached or exceeded (50 is every outcome at its expected level).",
			Numerator:  "T-scores of reviews held in the period (median, and 90th percentile beside it)",
			Reads:      []string{"reviews", "episodes", "people"},
			Source:     "Goal Attainment Scaling, the Kiresuk–Sherman T-score (standards §9.2)",
			facts:      gasTScores,
		},
		{
			ID: "weekly-spend", Name: "Council-funded support in place, by the week", Priority: FinancialOversight, Kind: Total, Unit: "£ a week",
			Definition: "On the period's last day, the weekly cost of every council-funded service then in place (started, and not ended before that day), from each service's unit cost, frequency and units.",
			Numerator:  "The weekly cost of services in place on the period's last day",
			Reads:      []string{"services", "episodes", "people"},
			Source:     "Practice framework (seed 004): evaluation by use of resources; IQAM financial oversight",
			facts:      weeklySpend,
		},
		// Feedback from people and staff (internal/feedback; the facts in feedback.go).
		{
			ID: "felt-listened-to", Name: "People who felt listened to", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the people who answered \"I was listened to\" in the council's survey after an agreed plan or a review in the period, the share answering Yes or Mostly. Anonymous answers are counted, naming no one.",
			Numerator:   "Answers of Yes or Mostly",
			Denominator: "People answering the question in the period",
			Reads:       []string{"feedback answers", "people"},
			Source:      "Practice framework (seed 004), evaluation by feedback from people who need care and support",
			facts:       peopleAgreeing(feedback.ListenedKey),
		},
		{
			ID: "felt-in-control", Name: "People who felt in control of their support", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the people who answered \"I feel in control of my support\" in the council's survey after an agreed plan or a review in the period, the share answering Yes or Mostly.",
			Numerator:   "Answers of Yes or Mostly",
			Denominator: "People answering the question in the period",
			Reads:       []string{"feedback answers", "people"},
			Source:      "Practice framework (seed 004), evaluation by feedback from people who need care and support",
			facts:       peopleAgreeing(feedback.InControlKey),
		},
		{
			ID: "staff-strengths-everyday", Name: "Staff who say strengths-based practice is part of everyday work", Priority: ImproveLives, Kind: Share, Better: Up,
			Definition:  "Of the staff who answered \"Strengths-based practice is part of our everyday work\" in a staff survey round opened in the period, the share answering Yes or Mostly. Staff answers are anonymous: each counts once, under the team the member of staff belongs to, on the day its round opened, and carries no person, so the cuts by protected characteristic find none.",
			Numerator:   "Answers of Yes or Mostly",
			Denominator: "Staff answering the question in rounds opened in the period",
			Reads:       []string{"staff survey answers"},
			Source:      "Practice framework (seed 004), evaluation by feedback from staff",
			facts:       staffAgreeing(feedback.EverydayKey),
		},
	}
}

// Better says which way a measure's figure is better.
type Better int

// Which way is better.
const (
	Neither Better = iota
	Up             // a higher figure is better
	Down           // a lower figure is better
)

// Find is the catalogue's measure with id.
func Find(id string) (Measure, bool) {
	for _, m := range Catalogue() {
		if m.ID == id {
			return m, true
		}
	}
	return Measure{}, false
}

// personColumns are the equality fields of the person p that every fact carries, read by scanPerson.
const personColumns = `p.date_of_birth, p.gender, p.ethnicity, p.disability, p.primary_support_reason, p.client_type`

func personTargets(p *Person) []any {
	return []any{&p.Born, &p.Gender, &p.Ethnicity, &p.Disability, &p.SupportReason, &p.Client}
}

// scanFact scans the columns of a fact's query: its own targets first, then the team and the person's fields.
func scanFact(rows *sql.Rows, f *Fact, own ...any) error {
	var team sql.NullString
	targets := append(own, &team)
	if err := rows.Scan(append(targets, personTargets(&f.Person)...)...); err != nil {
		return err
	}
	f.TeamID = team.String
	return nil
}

// window is the period with a day's margin either side, for reading timestamps whose UK date Tallies then checks.
func window(p Period) (time.Time, time.Time) {
	return p.From.AddDate(0, 0, -1), p.To.AddDate(0, 0, 2)
}

func resolvedAtFirstContact(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT e.opened_on, e.ended_step, e.result, e.team_id, `+personColumns+`
		FROM episode e JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
		WHERE e.council_id = $1 AND e.opened_on >= $2 AND e.opened_on <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var step int
			var result string
			if err := scanFact(rows, &f, &f.On, &step, &result); err != nil {
				return err
			}
			f.In = conversations.Step(step) == conversations.Step1 && result == codelists.EventOutcomeInformationAdvice
			emit(f)
			return nil
		})
}

func waitForFirstConversation(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT f.first, COALESCE(c.contacted_on, e.opened_on), e.team_id, `+personColumns+`
		FROM (SELECT episode_id, min(held_on) AS first FROM conversation WHERE council_id = $1 GROUP BY episode_id) f
		JOIN episode e ON e.council_id = $1 AND e.id = f.episode_id
		LEFT JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id
		JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
		WHERE f.first >= $2 AND f.first <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var contacted sqldb.Date
			if err := scanFact(rows, &f, &f.On, &contacted); err != nil {
				return err
			}
			f.Value = float64(frontdoor.Days(contacted, f.On))
			emit(f)
			return nil
		})
}

func leastIntrusiveSolutions(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	from, to := window(p)
	return sqldb.Each(ctx, tx, `SELECT s.created_at, s.rung, e.team_id, `+personColumns+`
		FROM solution s JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id
		JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
		WHERE s.council_id = $1 AND s.created_at >= $2 AND s.created_at < $3`,
		[]any{tx.Council(), from, to},
		func(rows *sql.Rows) error {
			var f Fact
			var created time.Time
			var code string
			if err := scanFact(rows, &f, &created, &code); err != nil {
				return err
			}
			rung, err := plans.ParseRung(code)
			if err != nil {
				return err
			}
			f.On, f.In = sqldb.UKDate(created), !rung.NeedsLowerRungReason()
			emit(f)
			return nil
		})
}

func reviewsOnTime(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.held_on, r.due_on, e.team_id, `+personColumns+`
		FROM review r JOIN episode e ON e.council_id = r.council_id AND e.id = r.episode_id
		JOIN person p ON p.council_id = r.council_id AND p.id = r.person_id
		WHERE r.council_id = $1 AND r.status = $2 AND r.held_on >= $3 AND r.held_on <= $4`,
		[]any{tx.Council(), reviews.StatusCompleted, p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var due sqldb.Date
			if err := scanFact(rows, &f, &f.On, &due); err != nil {
				return err
			}
			f.In = reviews.Status(due, f.On) != reviews.Overdue
			emit(f)
			return nil
		})
}

func reviewsOverdue(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.due_on, e.team_id, `+personColumns+`
		FROM review r JOIN episode e ON e.council_id = r.council_id AND e.id = r.episode_id
		JOIN person p ON p.council_id = r.council_id AND p.id = r.person_id
		WHERE r.council_id = $1 AND r.due_on < $2 AND (r.status = $3 OR (r.status = $4 AND r.held_on > $2))`,
		[]any{tx.Council(), p.To, reviews.StatusScheduled, reviews.StatusCompleted},
		func(rows *sql.Rows) error {
			var f Fact
			var due sqldb.Date
			if err := scanFact(rows, &f, &due); err != nil {
				return err
			}
			if reviews.Status(due, p.To) == reviews.Overdue {
				f.On, f.In = p.To, true
				emit(f)
			}
			return nil
		})
}

func outcomesAttained(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.held_on, g.level, e.team_id, `+personColumns+`
		FROM review_rating g JOIN review r ON r.council_id = g.council_id AND r.id = g.review_id
		JOIN episode e ON e.council_id = r.council_id AND e.id = r.episode_id
		JOIN person p ON p.council_id = r.council_id AND p.id = r.person_id
		WHERE g.council_id = $1 AND r.status = $2 AND r.held_on >= $3 AND r.held_on <= $4`,
		[]any{tx.Council(), reviews.StatusCompleted, p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var level int
			if err := scanFact(rows, &f, &f.On, &level); err != nil {
				return err
			}
			f.In, f.Value = outcomes.Level(level) >= outcomes.Expected, float64(level)
			emit(f)
			return nil
		})
}

func weeklySpend(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT s.unit_cost_pence, s.cost_frequency, s.units_hundredths, e.team_id, `+personColumns+`
		FROM service s JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id
		JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id
		WHERE s.council_id = $1 AND s.status IN ($2, $3) AND s.start_on <= $4 AND (s.end_on IS NULL OR s.end_on >= $4)`,
		[]any{tx.Council(), string(plans.ServiceActive), string(plans.Ended), p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var s plans.Service
			var units int64
			if err := scanFact(rows, &f, &s.UnitCostPence, &s.Frequency, &units); err != nil {
				return err
			}
			s.Units = float64(units) / 100
			f.On, f.In, f.Value = p.To, true, float64(s.WeeklyCostPence())/100
			emit(f)
			return nil
		})
}

func waitingForFirstConversation(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT COALESCE(c.contacted_on, e.opened_on),
			(SELECT min(v.held_on) FROM conversation v WHERE v.council_id = e.council_id AND v.episode_id = e.id AND v.held_on <= $2),
			e.team_id, `+personColumns+`
		FROM episode e LEFT JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id
		JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
		WHERE e.council_id = $1 AND e.opened_on <= $2 AND (e.ended_on IS NULL OR e.ended_on > $2)`,
		[]any{tx.Council(), p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var contacted, first sqldb.Date
			if err := scanFact(rows, &f, &contacted, &first); err != nil {
				return err
			}
			if frontdoor.WaitOf(contacted, first, sqldb.Date{}, p.To).Stage == frontdoor.ForConversation {
				f.On, f.In = p.To, true
				emit(f)
			}
			return nil
		})
}

func signpostsFollowedUp(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT s.follow_up_on, s.followed_up_on, e.team_id, `+personColumns+`
		FROM signpost s JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id
		JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id
		WHERE s.council_id = $1 AND s.follow_up_on >= $2 AND s.follow_up_on <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var done sqldb.Date
			if err := scanFact(rows, &f, &f.On, &done); err != nil {
				return err
			}
			f.In = !done.IsZero()
			emit(f)
			return nil
		})
}

func signpostsHelped(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT s.followed_up_on, s.follow_up_result, e.team_id, `+personColumns+`
		FROM signpost s JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id
		JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id
		WHERE s.council_id = $1 AND s.followed_up_on >= $2 AND s.followed_up_on <= $3`,
		[]any{tx.Council(), p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			var result string
			if err := scanFact(rows, &f, &f.On, &result); err != nil {
				return err
			}
			if h := frontdoor.Helped(result); h != frontdoor.NotReached {
				f.In = h.Helps()
				emit(f)
			}
			return nil
		})
}

func gasTScores(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	return sqldb.Each(ctx, tx, `SELECT r.held_on, r.gas_t_score, e.team_id, `+personColumns+`
		FROM review r JOIN episode e ON e.council_id = r.council_id AND e.id = r.episode_id
		JOIN person p ON p.council_id = r.council_id AND p.id = r.person_id
		WHERE r.council_id = $1 AND r.status = $2 AND r.held_on >= $3 AND r.held_on <= $4 AND r.gas_t_score IS NOT NULL`,
		[]any{tx.Council(), reviews.StatusCompleted, p.From, p.To},
		func(rows *sql.Rows) error {
			var f Fact
			if err := scanFact(rows, &f, &f.On, &f.Value); err != nil {
				return err
			}
			emit(f)
			return nil
		})
}

func requiredActionsOnTime(ctx context.Context, tx *sqldb.Tx, p Period, emit func(Fact)) error {
	// A duty's due_at is the first instant it is overdue; a day's margin either side finds every one whose last day
	// in time falls in the period, which DueOn then says exactly.
	from, to := window(p)
	return sqldb.Each(ctx, tx, `SELECT d.due_at, d.met_at, d.met_how, COALESCE(e.team_id, p.team_id), `+personColumns+`
		FROM duty d JOIN person p ON p.council_id = d.council_id AND p.id = d.person_id
		LEFT JOIN episode e ON e.council_id = d.council_id AND e.id = d.episode_id
		WHERE d.council_id = $1 AND d.due_at >= $2 AND d.due_at < $3`,
		[]any{tx.Council(), from, to},
		func(rows *sql.Rows) error {
			var f Fact
			var d duties.Duty
			var met *time.Time
			if err := scanFact(rows, &f, &d.DueAt, &met, &d.MetHow); err != nil {
				return err
			}
			if met != nil {
				d.MetAt = *met
			}
			if d.Withdrawn() {
				return nil
			}
			f.On, f.In = d.DueOn(), d.MetInTime()
			emit(f)
			return nil
		})
}
