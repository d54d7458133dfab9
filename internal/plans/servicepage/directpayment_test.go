package servicepage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// paymentWorld is a service world with two services paid as direct payments: one whose agreement is recorded
// (first payment 1 April 2025, so its first monitoring review, due 1 October 2025, is overdue), one without.
type paymentWorld struct {
	serviceWorld
	agreed, fresh plans.ServiceRecord
	payment       plans.DirectPayment
}

func newPaymentWorld(t *testing.T, s *apptest.Site, db *sqldb.DB) paymentWorld {
	t.Helper()
	w := paymentWorld{serviceWorld: newServiceWorld(t, s, db)}
	as := peopletest.As(s.A.Staff[councils.Practitioner])
	add := func() plans.ServiceRecord {
		rec, err := s.App.Services.Add(as, w.person.ID, w.episode, plans.Service{
			ServiceType: "Long term support: Community", Component: "Direct payment", DeliveryMechanism: codelists.DeliveryDirectPayment,
			Start: svcMustDate(t, "2025-04-01"), NextReview: svcMustDate(t, "2026-04-01"), LongTerm: true, LongTermReason: "Help every morning",
			UnitCostPence: 1500, Frequency: codelists.CostHourly, Units: 10, OutcomeIDs: []string{w.outcome},
		})
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	w.agreed, w.fresh = add(), add()
	var err error
	if w.payment, err = s.App.DirectPayments.Agree(as, w.person.ID, w.episode, w.agreed.ID, plans.DirectPayment{ManagedBy: plans.ManagedByPerson,
		FirstPayment: svcMustDate(t, "2025-04-01"), PaysFor: []plans.Use{plans.UsePersonalAssistant}, ContingencyPence: 50000}); err != nil {
		t.Fatal(err)
	}
	return w
}

// paymentsState sums up the world's direct payments and services, to see that nothing changed.
func paymentsState(t *testing.T, s *apptest.Site, w paymentWorld) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(servicesState(t, s, w.serviceWorld))
	for _, id := range []string{w.agreed.ID, w.fresh.ID} {
		v, err := s.App.DirectPayments.Get(svcStoreCtx(s), w.person.ID, w.episode, id)
		if err != nil {
			t.Fatal(err)
		}
		if dp := v.Payment; dp != nil {
			b.WriteString(dp.ID + ":" + string(dp.Status) + ":" + strconv.Itoa(dp.Version) + ":" + strconv.Itoa(len(v.Monitoring)) + " ")
		}
	}
	return b.String()
}

func agreementForm(change func(url.Values)) func(paymentWorld) url.Values {
	return func(w paymentWorld) url.Values {
		v := url.Values{"managed_by": {"authorised_person"}, "authorised_name": {"Cara Example"}, "authorised_relationship": {"Daughter"},
			"first_payment-day": {"1"}, "first_payment-month": {"5"}, "first_payment-year": {"2025"}, "pays_for": {"personal_assistant"},
			"contingency": {"400"}, "version": {"0"}}
		if change != nil {
			change(v)
		}
		return v
	}
}

func paymentVersion(w paymentWorld) string { return strconv.Itoa(w.payment.Version) }

func TestDirectPaymentPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	view, create, update := accesslog.View, accesslog.Create, accesslog.Update
	const agreed, fresh = "/people/{id}/episodes/{episode}/services/{agreed}/direct-payment", "/people/{id}/episodes/{episode}/services/{fresh}/direct-payment"
	monitoring := func(result, findings string) func(paymentWorld) url.Values {
		return func(w paymentWorld) url.Values {
			return url.Values{"held_on-day": {"28"}, "held_on-month": {"9"}, "held_on-year": {"2025"}, "result": {result}, "findings": {findings}, "version": {paymentVersion(w)}}
		}
	}
	status := func(to, reason string) func(paymentWorld) url.Values {
		return func(w paymentWorld) url.Values {
			return url.Values{"status": {to}, "status_on-day": {"1"}, "status_on-month": {"11"}, "status_on-year": {"2025"}, "status_reason": {reason}, "version": {paymentVersion(w)}}
		}
	}
	scenarios := []struct {
		name       string
		method     string
		path       string
		form       func(w paymentWorld) url.Values
		as         func(s *apptest.Site) councils.Staff
		wantStatus int
		wantBody   []string
		wantLog    []accesslog.Action
		unchanged  bool
		check      func(t *testing.T, s *apptest.Site, w paymentWorld)
		// again, after a 409, posts the form once more with the version the refused page carries: it must save, as
		// a change.
		again bool
	}{
		{name: "the agreement", method: "GET", path: agreed, as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Direct payment", "£150.00 a week", "Overdue", "It was due on 1 October 2025", "Record a monitoring review", "Client Level Data"}, wantLog: []accesslog.Action{view}},
		{name: "the service it pays", method: "GET", path: "/people/{id}/episodes/{episode}/services/{agreed}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"View the direct payment and its monitoring", "Direct payment: being paid, monitoring review overdue since 1 October 2025", "A direct payment that pays it ends with it."}, wantLog: []accesslog.Action{view}},
		{name: "a service with no agreement says so", method: "GET", path: "/people/{id}/episodes/{episode}/services/{fresh}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Record the direct payment agreement", "Agreement not recorded yet"}, wantLog: []accesslog.Action{view}},
		{name: "the agreement from another council", method: "GET", path: agreed, as: apptest.BWorker, wantStatus: 404},
		{name: "the agreement by finance", method: "GET", path: agreed, as: apptest.AFinance, wantStatus: 404},
		{name: "a service with no agreement yet", method: "GET", path: fresh, as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Direct payment agreement", "Record the agreement", "Who manages the direct payment?"}, wantLog: []accesslog.Action{view}},
		{name: "record an agreement", method: "POST", path: fresh, as: apptest.AWorker, form: agreementForm(nil), wantStatus: 303, wantLog: []accesslog.Action{create},
			check: func(t *testing.T, s *apptest.Site, w paymentWorld) {
				v, err := s.App.DirectPayments.Get(svcStoreCtx(s), w.person.ID, w.episode, w.fresh.ID)
				if err != nil || v.Payment == nil || v.Payment.AuthorisedName != "Cara Example" || v.Payment.NextMonitoring.String() != "2025-11-01" {
					t.Errorf("after recording: %+v, %v", v.Payment, err)
				}
			}},
		{name: "an agreement with mistakes", method: "POST", path: fresh, as: apptest.AWorker,
			form: agreementForm(func(v url.Values) { v.Del("authorised_name"); v.Del("pays_for"); v.Set("contingency", "lots") }), wantStatus: 422,
			wantBody: []string{"There is a problem", "Enter the name of the authorised person", "Select what the direct payment pays for", "Enter the contingency as an amount in pounds", `value="lots"`},
			wantLog:  []accesslog.Action{view}, unchanged: true},
		{name: "an agreement from another council", method: "POST", path: fresh, as: apptest.BWorker, form: agreementForm(nil), wantStatus: 404, unchanged: true},
		{name: "an agreement by finance", method: "POST", path: fresh, as: apptest.AFinance, form: agreementForm(nil), wantStatus: 403, unchanged: true},
		{name: "change the agreement", method: "POST", path: agreed, as: apptest.AWorker,
			form: func(w paymentWorld) url.Values {
				return agreementForm(func(v url.Values) { v.Set("id", w.payment.ID); v.Set("version", paymentVersion(w)) })(w)
			}, wantStatus: 303, wantLog: []accesslog.Action{update}},
		{name: "a stale change keeps what was typed", method: "POST", path: agreed, as: apptest.AWorker,
			form: func(w paymentWorld) url.Values {
				return agreementForm(func(v url.Values) { v.Set("id", w.payment.ID); v.Set("authorised_name", "Typed Name") })(w)
			}, wantStatus: 409, wantBody: []string{"Someone else changed this direct payment", "What it says now", `value="Typed Name"`},
			wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "record a monitoring review", method: "POST", path: agreed + "/monitoring", as: apptest.AWorker, form: monitoring("as_agreed", ""), wantStatus: 303,
			wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w paymentWorld) {
				v, err := s.App.DirectPayments.Get(svcStoreCtx(s), w.person.ID, w.episode, w.agreed.ID)
				if err != nil || len(v.Monitoring) != 1 || v.Payment.NextMonitoring.String() != "2026-09-28" {
					t.Errorf("after monitoring: %+v, %v", v.Payment, err)
				}
			}},
		{name: "concerns without findings", method: "POST", path: agreed + "/monitoring", as: apptest.AWorker, form: monitoring("concerns", ""), wantStatus: 422,
			wantBody: []string{"Say what the concerns are and what will happen next"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "a stale monitoring review keeps what was typed", method: "POST", path: agreed + "/monitoring", as: apptest.AWorker,
			form: staleOf(monitoring("concerns", "Typed while they saved")), wantStatus: 409, wantBody: []string{"Someone else changed this direct payment while you were working on it", "What it says now", "Typed while they saved</textarea>"},
			wantLog: []accesslog.Action{view}, unchanged: true, again: true},
		{name: "monitoring from another council", method: "POST", path: agreed + "/monitoring", as: apptest.BWorker, form: monitoring("as_agreed", ""), wantStatus: 404, unchanged: true},
		{name: "end without a reason", method: "POST", path: agreed + "/status", as: apptest.AWorker, form: status("ended", ""), wantStatus: 422,
			wantBody: []string{"Enter why the direct payment is ending"}, wantLog: []accesslog.Action{view}, unchanged: true},
		{name: "end the direct payment", method: "POST", path: agreed + "/status", as: apptest.AWorker, form: status("ended", "Moved to a care home"), wantStatus: 303,
			wantLog: []accesslog.Action{update},
			check: func(t *testing.T, s *apptest.Site, w paymentWorld) {
				if got := serviceNow(t, s, w.serviceWorld, w.agreed.ID); got.Status != plans.Ended || got.Payment == nil || got.Payment.Status != plans.PaymentEnded {
					t.Errorf("after ending: %s %+v", got.Status, got.Payment)
				}
			}},
		{name: "a stale change of status keeps what was typed", method: "POST", path: agreed + "/status", as: apptest.AWorker,
			form: staleOf(status("suspended", "Typed while they saved")), wantStatus: 409, wantBody: []string{"Someone else changed this direct payment while you were working on it", "What it says now", "Typed while they saved</textarea>"},
			wantLog: []accesslog.Action{view}, unchanged: true, again: true},
		{name: "suspend from another council", method: "POST", path: agreed + "/status", as: apptest.BWorker, form: status("suspended", "Because"), wantStatus: 404, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		setServiceThreshold(t, site, site.A)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				w := newPaymentWorld(t, site, db)
				before := paymentsState(t, site, w)
				path := strings.NewReplacer("{id}", w.person.ID, "{episode}", w.episode, "{agreed}", w.agreed.ID, "{fresh}", w.fresh.ID).Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(w)
				}
				body := apptest.Ask(t, site, client(staff), staff, sc.method, path, form, w.person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, Log: sc.wantLog})
				if sc.unchanged {
					if after := paymentsState(t, site, w); after != before {
						t.Errorf("direct payments changed:\nbefore %s\nafter  %s", before, after)
					}
				}
				if sc.again {
					apptest.Ask(t, site, client(staff), staff, "POST", path, apptest.Again(t, form, body, "version"), w.person.ID,
						apptest.Answer{Status: 303, Log: []accesslog.Action{update}})
					if after := paymentsState(t, site, w); after == before {
						t.Errorf("saving again changed nothing: %s", after)
					}
				}
				if sc.check != nil {
					sc.check(t, site, w)
				}
				apptest.Retire(t, site, w.person)
			})
		}
	})
}
