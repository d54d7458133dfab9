package demo

import (
	"context"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// addDiscovery gives the council what its implementation programme found and dreamed: a dozen findings from the
// discovery, from every source; three versions of the vision, the latest co-produced with experts by experience
// and carers; both cultural webs with every element filled in; and a stakeholder map of twelve across the grid. The
// quality lead records them, through the discovery store. Each change on the to-be web is linked to the programme's
// actions whose wording matches it (demoChanges), when the programme has them, so it runs after the programme.
func addDiscovery(ctx context.Context, db *sqldb.DB, staff []councils.Staff) error {
	lead, as := qualityLead(ctx, staff)
	s := discovery.NewStore(db)
	today := db.Today()
	daysAgo := func(n int) sqldb.Date { return sqldb.NewDate(today.AddDate(0, 0, -n)) }
	for _, f := range demoFindings {
		if _, err := s.SaveFinding(as, discovery.Finding{Kind: f.kind, Text: f.text, Source: f.source, FoundOn: daysAgo(f.daysAgo),
			Workstream: f.workstream}); err != nil {
			return fmt.Errorf("demo finding %q: %w", f.text, err)
		}
	}
	for _, v := range demoVisions {
		if _, err := s.AddVision(as, discovery.VisionVersion{Statement: v.statement, AgreedOn: daysAgo(v.daysAgo), CoProducers: v.who,
			Session: v.session}); err != nil {
			return fmt.Errorf("demo vision: %w", err)
		}
	}
	actions, err := s.Actions(as)
	if err != nil {
		return fmt.Errorf("demo cultural web: %w", err)
	}
	for _, o := range demoWeb {
		obs := discovery.Observation{Web: o.web, Element: o.element, Text: o.text, Source: o.source}
		if o.web == discovery.ToBe {
			obs.Actions = matchingActions(actions, o.actionWords)
		}
		if _, err := s.SaveObservation(as, obs); err != nil {
			return fmt.Errorf("demo observation %q: %w", o.text, err)
		}
	}
	owners := map[councils.Role]string{}
	for _, st := range staff {
		if _, ok := owners[st.Role]; !ok {
			owners[st.Role] = st.ID
		}
	}
	for _, x := range demoStakeholders {
		owner := owners[x.owner]
		if owner == "" {
			owner = lead.ID
		}
		if _, err := s.SaveStakeholder(as, discovery.Stakeholder{Name: x.name, Organisation: x.organisation, Kind: x.kind, Influence: x.influence,
			Interest: x.interest, Engagement: x.engagement, OwnerID: owner}); err != nil {
			return fmt.Errorf("demo stakeholder %q: %w", x.name, err)
		}
	}
	return nil
}

// matchingActions are the programme's actions whose wording contains any of words, ignoring case.
func matchingActions(actions []discovery.LinkedAction, words []string) []discovery.LinkedAction {
	var out []discovery.LinkedAction
	for _, a := range actions {
		title := strings.ToLower(a.Title)
		for _, w := range words {
			if strings.Contains(title, strings.ToLower(w)) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

var demoFindings = []struct {
	kind       discovery.Kind
	text       string
	source     discovery.Source
	daysAgo    int
	workstream string
}{
	{discovery.Strength, "Practitioners know their neighbourhoods and the groups in them well", discovery.Workshop, 200, "Practice"},
	{discovery.Strength, "Carers say the hospital discharge team listens and explains what happens next", discovery.Survey, 196, "Practice"},
	{discovery.Strength, "Good conversations are happening: the best files start with what matters to the person", discovery.FileReview, 192, "Practice"},
	{discovery.Strength, "Team managers want to give staff more freedom to decide", discovery.Interview, 190, "Culture and leadership"},
	{discovery.Strength, "The voluntary sector is keen to work alongside the front door", discovery.Workshop, 188, "Processes and systems"},
	{discovery.Strength, "Experts by experience are ready to co-produce and to sit on the board", discovery.Other, 185, ""},
	{discovery.Opportunity, "People wait weeks for an assessment while forms pass between teams", discovery.FileReview, 199, "Processes and systems"},
	{discovery.Opportunity, "Panels decide on support that practitioners have already agreed with the person", discovery.Interview, 197, "Culture and leadership"},
	{discovery.Opportunity, "Staff say the recording system asks for the same thing three times", discovery.Survey, 195, "Processes and systems"},
	{discovery.Opportunity, "Plans describe services more often than the person's own outcomes", discovery.FileReview, 191, "Practice"},
	{discovery.Opportunity, "Supervision is about caseload numbers, not reflection", discovery.Workshop, 189, "Culture and leadership"},
	{discovery.Opportunity, "People and carers are rarely asked what worked after support ends", discovery.Survey, 186, "Practice"},
}

var demoVisions = []struct {
	statement string
	daysAgo   int
	who       []discovery.CoProducer
	session   string
}{
	{"Adult social care helps people live the life they want, in their own community.", 170,
		[]discovery.CoProducer{discovery.Staff}, "Senior leadership away day"},
	{"We start with what matters to people and what they can already do, and help them live the life they want, close to home.", 150,
		[]discovery.CoProducer{discovery.Staff, discovery.Carers}, "Carers' forum and staff workshop"},
	{"Living my life, my way, with the people and places that matter to me: we listen first, build on what is strong, and act quickly when help is needed.", 130,
		[]discovery.CoProducer{discovery.ExpertsByExperience, discovery.Carers, discovery.Staff}, "Co-production day at the central library, with 9 experts by experience and 4 carers"},
}

var demoWeb = []struct {
	web     discovery.WebKind
	element discovery.Element
	text    string
	source  discovery.Source
	// actionWords are words of the programme's demo actions (internal/demo/programme.go) that make a to-be change.
	// Measuring what matters has none yet, so that the web shows a change still to plan.
	actionWords []string
}{
	{discovery.AsIs, discovery.Paradigm, "We are here to assess for services and ration them", discovery.Workshop, nil},
	{discovery.AsIs, discovery.Paradigm, "Risk is to be avoided", discovery.Interview, nil},
	{discovery.AsIs, discovery.Stories, "Stories of people failed by delay while their forms waited", discovery.Workshop, nil},
	{discovery.AsIs, discovery.Stories, "The one who got in trouble for taking a positive risk", discovery.Interview, nil},
	{discovery.AsIs, discovery.Rituals, "Forms are the work", discovery.FileReview, nil},
	{discovery.AsIs, discovery.Rituals, "Every case goes to allocation meeting before anyone speaks to the person", discovery.FileReview, nil},
	{discovery.AsIs, discovery.Symbols, "The language of packages, placements and service users", discovery.FileReview, nil},
	{discovery.AsIs, discovery.Structures, "Separate teams for assessment and for review, with hand-offs between them", discovery.Workshop, nil},
	{discovery.AsIs, discovery.Controls, "Performance is the number of assessments completed in 28 days", discovery.Survey, nil},
	{discovery.AsIs, discovery.Power, "Panels decide", discovery.Interview, nil},
	{discovery.ToBe, discovery.Paradigm, "We help people live the life they want, building on their strengths and their community", discovery.Workshop,
		[]string{"operating model"}},
	{discovery.ToBe, discovery.Stories, "Stories of good lives, told by the people who live them", discovery.Other,
		[]string{"practice forum"}},
	{discovery.ToBe, discovery.Rituals, "Conversations first: a good conversation before any form", discovery.Workshop,
		[]string{"assessment form", "skills sessions"}},
	{discovery.ToBe, discovery.Rituals, "Reflective supervision every month", discovery.Survey,
		[]string{"practice development lead"}},
	{discovery.ToBe, discovery.Symbols, "People's own words in plans: no jargon", discovery.FileReview,
		[]string{"assessment form"}},
	{discovery.ToBe, discovery.Structures, "Locality teams that hold a person from first contact to review", discovery.Workshop,
		[]string{"team structure", "staff each team needs"}},
	{discovery.ToBe, discovery.Controls, "Measure what matters to people: outcomes met and time to first conversation", discovery.Survey,
		nil},
	{discovery.ToBe, discovery.Power, "Practitioners decide with people, within clear limits, without a panel", discovery.Interview,
		[]string{"assessment and review process"}},
}

var demoStakeholders = []struct {
	name, organisation  string
	kind                discovery.StakeholderKind
	influence, interest discovery.Level
	engagement          string
	owner               councils.Role
}{
	{"Director of Adult Social Services", "The council", discovery.StaffMember, discovery.High, discovery.High, "Chairs the Programme Board; fortnightly meeting with the programme lead", councils.QualityLead},
	{"Cabinet member for adult care", "The council", discovery.ElectedMember, discovery.High, discovery.Low, "A quarterly briefing and the board report", councils.QualityLead},
	{"Experts by experience panel", "Twelve people who draw on care", discovery.ExpertByExperience, discovery.High, discovery.High, "Co-produce the vision and the design; two seats on the board", councils.QualityLead},
	{"Carers' forum", "Local carers' centre", discovery.Carer, discovery.Low, discovery.High, "Monthly forum visit and a newsletter item", councils.TeamManager},
	{"Team managers", "All localities", discovery.StaffMember, discovery.High, discovery.High, "Weekly huddle; each leads one action", councils.QualityLead},
	{"Practitioners", "All teams", discovery.StaffMember, discovery.Low, discovery.High, "Practice forums, the staff survey and the network", councils.TeamManager},
	{"Finance business partner", "Corporate finance", discovery.Partner, discovery.High, discovery.Low, "Monthly budget review with the programme lead", councils.QualityLead},
	{"Integrated care board", "NHS", discovery.Partner, discovery.High, discovery.Low, "Joint commissioning group, each quarter", councils.QualityLead},
	{"Voluntary sector alliance", "Community organisations", discovery.Partner, discovery.Low, discovery.High, "Invited to the design workshops; monthly network", councils.TeamManager},
	{"Trade union representatives", "Unison", discovery.Partner, discovery.Low, discovery.Low, "Consulted on any change to roles", councils.QualityLead},
	{"Scrutiny committee", "The council", discovery.ElectedMember, discovery.Low, discovery.Low, "An annual report", councils.QualityLead},
	{"Recording system supplier", "IT supplier", discovery.OtherStakeholder, discovery.Low, discovery.Low, "Change requests through IT", councils.QualityLead},
}
