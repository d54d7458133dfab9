package plans

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// ServiceStore keeps council-funded services and their authorisation. Every method reads the council and the member
// of staff from the context, opens the person's record with people.Open (the access rule and one access-log entry
// per call), and records each significant change in the person's chronology in the same transaction.
type ServiceStore struct {
	db *sqldb.DB
}

// NewServiceStore returns a store over db.
func NewServiceStore(db *sqldb.DB) *ServiceStore { return &ServiceStore{db: db} }

// ServiceRecord is a service as stored, with what is read alongside it.
type ServiceRecord struct {
	Service
	WeeklyCost      int64 // as worked out when it was last saved
	EndedReason     string
	RequestedByName string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Outcomes        []OutcomeChoice // the outcomes it serves
	Authorisation   *Authorisation  // the latest request for authorisation, if there ever was one
	Payment         *DirectPayment  // the direct payment agreement that pays it, if there is one
}

// CLD is the service's Client Level Data delivery and cost fields (ClientLevelData).
func (r ServiceRecord) CLD() CLDService { return ClientLevelData(r.Service, r.Payment) }

// Name is the service as lists name it.
func (r ServiceRecord) Name() string { return ServiceName(r.Service) }

// CanStart reports whether the service may start now.
func (r ServiceRecord) CanStart() bool { return CanStart(r.Status) == nil }

// Changeable reports whether the service may still be changed: an ended service may not.
func (r ServiceRecord) Changeable() bool { return r.Status != Ended }

// OutcomeChoice is one of the episode's outcomes, as a service form offers it.
type OutcomeChoice struct {
	ID        string
	Different string // what will be different, in the person's words
}

// SolutionChoice is one of the episode's solutions on the upper rungs of the ladder, which a service may deliver.
type SolutionChoice struct {
	ID          string
	Rung        Rung
	Description string
	OutcomeIDs  []string // the outcomes it serves
}

// EpisodeServices is an episode's services, with what a service form offers.
type EpisodeServices struct {
	Person    people.Person
	EpisodeID string
	Services  []ServiceRecord
	Outcomes  []OutcomeChoice
	Solutions []SolutionChoice
	// ThresholdPence is the council's weekly cost above which a service needs authorising; zero when none is set.
	ThresholdPence int64
	Today          sqldb.Date
	// AgreedPence is the personal budget figure recorded on the episode's latest plan; zero when none was.
	AgreedPence int64
}

// Budget is the episode's personal budget worked out from its services now (BudgetOf), against the figure on its
// latest plan.
func (e EpisodeServices) Budget() Budget {
	lines := make([]SnapshotService, len(e.Services))
	for i, svc := range e.Services {
		lines[i] = snapshotService(svc)
	}
	return BudgetOf(lines, e.AgreedPence)
}

// Payment is the direct payment agreement of a service, or nil.
func (e EpisodeServices) Payment(serviceID string) *DirectPayment {
	for _, svc := range e.Services {
		if svc.ID == serviceID {
			return svc.Payment
		}
	}
	return nil
}

// latestAgreed is the personal budget figure on the episode's newest plan version, or zero.
func latestAgreed(ctx context.Context, tx *sqldb.Tx, episodeID string) (int64, error) {
	var pence int64
	err := sqldb.Normalise(tx.QueryRowContext(ctx, `SELECT personal_budget_pence FROM support_plan WHERE council_id = $1 AND episode_id = $2
		ORDER BY plan_version DESC LIMIT 1`, tx.Council(), episodeID).Scan(&pence))
	if err != nil && !errors.Is(err, sqldb.ErrNotFound) {
		return 0, fmt.Errorf("read the plan's personal budget: %w", err)
	}
	return pence, nil
}

// ErrServiceEnded: an ended service is kept as it was.
var ErrServiceEnded = errors.New("this service has ended and cannot be changed")

// signedIn returns the member of staff and council in ctx.
func signedIn(ctx context.Context) (councils.Staff, string, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return councils.Staff{}, "", err
	}
	staff, _ := councils.StaffFrom(ctx)
	return staff, council, nil
}

func threshold(ctx context.Context, tx *sqldb.Tx) (int64, error) {
	var t int64
	err := tx.QueryRowContext(ctx, `SELECT authorisation_threshold_pence FROM council WHERE id = $1`, tx.Council()).Scan(&t)
	if err != nil {
		return 0, fmt.Errorf("read the authorisation threshold: %w", sqldb.Normalise(err))
	}
	return t, nil
}

func episodeOutcomes(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]OutcomeChoice, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, different FROM outcome WHERE council_id = $1 AND episode_id = $2 ORDER BY created_at, id`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read outcomes: %w", err)
	}
	defer rows.Close()
	var out []OutcomeChoice
	for rows.Next() {
		var o OutcomeChoice
		if err := rows.Scan(&o.ID, &o.Different); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// episodeSolutions are the episode's solutions a council-funded service may deliver: those above information and
// advice on the ladder (technology and equipment, reablement, ongoing support, residential care).
func episodeSolutions(ctx context.Context, tx *sqldb.Tx, episodeID string) ([]SolutionChoice, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.rung, s.description, COALESCE(so.outcome_id, '') FROM solution s
		LEFT JOIN solution_outcome so ON so.council_id = s.council_id AND so.solution_id = s.id
		WHERE s.council_id = $1 AND s.episode_id = $2 ORDER BY s.created_at, s.id, so.outcome_id`, tx.Council(), episodeID)
	if err != nil {
		return nil, fmt.Errorf("read solutions: %w", err)
	}
	defer rows.Close()
	var out []SolutionChoice
	for rows.Next() {
		var c SolutionChoice
		var rung, outcome string
		if err := rows.Scan(&c.ID, &rung, &c.Description, &outcome); err != nil {
			return nil, err
		}
		if c.Rung, err = ParseRung(rung); err != nil || !c.Rung.NeedsLowerRungReason() {
			continue
		}
		if n := len(out); n > 0 && out[n-1].ID == c.ID {
			out[n-1].OutcomeIDs = append(out[n-1].OutcomeIDs, outcome)
			continue
		}
		if outcome != "" {
			c.OutcomeIDs = []string{outcome}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

const serviceColumns = `s.id, s.person_id, s.episode_id, COALESCE(s.solution_id, ''), s.service_type, s.component, s.delivery_mechanism,
	s.provider, s.start_on, s.end_on, s.next_review_on, s.long_term, s.long_term_reason, s.unit_cost_pence, s.cost_frequency,
	s.units_hundredths, s.weekly_cost_pence, s.status, s.ended_reason, s.created_at, s.created_by, COALESCE(st.name, ''),
	s.updated_at, s.version`

const serviceFrom = ` FROM service s LEFT JOIN staff st ON st.council_id = s.council_id AND st.id = s.created_by`

func scanService(row interface{ Scan(...any) error }) (ServiceRecord, error) {
	var r ServiceRecord
	var hundredths int64
	var status string
	err := row.Scan(&r.ID, &r.PersonID, &r.EpisodeID, &r.SolutionID, &r.ServiceType, &r.Component, &r.DeliveryMechanism,
		&r.Provider, &r.Start, &r.End, &r.NextReview, &r.LongTerm, &r.LongTermReason, &r.UnitCostPence, &r.Frequency,
		&hundredths, &r.WeeklyCost, &status, &r.EndedReason, &r.CreatedAt, &r.RequestedBy, &r.RequestedByName,
		&r.UpdatedAt, &r.Version)
	if err != nil {
		return ServiceRecord{}, sqldb.Normalise(err)
	}
	r.Units = float64(hundredths) / 100
	r.Status = ServiceStatus(status)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

// services reads services matching where (after the council, $1), with their outcomes and latest authorisation.
func services(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]ServiceRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+serviceColumns+serviceFrom+` WHERE s.council_id = $1 AND `+where+` ORDER BY s.start_on, s.created_at, s.id`,
		append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read services: %w", err)
	}
	var out []ServiceRecord
	for rows.Next() {
		r, err := scanService(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	for i := range out {
		if err := fillService(ctx, tx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func fillService(ctx context.Context, tx *sqldb.Tx, r *ServiceRecord) error {
	rows, err := tx.QueryContext(ctx, `SELECT o.id, o.different FROM service_outcome so
		JOIN outcome o ON o.council_id = so.council_id AND o.id = so.outcome_id
		WHERE so.council_id = $1 AND so.service_id = $2 ORDER BY o.created_at, o.id`, tx.Council(), r.ID)
	if err != nil {
		return fmt.Errorf("read the outcomes a service serves: %w", err)
	}
	for rows.Next() {
		var o OutcomeChoice
		if err := rows.Scan(&o.ID, &o.Different); err != nil {
			rows.Close()
			return err
		}
		r.Outcomes = append(r.Outcomes, o)
		r.OutcomeIDs = append(r.OutcomeIDs, o.ID)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	rows.Close()
	if r.Payment, err = paymentFor(ctx, tx, r.ID); err != nil {
		return err
	}
	a, err := scanAuthorisation(tx.QueryRowContext(ctx, `SELECT `+authorisationColumns+authorisationFrom+`
		WHERE a.council_id = $1 AND a.service_id = $2 ORDER BY a.requested_at DESC, a.id DESC LIMIT 1`, tx.Council(), r.ID))
	switch {
	case errors.Is(err, sqldb.ErrNotFound):
	case err != nil:
		return fmt.Errorf("read the service's authorisation: %w", err)
	default:
		r.Authorisation = &a
	}
	return nil
}

const authorisationColumns = `a.id, a.service_id, a.person_id, s.episode_id, a.weekly_cost_pence, a.requested_by, COALESCE(rq.name, ''),
	a.requested_at, a.decision, a.decided_by, COALESCE(dc.name, ''), a.decided_at, a.reason, a.version,
	p.given_name, p.family_name, s.service_type, s.component, s.provider`

const authorisationFrom = ` FROM authorisation a
	JOIN service s ON s.council_id = a.council_id AND s.id = a.service_id
	JOIN person p ON p.council_id = a.council_id AND p.id = a.person_id
	LEFT JOIN staff rq ON rq.council_id = a.council_id AND rq.id = a.requested_by
	LEFT JOIN staff dc ON dc.council_id = a.council_id AND dc.id = a.decided_by`

func scanAuthorisation(row interface{ Scan(...any) error }) (Authorisation, error) {
	var a Authorisation
	var decision, given, family string
	var decided *time.Time
	var svc Service
	err := row.Scan(&a.ID, &a.ServiceID, &a.PersonID, &a.EpisodeID, &a.WeeklyCostPence, &a.RequestedBy, &a.RequestedByName,
		&a.RequestedAt, &decision, &a.DecidedBy, &a.DecidedByName, &decided, &a.Reason, &a.Version,
		&given, &family, &svc.ServiceType, &svc.Component, &svc.Provider)
	if err != nil {
		return Authorisation{}, sqldb.Normalise(err)
	}
	a.Decision = Decision(decision)
	a.RequestedAt = a.RequestedAt.UTC()
	if decided != nil {
		a.DecidedAt = decided.UTC()
	}
	a.PersonName = strings.TrimSpace(given + " " + family)
	a.ServiceName = ServiceName(svc)
	return a, nil
}

// Episode reads an episode's services, and the outcomes and solutions a new service may serve, and logs the view.
func (s *ServiceStore) Episode(ctx context.Context, personID, episodeID string) (EpisodeServices, error) {
	out := EpisodeServices{EpisodeID: episodeID}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		if out.Services, err = services(ctx, tx, `s.episode_id = $2`, episodeID); err != nil {
			return err
		}
		if out.AgreedPence, err = latestAgreed(ctx, tx, episodeID); err != nil {
			return err
		}
		if out.Outcomes, err = episodeOutcomes(ctx, tx, episodeID); err != nil {
			return err
		}
		if out.Solutions, err = episodeSolutions(ctx, tx, episodeID); err != nil {
			return err
		}
		out.ThresholdPence, err = threshold(ctx, tx)
		out.Today = tx.Today()
		return err
	})
	if err != nil {
		return EpisodeServices{}, fmt.Errorf("read the episode's services: %w", err)
	}
	return out, nil
}

// Get reads one service of an episode, with what its form offers, and logs the view.
func (s *ServiceStore) Get(ctx context.Context, personID, episodeID, serviceID string) (EpisodeServices, ServiceRecord, error) {
	out := EpisodeServices{EpisodeID: episodeID}
	var rec ServiceRecord
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		if rec, err = one(ctx, tx, episodeID, serviceID); err != nil {
			return err
		}
		if out.Outcomes, err = episodeOutcomes(ctx, tx, episodeID); err != nil {
			return err
		}
		if out.Solutions, err = episodeSolutions(ctx, tx, episodeID); err != nil {
			return err
		}
		out.ThresholdPence, err = threshold(ctx, tx)
		out.Today = tx.Today()
		return err
	})
	if err != nil {
		return EpisodeServices{}, ServiceRecord{}, fmt.Errorf("read service: %w", err)
	}
	return out, rec, nil
}

// one reads a service of the episode, or ErrNotFound.
func one(ctx context.Context, tx *sqldb.Tx, episodeID, serviceID string) (ServiceRecord, error) {
	list, err := services(ctx, tx, `s.episode_id = $2 AND s.id = $3`, episodeID, serviceID)
	if err != nil {
		return ServiceRecord{}, err
	}
	if len(list) == 0 {
		return ServiceRecord{}, fmt.Errorf("service %s: %w", serviceID, sqldb.ErrNotFound)
	}
	return list[0], nil
}

// checkLinks makes sure the outcomes and the solution a service names belong to its episode.
func checkLinks(ctx context.Context, tx *sqldb.Tx, svc Service) error {
	outcomes, err := episodeOutcomes(ctx, tx, svc.EpisodeID)
	if err != nil {
		return err
	}
	var ps validation.Problems
	for _, id := range svc.OutcomeIDs {
		if !slices.ContainsFunc(outcomes, func(o OutcomeChoice) bool { return o.ID == id }) {
			ps.Append("outcome_ids", "Choose outcomes from this episode")
			break
		}
	}
	if svc.SolutionID != "" {
		solutions, err := episodeSolutions(ctx, tx, svc.EpisodeID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(solutions, func(c SolutionChoice) bool { return c.ID == svc.SolutionID }) {
			ps.Append("solution_id", "Choose a solution from this episode")
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

func nullDate(d sqldb.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

func nullID(id string) any {
	if id == "" {
		return nil
	}
	return id
}

func hundredths(units float64) int64 { return int64(math.Round(units * 100)) }

func writeOutcomes(ctx context.Context, tx *sqldb.Tx, serviceID string, outcomeIDs []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM service_outcome WHERE council_id = $1 AND service_id = $2`, tx.Council(), serviceID); err != nil {
		return fmt.Errorf("clear the outcomes a service serves: %w", err)
	}
	seen := map[string]bool{}
	for _, id := range outcomeIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO service_outcome (council_id, service_id, outcome_id) VALUES ($1, $2, $3)`, tx.Council(), serviceID, id); err != nil {
			return fmt.Errorf("link a service to an outcome: %w", sqldb.Normalise(err))
		}
	}
	return nil
}

func requestAuthorisation(ctx context.Context, tx *sqldb.Tx, svc Service, weekly int64, staffID string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO authorisation (council_id, id, service_id, person_id, weekly_cost_pence, requested_by, requested_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`, tx.Council(), sqldb.NewID(), svc.ID, svc.PersonID, weekly, staffID, tx.Now())
	if err != nil {
		return fmt.Errorf("ask for authorisation: %w", sqldb.Normalise(err))
	}
	return nil
}

func record(ctx context.Context, tx *sqldb.Tx, svc Service, on sqldb.Date, summary string) error {
	return chronology.Record(ctx, tx, chronology.Event{
		PersonID: svc.PersonID, EpisodeID: svc.EpisodeID, OccurredOn: on, Kind: chronology.Service, Summary: summary, RefID: svc.ID,
	})
}

// Add adds a service to an episode. Its weekly cost is worked out from the unit cost, units and frequency; a
// service above the council's threshold waits for a team manager's authorisation (and a request is made), and any
// other is authorised at once. Problems come back as validation.Problems and change nothing.
func (s *ServiceStore) Add(ctx context.Context, personID, episodeID string, svc Service) (ServiceRecord, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return ServiceRecord{}, err
	}
	svc.ID, svc.PersonID, svc.EpisodeID, svc.Version, svc.RequestedBy = sqldb.NewID(), personID, episodeID, 1, staff.ID
	svc.Status = Requested
	if ps := svc.Validate(); len(ps) > 0 {
		return ServiceRecord{}, ps
	}
	var rec ServiceRecord
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		if err := checkLinks(ctx, tx, svc); err != nil {
			return err
		}
		limit, err := threshold(ctx, tx)
		if err != nil {
			return err
		}
		weekly := svc.WeeklyCostPence()
		needs := RequiresAuthorisation(weekly, limit)
		svc.Status = Authorised
		if needs {
			svc.Status = AwaitingAuthorisation
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO service (council_id, id, person_id, episode_id, solution_id, service_type, component,
			delivery_mechanism, provider, start_on, end_on, next_review_on, long_term, long_term_reason, unit_cost_pence, cost_frequency,
			units_hundredths, weekly_cost_pence, status, created_at, created_by, updated_at, updated_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $20, $21, 1)`,
			council, svc.ID, personID, episodeID, nullID(svc.SolutionID), svc.ServiceType, svc.Component, svc.DeliveryMechanism,
			strings.TrimSpace(svc.Provider), nullDate(svc.Start), nullDate(svc.End), nullDate(svc.NextReview), svc.LongTerm,
			longTermReason(svc), svc.UnitCostPence, svc.Frequency, hundredths(svc.Units), weekly, string(svc.Status), tx.Now(), staff.ID); err != nil {
			return fmt.Errorf("add service: %w", sqldb.Normalise(err))
		}
		if err := writeOutcomes(ctx, tx, svc.ID, svc.OutcomeIDs); err != nil {
			return err
		}
		summary := "Service requested: " + ServiceName(svc) + ", " + FormatPence(weekly) + " a week"
		if needs {
			if err := requestAuthorisation(ctx, tx, svc, weekly, staff.ID); err != nil {
				return err
			}
			summary += ", waiting for a team manager to authorise it"
		}
		if err := record(ctx, tx, svc, sqldb.Date{}, summary); err != nil {
			return err
		}
		rec, err = one(ctx, tx, episodeID, svc.ID)
		return err
	})
	if err != nil {
		return ServiceRecord{}, err
	}
	return rec, nil
}

// longTermReason keeps a reason only for long-term support.
func longTermReason(svc Service) string {
	if !svc.LongTerm {
		return ""
	}
	return strings.TrimSpace(svc.LongTermReason)
}

// Update saves a change to a service if nobody else changed it since svc.Version; otherwise it changes nothing
// and returns sqldb.ErrConflict. An ended service cannot be changed. The weekly cost is worked out again, and:
//
//   - a cost that now needs authorisation and is more than was last authorised (or a service that was declined)
//     waits for authorisation again, with a new request, so a change that crosses the threshold, or raises an
//     authorised cost, is seen by a team manager;
//   - a change while a request waits updates the cost on the request, which a team manager then decides on;
//   - a cost that no longer needs authorisation withdraws a waiting request, and the service is authorised.
func (s *ServiceStore) Update(ctx context.Context, svc Service) (ServiceRecord, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return ServiceRecord{}, err
	}
	if ps := svc.Validate(); len(ps) > 0 {
		return ServiceRecord{}, ps
	}
	var rec ServiceRecord
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, svc.PersonID, svc.EpisodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		current, err := one(ctx, tx, svc.EpisodeID, svc.ID)
		if err != nil {
			return err
		}
		if current.Status == Ended {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrServiceEnded)
		}
		if current.Version != svc.Version {
			return sqldb.ErrConflict
		}
		if err := checkLinks(ctx, tx, svc); err != nil {
			return err
		}
		if dp, err := paymentFor(ctx, tx, svc.ID); err != nil {
			return err
		} else if dp != nil && dp.Status != PaymentEnded && svc.DeliveryMechanism != current.DeliveryMechanism {
			return validation.Problems{{Field: "delivery_mechanism", Message: "This service is paid as a direct payment: end the direct payment before changing how it is delivered"}}
		}
		limit, err := threshold(ctx, tx)
		if err != nil {
			return err
		}
		weekly := svc.WeeklyCostPence()
		needs := RequiresAuthorisation(weekly, limit)
		status, summary := current.Status, ""
		pending := current.Authorisation != nil && current.Authorisation.Decision == Pending
		switch {
		case pending && needs:
			if weekly != current.Authorisation.WeeklyCostPence {
				if _, err := tx.ExecContext(ctx, `UPDATE authorisation SET weekly_cost_pence = $1, version = version + 1
					WHERE council_id = $2 AND id = $3`, weekly, council, current.Authorisation.ID); err != nil {
					return fmt.Errorf("update the request for authorisation: %w", err)
				}
				summary = "Service changed while waiting for authorisation: " + ServiceName(svc) + ", now " + FormatPence(weekly) + " a week"
			}
		case pending && !needs:
			if _, err := tx.ExecContext(ctx, `UPDATE authorisation SET decision = $1, decided_at = $2,
				reason = $3, version = version + 1 WHERE council_id = $4 AND id = $5`,
				string(Withdrawn), tx.Now(), "The weekly cost changed to "+FormatPence(weekly)+", which needs no authorisation", council, current.Authorisation.ID); err != nil {
				return fmt.Errorf("withdraw the request for authorisation: %w", err)
			}
			status = Authorised
			summary = "Service changed: " + ServiceName(svc) + ", " + FormatPence(weekly) + " a week, which needs no authorisation"
		case needs && (current.Status == Declined || weekly > authorisedCost(ctx, tx, current)):
			if err := requestAuthorisation(ctx, tx, svc, weekly, staff.ID); err != nil {
				return err
			}
			status = AwaitingAuthorisation
			summary = "Service changed: " + ServiceName(svc) + ", " + FormatPence(weekly) + " a week, waiting for a team manager to authorise it"
		case !needs && current.Status == Declined:
			status = Authorised
			summary = "Service changed: " + ServiceName(svc) + ", " + FormatPence(weekly) + " a week, which needs no authorisation"
		}
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE service SET solution_id = $1, service_type = $2, component = $3,
			delivery_mechanism = $4, provider = $5, start_on = $6, end_on = $7, next_review_on = $8, long_term = $9,
			long_term_reason = $10, unit_cost_pence = $11, cost_frequency = $12, units_hundredths = $13, weekly_cost_pence = $14,
			status = $15, updated_at = $16, updated_by = $17, version = version + 1
			WHERE council_id = $18 AND id = $19 AND episode_id = $20 AND version = $21`,
			nullID(svc.SolutionID), svc.ServiceType, svc.Component, svc.DeliveryMechanism, strings.TrimSpace(svc.Provider),
			nullDate(svc.Start), nullDate(svc.End), nullDate(svc.NextReview), svc.LongTerm, longTermReason(svc), svc.UnitCostPence,
			svc.Frequency, hundredths(svc.Units), weekly, string(status), tx.Now(), staff.ID, council, svc.ID, svc.EpisodeID, svc.Version))
		if err != nil {
			return fmt.Errorf("update service: %w", err)
		}
		if err := writeOutcomes(ctx, tx, svc.ID, svc.OutcomeIDs); err != nil {
			return err
		}
		if summary != "" {
			if err := record(ctx, tx, svc, sqldb.Date{}, summary); err != nil {
				return err
			}
		}
		rec, err = one(ctx, tx, svc.EpisodeID, svc.ID)
		return err
	})
	if err != nil {
		return ServiceRecord{}, err
	}
	return rec, nil
}

// authorisedCost is the weekly cost a team manager last authorised for the service; for a service that never
// needed authorisation it is the cost it had then, which needed none, so any rise above the threshold is seen.
func authorisedCost(ctx context.Context, tx *sqldb.Tx, current ServiceRecord) int64 {
	var cost int64
	err := tx.QueryRowContext(ctx, `SELECT weekly_cost_pence FROM authorisation WHERE council_id = $1 AND service_id = $2 AND decision = $3
		ORDER BY decided_at DESC, id DESC LIMIT 1`, tx.Council(), current.ID, string(DecideAuthorise)).Scan(&cost)
	if err != nil {
		return 0 // never authorised by a manager: any cost that needs authorisation is new
	}
	return cost
}

// Start records that an authorised service has started, on the date given. A service waiting for authorisation,
// or declined, cannot start: the error wraps ErrNotAuthorised.
func (s *ServiceStore) Start(ctx context.Context, personID, episodeID, serviceID string, on sqldb.Date, version int) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	if on.IsZero() {
		return validation.Problems{{Field: "started_on", Message: "Enter the date the service started"}}
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		current, err := one(ctx, tx, episodeID, serviceID)
		if err != nil {
			return err
		}
		if current.Version != version {
			return sqldb.ErrConflict
		}
		if err := CanStart(current.Status); err != nil {
			return err
		}
		if !current.End.IsZero() && current.End.Before(on.Time) {
			return validation.Problems{{Field: "started_on", Message: "Start date must be the same as or before the end date, " + current.End.Time.Format("2 January 2006")}}
		}
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE service SET status = $1, start_on = $2, updated_at = $3, updated_by = $4,
			version = version + 1 WHERE council_id = $5 AND id = $6 AND episode_id = $7 AND version = $8 AND status = $9`,
			string(ServiceActive), on, tx.Now(), staff.ID, council, serviceID, episodeID, version, string(Authorised)))
		if err != nil {
			return fmt.Errorf("start service: %w", err)
		}
		return record(ctx, tx, current.Service, on, "Service started: "+ServiceName(current.Service))
	})
}

// End records that a service has ended, on the date given and why.
func (s *ServiceStore) End(ctx context.Context, personID, episodeID, serviceID string, on sqldb.Date, reason string, version int) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	var ps validation.Problems
	if on.IsZero() {
		ps.Append("ended_on", "Enter the date the service ended")
	}
	switch {
	case reason == "":
		ps.Append("ended_reason", "Enter why the service ended")
	case len(reason) > maxText:
		ps.Append("ended_reason", "Reason must be 2,000 characters or less")
	}
	if len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		current, err := one(ctx, tx, episodeID, serviceID)
		if err != nil {
			return err
		}
		if current.Version != version {
			return sqldb.ErrConflict
		}
		if current.Status == Ended {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrServiceEnded)
		}
		if !current.Start.IsZero() && on.Before(current.Start.Time) {
			return validation.Problems{{Field: "ended_on", Message: "End date must be the same as or after the start date, " + current.Start.Time.Format("2 January 2006")}}
		}
		// A service that ends before it was ever decided on withdraws its request.
		if current.Authorisation != nil && current.Authorisation.Decision == Pending {
			if _, err := tx.ExecContext(ctx, `UPDATE authorisation SET decision = $1, decided_at = $2, reason = $3, version = version + 1
				WHERE council_id = $4 AND id = $5`, string(Withdrawn), tx.Now(), "The service ended before a decision: "+reason, council, current.Authorisation.ID); err != nil {
				return fmt.Errorf("withdraw the request for authorisation: %w", err)
			}
		}
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE service SET status = $1, end_on = $2, ended_reason = $3, updated_at = $4,
			updated_by = $5, version = version + 1 WHERE council_id = $6 AND id = $7 AND episode_id = $8 AND version = $9`,
			string(Ended), on, reason, tx.Now(), staff.ID, council, serviceID, episodeID, version))
		if err != nil {
			return fmt.Errorf("end service: %w", err)
		}
		if err := endPaymentWith(ctx, tx, current, on, reason); err != nil {
			return err
		}
		return record(ctx, tx, current.Service, on, "Service ended: "+ServiceName(current.Service))
	})
}

// Waiting lists the requests for authorisation that wait for a decision, oldest first, for the signed-in member
// of staff: a team manager sees those for people allocated to their teams or to them; the quality lead sees the
// whole council's. Restricted records appear only to those granted them. Requests they made themselves are
// listed, marked Own, as someone else must decide them. Listing is not a view of any one record, so it is not
// written to the access log, as a search is not.
func (s *ServiceStore) Waiting(ctx context.Context) ([]Authorisation, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if !MayAuthorise(staff.Role) {
		return nil, fmt.Errorf("list authorisations as %s: %w", staff.Role, sqldb.ErrForbidden)
	}
	q := `SELECT ` + authorisationColumns + authorisationFrom + `
		WHERE a.council_id = $1 AND a.decision = '' AND s.status = $3
		AND (p.restricted = FALSE OR EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $2))`
	if !staff.Role.SeesWholeCouncil() {
		q += ` AND (p.worker_id = $2 OR p.team_id IN (SELECT tm.team_id FROM team_member tm WHERE tm.council_id = $1 AND tm.staff_id = $2))`
	}
	var out []Authorisation
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, q+` ORDER BY a.requested_at, a.id`, council, staff.ID, string(AwaitingAuthorisation))
		if err != nil {
			return fmt.Errorf("list authorisations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAuthorisation(rows)
			if err != nil {
				return err
			}
			a.Own = a.RequestedBy == staff.ID
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// AuthorisationView is a request for authorisation with the service it is for.
type AuthorisationView struct {
	Person        people.Person
	Authorisation Authorisation
	Service       ServiceRecord
	// CanDecide is nil when the signed-in member of staff may decide on the request now, or says why not.
	CanDecide error
}

// Authorisation reads a request for authorisation and its service, and logs the view of the person's record.
func (s *ServiceStore) Authorisation(ctx context.Context, id string) (AuthorisationView, error) {
	staff, _, err := signedIn(ctx)
	if err != nil {
		return AuthorisationView{}, err
	}
	if !MayAuthorise(staff.Role) {
		return AuthorisationView{}, fmt.Errorf("read authorisation as %s: %w", staff.Role, sqldb.ErrForbidden)
	}
	var out AuthorisationView
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if out.Authorisation, err = scanAuthorisation(tx.QueryRowContext(ctx, `SELECT `+authorisationColumns+authorisationFrom+`
			WHERE a.council_id = $1 AND a.id = $2`, tx.Council(), id)); err != nil {
			return err
		}
		if out.Person, err = people.Open(ctx, tx, out.Authorisation.PersonID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		if out.Service, err = one(ctx, tx, out.Authorisation.EpisodeID, out.Authorisation.ServiceID); err != nil {
			return err
		}
		out.CanDecide = mayDecide(staff, out.Person, out.Authorisation)
		return nil
	})
	if err != nil {
		return AuthorisationView{}, fmt.Errorf("read authorisation: %w", err)
	}
	return out, nil
}

// mayDecide applies CanDecide, and keeps a team manager to their own teams' people.
func mayDecide(staff councils.Staff, p people.Person, a Authorisation) error {
	if a.Decision != Pending {
		return fmt.Errorf("this request was already %s", strings.ToLower(a.Decision.Label()))
	}
	if err := CanDecide(a.RequestedBy, staff.ID, MayAuthorise(staff.Role)); err != nil {
		return err
	}
	if !staff.Role.SeesWholeCouncil() && p.WorkerID != staff.ID && !staff.InTeam(p.TeamID) {
		return fmt.Errorf("%s is not allocated to your teams: %w", "the person", ErrNotTeamManager)
	}
	return nil
}

// Decide authorises or declines a service waiting for authorisation, with a reason (needed to decline, kept
// always), if the request has not changed since version. Nobody may decide on their own request, and only team
// managers (for their teams' people) and the quality lead may decide: others get sqldb.ErrForbidden. A stale
// version is sqldb.ErrConflict. Nothing changes when the decision is refused.
func (s *ServiceStore) Decide(ctx context.Context, id string, decision Decision, reason string, version int) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	if !MayAuthorise(staff.Role) {
		return fmt.Errorf("decide as %s: %w: %w", staff.Role, sqldb.ErrForbidden, ErrNotTeamManager)
	}
	reason = strings.TrimSpace(reason)
	status := ServiceStatus("")
	switch decision {
	case DecideAuthorise:
		status = Authorised
	case DecideDecline:
		status = Declined
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		a, err := scanAuthorisation(tx.QueryRowContext(ctx, `SELECT `+authorisationColumns+authorisationFrom+`
			WHERE a.council_id = $1 AND a.id = $2`, council, id))
		if err != nil {
			return fmt.Errorf("find authorisation: %w", err)
		}
		p, err := people.Open(ctx, tx, a.PersonID, "", people.Log, accesslog.Update)
		if err != nil {
			return err
		}
		if a.Version != version {
			return sqldb.ErrConflict
		}
		current, err := one(ctx, tx, a.EpisodeID, a.ServiceID)
		if err != nil {
			return err
		}
		if a.Decision != Pending {
			return validation.Problems{{Field: "decision", Message: "This request was already " + strings.ToLower(a.Decision.Label())}}
		}
		if err := mayDecide(staff, p, a); err != nil {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, err)
		}
		if ps := ValidateDecision(current.Status, status, reason); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE authorisation SET decision = $1, decided_by = $2, decided_at = $3,
			reason = $4, version = version + 1 WHERE council_id = $5 AND id = $6 AND version = $7 AND decision = ''`,
			string(decision), staff.ID, tx.Now(), reason, council, id, version)); err != nil {
			return fmt.Errorf("decide: %w", err)
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE service SET status = $1, updated_at = $2, updated_by = $3, version = version + 1
			WHERE council_id = $4 AND id = $5 AND status = $6`, string(status), tx.Now(), staff.ID, council, a.ServiceID, string(AwaitingAuthorisation))); err != nil {
			return fmt.Errorf("decide: %w", err)
		}
		summary := "Service authorised: " + ServiceName(current.Service) + ", " + FormatPence(a.WeeklyCostPence) + " a week"
		if decision == DecideDecline {
			summary = "Service declined: " + ServiceName(current.Service) + ", " + FormatPence(a.WeeklyCostPence) + " a week"
		}
		return record(ctx, tx, current.Service, sqldb.Date{}, summary)
	})
}
