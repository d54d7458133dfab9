package plans

import (
	"context"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"slices"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// DirectPaymentStore keeps direct payment agreements and their monitoring reviews. Like the other stores of this
// package, every method reads the council and the member of staff from the context, opens the person's record with
// people.Open (the access rule and one access-log entry per call), and records each change in the person's
// chronology in the same transaction. The next monitoring review is a required action (duties.DirectPaymentReview),
// so it falls due on the caseload like any other.
type DirectPaymentStore struct {
	db *sqldb.DB
}

// NewDirectPaymentStore returns a store over db.
func NewDirectPaymentStore(db *sqldb.DB) *DirectPaymentStore { return &DirectPaymentStore{db: db} }

// ErrPaymentEnded: an ended direct payment is kept as it was.
var ErrPaymentEnded = errors.New("this direct payment has ended and cannot be changed")

// DirectPaymentView is a service line with its direct payment agreement, if there is one, and its monitoring
// reviews, newest first.
type DirectPaymentView struct {
	Person     people.Person
	Service    ServiceRecord
	Payment    *DirectPayment
	Monitoring []Monitoring
	Today      sqldb.Date
}

// CLD is the service's Client Level Data delivery and cost fields (ClientLevelData).
func (v DirectPaymentView) CLD() CLDService { return v.Service.CLD() }

// MonitoringStatus is whether the next monitoring review is due or overdue, classified as reviews are
// (reviews.Status).
func (v DirectPaymentView) MonitoringStatus() reviews.DueStatus {
	if v.Payment == nil {
		return reviews.NotScheduled
	}
	return reviews.Status(v.Payment.NextMonitoring, v.Today)
}

const dpColumns = `id, person_id, episode_id, service_id, managed_by, authorised_name, authorised_relation, account_provider,
	first_payment_on, pays_for, pays_for_other, contingency_pence, status, status_on, status_reason, next_monitoring_on, version`

func scanDirectPayment(row interface{ Scan(...any) error }) (DirectPayment, error) {
	var d DirectPayment
	var managed, paysFor, status string
	err := row.Scan(&d.ID, &d.PersonID, &d.EpisodeID, &d.ServiceID, &managed, &d.AuthorisedName, &d.AuthorisedRelationship,
		&d.AccountProvider, &d.FirstPayment, &paysFor, &d.PaysForOther, &d.ContingencyPence, &status, &d.StatusOn, &d.StatusReason,
		&d.NextMonitoring, &d.Version)
	if err != nil {
		return DirectPayment{}, sqldb.Normalise(err)
	}
	d.ManagedBy, d.Status = Manager(managed), PaymentStatus(status)
	for _, u := range strings.Split(paysFor, ",") {
		if u != "" {
			d.PaysFor = append(d.PaysFor, Use(u))
		}
	}
	return d, nil
}

func usesText(us []Use) string {
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = string(u)
	}
	return strings.Join(parts, ",")
}

func paymentFor(ctx context.Context, tx *sqldb.Tx, serviceID string) (*DirectPayment, error) {
	d, err := scanDirectPayment(tx.QueryRowContext(ctx, `SELECT `+dpColumns+` FROM direct_payment WHERE council_id = $1 AND service_id = $2`,
		tx.Council(), serviceID))
	switch {
	case errors.Is(err, sqldb.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("read direct payment: %w", err)
	}
	return &d, nil
}

func monitoringOf(ctx context.Context, tx *sqldb.Tx, paymentID string) ([]Monitoring, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.held_on, m.result, m.findings, COALESCE(st.name, '') FROM direct_payment_monitoring m
		LEFT JOIN staff st ON st.council_id = m.council_id AND st.id = m.created_by
		WHERE m.council_id = $1 AND m.direct_payment_id = $2 ORDER BY m.held_on DESC, m.created_at DESC, m.id`, tx.Council(), paymentID)
	if err != nil {
		return nil, fmt.Errorf("read monitoring reviews: %w", err)
	}
	defer rows.Close()
	var out []Monitoring
	for rows.Next() {
		var m Monitoring
		var result string
		if err := rows.Scan(&m.ID, &m.HeldOn, &result, &m.Findings, &m.ByName); err != nil {
			return nil, err
		}
		m.Result = MonitoringResult(result)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Get reads a service with its direct payment and monitoring reviews, and logs the view.
func (s *DirectPaymentStore) Get(ctx context.Context, personID, episodeID, serviceID string) (DirectPaymentView, error) {
	var v DirectPaymentView
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		if v.Person, err = people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.View); err != nil {
			return err
		}
		return s.fill(ctx, tx, &v, episodeID, serviceID)
	})
	if err != nil {
		return DirectPaymentView{}, fmt.Errorf("read direct payment: %w", err)
	}
	return v, nil
}

func (s *DirectPaymentStore) fill(ctx context.Context, tx *sqldb.Tx, v *DirectPaymentView, episodeID, serviceID string) error {
	var err error
	if v.Service, err = one(ctx, tx, episodeID, serviceID); err != nil {
		return err
	}
	v.Payment = v.Service.Payment
	if v.Payment != nil {
		if v.Monitoring, err = monitoringOf(ctx, tx, v.Payment.ID); err != nil {
			return err
		}
	}
	v.Today = tx.Today()
	return nil
}

// raiseMonitoring makes the payment's next monitoring review a required action, due at the end of its due day.
func raiseMonitoring(ctx context.Context, tx *sqldb.Tx, d DirectPayment, serviceName string) error {
	if d.NextMonitoring.IsZero() {
		return duties.Withdraw(ctx, tx, duties.DirectPaymentReview, d.ID, "The direct payment ended")
	}
	_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: d.PersonID, EpisodeID: d.EpisodeID, Kind: duties.DirectPaymentReview,
		SubjectID: d.ID, Reason: "Monitor the direct payment for " + serviceName + ": the Direct Payments Regulations 2014 (reg 7) need a review within 6 months of the first payment, then at least every 12 months",
		Path: paths.DirectPayment.URL(d.PersonID, d.EpisodeID, d.ServiceID), DueAt: duties.EndOfDay(d.NextMonitoring)})
	return err
}

func recordPayment(ctx context.Context, tx *sqldb.Tx, d DirectPayment, on sqldb.Date, summary string) error {
	return chronology.Record(ctx, tx, chronology.Event{PersonID: d.PersonID, EpisodeID: d.EpisodeID, OccurredOn: on,
		Kind: chronology.Service, Summary: summary, RefID: d.ServiceID})
}

// Agree records the direct payment agreement for a service delivered as a direct payment (CheckService), and makes
// its first monitoring review, 6 months after the first payment, a required action. A service has at most one
// agreement: a second is refused. Problems come back as validation.Problems and change nothing.
func (s *DirectPaymentStore) Agree(ctx context.Context, personID, episodeID, serviceID string, d DirectPayment) (DirectPayment, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return DirectPayment{}, err
	}
	d = tidyPayment(d)
	d.ID, d.PersonID, d.EpisodeID, d.ServiceID, d.Status, d.Version = sqldb.NewID(), personID, episodeID, serviceID, PaymentActive, 1
	if ps := d.Validate(); len(ps) > 0 {
		return DirectPayment{}, ps
	}
	d.NextMonitoring = NextMonitoring(d.Status, d.FirstPayment, sqldb.Date{})
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Create); err != nil {
			return err
		}
		svc, err := one(ctx, tx, episodeID, serviceID)
		if err != nil {
			return err
		}
		if existing, err := paymentFor(ctx, tx, serviceID); err != nil {
			return err
		} else if existing != nil {
			return validation.Problems{{Field: "service", Message: "This service already has a direct payment agreement"}}
		}
		if ps := CheckService(svc.Service); len(ps) > 0 {
			return ps
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO direct_payment (council_id, id, person_id, episode_id, service_id, managed_by,
			authorised_name, authorised_relation, account_provider, first_payment_on, pays_for, pays_for_other, contingency_pence,
			status, next_monitoring_on, created_at, created_by, updated_at, updated_by, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16, $17, 1)`,
			council, d.ID, personID, episodeID, serviceID, string(d.ManagedBy), d.AuthorisedName, d.AuthorisedRelationship,
			d.AccountProvider, d.FirstPayment, usesText(d.PaysFor), d.PaysForOther, d.ContingencyPence, string(d.Status),
			d.NextMonitoring, tx.Now(), staff.ID); err != nil {
			return fmt.Errorf("add direct payment: %w", sqldb.Normalise(err))
		}
		if err := raiseMonitoring(ctx, tx, d, svc.Name()); err != nil {
			return err
		}
		pence, freq := svc.PaymentAmount()
		return recordPayment(ctx, tx, d, d.FirstPayment, "Direct payment agreed: "+svc.Name()+", "+FormatPence(pence)+" "+paymentEvery(freq)+
			", managed by "+strings.ToLower(d.ManagedBy.Label())+"; first monitoring review due "+d.NextMonitoring.Format("2 January 2006"))
	})
	if err != nil {
		return DirectPayment{}, err
	}
	return d, nil
}

// paymentEvery is how often a payment is made, as a sentence says it.
func paymentEvery(freq string) string {
	switch freq {
	case "weekly":
		return "a week"
	case "fortnightly":
		return "a fortnight"
	case "4-weekly":
		return "every 4 weeks"
	case "monthly":
		return "a month"
	case "quarterly":
		return "a quarter"
	case "annually":
		return "a year"
	case "one-off":
		return "once"
	}
	return freq
}

// PaymentEvery is how often the service's direct payment is paid, as a sentence says it: "£520.00 every 4 weeks".
func PaymentEvery(svc Service) string {
	pence, freq := svc.PaymentAmount()
	return FormatPence(pence) + " " + paymentEvery(freq)
}

func tidyPayment(d DirectPayment) DirectPayment {
	d.AuthorisedName, d.AuthorisedRelationship = strings.TrimSpace(d.AuthorisedName), strings.TrimSpace(d.AuthorisedRelationship)
	d.AccountProvider, d.PaysForOther = strings.TrimSpace(d.AccountProvider), strings.TrimSpace(d.PaysForOther)
	if d.ManagedBy != ManagedByAuthorised {
		d.AuthorisedName, d.AuthorisedRelationship = "", ""
	}
	if d.ManagedBy != ManagedAccount {
		d.AccountProvider = ""
	}
	if !slices.Contains(d.PaysFor, UseOther) {
		d.PaysForOther = ""
	}
	return d
}

// Update changes an agreement's terms if nobody changed it since d.Version; otherwise it changes nothing and
// returns sqldb.ErrConflict. An ended payment cannot be changed. A new first payment date moves the first
// monitoring review while none has been held.
func (s *DirectPaymentStore) Update(ctx context.Context, d DirectPayment) (DirectPayment, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return DirectPayment{}, err
	}
	d = tidyPayment(d)
	if ps := d.Validate(); len(ps) > 0 {
		return DirectPayment{}, ps
	}
	var out DirectPayment
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := people.Open(ctx, tx, d.PersonID, d.EpisodeID, people.Log, accesslog.Update); err != nil {
			return err
		}
		current, err := paymentFor(ctx, tx, d.ServiceID)
		if err != nil {
			return err
		}
		if current == nil || current.ID != d.ID || current.EpisodeID != d.EpisodeID {
			return fmt.Errorf("direct payment %s: %w", d.ID, sqldb.ErrNotFound)
		}
		if current.Status == PaymentEnded {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrPaymentEnded)
		}
		if current.Version != d.Version {
			return sqldb.ErrConflict
		}
		held, err := monitoringOf(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		var last sqldb.Date
		if len(held) > 0 {
			last = held[0].HeldOn
		}
		out = d
		out.Status, out.StatusOn, out.StatusReason = current.Status, current.StatusOn, current.StatusReason
		out.NextMonitoring = NextMonitoring(out.Status, out.FirstPayment, last)
		out.Version = current.Version + 1
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE direct_payment SET managed_by = $1, authorised_name = $2,
			authorised_relation = $3, account_provider = $4, first_payment_on = $5, pays_for = $6, pays_for_other = $7,
			contingency_pence = $8, next_monitoring_on = $9, updated_at = $10, updated_by = $11, version = version + 1
			WHERE council_id = $12 AND id = $13 AND version = $14`,
			string(d.ManagedBy), d.AuthorisedName, d.AuthorisedRelationship, d.AccountProvider, d.FirstPayment, usesText(d.PaysFor),
			d.PaysForOther, d.ContingencyPence, out.NextMonitoring, tx.Now(), staff.ID, council, d.ID, d.Version)); err != nil {
			return fmt.Errorf("change direct payment: %w", err)
		}
		svc, err := one(ctx, tx, d.EpisodeID, d.ServiceID)
		if err != nil {
			return err
		}
		if err := raiseMonitoring(ctx, tx, out, svc.Name()); err != nil {
			return err
		}
		return recordPayment(ctx, tx, out, sqldb.Date{}, "Direct payment agreement changed: "+svc.Name())
	})
	if err != nil {
		return DirectPayment{}, err
	}
	return out, nil
}

// openPayment opens the person's record for a change and reads the direct payment of the service, which must be of
// the episode and unchanged since version (otherwise sqldb.ErrNotFound or sqldb.ErrConflict).
func openPayment(ctx context.Context, tx *sqldb.Tx, personID, episodeID, serviceID string, version int) (*DirectPayment, error) {
	if _, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update); err != nil {
		return nil, err
	}
	current, err := paymentFor(ctx, tx, serviceID)
	if err != nil {
		return nil, err
	}
	if current == nil || current.EpisodeID != episodeID {
		return nil, fmt.Errorf("direct payment for service %s: %w", serviceID, sqldb.ErrNotFound)
	}
	if current.Version != version {
		return nil, sqldb.ErrConflict
	}
	return current, nil
}

// ChangeStatus suspends, resumes or ends a direct payment on a date, with a reason (CheckStatusChange), if nobody
// changed it since version. Suspending keeps the monitoring review due, since a suspension is itself a reason to
// look again; ending withdraws it and ends the service line the payment paid, on the same date and for the same
// reason, so the budget and the Client Level Data follow. A stale version is sqldb.ErrConflict.
func (s *DirectPaymentStore) ChangeStatus(ctx context.Context, personID, episodeID, serviceID string, to PaymentStatus, on sqldb.Date, reason string, version int) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		current, err := openPayment(ctx, tx, personID, episodeID, serviceID, version)
		if err != nil {
			return err
		}
		if ps := CheckStatusChange(current.Status, to, on, reason, current.FirstPayment, tx.Today()); len(ps) > 0 {
			return ps
		}
		next := current.NextMonitoring
		if to == PaymentEnded {
			next = sqldb.Date{}
		}
		var nextArg any
		if !next.IsZero() {
			nextArg = next
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE direct_payment SET status = $1, status_on = $2, status_reason = $3,
			next_monitoring_on = $4, updated_at = $5, updated_by = $6, version = version + 1
			WHERE council_id = $7 AND id = $8 AND version = $9`,
			string(to), on, reason, nextArg, tx.Now(), staff.ID, council, current.ID, version)); err != nil {
			return fmt.Errorf("change direct payment status: %w", err)
		}
		svc, err := one(ctx, tx, episodeID, serviceID)
		if err != nil {
			return err
		}
		summary := "Direct payment resumed: " + svc.Name()
		switch to {
		case PaymentSuspended:
			summary = "Direct payment suspended: " + svc.Name() + ". " + reason
		case PaymentEnded:
			summary = "Direct payment ended: " + svc.Name() + ". " + reason
			if err := duties.Withdraw(ctx, tx, duties.DirectPaymentReview, current.ID, "The direct payment ended: "+reason); err != nil {
				return err
			}
			if svc.Status != Ended {
				end := on
				if !svc.Start.IsZero() && end.Before(svc.Start.Time) {
					end = svc.Start
				}
				if _, err := tx.ExecContext(ctx, `UPDATE service SET status = $1, end_on = $2, ended_reason = $3, updated_at = $4,
					updated_by = $5, version = version + 1 WHERE council_id = $6 AND id = $7`,
					string(Ended), end, "The direct payment ended: "+reason, tx.Now(), staff.ID, council, serviceID); err != nil {
					return fmt.Errorf("end the service the direct payment paid: %w", err)
				}
				if _, err := tx.ExecContext(ctx, `UPDATE authorisation SET decision = $1, decided_at = $2, reason = $3, version = version + 1
					WHERE council_id = $4 AND service_id = $5 AND decision = ''`, string(Withdrawn), tx.Now(), "The direct payment ended before a decision: "+reason, council, serviceID); err != nil {
					return fmt.Errorf("withdraw the request for authorisation: %w", err)
				}
			}
		}
		return recordPayment(ctx, tx, *current, on, summary)
	})
}

// endPaymentWith ends the direct payment that pays a service being ended, on the same date and for the same reason,
// and withdraws its monitoring review: payments stop with the service.
func endPaymentWith(ctx context.Context, tx *sqldb.Tx, svc ServiceRecord, on sqldb.Date, reason string) error {
	dp := svc.Payment
	if dp == nil || dp.Status == PaymentEnded {
		return nil
	}
	if on.Before(dp.FirstPayment.Time) {
		on = dp.FirstPayment
	}
	if _, err := tx.ExecContext(ctx, `UPDATE direct_payment SET status = $1, status_on = $2, status_reason = $3, next_monitoring_on = NULL,
		updated_at = $4, updated_by = $5, version = version + 1 WHERE council_id = $6 AND id = $7`,
		string(PaymentEnded), on, "The service ended: "+reason, tx.Now(), councils.StaffID(ctx), tx.Council(), dp.ID); err != nil {
		return fmt.Errorf("end the direct payment with its service: %w", err)
	}
	if err := duties.Withdraw(ctx, tx, duties.DirectPaymentReview, dp.ID, "The service ended: "+reason); err != nil {
		return err
	}
	return recordPayment(ctx, tx, *dp, on, "Direct payment ended with the service: "+svc.Name())
}

// RecordMonitoring records a monitoring review of a direct payment that has not ended (Monitoring.Validate), if
// nobody changed the payment since version: the required action it met is closed and the next, 12 months on, is
// raised. A stale version is sqldb.ErrConflict.
func (s *DirectPaymentStore) RecordMonitoring(ctx context.Context, personID, episodeID, serviceID string, m Monitoring, version int) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	m.Findings = strings.TrimSpace(m.Findings)
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		current, err := openPayment(ctx, tx, personID, episodeID, serviceID, version)
		if err != nil {
			return err
		}
		if current.Status == PaymentEnded {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrPaymentEnded)
		}
		if ps := m.Validate(current.FirstPayment, tx.Today()); len(ps) > 0 {
			return ps
		}
		held, err := monitoringOf(ctx, tx, current.ID)
		if err != nil {
			return err
		}
		last := m.HeldOn
		if len(held) > 0 && held[0].HeldOn.After(last.Time) {
			last = held[0].HeldOn
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO direct_payment_monitoring (council_id, id, direct_payment_id, held_on, result,
			findings, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			council, sqldb.NewID(), current.ID, m.HeldOn, string(m.Result), m.Findings, tx.Now(), staff.ID); err != nil {
			return fmt.Errorf("record monitoring review: %w", sqldb.Normalise(err))
		}
		next := NextMonitoring(current.Status, current.FirstPayment, last)
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE direct_payment SET next_monitoring_on = $1, updated_at = $2,
			updated_by = $3, version = version + 1 WHERE council_id = $4 AND id = $5 AND version = $6`,
			next, tx.Now(), staff.ID, council, current.ID, version)); err != nil {
			return fmt.Errorf("record monitoring review: %w", err)
		}
		if err := duties.Meet(ctx, tx, duties.DirectPaymentReview, current.ID, duties.MetByDone, "Monitoring review held: "+m.Result.Label()); err != nil && !errors.Is(err, sqldb.ErrNotFound) {
			return err
		}
		svc, err := one(ctx, tx, episodeID, serviceID)
		if err != nil {
			return err
		}
		current.NextMonitoring = next
		if err := raiseMonitoring(ctx, tx, *current, svc.Name()); err != nil {
			return err
		}
		return recordPayment(ctx, tx, *current, m.HeldOn, "Direct payment monitoring review: "+m.Result.Label()+"; next due "+next.Format("2 January 2006"))
	})
}
