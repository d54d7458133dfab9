package auditpage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans/planstest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// auditFixture is what each quality scenario starts from: an episode in council A's north team, a round that
// sampled it (and nothing audited before), its audit and who was given it.
type auditFixture struct {
	w         planstest.World
	round     audits.Round
	audit     audits.Audit
	tool      audits.Tool
	auditor   councils.Staff
	moderator councils.Staff // once drawn for moderation
	relief    councils.Staff // who may audit it instead: the other of the team manager and the quality lead
	today     sqldb.Date
}

type auditScenario struct {
	name       string
	method     string
	path       string
	prepare    func(t *testing.T, site *apptest.Site, f *auditFixture)
	form       func(f auditFixture) url.Values
	as         func(s *apptest.Site, f auditFixture) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	wantLog    []accesslog.Action
	unchanged  bool
	again      []accesslog.Action // after a 409, saving again with the version the refused page carries
}

// staff adapts apptest's members of staff to a scenario.
func staff(fn func(s *apptest.Site) councils.Staff) func(*apptest.Site, auditFixture) councils.Staff {
	return func(s *apptest.Site, _ auditFixture) councils.Staff { return fn(s) }
}

func auditor(_ *apptest.Site, f auditFixture) councils.Staff { return f.auditor }

func moderator(_ *apptest.Site, f auditFixture) councils.Staff { return f.moderator }

// drawn completes the fixture's audit and draws it for moderation.
func drawn(t *testing.T, site *apptest.Site, f *auditFixture) {
	t.Helper()
	completed(t, site, f)
	if _, err := site.App.Audits.DrawModeration(peopletest.As(site.A.Staff[councils.QualityLead]), f.round.ID); err != nil {
		t.Fatal(err)
	}
	page, err := site.App.Audits.Round(peopletest.As(site.A.Staff[councils.QualityLead]), f.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.audit = page.Audits[0]
	for _, st := range site.A.Staff {
		if st.ID == f.audit.ModeratorID {
			f.moderator = st
		}
	}
}

// moderation is the moderation form as its moderator posts it, changed by fn.
func moderation(fn func(v url.Values)) func(auditFixture) url.Values {
	return func(f auditFixture) url.Values {
		v := url.Values{"version": {strconv.Itoa(f.audit.Version)}, "moderation_note": {"Agree, but the voice is stronger than graded"}}
		for _, q := range f.tool.Questions() {
			v.Set(audits.GradeField(q.Key), q.Scale.Grades()[0].Value)
		}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

// grading is the audit form as its auditor posts it, every question graded Good or Partly, changed by fn.
func grading(complete bool, fn func(v url.Values)) func(auditFixture) url.Values {
	return func(f auditFixture) url.Values {
		v := url.Values{"version": {strconv.Itoa(f.audit.Version)}, "strengths_found": {"Ada’s words run through the plan"},
			"learning": {"Say why the network could not help"}, "action-1-what": {"Add the reason to the solution"}}
		apptest.DateFields("action-1-due_on", sqldb.NewDate(f.today.AddDate(0, 0, 14)), v)
		for _, q := range f.tool.Questions() {
			v.Set(audits.GradeField(q.Key), q.Scale.Grades()[1].Value)
			v.Set(audits.EvidenceField(q.Key), "Seen in the conversations")
		}
		if complete {
			v.Set("complete", "yes")
		}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

// completed grades the fixture's audit in full as its auditor.
func completed(t *testing.T, site *apptest.Site, f *auditFixture) {
	t.Helper()
	g := audits.Grading{Grades: map[string]audits.Answer{}, Complete: true, Learning: "Say why the network could not help",
		Actions: []audits.Action{{What: "Add the reason to the solution", DueOn: sqldb.NewDate(f.today.AddDate(0, 0, 14))}}}
	for _, q := range f.tool.Questions() {
		g.Grades[q.Key] = audits.Answer{Grade: q.Scale.Grades()[1].Value, Evidence: "The auditor’s evidence"}
	}
	a, err := site.App.Audits.Grade(peopletest.As(f.auditor), f.audit.ID, g, f.audit.Version)
	if err != nil {
		t.Fatal(err)
	}
	f.audit = a
}

// toolForm is the form to change the fixture's tool as the quality lead posts it, changed by fn.
func toolForm(fn func(v url.Values)) func(auditFixture) url.Values {
	return func(f auditFixture) url.Values {
		v := url.Values{"name": {f.tool.Name}, "version": {strconv.Itoa(f.tool.Version)}}
		for _, q := range f.tool.Questions() {
			v.Set("question-"+q.Key, q.Text)
			v.Set("guidance-"+q.Key, q.Guidance+" Look in every conversation.")
		}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func roundForm(fn func(v url.Values)) func(auditFixture) url.Values {
	return func(f auditFixture) url.Values {
		v := url.Values{"name": {"Practice Fortnight, autumn"}, "tool_id": {f.tool.ID}, "per_team": {"3"}, "stratify": {"worker"},
			"exclude_months": {"0"}, "moderation_percent": {"10"}, "seed": {"4071"}}
		apptest.DateFields("starts_on", f.today, v)
		apptest.DateFields("ends_on", sqldb.NewDate(f.today.AddDate(0, 0, 13)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func TestQualityPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	view, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Update}
	ql, tm, worker := staff(apptest.AQuality), staff(apptest.AManager), staff(apptest.AWorker)
	scenarios := []auditScenario{
		{name: "the quality home, as a practitioner", method: "GET", path: "/quality", as: worker, wantStatus: 200, wantBody: []string{"Audits of your cases"}, notBody: []string{"Audit rounds", "Create an audit round"}},
		{name: "the quality home, as the auditor", method: "GET", path: "/quality", as: auditor, wantStatus: 200, wantBody: []string{"Audits for you to do", "Testperson, Ada", "Practice Fortnight, spring"}},
		{name: "the quality home, as the quality lead", method: "GET", path: "/quality", as: ql, wantStatus: 200, wantBody: []string{"Audit rounds", "Create an audit round", "Practice Fortnight, spring"}},
		{name: "the quality home, from another council", method: "GET", path: "/quality", as: staff(apptest.BQuality), wantStatus: 200, notBody: []string{"Practice Fortnight, spring", "Testperson"}},
		{name: "the quality home, as finance", method: "GET", path: "/quality", as: staff(apptest.AFinance), wantStatus: 403},
		{name: "the quality home, as an administrator", method: "GET", path: "/quality", as: staff(apptest.AAdmin), wantStatus: 403},

		{name: "the form for a round", method: "GET", path: "/quality/rounds/new", as: ql, wantStatus: 200, wantBody: []string{"Create an audit round", "Strengths-based case file audit (version 1)", "Sampling number"}},
		{name: "the form for a round, as a team manager", method: "GET", path: "/quality/rounds/new", as: tm, wantStatus: 403},
		{name: "create a round", method: "POST", path: "/quality/rounds/new", as: ql, form: roundForm(nil), wantStatus: 303},
		{name: "a round with mistakes", method: "POST", path: "/quality/rounds/new", as: ql, form: roundForm(func(v url.Values) {
			v.Set("name", "")
			v.Set("per_team", "five")
		}), wantStatus: 422, wantBody: []string{"There is a problem", "Enter a name for the round", "Number for each team must be a whole number", `href="#f-name"`}, unchanged: true},
		{name: "a round whose sample nobody may audit", method: "POST", path: "/quality/rounds/new", as: ql, form: roundForm(func(v url.Values) {
			v.Set("not_own_team", "yes")
		}), wantStatus: 422, wantBody: []string{"Nobody may audit some of the sampled episodes"}, unchanged: true},
		{name: "a round from another council's tool", method: "POST", path: "/quality/rounds/new", as: staff(apptest.BQuality), form: roundForm(nil), wantStatus: 422, wantBody: []string{"Select the audit tool the round uses"}, unchanged: true},
		{name: "a round as a team manager", method: "POST", path: "/quality/rounds/new", as: tm, form: roundForm(nil), wantStatus: 403, unchanged: true},

		{name: "a round's progress", method: "GET", path: "/quality/rounds/{round}", as: ql, wantStatus: 200, wantBody: []string{"Progress by team", "Progress by auditor", "North", "Testperson, Ada", "Close the round"}},
		{name: "a round's progress, as a team manager", method: "GET", path: "/quality/rounds/{round}", as: tm, wantStatus: 200, wantBody: []string{"Progress by team"}, notBody: []string{"Close the round"}},
		{name: "a round's progress, from another council", method: "GET", path: "/quality/rounds/{round}", as: staff(apptest.BQuality), wantStatus: 404},
		{name: "a round's progress, as a practitioner", method: "GET", path: "/quality/rounds/{round}", as: worker, wantStatus: 403},
		{name: "close a round", method: "POST", path: "/quality/rounds/{round}/close", as: ql, form: func(f auditFixture) url.Values { return url.Values{"version": {"1"}} }, wantStatus: 303},
		{name: "close a round someone changed", method: "POST", path: "/quality/rounds/{round}/close", as: ql, form: func(f auditFixture) url.Values { return url.Values{"version": {"0"}} }, wantStatus: 409, wantBody: []string{"Someone else closed or changed this round"}, unchanged: true},
		{name: "close a round from another council", method: "POST", path: "/quality/rounds/{round}/close", as: staff(apptest.BQuality), form: func(f auditFixture) url.Values { return url.Values{"version": {"1"}} }, wantStatus: 404, unchanged: true},
		{name: "close a round as a team manager", method: "POST", path: "/quality/rounds/{round}/close", as: tm, form: func(f auditFixture) url.Values { return url.Values{"version": {"1"}} }, wantStatus: 403, unchanged: true},

		{name: "a round's findings", method: "GET", path: "/quality/rounds/{round}/findings", as: ql, prepare: completed, wantStatus: 200, wantBody: []string{"What the round found", "Too few audits are graded yet to draw", "Grades by question", "fewer than 6", "What the record showed", "Say why the network could not help"}},
		{name: "a round's findings, as a team manager, without the learning points", method: "GET", path: "/quality/rounds/{round}/findings", as: tm, prepare: completed, wantStatus: 200, wantBody: []string{"Grades by question"}, notBody: []string{"Say why the network could not help"}},
		{name: "a round's findings as a CSV", method: "GET", path: "/quality/rounds/{round}/findings.csv", as: ql, prepare: completed, wantStatus: 200, wantBody: []string{"part,about,grade or result,count", "question,Overall grade,Good,fewer than 6"}},
		{name: "a round's findings, from another council", method: "GET", path: "/quality/rounds/{round}/findings", as: staff(apptest.BQuality), wantStatus: 404},
		{name: "a round's findings, as a practitioner", method: "GET", path: "/quality/rounds/{round}/findings", as: worker, wantStatus: 403},

		{name: "the audit, as its auditor", method: "GET", path: "/quality/audits/{audit}", as: auditor, wantStatus: 200, wantBody: []string{"Ada Testperson", "From the record:", "2 of 2 outcomes are SMART", "Complete the audit"}, wantLog: view},
		{name: "the audit, as the practitioner whose case it is", method: "GET", path: "/quality/audits/{audit}", as: worker, wantStatus: 200, wantBody: []string{"Ada Testperson", "Not graded yet"}, notBody: []string{"Complete the audit", "Your reflection"}, wantLog: view},
		{name: "the audit, as another practitioner", method: "GET", path: "/quality/audits/{audit}", as: staff(apptest.ASouth), wantStatus: 404},
		{name: "the audit, from another council", method: "GET", path: "/quality/audits/{audit}", as: staff(apptest.BQuality), wantStatus: 404},
		{name: "the audit, as finance", method: "GET", path: "/quality/audits/{audit}", as: staff(apptest.AFinance), wantStatus: 403},
		{name: "save the audit to come back to", method: "POST", path: "/quality/audits/{audit}", as: auditor, form: grading(false, nil), wantStatus: 303, wantLog: update},
		{name: "complete the audit", method: "POST", path: "/quality/audits/{audit}", as: auditor, form: grading(true, nil), wantStatus: 303, wantLog: update},
		{name: "complete an audit with questions not graded", method: "POST", path: "/quality/audits/{audit}", as: auditor, form: grading(true, func(v url.Values) {
			v.Del(audits.GradeField(audits.OverallKey))
			v.Set("action-1-due_on-month", "13")
		}), wantStatus: 422, wantBody: []string{"There is a problem", "to complete the audit", `href="#f-grade-overall"`, "Seen in the conversations"}, unchanged: true},
		{name: "a stale grading shows what they saved", method: "POST", path: "/quality/audits/{audit}", as: auditor, prepare: completed, form: grading(true, func(v url.Values) {
			v.Set("learning", "Typed while they saved")
		}), wantStatus: 409, wantBody: []string{"Someone else saved this audit", "What they saved", "Typed while they saved"}, unchanged: true, again: update},
		{name: "grade an audit, as the practitioner", method: "POST", path: "/quality/audits/{audit}", as: worker, form: grading(true, nil), wantStatus: 403, unchanged: true},
		{name: "grade an audit, from another council", method: "POST", path: "/quality/audits/{audit}", as: staff(apptest.BQuality), form: grading(true, nil), wantStatus: 404, unchanged: true},

		{name: "the practitioner reads the completed audit", method: "GET", path: "/quality/audits/{audit}", as: worker, prepare: completed, wantStatus: 200, wantBody: []string{"Your reflection", "Add the reason to the solution"}, wantLog: view},
		{name: "reflect", method: "POST", path: "/quality/audits/{audit}/reflection", as: worker, prepare: completed, form: func(f auditFixture) url.Values {
			return url.Values{"reflection": {"I will say why lower rungs could not help"}, "done": {"0"}, "version": {strconv.Itoa(f.audit.Version)}}
		}, wantStatus: 303, wantLog: update},
		{name: "reflect before the audit is complete", method: "POST", path: "/quality/audits/{audit}/reflection", as: worker, form: func(f auditFixture) url.Values {
			return url.Values{"reflection": {"Early"}, "version": {strconv.Itoa(f.audit.Version)}}
		}, wantStatus: 422, wantBody: []string{"once the auditor has completed it"}, unchanged: true},
		{name: "reflect on someone else's case", method: "POST", path: "/quality/audits/{audit}/reflection", as: staff(apptest.ASouth), prepare: completed, form: func(f auditFixture) url.Values {
			return url.Values{"reflection": {"Not mine"}, "version": {strconv.Itoa(f.audit.Version)}}
		}, wantStatus: 404, unchanged: true},

		{name: "draw for moderation", method: "POST", path: "/quality/rounds/{round}/moderation", as: ql, prepare: completed, form: func(auditFixture) url.Values { return url.Values{} }, wantStatus: 303},
		{name: "draw for moderation with nothing completed", method: "POST", path: "/quality/rounds/{round}/moderation", as: ql, form: func(auditFixture) url.Values { return url.Values{} }, wantStatus: 422, wantBody: []string{"No audit is waiting to be drawn"}, unchanged: true},
		{name: "draw for moderation, as a team manager", method: "POST", path: "/quality/rounds/{round}/moderation", as: tm, prepare: completed, form: func(auditFixture) url.Values { return url.Values{} }, wantStatus: 403, unchanged: true},
		{name: "draw for moderation, from another council", method: "POST", path: "/quality/rounds/{round}/moderation", as: staff(apptest.BQuality), prepare: completed, form: func(auditFixture) url.Values { return url.Values{} }, wantStatus: 404, unchanged: true},
		{name: "the audit, as its moderator, blind", method: "GET", path: "/quality/audits/{audit}", as: moderator, prepare: drawn, wantStatus: 200, wantBody: []string{"You are moderating this audit", "Save your moderation"}, notBody: []string{"The auditor’s evidence", "Say why the network could not help"}, wantLog: view},
		{name: "moderate", method: "POST", path: "/quality/audits/{audit}/moderation", as: moderator, prepare: drawn, form: moderation(nil), wantStatus: 303, wantLog: update},
		{name: "moderate without a note", method: "POST", path: "/quality/audits/{audit}/moderation", as: moderator, prepare: drawn, form: moderation(func(v url.Values) { v.Del("moderation_note") }), wantStatus: 422, wantBody: []string{"Enter your note on the audit"}, notBody: []string{"The auditor’s evidence"}, unchanged: true},
		{name: "moderate one's own audit", method: "POST", path: "/quality/audits/{audit}/moderation", as: auditor, prepare: drawn, form: moderation(nil), wantStatus: 403, unchanged: true},
		{name: "moderate, from another council", method: "POST", path: "/quality/audits/{audit}/moderation", as: staff(apptest.BQuality), prepare: drawn, form: moderation(nil), wantStatus: 404, unchanged: true},

		{name: "the audit tools", method: "GET", path: "/quality/tools", as: ql, wantStatus: 200, wantBody: []string{"Strengths-based case file audit", "Strengths-based supervision audit"}},
		{name: "the audit tools, as a team manager", method: "GET", path: "/quality/tools", as: tm, wantStatus: 403},
		{name: "a tool", method: "GET", path: "/quality/tools/{tool}", as: tm, wantStatus: 200, wantBody: []string{"The person’s voice is heard in their own words", "beside it, from the record"}},
		{name: "the form to change a tool", method: "GET", path: "/quality/tools/{tool}/edit", as: ql, wantStatus: 200, wantBody: []string{"Change the audit tool", "Guidance for the auditor", "The person’s voice is heard in their own words"}},
		{name: "the form to change a tool, as a team manager", method: "GET", path: "/quality/tools/{tool}/edit", as: tm, wantStatus: 403},
		{name: "the form to change a tool, from another council", method: "GET", path: "/quality/tools/{tool}/edit", as: staff(apptest.BQuality), wantStatus: 404},
		{name: "change a tool a round used: a new version", method: "POST", path: "/quality/tools/{tool}/edit", as: ql, form: toolForm(nil), wantStatus: 303},
		{name: "a tool with a question left blank", method: "POST", path: "/quality/tools/{tool}/edit", as: ql, form: toolForm(func(v url.Values) { v.Set("question-voice", "") }),
			wantStatus: 422, wantBody: []string{"Enter the question", `href="#f-question-voice"`}},
		{name: "a tool someone else changed", method: "POST", path: "/quality/tools/{tool}/edit", as: ql, form: toolForm(func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else changed this tool"}},
		{name: "a tool, from another council", method: "GET", path: "/quality/tools/{tool}", as: staff(apptest.BQuality), wantStatus: 404},
		{name: "the form to reallocate an audit", method: "GET", path: "/quality/audits/{audit}/reallocate", as: ql, wantStatus: 200, wantBody: []string{"Reallocate the audit", "Who will audit it", "Testperson"}},
		{name: "the form to reallocate, as a team manager", method: "GET", path: "/quality/audits/{audit}/reallocate", as: tm, wantStatus: 403},
		{name: "the form to reallocate, from another council", method: "GET", path: "/quality/audits/{audit}/reallocate", as: staff(apptest.BQuality), wantStatus: 404},
		{name: "reallocate an audit", method: "POST", path: "/quality/audits/{audit}/reallocate", as: ql, form: reallocation(nil), wantStatus: 303},
		{name: "reallocate to nobody, by no date", method: "POST", path: "/quality/audits/{audit}/reallocate", as: ql, form: reallocation(func(v url.Values) {
			v.Set("auditor_id", "")
			v.Set("due_on-day", "")
			v.Set("due_on-month", "")
			v.Set("due_on-year", "")
		}), wantStatus: 422, wantBody: []string{"Select who will audit it from the list", "Enter the date the audit is due"}, unchanged: true},
		{name: "reallocate from a stale form", method: "POST", path: "/quality/audits/{audit}/reallocate", as: ql, form: reallocation(nil), wantStatus: 409,
			wantBody: []string{"Someone else changed the audit"}, unchanged: true, again: []accesslog.Action{}},
		{name: "reallocate from another council", method: "POST", path: "/quality/audits/{audit}/reallocate", as: staff(apptest.BQuality), form: reallocation(nil), wantStatus: 404, unchanged: true},
		{name: "reallocate a completed audit", method: "POST", path: "/quality/audits/{audit}/reallocate", as: ql, prepare: completed, form: reallocation(nil),
			wantStatus: 422, wantBody: []string{"The audit is completed"}, unchanged: true},
		{name: "a tool with a question added and one removed", method: "POST", path: "/quality/tools/{tool}/edit", as: ql, form: toolForm(func(v url.Values) {
			v.Set("add-0-text", "The person’s culture and faith were asked about")
			v.Set("add-0-scale", "yes_no")
			v.Set("remove-aspirations", "yes")
		}), wantStatus: 303},
		{name: "a tool without its overall grade", method: "POST", path: "/quality/tools/{tool}/edit", as: ql, form: toolForm(func(v url.Values) { v.Set("remove-overall", "yes") }),
			wantStatus: 422, wantBody: []string{"The overall grade cannot be removed", `href="#f-question-overall"`}, unchanged: true},
		{name: "a question to add without its scale", method: "POST", path: "/quality/tools/{tool}/edit", as: ql, form: toolForm(func(v url.Values) { v.Set("add-0-text", "Was the carer asked?") }),
			wantStatus: 422, wantBody: []string{"Select how the question to add is graded"}, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newAuditFixture(t, site, db)
				if sc.prepare != nil {
					sc.prepare(t, site, &f)
				}
				before := auditState(t, site, f)
				path := strings.NewReplacer("{round}", f.round.ID, "{audit}", f.audit.ID, "{tool}", f.tool.ID).Replace(sc.path)
				who := sc.as(site, f)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
					if sc.again != nil {
						form.Set("version", strconv.Itoa(f.audit.Version-1))
					}
				}
				body := apptest.Ask(t, site, client(who), who, sc.method, path, form, f.w.Person.ID, apptest.Answer{Status: sc.wantStatus,
					Body: sc.wantBody, NotBody: sc.notBody, Log: sc.wantLog})
				after := auditState(t, site, f)
				apptest.CheckChange(t, before, after, sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
				if sc.again != nil {
					apptest.Ask(t, site, client(who), who, sc.method, path, apptest.Again(t, form, body, "version"), f.w.Person.ID,
						apptest.Answer{Status: 303, Log: sc.again})
					apptest.CheckChange(t, after, auditState(t, site, f), false, true)
				}
				apptest.Retire(t, site, f.w.Person)
			})
		}
	})
}

func newAuditFixture(t *testing.T, site *apptest.Site, db *sqldb.DB) auditFixture {
	t.Helper()
	quality := peopletest.As(site.A.Staff[councils.QualityLead])
	f := auditFixture{w: planstest.New(t, db, site.A), today: site.App.DB.Today()}
	tools, err := site.App.Audits.Tools(quality)
	if err != nil {
		t.Fatal(err)
	}
	f.tool = tools[0]
	// Episodes audited in earlier scenarios' rounds (today) are left out, so the round samples this one alone.
	r, n, err := site.App.Audits.CreateRound(quality, audits.NewRound{Name: "Practice Fortnight, spring", ToolID: f.tool.ID, StartsOn: f.today,
		EndsOn: sqldb.NewDate(f.today.AddDate(0, 0, 13)), PerTeam: 5, ExcludeMonths: 1, Seed: 7, ModerationPercent: 20})
	if err != nil || n != 1 {
		t.Fatalf("round sampled %d: %v", n, err)
	}
	f.round = r
	page, err := site.App.Audits.Round(quality, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.audit = page.Audits[0]
	for _, st := range site.A.Staff {
		if st.ID == f.audit.AuditorID {
			f.auditor = st
		}
	}
	f.relief = site.A.Staff[councils.QualityLead]
	if f.auditor.ID == f.relief.ID {
		f.relief = site.A.Staff[councils.TeamManager]
	}
	return f
}

// reallocation is the form to reallocate the fixture's audit to its relief auditor, changed by fn.
func reallocation(fn func(v url.Values)) func(auditFixture) url.Values {
	return func(f auditFixture) url.Values {
		v := url.Values{"version": {strconv.Itoa(f.audit.Version)}, "auditor_id": {f.relief.ID}}
		apptest.DateFields("due_on", sqldb.NewDate(f.today.AddDate(0, 0, 21)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

// auditState is everything these pages change, as one comparable string.
func auditState(t *testing.T, site *apptest.Site, f auditFixture) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM audit_round WHERE council_id = $1 AND CAST($2 AS TEXT) <> ''`,
		`SELECT count(*) FROM audit_tool WHERE council_id = $1 AND CAST($2 AS TEXT) <> ''`,
		`SELECT COALESCE(sum(version), 0) FROM audit_round WHERE council_id = $1 AND CAST($2 AS TEXT) <> ''`,
		`SELECT COALESCE(sum(version), 0) FROM audit WHERE council_id = $1 AND person_id = $2`,
		`SELECT count(*) FROM audit a WHERE a.council_id = $1 AND a.person_id = $2 AND a.moderator_id <> ''`,
		`SELECT count(*) FROM audit_grade g JOIN audit a ON a.council_id = g.council_id AND a.id = g.audit_id WHERE g.council_id = $1 AND a.person_id = $2`,
	}, site.A.Council.ID, f.w.Person.ID)
}
