package programmepage_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// fixture is council A's programme with the template loaded, an action, a risk and a decision needed, and a person
// of council A's whom a programme lead must never open.
type fixture struct {
	milestone programme.Milestone
	action    programme.Action
	risk      programme.Risk
	decision  programme.Decision
	person    string
	surname   string
	today     sqldb.Date
}

func newFixture(t *testing.T, site *apptest.Site) fixture {
	t.Helper()
	s, ql := site.App.Programme, peopletest.As(site.A.Staff[councils.QualityLead])
	f := fixture{today: site.App.DB.Today()}
	if _, err := s.StartProgramme(ql, programme.Programme{Name: "Better lives programme", LeadStaffID: site.A.Staff[councils.QualityLead].ID,
		Board: "Programme Board", StartedOn: sqldb.NewDate(f.today.AddDate(0, -6, 0))}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadTemplate(ql); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Milestones(ql)
	if err != nil {
		t.Fatal(err)
	}
	f.milestone = ms[0]
	owner := site.A.Staff[councils.TeamManager].ID
	if f.action, err = s.AddAction(ql, programme.Action{What: "Book the launch venue", OwnerStaffID: owner, DueOn: sqldb.NewDate(f.today.AddDate(0, 0, -3)),
		How: "Ask facilities", Status: programme.ActionInProgress, MilestoneID: f.milestone.ID}); err != nil {
		t.Fatal(err)
	}
	if f.risk, err = s.AddRisk(ql, programme.Risk{Title: "Practitioners leave before training", Likelihood: 4, Impact: 4, OwnerStaffID: owner,
		ReviewOn: sqldb.NewDate(f.today.AddDate(0, 1, 0)), Status: programme.RiskOpen}); err != nil {
		t.Fatal(err)
	}
	if f.decision, err = s.AddDecision(ql, programme.Decision{Kind: programme.DecisionNeeded, What: "Approve the operating model",
		RaisedBy: "Principal Social Worker", RaisedOn: f.today, Decider: "Programme Board", Status: programme.DecisionOpen}); err != nil {
		t.Fatal(err)
	}
	p := peopletest.MustCreate(t, site.App.DB, site.A.Staff[councils.QualityLead], peopletest.Person(site.A.North.ID))
	f.person, f.surname = p.ID, p.FamilyName
	return f
}

// state is everything these pages change, as one comparable string.
func state(t *testing.T, site *apptest.Site) string {
	t.Helper()
	var qs []string
	for _, table := range []string{"programme", "programme_phase", "programme_workstream", "programme_milestone", "programme_action",
		"programme_risk", "programme_decision"} {
		qs = append(qs, `SELECT count(*) FROM `+table+` WHERE council_id = $1`, `SELECT COALESCE(sum(version), 0) FROM `+table+` WHERE council_id = $1`)
	}
	qs = append(qs, `SELECT count(*) FROM programme_milestone_change WHERE council_id = $1`, `SELECT count(*) FROM programme_risk_review WHERE council_id = $1`,
		`SELECT count(*) FROM programme_evidence WHERE council_id = $1`)
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, qs, site.A.Council.ID)
}

type scenario struct {
	name       string
	method     string
	path       string
	form       func(t *testing.T, site *apptest.Site, f fixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

func aLead(s *apptest.Site) councils.Staff { return s.A.Staff[councils.ProgrammeLead] }
func bLead(s *apptest.Site) councils.Staff { return s.B.Staff[councils.ProgrammeLead] }
func version(n int) string                 { return strconv.Itoa(n) }
func date(prefix string, d sqldb.Date, v url.Values) url.Values {
	apptest.DateFields(prefix, d, v)
	return v
}

// milestoneForm is the milestone's form as saved now, changed by fn.
func milestoneForm(fn func(v url.Values)) func(*testing.T, *apptest.Site, fixture) url.Values {
	return func(t *testing.T, site *apptest.Site, f fixture) url.Values {
		m, err := site.App.Programme.Milestone(peopletest.As(site.A.Staff[councils.QualityLead]), f.milestone.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"title": {m.Title}, "workstream": {m.WorkstreamID}, "owner": {m.OwnerStaffID}, "status": {"in_progress"},
			"rag": {"red"}, "rag_reason": {"Legal advice on the model is late"}, "phase": {"design"}, "version": {version(m.Version)}}
		date("due_on", m.DueOn, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func riskForm(fn func(v url.Values)) func(*testing.T, *apptest.Site, fixture) url.Values {
	return func(t *testing.T, site *apptest.Site, f fixture) url.Values {
		r, err := site.App.Programme.Risk(peopletest.As(site.A.Staff[councils.QualityLead]), f.risk.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"title": {r.Title}, "likelihood": {"5"}, "impact": {"4"}, "owner": {r.OwnerStaffID}, "status": {"open"},
			"note": {"Two more leavers"}, "version": {version(r.Version)}}
		date("review_on", sqldb.NewDate(f.today.AddDate(0, 2, 0)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func actionForm(fn func(v url.Values)) func(*testing.T, *apptest.Site, fixture) url.Values {
	return func(t *testing.T, site *apptest.Site, f fixture) url.Values {
		a, err := site.App.Programme.Action(peopletest.As(site.A.Staff[councils.QualityLead]), f.action.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"what": {a.What}, "owner": {a.OwnerStaffID}, "how": {"Phone facilities"}, "status": {"done"}, "milestone": {a.MilestoneID},
			"version": {version(a.Version)}}
		date("due_on", a.DueOn, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func decisionForm(fn func(v url.Values)) func(*testing.T, *apptest.Site, fixture) url.Values {
	return func(t *testing.T, site *apptest.Site, f fixture) url.Values {
		d, err := site.App.Programme.Decision(peopletest.As(site.A.Staff[councils.QualityLead]), f.decision.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"kind": {"decision_made"}, "what": {d.What}, "raised_by": {d.RaisedBy}, "decider": {d.Decider},
			"outcome": {"Approved"}, "status": {"closed"}, "version": {version(d.Version)}}
		date("raised_on", d.RaisedOn, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func phaseForm(fn func(v url.Values)) func(*testing.T, *apptest.Site, fixture) url.Values {
	return func(t *testing.T, site *apptest.Site, f fixture) url.Values {
		ps, err := site.App.Programme.Phases(peopletest.As(site.A.Staff[councils.QualityLead]))
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"status": {"done"}, "findings": {"Good pockets of practice, applied unevenly"}, "version": {version(ps[0].Version)}}
		date("planned_start", sqldb.NewDate(f.today.AddDate(0, -6, 0)), v)
		date("planned_end", sqldb.NewDate(f.today.AddDate(0, -4, 0)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func fixed(v url.Values) func(*testing.T, *apptest.Site, fixture) url.Values {
	return func(*testing.T, *apptest.Site, fixture) url.Values { return v }
}

func TestProgrammePagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	scenarios := []scenario{
		// the overview, for each role
		{name: "the overview", method: "GET", path: "/programme", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Better lives programme", "Discover", "Deliver", "Culture and leadership", "Draft a new recommended strengths-based practice operating model",
				`id="overdue-actions"`, "Add a workstream", "Change the programme"}},
		{name: "the overview, as the programme lead", method: "GET", path: "/programme", as: aLead, wantStatus: 200, wantBody: []string{"Better lives programme", "Change the programme"}},
		{name: "the overview, as a team manager", method: "GET", path: "/programme", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Better lives programme"},
			notBody: []string{"Change the programme", "Add a workstream"}},
		{name: "the overview, as a practitioner", method: "GET", path: "/programme", as: apptest.AWorker, wantStatus: 403},
		{name: "the overview, as finance", method: "GET", path: "/programme", as: apptest.AFinance, wantStatus: 403},
		{name: "the overview, as information and advice", method: "GET", path: "/programme", as: apptest.AAdvice, wantStatus: 403},
		{name: "the overview, as an administrator", method: "GET", path: "/programme", as: apptest.AAdmin, wantStatus: 403},
		{name: "the overview, from another council", method: "GET", path: "/programme", as: apptest.BQuality, wantStatus: 200,
			wantBody: []string{"has not started its implementation programme", "Start the programme"}, notBody: []string{"Better lives programme"}},
		{name: "the overview, another council's programme lead", method: "GET", path: "/programme", as: bLead, wantStatus: 200, notBody: []string{"Better lives programme"}},
		// a programme lead never opens a person
		{name: "a person, as the programme lead", method: "GET", path: "/people/{person}", as: aLead, wantStatus: 404},
		{name: "a person's chronology, as the programme lead", method: "GET", path: "/people/{person}/chronology", as: aLead, wantStatus: 404},
		{name: "search for a person, as the programme lead", method: "GET", path: "/people?q={surname}", as: aLead, wantStatus: 403},
		// the programme and its phases
		{name: "start a second programme", method: "POST", path: "/programme/start", as: apptest.AQuality,
			form: fixed(date("started_on", sqldb.Date{}, url.Values{"name": {"Again"}})), wantStatus: 422, unchanged: true},
		{name: "start another council's programme", method: "POST", path: "/programme/start", as: apptest.BQuality,
			form: func(t *testing.T, site *apptest.Site, f fixture) url.Values {
				return date("started_on", f.today, url.Values{"name": {"Council B's programme"}, "lead": {site.B.Staff[councils.QualityLead].ID}})
			}, wantStatus: 303, unchanged: true},
		{name: "start a programme, as a team manager", method: "POST", path: "/programme/start", as: apptest.BManager,
			form: fixed(url.Values{"name": {"x"}}), wantStatus: 403, unchanged: true},
		{name: "the programme's form", method: "GET", path: "/programme/edit", as: aLead, wantStatus: 200, wantBody: []string{"Better lives programme", "Programme Board"}},
		{name: "change a phase", method: "POST", path: "/programme/phases/discover", as: apptest.AQuality, form: phaseForm(nil), wantStatus: 303},
		{name: "a phase that ends before it starts", method: "POST", path: "/programme/phases/discover", as: apptest.AQuality,
			form: phaseForm(func(v url.Values) {
				date("planned_end", sqldb.NewDate(sqldb.TodayIn(t.Context()).AddDate(-2, 0, 0)), v)
			}),
			wantStatus: 422, wantBody: []string{"There is a problem", "The planned end must be on or after the planned start", `href="#f-planned_end"`}, unchanged: true},
		{name: "a stale phase", method: "POST", path: "/programme/phases/discover", as: apptest.AQuality, form: phaseForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this phase", "Good pockets of practice"}, unchanged: true},
		{name: "a phase not of the four", method: "GET", path: "/programme/phases/dawdle", as: apptest.AQuality, wantStatus: 404},
		{name: "a phase, as a team manager", method: "POST", path: "/programme/phases/discover", as: apptest.AManager, form: phaseForm(nil), wantStatus: 403, unchanged: true},
		{name: "add a workstream", method: "POST", path: "/programme/workstreams/new", as: aLead, form: fixed(url.Values{"name": {"Commissioning"}}), wantStatus: 303},
		{name: "a workstream with no name", method: "POST", path: "/programme/workstreams/new", as: aLead, form: fixed(url.Values{"name": {" "}}),
			wantStatus: 422, wantBody: []string{"Enter the workstream&#39;s name"}, unchanged: true},
		// milestones
		{name: "the milestones", method: "GET", path: "/programme/milestones", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Complete all actions in the implementation delivery plan", "To be confirmed"}, notBody: []string{"Add a milestone"}},
		{name: "the template", method: "GET", path: "/programme/milestones/template", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"1 January 2024", "31 May 2024", "Load these milestones"}},
		{name: "load the template twice", method: "POST", path: "/programme/milestones/template", as: apptest.AQuality, form: fixed(url.Values{}), wantStatus: 303, unchanged: true},
		{name: "load the template, as a team manager", method: "POST", path: "/programme/milestones/template", as: apptest.AManager, form: fixed(url.Values{}), wantStatus: 403, unchanged: true},
		{name: "a milestone", method: "GET", path: "/programme/milestones/{milestone}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Book the launch venue", "History", "Not started"}, notBody: []string{"Add the evidence"}},
		{name: "a milestone, from another council", method: "GET", path: "/programme/milestones/{milestone}", as: bLead, wantStatus: 404},
		{name: "turn a milestone red", method: "POST", path: "/programme/milestones/{milestone}/edit", as: apptest.AQuality, form: milestoneForm(nil), wantStatus: 303},
		{name: "red with no reason", method: "POST", path: "/programme/milestones/{milestone}/edit", as: apptest.AQuality,
			form: milestoneForm(func(v url.Values) { v.Set("rag_reason", " ") }), wantStatus: 422,
			wantBody: []string{"There is a problem", "Enter why the milestone is red", `href="#f-rag_reason"`}, unchanged: true},
		{name: "a stale milestone", method: "POST", path: "/programme/milestones/{milestone}/edit", as: apptest.AQuality,
			form: milestoneForm(func(v url.Values) { v.Set("version", "0") }), wantStatus: 409, wantBody: []string{"Someone else changed this milestone", "Legal advice on the model is late"}, unchanged: true},
		{name: "another council's milestone", method: "POST", path: "/programme/milestones/{milestone}/edit", as: apptest.BQuality, form: milestoneForm(nil), wantStatus: 404, unchanged: true},
		{name: "a milestone, as a team manager", method: "POST", path: "/programme/milestones/{milestone}/edit", as: apptest.AManager, form: milestoneForm(nil), wantStatus: 403, unchanged: true},
		{name: "add a milestone", method: "POST", path: "/programme/milestones/new", as: aLead, form: milestoneForm(func(v url.Values) { v.Set("title", "Launch the community of practice") }), wantStatus: 303},
		// actions
		{name: "the action plan", method: "GET", path: "/programme/actions", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Book the launch venue", "Overdue", "1 action is overdue"}},
		{name: "the action plan, from another council", method: "GET", path: "/programme/actions", as: apptest.BQuality, wantStatus: 200, notBody: []string{"Book the launch venue"}},
		{name: "an action done", method: "POST", path: "/programme/actions/{action}", as: apptest.AQuality, form: actionForm(nil), wantStatus: 303},
		{name: "an action with no owner", method: "POST", path: "/programme/actions/{action}", as: apptest.AQuality, form: actionForm(func(v url.Values) { v.Set("owner", "") }),
			wantStatus: 422, wantBody: []string{"Select who does it"}, unchanged: true},
		{name: "an action owned by another council's staff", method: "POST", path: "/programme/actions/new", as: apptest.AQuality,
			form: func(t *testing.T, site *apptest.Site, f fixture) url.Values {
				return date("due_on", f.today, url.Values{"what": {"x"}, "owner": {site.B.Staff[councils.TeamManager].ID}, "status": {"not_started"}})
			}, wantStatus: 422, wantBody: []string{"Select who does it from the list"}, unchanged: true},
		{name: "a stale action", method: "POST", path: "/programme/actions/{action}", as: apptest.AQuality, form: actionForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this action"}, unchanged: true},
		{name: "another council's action", method: "GET", path: "/programme/actions/{action}", as: apptest.BQuality, wantStatus: 404},
		// risks
		{name: "the risk log", method: "GET", path: "/programme/risks", as: aLead, wantStatus: 200, wantBody: []string{"Practitioners leave before training", "4 × 4 = 16", "Very high", "New"}},
		{name: "re-score a risk", method: "POST", path: "/programme/risks/{risk}", as: aLead, form: riskForm(nil), wantStatus: 303},
		{name: "a risk scored 7", method: "POST", path: "/programme/risks/{risk}", as: aLead, form: riskForm(func(v url.Values) { v.Set("impact", "7") }),
			wantStatus: 422, wantBody: []string{"Select an impact from 1 to 5"}, unchanged: true},
		{name: "a stale risk", method: "POST", path: "/programme/risks/{risk}", as: aLead, form: riskForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this risk"}, unchanged: true},
		{name: "another council's risk", method: "POST", path: "/programme/risks/{risk}", as: bLead, form: riskForm(nil), wantStatus: 404, unchanged: true},
		{name: "the risk log, as a practitioner", method: "GET", path: "/programme/risks", as: apptest.AWorker, wantStatus: 403},
		// decisions
		{name: "the decisions", method: "GET", path: "/programme/decisions", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Approve the operating model", "1 decision is needed"}},
		{name: "a decision made", method: "POST", path: "/programme/decisions/{decision}", as: apptest.AQuality, form: decisionForm(nil), wantStatus: 303},
		{name: "a decision made with no outcome", method: "POST", path: "/programme/decisions/{decision}", as: apptest.AQuality, form: decisionForm(func(v url.Values) { v.Set("outcome", "") }),
			wantStatus: 422, wantBody: []string{"Enter what was decided"}, unchanged: true},
		{name: "another council's decision", method: "GET", path: "/programme/decisions/{decision}", as: bLead, wantStatus: 404},
		// evidence
		{name: "a link as evidence", method: "POST", path: "/programme/milestones/{milestone}/evidence", as: apptest.AQuality,
			form: fixed(url.Values{"kind": {"url"}, "url": {"https://example.org/minutes"}, "name": {"Board minutes"}}), wantStatus: 303},
		{name: "a measure as evidence", method: "POST", path: "/programme/milestones/{milestone}/evidence", as: apptest.AQuality,
			form: fixed(url.Values{"kind": {"measure"}, "measure": {"resolved-at-first-contact"}}), wantStatus: 303},
		{name: "a made-up measure", method: "POST", path: "/programme/milestones/{milestone}/evidence", as: apptest.AQuality,
			form: fixed(url.Values{"kind": {"measure"}, "measure": {"happiness"}}), wantStatus: 422, wantBody: []string{"Select a measure from the list"}, unchanged: true},
		{name: "evidence, as a team manager", method: "POST", path: "/programme/milestones/{milestone}/evidence", as: apptest.AManager,
			form: fixed(url.Values{"kind": {"url"}, "url": {"https://example.org/"}}), wantStatus: 403, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		f := newFixture(t, site)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				before := state(t, site)
				path := strings.NewReplacer("{milestone}", f.milestone.ID, "{action}", f.action.ID, "{risk}", f.risk.ID,
					"{decision}", f.decision.ID, "{person}", f.person, "{surname}", url.QueryEscape(f.surname)).Replace(sc.path)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(t, site, f)
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, "", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, state(t, site), sc.unchanged, sc.method == "POST" && sc.wantStatus == 303 && !sc.unchanged)
			})
		}
		// what the scenarios changed is what the store now says
		ql := peopletest.As(site.A.Staff[councils.QualityLead])
		m, err := site.App.Programme.Milestone(ql, f.milestone.ID)
		if err != nil || m.RAG != programme.Red || m.RAGReason != "Legal advice on the model is late" || len(m.Evidence) != 2 {
			t.Errorf("the milestone after the scenarios: %+v, %v", m, err)
		}
		r, err := site.App.Programme.Risk(ql, f.risk.ID)
		if err != nil || r.Trend() != programme.TrendRising || len(r.Reviews) != 2 {
			t.Errorf("the risk after re-scoring: %s, %d reviews, %v", r.Trend(), len(r.Reviews), err)
		}
	})
}

// TestEvidenceDocumentsAreCheckedByContent uploads files as a milestone's evidence: a PDF is kept and downloads as
// a PDF to a team manager; a program named as a PDF and an oversized file are refused with a GOV.UK error and nothing
// kept; a team manager may not upload; another council cannot download.
func TestEvidenceDocumentsAreCheckedByContent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		f := newFixture(t, site)
		lead, manager := site.SignIn(t, site.A.Staff[councils.QualityLead]), site.SignIn(t, site.A.Staff[councils.TeamManager])
		path := "/programme/milestones/" + f.milestone.ID + "/evidence"
		for _, c := range []struct {
			name    string
			as      *http.Client
			content []byte
			status  int
			body    string
		}{
			{"a PDF", lead, []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), http.StatusSeeOther, ""},
			{"a program named as a PDF", lead, append([]byte("MZ\x90\x00\x03"), make([]byte, 200)...), http.StatusUnprocessableEntity, "The selected file must be one of these"},
			{"a file far too large", lead, append([]byte("%PDF-1.7\n"), make([]byte, programme.MaxDocumentSize+1<<20)...), http.StatusRequestEntityTooLarge, "The selected file must be smaller than 10 MB"},
			{"a team manager's upload", manager, []byte("%PDF-1.7\n"), http.StatusForbidden, ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := state(t, site)
				res, body := site.PostFile(t, c.as, path, "document", "minutes.pdf", "application/pdf", c.content)
				if res.StatusCode != c.status {
					t.Fatalf("status %d, want %d\n%s", res.StatusCode, c.status, apptest.Excerpt(body))
				}
				if c.body != "" && (!strings.Contains(body, c.body) || !strings.Contains(body, `href="#f-document"`)) {
					t.Errorf("the page does not say %q in its error summary\n%s", c.body, apptest.Excerpt(body))
				}
				apptest.CheckChange(t, before, state(t, site), c.status != http.StatusSeeOther, c.status == http.StatusSeeOther)
			})
		}
		m, err := site.App.Programme.Milestone(peopletest.As(site.A.Staff[councils.QualityLead]), f.milestone.ID)
		if err != nil || len(m.Evidence) != 1 || m.Evidence[0].MediaType != "application/pdf" {
			t.Fatalf("evidence: %+v, %v", m.Evidence, err)
		}
		res, body := site.Get(t, manager, "/programme/milestones/"+f.milestone.ID+"/evidence/"+m.Evidence[0].ID)
		if res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") || !strings.HasPrefix(body, "%PDF") {
			t.Errorf("download: %s, %s", res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		other := site.SignIn(t, site.B.Staff[councils.QualityLead])
		if res, _ := site.Get(t, other, "/programme/milestones/"+f.milestone.ID+"/evidence/"+m.Evidence[0].ID); res.StatusCode != http.StatusNotFound {
			t.Errorf("another council downloaded the document: %d", res.StatusCode)
		}
		// removing it
		before := state(t, site)
		if res := site.Post(t, lead, "/programme/milestones/"+f.milestone.ID+"/evidence/"+m.Evidence[0].ID+"/remove", url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("removing the evidence: %d", res.StatusCode)
		}
		apptest.CheckChange(t, before, state(t, site), false, true)
	})
}
