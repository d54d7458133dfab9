package plans

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestWeeklyCostPence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		unitCost  int64
		frequency string
		units     float64
		want      int64
	}{
		{"10 hours a week at £22.50", 2250, codelists.CostHourly, 10, 22500},
		{"half hours", 2000, codelists.CostHourly, 7.5, 15000},
		{"2 sessions a week", 4500, codelists.CostPerSession, 2, 9000},
		{"daily rate", 1000, codelists.CostDaily, 1, 7000},
		{"two visits a day", 1500, codelists.CostDaily, 2, 21000},
		{"weekly", 85000, codelists.CostWeekly, 1, 85000},
		{"fortnightly", 5000, codelists.CostFortnightly, 1, 2500},
		{"4-weekly", 40000, codelists.CostFourWeekly, 1, 10000},
		{"monthly", 52000, codelists.CostMonthly, 1, 12000},
		{"monthly rounds to the penny", 10000, codelists.CostMonthly, 1, 2308}, // 10000 × 12 / 52 = 2307.69
		{"quarterly", 13000, codelists.CostQuarterly, 1, 1000},
		{"annually", 52000, codelists.CostAnnually, 1, 1000},
		{"one-off", 30000, codelists.CostOneOff, 1, 0},
		{"no charge", 0, codelists.CostNoCharge, 3, 0},
		{"unknown frequency", 1000, "per fortnight", 1, 0},
		{"no units", 2000, codelists.CostHourly, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Service{UnitCostPence: tt.unitCost, Frequency: tt.frequency, Units: tt.units}
			if got := s.WeeklyCostPence(); got != tt.want {
				t.Errorf("WeeklyCostPence() = %d, want %d", got, tt.want)
			}
		})
	}
	// Every frequency in the list has a conversion decided for it.
	for _, f := range codelists.CostFrequency.Values() {
		s := Service{UnitCostPence: 5200, Frequency: f, Units: 1}
		if got := s.WeeklyCostPence(); got == 0 && f != codelists.CostOneOff && f != codelists.CostNoCharge {
			t.Errorf("frequency %q has no weekly conversion", f)
		}
	}
}

func validService(t *testing.T) Service {
	return Service{
		ServiceType:       "Short term support: ST-Max",
		Component:         "Reablement",
		DeliveryMechanism: "CASSR commissioned support",
		Provider:          "Northside Reablement",
		Start:             dbtest.Date("2026-03-02"),
		End:               dbtest.Date("2026-04-13"),
		UnitCostPence:     2250,
		Frequency:         codelists.CostHourly,
		Units:             7,
		OutcomeIDs:        []string{"o1"},
		Status:            Requested,
	}
}

func TestServiceValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Service)
		want   []string
	}{
		{"short term", func(*Service) {}, nil},
		{"long term, ending on the day it starts", func(s *Service) {
			s.ServiceType = "Long term support: Community"
			s.LongTerm, s.LongTermReason = true, "Needs will not change"
			s.End = s.Start
		}, nil},
		{"long term, no end, with review", func(s *Service) {
			s.LongTerm, s.LongTermReason = true, "Needs will not change"
			s.End = sqldb.Date{}
			s.NextReview = dbtest.Date("2026-05-01")
		}, nil},
		{"long term, no end, no review", func(s *Service) {
			s.LongTerm, s.LongTermReason = true, "Needs will not change"
			s.End = sqldb.Date{}
		}, []string{"next_review"}},
		{"long term with no reason", func(s *Service) { s.LongTerm = true }, []string{"long_term_reason"}},
		{"short term with no end", func(s *Service) { s.End = sqldb.Date{}; s.NextReview = dbtest.Date("2026-05-01") }, []string{"end"}},
		{"end before start", func(s *Service) { s.End = dbtest.Date("2026-03-01") }, []string{"end"}},
		{"review before start", func(s *Service) { s.NextReview = dbtest.Date("2026-03-01") }, []string{"next_review"}},
		{"no start", func(s *Service) { s.Start = sqldb.Date{} }, []string{"start"}},
		{"R1 service type", func(s *Service) { s.ServiceType = "Short Term Support: ST-Max" }, []string{"service_type"}},
		{"no component", func(s *Service) { s.Component = "" }, []string{"component"}},
		{"R1 delivery mechanism", func(s *Service) { s.DeliveryMechanism = "Direct Payment" }, []string{"delivery_mechanism"}},
		{"negative cost", func(s *Service) { s.UnitCostPence = -1 }, []string{"unit_cost"}},
		{"free", func(s *Service) { s.UnitCostPence = 0; s.Frequency = codelists.CostNoCharge }, nil},
		{"no frequency", func(s *Service) { s.Frequency = "" }, []string{"frequency"}},
		{"unknown frequency", func(s *Service) { s.Frequency = "per fortnight" }, []string{"frequency"}},
		{"negative units", func(s *Service) { s.Units = -1 }, []string{"units"}},
		{"no outcome", func(s *Service) { s.OutcomeIDs = nil }, []string{"outcome_ids"}},
		{"unknown status", func(s *Service) { s.Status = "paused" }, []string{"status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validService(t)
			tt.change(&s)
			if diff := cmp.Diff(tt.want, fields(s.Validate())); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNeedsAuthorisation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		weekly, threshold int64
		want              bool
	}{
		{50000, 50000, false},
		{50001, 50000, true},
		{0, 0, false},
		{1, 0, true},
		{49999, 50000, false},
	}
	for _, tt := range tests {
		if got := NeedsAuthorisation(tt.weekly, tt.threshold); got != tt.want {
			t.Errorf("NeedsAuthorisation(%d, %d) = %v", tt.weekly, tt.threshold, got)
		}
	}
}

func TestCanDecide(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                 string
		requestedBy, decider string
		manager              bool
		want                 error
	}{
		{"another team manager", "worker-1", "manager-1", true, nil},
		{"own request", "manager-1", "manager-1", true, ErrOwnRequest},
		{"not a team manager", "worker-1", "worker-2", false, ErrNotTeamManager},
		{"own request, not a manager", "worker-1", "worker-1", false, ErrOwnRequest},
		{"no decider", "worker-1", "", true, ErrNoDecider},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CanDecide(tt.requestedBy, tt.decider, tt.manager)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("CanDecide = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestValidateDecision(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		current, decided ServiceStatus
		reason           string
		want             []string
	}{
		{"authorise", AwaitingAuthorisation, Authorised, "", nil},
		{"decline with reason", AwaitingAuthorisation, Declined, "A community group can meet this", nil},
		{"decline without reason", AwaitingAuthorisation, Declined, " ", []string{"reason"}},
		{"not a decision", AwaitingAuthorisation, ServiceActive, "", []string{"decision"}},
		{"not awaiting", Authorised, Declined, "Changed my mind", []string{"decision"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fields(ValidateDecision(tt.current, tt.decided, tt.reason))); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCanStart(t *testing.T) {
	t.Parallel()
	for _, s := range ServiceStatuses() {
		err := CanStart(s)
		if (s == Authorised) != (err == nil) {
			t.Errorf("CanStart(%s) = %v", s, err)
		}
		if err != nil && !errors.Is(err, ErrNotAuthorised) {
			t.Errorf("CanStart(%s) = %v, want ErrNotAuthorised", s, err)
		}
	}
}

func TestServiceStatuses(t *testing.T) {
	t.Parallel()
	for _, s := range ServiceStatuses() {
		if got, err := ParseServiceStatus(string(s)); err != nil || got != s || s.Label() == string(s) {
			t.Errorf("status %q: %q, %v, label %q", s, got, err, s.Label())
		}
	}
	if _, err := ParseServiceStatus("paused"); err == nil {
		t.Error("ParseServiceStatus(paused) did not fail")
	}
}
