package feedback

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps the council's surveys, codes and answers. Every method but those answering by code reads the council
// and the member of staff from the context. Reading or recording a person's answers opens their record
// (people.Open) and logs it; reading results names no one and logs nothing.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// ErrCodeNotValid covers every reason a code cannot be used: not known, already used or expired. The answer does
// not say which, so that nobody can tell a code that was once good from one made up.
var ErrCodeNotValid = errors.New("feedback code cannot be used")

// ErrNotDue: a person's survey is asked about an episode only once its plan has been agreed or a review held.
var ErrNotDue = validation.Problems{{Field: "survey", Message: "Ask for feedback once the person’s plan has been agreed or a review held"}}

// signedIn is the member of staff, refused unless their role passes may.
func signedIn(ctx context.Context, may func(councils.Role) bool) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !may(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// answersSurveys: every member of staff answers the staff survey but finance, whose role changes nothing.
func answersSurveys(r councils.Role) bool { return r != "" && !r.ChangesNothing() }

// Surveys reads the latest version of each of the council's surveys, putting the default surveys in place the
// first time a council asks: for the quality lead.
func (s *Store) Surveys(ctx context.Context) ([]Survey, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return nil, err
	}
	var out []Survey
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = latestSurveys(ctx, tx)
		return err
	})
	return out, err
}

// latestSurveys reads the latest version of each survey inside tx, first adding the defaults to a council with none.
func latestSurveys(ctx context.Context, tx *sqldb.Tx) ([]Survey, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feedback_survey WHERE council_id = $1`, tx.Council()).Scan(&n); err != nil {
		return nil, fmt.Errorf("count surveys: %w", err)
	}
	if n == 0 {
		for _, sv := range []Survey{DefaultPeopleSurvey(), DefaultStaffSurvey()} {
			if _, err := addSurvey(ctx, tx, sv); err != nil {
				return nil, err
			}
		}
	}
	return readSurveys(ctx, tx, `s.version = (SELECT max(v.version) FROM feedback_survey v WHERE v.council_id = s.council_id AND v.survey_key = s.survey_key)`)
}

// latest is the latest version of the survey for audience, putting the defaults in place first if need be.
func latest(ctx context.Context, tx *sqldb.Tx, a Audience) (Survey, error) {
	all, err := latestSurveys(ctx, tx)
	if err != nil {
		return Survey{}, err
	}
	for _, sv := range all {
		if sv.Audience == a {
			return sv, nil
		}
	}
	return Survey{}, fmt.Errorf("%s: %w", a.Label(), sqldb.ErrNotFound)
}

// Survey reads one version of a survey: for the quality lead.
func (s *Store) Survey(ctx context.Context, id string) (Survey, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return Survey{}, err
	}
	var out Survey
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = oneSurvey(ctx, tx, id)
		return err
	})
	return out, err
}

func oneSurvey(ctx context.Context, tx *sqldb.Tx, id string) (Survey, error) {
	all, err := readSurveys(ctx, tx, `s.id = $2`, id)
	if err != nil {
		return Survey{}, err
	}
	if len(all) == 0 {
		return Survey{}, fmt.Errorf("survey %s: %w", id, sqldb.ErrNotFound)
	}
	return all[0], nil
}

func readSurveys(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Survey, error) {
	var out []Survey
	err := sqldb.Each(ctx, tx, `SELECT s.id, s.survey_key, s.version, s.audience, s.name, s.definition, s.created_at FROM feedback_survey s
		WHERE s.council_id = $1 AND `+where+` ORDER BY s.audience, s.name, s.version`, append([]any{tx.Council()}, args...),
		func(rows *sql.Rows) error {
			var sv Survey
			var audience, def string
			if err := rows.Scan(&sv.ID, &sv.Key, &sv.Version, &audience, &sv.Name, &def, &sv.CreatedAt); err != nil {
				return err
			}
			sv.Audience = Audience(audience)
			if err := json.Unmarshal([]byte(def), &sv.Questions); err != nil {
				return fmt.Errorf("read survey %s: %w", sv.ID, err)
			}
			out = append(out, sv)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read surveys: %w", err)
	}
	return out, nil
}

func addSurvey(ctx context.Context, tx *sqldb.Tx, sv Survey) (Survey, error) {
	def, err := sv.definition()
	if err != nil {
		return Survey{}, err
	}
	sv.ID, sv.CreatedAt = sqldb.NewID(), tx.Now()
	if sv.Version == 0 {
		sv.Version = 1
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_survey (council_id, id, survey_key, version, audience, name, definition, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tx.Council(), sv.ID, sv.Key, sv.Version, string(sv.Audience), sv.Name, def, sv.CreatedAt,
		councils.StaffID(ctx)); err != nil {
		return Survey{}, fmt.Errorf("add survey: %w", sqldb.Normalise(err))
	}
	return sv, nil
}

// ChangeSurvey keeps a change to a survey's name and questions: for the quality lead. A version that has answers,
// codes or rounds is never changed: the change becomes the survey's next version, and they keep theirs. version is
// the survey's version the change was made from; a later one is sqldb.ErrConflict.
func (s *Store) ChangeSurvey(ctx context.Context, sv Survey, version int) (Survey, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return Survey{}, err
	}
	if ps := sv.Validate(); len(ps) > 0 {
		return Survey{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		current, err := oneSurvey(ctx, tx, sv.ID)
		if err != nil {
			return err
		}
		var newest, used int
		if err := tx.QueryRowContext(ctx, `SELECT max(version) FROM feedback_survey WHERE council_id = $1 AND survey_key = $2`,
			tx.Council(), current.Key).Scan(&newest); err != nil {
			return fmt.Errorf("read the survey’s versions: %w", err)
		}
		if newest != current.Version || version != current.Version {
			return sqldb.ErrConflict
		}
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM feedback_response WHERE council_id = $1 AND survey_id = $2) +
			(SELECT count(*) FROM feedback_invitation WHERE council_id = $1 AND survey_id = $2) +
			(SELECT count(*) FROM feedback_round WHERE council_id = $1 AND survey_id = $2)`, tx.Council(), current.ID).Scan(&used); err != nil {
			return fmt.Errorf("find what used the survey: %w", err)
		}
		sv.Key, sv.Audience = current.Key, current.Audience
		if used > 0 {
			sv.Version = current.Version + 1
			sv, err = addSurvey(ctx, tx, sv)
			return err
		}
		def, err := sv.definition()
		if err != nil {
			return err
		}
		sv.Version, sv.CreatedAt = current.Version, current.CreatedAt
		_, err = tx.ExecContext(ctx, `UPDATE feedback_survey SET name = $1, definition = $2 WHERE council_id = $3 AND id = $4`,
			sv.Name, def, tx.Council(), sv.ID)
		return err
	})
	return sv, err
}

// Given is a person's set of answers as the episode shows it, with the survey version they answered.
type Given struct {
	Response
	Survey Survey
}

// EpisodeFeedback is what an episode's feedback page shows: the survey a person is asked now, whether it is due,
// the answers the person gave that are not anonymous, and the codes given out.
type EpisodeFeedback struct {
	Person      people.Person
	EpisodeID   string
	Survey      Survey
	Due         bool // the plan has been agreed or a review held
	Given       []Given
	Invitations []Invitation
	Today       sqldb.Date
}

// Episode reads an episode's feedback, opening the person's record and logging the view. Answers the person asked
// to be anonymous are never read.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (EpisodeFeedback, error) {
	return s.episode(ctx, personID, episodeID, people.Log)
}

// EpisodeGlance reads what Episode does without logging, for a form sent back with mistakes.
func (s *Store) EpisodeGlance(ctx context.Context, personID, episodeID string) (EpisodeFeedback, error) {
	return s.episode(ctx, personID, episodeID, people.Peek)
}

func (s *Store) episode(ctx context.Context, personID, episodeID string, mode people.Mode) (EpisodeFeedback, error) {
	out := EpisodeFeedback{EpisodeID: episodeID}
	// The defaults may need putting in place, so this is a write transaction.
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, mode, accesslog.View); err != nil {
			return err
		}
		out.Today = tx.Today()
		if out.Survey, err = latest(ctx, tx, People); err != nil {
			return err
		}
		if out.Due, err = due(ctx, tx, episodeID); err != nil {
			return err
		}
		if out.Given, err = named(ctx, tx, episodeID); err != nil {
			return err
		}
		out.Invitations, err = invitations(ctx, tx, episodeID)
		return err
	})
	return out, err
}

// due says whether an episode's plan has been agreed or a review held, after which the person is asked.
func due(ctx context.Context, tx *sqldb.Tx, episodeID string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM support_plan WHERE council_id = $1 AND episode_id = $2 AND agreed_on IS NOT NULL) +
		(SELECT count(*) FROM review WHERE council_id = $1 AND episode_id = $2 AND status = 'completed')`, tx.Council(), episodeID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("find the episode’s agreed plan or review: %w", err)
	}
	return n > 0, nil
}

// named reads the answers about an episode that the person did not ask to be anonymous, newest first. Anonymous
// answers are left out here, in the query, so that no page about a person can show them.
func named(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Given, error) {
	var out []Given
	err := sqldb.Each(ctx, tx, `SELECT r.id, r.survey_id, r.answered_on, r.how FROM feedback_response r
		WHERE r.council_id = $1 AND r.episode_id = $2 AND r.anonymous = $3 ORDER BY r.answered_on DESC, r.id DESC`,
		[]any{tx.Council(), episodeID, false}, func(rows *sql.Rows) error {
			var g Given
			var how string
			if err := rows.Scan(&g.ID, &g.SurveyID, &g.AnsweredOn, &how); err != nil {
				return err
			}
			g.How = How(how)
			out = append(out, g)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the episode’s feedback: %w", err)
	}
	for i := range out {
		if out[i].Survey, err = oneSurvey(ctx, tx, out[i].SurveyID); err != nil {
			return nil, err
		}
		if out[i].Answers, err = answers(ctx, tx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func answers(ctx context.Context, tx *sqldb.Tx, responseID string) (map[string]string, error) {
	out := map[string]string{}
	err := sqldb.Each(ctx, tx, `SELECT question, answer FROM feedback_answer WHERE council_id = $1 AND response_id = $2`,
		[]any{tx.Council(), responseID}, func(rows *sql.Rows) error {
			var q, a string
			if err := rows.Scan(&q, &a); err != nil {
				return err
			}
			out[q] = a
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read answers: %w", err)
	}
	return out, nil
}

func invitations(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]Invitation, error) {
	var out []Invitation
	err := sqldb.Each(ctx, tx, `SELECT id, survey_id, person_id, episode_id, expires_on, used_at, created_at FROM feedback_invitation
		WHERE council_id = $1 AND episode_id = $2 ORDER BY created_at DESC`, []any{tx.Council(), episodeID}, func(rows *sql.Rows) error {
		var i Invitation
		var used sql.NullTime
		if err := rows.Scan(&i.ID, &i.SurveyID, &i.PersonID, &i.EpisodeID, &i.ExpiresOn, &used, &i.CreatedAt); err != nil {
			return err
		}
		if used.Valid {
			i.UsedAt = used.Time.UTC()
		}
		out = append(out, i)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the episode’s feedback codes: %w", err)
	}
	return out, nil
}

// Record keeps a person's answers about an episode, recorded by the practitioner with the person or from the
// printed form (r.How), to the survey version r.SurveyID. It opens the person's record for the change and logs
// it. The survey is asked only once the episode's plan has been agreed or a review held (ErrNotDue).
func (s *Store) Record(ctx context.Context, personID, episodeID string, r Response) (Response, error) {
	if _, err := signedIn(ctx, councils.Role.ChangesPeople); err != nil {
		return Response{}, err
	}
	if r.How != WithPractitioner && r.How != Paper {
		return Response{}, validation.Problems{{Field: "how", Message: "Select how the person gave their answers"}}
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		sv, err := oneSurvey(ctx, tx, r.SurveyID)
		if err != nil {
			return err
		}
		if sv.Audience != People {
			return fmt.Errorf("survey %s is not for people: %w", sv.ID, sqldb.ErrNotFound)
		}
		if ps := r.Validate(sv); len(ps) > 0 {
			return ps
		}
		if ok, err := due(ctx, tx, episodeID); err != nil {
			return err
		} else if !ok {
			return ErrNotDue
		}
		r.AnsweredOn = tx.Today()
		r.ID, err = addResponse(ctx, tx, r, personID, episodeID, "", councils.StaffID(ctx))
		return err
	})
	return r, err
}

// addResponse keeps a set of answers, with the team of the episode, or for a staff round the team given.
func addResponse(ctx context.Context, tx *sqldb.Tx, r Response, personID, episodeID, roundID, recordedBy string) (string, error) {
	id := sqldb.NewID()
	var team string
	if episodeID != "" {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(team_id, '') FROM episode WHERE council_id = $1 AND id = $2`, tx.Council(), episodeID).
			Scan(&team); err != nil {
			return "", fmt.Errorf("read the episode’s team: %w", sqldb.Normalise(err))
		}
	} else {
		team = r.Answers[teamField]
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_response (council_id, id, survey_id, person_id, episode_id, round_id, team_id, answered_on, how, anonymous, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, tx.Council(), id, r.SurveyID, orNull(personID), orNull(episodeID), orNull(roundID),
		team, r.AnsweredOn, string(r.How), r.Anonymous, recordedBy); err != nil {
		return "", fmt.Errorf("add answers: %w", sqldb.Normalise(err))
	}
	for q, a := range r.Answers {
		if q == teamField || strings.TrimSpace(a) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_answer (council_id, response_id, question, answer) VALUES ($1, $2, $3, $4)`,
			tx.Council(), id, q, strings.TrimSpace(a)); err != nil {
			return "", fmt.Errorf("add an answer: %w", sqldb.Normalise(err))
		}
	}
	return id, nil
}

// teamField carries a staff response's team into addResponse; it is never a question's key.
const teamField = "\x00team"

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Invite makes a one-time code for the person to answer the survey about an episode, on the printed form or by a
// link: usable once, for CodeDays days. Only its hash is kept, so the code is on the returned invitation alone.
// Making it changes the person's record, and is logged.
func (s *Store) Invite(ctx context.Context, personID, episodeID string) (Invitation, Survey, error) {
	if _, err := signedIn(ctx, councils.Role.ChangesPeople); err != nil {
		return Invitation{}, Survey{}, err
	}
	var inv Invitation
	var sv Survey
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		var err error
		if sv, err = latest(ctx, tx, People); err != nil {
			return err
		}
		if ok, err := due(ctx, tx, episodeID); err != nil {
			return err
		} else if !ok {
			return ErrNotDue
		}
		code, err := newCode()
		if err != nil {
			return err
		}
		inv = Invitation{ID: sqldb.NewID(), SurveyID: sv.ID, PersonID: personID, EpisodeID: episodeID, Code: code,
			ExpiresOn: sqldb.NewDate(tx.Today().AddDate(0, 0, CodeDays)), CreatedAt: tx.Now()}
		hash := hashCode(code)
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_invitation (council_id, id, survey_id, person_id, episode_id, code_hash, expires_on, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, tx.Council(), inv.ID, inv.SurveyID, personID, episodeID, hash, inv.ExpiresOn,
			inv.CreatedAt, councils.StaffID(ctx)); err != nil {
			return fmt.Errorf("add a feedback code: %w", sqldb.Normalise(err))
		}
		// feedback_code is found before the council is known, like api_token; it is not a tenant table.
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_code (code_hash, council_id) VALUES ($1, $2)`, hash, tx.Council()); err != nil {
			return fmt.Errorf("add a feedback code: %w", sqldb.Normalise(err))
		}
		return nil
	})
	return inv, sv, err
}

// newCode is a long random code: 128 bits, written in 26 letters and digits that cannot be mistaken for each other
// when typed from paper.
func newCode() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make a feedback code: %w", err)
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)), nil
}

// NormaliseCode is a code as typed, with spaces and dashes taken out and in lower case.
func NormaliseCode(code string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(code)))
}

// GroupCode writes a code in groups of four for reading from paper: abcd-efgh-….
func GroupCode(code string) string {
	var parts []string
	for len(code) > 4 {
		parts = append(parts, code[:4])
		code = code[4:]
	}
	return strings.Join(append(parts, code), "-")
}

func hashCode(code string) string {
	h := sha256.Sum256([]byte(NormaliseCode(code)))
	return hex.EncodeToString(h[:])
}

// ByCode is the survey a one-time code asks, and the council's name, for the person answering with no sign-in.
// The code's council is found first, then everything is read inside its wall. A code not known, used or expired is
// ErrCodeNotValid.
func (s *Store) ByCode(ctx context.Context, code string) (Survey, string, error) {
	var sv Survey
	var council string
	err := s.withCode(ctx, code, s.db.ReadTx, func(ctx context.Context, tx *sqldb.Tx, inv Invitation) error {
		var err error
		if sv, err = oneSurvey(ctx, tx, inv.SurveyID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT name FROM council WHERE id = $1`, tx.Council()).Scan(&council)
	})
	return sv, council, err
}

// AnswerByCode keeps the person's answers given through the link, and uses up the code. A code not known, used or
// expired is ErrCodeNotValid, and answers that do not fit the survey are validation.Problems; either way nothing is
// kept. The answers are added to the person's record, so the access log gets an entry of the person's own, through
// the channel and route ctx names.
func (s *Store) AnswerByCode(ctx context.Context, code string, r Response) error {
	ctx = accesslog.ByThePerson(ctx, "answering a survey with their one-time code")
	return s.withCode(ctx, code, s.db.InTx, func(ctx context.Context, tx *sqldb.Tx, inv Invitation) error {
		sv, err := oneSurvey(ctx, tx, inv.SurveyID)
		if err != nil {
			return err
		}
		if ps := r.Validate(sv); len(ps) > 0 {
			return ps
		}
		res, err := tx.ExecContext(ctx, `UPDATE feedback_invitation SET used_at = $1 WHERE council_id = $2 AND id = $3 AND used_at IS NULL`,
			tx.Now(), tx.Council(), inv.ID)
		if err != nil {
			return fmt.Errorf("use the feedback code: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return ErrCodeNotValid
		}
		r.SurveyID, r.How, r.AnsweredOn = inv.SurveyID, Link, tx.Today()
		if _, err = addResponse(ctx, tx, r, inv.PersonID, inv.EpisodeID, "", ""); err != nil {
			return err
		}
		return accesslog.Record(ctx, tx, inv.PersonID, accesslog.Create, "Feedback given by the person")
	})
}

// withCode finds a code's council, then runs fn with its invitation inside the council's wall, in a transaction
// run by run (ReadTx or InTx).
func (s *Store) withCode(ctx context.Context, code string, run func(context.Context, func(*sqldb.Tx) error) error,
	fn func(ctx context.Context, tx *sqldb.Tx, inv Invitation) error) error {
	hash := hashCode(code)
	if len(NormaliseCode(code)) != 26 {
		return ErrCodeNotValid
	}
	var council string
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return sqldb.Normalise(tx.QueryRowContext(ctx, `SELECT council_id FROM feedback_code WHERE code_hash = $1`, hash).Scan(&council))
	})
	if errors.Is(err, sqldb.ErrNotFound) {
		return ErrCodeNotValid
	}
	if err != nil {
		return fmt.Errorf("find a feedback code: %w", err)
	}
	ctx = sqldb.WithCouncil(ctx, council)
	return run(ctx, func(tx *sqldb.Tx) error {
		var inv Invitation
		var used sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT id, survey_id, person_id, episode_id, expires_on, used_at FROM feedback_invitation
			WHERE council_id = $1 AND code_hash = $2`, tx.Council(), hash).Scan(&inv.ID, &inv.SurveyID, &inv.PersonID, &inv.EpisodeID, &inv.ExpiresOn, &used)
		if errors.Is(err, sql.ErrNoRows) || used.Valid || tx.Today().After(inv.ExpiresOn.Time) {
			return ErrCodeNotValid
		}
		if err != nil {
			return fmt.Errorf("read a feedback code: %w", err)
		}
		return fn(ctx, tx, inv)
	})
}

// Round is a staff survey round.
type Round struct {
	ID, SurveyID, Name string
	SurveyName         string
	OpensOn, ClosesOn  sqldb.Date
	Answers            int  // how many have answered
	Answered           bool // whether the signed-in member of staff has
}

// Open says whether the round takes answers on day.
func (r Round) Open(day sqldb.Date) bool {
	return !day.Before(r.OpensOn.Time) && !day.After(r.ClosesOn.Time)
}

// NewRound is a staff survey round to open today, closing on ClosesOn.
type NewRound struct {
	Name     string
	ClosesOn sqldb.Date
}

// Validate checks a new round against today: a name, and a closing date after today.
func (n NewRound) Validate(today sqldb.Date) validation.Problems {
	var ps validation.Problems
	if strings.TrimSpace(n.Name) == "" {
		ps.Append("name", "Enter the round’s name")
	}
	if n.ClosesOn.IsZero() {
		ps.Append("closes_on", "Enter the date the round closes")
	} else if !n.ClosesOn.After(today.Time) {
		ps.Append("closes_on", "The date the round closes must be in the future")
	}
	return ps
}

// OpenRound opens a staff survey round of the latest staff survey, from today: for the quality lead.
func (s *Store) OpenRound(ctx context.Context, n NewRound) (Round, error) {
	if _, err := signedIn(ctx, councils.Role.RunsAudits); err != nil {
		return Round{}, err
	}
	var out Round
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if ps := n.Validate(tx.Today()); len(ps) > 0 {
			return ps
		}
		sv, err := latest(ctx, tx, Staff)
		if err != nil {
			return err
		}
		out = Round{ID: sqldb.NewID(), SurveyID: sv.ID, SurveyName: sv.Name, Name: strings.TrimSpace(n.Name), OpensOn: tx.Today(), ClosesOn: n.ClosesOn}
		_, err = tx.ExecContext(ctx, `INSERT INTO feedback_round (council_id, id, survey_id, name, opens_on, closes_on, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, tx.Council(), out.ID, out.SurveyID, out.Name, out.OpensOn, out.ClosesOn, tx.Now(), councils.StaffID(ctx))
		if err != nil {
			return fmt.Errorf("open a staff survey round: %w", sqldb.Normalise(err))
		}
		return nil
	})
	return out, err
}

// Rounds lists the council's staff survey rounds, newest first, with how many have answered and whether the
// signed-in member of staff has: for those who answer them and those who read the results.
func (s *Store) Rounds(ctx context.Context) ([]Round, error) {
	st, err := signedIn(ctx, func(r councils.Role) bool { return answersSurveys(r) || r.ReadsMeasures() })
	if err != nil {
		return nil, err
	}
	var out []Round
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readRounds(ctx, tx, st.ID, "")
		return err
	})
	return out, err
}

func readRounds(ctx context.Context, tx *sqldb.Tx, staffID, id string) ([]Round, error) {
	var out []Round
	where, args := "", []any{tx.Council(), staffID}
	if id != "" {
		where, args = " AND r.id = $3", append(args, id)
	}
	err := sqldb.Each(ctx, tx, `SELECT r.id, r.survey_id, s.name, r.name, r.opens_on, r.closes_on,
		(SELECT count(*) FROM feedback_answered a WHERE a.council_id = r.council_id AND a.round_id = r.id),
		(SELECT count(*) FROM feedback_answered a WHERE a.council_id = r.council_id AND a.round_id = r.id AND a.staff_id = $2)
		FROM feedback_round r JOIN feedback_survey s ON s.council_id = r.council_id AND s.id = r.survey_id
		WHERE r.council_id = $1`+where+` ORDER BY r.opens_on DESC, r.id DESC`, args, func(rows *sql.Rows) error {
		var r Round
		var mine int
		if err := rows.Scan(&r.ID, &r.SurveyID, &r.SurveyName, &r.Name, &r.OpensOn, &r.ClosesOn, &r.Answers, &mine); err != nil {
			return err
		}
		r.Answered = mine > 0
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read staff survey rounds: %w", err)
	}
	return out, nil
}

// Round reads a staff survey round with its survey, for the member of staff answering it.
func (s *Store) Round(ctx context.Context, id string) (Round, Survey, error) {
	st, err := signedIn(ctx, answersSurveys)
	if err != nil {
		return Round{}, Survey{}, err
	}
	var r Round
	var sv Survey
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rs, err := readRounds(ctx, tx, st.ID, id)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return fmt.Errorf("staff survey round %s: %w", id, sqldb.ErrNotFound)
		}
		r = rs[0]
		sv, err = oneSurvey(ctx, tx, r.SurveyID)
		return err
	})
	return r, sv, err
}

// ErrAnswered: a member of staff answers a round once.
var ErrAnswered = validation.Problems{{Field: "round", Message: "You have already answered this round: thank you"}}

// ErrClosed: a round takes answers only while it is open.
var ErrClosed = validation.Problems{{Field: "round", Message: "This round is closed: it no longer takes answers"}}

// AnswerRound keeps a member of staff's answers to an open round, once. The answers carry the team they belong to
// (their first, when they have several) and the day, never who they are; that they have answered is kept apart.
func (s *Store) AnswerRound(ctx context.Context, roundID string, r Response) error {
	st, err := signedIn(ctx, answersSurveys)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		rs, err := readRounds(ctx, tx, st.ID, roundID)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return fmt.Errorf("staff survey round %s: %w", roundID, sqldb.ErrNotFound)
		}
		switch {
		case rs[0].Answered:
			return ErrAnswered
		case !rs[0].Open(tx.Today()):
			return ErrClosed
		}
		sv, err := oneSurvey(ctx, tx, rs[0].SurveyID)
		if err != nil {
			return err
		}
		if ps := r.Validate(sv); len(ps) > 0 {
			return ps
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback_answered (council_id, round_id, staff_id) VALUES ($1, $2, $3)`,
			tx.Council(), roundID, st.ID); err != nil {
			return fmt.Errorf("mark the round answered: %w", sqldb.Normalise(err))
		}
		answers := map[string]string{teamField: firstTeam(st)}
		for k, v := range r.Answers {
			answers[k] = v
		}
		_, err = addResponse(ctx, tx, Response{SurveyID: sv.ID, AnsweredOn: rs[0].OpensOn, How: InRound, Anonymous: true, Answers: answers},
			"", "", roundID, "")
		return err
	})
}

// firstTeam is the team a member of staff's answers are grouped under: the first of theirs, or none.
func firstTeam(st councils.Staff) string {
	if len(st.TeamIDs) == 0 {
		return ""
	}
	return st.TeamIDs[0]
}
