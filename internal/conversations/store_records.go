package conversations

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func conversationSummary(c Conversation) string {
	s := "Conversation (" + lowerFirst(c.Method.Label())
	if c.Place != "" {
		s += ", " + lowerFirst(c.Place.Label())
	}
	return s + fmt.Sprintf(") in step %d, %s", c.Step, lowerFirst(c.Step.Label()))
}

// AddConversation records a conversation in an episode, and marks its step in progress if it had not started. It is
// recorded under the model c.Model names at its version (the model the form was shown under), or under the
// council's model when it names none.
func (s *Store) AddConversation(ctx context.Context, c Conversation) (Conversation, error) {
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := PrepareConversation(ctx, tx, &c); err != nil {
			return err
		}
		if _, err := people.Open(ctx, tx, c.PersonID, c.EpisodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		var err error
		c, err = RecordConversation(ctx, tx, c)
		return err
	})
	if err != nil {
		return Conversation{}, err
	}
	return c, nil
}

// RecordConversation adds a conversation inside another record's transaction, once the person and the episode
// have been opened for a change in it (people.Open) and c has been put under its model (PrepareConversation), as
// AddConversation does. It returns the conversation with its id.
func RecordConversation(ctx context.Context, tx *sqldb.Tx, c Conversation) (Conversation, error) {
	by := councils.StaffID(ctx)
	c.ID, c.Version, c.CreatedAt, c.CreatedBy, c.UpdatedAt, c.UpdatedBy = sqldb.NewID(), 1, tx.Now(), by, tx.Now(), by
	if _, err := tx.ExecContext(ctx, `INSERT INTO conversation (council_id, id, person_id, episode_id, step, held_on, method, place,
		participants, needed_help, help_note, created_at, created_by, updated_at, updated_by, version, model_id, model_version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13, 1, $14, $15)`,
		tx.Council(), c.ID, c.PersonID, c.EpisodeID, int(c.Step), c.HeldOn, string(c.Method), string(c.Place), c.Participants,
		c.NeededHelp, c.HelpNote, tx.Now(), by, c.Model.ID, c.Model.Version); err != nil {
		return Conversation{}, fmt.Errorf("add conversation: %w", sqldb.Normalise(err))
	}
	if err := writeSections(ctx, tx, c); err != nil {
		return Conversation{}, err
	}
	if err := StartStep(ctx, tx, c.PersonID, c.EpisodeID, c.Step); err != nil {
		return Conversation{}, err
	}
	return c, chronology.Record(ctx, tx, chronology.Event{PersonID: c.PersonID, EpisodeID: c.EpisodeID, Kind: chronology.Conversation,
		OccurredOn: c.HeldOn, RefID: c.ID, Summary: conversationSummary(c)})
}

// PrepareConversation puts c under the model a new conversation is recorded under (recordingModel), inside tx,
// keeping only what was written under its headings, and checks it: the problems, if any, are validation.Problems.
func PrepareConversation(ctx context.Context, tx *sqldb.Tx, c *Conversation) error {
	m, err := recordingModel(ctx, tx, c.Model)
	return underModel(c, m, err, tx.Today().Time)
}

// underModel puts c under model m (read with err), keeping only what was written under m's headings, and checks
// it as of today.
func underModel(c *Conversation, m practicemodels.Model, err error, today time.Time) error {
	if err != nil {
		return err
	}
	c.Model = m
	c.Normalise()
	if ps := c.Validate(today); len(ps) > 0 {
		return ps
	}
	return nil
}

// ModelIn reads, inside tx, the model a new conversation is recorded under, as RecordingModel does.
func ModelIn(ctx context.Context, tx *sqldb.Tx, named practicemodels.Model) (practicemodels.Model, error) {
	return recordingModel(ctx, tx, named)
}

// recordingModel is the model a new conversation is recorded under: the one named, at the version named, when the
// council has it (a form shown under it, saved after the council changed its model, keeps what was typed under its
// headings); otherwise the council's model now.
func recordingModel(ctx context.Context, tx *sqldb.Tx, named practicemodels.Model) (practicemodels.Model, error) {
	if named.ID != "" && named.Version > 0 {
		m, err := practicemodels.At(ctx, tx, named.ID, named.Version)
		if !errors.Is(err, sqldb.ErrNotFound) {
			return m, err
		}
	}
	return practicemodels.Current(ctx, tx)
}

// RecordingModel reads the model a conversation is recorded under, with its headings: the model named, at the
// version named, when the council has it (a form sent back names the model it was shown under); otherwise the
// council's model as it stands.
func (s *Store) RecordingModel(ctx context.Context, named practicemodels.Model) (practicemodels.Model, error) {
	var out practicemodels.Model
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = recordingModel(ctx, tx, named)
		return err
	})
	return out, err
}

func writeSections(ctx context.Context, tx *sqldb.Tx, c Conversation) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM conversation_section WHERE council_id = $1 AND conversation_id = $2`, tx.Council(), c.ID); err != nil {
		return fmt.Errorf("clear sections: %w", err)
	}
	for _, sec := range c.Sections {
		if _, err := tx.ExecContext(ctx, `INSERT INTO conversation_section (council_id, conversation_id, heading, person_words, observed)
			VALUES ($1, $2, $3, $4, $5)`, tx.Council(), c.ID, string(sec.Heading), sec.PersonWords, sec.Observed); err != nil {
			return fmt.Errorf("add section %s: %w", sec.Heading, sqldb.Normalise(err))
		}
	}
	return nil
}

// UpdateConversation saves a changed conversation if nobody else changed it first (c.Version is the version the
// change was made from); otherwise it changes nothing and returns sqldb.ErrConflict.
func (s *Store) UpdateConversation(ctx context.Context, c Conversation) error {
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, c.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		if err := exists(ctx, tx, "conversation", c.PersonID, c.EpisodeID, c.ID); err != nil {
			return err
		}
		// A conversation keeps the model it was first recorded under, whatever the council has chosen since.
		var id string
		var version int
		if err := tx.QueryRowContext(ctx, `SELECT model_id, model_version FROM conversation WHERE council_id = $1 AND id = $2`,
			tx.Council(), c.ID).Scan(&id, &version); err != nil {
			return fmt.Errorf("read conversation's model: %w", err)
		}
		m, err := practicemodels.At(ctx, tx, id, version)
		if err := underModel(&c, m, err, s.db.Today().Time); err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE conversation SET step = $1, held_on = $2, method = $3, place = $4,
			participants = $5, needed_help = $6, help_note = $7, updated_at = $8, updated_by = $9, version = version + 1
			WHERE council_id = $10 AND person_id = $11 AND episode_id = $12 AND id = $13 AND version = $14`,
			int(c.Step), c.HeldOn, string(c.Method), string(c.Place), c.Participants, c.NeededHelp, c.HelpNote, tx.Now(),
			councils.StaffID(ctx), tx.Council(), c.PersonID, c.EpisodeID, c.ID, c.Version)); err != nil {
			return fmt.Errorf("change conversation: %w", err)
		}
		if err := writeSections(ctx, tx, c); err != nil {
			return err
		}
		if err := StartStep(ctx, tx, c.PersonID, c.EpisodeID, c.Step); err != nil {
			return err
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: c.PersonID, EpisodeID: c.EpisodeID, Kind: chronology.Conversation,
			RefID: c.ID, Summary: "Record of the conversation on " + c.HeldOn.Format("2 January 2006") + " changed"})
	})
}

// exists checks that a record of table belongs to the person's episode.
func exists(ctx context.Context, tx *sqldb.Tx, table, personID, episodeID, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE council_id = $1 AND person_id = $2 AND episode_id = $3 AND id = $4`,
		tx.Council(), personID, episodeID, id).Scan(&n); err != nil {
		return fmt.Errorf("find %s: %w", table, err)
	}
	if n == 0 {
		return sqldb.ErrNotFound
	}
	return nil
}

// Conversation reads one conversation of an episode, with the person, and logs the view.
func (s *Store) Conversation(ctx context.Context, personID, episodeID, id string) (people.Person, Conversation, error) {
	var p people.Person
	var out []Conversation
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		out, err = conversations(ctx, tx, "c.person_id = $2 AND c.episode_id = $3 AND c.id = $4", personID, episodeID, id)
		return err
	})
	if err != nil {
		return people.Person{}, Conversation{}, err
	}
	if len(out) == 0 {
		return people.Person{}, Conversation{}, sqldb.ErrNotFound
	}
	return p, out[0], nil
}

// conversations reads conversations matching where (with $1 the council), oldest first, with their sections.
func conversations(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Conversation, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.person_id, c.episode_id, c.step, c.held_on, c.method, c.place, c.participants,
		c.needed_help, c.help_note, c.created_at, c.created_by, c.updated_at, c.updated_by, c.version, COALESCE(st.name, ''),
		c.model_id, c.model_version
		FROM conversation c LEFT JOIN staff st ON st.council_id = c.council_id AND st.id = c.created_by
		WHERE c.council_id = $1 AND `+where+` ORDER BY c.held_on, c.created_at, c.id`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read conversations: %w", err)
	}
	var out []Conversation
	index := map[string]int{}
	for rows.Next() {
		var c Conversation
		var step int
		var method, place string
		if err := rows.Scan(&c.ID, &c.PersonID, &c.EpisodeID, &step, &c.HeldOn, &method, &place, &c.Participants, &c.NeededHelp,
			&c.HelpNote, &c.CreatedAt, &c.CreatedBy, &c.UpdatedAt, &c.UpdatedBy, &c.Version, &c.CreatedByName, &c.Model.ID,
			&c.Model.Version); err != nil {
			rows.Close()
			return nil, err
		}
		c.Step, c.Method, c.Place = Step(step), Method(method), Place(place)
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	ids := make([]string, len(out))
	for i, c := range out {
		ids[i] = c.ID
	}
	in, sargs := sqldb.In([]any{tx.Council()}, ids)
	srows, err := tx.QueryContext(ctx, `SELECT conversation_id, heading, person_words, observed FROM conversation_section
		WHERE council_id = $1 AND conversation_id IN (`+in+`)`, sargs...)
	if err != nil {
		return nil, fmt.Errorf("read sections: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var id, heading string
		var sec Section
		if err := srows.Scan(&id, &heading, &sec.PersonWords, &sec.Observed); err != nil {
			return nil, err
		}
		sec.Heading = Heading(heading)
		out[index[id]].Sections = append(out[index[id]].Sections, sec)
	}
	if err := srows.Err(); err != nil {
		return nil, err
	}
	srows.Close()
	// Each conversation reads under the headings it was recorded with, in their order, whatever order the database
	// gave; a model's version is read once however many conversations were recorded under it.
	type recorded struct {
		id      string
		version int
	}
	read := map[recorded]practicemodels.Model{}
	for i := range out {
		k := recorded{out[i].Model.ID, out[i].Model.Version}
		m, ok := read[k]
		if !ok {
			var err error
			if m, err = practicemodels.At(ctx, tx, k.id, k.version); err != nil {
				return nil, fmt.Errorf("read the model of conversation %s: %w", out[i].ID, err)
			}
			read[k] = m
		}
		out[i].Model = m
		out[i].Normalise()
	}
	return out, nil
}

// AddDetermination records an eligibility determination with an episode. The store computes the regulations'
// result from the answers itself (Determine), so the stored explanation always matches the answers.
func (s *Store) AddDetermination(ctx context.Context, d Determination) (Determination, error) {
	d.Decide()
	if ps := d.Validate(s.db.Today().Time); len(ps) > 0 {
		return Determination{}, ps
	}
	a := d.Answers
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, d.PersonID, d.EpisodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		by := councils.StaffID(ctx)
		d.ID, d.Version, d.CreatedAt, d.CreatedBy = sqldb.NewID(), 1, tx.Now(), by
		conditionOne := a.ImpairmentOrIllness
		if a.Kind == Carer {
			conditionOne = a.NecessaryCare
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO eligibility (council_id, id, person_id, episode_id, kind, condition_one,
			health_deteriorating, outcome_answers, significant_impact, impact_areas, computed_eligible, explanation, agrees,
			disagreement_reason, eligible, determined_on, created_at, created_by, updated_at, updated_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $17, $18, 1)`,
			tx.Council(), d.ID, d.PersonID, d.EpisodeID, string(a.Kind), conditionOne, a.HealthDeteriorating, EncodeOutcomes(a.Outcomes),
			a.SignificantImpact, strings.Join(a.ImpactAreas, "\n"), d.ComputedEligible, d.Explanation, d.Agrees,
			d.DisagreementReason, d.Eligible, d.DeterminedOn, tx.Now(), by); err != nil {
			return fmt.Errorf("add eligibility determination: %w", sqldb.Normalise(err))
		}
		summary := "Eligibility determined (" + lowerFirst(a.Kind.Label()) + "): "
		if d.Eligible {
			summary += "eligible"
		} else {
			summary += "not eligible"
		}
		if !d.Agrees {
			summary += ", disagreeing with the result the regulations give"
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: d.PersonID, EpisodeID: d.EpisodeID, Kind: chronology.Eligibility,
			OccurredOn: d.DeterminedOn, RefID: d.ID, Summary: summary})
	})
	if err != nil {
		return Determination{}, err
	}
	return d, nil
}

// Determination reads one eligibility determination of an episode, with the person, and logs the view.
func (s *Store) Determination(ctx context.Context, personID, episodeID, id string) (people.Person, Determination, error) {
	var p people.Person
	var out []Determination
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		out, err = determinations(ctx, tx, "d.person_id = $2 AND d.episode_id = $3 AND d.id = $4", personID, episodeID, id)
		return err
	})
	if err != nil {
		return people.Person{}, Determination{}, err
	}
	if len(out) == 0 {
		return people.Person{}, Determination{}, sqldb.ErrNotFound
	}
	return p, out[0], nil
}

func determinations(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Determination, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.person_id, d.episode_id, d.kind, d.condition_one, d.health_deteriorating,
		d.outcome_answers, d.significant_impact, d.impact_areas, d.computed_eligible, d.explanation, d.agrees,
		d.disagreement_reason, d.eligible, d.determined_on, d.created_at, d.created_by, d.version, COALESCE(st.name, '')
		FROM eligibility d LEFT JOIN staff st ON st.council_id = d.council_id AND st.id = d.created_by
		WHERE d.council_id = $1 AND `+where+` ORDER BY d.determined_on, d.created_at, d.id`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read eligibility determinations: %w", err)
	}
	defer rows.Close()
	var out []Determination
	for rows.Next() {
		var d Determination
		var kind, outcomes, areas string
		var conditionOne bool
		if err := rows.Scan(&d.ID, &d.PersonID, &d.EpisodeID, &kind, &conditionOne, &d.Answers.HealthDeteriorating, &outcomes,
			&d.Answers.SignificantImpact, &areas, &d.ComputedEligible, &d.Explanation, &d.Agrees, &d.DisagreementReason,
			&d.Eligible, &d.DeterminedOn, &d.CreatedAt, &d.CreatedBy, &d.Version, &d.CreatedByName); err != nil {
			return nil, err
		}
		d.Answers.Kind = Kind(kind)
		if d.Answers.Kind == Carer {
			d.Answers.NecessaryCare = conditionOne
		} else {
			d.Answers.ImpairmentOrIllness = conditionOne
		}
		d.Answers.Outcomes = DecodeOutcomes(outcomes)
		if areas != "" {
			d.Answers.ImpactAreas = strings.Split(areas, "\n")
		}
		d.CreatedAt = d.CreatedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}
