package cld

import "testing"

// TestWhatFollowed is every sequel a service or an outcome can be, as the request sequels (STS001) and ASCOF 2A
// group it, and whether 2A counts it and finds it met (standards.md §1.7, §2.2).
func TestWhatFollowed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		service, component, outcome string
		next, group                 string
		counted, met                bool
	}{
		{service: "Long term support: Prison", next: NextPrison, group: NextLongTerm, counted: true},
		{service: "Long term support: Community", next: NextCommunity, group: NextLongTerm, counted: true},
		{service: "Short term support: Ongoing low level", next: NextLowLevel, group: NextLowLevel, counted: true, met: true},
		{service: "Short term support: Other short term", component: "Equipment", next: NextOtherShortTerm, group: NextOtherShortTerm, counted: true, met: true},
		{service: "Short term support: Other short term", component: "Short term nursing care", next: NextShortTermCare, group: NextShortTermCare, counted: true},
		{service: "Short term support: ST-Max", next: NextStMax, group: NextUnableToClassify},
		{outcome: "NFA: Information and advice or signposting", next: NextSignposted, group: NextSignposted, counted: true, met: true},
		{outcome: "NFA: Support ended as planned", next: NextEndedAsPlanned, group: NextEndedAsPlanned, counted: true, met: true},
		{outcome: "NFA: Responsibility moved to another local authority", next: NextNoServicesOther, group: NextNoServicesOther, counted: true, met: true},
		{outcome: "NFA: Referral to other service within the local authority", next: NextNoServicesOther, group: NextNoServicesOther, counted: true, met: true},
		{outcome: "NFA: Support ended for other reason", next: NextNoServicesOther, group: NextNoServicesOther, counted: true, met: true},
		{outcome: "NFA: No services offered for other reason", next: NextNoServicesOther, group: NextNoServicesOther, counted: true, met: true},
		{outcome: "NFA: Other", next: NextNoServicesOther, group: NextNoServicesOther, counted: true, met: true},
		{outcome: "NFA: Referral to NHS services or NHS funded social care", next: NextNHS, group: NextNHS + excludedFrom2A},
		{outcome: "NFA: Deceased", next: NextDeceased, group: NextDeceased + excludedFrom2A},
		{outcome: "Admitted to hospital", next: NextHospital, group: NextHospital + excludedFrom2A},
		{outcome: "NFA: Support declined", next: NextDeclined, group: NextDeclined + excludedFrom2A},
		{outcome: "NFA: Self-funded client or under 12wk disregard", next: NextSelfFunding, group: NextSelfFunding + excludedFrom2A},
		{outcome: "Continuation of support or services", next: NextUnableToClassify, group: NextUnableToClassify},
		{outcome: "Progress to support planning or services", next: NextUnableToClassify, group: NextUnableToClassify},
		{outcome: "Progress to assessment, review or reassessment", next: NextUnableToClassify, group: NextUnableToClassify},
		{outcome: "Progress to reablement/ST-Max", next: NextUnableToClassify, group: NextUnableToClassify},
		{outcome: "", next: NextUnableToClassify, group: NextUnableToClassify},
	}
	for _, tt := range tests {
		t.Run(tt.service+tt.component+tt.outcome, func(t *testing.T) {
			next := outcomeNext(tt.outcome)
			if tt.service != "" {
				next, _ = serviceNext(event{Type: Service, ServiceType: tt.service, Component: tt.component})
			}
			group := independenceGroup(next)
			counted, met := independent(group)
			if next != tt.next || group != tt.group || counted != tt.counted || met != tt.met {
				t.Errorf("%q, 2A %q counted %v met %v; want %q, %q, %v, %v", next, group, counted, met, tt.next, tt.group, tt.counted, tt.met)
			}
		})
	}
	if _, rank := serviceNext(event{Type: Service, ServiceType: "Unpaid carer support: Direct to unpaid carer"}); rank != -1 {
		t.Errorf("support to an unpaid carer is a sequel, ranked %d", rank)
	}
}
