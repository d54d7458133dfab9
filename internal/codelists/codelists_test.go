package codelists

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestCounts(t *testing.T) {
	t.Parallel()
	// The counts are those of standards.md §1.4 for the CLD lists, and of the brief for Golden Thread's own lists.
	want := map[string]int{
		"ethnicity":              21,
		"gender":                 4,
		"client_type":            3,
		"primary_support_reason": 12,
		"accommodation_status":   20,
		"route_of_access":        8,
		"contact_channel":        7,
		"contact_method":         5,
		"religion":               9,
		"sexual_orientation":     5,
		"disability":             4,
		"relationship":           11,
		"legal_authority":        4,
		"consent_scope":          6,
		"event_outcome":          16,
		"service_type":           9,
		"service_component":      25,
		"delivery_mechanism":     3,
		"review_reason":          8,
		"review_outcome":         3,
		"cost_frequency":         11,
		"method_of_assessment":   3,
		"assessment_type":        2,
		"wellbeing_area":         9,
		"adult_outcome":          10,
		"carer_outcome":          8,
		// Safeguarding Adults Collection, standards.md §5.2–5.3
		"safeguarding_risk_type":     11,
		"safeguarding_location":      9,
		"safeguarding_source":        3,
		"safeguarding_action_result": 7,
		"safeguarding_risk_outcome":  3,
		"safeguarding_capacity":      4,
		"msp_asked":                  5,
		"msp_achieved":               3,
	}
	got := make(map[string]int)
	for _, l := range All() {
		got[l.Name] = len(l.Codes)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("list sizes (-want +got):\n%s", diff)
	}
}

func TestNoDuplicates(t *testing.T) {
	t.Parallel()
	names := make(map[string]bool)
	for _, l := range All() {
		if names[l.Name] {
			t.Errorf("list name %q used twice", l.Name)
		}
		names[l.Name] = true
		values := make(map[string]bool)
		labels := make(map[string]bool)
		for _, c := range l.Codes {
			if values[c.Value] {
				t.Errorf("%s: value %q appears twice", l.Name, c.Value)
			}
			values[c.Value] = true
			if labels[c.Label] {
				t.Errorf("%s: label %q appears twice", l.Name, c.Label)
			}
			labels[c.Label] = true
		}
	}
}

func TestWellFormed(t *testing.T) {
	t.Parallel()
	for _, l := range All() {
		for _, c := range l.Codes {
			for _, s := range []string{c.Value, c.Group, c.Label} {
				if !utf8.ValidString(s) || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
					t.Errorf("%s: %q has stray spaces or is not UTF-8", l.Name, s)
				}
			}
			if c.Label == "" {
				t.Errorf("%s: value %q has no label", l.Name, c.Value)
			}
		}
	}
}

func TestExactStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		list  List
		value string
	}{
		{Ethnicity, "White: English, Welsh, Scottish, Northern Irish or British"},
		{Ethnicity, "White: Roma"},
		{Ethnicity, "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background"},
		{Ethnicity, "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background"},
		{Ethnicity, "Other ethnic group: Arab"},
		{Ethnicity, "No data: Refused"},
		{Ethnicity, "No data: Undeclared or not known"},
		{Gender, "Unknown"},
		{ClientType, "Unpaid carer known by association"},
		{PrimarySupportReason, "Physical Support: Access & mobility only"},
		{PrimarySupportReason, "Support with Memory & Cognition"},
		{PrimarySupportReason, "Social Support: Support for Social Isolation/Other"},
		{PrimarySupportReason, "Social Support: Support to Carer"},
		{AccommodationStatus, "Tenant: Local authority or other social housing provider"},
		{AccommodationStatus, "Placed in temporary accommodation by the council (inc. homelessness resettlement)"},
		{AccommodationStatus, "Prison, young offenders institution or detention centre"},
		{RouteOfAccess, "Community / Other route"},
		{RouteOfAccess, "Self-Funder"},
		{RouteOfAccess, "Transfer from Other LA"},
		{Religion, "Any other religion"},
		{SexualOrientation, "Straight or heterosexual"},
		{Disability, "Yes, limited a lot"},
		{Relationship, "Spouse or partner"},
		{LegalAuthority, "Lasting power of attorney: property and financial affairs"},
		{ConsentScope, "Share with family and people who matter"},
		{EventOutcome, "Progress to reablement/ST-Max"},
		{EventOutcome, "NFA: Self-funded client or under 12wk disregard"},
		{EventOutcome, "NFA: Referral to NHS services or NHS funded social care"},
		{ServiceType, "Unpaid carer support: Support involving the person cared-for"},
		{ServiceComponent, "Professional support: Social worker"},
		{ServiceComponent, "Learning, education or employment support"},
		{DeliveryMechanism, "CASSR managed personal budget"},
		{ReviewReason, "Unplanned - Hospital (Planned and unplanned episodes)"},
		{ReviewReason, "Unplanned - Change in Commissioning arrangements"},
		{ReviewOutcome, "Partially Met"},
		{CostFrequency, "4-weekly"},
		{MethodOfAssessment, "Service user and carer"},
		{AssessmentType, "Short term assessment"},
	}
	for _, tt := range tests {
		if !tt.list.Has(tt.value) {
			t.Errorf("%s does not have %q", tt.list.Name, tt.value)
		}
	}
	// Release 1 and near-miss spellings must not pass.
	absent := []struct {
		list  List
		value string
	}{
		{Ethnicity, "White - Irish"},
		{Ethnicity, "No data: Undeclared or Not known"},
		{ClientType, "Service User"},
		{ClientType, "Carer"},
		{AccommodationStatus, "Rough sleeper / squatting"},
		{RouteOfAccess, "Community/Other route"},
		{Gender, "unknown"},
		{Gender, "Not known"},
		{EventOutcome, "NFA - Information & Advice / Signposting only"}, // R1
		{EventOutcome, "Progress to Reablement/ST-Max"},                 // R1
		{ServiceType, "Long Term Support: Nursing Care"},                // R1
		{ServiceComponent, "Home Support"},                              // V5
		{DeliveryMechanism, "Direct Payment"},                           // R1
		{DeliveryMechanism, "Self-Funder Metering Only"},                // not to be used yet
		{ReviewOutcome, "Fully met"},
		{AdultOutcome, "k"},
		{CarerOutcome, "ix"},
		{WellbeingArea, "j"},
		{SafeguardingRiskType, "Self-neglect"},
		{SafeguardingLocation, "Care Home - nursing"},
		{MSPAsked, "Don't know"},
		{MSPAchieved, "Fully achieved"},
	}
	for _, tt := range absent {
		if tt.list.Has(tt.value) {
			t.Errorf("%s has %q", tt.list.Name, tt.value)
		}
	}
	if !Ethnicity.Has(EthnicityPreferNotToSay) || !RouteOfAccess.Has(RouteOfAccessDefault) {
		t.Error("a named constant is not in its list")
	}
	named := []struct {
		list  List
		value string
	}{
		{SafeguardingActionResult, RiskIdentifiedActionTaken},
		{SafeguardingCapacity, SafeguardingCapacityLacked},
		{MSPAsked, MSPAskedExpressed},
		{EventOutcome, EventOutcomeReablement},
		{EventOutcome, EventOutcomeAssessment},
		{EventOutcome, EventOutcomeSupportPlanning},
		{EventOutcome, EventOutcomeMovedLA},
		{EventOutcome, EventOutcomeNHS},
		{EventOutcome, EventOutcomeSelfFunded},
		{EventOutcome, EventOutcomeInformationAdvice},
		{EventOutcome, EventOutcomeOtherCouncilService},
		{EventOutcome, EventOutcomeSupportDeclined},
		{EventOutcome, EventOutcomeSupportEnded},
		{ReviewReason, ReviewReasonPlanned},
		{ReviewOutcome, ReviewOutcomeFullyMet},
		{ReviewOutcome, ReviewOutcomePartiallyMet},
		{ReviewOutcome, ReviewOutcomeNotMet},
	}
	for _, tt := range named {
		if !tt.list.Has(tt.value) {
			t.Errorf("named constant %q is not in %s", tt.value, tt.list.Name)
		}
	}
}

func TestWholeLists(t *testing.T) {
	t.Parallel()
	tests := []struct {
		list List
		want []string
	}{
		{Gender, []string{"Male", "Female", "Other", "Unknown"}},
		{ClientType, []string{"Service user", "Unpaid carer", "Unpaid carer known by association"}},
		{RouteOfAccess, []string{
			"Planned Entry (Transition)", "Discharge from Hospital", "Diversion from Hospital Services",
			"Community / Other route", "Prison", "Self-Funder", "Discharge from Reablement", "Transfer from Other LA",
		}},
		{ContactChannel, []string{"Phone", "Email", "Letter", "Visit", "Online form", "Another professional", "Not recorded"}},
		{ContactMethod, []string{ContactMethodPhone, ContactMethodText, ContactMethodEmail, "Letter", "Someone else"}},
		{LegalAuthority, []string{
			"", "Lasting power of attorney: health and welfare",
			"Lasting power of attorney: property and financial affairs", "Court-appointed deputy",
		}},
		{EventOutcome, []string{
			"Progress to reablement/ST-Max",
			"Progress to assessment, review or reassessment",
			"Progress to support planning or services",
			"Continuation of support or services",
			"Admitted to hospital",
			"NFA: Responsibility moved to another local authority",
			"NFA: Referral to NHS services or NHS funded social care",
			"NFA: Self-funded client or under 12wk disregard",
			"NFA: Information and advice or signposting",
			"NFA: Referral to other service within the local authority",
			"NFA: Support declined",
			"NFA: Deceased",
			"NFA: Support ended as planned",
			"NFA: Support ended for other reason",
			"NFA: No services offered for other reason",
			"NFA: Other",
		}},
		{ServiceType, []string{
			"Short term support: ST-Max",
			"Short term support: Ongoing low level",
			"Short term support: Other short term",
			"Long term support: Nursing care",
			"Long term support: Residential care",
			"Long term support: Community",
			"Long term support: Prison",
			"Unpaid carer support: Direct to unpaid carer",
			"Unpaid carer support: Support involving the person cared-for",
		}},
		{ServiceComponent, []string{
			"Reablement", "Short term nursing care", "Short term residential care", "Home support or domiciliary care",
			"Equipment", "Direct payment", "Shared Lives", "Community supported living", "Extra care housing",
			"Long term nursing care", "Long term residential care", "Day support", "Meals", "Transport",
			"Professional support: Social worker", "Professional support: Other",
			"Learning, education or employment support", "End of life care", "Emergency support",
			"Other short term support", "Other long term support", "Unpaid carer respite",
			"Unpaid carer sitting service", "Unpaid carer universal services", "Other unpaid carer support",
		}},
		{DeliveryMechanism, []string{"Direct payment", "CASSR managed personal budget", "CASSR commissioned support"}},
		{ReviewReason, []string{
			"Planned",
			"Unplanned - Hospital (Planned and unplanned episodes)",
			"Unplanned - Carer related",
			"Unplanned - Safeguarding concern",
			"Unplanned - Other Reason",
			"Unplanned - Provider Failure",
			"Unplanned - Change in Commissioning arrangements",
			"Review of short term support",
		}},
		{ReviewOutcome, []string{"Fully Met", "Partially Met", "Not Met"}},
		{CostFrequency, []string{
			"no charge", "per session", "hourly", "daily", "weekly", "fortnightly", "4-weekly", "monthly",
			"quarterly", "annually", "one-off",
		}},
		{MethodOfAssessment, []string{"Carer only", "Service user only", "Service user and carer"}},
		{AssessmentType, []string{"Long term assessment", "Short term assessment"}},
		{WellbeingArea, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}},
		{AdultOutcome, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}},
		{CarerOutcome, []string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii"}},
		// Safeguarding Adults Collection, standards.md §5.2–5.3, exactly as the column labels spell them
		{SafeguardingRiskType, []string{
			"Physical Abuse", "Sexual Abuse", "Psychological Abuse", "Financial or Material Abuse", "Discriminatory Abuse",
			"Organisational Abuse", "Neglect and Acts of Omission", "Domestic Abuse", "Sexual Exploitation", "Modern Slavery",
			"Self-Neglect",
		}},
		{SafeguardingLocation, []string{
			"Own Home", "In the Community", "Community Service", "Care Home - Nursing", "Care Home - Residential",
			"Hospital - Acute", "Hospital - Mental Health", "Hospital - Community", "Other",
		}},
		{SafeguardingSource, []string{"Service Provider", "Other - Known to individual", "Other - Unknown to individual"}},
		{SafeguardingActionResult, []string{
			"Risk identified and action taken", "Risk identified and no action taken",
			"Risk Assessment inconclusive and action taken", "Risk Assessment inconclusive and no action taken",
			"No risk identified and action taken", "No risk identified and no action taken",
			"Enquiry ceased at individual's request and no action taken",
		}},
		{SafeguardingRiskOutcome, []string{"Risk remained", "Risk reduced", "Risk removed"}},
		{SafeguardingCapacity, []string{"Yes, they lacked capacity", "No, they did not lack capacity", "Don't know", "Not recorded"}},
		{MSPAsked, []string{
			"Yes they were asked and outcomes were expressed", "Yes they were asked but no outcomes were expressed", "No",
			"Don't Know", "Not Recorded",
		}},
		{MSPAchieved, []string{"Fully Achieved", "Partially Achieved", "Not Achieved"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.list.Values()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.list.Name, diff)
		}
	}
}

func TestLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		list        List
		value, want string
	}{
		{Gender, "Unknown", "Not known"},
		{Gender, "Female", "Female"},
		{Ethnicity, "No data: Refused", "Prefer not to say"},
		{Ethnicity, "White: Irish", "White: Irish"},
		{LegalAuthority, "", "None"},
		{Ethnicity, "White - Irish", "White - Irish"}, // an old R1 value reads as it was stored
	}
	for _, tt := range tests {
		if got := tt.list.Label(tt.value); got != tt.want {
			t.Errorf("%s.Label(%q) = %q, want %q", tt.list.Name, tt.value, got, tt.want)
		}
	}
}

// TestCareActWording checks the Care Act lists' labels word for word against standards.md §3.1 to §3.3, because
// an eligibility determination quotes them back to the person.
func TestCareActWording(t *testing.T) {
	t.Parallel()
	tests := []struct {
		list List
		want []string
	}{
		{WellbeingArea, []string{
			"Personal dignity (including treatment of the individual with respect)",
			"Physical and mental health and emotional well-being",
			"Protection from abuse and neglect",
			"Control by the individual over day-to-day life (including over care and support, and the way it is provided)",
			"Participation in work, education, training or recreation",
			"Social and economic well-being",
			"Domestic, family and personal relationships",
			"Suitability of living accommodation",
			"The individual's contribution to society",
		}},
		{AdultOutcome, []string{
			"Managing and maintaining nutrition",
			"Maintaining personal hygiene",
			"Managing toilet needs",
			"Being appropriately clothed",
			"Being able to make use of the adult's home safely",
			"Maintaining a habitable home environment",
			"Developing and maintaining family or other personal relationships",
			"Accessing and engaging in work, training, education or volunteering",
			"Making use of necessary facilities or services in the local community including public transport, and recreational facilities or services",
			"Carrying out any caring responsibilities the adult has for a child",
		}},
		{CarerOutcome, []string{
			"Carrying out any caring responsibilities the carer has for a child",
			"Providing care to other persons for whom the carer provides care",
			"Maintaining a habitable home environment in the carer's home (whether or not it is also the cared-for adult's home)",
			"Managing and maintaining nutrition",
			"Developing and maintaining family or other personal relationships",
			"Engaging in work, training, education or volunteering",
			"Making use of necessary facilities or services in the local community, including recreational facilities or services",
			"Engaging in recreational activities",
		}},
	}
	for _, tt := range tests {
		got := make([]string, len(tt.list.Codes))
		for i, c := range tt.list.Codes {
			got[i] = c.Label
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s labels (-want +got):\n%s", tt.list.Name, diff)
		}
	}
}

func TestGoldenGroups(t *testing.T) {
	t.Parallel()
	tests := []struct {
		list List
		want map[string]int
	}{
		{EventOutcome, map[string]int{
			"Progress to reablement/ST-Max": 1, "Progress to assessment, review or reassessment": 1,
			"Progress to support planning or services": 1, "Continuation of support or services": 1,
			"Admitted to hospital": 1, "NFA": 11,
		}},
		{ServiceType, map[string]int{"Short term support": 3, "Long term support": 4, "Unpaid carer support": 2}},
	}
	for _, tt := range tests {
		got := map[string]int{}
		for _, g := range tt.list.Groups() {
			got[g.Name] = len(g.Codes)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s groups (-want +got):\n%s", tt.list.Name, diff)
		}
	}
	if got := CostFrequency.Label(CostFourWeekly); got != "4-weekly" {
		t.Errorf("CostFrequency.Label(4-weekly) = %q", got)
	}
	if got := CostFrequency.Label(CostNoCharge); got != "No charge" {
		t.Errorf("CostFrequency.Label(no charge) = %q", got)
	}
}

func TestGroups(t *testing.T) {
	t.Parallel()
	var got []string
	for _, g := range Ethnicity.Groups() {
		got = append(got, g.Name)
	}
	want := []string{
		"White", "Mixed or multiple ethnic groups", "Asian or Asian British",
		"Black, Black British, Caribbean or African", "Other ethnic group", "No data",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Ethnicity groups (-want +got):\n%s", diff)
	}
	sizes := map[string]int{}
	for _, g := range Ethnicity.Groups() {
		sizes[g.Name] = len(g.Codes)
		for _, c := range g.Codes {
			if c.Group != g.Name {
				t.Errorf("%q is in group %q, want %q", c.Value, g.Name, c.Group)
			}
		}
	}
	wantSizes := map[string]int{
		"White": 5, "Mixed or multiple ethnic groups": 4, "Asian or Asian British": 5,
		"Black, Black British, Caribbean or African": 3, "Other ethnic group": 2, "No data": 2,
	}
	if diff := cmp.Diff(wantSizes, sizes); diff != "" {
		t.Errorf("Ethnicity group sizes (-want +got):\n%s", diff)
	}

	flat := Gender.Groups()
	if len(flat) != 1 || flat[0].Name != "" || len(flat[0].Codes) != len(Gender.Codes) {
		t.Errorf("Gender.Groups() = %+v, want one unnamed group of every code", flat)
	}
}

func TestAccommodationSettled(t *testing.T) {
	t.Parallel()
	settled := 0
	for _, v := range AccommodationStatus.Values() {
		if AccommodationSettled(v) {
			settled++
		}
	}
	if settled != 9 {
		t.Errorf("%d settled values, want 9", settled)
	}
	tests := map[string]bool{
		"Owner occupier or shared ownership scheme":                      true,
		"Mobile accommodation for Gypsy, Roma and Traveller communities": true,
		"Shared Lives scheme":                                            true,
		"Registered care home":                                           false,
		"Unknown":                                                        false,
		"Unknown: presumed at home":                                      false,
		"":                                                               false,
	}
	for v, want := range tests {
		if got := AccommodationSettled(v); got != want {
			t.Errorf("AccommodationSettled(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	l, ok := Lookup("primary_support_reason")
	if !ok || len(l.Codes) != 12 {
		t.Errorf("Lookup(primary_support_reason) = %d codes, %v", len(l.Codes), ok)
	}
	if _, ok := Lookup("no_such_list"); ok {
		t.Error("Lookup found a list that does not exist")
	}
}

func TestContactChannel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value      string
		label      string
		offered    bool // a new contact may be recorded with it
		recognised bool
	}{
		{"Phone", "Phone call", true, true},
		{"Email", "Email", true, true},
		{"Letter", "Letter", true, true},
		{"Visit", "Visit in person", true, true},
		{"Online form", "Online form", true, true},
		{"Another professional", "Referral from another professional", true, true},
		{ContactChannelNotRecorded, "Not recorded", false, true}, // contacts recorded before the channel was asked
		{"phone", "phone", false, false},                         // the match is exact
		{"", "", false, false},
		{"Fax", "Fax", false, false},
	}
	offered := ContactChannels()
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			if got := ContactChannel.Has(tt.value); got != tt.recognised {
				t.Errorf("Has(%q) = %v, want %v", tt.value, got, tt.recognised)
			}
			if got := ContactChannel.Label(tt.value); got != tt.label {
				t.Errorf("Label(%q) = %q, want %q", tt.value, got, tt.label)
			}
			if got := slices.Contains(offered, tt.value); got != tt.offered {
				t.Errorf("offered(%q) = %v, want %v", tt.value, got, tt.offered)
			}
		})
	}
	if len(offered) != len(ContactChannel.Codes)-1 {
		t.Errorf("%d channels offered, want every one but %q", len(offered), ContactChannelNotRecorded)
	}
}
