package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/practicestudy"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Practice studies through the API keep the pages' walls: the quality lead and the study's teams read a study and its
// results, a practitioner of another team and another council find nothing (404), finance is refused, and the results
// make every count safe, give a team's shares only once three of its staff kept a diary, and never give anyone's own
// diary.
func TestPracticeStudyAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		token := site.Tokens(t)
		ask := asker(t, site, token)
		today := site.App.DB.Today()
		s := site.App.PracticeStudy
		lead := site.A.Staff[councils.QualityLead]
		study, err := s.Open(peopletest.As(lead), practicestudy.Study{Name: "Spring study", From: sqldb.NewDate(today.AddDate(0, 0, -7)),
			To: sqldb.NewDate(today.AddDate(0, 0, 7)), TeamIDs: []string{site.A.North.ID}})
		if err != nil {
			t.Fatal(err)
		}
		diary := func(st councils.Staff, withPeople int) {
			t.Helper()
			if _, err := s.SaveDay(peopletest.As(st), study.ID, practicestudy.Day{Day: today, Entries: []practicestudy.Entry{
				{Kind: practicestudy.WithPeople, Minutes: withPeople, Note: "Private note"}, {Kind: practicestudy.Recording, Minutes: 100}}}); err != nil {
				t.Fatal(err)
			}
		}
		diary(site.A.Staff[councils.Practitioner], 300)
		if _, err := s.RecordEngagement(peopletest.As(lead), study.ID, practicestudy.Engagement{HeldOn: today, Method: practicestudy.Interview, Who: "A carer",
			ConsentHow: "Signed form", ConsentOn: today, Quotes: "“Nobody asked me.”", Themes: []string{"Being asked"}}); err != nil {
			t.Fatal(err)
		}
		path := api.PracticeStudiesPath + "/" + study.ID

		read := func(as councils.Staff) api.PracticeStudyResults {
			t.Helper()
			res, body := ask(as, "GET", path, "")
			if res.StatusCode != 200 {
				t.Fatalf("GET %s as %s: %d %s", path, as.Email, res.StatusCode, body)
			}
			if strings.Contains(body, "Private note") {
				t.Error("the results give a diary's note")
			}
			var out api.PracticeStudyResults
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			return out
		}
		got := read(site.A.Staff[councils.Practitioner])
		if got.Study.State != "running" || len(got.Teams) != 1 || got.Teams[0].Diarists != nil || got.Teams[0].WithPeoplePercent != nil ||
			len(got.Teams[0].Shares) != 0 || len(got.Themes) != 1 || got.Themes[0].Engagements != 1 {
			t.Errorf("one diarist's results: %+v", got)
		}
		for _, name := range []string{"Second", "Third"} {
			st, err := site.App.Councils.CreateStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID), councils.NewStaff{
				Email: strings.ToLower(name) + ".north@example.org", Name: "Test " + name, Role: councils.Practitioner, TeamIDs: []string{site.A.North.ID}})
			if err != nil {
				t.Fatal(err)
			}
			diary(st, 100)
		}
		got = read(lead)
		if team := got.Teams[0]; team.WithPeoplePercent == nil || *team.WithPeoplePercent != 63 || len(team.Shares) != 8 || team.Shares[2].Percent != 38 || team.Diarists != nil {
			t.Errorf("three diarists' results: %+v", team)
		}

		for _, c := range []struct {
			name   string
			as     councils.Staff
			path   string
			status int
		}{
			{"a practitioner of another team", site.A.SouthWorker, path, 404},
			{"another council's quality lead", site.B.Staff[councils.QualityLead], path, 404},
			{"finance", site.A.Staff[councils.Finance], path, 403},
			{"finance's list", site.A.Staff[councils.Finance], api.PracticeStudiesPath, 403},
		} {
			res, body := ask(c.as, "GET", c.path, "")
			if res.StatusCode != c.status || !strings.Contains(res.Header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("%s: %d %s, want a problem document with %d", c.name, res.StatusCode, res.Header.Get("Content-Type"), c.status)
			}
			if strings.Contains(body, "Spring study") {
				t.Errorf("%s read the study", c.name)
			}
		}
		res, body := ask(site.B.Staff[councils.QualityLead], "GET", api.PracticeStudiesPath, "")
		if res.StatusCode != 200 || strings.Contains(body, study.ID) {
			t.Errorf("another council's list: %d %s", res.StatusCode, body)
		}
		res, body = ask(lead, "GET", api.PracticeStudiesPath, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"name":"Spring study"`) {
			t.Errorf("the council's list: %d %s", res.StatusCode, body)
		}
	})
}

// practiceStudyEnums are the practice study fragment's lists of values: a study's state, the kinds of activity in a
// day in the life, and the headings and kinds of the case for change's points, each from the domain's own list.
func practiceStudyEnums() []enumRule {
	return []enumRule{
		{"#/components/schemas/PracticeStudy/properties/state/enum", values(practicestudy.Planned, practicestudy.Running, practicestudy.Analysing, practicestudy.Concluded)},
		{"#/components/schemas/StudyShare/properties/kind/enum", values(practicestudy.Activities()...)},
		{"#/components/schemas/StudyPoint/properties/heading/enum", values(practicestudy.Headings()...)},
		{"#/components/schemas/StudyPoint/properties/kind/enum", values(practicestudy.Finding, practicestudy.Recommendation)},
	}
}
