package thread

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/risks"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store reads the thread from the outcome, plan and review tables.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Episode reads one episode's thread for the signed-in member of staff and logs the view of the person's record.
// An episode that is not this person's, or a person in another council, is sqldb.ErrNotFound.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (people.Person, View, error) {
	var p people.Person
	var v View
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		data, err := Load(ctx, tx, []string{episodeID})
		if err != nil {
			return err
		}
		v = Build(data[episodeID])
		if err := besideRisks(ctx, tx, &v, personID, episodeID); err != nil {
			return err
		}
		return besideBestInterests(ctx, tx, &v, personID, episodeID)
	})
	if err != nil {
		return people.Person{}, View{}, err
	}
	return p, v, nil
}

// Load reads the thread data of several episodes at once, inside tx, for a caseload that counts each person's
// breaks. It neither checks access nor logs: callers do, for the people whose episodes they pass.
func Load(ctx context.Context, tx *sqldb.Tx, episodeIDs []string) (map[string]Data, error) {
	out := make(map[string]Data, len(episodeIDs))
	if len(episodeIDs) == 0 {
		return out, nil
	}
	today := tx.Today()
	for _, id := range episodeIDs {
		out[id] = Data{Today: today}
	}
	council := tx.Council()
	in, args := sqldb.In([]any{council}, episodeIDs)
	update := func(id string, fn func(d *Data)) {
		d := out[id]
		fn(&d)
		out[id] = d
	}
	each := func(query string, scan func(rows *sql.Rows) error) error {
		return sqldb.Each(ctx, tx, query, args, scan)
	}

	// Outcomes, and the aspirations they serve.
	err := each(`SELECT `+outcomes.Columns+`, o.created_at, COALESCE(a.term, ''), COALESCE(a.person_words, '')
		FROM outcome o LEFT JOIN aspiration a ON a.council_id = o.council_id AND a.id = o.aspiration_id
		WHERE o.council_id = $1 AND o.episode_id IN (`+in+`) ORDER BY o.created_at, o.id`,
		func(rows *sql.Rows) error {
			var term, words string
			var created time.Time
			got, err := outcomes.Scan(rows, &created, &term, &words)
			if err != nil {
				return err
			}
			o := OutcomeRecord{Outcome: got, SetOn: sqldb.UKDate(created)}
			update(o.EpisodeID, func(d *Data) {
				d.Outcomes = append(d.Outcomes, o)
				if o.AspirationID != "" && !hasAspiration(d.Aspirations, o.AspirationID) {
					d.Aspirations = append(d.Aspirations, Aspiration{ID: o.AspirationID, Term: outcomes.Term(term), Words: words})
				}
			})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read outcomes: %w", err)
	}

	// Solutions, with the outcomes each serves.
	err = each(`SELECT s.episode_id, s.id, s.rung, s.description, s.lower_rungs_reason, COALESCE(so.outcome_id, '')
		FROM solution s LEFT JOIN solution_outcome so ON so.council_id = s.council_id AND so.solution_id = s.id
		WHERE s.council_id = $1 AND s.episode_id IN (`+in+`) ORDER BY s.created_at, s.id, so.outcome_id`,
		func(rows *sql.Rows) error {
			var episode, id, rung, desc, reason, outcome string
			if err := rows.Scan(&episode, &id, &rung, &desc, &reason, &outcome); err != nil {
				return err
			}
			r, err := plans.ParseRung(rung)
			if err != nil {
				return fmt.Errorf("solution %s: %w", id, err)
			}
			update(episode, func(d *Data) {
				if n := len(d.Solutions); n == 0 || d.Solutions[n-1].ID != id {
					d.Solutions = append(d.Solutions, Solution{ID: id, Rung: r, Description: desc, Reason: reason})
				}
				if outcome != "" {
					last := &d.Solutions[len(d.Solutions)-1]
					last.OutcomeIDs = append(last.OutcomeIDs, outcome)
				}
			})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read solutions: %w", err)
	}

	// Services, with the outcomes each serves.
	err = each(`SELECT s.episode_id, s.id, s.service_type, s.provider, s.status, s.end_on, COALESCE(s.solution_id, ''), COALESCE(so.outcome_id, '')
		FROM service s LEFT JOIN service_outcome so ON so.council_id = s.council_id AND so.service_id = s.id
		WHERE s.council_id = $1 AND s.episode_id IN (`+in+`) ORDER BY s.created_at, s.id, so.outcome_id`,
		func(rows *sql.Rows) error {
			var episode, id, typ, provider, status, solution, outcome string
			var end sqldb.Date
			if err := rows.Scan(&episode, &id, &typ, &provider, &status, &end, &solution, &outcome); err != nil {
				return err
			}
			update(episode, func(d *Data) {
				if n := len(d.Services); n == 0 || d.Services[n-1].ID != id {
					d.Services = append(d.Services, Service{ID: id, Type: typ, Provider: provider, Status: plans.ServiceStatus(status), EndOn: end,
						SolutionID: solution})
				}
				if outcome != "" {
					last := &d.Services[len(d.Services)-1]
					last.OutcomeIDs = append(last.OutcomeIDs, outcome)
				}
			})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}

	// Completed reviews, with each rating.
	err = each(`SELECT r.episode_id, r.id, r.held_on, COALESCE(rr.outcome_id, ''), COALESCE(rr.level, 0)
		FROM review r LEFT JOIN review_rating rr ON rr.council_id = r.council_id AND rr.review_id = r.id
		WHERE r.council_id = $1 AND r.episode_id IN (`+in+`) AND r.status = 'completed' ORDER BY r.held_on, r.id`,
		func(rows *sql.Rows) error {
			var episode, id, outcome string
			var held sqldb.Date
			var level int
			if err := rows.Scan(&episode, &id, &held, &outcome, &level); err != nil {
				return err
			}
			update(episode, func(d *Data) {
				if n := len(d.Reviews); n == 0 || d.Reviews[n-1].ID != id {
					d.Reviews = append(d.Reviews, Review{ID: id, HeldOn: held, Ratings: map[string]outcomes.Level{}})
				}
				if outcome != "" {
					d.Reviews[len(d.Reviews)-1].Ratings[outcome] = outcomes.Level(level)
				}
			})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read reviews: %w", err)
	}

	// Whether each episode's latest plan is agreed.
	err = each(`SELECT p.episode_id, p.status FROM support_plan p
		WHERE p.council_id = $1 AND p.episode_id IN (`+in+`)
		AND p.plan_version = (SELECT max(q.plan_version) FROM support_plan q WHERE q.council_id = p.council_id AND q.episode_id = p.episode_id)`,
		func(rows *sql.Rows) error {
			var episode, status string
			if err := rows.Scan(&episode, &status); err != nil {
				return err
			}
			update(episode, func(d *Data) { d.PlanAgreed = status == "agreed" })
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read plans: %w", err)
	}
	return out, nil
}

func hasAspiration(as []Aspiration, id string) bool {
	for _, a := range as {
		if a.ID == id {
			return true
		}
	}
	return false
}

// besideRisks shows each of the episode's risks that is not closed beside the outcomes it affects, with its positive
// risk-taking decision and review date.
func besideRisks(ctx context.Context, tx *sqldb.Tx, v *View, personID, episodeID string) error {
	rs, err := risks.ForEpisodes(ctx, tx, []string{episodeID})
	if err != nil {
		return err
	}
	today := tx.Today().Time
	for _, r := range rs {
		if r.Closed() {
			continue
		}
		for _, id := range r.OutcomeIDs {
			v.AddBeside(id, Linked{Kind: "Risk", Title: r.What, Detail: r.Decision.Summary(), DateLabel: "Review by", Date: r.ReviewOn,
				Overdue: r.ReviewOverdue(today), Href: paths.Risk.URL(personID, episodeID, r.ID)})
		}
	}
	return nil
}

// besideBestInterests shows each of the episode's best-interests decisions beside the outcomes it affects, with the
// option chosen and who decided.
func besideBestInterests(ctx context.Context, tx *sqldb.Tx, v *View, personID, episodeID string) error {
	bs, err := capacity.ForEpisode(ctx, tx, episodeID)
	if err != nil {
		return err
	}
	for _, b := range bs {
		detail := "Decided by " + b.DecidedBy
		if b.Chosen >= 0 && b.Chosen < len(b.Options) {
			detail = "Chosen: " + b.Options[b.Chosen].Text + ". " + detail
		}
		for _, id := range b.OutcomeIDs {
			v.AddBeside(id, Linked{Kind: "Best-interests decision", Title: b.Decision, Detail: detail, DateLabel: "Decided", Date: b.DecidedOn,
				Href: paths.Assessment.URL(personID, episodeID, b.AssessmentID)})
		}
	}
	return nil
}
