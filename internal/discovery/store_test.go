package discovery_test

import (
	"context"
	"errors"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func TestTheDiscoveryIsKeptForEachCouncilByRole(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := discovery.NewStore(db)
		lead, partner := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.ProgrammeLead])
		manager, worker := peopletest.As(a.Staff[councils.TeamManager]), peopletest.As(a.Staff[councils.Practitioner])
		theirs := peopletest.As(b.Staff[councils.QualityLead])
		today := db.Today()

		f, err := s.SaveFinding(lead, discovery.Finding{Kind: discovery.Strength, Text: " Staff know their communities ", Source: discovery.Workshop, FoundOn: today})
		if err != nil || f.ID == "" || f.Text != "Staff know their communities" || f.Version != 1 {
			t.Fatalf("record a finding: %+v, %v", f, err)
		}
		f.Workstream = "Practice"
		if f, err = s.SaveFinding(partner, f); err != nil || f.Version != 2 || f.Workstream != "Practice" {
			t.Fatalf("the programme lead changes a finding: %+v, %v", f, err)
		}
		stale := f
		stale.Version = 1
		if _, err := s.SaveFinding(lead, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale change of a finding: %v", err)
		}
		if _, err := s.SaveFinding(lead, discovery.Finding{Kind: "weakness", Source: discovery.Survey, FoundOn: today}); !isProblem(err, "kind") {
			t.Errorf("a finding of no kind: %v", err)
		}
		if got, err := s.Findings(manager); err != nil || len(got) != 1 || got[0].ID != f.ID {
			t.Errorf("a team manager reads the findings: %+v, %v", got, err)
		}
		if _, err := s.SaveFinding(manager, discovery.Finding{Kind: discovery.Strength, Text: "x", Source: discovery.Survey, FoundOn: today}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager recorded a finding: %v", err)
		}
		if _, err := s.Findings(worker); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner read the findings: %v", err)
		}
		if got, err := s.Findings(theirs); err != nil || len(got) != 0 {
			t.Errorf("council B read council A's findings: %+v, %v", got, err)
		}
		if _, err := s.Finding(theirs, f.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's finding: %v", err)
		}
		if _, err := s.SaveFinding(theirs, f); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B changed council A's finding: %v", err)
		}

		first, err := s.AddVision(lead, discovery.VisionVersion{Statement: "Good lives", AgreedOn: sqldb.NewDate(today.AddDate(0, -2, 0)),
			CoProducers: []discovery.CoProducer{discovery.Staff}})
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.AddVision(partner, discovery.VisionVersion{Statement: "Good lives, close to home, on our terms", AgreedOn: today,
			CoProducers: []discovery.CoProducer{discovery.ExpertsByExperience, discovery.Carers, discovery.Staff}, Session: "Co-production day"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddVision(lead, discovery.VisionVersion{Statement: "Later", AgreedOn: sqldb.NewDate(today.AddDate(0, 0, 1)),
			CoProducers: []discovery.CoProducer{discovery.Staff}}); !isProblem(err, "agreed_on") {
			t.Errorf("a vision agreed tomorrow: %v", err)
		}
		vision, err := s.Vision(manager)
		if cur, ok := vision.Current(); err != nil || !ok || cur.ID != second.ID || len(cur.CoProducers) != 3 || len(vision.Earlier()) != 1 || vision.Earlier()[0].ID != first.ID {
			t.Errorf("the vision: %+v, %v", vision, err)
		}
		if v, err := s.Vision(theirs); err != nil || len(v.Versions) != 0 {
			t.Errorf("council B read council A's vision: %+v, %v", v, err)
		}

		o, err := s.SaveObservation(lead, discovery.Observation{Web: discovery.AsIs, Element: discovery.Power, Text: "Panels decide", Source: discovery.FileReview})
		if err != nil || o.Version != 1 || o.Element != discovery.Power {
			t.Fatalf("record an observation: %+v, %v", o, err)
		}
		o.Text = "Panels decide, not conversations"
		if o, err = s.SaveObservation(partner, o); err != nil || o.Version != 2 {
			t.Fatalf("change an observation: %+v, %v", o, err)
		}
		if _, err := s.SaveObservation(lead, discovery.Observation{Web: discovery.AsIs, Element: "heroes", Text: "x", Source: discovery.Survey}); !isProblem(err, "element") {
			t.Errorf("an observation on no element: %v", err)
		}
		if got, err := s.Observations(manager); err != nil || len(got) != 1 {
			t.Errorf("a team manager reads the web: %+v, %v", got, err)
		}
		if _, err := s.Observation(theirs, o.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's observation: %v", err)
		}
		if _, err := s.SaveObservation(theirs, o); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B changed council A's observation: %v", err)
		}

		// A change on the to-be web linked to the actions that make it.
		actionA := addAction(t, db, a, "Replace panels with conversations")
		actionB := addAction(t, db, b, "Council B's own action")
		change, err := s.SaveObservation(lead, discovery.Observation{Web: discovery.ToBe, Element: discovery.Power, Text: "Practitioners decide with people",
			Source: discovery.Workshop, Actions: []discovery.LinkedAction{{ID: actionA}}})
		if err != nil || len(change.Actions) != 1 || change.Actions[0].Title != "Replace panels with conversations" {
			t.Fatalf("a change linked to an action: %+v, %v", change, err)
		}
		if actions, err := s.Actions(partner); err != nil || len(actions) != 1 || actions[0].ID != actionA {
			t.Errorf("the actions to link to: %+v, %v", actions, err)
		}
		change.Actions = append(change.Actions, discovery.LinkedAction{ID: actionB})
		if _, err := s.SaveObservation(lead, change); !isProblem(err, "actions") {
			t.Errorf("a change linked to another council's action: %v", err)
		}
		o.Actions = []discovery.LinkedAction{{ID: actionA}}
		if _, err := s.SaveObservation(lead, o); !isProblem(err, "actions") {
			t.Errorf("an as-is observation linked to an action: %v", err)
		}
		change.Actions = nil
		if change, err = s.SaveObservation(partner, change); err != nil || len(change.Actions) != 0 || change.Version != 2 {
			t.Errorf("a change's actions unlinked: %+v, %v", change, err)
		}

		x, err := s.SaveStakeholder(lead, discovery.Stakeholder{Name: "Experts by experience panel", Kind: discovery.ExpertByExperience,
			Influence: discovery.Low, Interest: discovery.High, Engagement: "Monthly panel", OwnerID: a.Staff[councils.QualityLead].ID})
		if err != nil || x.Quadrant() != discovery.KeepInformed || x.OwnerName == "" {
			t.Fatalf("record a stakeholder: %+v, %v", x, err)
		}
		x.Influence = discovery.High
		if x, err = s.SaveStakeholder(partner, x); err != nil || x.Quadrant() != discovery.ManageClosely {
			t.Fatalf("change a stakeholder: %+v, %v", x, err)
		}
		other := x
		other.ID, other.OwnerID = "", b.Staff[councils.QualityLead].ID
		if _, err := s.SaveStakeholder(lead, other); !isProblem(err, "owner_id") {
			t.Errorf("a stakeholder owned by another council's staff: %v", err)
		}
		if _, err := s.Stakeholder(theirs, x.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B read council A's stakeholder: %v", err)
		}
		if got, err := s.Stakeholders(peopletest.As(a.Staff[councils.Finance])); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance read the stakeholders: %+v, %v", got, err)
		}
		if _, err := s.Stakeholders(t.Context()); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("the stakeholders were read signed out: %v", err)
		}
	})
}

// A finding, an observation or a stakeholder recorded in error is removed by one who changes the programme, at the
// version they read: not by a reader, not by another council, and not over someone else's change.
func TestADiscoveryRecordIsRemovedAtTheVersionRead(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := discovery.NewStore(db)
		lead, partner := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.ProgrammeLead])
		manager, theirs := peopletest.As(a.Staff[councils.TeamManager]), peopletest.As(b.Staff[councils.QualityLead])
		action := addAction(t, db, a, "Replace panels with conversations")

		f, err := s.SaveFinding(lead, discovery.Finding{Kind: discovery.Strength, Text: "Staff know their communities", Source: discovery.Workshop, FoundOn: db.Today()})
		if err != nil {
			t.Fatal(err)
		}
		o, err := s.SaveObservation(lead, discovery.Observation{Web: discovery.ToBe, Element: discovery.Power, Text: "Practitioners decide with people",
			Source: discovery.Workshop, Actions: []discovery.LinkedAction{{ID: action}}})
		if err != nil {
			t.Fatal(err)
		}
		x, err := s.SaveStakeholder(lead, discovery.Stakeholder{Name: "Carers' forum", Kind: discovery.ExpertByExperience,
			Influence: discovery.Low, Interest: discovery.High, Engagement: "Quarterly", OwnerID: a.Staff[councils.QualityLead].ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			what    string
			id      string
			version int
			remove  func(ctx context.Context, id string, version int) error
			count   func() (int, error)
		}{
			{"finding", f.ID, f.Version, s.RemoveFinding, func() (int, error) { fs, err := s.Findings(lead); return len(fs), err }},
			{"observation", o.ID, o.Version, s.RemoveObservation, func() (int, error) { os, err := s.Observations(lead); return len(os), err }},
			{"stakeholder", x.ID, x.Version, s.RemoveStakeholder, func() (int, error) { xs, err := s.Stakeholders(lead); return len(xs), err }},
		} {
			t.Run(c.what, func(t *testing.T) {
				for _, refused := range []struct {
					who     string
					ctx     context.Context
					version int
					want    error
				}{
					{"a team manager, who reads the programme", manager, c.version, sqldb.ErrForbidden},
					{"another council's quality lead", theirs, c.version, sqldb.ErrNotFound},
					{"the lead, over a change made since", lead, c.version - 1, sqldb.ErrConflict},
				} {
					if err := c.remove(refused.ctx, c.id, refused.version); !errors.Is(err, refused.want) {
						t.Errorf("%s removed the %s: %v, want %v", refused.who, c.what, err, refused.want)
					}
				}
				if n, err := c.count(); err != nil || n != 1 {
					t.Fatalf("after the refusals, %d left, %v", n, err)
				}
				if err := c.remove(partner, c.id, c.version); err != nil {
					t.Fatalf("the programme lead removes the %s: %v", c.what, err)
				}
				if n, err := c.count(); err != nil || n != 0 {
					t.Errorf("after removing it, %d left, %v", n, err)
				}
			})
		}
		// The observation's link went with it; the action it linked to stays in the plan.
		if actions, err := s.Actions(lead); err != nil || len(actions) != 1 || actions[0].ID != action {
			t.Errorf("the action after its change was removed: %+v, %v", actions, err)
		}
	})
}

// addAction starts council c's programme and adds an action to its plan, returning the action's id.
func addAction(t *testing.T, db *sqldb.DB, c peopletest.Council, what string) string {
	t.Helper()
	ps, lead := programme.NewStore(db), peopletest.As(c.Staff[councils.QualityLead])
	today := db.Today()
	if _, err := ps.StartProgramme(lead, programme.Programme{Name: "Strengths-based practice", LeadStaffID: c.Staff[councils.QualityLead].ID,
		StartedOn: today}); err != nil {
		t.Fatal(err)
	}
	act, err := ps.AddAction(lead, programme.Action{What: what, OwnerStaffID: c.Staff[councils.QualityLead].ID, DueOn: today, Status: programme.ActionNotStarted})
	if err != nil {
		t.Fatal(err)
	}
	return act.ID
}

func isProblem(err error, field string) bool {
	ps, ok := validation.AsProblems(err)
	if !ok {
		return false
	}
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}
