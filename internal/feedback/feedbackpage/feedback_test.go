package feedbackpage_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/feedback/feedbacktest"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// answers is a form answering every question of the default survey for people.
func answers(value, words string, anonymous bool) url.Values {
	f := url.Values{"how": {"practitioner"}}
	for k, v := range feedbacktest.Answers(value, words) {
		f.Set("answer-"+k, v)
	}
	if anonymous {
		f.Set("anonymous", "yes")
	}
	return f
}

// TestFeedbackPagesForEachRoleAndCouncil asks every feedback page as each role and from the other council: the
// practitioner and their manager read and record a person's feedback (logged), finance and the other council do
// not; anonymous answers never show on the person's page; bad answers get the error summary and change nothing;
// the quality lead changes surveys (a stale change shows both versions) and opens rounds; results are for those who
// read measures and name no one.
func TestFeedbackPagesForEachRoleAndCouncil(t *testing.T) {
	t.Parallel()
	none := []accesslog.Action{}
	view, create, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Create}, []accesslog.Action{accesslog.Update}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		ep := feedbacktest.Open(t, db, site.A, true)
		early := feedbacktest.Open(t, db, site.A, false)
		surveys, err := site.App.Feedback.Surveys(peopletest.As(site.A.Staff[councils.QualityLead]))
		if err != nil {
			t.Fatal(err)
		}
		people := surveys[0]
		base := "/people/" + ep.Person.ID + "/episodes/" + ep.EpisodeID + "/feedback"
		missing := answers("yes", "", false)
		missing.Del("answer-listened")
		edit := url.Values{"version": {"1"}, "name": {"After your plan"}}
		for _, q := range people.Questions {
			edit.Set("question-"+q.Key, q.Text)
		}
		stale := url.Values{"version": {"0"}, "name": {"An older name"}}
		for _, q := range people.Questions {
			stale.Set("question-"+q.Key, q.Text+" (older)")
		}
		cases := []struct {
			name    string
			as      func(*apptest.Site) councils.Staff
			method  string
			path    string
			form    url.Values
			status  int
			body    []string
			notBody []string
			log     []accesslog.Action
		}{
			{"the episode's feedback, as its practitioner", apptest.AWorker, "GET", base, nil, 200,
				[]string{"Feedback from the person", "Record answers with them now", "Print a form", "Give them a link"}, nil, view},
			{"the episode's feedback, as their team manager", apptest.AManager, "GET", base, nil, 200, []string{"Feedback from the person"}, nil, view},
			{"the episode's feedback, as finance", apptest.AFinance, "GET", base, nil, 403, nil, nil, none},
			{"the episode's feedback, from the other council", apptest.BWorker, "GET", base, nil, 404, nil, nil, none},
			{"the episode's feedback, by the other council's quality lead", apptest.BQuality, "GET", base, nil, 404, nil, nil, none},
			{"answers with one question unanswered", apptest.AWorker, "POST", base + "/new", missing, 422,
				[]string{"There is a problem", "Select an answer to “I was listened to”", `href="#f-answer-listened"`}, nil, none},
			{"answers with no way given", apptest.AWorker, "POST", base + "/new", url.Values{"answer-listened": {"yes"}}, 422,
				[]string{"Select how the person gave their answers"}, nil, none},
			{"answers recorded with the person", apptest.AWorker, "POST", base + "/new", answers("mostly", "More time to talk it through", false), 303, nil, nil, create},
			{"answers recorded anonymously", apptest.AWorker, "POST", base + "/new", answers("no", "A private wish", true), 303, nil, nil, create},
			{"the named answers show, the anonymous never", apptest.AManager, "GET", base, nil, 200,
				[]string{"More time to talk it through", "Mostly"}, []string{"A private wish"}, view},
			{"answers, by finance", apptest.AFinance, "POST", base + "/new", answers("yes", "", false), 403, nil, nil, none},
			{"answers, from the other council", apptest.BWorker, "POST", base + "/new", answers("yes", "", false), 404, nil, nil, none},
			{"a link for the person", apptest.AWorker, "POST", base + "/link", url.Values{}, 200, []string{"/feedback/", "the only time the link is shown"}, nil, update},
			{"a link, from the other council", apptest.BWorker, "POST", base + "/link", url.Values{}, 404, nil, nil, none},
			{"a printed form", apptest.AWorker, "POST", base + "/form", url.Values{}, 200, nil, nil, update},
			{"the results, as the quality lead", apptest.AQuality, "GET", "/quality/feedback", nil, 200,
				[]string{"Feedback from people and staff", "I was listened to", "Too few to show", "Change “How was your support planned?”"}, []string{"More time to talk", "Testperson"}, none},
			{"the results, as a team manager", apptest.AManager, "GET", "/quality/feedback", nil, 200, []string{"I was listened to"}, []string{"Change “"}, none},
			{"the results, as finance", apptest.AFinance, "GET", "/quality/feedback", nil, 200, []string{"I was listened to"}, nil, none},
			{"the results, as a practitioner", apptest.AWorker, "GET", "/quality/feedback", nil, 403, nil, nil, none},
			{"the results, from the other council", apptest.BQuality, "GET", "/quality/feedback", nil, 200, []string{"I was listened to"}, []string{"Too few to show"}, none},
			{"a survey to change, as the quality lead", apptest.AQuality, "GET", "/quality/feedback/surveys/" + people.ID + "/edit", nil, 200,
				[]string{"Change the survey", "version 1", "I feel in control of my support"}, nil, none},
			{"a survey to change, as a team manager", apptest.AManager, "GET", "/quality/feedback/surveys/" + people.ID + "/edit", nil, 403, nil, nil, none},
			{"a survey to change, from the other council", apptest.BQuality, "GET", "/quality/feedback/surveys/" + people.ID + "/edit", nil, 404, nil, nil, none},
			{"a survey with no name", apptest.AQuality, "POST", "/quality/feedback/surveys/" + people.ID + "/edit", url.Values{"version": {"1"}, "name": {""}}, 422,
				[]string{"There is a problem", "Enter the survey’s name"}, nil, none},
			{"a survey changed, answered, so a new version", apptest.AQuality, "POST", "/quality/feedback/surveys/" + people.ID + "/edit", edit, 303, nil, nil, none},
			{"a stale change shows both versions", apptest.AQuality, "POST", "/quality/feedback/surveys/" + people.ID + "/edit", stale, 409,
				[]string{"Someone else changed this survey", "An older name", "I was listened to (older)"}, nil, none},
			{"a round with no name and no date", apptest.AQuality, "POST", "/quality/feedback/rounds/new", url.Values{}, 422,
				[]string{"There is a problem", "Enter the round’s name"}, nil, none},
			{"a round, by a team manager", apptest.AManager, "GET", "/quality/feedback/rounds/new", nil, 403, nil, nil, none},
			{"the staff survey, as a directory editor", apptest.AAdvice, "GET", "/staff-survey", nil, 200, []string{"Staff survey", "no staff survey open"}, nil, none},
			{"the staff survey, as finance, who read the results instead", apptest.AFinance, "GET", "/staff-survey", nil, 403, nil, nil, none},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				who := c.as(site)
				apptest.Ask(t, site, client(who), who, c.method, c.path, c.form, ep.Person.ID,
					apptest.Answer{Status: c.status, Body: c.body, NotBody: c.notBody, Log: c.log})
			})
		}

		// Before the plan is agreed or a review held, the person is not asked, and no code is made.
		earlyBase := "/people/" + early.Person.ID + "/episodes/" + early.EpisodeID + "/feedback"
		apptest.Ask(t, site, client(site.A.Staff[councils.Practitioner]), site.A.Staff[councils.Practitioner], "POST", earlyBase+"/link", url.Values{},
			early.Person.ID, apptest.Answer{Status: 422, Body: []string{"Ask for feedback once", `href="#f-survey"`}, Log: []accesslog.Action{}})

		// The quality lead opens a round, and the directory editor answers it once; finance cannot.
		closes := sqldb.NewDate(db.Today().AddDate(0, 1, 0))
		round := url.Values{"name": {"Spring"}, "closes_on-day": {strconv.Itoa(closes.Day())}, "closes_on-month": {strconv.Itoa(int(closes.Month()))},
			"closes_on-year": {strconv.Itoa(closes.Year())}}
		lead, editor := site.A.Staff[councils.QualityLead], site.A.Staff[councils.DirectoryEditor]
		if res := site.Post(t, client(lead), "/quality/feedback/rounds/new", round); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("open a round: %d", res.StatusCode)
		}
		rounds, err := site.App.Feedback.Rounds(peopletest.As(editor))
		if err != nil || len(rounds) != 1 {
			t.Fatalf("rounds %v, %v", rounds, err)
		}
		staff := url.Values{}
		for k, v := range feedbacktest.StaffAnswers("yes", "Fewer forms") {
			staff.Set("answer-"+k, v)
		}
		path := "/staff-survey/" + rounds[0].ID
		apptest.Ask(t, site, client(editor), editor, "POST", path, url.Values{}, ep.Person.ID, apptest.Answer{Status: 422,
			Body: []string{"Select an answer to “Strengths-based practice is part of our everyday work”"}, Log: none})
		apptest.Ask(t, site, client(editor), editor, "POST", path, staff, ep.Person.ID, apptest.Answer{Status: 303, Log: none})
		apptest.Ask(t, site, client(editor), editor, "POST", path, staff, ep.Person.ID, apptest.Answer{Status: 422, Body: []string{"You have already answered this round"}, Log: none})
		apptest.Ask(t, site, client(editor), editor, "GET", "/staff-survey", nil, ep.Person.ID, apptest.Answer{Status: 200, Body: []string{"Spring", "Answered"}, Log: none})
		finance := site.A.Staff[councils.Finance]
		apptest.Ask(t, site, client(finance), finance, "POST", path, staff, ep.Person.ID, apptest.Answer{Status: 403, Log: none})
		other := site.B.Staff[councils.Practitioner]
		apptest.Ask(t, site, client(other), other, "GET", path, nil, ep.Person.ID, apptest.Answer{Status: 404, Log: none})
		apptest.Ask(t, site, client(lead), lead, "GET", "/quality/feedback?round="+rounds[0].ID, nil, ep.Person.ID,
			apptest.Answer{Status: 200, Body: []string{"Spring", "Strengths-based practice is part of our everyday work"}, NotBody: []string{"Fewer forms"}, Log: none})
	})
}

var codeLink = regexp.MustCompile(`/feedback/([a-z2-7]{26})`)

// TestAnsweringByCode answers a survey with a one-time code and no sign-in: the page names no one, bad answers get
// the error summary, the answers are kept once, and the code, a made-up one and an empty answer page all get the
// same page saying the link cannot be used.
func TestAnsweringByCode(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ep := feedbacktest.Open(t, db, site.A, true)
		worker := site.A.Staff[councils.Practitioner]
		res, body := site.PostBody(t, site.SignIn(t, worker), "/people/"+ep.Person.ID+"/episodes/"+ep.EpisodeID+"/feedback/link", url.Values{})
		m := codeLink.FindStringSubmatch(body)
		if res.StatusCode != http.StatusOK || m == nil {
			t.Fatalf("no link: %d\n%s", res.StatusCode, apptest.Excerpt(body))
		}
		path := "/feedback/" + m[1]
		person := apptest.Client()
		res, body = site.Get(t, person, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("the answer page: %d", res.StatusCode)
		}
		apptest.MustContain(t, "the answer page", body, site.A.Council.Name, "I was listened to", "Should your answers be anonymous?")
		if strings.Contains(body, ep.Person.FamilyName) || strings.Contains(body, "Sign out") {
			t.Errorf("the answer page names the person or shows staff's header\n%s", apptest.Excerpt(body))
		}
		form := answers("yes", "Nothing at all", false)
		form.Del("how")
		bad := answers("", "", false)
		res, body = site.PostBody(t, person, path, bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "There is a problem") {
			t.Errorf("bad answers: %d\n%s", res.StatusCode, apptest.Excerpt(body))
		}
		if res = site.Post(t, person, path, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("answering: %d", res.StatusCode)
		}
		for _, p := range []string{path, "/feedback/abcdefghijklmnopqrstuvwxyz", "/feedback/nothing"} {
			res, body = site.Get(t, person, p)
			if res.StatusCode != http.StatusGone || !strings.Contains(body, "This link cannot be used") {
				t.Errorf("%s: %d\n%s", p, res.StatusCode, apptest.Excerpt(body))
			}
		}
		if res = site.Post(t, person, path, form); res.StatusCode != http.StatusGone {
			t.Errorf("answering twice: %d", res.StatusCode)
		}
		got, err := site.App.Feedback.EpisodeGlance(peopletest.As(worker), ep.Person.ID, ep.EpisodeID)
		if err != nil || len(got.Given) != 1 || got.Given[0].How != feedback.Link || got.Given[0].Answers["change"] != "Nothing at all" {
			t.Errorf("kept %+v, %v", got.Given, err)
		}
	})
}
