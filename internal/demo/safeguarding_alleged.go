package demo

import "github.com/golden-thread/goldenthread/internal/safeguarding"

// sgAlleged is who is alleged to have caused the harm in each kind of demo concern, by what happened: a relative,
// a paid carer or a stranger, with whether they are in a position of trust or themselves an adult at risk. Nobody
// is alleged in self-neglect. Only the demo's safeguarding roles see them.
var sgAlleged = map[string]safeguarding.Alleged{
	"Her nephew collects her pension and she has had no money for food this week": {Someone: safeguarding.Yes, Name: "Dean Marsh",
		Relationship: "Nephew", Trust: safeguarding.Yes, AtRisk: safeguarding.No},
	"Home care visits missed three times this week; found in the same clothes as Monday": {Someone: safeguarding.Yes,
		Relationship: "Paid carers from the home care agency", Trust: safeguarding.Yes, AtRisk: safeguarding.No},
	"Pressure sore found by the district nurse; the care plan had not been followed": {Someone: safeguarding.Yes,
		Relationship: "Care home staff", Trust: safeguarding.Yes, AtRisk: safeguarding.No},
	"Bruising to both forearms after being moved by two staff": {Someone: safeguarding.Yes, Relationship: "Two nursing home care staff",
		Trust: safeguarding.Yes, AtRisk: safeguarding.No},
	"Told her GP her husband shouts at her and won't let her see her friends": {Someone: safeguarding.Yes, Relationship: "Husband",
		Trust: safeguarding.No, AtRisk: safeguarding.NotKnown},
	"Neighbour reports a strong smell and post piling up; he won't open the door to the housing officer": {Someone: safeguarding.No},
	"Paid a doorstep trader £4,000 for roof work that was never done": {Someone: safeguarding.Yes, Relationship: "Stranger: a doorstep trader",
		Trust: safeguarding.No, AtRisk: safeguarding.No},
	"Pushed over and her bag taken at the bus stop": {Someone: safeguarding.Yes, Relationship: "Stranger", Trust: safeguarding.No,
		AtRisk: safeguarding.NotKnown},
	"Disclosed to a nurse that another patient touched her": {Someone: safeguarding.Yes, Relationship: "Another patient on the ward",
		Trust: safeguarding.No, AtRisk: safeguarding.Yes},
	"Day centre staff mocked his accent in front of others": {Someone: safeguarding.Yes, Relationship: "Day centre staff",
		Trust: safeguarding.Yes, AtRisk: safeguarding.No},
	"Found working unpaid at a car wash and sleeping on site": {Someone: safeguarding.Yes, Relationship: "Stranger: the car wash's operator",
		Trust: safeguarding.No, AtRisk: safeguarding.No},
	"Discharged home without his medicines or any care in place": {Someone: safeguarding.Yes, Relationship: "Hospital ward staff",
		Trust: safeguarding.Yes, AtRisk: safeguarding.No},
}

// sgAllegedValues are a kind's alleged-person columns, in the order sgConcernCols ends with.
func sgAllegedValues(k sgKind) []any {
	a := sgAlleged[k.happened]
	return []any{string(a.Someone), a.Name, a.Relationship, string(a.Trust), string(a.AtRisk)}
}
