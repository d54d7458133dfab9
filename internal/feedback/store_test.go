package feedback_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/feedback/feedbacktest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

var start = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// TestSurveysAreVersioned: a council starts with the two default surveys; a change to a version nobody has used
// changes it, one to a version with answers makes the next version and the answers keep theirs; a stale change is
// a conflict and a bad one is refused, changing nothing; another council cannot read the survey.
func TestSurveysAreVersioned(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := feedback.NewStore(db)
		lead := peopletest.As(a.Staff[councils.QualityLead])
		all, err := s.Surveys(lead)
		if err != nil || len(all) != 2 {
			t.Fatalf("surveys %v, %v", all, err)
		}
		people := all[0]
		if people.Audience != feedback.People || people.Version != 1 || len(people.Questions) != 5 || people.Questions[0].Text != "I was listened to" {
			t.Fatalf("the people's survey is %+v", people)
		}
		if _, err := s.Surveys(peopletest.As(a.Staff[councils.Practitioner])); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner read the surveys to change: %v", err)
		}
		if _, err := s.Survey(peopletest.As(b.Staff[councils.QualityLead]), people.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the survey: %v", err)
		}

		// Unused, a change is made in place.
		people.Name = "After your plan"
		changed, err := s.ChangeSurvey(lead, people, 1)
		if err != nil || changed.Version != 1 || changed.ID != people.ID {
			t.Fatalf("changed in place %+v, %v", changed, err)
		}
		// A bad change and a stale one change nothing.
		bad := changed
		bad.Questions = append(slices.Clone(bad.Questions), feedback.Question{Key: "new", Kind: feedback.Scale})
		if _, err := s.ChangeSurvey(lead, bad, 1); err == nil {
			t.Error("a question with no text was kept")
		} else if ps, ok := validation.AsProblems(err); !ok || ps[0].Field != "question-new" {
			t.Errorf("a question with no text: %v", err)
		}
		if _, err := s.ChangeSurvey(lead, changed, 0); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale change: %v", err)
		}

		// Answered, a change makes version 2, and the answers keep version 1's wording.
		ep := feedbacktest.Open(t, db, a, true)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		if _, err := s.Record(worker, ep.Person.ID, ep.EpisodeID, feedback.Response{SurveyID: changed.ID, How: feedback.WithPractitioner,
			Answers: feedbacktest.Answers("yes", "Nothing")}); err != nil {
			t.Fatal(err)
		}
		reworded := changed
		reworded.Questions = slices.Clone(reworded.Questions)
		reworded.Questions[0].Text = "You listened to me"
		v2, err := s.ChangeSurvey(lead, reworded, 1)
		if err != nil || v2.Version != 2 || v2.ID == changed.ID {
			t.Fatalf("the change to an answered survey is %+v, %v", v2, err)
		}
		if _, err := s.ChangeSurvey(lead, reworded, 1); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a change to an old version: %v", err)
		}
		got, err := s.Episode(worker, ep.Person.ID, ep.EpisodeID)
		if err != nil || len(got.Given) != 1 {
			t.Fatalf("episode feedback %+v, %v", got, err)
		}
		if g := got.Given[0]; g.Survey.Version != 1 || g.Survey.Questions[0].Text != "I was listened to" || g.Answers[feedback.ListenedKey] != "yes" {
			t.Errorf("the answers are shown with %+v", g)
		}
		if got.Survey.Version != 2 {
			t.Errorf("the person is now asked version %d", got.Survey.Version)
		}
	})
}

// TestPeoplesAnswers: answers are recorded only once the plan is agreed or a review held; recording and viewing
// are in the access log and a glance is not; anonymous answers never reach a page about the person, yet count in
// the results; another council's staff find nothing.
func TestPeoplesAnswers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := feedback.NewStore(db)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		lead := peopletest.As(a.Staff[councils.QualityLead])
		early := feedbacktest.Open(t, db, a, false)
		first, err := s.EpisodeGlance(worker, early.Person.ID, early.EpisodeID)
		if err != nil || first.Due {
			t.Fatalf("an episode with no plan or review: %+v, %v", first, err)
		}
		if _, err := s.Record(worker, early.Person.ID, early.EpisodeID, feedback.Response{SurveyID: first.Survey.ID, How: feedback.WithPractitioner,
			Answers: feedbacktest.Answers("yes", "")}); field(err) != "survey" {
			t.Errorf("answers before the plan or a review: %v", err)
		}
		if _, _, err := s.Invite(worker, early.Person.ID, early.EpisodeID); field(err) != "survey" {
			t.Errorf("a code before the plan or a review: %v", err)
		}

		ep := feedbacktest.Open(t, db, a, true)
		log := func() []accesslog.Action { return peopletest.Logged(t, db, a.Council.ID, ep.Person.ID) }
		before := log()
		if _, err := s.EpisodeGlance(worker, ep.Person.ID, ep.EpisodeID); err != nil {
			t.Fatal(err)
		}
		if got := log()[len(before):]; len(got) != 0 {
			t.Errorf("a glance logged %v", got)
		}
		page, err := s.Episode(worker, ep.Person.ID, ep.EpisodeID)
		if err != nil || !page.Due {
			t.Fatalf("a reviewed episode: %+v, %v", page, err)
		}
		if got := log()[len(before):]; !slices.Equal(got, []accesslog.Action{accesslog.View}) {
			t.Errorf("viewing logged %v", got)
		}

		// A scale question left unanswered is refused, and nothing is kept or logged.
		before = log()
		missing := feedbacktest.Answers("yes", "")
		delete(missing, feedback.ListenedKey)
		if _, err := s.Record(worker, ep.Person.ID, ep.EpisodeID, feedback.Response{SurveyID: page.Survey.ID, How: feedback.WithPractitioner, Answers: missing}); err == nil {
			t.Error("answers with a question unanswered were kept")
		}
		if got := log()[len(before):]; len(got) != 0 {
			t.Errorf("refused answers logged %v", got)
		}

		// Named answers and anonymous ones, with the practitioner and by code.
		if _, err := s.Record(worker, ep.Person.ID, ep.EpisodeID, feedback.Response{SurveyID: page.Survey.ID, How: feedback.WithPractitioner,
			Answers: feedbacktest.Answers("mostly", "More time to talk")}); err != nil {
			t.Fatal(err)
		}
		if got := log()[len(before):]; !slices.Equal(got, []accesslog.Action{accesslog.Create}) {
			t.Errorf("recording logged %v", got)
		}
		if _, err := s.Record(worker, ep.Person.ID, ep.EpisodeID, feedback.Response{SurveyID: page.Survey.ID, How: feedback.Paper, Anonymous: true,
			Answers: feedbacktest.Answers("no", "A secret only the results may hold")}); err != nil {
			t.Fatal(err)
		}
		inv, _, err := s.Invite(worker, ep.Person.ID, ep.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		before = log()
		signedOutPage := accesslog.WithRoute(context.Background(), accesslog.Page, "POST /feedback/{code}")
		if err := s.AnswerByCode(signedOutPage, inv.Code, feedback.Response{Anonymous: true,
			Answers: feedbacktest.Answers("partly", "Another secret")}); err != nil {
			t.Fatal(err)
		}
		// Answers by code are added to the person's record by the person themselves: logged as theirs, through the
		// page they answered on.
		entries := peopletest.Log(t, db, a.Council.ID, ep.Person.ID)
		if got := entries[len(before):]; len(got) != 1 || got[0].Action != accesslog.Create || got[0].StaffID != "" ||
			got[0].Actor != "the person, answering a survey with their one-time code" || got[0].Route != "POST /feedback/{code}" {
			t.Errorf("answering by code logged %+v", got)
		}
		for _, who := range []councils.Staff{a.Staff[councils.Practitioner], a.Staff[councils.TeamManager], a.Staff[councils.QualityLead]} {
			page, err := s.Episode(peopletest.As(who), ep.Person.ID, ep.EpisodeID)
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Given) != 1 || page.Given[0].Answers[feedback.ChangeKey] != "More time to talk" || page.Given[0].Anonymous {
				t.Errorf("%s sees on the person's record %+v", who.Role, page.Given)
			}
		}
		res, err := s.Results(lead, feedback.Filter{Audience: feedback.People, From: sqldb.NewDate(start.AddDate(-1, 0, 0)), To: sqldb.NewDate(start.AddDate(1, 0, 0))})
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.Responses.Value(); !res.Responses.Suppressed() || n != 0 {
			t.Errorf("three responses are shown as %s", res.Responses)
		}
		if !res.Questions[0].All.Withheld || len(res.Words) != 0 {
			t.Errorf("three answers are not withheld: %+v, %v", res.Questions[0].All, res.Words)
		}

		// Another council finds neither the episode nor the record to add to.
		other := peopletest.As(b.Staff[councils.Practitioner])
		if _, err := s.Episode(other, ep.Person.ID, ep.EpisodeID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the episode's feedback: %v", err)
		}
		if _, err := s.Record(other, ep.Person.ID, ep.EpisodeID, feedback.Response{SurveyID: page.Survey.ID, How: feedback.WithPractitioner,
			Answers: feedbacktest.Answers("yes", "")}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council recorded answers: %v", err)
		}
		if _, _, err := s.Invite(other, ep.Person.ID, ep.EpisodeID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council made a code: %v", err)
		}
		if _, err := s.Results(peopletest.As(a.Staff[councils.Practitioner]), feedback.Filter{Audience: feedback.People}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner read the results: %v", err)
		}
	})
}

// TestCodesAreUsedOnceAndExpire: a code answers once with no sign-in, a made-up or used one cannot be told apart,
// and a code cannot be used once its days have passed.
func TestCodesAreUsedOnceAndExpire(t *testing.T) {
	t.Parallel()
	now := start
	dbtest.EachWith(t, dbtest.Options{Clock: func() time.Time { return now }}, func(t *testing.T, db *sqldb.DB) {
		now = start
		a, _ := peopletest.TwoCouncils(t, db)
		s := feedback.NewStore(db)
		worker := peopletest.As(a.Staff[councils.Practitioner])
		ep := feedbacktest.Open(t, db, a, true)
		used, _, err := s.Invite(worker, ep.Person.ID, ep.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		late, _, err := s.Invite(worker, ep.Person.ID, ep.EpisodeID)
		if err != nil {
			t.Fatal(err)
		}
		if len(used.Code) != 26 || used.Code == late.Code {
			t.Fatalf("codes %q and %q", used.Code, late.Code)
		}
		signedOut := accesslog.WithRoute(context.Background(), accesslog.Page, "POST /feedback/{code}")
		sv, council, err := s.ByCode(signedOut, feedback.GroupCode(used.Code))
		if err != nil || sv.Audience != feedback.People || council != a.Council.Name {
			t.Fatalf("by code: %+v, %q, %v", sv, council, err)
		}
		// Answers that do not fit keep the code good.
		if err := s.AnswerByCode(signedOut, used.Code, feedback.Response{Answers: map[string]string{}}); err == nil || errors.Is(err, feedback.ErrCodeNotValid) {
			t.Errorf("empty answers: %v", err)
		}
		if err := s.AnswerByCode(signedOut, used.Code, feedback.Response{Answers: feedbacktest.Answers("yes", "Nothing")}); err != nil {
			t.Fatal(err)
		}
		if err := s.AnswerByCode(signedOut, used.Code, feedback.Response{Answers: feedbacktest.Answers("no", "Twice")}); !errors.Is(err, feedback.ErrCodeNotValid) {
			t.Errorf("a used code answered again: %v", err)
		}
		for _, code := range []string{used.Code, "abcdefghijklmnopqrstuvwxyz", "short", ""} {
			if _, _, err := s.ByCode(signedOut, code); !errors.Is(err, feedback.ErrCodeNotValid) {
				t.Errorf("code %q: %v", code, err)
			}
		}
		page, err := s.EpisodeGlance(worker, ep.Person.ID, ep.EpisodeID)
		if err != nil || len(page.Given) != 1 || page.Given[0].How != feedback.Link || len(page.Invitations) != 2 {
			t.Fatalf("after answering by code: %+v, %v", page, err)
		}
		now = start.AddDate(0, 0, feedback.CodeDays)
		if _, _, err := s.ByCode(signedOut, late.Code); err != nil {
			t.Errorf("a code on its last day: %v", err)
		}
		now = start.AddDate(0, 0, feedback.CodeDays+1)
		if _, _, err := s.ByCode(signedOut, late.Code); !errors.Is(err, feedback.ErrCodeNotValid) {
			t.Errorf("an expired code: %v", err)
		}
		if err := s.AnswerByCode(signedOut, late.Code, feedback.Response{Answers: feedbacktest.Answers("yes", "")}); !errors.Is(err, feedback.ErrCodeNotValid) {
			t.Errorf("an expired code answered: %v", err)
		}
	})
}

// TestStaffRounds: the quality lead opens a round; each member of staff but finance answers once; the answers keep the team and
// never the member of staff; results are withheld below six answers and shown from six; another council finds
// no round.
func TestStaffRounds(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := feedback.NewStore(db)
		lead := peopletest.As(a.Staff[councils.QualityLead])
		if _, err := s.OpenRound(peopletest.As(a.Staff[councils.TeamManager]), feedback.NewRound{Name: "Spring", ClosesOn: sqldb.NewDate(time.Now().AddDate(0, 1, 0))}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a team manager opened a round: %v", err)
		}
		if _, err := s.OpenRound(lead, feedback.NewRound{Name: " ", ClosesOn: db.Today()}); err == nil {
			t.Error("a round with no name closing today was opened")
		}
		round, err := s.OpenRound(lead, feedback.NewRound{Name: "Spring", ClosesOn: sqldb.NewDate(db.Today().AddDate(0, 1, 0))})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Round(peopletest.As(b.Staff[councils.Practitioner]), round.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council read the round: %v", err)
		}
		if err := s.AnswerRound(peopletest.As(b.Staff[councils.Practitioner]), round.ID, feedback.Response{Answers: feedbacktest.StaffAnswers("yes", "")}); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("another council answered the round: %v", err)
		}
		staff := []councils.Staff{a.SouthWorker}
		for _, st := range a.Staff {
			if st.Role != councils.Finance {
				staff = append(staff, st)
			}
		}
		if err := s.AnswerRound(peopletest.As(a.Staff[councils.Finance]), round.ID, feedback.Response{Answers: feedbacktest.StaffAnswers("yes", "")}); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("finance, whose role changes nothing, answered: %v", err)
		}
		for i, st := range staff[:5] {
			if err := s.AnswerRound(peopletest.As(st), round.ID, feedback.Response{Answers: feedbacktest.StaffAnswers("yes", "More time")}); err != nil {
				t.Fatalf("answer %d: %v", i, err)
			}
		}
		if err := s.AnswerRound(peopletest.As(staff[0]), round.ID, feedback.Response{Answers: feedbacktest.StaffAnswers("no", "")}); field(err) != "round" {
			t.Errorf("a second answer: %v", err)
		}
		res, err := s.Results(lead, feedback.Filter{Audience: feedback.Staff, RoundID: round.ID})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Questions[0].All.Withheld || len(res.Words) != 0 {
			t.Errorf("five answers are shown: %+v %v", res.Questions[0].All, res.Words)
		}
		if err := s.AnswerRound(peopletest.As(staff[5]), round.ID, feedback.Response{Answers: feedbacktest.StaffAnswers("partly", "")}); err != nil {
			t.Fatal(err)
		}
		res, err = s.Results(lead, feedback.Filter{Audience: feedback.Staff, RoundID: round.ID})
		if err != nil {
			t.Fatal(err)
		}
		if all := res.Questions[0].All; all.Withheld || all.Agree != "" || len(res.Words) != 5 {
			// Five of six agree: the one who did not is a count under six, so the share is not shown either.
			t.Errorf("six answers: %+v, %v", all, res.Words)
		}
		rounds, err := s.Rounds(peopletest.As(staff[0]))
		if err != nil || len(rounds) != 1 || !rounds[0].Answered || rounds[0].Answers != 6 {
			t.Errorf("rounds %+v, %v", rounds, err)
		}
		// Nothing kept with the answers names who gave them.
		ctx := sqldb.WithCouncil(context.Background(), a.Council.ID)
		err = db.ReadTx(ctx, func(tx *sqldb.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feedback_response WHERE council_id = $1 AND round_id = $2 AND
				person_id IS NULL AND episode_id IS NULL AND recorded_by = '' AND anonymous = $3 AND answered_on = $4`,
				tx.Council(), round.ID, true, round.OpensOn).Scan(&n); err != nil {
				return err
			}
			if n != 6 {
				t.Errorf("%d of 6 staff responses name no one", n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// field is the field of the first problem err carries, or "" when it carries none.
func field(err error) string {
	if ps, ok := validation.AsProblems(err); ok && len(ps) > 0 {
		return ps[0].Field
	}
	return ""
}
