package codelists

// The lists in this file are the Safeguarding Adults Collection's (SAC) code lists (standards.md §5.2 and §5.3),
// as the column labels of NHS England's publication code spell them. A concern and an enquiry store these values
// exactly, so that the SAC-style summary needs no translation.

// SafeguardingRiskType is the SAC SG2a "type of risk" list: the ten categories of abuse and neglect in the Care and
// Support Statutory Guidance, with sexual exploitation counted separately (standards.md §5.2). A concern can have
// several.
var SafeguardingRiskType = plain("safeguarding_risk_type",
	"Physical Abuse",
	"Sexual Abuse",
	"Psychological Abuse",
	"Financial or Material Abuse",
	"Discriminatory Abuse",
	"Organisational Abuse",
	"Neglect and Acts of Omission",
	"Domestic Abuse",
	"Sexual Exploitation",
	"Modern Slavery",
	"Self-Neglect",
)

// SafeguardingLocation is the SAC SG2b "location of risk" list (standards.md §5.3). A concern can have several.
var SafeguardingLocation = plain("safeguarding_location",
	"Own Home",
	"In the Community",
	"Community Service",
	"Care Home - Nursing",
	"Care Home - Residential",
	"Hospital - Acute",
	"Hospital - Mental Health",
	"Hospital - Community",
	"Other",
)

// SafeguardingSource is the SAC SG2b "source of risk" list (standards.md §5.3). In the SG2 guidance a service
// provider is paid, contracted or commissioned to provide social care, and not a council, NHS trust or GP doing
// assessment and care management (those count as Other). A concern can have several.
var SafeguardingSource = plain("safeguarding_source",
	"Service Provider",
	"Other - Known to individual",
	"Other - Unknown to individual",
)

// SafeguardingActionResult is the SAC SG2c "action and result" list, recorded when an enquiry closes (standards.md
// §5.3).
var SafeguardingActionResult = plain("safeguarding_action_result",
	"Risk identified and action taken",
	"Risk identified and no action taken",
	"Risk Assessment inconclusive and action taken",
	"Risk Assessment inconclusive and no action taken",
	"No risk identified and action taken",
	"No risk identified and no action taken",
	"Enquiry ceased at individual's request and no action taken",
)

// SafeguardingActionResult values that the rules name.
const (
	RiskIdentifiedActionTaken = "Risk identified and action taken"
)

// SafeguardingRiskOutcome is the SAC SG2e "risk outcome" list, recorded where a risk was identified and action
// taken (standards.md §5.3).
var SafeguardingRiskOutcome = plain("safeguarding_risk_outcome",
	"Risk remained",
	"Risk reduced",
	"Risk removed",
)

// SafeguardingCapacity is the SAC SG3a list: did the person lack capacity to make decisions about the enquiry
// (standards.md §5.3).
var SafeguardingCapacity = plain("safeguarding_capacity",
	"Yes, they lacked capacity",
	"No, they did not lack capacity",
	"Don't know",
	"Not recorded",
)

// SafeguardingCapacityLacked is the SafeguardingCapacity value for a person who lacked capacity.
const SafeguardingCapacityLacked = "Yes, they lacked capacity"

// MSPAsked is the SAC SG4a Making Safeguarding Personal question: was the person (or their representative) asked
// about the outcomes they wanted (standards.md §5.3). The Making Safeguarding Personal outcomes framework asks the
// same question in the same words.
var MSPAsked = plain("msp_asked",
	"Yes they were asked and outcomes were expressed",
	"Yes they were asked but no outcomes were expressed",
	"No",
	"Don't Know",
	"Not Recorded",
)

// MSPAskedExpressed is the MSPAsked value under which the person's desired outcomes are recorded in their words.
const MSPAskedExpressed = "Yes they were asked and outcomes were expressed"

// MSPAchieved is the SAC SG4a list for each desired outcome at the end of an enquiry (standards.md §5.3).
var MSPAchieved = plain("msp_achieved",
	"Fully Achieved",
	"Partially Achieved",
	"Not Achieved",
)
