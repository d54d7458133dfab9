package capacity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps capacity assessments and best-interests decisions. Every method opens the person's record with
// people.Open (the access rule and one access-log entry) or, for a form posted back whose change is logged,
// without the entry (people.Peek); every change adds a chronology event and raises the IMCA required action in the same transaction.
// Assessments and decisions are kept as recorded: capacity is about one decision at one time, so a new finding is
// a new assessment.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Now is the store's clock, for forms that default to now.
func (s *Store) Now() time.Time { return s.db.Now() }

// ErrHasCapacity: a best-interests decision is only for a decision the person lacks capacity to make.
var ErrHasCapacity = validation.Problems{{Field: "decision", Message: "The assessment found the person has capacity for this decision: they make it themselves, so no best-interests decision is recorded"}}

// EpisodePage is an episode's assessments and best-interests decisions.
type EpisodePage struct {
	Person      people.Person
	EpisodeID   string
	Assessments []Assessment // newest first
	Decisions   []BestInterests
}

// AssessmentPage is one assessment with its best-interests decisions and the episode's outcomes (for the form).
type AssessmentPage struct {
	Person     people.Person
	Assessment Assessment
	Decisions  []BestInterests // newest first
	Outcomes   []outcomes.Outcome
	IMCA       IMCADuty
}

// Latest is the newest best-interests decision, or the zero value.
func (p AssessmentPage) Latest() BestInterests {
	if len(p.Decisions) == 0 {
		return BestInterests{}
	}
	return p.Decisions[0]
}

// Episode reads an episode's assessments and decisions and logs the view.
func (s *Store) Episode(ctx context.Context, personID, episodeID string) (EpisodePage, error) {
	out := EpisodePage{EpisodeID: episodeID}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		if out.Assessments, err = readAssessments(ctx, tx, `a.episode_id = $2`, episodeID); err != nil {
			return err
		}
		out.Decisions, err = ForEpisode(ctx, tx, episodeID)
		return err
	})
	return out, err
}

// Assessment reads one assessment with its decisions and logs the view.
func (s *Store) Assessment(ctx context.Context, personID, episodeID, id string) (AssessmentPage, error) {
	return s.assessment(ctx, personID, episodeID, id, people.Log)
}

// AssessmentGlance reads what Assessment does without logging, for a form posted back whose change is logged.
func (s *Store) AssessmentGlance(ctx context.Context, personID, episodeID, id string) (AssessmentPage, error) {
	return s.assessment(ctx, personID, episodeID, id, people.Peek)
}

// EpisodeGlance reads the person and checks the episode without logging, for a form posted back.
func (s *Store) EpisodeGlance(ctx context.Context, personID, episodeID string) (people.Person, error) {
	var p people.Person
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		p, err = people.Open(ctx, tx, personID, episodeID, people.Peek, accesslog.View)
		return err
	})
	return p, err
}

// Person reads the person and checks the episode, logging the view, for a blank form.
func (s *Store) Person(ctx context.Context, personID, episodeID string) (people.Person, error) {
	var p people.Person
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		p, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View)
		return err
	})
	return p, err
}

func (s *Store) assessment(ctx context.Context, personID, episodeID, id string, mode people.Mode) (AssessmentPage, error) {
	var out AssessmentPage
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, "", mode, accesslog.View); err != nil {
			return err
		}
		if out.Assessment, err = readAssessment(ctx, tx, personID, episodeID, id); err != nil {
			return err
		}
		out.IMCA = IMCA(out.Assessment)
		if out.Decisions, err = readDecisions(ctx, tx, `b.assessment_id = $2`, id); err != nil {
			return err
		}
		out.Outcomes, err = outcomes.ForEpisode(ctx, tx, episodeID)
		return err
	})
	return out, err
}

const assessmentColumns = `a.id, a.person_id, a.episode_id, a.decision, a.decision_type, a.assessed_at, a.impairment, a.impairment_evidence,
	a.understand, a.understand_evidence, a.retain, a.retain_evidence, a.use_or_weigh, a.use_or_weigh_evidence,
	a.communicate, a.communicate_evidence, a.causal_link, a.causal_link_evidence, a.support_given, a.result,
	a.anyone_to_consult, a.consultees, a.mha_residence, a.created_by, COALESCE(st.name, ''), a.version`

const assessmentFrom = ` FROM capacity_assessment a LEFT JOIN staff st ON st.council_id = a.council_id AND st.id = a.created_by`

func scanAssessment(row interface{ Scan(...any) error }) (Assessment, error) {
	var a Assessment
	var typ, imp, causal, result, anyone, mha string
	f := make([]Finding, 4)
	if err := row.Scan(&a.ID, &a.PersonID, &a.EpisodeID, &a.Decision, &typ, &a.AssessedAt, &imp, &a.ImpairmentEvidence,
		&f[0].State, &f[0].Evidence, &f[1].State, &f[1].Evidence, &f[2].State, &f[2].Evidence, &f[3].State, &f[3].Evidence,
		&causal, &a.CausalLinkEvidence, &a.SupportGiven, &result, &anyone, &a.Consultees, &mha, &a.AssessedBy, &a.AssessorName, &a.Version); err != nil {
		return Assessment{}, sqldb.Normalise(err)
	}
	a.Type, a.Impairment, a.CausalLink, a.Result = DecisionType(typ), Answer(imp), Answer(causal), Result(result)
	a.AnyoneToConsult, a.MHAResidence = Answer(anyone), Answer(mha)
	a.AssessedAt = a.AssessedAt.UTC()
	a.Findings = map[Ability]Finding{}
	for i, ab := range Abilities() {
		a.Findings[ab] = f[i]
	}
	return a, nil
}

func readAssessments(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]Assessment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+assessmentColumns+assessmentFrom+` WHERE a.council_id = $1 AND `+where+
		` ORDER BY a.assessed_at DESC, a.id DESC`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read capacity assessments: %w", err)
	}
	defer rows.Close()
	var out []Assessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func readAssessment(ctx context.Context, tx *sqldb.Tx, personID, episodeID, id string) (Assessment, error) {
	got, err := readAssessments(ctx, tx, `a.person_id = $2 AND a.episode_id = $3 AND a.id = $4`, personID, episodeID, id)
	if err != nil {
		return Assessment{}, err
	}
	if len(got) == 0 {
		return Assessment{}, fmt.Errorf("find capacity assessment: %w", sqldb.ErrNotFound)
	}
	return got[0], nil
}

// DueAt is when a required action raised now must be met: the end of the UK day AdvocacyActionDays (the council's
// setting, 5 when unset) after today.
func DueAt(ctx context.Context, tx *sqldb.Tx) (time.Time, error) {
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return time.Time{}, fmt.Errorf("read the council's settings: %w", err)
	}
	days := set.AdvocacyActionDays
	if days <= 0 {
		days = 5
	}
	return duties.DaysAfter(tx.Now(), days), nil
}

// Record keeps a new capacity assessment, as of now. Problems come back as validation.Problems and change nothing.
// When the assessment requires an IMCA (IMCA), it raises a duties.IMCA required action on the episode in the same
// transaction, due after the council's AdvocacyActionDays.
func (s *Store) Record(ctx context.Context, a Assessment) (Assessment, error) {
	a.Normalise()
	if ps := a.Validate(s.db.Now()); len(ps) > 0 {
		return Assessment{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, a.PersonID, a.EpisodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		var err error
		a, err = Keep(ctx, tx, a)
		return err
	})
	if err != nil {
		return Assessment{}, err
	}
	return a, nil
}

// Keep inserts an assessment that has passed Validate inside tx, which has already opened the person (people.Open),
// records it in the chronology and raises the IMCA required action when one is due. The store's Record uses it;
// so does the demo, which writes history without logging access as a member of staff would.
func Keep(ctx context.Context, tx *sqldb.Tx, a Assessment) (Assessment, error) {
	err := func() error {
		a.ID, a.Version, a.AssessedBy = sqldb.NewID(), 1, councils.StaffID(ctx)
		f := func(ab Ability) Finding { return a.Findings[ab] }
		if _, err := tx.ExecContext(ctx, `INSERT INTO capacity_assessment (council_id, id, person_id, episode_id, decision, decision_type,
			assessed_at, impairment, impairment_evidence, understand, understand_evidence, retain, retain_evidence, use_or_weigh,
			use_or_weigh_evidence, communicate, communicate_evidence, causal_link, causal_link_evidence, support_given, result,
			anyone_to_consult, consultees, mha_residence, created_at, created_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, 1)`,
			tx.Council(), a.ID, a.PersonID, a.EpisodeID, a.Decision, string(a.Type), a.AssessedAt.UTC(), string(a.Impairment), a.ImpairmentEvidence,
			f(Understand).State, f(Understand).Evidence, f(Retain).State, f(Retain).Evidence, f(UseOrWeigh).State, f(UseOrWeigh).Evidence,
			f(Communicate).State, f(Communicate).Evidence, string(a.CausalLink), a.CausalLinkEvidence, a.SupportGiven, string(a.Result),
			string(a.AnyoneToConsult), a.Consultees, string(a.MHAResidence), tx.Now(), a.AssessedBy); err != nil {
			return fmt.Errorf("add capacity assessment: %w", sqldb.Normalise(err))
		}
		summary := "Capacity assessed: " + lowerFirst(a.Result.Label()) + " (" + shorten(a.Decision, 80) + ")"
		if err := chronology.Record(ctx, tx, chronology.Event{PersonID: a.PersonID, EpisodeID: a.EpisodeID, Kind: chronology.Capacity,
			OccurredOn: sqldb.UKDate(a.AssessedAt), Summary: summary, RefID: a.ID}); err != nil {
			return err
		}
		if d := IMCA(a); d.Due {
			due, err := DueAt(ctx, tx)
			if err != nil {
				return err
			}
			if _, err := duties.Raise(ctx, tx, duties.Duty{PersonID: a.PersonID, EpisodeID: a.EpisodeID, Kind: duties.IMCA, SubjectID: a.ID,
				Reason: d.Reason, Path: paths.Advocacy.URL(a.PersonID, a.EpisodeID), DueAt: due}); err != nil {
				return fmt.Errorf("raise the IMCA action: %w", err)
			}
			if err := chronology.Record(ctx, tx, chronology.Event{PersonID: a.PersonID, EpisodeID: a.EpisodeID, Kind: chronology.Advocacy,
				Summary: "Required action: instruct an IMCA (" + d.Section + ")", RefID: a.ID}); err != nil {
				return err
			}
		}
		return nil
	}()
	if err != nil {
		return Assessment{}, err
	}
	return a, nil
}

const decisionColumns = `b.id, b.person_id, b.episode_id, b.assessment_id, b.checklist, b.wishes, b.beliefs, b.other_factors, b.consultees,
	b.no_consultee_reason, b.options, b.chosen, b.chosen_why, b.decision, b.decided_by, b.decided_on, b.created_by, b.version`

type storedCheck struct {
	State string `json:"state"`
	Notes string `json:"notes"`
}

type storedConsultee struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	Category     string `json:"category"`
	Views        string `json:"views"`
}

type storedOption struct {
	Text            string `json:"text"`
	LessRestrictive bool   `json:"less_restrictive"`
}

func readDecisions(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]BestInterests, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+decisionColumns+` FROM best_interests b WHERE b.council_id = $1 AND `+where+
		` ORDER BY b.created_at DESC, b.id DESC`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read best-interests decisions: %w", err)
	}
	var out []BestInterests
	for rows.Next() {
		var b BestInterests
		var checklist, consultees, options string
		if err := rows.Scan(&b.ID, &b.PersonID, &b.EpisodeID, &b.AssessmentID, &checklist, &b.Wishes, &b.Beliefs, &b.OtherFactors, &consultees,
			&b.NoConsulteeReason, &options, &b.Chosen, &b.ChosenWhy, &b.Decision, &b.DecidedBy, &b.DecidedOn, &b.RecordedBy, &b.Version); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read best-interests decision: %w", sqldb.Normalise(err))
		}
		var cl map[string]storedCheck
		var cs []storedConsultee
		var os []storedOption
		if err := errors.Join(json.Unmarshal([]byte(checklist), &cl), json.Unmarshal([]byte(consultees), &cs), json.Unmarshal([]byte(options), &os)); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read best-interests decision %s: %w", b.ID, err)
		}
		b.Checklist = map[Item]Check{}
		for k, v := range cl {
			b.Checklist[Item(k)] = Check{State: v.State, Notes: v.Notes}
		}
		for _, c := range cs {
			b.Consultees = append(b.Consultees, Consultee{Name: c.Name, Relationship: c.Relationship, Category: Category(c.Category), Views: c.Views})
		}
		for _, o := range os {
			b.Options = append(b.Options, Option{Text: o.Text, LessRestrictive: o.LessRestrictive})
		}
		out = append(out, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		ids, err := decisionOutcomes(ctx, tx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].OutcomeIDs = ids
	}
	return out, nil
}

func decisionOutcomes(ctx context.Context, tx *sqldb.Tx, id string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT outcome_id FROM best_interests_outcome WHERE council_id = $1 AND best_interests_id = $2 ORDER BY outcome_id`,
		tx.Council(), id)
	if err != nil {
		return nil, fmt.Errorf("read the outcomes of a best-interests decision: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ForEpisode reads an episode's best-interests decisions, newest first, each with the IDs of the outcomes it
// affects, inside a transaction that has already opened the person (people.Open): for the golden thread view.
func ForEpisode(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]BestInterests, error) {
	return readDecisions(ctx, tx, `b.episode_id = $2`, episodeID)
}

// Decide keeps a best-interests decision on an assessment that found the person lacks capacity. latest is the
// newest decision on the assessment when the form was opened ("" for none): if someone has recorded another since,
// it is sqldb.ErrConflict and nothing is saved, so that the later decision-maker sees theirs first. Problems come
// back as validation.Problems.
func (s *Store) Decide(ctx context.Context, b BestInterests, latest string) (BestInterests, error) {
	b.Normalise()
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, b.PersonID, "", people.Log, accesslog.Update); err != nil {
			return err
		}
		a, err := readAssessment(ctx, tx, b.PersonID, b.EpisodeID, b.AssessmentID)
		if err != nil {
			return err
		}
		if a.Result != LacksCapacity {
			return ErrHasCapacity
		}
		eps, err := outcomes.ForEpisode(ctx, tx, b.EpisodeID)
		if err != nil {
			return err
		}
		var ids []string
		for _, o := range eps {
			ids = append(ids, o.ID)
		}
		if ps := b.Validate(tx.Today(), ids); len(ps) > 0 {
			return ps
		}
		var now string
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), '') FROM best_interests WHERE council_id = $1 AND assessment_id = $2`,
			tx.Council(), b.AssessmentID).Scan(&now); err != nil {
			return fmt.Errorf("read the latest decision: %w", err)
		}
		if now != latest {
			return sqldb.ErrConflict
		}
		b, err = KeepDecision(ctx, tx, b)
		return err
	})
	if err != nil {
		return BestInterests{}, err
	}
	return b, nil
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// KeepDecision inserts a complete best-interests decision inside tx, which has already opened the person, with the
// outcomes it affects and a chronology event. The store's Decide uses it, after its checks; so does the demo.
func KeepDecision(ctx context.Context, tx *sqldb.Tx, b BestInterests) (BestInterests, error) {
	cl := map[string]storedCheck{}
	for k, v := range b.Checklist {
		cl[string(k)] = storedCheck{State: v.State, Notes: v.Notes}
	}
	cs := []storedConsultee{}
	for _, c := range b.Consultees {
		cs = append(cs, storedConsultee{Name: c.Name, Relationship: c.Relationship, Category: string(c.Category), Views: c.Views})
	}
	os := []storedOption{}
	for _, o := range b.Options {
		os = append(os, storedOption{Text: o.Text, LessRestrictive: o.LessRestrictive})
	}
	clj, _ := json.Marshal(cl)
	csj, _ := json.Marshal(cs)
	osj, _ := json.Marshal(os)
	b.ID, b.Version, b.RecordedBy = sqldb.NewID(), 1, councils.StaffID(ctx)
	if _, err := tx.ExecContext(ctx, `INSERT INTO best_interests (council_id, id, person_id, episode_id, assessment_id, checklist, wishes,
			beliefs, other_factors, consultees, no_consultee_reason, options, chosen, chosen_why, decision, decided_by, decided_on,
			created_at, created_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1)`,
		tx.Council(), b.ID, b.PersonID, b.EpisodeID, b.AssessmentID, string(clj), b.Wishes, b.Beliefs, b.OtherFactors, string(csj),
		b.NoConsulteeReason, string(osj), b.Chosen, b.ChosenWhy, b.Decision, b.DecidedBy, b.DecidedOn, tx.Now(), b.RecordedBy); err != nil {
		return BestInterests{}, fmt.Errorf("add best-interests decision: %w", sqldb.Normalise(err))
	}
	for _, id := range b.OutcomeIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO best_interests_outcome (council_id, best_interests_id, outcome_id) VALUES ($1, $2, $3)`,
			tx.Council(), b.ID, id); err != nil {
			return BestInterests{}, fmt.Errorf("link the decision to an outcome: %w", sqldb.Normalise(err))
		}
	}
	return b, chronology.Record(ctx, tx, chronology.Event{PersonID: b.PersonID, EpisodeID: b.EpisodeID, Kind: chronology.Capacity,
		OccurredOn: b.DecidedOn, Summary: "Best-interests decision: " + shorten(b.Decision, 100), RefID: b.ID})
}
