package plans_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// personalAssistant is long-term support of 10 hours a week of a personal assistant at £15 an hour, paid as a
// direct payment: £150 a week, under the fixture's threshold, so authorised at once.
func (f fixture) personalAssistant() plans.Service {
	return plans.Service{
		ServiceType: "Long term support: Community", Component: "Direct payment", DeliveryMechanism: codelists.DeliveryDirectPayment,
		Start: dbtest.Date("2025-04-01"), NextReview: dbtest.Date("2026-04-01"), LongTerm: true, LongTermReason: "Ongoing help to get up and dressed",
		UnitCostPence: 1500, Frequency: codelists.CostHourly, Units: 10, OutcomeIDs: []string{f.outcomes[0]},
	}
}

// paymentSetup adds the personal assistant as the practitioner, and returns the direct payment store and the
// practitioner's context with it.
func (f fixture) paymentSetup(t *testing.T) (*plans.DirectPaymentStore, context.Context, plans.ServiceRecord) {
	t.Helper()
	worker := f.as(councils.Practitioner)
	svc, err := f.store.Add(worker, f.person.ID, f.episode, f.personalAssistant())
	if err != nil {
		t.Fatal(err)
	}
	return plans.NewDirectPaymentStore(f.db), worker, svc
}

func agreement() plans.DirectPayment {
	return plans.DirectPayment{ManagedBy: plans.ManagedByAuthorised, AuthorisedName: "Cara Example", AuthorisedRelationship: "Daughter",
		FirstPayment: dbtest.Date("2025-04-01"), PaysFor: []plans.Use{plans.UsePersonalAssistant, plans.UseOther}, PaysForOther: "Travel to the lunch club",
		ContingencyPence: 60000}
}

// duties are the direct payment's required actions, oldest first, as "due-day open|met".
func (f fixture) paymentDuties(t *testing.T, paymentID string) []string {
	t.Helper()
	var out []string
	err := f.db.ReadTx(sqldb.WithCouncil(context.Background(), f.a.Council.ID), func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(context.Background(), `SELECT due_at, met_at IS NULL, met_how FROM duty WHERE council_id = $1 AND subject_id = $2
			AND kind = 'direct_payment_review' ORDER BY raised_at, due_at`, f.a.Council.ID, paymentID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var due time.Time
			var open bool
			var how string
			if err := rows.Scan(&due, &open, &how); err != nil {
				return err
			}
			state := "met " + how
			if open {
				state = "open"
			}
			out = append(out, due.Add(-time.Nanosecond).In(sqldb.London()).Format("2006-01-02")+" "+state)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDirectPaymentLife(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		payments := plans.NewDirectPaymentStore(db)
		worker := f.as(councils.Practitioner)
		home, err := f.store.Add(worker, f.person.ID, f.episode, f.homeCare(2590)) // £259 a week, commissioned
		if err != nil {
			t.Fatal(err)
		}
		svc, err := f.store.Add(worker, f.person.ID, f.episode, f.personalAssistant())
		if err != nil {
			t.Fatal(err)
		}
		// A commissioned service cannot be paid as a direct payment.
		if _, err := payments.Agree(worker, f.person.ID, f.episode, home.ID, agreement()); !slices.Equal(fieldsOf(err), []string{"service"}) {
			t.Errorf("agree on commissioned support: %v", err)
		}
		dp, err := payments.Agree(worker, f.person.ID, f.episode, svc.ID, agreement())
		if err != nil {
			t.Fatal(err)
		}
		if dp.NextMonitoring.String() != "2025-10-01" || dp.Status != plans.PaymentActive {
			t.Errorf("agreed %+v, want the first monitoring review on 1 October 2025", dp)
		}
		if got := f.paymentDuties(t, dp.ID); !slices.Equal(got, []string{"2025-10-01 open"}) {
			t.Errorf("duties after agreeing: %q", got)
		}
		if _, err := payments.Agree(worker, f.person.ID, f.episode, svc.ID, agreement()); !slices.Equal(fieldsOf(err), []string{"service"}) {
			t.Errorf("a second agreement: %v", err)
		}
		// The budget and the plan's services take the direct payment from the agreement.
		ep, err := f.store.Episode(worker, f.person.ID, f.episode)
		if err != nil {
			t.Fatal(err)
		}
		if b := ep.Budget(); b.WeeklyPence != 25900+15000 || b.DirectPaymentPence != 15000 || b.Services != 2 {
			t.Errorf("budget %+v, want £409 a week of which £150 direct payments", b)
		}
		if cld := f.get(t, svc.ID).CLD(); cld.DeliveryMechanism != codelists.DeliveryDirectPayment || cld.UnitCostPence != 15000 || cld.CostFrequency != codelists.CostWeekly {
			t.Errorf("CLD %+v", cld)
		}
		// Its delivery cannot change while the payment runs.
		change := f.get(t, svc.ID).Service
		change.DeliveryMechanism = codelists.DeliveryCommissioned
		if _, err := f.store.Update(worker, change); !slices.Equal(fieldsOf(err), []string{"delivery_mechanism"}) {
			t.Errorf("changing how it is delivered: %v", err)
		}
		// Two people change the agreement: the second, from the old version, is refused and changes nothing.
		first := dp
		first.PersonID, first.EpisodeID, first.ServiceID = f.person.ID, f.episode, svc.ID
		first.ContingencyPence = 80000
		if _, err := payments.Update(worker, first); err != nil {
			t.Fatal(err)
		}
		stale := dp
		stale.PersonID, stale.EpisodeID, stale.ServiceID = f.person.ID, f.episode, svc.ID
		stale.FirstPayment = dbtest.Date("2025-05-01")
		if _, err := payments.Update(worker, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale update: %v, want ErrConflict", err)
		}
		v, err := payments.Get(worker, f.person.ID, f.episode, svc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Payment.ContingencyPence != 80000 || v.Payment.FirstPayment.String() != "2025-04-01" || v.Payment.Version != 2 {
			t.Errorf("after the conflict: %+v", v.Payment)
		}
		// The monitoring review meets the required action and raises the next, 12 months on.
		if err := payments.RecordMonitoring(worker, f.person.ID, f.episode, svc.ID, plans.Monitoring{HeldOn: dbtest.Date("2025-09-20"), Result: plans.ConcernsFound}, 2); !slices.Equal(fieldsOf(err), []string{"findings"}) {
			t.Errorf("concerns without findings: %v", err)
		}
		if err := payments.RecordMonitoring(worker, f.person.ID, f.episode, svc.ID, plans.Monitoring{HeldOn: dbtest.Date("2025-09-20"), Result: plans.UsedAsAgreed}, 2); err != nil {
			t.Fatal(err)
		}
		if got := f.paymentDuties(t, dp.ID); !slices.Equal(got, []string{"2025-10-01 met done", "2026-09-20 open"}) {
			t.Errorf("duties after monitoring: %q", got)
		}
		// Suspending keeps the review due; ending withdraws it and ends the service, so the budget drops.
		if err := payments.ChangeStatus(worker, f.person.ID, f.episode, svc.ID, plans.PaymentSuspended, dbtest.Date("2025-10-01"), "In hospital", 3); err != nil {
			t.Fatal(err)
		}
		if err := payments.ChangeStatus(worker, f.person.ID, f.episode, svc.ID, plans.PaymentEnded, dbtest.Date("2025-11-01"), "", 4); !slices.Equal(fieldsOf(err), []string{"status_reason"}) {
			t.Errorf("ending without a reason: %v", err)
		}
		if err := payments.ChangeStatus(worker, f.person.ID, f.episode, svc.ID, plans.PaymentEnded, dbtest.Date("2025-11-01"), "Moved to a care home", 4); err != nil {
			t.Fatal(err)
		}
		if got := f.paymentDuties(t, dp.ID); !slices.Equal(got, []string{"2025-10-01 met done", "2026-09-20 met withdrawn"}) {
			t.Errorf("duties after ending: %q", got)
		}
		ended := f.get(t, svc.ID)
		if ended.Status != plans.Ended || ended.End.String() != "2025-11-01" || !strings.Contains(ended.EndedReason, "Moved to a care home") {
			t.Errorf("the service after the payment ended: %+v", ended.Service)
		}
		if err := payments.RecordMonitoring(worker, f.person.ID, f.episode, svc.ID, plans.Monitoring{HeldOn: dbtest.Date("2025-11-02"), Result: plans.UsedAsAgreed}, 5); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("monitoring an ended payment: %v", err)
		}
		ep, err = f.store.Episode(worker, f.person.ID, f.episode)
		if err != nil {
			t.Fatal(err)
		}
		if b := ep.Budget(); b.WeeklyPence != 25900 || b.DirectPaymentPence != 0 {
			t.Errorf("budget after the payment ended %+v", b)
		}
		events := f.events(t)
		for _, want := range []string{"Direct payment agreed: Direct payment, £150.00 a week, managed by an authorised person on their behalf; first monitoring review due 1 October 2025",
			"Direct payment monitoring review: Used as agreed and meeting the person’s needs; next due 20 September 2026",
			"Direct payment suspended: Direct payment. In hospital", "Direct payment ended: Direct payment. Moved to a care home"} {
			if !slices.Contains(events, want) {
				t.Errorf("chronology lacks %q: %q", want, events)
			}
		}
	})
}

func fieldsOf(err error) []string {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return nil
	}
	return fields(ps)
}

func TestDirectPaymentAccessAndCouncilWall(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		payments, worker, svc := f.paymentSetup(t)
		before := len(f.logOf(t))
		dp, err := payments.Agree(worker, f.person.ID, f.episode, svc.ID, agreement())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := payments.Get(worker, f.person.ID, f.episode, svc.ID); err != nil {
			t.Fatal(err)
		}
		if err := payments.RecordMonitoring(worker, f.person.ID, f.episode, svc.ID, plans.Monitoring{HeldOn: dbtest.Date("2025-09-20"), Result: plans.UsedAsAgreed}, dp.Version); err != nil {
			t.Fatal(err)
		}
		id := f.a.Staff[councils.Practitioner].ID
		if got := f.logOf(t)[before:]; !slices.Equal(got, []string{id + " create", id + " view", id + " update"}) {
			t.Errorf("access log %q", got)
		}
		// Another council's staff find nothing and change nothing, and nothing is logged about the person.
		logBefore, eventsBefore, dutiesBefore := f.logOf(t), f.events(t), f.paymentDuties(t, dp.ID)
		other := peopletest.As(f.b.Staff[councils.Practitioner])
		if _, err := payments.Get(other, f.person.ID, f.episode, svc.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Get: %v", err)
		}
		if _, err := payments.Agree(other, f.person.ID, f.episode, svc.ID, agreement()); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Agree: %v", err)
		}
		hijack := dp
		hijack.PersonID, hijack.EpisodeID, hijack.ServiceID, hijack.Version = f.person.ID, f.episode, svc.ID, 2
		hijack.ManagedBy = plans.ManagedByPerson
		if _, err := payments.Update(other, hijack); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("Update: %v", err)
		}
		if err := payments.RecordMonitoring(other, f.person.ID, f.episode, svc.ID, plans.Monitoring{HeldOn: dbtest.Date("2025-10-20"), Result: plans.UsedAsAgreed}, 2); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("RecordMonitoring: %v", err)
		}
		if err := payments.ChangeStatus(other, f.person.ID, f.episode, svc.ID, plans.PaymentEnded, dbtest.Date("2025-10-20"), "Because", 2); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("ChangeStatus: %v", err)
		}
		v, err := payments.Get(worker, f.person.ID, f.episode, svc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Payment.Version != 2 || v.Payment.ManagedBy != plans.ManagedByAuthorised || v.Payment.Status != plans.PaymentActive || len(v.Monitoring) != 1 {
			t.Errorf("another council changed the payment: %+v, %d reviews", v.Payment, len(v.Monitoring))
		}
		if got := f.logOf(t); len(got) != len(logBefore)+1 { // the Get just above
			t.Errorf("access log gained %q", got[len(logBefore):])
		}
		if !slices.Equal(f.events(t), eventsBefore) || !slices.Equal(f.paymentDuties(t, dp.ID), dutiesBefore) {
			t.Errorf("another council changed the chronology or the required actions")
		}
	})
}

// Ending the service a direct payment pays ends the payment on the same date and withdraws its monitoring review.
func TestEndingTheServiceEndsItsDirectPayment(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		payments, worker, svc := f.paymentSetup(t)
		dp, err := payments.Agree(worker, f.person.ID, f.episode, svc.ID, agreement())
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.End(worker, f.person.ID, f.episode, svc.ID, dbtest.Date("2025-08-01"), "Goals met", svc.Version); err != nil {
			t.Fatal(err)
		}
		v, err := payments.Get(worker, f.person.ID, f.episode, svc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.Payment.Status != plans.PaymentEnded || v.Payment.StatusOn.String() != "2025-08-01" || v.Payment.StatusReason != "The service ended: Goals met" || !v.Payment.NextMonitoring.IsZero() {
			t.Errorf("the payment after its service ended: %+v", v.Payment)
		}
		if got := f.paymentDuties(t, dp.ID); !slices.Equal(got, []string{"2025-10-01 met withdrawn"}) {
			t.Errorf("duties after the service ended: %q", got)
		}
		if cld := v.CLD(); cld.DeliveryMechanism != codelists.DeliveryDirectPayment || cld.UnitCostPence != 15000 {
			t.Errorf("an ended direct payment's service is still recorded as delivered by direct payment: %+v", cld)
		}
	})
}
