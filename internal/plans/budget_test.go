package plans_test

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/plans"
)

func TestBudgetOf(t *testing.T) {
	t.Parallel()
	svc := func(pence int64, status plans.ServiceStatus, mechanism string) plans.SnapshotService {
		return plans.SnapshotService{WeeklyCostPence: pence, Status: status, DeliveryMechanism: mechanism}
	}
	commissioned, dp := codelists.DeliveryCommissioned, codelists.DeliveryDirectPayment
	tests := []struct {
		name     string
		services []plans.SnapshotService
		agreed   int64
		want     plans.Budget
		explain  string
	}{
		{"no services and no figure", nil, 0, plans.Budget{}, ""},
		{"the services are the budget when no figure was agreed",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, commissioned)}, 0,
			plans.Budget{WeeklyPence: 12950, Services: 1}, ""},
		{"ended and declined services are not counted; authorised and requested ones are",
			[]plans.SnapshotService{svc(10000, plans.Ended, commissioned), svc(5000, plans.Declined, commissioned),
				svc(2950, plans.Authorised, commissioned), svc(1000, plans.Requested, commissioned)}, 0,
			plans.Budget{WeeklyPence: 3950, Services: 2}, ""},
		{"a direct payment is counted and shown apart",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, commissioned), svc(13000, plans.ServiceActive, dp)}, 0,
			plans.Budget{WeeklyPence: 25950, DirectPaymentPence: 13000, Services: 2}, ""},
		{"a snapshot from before the delivery mechanism was kept is counted as council-funded",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, "")}, 0, plans.Budget{WeeklyPence: 12950, Services: 1}, ""},
		{"an agreed figure that matches needs no explanation",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, commissioned)}, 12950,
			plans.Budget{WeeklyPence: 12950, AgreedPence: 12950, Services: 1}, ""},
		{"more agreed than committed is explained",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, commissioned)}, 15000,
			plans.Budget{WeeklyPence: 12950, AgreedPence: 15000, Services: 1},
			"The agreed figure of £150.00 a week is £20.50 more than the services cost (£129.50): that much is not yet committed to any service."},
		{"services costing more than agreed are explained",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, commissioned)}, 10000,
			plans.Budget{WeeklyPence: 12950, AgreedPence: 10000, Services: 1},
			"The services cost £29.50 a week more than the agreed figure of £100.00: agree a new figure with the person or change the services."},
		{"a service waiting for authorisation is kept apart and said",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, commissioned), svc(40000, plans.AwaitingAuthorisation, commissioned)}, 0,
			plans.Budget{WeeklyPence: 12950, WaitingPence: 40000, Services: 1},
			"£400.00 a week of services is waiting for a team manager to authorise it and is not counted yet."},
		{"a negative figure is no figure",
			[]plans.SnapshotService{svc(12950, plans.ServiceActive, commissioned)}, -5,
			plans.Budget{WeeklyPence: 12950, Services: 1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plans.BudgetOf(tt.services, tt.agreed)
			if got != tt.want {
				t.Errorf("BudgetOf = %+v, want %+v", got, tt.want)
			}
			if e := got.Explanation(); e != tt.explain {
				t.Errorf("Explanation = %q, want %q", e, tt.explain)
			}
			if got.CommissionedPence()+got.DirectPaymentPence != got.WeeklyPence {
				t.Errorf("commissioned %d and direct payments %d do not add up to %d", got.CommissionedPence(), got.DirectPaymentPence, got.WeeklyPence)
			}
		})
	}
}

func TestBudgetLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		b    plans.Budget
		want []plans.BudgetLine
	}{
		{"nothing yet", plans.Budget{}, []plans.BudgetLine{{Key: "Personal budget", Value: "£0.00 a week, from no council-funded services yet"}}},
		{"one service", plans.Budget{WeeklyPence: 12950, Services: 1}, []plans.BudgetLine{{Key: "Personal budget", Value: "£129.50 a week, from 1 council-funded service"}}},
		{"a direct payment and a difference", plans.Budget{WeeklyPence: 25950, DirectPaymentPence: 13000, AgreedPence: 26000, Services: 2}, []plans.BudgetLine{
			{Key: "Personal budget", Value: "£259.50 a week, of which £130.00 as direct payments, from 2 council-funded services"},
			{Key: "Agreed figure", Value: "£260.00 a week"},
			{Key: "Difference", Value: "The agreed figure of £260.00 a week is £0.50 more than the services cost (£259.50): that much is not yet committed to any service."},
		}},
	}
	for _, tt := range tests {
		got := tt.b.Lines()
		if len(got) != len(tt.want) {
			t.Fatalf("%s: Lines = %q, want %q", tt.name, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: line %d = %q, want %q", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}
