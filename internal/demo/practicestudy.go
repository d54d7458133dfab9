package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// studyDiarists is how many of each team's staff keep a diary in the demo's study: enough that each team's shares
// are shown (practicestudy.MinDiarists).
const studyDiarists = 6

// addPracticeStudy gives the demo council a completed practice study, through the study's own store: four weeks of
// two teams, ending two months ago, with each team's practitioners and manager keeping a diary on working days (time
// with people about two fifths of the day, recording and chasing much of the rest), two reflective learning sessions,
// four engagements with people with lived experience, each with consent recorded, and a case for change the quality
// lead has agreed.
func addPracticeStudy(ctx context.Context, db *sqldb.DB, staff []councils.Staff, seed uint64) error {
	lead, asLead := qualityLead(ctx, staff)
	store := practicestudy.NewStore(db, audits.NewStore(db))
	// The two teams with the most staff who keep a diary, so that each team's shares are shown where the council is
	// large enough.
	size := map[string]int{}
	var teams []string
	for _, s := range staff {
		for _, t := range s.TeamIDs {
			if s.Role == councils.Practitioner || s.Role == councils.TeamManager {
				if size[t] == 0 {
					teams = append(teams, t)
				}
				size[t]++
			}
		}
	}
	slices.SortStableFunc(teams, func(a, b string) int { return size[b] - size[a] })
	teams = teams[:min(2, len(teams))]
	if len(teams) == 0 {
		return nil
	}
	today := db.Today()
	to := sqldb.NewDate(today.AddDate(0, -2, 0))
	from := sqldb.NewDate(to.AddDate(0, 0, -27))
	study, err := store.Open(asLead, practicestudy.Study{Name: "Practice study: a day in the life", From: from, To: to, TeamIDs: teams})
	if err != nil {
		return fmt.Errorf("demo practice study: %w", err)
	}
	rng := rand.New(rand.NewPCG(seed, 42))
	as := func(st councils.Staff) context.Context {
		return accesslog.WithCommand(councils.WithStaff(sqldb.WithCouncil(ctx, st.CouncilID), st), "goldenthread demo")
	}
	n := map[string]int{}
	var diarists []councils.Staff
	for _, s := range staff {
		if s.Disabled() || !practicestudy.KeepsDiary(s, study) {
			continue
		}
		team := s.TeamIDs[slices.IndexFunc(s.TeamIDs, study.HasTeam)]
		if n[team] >= studyDiarists {
			continue
		}
		n[team]++
		diarists = append(diarists, s)
		for d := from; !d.After(to.Time); d = sqldb.NewDate(d.AddDate(0, 0, 1)) {
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || rng.IntN(10) == 0 {
				continue // weekends, and the odd day nobody filled in
			}
			if _, err := store.SaveDay(as(s), study.ID, practicestudy.Day{Day: d, Entries: demoDay(rng, s.Role == councils.TeamManager)}); err != nil {
				return fmt.Errorf("demo diary of %s on %s: %w", s.Name, d, err)
			}
		}
	}
	took := func(k int) []string {
		var ids []string
		for i, s := range diarists {
			if i%k == 0 {
				ids = append(ids, s.ID)
			}
		}
		return ids
	}
	for i, r := range []practicestudy.Reflection{
		{Themes: "Hospital discharge on a Friday afternoon: the equipment did not arrive and the person went home to a bed downstairs.",
			Learnt: "Ask what matters to the person before ordering anything; the family had already moved the bed and could have said so."},
		{Themes: "Telling the story again: a carer asked three times for the same history by three different teams.",
			Learnt: "Read the conversation record before the visit, and say what we already know; check it rather than ask it again."},
	} {
		r.HeldOn, r.StaffIDs = sqldb.NewDate(from.AddDate(0, 0, 9+i*14)), took(2+i)
		if _, err := store.RecordReflection(asLead, study.ID, r); err != nil {
			return fmt.Errorf("demo reflective session: %w", err)
		}
	}
	for i, e := range []practicestudy.Engagement{
		{Method: practicestudy.Interview, Who: "A person who draws on support at home", Quotes: "“The best bit was when she asked what a good day looks like for me. Nobody had asked that before.”",
			Themes: []string{"Being asked what matters", "Waiting"}},
		{Method: practicestudy.Group, Who: "A group of six carers at the carers’ centre", Quotes: "“I had to tell my story three times before anyone listened.” “The review came late, and by then everything had changed.”",
			Themes: []string{"Telling my story again", "Waiting", "Reviews on time"}},
		{Method: practicestudy.Survey, Who: "People who had a review in the study’s weeks", Quotes: "“I felt listened to.” “I did not know who to ring.”",
			Themes: []string{"Being asked what matters", "Knowing who to contact"}},
		{Method: practicestudy.Observation, Who: "A first conversation at the front door, observed with consent", Quotes: "“Can we start with what is going well?”",
			Themes: []string{"Strengths first", "Telling my story again"}},
	} {
		e.HeldOn = sqldb.NewDate(from.AddDate(0, 0, 4+i*6))
		e.ConsentOn, e.ConsentHow = e.HeldOn, "Agreed aloud after the purpose was explained, noted by the interviewer"
		if _, err := store.RecordEngagement(asLead, study.ID, e); err != nil {
			return fmt.Errorf("demo engagement: %w", err)
		}
	}
	c, err := store.Case(asLead, study.ID)
	if err != nil {
		return fmt.Errorf("demo case for change: %w", err)
	}
	c.Summary = "Practitioners spend about two fifths of their day with people. Recording, travel and chasing take most of the rest, and people tell us they repeat their story. We propose to record once, nearer the person, and to give practitioners back time with people."
	c.Points = []practicestudy.Point{
		{Heading: practicestudy.OperatingModel, Kind: practicestudy.Finding, Text: "People and carers repeat their story to each team they meet."},
		{Heading: practicestudy.OperatingModel, Kind: practicestudy.Recommendation, Text: "One conversation record that every team reads before a visit.", Evidence: practicestudy.EvidenceLived},
		{Heading: practicestudy.Technology, Kind: practicestudy.Finding, Text: "Recording takes about a quarter of the day, much of it at the office after visits."},
		{Heading: practicestudy.Technology, Kind: practicestudy.Recommendation, Text: "Record on phones between visits, in the person’s words.", Evidence: practicestudy.EvidenceDiary},
		{Heading: practicestudy.Resources, Kind: practicestudy.Finding, Text: "Chasing equipment and waiting for answers takes an hour a week for each practitioner."},
		{Heading: practicestudy.Resources, Kind: practicestudy.Recommendation, Text: "A named contact in equipment services for each team.", Evidence: practicestudy.EvidenceReflect},
		{Heading: practicestudy.Innovation, Kind: practicestudy.Recommendation, Text: "Try a ‘good day’ question at every first conversation and review.", Evidence: practicestudy.EvidenceLived},
	}
	if _, err := store.SaveCase(asLead, study.ID, c, true); err != nil {
		return fmt.Errorf("demo case for change of %s: %w", lead.Name, err)
	}
	return nil
}

// demoDay is a day of a diary: time with people, travel, recording, meetings and chasing, with supervision or
// training now and then; a team manager has more meetings and less time with people.
func demoDay(rng *rand.Rand, manager bool) []practicestudy.Entry {
	round := func(lo, hi int) int { return (lo + rng.IntN(hi-lo+1)) / 5 * 5 }
	with, meetings := round(150, 240), round(20, 60)
	if manager {
		with, meetings = round(30, 90), round(120, 200)
	}
	out := []practicestudy.Entry{
		{Kind: practicestudy.WithPeople, Minutes: with, Note: "Visits and calls"},
		{Kind: practicestudy.Travel, Minutes: round(30, 90)},
		{Kind: practicestudy.Recording, Minutes: round(90, 150)},
		{Kind: practicestudy.Meetings, Minutes: meetings},
		{Kind: practicestudy.Chasing, Minutes: round(10, 50)},
	}
	switch rng.IntN(8) {
	case 0:
		out = append(out, practicestudy.Entry{Kind: practicestudy.Supervision, Minutes: 60})
	case 1:
		out = append(out, practicestudy.Entry{Kind: practicestudy.Training, Minutes: round(60, 180)})
	}
	return out
}
