package plans_test

import (
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func fields(ps validation.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func TestDirectPaymentValidate(t *testing.T) {
	t.Parallel()
	ok := plans.DirectPayment{ManagedBy: plans.ManagedByPerson, FirstPayment: dbtest.Date("2025-04-01"), PaysFor: []plans.Use{plans.UsePersonalAssistant}}
	with := func(change func(*plans.DirectPayment)) plans.DirectPayment {
		d := ok
		d.PaysFor = slices.Clone(ok.PaysFor)
		change(&d)
		return d
	}
	tests := []struct {
		name string
		d    plans.DirectPayment
		want []string
	}{
		{"managed by the person", ok, nil},
		{"nothing filled in", plans.DirectPayment{}, []string{"managed_by", "first_payment", "pays_for"}},
		{"an authorised person needs a name and relationship", with(func(d *plans.DirectPayment) { d.ManagedBy = plans.ManagedByAuthorised }),
			[]string{"authorised_name", "authorised_relationship"}},
		{"an authorised person named", with(func(d *plans.DirectPayment) {
			d.ManagedBy, d.AuthorisedName, d.AuthorisedRelationship = plans.ManagedByAuthorised, "Cara Example", "Daughter"
		}), nil},
		{"a managed account needs its holder", with(func(d *plans.DirectPayment) { d.ManagedBy = plans.ManagedAccount }), []string{"account_provider"}},
		{"a manager not in the list", with(func(d *plans.DirectPayment) { d.ManagedBy = "cousin" }), []string{"managed_by"}},
		{"something else needs saying what", with(func(d *plans.DirectPayment) { d.PaysFor = append(d.PaysFor, plans.UseOther) }), []string{"pays_for_other"}},
		{"a use not in the list", with(func(d *plans.DirectPayment) { d.PaysFor = []plans.Use{"holiday"} }), []string{"pays_for"}},
		{"a negative contingency", with(func(d *plans.DirectPayment) { d.ContingencyPence = -1 }), []string{"contingency"}},
	}
	for _, tt := range tests {
		if got := fields(tt.d.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems with %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCheckService(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		svc  plans.Service
		want []string
	}{
		{"a direct payment in the community", plans.Service{DeliveryMechanism: codelists.DeliveryDirectPayment, ServiceType: "Long term support: Community", Status: plans.ServiceActive}, nil},
		{"commissioned support", plans.Service{DeliveryMechanism: codelists.DeliveryCommissioned, ServiceType: "Long term support: Community", Status: plans.Authorised}, []string{"service"}},
		{"never in a prison setting", plans.Service{DeliveryMechanism: codelists.DeliveryDirectPayment, ServiceType: "Long term support: Prison", Status: plans.Authorised}, []string{"service"}},
		{"an ended service", plans.Service{DeliveryMechanism: codelists.DeliveryDirectPayment, ServiceType: "Long term support: Community", Status: plans.Ended}, []string{"service"}},
	}
	for _, tt := range tests {
		if got := fields(plans.CheckService(tt.svc)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems with %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNextMonitoring(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      plans.PaymentStatus
		first, last string
		want        string
	}{
		{"six months after the first payment", plans.PaymentActive, "2025-04-01", "", "2025-10-01"},
		{"the end of a shorter month", plans.PaymentActive, "2025-08-31", "", "2026-02-28"},
		{"twelve months after the last review", plans.PaymentActive, "2025-04-01", "2025-09-15", "2026-09-15"},
		{"a suspended payment is still monitored", plans.PaymentSuspended, "2025-04-01", "", "2025-10-01"},
		{"an ended payment has none", plans.PaymentEnded, "2025-04-01", "2025-09-15", ""},
		{"no first payment, none", plans.PaymentActive, "", "", ""},
	}
	for _, tt := range tests {
		var first, last sqldb.Date
		if tt.first != "" {
			first = dbtest.Date(tt.first)
		}
		if tt.last != "" {
			last = dbtest.Date(tt.last)
		}
		if got := plans.NextMonitoring(tt.status, first, last).String(); got != tt.want {
			t.Errorf("%s: NextMonitoring = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCheckStatusChange(t *testing.T) {
	t.Parallel()
	first, today := dbtest.Date("2025-04-01"), dbtest.Date("2025-06-01")
	tests := []struct {
		name        string
		from, to    plans.PaymentStatus
		on          string
		reason      string
		wantProblem []string
	}{
		{"suspend with a reason", plans.PaymentActive, plans.PaymentSuspended, "2025-05-01", "In hospital", nil},
		{"suspend without a reason", plans.PaymentActive, plans.PaymentSuspended, "2025-05-01", " ", []string{"status_reason"}},
		{"resume needs no reason", plans.PaymentSuspended, plans.PaymentActive, "2025-05-20", "", nil},
		{"end with a reason", plans.PaymentSuspended, plans.PaymentEnded, "2025-06-01", "Moved to a care home", nil},
		{"end without a reason", plans.PaymentActive, plans.PaymentEnded, "2025-06-01", "", []string{"status_reason"}},
		{"an ended payment stays ended", plans.PaymentEnded, plans.PaymentActive, "2025-06-01", "", []string{"status"}},
		{"suspend what is suspended", plans.PaymentSuspended, plans.PaymentSuspended, "2025-05-01", "Again", []string{"status"}},
		{"a status not in the list", plans.PaymentActive, "paused", "2025-05-01", "x", []string{"status"}},
		{"in the future", plans.PaymentActive, plans.PaymentSuspended, "2025-06-02", "Away", []string{"status_on"}},
		{"before the first payment", plans.PaymentActive, plans.PaymentSuspended, "2025-03-31", "Away", []string{"status_on"}},
		{"no date", plans.PaymentActive, plans.PaymentSuspended, "", "Away", []string{"status_on"}},
	}
	for _, tt := range tests {
		var on sqldb.Date
		if tt.on != "" {
			on = dbtest.Date(tt.on)
		}
		if got := fields(plans.CheckStatusChange(tt.from, tt.to, on, tt.reason, first, today)); !slices.Equal(got, tt.wantProblem) {
			t.Errorf("%s: problems with %v, want %v", tt.name, got, tt.wantProblem)
		}
	}
}

func TestMonitoringValidate(t *testing.T) {
	t.Parallel()
	first, today := dbtest.Date("2025-04-01"), dbtest.Date("2025-10-01")
	tests := []struct {
		name string
		m    plans.Monitoring
		want []string
	}{
		{"used as agreed", plans.Monitoring{HeldOn: dbtest.Date("2025-09-30"), Result: plans.UsedAsAgreed}, nil},
		{"concerns need findings", plans.Monitoring{HeldOn: dbtest.Date("2025-09-30"), Result: plans.ConcernsFound}, []string{"findings"}},
		{"concerns with findings", plans.Monitoring{HeldOn: dbtest.Date("2025-09-30"), Result: plans.ConcernsFound, Findings: "Receipts missing for July"}, nil},
		{"nothing", plans.Monitoring{}, []string{"held_on", "result"}},
		{"in the future", plans.Monitoring{HeldOn: dbtest.Date("2025-10-02"), Result: plans.UsedAsAgreed}, []string{"held_on"}},
		{"before the first payment", plans.Monitoring{HeldOn: dbtest.Date("2025-03-31"), Result: plans.UsedAsAgreed}, []string{"held_on"}},
	}
	for _, tt := range tests {
		if got := fields(tt.m.Validate(first, today)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems with %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestClientLevelData(t *testing.T) {
	t.Parallel()
	pa := plans.Service{DeliveryMechanism: codelists.DeliveryDirectPayment, UnitCostPence: 1500, Frequency: codelists.CostHourly, Units: 10}
	monthly := plans.Service{DeliveryMechanism: codelists.DeliveryDirectPayment, UnitCostPence: 52000, Frequency: codelists.CostFourWeekly, Units: 1}
	homecare := plans.Service{DeliveryMechanism: codelists.DeliveryCommissioned, UnitCostPence: 2590, Frequency: codelists.CostHourly, Units: 5}
	active := &plans.DirectPayment{Status: plans.PaymentActive}
	suspended := &plans.DirectPayment{Status: plans.PaymentSuspended}
	ended := &plans.DirectPayment{Status: plans.PaymentEnded}
	tests := []struct {
		name string
		svc  plans.Service
		dp   *plans.DirectPayment
		want plans.CLDService
	}{
		{"an hourly direct payment is paid weekly", pa, active, plans.CLDService{DeliveryMechanism: "Direct payment", UnitCostPence: 15000, CostFrequency: "weekly", PlannedUnitsPerWeek: 1}},
		{"a 4-weekly direct payment", monthly, active, plans.CLDService{DeliveryMechanism: "Direct payment", UnitCostPence: 52000, CostFrequency: "4-weekly", PlannedUnitsPerWeek: 0.25}},
		{"a suspended payment is still a direct payment", monthly, suspended, plans.CLDService{DeliveryMechanism: "Direct payment", UnitCostPence: 52000, CostFrequency: "4-weekly", PlannedUnitsPerWeek: 0.25}},
		{"a service line whose payment ended was still delivered by it", pa, ended, plans.CLDService{DeliveryMechanism: "Direct payment", UnitCostPence: 15000, CostFrequency: "weekly", PlannedUnitsPerWeek: 1}},
		{"commissioned support as recorded", homecare, nil, plans.CLDService{DeliveryMechanism: "CASSR commissioned support", UnitCostPence: 2590, CostFrequency: "hourly", PlannedUnitsPerWeek: 5}},
	}
	for _, tt := range tests {
		if got := plans.ClientLevelData(tt.svc, tt.dp); got != tt.want {
			t.Errorf("%s: ClientLevelData = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if got := plans.PaymentEvery(monthly); got != "£520.00 every 4 weeks" {
		t.Errorf("PaymentEvery = %q", got)
	}
}
