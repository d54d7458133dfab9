package api_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// A service paid as a direct payment carries its agreement and the Client Level Data fields derived from it, and
// a plan carries its personal budget worked out from its services; another council's staff find neither, and only
// the reads that succeed are logged.
func TestDirectPaymentAndBudgetInTheAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := threadFixture(t, db)
		w := seed(f, f.home.North.ID)
		as := peopletest.As(f.staff["practitioner"])
		pa, err := plans.NewServiceStore(db).Add(as, w.person.ID, w.episode.ID, plans.Service{
			ServiceType: "Long term support: Community", Component: "Direct payment", DeliveryMechanism: codelists.DeliveryDirectPayment,
			Start: mustDate("2025-04-01"), NextReview: mustDate("2026-04-01"), LongTerm: true, LongTermReason: "Help every morning",
			UnitCostPence: 1500, Frequency: codelists.CostHourly, Units: 10, OutcomeIDs: []string{w.outcome.ID},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plans.NewDirectPaymentStore(db).Agree(as, w.person.ID, w.episode.ID, pa.ID, plans.DirectPayment{ManagedBy: plans.ManagedAccount,
			AccountProvider: "Exampleton Support Service", FirstPayment: mustDate("2025-04-01"), PaysFor: []plans.Use{plans.UseAgency}}); err != nil {
			t.Fatal(err)
		}
		draft, _, err := plans.NewPlanStore(db).NewDraft(as, w.person.ID, w.episode.ID)
		if err != nil {
			t.Fatal(err)
		}
		servicePath := w.path("/api/v1/people/{id}/episodes/{episode}/services/") + pa.ID
		planPath := w.path("/api/v1/people/{id}/episodes/{episode}/plans/") + draft.ID

		before := len(f.entries(w.person.ID))
		resp := f.do("GET", servicePath, "practitioner", "", nil)
		if resp.Code != http.StatusOK {
			t.Fatalf("GET service: %d %s", resp.Code, resp.Body)
		}
		var svc struct {
			DirectPayment *struct {
				ManagedBy      string   `json:"managed_by"`
				AmountPence    int64    `json:"amount_pence"`
				Frequency      string   `json:"frequency"`
				PaysFor        []string `json:"pays_for"`
				Status         string   `json:"status"`
				NextMonitoring string   `json:"next_monitoring"`
			} `json:"direct_payment"`
			CLD struct {
				DeliveryMechanism string `json:"delivery_mechanism"`
				UnitCostPence     int64  `json:"unit_cost_pence"`
				CostFrequency     string `json:"cost_frequency"`
			} `json:"client_level_data"`
		}
		if err := json.Unmarshal(resp.Body.Bytes(), &svc); err != nil {
			t.Fatal(err)
		}
		if dp := svc.DirectPayment; dp == nil || dp.ManagedBy != "managed_account" || dp.AmountPence != 15000 || dp.Frequency != "weekly" ||
			dp.Status != "active" || dp.NextMonitoring != "2025-10-01" || len(dp.PaysFor) != 1 || dp.PaysFor[0] != "agency" {
			t.Errorf("direct payment %+v", svc.DirectPayment)
		}
		if svc.CLD.DeliveryMechanism != "Direct payment" || svc.CLD.UnitCostPence != 15000 || svc.CLD.CostFrequency != "weekly" {
			t.Errorf("client level data %+v", svc.CLD)
		}

		resp = f.do("GET", planPath, "practitioner", "", nil)
		if resp.Code != http.StatusOK {
			t.Fatalf("GET plan: %d %s", resp.Code, resp.Body)
		}
		var plan struct {
			Budget struct {
				WeeklyPence        int64 `json:"weekly_pence"`
				DirectPaymentPence int64 `json:"direct_payment_pence"`
				WaitingPence       int64 `json:"waiting_pence"`
			} `json:"budget"`
			Snapshot struct {
				WeeklyCostPence int64 `json:"weekly_cost_pence"`
			} `json:"snapshot"`
		}
		if err := json.Unmarshal(resp.Body.Bytes(), &plan); err != nil {
			t.Fatal(err)
		}
		// £100 of home care and £150 of direct payment; £400 and £500 wait for authorisation.
		if plan.Budget.WeeklyPence != 25000 || plan.Budget.DirectPaymentPence != 15000 || plan.Budget.WaitingPence != 90000 || plan.Snapshot.WeeklyCostPence != 25000 {
			t.Errorf("plan budget %+v, snapshot %d", plan.Budget, plan.Snapshot.WeeklyCostPence)
		}
		if got := len(f.entries(w.person.ID)) - before; got != 2 {
			t.Errorf("%d access-log entries for two reads, want 2", got)
		}

		before = len(f.entries(w.person.ID))
		for _, path := range []string{servicePath, planPath} {
			if resp := f.do("GET", path, "other council practitioner", "", nil); resp.Code != http.StatusNotFound {
				t.Errorf("another council GET %s: %d", path, resp.Code)
			}
		}
		if got := len(f.entries(w.person.ID)) - before; got != 0 {
			t.Errorf("another council's reads logged %d entries about the person", got)
		}
	})
}
