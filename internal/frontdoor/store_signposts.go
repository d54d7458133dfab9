package frontdoor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func serviceName(ctx context.Context, tx *sqldb.Tx, id string) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM directory_service WHERE council_id = $1 AND id = $2`, tx.Council(), id).Scan(&name)
	if err != nil {
		if err = sqldb.Normalise(err); errors.Is(err, sqldb.ErrNotFound) {
			return "", validation.Problems{{Field: "directory_service_id", Message: "Select the service from the community directory"}}
		}
		return "", fmt.Errorf("find directory service: %w", err)
	}
	return name, nil
}

const signpostColumns = `s.id, s.person_id, s.episode_id, s.outcome_id, s.solution_id, s.directory_service_id, s.signposted_on, s.what_shared,
	s.shared_how, s.referred, s.consent, s.follow_up_on, s.followed_up_on, s.follow_up_result, s.follow_up_note, s.created_at, s.created_by,
	s.version, COALESCE(d.name, ''), COALESCE(o.different, '')`

func readSignposts(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Signpost, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+signpostColumns+` FROM signpost s
		LEFT JOIN directory_service d ON d.council_id = s.council_id AND d.id = s.directory_service_id
		LEFT JOIN outcome o ON o.council_id = s.council_id AND o.id = s.outcome_id
		WHERE s.council_id = $1 AND `+where+` ORDER BY s.signposted_on DESC, s.created_at DESC, s.id`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read signposts: %w", err)
	}
	defer rows.Close()
	var out []Signpost
	for rows.Next() {
		var sp Signpost
		var how, result string
		if err := rows.Scan(&sp.ID, &sp.PersonID, &sp.EpisodeID, &sp.OutcomeID, &sp.SolutionID, &sp.DirectoryServiceID, &sp.SignpostedOn,
			&sp.WhatShared, &how, &sp.Referred, &sp.Consent, &sp.FollowUpOn, &sp.FollowedUpOn, &result, &sp.ResultNote, &sp.CreatedAt,
			&sp.CreatedBy, &sp.Version, &sp.ServiceName, &sp.OutcomeText); err != nil {
			return nil, err
		}
		for _, h := range strings.Split(how, ",") {
			if h != "" {
				sp.SharedHow = append(sp.SharedHow, Shared(h))
			}
		}
		sp.Result, sp.CreatedAt = Helped(result), sp.CreatedAt.UTC()
		out = append(out, sp)
	}
	return out, rows.Err()
}

func joinShared(hs []Shared) string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = string(h)
	}
	return strings.Join(out, ",")
}

// insertSignpost adds a signpost after the caller has opened the person and the episode: it checks the service is
// the council's and, when it serves an outcome, puts a community solution using the service on the ladder.
func insertSignpost(ctx context.Context, tx *sqldb.Tx, sp *Signpost) (string, error) {
	name, err := serviceName(ctx, tx, sp.DirectoryServiceID)
	if err != nil {
		return "", err
	}
	sp.ID, sp.Version, sp.CreatedAt, sp.CreatedBy, sp.ServiceName = sqldb.NewID(), 1, tx.Now(), councils.StaffID(ctx), name
	if sp.OutcomeID != "" {
		sol, err := plans.AddDirectorySolution(ctx, tx, plans.Solution{PersonID: sp.PersonID, EpisodeID: sp.EpisodeID, Rung: plans.Community,
			Description: "Signposted to " + name, WhoWhen: "Follow up by " + sp.FollowUpOn.Format("2 January 2006"),
			DirectoryServiceID: sp.DirectoryServiceID, OutcomeIDs: []string{sp.OutcomeID}})
		if ps, ok := validation.AsProblems(err); ok {
			for i := range ps {
				if ps[i].Field == "outcome_ids" {
					ps[i].Field = "outcome_id"
				}
			}
			return "", ps
		}
		if err != nil {
			return "", err
		}
		sp.SolutionID = sol.ID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO signpost (council_id, id, person_id, episode_id, outcome_id, solution_id, directory_service_id,
		signposted_on, what_shared, shared_how, referred, consent, follow_up_on, created_at, created_by, updated_at, updated_by, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $15, 1)`,
		tx.Council(), sp.ID, sp.PersonID, sp.EpisodeID, sp.OutcomeID, sp.SolutionID, sp.DirectoryServiceID, sp.SignpostedOn, sp.WhatShared,
		joinShared(sp.SharedHow), sp.Referred, sp.Consent, sp.FollowUpOn, tx.Now(), sp.CreatedBy); err != nil {
		return "", fmt.Errorf("add signpost: %w", sqldb.Normalise(err))
	}
	what := "Signposted to " + name
	if sp.Referred {
		what = "Referred, with consent, to " + name
	}
	return sp.ID, chronology.Record(ctx, tx, chronology.Event{PersonID: sp.PersonID, EpisodeID: sp.EpisodeID, Kind: chronology.Signpost,
		OccurredOn: sp.SignpostedOn, RefID: sp.ID, Summary: what + "; follow up by " + sp.FollowUpOn.Format("2 January 2006")})
}

// AddSignpost records a signpost or referral to a community service from an episode, serving one of its outcomes
// when one is given (which puts a community solution using the service on the ladder).
func (s *Store) AddSignpost(ctx context.Context, sp Signpost) (Signpost, error) {
	sp.Normalise()
	if ps := sp.Validate(s.db.Today().Time); len(ps) > 0 {
		return Signpost{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, sp.PersonID, sp.EpisodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		_, err := insertSignpost(ctx, tx, &sp)
		return err
	})
	if err != nil {
		return Signpost{}, err
	}
	return sp, nil
}

// AddSignposts records signposts or referrals to one or more community services from an episode, all made on the
// date on, each serving one of its outcomes or none: one transaction and one access-log entry, so a problem with
// any of them records none. Each problem is on its signpost's fields (SignpostField).
func (s *Store) AddSignposts(ctx context.Context, personID, episodeID string, on sqldb.Date, sps []Signpost) ([]Signpost, error) {
	if len(sps) == 0 {
		return nil, validation.Problems{{Field: "signposts", Message: "Add a service from the community directory"}}
	}
	if ps := PrepareSignposts(sps, on, s.db.Today().Time); len(ps) > 0 {
		return nil, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create)
		if err != nil {
			return err
		}
		return insertSignposts(ctx, tx, p.ID, episodeID, sps)
	})
	if err != nil {
		return nil, err
	}
	return sps, nil
}

// insertSignposts adds prepared signposts to an episode after the caller has opened the person and the episode,
// each problem on its signpost's fields.
func insertSignposts(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, sps []Signpost) error {
	for i := range sps {
		sps[i].PersonID, sps[i].EpisodeID = personID, episodeID
		if _, err := insertSignpost(ctx, tx, &sps[i]); err != nil {
			if ps, ok := validation.AsProblems(err); ok {
				return ofSignpost(i, ps)
			}
			return err
		}
	}
	return nil
}

// SignpostsPage is an episode's signposts with the outcomes a new one may serve. The services a new one may use
// are found by the directory's search, not listed here: a big council's directory holds thousands.
type SignpostsPage struct {
	Person    people.Person
	Today     sqldb.Date // the day in the UK, for the follow-ups overdue
	Signposts []Signpost
	Outcomes  []outcomes.Outcome
}

// Signposts reads an episode's signposts and what the form offers, logging a view of the person.
func (s *Store) Signposts(ctx context.Context, personID, episodeID string) (SignpostsPage, error) {
	return s.signposts(ctx, personID, episodeID, people.Log)
}

// SignpostsGlance reads what Signposts does without logging, for a form posted back whose change is logged.
func (s *Store) SignpostsGlance(ctx context.Context, personID, episodeID string) (SignpostsPage, error) {
	return s.signposts(ctx, personID, episodeID, people.Peek)
}

func (s *Store) signposts(ctx context.Context, personID, episodeID string, mode people.Mode) (SignpostsPage, error) {
	var out SignpostsPage
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, mode, accesslog.View); err != nil {
			return err
		}
		out.Today = tx.Today()
		if out.Signposts, err = readSignposts(ctx, tx, `s.person_id = $2 AND s.episode_id = $3`, personID, episodeID); err != nil {
			return err
		}
		out.Outcomes, err = outcomes.ForEpisode(ctx, tx, episodeID)
		return err
	})
	return out, err
}

// Signpost reads one signpost of an episode's, logging a view of the person.
func (s *Store) Signpost(ctx context.Context, personID, episodeID, id string) (people.Person, Signpost, error) {
	return s.signpost(ctx, personID, episodeID, id, people.Log)
}

// SignpostGlance reads what Signpost does without logging, for a form posted back whose change is logged.
func (s *Store) SignpostGlance(ctx context.Context, personID, episodeID, id string) (people.Person, Signpost, error) {
	return s.signpost(ctx, personID, episodeID, id, people.Peek)
}

func (s *Store) signpost(ctx context.Context, personID, episodeID, id string, mode people.Mode) (people.Person, Signpost, error) {
	var p people.Person
	var sp Signpost
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", mode, accesslog.View); err != nil {
			return err
		}
		sp, err = oneSignpost(ctx, tx, personID, episodeID, id)
		return err
	})
	return p, sp, err
}

func oneSignpost(ctx context.Context, tx *sqldb.Tx, personID, episodeID, id string) (Signpost, error) {
	got, err := readSignposts(ctx, tx, `s.person_id = $2 AND s.episode_id = $3 AND s.id = $4`, personID, episodeID, id)
	if err != nil {
		return Signpost{}, err
	}
	if len(got) == 0 {
		return Signpost{}, fmt.Errorf("find signpost: %w", sqldb.ErrNotFound)
	}
	return got[0], nil
}

// RecordFollowUp records whether a signpost helped, and why. version is the signpost's when the form was opened; a
// stale follow-up is sqldb.ErrConflict and changes nothing.
func (s *Store) RecordFollowUp(ctx context.Context, personID, episodeID, id string, f FollowUp, version int) error {
	f.Note = strings.TrimSpace(f.Note)
	today := s.db.Today().Time
	if ps := f.Validate(sqldb.Date{}, today); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		sp, err := oneSignpost(ctx, tx, personID, episodeID, id)
		if err != nil {
			return err
		}
		if ps := f.Validate(sp.SignpostedOn, today); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE signpost SET followed_up_on = $1, follow_up_result = $2, follow_up_note = $3,
			updated_at = $4, updated_by = $5, version = version + 1 WHERE council_id = $6 AND id = $7 AND version = $8`,
			f.On, string(f.Result), f.Note, tx.Now(), councils.StaffID(ctx), tx.Council(), id, version)); err != nil {
			return fmt.Errorf("follow up signpost: %w", err)
		}
		summary := "Followed up " + sp.ServiceName + ": " + strings.ToLower(f.Result.Label())
		if f.Note != "" {
			summary += " (" + clip(f.Note) + ")"
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Signpost,
			OccurredOn: f.On, RefID: id, Summary: summary})
	})
}

// ServiceUse counts how often a directory service was signposted to or referred to, and what the follow-ups
// found: counts only, about no one in particular, so it writes no access-log entry.
func (s *Store) ServiceUse(ctx context.Context, serviceID string) (Use, error) {
	u := Use{Results: map[Helped]int{}}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT referred, follow_up_result, count(*) FROM signpost
			WHERE council_id = $1 AND directory_service_id = $2 GROUP BY referred, follow_up_result`, tx.Council(), serviceID)
		if err != nil {
			return fmt.Errorf("count signposts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var referred bool
			var result string
			var n int
			if err := rows.Scan(&referred, &result, &n); err != nil {
				return err
			}
			u.Signposts += n
			if referred {
				u.Referrals += n
			}
			if result != "" {
				u.FollowedUp += n
				u.Results[Helped(result)] += n
			}
		}
		return rows.Err()
	})
	return u, err
}

// FollowUpsOverdue are an episode's signposts whose follow-up date has passed without a follow-up recorded.
type FollowUpsOverdue struct {
	Count int
	Since sqldb.Date // the earliest follow-up date passed
}

// OverdueFollowUps returns, for the episodes given, their signposts whose follow-up is overdue, in one query: for a
// caseload's next actions. Episodes with none are left out.
func OverdueFollowUps(ctx context.Context, tx *sqldb.Tx, episodeIDs []string, today sqldb.Date) (map[string]FollowUpsOverdue, error) {
	out := map[string]FollowUpsOverdue{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council(), today}, episodeIDs)
	rows, err := tx.QueryContext(ctx, `SELECT episode_id, count(*), min(follow_up_on) FROM signpost
		WHERE council_id = $1 AND follow_up_result = '' AND follow_up_on IS NOT NULL AND follow_up_on < $2
		AND episode_id IN (`+in+`) GROUP BY episode_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read overdue follow-ups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var o FollowUpsOverdue
		if err := rows.Scan(&id, &o.Count, &o.Since); err != nil {
			return nil, fmt.Errorf("read overdue follow-ups: %w", err)
		}
		out[id] = o
	}
	return out, rows.Err()
}
