package networks

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Work keeps a network's shared work: its staff survey, its peer challenges and its library. The network's own
// records are in its tenancy; a member council's staff reach them only once the network's membership says the
// council belongs now, and then only in a transaction scoped to the network's tenancy. The survey's answers are kept
// in each council's tenancy, and the network reads only numbers counted there. Nothing here is a person's record,
// so nothing is written to the access log.
type Work struct {
	db       *sqldb.DB
	networks *Store
}

// NewWork returns the network's work over db, with the networks' store that knows who belongs.
func NewWork(db *sqldb.DB, networks *Store) *Work { return &Work{db: db, networks: networks} }

// asker is who is asking about a network's work: the network's own staff, or a member council's.
type asker struct {
	Staff     councils.Staff
	NetworkID string
	Council   string // the member council asking, or "" for the network's own staff
}

// OwnStaff says whether the asker is one of the network's own staff.
func (a asker) OwnStaff() bool { return a.Council == "" }

// in is ctx scoped to the network's tenancy, to read and write its own records.
func (a asker) in(ctx context.Context) context.Context { return sqldb.WithCouncil(ctx, a.NetworkID) }

// who finds who is asking about networkID. The network's own staff (signed in to its tenancy) may do anything
// here; a council's staff must be of a council that is a member now, with a role that may passes. A council
// outside the network, or one that left, finds it as if it did not exist (ErrNotFound); a role that may not is
// ErrForbidden.
func (w *Work) who(ctx context.Context, networkID string, may func(councils.Role) bool) (asker, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok {
		return asker{}, sqldb.ErrForbidden
	}
	if st.CouncilID == networkID {
		if _, err := w.networks.Mine(ctx); err != nil {
			return asker{}, err
		}
		return asker{Staff: st, NetworkID: networkID}, nil
	}
	if !may(st.Role) {
		return asker{}, sqldb.ErrForbidden
	}
	cn, err := w.networks.CouncilNetworkByID(ctx, networkID)
	if err != nil {
		return asker{}, err
	}
	if !cn.Member() {
		return asker{}, fmt.Errorf("network %s: the council is not a member: %w", networkID, sqldb.ErrNotFound)
	}
	return asker{Staff: st, NetworkID: networkID, Council: st.CouncilID}, nil
}

// ownStaff is who for the network's own staff alone: any council's staff are ErrForbidden, or ErrNotFound when
// their council is not a member now.
func (w *Work) ownStaff(ctx context.Context, networkID string) (asker, error) {
	a, err := w.who(ctx, networkID, func(councils.Role) bool { return true })
	if err == nil && !a.OwnStaff() {
		return asker{}, sqldb.ErrForbidden
	}
	return a, err
}

// Joined is a network the signed-in member of staff's council belongs to now, for the links to its work.
type Joined struct {
	ID, Name string
}

// MyNetworks lists the networks the signed-in council belongs to now, or, for a network's own staff, their
// network.
func (w *Work) MyNetworks(ctx context.Context) ([]Joined, error) {
	if _, ok := councils.StaffFrom(ctx); !ok {
		return nil, sqldb.ErrForbidden
	}
	if n, err := w.networks.Mine(ctx); err == nil {
		return []Joined{{ID: n.ID, Name: n.Name}}, nil
	}
	all, err := w.networks.NetworksOfCouncil(ctx)
	if err != nil {
		return nil, err
	}
	var out []Joined
	for _, cn := range all {
		if cn.Member() {
			out = append(out, Joined{ID: cn.Network.ID, Name: cn.Network.Name})
		}
	}
	return out, nil
}

// NetworkName is the name of a network the asker may see the work of.
func (w *Work) NetworkName(ctx context.Context, networkID string) (string, error) {
	if _, err := w.who(ctx, networkID, func(r councils.Role) bool { return r != "" }); err != nil {
		return "", err
	}
	n, err := w.networks.ByID(ctx, networkID)
	return n.Name, err
}

// Members lists the network's current member councils, for the network's own staff choosing who took part in a
// challenge.
func (w *Work) Members(ctx context.Context, networkID string) ([]Member, error) {
	if _, err := w.ownStaff(ctx, networkID); err != nil {
		return nil, err
	}
	return w.networks.CurrentMembers(ctx)
}

// councilNames reads the names of councils by id: the council table is outside every wall, as sign-in needs.
func councilNames(ctx context.Context, tx *sqldb.Tx, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := sqldb.In(nil, ids)
	err := sqldb.Each(ctx, tx, `SELECT id, name FROM council WHERE id IN (`+in+`)`, args, func(rows *sql.Rows) error {
		var id, name string
		err := rows.Scan(&id, &name)
		out[id] = name
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read councils' names: %w", err)
	}
	return out, nil
}

// --- The staff survey ---

// Survey reads the network's survey, or the default one for a network that has not changed it yet (version 0):
// for the network's own staff.
func (w *Work) Survey(ctx context.Context, networkID string) (Survey, error) {
	a, err := w.ownStaff(ctx, networkID)
	if err != nil {
		return Survey{}, err
	}
	var out Survey
	err = w.db.ReadTx(a.in(ctx), func(tx *sqldb.Tx) error {
		out, err = readSurvey(ctx, tx)
		return err
	})
	return out, err
}

func readSurvey(ctx context.Context, tx *sqldb.Tx) (Survey, error) {
	out := Survey{NetworkID: tx.Council()}
	var qs string
	err := tx.QueryRowContext(ctx, `SELECT name, questions, version FROM network_survey WHERE council_id = $1`, tx.Council()).
		Scan(&out.Name, &qs, &out.Version)
	if err == sql.ErrNoRows {
		d := DefaultSurvey()
		d.NetworkID = tx.Council()
		return d, nil
	}
	if err != nil {
		return Survey{}, fmt.Errorf("read the network's survey: %w", err)
	}
	if err := json.Unmarshal([]byte(qs), &out.Questions); err != nil {
		return Survey{}, fmt.Errorf("read the network's survey's questions: %w", err)
	}
	return out, nil
}

// ChangeSurvey keeps the network's survey as changed from version (0 for the default): for the network's own staff.
// Rounds already open keep the questions they asked. A later version is sqldb.ErrConflict.
func (w *Work) ChangeSurvey(ctx context.Context, networkID string, s Survey) (Survey, error) {
	a, err := w.ownStaff(ctx, networkID)
	if err != nil {
		return Survey{}, err
	}
	s.Name = strings.TrimSpace(s.Name)
	for i := range s.Questions {
		s.Questions[i].Text = strings.TrimSpace(s.Questions[i].Text)
	}
	if ps := s.Validate(); len(ps) > 0 {
		return Survey{}, ps
	}
	qs, err := json.Marshal(s.Questions)
	if err != nil {
		return Survey{}, fmt.Errorf("write the survey's questions: %w", err)
	}
	err = w.db.InTx(a.in(ctx), func(tx *sqldb.Tx) error {
		if s.Version == 0 {
			_, err := tx.ExecContext(ctx, `INSERT INTO network_survey (council_id, name, questions, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)`,
				tx.Council(), s.Name, string(qs), tx.Now(), a.Staff.ID)
			s.Version = 1
			return sqldb.Normalise(err)
		}
		err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE network_survey SET name = $1, questions = $2, updated_at = $3, updated_by = $4, version = version + 1
			WHERE council_id = $5 AND version = $6`, s.Name, string(qs), tx.Now(), a.Staff.ID, tx.Council(), s.Version))
		s.Version++
		return err
	})
	s.NetworkID = networkID
	return s, err
}

// OpenRound opens a round of the network's survey today, with the survey's questions as they are now, closing on
// n.ClosesOn: for the network's own staff.
func (w *Work) OpenRound(ctx context.Context, networkID string, n feedback.NewRound) (Round, error) {
	a, err := w.ownStaff(ctx, networkID)
	if err != nil {
		return Round{}, err
	}
	var out Round
	err = w.db.InTx(a.in(ctx), func(tx *sqldb.Tx) error {
		if ps := n.Validate(tx.Today()); len(ps) > 0 {
			return ps
		}
		s, err := readSurvey(ctx, tx)
		if err != nil {
			return err
		}
		qs, err := json.Marshal(s.Questions)
		if err != nil {
			return fmt.Errorf("write the round's questions: %w", err)
		}
		out = Round{ID: sqldb.NewID(), NetworkID: networkID, Name: strings.TrimSpace(n.Name), Questions: s.Questions, OpensOn: tx.Today(), ClosesOn: n.ClosesOn}
		_, err = tx.ExecContext(ctx, `INSERT INTO network_survey_round (council_id, id, name, questions, opens_on, closes_on, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, tx.Council(), out.ID, out.Name, string(qs), out.OpensOn, out.ClosesOn, tx.Now(), a.Staff.ID)
		if err != nil {
			return fmt.Errorf("open a round of the network's survey: %w", sqldb.Normalise(err))
		}
		return nil
	})
	return out, err
}

// CouncilRound is a round as a member council's staff see it: whether the signed-in member of staff has answered.
type CouncilRound struct {
	Round
	Answered bool
}

// Rounds lists the network's survey rounds, newest first: for its own staff, and for a member council's staff who
// answer it or read its results, with whether they have answered each.
func (w *Work) Rounds(ctx context.Context, networkID string) ([]CouncilRound, error) {
	a, err := w.who(ctx, networkID, func(r councils.Role) bool { return AnswersSurvey(r) || ReadsSurveyResults(r) })
	if err != nil {
		return nil, err
	}
	var rounds []Round
	if err := w.db.ReadTx(a.in(ctx), func(tx *sqldb.Tx) error {
		rounds, err = readRounds(ctx, tx, "")
		return err
	}); err != nil {
		return nil, err
	}
	out := make([]CouncilRound, len(rounds))
	answered := map[string]bool{}
	if !a.OwnStaff() {
		if err := w.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return sqldb.Each(ctx, tx, `SELECT round_id FROM network_survey_answered WHERE council_id = $1 AND network_id = $2 AND staff_id = $3`,
				[]any{tx.Council(), networkID, a.Staff.ID}, func(rows *sql.Rows) error {
					var id string
					err := rows.Scan(&id)
					answered[id] = true
					return err
				})
		}); err != nil {
			return nil, fmt.Errorf("read the rounds answered: %w", err)
		}
	}
	for i, r := range rounds {
		out[i] = CouncilRound{Round: r, Answered: answered[r.ID]}
	}
	return out, nil
}

func readRounds(ctx context.Context, tx *sqldb.Tx, id string) ([]Round, error) {
	where, args := "", []any{tx.Council()}
	if id != "" {
		where, args = " AND id = $2", append(args, id)
	}
	var out []Round
	err := sqldb.Each(ctx, tx, `SELECT id, name, questions, opens_on, closes_on FROM network_survey_round WHERE council_id = $1`+where+
		` ORDER BY opens_on DESC, id DESC`, args, func(rows *sql.Rows) error {
		r := Round{NetworkID: tx.Council()}
		var qs string
		if err := rows.Scan(&r.ID, &r.Name, &qs, &r.OpensOn, &r.ClosesOn); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(qs), &r.Questions); err != nil {
			return fmt.Errorf("read round %s's questions: %w", r.ID, err)
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the network's survey rounds: %w", err)
	}
	return out, nil
}

// Round reads one round, as Rounds does.
func (w *Work) Round(ctx context.Context, networkID, roundID string) (CouncilRound, error) {
	all, err := w.Rounds(ctx, networkID)
	if err != nil {
		return CouncilRound{}, err
	}
	for _, r := range all {
		if r.ID == roundID {
			return r, nil
		}
	}
	return CouncilRound{}, fmt.Errorf("network survey round %s: %w", roundID, sqldb.ErrNotFound)
}

// roundOf reads one of the network's rounds, in its tenancy.
func (w *Work) roundOf(ctx context.Context, a asker, roundID string) (Round, error) {
	var round Round
	err := w.db.ReadTx(a.in(ctx), func(tx *sqldb.Tx) error {
		rs, err := readRounds(ctx, tx, roundID)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return fmt.Errorf("network survey round %s: %w", roundID, sqldb.ErrNotFound)
		}
		round = rs[0]
		return nil
	})
	return round, err
}

// ErrNetworkAnswered: a member of staff answers a round once.
var ErrNetworkAnswered = validation.Problems{{Field: "round", Message: "You have already answered this round: thank you"}}

// ErrNetworkClosed: a round takes answers only while it is open.
var ErrNetworkClosed = validation.Problems{{Field: "round", Message: "This round is closed: it no longer takes answers"}}

// AnswerRound keeps a member council's member of staff's answers to an open round, once, inside their council's
// wall: the answers carry no member of staff, no team and no time, under a random id; that they have answered is
// kept apart. A council that has left answers nothing (ErrNotFound).
func (w *Work) AnswerRound(ctx context.Context, networkID, roundID string, answers map[string]string) error {
	a, err := w.who(ctx, networkID, AnswersSurvey)
	if err != nil {
		return err
	}
	if a.OwnStaff() {
		return sqldb.ErrForbidden
	}
	round, err := w.roundOf(ctx, a, roundID)
	if err != nil {
		return err
	}
	return w.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM network_survey_answered WHERE council_id = $1 AND network_id = $2 AND round_id = $3 AND staff_id = $4`,
			tx.Council(), networkID, roundID, a.Staff.ID).Scan(&n); err != nil {
			return fmt.Errorf("find whether the round was answered: %w", err)
		}
		switch {
		case n > 0:
			return ErrNetworkAnswered
		case !round.Open(tx.Today()):
			return ErrNetworkClosed
		}
		r := feedback.Response{Answers: answers}
		if ps := r.Validate(feedback.Survey{Questions: round.Questions}); len(ps) > 0 {
			return ps
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO network_survey_answered (council_id, network_id, round_id, staff_id) VALUES ($1, $2, $3, $4)`,
			tx.Council(), networkID, roundID, a.Staff.ID); err != nil {
			return fmt.Errorf("mark the round answered: %w", sqldb.Normalise(err))
		}
		// A random id, not a time-ordered one, so that the order answers were given in says nothing.
		id := uuid.NewString()
		if _, err := tx.ExecContext(ctx, `INSERT INTO network_survey_response (council_id, id, network_id, round_id) VALUES ($1, $2, $3, $4)`,
			tx.Council(), id, networkID, roundID); err != nil {
			return fmt.Errorf("keep the answers: %w", sqldb.Normalise(err))
		}
		for _, q := range round.Questions {
			if _, err := tx.ExecContext(ctx, `INSERT INTO network_survey_answer (council_id, response_id, question, answer) VALUES ($1, $2, $3, $4)`,
				tx.Council(), id, q.Key, answers[q.Key]); err != nil {
				return fmt.Errorf("keep an answer: %w", sqldb.Normalise(err))
			}
		}
		return nil
	})
}

// tallyIn counts a round's answers inside the council tx is scoped to: how many answered, and how many gave each
// answer to each question. Only these numbers leave the transaction.
func tallyIn(ctx context.Context, tx *sqldb.Tx, networkID, roundID string) (Tally, error) {
	t := Tally{Counts: map[string]map[string]int{}}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM network_survey_response WHERE council_id = $1 AND network_id = $2 AND round_id = $3`,
		tx.Council(), networkID, roundID).Scan(&t.Responses); err != nil {
		return Tally{}, fmt.Errorf("count the answers: %w", err)
	}
	err := sqldb.Each(ctx, tx, `SELECT a.question, a.answer, count(*) FROM network_survey_answer a
		JOIN network_survey_response r ON r.council_id = a.council_id AND r.id = a.response_id
		WHERE r.council_id = $1 AND r.network_id = $2 AND r.round_id = $3 GROUP BY a.question, a.answer`,
		[]any{tx.Council(), networkID, roundID}, func(rows *sql.Rows) error {
			var q, v string
			var n int
			if err := rows.Scan(&q, &v, &n); err != nil {
				return err
			}
			if t.Counts[q] == nil {
				t.Counts[q] = map[string]int{}
			}
			t.Counts[q][v] = n
			return nil
		})
	if err != nil {
		return Tally{}, fmt.Errorf("count the answers: %w", err)
	}
	return t, nil
}

// RoundResults reads a round's results, made safe. The network's own staff see every council that is a member now,
// each counted in a read of its own scoped to that council's tenancy, and the network as a whole; a council that
// left is not among them. A member council's readers see their own council alone.
func (w *Work) RoundResults(ctx context.Context, networkID, roundID string) (Results, error) {
	a, err := w.who(ctx, networkID, ReadsSurveyResults)
	if err != nil {
		return Results{}, err
	}
	round, err := w.roundOf(ctx, a, roundID)
	if err != nil {
		return Results{}, err
	}
	var members []Member
	if a.OwnStaff() {
		if members, err = w.networks.CurrentMembers(ctx); err != nil {
			return Results{}, err
		}
	} else {
		var names map[string]string
		if err := w.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			names, err = councilNames(ctx, tx, []string{a.Council})
			return err
		}); err != nil {
			return Results{}, err
		}
		members = []Member{{CouncilID: a.Council, Name: names[a.Council]}}
	}
	var tallies []CouncilTally
	for _, m := range members {
		var t Tally
		if err := w.db.ReadTx(sqldb.WithCouncil(ctx, m.CouncilID), func(tx *sqldb.Tx) error {
			t, err = tallyIn(ctx, tx, networkID, roundID)
			return err
		}); err != nil {
			return Results{}, fmt.Errorf("count %s's answers: %w", m.Name, err)
		}
		tallies = append(tallies, CouncilTally{CouncilID: m.CouncilID, Name: m.Name, Tally: t})
	}
	return CombineTallies(round, tallies), nil
}

// --- Peer challenges ---

// ChallengeView is a challenge with the names of the councils in it.
type ChallengeView struct {
	Challenge
	HostName        string
	ChallengerNames []string
}

// Challenges lists the network's peer challenges, newest first: every one for its own staff; for a member council's
// quality lead, those the council took part in.
func (w *Work) Challenges(ctx context.Context, networkID string) ([]ChallengeView, error) {
	a, err := w.who(ctx, networkID, ReadsChallenges)
	if err != nil {
		return nil, err
	}
	var out []ChallengeView
	err = w.db.ReadTx(a.in(ctx), func(tx *sqldb.Tx) error {
		out, err = readChallenges(ctx, tx, a.Council, "")
		return err
	})
	return out, err
}

// Challenge reads one peer challenge: for the network's own staff, and for the quality lead of a member council that
// took part; for anyone else it is ErrNotFound.
func (w *Work) Challenge(ctx context.Context, networkID, id string) (ChallengeView, error) {
	a, err := w.who(ctx, networkID, ReadsChallenges)
	if err != nil {
		return ChallengeView{}, err
	}
	var out ChallengeView
	err = w.db.ReadTx(a.in(ctx), func(tx *sqldb.Tx) error {
		out, err = oneChallenge(ctx, tx, a.Council, id)
		return err
	})
	return out, err
}

func oneChallenge(ctx context.Context, tx *sqldb.Tx, council, id string) (ChallengeView, error) {
	all, err := readChallenges(ctx, tx, council, id)
	if err != nil {
		return ChallengeView{}, err
	}
	if len(all) == 0 {
		return ChallengeView{}, fmt.Errorf("peer challenge %s: %w", id, sqldb.ErrNotFound)
	}
	return all[0], nil
}

// readChallenges reads the challenges in the network tx is scoped to: those council took part in, or every one for
// "", and only id when it is given.
func readChallenges(ctx context.Context, tx *sqldb.Tx, council, id string) ([]ChallengeView, error) {
	where, args := "", []any{tx.Council()}
	if council != "" {
		args = append(args, council)
		where += fmt.Sprintf(` AND (c.host_id = $%d OR EXISTS (SELECT 1 FROM network_challenger x WHERE x.council_id = c.council_id AND x.challenge_id = c.id AND x.member_id = $%d))`, len(args), len(args))
	}
	if id != "" {
		args = append(args, id)
		where += fmt.Sprintf(` AND c.id = $%d`, len(args))
	}
	var out []ChallengeView
	err := sqldb.Each(ctx, tx, `SELECT c.id, c.host_id, c.theme, c.starts_on, c.ends_on, c.strengths, c.areas, c.response, c.responded_at, c.version
		FROM network_challenge c WHERE c.council_id = $1`+where+` ORDER BY c.starts_on DESC, c.id DESC`, args, func(rows *sql.Rows) error {
		v := ChallengeView{Challenge: Challenge{NetworkID: tx.Council()}}
		var responded sql.NullTime
		if err := rows.Scan(&v.ID, &v.HostID, &v.Theme, &v.StartsOn, &v.EndsOn, &v.Strengths, &v.Areas, &v.Response, &responded, &v.Version); err != nil {
			return err
		}
		if responded.Valid {
			v.RespondedAt = responded.Time.UTC()
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read peer challenges: %w", err)
	}
	ids := []string{}
	for i := range out {
		err := sqldb.Each(ctx, tx, `SELECT member_id FROM network_challenger WHERE council_id = $1 AND challenge_id = $2 ORDER BY member_id`,
			[]any{tx.Council(), out[i].ID}, func(rows *sql.Rows) error {
				var m string
				err := rows.Scan(&m)
				out[i].ChallengerIDs = append(out[i].ChallengerIDs, m)
				return err
			})
		if err != nil {
			return nil, fmt.Errorf("read a peer challenge's councils: %w", err)
		}
		ids = append(append(ids, out[i].HostID), out[i].ChallengerIDs...)
	}
	names, err := councilNames(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].HostName = names[out[i].HostID]
		out[i].ChallengerNames = nil
		for _, id := range out[i].ChallengerIDs {
			out[i].ChallengerNames = append(out[i].ChallengerNames, names[id])
		}
		slices.Sort(out[i].ChallengerNames)
	}
	return out, nil
}

// SaveChallenge adds a peer challenge (no ID) or keeps a change to one, from c.Version: for the network's own staff.
// The host and challengers must be member councils now, though a council that has left stays on a challenge it
// took part in. The host's response is not changed here.
func (w *Work) SaveChallenge(ctx context.Context, networkID string, c Challenge) (Challenge, error) {
	a, err := w.ownStaff(ctx, networkID)
	if err != nil {
		return Challenge{}, err
	}
	members, err := w.networks.CurrentMembers(ctx)
	if err != nil {
		return Challenge{}, err
	}
	member := func(id string) bool {
		return slices.ContainsFunc(members, func(m Member) bool { return m.CouncilID == id })
	}
	c.Normalise()
	err = w.db.InTx(a.in(ctx), func(tx *sqldb.Tx) error {
		var was Challenge
		if c.ID != "" {
			v, err := oneChallenge(ctx, tx, "", c.ID)
			if err != nil {
				return err
			}
			was = v.Challenge
		}
		if ps := c.Validate(member, was); len(ps) > 0 {
			return ps
		}
		if c.ID == "" {
			c.ID, c.Version = sqldb.NewID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO network_challenge (council_id, id, host_id, theme, starts_on, ends_on, strengths, areas,
				created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10)`,
				tx.Council(), c.ID, c.HostID, c.Theme, c.StartsOn, c.EndsOn, c.Strengths, c.Areas, tx.Now(), a.Staff.ID); err != nil {
				return fmt.Errorf("add a peer challenge: %w", sqldb.Normalise(err))
			}
		} else {
			if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE network_challenge SET host_id = $1, theme = $2, starts_on = $3, ends_on = $4,
				strengths = $5, areas = $6, updated_at = $7, updated_by = $8, version = version + 1 WHERE council_id = $9 AND id = $10 AND version = $11`,
				c.HostID, c.Theme, c.StartsOn, c.EndsOn, c.Strengths, c.Areas, tx.Now(), a.Staff.ID, tx.Council(), c.ID, c.Version)); err != nil {
				return err
			}
			c.Version++
			c.Response, c.RespondedAt = was.Response, was.RespondedAt
			if _, err := tx.ExecContext(ctx, `DELETE FROM network_challenger WHERE council_id = $1 AND challenge_id = $2`, tx.Council(), c.ID); err != nil {
				return fmt.Errorf("change a peer challenge's councils: %w", err)
			}
		}
		for _, id := range c.ChallengerIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO network_challenger (council_id, challenge_id, member_id) VALUES ($1, $2, $3)`,
				tx.Council(), c.ID, id); err != nil {
				return fmt.Errorf("add a peer challenge's council: %w", sqldb.Normalise(err))
			}
		}
		return nil
	})
	c.NetworkID = networkID
	return c, err
}

// Respond keeps the host council's response to a peer challenge, from version: for the quality lead of the host
// council, while it is a member. Any other council's staff find no such challenge to respond to.
func (w *Work) Respond(ctx context.Context, networkID, id, response string, version int) (Challenge, error) {
	a, err := w.who(ctx, networkID, RespondsToChallenge)
	if err != nil {
		return Challenge{}, err
	}
	if a.OwnStaff() {
		return Challenge{}, sqldb.ErrForbidden
	}
	if ps := ValidateResponse(response); len(ps) > 0 {
		return Challenge{}, ps
	}
	var out Challenge
	err = w.db.InTx(a.in(ctx), func(tx *sqldb.Tx) error {
		v, err := oneChallenge(ctx, tx, a.Council, id)
		if err != nil {
			return err
		}
		if v.HostID != a.Council {
			return sqldb.ErrForbidden
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE network_challenge SET response = $1, responded_at = $2, responded_by = $3,
			updated_at = $2, updated_by = $3, version = version + 1 WHERE council_id = $4 AND id = $5 AND version = $6`,
			strings.TrimSpace(response), tx.Now(), a.Staff.ID, tx.Council(), id, version)); err != nil {
			return err
		}
		out = v.Challenge
		out.Response, out.RespondedAt, out.Version = strings.TrimSpace(response), tx.Now(), version+1
		return nil
	})
	return out, err
}

// --- The library ---

// Library lists the network's shared documents, newest first: for its own staff and for member councils' quality
// leads, team managers and programme leads.
func (w *Work) Library(ctx context.Context, networkID string) ([]Document, error) {
	a, err := w.who(ctx, networkID, ReadsLibrary)
	if err != nil {
		return nil, err
	}
	var out []Document
	err = w.db.ReadTx(a.in(ctx), func(tx *sqldb.Tx) error {
		out, err = readDocuments(ctx, tx, "")
		return err
	})
	return out, err
}

const documentColumns = `id, title, summary, tags, link, file_name, media_type, size, shared_from, shared_by, shared_at, version`

func readDocuments(ctx context.Context, tx *sqldb.Tx, id string) ([]Document, error) {
	where, args := "", []any{tx.Council()}
	if id != "" {
		where, args = " AND id = $2", append(args, id)
	}
	var out []Document
	err := sqldb.Each(ctx, tx, `SELECT `+documentColumns+` FROM network_document WHERE council_id = $1`+where+` ORDER BY shared_at DESC, id DESC`, args,
		func(rows *sql.Rows) error {
			d := Document{NetworkID: tx.Council()}
			var tags string
			if err := rows.Scan(&d.ID, &d.Title, &d.Summary, &tags, &d.Link, &d.FileName, &d.MediaType, &d.Size, &d.SharedFrom, &d.SharedBy, &d.SharedAt, &d.Version); err != nil {
				return err
			}
			if tags != "" {
				d.Tags = strings.Split(tags, ",")
			}
			out = append(out, d)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the network's library: %w", err)
	}
	return out, nil
}

// oneDocument reads one shared document, without its content.
func oneDocument(ctx context.Context, tx *sqldb.Tx, id string) (Document, error) {
	all, err := readDocuments(ctx, tx, id)
	if err != nil {
		return Document{}, err
	}
	if len(all) == 0 {
		return Document{}, fmt.Errorf("shared document %s: %w", id, sqldb.ErrNotFound)
	}
	return all[0], nil
}

// SharedFromNames reads the names of the councils that shared documents, for the library's pages.
func (w *Work) SharedFromNames(ctx context.Context, docs []Document) (map[string]string, error) {
	var ids []string
	for _, d := range docs {
		if d.SharedFrom != "" && !slices.Contains(ids, d.SharedFrom) {
			ids = append(ids, d.SharedFrom)
		}
	}
	var out map[string]string
	err := w.db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
		out, err = councilNames(ctx, tx, ids)
		return err
	})
	return out, err
}

// Document reads one shared document with its file's content (nil for a link), as Library allows.
func (w *Work) Document(ctx context.Context, networkID, id string) (Document, []byte, error) {
	a, err := w.who(ctx, networkID, ReadsLibrary)
	if err != nil {
		return Document{}, nil, err
	}
	var d Document
	var content []byte
	err = w.db.ReadTx(a.in(ctx), func(tx *sqldb.Tx) error {
		var err error
		if d, err = oneDocument(ctx, tx, id); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT content FROM network_document WHERE council_id = $1 AND id = $2`, tx.Council(), id).Scan(&content)
	})
	return d, content, err
}

// Share adds a document to the network's library: a link (d.Link), or a file (content, named name) whose kind is
// found from its content and which is at most MaxDocumentSize; for the network's own staff and member councils'
// quality leads.
func (w *Work) Share(ctx context.Context, networkID string, d Document, name string, content []byte) (Document, error) {
	a, err := w.who(ctx, networkID, SharesToLibrary)
	if err != nil {
		return Document{}, err
	}
	d.Normalise()
	ps := d.Validate(len(content) > 0)
	if len(content) > 0 {
		typ, err := DocumentType(content)
		if err != nil {
			ps.Append("file", err.Error())
		}
		d.MediaType, d.Size, d.FileName = typ, len(content), cleanFileName(name)
	}
	if len(ps) > 0 {
		return Document{}, ps
	}
	d.ID, d.NetworkID, d.SharedFrom, d.SharedBy, d.Version = sqldb.NewID(), networkID, a.Council, a.Staff.ID, 1
	var blob any
	if len(content) > 0 {
		blob = content
	}
	err = w.db.InTx(a.in(ctx), func(tx *sqldb.Tx) error {
		d.SharedAt = tx.Now()
		_, err := tx.ExecContext(ctx, sqldb.Insert("network_document", []string{"council_id", "id", "title", "summary", "tags", "link", "file_name",
			"media_type", "size", "content", "shared_from", "shared_by", "shared_at", "updated_at", "updated_by"}),
			tx.Council(), d.ID, d.Title, d.Summary, strings.Join(d.Tags, ","), d.Link, d.FileName, d.MediaType, d.Size, blob, d.SharedFrom,
			d.SharedBy, d.SharedAt, d.SharedAt, d.SharedBy)
		if err != nil {
			return fmt.Errorf("share %q: %w", d.Title, sqldb.Normalise(err))
		}
		return nil
	})
	return d, err
}

// cleanFileName keeps a file's name as a download may give it: no folders, quotes or control characters, never
// empty.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 32 || r == 127 || r == '"' {
			return -1
		}
		return r
	}, name)
	if name = strings.TrimSpace(name); name == "" {
		return "document"
	}
	if len(name) > 200 {
		name = name[len(name)-200:]
	}
	return name
}

// mayChange says whether the asker may change or remove a shared document: the network's own staff, or the quality
// lead of the council that shared it.
func (a asker) mayChange(d Document) bool { return a.OwnStaff() || d.SharedFrom == a.Council }

// ChangeDocument keeps a change to a shared document's title, summary, tags and, for a link, its address, from
// d.Version: for the network's own staff, or the quality lead of the council that shared it.
func (w *Work) ChangeDocument(ctx context.Context, networkID string, d Document) (Document, error) {
	a, err := w.who(ctx, networkID, SharesToLibrary)
	if err != nil {
		return Document{}, err
	}
	d.Normalise()
	var out Document
	err = w.db.InTx(a.in(ctx), func(tx *sqldb.Tx) error {
		was, err := oneDocument(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		if !a.mayChange(was) {
			return sqldb.ErrForbidden
		}
		if !was.IsLink() {
			d.Link = ""
		}
		if ps := d.Validate(!was.IsLink()); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE network_document SET title = $1, summary = $2, tags = $3, link = $4, updated_at = $5,
			updated_by = $6, version = version + 1 WHERE council_id = $7 AND id = $8 AND version = $9`, d.Title, d.Summary, strings.Join(d.Tags, ","),
			d.Link, tx.Now(), a.Staff.ID, tx.Council(), d.ID, d.Version)); err != nil {
			return err
		}
		out = was
		out.Title, out.Summary, out.Tags, out.Link, out.Version = d.Title, d.Summary, d.Tags, d.Link, d.Version+1
		return nil
	})
	return out, err
}

// RemoveDocument takes a document out of the library, from version: as ChangeDocument allows.
func (w *Work) RemoveDocument(ctx context.Context, networkID, id string, version int) error {
	a, err := w.who(ctx, networkID, SharesToLibrary)
	if err != nil {
		return err
	}
	return w.db.InTx(a.in(ctx), func(tx *sqldb.Tx) error {
		d, err := oneDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		if !a.mayChange(d) {
			return sqldb.ErrForbidden
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `DELETE FROM network_document WHERE council_id = $1 AND id = $2 AND version = $3`, tx.Council(), id, version))
	})
}
