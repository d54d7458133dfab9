package reviews

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps reviews. Every method reads the council and the member of staff from the context; a method about
// one person opens their record with people.Open (the access rule and one access-log entry per call) and records
// each significant change in the person's chronology, all in one transaction.
//
// A review stops services and opens a new draft of the support plan with plain SQL over the service and
// support_plan tables, by the same rules as package plans (which imports this package to schedule reviews, so this
// one cannot import it).
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// StoppedAtReview is the reason a service stopped at a review ends with.
const StoppedAtReview = "Stopped at review"

// ErrCompleted: a completed review is kept as it was held.
var ErrCompleted = errors.New("this review has been completed and cannot be changed")

// Review is a review as stored: scheduled, or completed with its ratings and decisions.
type Review struct {
	ID, PersonID, EpisodeID, PlanID string
	PlanVersion                     int // the version number of the plan it reviews; 0 when none
	DueOn                           sqldb.Date
	Reason                          string // codelists.ReviewReason
	// DueReason is why the review falls due when it does, in the words of the practitioner who scheduled or moved
	// it; "" when its date was worked out from the plan's agreement and the last review (NextReview).
	DueReason  string
	Status     string // StatusScheduled or StatusCompleted
	HeldOn     sqldb.Date
	Method     string // codelists.MethodOfAssessment
	PersonView string
	Outcome    string // codelists.ReviewOutcome
	// GASTScore is the Goal Attainment T-score across the outcomes rated, stored as review.gas_t_score; nil
	// until the review is completed.
	GASTScore *float64
	Ratings   []Rating
	Decisions []Decision
	Version   int
}

// Completed reports whether the review has been held.
func (r Review) Completed() bool { return r.Status == StatusCompleted }

// TScoreText is the T-score to one decimal place, or "" when there is none.
func (r Review) TScoreText() string {
	if r.GASTScore == nil {
		return ""
	}
	return strconv.FormatFloat(*r.GASTScore, 'f', 1, 64)
}

// Service is a service of the episode as a review sees it.
type Service struct {
	ID, ServiceType, Component, Provider, Status string
	Start, End                                   sqldb.Date
	LongTerm                                     bool
	WeeklyCostPence                              int64
}

// Name is the service as lists name it: its component from its provider, as plans.ServiceName says it.
func (s Service) Name() string {
	name := s.Component
	if name == "" {
		name = s.ServiceType
	}
	if p := strings.TrimSpace(s.Provider); p != "" {
		name += " from " + p
	}
	return name
}

// Running reports whether the service is running, so that a review decides about it.
func (s Service) Running() bool { return s.Status == "active" || s.Status == "authorised" }

// EpisodeReviews is an episode's reviews: scheduled ones by due date, then completed ones, newest first.
type EpisodeReviews struct {
	Person    people.Person
	EpisodeID string
	Episode   EpisodeState
	Reviews   []Review
	Today     sqldb.Date
}

// View is one review with what its page shows.
type View struct {
	Person people.Person
	Review Review
	// Outcomes are those to rate (the episode's outcomes that are not closed) for a scheduled review, and those it
	// rated for a completed one.
	Outcomes []outcomes.Outcome
	// Services are the running services to decide about for a scheduled review, and those it decided about for a
	// completed one.
	Services []Service
	// PlanAgreed is when the plan in force was agreed; zero when no plan has been agreed.
	PlanAgreed sqldb.Date
	// NextDue is when the episode's next scheduled review is due, after a completed one; zero when none is.
	NextDue sqldb.Date
	// NextID is the episode's next scheduled review, after a completed one; "" when none is.
	NextID string
	// DraftPlanID is the episode's draft plan, if it has one (a review that changed something opens one).
	DraftPlanID string
	// Waiting is how many of the episode's services are still waiting to start or for authorisation.
	Waiting int
	// Episode is the episode under review: whether it has ended, and its version for ending it.
	Episode EpisodeState
	Today   sqldb.Date
}

// EpisodeState is what a review needs to know of its episode.
type EpisodeState struct {
	Result  string // codelists.EventOutcome; "" while the episode is open
	EndedOn sqldb.Date
	Version int
}

// Ended reports whether the episode has ended.
func (e EpisodeState) Ended() bool { return e.Result != "" }

// Finishes reports whether a completed review finished the support (Finishes, from its ratings and decisions)
// and no review has been scheduled since. (A review where the practitioner said the plan needs to change scheduled
// the next one, so it never finishes.) Such a review offers to end the episode while it is open.
func (v View) Finishes() bool {
	return v.Review.Completed() && v.NextID == "" &&
		Finishes(v.Outcomes, v.Review.Ratings, v.ServicesToDecide(), v.Review.Decisions, v.Waiting, false)
}

// OffersEnd reports whether the review page offers to end the episode: the review finished the support and the
// episode is still open.
func (v View) OffersEnd() bool { return v.Finishes() && !v.Episode.Ended() }

// ServicesToDecide are the view's services as Held.Validate sees them.
func (v View) ServicesToDecide() []ServiceToDecide {
	out := make([]ServiceToDecide, len(v.Services))
	for i, s := range v.Services {
		out[i] = ServiceToDecide{ID: s.ID, Name: s.Name()}
	}
	return out
}

const reviewColumns = `r.id, r.person_id, r.episode_id, COALESCE(r.plan_id, ''), COALESCE(p.plan_version, 0), r.due_on, r.reason, r.due_reason, r.status,
	r.held_on, r.method, r.person_view, r.review_outcome, r.gas_t_score, r.version`

const reviewFrom = ` FROM review r LEFT JOIN support_plan p ON p.council_id = r.council_id AND p.id = r.plan_id`

func scanReview(row interface{ Scan(...any) error }) (Review, error) {
	var r Review
	var score *float64
	if err := row.Scan(&r.ID, &r.PersonID, &r.EpisodeID, &r.PlanID, &r.PlanVersion, &r.DueOn, &r.Reason, &r.DueReason, &r.Status, &r.HeldOn,
		&r.Method, &r.PersonView, &r.Outcome, &score, &r.Version); err != nil {
		return Review{}, sqldb.Normalise(err)
	}
	r.GASTScore = score
	return r, nil
}

func episodeReviews(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Review, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+reviewColumns+reviewFrom+` WHERE r.council_id = $1 AND r.episode_id = $2
		ORDER BY CASE WHEN r.status = $3 THEN 0 ELSE 1 END, r.due_on DESC, r.id`, tx.Council(), episodeID, StatusScheduled)
	if err != nil {
		return nil, fmt.Errorf("read reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// fill reads a review's ratings and decisions.
func fill(ctx context.Context, tx *sqldb.Tx, r *Review) error {
	rows, err := tx.QueryContext(ctx, `SELECT outcome_id, level, person_view, note FROM review_rating WHERE council_id = $1 AND review_id = $2`,
		tx.Council(), r.ID)
	if err != nil {
		return fmt.Errorf("read ratings: %w", err)
	}
	for rows.Next() {
		var rt Rating
		var level int
		if err := rows.Scan(&rt.OutcomeID, &level, &rt.PersonView, &rt.Note); err != nil {
			rows.Close()
			return err
		}
		rt.Level, rt.Rated = outcomes.Level(level), true
		r.Ratings = append(r.Ratings, rt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	drows, err := tx.QueryContext(ctx, `SELECT service_id, decision, note FROM review_service WHERE council_id = $1 AND review_id = $2`,
		tx.Council(), r.ID)
	if err != nil {
		return fmt.Errorf("read service decisions: %w", err)
	}
	defer drows.Close()
	for drows.Next() {
		var d Decision
		var decision string
		if err := drows.Scan(&d.ServiceID, &decision, &d.Note); err != nil {
			return err
		}
		d.Decision = ServiceDecision(decision)
		r.Decisions = append(r.Decisions, d)
	}
	return drows.Err()
}

func episodeServices(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Service, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, service_type, component, provider, status, start_on, end_on, long_term, weekly_cost_pence
		FROM service WHERE council_id = $1 AND episode_id = $2 ORDER BY start_on, created_at, id`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}
	defer rows.Close()
	var out []Service
	for rows.Next() {
		var s Service
		if err := rows.Scan(&s.ID, &s.ServiceType, &s.Component, &s.Provider, &s.Status, &s.Start, &s.End, &s.LongTerm, &s.WeeklyCostPence); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// agreedPlan is the episode's plan in force and when it was agreed, or empty.
func agreedPlan(ctx context.Context, tx *sqldb.Tx, episodeID string) (id string, on sqldb.Date, err error) {
	err = tx.QueryRowContext(ctx, `SELECT id, agreed_on FROM support_plan WHERE council_id = $1 AND episode_id = $2 AND status = 'agreed'
		ORDER BY plan_version DESC LIMIT 1`, tx.Council(), episodeID).Scan(&id, &on)
	if err = sqldb.Normalise(err); errors.Is(err, sqldb.ErrNotFound) {
		return "", sqldb.Date{}, nil
	}
	return id, on, err
}

func draftPlan(ctx context.Context, tx *sqldb.Tx, episodeID string) (string, error) {
	var id string
	err := sqldb.Normalise(tx.QueryRowContext(ctx, `SELECT id FROM support_plan WHERE council_id = $1 AND episode_id = $2 AND status = 'draft'
		ORDER BY plan_version DESC LIMIT 1`, tx.Council(), episodeID).Scan(&id))
	if errors.Is(err, sqldb.ErrNotFound) {
		return "", nil
	}
	return id, err
}

// Episode reads an episode's reviews, scheduled and held, and logs a view of the person's record.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (EpisodeReviews, error) {
	out := EpisodeReviews{EpisodeID: episodeID}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		out.Today = tx.Today()
		if out.Episode, err = episodeState(ctx, tx, episodeID); err != nil {
			return err
		}
		out.Reviews, err = episodeReviews(ctx, tx, episodeID)
		return err
	})
	if err != nil {
		return EpisodeReviews{}, fmt.Errorf("read the episode's reviews: %w", err)
	}
	return out, nil
}

// Get reads one review with what its page shows (the outcomes to rate and services to decide about, or those it
// rated and decided), and logs a view of the person's record. Its GASTScore is the stored T-score.
func (s *Store) Get(ctx context.Context, personID, episodeID, reviewID string) (View, error) {
	var v View
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if v.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		v, err = view(ctx, tx, v.Person, episodeID, reviewID)
		return err
	})
	if err != nil {
		return View{}, fmt.Errorf("read review: %w", err)
	}
	return v, nil
}

func view(ctx context.Context, tx *sqldb.Tx, p people.Person, episodeID, reviewID string) (View, error) {
	v := View{Person: p, Today: tx.Today()}
	var err error
	if v.Review, err = scanReview(tx.QueryRowContext(ctx, `SELECT `+reviewColumns+reviewFrom+`
		WHERE r.council_id = $1 AND r.episode_id = $2 AND r.id = $3`, tx.Council(), episodeID, reviewID)); err != nil {
		return View{}, fmt.Errorf("review %s: %w", reviewID, err)
	}
	if err := fill(ctx, tx, &v.Review); err != nil {
		return View{}, err
	}
	all, err := outcomes.ForEpisode(ctx, tx, episodeID)
	if err != nil {
		return View{}, err
	}
	services, err := episodeServices(ctx, tx, episodeID)
	if err != nil {
		return View{}, err
	}
	if v.Review.Completed() {
		for _, o := range all {
			if _, ok := (Held{Ratings: v.Review.Ratings}).Rating(o.ID); ok {
				v.Outcomes = append(v.Outcomes, o)
			}
		}
		for _, svc := range services {
			if _, ok := (Held{Decisions: v.Review.Decisions}).Decision(svc.ID); ok {
				v.Services = append(v.Services, svc)
			}
		}
		if v.NextDue, v.NextID, err = NextDueOn(ctx, tx, episodeID); err != nil {
			return View{}, err
		}
	} else {
		for _, o := range all {
			if o.Status != outcomes.Closed {
				v.Outcomes = append(v.Outcomes, o)
			}
		}
		for _, svc := range services {
			if svc.Running() {
				v.Services = append(v.Services, svc)
			}
		}
	}
	if _, v.PlanAgreed, err = agreedPlan(ctx, tx, episodeID); err != nil {
		return View{}, err
	}
	if v.DraftPlanID, err = draftPlan(ctx, tx, episodeID); err != nil {
		return View{}, err
	}
	if v.Waiting, err = waitingServices(ctx, tx, episodeID); err != nil {
		return View{}, err
	}
	if v.Episode, err = episodeState(ctx, tx, episodeID); err != nil {
		return View{}, err
	}
	return v, nil
}

// waitingServices counts the episode's services still waiting to start or for a team manager's authorisation.
func waitingServices(ctx context.Context, tx *sqldb.Tx, episodeID string) (int, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM service WHERE council_id = $1 AND episode_id = $2
		AND status IN ('requested', 'awaiting_authorisation')`, tx.Council(), episodeID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count services waiting: %w", err)
	}
	return n, nil
}

func episodeState(ctx context.Context, tx *sqldb.Tx, episodeID string) (EpisodeState, error) {
	var e EpisodeState
	if err := tx.QueryRowContext(ctx, `SELECT result, ended_on, version FROM episode WHERE council_id = $1 AND id = $2`,
		tx.Council(), episodeID).Scan(&e.Result, &e.EndedOn, &e.Version); err != nil {
		return EpisodeState{}, fmt.Errorf("read the episode: %w", sqldb.Normalise(err))
	}
	return e, nil
}

// Result is what completing a review did.
type Result struct {
	TScore     float64
	Outcome    string     // codelists.ReviewOutcome, as chosen or suggested
	NextDue    sqldb.Date // the next review's due date; zero when none was scheduled
	NewPlanID  string     // the new draft version of the plan opened, if one was
	Stopped    int        // how many services were stopped
	PlanChange bool       // PlanMustChange said the plan must change
	// Finished says the review finished the support (Finishes): nothing more was scheduled and no new plan opened,
	// and the review page offers to end the episode with its result.
	Finished bool
}

// Hold completes a scheduled review, which starts the episode's review step if it had not started: every outcome
// that is not closed rated on its scale with the person's view,
// every running service stopped, continued or changed, the T-score computed and stored (gas_t_score), the review
// outcome recorded (the suggestion from the ratings when the practitioner chose SuggestOutcome), then the next
// review scheduled (NextReview from this one), services to stop ended with reason StoppedAtReview, and — when
// anything changed (PlanMustChange) — a new draft version of the plan opened copying the agreed one. A review that
// finishes the support (Finishes: every service stopped, every outcome at or above expected) schedules nothing more
// and opens no new plan; its Result says Finished. Problems
// come back as validation.Problems naming each outcome not rated and change nothing; a stale version is
// sqldb.ErrConflict; a completed review is sqldb.ErrForbidden wrapping ErrCompleted.
func (s *Store) Hold(ctx context.Context, personID, episodeID, reviewID string, h Held, version int) (Result, error) {
	h.PersonView = strings.TrimSpace(h.PersonView)
	var res Result
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update)
		if err != nil {
			return err
		}
		v, err := view(ctx, tx, p, episodeID, reviewID)
		if err != nil {
			return err
		}
		if v.Review.Completed() {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrCompleted)
		}
		if v.Review.Version != version {
			return sqldb.ErrConflict
		}
		if ps := h.Validate(v.Today, v.Outcomes, v.ServicesToDecide()); len(ps) > 0 {
			return ps
		}
		if len(v.Outcomes) == 0 {
			return validation.Problems{{Field: "outcomes", Message: "This episode has no outcomes to rate. Agree outcomes with the person first"}}
		}
		if res.TScore, err = TScore(v.Outcomes, h.Ratings); err != nil {
			return err
		}
		res.TScore = math.Round(res.TScore*10) / 10
		res.Outcome = h.Outcome
		if h.Outcome == SuggestOutcome {
			res.Outcome = Suggest(v.Outcomes, h.Ratings)
		}
		staff := councils.StaffID(ctx)
		council := tx.Council()
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE review SET status = $1, held_on = $2, method = $3, reason = $4,
			person_view = $5, review_outcome = $6, gas_t_score = $7, updated_at = $8, updated_by = $9, version = version + 1
			WHERE council_id = $10 AND id = $11 AND episode_id = $12 AND status = $13 AND version = $14`,
			StatusCompleted, h.On, h.Method, h.Reason, h.PersonView, res.Outcome, res.TScore, tx.Now(), staff, council, reviewID,
			episodeID, StatusScheduled, version)); err != nil {
			return fmt.Errorf("complete review: %w", err)
		}
		for _, o := range v.Outcomes {
			r, _ := h.Rating(o.ID)
			if _, err := tx.ExecContext(ctx, `INSERT INTO review_rating (council_id, review_id, outcome_id, level, person_view, note)
				VALUES ($1, $2, $3, $4, $5, $6)`, council, reviewID, o.ID, int(r.Level), strings.TrimSpace(r.PersonView), strings.TrimSpace(r.Note)); err != nil {
				return fmt.Errorf("rate outcome: %w", sqldb.Normalise(err))
			}
		}
		var decisions []Decision
		for _, svc := range v.Services {
			d, _ := h.Decision(svc.ID)
			decisions = append(decisions, d)
			if _, err := tx.ExecContext(ctx, `INSERT INTO review_service (council_id, review_id, service_id, decision, note)
				VALUES ($1, $2, $3, $4, $5)`, council, reviewID, svc.ID, string(d.Decision), strings.TrimSpace(d.Note)); err != nil {
				return fmt.Errorf("decide service: %w", sqldb.Normalise(err))
			}
			if d.Decision == Stop {
				if err := stopService(ctx, tx, personID, episodeID, svc, h.On, staff); err != nil {
					return err
				}
				res.Stopped++
			}
		}
		summary := fmt.Sprintf("Review held: outcomes %s; Goal Attainment T-score %.1f", strings.ToLower(res.Outcome), res.TScore)
		if err := chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, OccurredOn: h.On,
			Kind: chronology.Review, Summary: summary, RefID: reviewID}); err != nil {
			return err
		}
		if err := conversations.StartStep(ctx, tx, personID, episodeID, conversations.ReviewStep); err != nil {
			return err
		}
		if res.Finished = Finishes(v.Outcomes, h.Ratings, v.ServicesToDecide(), decisions, v.Waiting, h.PlanNeedsChange); res.Finished {
			// Nothing more to review: no next review and no new plan. The episode is ended from the review page.
			return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, OccurredOn: h.On,
				Kind: chronology.Review, Summary: "The review finished the support: every service stopped and every outcome met, so no further review is scheduled",
				RefID: reviewID})
		}
		if res.PlanChange = PlanMustChange(decisions, h.PlanNeedsChange); res.PlanChange {
			if res.NewPlanID, err = openRevision(ctx, tx, personID, episodeID, staff); err != nil {
				return err
			}
		}
		planID, agreedOn, err := agreedPlan(ctx, tx, episodeID)
		if err != nil {
			return err
		}
		res.NextDue, err = ScheduleNext(ctx, tx, Next{PersonID: personID, EpisodeID: episodeID, PlanID: planID, PlanAgreed: agreedOn, LastReview: h.On})
		return err
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// stopService ends a service a review decided to stop, by the rules of plans.ServiceStore.End: a request for
// authorisation still waiting is withdrawn, and the service ends on the day of the review (or on its start, if it
// had not started by then) with the reason StoppedAtReview.
func stopService(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, svc Service, on sqldb.Date, staff string) error {
	if !svc.Start.IsZero() && on.Before(svc.Start.Time) {
		on = svc.Start
	}
	if _, err := tx.ExecContext(ctx, `UPDATE authorisation SET decision = 'withdrawn', decided_at = $1, reason = $2, version = version + 1
		WHERE council_id = $3 AND service_id = $4 AND decision = ''`, tx.Now(), "The service ended before a decision: "+StoppedAtReview,
		tx.Council(), svc.ID); err != nil {
		return fmt.Errorf("withdraw the request for authorisation: %w", err)
	}
	if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE service SET status = 'ended', end_on = $1, ended_reason = $2, updated_at = $3,
		updated_by = $4, version = version + 1 WHERE council_id = $5 AND id = $6 AND episode_id = $7 AND status IN ('active', 'authorised')`,
		on, StoppedAtReview, tx.Now(), staff, tx.Council(), svc.ID, episodeID)); err != nil {
		return fmt.Errorf("stop service: %w", err)
	}
	return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, OccurredOn: on, Kind: chronology.Service,
		Summary: "Service stopped at review: " + svc.Name(), RefID: svc.ID})
}

// openRevision opens a new draft version of the episode's plan copying the agreed one (its snapshot, personal
// budget and crisis contact), for the practitioner to revise and agree. With a draft already open, or no agreed
// plan, it does nothing and returns "".
func openRevision(ctx context.Context, tx *sqldb.Tx, personID, episodeID, staff string) (string, error) {
	if draft, err := draftPlan(ctx, tx, episodeID); err != nil || draft != "" {
		return "", err
	}
	agreed, _, err := agreedPlan(ctx, tx, episodeID)
	if err != nil || agreed == "" {
		return "", err
	}
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(plan_version), 0) + 1 FROM support_plan WHERE council_id = $1 AND episode_id = $2`,
		tx.Council(), episodeID).Scan(&next); err != nil {
		return "", fmt.Errorf("number the new plan: %w", err)
	}
	id := sqldb.NewID()
	if _, err := tx.ExecContext(ctx, `INSERT INTO support_plan (council_id, id, person_id, episode_id, plan_version, status, snapshot,
		personal_budget_pence, crisis_contact, created_at, created_by, updated_at, updated_by, version)
		SELECT council_id, $1, person_id, episode_id, $2, 'draft', snapshot, personal_budget_pence, crisis_contact, $3, $4, $3, $4, 1
		FROM support_plan WHERE council_id = $5 AND id = $6`, id, next, tx.Now(), staff, tx.Council(), agreed); err != nil {
		return "", fmt.Errorf("open a new draft plan: %w", sqldb.Normalise(err))
	}
	return id, chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Plan,
		Summary: "Support plan version " + strconv.Itoa(next) + " opened as a draft after the review", RefID: id})
}

// DueReview is one scheduled review on a team's list.
type DueReview struct {
	ReviewID, PersonID, EpisodeID string
	Name                          string // "Family, Given" as a list reads
	WorkerName                    string
	DueOn                         sqldb.Date
	Status                        DueStatus
}

// TeamReviews is a team's reviews due and overdue.
type TeamReviews struct {
	TeamID, TeamName string
	Reviews          []DueReview
	Today            sqldb.Date
}

// Due lists a team's scheduled reviews that are due (within DueWithinDays) or overdue, most overdue first, for its
// team managers and the quality lead. Restricted records appear only to those
// granted them. Like a caseload, the list names people without opening their records, so it is not written to
// the access log.
func (s *Store) Due(ctx context.Context, teamID string) (TeamReviews, error) {
	staff, ok := councils.StaffFrom(ctx)
	if !ok {
		return TeamReviews{}, errors.New("reviews due: no member of staff in the context")
	}
	if staff.Role != councils.QualityLead && !(staff.Role == councils.TeamManager && staff.InTeam(teamID)) {
		return TeamReviews{}, fmt.Errorf("reviews due of team %s as %s: %w", teamID, staff.Role, sqldb.ErrForbidden)
	}
	out := TeamReviews{TeamID: teamID, Today: s.db.Today()}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT name FROM team WHERE council_id = $1 AND id = $2`, tx.Council(), teamID).Scan(&out.TeamName); err != nil {
			return fmt.Errorf("find team: %w", sqldb.Normalise(err))
		}
		until := sqldb.NewDate(out.Today.AddDate(0, 0, DueWithinDays))
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.person_id, r.episode_id, p.family_name, p.given_name, COALESCE(w.name, ''), r.due_on
			FROM review r
			JOIN person p ON p.council_id = r.council_id AND p.id = r.person_id
			LEFT JOIN staff w ON w.council_id = p.council_id AND w.id = p.worker_id
			WHERE r.council_id = $1 AND p.team_id = $2 AND r.status = $3 AND r.due_on <= $4
			AND (p.restricted = FALSE OR EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $5))
			ORDER BY r.due_on, p.family_key, p.given_key, r.id`, tx.Council(), teamID, StatusScheduled, until, staff.ID)
		if err != nil {
			return fmt.Errorf("read reviews due: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d DueReview
			var family, given string
			if err := rows.Scan(&d.ReviewID, &d.PersonID, &d.EpisodeID, &family, &given, &d.WorkerName, &d.DueOn); err != nil {
				return err
			}
			d.Name, d.Status = family+", "+given, Status(d.DueOn, out.Today)
			out.Reviews = append(out.Reviews, d)
		}
		return rows.Err()
	})
	if err != nil {
		return TeamReviews{}, err
	}
	return out, nil
}
