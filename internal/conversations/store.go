package conversations

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps contacts, episodes and their steps, conversations and eligibility determinations. Every method reads
// the council and the member of staff from the context, opens the person's record with people.Open (the access
// rule and one access-log entry) and adds chronology events in the same transaction as the change.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func dateOr(d sqldb.Date, today time.Time) sqldb.Date {
	if d.IsZero() {
		return sqldb.NewDate(today)
	}
	return d
}

// RecordContact records a contact at the front door and opens an episode of work for the person. With an ending
// (resolved at first contact, most often with information and advice) the episode ends at once, at that step,
// with that result: one transaction, nothing left half done.
func (s *Store) RecordContact(ctx context.Context, c Contact, end *Ending) (Contact, Episode, error) {
	if ps := PrepareContact(&c, end, s.db.Today().Time); len(ps) > 0 {
		return Contact{}, Episode{}, ps
	}
	var ep Episode
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, c.PersonID, "", people.Log, accesslog.Create)
		if err != nil {
			return err
		}
		c, ep, err = AddContact(ctx, tx, p, c, end)
		return err
	})
	if err != nil {
		return Contact{}, Episode{}, err
	}
	return c, ep, nil
}

// PrepareContact tidies a contact and its ending, if it has one, and checks them against today, as RecordContact
// does before it starts: for another domain that records a contact in its own transaction. The ending's date is
// the contact's when none is given.
func PrepareContact(c *Contact, end *Ending, today time.Time) validation.Problems {
	c.Normalise()
	ps := c.Validate(today)
	if end != nil {
		end.Note = strings.TrimSpace(end.Note)
		if end.EndedOn.IsZero() {
			end.EndedOn = c.ContactedOn
		}
		ps = append(ps, end.Validate(c.ContactedOn, today)...)
	}
	return ps
}

// AddContact records a prepared contact and opens its episode, ended at once with an ending, inside another
// domain's transaction (the front door resolving a contact with signposts), after the caller has reached the
// person p for a create. It writes the same rows and chronology events as RecordContact.
func AddContact(ctx context.Context, tx *sqldb.Tx, p people.Person, c Contact, end *Ending) (Contact, Episode, error) {
	council, by := tx.Council(), councils.StaffID(ctx)
	c.ID, c.Version, c.CreatedAt, c.CreatedBy = sqldb.NewID(), 1, tx.Now(), by
	if _, err := tx.ExecContext(ctx, `INSERT INTO contact (council_id, id, person_id, contacted_on, route_of_access, contact_by,
		contact_name, reason, what_matters, created_at, created_by, updated_at, updated_by, version, channel)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11, 1, $12)`,
		council, c.ID, c.PersonID, c.ContactedOn, c.RouteOfAccess, string(c.ContactBy), c.ContactName, c.Reason,
		c.WhatMatters, tx.Now(), by, c.Channel); err != nil {
		return Contact{}, Episode{}, fmt.Errorf("add contact: %w", sqldb.Normalise(err))
	}
	ep := Episode{
		ID: sqldb.NewID(), PersonID: c.PersonID, ContactID: c.ID, OpenedOn: c.ContactedOn, TeamID: p.TeamID,
		WorkerID: p.WorkerID, Version: 1, CreatedAt: tx.Now(), CreatedBy: by, Contact: c, WorkerName: p.WorkerName,
	}
	if end != nil {
		ep.Result, ep.EndedOn, ep.EndedStep, ep.EndNote = end.Result, end.EndedOn, end.Step, end.Note
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO episode (council_id, id, person_id, contact_id, opened_on, team_id, worker_id,
		result, ended_on, ended_step, end_note, created_at, created_by, updated_at, updated_by, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13, 1)`,
		council, ep.ID, ep.PersonID, ep.ContactID, ep.OpenedOn, nullable(ep.TeamID), nullable(ep.WorkerID), ep.Result,
		ep.EndedOn, int(ep.EndedStep), ep.EndNote, tx.Now(), by); err != nil {
		return Contact{}, Episode{}, fmt.Errorf("open episode: %w", sqldb.Normalise(err))
	}
	ep.Steps = fillSteps(nil)
	if end != nil {
		for _, r := range EndSteps(ep.Steps, *end) {
			ep.Steps[r.Step-1] = r
		}
	}
	for i, r := range ep.Steps {
		ep.Steps[i].Version = 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO episode_step (council_id, episode_id, step, status, reason, updated_at, updated_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`, council, ep.ID, int(r.Step), string(r.Status), r.Reason, tx.Now(), by); err != nil {
			return Contact{}, Episode{}, fmt.Errorf("add step %d: %w", r.Step, sqldb.Normalise(err))
		}
	}
	events := []chronology.Event{
		{Kind: chronology.Contact, OccurredOn: c.ContactedOn, RefID: c.ID, Summary: c.Summary()},
		{Kind: chronology.Episode, OccurredOn: c.ContactedOn, RefID: ep.ID, Summary: "Episode of work opened"},
	}
	if end != nil {
		events = append(events, endedEvent(ep))
	}
	for _, e := range events {
		e.PersonID, e.EpisodeID = c.PersonID, ep.ID
		if err := chronology.Record(ctx, tx, e); err != nil {
			return Contact{}, Episode{}, err
		}
	}
	return c, ep, nil
}

func endedEvent(ep Episode) chronology.Event {
	return chronology.Event{Kind: chronology.Episode, OccurredOn: ep.EndedOn, RefID: ep.ID,
		Summary: fmt.Sprintf("Episode ended at step %d, %s: %s", ep.EndedStep, lowerFirst(ep.EndedStep.Label()), ep.Result)}
}

// clip keeps a chronology summary to one short line.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}

var episodeColumns = `e.id, e.person_id, COALESCE(e.contact_id, ''), e.opened_on, COALESCE(e.team_id, ''), COALESCE(e.worker_id, ''),
	e.result, e.ended_on, e.ended_step, e.end_note, e.created_at, e.created_by, e.version, COALESCE(w.name, ''),
	COALESCE(c.id, ''), COALESCE(c.contacted_on, e.opened_on), COALESCE(c.route_of_access, ''), COALESCE(c.contact_by, ''),
	COALESCE(c.contact_name, ''), COALESCE(c.reason, ''), COALESCE(c.what_matters, ''), COALESCE(c.channel, ''), ` + WorkStepSQL("e")

const episodeFrom = ` FROM episode e
	LEFT JOIN staff w ON w.council_id = e.council_id AND w.id = e.worker_id
	LEFT JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id`

func scanEpisode(row interface{ Scan(...any) error }) (Episode, error) {
	var e Episode
	var step, work int
	var by string
	err := row.Scan(&e.ID, &e.PersonID, &e.ContactID, &e.OpenedOn, &e.TeamID, &e.WorkerID, &e.Result, &e.EndedOn, &step,
		&e.EndNote, &e.CreatedAt, &e.CreatedBy, &e.Version, &e.WorkerName, &e.Contact.ID, &e.Contact.ContactedOn,
		&e.Contact.RouteOfAccess, &by, &e.Contact.ContactName, &e.Contact.Reason, &e.Contact.WhatMatters, &e.Contact.Channel, &work)
	if err != nil {
		return Episode{}, sqldb.Normalise(err)
	}
	e.EndedStep, e.WorkStep, e.Contact.ContactBy, e.Contact.PersonID = Step(step), Step(work), ContactBy(by), e.PersonID
	e.CreatedAt = e.CreatedAt.UTC()
	return e, nil
}

// steps reads the four steps of the episodes given, keyed by episode.
func steps(ctx context.Context, tx *sqldb.Tx, where string, args ...any) (map[string][]StepRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.episode_id, s.step, s.status, s.reason, s.version FROM episode_step s
		JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id
		WHERE s.council_id = $1 AND `+where+` ORDER BY s.episode_id, s.step`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read steps: %w", err)
	}
	defer rows.Close()
	out := map[string][]StepRecord{}
	for rows.Next() {
		var id, status string
		var r StepRecord
		var step int
		if err := rows.Scan(&id, &step, &status, &r.Reason, &r.Version); err != nil {
			return nil, err
		}
		r.Step, r.Status = Step(step), StepStatus(status)
		out[id] = append(out[id], r)
	}
	return out, rows.Err()
}

// LoadEpisode reads one of a person's episodes with its steps, inside a transaction in which the person has already
// been opened (people.Open). An episode that is not theirs is sqldb.ErrNotFound.
func LoadEpisode(ctx context.Context, tx *sqldb.Tx, personID, episodeID string) (Episode, error) {
	e, err := scanEpisode(tx.QueryRowContext(ctx, `SELECT `+episodeColumns+episodeFrom+`
		WHERE e.council_id = $1 AND e.person_id = $2 AND e.id = $3`, tx.Council(), personID, episodeID))
	if err != nil {
		return Episode{}, fmt.Errorf("find episode: %w", err)
	}
	st, err := steps(ctx, tx, "e.id = $2", episodeID)
	if err != nil {
		return Episode{}, err
	}
	e.Steps = fillSteps(st[e.ID])
	return e, nil
}

// fillSteps makes sure all four steps are there, in order.
func fillSteps(have []StepRecord) []StepRecord {
	out := make([]StepRecord, 0, 4)
	for _, s := range Steps() {
		r := StepRecord{Step: s, Status: NotStarted}
		for _, h := range have {
			if h.Step == s {
				r = h
			}
		}
		out = append(out, r)
	}
	return out
}

// EpisodeRecord is an episode with everything recorded in it that this package keeps.
type EpisodeRecord struct {
	Person         people.Person
	Episode        Episode
	Conversations  []Conversation // oldest first, with their sections
	Determinations []Determination
}

// Episode reads an episode of a person's, with its steps, contact, conversations and determinations, and logs the
// view. An episode of another person, or in another council, is sqldb.ErrNotFound.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (EpisodeRecord, error) {
	var out EpisodeRecord
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		if out.Episode, err = LoadEpisode(ctx, tx, personID, episodeID); err != nil {
			return err
		}
		if out.Conversations, err = conversations(ctx, tx, "c.episode_id = $2", episodeID); err != nil {
			return err
		}
		out.Determinations, err = determinations(ctx, tx, "d.episode_id = $2", episodeID)
		return err
	})
	if err != nil {
		return EpisodeRecord{}, err
	}
	return out, nil
}

// PersonEpisodes lists a person's episodes, newest first, for a section of their own page. It applies the access
// rule but writes no access-log entry (people.Peek): the person's page has already logged the view.
func (s *Store) PersonEpisodes(ctx context.Context, personID string) ([]Episode, error) {
	var out []Episode
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Peek, accesslog.View); err != nil {
			return err
		}
		var err error
		out, err = personEpisodes(ctx, tx, personID)
		return err
	})
	return out, err
}

// personEpisodes reads a person's episodes, newest first, with their steps and contacts.
func personEpisodes(ctx context.Context, tx *sqldb.Tx, personID string) ([]Episode, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+episodeColumns+episodeFrom+`
		WHERE e.council_id = $1 AND e.person_id = $2 ORDER BY e.opened_on DESC, e.created_at DESC, e.id DESC`, tx.Council(), personID)
	if err != nil {
		return nil, fmt.Errorf("list episodes: %w", err)
	}
	var out []Episode
	for rows.Next() {
		e, err := scanEpisode(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st, err := steps(ctx, tx, "e.person_id = $2", personID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Steps = fillSteps(st[out[i].ID])
	}
	return out, nil
}

// errEnded is the problem with changing an episode that has ended.
var errEnded = validation.Problems{{Field: "status", Message: "This episode has ended. Record a new contact to start new work"}}

// SetStep changes where an episode has got to in one step. r.Version is the step's version when the form was
// opened; a stale change is sqldb.ErrConflict and changes nothing.
func (s *Store) SetStep(ctx context.Context, personID, episodeID string, r StepRecord) error {
	r.Reason = strings.TrimSpace(r.Reason)
	if r.Status != NotNeeded {
		r.Reason = ""
	}
	if ps := (StepChange{Step: r.Step, To: r.Status, Reason: r.Reason}).Validate(); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		ep, err := LoadEpisode(ctx, tx, personID, episodeID)
		if err != nil {
			return err
		}
		if ep.Ended() {
			return errEnded
		}
		from := ep.StepOf(r.Step)
		if ps := (StepChange{Step: r.Step, From: from.Status, To: r.Status, Reason: r.Reason}).Validate(); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE episode_step SET status = $1, reason = $2, updated_at = $3,
			updated_by = $4, version = version + 1 WHERE council_id = $5 AND episode_id = $6 AND step = $7 AND version = $8`,
			string(r.Status), r.Reason, tx.Now(), councils.StaffID(ctx), tx.Council(), episodeID, int(r.Step), r.Version)); err != nil {
			return fmt.Errorf("change step %d: %w", r.Step, err)
		}
		if from.Status == r.Status && from.Reason == r.Reason {
			return nil
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Step, RefID: episodeID,
			Summary: stepSummary(r.Step, r.Status, r.Reason)})
	})
}

// End ends an open episode at a step with a result. version is the episode's version when the form was opened. The
// step it ended at is completed, and the steps never reached become not needed with the ending as the reason
// (EndSteps); an ending before a step with work in it is refused (CheckEndStep).
func (s *Store) End(ctx context.Context, personID, episodeID string, end Ending, version int) error {
	end.Note = strings.TrimSpace(end.Note)
	today := s.db.Today().Time
	if ps := end.Validate(sqldb.Date{}, today); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		return EndEpisode(ctx, tx, personID, episodeID, end, version)
	})
}

// EndEpisode ends an open episode inside another domain's transaction (the front door resolving a contact), after
// the caller has reached the person for an update. It applies End's rules and writes the same chronology event.
func EndEpisode(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, end Ending, version int) error {
	end.Note = strings.TrimSpace(end.Note)
	today := tx.Today().Time
	end.EndedOn = dateOr(end.EndedOn, today)
	ep, err := LoadEpisode(ctx, tx, personID, episodeID)
	if err != nil {
		return err
	}
	if ep.Ended() {
		return validation.Problems{{Field: "result", Message: "This episode has already ended"}}
	}
	if ps := append(end.Validate(ep.OpenedOn, today), CheckEndStep(ep, end)...); len(ps) > 0 {
		return ps
	}
	if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE episode SET result = $1, ended_on = $2, ended_step = $3, end_note = $4,
		updated_at = $5, updated_by = $6, version = version + 1 WHERE council_id = $7 AND person_id = $8 AND id = $9 AND version = $10`,
		end.Result, end.EndedOn, int(end.Step), end.Note, tx.Now(), councils.StaffID(ctx), tx.Council(), personID, episodeID, version)); err != nil {
		return fmt.Errorf("end episode: %w", err)
	}
	for _, r := range EndSteps(ep.Steps, end) {
		if _, err := tx.ExecContext(ctx, `UPDATE episode_step SET status = $1, reason = $2, updated_at = $3, updated_by = $4, version = version + 1
			WHERE council_id = $5 AND episode_id = $6 AND step = $7`,
			string(r.Status), r.Reason, tx.Now(), councils.StaffID(ctx), tx.Council(), episodeID, int(r.Step)); err != nil {
			return fmt.Errorf("end step %d: %w", r.Step, err)
		}
	}
	// A review still scheduled for the episode will never be held now: it goes, so that no caseload or list of
	// reviews due shows a review of ended work. ('scheduled' is reviews.StatusScheduled; reviews imports this
	// package, so the value is written here.)
	if _, err := tx.ExecContext(ctx, `DELETE FROM review WHERE council_id = $1 AND person_id = $2 AND episode_id = $3 AND status = 'scheduled'`,
		tx.Council(), personID, episodeID); err != nil {
		return fmt.Errorf("withdraw the episode's scheduled review: %w", sqldb.Normalise(err))
	}
	ep.Result, ep.EndedOn, ep.EndedStep, ep.EndNote = end.Result, end.EndedOn, end.Step, end.Note
	e := endedEvent(ep)
	e.PersonID, e.EpisodeID = personID, episodeID
	return chronology.Record(ctx, tx, e)
}
