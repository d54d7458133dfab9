package plans

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// PlanStore keeps versioned support plans. Every method reads the council and the member of staff from the
// context, opens the person's record with people.Open (the access rule and one access-log entry per call) and
// records each significant change in the person's chronology, all in one transaction.
type PlanStore struct {
	db *sqldb.DB
}

// NewPlanStore returns a store over db.
func NewPlanStore(db *sqldb.DB) *PlanStore { return &PlanStore{db: db} }

// ErrPlanNotDraft: only a draft plan may be changed or agreed; an agreed plan is kept as it was agreed.
var ErrPlanNotDraft = errors.New("only a draft plan can be changed")

// EpisodePlans is an episode's support plans, newest version first.
type EpisodePlans struct {
	Person    people.Person
	EpisodeID string
	Plans     []SupportPlan
}

// Draft returns the episode's draft plan, or false.
func (e EpisodePlans) Draft() (SupportPlan, bool) {
	for _, p := range e.Plans {
		if p.Status == PlanDraft {
			return p, true
		}
	}
	return SupportPlan{}, false
}

// Agreed returns the episode's plan in force (the agreed version), or false.
func (e EpisodePlans) Agreed() (SupportPlan, bool) {
	for _, p := range e.Plans {
		if p.Status == PlanAgreed {
			return p, true
		}
	}
	return SupportPlan{}, false
}

// PlanView is one version of a plan with what its pages show.
type PlanView struct {
	Person people.Person
	Plan   SupportPlan
	// Snapshot is what the plan holds: for a draft, the episode's thread as it is now (what agreeing would freeze);
	// for an agreed or superseded plan, the snapshot frozen when it was agreed.
	Snapshot Snapshot
	// NotSMART are the episode's outcomes that are not SMART yet; a draft cannot be agreed while there are any.
	NotSMART []outcomes.Outcome
	Outcomes []outcomes.Outcome // the episode's outcomes now
	History  []SupportPlan      // every version of the episode's plan, newest first
	Worker   string             // the name of the practitioner the person is allocated to, if any
	// NextReview is when the episode's next review falls due (reviews.NextDueOn), which a practitioner may have
	// moved since the plan was agreed; zero when none is scheduled.
	NextReview sqldb.Date
	Today      sqldb.Date
}

// Problems are the reasons the draft cannot be agreed yet, empty when it can.
func (v PlanView) Problems() validation.Problems { return CheckAgreement(v.Outcomes, v.NotSMART) }

const planColumns = `p.id, p.person_id, p.episode_id, p.plan_version, p.status, p.snapshot, p.agreed_on, p.agreed_how, p.agreed_with,
	p.person_comment, p.personal_budget_pence, p.crisis_contact, p.review_on, p.created_at, p.updated_at, COALESCE(st.name, ''), p.version`

func scanPlan(row interface{ Scan(...any) error }) (SupportPlan, error) {
	var p SupportPlan
	var status, snapshot, how string
	err := row.Scan(&p.ID, &p.PersonID, &p.EpisodeID, &p.PlanVersion, &status, &snapshot, &p.Agreement.On, &how, &p.Agreement.With,
		&p.Agreement.Comment, &p.PersonalBudgetPence, &p.CrisisContact, &p.ReviewOn, &p.CreatedAt, &p.UpdatedAt, &p.CreatedByName, &p.Version)
	if err != nil {
		return SupportPlan{}, sqldb.Normalise(err)
	}
	p.Status, p.Agreement.How = PlanStatus(status), AgreedHow(how)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if p.Snapshot, err = ParseSnapshot(snapshot); err != nil {
		return SupportPlan{}, fmt.Errorf("plan %s: %w", p.ID, err)
	}
	return p, nil
}

// episodePlans reads the episode's plans, newest version first.
func episodePlans(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]SupportPlan, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+planColumns+` FROM support_plan p
		LEFT JOIN staff st ON st.council_id = p.council_id AND st.id = p.created_by
		WHERE p.council_id = $1 AND p.episode_id = $2 ORDER BY p.plan_version DESC`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read support plans: %w", err)
	}
	defer rows.Close()
	var out []SupportPlan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func findPlan(list []SupportPlan, id string) (SupportPlan, error) {
	for _, p := range list {
		if p.ID == id {
			return p, nil
		}
	}
	return SupportPlan{}, fmt.Errorf("support plan %s: %w", id, sqldb.ErrNotFound)
}

// TakeSnapshot reads the episode's thread as it is now, inside a transaction that has already opened the person:
// what matters to them, their hopes, the episode's outcomes (not closed ones), solutions and services (not declined
// ones), and the person's strengths.
func TakeSnapshot(ctx context.Context, tx *sqldb.Tx, personID, episodeID string) (Snapshot, error) {
	snap := Snapshot{Format: SnapshotFormat, TakenAt: tx.Now()}
	council := tx.Council()
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(c.what_matters, '') FROM episode e
		LEFT JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id
		WHERE e.council_id = $1 AND e.id = $2`, council, episodeID).Scan(&snap.WhatMatters); err != nil {
		return Snapshot{}, fmt.Errorf("read what matters: %w", sqldb.Normalise(err))
	}
	all, err := outcomes.ForEpisode(ctx, tx, episodeID)
	if err != nil {
		return Snapshot{}, err
	}
	served := map[string]bool{}
	for _, o := range all {
		if o.Status == outcomes.Closed {
			continue
		}
		so := SnapshotOutcome{ID: o.ID, AspirationID: o.AspirationID, Different: o.Different, HowWeKnow: o.HowWeKnow,
			ByWhen: o.ByWhen.String(), WhoInvolved: o.WhoInvolved, Levels: [5]string{o.LevelMinus2, o.LevelMinus1, o.Expected, o.LevelPlus1, o.LevelPlus2},
			Baseline: o.Baseline, Importance: o.Importance, Difficulty: o.Difficulty, Status: o.Status}
		snap.Outcomes = append(snap.Outcomes, so)
		if o.AspirationID != "" {
			served[o.AspirationID] = true
		}
	}
	// The person's hopes: those heard in this episode, and any other the episode's outcomes serve.
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(episode_id, ''), term, person_words FROM aspiration
		WHERE council_id = $1 AND person_id = $2 ORDER BY created_at, id`, council, personID)
	if err != nil {
		return Snapshot{}, fmt.Errorf("read aspirations: %w", err)
	}
	for rows.Next() {
		var a SnapshotAspiration
		var episode, term string
		if err := rows.Scan(&a.ID, &episode, &term, &a.Words); err != nil {
			rows.Close()
			return Snapshot{}, err
		}
		a.Term = outcomes.Term(term)
		if episode == episodeID || served[a.ID] {
			snap.Aspirations = append(snap.Aspirations, a)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Snapshot{}, err
	}
	sols, err := solutions(ctx, tx, episodeID)
	if err != nil {
		return Snapshot{}, err
	}
	for _, sol := range sols {
		snap.Solutions = append(snap.Solutions, SnapshotSolution{ID: sol.ID, Rung: sol.Rung.String(), Description: sol.Description,
			WhoWhen: sol.WhoWhen, OutcomeIDs: sol.OutcomeIDs})
	}
	svcs, err := services(ctx, tx, `s.episode_id = $2 AND s.status <> $3`, episodeID, string(Declined))
	if err != nil {
		return Snapshot{}, err
	}
	for _, svc := range svcs {
		snap.Services = append(snap.Services, snapshotService(svc))
	}
	srows, err := tx.QueryContext(ctx, `SELECT id, kind, person_words FROM strength WHERE council_id = $1 AND person_id = $2
		ORDER BY created_at, id`, council, personID)
	if err != nil {
		return Snapshot{}, fmt.Errorf("read strengths: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var st SnapshotStrength
		if err := srows.Scan(&st.ID, &st.Kind, &st.Words); err != nil {
			return Snapshot{}, err
		}
		snap.Strengths = append(snap.Strengths, st)
	}
	return snap, srows.Err()
}

// snapshotService is a service as a plan holds it, with its delivery mechanism as the Client Level Data return
// has it (ClientLevelData, from its direct payment, if any).
func snapshotService(svc ServiceRecord) SnapshotService {
	return SnapshotService{ID: svc.ID, ServiceType: svc.ServiceType, Component: svc.Component,
		DeliveryMechanism: svc.CLD().DeliveryMechanism, Provider: svc.Provider, Start: svc.Start.String(),
		End: svc.End.String(), NextReview: svc.NextReview.String(), LongTerm: svc.LongTerm, WeeklyCostPence: svc.WeeklyCost,
		Status: svc.Status, OutcomeIDs: svc.OutcomeIDs}
}

// Plans reads an episode's support plans, newest version first, and logs the view of the person's record.
func (s *PlanStore) Plans(ctx context.Context, personID, episodeID string) (EpisodePlans, error) {
	out := EpisodePlans{EpisodeID: episodeID}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		out.Plans, err = episodePlans(ctx, tx, episodeID)
		return err
	})
	if err != nil {
		return EpisodePlans{}, fmt.Errorf("read the episode's plans: %w", err)
	}
	return out, nil
}

// Get reads one version of a plan with what its pages show, and logs a view of the person's record.
func (s *PlanStore) Get(ctx context.Context, personID, episodeID, planID string) (PlanView, error) {
	return s.read(ctx, personID, episodeID, planID, accesslog.View)
}

// Export reads one version of a plan to print it as a PDF, and logs the export of the person's record.
func (s *PlanStore) Export(ctx context.Context, personID, episodeID, planID string) (PlanView, error) {
	return s.read(ctx, personID, episodeID, planID, accesslog.Export)
}

func (s *PlanStore) read(ctx context.Context, personID, episodeID, planID string, action accesslog.Action) (PlanView, error) {
	var v PlanView
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if v.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, action); err != nil {
			return err
		}
		if v.History, err = episodePlans(ctx, tx, episodeID); err != nil {
			return err
		}
		if v.Plan, err = findPlan(v.History, planID); err != nil {
			return err
		}
		if v.Outcomes, err = outcomes.ForEpisode(ctx, tx, episodeID); err != nil {
			return err
		}
		if v.NotSMART, err = outcomes.NotSMART(ctx, tx, episodeID); err != nil {
			return err
		}
		v.Snapshot = v.Plan.Snapshot
		if v.Plan.Status == PlanDraft {
			if v.Snapshot, err = TakeSnapshot(ctx, tx, personID, episodeID); err != nil {
				return err
			}
		}
		if v.Person.WorkerID != "" {
			err := tx.QueryRowContext(ctx, `SELECT name FROM staff WHERE council_id = $1 AND id = $2`, tx.Council(), v.Person.WorkerID).Scan(&v.Worker)
			if err != nil && !errors.Is(err, sql.ErrNoRows) { // no name shown is better than no plan, for a worker not found
				return fmt.Errorf("read the allocated worker's name: %w", err)
			}
		}
		v.Today = tx.Today()
		if v.NextReview, _, err = reviews.NextDueOn(ctx, tx, episodeID); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return PlanView{}, fmt.Errorf("read support plan: %w", err)
	}
	return v, nil
}

// NewDraft makes a draft version of the episode's plan from its thread as it is now, carrying the personal budget
// and who to call in a crisis over from the latest version. An episode has at most one draft: when it already has
// one, NewDraft returns it and created is false. A new draft marks support planning in progress if it had not
// started.
func (s *PlanStore) NewDraft(ctx context.Context, personID, episodeID string) (plan SupportPlan, created bool, err error) {
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		existing, err := episodePlans(ctx, tx, episodeID)
		if err != nil {
			return err
		}
		for _, p := range existing {
			if p.Status == PlanDraft {
				plan = p
				return nil
			}
		}
		snap, err := TakeSnapshot(ctx, tx, personID, episodeID)
		if err != nil {
			return err
		}
		plan, err = insertDraft(ctx, tx, personID, episodeID, existing, snap)
		if err != nil {
			return err
		}
		created = true
		if err := conversations.StartStep(ctx, tx, personID, episodeID, conversations.PlanStep); err != nil {
			return err
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Plan,
			Summary: "Support plan version " + strconv.Itoa(plan.PlanVersion) + " drafted", RefID: plan.ID})
	})
	if err != nil {
		return SupportPlan{}, false, err
	}
	return plan, created, nil
}

// insertDraft adds the next version of the episode's plan as a draft holding snap, carrying the budget and crisis
// contact of the newest version in existing (newest first). The first version names who to call in a crisis from
// the people who matter marked as such.
func insertDraft(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, existing []SupportPlan, snap Snapshot) (SupportPlan, error) {
	plan := SupportPlan{ID: sqldb.NewID(), PersonID: personID, EpisodeID: episodeID, PlanVersion: 1, Status: PlanDraft, Snapshot: snap, Version: 1}
	if len(existing) > 0 {
		plan.PlanVersion = existing[0].PlanVersion + 1
		plan.PersonalBudgetPence, plan.CrisisContact = existing[0].PersonalBudgetPence, existing[0].CrisisContact
	} else {
		var err error
		if plan.CrisisContact, err = people.CrisisContacts(ctx, tx, personID); err != nil {
			return SupportPlan{}, err
		}
	}
	text, err := snap.Marshal()
	if err != nil {
		return SupportPlan{}, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO support_plan (council_id, id, person_id, episode_id, plan_version, status, snapshot,
		personal_budget_pence, crisis_contact, created_at, created_by, updated_at, updated_by, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11, 1)`,
		tx.Council(), plan.ID, personID, episodeID, plan.PlanVersion, string(PlanDraft), text, plan.PersonalBudgetPence,
		plan.CrisisContact, tx.Now(), councils.StaffID(ctx)); err != nil {
		return SupportPlan{}, fmt.Errorf("add a draft plan: %w", sqldb.Normalise(err))
	}
	plan.CreatedAt, plan.UpdatedAt = tx.Now(), tx.Now()
	return plan, nil
}

// UpdateDraft changes a draft plan's personal budget and who to call in a crisis if nobody changed it since
// version, and refreshes its snapshot from the thread. A stale version is sqldb.ErrConflict and an agreed plan is
// sqldb.ErrForbidden (wrapping ErrPlanNotDraft); both change nothing.
func (s *PlanStore) UpdateDraft(ctx context.Context, personID, episodeID, planID string, budgetPence int64, crisisContact string, version int) error {
	crisisContact = strings.TrimSpace(crisisContact)
	if ps := CheckDraft(budgetPence, crisisContact); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		plan, err := onePlan(ctx, tx, episodeID, planID)
		if err != nil {
			return err
		}
		if plan.Status != PlanDraft {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrPlanNotDraft)
		}
		snap, err := TakeSnapshot(ctx, tx, personID, episodeID)
		if err != nil {
			return err
		}
		text, err := snap.Marshal()
		if err != nil {
			return err
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE support_plan SET personal_budget_pence = $1, crisis_contact = $2,
			snapshot = $3, updated_at = $4, updated_by = $5, version = version + 1
			WHERE council_id = $6 AND id = $7 AND episode_id = $8 AND status = $9 AND version = $10`,
			budgetPence, crisisContact, text, tx.Now(), councils.StaffID(ctx), tx.Council(), planID, episodeID, string(PlanDraft), version)); err != nil {
			return fmt.Errorf("change draft plan: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Plan,
			Summary: "Support plan version " + strconv.Itoa(plan.PlanVersion) + " changed: personal budget " + FormatPence(budgetPence), RefID: planID})
	})
}

func onePlan(ctx context.Context, tx *sqldb.Tx, episodeID, planID string) (SupportPlan, error) {
	return scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM support_plan p
		LEFT JOIN staff st ON st.council_id = p.council_id AND st.id = p.created_by
		WHERE p.council_id = $1 AND p.episode_id = $2 AND p.id = $3`, tx.Council(), episodeID, planID))
}

// Agree records that the person agreed a draft plan: when, how, who was there and their own comment. Every
// outcome being worked towards must be SMART, and there must be at least one (CheckAgreement); otherwise the
// problems name each outcome and nothing changes. Agreeing freezes the snapshot, marks any earlier agreed version
// superseded, schedules the first review (reviews.ScheduleNext, with the council's intervals and the short-term
// services' end dates), and records it all in the chronology. A stale version is sqldb.ErrConflict.
func (s *PlanStore) Agree(ctx context.Context, personID, episodeID, planID string, a Agreement, version int) (SupportPlan, error) {
	a.With, a.Comment = strings.TrimSpace(a.With), strings.TrimSpace(a.Comment)
	var plan SupportPlan
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		var err error
		if plan, err = onePlan(ctx, tx, episodeID, planID); err != nil {
			return err
		}
		if plan.Status != PlanDraft {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrPlanNotDraft)
		}
		if plan.Version != version {
			return sqldb.ErrConflict
		}
		all, err := outcomes.ForEpisode(ctx, tx, episodeID)
		if err != nil {
			return err
		}
		notSMART, err := outcomes.NotSMART(ctx, tx, episodeID)
		if err != nil {
			return err
		}
		ps := CheckAgreement(all, notSMART)
		ps = append(ps, a.Validate(tx.Today())...)
		if len(ps) > 0 {
			return ps
		}
		snap, err := TakeSnapshot(ctx, tx, personID, episodeID)
		if err != nil {
			return err
		}
		text, err := snap.Marshal()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE support_plan SET status = $1, updated_at = $2, updated_by = $3, version = version + 1
			WHERE council_id = $4 AND episode_id = $5 AND status = $6`,
			string(PlanSuperseded), tx.Now(), councils.StaffID(ctx), tx.Council(), episodeID, string(PlanAgreed)); err != nil {
			return fmt.Errorf("supersede the earlier plan: %w", err)
		}
		lastReview, err := lastHeld(ctx, tx, episodeID)
		if err != nil {
			return err
		}
		due, err := reviews.ScheduleNext(ctx, tx, reviews.Next{PersonID: personID, EpisodeID: episodeID, PlanID: planID,
			PlanAgreed: a.On, LastReview: lastReview})
		if err != nil {
			return err
		}
		var reviewOn any
		if !due.IsZero() {
			reviewOn = due
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE support_plan SET status = $1, snapshot = $2, agreed_on = $3, agreed_how = $4,
			agreed_with = $5, person_comment = $6, review_on = $7, updated_at = $8, updated_by = $9, version = version + 1
			WHERE council_id = $10 AND id = $11 AND status = $12 AND version = $13`,
			string(PlanAgreed), text, a.On, string(a.How), a.With, a.Comment, reviewOn, tx.Now(), councils.StaffID(ctx), tx.Council(), planID,
			string(PlanDraft), version)); err != nil {
			return fmt.Errorf("agree plan: %w", err)
		}
		plan.Status, plan.Snapshot, plan.Agreement, plan.ReviewOn, plan.Version = PlanAgreed, snap, a, due, version+1
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, OccurredOn: a.On, Kind: chronology.Plan,
			Summary: "Support plan version " + strconv.Itoa(plan.PlanVersion) + " agreed with the person (" + strings.ToLower(a.How.Label()) + ")", RefID: planID})
	})
	if err != nil {
		return SupportPlan{}, err
	}
	return plan, nil
}

// lastHeld is when the episode's last review was held, or the zero Date.
func lastHeld(ctx context.Context, tx *sqldb.Tx, episodeID string) (sqldb.Date, error) {
	var held sqldb.Date
	err := tx.QueryRowContext(ctx, `SELECT held_on FROM review WHERE council_id = $1 AND episode_id = $2 AND status = $3
		AND held_on IS NOT NULL ORDER BY held_on DESC, id DESC LIMIT 1`, tx.Council(), episodeID, reviews.StatusCompleted).Scan(&held)
	if err := sqldb.Normalise(err); err != nil && !errors.Is(err, sqldb.ErrNotFound) {
		return sqldb.Date{}, fmt.Errorf("read the last review: %w", err)
	}
	return held, nil
}
