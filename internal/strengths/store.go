package strengths

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps strengths and connections. Every method opens the person's record with people.Open, which applies
// the access rule and writes one access-log entry, in the same transaction as the read or change; every change
// adds an event to the person's chronology in that transaction too.
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

// RowColumns are the strength table's columns in the order RowValues gives them, for the store's INSERT and the
// demo's bulk load, so that a new column is named once.
func RowColumns() []string {
	return []string{"council_id", "id", "person_id", "episode_id", "kind", "person_words", "observed", "created_at", "created_by",
		"updated_at", "updated_by", "version"}
}

// RowValues are a new strength's values for RowColumns, as added in council by staff member by at the moment at.
func RowValues(council string, st Strength, at time.Time, by string) []any {
	return []any{council, st.ID, st.PersonID, nullable(st.EpisodeID), string(st.Kind), st.PersonWords, st.Observed, at, by, at, by, 1}
}

const strengthColumns = `id, person_id, COALESCE(episode_id, ''), kind, person_words, observed, version`

func scanStrength(row interface{ Scan(...any) error }) (Strength, error) {
	var s Strength
	var kind string
	if err := row.Scan(&s.ID, &s.PersonID, &s.EpisodeID, &kind, &s.PersonWords, &s.Observed, &s.Version); err != nil {
		return Strength{}, sqldb.Normalise(err)
	}
	s.Kind = Kind(kind)
	return s, nil
}

// List returns the person and their strengths, oldest first, and logs the view.
func (s *Store) List(ctx context.Context, personID string) (people.Person, []Strength, error) {
	var p people.Person
	var out []Strength
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+strengthColumns+` FROM strength
			WHERE council_id = $1 AND person_id = $2 ORDER BY created_at, id`, tx.Council(), personID)
		if err != nil {
			return fmt.Errorf("read strengths: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			st, err := scanStrength(rows)
			if err != nil {
				return err
			}
			out = append(out, st)
		}
		return rows.Err()
	})
	if err != nil {
		return people.Person{}, nil, err
	}
	return p, out, nil
}

// Strength returns the person and one of their strengths, and logs the view.
func (s *Store) Strength(ctx context.Context, personID, id string) (people.Person, Strength, error) {
	var p people.Person
	var st Strength
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		st, err = readStrength(ctx, tx, personID, id)
		return err
	})
	if err != nil {
		return people.Person{}, Strength{}, err
	}
	return p, st, nil
}

func readStrength(ctx context.Context, tx *sqldb.Tx, personID, id string) (Strength, error) {
	st, err := scanStrength(tx.QueryRowContext(ctx, `SELECT `+strengthColumns+` FROM strength
		WHERE council_id = $1 AND person_id = $2 AND id = $3`, tx.Council(), personID, id))
	if err != nil {
		return Strength{}, fmt.Errorf("read strength: %w", err)
	}
	return st, nil
}

// checkEpisode makes sure an episode a strength is recorded in belongs to the same person in the same council.
func checkEpisode(ctx context.Context, tx *sqldb.Tx, personID, episodeID string) error {
	if episodeID == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM episode WHERE council_id = $1 AND person_id = $2 AND id = $3`,
		tx.Council(), personID, episodeID).Scan(&n); err != nil {
		return fmt.Errorf("find episode: %w", err)
	}
	if n == 0 {
		return validation.Problems{{Field: "episode", Message: "The episode of work this strength came from could not be found. Go back to the episode and try again"}}
	}
	return nil
}

// Add records a strength for st.PersonID; recorded in an episode, it marks the episode's first step in progress if
// it had not started. Problems come back as validation.Problems and change nothing.
func (s *Store) Add(ctx context.Context, st Strength) (Strength, error) {
	st.Normalise()
	if ps := st.Validate(); len(ps) > 0 {
		return Strength{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, st.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		var err error
		st, err = Record(ctx, tx, st)
		return err
	})
	if err != nil {
		return Strength{}, err
	}
	return st, nil
}

// Record adds a strength inside another record's transaction, once the person has been opened for a change in it
// (people.Open), as Add does: the same checks, the step started and the chronology event. It returns the strength
// with its id.
func Record(ctx context.Context, tx *sqldb.Tx, st Strength) (Strength, error) {
	st.Normalise()
	if ps := st.Validate(); len(ps) > 0 {
		return Strength{}, ps
	}
	if err := checkEpisode(ctx, tx, st.PersonID, st.EpisodeID); err != nil {
		return Strength{}, err
	}
	st.ID, st.Version = sqldb.NewID(), 1
	if _, err := tx.ExecContext(ctx, sqldb.Insert("strength", RowColumns()), RowValues(tx.Council(), st, tx.Now(), councils.StaffID(ctx))...); err != nil {
		return Strength{}, fmt.Errorf("add strength: %w", sqldb.Normalise(err))
	}
	if err := conversations.StartStep(ctx, tx, st.PersonID, st.EpisodeID, conversations.StrengthStep); err != nil {
		return Strength{}, err
	}
	return st, chronology.Record(ctx, tx, chronology.Event{PersonID: st.PersonID, EpisodeID: st.EpisodeID, Kind: chronology.Strength,
		Summary: st.Kind.Label() + " strength recorded", RefID: st.ID})
}

// Update saves a change to a strength made from st.Version. A change from an older version is sqldb.ErrConflict
// and changes nothing. The episode it was recorded in does not change.
func (s *Store) Update(ctx context.Context, st Strength) error {
	st.Normalise()
	if ps := st.Validate(); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, st.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		saved, err := readStrength(ctx, tx, st.PersonID, st.ID)
		if err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE strength SET kind = $1, person_words = $2, observed = $3,
			updated_at = $4, updated_by = $5, version = version + 1
			WHERE council_id = $6 AND person_id = $7 AND id = $8 AND version = $9`,
			string(st.Kind), st.PersonWords, st.Observed, tx.Now(), councils.StaffID(ctx), tx.Council(), st.PersonID, st.ID, st.Version)); err != nil {
			return fmt.Errorf("update strength: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: st.PersonID, EpisodeID: saved.EpisodeID, Kind: chronology.Strength,
			Summary: st.Kind.Label() + " strength changed", RefID: st.ID})
	})
}

// Remove deletes a strength, if it is still at version: someone else's change since is sqldb.ErrConflict.
func (s *Store) Remove(ctx context.Context, personID, id string, version int) error {
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		saved, err := readStrength(ctx, tx, personID, id)
		if err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `DELETE FROM strength WHERE council_id = $1 AND person_id = $2 AND id = $3 AND version = $4`,
			tx.Council(), personID, id, version)); err != nil {
			return fmt.Errorf("remove strength: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: saved.EpisodeID, Kind: chronology.Strength,
			Summary: saved.Kind.Label() + " strength removed", RefID: id})
	})
}

// Map is what an ecomap draws: the person in the centre and every connection around them. Everyone who matters
// to the person is on it, even before their connection is described (their Connection has no ID yet).
type Map struct {
	Person      people.Person
	Connections []Connection // the people who matter in the order they were added, then community connections
}

// Described reports whether a connection has been described: its closeness, link and support recorded.
func (c Connection) Described() bool { return c.ID != "" }

const connectionColumns = `c.id, c.person_id, COALESCE(c.network_member_id, ''), c.name, c.closeness, c.link,
	c.support_given, c.support_received, c.note, c.version`

// Ecomap returns the person's network for the ecomap, and logs the view.
func (s *Store) Ecomap(ctx context.Context, personID string) (Map, error) {
	var m Map
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if m.Person, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		m.Connections, err = readMap(ctx, tx, personID)
		return err
	})
	if err != nil {
		return Map{}, err
	}
	return m, nil
}

func readMap(ctx context.Context, tx *sqldb.Tx, personID string) ([]Connection, error) {
	var out []Connection
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.name, m.relationship, COALESCE(c.id, ''), COALESCE(c.closeness, 0),
		COALESCE(c.link, ''), COALESCE(c.support_given, ''), COALESCE(c.support_received, ''), COALESCE(c.note, ''), COALESCE(c.version, 0)
		FROM person_network m
		LEFT JOIN connection c ON c.council_id = m.council_id AND c.person_id = m.person_id AND c.network_member_id = m.id
		WHERE m.council_id = $1 AND m.person_id = $2 ORDER BY m.created_at, m.id`, tx.Council(), personID)
	if err != nil {
		return nil, fmt.Errorf("read the people who matter: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c := Connection{PersonID: personID}
		var link string
		if err := rows.Scan(&c.NetworkMemberID, &c.MemberName, &c.Relationship, &c.ID, &c.Closeness, &link,
			&c.SupportGiven, &c.SupportReceived, &c.Note, &c.Version); err != nil {
			return nil, err
		}
		c.Link = Link(link)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	crows, err := tx.QueryContext(ctx, `SELECT `+connectionColumns+` FROM connection c
		WHERE c.council_id = $1 AND c.person_id = $2 AND c.network_member_id IS NULL ORDER BY c.created_at, c.id`, tx.Council(), personID)
	if err != nil {
		return nil, fmt.Errorf("read community connections: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		c, err := scanConnection(crows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, crows.Err()
}

func scanConnection(row interface{ Scan(...any) error }) (Connection, error) {
	var c Connection
	var link string
	if err := row.Scan(&c.ID, &c.PersonID, &c.NetworkMemberID, &c.Name, &c.Closeness, &link,
		&c.SupportGiven, &c.SupportReceived, &c.Note, &c.Version); err != nil {
		return Connection{}, sqldb.Normalise(err)
	}
	c.Link = Link(link)
	return c, nil
}

// readConnection reads one connection, with the name of the person who matters when it points at one.
func readConnection(ctx context.Context, tx *sqldb.Tx, personID, id string) (Connection, error) {
	c, err := scanConnection(tx.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM connection c
		WHERE c.council_id = $1 AND c.person_id = $2 AND c.id = $3`, tx.Council(), personID, id))
	if err != nil {
		return Connection{}, fmt.Errorf("read connection: %w", err)
	}
	if c.NetworkMemberID != "" {
		if err := tx.QueryRowContext(ctx, `SELECT name, relationship FROM person_network WHERE council_id = $1 AND person_id = $2 AND id = $3`,
			tx.Council(), personID, c.NetworkMemberID).Scan(&c.MemberName, &c.Relationship); err != nil {
			return Connection{}, fmt.Errorf("read the person who matters: %w", sqldb.Normalise(err))
		}
	}
	return c, nil
}

// checkMember makes sure a connection to someone who matters points at one of this person's people who matter, and
// that they are not on the map already (except as the connection being changed), and fills in their name.
func checkMember(ctx context.Context, tx *sqldb.Tx, c *Connection) error {
	err := tx.QueryRowContext(ctx, `SELECT name, relationship FROM person_network WHERE council_id = $1 AND person_id = $2 AND id = $3`,
		tx.Council(), c.PersonID, c.NetworkMemberID).Scan(&c.MemberName, &c.Relationship)
	if errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
		return validation.Problems{{Field: "name", Message: "Select someone who matters from the list"}}
	}
	if err != nil {
		return fmt.Errorf("find the person who matters: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM connection WHERE council_id = $1 AND person_id = $2
		AND network_member_id = $3 AND id <> $4`, tx.Council(), c.PersonID, c.NetworkMemberID, c.ID).Scan(&n); err != nil {
		return fmt.Errorf("find connections to the person who matters: %w", err)
	}
	if n > 0 {
		return validation.Problems{{Field: "name", Message: c.MemberName + " is already on the map. Change their connection instead"}}
	}
	return nil
}

func connectionSummary(what string, c Connection) string {
	kind := "Community connection"
	if c.NetworkMemberID != "" {
		kind = "Network connection"
	}
	return fmt.Sprintf("%s %s: %s (%s)", kind, what, c.Title(), c.Link.Label())
}

// AddConnection puts a connection on c.PersonID's ecomap. Problems come back as validation.Problems and change nothing.
func (s *Store) AddConnection(ctx context.Context, c Connection) (Connection, error) {
	c.Normalise()
	if ps := c.Validate(); len(ps) > 0 {
		return Connection{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, c.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		c.ID, c.Version = sqldb.NewID(), 1
		kind := ToCommunity
		if c.NetworkMemberID != "" {
			kind = ToPerson
			if err := checkMember(ctx, tx, &c); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO connection (council_id, id, person_id, network_member_id, name, kind, closeness,
			support_given, support_received, link, note, created_at, created_by, updated_at, updated_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13, 1)`,
			tx.Council(), c.ID, c.PersonID, nullable(c.NetworkMemberID), c.Name, string(kind), int(c.Closeness),
			c.SupportGiven, c.SupportReceived, string(c.Link), c.Note, tx.Now(), councils.StaffID(ctx)); err != nil {
			return fmt.Errorf("add connection: %w", sqldb.Normalise(err))
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: c.PersonID, Kind: chronology.Strength,
			Summary: connectionSummary("added", c), RefID: c.ID})
	})
	if err != nil {
		return Connection{}, err
	}
	return c, nil
}

// UpdateConnection saves a change to a connection made from c.Version: an older version is sqldb.ErrConflict and
// changes nothing. What the connection points at (someone who matters, or a community connection) stays.
func (s *Store) UpdateConnection(ctx context.Context, c Connection) error {
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, c.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		saved, err := readConnection(ctx, tx, c.PersonID, c.ID)
		if err != nil {
			return err
		}
		c.NetworkMemberID, c.MemberName, c.Relationship = saved.NetworkMemberID, saved.MemberName, saved.Relationship
		c.Normalise()
		if ps := c.Validate(); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE connection SET name = $1, closeness = $2, support_given = $3,
			support_received = $4, link = $5, note = $6, updated_at = $7, updated_by = $8, version = version + 1
			WHERE council_id = $9 AND person_id = $10 AND id = $11 AND version = $12`,
			c.Name, int(c.Closeness), c.SupportGiven, c.SupportReceived, string(c.Link), c.Note, tx.Now(), councils.StaffID(ctx),
			tx.Council(), c.PersonID, c.ID, c.Version)); err != nil {
			return fmt.Errorf("update connection: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: c.PersonID, Kind: chronology.Strength,
			Summary: connectionSummary("changed", c), RefID: c.ID})
	})
}

// RemoveConnection takes a connection off the ecomap, if it is still at version. A person who matters stays on the
// map as "not described yet": they are removed from the person's record on the person's own page.
func (s *Store) RemoveConnection(ctx context.Context, personID, id string, version int) error {
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		saved, err := readConnection(ctx, tx, personID, id)
		if err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `DELETE FROM connection WHERE council_id = $1 AND person_id = $2 AND id = $3 AND version = $4`,
			tx.Council(), personID, id, version)); err != nil {
			return fmt.Errorf("remove connection: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, Kind: chronology.Strength,
			Summary: connectionSummary("removed", saved), RefID: id})
	})
}
