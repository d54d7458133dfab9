package outcomes

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps aspirations and outcomes. Every method reads the council and the member of staff from the context,
// opens the person's record with people.Open (the access rule and one access-log entry) and, for a change, adds
// an event to the person's chronology, all in one transaction.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Recorded is an aspiration as stored: with the version a change is made from, and when it was last changed.
type Recorded struct {
	Aspiration
	Version   int
	UpdatedAt time.Time
}

// Board is an episode's aspirations and outcomes, as the outcome pages show them.
type Board struct {
	Person    people.Person
	EpisodeID string
	// Aspirations are all the person's aspirations, oldest first: a long-term hope outlives the episode it was
	// first heard in.
	Aspirations []Recorded
	// Outcomes are the episode's outcomes, oldest first.
	Outcomes []Outcome
}

// Aspiration returns the aspiration with id, or false.
func (b Board) Aspiration(id string) (Recorded, bool) {
	for _, a := range b.Aspirations {
		if a.ID == id {
			return a, true
		}
	}
	return Recorded{}, false
}

// Outcome returns the outcome with id, or false.
func (b Board) Outcome(id string) (Outcome, bool) {
	for _, o := range b.Outcomes {
		if o.ID == id {
			return o, true
		}
	}
	return Outcome{}, false
}

// Board reads an episode's aspirations and outcomes and logs one view of the person's record. An episode that is
// not the person's, or a person in another council, is sqldb.ErrNotFound.
func (s *Store) Board(ctx context.Context, personID, episodeID string) (Board, error) {
	b := Board{EpisodeID: episodeID}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if b.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		if b.Aspirations, err = aspirations(ctx, tx, `a.person_id = $2`, personID); err != nil {
			return err
		}
		b.Outcomes, err = ForEpisode(ctx, tx, episodeID)
		return err
	})
	if err != nil {
		return Board{}, err
	}
	return b, nil
}

// GetAspiration reads one of the person's aspirations and logs the view.
func (s *Store) GetAspiration(ctx context.Context, personID, id string) (people.Person, Recorded, error) {
	var p people.Person
	var a Recorded
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if p, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		found, err := aspirations(ctx, tx, `a.person_id = $2 AND a.id = $3`, personID, id)
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return sqldb.ErrNotFound
		}
		a = found[0]
		return nil
	})
	if err != nil {
		return people.Person{}, Recorded{}, err
	}
	return p, a, nil
}

// Person opens the person's record for a form, checks that episodeID (when given) is theirs, and logs the view.
func (s *Store) Person(ctx context.Context, personID, episodeID string) (people.Person, error) {
	var p people.Person
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		p, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View)
		return err
	})
	if err != nil {
		return people.Person{}, err
	}
	return p, nil
}

const aspirationColumns = `a.id, a.person_id, COALESCE(a.episode_id, ''), a.term, a.person_words, a.version, a.updated_at`

func aspirations(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Recorded, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+aspirationColumns+` FROM aspiration a WHERE a.council_id = $1 AND `+where+`
		ORDER BY a.created_at, a.id`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read aspirations: %w", err)
	}
	defer rows.Close()
	var out []Recorded
	for rows.Next() {
		var a Recorded
		var term string
		if err := rows.Scan(&a.ID, &a.PersonID, &a.EpisodeID, &term, &a.Words, &a.Version, &a.UpdatedAt); err != nil {
			return nil, fmt.Errorf("read aspiration: %w", err)
		}
		a.Term, a.UpdatedAt = Term(term), a.UpdatedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// AddAspiration records one of the person's hopes, in the episode given (which may be empty), with a chronology
// event. Problems come back as validation.Problems and change nothing.
func (s *Store) AddAspiration(ctx context.Context, a Aspiration) (Aspiration, error) {
	a.Words = strings.TrimSpace(a.Words)
	if ps := a.Validate(); len(ps) > 0 {
		return Aspiration{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, a.PersonID, a.EpisodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		var err error
		a, err = RecordAspiration(ctx, tx, a)
		return err
	})
	if err != nil {
		return Aspiration{}, err
	}
	return a, nil
}

// RecordAspiration adds a hope inside another record's transaction, once the person (and the episode, when it has
// one) has been opened for a change in it (people.Open), as AddAspiration does. It returns the hope with its id.
func RecordAspiration(ctx context.Context, tx *sqldb.Tx, a Aspiration) (Aspiration, error) {
	a.Words = strings.TrimSpace(a.Words)
	if ps := a.Validate(); len(ps) > 0 {
		return Aspiration{}, ps
	}
	a.ID = sqldb.NewID()
	if _, err := tx.ExecContext(ctx, sqldb.Insert("aspiration", AspirationColumns()), AspirationValues(tx.Council(), a, tx.Now(), councils.StaffID(ctx))...); err != nil {
		return Aspiration{}, fmt.Errorf("add aspiration: %w", sqldb.Normalise(err))
	}
	return a, chronology.Record(ctx, tx, chronology.Event{PersonID: a.PersonID, EpisodeID: a.EpisodeID, Kind: chronology.Outcome,
		Summary: a.Term.Label() + " hope recorded in the person's words", RefID: a.ID})
}

// UpdateAspiration changes an aspiration's term or words if nobody else changed it since version; otherwise it
// changes nothing and returns sqldb.ErrConflict.
func (s *Store) UpdateAspiration(ctx context.Context, a Aspiration, version int) error {
	a.Words = strings.TrimSpace(a.Words)
	if ps := a.Validate(); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, a.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		var episode string
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(episode_id, '') FROM aspiration WHERE council_id = $1 AND id = $2 AND person_id = $3`,
			tx.Council(), a.ID, a.PersonID).Scan(&episode); err != nil {
			return fmt.Errorf("find aspiration: %w", sqldb.Normalise(err))
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE aspiration SET term = $1, person_words = $2, updated_at = $3,
			updated_by = $4, version = version + 1 WHERE council_id = $5 AND id = $6 AND person_id = $7 AND version = $8`,
			string(a.Term), a.Words, tx.Now(), councils.StaffID(ctx), tx.Council(), a.ID, a.PersonID, version)); err != nil {
			return fmt.Errorf("change aspiration: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: a.PersonID, EpisodeID: episode, Kind: chronology.Outcome,
			Summary: a.Term.Label() + " hope changed", RefID: a.ID})
	})
}

// Columns are an outcome's columns as Scan reads them, from the outcome table named o: the one list for this store
// and for other domains that read outcomes beside their own rows (the golden thread).
const Columns = `o.id, o.person_id, o.episode_id, COALESCE(o.aspiration_id, ''), o.different, o.how_we_know, o.by_when,
	o.who_involved, o.wellbeing_areas, o.eligibility_outcomes, o.level_minus2, o.level_minus1, o.level_expected, o.level_plus1,
	o.level_plus2, o.baseline, o.importance, o.difficulty, o.status, o.version`

// Scan reads a row that starts with Columns; extra receives the columns a caller selected after them.
func Scan(row interface{ Scan(...any) error }, extra ...any) (Outcome, error) {
	var o Outcome
	var areas, eligibility, status string
	var baseline int
	dest := append([]any{&o.ID, &o.PersonID, &o.EpisodeID, &o.AspirationID, &o.Different, &o.HowWeKnow, &o.ByWhen,
		&o.WhoInvolved, &areas, &eligibility, &o.LevelMinus2, &o.LevelMinus1, &o.Expected, &o.LevelPlus1,
		&o.LevelPlus2, &baseline, &o.Importance, &o.Difficulty, &status, &o.Version}, extra...)
	if err := row.Scan(dest...); err != nil {
		return Outcome{}, fmt.Errorf("read outcome: %w", err)
	}
	o.WellbeingAreas, o.EligibilityOutcomes = lines(areas), lines(eligibility)
	o.Baseline, o.Status = Level(baseline), Status(status)
	return o, nil
}

// AspirationColumns are the aspiration table's columns in the order AspirationValues gives them, for the store's
// INSERT and the demo's bulk load.
func AspirationColumns() []string {
	return []string{"council_id", "id", "person_id", "episode_id", "term", "person_words", "created_at", "created_by", "updated_at",
		"updated_by", "version"}
}

// AspirationValues are a new aspiration's values for AspirationColumns, as added in council by staff member by at
// the moment at.
func AspirationValues(council string, a Aspiration, at time.Time, by string) []any {
	return []any{council, a.ID, a.PersonID, nullable(a.EpisodeID), string(a.Term), a.Words, at, by, at, by, 1}
}

// RowColumns are the outcome table's columns in the order RowValues gives them: the store's INSERT is built from
// them (sqldb.Insert), and the demo loads its outcomes in bulk with them.
func RowColumns() []string {
	return []string{"council_id", "id", "person_id", "episode_id", "aspiration_id", "different", "how_we_know", "by_when",
		"who_involved", "wellbeing_areas", "eligibility_outcomes", "level_minus2", "level_minus1", "level_expected", "level_plus1",
		"level_plus2", "baseline", "importance", "difficulty", "status", "created_at", "created_by", "updated_at", "updated_by", "version"}
}

// RowValues are o's values for RowColumns, as added in council by staff member by at the moment at.
func RowValues(council string, o Outcome, at time.Time, by string) []any {
	return []any{council, o.ID, o.PersonID, o.EpisodeID, nullable(o.AspirationID), o.Different, o.HowWeKnow, o.ByWhen,
		o.WhoInvolved, strings.Join(o.WellbeingAreas, "\n"), strings.Join(o.EligibilityOutcomes, "\n"), o.LevelMinus2,
		o.LevelMinus1, o.Expected, o.LevelPlus1, o.LevelPlus2, int(o.Baseline), o.Importance, o.Difficulty, string(o.Status),
		at, by, at, by, o.Version}
}

// ForEpisode reads an episode's outcomes, oldest first, inside a transaction that has already opened the person
// with people.Open (a plan or a review reads them this way).
func ForEpisode(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Outcome, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+Columns+` FROM outcome o WHERE o.council_id = $1 AND o.episode_id = $2
		ORDER BY o.created_at, o.id`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read outcomes: %w", err)
	}
	defer rows.Close()
	var out []Outcome
	for rows.Next() {
		o, err := Scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// NotSMART returns the episode's outcomes that still lack a SMART element, inside a transaction that has already
// opened the person: a plan cannot be agreed while any outcome is on this list. Achieved and closed outcomes are
// past planning and are not listed.
func NotSMART(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Outcome, error) {
	all, err := ForEpisode(ctx, tx, episodeID)
	if err != nil {
		return nil, err
	}
	var out []Outcome
	for _, o := range all {
		if (o.Status == Draft || o.Status == Active) && !o.IsSMART() {
			out = append(out, o)
		}
	}
	return out, nil
}

// NotSMART returns the episode's outcomes that are not yet SMART, and logs a view of the person's record.
func (s *Store) NotSMART(ctx context.Context, personID, episodeID string) ([]Outcome, error) {
	var out []Outcome
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		var err error
		out, err = NotSMART(ctx, tx, episodeID)
		return err
	})
	return out, err
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Normalise tidies an outcome and decides its status: a draft or active outcome is active once it is SMART and a
// draft until then, so that the practitioner never has to say which it is.
func (o *Outcome) Normalise() {
	for _, f := range []*string{&o.Different, &o.HowWeKnow, &o.WhoInvolved, &o.LevelMinus2, &o.LevelMinus1, &o.Expected, &o.LevelPlus1, &o.LevelPlus2} {
		*f = strings.TrimSpace(*f)
	}
	if o.Status == "" || o.Status == Draft || o.Status == Active {
		o.Status = Draft
		if o.IsSMART() {
			o.Status = Active
		}
	}
}

// checkAspiration reports a problem unless the aspiration the outcome serves is the person's.
func checkAspiration(ctx context.Context, tx *sqldb.Tx, o Outcome) error {
	if o.AspirationID == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM aspiration WHERE council_id = $1 AND id = $2 AND person_id = $3`,
		tx.Council(), o.AspirationID, o.PersonID).Scan(&n); err != nil {
		return fmt.Errorf("find aspiration: %w", err)
	}
	if n == 0 {
		return validation.Problems{{Field: "aspiration_id", Message: "Select one of the person's hopes from the list"}}
	}
	return nil
}

// smartness is how a chronology event describes an outcome's state.
func smartness(o Outcome) string {
	if o.IsSMART() {
		return "SMART"
	}
	return "draft, not yet SMART"
}

// AddOutcome records an outcome in an episode, as a draft until it is SMART, with a chronology event, and marks
// its step in progress if it had not started. Problems come back as validation.Problems and change nothing.
func (s *Store) AddOutcome(ctx context.Context, o Outcome) (Outcome, error) {
	o.Normalise()
	if ps := o.Validate(); len(ps) > 0 {
		return Outcome{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, o.PersonID, o.EpisodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		var err error
		o, err = RecordOutcome(ctx, tx, o)
		return err
	})
	if err != nil {
		return Outcome{}, err
	}
	return o, nil
}

// RecordOutcome adds an outcome inside another record's transaction, once the person and the episode have been
// opened for a change in it (people.Open), as AddOutcome does. It returns the outcome with its id.
func RecordOutcome(ctx context.Context, tx *sqldb.Tx, o Outcome) (Outcome, error) {
	o.Normalise()
	if ps := o.Validate(); len(ps) > 0 {
		return Outcome{}, ps
	}
	if err := checkAspiration(ctx, tx, o); err != nil {
		return Outcome{}, err
	}
	o.ID, o.Version = sqldb.NewID(), 1
	if _, err := tx.ExecContext(ctx, sqldb.Insert("outcome", RowColumns()), RowValues(tx.Council(), o, tx.Now(), councils.StaffID(ctx))...); err != nil {
		return Outcome{}, fmt.Errorf("add outcome: %w", sqldb.Normalise(err))
	}
	if err := conversations.StartStep(ctx, tx, o.PersonID, o.EpisodeID, conversations.OutcomeStep); err != nil {
		return Outcome{}, err
	}
	return o, chronology.Record(ctx, tx, chronology.Event{PersonID: o.PersonID, EpisodeID: o.EpisodeID, Kind: chronology.Outcome,
		Summary: "Outcome added (" + smartness(o) + ")", RefID: o.ID})
}

// UpdateOutcome saves a changed outcome if nobody else changed it since o.Version; otherwise it changes nothing and
// returns sqldb.ErrConflict. An outcome in another episode or council is sqldb.ErrNotFound.
func (s *Store) UpdateOutcome(ctx context.Context, o Outcome) error {
	o.Normalise()
	if ps := o.Validate(); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, o.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		var was string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM outcome WHERE council_id = $1 AND id = $2 AND person_id = $3 AND episode_id = $4`,
			tx.Council(), o.ID, o.PersonID, o.EpisodeID).Scan(&was); err != nil {
			return fmt.Errorf("find outcome: %w", sqldb.Normalise(err))
		}
		if err := checkAspiration(ctx, tx, o); err != nil {
			return err
		}
		err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE outcome SET aspiration_id = $1, different = $2, how_we_know = $3,
			by_when = $4, who_involved = $5, wellbeing_areas = $6, eligibility_outcomes = $7, level_minus2 = $8, level_minus1 = $9,
			level_expected = $10, level_plus1 = $11, level_plus2 = $12, baseline = $13, importance = $14, difficulty = $15,
			status = $16, updated_at = $17, updated_by = $18, version = version + 1
			WHERE council_id = $19 AND id = $20 AND version = $21`,
			nullable(o.AspirationID), o.Different, o.HowWeKnow, o.ByWhen, o.WhoInvolved, strings.Join(o.WellbeingAreas, "\n"),
			strings.Join(o.EligibilityOutcomes, "\n"), o.LevelMinus2, o.LevelMinus1, o.Expected, o.LevelPlus1, o.LevelPlus2,
			int(o.Baseline), o.Importance, o.Difficulty, string(o.Status), tx.Now(), councils.StaffID(ctx), tx.Council(), o.ID, o.Version))
		if err != nil {
			return fmt.Errorf("change outcome: %w", err)
		}
		summary := "Outcome changed (" + smartness(o) + ")"
		if Status(was) == Draft && o.Status == Active {
			summary = "Outcome completed: now SMART"
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: o.PersonID, EpisodeID: o.EpisodeID, Kind: chronology.Outcome,
			Summary: summary, RefID: o.ID})
	})
}
