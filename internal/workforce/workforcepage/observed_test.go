package workforcepage_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/web"
	"github.com/golden-thread/goldenthread/internal/workforce"
	"github.com/golden-thread/goldenthread/internal/workforce/workforcepage"
)

// study is a practice study's observations for the pages: its north team spent a quarter of its time with people.
type study struct{ north string }

func (s study) Studies(context.Context) ([]workforce.Study, error) {
	return []workforce.Study{{ID: "study-1", Name: "Spring practice study"}}, nil
}

func (s study) TimeByTeam(context.Context, string) ([]workforce.ObservedTeam, error) {
	return []workforce.ObservedTeam{{TeamID: s.north, Minutes: map[string]int{"with_people": 60, "travel": 90, "recording": 90}, Days: 2, Diarists: 1}}, nil
}

// With a practice study's observations, the form offers the study, and a scenario that names it shows the north
// team's share as observed in it and the south team's, which kept no diaries, as assumed.
func TestObservedShareIsMarked(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	a, _ := peopletest.TwoCouncils(t, db)
	store := workforce.NewStore(db, study{north: a.North.ID})
	lead := peopletest.As(a.Staff[councils.QualityLead])
	draft, err := store.Draft(lead)
	if err != nil {
		t.Fatal(err)
	}
	draft.Name, draft.StudyID = "As the diaries show", "study-1"
	x, err := store.Create(lead, draft)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := web.NewTemplates(nil, workforcepage.Templates())
	if err != nil {
		t.Fatal(err)
	}
	pages := workforcepage.New(tmpl, store)
	get := func(h web.Handler, path string) string {
		t.Helper()
		r := httptest.NewRequest("GET", path, nil).WithContext(lead)
		r.SetPathValue("scenario", x.ID)
		w := httptest.NewRecorder()
		if err := h(w, r); err != nil || w.Code != 200 {
			t.Fatalf("GET %s: %d %v", path, w.Code, err)
		}
		return w.Body.String()
	}
	form := get(pages.Edit(), "/insight/staff/scenarios/"+x.ID+"/edit")
	for _, want := range []string{"Share of time with people observed in a practice study", `<option value="study-1" selected>Spring practice study</option>`} {
		if !strings.Contains(form, want) {
			t.Errorf("the form does not offer the study: no %q", want)
		}
	}
	page := get(pages.Scenario(), "/insight/staff/scenarios/"+x.ID)
	hours := page[strings.Index(page, `id="hours"`):]
	north, south := hours[strings.Index(hours, "North"):strings.Index(hours, "South")], hours[strings.Index(hours, "South"):]
	if !strings.Contains(north, "25%") || !strings.Contains(north, "Observed in Spring practice study") {
		t.Errorf("the north team's share is not shown as observed:\n%s", north)
	}
	if !strings.Contains(south[:strings.Index(south, "</tr>")], "Assumed") {
		t.Errorf("the south team's share is not shown as assumed:\n%s", south)
	}
}
