package studypage_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// studyFixture is a study of the north team running today, with a day of the north practitioner's diary, a
// reflective session and an engagement.
type studyFixture struct {
	study     practicestudy.Study
	concluded practicestudy.Study // a study like it whose case for change is agreed
	open      practicestudy.Study // a study like it whose team managers may read their teams' diaries
	day       practicestudy.Day
	today     sqldb.Date
	north     string
}

type studyScenario struct {
	name       string
	method     string
	path       string
	form       func(f studyFixture) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool
}

func dayForm(f studyFixture, fn func(v url.Values)) url.Values {
	v := url.Values{"day": {f.today.String()}, "version": {strconv.Itoa(f.day.Version)}, "rows": {"4"},
		"activity_1_kind": {"with_people"}, "activity_1_minutes": {"240"}, "activity_1_note": {"Three visits"},
		"activity_2_kind": {"travel"}, "activity_2_minutes": {"90"},
		"activity_3_kind": {"recording"}, "activity_3_minutes": {"120"}}
	if fn != nil {
		fn(v)
	}
	return v
}

func studyForm(fn func(v url.Values)) func(studyFixture) url.Values {
	return func(f studyFixture) url.Values {
		v := url.Values{"name": {"Autumn study"}, "teams": {f.north}, "managers_see_diaries": {"no"}}
		apptest.DateFields("starts_on", f.today, v)
		apptest.DateFields("ends_on", sqldb.NewDate(f.today.AddDate(0, 0, 27)), v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func engagementForm(fn func(v url.Values)) func(studyFixture) url.Values {
	return func(f studyFixture) url.Values {
		v := url.Values{"method": {"group"}, "who": {"A group of five carers"}, "consent_how": {"Agreed aloud, noted by the facilitator"},
			"quotes": {"“I had to tell my story three times.”"}, "themes": {"telling my story again, waiting"}}
		apptest.DateFields("held_on", f.today, v)
		apptest.DateFields("consent_on", f.today, v)
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func caseForm(action string, fn func(v url.Values)) func(studyFixture) url.Values {
	return func(f studyFixture) url.Values {
		v := url.Values{"version": {strconv.Itoa(f.study.Version)}, "action": {action}, "summary": {"More time with people"},
			"technology_finding_1_text":        {"Recording takes a fifth of the day"},
			"technology_recommendation_1_text": {"Record on phones between visits"}, "technology_recommendation_1_evidence": {"diary"}}
		if fn != nil {
			fn(v)
		}
		return v
	}
}

func TestStudyPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	scenarios := []studyScenario{
		{name: "the studies, as the quality lead", method: "GET", path: "/quality/studies", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Practice studies", "Spring study", "Open a practice study", "Running"}},
		{name: "the studies, as the practitioner", method: "GET", path: "/quality/studies", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Spring study", "Fill in your day"}, notBody: []string{"Open a practice study"}},
		{name: "the studies, as a practitioner of another team", method: "GET", path: "/quality/studies", as: apptest.ASouth, wantStatus: 200, wantBody: []string{"No practice studies"}, notBody: []string{"Spring study"}},
		{name: "the studies, from another council", method: "GET", path: "/quality/studies", as: apptest.BQuality, wantStatus: 200, notBody: []string{"Spring study"}},
		{name: "the studies, as finance", method: "GET", path: "/quality/studies", as: apptest.AFinance, wantStatus: 403},
		{name: "the form to open a study", method: "GET", path: "/quality/studies/new", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Open a practice study", "North", "May team managers read"}},
		{name: "the form to open a study, as a team manager", method: "GET", path: "/quality/studies/new", as: apptest.AManager, wantStatus: 403},
		{name: "open a study", method: "POST", path: "/quality/studies/new", as: apptest.AQuality, form: studyForm(nil), wantStatus: 303},
		{name: "open a study without teams", method: "POST", path: "/quality/studies/new", as: apptest.AQuality, form: studyForm(func(v url.Values) { v.Del("teams") }),
			wantStatus: 422, wantBody: []string{"There is a problem", "Select the teams in the study", `href="#f-teams"`, "Autumn study"}, unchanged: true},
		{name: "open a study that ends before it starts", method: "POST", path: "/quality/studies/new", as: apptest.AQuality, form: studyForm(func(v url.Values) {
			v.Set("ends_on-year", "2001")
		}), wantStatus: 422, wantBody: []string{"must end on or after the day it starts"}, unchanged: true},
		{name: "open a study, from another council", method: "POST", path: "/quality/studies/new", as: apptest.BQuality, form: studyForm(nil), wantStatus: 422, wantBody: []string{"Select the teams in the study from the list"}, unchanged: true},
		{name: "a study's results, as the practitioner", method: "GET", path: "/quality/studies/{study}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"A day in the life", "North", "Too few to show", "Waiting for equipment", "I had to tell my story twice", "telling my story again"}, notBody: []string{"Practice insight", "Three visits"}},
		{name: "a study's results, as the team manager", method: "GET", path: "/quality/studies/{study}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Practice insight", "Reviews held by their due date", "Record a reflective learning session"}, notBody: []string{"Your teams’ diaries"}},
		{name: "a study's results, as a practitioner of another team", method: "GET", path: "/quality/studies/{study}", as: apptest.ASouth, wantStatus: 404},
		{name: "a study's results, from another council", method: "GET", path: "/quality/studies/{study}", as: apptest.BQuality, wantStatus: 404},
		{name: "the diary", method: "GET", path: "/quality/studies/{study}/diary", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Your day", "Three visits", "Total so far", "Add another activity"}},
		{name: "the diary, as the quality lead", method: "GET", path: "/quality/studies/{study}/diary", as: apptest.AQuality, wantStatus: 403},
		{name: "the diary, as a practitioner of another team", method: "GET", path: "/quality/studies/{study}/diary", as: apptest.ASouth, wantStatus: 404},
		{name: "someone's diary, as their manager where the study keeps it private", method: "GET", path: "/quality/studies/{study}/diary?staff={worker}", as: apptest.AManager, wantStatus: 404},
		{name: "add a row to the day", method: "POST", path: "/quality/studies/{study}/diary", as: apptest.AWorker, form: func(f studyFixture) url.Values {
			return dayForm(f, func(v url.Values) { v.Set("add", "yes"); v.Set("activity_4_minutes", "15") })
		}, wantStatus: 200, wantBody: []string{`name="activity_5_kind"`, `value="15"`, "7 hours 45 minutes"}, unchanged: true},
		{name: "save the day", method: "POST", path: "/quality/studies/{study}/diary", as: apptest.AWorker, form: func(f studyFixture) url.Values { return dayForm(f, nil) }, wantStatus: 303},
		{name: "a day over 24 hours", method: "POST", path: "/quality/studies/{study}/diary", as: apptest.AWorker, form: func(f studyFixture) url.Values {
			return dayForm(f, func(v url.Values) { v.Set("activity_4_kind", "other"); v.Set("activity_4_minutes", "1200") })
		}, wantStatus: 422, wantBody: []string{"a day cannot be more than 24 hours", `href="#f-total"`}, unchanged: true},
		{name: "a negative minute", method: "POST", path: "/quality/studies/{study}/diary", as: apptest.AWorker, form: func(f studyFixture) url.Values {
			return dayForm(f, func(v url.Values) { v.Set("activity_2_minutes", "-30") })
		}, wantStatus: 422, wantBody: []string{"Minutes for activity 2 cannot be negative"}, unchanged: true},
		{name: "minutes that are not a number", method: "POST", path: "/quality/studies/{study}/diary", as: apptest.AWorker, form: func(f studyFixture) url.Values {
			return dayForm(f, func(v url.Values) { v.Set("activity_2_minutes", "an hour") })
		}, wantStatus: 422, wantBody: []string{"in minutes, like 45, or hours and minutes", `value="an hour"`}, unchanged: true},
		{name: "a stale day", method: "POST", path: "/quality/studies/{study}/diary", as: apptest.AWorker, form: func(f studyFixture) url.Values {
			return dayForm(f, func(v url.Values) { v.Set("version", "0") })
		}, wantStatus: 409, wantBody: []string{"changed on another device", "Three visits"}, unchanged: true},
		{name: "a day, as the quality lead", method: "POST", path: "/quality/studies/{study}/diary", as: apptest.AQuality, form: func(f studyFixture) url.Values { return dayForm(f, nil) }, wantStatus: 403, unchanged: true},
		{name: "the reflective session form", method: "GET", path: "/quality/studies/{study}/reflections/new", as: apptest.AManager, wantStatus: 200, wantBody: []string{"Test Practitioner", "do not name anyone"}, notBody: []string{"Test South Worker"}},
		{name: "the reflective session form, as a practitioner", method: "GET", path: "/quality/studies/{study}/reflections/new", as: apptest.AWorker, wantStatus: 403},
		{name: "record a reflective session", method: "POST", path: "/quality/studies/{study}/reflections/new", as: apptest.AManager, form: func(f studyFixture) url.Values {
			v := url.Values{"staff": {"{worker}"}, "themes": {"Hospital discharge"}, "learnt": {"Ask the person first"}}
			apptest.DateFields("held_on", f.today, v)
			return v
		}, wantStatus: 303},
		{name: "a reflective session without what was learnt", method: "POST", path: "/quality/studies/{study}/reflections/new", as: apptest.AManager, form: func(f studyFixture) url.Values {
			v := url.Values{"staff": {"{worker}"}, "themes": {"Hospital discharge"}}
			apptest.DateFields("held_on", f.today, v)
			return v
		}, wantStatus: 422, wantBody: []string{"Enter what was learnt"}, unchanged: true},
		{name: "record an engagement", method: "POST", path: "/quality/studies/{study}/engagements/new", as: apptest.AQuality, form: engagementForm(nil), wantStatus: 303},
		{name: "an engagement without consent", method: "POST", path: "/quality/studies/{study}/engagements/new", as: apptest.AQuality, form: engagementForm(func(v url.Values) { v.Del("consent_how") }),
			wantStatus: 422, wantBody: []string{"Record how consent was given", "I had to tell my story three times"}, unchanged: true},
		{name: "an engagement, from another council", method: "POST", path: "/quality/studies/{study}/engagements/new", as: apptest.BQuality, form: engagementForm(nil), wantStatus: 404, unchanged: true},
		{name: "the case for change", method: "GET", path: "/quality/studies/{study}/case-for-change", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"The case for change", "Operating model", "Technology", "Resources", "Innovation", "A draft"}, notBody: []string{"Write the case for change"}},
		{name: "the case for change, from another council", method: "GET", path: "/quality/studies/{study}/case-for-change", as: apptest.BManager, wantStatus: 404},
		{name: "write the case for change", method: "GET", path: "/quality/studies/{study}/case-for-change/edit", as: apptest.AQuality, wantStatus: 200, wantBody: []string{"Write the case for change", "A day in the life: the diaries", "Agree the case for change"}},
		{name: "write the case for change, as a team manager", method: "GET", path: "/quality/studies/{study}/case-for-change/edit", as: apptest.AManager, wantStatus: 403},
		{name: "save a draft", method: "POST", path: "/quality/studies/{study}/case-for-change/edit", as: apptest.AQuality, form: caseForm("save", nil), wantStatus: 303},
		{name: "agree it", method: "POST", path: "/quality/studies/{study}/case-for-change/edit", as: apptest.AQuality, form: caseForm("agree", nil), wantStatus: 303},
		{name: "agree it without a recommendation", method: "POST", path: "/quality/studies/{study}/case-for-change/edit", as: apptest.AQuality, form: caseForm("agree", func(v url.Values) {
			v.Del("technology_recommendation_1_text")
			v.Del("technology_recommendation_1_evidence")
		}), wantStatus: 422, wantBody: []string{"Write at least one recommendation"}, unchanged: true},
		{name: "a stale case", method: "POST", path: "/quality/studies/{study}/case-for-change/edit", as: apptest.AQuality, form: caseForm("save", func(v url.Values) { v.Set("version", "0") }),
			wantStatus: 409, wantBody: []string{"Someone else saved the case for change"}, unchanged: true},
		{name: "the case for change, from another council's quality lead", method: "POST", path: "/quality/studies/{study}/case-for-change/edit", as: apptest.BQuality, form: caseForm("save", nil), wantStatus: 404, unchanged: true},
		{name: "the study page, for a manager who may read the diaries", method: "GET", path: "/quality/studies/{open}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Your teams’ diaries", "Test Practitioner", "Team managers may read their teams’ diaries"}},
		{name: "someone's diary, as their manager where the study allows it", method: "GET", path: "/quality/studies/{open}/diary?staff={worker}", as: apptest.AManager, wantStatus: 200,
			wantBody: []string{"Test Practitioner’s day", "Three visits", "Total: 4 hours 20 minutes"}, notBody: []string{"Save my day"}},
		{name: "someone's diary, as the quality lead where managers may read it", method: "GET", path: "/quality/studies/{open}/diary?staff={worker}", as: apptest.AQuality, wantStatus: 404},
		{name: "change someone's diary, as their manager", method: "POST", path: "/quality/studies/{open}/diary?staff={worker}", as: apptest.AManager, form: func(f studyFixture) url.Values { return dayForm(f, nil) },
			wantStatus: 403, unchanged: true},
		{name: "the diary of a concluded study", method: "GET", path: "/quality/studies/{concluded}/diary", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Three visits", "Total: 4 hours 20 minutes"}, notBody: []string{"Save my day"}},
		{name: "a day of a concluded study", method: "POST", path: "/quality/studies/{concluded}/diary", as: apptest.AWorker, form: func(f studyFixture) url.Values { return dayForm(f, nil) },
			wantStatus: 403, unchanged: true},
		{name: "the quality page links to the studies", method: "GET", path: "/quality", as: apptest.AQuality, wantStatus: 200, wantBody: []string{`id="practice-studies"`}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := newStudyFixture(t, site)
				before := studyState(t, site)
				r := strings.NewReplacer("{study}", f.study.ID, "{concluded}", f.concluded.ID, "{open}", f.open.ID, "{worker}", site.A.Staff[councils.Practitioner].ID)
				path := r.Replace(sc.path)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(f)
					for k, vs := range form {
						for i := range vs {
							vs[i] = r.Replace(vs[i])
						}
						form[k] = vs
					}
				}
				apptest.Ask(t, site, client(who), who, sc.method, path, form, "", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, studyState(t, site), sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}

func newStudyFixture(t *testing.T, site *apptest.Site) studyFixture {
	t.Helper()
	today := site.App.DB.Today()
	f := studyFixture{today: today, north: site.A.North.ID}
	s := site.App.PracticeStudy
	lead := peopletest.As(site.A.Staff[councils.QualityLead])
	var err error
	f.study, err = s.Open(lead, practicestudy.Study{Name: "Spring study", From: sqldb.NewDate(today.AddDate(0, 0, -7)), To: sqldb.NewDate(today.AddDate(0, 0, 7)),
		TeamIDs: []string{site.A.North.ID}})
	if err != nil {
		t.Fatal(err)
	}
	f.day, err = s.SaveDay(peopletest.As(site.A.Staff[councils.Practitioner]), f.study.ID, practicestudy.Day{Day: today,
		Entries: []practicestudy.Entry{{Kind: practicestudy.WithPeople, Minutes: 200, Note: "Three visits"}, {Kind: practicestudy.Travel, Minutes: 60}}})
	if err != nil {
		t.Fatal(err)
	}
	f.concluded = concludedStudy(t, site, f.study, true)
	f.open = concludedStudy(t, site, f.study, false)
	manager := peopletest.As(site.A.Staff[councils.TeamManager])
	if _, err := s.RecordReflection(manager, f.study.ID, practicestudy.Reflection{HeldOn: today, StaffIDs: []string{site.A.Staff[councils.Practitioner].ID},
		Themes: "Waiting for equipment", Learnt: "Ask earlier"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordEngagement(lead, f.study.ID, practicestudy.Engagement{HeldOn: today, Method: practicestudy.Interview, Who: "A carer",
		ConsentHow: "Signed form", ConsentOn: today, Quotes: "“I had to tell my story twice.”", Themes: []string{"telling my story again"}}); err != nil {
		t.Fatal(err)
	}
	return f
}

// studyState is everything these pages change in council A, as one comparable string.
func studyState(t *testing.T, site *apptest.Site) string {
	t.Helper()
	return dbtest.Numbers(t, site.App.DB, site.A.Council.ID, []string{
		`SELECT count(*) FROM practice_study WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM practice_study WHERE council_id = $1`,
		`SELECT COALESCE(sum(version), 0) FROM practice_study_day WHERE council_id = $1`,
		`SELECT COALESCE(sum(minutes), 0) FROM practice_study_activity WHERE council_id = $1`,
		`SELECT count(*) FROM practice_study_reflection WHERE council_id = $1`,
		`SELECT count(*) FROM practice_study_engagement WHERE council_id = $1`,
		`SELECT count(*) FROM practice_study_point WHERE council_id = $1`,
	}, site.A.Council.ID)
}

// concludedStudy opens a study like study with a day of the north practitioner's diary and, with agree, agrees its
// case for change; without, its team managers may read their teams' diaries.
func concludedStudy(t *testing.T, site *apptest.Site, like practicestudy.Study, agree bool) practicestudy.Study {
	t.Helper()
	s := site.App.PracticeStudy
	lead := peopletest.As(site.A.Staff[councils.QualityLead])
	x, err := s.Open(lead, practicestudy.Study{Name: "Another study", From: like.From, To: like.To, TeamIDs: like.TeamIDs, ManagersSeeDiaries: !agree})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveDay(peopletest.As(site.A.Staff[councils.Practitioner]), x.ID, practicestudy.Day{Day: site.App.DB.Today(),
		Entries: []practicestudy.Entry{{Kind: practicestudy.WithPeople, Minutes: 200, Note: "Three visits"}, {Kind: practicestudy.Travel, Minutes: 60}}}); err != nil {
		t.Fatal(err)
	}
	if !agree {
		return x
	}
	c := practicestudy.Case{Version: x.Version, Points: []practicestudy.Point{{Heading: practicestudy.Resources, Kind: practicestudy.Recommendation, Text: "More time"}}}
	if _, err := s.SaveCase(lead, x.ID, c, true); err != nil {
		t.Fatal(err)
	}
	return x
}
