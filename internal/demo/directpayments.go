package demo

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// addDirectPayments records the direct payment agreements of a few running services that the history delivers as
// direct payments, through the plans package's own store: managed by the person, by a daughter or son as authorised
// person, or through a managed account; paying for personal assistants or an agency. Their monitoring reviews are
// brought up to date, except that every third is left with its latest review overdue, so the caseload shows it; one
// payment is suspended while the person is in hospital. Everything is fictional.
func addDirectPayments(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	byID := map[string]councils.Staff{}
	for _, s := range staff {
		byID[s.ID] = s
	}
	type running struct {
		person, episode, service string
		start                    sqldb.Date
		worker                   councils.Staff
	}
	var found []running
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT s.person_id, s.episode_id, s.id, s.start_on, p.worker_id FROM service s
			JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id
			WHERE s.council_id = $1 AND s.delivery_mechanism = $2 AND s.status = $3 AND p.worker_id IS NOT NULL
			ORDER BY s.start_on, s.id LIMIT 8`, tx.Council(), codelists.DeliveryDirectPayment, string(plans.ServiceActive))
		if err != nil {
			return fmt.Errorf("find demo direct payments: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r running
			var worker string
			if err := rows.Scan(&r.person, &r.episode, &r.service, &r.start, &worker); err != nil {
				return err
			}
			if st, ok := byID[worker]; ok {
				r.worker = st
				found = append(found, r)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	store := plans.NewDirectPaymentStore(db)
	today := db.Today()
	for i, r := range found {
		as := accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, r.worker.CouncilID), r.worker), "goldenthread demo")
		d := plans.DirectPayment{FirstPayment: r.start, PaysFor: []plans.Use{plans.UsePersonalAssistant}, ContingencyPence: int64(40000 + 10000*(i%4))}
		switch i % 3 {
		case 0:
			d.ManagedBy = plans.ManagedByPerson
		case 1:
			d.ManagedBy, d.AuthorisedName, d.AuthorisedRelationship = plans.ManagedByAuthorised, []string{"Priya", "Tom", "Grace"}[i%3]+" "+[]string{"Sample", "Example", "Demo"}[i%3], []string{"Daughter", "Son", "Niece"}[i%3]
		case 2:
			d.ManagedBy, d.AccountProvider, d.PaysFor = plans.ManagedAccount, "Exampleton Direct Payments Support Service", []plans.Use{plans.UseAgency}
		}
		dp, err := store.Agree(as, r.person, r.episode, r.service, d)
		if err != nil {
			return fmt.Errorf("demo direct payment: %w", err)
		}
		version, next := dp.Version, dp.NextMonitoring
		for !next.IsZero() && !next.After(today.Time) {
			if i%3 == 0 && !plans.NextMonitoring(dp.Status, dp.FirstPayment, next).Before(today.Time) {
				break // the latest review left overdue
			}
			m := plans.Monitoring{HeldOn: next, Result: plans.UsedAsAgreed}
			if i%4 == 1 && next.Equal(dp.NextMonitoring.Time) {
				m.Result, m.Findings = plans.ConcernsFound, "Timesheets for two months were missing; the personal assistant now sends them each month"
			}
			if err := store.RecordMonitoring(as, r.person, r.episode, r.service, m, version); err != nil {
				return fmt.Errorf("demo monitoring review: %w", err)
			}
			version++
			next = plans.NextMonitoring(dp.Status, dp.FirstPayment, next)
		}
		if i == 4 {
			if err := store.ChangeStatus(as, r.person, r.episode, r.service, plans.PaymentSuspended, sqldb.NewDate(today.AddDate(0, 0, -9)),
				"In hospital after a fall; payments stop while the personal assistant is not working", version); err != nil {
				return fmt.Errorf("demo suspension: %w", err)
			}
		}
	}
	return nil
}
