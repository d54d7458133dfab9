package codelists

// The lists below are data. CLD values are copied character for character from the project's shared reference,
// standards.md; each list's comment names the section. Treat the List values as read-only.

// Ethnicity is the CLD Release 2 ethnicity list, which follows the Census 2021 categories (standards.md §1.4
// "Ethnicity (R2)" and §8.2): 19 categories plus the two "No data" values. Group is DHSC's grouping. "No data:
// Refused" is what is recorded when the person prefers not to say.
var Ethnicity = withLabels("ethnicity", []Code{
	{Value: "White: English, Welsh, Scottish, Northern Irish or British", Group: "White"},
	{Value: "White: Irish", Group: "White"},
	{Value: "White: Gypsy or Irish Traveller", Group: "White"},
	{Value: "White: Roma", Group: "White"},
	{Value: "White: Any other White background", Group: "White"},
	{Value: "Mixed or multiple ethnic groups: White and Black Caribbean", Group: "Mixed or multiple ethnic groups"},
	{Value: "Mixed or multiple ethnic groups: White and Black African", Group: "Mixed or multiple ethnic groups"},
	{Value: "Mixed or multiple ethnic groups: White and Asian", Group: "Mixed or multiple ethnic groups"},
	{Value: "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background", Group: "Mixed or multiple ethnic groups"},
	{Value: "Asian or Asian British: Indian", Group: "Asian or Asian British"},
	{Value: "Asian or Asian British: Pakistani", Group: "Asian or Asian British"},
	{Value: "Asian or Asian British: Bangladeshi", Group: "Asian or Asian British"},
	{Value: "Asian or Asian British: Chinese", Group: "Asian or Asian British"},
	{Value: "Asian or Asian British: Any other Asian background", Group: "Asian or Asian British"},
	{Value: "Black, Black British, Caribbean or African: African", Group: "Black, Black British, Caribbean or African"},
	{Value: "Black, Black British, Caribbean or African: Caribbean", Group: "Black, Black British, Caribbean or African"},
	{Value: "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background", Group: "Black, Black British, Caribbean or African"},
	{Value: "Other ethnic group: Arab", Group: "Other ethnic group"},
	{Value: "Other ethnic group: Any other ethnic group", Group: "Other ethnic group"},
	{Value: "No data: Refused", Group: "No data", Label: "Prefer not to say"},
	{Value: "No data: Undeclared or not known", Group: "No data", Label: "Not known"},
})

// EthnicityPreferNotToSay is the Ethnicity value recorded when the person prefers not to say.
const EthnicityPreferNotToSay = "No data: Refused"

// EthnicityNoData is the Ethnicity group of the values that say nothing of the person's ethnicity.
const EthnicityNoData = "No data"

// Gender is the CLD gender list (standards.md §1.4 "Gender"): the gender the person considers themselves to be.
// "Other" is for people who identify as neither male nor female; "Unknown" is for when it was not recorded.
var Gender = withLabels("gender", []Code{
	{Value: "Male"},
	{Value: "Female"},
	{Value: "Other"},
	{Value: "Unknown", Label: "Not known"},
})

// ClientType is the CLD Release 2 client type list (standards.md §1.4 "Client type", R2 column).
var ClientType = plain("client_type",
	"Service user",
	"Unpaid carer",
	"Unpaid carer known by association",
)

// PrimarySupportReason is the CLD Release 1 primary support reason list (standards.md §1.4 "Primary support reason
// (R1)"). The reference holds no full Release 2 list, so this stays on Release 1 until one is confirmed.
var PrimarySupportReason = plain("primary_support_reason",
	"Physical Support: Access & mobility only",
	"Physical Support: Personal care support",
	"Sensory Support: Support for visual impairment",
	"Sensory Support: Support for hearing impairment",
	"Sensory Support: Support for dual impairment",
	"Support with Memory & Cognition",
	"Learning Disability Support",
	"Mental Health Support",
	"Social Support: Substance misuse support",
	"Social Support: Asylum seeker support",
	"Social Support: Support for Social Isolation/Other",
	"Social Support: Support to Carer",
)

// accommodation is the CLD Release 2 accommodation status list with the ASCOF 2E "settled" flag (standards.md §1.4
// "Accommodation status (R2)"). DHSC's derived "Unknown: presumed …" values are not recorded, so they are not here.
var accommodation = []struct {
	value   string
	settled bool
}{
	{"Owner occupier or shared ownership scheme", true},
	{"Tenant: Local authority or other social housing provider", true},
	{"Tenant: Private landlord", true},
	{"Settled mainstream housing with family or friends", true},
	{"Supported accommodation, supported lodgings or supported group home", true},
	{"Shared Lives scheme", true},
	{"Approved premises for offenders released from prison or under probation supervision", true},
	{"Sheltered housing, extra care housing or other sheltered housing", true},
	{"Mobile accommodation for Gypsy, Roma and Traveller communities", true},
	{"Rough sleeper or squatting", false},
	{"Night shelter, emergency hostel or direct access hostel", false},
	{"Refuge", false},
	{"Placed in temporary accommodation by the council (inc. homelessness resettlement)", false},
	{"Staying with family or friends as a short term guest", false},
	{"Acute hospital or long term healthcare residential facility", false},
	{"Registered care home", false},
	{"Registered nursing home", false},
	{"Prison, young offenders institution or detention centre", false},
	{"Other temporary accommodation", false},
	{"Unknown", false},
}

// AccommodationStatus is the CLD Release 2 accommodation status list (standards.md §1.4 "Accommodation status
// (R2)"). AccommodationSettled gives each value's ASCOF 2E "settled" flag.
var AccommodationStatus = func() List {
	values := make([]string, len(accommodation))
	for i, a := range accommodation {
		values[i] = a.value
	}
	return plain("accommodation_status", values...)
}()

// AccommodationSettled reports whether an AccommodationStatus value counts as settled accommodation in the ASCOF
// 2E numerator (standards.md §1.4). Values not in the list, "Unknown" included, are not settled.
func AccommodationSettled(value string) bool {
	for _, a := range accommodation {
		if a.value == value {
			return a.settled
		}
	}
	return false
}

// RouteOfAccess is the CLD Release 1 request route of access list (standards.md §1.4 "Request route of access
// (R1)"). For carers whose route is not recorded locally, CLD expects RouteOfAccessDefault.
var RouteOfAccess = plain("route_of_access",
	"Planned Entry (Transition)",
	"Discharge from Hospital",
	"Diversion from Hospital Services",
	"Community / Other route",
	"Prison",
	"Self-Funder",
	"Discharge from Reablement",
	"Transfer from Other LA",
)

// RouteOfAccessDefault is the route of access to use for a carer whose route was not recorded (standards.md §1.4).
const RouteOfAccessDefault = "Community / Other route"

// ContactChannel is how a contact at the front door came in: by phone, email, letter, a visit in person, the
// council's online form, or a referral from another professional. It is apart from who got in touch (a daughter may
// phone, a GP may refer) and from the Client Level Data route of access. It is Golden Thread's own list, not a
// national one. ContactChannelNotRecorded is kept for contacts recorded before the channel was asked; a form never
// offers it (ContactChannels).
var ContactChannel = withLabels("contact_channel", []Code{
	{Value: "Phone", Label: "Phone call"},
	{Value: "Email"},
	{Value: "Letter"},
	{Value: "Visit", Label: "Visit in person"},
	{Value: "Online form"},
	{Value: "Another professional", Label: "Referral from another professional"},
	{Value: ContactChannelNotRecorded},
})

// ContactChannelNotRecorded is the channel of a contact recorded before the channel was asked: it is never chosen.
const ContactChannelNotRecorded = "Not recorded"

// ContactChannels returns the channels a new contact may be recorded with, in the order a form offers them: every
// ContactChannel value except ContactChannelNotRecorded.
func ContactChannels() []string {
	var out []string
	for _, v := range ContactChannel.Values() {
		if v != ContactChannelNotRecorded {
			out = append(out, v)
		}
	}
	return out
}

// ContactMethod is how the person would like to be contacted: a phone call, a text message, an email, a letter, or
// through someone else, such as a family member or an advocate. It is Golden Thread's own list. A person with none
// recorded has not been asked; people.Person.Validate refuses email without an email address, and a phone call or a
// text without a telephone number.
var ContactMethod = withLabels("contact_method", []Code{
	{Value: ContactMethodPhone, Label: "Phone call"},
	{Value: ContactMethodText, Label: "Text message"},
	{Value: ContactMethodEmail},
	{Value: "Letter"},
	{Value: "Someone else", Label: "Through someone else, such as a family member or advocate"},
})

// The contact methods that need a telephone number or an email address on the record.
const (
	ContactMethodPhone = "Phone"
	ContactMethodText  = "Text"
	ContactMethodEmail = "Email"
)

// Religion is the Census 2021 (England) religion list, with "Prefer not to say" because answering is voluntary. It
// is not in standards.md (from general knowledge, unverified): check it against the ONS wording before relying on
// it in a return.
var Religion = plain("religion",
	"No religion",
	"Christian",
	"Buddhist",
	"Hindu",
	"Jewish",
	"Muslim",
	"Sikh",
	"Any other religion",
	"Prefer not to say",
)

// SexualOrientation is the ONS sexual orientation list, with "Prefer not to say". It is not in standards.md (from
// general knowledge, unverified).
var SexualOrientation = plain("sexual_orientation",
	"Straight or heterosexual",
	"Gay or lesbian",
	"Bisexual",
	"Other sexual orientation",
	"Prefer not to say",
)

// Disability is the Census 2021 question on a long-term condition or illness that limits day-to-day activities,
// which follows the Equality Act 2010 definition, with "Prefer not to say". It is not in standards.md (from general
// knowledge, unverified).
var Disability = plain("disability",
	"Yes, limited a lot",
	"Yes, limited a little",
	"No",
	DisabilityPreferNotToSay,
)

// DisabilityPreferNotToSay is the Disability value recorded when the person prefers not to say.
const DisabilityPreferNotToSay = "Prefer not to say"

// Relationship is how someone who matters to the person is related to them. It is Golden Thread's own list, not a
// national one.
var Relationship = plain("relationship",
	"Spouse or partner",
	"Son",
	"Daughter",
	"Parent",
	"Brother",
	"Sister",
	"Other family member",
	"Friend",
	"Neighbour",
	"Carer",
	"Other",
)

// LegalAuthority is the legal authority someone holds to make decisions for the person under the Mental Capacity
// Act 2005 (standards.md §4.3 and §4.4 name both): a lasting power of attorney of either kind, or a deputy appointed by the Court of
// Protection. The empty value, labelled "None", means they hold none. It is Golden Thread's own list.
var LegalAuthority = withLabels("legal_authority", []Code{
	{Value: "", Label: "None"},
	{Value: "Lasting power of attorney: health and welfare"},
	{Value: "Lasting power of attorney: property and financial affairs"},
	{Value: "Court-appointed deputy"},
})

// ConsentScope lists whom the person agrees their information may be shared with. It is Golden Thread's own list.
// Consent is not the lawful basis for every share (safeguarding, for example), so these record the person's wishes.
var ConsentScope = plain("consent_scope",
	"Share with health professionals",
	"Share with family and people who matter",
	"Share with community organisations",
	"Share with housing",
	"Share with care and support providers",
	"Share with advocates",
)

// All returns every list, in a fixed order.
func All() []List {
	return []List{
		Ethnicity,
		Gender,
		ClientType,
		PrimarySupportReason,
		AccommodationStatus,
		RouteOfAccess,
		ContactChannel,
		ContactMethod,
		Religion,
		SexualOrientation,
		Disability,
		Relationship,
		LegalAuthority,
		ConsentScope,
		EventOutcome,
		ServiceType,
		ServiceComponent,
		DeliveryMechanism,
		ReviewReason,
		ReviewOutcome,
		CostFrequency,
		MethodOfAssessment,
		AssessmentType,
		WellbeingArea,
		AdultOutcome,
		CarerOutcome,
		// Safeguarding Adults Collection (safeguarding.go)
		SafeguardingRiskType,
		SafeguardingLocation,
		SafeguardingSource,
		SafeguardingActionResult,
		SafeguardingRiskOutcome,
		SafeguardingCapacity,
		MSPAsked,
		MSPAchieved,
	}
}
