package codelists

// The lists in this file are the ones the golden thread needs: how a request, assessment or review ended, the
// services a plan commissions and how they are reviewed (standards.md §1.4), and the Care Act 2014 lists that an
// eligibility determination and a SMART outcome refer to (standards.md §3.1 to §3.3).

// EventOutcome is the CLD Release 2 event outcome list (standards.md §1.4 "Event outcome (R2)"), in DHSC's
// deduplication hierarchy order, with DHSC's grouping as Group. Release 1 values are not accepted for new records.
var EventOutcome = withLabels("event_outcome", []Code{
	{Value: "Progress to reablement/ST-Max", Group: "Progress to reablement/ST-Max"},
	{Value: "Progress to assessment, review or reassessment", Group: "Progress to assessment, review or reassessment"},
	{Value: "Progress to support planning or services", Group: "Progress to support planning or services"},
	{Value: "Continuation of support or services", Group: "Continuation of support or services"},
	{Value: "Admitted to hospital", Group: "Admitted to hospital"},
	{Value: "NFA: Responsibility moved to another local authority", Group: "NFA"},
	{Value: "NFA: Referral to NHS services or NHS funded social care", Group: "NFA"},
	{Value: "NFA: Self-funded client or under 12wk disregard", Group: "NFA"},
	{Value: "NFA: Information and advice or signposting", Group: "NFA"},
	{Value: "NFA: Referral to other service within the local authority", Group: "NFA"},
	{Value: "NFA: Support declined", Group: "NFA"},
	{Value: "NFA: Deceased", Group: "NFA"},
	{Value: "NFA: Support ended as planned", Group: "NFA"},
	{Value: "NFA: Support ended for other reason", Group: "NFA"},
	{Value: "NFA: No services offered for other reason", Group: "NFA"},
	{Value: "NFA: Other", Group: "NFA"},
})

// EventOutcome values that other packages name (standards.md §1.4 "Event outcome (R2)").
const (
	EventOutcomeReablement          = "Progress to reablement/ST-Max"
	EventOutcomeAssessment          = "Progress to assessment, review or reassessment"
	EventOutcomeSupportPlanning     = "Progress to support planning or services"
	EventOutcomeMovedLA             = "NFA: Responsibility moved to another local authority"
	EventOutcomeNHS                 = "NFA: Referral to NHS services or NHS funded social care"
	EventOutcomeSelfFunded          = "NFA: Self-funded client or under 12wk disregard"
	EventOutcomeInformationAdvice   = "NFA: Information and advice or signposting"
	EventOutcomeOtherCouncilService = "NFA: Referral to other service within the local authority"
	EventOutcomeSupportDeclined     = "NFA: Support declined"
	// EventOutcomeSupportEnded is the result a review that finished the support offers to end the episode with.
	EventOutcomeSupportEnded = "NFA: Support ended as planned"
	EventOutcomeHospital     = "Admitted to hospital"
	EventOutcomeDeceased     = "NFA: Deceased"
	EventOutcomeEndedOther   = "NFA: Support ended for other reason"
	EventOutcomeNoServices   = "NFA: No services offered for other reason"
	EventOutcomeOther        = "NFA: Other"
)

// ServiceType is the CLD Release 2 service type list (standards.md §1.4 "Service type (R2)"), with DHSC's grouping
// as Group. "ST-Max" is short-term support to maximise independence, usually reablement.
var ServiceType = withLabels("service_type", []Code{
	{Value: "Short term support: ST-Max", Group: "Short term support"},
	{Value: "Short term support: Ongoing low level", Group: "Short term support"},
	{Value: "Short term support: Other short term", Group: "Short term support"},
	{Value: "Long term support: Nursing care", Group: "Long term support"},
	{Value: "Long term support: Residential care", Group: "Long term support"},
	{Value: "Long term support: Community", Group: "Long term support"},
	{Value: "Long term support: Prison", Group: "Long term support"},
	{Value: "Unpaid carer support: Direct to unpaid carer", Group: "Unpaid carer support"},
	{Value: "Unpaid carer support: Support involving the person cared-for", Group: "Unpaid carer support"},
})

// ServiceType values that other packages name (standards.md §1.4 "Service type (R2)").
const (
	ServiceTypeSTMax          = "Short term support: ST-Max"
	ServiceTypeLowLevel       = "Short term support: Ongoing low level"
	ServiceTypeOtherShortTerm = "Short term support: Other short term"
	ServiceTypeNursing        = "Long term support: Nursing care"
	ServiceTypeResidential    = "Long term support: Residential care"
	ServiceTypeCommunity      = "Long term support: Community"
	ServiceTypePrison         = "Long term support: Prison"
)

// ServiceComponent is the CLD Release 2 service component list (standards.md §1.4 "Service component"). The first
// nine values are as DHSC's own code spells them; the rest come from a secondary data standard and are not yet
// checked against the specification (the reference says so).
var ServiceComponent = plain("service_component",
	"Reablement",
	"Short term nursing care",
	"Short term residential care",
	"Home support or domiciliary care",
	"Equipment",
	"Direct payment",
	"Shared Lives",
	"Community supported living",
	"Extra care housing",
	"Long term nursing care",
	"Long term residential care",
	"Day support",
	"Meals",
	"Transport",
	"Professional support: Social worker",
	"Professional support: Other",
	"Learning, education or employment support",
	"End of life care",
	"Emergency support",
	"Other short term support",
	"Other long term support",
	"Unpaid carer respite",
	"Unpaid carer sitting service",
	"Unpaid carer universal services",
	"Other unpaid carer support",
)

// DeliveryMechanism is the CLD delivery mechanism list, recorded per service line (standards.md §1.4 "Delivery
// mechanism (R1)"), in the Release 2 spelling DHSC's code uses. "Self-Funder Metering Only" is left out because the
// reference says it is not to be used until charging reform is implemented; "part direct payment" is not a value.
var DeliveryMechanism = plain("delivery_mechanism",
	DeliveryDirectPayment,
	DeliveryManagedBudget,
	DeliveryCommissioned,
)

// The DeliveryMechanism values (standards.md §1.4 "Delivery mechanism (R1)", in the R2 spelling).
const (
	DeliveryDirectPayment = "Direct payment"
	DeliveryManagedBudget = "CASSR managed personal budget"
	DeliveryCommissioned  = "CASSR commissioned support"
)

// ReviewReason is the CLD review reason list (standards.md §1.4 "Review reason (R1)"), with the value Release 2
// adds. Carer reviews default to ReviewReasonPlanned unless a better reason is known.
var ReviewReason = plain("review_reason",
	"Planned",
	"Unplanned - Hospital (Planned and unplanned episodes)",
	"Unplanned - Carer related",
	"Unplanned - Safeguarding concern",
	"Unplanned - Other Reason",
	"Unplanned - Provider Failure",
	"Unplanned - Change in Commissioning arrangements",
	"Review of short term support",
)

// ReviewReasonPlanned is the review reason for a planned review, and the default for carers (standards.md §1.4).
const ReviewReasonPlanned = "Planned"

// ReviewOutcome is the CLD "Review outcomes achieved" list (standards.md §1.4): whether the person's own stated
// outcomes were met, as the person (or their representative) and the assessor agree at the review.
var ReviewOutcome = plain("review_outcome",
	"Fully Met",
	"Partially Met",
	"Not Met",
)

// The ReviewOutcome values (standards.md §1.4 "Review outcomes achieved").
const (
	ReviewOutcomeFullyMet     = "Fully Met"
	ReviewOutcomePartiallyMet = "Partially Met"
	ReviewOutcomeNotMet       = "Not Met"
)

// CostFrequency is the CLD cost frequency (unit type) list (standards.md §1.4 "Cost frequency (unit type)"). The
// reference takes it from a secondary source, unverified against the specification, and writes the values in lower
// case; they are stored as written there and labelled with a capital letter.
var CostFrequency = withLabels("cost_frequency", []Code{
	{Value: CostNoCharge, Label: "No charge"},
	{Value: CostPerSession, Label: "Per session"},
	{Value: CostHourly, Label: "Hourly"},
	{Value: CostDaily, Label: "Daily"},
	{Value: CostWeekly, Label: "Weekly"},
	{Value: CostFortnightly, Label: "Fortnightly"},
	{Value: CostFourWeekly, Label: "4-weekly"},
	{Value: CostMonthly, Label: "Monthly"},
	{Value: CostQuarterly, Label: "Quarterly"},
	{Value: CostAnnually, Label: "Annually"},
	{Value: CostOneOff, Label: "One-off"},
})

// The CostFrequency values (standards.md §1.4 "Cost frequency (unit type)").
const (
	CostNoCharge    = "no charge"
	CostPerSession  = "per session"
	CostHourly      = "hourly"
	CostDaily       = "daily"
	CostWeekly      = "weekly"
	CostFortnightly = "fortnightly"
	CostFourWeekly  = "4-weekly"
	CostMonthly     = "monthly"
	CostQuarterly   = "quarterly"
	CostAnnually    = "annually"
	CostOneOff      = "one-off"
)

// MethodOfAssessment is the CLD method of review list, which says who took part (standards.md §1.4 "Method of
// assessment / Method of review (R1)"). The reference confirms it for reviews; that assessments use the same list is
// unverified.
var MethodOfAssessment = plain("method_of_assessment",
	"Carer only",
	"Service user only",
	"Service user and carer",
)

// AssessmentType is the CLD Release 2 assessment type list (standards.md §1.4 "Assessment type"): long term when a
// Care Act eligibility determination was made, short term for any other assessment.
var AssessmentType = plain("assessment_type",
	"Long term assessment",
	"Short term assessment",
)

// WellbeingArea is the nine areas of wellbeing in the Care Act 2014, section 1(2) (standards.md §3.1), in no order
// of priority. Value is the paragraph letter, (a) to (i); Label is the Act's wording.
var WellbeingArea = withLabels("wellbeing_area", []Code{
	{Value: "a", Label: "Personal dignity (including treatment of the individual with respect)"},
	{Value: "b", Label: "Physical and mental health and emotional well-being"},
	{Value: "c", Label: "Protection from abuse and neglect"},
	{Value: "d", Label: "Control by the individual over day-to-day life (including over care and support, and the way it is provided)"},
	{Value: "e", Label: "Participation in work, education, training or recreation"},
	{Value: "f", Label: "Social and economic well-being"},
	{Value: "g", Label: "Domestic, family and personal relationships"},
	{Value: "h", Label: "Suitability of living accommodation"},
	{Value: "i", Label: "The individual's contribution to society"},
})

// AdultOutcome is the specified outcomes for adults in the Care and Support (Eligibility Criteria) Regulations 2015,
// reg 2(2) (standards.md §3.2), with no hierarchy between them. Value is the paragraph letter, (a) to (j).
var AdultOutcome = withLabels("adult_outcome", []Code{
	{Value: "a", Label: "Managing and maintaining nutrition"},
	{Value: "b", Label: "Maintaining personal hygiene"},
	{Value: "c", Label: "Managing toilet needs"},
	{Value: "d", Label: "Being appropriately clothed"},
	{Value: "e", Label: "Being able to make use of the adult's home safely"},
	{Value: "f", Label: "Maintaining a habitable home environment"},
	{Value: "g", Label: "Developing and maintaining family or other personal relationships"},
	{Value: "h", Label: "Accessing and engaging in work, training, education or volunteering"},
	{Value: "i", Label: "Making use of necessary facilities or services in the local community including public transport, and recreational facilities or services"},
	{Value: "j", Label: "Carrying out any caring responsibilities the adult has for a child"},
})

// CarerOutcome is the carer outcomes in the Care and Support (Eligibility Criteria) Regulations 2015, reg 3
// (standards.md §3.3). Value is the roman numeral, i to viii. Note that "i" is also an AdultOutcome value with a
// different meaning: read a code against the list for the kind of person it belongs to.
var CarerOutcome = withLabels("carer_outcome", []Code{
	{Value: "i", Label: "Carrying out any caring responsibilities the carer has for a child"},
	{Value: "ii", Label: "Providing care to other persons for whom the carer provides care"},
	{Value: "iii", Label: "Maintaining a habitable home environment in the carer's home (whether or not it is also the cared-for adult's home)"},
	{Value: "iv", Label: "Managing and maintaining nutrition"},
	{Value: "v", Label: "Developing and maintaining family or other personal relationships"},
	{Value: "vi", Label: "Engaging in work, training, education or volunteering"},
	{Value: "vii", Label: "Making use of necessary facilities or services in the local community, including recreational facilities or services"},
	{Value: "viii", Label: "Engaging in recreational activities"},
})
