package crisis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps crises. Every method reads the council and the member of staff from the context, opens the person's
// record with people.Open (the access rule and one access-log entry) and, for a change, adds an event to the
// person's chronology and raises or meets the early review's duty, all in one transaction.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.db.Now() }

// Page is an episode's crisis page: the current crisis if any, earlier ones, and the council's review interval.
type Page struct {
	Person       people.Person
	Current      *Crisis  // with its reviews
	Past         []Crisis // newest first, with their reviews
	EpisodeEnded bool
	ReviewHours  int
}

// episode reports whether the person's episode has ended; an episode not theirs is sqldb.ErrNotFound.
func episode(ctx context.Context, tx *sqldb.Tx, personID, episodeID string) (ended bool, err error) {
	var result string
	err = tx.QueryRowContext(ctx, `SELECT result FROM episode WHERE council_id = $1 AND id = $2 AND person_id = $3`,
		tx.Council(), episodeID, personID).Scan(&result)
	if err != nil {
		return false, fmt.Errorf("find episode: %w", sqldb.Normalise(err))
	}
	return result != "", nil
}

func reviewHours(ctx context.Context, tx *sqldb.Tx) (int, error) {
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("read the council's settings: %w", err)
	}
	if set.CrisisReviewHours <= 0 {
		return DefaultReviewHours, nil
	}
	return set.CrisisReviewHours, nil
}

// Episode reads an episode's crises, logging a view of the person.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (Page, error) {
	return s.page(ctx, personID, episodeID, people.Log)
}

// Glance reads what Episode does without logging, for a form posted back whose change is logged.
func (s *Store) Glance(ctx context.Context, personID, episodeID string) (Page, error) {
	return s.page(ctx, personID, episodeID, people.Peek)
}

func (s *Store) page(ctx context.Context, personID, episodeID string, mode people.Mode) (Page, error) {
	var out Page
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, "", mode, accesslog.View); err != nil {
			return err
		}
		if out.EpisodeEnded, err = episode(ctx, tx, personID, episodeID); err != nil {
			return err
		}
		if out.ReviewHours, err = reviewHours(ctx, tx); err != nil {
			return err
		}
		all, err := read(ctx, tx, `c.episode_id = $2`, episodeID)
		if err != nil {
			return err
		}
		if err := withReviews(ctx, tx, all); err != nil {
			return err
		}
		for i := range all {
			if all[i].Current() {
				c := all[i]
				out.Current = &c
			} else {
				out.Past = append(out.Past, all[i])
			}
		}
		return nil
	})
	return out, err
}

// InCrisis reads the current crisis of each episode that has one, inside tx, for the caseload and the team's list
// (which put people in crisis at the top). It neither checks access nor logs: callers have reached the people whose
// episodes they pass.
func InCrisis(ctx context.Context, tx *sqldb.Tx, episodeIDs []string) (map[string]Crisis, error) {
	out := map[string]Crisis{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	// read puts the council first, as $1.
	in, args := sqldb.In([]any{tx.Council()}, episodeIDs)
	got, err := read(ctx, tx, `c.ended_at IS NULL AND c.episode_id IN (`+in+`)`, args[1:]...)
	if err != nil {
		return nil, err
	}
	for _, c := range got {
		out[c.EpisodeID] = c
	}
	return out, nil
}

// Banner reads an episode's current crisis, if any, for the episode page's banner. It applies the access rule but
// writes no access-log entry: the episode page logs its own view.
func (s *Store) Banner(ctx context.Context, personID, episodeID string) (Crisis, bool, error) {
	var c Crisis
	var ok bool
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Peek, accesslog.View); err != nil {
			return err
		}
		got, err := InCrisis(ctx, tx, []string{episodeID})
		if err != nil {
			return err
		}
		c, ok = got[episodeID]
		if ok && c.PersonID != personID {
			c, ok = Crisis{}, false
		}
		return nil
	})
	return c, ok, err
}

func read(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Crisis, error) {
	args = append([]any{tx.Council()}, args...)
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.person_id, c.episode_id, c.what_happened, c.marked_at, c.marked_by, COALESCE(s.name, ''),
		c.review_due_at, c.ended_at, c.version
		FROM crisis c LEFT JOIN staff s ON s.council_id = c.council_id AND s.id = c.marked_by
		WHERE c.council_id = $1 AND `+where+` ORDER BY c.marked_at DESC, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read crises: %w", err)
	}
	var out []Crisis
	index := map[string]int{}
	for rows.Next() {
		var c Crisis
		var ended sql.NullTime
		if err := rows.Scan(&c.ID, &c.PersonID, &c.EpisodeID, &c.WhatHappened, &c.MarkedAt, &c.MarkedBy, &c.MarkedByName, &c.ReviewDueAt,
			&ended, &c.Version); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read crisis: %w", err)
		}
		c.MarkedAt, c.ReviewDueAt = c.MarkedAt.UTC(), c.ReviewDueAt.UTC()
		if ended.Valid {
			c.EndedAt = ended.Time.UTC()
		}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	support, err := tx.QueryContext(ctx, `SELECT cs.crisis_id, cs.what FROM crisis_support cs
		WHERE cs.council_id = $1 AND cs.crisis_id IN (SELECT c.id FROM crisis c WHERE c.council_id = $1 AND `+where+`)
		ORDER BY cs.crisis_id, cs.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("read holding support: %w", err)
	}
	defer support.Close()
	for support.Next() {
		var id, what string
		if err := support.Scan(&id, &what); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Support = append(out[i].Support, what)
		}
	}
	return out, support.Err()
}

func withReviews(ctx context.Context, tx *sqldb.Tx, cs []Crisis) error {
	for i := range cs {
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.reviewed_at, r.what_happened, r.over, r.next_due_at, r.created_by, COALESCE(s.name, '')
			FROM crisis_review r LEFT JOIN staff s ON s.council_id = r.council_id AND s.id = r.created_by
			WHERE r.council_id = $1 AND r.crisis_id = $2 ORDER BY r.reviewed_at, r.id`, tx.Council(), cs[i].ID)
		if err != nil {
			return fmt.Errorf("read crisis reviews: %w", err)
		}
		for rows.Next() {
			var r Review
			var over bool
			var next sql.NullTime
			if err := rows.Scan(&r.ID, &r.At, &r.WhatHappened, &over, &next, &r.By, &r.ByName); err != nil {
				rows.Close()
				return err
			}
			r.At, r.Outcome = r.At.UTC(), Continuing
			if over {
				r.Outcome = Over
			}
			if next.Valid {
				r.NextDueAt = next.Time.UTC()
			}
			cs[i].Reviews = append(cs[i].Reviews, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func writeSupport(ctx context.Context, tx *sqldb.Tx, crisisID string, support []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM crisis_support WHERE council_id = $1 AND crisis_id = $2`, tx.Council(), crisisID); err != nil {
		return fmt.Errorf("clear holding support: %w", err)
	}
	for i, what := range support {
		if _, err := tx.ExecContext(ctx, `INSERT INTO crisis_support (council_id, crisis_id, position, what) VALUES ($1, $2, $3, $4)`,
			tx.Council(), crisisID, i+1, what); err != nil {
			return fmt.Errorf("add holding support: %w", sqldb.Normalise(err))
		}
	}
	return nil
}

func raiseReview(ctx context.Context, tx *sqldb.Tx, c Crisis) error {
	_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: c.PersonID, EpisodeID: c.EpisodeID, Kind: duties.CrisisReview, SubjectID: c.ID,
		Reason: "Early review of crisis holding support: " + clip(c.WhatHappened), Path: paths.Crisis.URL(c.PersonID, c.EpisodeID), DueAt: c.ReviewDueAt})
	if err != nil {
		return fmt.Errorf("raise the early review: %w", err)
	}
	return nil
}

// Mark marks an open episode as crisis with what happened and the holding support put in place, and raises the
// early review, due the council's CrisisReviewHours from now. An episode already in crisis, or ended, is refused
// with validation.Problems.
func (s *Store) Mark(ctx context.Context, personID, episodeID string, m Mark) (Crisis, error) {
	m.Normalise()
	if ps := m.Validate(); len(ps) > 0 {
		return Crisis{}, ps
	}
	var c Crisis
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Create); err != nil {
			return err
		}
		ended, err := episode(ctx, tx, personID, episodeID)
		if err != nil {
			return err
		}
		if ended {
			return validation.Problems{{Field: "what_happened", Message: "This episode has ended: open a new one to mark a crisis"}}
		}
		current, err := InCrisis(ctx, tx, []string{episodeID})
		if err != nil {
			return err
		}
		if _, ok := current[episodeID]; ok {
			return validation.Problems{{Field: "what_happened", Message: "This episode is already marked as crisis: record its early review instead"}}
		}
		hours, err := reviewHours(ctx, tx)
		if err != nil {
			return err
		}
		now := tx.Now()
		c = Crisis{ID: sqldb.NewID(), PersonID: personID, EpisodeID: episodeID, WhatHappened: m.WhatHappened, Support: m.Support,
			MarkedAt: now, MarkedBy: councils.StaffID(ctx), ReviewDueAt: ReviewDue(now, hours), Version: 1}
		if _, err := tx.ExecContext(ctx, `INSERT INTO crisis (council_id, id, person_id, episode_id, what_happened, marked_at, marked_by,
			review_due_at, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6, $7, 1)`,
			tx.Council(), c.ID, personID, episodeID, c.WhatHappened, now, c.MarkedBy, c.ReviewDueAt); err != nil {
			if errors.Is(sqldb.Normalise(err), sqldb.ErrConflict) {
				return validation.Problems{{Field: "what_happened", Message: "This episode is already marked as crisis: record its early review instead"}}
			}
			return fmt.Errorf("mark crisis: %w", sqldb.Normalise(err))
		}
		if err := writeSupport(ctx, tx, c.ID, c.Support); err != nil {
			return err
		}
		if err := raiseReview(ctx, tx, c); err != nil {
			return err
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Crisis, RefID: c.ID,
			Summary: "Marked as crisis: " + clip(c.WhatHappened) + ". Holding support: " + clip(strings.Join(c.Support, "; ")) +
				". Early review due " + UKTime(c.ReviewDueAt)})
	})
	if err != nil {
		return Crisis{}, err
	}
	return c, nil
}

// RecordReview records the early review of the episode's current crisis. Over ends the crisis (back to the four
// steps); Continuing keeps the holding support (replaced by r.Support when given) and raises the next early review,
// due CrisisReviewHours from now. version is the crisis's when the form was opened; a stale review is
// sqldb.ErrConflict and changes nothing.
func (s *Store) RecordReview(ctx context.Context, personID, episodeID, crisisID string, r Review, version int) (Review, error) {
	r.Normalise()
	if ps := r.Validate(); len(ps) > 0 {
		return Review{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		got, err := read(ctx, tx, `c.episode_id = $2 AND c.id = $3 AND c.person_id = $4`, episodeID, crisisID, personID)
		if err != nil {
			return err
		}
		if len(got) == 0 {
			return fmt.Errorf("find crisis: %w", sqldb.ErrNotFound)
		}
		c := got[0]
		if !c.Current() {
			return validation.Problems{{Field: "version", Message: "This crisis is already over"}}
		}
		hours, err := reviewHours(ctx, tx)
		if err != nil {
			return err
		}
		now := tx.Now()
		r.ID, r.At, r.By = sqldb.NewID(), now, councils.StaffID(ctx)
		var ended *time.Time
		endedBy := ""
		if r.Outcome == Over {
			ended, endedBy = &now, r.By
		} else {
			r.NextDueAt = ReviewDue(now, hours)
		}
		due := c.ReviewDueAt
		if !r.NextDueAt.IsZero() {
			due = r.NextDueAt
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE crisis SET review_due_at = $1, ended_at = $2, ended_by = $3, updated_at = $4,
			updated_by = $5, version = version + 1 WHERE council_id = $6 AND id = $7 AND version = $8`,
			due, ended, endedBy, now, r.By, tx.Council(), crisisID, version)); err != nil {
			return fmt.Errorf("review crisis: %w", err)
		}
		var next *time.Time
		if !r.NextDueAt.IsZero() {
			next = &r.NextDueAt
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO crisis_review (council_id, id, crisis_id, person_id, reviewed_at, what_happened, over,
			next_due_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			tx.Council(), r.ID, crisisID, personID, now, r.WhatHappened, r.Outcome == Over, next, r.By); err != nil {
			return fmt.Errorf("add crisis review: %w", sqldb.Normalise(err))
		}
		if len(r.Support) > 0 {
			if err := writeSupport(ctx, tx, crisisID, r.Support); err != nil {
				return err
			}
		}
		if err := duties.Meet(ctx, tx, duties.CrisisReview, crisisID, "done", r.Outcome.Label()); err != nil && !errors.Is(err, sqldb.ErrNotFound) {
			return fmt.Errorf("meet the early review: %w", err)
		}
		summary := "Crisis reviewed: " + clip(r.WhatHappened) + ". "
		if r.Outcome == Over {
			summary += "The crisis is over; back to the four steps"
		} else {
			c.ReviewDueAt = r.NextDueAt
			if err := raiseReview(ctx, tx, c); err != nil {
				return err
			}
			summary += "Holding support continues; next early review due " + UKTime(r.NextDueAt)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Crisis, RefID: crisisID,
			Summary: summary})
	})
	if err != nil {
		return Review{}, err
	}
	return r, nil
}
