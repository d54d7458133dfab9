package safeguardingpage_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// sgFixture is a person with three concerns: one waiting for its decision, one with a section 42 enquiry that has
// Making Safeguarding Personal recorded, and one with an enquiry that has not.
type sgFixture struct {
	person                  people.Person
	undecided, asked, fresh string
	mine                    string // a concern the practitioner raised, naming the person alleged to have caused harm
	askedVersion            int
	freshVersion            int
	outcomeIDs              []string
	lead                    string // the team manager, a lead enquirer
}

func newSgFixture(t *testing.T, site *apptest.Site, db *sqldb.DB) sgFixture {
	t.Helper()
	worker, manager := site.A.Staff[councils.Practitioner], site.A.Staff[councils.TeamManager]
	f := sgFixture{person: peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID)), lead: manager.ID}
	ctx := peopletest.As(manager)
	store := site.App.Safeguarding
	raiseAs := func(ctx context.Context) string {
		r, err := store.Raise(ctx, f.person.ID, safeguarding.NewConcern{RaisedBy: safeguarding.RaisedByMe, ReceivedAt: db.Now().Add(-time.Hour),
			WhatHappened: "Her son takes her pension", Types: []string{"Financial or Material Abuse"}, Locations: []string{"Own Home"},
			Sources: []string{"Other - Known to individual"},
			Alleged: safeguarding.Alleged{Someone: safeguarding.Yes, Name: "Dan Alleged", Relationship: "Son", Trust: safeguarding.Yes, AtRisk: safeguarding.NotKnown}})
		if err != nil {
			t.Fatal(err)
		}
		return r.ConcernID
	}
	raise := func() string { return raiseAs(ctx) }
	yes := safeguarding.Criterion{Met: safeguarding.Yes, Reason: "Frail and dependent on him"}
	decide := func(id string) int {
		v, err := store.Decide(ctx, f.person.ID, id, safeguarding.Decision{Needs: yes, Abuse: yes, Unable: yes, LeadStaffID: manager.ID}, 1)
		if err != nil {
			t.Fatal(err)
		}
		return v.Enquiry.Version
	}
	f.undecided, f.asked, f.fresh, f.mine = raise(), raise(), raise(), raiseAs(peopletest.As(worker))
	v := decide(f.asked)
	if err := store.StartMSP(ctx, f.person.ID, f.asked, safeguarding.MSPStart{Asked: codelists.MSPAskedExpressed, Outcomes: []string{"I want to keep my money safe"}}, v); err != nil {
		t.Fatal(err)
	}
	f.freshVersion = decide(f.fresh)
	got, err := store.Get(ctx, f.person.ID, f.asked)
	if err != nil {
		t.Fatal(err)
	}
	f.askedVersion = got.Enquiry.Version
	for _, o := range got.Enquiry.Outcomes {
		f.outcomeIDs = append(f.outcomeIDs, o.ID)
	}
	return f
}

// sgState is everything the person's safeguarding record holds, as one comparable string.
func sgState(t *testing.T, site *apptest.Site, f sgFixture) string {
	t.Helper()
	pc, err := site.App.Safeguarding.Person(accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID),
		site.A.Staff[councils.QualityLead]), "test"), f.person.ID)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range pc.Concerns {
		fmt.Fprintf(&b, "%s v%d %s|", c.ID, c.Version, c.Result)
		if e, ok := pc.Enquiry[c.ID]; ok {
			v, err := site.App.Safeguarding.Get(accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID),
				site.A.Staff[councils.QualityLead]), "test"), f.person.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "e v%d %s %d %d %d %s|", e.Version, e.MSPAsked, len(v.Enquiry.Outcomes), len(v.Enquiry.Steps), len(v.Enquiry.Involved), e.ClosedOn)
		}
	}
	return b.String()
}

func sgDate(prefix string, d time.Time, v url.Values) {
	v.Set(prefix+"-day", fmt.Sprint(d.Day()))
	v.Set(prefix+"-month", fmt.Sprint(int(d.Month())))
	v.Set(prefix+"-year", fmt.Sprint(d.Year()))
}

func raiseForm(fn func(v url.Values)) func(sgFixture) url.Values {
	return func(sgFixture) url.Values {
		v := url.Values{"raised_by": {"other"}, "raiser_name": {"Pat Example"}, "raiser_relationship": {"Neighbour"}, "received_time": {"09:15"},
			"what_happened": {"Heard shouting next door"}, "types": {"Psychological Abuse"}, "locations": {"Own Home"}, "sources": {"Other - Known to individual"},
			"alleged": {"yes"}, "alleged_name": {"Dan Alleged"}, "alleged_relationship": {"Son"}, "alleged_trust": {"yes"}, "alleged_at_risk": {"no"}}
		sgDate("received_at", time.Now().AddDate(0, 0, -1), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func decisionForm(fn func(v url.Values)) func(sgFixture) url.Values {
	return func(f sgFixture) url.Values {
		v := url.Values{"version": {"1"}, "needs": {"yes"}, "needs_reason": {"Known to us"}, "abuse": {"yes"}, "abuse_reason": {"Bruising"},
			"unable": {"no"}, "unable_reason": {"She can speak up"}, "choice": {"none"}, "reason": {"Advice and a review of her plan"}, "lead": {f.lead}}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func stepFormSg(stale bool, what string) func(sgFixture) url.Values {
	return func(f sgFixture) url.Values {
		v := url.Values{"version": {fmt.Sprint(f.askedVersion)}, "what": {what}, "by": {"Test Team manager"}}
		if stale {
			v.Set("version", fmt.Sprint(f.askedVersion-1))
		}
		sgDate("taken_on", time.Now(), v)
		return v
	}
}

func closeForm(fn func(f sgFixture, v url.Values)) func(sgFixture) url.Values {
	return func(f sgFixture) url.Values {
		v := url.Values{"version": {fmt.Sprint(f.askedVersion)}, "action_result": {codelists.RiskIdentifiedActionTaken}, "risk_outcome": {"Risk reduced"},
			"risk_reason": {"Her bank now checks large withdrawals"}, "capacity": {"No, they did not lack capacity"}}
		for _, id := range f.outcomeIDs {
			v.Set("achieved-"+id, "Partially Achieved")
		}
		sgDate("closed_on", time.Now(), v)
		if fn != nil {
			fn(f, v)
		}
		return v
	}
}

// involvedFirst is someone else adding a police officer to the enquiry of one of the fixture's concerns (which) after
// the form was opened, so that the form's version is stale.
func involvedFirst(which func(sgFixture) string) func(*testing.T, *apptest.Site, sgFixture) {
	return func(t *testing.T, site *apptest.Site, f sgFixture) {
		t.Helper()
		v, err := site.App.Safeguarding.Get(peopletest.As(site.A.Staff[councils.QualityLead]), f.person.ID, which(f))
		if err != nil {
			t.Fatal(err)
		}
		if err := site.App.Safeguarding.AddInvolved(peopletest.As(site.A.Staff[councils.QualityLead]), f.person.ID, which(f),
			safeguarding.Involved{Name: "PC Priya Officer", Role: safeguarding.Police}, v.Enquiry.Version); err != nil {
			t.Fatal(err)
		}
	}
}

func askedConcern(f sgFixture) string { return f.asked }
func freshConcern(f sgFixture) string { return f.fresh }

func TestSafeguardingPagesKeepToSafeguardingRolesAndLogAccess(t *testing.T) {
	t.Parallel()
	const sg = "/people/{id}/safeguarding"
	fixed := func(v url.Values) func(sgFixture) url.Values { return func(sgFixture) url.Values { return v } }
	view, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Update}
	type scenario struct {
		name, method, path string
		as                 func(*apptest.Site) councils.Staff
		form               func(sgFixture) url.Values
		wantStatus         int
		wantBody, notBody  []string
		wantLog            []accesslog.Action
		unchanged          bool
		// again, after a 409, posts the form once more with the version the refused page carries: it must save,
		// logging these.
		again []accesslog.Action
		// first is what someone else saves after the form was opened and before it is posted.
		first func(*testing.T, *apptest.Site, sgFixture)
	}
	scenarios := []scenario{
		// The person's page: a notice for safeguarding staff, nothing at all for others.
		{name: "person page shows the manager the undecided concern", method: "GET", path: "/people/{id}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"A safeguarding enquiry is open", "Raise a safeguarding concern", `href="/people/{id}/safeguarding"`}, wantLog: view},
		{name: "person page shows a practitioner only the concern they raised", method: "GET", path: "/people/{id}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Raise a safeguarding concern", "You raised a safeguarding concern", `href="/people/{id}/safeguarding/{mine}/received"`},
			notBody:  []string{"safeguarding enquiry", `href="/people/{id}/safeguarding"`, "Dan Alleged"}, wantLog: view},
		{name: "person page shows someone who raised nothing nothing", method: "GET", path: "/people/{id}", as: apptest.AAdvice, wantStatus: 200,
			notBody: []string{"safeguarding concern on", "safeguarding enquiry", "Dan Alleged"}, wantLog: view},

		// The raiser's receipt: received, and by whom, without what it says.
		{name: "receipt for the practitioner who raised it", method: "GET", path: sg + "/{mine}/received", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Safeguarding concern received", "Being looked at by", "The safeguarding team: Team manager, Principal social worker or quality lead"},
			notBody:  []string{"Dan Alleged", "Son", "pension", "Financial or Material Abuse", "Own Home"}, wantLog: view},
		{name: "receipt for someone who did not raise it", method: "GET", path: sg + "/{mine}/received", as: apptest.AAdvice, wantStatus: 404},
		{name: "receipt from another council", method: "GET", path: sg + "/{mine}/received", as: apptest.BWorker, wantStatus: 404},
		{name: "the concern itself for the practitioner who raised it", method: "GET", path: sg + "/{mine}", as: apptest.AWorker, wantStatus: 404},

		// Raising a concern.
		{name: "raise form", method: "GET", path: sg + "/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Raise a safeguarding concern", "Self-Neglect", "Care Home - Nursing", "Other - Unknown to individual"}, wantLog: view},
		{name: "raise form from another council", method: "GET", path: sg + "/new", as: apptest.BWorker, wantStatus: 404},
		{name: "raise form as finance", method: "GET", path: sg + "/new", as: apptest.AFinance, wantStatus: 403},
		{name: "a practitioner raises a concern and is told only that it went to the team", method: "POST", path: sg + "/new", as: apptest.AWorker, form: raiseForm(nil), wantStatus: 303, wantLog: update},
		{name: "a manager raises a concern", method: "POST", path: sg + "/new", as: apptest.AManager, form: raiseForm(nil), wantStatus: 303, wantLog: update},
		{name: "a concern with mistakes", method: "POST", path: sg + "/new", as: apptest.AWorker, form: raiseForm(func(v url.Values) {
			v.Del("types")
			v.Set("raiser_name", "")
			v.Set("what_happened", "")
		}), wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-raiser_name"`, `href="#f-what_happened"`, `href="#f-types"`, "Select at least one type of abuse or neglect"}, wantLog: view, unchanged: true},
		{name: "a concern not saying whether anyone is alleged to have caused it", method: "POST", path: sg + "/new", as: apptest.AWorker, form: raiseForm(func(v url.Values) {
			v.Del("alleged")
		}), wantStatus: 422, wantBody: []string{`href="#f-alleged"`, "Select whether anyone is alleged to have caused the harm"}, wantLog: view, unchanged: true},
		{name: "someone alleged without their relationship", method: "POST", path: sg + "/new", as: apptest.AWorker, form: raiseForm(func(v url.Values) {
			v.Del("alleged_relationship")
			v.Del("alleged_trust")
		}), wantStatus: 422, wantBody: []string{`href="#f-alleged_relationship"`, `href="#f-alleged_trust"`, "Dan Alleged"}, wantLog: view, unchanged: true},
		{name: "a concern from another council", method: "POST", path: sg + "/new", as: apptest.BWorker, form: raiseForm(nil), wantStatus: 404, unchanged: true},

		// The person's safeguarding record.
		{name: "safeguarding record", method: "GET", path: sg, as: apptest.AManager, wantStatus: 200, wantBody: []string{"Financial or Material Abuse", "Section 42 enquiry open", "Decision due"}, wantLog: view},
		{name: "safeguarding record as a practitioner", method: "GET", path: sg, as: apptest.AWorker, wantStatus: 404},
		{name: "safeguarding record from another council", method: "GET", path: sg, as: apptest.BQuality, wantStatus: 404},

		// A concern and its decision.
		{name: "concern", method: "GET", path: sg + "/{undecided}", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Her son takes her pension", "Decide whether the section 42 duty applies",
			"Person alleged to have caused the harm", "Dan Alleged", "In a position of trust", "Themselves an adult at risk", "Not known"}, wantLog: view},
		{name: "concern as a practitioner", method: "GET", path: sg + "/{undecided}", as: apptest.AWorker, wantStatus: 404},
		{name: "concern from another council", method: "GET", path: sg + "/{undecided}", as: apptest.BManager, wantStatus: 404},
		{name: "who is alleged: the form", method: "GET", path: sg + "/{undecided}/alleged", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Who is alleged to have caused the harm", `value="Dan Alleged"`}, wantLog: view},
		{name: "who is alleged: the form as a practitioner", method: "GET", path: sg + "/{undecided}/alleged", as: apptest.AWorker, wantStatus: 404},
		{name: "who is alleged: the form from another council", method: "GET", path: sg + "/{undecided}/alleged", as: apptest.BManager, wantStatus: 404},
		{name: "who is alleged: corrected", method: "POST", path: sg + "/{undecided}/alleged", as: apptest.AManager, form: fixed(url.Values{"version": {"1"},
			"alleged": {"yes"}, "alleged_name": {"Daniel Alleged"}, "alleged_relationship": {"Grandson"}, "alleged_trust": {"yes"}, "alleged_at_risk": {"no"}}),
			wantStatus: 303, wantLog: update},
		{name: "who is alleged: without a relationship", method: "POST", path: sg + "/{undecided}/alleged", as: apptest.AManager, form: fixed(url.Values{"version": {"1"},
			"alleged": {"yes"}, "alleged_trust": {"yes"}, "alleged_at_risk": {"no"}}),
			wantStatus: 422, wantBody: []string{`href="#f-alleged_relationship"`}, wantLog: view, unchanged: true},
		{name: "who is alleged: stale", method: "POST", path: sg + "/{undecided}/alleged", as: apptest.AManager, form: fixed(url.Values{"version": {"0"}, "alleged": {"no"}}),
			wantStatus: 409, wantBody: []string{"Someone else changed this concern"}, wantLog: view, unchanged: true, again: update},
		{name: "who is alleged: as a practitioner", method: "POST", path: sg + "/{undecided}/alleged", as: apptest.AWorker, form: fixed(url.Values{"version": {"1"}, "alleged": {"no"}}),
			wantStatus: 404, unchanged: true},
		{name: "who is alleged: from another council", method: "POST", path: sg + "/{undecided}/alleged", as: apptest.BManager, form: fixed(url.Values{"version": {"1"}, "alleged": {"no"}}),
			wantStatus: 404, unchanged: true},
		{name: "decision form", method: "GET", path: sg + "/{undecided}/decision", as: apptest.AManager, wantStatus: 200, wantBody: []string{"unable to protect themselves", "Lead enquirer", "Dan Alleged"}, wantLog: view},
		{name: "decision form as a practitioner", method: "GET", path: sg + "/{undecided}/decision", as: apptest.AWorker, wantStatus: 404},
		{name: "decision form from another council", method: "GET", path: sg + "/{undecided}/decision", as: apptest.BManager, wantStatus: 404},
		{name: "decide no enquiry", method: "POST", path: sg + "/{undecided}/decision", as: apptest.AManager, form: decisionForm(nil), wantStatus: 303, wantLog: update},
		{name: "decide a section 42 enquiry", method: "POST", path: sg + "/{undecided}/decision", as: apptest.AManager, form: func(f sgFixture) url.Values {
			v := decisionForm(func(v url.Values) { v.Set("unable", "yes"); v.Del("choice") })(f)
			return v
		}, wantStatus: 303, wantLog: update},
		{name: "a decision without reasons", method: "POST", path: sg + "/{undecided}/decision", as: apptest.AManager, form: decisionForm(func(v url.Values) {
			v.Del("needs_reason")
			v.Del("choice")
		}), wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-needs_reason"`, "Give the reason for your answer about care and support needs"}, wantLog: view, unchanged: true},
		{name: "a stale decision", method: "POST", path: sg + "/{undecided}/decision", as: apptest.AManager, form: decisionForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this concern"}, wantLog: view, unchanged: true},
		{name: "a decision as a practitioner", method: "POST", path: sg + "/{undecided}/decision", as: apptest.AWorker, form: decisionForm(nil), wantStatus: 404, unchanged: true},
		{name: "a decision from another council", method: "POST", path: sg + "/{undecided}/decision", as: apptest.BManager, form: decisionForm(nil), wantStatus: 404, unchanged: true},

		// The enquiry.
		{name: "enquiry", method: "GET", path: sg + "/{asked}/enquiry", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Section 42 enquiry", "I want to keep my money safe", "Add the step", "Close the enquiry"}, wantLog: view},
		{name: "an enquiry not yet asked offers Making Safeguarding Personal first", method: "GET", path: sg + "/{fresh}/enquiry", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Was the person, or their representative, asked what outcomes they want?"}, notBody: []string{"Add the step", "Close the enquiry"}, wantLog: view},
		{name: "no enquiry for an undecided concern", method: "GET", path: sg + "/{undecided}/enquiry", as: apptest.AManager, wantStatus: 404, wantLog: view},
		{name: "enquiry as a practitioner", method: "GET", path: sg + "/{asked}/enquiry", as: apptest.AWorker, wantStatus: 404},
		{name: "enquiry from another council", method: "GET", path: sg + "/{asked}/enquiry", as: apptest.BQuality, wantStatus: 404},
		{name: "record what the person wants", method: "POST", path: sg + "/{fresh}/enquiry/msp", as: apptest.AManager, form: func(f sgFixture) url.Values {
			return url.Values{"version": {fmt.Sprint(f.freshVersion)}, "msp_asked": {codelists.MSPAskedExpressed}, "outcome-1": {"I want to stay in my flat"}, "outcome-2": {"I want him to stop"}}
		}, wantStatus: 303, wantLog: update},
		{name: "outcomes expressed but none written", method: "POST", path: sg + "/{fresh}/enquiry/msp", as: apptest.AManager, form: func(f sgFixture) url.Values {
			return url.Values{"version": {fmt.Sprint(f.freshVersion)}, "msp_asked": {codelists.MSPAskedExpressed}}
		}, wantStatus: 422, wantBody: []string{`href="#f-outcome-1"`, "in their words"}, wantLog: view, unchanged: true},
		{name: "what the person wants, after someone else added a person involved", method: "POST", path: sg + "/{fresh}/enquiry/msp", as: apptest.AManager, form: func(f sgFixture) url.Values {
			return url.Values{"version": {fmt.Sprint(f.freshVersion)}, "msp_asked": {codelists.MSPAskedExpressed}, "outcome-1": {"I want to stay in my flat"}}
		}, first: involvedFirst(freshConcern), wantStatus: 409, wantBody: []string{"Someone else changed this enquiry", "PC Priya Officer", `value="I want to stay in my flat"`},
			wantLog: view, unchanged: true, again: update},
		{name: "a step before asking", method: "POST", path: sg + "/{fresh}/enquiry/steps", as: apptest.AManager, form: func(f sgFixture) url.Values {
			v := stepFormSg(false, "Visited")(f)
			v.Set("version", fmt.Sprint(f.freshVersion))
			return v
		}, wantStatus: 422, wantBody: []string{"before the first step"}, wantLog: view, unchanged: true},
		{name: "add a step", method: "POST", path: sg + "/{asked}/enquiry/steps", as: apptest.AManager, form: stepFormSg(false, "Visited her with the police"), wantStatus: 303, wantLog: update},
		{name: "a stale step", method: "POST", path: sg + "/{asked}/enquiry/steps", as: apptest.AManager, form: stepFormSg(true, "Visited her with the police"),
			wantStatus: 409, wantBody: []string{"Someone else changed this enquiry", "I want to keep my money safe", "Visited her with the police"}, wantLog: view, unchanged: true, again: update},
		{name: "a step after someone else added a person involved", method: "POST", path: sg + "/{asked}/enquiry/steps", as: apptest.AManager, form: stepFormSg(false, "Visited her with the police"),
			first: involvedFirst(askedConcern), wantStatus: 409, wantBody: []string{"Someone else changed this enquiry", "PC Priya Officer", "Visited her with the police"},
			wantLog: view, unchanged: true, again: update},
		{name: "add someone involved", method: "POST", path: sg + "/{asked}/enquiry/involved", as: apptest.AManager, form: func(f sgFixture) url.Values {
			return url.Values{"version": {fmt.Sprint(f.askedVersion)}, "involved_name": {"Sam Advocate"}, "involved_role": {"advocate"}}
		}, wantStatus: 303, wantLog: update},
		{name: "someone involved without a part", method: "POST", path: sg + "/{asked}/enquiry/involved", as: apptest.AManager, form: func(f sgFixture) url.Values {
			return url.Values{"version": {fmt.Sprint(f.askedVersion)}, "involved_name": {"Sam"}}
		}, wantStatus: 422, wantBody: []string{`href="#f-involved_role"`}, wantLog: view, unchanged: true},
		{name: "someone involved, after someone else added another", method: "POST", path: sg + "/{asked}/enquiry/involved", as: apptest.AManager, form: func(f sgFixture) url.Values {
			return url.Values{"version": {fmt.Sprint(f.askedVersion)}, "involved_name": {"Sam Advocate"}, "involved_role": {"advocate"}}
		}, first: involvedFirst(askedConcern), wantStatus: 409, wantBody: []string{"Someone else changed this enquiry", "PC Priya Officer", `value="Sam Advocate"`},
			wantLog: view, unchanged: true, again: update},
		{name: "close the enquiry", method: "POST", path: sg + "/{asked}/enquiry/close", as: apptest.AManager, form: closeForm(nil), wantStatus: 303, wantLog: update},
		{name: "close without rating an outcome", method: "POST", path: sg + "/{asked}/enquiry/close", as: apptest.AManager, form: closeForm(func(f sgFixture, v url.Values) {
			v.Del("achieved-" + f.outcomeIDs[0])
			v.Del("risk_outcome")
		}), wantStatus: 422, wantBody: []string{`href="#f-achieved-`, `href="#f-risk_outcome"`, "removed, reduced or remained"}, wantLog: view, unchanged: true},
		{name: "closing after someone else added a person involved", method: "POST", path: sg + "/{asked}/enquiry/close", as: apptest.AManager, form: closeForm(nil),
			first: involvedFirst(askedConcern), wantStatus: 409, wantBody: []string{"Someone else changed this enquiry", "PC Priya Officer", "Her bank now checks large withdrawals"},
			wantLog: view, unchanged: true, again: update},
		{name: "closing an enquiry someone else closed", method: "POST", path: sg + "/{asked}/enquiry/close", as: apptest.AManager, form: closeForm(nil),
			first: func(t *testing.T, site *apptest.Site, f sgFixture) {
				t.Helper()
				c := safeguarding.Closing{On: sqldb.UKDate(time.Now()), ActionResult: codelists.RiskIdentifiedActionTaken, RiskOutcome: "Risk removed", RiskReason: "He moved away",
					Capacity: "No, they did not lack capacity", Achieved: map[string]string{}}
				for _, id := range f.outcomeIDs {
					c.Achieved[id] = "Fully Achieved"
				}
				if err := site.App.Safeguarding.Close(peopletest.As(site.A.Staff[councils.QualityLead]), f.person.ID, f.asked, c, f.askedVersion); err != nil {
					t.Fatal(err)
				}
			}, wantStatus: 409, wantBody: []string{"Someone else saved a change to this record"}, unchanged: true},
		{name: "a step as a practitioner", method: "POST", path: sg + "/{asked}/enquiry/steps", as: apptest.AWorker, form: stepFormSg(false, "Visited"), wantStatus: 404, unchanged: true},
		{name: "a step from another council", method: "POST", path: sg + "/{asked}/enquiry/steps", as: apptest.BManager, form: stepFormSg(false, "Visited"), wantStatus: 404, unchanged: true},
		{name: "closing as a practitioner", method: "POST", path: sg + "/{asked}/enquiry/close", as: apptest.AWorker, form: closeForm(nil), wantStatus: 404, unchanged: true},
		{name: "an unknown part", method: "POST", path: sg + "/{asked}/enquiry/nonsense", as: apptest.AManager, form: fixed(url.Values{}), wantStatus: 404, unchanged: true},

		// The council's lists.
		{name: "open list", method: "GET", path: "/safeguarding", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Concerns waiting for the section 42 decision", "Testperson, Ada", "Open enquiries"}},
		{name: "open list as a practitioner", method: "GET", path: "/safeguarding", as: apptest.AWorker, wantStatus: 404},
		{name: "open list for another council holds none of ours", method: "GET", path: "/safeguarding", as: apptest.BManager, wantStatus: 200, notBody: []string{"Testperson"}},
		{name: "summary", method: "GET", path: "/safeguarding/summary?from-day=1&from-month=1&from-year=2000&to-day=31&to-month=12&to-year=2100", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Safeguarding concerns received", "Financial or Material Abuse", "Yes they were asked and outcomes were expressed", "Download the summary as CSV",
				"1 January 2000 to 31 December 2100", `name="from-day" type="text" value="1"`}},
		{name: "summary opens on the financial year to date", method: "GET", path: "/safeguarding/summary", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{fyStart() + " to " + time.Now().Format("2 January 2006"), `name="from-month" type="text" value="4"`}},
		{name: "summary as CSV", method: "GET", path: "/safeguarding/summary?from-day=1&from-month=1&from-year=2000&to-day=31&to-month=12&to-year=2100&format=csv", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"SG1f,Total Number of Safeguarding Concerns,", "SG2a,Self-Neglect,0"}},
		{name: "summary with a bad date", method: "GET", path: "/safeguarding/summary?from-day=31&from-month=2&from-year=2026", as: apptest.AQuality, wantStatus: 422,
			wantBody: []string{"There is a problem", `href="#f-from-day"`, "Start of the period must be a real date"}},
		{name: "summary ending before it starts", method: "GET", path: "/safeguarding/summary?from-day=2&from-month=4&from-year=2026&to-day=1&to-month=4&to-year=2026", as: apptest.AQuality, wantStatus: 422,
			wantBody: []string{`href="#f-to"`, "The end of the period must be the same as or after its start"}},
		{name: "summary as a practitioner", method: "GET", path: "/safeguarding/summary", as: apptest.AWorker, wantStatus: 404},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newSgFixture(t, site, db)
				defer apptest.Retire(t, site, f.person)
				r := strings.NewReplacer("{id}", f.person.ID, "{undecided}", f.undecided, "{asked}", f.asked, "{fresh}", f.fresh, "{mine}", f.mine)
				path := r.Replace(sc.path)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
				}
				if sc.first != nil {
					sc.first(t, site, f)
				}
				before := sgState(t, site, f)
				body := apptest.Ask(t, site, client(staff), staff, sc.method, path, form, f.person.ID, apptest.Answer{Status: sc.wantStatus, Body: apptest.Filled(r, sc.wantBody), NotBody: apptest.Filled(r, sc.notBody), Log: sc.wantLog})
				after := sgState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, !sc.unchanged && sc.method == "POST" && sc.wantStatus == 303)
				if sc.again != nil {
					apptest.Ask(t, site, client(staff), staff, "POST", path, apptest.Again(t, form, body, "version"), f.person.ID, apptest.Answer{Status: 303, Log: sc.again})
					apptest.CheckChange(t, before, sgState(t, site, f), false, true)
				}
			})
		}
	})
}

// fyStart is 1 April of the UK financial year today is in, as the summary writes it.
func fyStart() string {
	now := time.Now()
	y := now.Year()
	if now.Month() < time.April {
		y--
	}
	return time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC).Format("2 January 2006")
}

// A council that lets practitioners lead enquiries: the practitioner chosen as lead reaches the enquiry from the
// person's page and sees that concern and its enquiry, logged for leading it, but never who is alleged to have
// caused harm, the person's other concerns or the council's list.
func TestAPractitionerLeadsAnEnquiry(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		f := newSgFixture(t, site, db)
		worker, manager := site.A.Staff[councils.Practitioner], site.A.Staff[councils.TeamManager]
		admin := peopletest.As(site.A.Staff[councils.Administrator])
		c, err := site.App.Councils.CouncilByID(admin, site.A.Council.ID)
		if err != nil {
			t.Fatal(err)
		}
		set := c.Settings
		set.PractitionersLeadEnquiries = true
		if err := site.App.Councils.UpdateSettings(admin, c.MFARequired, set, c.Version); err != nil {
			t.Fatal(err)
		}
		yes := safeguarding.Criterion{Met: safeguarding.Yes, Reason: "Frail and dependent on him"}
		if _, err := site.App.Safeguarding.Decide(peopletest.As(manager), f.person.ID, f.undecided,
			safeguarding.Decision{Needs: yes, Abuse: yes, Unable: yes, LeadStaffID: worker.ID}, 1); err != nil {
			t.Fatal(err)
		}
		// Through the API too, the lead gets the concern without the person alleged to have caused harm.
		res, body := site.API(t, site.Token(t, worker), "GET", "/api/v1/people/"+f.person.ID+"/safeguarding/concerns/"+f.undecided, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"alleged_person":null`) || strings.Contains(body, "Dan Alleged") {
			t.Errorf("the API gave the lead practitioner %d %s, want the concern without who is alleged", res.StatusCode, body)
		}

		client := site.SignIn(t, worker)
		sg := "/people/" + f.person.ID + "/safeguarding/"
		view := []accesslog.Action{accesslog.View}
		for _, tt := range []struct {
			name, path string
			want       apptest.Answer
		}{
			{"the person's page", "/people/" + f.person.ID, apptest.Answer{Status: 200, Body: []string{"You lead a safeguarding enquiry about this person", `href="` + sg + f.undecided + `/enquiry"`},
				NotBody: []string{"Dan Alleged"}, Log: view}},
			{"the enquiry", sg + f.undecided + "/enquiry", apptest.Answer{Status: 200, Body: []string{"Section 42 enquiry", "Was the person, or their representative, asked what outcomes they want?"},
				NotBody: []string{"Dan Alleged"}, Log: view}},
			{"the concern", sg + f.undecided, apptest.Answer{Status: 200, Body: []string{"Her son takes her pension"},
				NotBody: []string{"Dan Alleged", "Person alleged to have caused the harm", "In a position of trust"}, Log: view}},
			{"the form for who is alleged", sg + f.undecided + "/alleged", apptest.Answer{Status: 404}},
			{"another enquiry about the person", sg + f.asked + "/enquiry", apptest.Answer{Status: 404}},
			{"the person's safeguarding record", sg[:len(sg)-1], apptest.Answer{Status: 404}},
			{"the council's list", "/safeguarding", apptest.Answer{Status: 404}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				before := len(apptest.LogOf(t, site, f.person.ID))
				apptest.Ask(t, site, client, worker, "GET", tt.path, nil, f.person.ID, tt.want)
				for _, e := range apptest.LogOf(t, site, f.person.ID)[before:] {
					if want := ""; tt.name == "the person's page" && e.Reason != want {
						t.Errorf("the person's page logged the reason %q, want none", e.Reason)
					} else if tt.name != "the person's page" && e.Reason != safeguarding.RelationshipLead {
						t.Errorf("%s logged the reason %q, want %q", tt.name, e.Reason, safeguarding.RelationshipLead)
					}
				}
			})
		}
	})
}
