package caseloads

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/thread"
)

// Store reads caseloads.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Result is one page of a caseload.
type Result struct {
	Entries []Entry
	Total   int // people on the whole caseload
	Page    int
	Pages   int
	Waiting int // authorisations waiting for the people on the whole caseload
}

// Caseload reads one page of a caseload, most urgent first: people in crisis awaiting their early review, then
// people with an overdue required action, then overdue and due reviews by date, then everyone else by name. A
// practitioner reads their own; a team manager their teams' and their workers'; the quality lead and administrators
// any team's. Restricted records appear only to staff granted them. Like search results, a
// caseload lists people without opening their records, so it is not written to the access log; opening a
// person's record from it is.
func (s *Store) Caseload(ctx context.Context, f Filter) (Result, error) {
	staff, ok := councils.StaffFrom(ctx)
	if !ok {
		return Result{}, fmt.Errorf("caseload: no member of staff in the context")
	}
	if err := f.validate(); err != nil {
		return Result{}, err
	}
	if err := mayRead(staff, f); err != nil {
		return Result{}, err
	}
	if f.Page < 1 {
		f.Page = 1
	}
	var res Result
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		council := tx.Council()
		if f.WorkerID != "" && staff.Role == councils.TeamManager && f.WorkerID != staff.ID {
			if err := sharesTeam(ctx, tx, staff, f.WorkerID); err != nil {
				return err
			}
		}
		where := `p.council_id = $1 AND p.worker_id = $2`
		if f.TeamID != "" {
			where = `p.council_id = $1 AND p.team_id = $2`
		}
		who := f.WorkerID + f.TeamID
		// Restricted records only for those granted them.
		where += ` AND (p.restricted = FALSE OR EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $3))`
		if err := tx.QueryRowContext(ctx, `SELECT count(*),
				(SELECT count(*) FROM authorisation a JOIN person p ON p.council_id = a.council_id AND p.id = a.person_id
				 WHERE a.decision = '' AND `+where+`)
			FROM person p WHERE `+where, council, who, staff.ID).Scan(&res.Total, &res.Waiting); err != nil {
			return fmt.Errorf("count caseload: %w", err)
		}
		res.Page, res.Pages = f.Page, max(1, (res.Total+PageSize-1)/PageSize)
		set, err := councils.SettingsIn(ctx, tx)
		if err != nil {
			return err
		}
		// Safeguarding duties move someone up the list only for staff who may see them.
		overdue := `p.duty_due <= $6`
		if set.SeesSafeguarding(staff.Role) {
			overdue = `(p.duty_due <= $6 OR p.safeguarding_due <= $6)`
		}
		// The page's 50 are chosen first, from the person index alone: the triggers of migration 00020 keep on each
		// person whether they are in crisis, when their earliest required action falls due and their next review.
		// Only then are their names, worker, team and waiting authorisations read, so a team of thousands costs one
		// index pass and a sort.
		rows, err := tx.QueryContext(ctx, `SELECT p.id, p.family_name, p.given_name, p.preferred_name, p.date_of_birth,
				COALESCE(w.name, ''), COALESCE(t.name, ''), p.next_review_on,
				(SELECT count(*) FROM authorisation a WHERE a.council_id = p.council_id AND a.person_id = p.id AND a.decision = '') AS waiting
			FROM (SELECT p.id, p.family_key, p.given_key, p.next_review_on,
					CASE WHEN p.in_crisis THEN 0 ELSE 1 END AS crisis,
					CASE WHEN `+overdue+` THEN 0 ELSE 1 END AS overdue
				FROM person p WHERE `+where+`
				ORDER BY crisis, overdue, p.next_review_on NULLS LAST, p.family_key, p.given_key, p.id
				LIMIT $4 OFFSET $5) pg
			JOIN person p ON p.council_id = $1 AND p.id = pg.id
			LEFT JOIN staff w ON w.council_id = p.council_id AND w.id = p.worker_id
			LEFT JOIN team t ON t.council_id = p.council_id AND t.id = p.team_id
			ORDER BY pg.crisis, pg.overdue, pg.next_review_on NULLS LAST, pg.family_key, pg.given_key, pg.id`, council, who, staff.ID, PageSize, (f.Page-1)*PageSize, tx.Now())
		if err != nil {
			return fmt.Errorf("read caseload: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var e Entry
			var family, given, preferred string
			if err := rows.Scan(&e.PersonID, &family, &given, &preferred, &e.DateOfBirth, &e.WorkerName, &e.TeamName, &e.NextReview, &e.Waiting); err != nil {
				return err
			}
			e.Name = family + ", " + given
			if preferred != "" {
				e.Name += " (" + preferred + ")"
			}
			res.Entries = append(res.Entries, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := addEpisodes(ctx, tx, res.Entries); err != nil {
			return err
		}
		return addDuties(ctx, tx, res.Entries, set, staff.Role)
	})
	if err != nil {
		return Result{}, err
	}
	today := s.db.Today()
	for i := range res.Entries {
		res.Entries[i].ReviewStatus = reviews.Status(res.Entries[i].NextReview, today)
		res.Entries[i].Actions = res.Entries[i].NextActions()
	}
	return res, nil
}

// addDuties fills in each entry's open required actions that the reader may see.
func addDuties(ctx context.Context, tx *sqldb.Tx, entries []Entry, set councils.Settings, role councils.Role) error {
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.PersonID
	}
	open, err := duties.OpenForPeople(ctx, tx, ids)
	if err != nil {
		return err
	}
	for i := range entries {
		e := &entries[i]
		e.Now = tx.Now()
		e.Duties = duties.Visible(open[e.PersonID], set, role)
		for _, d := range e.Duties {
			e.InCrisis = e.InCrisis || d.Kind == duties.CrisisReview
		}
	}
	return nil
}

// mayRead is who may read which caseload.
func mayRead(staff councils.Staff, f Filter) error {
	switch {
	case !staff.Role.WorksWithPeople():
		return sqldb.ErrForbidden
	case staff.Role.SeesWholeCouncil():
		return nil
	case f.WorkerID == staff.ID:
		return nil
	case staff.Role == councils.TeamManager && (f.WorkerID != "" || staff.InTeam(f.TeamID)):
		return nil // a worker's caseload is checked against the manager's teams in the transaction
	}
	return sqldb.ErrForbidden
}

// sharesTeam lets a team manager read the caseload of someone in one of their teams.
func sharesTeam(ctx context.Context, tx *sqldb.Tx, manager councils.Staff, workerID string) error {
	if len(manager.TeamIDs) == 0 {
		return sqldb.ErrForbidden
	}
	in, args := sqldb.In([]any{tx.Council(), workerID}, manager.TeamIDs)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM team_member WHERE council_id = $1 AND staff_id = $2 AND team_id IN (`+in+`)`,
		args...).Scan(&n); err != nil {
		return fmt.Errorf("check team: %w", err)
	}
	if n == 0 {
		return sqldb.ErrForbidden
	}
	return nil
}

// addEpisodes fills in each entry's open episodes, the step each is at, and the breaks in their threads.
func addEpisodes(ctx context.Context, tx *sqldb.Tx, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	byPerson := map[string]*Entry{}
	personIDs := make([]string, len(entries))
	for i := range entries {
		byPerson[entries[i].PersonID] = &entries[i]
		personIDs[i] = entries[i].PersonID
	}
	type open struct {
		person  string
		episode conversations.Episode
	}
	var order []string
	episodes := map[string]*open{}
	in, args := sqldb.In([]any{tx.Council()}, personIDs)
	err := sqldb.Each(ctx, tx, `SELECT e.person_id, e.id, `+conversations.WorkStepSQL("e")+` FROM episode e
		WHERE e.council_id = $1 AND e.result = '' AND e.person_id IN (`+in+`) ORDER BY e.opened_on, e.id`, args,
		func(rows *sql.Rows) error {
			var person, id string
			var work int
			if err := rows.Scan(&person, &id, &work); err != nil {
				return err
			}
			episodes[id] = &open{person: person, episode: conversations.Episode{ID: id, PersonID: person, WorkStep: conversations.Step(work)}}
			order = append(order, id)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read open episodes: %w", err)
	}
	if len(order) == 0 {
		return nil
	}
	// The steps in a query of their own: joined to the episodes above, the furthest step with work in it
	// (WorkStepSQL, a dozen look-ups) was worked out again for every step of every episode.
	in, args = sqldb.In([]any{tx.Council()}, order)
	err = sqldb.Each(ctx, tx, `SELECT s.episode_id, s.step, s.status FROM episode_step s
		WHERE s.council_id = $1 AND s.episode_id IN (`+in+`) ORDER BY s.episode_id, s.step`, args,
		func(rows *sql.Rows) error {
			var id, status string
			var step int
			if err := rows.Scan(&id, &step, &status); err != nil {
				return err
			}
			ep := &episodes[id].episode
			ep.Steps = append(ep.Steps, conversations.StepRecord{Step: conversations.Step(step), Status: conversations.StepStatus(status)})
			return nil
		})
	if err != nil {
		return fmt.Errorf("read the steps of open episodes: %w", err)
	}
	data, err := thread.Load(ctx, tx, order)
	if err != nil {
		return err
	}
	checkIns, err := frontdoor.OverdueCheckIns(ctx, tx, order, tx.Today())
	if err != nil {
		return err
	}
	followUps, err := frontdoor.OverdueFollowUps(ctx, tx, order, tx.Today())
	if err != nil {
		return err
	}
	for _, id := range order {
		ep := episodes[id]
		e := byPerson[ep.person]
		e.Steps = append(e.Steps, EpisodeStep{EpisodeID: id, Position: ep.episode.Position()})
		if c, ok := checkIns[id]; ok {
			if e.CheckIns == nil {
				e.CheckIns = map[string]frontdoor.CheckIn{}
			}
			e.CheckIns[id] = c
		}
		if f, ok := followUps[id]; ok {
			if e.FollowUps == nil {
				e.FollowUps = map[string]frontdoor.FollowUpsOverdue{}
			}
			e.FollowUps[id] = f
		}
		if n := len(thread.Build(data[id]).Breaks); n > 0 {
			if e.BreakEpisodes == nil {
				e.BreakEpisodes = map[string]int{}
			}
			e.BreakEpisodes[id] = n
			e.Breaks += n
		}
	}
	return nil
}
