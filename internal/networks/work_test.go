package networks_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

func isProblems(err error) bool {
	_, ok := validation.AsProblems(err)
	return ok
}

// sameProblem says whether err is the problem want names.
func sameProblem(err error, want validation.Problems) bool {
	ps, ok := validation.AsProblems(err)
	return ok && len(ps) == 1 && ps[0] == want[0]
}

// workFixture is a network of three councils, A, B and C, of which C has left; D, outside the network; and the
// network's own programme lead.
type workFixture struct {
	network    networks.Network
	a, b, c, d peopletest.Council
	lead       councils.Staff
	work       *networks.Work
}

func newWorkFixture(t *testing.T, db *sqldb.DB) workFixture {
	t.Helper()
	ctx := context.Background()
	store := networks.NewStore(db)
	f := workFixture{work: networks.NewWork(db, store)}
	f.a, f.b = peopletest.TwoCouncils(t, db)
	f.c, f.d = peopletest.NewCouncil(t, db, "E06000903"), peopletest.NewCouncil(t, db, "E06000904")
	var err error
	if f.network, err = store.CreateNetwork(ctx, "TEST-SHIRES", "Test Shires network", "Learning from each other", false); err != nil {
		t.Fatal(err)
	}
	if f.lead, err = councils.NewStore(db).CreateStaff(sqldb.WithCouncil(ctx, f.network.ID), councils.NewStaff{
		Email: "lead@test-shires.example.org", Name: "Network Lead", Role: councils.ProgrammeLead}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []peopletest.Council{f.a, f.b, f.c} {
		if _, err := store.JoinByCode(sqldb.WithCouncil(ctx, c.Council.ID), f.network.JoinCode); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// leave has C leave the network.
func (f workFixture) leave(t *testing.T, db *sqldb.DB) {
	t.Helper()
	if err := networks.NewStore(db).Decide(sqldb.WithCouncil(context.Background(), f.c.Council.ID), f.network.ID, networks.Leave, "Joined another network", 1); err != nil {
		t.Fatal(err)
	}
}

// answerAs adds a member of staff to council and has them answer the round.
func answerAs(t *testing.T, db *sqldb.DB, f workFixture, c peopletest.Council, n int, round networks.Round, answer func(i int) string) {
	t.Helper()
	for i := range n {
		st, err := councils.NewStore(db).CreateStaff(sqldb.WithCouncil(context.Background(), c.Council.ID), councils.NewStaff{
			Email: c.Council.Code + "-answerer-" + string(rune('a'+i)) + "@example.org", Name: "Answerer", Role: councils.Practitioner, TeamIDs: []string{c.North.ID}})
		if err != nil {
			t.Fatal(err)
		}
		answers := map[string]string{}
		for _, q := range round.Questions {
			answers[q.Key] = answer(i)
		}
		if err := f.work.AnswerRound(peopletest.As(st), f.network.ID, round.ID, answers); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTheNetworkSurveyIsAnsweredAnonymouslyInEachCouncilAndSeenAsSafeNumbers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newWorkFixture(t, db)
		lead := peopletest.As(f.lead)
		net := f.network.ID

		sv, err := f.work.Survey(lead, net)
		if err != nil || sv.Version != 0 || len(sv.Questions) != len(networks.DefaultSurvey().Questions) {
			t.Fatalf("the network starts with the default survey: %+v, %v", sv, err)
		}
		if _, err := f.work.Survey(peopletest.As(f.a.Staff[councils.QualityLead]), net); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a member council's quality lead read the network's survey to change: %v", err)
		}
		sv.Questions = append(sv.Questions, feedback.Question{Key: "peer", Kind: feedback.Scale, Text: "Peer challenge helped us improve"})
		if sv, err = f.work.ChangeSurvey(lead, net, sv); err != nil || sv.Version != 1 {
			t.Fatalf("change the survey: %+v, %v", sv, err)
		}
		stale := sv
		stale.Version = 0
		if _, err := f.work.ChangeSurvey(lead, net, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a change from a stale version: %v, want a conflict", err)
		}
		bad := sv
		bad.Questions = append(slices.Clone(bad.Questions), feedback.Question{Key: "why", Kind: feedback.Words, Text: "Why?"})
		if _, err := f.work.ChangeSurvey(lead, net, bad); !isProblems(err) {
			t.Errorf("a question in staff's own words was kept: %v", err)
		}

		today := sqldb.TodayIn(lead)
		if _, err := f.work.OpenRound(lead, net, feedback.NewRound{Name: "Spring", ClosesOn: today}); !isProblems(err) {
			t.Errorf("a round closing today was opened: %v", err)
		}
		round, err := f.work.OpenRound(lead, net, feedback.NewRound{Name: "Spring 2026", ClosesOn: sqldb.NewDate(today.AddDate(0, 0, 21))})
		if err != nil || len(round.Questions) != 6 {
			t.Fatalf("open a round: %+v, %v", round, err)
		}
		if _, err := f.work.OpenRound(peopletest.As(f.a.Staff[councils.QualityLead]), net, feedback.NewRound{Name: "Ours", ClosesOn: sqldb.NewDate(today.AddDate(0, 0, 5))}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a member council opened the network's round: %v", err)
		}

		// A's staff answer 7 times, B's 3: B's figures are withheld.
		answerAs(t, db, f, f.a, 7, round, func(i int) string { return []string{"yes", "mostly", "no"}[i%3] })
		answerAs(t, db, f, f.b, 3, round, func(int) string { return "yes" })
		worker := peopletest.As(f.a.Staff[councils.Practitioner])
		all := map[string]string{}
		for _, q := range round.Questions {
			all[q.Key] = "yes"
		}
		if err := f.work.AnswerRound(worker, net, round.ID, all); err != nil {
			t.Fatal(err)
		}
		if err := f.work.AnswerRound(worker, net, round.ID, all); !sameProblem(err, networks.ErrNetworkAnswered) {
			t.Errorf("answered twice: %v", err)
		}
		partial := map[string]string{round.Questions[0].Key: "yes"}
		if err := f.work.AnswerRound(peopletest.As(f.a.SouthWorker), net, round.ID, partial); !isProblems(err) {
			t.Errorf("answers to one question of six were kept: %v", err)
		}
		if err := f.work.AnswerRound(peopletest.As(f.a.Staff[councils.Finance]), net, round.ID, all); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance answered the staff survey: %v", err)
		}
		if err := f.work.AnswerRound(lead, net, round.ID, all); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("the network's own lead answered: %v", err)
		}
		if err := f.work.AnswerRound(peopletest.As(f.d.Staff[councils.Practitioner]), net, round.ID, all); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council outside the network answered: %v", err)
		}
		mine, err := f.work.Round(worker, net, round.ID)
		if err != nil || !mine.Answered {
			t.Errorf("the worker's round does not say they answered: %+v, %v", mine, err)
		}

		// The answers are kept in the council's own tenancy, naming no one: no staff, no team, no time.
		cols := dbtest.Column[string](t, db, f.a.Council.ID, `SELECT id FROM network_survey_response WHERE council_id = $1`, f.a.Council.ID)
		if len(cols) != 8 {
			t.Errorf("council A holds %d responses, want 8", len(cols))
		}
		for _, id := range cols {
			if id[14] == '7' {
				t.Errorf("response id %s is time-ordered (UUID version 7)", id)
			}
		}
		if n := dbtest.Count(t, db, f.network.ID, "network_survey_response"); n != 0 {
			t.Errorf("the network's tenancy holds %d responses, want none", n)
		}

		res, err := f.work.RoundResults(lead, net, round.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range res.Councils {
			names = append(names, c.Name+" "+c.Responses.String())
		}
		want := []string{f.a.Council.Name + " 10", f.b.Council.Name + " fewer than 6", f.c.Council.Name + " 0"}
		slices.Sort(want)
		slices.Sort(names)
		if !slices.Equal(names, want) || res.Responses.String() != "10" || res.LeftOut != 1 {
			t.Errorf("the network's results: %v, %s responses, %d left out; want %v, 10, 1", names, res.Responses, res.LeftOut, want)
		}

		// A council reads its own results alone; a council's practitioner reads none; the council outside none.
		own, err := f.work.RoundResults(peopletest.As(f.b.Staff[councils.QualityLead]), net, round.ID)
		if err != nil || len(own.Councils) != 1 || own.Councils[0].CouncilID != f.b.Council.ID || !own.Questions[0].Councils[0].Withheld {
			t.Errorf("council B's own results: %+v, %v", own.Councils, err)
		}
		if _, err := f.work.RoundResults(worker, net, round.ID); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner read the results: %v", err)
		}
		if _, err := f.work.RoundResults(peopletest.As(f.d.Staff[councils.QualityLead]), net, round.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council outside read the results: %v", err)
		}

		// C answers, then leaves: it answers nothing more, reads nothing, and drops from the network's view.
		answerAs(t, db, f, f.c, 6, round, func(int) string { return "no" })
		f.leave(t, db)
		if err := f.work.AnswerRound(peopletest.As(f.c.Staff[councils.Practitioner]), net, round.ID, all); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council that left answered: %v", err)
		}
		if _, err := f.work.Rounds(peopletest.As(f.c.Staff[councils.QualityLead]), net); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council that left listed the rounds: %v", err)
		}
		after, err := f.work.RoundResults(lead, net, round.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range after.Councils {
			if c.CouncilID == f.c.Council.ID {
				t.Errorf("council C, which left, is still in the network's results")
			}
		}
		if len(after.Councils) != 2 {
			t.Errorf("after C left the results show %d councils, want 2", len(after.Councils))
		}
	})
}

// TestTheNetworksStaffReachNoCouncilsRows proves the wall from the network's side: signed in to the network's
// tenancy, a query with no council condition at all finds none of the councils' answers on PostgreSQL, whose
// row-level security admits only the tenancy's own rows; and every store query names the tenancy on both engines.
func TestTheNetworksStaffReachNoCouncilsRows(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newWorkFixture(t, db)
		lead := peopletest.As(f.lead)
		round, err := f.work.OpenRound(lead, f.network.ID, feedback.NewRound{Name: "R", ClosesOn: sqldb.NewDate(sqldb.TodayIn(lead).AddDate(0, 0, 7))})
		if err != nil {
			t.Fatal(err)
		}
		answerAs(t, db, f, f.a, 6, round, func(int) string { return "yes" })
		if db.Engine() == sqldb.Postgres {
			for _, table := range []string{"network_survey_response", "network_survey_answer", "network_survey_answered"} {
				if n := dbtest.Value[int](t, db, f.network.ID, `SELECT count(*) FROM `+table); n != 0 {
					t.Errorf("the network's tenancy sees %d rows of %s with no condition, want none", n, table)
				}
				if n := dbtest.Value[int](t, db, f.d.Council.ID, `SELECT count(*) FROM `+table); n != 0 {
					t.Errorf("council D sees %d rows of %s with no condition, want none", n, table)
				}
			}
			if n := dbtest.Value[int](t, db, f.a.Council.ID, `SELECT count(*) FROM network_survey_round`); n != 0 {
				t.Errorf("council A's tenancy sees %d of the network's rounds with no condition, want none", n)
			}
		}
		if n := dbtest.Count(t, db, f.a.Council.ID, "network_survey_answered"); n != 6 {
			t.Errorf("council A holds %d marks of who answered, want 6", n)
		}
	})
}

func TestPeerChallengesAreSeenByTheNetworkAndTheCouncilsThatTookPart(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newWorkFixture(t, db)
		lead := peopletest.As(f.lead)
		net := f.network.ID
		starts := sqldb.NewDate(sqldb.TodayIn(lead).AddDate(0, -2, 0))
		c := networks.Challenge{HostID: f.a.Council.ID, ChallengerIDs: []string{f.b.Council.ID}, Theme: "Strengths-based reviews",
			StartsOn: starts, EndsOn: sqldb.NewDate(starts.AddDate(0, 0, 2)), Strengths: "Reviews start with what matters", Areas: "Carers' voices"}
		if _, err := f.work.SaveChallenge(lead, net, networks.Challenge{Theme: "x"}); !isProblems(err) {
			t.Errorf("a challenge with no councils was kept: %v", err)
		}
		outside := c
		outside.ChallengerIDs = []string{f.d.Council.ID}
		if _, err := f.work.SaveChallenge(lead, net, outside); !isProblems(err) {
			t.Errorf("a council outside the network was made a challenger: %v", err)
		}
		if _, err := f.work.SaveChallenge(peopletest.As(f.a.Staff[councils.QualityLead]), net, c); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a member council recorded the network's challenge: %v", err)
		}
		saved, err := f.work.SaveChallenge(lead, net, c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.work.SaveChallenge(lead, net, networks.Challenge{HostID: f.c.Council.ID, ChallengerIDs: []string{f.a.Council.ID}, Theme: "Front door",
			StartsOn: starts, EndsOn: starts}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name  string
			who   councils.Staff
			count int
			err   error
		}{
			{"the network's lead sees both", f.lead, 2, nil},
			{"the host's quality lead sees both it took part in", f.a.Staff[councils.QualityLead], 2, nil},
			{"the challenger's quality lead sees its one", f.b.Staff[councils.QualityLead], 1, nil},
			{"a team manager is not shown challenges", f.a.Staff[councils.TeamManager], 0, sqldb.ErrForbidden},
			{"a council outside sees nothing", f.d.Staff[councils.QualityLead], 0, sqldb.ErrNotFound},
		}
		for _, tt := range tests {
			got, err := f.work.Challenges(peopletest.As(tt.who), net)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) || len(got) != tt.count {
				t.Errorf("%s: %d challenges, %v; want %d, %v", tt.name, len(got), err, tt.count, tt.err)
			}
		}
		if _, err := f.work.Challenge(peopletest.As(f.b.Staff[councils.QualityLead]), net, saved.ID); err != nil {
			t.Errorf("the challenger's quality lead read the challenge: %v", err)
		}
		one, err := f.work.Challenge(lead, net, saved.ID)
		if err != nil || one.HostName != f.a.Council.Name || !slices.Equal(one.ChallengerNames, []string{f.b.Council.Name}) {
			t.Errorf("the challenge as read: %+v, %v", one, err)
		}
		if one.StageOn(sqldb.TodayIn(lead)) != networks.AwaitingResponse {
			t.Errorf("a challenge ended with no response is %s", one.StageOn(sqldb.TodayIn(lead)))
		}

		if _, err := f.work.Respond(peopletest.As(f.b.Staff[councils.QualityLead]), net, saved.ID, "We accept", saved.Version); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a challenger responded for the host: %v", err)
		}
		if _, err := f.work.Respond(peopletest.As(f.a.Staff[councils.QualityLead]), net, saved.ID, " ", saved.Version); !isProblems(err) {
			t.Errorf("an empty response was kept: %v", err)
		}
		responded, err := f.work.Respond(peopletest.As(f.a.Staff[councils.QualityLead]), net, saved.ID, "We will bring carers into every review", saved.Version)
		if err != nil || responded.StageOn(sqldb.TodayIn(lead)) != networks.Responded {
			t.Fatalf("respond: %+v, %v", responded, err)
		}
		if _, err := f.work.Respond(peopletest.As(f.a.Staff[councils.QualityLead]), net, saved.ID, "Again", saved.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a response from a stale version: %v", err)
		}
		edit := one.Challenge
		edit.Theme = "Strengths-based reviews and carers"
		if _, err := f.work.SaveChallenge(lead, net, edit); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a change from before the response: %v, want a conflict", err)
		}
		edit.Version = responded.Version
		changed, err := f.work.SaveChallenge(lead, net, edit)
		if err != nil || changed.Response == "" {
			t.Errorf("a change kept %+v, %v: the response must stay", changed, err)
		}

		// C, the host of the other, leaves: it sees nothing more, though the record keeps it.
		f.leave(t, db)
		if _, err := f.work.Challenges(peopletest.As(f.c.Staff[councils.QualityLead]), net); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council that left read the challenges: %v", err)
		}
		if got, err := f.work.Challenges(lead, net); err != nil || len(got) != 2 {
			t.Errorf("the network's challenges after C left: %d, %v", len(got), err)
		}
	})
}

func TestTheLibraryIsSharedWithMemberCouncilsOnly(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newWorkFixture(t, db)
		lead := peopletest.As(f.lead)
		net := f.network.ID
		aQL := peopletest.As(f.a.Staff[councils.QualityLead])
		link, err := f.work.Share(lead, net, networks.Document{Title: "Three Conversations: a guide", Link: "https://example.org/three-conversations", Tags: []string{"Models", " guides"}}, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF")
		file, err := f.work.Share(aQL, net, networks.Document{Title: "Our practice framework", Summary: "How we work", Tags: []string{"framework"}}, `C:\docs\framework.pdf`, pdf)
		if err != nil || file.MediaType != "application/pdf" || file.FileName != "framework.pdf" || file.SharedFrom != f.a.Council.ID {
			t.Fatalf("share a file: %+v, %v", file, err)
		}
		if _, err := f.work.Share(aQL, net, networks.Document{Title: "Script"}, "x.pdf", []byte("<html><script>alert(1)</script>")); !isProblems(err) {
			t.Errorf("an HTML file named .pdf was kept: %v", err)
		}
		if _, err := f.work.Share(peopletest.As(f.a.Staff[councils.TeamManager]), net, networks.Document{Title: "T", Link: "https://example.org"}, "", nil); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager shared a document: %v", err)
		}
		tests := []struct {
			name string
			who  councils.Staff
			err  error
		}{
			{"the network's lead", f.lead, nil},
			{"a member's quality lead", f.b.Staff[councils.QualityLead], nil},
			{"a member's team manager", f.a.Staff[councils.TeamManager], nil},
			{"a member's programme lead", f.a.Staff[councils.ProgrammeLead], nil},
			{"a member's practitioner", f.a.Staff[councils.Practitioner], sqldb.ErrForbidden},
			{"a member's administrator", f.a.Staff[councils.Administrator], sqldb.ErrForbidden},
			{"a council outside", f.d.Staff[councils.QualityLead], sqldb.ErrNotFound},
		}
		for _, tt := range tests {
			docs, err := f.work.Library(peopletest.As(tt.who), net)
			_, content, derr := f.work.Document(peopletest.As(tt.who), net, file.ID)
			if tt.err == nil {
				if err != nil || len(docs) != 2 || derr != nil || string(content) != string(pdf) {
					t.Errorf("%s: %d documents, %v; file %v", tt.name, len(docs), err, derr)
				}
				continue
			}
			if !errors.Is(err, tt.err) || !errors.Is(derr, tt.err) || len(docs) > 0 || content != nil {
				t.Errorf("%s: %d documents, %v, %v; want %v", tt.name, len(docs), err, derr, tt.err)
			}
		}
		got, _, err := f.work.Document(lead, net, link.ID)
		if err != nil || !slices.Equal(got.Tags, []string{"models", "guides"}) || !got.IsLink() {
			t.Errorf("the link as read: %+v, %v", got, err)
		}

		// Only the network's staff and the sharing council's quality lead change or remove a document.
		change := file
		change.Title = "Our practice framework, 2026"
		if _, err := f.work.ChangeDocument(peopletest.As(f.b.Staff[councils.QualityLead]), net, change); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("another council changed A's document: %v", err)
		}
		changed, err := f.work.ChangeDocument(aQL, net, change)
		if err != nil || changed.Title != change.Title || changed.Version != 2 || changed.FileName != "framework.pdf" {
			t.Errorf("change: %+v, %v", changed, err)
		}
		if _, err := f.work.ChangeDocument(lead, net, change); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a change from a stale version: %v", err)
		}
		if err := f.work.RemoveDocument(lead, net, link.ID, link.Version); err != nil {
			t.Errorf("the network's lead removed a link: %v", err)
		}

		// C leaves and keeps no access.
		f.leave(t, db)
		if _, err := f.work.Library(peopletest.As(f.c.Staff[councils.QualityLead]), net); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council that left read the library: %v", err)
		}
		if _, _, err := f.work.Document(peopletest.As(f.c.Staff[councils.TeamManager]), net, file.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("a council that left opened a document: %v", err)
		}
		if strings.Contains(strings.Join(dbtest.Column[string](t, db, f.a.Council.ID, `SELECT title FROM network_document WHERE council_id = $1`, f.a.Council.ID), ","), "framework") {
			t.Error("A's shared document is kept in A's tenancy, not the network's")
		}
	})
}

// TestAClosedRoundTakesNoAnswers: a round answers only while it is open, and nothing is kept otherwise.
func TestAClosedRoundTakesNoAnswers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newWorkFixture(t, db)
		ctx := sqldb.WithCouncil(context.Background(), f.network.ID)
		today := db.Today()
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO network_survey_round (council_id, id, name, questions, opens_on, closes_on, created_at)
				VALUES ($1, 'closed', 'Last winter', $2, $3, $4, $5)`, f.network.ID, `[{"key":"time","text":"I have time","kind":"scale"}]`,
				sqldb.NewDate(today.AddDate(0, -3, 0)), sqldb.NewDate(today.AddDate(0, -2, 0)), tx.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		err := f.work.AnswerRound(peopletest.As(f.a.Staff[councils.Practitioner]), f.network.ID, "closed", map[string]string{"time": "yes"})
		if !sameProblem(err, networks.ErrNetworkClosed) {
			t.Errorf("a closed round took answers: %v", err)
		}
		if n := dbtest.Count(t, db, f.a.Council.ID, "network_survey_response") + dbtest.Count(t, db, f.a.Council.ID, "network_survey_answered"); n != 0 {
			t.Errorf("a refused answer kept %d rows", n)
		}
		r, err := f.work.Round(peopletest.As(f.a.Staff[councils.Practitioner]), f.network.ID, "closed")
		if err != nil || r.Status(today) != "Closed" || r.Answered {
			t.Errorf("the closed round: %+v, %v", r, err)
		}
	})
}
