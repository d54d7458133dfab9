package community

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// CheckingStory is the reason the access log gives when the story checker reads the names of the person whose
// audit a story was written from, and of their network, to refuse them in the story.
const CheckingStory = "checking a practice story for personal details"

// Store keeps network events and practice stories. Every member of a council's staff reads its events and its
// published stories; quality leads organise service-wide events and any team's, team managers their own teams';
// quality leads alone draft, read drafts of and publish stories.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

func signedIn(ctx context.Context) (councils.Staff, error) {
	return signedInAs(ctx, func(councils.Role) bool { return true })
}

// signedInAs is the signed-in member of staff when their role passes allowed, and sqldb.ErrForbidden otherwise.
func signedInAs(ctx context.Context, allowed func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || st.Role == "" || !allowed(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// Organises says whether a member of staff may record or change events: quality leads, and team managers for their
// own teams' events.
func Organises(r councils.Role) bool { return r == councils.QualityLead || r == councils.TeamManager }

// organisesFor says whether st may organise an event for team ("" for service-wide).
func organisesFor(st councils.Staff, team string) bool {
	switch st.Role {
	case councils.QualityLead:
		return true
	case councils.TeamManager:
		return team != "" && st.InTeam(team)
	}
	return false
}

// Publishes says whether a member of staff drafts and publishes practice stories: quality leads.
func Publishes(r councils.Role) bool { return r == councils.QualityLead }

const eventColumns = `e.id, e.title, e.team_id, COALESCE(t.name, ''), e.topic, e.topic_other, e.held_on, e.place, e.online, e.shared,
	e.agreed, e.version`

const eventFrom = ` FROM network_event e LEFT JOIN team t ON t.council_id = e.council_id AND t.id = e.team_id`

func scanEvent(row interface{ Scan(...any) error }) (Event, error) {
	var e Event
	var topic string
	if err := row.Scan(&e.ID, &e.Title, &e.TeamID, &e.TeamName, &topic, &e.TopicOther, &e.HeldOn, &e.Place, &e.Online, &e.Shared,
		&e.Agreed, &e.Version); err != nil {
		return Event{}, err
	}
	e.Topic = Topic(topic)
	return e, nil
}

// Events lists the council's network events held in year, newest first, with who attended.
func (s *Store) Events(ctx context.Context, year int) ([]Event, error) {
	if _, err := signedIn(ctx); err != nil {
		return nil, err
	}
	return readIn(ctx, s, func(tx *sqldb.Tx) ([]Event, error) { return readEvents(ctx, tx, year) })
}

// readIn reads a T in one read transaction: the shape of every read here once the signed-in member of staff may.
func readIn[T any](ctx context.Context, s *Store, read func(tx *sqldb.Tx) (T, error)) (T, error) {
	var out T
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = read(tx)
		return err
	})
	return out, err
}

func readEvents(ctx context.Context, tx *sqldb.Tx, year int) ([]Event, error) {
	var out []Event
	from, to := sqldb.NewDate(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)), sqldb.NewDate(time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC))
	err := sqldb.Each(ctx, tx, `SELECT `+eventColumns+eventFrom+` WHERE e.council_id = $1 AND e.held_on >= $2 AND e.held_on < $3
		ORDER BY e.held_on DESC, e.title, e.id`, []any{tx.Council(), from, to}, func(rows *sql.Rows) error {
		e, err := scanEvent(rows)
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the network events: %w", err)
	}
	byID := map[string]*Event{}
	for i := range out {
		byID[out[i].ID] = &out[i]
	}
	err = sqldb.Each(ctx, tx, `SELECT a.event_id, a.staff_id, s.name FROM network_attendee a JOIN network_event e ON e.council_id = a.council_id AND e.id = a.event_id
		JOIN staff s ON s.council_id = a.council_id AND s.id = a.staff_id WHERE a.council_id = $1 AND e.held_on >= $2 AND e.held_on < $3 ORDER BY s.name, s.id`,
		[]any{tx.Council(), from, to}, func(rows *sql.Rows) error {
			var id string
			var a Attendee
			if err := rows.Scan(&id, &a.StaffID, &a.Name); err != nil {
				return err
			}
			if e := byID[id]; e != nil {
				e.Attendees = append(e.Attendees, a)
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read who attended: %w", err)
	}
	return out, nil
}

// Event reads a network event with who attended; one not in the council is sqldb.ErrNotFound.
func (s *Store) Event(ctx context.Context, id string) (Event, error) {
	if _, err := signedIn(ctx); err != nil {
		return Event{}, err
	}
	return readIn(ctx, s, func(tx *sqldb.Tx) (Event, error) { return readEvent(ctx, tx, id) })
}

func readEvent(ctx context.Context, tx *sqldb.Tx, id string) (Event, error) {
	e, err := scanEvent(tx.QueryRowContext(ctx, `SELECT `+eventColumns+eventFrom+` WHERE e.council_id = $1 AND e.id = $2`, tx.Council(), id))
	if err != nil {
		return Event{}, fmt.Errorf("network event %s: %w", id, sqldb.Normalise(err))
	}
	err = sqldb.Each(ctx, tx, `SELECT a.staff_id, s.name FROM network_attendee a JOIN staff s ON s.council_id = a.council_id AND s.id = a.staff_id
		WHERE a.council_id = $1 AND a.event_id = $2 ORDER BY s.name, s.id`, []any{tx.Council(), id}, func(rows *sql.Rows) error {
		var a Attendee
		err := rows.Scan(&a.StaffID, &a.Name)
		e.Attendees = append(e.Attendees, a)
		return err
	})
	if err != nil {
		return Event{}, fmt.Errorf("read who attended: %w", err)
	}
	return e, nil
}

// checkEvent validates an event for the organiser st: its fields, that its team is the council's and theirs to
// organise, and that each attendee is the council's staff.
func checkEvent(ctx context.Context, tx *sqldb.Tx, st councils.Staff, e Event) error {
	if ps := e.Validate(); len(ps) > 0 {
		return ps
	}
	if e.TeamID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM team WHERE council_id = $1 AND id = $2`, tx.Council(), e.TeamID).Scan(&n); err != nil {
			return fmt.Errorf("find the team: %w", err)
		} else if n == 0 {
			return validation.Problems{{Field: "team_id", Message: "Select a team from the list"}}
		}
	}
	if !organisesFor(st, e.TeamID) {
		if st.Role == councils.TeamManager {
			return validation.Problems{{Field: "team_id", Message: "Select one of your own teams: a quality lead organises service-wide events"}}
		}
		return sqldb.ErrForbidden
	}
	return checkAttendees(ctx, tx, e.AttendeeIDs())
}

func checkAttendees(ctx context.Context, tx *sqldb.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := sqldb.In([]any{tx.Council()}, ids)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE council_id = $1 AND id IN (`+in+`)`, args...).Scan(&n); err != nil {
		return fmt.Errorf("find who attended: %w", err)
	}
	if n != len(ids) {
		return validation.Problems{{Field: "attendees", Message: "Select who attended from the council’s staff"}}
	}
	return nil
}

func writeAttendees(ctx context.Context, tx *sqldb.Tx, id string, ids []string) error {
	return replaceRows(ctx, tx, "network_attendee", "event_id", id, "staff_id", ids)
}

// replaceRows replaces the rows of table that belong to a record (its column parent is id), one for each value in
// column child: who attended an event, a story's tags.
func replaceRows(ctx context.Context, tx *sqldb.Tx, table, parent, id, child string, values []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE council_id = $1 AND `+parent+` = $2`, tx.Council(), id); err != nil {
		return fmt.Errorf("replace the rows of %s: %w", table, err)
	}
	var vals []any
	for _, v := range values {
		vals = append(vals, tx.Council(), id, v)
	}
	if len(vals) == 0 {
		return nil
	}
	return sqldb.InsertMany(ctx, tx, table, []string{"council_id", parent, child}, vals)
}

// RecordEvent records a new network event, organised by the signed-in member of staff.
func (s *Store) RecordEvent(ctx context.Context, e Event) (Event, error) {
	st, err := signedInAs(ctx, Organises)
	if err != nil {
		return Event{}, err
	}
	e.Normalise()
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := checkEvent(ctx, tx, st, e); err != nil {
			return err
		}
		e.ID, e.Version = sqldb.NewID(), 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO network_event (council_id, id, title, team_id, topic, topic_other, held_on, place, online, shared, agreed,
			created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13, 1)`,
			tx.Council(), e.ID, e.Title, e.TeamID, string(e.Topic), e.TopicOther, e.HeldOn, e.Place, e.Online, e.Shared, e.Agreed, tx.Now(), st.ID); err != nil {
			return fmt.Errorf("record the network event: %w", sqldb.Normalise(err))
		}
		return writeAttendees(ctx, tx, e.ID, e.AttendeeIDs())
	})
	if err != nil {
		return Event{}, err
	}
	return s.Event(ctx, e.ID)
}

// UpdateEvent changes an event, its attendance with it, at the version it was read: a later change is
// sqldb.ErrConflict. A team manager changes only their teams' events, and cannot move one to another team.
func (s *Store) UpdateEvent(ctx context.Context, e Event) error {
	st, err := signedInAs(ctx, Organises)
	if err != nil {
		return err
	}
	e.Normalise()
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		was, err := readEvent(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if !organisesFor(st, was.TeamID) {
			return sqldb.ErrForbidden
		}
		if err := checkEvent(ctx, tx, st, e); err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE network_event SET title = $1, team_id = $2, topic = $3, topic_other = $4, held_on = $5,
			place = $6, online = $7, shared = $8, agreed = $9, updated_at = $10, updated_by = $11, version = version + 1
			WHERE council_id = $12 AND id = $13 AND version = $14`, e.Title, e.TeamID, string(e.Topic), e.TopicOther, e.HeldOn, e.Place, e.Online,
			e.Shared, e.Agreed, tx.Now(), st.ID, tx.Council(), e.ID, e.Version)); err != nil {
			return err
		}
		return writeAttendees(ctx, tx, e.ID, e.AttendeeIDs())
	})
}

// SetAttendance replaces who attended an event, at the version it was read.
func (s *Store) SetAttendance(ctx context.Context, id string, staffIDs []string, version int) error {
	e, err := s.Event(ctx, id)
	if err != nil {
		return err
	}
	e.Attendees, e.Version = nil, version
	for _, a := range staffIDs {
		e.Attendees = append(e.Attendees, Attendee{StaffID: a})
	}
	return s.UpdateEvent(ctx, e)
}

// Networks works out the council's networks in year (NetworksIn), with the events behind them.
func (s *Store) Networks(ctx context.Context, year int) ([]Quarter, error) {
	if _, err := signedIn(ctx); err != nil {
		return nil, err
	}
	return readIn(ctx, s, func(tx *sqldb.Tx) ([]Quarter, error) {
		events, err := readEvents(ctx, tx, year)
		if err != nil {
			return nil, err
		}
		teams, err := councils.TeamNames(ctx, tx)
		if err != nil {
			return nil, err
		}
		return NetworksIn(year, events, teams, tx.Today()), nil
	})
}

// Search is what a reader looks for in the library: text in a story's title, story or what made it good practice,
// and a tag; either may be empty.
type Search struct {
	Text string
	Tag  string
}

const storyColumns = `s.id, s.title, s.story, s.why_good, s.tags, s.audit_id, s.published_at, s.version`

func scanStory(row interface{ Scan(...any) error }) (Story, error) {
	var x Story
	var tags string
	var published sql.NullTime
	if err := row.Scan(&x.ID, &x.Title, &x.Story, &x.WhyGood, &tags, &x.AuditID, &published, &x.Version); err != nil {
		return Story{}, err
	}
	x.Tags = NormaliseTags(tags)
	if published.Valid {
		x.PublishedAt = published.Time.UTC()
	}
	return x, nil
}

// likePattern is text as a LIKE pattern matching it anywhere, its own wildcards escaped (with \).
func likePattern(text string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(text)) + "%"
}

// Stories lists the council's published stories that match the search, newest first, for any of its staff. Readers
// are never given the audit a story came from.
func (s *Store) Stories(ctx context.Context, q Search) ([]Story, error) {
	return s.stories(ctx, q, true)
}

// Drafts lists the council's stories not yet published, newest first: for quality leads.
func (s *Store) Drafts(ctx context.Context) ([]Story, error) {
	if _, err := signedInAs(ctx, Publishes); err != nil {
		return nil, err
	}
	return s.stories(ctx, Search{}, false)
}

func (s *Store) stories(ctx context.Context, q Search, published bool) ([]Story, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var out []Story
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		where, args := `s.council_id = $1 AND s.published_at IS NULL`, []any{tx.Council()}
		order := `s.updated_at DESC, s.id`
		if published {
			where, order = `s.council_id = $1 AND s.published_at IS NOT NULL`, `s.published_at DESC, s.id`
		}
		if tag := NormaliseTag(q.Tag); tag != "" {
			args = append(args, tag)
			where += fmt.Sprintf(` AND s.id IN (SELECT g.story_id FROM practice_story_tag g WHERE g.council_id = $1 AND g.tag = $%d)`, len(args))
		}
		if text := strings.TrimSpace(q.Text); text != "" {
			args = append(args, likePattern(text))
			n := len(args)
			where += fmt.Sprintf(` AND (lower(s.title) LIKE $%d ESCAPE '\' OR lower(s.story) LIKE $%d ESCAPE '\' OR lower(s.why_good) LIKE $%d ESCAPE '\' OR lower(s.tags) LIKE $%d ESCAPE '\')`, n, n, n, n)
		}
		return sqldb.Each(ctx, tx, `SELECT `+storyColumns+` FROM practice_story s WHERE `+where+` ORDER BY `+order, args, func(rows *sql.Rows) error {
			x, err := scanStory(rows)
			if !Publishes(st.Role) {
				x.AuditID = ""
			}
			out = append(out, x)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the practice stories: %w", err)
	}
	return out, nil
}

// Story reads a story: a published one for any of the council's staff (without the audit it came from, but for a
// quality lead), a draft for quality leads alone; anything else is sqldb.ErrNotFound.
func (s *Store) Story(ctx context.Context, id string) (Story, error) {
	st, err := signedIn(ctx)
	if err != nil {
		return Story{}, err
	}
	x, err := readIn(ctx, s, func(tx *sqldb.Tx) (Story, error) { return readStory(ctx, tx, id) })
	if err != nil {
		return Story{}, err
	}
	if !Publishes(st.Role) {
		if !x.Published() {
			return Story{}, fmt.Errorf("practice story %s: %w", id, sqldb.ErrNotFound)
		}
		x.AuditID = ""
	}
	return x, nil
}

func readStory(ctx context.Context, tx *sqldb.Tx, id string) (Story, error) {
	x, err := scanStory(tx.QueryRowContext(ctx, `SELECT `+storyColumns+` FROM practice_story s WHERE s.council_id = $1 AND s.id = $2`, tx.Council(), id))
	if err != nil {
		return Story{}, fmt.Errorf("practice story %s: %w", id, sqldb.Normalise(err))
	}
	return x, nil
}

// SaveStory keeps a story as a draft, for a quality lead: a new one when it has no ID, else a change at the version
// it was read (a later change is sqldb.ErrConflict). The story checker runs first, so that nothing with personal
// details is kept: what it finds comes back as validation.Problems and nothing is saved. A published story stays
// published, checked again.
func (s *Store) SaveStory(ctx context.Context, x Story) (Story, error) {
	st, err := signedInAs(ctx, Publishes)
	if err != nil {
		return Story{}, err
	}
	x.Normalise()
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if ps := x.Validate(); len(ps) > 0 {
			return ps
		}
		if x.ID != "" {
			was, err := readStory(ctx, tx, x.ID)
			if err != nil {
				return err
			}
			x.AuditID = was.AuditID // where a story came from is fixed when it is started
		} else if x.AuditID != "" {
			if err := checkOutstanding(ctx, tx, x.AuditID); err != nil {
				return err
			}
		}
		if err := check(ctx, tx, x); err != nil {
			return err
		}
		tags := strings.Join(x.Tags, ", ")
		if x.ID == "" {
			x.ID, x.Version = sqldb.NewID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO practice_story (council_id, id, title, story, why_good, tags, audit_id, created_at, created_by,
				updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9, 1)`,
				tx.Council(), x.ID, x.Title, x.Story, x.WhyGood, tags, x.AuditID, tx.Now(), st.ID); err != nil {
				return fmt.Errorf("save the practice story: %w", sqldb.Normalise(err))
			}
		} else {
			if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE practice_story SET title = $1, story = $2, why_good = $3, tags = $4, updated_at = $5,
				updated_by = $6, version = version + 1 WHERE council_id = $7 AND id = $8 AND version = $9`,
				x.Title, x.Story, x.WhyGood, tags, tx.Now(), st.ID, tx.Council(), x.ID, x.Version)); err != nil {
				return err
			}
			x.Version++
		}
		return replaceRows(ctx, tx, "practice_story_tag", "story_id", x.ID, "tag", x.Tags)
	})
	if err != nil {
		return Story{}, err
	}
	return x, nil
}

// Publish puts a draft in the library, at the version it was read, for a quality lead. The story checker runs
// again first, since the council's people, and so the names it refuses, change: what it finds comes back as
// validation.Problems and the story stays a draft.
func (s *Store) Publish(ctx context.Context, id string, version int) error {
	st, err := signedInAs(ctx, Publishes)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		x, err := readStory(ctx, tx, id)
		if err != nil {
			return err
		}
		if x.Version != version {
			return sqldb.ErrConflict
		}
		if err := check(ctx, tx, x); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE practice_story SET published_at = COALESCE(published_at, $1), published_by = $2,
			updated_at = $1, updated_by = $2, version = version + 1 WHERE council_id = $3 AND id = $4 AND version = $5`,
			tx.Now(), st.ID, tx.Council(), id, version))
	})
}

// Withdraw takes a published story out of the library, back to a draft, at the version it was read.
func (s *Store) Withdraw(ctx context.Context, id string, version int) error {
	st, err := signedInAs(ctx, Publishes)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := readStory(ctx, tx, id); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE practice_story SET published_at = NULL, published_by = '', updated_at = $1, updated_by = $2,
			version = version + 1 WHERE council_id = $3 AND id = $4 AND version = $5`, tx.Now(), st.ID, tx.Council(), id, version))
	})
}

// check runs the story checker on a story in tx, with the names it refuses: the audited person's and their
// network's, for a story from an audit (reading them is logged against the person), and the council's people's
// family names that the story's capitalised words match. What it finds is validation.Problems.
func check(ctx context.Context, tx *sqldb.Tx, x Story) error {
	names := Names{}
	if x.AuditID != "" {
		if err := auditNames(ctx, tx, x.AuditID, names); err != nil {
			return err
		}
	}
	if err := familyNames(ctx, tx, CapitalisedWords(x.Title, x.Story, x.WhyGood), names); err != nil {
		return err
	}
	var ps validation.Problems
	for _, f := range Check(x.CheckFields(), names, tx.Today()) {
		ps.Append(f.Field, f.Message())
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// auditNames adds the names of the person an audit is of, and of their network, logging that they were read.
func auditNames(ctx context.Context, tx *sqldb.Tx, auditID string, names Names) error {
	var personID, given, family, preferred string
	err := tx.QueryRowContext(ctx, `SELECT p.id, p.given_name, p.family_name, p.preferred_name FROM audit a JOIN person p ON p.council_id = a.council_id AND p.id = a.person_id
		WHERE a.council_id = $1 AND a.id = $2`, tx.Council(), auditID).Scan(&personID, &given, &family, &preferred)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read the audited person's names: %w", err)
	}
	names.AddName(given)
	names.AddName(family)
	names.AddName(preferred)
	err = sqldb.Each(ctx, tx, `SELECT name FROM person_network WHERE council_id = $1 AND person_id = $2`, []any{tx.Council(), personID},
		func(rows *sql.Rows) error {
			var n string
			err := rows.Scan(&n)
			names.AddName(n)
			return err
		})
	if err != nil {
		return fmt.Errorf("read the names of the audited person's network: %w", err)
	}
	return accesslog.Record(ctx, tx, personID, accesslog.View, CheckingStory)
}

// familyNames adds those of words (search keys) that are family names of the council's people, by the index on
// (council_id, family_key).
func familyNames(ctx context.Context, tx *sqldb.Tx, words []string, names Names) error {
	for chunk := range slices.Chunk(words, 500) {
		in, args := sqldb.In([]any{tx.Council()}, chunk)
		err := sqldb.Each(ctx, tx, familyNamesSQL(in), args,
			func(rows *sql.Rows) error {
				var k string
				err := rows.Scan(&k)
				names[k] = true
				return err
			})
		if err != nil {
			return fmt.Errorf("look for the council's family names: %w", err)
		}
	}
	return nil
}

// familyNamesSQL is the query of familyNames for an IN list of search keys, which the index person_names_dob
// (council_id, family_key, ...) answers without reading the people's rows.
func familyNamesSQL(in string) string {
	return `SELECT DISTINCT family_key FROM person WHERE council_id = $1 AND family_key IN (` + in + `)`
}

const outstandingQuery = `SELECT a.id, r.name, COALESCE(t.name, ''), a.completed_at, a.strengths_found FROM audit a
	JOIN audit_round r ON r.council_id = a.council_id AND r.id = a.round_id
	LEFT JOIN team t ON t.council_id = a.council_id AND t.id = a.team_id
	WHERE a.council_id = $1 AND a.person_id IS NOT NULL AND a.completed_at IS NOT NULL AND EXISTS (SELECT 1 FROM audit_grade g
		WHERE g.council_id = a.council_id AND g.audit_id = a.id AND g.graded_by = 'auditor' AND g.question = 'overall' AND g.grade = 'outstanding')`

// OutstandingAudits lists the council's completed case file audits graded Outstanding overall, newest first, for a
// quality lead to write a story from: the round, team and date, never the person.
func (s *Store) OutstandingAudits(ctx context.Context) ([]Outstanding, error) {
	if _, err := signedInAs(ctx, Publishes); err != nil {
		return nil, err
	}
	var out []Outstanding
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Each(ctx, tx, outstandingQuery+` ORDER BY a.completed_at DESC, a.id`, []any{tx.Council()}, func(rows *sql.Rows) error {
			var o Outstanding
			var at time.Time
			if err := rows.Scan(&o.AuditID, &o.Round, &o.Team, &at, &o.Strengths); err != nil {
				return err
			}
			o.CompletedOn = sqldb.UKDate(at)
			out = append(out, o)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the audits graded Outstanding: %w", err)
	}
	return out, nil
}

// checkOutstanding refuses an audit that is not one of the council's completed audits graded Outstanding.
func checkOutstanding(ctx context.Context, tx *sqldb.Tx, auditID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+outstandingQuery+` AND a.id = $2) x`, tx.Council(), auditID).Scan(&n); err != nil {
		return fmt.Errorf("find the audit: %w", err)
	} else if n == 0 {
		return validation.Problems{{Field: "audit_id", Message: "Select a completed audit graded Outstanding from the list"}}
	}
	return nil
}
