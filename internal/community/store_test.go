package community_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/community"
	"github.com/golden-thread/goldenthread/internal/community/communitytest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func problemOn(t *testing.T, err error, field, text string) {
	t.Helper()
	ps, ok := validation.AsProblems(err)
	if !ok || !slices.ContainsFunc(ps, func(p validation.Problem) bool { return p.Field == field && strings.Contains(p.Message, text) }) {
		t.Fatalf("got %v, want a problem on %s saying %q", err, field, text)
	}
}

// Network events keep the organisers' rules and the council wall: a quality lead records a service-wide event, a
// team manager only their own team's; a practitioner records none; attendance is the council's staff; a stale
// change is refused; another council finds none of it; networks this year show the quarter's events.
func TestNetworkEvents(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := community.NewStore(db)
		lead, manager := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.TeamManager])
		worker, other := peopletest.As(a.Staff[councils.Practitioner]), peopletest.As(b.Staff[councils.QualityLead])
		msp := community.Event{Title: "MSP network, spring", Topic: community.MSP, HeldOn: dbtest.Date("2025-02-20"), Online: true,
			Shared: "What people told us about their outcomes", Agreed: "Ask about outcomes in the first conversation",
			Attendees: []community.Attendee{{StaffID: a.Staff[councils.Practitioner].ID}, {StaffID: a.SouthWorker.ID}, {StaffID: a.SouthWorker.ID}}}

		if _, err := s.RecordEvent(worker, msp); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner recorded an event: %v", err)
		}
		if _, err := s.RecordEvent(manager, msp); err == nil {
			t.Error("a team manager recorded a service-wide event")
		} else {
			problemOn(t, err, "team_id", "Select one of your own teams")
		}
		south := msp
		south.TeamID = a.South.ID
		if _, err := s.RecordEvent(manager, south); err == nil {
			t.Error("a north team manager recorded a south team event")
		}
		bad := msp
		bad.Title, bad.Topic, bad.Online = "", community.Other, false
		_, err := s.RecordEvent(lead, bad)
		problemOn(t, err, "title", "Enter the event’s title")
		problemOn(t, err, "topic_other", "Enter what the event was about")
		problemOn(t, err, "place", "Enter where the event was held")
		stranger := msp
		stranger.Attendees = []community.Attendee{{StaffID: b.Staff[councils.Practitioner].ID}}
		_, err = s.RecordEvent(lead, stranger)
		problemOn(t, err, "attendees", "Select who attended")
		if n := dbtest.Count(t, db, a.Council.ID, "network_event"); n != 0 {
			t.Fatalf("refused events saved %d", n)
		}

		wide, err := s.RecordEvent(lead, msp)
		if err != nil || len(wide.Attendees) != 2 || wide.TeamName != "" || !wide.ServiceWide() {
			t.Fatalf("the service-wide event: %+v, %v", wide, err)
		}
		team := community.Event{Title: "Strengths huddle", TeamID: a.North.ID, Topic: community.Strengths, HeldOn: dbtest.Date("2025-01-14"),
			Place: "North office", Attendees: []community.Attendee{{StaffID: a.Staff[councils.Practitioner].ID}}}
		north, err := s.RecordEvent(manager, team)
		if err != nil || north.TeamName != a.North.Name {
			t.Fatalf("the team's event: %+v, %v", north, err)
		}

		t.Run("everyone in the council reads them", func(t *testing.T) {
			events, err := s.Events(worker, 2025)
			if err != nil || len(events) != 2 || events[0].ID != wide.ID || len(events[0].Attendees) != 2 {
				t.Fatalf("events %+v, %v", events, err)
			}
			if got, err := s.Event(peopletest.As(a.Staff[councils.Finance]), north.ID); err != nil || got.Agreed != north.Agreed {
				t.Errorf("finance read %+v, %v", got, err)
			}
		})
		t.Run("another council finds none of it", func(t *testing.T) {
			if events, err := s.Events(other, 2025); err != nil || len(events) != 0 {
				t.Errorf("council B listed %+v, %v", events, err)
			}
			if _, err := s.Event(other, wide.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("council B read an event: %v", err)
			}
			changed := wide
			changed.Title = "Taken over"
			if err := s.UpdateEvent(other, changed); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("council B changed an event: %v", err)
			}
		})
		t.Run("changes keep the version and the organiser", func(t *testing.T) {
			changed := wide
			changed.Agreed = "Ask about outcomes first, and record them in the person's words"
			if err := s.UpdateEvent(manager, changed); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a team manager changed a service-wide event: %v", err)
			}
			if err := s.UpdateEvent(lead, changed); err != nil {
				t.Fatal(err)
			}
			if err := s.UpdateEvent(lead, changed); !errors.Is(err, sqldb.ErrConflict) {
				t.Errorf("a stale change: %v", err)
			}
			if err := s.SetAttendance(lead, wide.ID, []string{a.Staff[councils.TeamManager].ID}, wide.Version+1); err != nil {
				t.Fatal(err)
			}
			got, err := s.Event(worker, wide.ID)
			if err != nil || got.Agreed != changed.Agreed || got.Version != wide.Version+2 || len(got.Attendees) != 1 || got.Attendees[0].StaffID != a.Staff[councils.TeamManager].ID {
				t.Errorf("after the change: %+v, %v", got, err)
			}
		})
		t.Run("networks this year", func(t *testing.T) {
			qs, err := s.Networks(worker, 2025)
			if err != nil || len(qs) != 4 {
				t.Fatalf("networks %+v, %v", qs, err)
			}
			q1 := qs[0].Topics
			if !q1[0].ServiceWide || len(q1[0].Teams) != 0 || q1[1].ServiceWide || !slices.Equal(q1[1].Teams, []string{a.North.Name}) || !qs[1].Topics[0].Missed() {
				t.Errorf("quarter one %+v, quarter two %+v", q1, qs[1].Topics)
			}
			if qs, err := s.Networks(other, 2025); err != nil || !qs[0].Topics[0].Missed() {
				t.Errorf("council B's networks %+v, %v", qs, err)
			}
		})
	})
}

// The library of good practice: quality leads alone draft, read drafts and publish; the story checker refuses
// personal details on saving and again on publishing, saving nothing; published stories are searched by text and
// tag by all the council's staff, and never seen by another council.
func TestPracticeStories(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: planstest.FixedClock}, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		w := planstest.New(t, db, a) // Ada Testperson, recorded in council A
		s := community.NewStore(db)
		lead, worker := peopletest.As(a.Staff[councils.QualityLead]), peopletest.As(a.Staff[councils.Practitioner])
		other := peopletest.As(b.Staff[councils.QualityLead])
		story := community.Story{Title: "Staying in the garden", Story: "A woman in her eighties wanted to keep her garden. Her daughter and the practitioner planned it with her.",
			WhyGood: "What mattered to her came first", Tags: []string{" Strengths", "Carers, MSP", "strengths"}}

		t.Run("personal details are refused and nothing is saved", func(t *testing.T) {
			for _, tt := range []struct {
				name, field, text, want string
			}{
				{"an NHS number", "story", "Her number is 943 476 5919.", "The story contains what looks like an NHS number: 943 476 5919"},
				{"a recorded family name", "story", "Mrs Testperson wanted to stay at home.", "The story contains a name recorded in the council: Testperson"},
				{"a date of birth", "why_good", "Born 15/06/1941", "a full date, which could be a date of birth: 15/06/1941"},
				{"a postcode", "title", "Life in ZZ99 1AA", "The title contains what looks like a postcode: ZZ99 1AA"},
			} {
				bad := story
				switch tt.field {
				case "story":
					bad.Story = tt.text
				case "why_good":
					bad.WhyGood = tt.text
				case "title":
					bad.Title = tt.text
				}
				_, err := s.SaveStory(lead, bad)
				problemOn(t, err, tt.field, tt.want)
			}
			if n := dbtest.Count(t, db, a.Council.ID, "practice_story"); n != 0 {
				t.Fatalf("refused stories saved %d", n)
			}
		})
		if _, err := s.SaveStory(worker, story); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner drafted a story: %v", err)
		}
		draft, err := s.SaveStory(lead, story)
		if err != nil || draft.Version != 1 || !slices.Equal(draft.Tags, []string{"strengths", "carers", "msp"}) || draft.Published() {
			t.Fatalf("the draft %+v, %v", draft, err)
		}
		if _, err := s.Story(worker, draft.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a practitioner read a draft: %v", err)
		}
		if got, err := s.Stories(worker, community.Search{}); err != nil || len(got) != 0 {
			t.Errorf("the library holds a draft: %+v, %v", got, err)
		}
		if err := s.Publish(worker, draft.ID, draft.Version); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner published: %v", err)
		}
		if err := s.Publish(lead, draft.ID, 0); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale publish: %v", err)
		}
		if err := s.Publish(lead, draft.ID, draft.Version); err != nil {
			t.Fatal(err)
		}

		t.Run("staff search the library by text and tag", func(t *testing.T) {
			for _, tt := range []struct {
				q    community.Search
				want int
			}{
				{community.Search{}, 1},
				{community.Search{Tag: "MSP"}, 1},
				{community.Search{Tag: "safeguarding"}, 0},
				{community.Search{Text: "GARDEN"}, 1},
				{community.Search{Text: "what mattered"}, 1},
				{community.Search{Text: "100%"}, 0},
				{community.Search{Text: "garden", Tag: "carers"}, 1},
				{community.Search{Text: "kitchen", Tag: "carers"}, 0},
			} {
				got, err := s.Stories(worker, tt.q)
				if err != nil || len(got) != tt.want {
					t.Errorf("search %+v: %d stories, %v; want %d", tt.q, len(got), err, tt.want)
				}
			}
			if got, err := s.Story(peopletest.As(a.Staff[councils.Finance]), draft.ID); err != nil || got.Title != story.Title {
				t.Errorf("finance read %+v, %v", got, err)
			}
		})
		t.Run("another council never sees it", func(t *testing.T) {
			if got, err := s.Stories(other, community.Search{}); err != nil || len(got) != 0 {
				t.Errorf("council B's library: %+v, %v", got, err)
			}
			if _, err := s.Story(other, draft.ID); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("council B read it: %v", err)
			}
			if err := s.Publish(other, draft.ID, draft.Version+1); !errors.Is(err, sqldb.ErrNotFound) {
				t.Errorf("council B published it: %v", err)
			}
			// Council B has no Testperson: the same words are not refused there.
			named := story
			named.Story = "Mrs Testperson wanted to stay at home."
			if _, err := s.SaveStory(other, named); err != nil {
				t.Errorf("council B refused a name it has not recorded: %v", err)
			}
		})
		t.Run("publishing checks again", func(t *testing.T) {
			later := story
			later.Story = "Mr Newcombe chose his own carers."
			d, err := s.SaveStory(lead, later)
			if err != nil {
				t.Fatal(err)
			}
			peopletest.MustCreate(t, db, a.Staff[councils.Practitioner], peopletest.Person(a.North.ID, func(p *people.Person) {
				p.GivenName, p.FamilyName, p.NHSNumber = "Bob", "Newcombe", ""
			}))
			problemOn(t, s.Publish(lead, d.ID, d.Version), "story", "Newcombe")
			if got, err := s.Story(lead, d.ID); err != nil || got.Published() {
				t.Errorf("published after a refusal: %+v, %v", got, err)
			}
		})
		t.Run("a story from an audit graded Outstanding", func(t *testing.T) {
			if _, err := s.OutstandingAudits(worker); !errors.Is(err, sqldb.ErrForbidden) {
				t.Errorf("a practitioner listed audits: %v", err)
			}
			auditID := communitytest.OutstandingAudit(t, db, a, w, dbtest.Date("2025-03-03"))
			if _, err := people.NewStore(db).AddNetworkMember(worker, w.Person.ID, people.NetworkMember{Name: "Cara Lindqvist", Relationship: "Daughter"}); err != nil {
				t.Fatal(err)
			}
			got, err := s.OutstandingAudits(lead)
			if err != nil || len(got) != 1 || got[0].AuditID != auditID || got[0].Team != a.North.Name {
				t.Fatalf("outstanding audits %+v, %v", got, err)
			}
			if got, err := s.OutstandingAudits(other); err != nil || len(got) != 0 {
				t.Errorf("council B listed %+v, %v", got, err)
			}
			from := story
			from.AuditID = auditID
			from.Story = "Ada chose to keep her garden, and Lindqvist helped."
			before := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)
			_, err = s.SaveStory(lead, from)
			problemOn(t, err, "story", "a name recorded in the council: Ada")
			problemOn(t, err, "story", "Lindqvist")
			// A refused save keeps nothing, its access log entry with it: nothing of the person was shown.
			if log := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)[len(before):]; len(log) != 0 {
				t.Errorf("a refused check logged %v", log)
			}
			from.Story = "She chose to keep her garden, and her daughter helped."
			x, err := s.SaveStory(lead, from)
			if err != nil || x.AuditID != auditID {
				t.Fatalf("from the audit: %+v, %v", x, err)
			}
			if log := peopletest.Logged(t, db, a.Council.ID, w.Person.ID)[len(before):]; !slices.Equal(log, []accesslog.Action{accesslog.View}) {
				t.Errorf("checking the story logged %v", log)
			}
			if err := s.Publish(lead, x.ID, x.Version); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Story(worker, x.ID); err != nil || got.AuditID != "" {
				t.Errorf("a reader was given the audit: %+v, %v", got, err)
			}
			notOutstanding := story
			notOutstanding.AuditID = "not-an-audit"
			_, err = s.SaveStory(lead, notOutstanding)
			problemOn(t, err, "audit_id", "Select a completed audit graded Outstanding")
		})
	})
}
