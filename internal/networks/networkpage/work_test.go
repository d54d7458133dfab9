package networkpage_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/feedback"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// networkSite is a running site whose councils A and B belong to a network, with C, which joined and left, D, which
// never joined, and the network's own programme lead; all of them can sign in.
type networkSite struct {
	*apptest.Site
	network networks.Network
	lead    councils.Staff
	c, d    peopletest.Council
}

func startNetwork(t *testing.T, db *sqldb.DB) networkSite {
	t.Helper()
	ctx := context.Background()
	site := apptest.Start(t, db)
	store := networks.NewStore(db)
	n := networkSite{Site: site, c: peopletest.NewCouncil(t, db, "E06000903"), d: peopletest.NewCouncil(t, db, "E06000904")}
	var err error
	if n.network, err = store.CreateNetwork(ctx, "TEST-SHIRES", "Test Shires network", "", false); err != nil {
		t.Fatal(err)
	}
	if n.lead, err = site.App.Councils.CreateStaff(sqldb.WithCouncil(ctx, n.network.ID), councils.NewStaff{
		Email: "lead@test-shires.example.org", Name: "Network Lead", Role: councils.ProgrammeLead}); err != nil {
		t.Fatal(err)
	}
	hash, err := site.App.Auth.Hasher().Hash(ctx, apptest.Password)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []councils.Staff{n.lead, n.c.Staff[councils.QualityLead], n.c.Staff[councils.Practitioner], n.d.Staff[councils.QualityLead],
		n.d.Staff[councils.Practitioner]} {
		if err := site.App.Councils.SetPassword(sqldb.WithCouncil(ctx, st.CouncilID), st.ID, hash); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []string{site.A.Council.ID, site.B.Council.ID, n.c.Council.ID} {
		if _, err := store.JoinByCode(sqldb.WithCouncil(ctx, c), n.network.JoinCode); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Decide(sqldb.WithCouncil(ctx, n.c.Council.ID), n.network.ID, networks.Leave, "Joined another network", 1); err != nil {
		t.Fatal(err)
	}
	return n
}

// workFixture is one of each of the network's records: an open round A's team manager has answered, a peer
// challenge A hosted and B challenged, and a document A's quality lead shared.
type workFixture struct {
	round     networks.Round
	challenge networks.Challenge
	document  networks.Document
}

func newWorkFixture(t *testing.T, n networkSite) workFixture {
	t.Helper()
	w := n.App.NetworkWork
	lead := peopletest.As(n.lead)
	today := n.App.DB.Today()
	var f workFixture
	var err error
	if f.round, err = w.OpenRound(lead, n.network.ID, feedback.NewRound{Name: "Spring round", ClosesOn: sqldb.NewDate(today.AddDate(0, 0, 14))}); err != nil {
		t.Fatal(err)
	}
	answers := map[string]string{}
	for _, q := range f.round.Questions {
		answers[q.Key] = "mostly"
	}
	if err := w.AnswerRound(peopletest.As(n.A.Staff[councils.TeamManager]), n.network.ID, f.round.ID, answers); err != nil {
		t.Fatal(err)
	}
	if f.challenge, err = w.SaveChallenge(lead, n.network.ID, networks.Challenge{HostID: n.A.Council.ID, ChallengerIDs: []string{n.B.Council.ID},
		Theme: "Strengths-based reviews", StartsOn: sqldb.NewDate(today.AddDate(0, -1, 0)), EndsOn: sqldb.NewDate(today.AddDate(0, -1, 1)),
		Strengths: "Reviews begin with what matters", Areas: "Carers’ voices in reviews"}); err != nil {
		t.Fatal(err)
	}
	if f.document, err = w.Share(peopletest.As(n.A.Staff[councils.QualityLead]), n.network.ID, networks.Document{Title: "Our practice framework",
		Summary: "How we work", Tags: []string{"framework"}}, "framework.txt", []byte("Start with what matters to the person.\n")); err != nil {
		t.Fatal(err)
	}
	return f
}

// workState is everything these pages change, as one comparable string.
func workState(t *testing.T, n networkSite) string {
	t.Helper()
	return dbtest.Numbers(t, n.App.DB, n.network.ID, []string{
		`SELECT count(*) + COALESCE(sum(version), 0) FROM network_survey WHERE council_id = $1`,
		`SELECT count(*) FROM network_survey_round WHERE council_id = $1`,
		`SELECT count(*) + COALESCE(sum(version), 0) FROM network_challenge WHERE council_id = $1`,
		`SELECT count(*) FROM network_challenger WHERE council_id = $1`,
		`SELECT count(*) + COALESCE(sum(version), 0) FROM network_document WHERE council_id = $1`,
	}, n.network.ID) + dbtest.Numbers(t, n.App.DB, n.A.Council.ID, []string{
		`SELECT count(*) FROM network_survey_response WHERE council_id = $1`,
		`SELECT count(*) FROM network_survey_answer WHERE council_id = $1`,
	}, n.A.Council.ID)
}

type workScenario struct {
	name      string
	method    string
	path      string
	form      func(f workFixture) url.Values
	as        string
	status    int
	body      []string
	notBody   []string
	unchanged bool
}

func fixedWork(v url.Values) func(workFixture) url.Values {
	return func(workFixture) url.Values { return v }
}

func answers(value string) func(f workFixture) url.Values {
	return func(f workFixture) url.Values {
		v := url.Values{}
		for _, q := range f.round.Questions {
			v.Set("answer-"+q.Key, value)
		}
		return v
	}
}

func challengeForm(fn func(v url.Values)) func(workFixture) url.Values {
	return func(f workFixture) url.Values {
		v := url.Values{"theme": {"Front door conversations"}, "host": {"{b}"}, "challengers": {"{a}"}, "strengths": {"Warm first contacts"},
			"areas": {"Follow-up"}, "version": {strconv.Itoa(f.challenge.Version)}}
		apptest.DateFields("starts_on", dbtest.Date("2026-01-12"), v)
		apptest.DateFields("ends_on", dbtest.Date("2026-01-13"), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func TestNetworkWorkPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	scenarios := []workScenario{
		{name: "our networks", method: "GET", path: "/our-networks", as: "a-worker", status: 200, body: []string{"Test Shires network", "Staff survey"}, notBody: []string{"Shared library"}},
		{name: "our networks, as a council outside", method: "GET", path: "/our-networks", as: "d-quality", status: 200, body: []string{"does not belong to a network"}, notBody: []string{"Test Shires"}},
		{name: "our networks, as a council that left", method: "GET", path: "/our-networks", as: "c-quality", status: 200, notBody: []string{"Test Shires"}},
		{name: "our networks, as the network's lead", method: "GET", path: "/our-networks", as: "lead", status: 200, body: []string{"Test Shires network", "Shared library", "Peer challenges"}},

		{name: "the survey, as the network's lead", method: "GET", path: "/networks/{net}/survey", as: "lead", status: 200, body: []string{"Change the statements", "Open the round", "Spring round", "I learn from how other councils"}},
		{name: "the survey, as a member's practitioner", method: "GET", path: "/networks/{net}/survey", as: "a-worker", status: 200, body: []string{"Spring round", "Answer"}, notBody: []string{"Change the statements"}},
		{name: "the survey, as a council that left", method: "GET", path: "/networks/{net}/survey", as: "c-quality", status: 404},
		{name: "the survey, as a council outside", method: "GET", path: "/networks/{net}/survey", as: "d-quality", status: 404},
		{name: "change the statements", method: "POST", path: "/networks/{net}/survey/questions", as: "lead", form: fixedWork(url.Values{"name": {"Our survey"}, "statements": {"We start with strengths\nI learn from peer challenge"}, "version": {"0"}}), status: 303},
		{name: "statements left empty", method: "POST", path: "/networks/{net}/survey/questions", as: "lead", form: fixedWork(url.Values{"name": {"Our survey"}, "statements": {" "}, "version": {"0"}}), status: 422,
			body: []string{"There is a problem", "A survey needs at least one question", `href="#f-statements"`}, unchanged: true},
		{name: "change the statements, as a member's quality lead", method: "POST", path: "/networks/{net}/survey/questions", as: "a-quality", form: fixedWork(url.Values{"name": {"Ours"}, "statements": {"x"}, "version": {"0"}}), status: 403, unchanged: true},
		{name: "open a round", method: "POST", path: "/networks/{net}/survey/rounds", as: "lead", form: func(workFixture) url.Values {
			v := url.Values{"name": {"Autumn"}}
			apptest.DateFields("closes_on", dbtest.Date("2099-10-01"), v)
			return v
		}, status: 303},
		{name: "a round closing in the past", method: "POST", path: "/networks/{net}/survey/rounds", as: "lead", form: func(workFixture) url.Values {
			v := url.Values{"name": {"Autumn"}}
			apptest.DateFields("closes_on", dbtest.Date("2020-10-01"), v)
			return v
		}, status: 422, body: []string{"The date the round closes must be in the future", `href="#f-closes_on"`}, unchanged: true},
		{name: "open a round, as a member", method: "POST", path: "/networks/{net}/survey/rounds", as: "a-quality", form: fixedWork(url.Values{"name": {"Autumn"}}), status: 403, unchanged: true},
		{name: "the answer form", method: "GET", path: "/networks/{net}/survey/rounds/{round}/answer", as: "a-worker", status: 200, body: []string{"Send my answers", "without your name", "Mostly"}},
		{name: "the answer form, answered", method: "GET", path: "/networks/{net}/survey/rounds/{round}/answer", as: "a-manager", status: 200, body: []string{"You have answered this round"}, notBody: []string{"Send my answers"}},
		{name: "answer a round", method: "POST", path: "/networks/{net}/survey/rounds/{round}/answer", as: "a-worker", form: answers("yes"), status: 303},
		{name: "answer a round twice", method: "POST", path: "/networks/{net}/survey/rounds/{round}/answer", as: "a-manager", form: answers("yes"), status: 422, body: []string{"You have already answered this round"}, unchanged: true},
		{name: "an answer off the scale", method: "POST", path: "/networks/{net}/survey/rounds/{round}/answer", as: "a-worker", form: answers("always"), status: 422, body: []string{"There is a problem", "Select an answer to"}, unchanged: true},
		{name: "answer, as finance", method: "POST", path: "/networks/{net}/survey/rounds/{round}/answer", as: "a-finance", form: answers("yes"), status: 403, unchanged: true},
		{name: "answer, as a council that left", method: "POST", path: "/networks/{net}/survey/rounds/{round}/answer", as: "c-worker", form: answers("yes"), status: 404, unchanged: true},
		{name: "answer, as a council outside", method: "POST", path: "/networks/{net}/survey/rounds/{round}/answer", as: "d-worker", form: answers("yes"), status: 404, unchanged: true},
		{name: "the results, as the network's lead", method: "GET", path: "/networks/{net}/survey/rounds/{round}", as: "lead", status: 200,
			body: []string{"Across the network", "Council E06000901", "Council E06000902", "Withheld: fewer than 6 answers", "<svg", `role="img"`}, notBody: []string{"Council E06000903", "Council E06000904"}},
		{name: "the results, as a member's quality lead", method: "GET", path: "/networks/{net}/survey/rounds/{round}", as: "a-quality", status: 200,
			body: []string{"Answered in your council", "Council E06000901"}, notBody: []string{"Council E06000902", "Across the network"}},
		{name: "the results, as a practitioner", method: "GET", path: "/networks/{net}/survey/rounds/{round}", as: "a-worker", status: 403},
		{name: "the results, as a council outside", method: "GET", path: "/networks/{net}/survey/rounds/{round}", as: "d-quality", status: 404},

		{name: "the challenges, as the network's lead", method: "GET", path: "/networks/{net}/challenges", as: "lead", status: 200, body: []string{"Strengths-based reviews", "Record a peer challenge", "Awaiting the host’s response"}},
		{name: "the challenges, as the challenger's quality lead", method: "GET", path: "/networks/{net}/challenges", as: "b-quality", status: 200, body: []string{"Strengths-based reviews"}, notBody: []string{"Record a peer challenge"}},
		{name: "the challenges, as a team manager", method: "GET", path: "/networks/{net}/challenges", as: "a-manager", status: 403},
		{name: "the challenges, as a council that left", method: "GET", path: "/networks/{net}/challenges", as: "c-quality", status: 404},
		{name: "a challenge, as its host", method: "GET", path: "/networks/{net}/challenges/{challenge}", as: "a-quality", status: 200, body: []string{"Carers’ voices in reviews", "Respond for your council"}},
		{name: "a challenge, as the challenger", method: "GET", path: "/networks/{net}/challenges/{challenge}", as: "b-quality", status: 200, body: []string{"Reviews begin with what matters"}, notBody: []string{"Respond for your council"}},
		{name: "a challenge, as a council outside", method: "GET", path: "/networks/{net}/challenges/{challenge}", as: "d-quality", status: 404},
		{name: "record a challenge", method: "POST", path: "/networks/{net}/challenges/new", as: "lead", form: challengeForm(nil), status: 303},
		{name: "record a challenge with no challenger", method: "POST", path: "/networks/{net}/challenges/new", as: "lead", form: challengeForm(func(v url.Values) { v.Del("challengers") }), status: 422,
			body: []string{"Select at least one council that challenged the host", `href="#f-challengers"`}, unchanged: true},
		{name: "record a challenge ending before it starts", method: "POST", path: "/networks/{net}/challenges/new", as: "lead", form: challengeForm(func(v url.Values) { apptest.DateFields("ends_on", dbtest.Date("2026-01-01"), v) }), status: 422,
			body: []string{"The challenge must end on or after the day it started"}, unchanged: true},
		{name: "record a challenge with a council outside", method: "POST", path: "/networks/{net}/challenges/new", as: "lead", form: challengeForm(func(v url.Values) { v.Set("challengers", "{d}") }), status: 422,
			body: []string{"Each challenger must be a member council of the network"}, unchanged: true},
		{name: "record a challenge, as a member", method: "POST", path: "/networks/{net}/challenges/new", as: "a-quality", form: challengeForm(nil), status: 403, unchanged: true},
		{name: "change a challenge", method: "POST", path: "/networks/{net}/challenges/{challenge}/edit", as: "lead", form: challengeForm(func(v url.Values) { v.Set("host", "{a}"); v.Set("challengers", "{b}") }), status: 303},
		{name: "a stale change to a challenge", method: "POST", path: "/networks/{net}/challenges/{challenge}/edit", as: "lead", form: challengeForm(func(v url.Values) { v.Set("version", "0") }), status: 409,
			body: []string{"Someone else changed this peer challenge", "Strengths-based reviews", "Front door conversations"}, unchanged: true},
		{name: "respond, as the host", method: "POST", path: "/networks/{net}/challenges/{challenge}/response", as: "a-quality", form: func(f workFixture) url.Values {
			return url.Values{"response": {"We will ask carers first"}, "version": {strconv.Itoa(f.challenge.Version)}}
		}, status: 303},
		{name: "respond with nothing", method: "POST", path: "/networks/{net}/challenges/{challenge}/response", as: "a-quality", form: func(f workFixture) url.Values {
			return url.Values{"response": {" "}, "version": {strconv.Itoa(f.challenge.Version)}}
		}, status: 422, body: []string{"Enter the host council’s response"}, unchanged: true},
		{name: "respond, as the challenger", method: "POST", path: "/networks/{net}/challenges/{challenge}/response", as: "b-quality", form: func(f workFixture) url.Values {
			return url.Values{"response": {"Ours"}, "version": {strconv.Itoa(f.challenge.Version)}}
		}, status: 403, unchanged: true},
		{name: "respond, stale", method: "POST", path: "/networks/{net}/challenges/{challenge}/response", as: "a-quality", form: fixedWork(url.Values{"response": {"Late"}, "version": {"0"}}), status: 409,
			body: []string{"Someone else changed this peer challenge or its response"}, unchanged: true},

		{name: "the library, as a member's team manager", method: "GET", path: "/networks/{net}/library", as: "a-manager", status: 200, body: []string{"Our practice framework", "Council E06000901", "framework"}, notBody: []string{"Share a document"}},
		{name: "the library, as the other member's quality lead", method: "GET", path: "/networks/{net}/library?tag=framework", as: "b-quality", status: 200, body: []string{"Our practice framework", "Share a document"}, notBody: []string{"Change or remove"}},
		{name: "the library, as a practitioner", method: "GET", path: "/networks/{net}/library", as: "a-worker", status: 403},
		{name: "the library, as a council that left", method: "GET", path: "/networks/{net}/library", as: "c-quality", status: 404},
		{name: "the library, as a council outside", method: "GET", path: "/networks/{net}/library", as: "d-quality", status: 404},
		{name: "download a document", method: "GET", path: "/networks/{net}/library/{document}/file", as: "b-quality", status: 200, body: []string{"Start with what matters"}},
		{name: "download, as a council that left", method: "GET", path: "/networks/{net}/library/{document}/file", as: "c-quality", status: 404},
		{name: "share a link", method: "POST", path: "/networks/{net}/library/new", as: "lead", form: fixedWork(url.Values{"title": {"Three Conversations"}, "link": {"https://example.org/3c"}}), status: 303},
		{name: "share a link that is not one", method: "POST", path: "/networks/{net}/library/new", as: "lead", form: fixedWork(url.Values{"title": {"Three Conversations"}, "link": {"javascript:alert(1)"}}), status: 422,
			body: []string{"Enter the link as a web address", `href="#f-link"`}, unchanged: true},
		{name: "share, as a team manager", method: "POST", path: "/networks/{net}/library/new", as: "a-manager", form: fixedWork(url.Values{"title": {"T"}, "link": {"https://example.org"}}), status: 403, unchanged: true},
		{name: "share, as a council outside", method: "POST", path: "/networks/{net}/library/new", as: "d-quality", form: fixedWork(url.Values{"title": {"T"}, "link": {"https://example.org"}}), status: 404, unchanged: true},
		{name: "change a document, as its council", method: "POST", path: "/networks/{net}/library/{document}/edit", as: "a-quality", form: func(f workFixture) url.Values {
			return url.Values{"title": {"Our framework, 2026"}, "tags": {"framework, models"}, "version": {strconv.Itoa(f.document.Version)}}
		}, status: 303},
		{name: "change a document, as another council", method: "POST", path: "/networks/{net}/library/{document}/edit", as: "b-quality", form: func(f workFixture) url.Values {
			return url.Values{"title": {"Theirs"}, "version": {strconv.Itoa(f.document.Version)}}
		}, status: 403, unchanged: true},
		{name: "a stale change to a document", method: "POST", path: "/networks/{net}/library/{document}/edit", as: "lead", form: fixedWork(url.Values{"title": {"Ours"}, "version": {"0"}}), status: 409,
			body: []string{"Someone else changed this document", "Our practice framework"}, unchanged: true},
		{name: "remove a document", method: "POST", path: "/networks/{net}/library/{document}/edit", as: "lead", form: func(f workFixture) url.Values {
			return url.Values{"title": {"x"}, "remove": {"yes"}, "version": {strconv.Itoa(f.document.Version)}}
		}, status: 303},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		n := startNetwork(t, db)
		staff := map[string]councils.Staff{
			"lead": n.lead, "a-worker": n.A.Staff[councils.Practitioner], "a-manager": n.A.Staff[councils.TeamManager], "a-quality": n.A.Staff[councils.QualityLead],
			"a-finance": n.A.Staff[councils.Finance], "b-quality": n.B.Staff[councils.QualityLead], "c-quality": n.c.Staff[councils.QualityLead],
			"c-worker": n.c.Staff[councils.Practitioner], "d-quality": n.d.Staff[councils.QualityLead], "d-worker": n.d.Staff[councils.Practitioner],
		}
		client := n.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newWorkFixture(t, n)
				before := workState(t, n)
				ids := strings.NewReplacer("{net}", n.network.ID, "{round}", f.round.ID, "{challenge}", f.challenge.ID, "{document}", f.document.ID,
					"{a}", n.A.Council.ID, "{b}", n.B.Council.ID, "{d}", n.d.Council.ID)
				who := staff[sc.as]
				var form url.Values
				if sc.method != "GET" {
					form = url.Values{}
					for k, vs := range sc.form(f) {
						for _, v := range vs {
							form.Add(k, ids.Replace(v))
						}
					}
				}
				apptest.Ask(t, n.Site, client(who), who, sc.method, ids.Replace(sc.path), form, "", apptest.Answer{Status: sc.status, Body: sc.body, NotBody: sc.notBody})
				apptest.CheckChange(t, before, workState(t, n), sc.unchanged, sc.method == "POST" && sc.status == http.StatusSeeOther)
			})
		}
	})
}

// TestSharingAFileIsCheckedByItsContent shares files as a browser does: a real PDF is kept as one; a web page
// named as a PDF, and a file too large, are refused with a GOV.UK error and nothing kept.
func TestSharingAFileIsCheckedByItsContent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		n := startNetwork(t, db)
		lead := n.SignIn(t, n.A.Staff[councils.QualityLead])
		cases := []struct {
			name    string
			content []byte
			status  int
			body    string
		}{
			{"a PDF", []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), http.StatusUnprocessableEntity, "Enter the document’s title"}, // PostFile sends no title
			{"a web page named as a PDF", []byte("<html><script>alert(1)</script></html>"), http.StatusUnprocessableEntity, "The selected file must be one of these"},
			{"a file far too large", append([]byte("%PDF-1.7\n"), make([]byte, networks.MaxDocumentSize+1<<20)...), http.StatusRequestEntityTooLarge, "The selected file must be smaller than 10 MB"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := workState(t, n)
				res, body := n.PostFile(t, lead, "/networks/"+n.network.ID+"/library/new", "file", "guide.pdf", "application/pdf", c.content)
				if res.StatusCode != c.status || !strings.Contains(body, c.body) {
					t.Errorf("status %d, want %d, saying %q\n%s", res.StatusCode, c.status, c.body, apptest.Excerpt(body))
				}
				apptest.CheckChange(t, before, workState(t, n), true, false)
			})
		}
	})
}

// TestNetworkWorkAPIKeepsCouncilsApart reads and changes the network's shared work through the JSON API: the
// network's lead sees each council's figures and the network's, a member council its own alone; a council that left
// and a council outside find nothing; the host responds to a challenge only with the ETag it read.
func TestNetworkWorkAPIKeepsCouncilsApart(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		n := startNetwork(t, db)
		f := newWorkFixture(t, n)
		token := n.Tokens(t)
		net := "/api/v1/networks/" + n.network.ID
		challenge := net + "/challenges/" + f.challenge.ID
		version := `"` + strconv.Itoa(f.challenge.Version) + `"`
		tests := []struct {
			name         string
			who          councils.Staff
			method, path string
			body         string
			header       []string
			status       int
			want, not    []string
		}{
			{"the lead reads the results", n.lead, "GET", net + "/survey/rounds/" + f.round.ID + "/results", "", nil, 200,
				[]string{`"label":"Across the network"`, `"label":"Council E06000901"`, `"label":"Council E06000902"`, `"withheld":true`}, []string{"E06000903"}},
			{"a member reads its own results", n.A.Staff[councils.QualityLead], "GET", net + "/survey/rounds/" + f.round.ID + "/results", "", nil, 200,
				[]string{`"network":null`, `"label":"Council E06000901"`}, []string{"E06000902"}},
			{"a practitioner reads no results", n.A.Staff[councils.Practitioner], "GET", net + "/survey/rounds/" + f.round.ID + "/results", "", nil, 403, nil, nil},
			{"a member lists the rounds", n.A.Staff[councils.TeamManager], "GET", net + "/survey/rounds", "", nil, 200, []string{`"answered":true`, "Spring round"}, nil},
			{"a council that left lists no rounds", n.c.Staff[councils.QualityLead], "GET", net + "/survey/rounds", "", nil, 404, nil, nil},
			{"the challenger reads the challenge", n.B.Staff[councils.QualityLead], "GET", challenge, "", nil, 200, []string{"Strengths-based reviews", `"stage":"awaiting_response"`}, nil},
			{"a council outside reads no challenge", n.d.Staff[councils.QualityLead], "GET", net + "/challenges", "", nil, 404, nil, nil},
			{"a response without If-Match", n.A.Staff[councils.QualityLead], "POST", challenge + "/response", `{"response":"We will"}`, nil, 428, nil, nil},
			{"a response from a stale version", n.A.Staff[councils.QualityLead], "POST", challenge + "/response", `{"response":"We will"}`, []string{"If-Match", `"9"`}, 412, nil, nil},
			{"an empty response", n.A.Staff[councils.QualityLead], "POST", challenge + "/response", `{"response":" "}`, []string{"If-Match", version}, 422, []string{"Enter the host council’s response"}, nil},
			{"the challenger's response", n.B.Staff[councils.QualityLead], "POST", challenge + "/response", `{"response":"Ours"}`, []string{"If-Match", version}, 403, nil, nil},
			{"the host's response", n.A.Staff[councils.QualityLead], "POST", challenge + "/response", `{"response":"We will ask carers first"}`, []string{"If-Match", version}, 200,
				[]string{`"stage":"responded"`, "We will ask carers first"}, nil},
			{"a team manager reads the library", n.B.Staff[councils.TeamManager], "GET", net + "/library", "", nil, 200, []string{"Our practice framework", `"media_type":"text/plain"`}, nil},
			{"a council that left reads no library", n.c.Staff[councils.QualityLead], "GET", net + "/library", "", nil, 404, nil, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, body := n.API(t, token(tt.who), tt.method, tt.path, tt.body, tt.header...)
				if res.StatusCode != tt.status {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, tt.status, body)
				}
				for _, w := range tt.want {
					if !strings.Contains(body, w) {
						t.Errorf("the answer does not say %s\n%s", w, body)
					}
				}
				for _, w := range tt.not {
					if strings.Contains(body, w) {
						t.Errorf("the answer says %s\n%s", w, body)
					}
				}
			})
		}
	})
}
