package plans

import (
	"slices"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// freeReablementDays is how long reablement (intermediate care) is provided free of charge: up to six weeks (the
// Care and Support (Charging and Assessment of Resources) Regulations 2014, regulation 3).
const freeReablementDays = 42

// Arrange is the service a solution on the ladder is first offered as, filled with what the solution already says:
// the outcomes it serves, and what its rung means for the service. Reablement is short-term support to maximise
// independence (ST-Max), commissioned by the council, from today for the six weeks it is free; residential care is
// long-term residential care; ongoing support is long-term support in the community; technology and equipment is
// equipment. The practitioner adds the provider and the cost, and may change anything.
func (c SolutionChoice) Arrange(today sqldb.Date) Service {
	s := Service{SolutionID: c.ID, OutcomeIDs: slices.Clone(c.OutcomeIDs), DeliveryMechanism: codelists.DeliveryCommissioned}
	switch c.Rung {
	case Reablement:
		s.ServiceType, s.Component = codelists.ServiceTypeSTMax, "Reablement"
		s.Start, s.End = today, sqldb.NewDate(today.AddDate(0, 0, freeReablementDays))
	case Residential:
		s.ServiceType, s.Component, s.LongTerm = codelists.ServiceTypeResidential, "Long term residential care", true
	case OngoingSupport:
		s.ServiceType, s.LongTerm = codelists.ServiceTypeCommunity, true
	case Technology:
		s.Component = "Equipment"
	}
	return s
}

// Unarranged are the episode's solutions that no service delivers yet, which the services page offers to arrange.
func (e EpisodeServices) Unarranged() []SolutionChoice {
	var out []SolutionChoice
	for _, c := range e.Solutions {
		if !slices.ContainsFunc(e.Services, func(s ServiceRecord) bool { return s.SolutionID == c.ID }) {
			out = append(out, c)
		}
	}
	return out
}
