package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/plans"
)

// Service is council-funded support in an episode, with the Client Level Data service fields. Its weekly cost is
// worked out from the unit cost, the units and the frequency; above the council's threshold it waits for a team
// manager's authorisation.
type Service struct {
	ID                string         `json:"id"`         // read-only
	EpisodeID         string         `json:"episode_id"` // read-only
	SolutionID        string         `json:"solution_id"`
	ServiceType       string         `json:"service_type"`
	Component         string         `json:"component"`
	DeliveryMechanism string         `json:"delivery_mechanism"`
	Provider          string         `json:"provider"`
	Start             *string        `json:"start"`
	End               *string        `json:"end"`
	NextReview        *string        `json:"next_review"`
	LongTerm          bool           `json:"long_term"`
	LongTermReason    string         `json:"long_term_reason"`
	UnitCostPence     int64          `json:"unit_cost_pence"`
	Frequency         string         `json:"frequency"`
	Units             float64        `json:"units"`
	OutcomeIDs        []string       `json:"outcome_ids"`
	WeeklyCostPence   int64          `json:"weekly_cost_pence"` // read-only
	Status            string         `json:"status"`            // read-only
	EndedReason       string         `json:"ended_reason"`      // read-only
	RequestedBy       string         `json:"requested_by"`      // read-only
	Authorisation     *Authorisation `json:"authorisation"`     // read-only: the latest request, or null
	DirectPayment     *DirectPayment `json:"direct_payment"`    // read-only: the agreement that pays it, or null
	ClientLevelData   CLDService     `json:"client_level_data"` // read-only: as the CLD return has it
	CreatedAt         *time.Time     `json:"created_at"`        // read-only
	UpdatedAt         *time.Time     `json:"updated_at"`        // read-only
	Version           int            `json:"version"`           // read-only: send it back in If-Match
}

func serviceOf(s plans.ServiceRecord) Service {
	out := Service{
		ID: s.ID, EpisodeID: s.EpisodeID, SolutionID: s.SolutionID, ServiceType: s.ServiceType, Component: s.Component,
		DeliveryMechanism: s.DeliveryMechanism, Provider: s.Provider, Start: dateOrNull(s.Start), End: dateOrNull(s.End),
		NextReview: dateOrNull(s.NextReview), LongTerm: s.LongTerm, LongTermReason: s.LongTermReason,
		UnitCostPence: s.UnitCostPence, Frequency: s.Frequency, Units: s.Units, OutcomeIDs: nonNil(s.OutcomeIDs),
		WeeklyCostPence: s.WeeklyCost, Status: string(s.Status), EndedReason: s.EndedReason, RequestedBy: s.RequestedBy,
		CreatedAt: timeOrNull(s.CreatedAt), UpdatedAt: timeOrNull(s.UpdatedAt), Version: s.Version,
	}
	if s.Authorisation != nil {
		a := authorisationOf(*s.Authorisation)
		out.Authorisation = &a
	}
	if dp := s.Payment; dp != nil {
		pence, freq := s.PaymentAmount()
		uses := make([]string, len(dp.PaysFor))
		for i, u := range dp.PaysFor {
			uses[i] = string(u)
		}
		out.DirectPayment = &DirectPayment{ID: dp.ID, ManagedBy: string(dp.ManagedBy), AuthorisedName: dp.AuthorisedName,
			AuthorisedRelationship: dp.AuthorisedRelationship, AccountProvider: dp.AccountProvider, FirstPayment: dateOrNull(dp.FirstPayment),
			AmountPence: pence, Frequency: freq, PaysFor: uses, PaysForOther: dp.PaysForOther, ContingencyPence: dp.ContingencyPence,
			Status: string(dp.Status), StatusOn: dateOrNull(dp.StatusOn), StatusReason: dp.StatusReason,
			NextMonitoring: dateOrNull(dp.NextMonitoring), Version: dp.Version}
	}
	cld := s.CLD()
	out.ClientLevelData = CLDService{DeliveryMechanism: cld.DeliveryMechanism, UnitCostPence: cld.UnitCostPence,
		CostFrequency: cld.CostFrequency, PlannedUnitsPerWeek: cld.PlannedUnitsPerWeek}
	return out
}

// DirectPayment is the direct payment agreement that pays a service (Care Act ss31–33). The amount and how often it
// is paid are the service's own cost; the next monitoring review falls due 6 months after the first payment, then
// 12 months after the last one.
type DirectPayment struct {
	ID                     string   `json:"id"`
	ManagedBy              string   `json:"managed_by"` // person, authorised_person or managed_account
	AuthorisedName         string   `json:"authorised_name"`
	AuthorisedRelationship string   `json:"authorised_relationship"`
	AccountProvider        string   `json:"account_provider"`
	FirstPayment           *string  `json:"first_payment"`
	AmountPence            int64    `json:"amount_pence"`
	Frequency              string   `json:"frequency"`
	PaysFor                []string `json:"pays_for"` // personal_assistant, agency, equipment, other
	PaysForOther           string   `json:"pays_for_other"`
	ContingencyPence       int64    `json:"contingency_pence"`
	Status                 string   `json:"status"` // active, suspended or ended
	StatusOn               *string  `json:"status_on"`
	StatusReason           string   `json:"status_reason"`
	NextMonitoring         *string  `json:"next_monitoring"`
	Version                int      `json:"version"`
}

// CLDService is a service's Client Level Data delivery and cost fields, derived from how it is paid.
type CLDService struct {
	DeliveryMechanism   string  `json:"delivery_mechanism"`
	UnitCostPence       int64   `json:"unit_cost_pence"`
	CostFrequency       string  `json:"cost_frequency"`
	PlannedUnitsPerWeek float64 `json:"planned_units_per_week"`
}

func (in Service) record(f *fields, personID, episodeID string) plans.Service {
	return plans.Service{
		PersonID: personID, EpisodeID: episodeID, SolutionID: strings.TrimSpace(in.SolutionID),
		ServiceType: in.ServiceType, Component: in.Component, DeliveryMechanism: in.DeliveryMechanism, Provider: in.Provider,
		Start: f.date("start", "Start date", in.Start), End: f.date("end", "End date", in.End),
		NextReview: f.date("next_review", "Next review date", in.NextReview), LongTerm: in.LongTerm,
		LongTermReason: in.LongTermReason, UnitCostPence: in.UnitCostPence, Frequency: in.Frequency, Units: in.Units,
		OutcomeIDs: in.OutcomeIDs,
	}
}

// serviceField names the store's fields as the JSON does.
func serviceField(field string) string {
	if field == "unit_cost" {
		return "unit_cost_pence"
	}
	return field
}

// serviceProblem says what to do about the refusals particular to services.
func serviceProblem(err error) error {
	if errors.Is(err, plans.ErrServiceEnded) {
		return &Problem{Status: http.StatusConflict, Detail: "This service has ended, so it cannot be changed. Add a new service instead."}
	}
	return renamed(err, serviceField)
}

// listServices is GET .../episodes/{episode}/services: the episode's services, by start date.
func (a *API) listServices(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	es, err := a.thread.Services.Episode(r.Context(), id.person, id.episode)
	if err != nil {
		return err
	}
	sendList(w, listOf(es.Services, serviceOf))
	return nil
}

func (a *API) readService(r *http.Request, serviceID string) (int, any, error) {
	id := idsOf(r)
	_, s, err := a.thread.Services.Get(r.Context(), id.person, id.episode, serviceID)
	if err != nil {
		return 0, nil, err
	}
	return s.Version, serviceOf(s), nil
}

// getService is GET .../episodes/{episode}/services/{service}.
func (a *API) getService(w http.ResponseWriter, r *http.Request) error {
	return sendRead(w, func() (int, any, error) { return a.readService(r, r.PathValue("service")) })
}

// addService is POST .../episodes/{episode}/services: authorised at once, or waiting for authorisation when its
// weekly cost is above the council's threshold.
func (a *API) addService(w http.ResponseWriter, r *http.Request) error {
	id := idsOf(r)
	return create(w, r, func(in Service) (string, int, any, error) {
		var f fields
		s := in.record(&f, id.person, id.episode)
		if err := f.check(s.Validate()); err != nil {
			return "", 0, nil, serviceProblem(err)
		}
		added, err := a.thread.Services.Add(r.Context(), id.person, id.episode, s)
		if err != nil {
			return "", 0, nil, serviceProblem(err)
		}
		return EpisodePath(id.person, id.episode) + "/services/" + added.ID, added.Version, serviceOf(added), nil
	})
}

// updateService is PUT .../episodes/{episode}/services/{service}. A change that raises the weekly cost above what
// was authorised waits for authorisation again.
func (a *API) updateService(w http.ResponseWriter, r *http.Request) error {
	id, serviceID := idsOf(r), r.PathValue("service")
	return change(w, r, "the service",
		func(in Service, version int) error {
			var f fields
			s := in.record(&f, id.person, id.episode)
			s.ID, s.Version = serviceID, version
			if err := f.check(s.Validate()); err != nil {
				return serviceProblem(err)
			}
			_, err := a.thread.Services.Update(r.Context(), s)
			return serviceProblem(err)
		},
		func() (int, any, error) { return a.readService(r, serviceID) })
}
