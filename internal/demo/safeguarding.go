package demo

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo council's safeguarding: a few people in a hundred each year have a concern raised about them. Most are
// decided within the two days the council allows; about four in ten lead to a section 42 enquiry and a few to an
// other enquiry under the council's power. Most people are asked what they want from the enquiry, in their words,
// and at the end whether they got it, so that the Safeguarding Adults Collection summary has figures to show. The
// rows are the ones safeguarding.Store writes, with its chronology summaries, inside the history's transaction
// (whose one access-log entry a person covers them).

var (
	sgConcernCols = []string{"council_id", "id", "person_id", "raised_by_staff", "raiser_name", "raiser_relationship", "raiser_organisation",
		"received_at", "what_happened", "immediate_actions", "decision_due_at", "needs_met", "needs_reason", "abuse_met", "abuse_reason",
		"unable_met", "unable_reason", "decision", "decision_reason", "decided_at", "decided_by", "created_at", "created_by", "updated_at",
		"updated_by", "version", "alleged", "alleged_name", "alleged_relationship", "alleged_trust", "alleged_at_risk"}
	sgCodeCols     = []string{"council_id", "concern_id", "list", "value"}
	sgEnquiryCols  = []string{"council_id", "id", "concern_id", "person_id", "kind", "lead_staff", "started_on", "msp_asked", "msp_asked_on", "closed_on", "action_result", "risk_outcome", "risk_reason", "capacity", "closing_note", "created_at", "created_by", "updated_at", "updated_by", "version"}
	sgOutcomeCols  = []string{"council_id", "id", "enquiry_id", "position", "words", "achieved"}
	sgInvolvedCols = []string{"council_id", "id", "enquiry_id", "name", "role", "detail", "created_at"}
	sgStepCols     = []string{"council_id", "id", "enquiry_id", "taken_on", "what", "taken_by", "staff_id", "created_at"}
)

// sgKind is a kind of concern, with what was said and what the person wanted, in their words.
type sgKind struct {
	types     []string
	location  string
	source    string
	happened  string
	immediate string
	wants     []string
	weight    int
}

var sgKinds = []sgKind{
	{[]string{"Financial or Material Abuse"}, "Own Home", "Other - Known to individual", "Her nephew collects her pension and she has had no money for food this week",
		"Checked there was food in the flat; food bank parcel delivered", []string{"I want to have my own bank card back", "I don't want him to get into trouble"}, 14},
	{[]string{"Neglect and Acts of Omission"}, "Own Home", "Service Provider", "Home care visits missed three times this week; found in the same clothes as Monday",
		"Provider told; a reablement worker visited the same day", []string{"I want the carers to come when they say they will", "I want to choose when I get up"}, 16},
	{[]string{"Neglect and Acts of Omission", "Organisational Abuse"}, "Care Home - Residential", "Service Provider", "Pressure sore found by the district nurse; the care plan had not been followed",
		"District nurse dressing the sore daily", []string{"I want my sore to heal", "I want to stay in this home with my friends"}, 9},
	{[]string{"Physical Abuse"}, "Care Home - Nursing", "Service Provider", "Bruising to both forearms after being moved by two staff",
		"The staff named were moved to other duties while the home looked into it", []string{"I want to feel safe when they help me", "I want to know it won't happen again"}, 6},
	{[]string{"Psychological Abuse", "Domestic Abuse"}, "Own Home", "Other - Known to individual", "Told her GP her husband shouts at her and won't let her see her friends",
		"Spoke to her alone; she has the helpline number", []string{"I want to see my friends on Thursdays", "I want to stay married but I want him to stop"}, 8},
	{[]string{"Self-Neglect"}, "Own Home", "Other - Known to individual", "Neighbour reports a strong smell and post piling up; he won't open the door to the housing officer",
		"Welfare check with the police; he is eating and warm", []string{"I want to be left alone in my own home", "I want help with the garden, not the house"}, 10},
	{[]string{"Financial or Material Abuse"}, "Own Home", "Other - Unknown to individual", "Paid a doorstep trader £4,000 for roof work that was never done",
		"Bank contacted; Trading Standards told", []string{"I want my money back", "I don't want anyone knocking at my door"}, 6},
	{[]string{"Physical Abuse"}, "In the Community", "Other - Unknown to individual", "Pushed over and her bag taken at the bus stop",
		"Police attended; she is staying with her daughter tonight", []string{"I want to go to the shops on my own again"}, 3},
	{[]string{"Sexual Abuse"}, "Hospital - Mental Health", "Other - Known to individual", "Disclosed to a nurse that another patient touched her",
		"Moved to a single room; police informed", []string{"I want to feel safe on the ward", "I want the police to know"}, 2},
	{[]string{"Discriminatory Abuse", "Psychological Abuse"}, "Community Service", "Service Provider", "Day centre staff mocked his accent in front of others",
		"Manager of the day centre told the same day", []string{"I want an apology", "I want to keep going to the day centre"}, 2},
	{[]string{"Modern Slavery"}, "Other", "Other - Unknown to individual", "Found working unpaid at a car wash and sleeping on site",
		"Police and the Salvation Army attended; safe house tonight", []string{"I want to be safe and paid for my work"}, 1},
	{[]string{"Neglect and Acts of Omission"}, "Hospital - Acute", "Other - Known to individual", "Discharged home without his medicines or any care in place",
		"Hospital discharge team contacted; medicines delivered", []string{"I want to be at home with the right help"}, 3},
}

var sgRelationships = []struct{ name, relationship, organisation string }{
	{"Pat Okafor", "Neighbour", ""}, {"Joan Reilly", "Daughter", ""}, {"Sam Patel", "", "Exampleshire Home Care"},
	{"Dr R Green", "", "Exampleton Surgery"}, {"PC Example", "", "Exampleshire Police"}, {"Kim Lewis", "Son", ""},
	{"District nurse", "", "Exampleshire Community Health"},
}

func sgPickKind(rng *rand.Rand) sgKind {
	total := 0
	for _, k := range sgKinds {
		total += k.weight
	}
	n := rng.IntN(total)
	for _, k := range sgKinds {
		if n < k.weight {
			return k
		}
		n -= k.weight
	}
	return sgKinds[0]
}

func sgWeighted(rng *rand.Rand, values []string, weights []int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return values[i]
		}
		n -= w
	}
	return values[0]
}

// safeguarding writes a person's safeguarding history: about one person in forty a year has a concern raised.
func (h *historian) safeguarding(p people.Person, n int) {
	rng := rand.New(rand.NewPCG(0x5afe9a2d, uint64(n)))
	for year := range 5 {
		if rng.IntN(1000) >= 25 {
			continue
		}
		from := h.start.AddDate(year, 0, 0)
		received := at(rng, day(from, rng.IntN(365)))
		if !received.Before(h.today) {
			continue
		}
		h.concern(p, rng, received)
	}
}

func (h *historian) concern(p people.Person, rng *rand.Rand, received time.Time) {
	k := sgPickKind(rng)
	council, id := h.council, sqldb.NewID()
	worker := h.staff.worker(rng, p.TeamID)
	manager := h.staff.managerOf(p.TeamID)
	raisedBy, name, rel, org := "", "", "", ""
	if rng.IntN(3) == 0 && worker != "" {
		raisedBy = worker
	} else {
		r := sgRelationships[rng.IntN(len(sgRelationships))]
		name, rel, org = r.name, r.relationship, r.organisation
	}
	due := safeguarding.DecisionDue(received, 2)
	event := func(on time.Time, summary, ref, staff string) {
		h.b.add("person_event", eventCols, council, sqldb.NewID(), p.ID, nil, sqldb.UKDate(on), on, string(chronology.Safeguarding), clip(summary), ref, staff)
	}
	// Decided within the two days mostly; a few late; the newest perhaps not yet.
	decidedAt := received.Add(time.Duration(2+rng.IntN(40)) * time.Hour)
	if rng.IntN(10) == 0 {
		decidedAt = received.Add(time.Duration(50+rng.IntN(100)) * time.Hour)
	}
	decided := decidedAt.Before(h.today)
	result := safeguarding.None
	switch w := rng.IntN(100); {
	case w < 42:
		result = safeguarding.Section42
	case w < 52:
		result = safeguarding.Other
	}
	needs, abuse, unable := "yes", "yes", "yes"
	reason := ""
	switch result {
	case safeguarding.Other:
		needs, reason = "no", "No care and support needs, but she asked for help and the risk is serious: enquiry under the council's power"
	case safeguarding.None:
		unable, reason = "no", pick(rng, []string{"Advice given; the person is able to protect themselves and chose to", "Referred to the police and the GP; review of the support plan brought forward", "Provider's own investigation, with the outcome to be sent to us"})
	}
	vals := []any{council, id, p.ID, raisedBy, name, rel, org, received, k.happened, k.immediate, due}
	if decided {
		vals = append(vals, needs, "Known to adult social care; needs help with daily living", abuse, "What was described is abuse or neglect, or a risk of it",
			unable, map[string]string{"yes": "Relies on others and could not stop it alone", "no": "Able to protect themselves and chose how"}[unable],
			string(result), reason, decidedAt, manager)
	} else {
		vals = append(vals, "", "", "", "", "", "", "", "", nil, "")
	}
	version := 1
	if decided {
		version = 2
	}
	vals = append(vals, received, raisedBy, received, raisedBy, version)
	vals = append(vals, sgAllegedValues(k)...)
	h.b.add("safeguarding_concern", sgConcernCols, vals...)
	for _, t := range k.types {
		h.b.add("safeguarding_code", sgCodeCols, council, id, safeguarding.ListType, t)
	}
	h.b.add("safeguarding_code", sgCodeCols, council, id, safeguarding.ListLocation, k.location)
	h.b.add("safeguarding_code", sgCodeCols, council, id, safeguarding.ListSource, k.source)
	event(received, "Safeguarding concern raised: "+strings.Join(k.types, ", "), id, raisedBy)
	if !decided {
		return
	}
	event(decidedAt, "Section 42 decision: "+result.Label(), id, manager)
	if !result.Enquires() {
		return
	}
	h.enquiry(p, rng, id, result, manager, decidedAt, k, event)
}

func (h *historian) enquiry(p people.Person, rng *rand.Rand, concernID string, kind safeguarding.Result, lead string, started time.Time,
	k sgKind, event func(on time.Time, summary, ref, staff string)) {
	council, id := h.council, sqldb.NewID()
	startedOn := sqldb.UKDate(started)
	event(started, kind.Label()+" started", id, lead)
	asked := sgWeighted(rng, codelists.MSPAsked.Values(), []int{76, 9, 8, 4, 3})
	var wants []string
	if asked == codelists.MSPAskedExpressed {
		wants = k.wants[:1+rng.IntN(len(k.wants))]
	}
	askedOn := day(started, rng.IntN(3))
	stepOn := askedOn
	type step struct {
		on   time.Time
		what string
	}
	var steps []step
	for _, what := range []string{"Spoke with the person on their own about what happened and what they want",
		"Met the provider's manager and read the care records", "Strategy discussion with the police and the GP",
		"Agreed a protection plan with the person and their family"}[:2+rng.IntN(3)] {
		stepOn = day(stepOn, 2+rng.IntN(12))
		steps = append(steps, step{stepOn, what})
	}
	closedOn := day(stepOn, 3+rng.IntN(20))
	closed := closedOn.Before(day(h.today, -1))
	if !askedOn.Before(h.today) {
		asked, wants = "", nil
	}
	var closing []any
	var achieved []string
	if closed && asked != "" {
		action := sgWeighted(rng, codelists.SafeguardingActionResult.Values(), []int{62, 5, 8, 3, 6, 8, 8})
		risk, why := "", ""
		if action == codelists.RiskIdentifiedActionTaken {
			risk = sgWeighted(rng, codelists.SafeguardingRiskOutcome.Values(), []int{9, 61, 30})
			why = map[string]string{"Risk remained": "She chose to keep living with him; she knows how to get help", "Risk reduced": "Protection plan in place and checked weekly",
				"Risk removed": "The person causing harm has moved away"}[risk]
		}
		capacity := sgWeighted(rng, codelists.SafeguardingCapacity.Values(), []int{24, 66, 6, 4})
		closing = []any{sqldb.UKDate(closedOn), action, risk, why, capacity, ""}
		for range wants {
			achieved = append(achieved, sgWeighted(rng, codelists.MSPAchieved.Values(), []int{62, 30, 8}))
		}
	} else {
		closed = false
		closing = []any{nil, "", "", "", "", ""}
	}
	var mspOn any
	if asked != "" {
		mspOn = sqldb.UKDate(askedOn)
	}
	vals := append([]any{council, id, concernID, p.ID, string(kind), lead, startedOn, asked, mspOn}, closing...)
	vals = append(vals, started, lead, started, lead, 1+len(steps)+1)
	h.b.add("safeguarding_enquiry", sgEnquiryCols, vals...)
	if asked != "" {
		summary := "Making Safeguarding Personal: " + strings.ToLower(asked[:1]) + asked[1:]
		event(at(rng, askedOn), summary, id, lead)
	}
	for i, w := range wants {
		a := ""
		if closed {
			a = achieved[i]
		}
		h.b.add("safeguarding_outcome", sgOutcomeCols, council, sqldb.NewID(), id, i+1, w, a)
	}
	h.b.add("safeguarding_involved", sgInvolvedCols, council, sqldb.NewID(), id, p.GivenName+" "+p.FamilyName, string(safeguarding.ThePerson), "", started)
	if rng.IntN(3) == 0 {
		h.b.add("safeguarding_involved", sgInvolvedCols, council, sqldb.NewID(), id, "Exampleshire Advocacy", string(safeguarding.Advocate), "Independent advocate", started)
	}
	if asked != "" {
		for _, s := range steps {
			if !s.on.Before(h.today) {
				break
			}
			h.b.add("safeguarding_step", sgStepCols, council, sqldb.NewID(), id, sqldb.UKDate(s.on), s.what, "The lead enquirer", lead, at(rng, s.on))
			event(at(rng, s.on), "Safeguarding enquiry step: "+s.what, id, lead)
		}
	}
	if closed {
		summary := kind.Label() + " closed: " + closing[1].(string)
		if r := closing[2].(string); r != "" {
			summary += "; " + strings.ToLower(r)
		}
		if o := safeguarding.Overall(achieved); o != "" {
			summary += "; the person's outcomes " + strings.ToLower(o)
		}
		event(at(rng, closedOn), summary, id, lead)
	}
}
