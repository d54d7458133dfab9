package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sittings"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// The goal for saving the conversation page: a sitting with 20 entries, at 20 saves a second, p99 under 100 ms.
const (
	sittingRate    = 20
	sittingEntries = 20
	sittingGoalP99 = 100 * time.Millisecond
	sittingPeople  = 200 // the practitioner's people the saves go round, each with an open episode
)

// BenchmarkConversationSave loads the synthetic council, gives a practitioner people with open episodes, and saves
// the conversation page with 20 entries (six strengths, two people who matter, four hopes, four outcomes with a
// solution each) at 20 saves a second through the whole server, beside the same sitting saved by the store alone
// (sittings.Store.Save: the SQL of one transaction). Each save goes to the next person, as a team's practitioners
// record theirs. Run it with make bench; it is never part of make test.
func BenchmarkConversationSave(b *testing.B) {
	size := benchPeople
	if n, err := strconv.Atoi(os.Getenv("GT_BENCH_PEOPLE")); err == nil && n > 0 {
		size = n
	}
	for _, e := range []sqldb.Engine{sqldb.SQLite, sqldb.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			db := dbtest.Open(b, e)
			site := apptest.Start(b, db)
			ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "goldenthread bench")
			teams, staff := benchStaff(b, site, ctx, size)
			if err := demo.AddPeople(ctx, db, teams, staff, demo.Options{People: size, Seed: 7}); err != nil {
				b.Fatal(err)
			}
			worker := site.A.Staff[councils.Practitioner]
			var episodes [][2]string
			for range sittingPeople {
				p := peopletest.MustCreate(b, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) { p.WorkerID = worker.ID }))
				episodes = append(episodes, [2]string{p.ID, conversationstest.MustOpenEpisode(b, db, worker, p.ID).ID})
			}
			settle(b, db)
			sess := signedInSession(b, site, worker)
			today := db.Today()

			b.ResetTimer()
			for range b.N {
				r := row{name: "conversation save", goal: sittingGoalP99, p99Only: true}
				var alone []time.Duration
				for i := range 200 {
					ep := episodes[i%len(episodes)]
					t0 := time.Now()
					if _, err := site.App.Sittings.Save(sess.ctx, ep[0], ep[1], benchSitting(today)); err != nil {
						b.Fatal(err)
					}
					alone = append(alone, time.Since(t0))
				}
				r.sqlP50, r.sqlP99 = percentile(alone, 50), percentile(alone, 99)

				duration := attackDuration()
				targets := make([]vegeta.Target, int(sittingRate*duration/time.Second))
				body := []byte(sittingForm(today).Encode())
				for i := range targets {
					ep := episodes[i%len(episodes)]
					targets[i] = vegeta.Target{Method: http.MethodPost, Body: body,
						URL:    site.Server.URL + "/people/" + ep[0] + "/episodes/" + ep[1] + "/conversations/new",
						Header: http.Header{"Cookie": {sess.cookie}, "Content-Type": {"application/x-www-form-urlencoded"}}}
				}
				attacker := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.Redirects(vegeta.NoFollow))
				var m vegeta.Metrics
				before := site.App.DB.Waits()
				for res := range attacker.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: sittingRate, Per: time.Second}, duration, r.name) {
					if res.Code != http.StatusSeeOther {
						res.Error = "status " + strconv.Itoa(int(res.Code))
					}
					m.Add(res)
				}
				m.Close()
				r.waited = site.App.DB.Waits().Sub(before)
				r.pageP50, r.pageP99, r.success, r.requests = m.Latencies.P50, m.Latencies.P99, m.Success, m.Requests
				if wrong := wrongAnswers(m.StatusCodes); wrong != "" {
					b.Errorf("%s: %s", r.name, wrong)
				}
				if n := m.StatusCodes["303"]; n == 0 {
					b.Errorf("no save was answered with its redirect: %v", m.StatusCodes)
				}
				fmt.Printf("\nThe conversation page saved with %d entries; its SQL alone is the store's transaction:", sittingEntries)
				printReport(string(e), size, sittingRate, []row{r})
				b.ReportMetric(float64(r.pageP99.Microseconds())/1000, "save-p99-ms")
				b.ReportMetric(float64(r.pageP99)/float64(sittingGoalP99), "save-p99-goal-ratio")
				b.ReportMetric(r.ratio50(), "save-p50-ratio")
			}
		})
	}
}

// benchSitting is a home visit with sittingEntries entries.
func benchSitting(today sqldb.Date) sittings.Sitting {
	s := sittings.Sitting{Conversation: conversations.Conversation{Step: conversations.Step(1), HeldOn: today, Method: conversations.Method("face_to_face"),
		Sections: []conversations.Section{{Heading: conversations.Mindset, PersonWords: "I want to manage on my own again"}}}}
	for i := range 6 {
		s.Strengths = append(s.Strengths, strengths.Strength{Kind: strengths.Kinds()[i%4], PersonWords: "Something I have always done, " + strconv.Itoa(i)})
	}
	for i := range 2 {
		s.Network = append(s.Network, people.NetworkMember{Name: "Ben Benchperson" + strings.Repeat("s", i), Relationship: "Son"})
	}
	for i := range 4 {
		s.Hopes = append(s.Hopes, outcomes.Aspiration{Term: outcomes.LongTerm, Words: "To stay in my own home, " + strconv.Itoa(i)})
		s.Outcomes = append(s.Outcomes, sittings.Outcome{Hope: i + 1,
			Outcome: outcomes.Outcome{Different: "I get washed and dressed by myself", HowWeKnow: "Ben sees me dressed",
				ByWhen: sqldb.NewDate(today.AddDate(0, 3, 0)), WhoInvolved: "Me and Ben", Expected: "Dressed every day"},
			Solutions: []plans.Solution{{Rung: plans.Network, Description: "Ben helps with socks and shoes"}}})
	}
	return s
}

// sittingForm is benchSitting as the conversation page posts it.
func sittingForm(today sqldb.Date) url.Values {
	v := url.Values{"step": {"1"}, "method": {"face_to_face"}, "needed_help": {"no"}, "mindset_words": {"I want to manage on my own again"},
		"strength_count": {"6"}, "network_count": {"2"}, "hope_count": {"4"}, "outcome_count": {"4"}}
	apptest.DateFields("held_on", today, v)
	s := benchSitting(today)
	for i, st := range s.Strengths {
		v.Set(sittings.EntryField(sittings.StrengthField, i, "kind"), string(st.Kind))
		v.Set(sittings.EntryField(sittings.StrengthField, i, "person_words"), st.PersonWords)
	}
	for i, m := range s.Network {
		v.Set(sittings.EntryField(sittings.NetworkField, i, "name"), m.Name)
		v.Set(sittings.EntryField(sittings.NetworkField, i, "relationship"), m.Relationship)
	}
	for i, h := range s.Hopes {
		v.Set(sittings.EntryField(sittings.HopeField, i, "words"), h.Words)
		v.Set(sittings.EntryField(sittings.HopeField, i, "term"), string(h.Term))
	}
	for i, o := range s.Outcomes {
		field := func(f, value string) { v.Set(sittings.EntryField(sittings.OutcomeField, i, f), value) }
		field("different", o.Different)
		field("aspiration_id", "new_"+strconv.Itoa(i))
		field("how_we_know", o.HowWeKnow)
		field("who_involved", o.WhoInvolved)
		field("expected", o.Expected)
		field("solution_count", "1")
		apptest.DateFields(sittings.EntryField(sittings.OutcomeField, i, "by_when"), o.ByWhen, v)
		v.Set(sittings.SolutionOf(i, 0, "rung"), o.Solutions[0].Rung.String())
		v.Set(sittings.SolutionOf(i, 0, "description"), o.Solutions[0].Description)
	}
	return v
}
