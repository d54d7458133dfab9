package networkpage_test

import (
	"strconv"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestTheNetworksSharedWork walks the network's shared work in a real browser, with axe on every page: the
// network's lead opens a survey round (first without its closing date, which is refused); a member council's
// practitioner answers it (first leaving it empty, which is refused); with more answers in council A and too few in
// council B, the lead reads the results as a chart with B withheld; the lead records a peer challenge that A hosted
// and A's quality lead responds; and A's quality lead shares a link that B's team manager then reads.
func TestTheNetworksSharedWork(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	n := startNetwork(t, db)
	net := n.network.ID
	closes := sqldb.NewDate(n.App.DB.Today().AddDate(0, 0, 21))

	lead := apptest.SignInBrowser(t, n.Site, n.lead)
	lead.VisitAndCheck("/our-networks", "work-networks")
	lead.VisitAndCheck("/networks/"+net+"/survey/questions", "work-survey-form")
	lead.Fill("#f-statements", " ")
	lead.Submit("#f-name")
	lead.Screenshot("work-survey-form-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "survey errors", lead.Text(".govuk-error-summary"), "A survey needs at least one question")
	lead.VisitAndCheck("/our-networks", "work-networks-again")
	lead.ClickAndWait(`a[href="/networks/` + net + `/survey"]`)
	lead.Screenshot("work-survey")
	lead.CheckA11y()
	lead.Fill("#f-name", "Spring 2026")
	lead.Submit("#f-name")
	lead.Screenshot("work-survey-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "round errors", lead.Text(".govuk-error-summary"), "date the round closes")
	lead.FillDate("closes_on", strconv.Itoa(closes.Day()), strconv.Itoa(int(closes.Month())), strconv.Itoa(closes.Year()))
	lead.Submit("#f-name")
	apptest.MustContain(t, "round opened", lead.Text("main"), "Spring 2026 is open", "Open")
	rounds, err := n.App.NetworkWork.Rounds(peopletest.As(n.lead), net)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds: %v, %v", rounds, err)
	}
	round := rounds[0].Round

	worker := apptest.SignInBrowser(t, n.Site, n.A.Staff[councils.Practitioner])
	worker.VisitAndCheck("/networks/"+net+"/survey", "work-survey-member")
	worker.ClickAndWait(`a[href="/networks/` + net + `/survey/rounds/` + round.ID + `/answer"]`)
	worker.Screenshot("work-answer")
	worker.CheckA11y()
	worker.Submit("main form button")
	worker.Screenshot("work-answer-mistakes")
	worker.CheckA11y()
	apptest.MustContain(t, "answer errors", worker.Text(".govuk-error-summary"), "Select an answer to")
	for _, q := range round.Questions {
		worker.Check(apptest.Radio("answer-"+q.Key, "yes"))
	}
	worker.Submit("main form button")
	apptest.MustContain(t, "answered", worker.Text("main"), "You have answered")

	answerMany(t, n, n.A, round, 6, "mostly")
	answerMany(t, n, n.B, round, 3, "no")
	lead.VisitAndCheck("/networks/"+net+"/survey/rounds/"+round.ID, "work-results")
	apptest.MustContain(t, "results", lead.Text("main"), "Across the network", n.A.Council.Name, n.B.Council.Name, "Withheld: fewer than 6 answers", "100% agree")
	if !lead.Exists(`svg[role="img"]`) {
		t.Error("the results are not drawn")
	}

	lead.VisitAndCheck("/networks/"+net+"/challenges/new", "work-challenge-new")
	lead.Fill("#f-theme", "Strengths-based reviews")
	lead.Select("#f-host", n.A.Council.ID)
	lead.Check(`input[name="challengers"][value="` + n.B.Council.ID + `"]`)
	lead.FillDate("starts_on", "2", "2", "2026")
	lead.FillDate("ends_on", "1", "2", "2026")
	lead.Fill("#f-areas", "Carers’ voices in reviews")
	lead.Submit("#f-theme")
	lead.Screenshot("work-challenge-mistakes")
	lead.CheckA11y()
	apptest.MustContain(t, "challenge errors", lead.Text(".govuk-error-summary"), "The challenge must end on or after the day it started")
	lead.FillDate("ends_on", "4", "2", "2026")
	lead.Submit("#f-theme")
	lead.Screenshot("work-challenge")
	lead.CheckA11y()
	apptest.MustContain(t, "challenge", lead.Text("main"), "Awaiting the host’s response", n.B.Council.Name, "Carers’ voices in reviews")
	challenges, err := n.App.NetworkWork.Challenges(peopletest.As(n.lead), net)
	if err != nil || len(challenges) != 1 {
		t.Fatalf("challenges: %v, %v", challenges, err)
	}

	host := apptest.SignInBrowser(t, n.Site, n.A.Staff[councils.QualityLead])
	host.VisitAndCheck("/networks/"+net+"/challenges/"+challenges[0].ID, "work-challenge-host")
	host.ClickAndWait(`a[href="/networks/` + net + `/challenges/` + challenges[0].ID + `/response"]`)
	host.Screenshot("work-response")
	host.CheckA11y()
	host.Fill("#f-response", "We will ask carers what matters to them at every review.")
	host.Submit("#f-response")
	apptest.MustContain(t, "responded", host.Text("main"), "Responded", "We will ask carers")

	host.VisitAndCheck("/networks/"+net+"/library/new", "work-share")
	host.Fill("#f-title", "Three Conversations: a short guide")
	host.Fill("#f-tags", "Three Conversations, guides")
	host.Fill("#f-link", "https://example.org/three-conversations")
	host.Submit("#f-title")
	apptest.MustContain(t, "shared", host.Text("main"), "shared with the network")

	host.ClickAndWait(`a[href^="/networks/` + net + `/library/"][href$="/edit"]`)
	host.Screenshot("work-document-form")
	host.CheckA11y()

	manager := apptest.SignInBrowser(t, n.Site, n.B.Staff[councils.TeamManager])
	manager.VisitAndCheck("/networks/"+net+"/library?tag=three+conversations", "work-library")
	apptest.MustContain(t, "library", manager.Text("main"), "Three Conversations: a short guide", n.A.Council.Name, "three conversations")
}

// answerMany has count new members of a council's staff answer every question of round with value.
func answerMany(t *testing.T, n networkSite, c peopletest.Council, round networks.Round, count int, value string) {
	t.Helper()
	answers := map[string]string{}
	for _, q := range round.Questions {
		answers[q.Key] = value
	}
	for i := range count {
		st, err := n.App.Councils.CreateStaff(sqldb.WithCouncil(t.Context(), c.Council.ID), councils.NewStaff{
			Email: "answerer-" + strconv.Itoa(i) + "." + c.Council.Code + "@example.org", Name: "Answerer", Role: councils.Practitioner, TeamIDs: []string{c.North.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if err := n.App.NetworkWork.AnswerRound(peopletest.As(st), n.network.ID, round.ID, answers); err != nil {
			t.Fatal(err)
		}
	}
}
