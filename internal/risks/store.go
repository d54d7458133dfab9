package risks

import (
	"context"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"slices"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps risks. Every method reads the council and the member of staff from the context, opens the person's
// record with people.Open (the access rule and one access-log entry) and, for a change, adds an event to the
// person's chronology and raises or meets the risk's review duty, all in one transaction.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Choice is an outcome or solution a risk can be linked to.
type Choice struct {
	ID, Text string
}

// Page is an episode's risks with what a risk's form offers.
type Page struct {
	Person    people.Person
	Risks     []Risk // open risks first, then by review date
	Outcomes  []Choice
	Solutions []Choice
}

// Outcome returns the text of the outcome with id, or "".
func (p Page) Outcome(id string) string { return choiceText(p.Outcomes, id) }

// Solution returns the text of the solution with id, or "".
func (p Page) Solution(id string) string { return choiceText(p.Solutions, id) }

func choiceText(cs []Choice, id string) string {
	for _, c := range cs {
		if c.ID == id {
			return c.Text
		}
	}
	return ""
}

// Risks reads an episode's risks and what a form offers, logging a view of the person.
func (s *Store) Risks(ctx context.Context, personID, episodeID string) (Page, error) {
	return s.page(ctx, personID, episodeID, people.Log)
}

// RisksGlance reads what Risks does without logging, for a form posted back whose change is logged.
func (s *Store) RisksGlance(ctx context.Context, personID, episodeID string) (Page, error) {
	return s.page(ctx, personID, episodeID, people.Peek)
}

func (s *Store) page(ctx context.Context, personID, episodeID string, mode people.Mode) (Page, error) {
	var out Page
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, mode, accesslog.View); err != nil {
			return err
		}
		if out.Risks, err = ForEpisodes(ctx, tx, []string{episodeID}); err != nil {
			return err
		}
		out.Outcomes, out.Solutions, err = choices(ctx, tx, episodeID)
		return err
	})
	return out, err
}

// Risk reads one risk of an episode with its reviews, and what its form offers, logging a view of the person.
func (s *Store) Risk(ctx context.Context, personID, episodeID, id string) (Page, Risk, error) {
	return s.one(ctx, personID, episodeID, id, people.Log)
}

// RiskGlance reads what Risk does without logging, for a form posted back whose change is logged.
func (s *Store) RiskGlance(ctx context.Context, personID, episodeID, id string) (Page, Risk, error) {
	return s.one(ctx, personID, episodeID, id, people.Peek)
}

func (s *Store) one(ctx context.Context, personID, episodeID, id string, mode people.Mode) (Page, Risk, error) {
	var out Page
	var r Risk
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, mode, accesslog.View); err != nil {
			return err
		}
		if r, err = oneRisk(ctx, tx, episodeID, id); err != nil {
			return err
		}
		out.Outcomes, out.Solutions, err = choices(ctx, tx, episodeID)
		return err
	})
	return out, r, err
}

func oneRisk(ctx context.Context, tx *sqldb.Tx, episodeID, id string) (Risk, error) {
	got, err := read(ctx, tx, `r.episode_id = $2 AND r.id = $3`, episodeID, id)
	if err != nil {
		return Risk{}, err
	}
	if len(got) == 0 {
		return Risk{}, fmt.Errorf("find risk: %w", sqldb.ErrNotFound)
	}
	r := got[0]
	rows, err := tx.QueryContext(ctx, `SELECT id, risk_id, reviewed_on, what_happened, result, next_review_on, created_at, created_by
		FROM risk_review WHERE council_id = $1 AND risk_id = $2 ORDER BY reviewed_on DESC, created_at DESC, id`, tx.Council(), id)
	if err != nil {
		return Risk{}, fmt.Errorf("read risk reviews: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rv Review
		var result string
		if err := rows.Scan(&rv.ID, &rv.RiskID, &rv.On, &rv.WhatHappened, &result, &rv.NextReviewOn, &rv.CreatedAt, &rv.CreatedBy); err != nil {
			return Risk{}, err
		}
		rv.Result, rv.CreatedAt = Status(result), rv.CreatedAt.UTC()
		r.Reviews = append(r.Reviews, rv)
	}
	return r, rows.Err()
}

// ForEpisodes reads the risks of several episodes (without their reviews), open risks first and then by review
// date, inside tx. It neither checks access nor logs: callers have reached the people whose episodes they pass.
func ForEpisodes(ctx context.Context, tx *sqldb.Tx, episodeIDs []string) ([]Risk, error) {
	if len(episodeIDs) == 0 {
		return nil, nil
	}
	// read puts the council first, as $1.
	in, args := sqldb.In([]any{tx.Council()}, episodeIDs)
	return read(ctx, tx, `r.episode_id IN (`+in+`)`, args[1:]...)
}

func read(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Risk, error) {
	args = append([]any{tx.Council()}, args...)
	rows, err := tx.QueryContext(ctx, `SELECT r.id, r.person_id, r.episode_id, r.what, r.person_view, r.what_matters, r.could_go_wrong,
		r.likelihood, r.severity, r.decision_agreed, r.decision_note, r.decided_on, r.review_on, r.status, r.created_at, r.created_by, r.version
		FROM risk r WHERE r.council_id = $1 AND `+where+` ORDER BY r.review_on, r.created_at, r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read risks: %w", err)
	}
	var out []Risk
	index := map[string]int{}
	for rows.Next() {
		var r Risk
		var likelihood, severity, status string
		if err := rows.Scan(&r.ID, &r.PersonID, &r.EpisodeID, &r.What, &r.PersonView, &r.WhatMatters, &r.CouldGoWrong, &likelihood, &severity,
			&r.Decision.Agreed, &r.Decision.Note, &r.Decision.On, &r.ReviewOn, &status, &r.CreatedAt, &r.CreatedBy, &r.Version); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read risk: %w", err)
		}
		r.Likelihood, r.Severity, r.Status, r.CreatedAt = Likelihood(likelihood), Severity(severity), Status(status), r.CreatedAt.UTC()
		r.Decision.Made = !r.Decision.On.IsZero()
		index[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	// The child rows of the risks read, by the same filter.
	child := func(query string, scan func(rows interface{ Scan(...any) error }, r *Risk) error) error {
		rows, err := tx.QueryContext(ctx, query+` WHERE c.council_id = $1 AND c.risk_id IN (SELECT r.id FROM risk r WHERE r.council_id = $1 AND `+
			where+`) ORDER BY c.risk_id, 3`, args...)
		if err != nil {
			return fmt.Errorf("read risks' details: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var r Risk
			if err := scan(&idScanner{rows: rows, id: &id}, &r); err != nil {
				return err
			}
			if i, ok := index[id]; ok {
				target := &out[i]
				target.Mitigations = append(target.Mitigations, r.Mitigations...)
				target.Decision.AgreedBy = append(target.Decision.AgreedBy, r.Decision.AgreedBy...)
				target.OutcomeIDs = append(target.OutcomeIDs, r.OutcomeIDs...)
				target.SolutionIDs = append(target.SolutionIDs, r.SolutionIDs...)
			}
		}
		return rows.Err()
	}
	if err := child(`SELECT c.risk_id, c.what, c.position, c.who FROM risk_mitigation c`, func(rows interface{ Scan(...any) error }, r *Risk) error {
		var m Mitigation
		var pos int
		if err := rows.Scan(&m.What, &pos, &m.Who); err != nil {
			return err
		}
		r.Mitigations = []Mitigation{m}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := child(`SELECT c.risk_id, c.name, c.position, c.role FROM risk_agreed_by c`, func(rows interface{ Scan(...any) error }, r *Risk) error {
		var a Agreer
		var pos int
		if err := rows.Scan(&a.Name, &pos, &a.Role); err != nil {
			return err
		}
		r.Decision.AgreedBy = []Agreer{a}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := child(`SELECT c.risk_id, c.kind, c.ref_id FROM risk_link c`, func(rows interface{ Scan(...any) error }, r *Risk) error {
		var kind, ref string
		if err := rows.Scan(&kind, &ref); err != nil {
			return err
		}
		if kind == "outcome" {
			r.OutcomeIDs = []string{ref}
		} else {
			r.SolutionIDs = []string{ref}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Risk) int {
		if a.Closed() != b.Closed() {
			if a.Closed() {
				return 1
			}
			return -1
		}
		return 0
	})
	return out, nil
}

// idScanner reads the first column, the risk's ID, and hands the rest to the caller's scan.
type idScanner struct {
	rows interface{ Scan(...any) error }
	id   *string
}

func (s *idScanner) Scan(dest ...any) error { return s.rows.Scan(append([]any{s.id}, dest...)...) }

// choices are the episode's outcomes and solutions, oldest first.
func choices(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Choice, []Choice, error) {
	list := func(query string) ([]Choice, error) {
		rows, err := tx.QueryContext(ctx, query, tx.Council(), episodeID)
		if err != nil {
			return nil, fmt.Errorf("read the episode's outcomes and solutions: %w", err)
		}
		defer rows.Close()
		var out []Choice
		for rows.Next() {
			var c Choice
			if err := rows.Scan(&c.ID, &c.Text); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, rows.Err()
	}
	os, err := list(`SELECT id, different FROM outcome WHERE council_id = $1 AND episode_id = $2 ORDER BY created_at, id`)
	if err != nil {
		return nil, nil, err
	}
	ss, err := list(`SELECT id, description FROM solution WHERE council_id = $1 AND episode_id = $2 ORDER BY created_at, id`)
	return os, ss, err
}

// checkLinks refuses outcomes and solutions that are not the episode's.
func checkLinks(ctx context.Context, tx *sqldb.Tx, r Risk) error {
	os, ss, err := choices(ctx, tx, r.EpisodeID)
	if err != nil {
		return err
	}
	var ps validation.Problems
	for _, id := range r.OutcomeIDs {
		if !slices.ContainsFunc(os, func(c Choice) bool { return c.ID == id }) {
			ps.Append("outcome_ids", "Choose outcomes from this episode")
			break
		}
	}
	for _, id := range r.SolutionIDs {
		if !slices.ContainsFunc(ss, func(c Choice) bool { return c.ID == id }) {
			ps.Append("solution_ids", "Choose solutions from this episode")
			break
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// writeDetails replaces a risk's mitigations, agreers and links.
func writeDetails(ctx context.Context, tx *sqldb.Tx, r Risk) error {
	for _, table := range []string{"risk_mitigation", "risk_agreed_by", "risk_link"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE council_id = $1 AND risk_id = $2`, tx.Council(), r.ID); err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	for i, m := range r.Mitigations {
		if _, err := tx.ExecContext(ctx, `INSERT INTO risk_mitigation (council_id, risk_id, position, what, who) VALUES ($1, $2, $3, $4, $5)`,
			tx.Council(), r.ID, i+1, m.What, m.Who); err != nil {
			return fmt.Errorf("add mitigation: %w", sqldb.Normalise(err))
		}
	}
	for i, a := range r.Decision.AgreedBy {
		if _, err := tx.ExecContext(ctx, `INSERT INTO risk_agreed_by (council_id, risk_id, position, name, role) VALUES ($1, $2, $3, $4, $5)`,
			tx.Council(), r.ID, i+1, a.Name, a.Role); err != nil {
			return fmt.Errorf("add who agreed: %w", sqldb.Normalise(err))
		}
	}
	link := func(kind string, ids []string) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO risk_link (council_id, risk_id, kind, ref_id) VALUES ($1, $2, $3, $4)`,
				tx.Council(), r.ID, kind, id); err != nil {
				return fmt.Errorf("link risk: %w", sqldb.Normalise(err))
			}
		}
		return nil
	}
	if err := link("outcome", r.OutcomeIDs); err != nil {
		return err
	}
	return link("solution", r.SolutionIDs)
}

// raiseReview raises (or moves) the required action to review the risk by the end of its review date.
func raiseReview(ctx context.Context, tx *sqldb.Tx, r Risk) error {
	_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: r.PersonID, EpisodeID: r.EpisodeID, Kind: duties.RiskReview, SubjectID: r.ID,
		Reason: "Review the positive risk-taking decision: " + clip(r.What), Path: paths.Risk.URL(r.PersonID, r.EpisodeID, r.ID),
		DueAt: duties.EndOfDay(r.ReviewOn)})
	if err != nil {
		return fmt.Errorf("raise the risk's review: %w", err)
	}
	return nil
}

// Add records a new risk on an episode with its decision and review date, raising the review as a required action.
// Problems come back as validation.Problems and change nothing.
func (s *Store) Add(ctx context.Context, r Risk) (Risk, error) {
	r.Normalise()
	if ps := r.Validate(s.db.Today().Time, sqldb.Date{}); len(ps) > 0 {
		return Risk{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, r.PersonID, r.EpisodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		if err := checkLinks(ctx, tx, r); err != nil {
			return err
		}
		r.ID, r.Version, r.Status, r.CreatedAt, r.CreatedBy = sqldb.NewID(), 1, Open, tx.Now(), councils.StaffID(ctx)
		if _, err := tx.ExecContext(ctx, `INSERT INTO risk (council_id, id, person_id, episode_id, what, person_view, what_matters,
			could_go_wrong, likelihood, severity, decision_agreed, decision_note, decided_on, review_on, status, created_at, created_by,
			updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16, $17, 1)`,
			tx.Council(), r.ID, r.PersonID, r.EpisodeID, r.What, r.PersonView, r.WhatMatters, r.CouldGoWrong, string(r.Likelihood),
			string(r.Severity), r.Decision.Agreed, r.Decision.Note, r.Decision.On, r.ReviewOn, string(r.Status), r.CreatedAt, r.CreatedBy); err != nil {
			return fmt.Errorf("add risk: %w", sqldb.Normalise(err))
		}
		if err := writeDetails(ctx, tx, r); err != nil {
			return err
		}
		if err := raiseReview(ctx, tx, r); err != nil {
			return err
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: r.PersonID, EpisodeID: r.EpisodeID, Kind: chronology.Risk, RefID: r.ID,
			OccurredOn: r.Decision.On, Summary: "Risk recorded: " + clip(r.What) + ". " + r.Decision.Summary() + "; review by " +
				r.ReviewOn.Format("2 January 2006")})
	})
	if err != nil {
		return Risk{}, err
	}
	return r, nil
}

// Update saves a changed risk if nobody else changed it since r.Version; otherwise it changes nothing and returns
// sqldb.ErrConflict. A changed review date moves the required action. A closed risk cannot be changed.
func (s *Store) Update(ctx context.Context, r Risk) error {
	r.Normalise()
	today := s.db.Today().Time
	if ps := r.Validate(today, r.ReviewOn); len(ps) > 0 {
		// The review date is checked against the saved one below.
		if ps = dropField(ps, "review_on"); len(ps) > 0 {
			return ps
		}
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, r.PersonID, r.EpisodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		was, err := oneRisk(ctx, tx, r.EpisodeID, r.ID)
		if err != nil {
			return err
		}
		if was.Closed() {
			return validation.Problems{{Field: "version", Message: "This risk was closed at its review and cannot be changed"}}
		}
		if ps := r.Validate(today, was.ReviewOn); len(ps) > 0 {
			return ps
		}
		if err := checkLinks(ctx, tx, r); err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE risk SET what = $1, person_view = $2, what_matters = $3, could_go_wrong = $4,
			likelihood = $5, severity = $6, decision_agreed = $7, decision_note = $8, decided_on = $9, review_on = $10, updated_at = $11,
			updated_by = $12, version = version + 1 WHERE council_id = $13 AND id = $14 AND version = $15`,
			r.What, r.PersonView, r.WhatMatters, r.CouldGoWrong, string(r.Likelihood), string(r.Severity), r.Decision.Agreed, r.Decision.Note,
			r.Decision.On, r.ReviewOn, tx.Now(), councils.StaffID(ctx), tx.Council(), r.ID, r.Version)); err != nil {
			return fmt.Errorf("change risk: %w", err)
		}
		if err := writeDetails(ctx, tx, r); err != nil {
			return err
		}
		if err := raiseReview(ctx, tx, r); err != nil {
			return err
		}
		summary := "Risk changed: " + clip(r.What)
		if !r.ReviewOn.Equal(was.ReviewOn.Time) {
			summary += "; review now by " + r.ReviewOn.Format("2 January 2006")
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: r.PersonID, EpisodeID: r.EpisodeID, Kind: chronology.Risk, RefID: r.ID,
			Summary: summary})
	})
}

func dropField(ps validation.Problems, field string) validation.Problems {
	var out validation.Problems
	for _, p := range ps {
		if p.Field != field {
			out = append(out, p)
		}
	}
	return out
}

// RecordReview records a review of a risk: it meets the review's required action and, unless the review closed the
// risk, raises the next by the next review date. version is the risk's when the form was opened; a stale review is
// sqldb.ErrConflict and changes nothing.
func (s *Store) RecordReview(ctx context.Context, personID, episodeID, riskID string, rv Review, version int) (Review, error) {
	rv.Normalise()
	if ps := rv.Validate(s.db.Today().Time); len(ps) > 0 {
		return Review{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		r, err := oneRisk(ctx, tx, episodeID, riskID)
		if err != nil {
			return err
		}
		if r.Closed() {
			return validation.Problems{{Field: "version", Message: "This risk was closed at an earlier review"}}
		}
		if rv.On.Before(sqldb.UKDate(r.CreatedAt).Time) {
			return validation.Problems{{Field: "reviewed_on", Message: "Date of the review must be on or after the day the risk was recorded, " +
				sqldb.UKDate(r.CreatedAt).Format("2 January 2006")}}
		}
		next := rv.NextReviewOn
		if rv.Result == Closed {
			next = r.ReviewOn // the last review date stays on the record
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE risk SET status = $1, review_on = $2, updated_at = $3, updated_by = $4,
			version = version + 1 WHERE council_id = $5 AND id = $6 AND version = $7`,
			string(rv.Result), next, tx.Now(), councils.StaffID(ctx), tx.Council(), riskID, version)); err != nil {
			return fmt.Errorf("review risk: %w", err)
		}
		rv.ID, rv.RiskID, rv.CreatedAt, rv.CreatedBy = sqldb.NewID(), riskID, tx.Now(), councils.StaffID(ctx)
		if _, err := tx.ExecContext(ctx, `INSERT INTO risk_review (council_id, id, risk_id, person_id, reviewed_on, what_happened, result,
			next_review_on, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			tx.Council(), rv.ID, riskID, personID, rv.On, rv.WhatHappened, string(rv.Result), rv.NextReviewOn, rv.CreatedAt, rv.CreatedBy); err != nil {
			return fmt.Errorf("add risk review: %w", sqldb.Normalise(err))
		}
		if err := duties.Meet(ctx, tx, duties.RiskReview, riskID, "done", "Reviewed: "+rv.Result.Label()); err != nil && !errors.Is(err, sqldb.ErrNotFound) {
			return fmt.Errorf("meet the risk's review: %w", err)
		}
		summary := "Risk reviewed: " + clip(r.What) + ". " + rv.Result.Label()
		if rv.Result != Closed {
			r.ReviewOn = rv.NextReviewOn
			if err := raiseReview(ctx, tx, r); err != nil {
				return err
			}
			summary += "; next review by " + rv.NextReviewOn.Format("2 January 2006")
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Risk, RefID: riskID,
			OccurredOn: rv.On, Summary: summary})
	})
	if err != nil {
		return Review{}, err
	}
	return rv, nil
}
