package api_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The programme through the API keeps the pages' rules: quality leads, team managers and programme leads read it;
// practitioners, finance, information and advice and administrators are refused; only the quality lead and the
// programme lead add and change; red needs a reason; a stale change is 412; another council finds none of it.
func TestProgrammeAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, pl, manager := site.A.Staff[councils.QualityLead], site.A.Staff[councils.ProgrammeLead], site.A.Staff[councils.TeamManager]
		other := site.B.Staff[councils.ProgrammeLead]
		s := site.App.Programme
		if res, _ := ask(lead, "GET", api.ProgrammePath, ""); res.StatusCode != 404 {
			t.Errorf("a programme before one is started: %d", res.StatusCode)
		}
		if _, err := s.StartProgramme(peopletest.As(lead), programme.Programme{Name: "Better lives", Board: "Programme Board",
			StartedOn: site.App.DB.Today()}); err != nil {
			t.Fatal(err)
		}
		ws, err := s.Workstreams(peopletest.As(lead))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range councils.Roles {
			res, _ := ask(site.A.Staff[r], "GET", api.ProgrammePath, "")
			if want := map[bool]int{true: 200, false: 403}[r.ReadsProgramme()]; res.StatusCode != want {
				t.Errorf("%s reading the programme: %d, want %d", r, res.StatusCode, want)
			}
		}
		res, body := ask(pl, "GET", api.ProgrammePath, "")
		var p api.Programme
		if err := json.Unmarshal([]byte(body), &p); err != nil || len(p.Phases) != 4 || len(p.Workstreams) != 3 || res.Header.Get("ETag") != `"1"` {
			t.Fatalf("the programme: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(other, "GET", api.ProgrammePath, ""); res.StatusCode != 404 {
			t.Errorf("another council's programme lead read the programme: %d", res.StatusCode)
		}

		counts := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "programme_milestone"), dbtest.Count(t, db, site.B.Council.ID, "programme_milestone"))
		}
		milestone := func(rag, reason string) string {
			return fmt.Sprintf(`{"title":"Draft the operating model","workstream_id":%q,"owner_staff_id":%q,"status":"in_progress","rag":%q,"rag_reason":%q,"due_on":"2027-05-31"}`,
				ws[0].ID, manager.ID, rag, reason)
		}
		refuses(t, ask, api.ProgrammeMilestonesPath, counts, []refusal{
			{"red with no reason", lead, milestone("red", ""), 422, []string{"rag_reason"}},
			{"a made-up date", lead, `{"title":"x","workstream_id":"` + ws[0].ID + `","owner_staff_id":"` + manager.ID + `","status":"not_started","rag":"green","due_on":"31/05/2027"}`, 422, []string{"due_on"}},
			{"an owner from another council", lead, fmt.Sprintf(`{"title":"x","workstream_id":%q,"owner_staff_id":%q,"status":"not_started","rag":"green"}`, ws[0].ID, other.ID), 422, []string{"owner_staff_id"}},
			{"as a team manager", manager, milestone("green", ""), 403, nil},
			{"as practitioner", site.A.Staff[councils.Practitioner], milestone("green", ""), 403, nil},
			{"from another council", other, milestone("green", ""), 404, nil},
		})
		res, body = ask(pl, "POST", api.ProgrammeMilestonesPath, milestone("amber", "Waiting on legal advice"))
		var m api.ProgrammeMilestone
		if err := json.Unmarshal([]byte(body), &m); err != nil || res.StatusCode != 201 || m.RAG != "amber" || res.Header.Get("Location") != api.ProgrammeMilestonesPath+"/"+m.ID {
			t.Fatalf("adding a milestone: %d %s", res.StatusCode, body)
		}
		path := api.ProgrammeMilestonesPath + "/" + m.ID
		if res, _ := ask(other, "GET", path, ""); res.StatusCode != 404 {
			t.Errorf("another council read the milestone: %d", res.StatusCode)
		}
		if res, _ := ask(lead, "PUT", path, milestone("red", "No budget")); res.StatusCode != 428 {
			t.Errorf("a change without If-Match: %d", res.StatusCode)
		}
		ifMatch := func(v int) []string { return []string{"If-Match", `"` + strconv.Itoa(v) + `"`} }
		res, body = ask(lead, "PUT", path, milestone("red", ""), ifMatch(m.Version)...)
		problemOf(t, "changing to red with no reason", res, body, 422, []string{"rag_reason"})
		res, body = ask(lead, "PUT", path, milestone("red", "No budget agreed"), ifMatch(m.Version)...)
		if err := json.Unmarshal([]byte(body), &m); err != nil || res.StatusCode != 200 || m.RAG != "red" || m.RAGReason != "No budget agreed" {
			t.Fatalf("turning red: %d %s", res.StatusCode, body)
		}
		res, body = ask(lead, "PUT", path, milestone("green", ""), ifMatch(1)...)
		problemOf(t, "a stale change", res, body, 412, nil)
		if res, _ := ask(other, "PUT", path, milestone("green", ""), ifMatch(m.Version)...); res.StatusCode != 404 {
			t.Errorf("another council changed the milestone: %d", res.StatusCode)
		}
		hist, err := s.MilestoneHistory(peopletest.As(lead), m.ID)
		if err != nil || len(hist) != 2 || hist[1].ToRAG != programme.Red {
			t.Errorf("the milestone's history: %+v, %v", hist, err)
		}

		// actions
		res, body = ask(lead, "POST", api.ProgrammeActionsPath, fmt.Sprintf(`{"what":"Book the launch","owner_staff_id":%q,"due_on":"2020-01-01","status":"in_progress","milestone_id":%q}`, manager.ID, m.ID))
		var a api.ProgrammeAction
		if err := json.Unmarshal([]byte(body), &a); err != nil || res.StatusCode != 201 || !a.Overdue {
			t.Fatalf("adding an action: %d %s", res.StatusCode, body)
		}
		res, body = ask(lead, "POST", api.ProgrammeActionsPath, fmt.Sprintf(`{"what":"x","owner_staff_id":%q,"due_on":"2020-01-01","status":"in_progress","milestone_id":"nope"}`, manager.ID))
		problemOf(t, "an action for no milestone", res, body, 422, []string{"milestone_id"})
		res, body = ask(pl, "PUT", api.ProgrammeActionsPath+"/"+a.ID, fmt.Sprintf(`{"what":"Book the launch","owner_staff_id":%q,"due_on":"2020-01-01","status":"done"}`, manager.ID), ifMatch(a.Version)...)
		if err := json.Unmarshal([]byte(body), &a); err != nil || res.StatusCode != 200 || a.Overdue || a.CompletedOn == nil {
			t.Errorf("an action done: %d %s", res.StatusCode, body)
		}
		res, body = ask(other, "GET", api.ProgrammeActionsPath, "")
		if res.StatusCode != 200 || body != `{"items":[]}`+"\n" && body != `{"items":[]}` {
			t.Errorf("another council's action plan: %d %s", res.StatusCode, body)
		}

		// risks: a re-score gives a trend
		risk := func(l, i int) string {
			return fmt.Sprintf(`{"title":"Staff leave","likelihood":%d,"impact":%d,"owner_staff_id":%q,"review_on":"2030-01-01","status":"open","review_note":"Two more leavers"}`, l, i, manager.ID)
		}
		res, body = ask(lead, "POST", api.ProgrammeRisksPath, risk(3, 6))
		problemOf(t, "an impact of 6", res, body, 422, []string{"impact"})
		res, body = ask(lead, "POST", api.ProgrammeRisksPath, risk(3, 4))
		var rk api.ProgrammeRisk
		if err := json.Unmarshal([]byte(body), &rk); err != nil || res.StatusCode != 201 || rk.Score != 12 || rk.Band != "high" || rk.Trend != "new" {
			t.Fatalf("logging a risk: %d %s", res.StatusCode, body)
		}
		res, body = ask(pl, "PUT", api.ProgrammeRisksPath+"/"+rk.ID, risk(4, 4), ifMatch(rk.Version)...)
		if err := json.Unmarshal([]byte(body), &rk); err != nil || res.StatusCode != 200 || rk.Score != 16 || rk.Band != "very_high" || rk.Trend != "rising" ||
			len(rk.Reviews) != 2 || rk.Reviews[1].Note != "Two more leavers" {
			t.Errorf("re-scoring a risk: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(manager, "PUT", api.ProgrammeRisksPath+"/"+rk.ID, risk(1, 1), ifMatch(rk.Version)...); res.StatusCode != 403 {
			t.Errorf("a team manager re-scored a risk: %d", res.StatusCode)
		}
		if res, _ := ask(other, "GET", api.ProgrammeRisksPath+"/"+rk.ID, ""); res.StatusCode != 404 {
			t.Errorf("another council read the risk: %d", res.StatusCode)
		}
	})
}

// The programme's phases, workstreams and decisions and issues log through the API keep the pages' rules: the quality
// lead and the programme lead change them and a team manager reads them; bad input is refused field by field and
// changes nothing; a change needs If-Match and a stale one is 412; another council finds none of it.
func TestProgrammePhasesWorkstreamsAndDecisionsAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, pl, manager := site.A.Staff[councils.QualityLead], site.A.Staff[councils.ProgrammeLead], site.A.Staff[councils.TeamManager]
		other := site.B.Staff[councils.ProgrammeLead]
		ifMatch := func(v int) []string { return []string{"If-Match", `"` + strconv.Itoa(v) + `"`} }
		dream := api.ProgrammePhasesPath + "/dream"
		if res, _ := ask(lead, "GET", dream, ""); res.StatusCode != 404 {
			t.Errorf("a phase before the programme is started: %d", res.StatusCode)
		}
		if _, err := site.App.Programme.StartProgramme(peopletest.As(lead), programme.Programme{Name: "Better lives", Board: "Programme Board",
			StartedOn: site.App.DB.Today()}); err != nil {
			t.Fatal(err)
		}

		// A phase.
		phase := func(start, end, status string) string {
			return fmt.Sprintf(`{"planned_start":%q,"planned_end":%q,"status":%q,"findings":"A vision co-produced with experts by experience"}`, start, end, status)
		}
		phases := func() string {
			return fmt.Sprint(dbtest.Numbers(t, db, site.A.Council.ID, []string{`SELECT COALESCE(sum(version), 0) FROM programme_phase WHERE council_id = $1`}, site.A.Council.ID))
		}
		before := phases()
		for _, tt := range []struct {
			name   string
			as     councils.Staff
			path   string
			body   string
			header []string
			status int
			fields []string
		}{
			{"an end before its start", lead, dream, phase("2027-03-01", "2027-01-31", "sideways"), ifMatch(1), 422, []string{"planned_end", "status"}},
			{"a date that is not one", lead, dream, phase("March", "2027-01-31", "under_way"), ifMatch(1), 422, []string{"planned_start"}},
			{"a phase that is not one", lead, api.ProgrammePhasesPath + "/dance", phase("2027-01-01", "2027-03-31", "under_way"), ifMatch(1), 404, nil},
			{"without If-Match", lead, dream, phase("2027-01-01", "2027-03-31", "under_way"), nil, 428, nil},
			{"as a team manager", manager, dream, phase("2027-01-01", "2027-03-31", "under_way"), ifMatch(1), 403, nil},
			{"from another council", other, dream, phase("2027-01-01", "2027-03-31", "under_way"), ifMatch(1), 404, nil},
		} {
			res, body := ask(tt.as, "PUT", tt.path, tt.body, tt.header...)
			problemOf(t, "a phase "+tt.name, res, body, tt.status, tt.fields)
			if after := phases(); after != before {
				t.Errorf("a phase %s changed it: %s, then %s", tt.name, before, after)
			}
		}
		res, body := ask(pl, "PUT", dream, phase("2027-01-01", "2027-03-31", "under_way"), ifMatch(1)...)
		var ph api.ProgrammePhase
		if err := json.Unmarshal([]byte(body), &ph); err != nil || res.StatusCode != 200 || ph.Status != "under_way" || ph.Version != 2 ||
			ph.Findings != "A vision co-produced with experts by experience" || res.Header.Get("ETag") != `"2"` {
			t.Fatalf("changing a phase: %d %s", res.StatusCode, body)
		}
		res, body = ask(lead, "PUT", dream, phase("2027-01-01", "2027-03-31", "done"), ifMatch(1)...)
		problemOf(t, "a stale change of a phase", res, body, 412, nil)
		if res, body := ask(manager, "GET", dream, ""); res.StatusCode != 200 || !strings.Contains(body, `"status":"under_way"`) {
			t.Errorf("a team manager reads the phase: %d %s", res.StatusCode, body)
		}

		// A workstream of the council's own.
		res, body = ask(lead, "POST", api.ProgrammeWorkstreamsPath, `{"name":" ","aim":"x"}`)
		problemOf(t, "a workstream with no name", res, body, 422, []string{"name"})
		if res, _ := ask(manager, "POST", api.ProgrammeWorkstreamsPath, `{"name":"Commissioning"}`); res.StatusCode != 403 {
			t.Errorf("a team manager added a workstream: %d", res.StatusCode)
		}
		res, body = ask(pl, "POST", api.ProgrammeWorkstreamsPath, `{"name":"Commissioning","aim":"Community services people can reach"}`)
		var ws api.ProgrammeWorkstream
		if err := json.Unmarshal([]byte(body), &ws); err != nil || res.StatusCode != 201 || ws.Standard != "" ||
			res.Header.Get("Location") != api.ProgrammeWorkstreamsPath+"/"+ws.ID {
			t.Fatalf("adding a workstream: %d %s", res.StatusCode, body)
		}
		wsPath := api.ProgrammeWorkstreamsPath + "/" + ws.ID
		if res, body := ask(lead, "PUT", wsPath, `{"name":"Commissioning and markets","aim":"Community services people can reach"}`, ifMatch(ws.Version)...); res.StatusCode != 200 ||
			!strings.Contains(body, `"name":"Commissioning and markets"`) {
			t.Errorf("changing a workstream: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(lead, "PUT", wsPath, `{"name":"Markets"}`, ifMatch(ws.Version)...); res.StatusCode != 412 {
			t.Errorf("a stale change of a workstream: %d", res.StatusCode)
		}
		if res, _ := ask(other, "GET", wsPath, ""); res.StatusCode != 404 {
			t.Errorf("another council read the workstream: %d", res.StatusCode)
		}

		// The decisions and issues log.
		decisions := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "programme_decision"), dbtest.Count(t, db, site.B.Council.ID, "programme_decision"))
		}
		needed := `{"kind":"decision_needed","what":"Fund two community connectors","raised_by":"Quinn","raised_on":"2026-11-02","needed_by":"2020-01-31","decider":"Programme Board","status":"open"}`
		refuses(t, ask, api.ProgrammeDecisionsPath, decisions, []refusal{
			{"a decision of no kind, raised on no day", lead, `{"kind":"maybe","what":"x","raised_by":"Quinn","raised_on":"soon","status":"open"}`, 422, []string{"kind", "raised_on"}},
			{"a decision made with no outcome", lead, `{"kind":"decision_made","what":"x","raised_by":"Quinn","raised_on":"2026-11-02","status":"closed"}`, 422, []string{"outcome"}},
			{"as a team manager", manager, needed, 403, nil},
		})
		res, body = ask(lead, "POST", api.ProgrammeDecisionsPath, needed)
		var d api.ProgrammeDecision
		if err := json.Unmarshal([]byte(body), &d); err != nil || res.StatusCode != 201 || !d.NeededOverdue ||
			res.Header.Get("Location") != api.ProgrammeDecisionsPath+"/"+d.ID {
			t.Fatalf("logging a decision needed: %d %s", res.StatusCode, body)
		}
		made := `{"kind":"decision_made","what":"Fund two community connectors","raised_by":"Quinn","raised_on":"2026-11-02","decider":"Programme Board","outcome":"Agreed for a year","status":"closed"}`
		dPath := api.ProgrammeDecisionsPath + "/" + d.ID
		res, body = ask(pl, "PUT", dPath, made, ifMatch(d.Version)...)
		if err := json.Unmarshal([]byte(body), &d); err != nil || res.StatusCode != 200 || d.Kind != "decision_made" || d.NeededOverdue || d.DecidedOn == nil || *d.DecidedOn != site.App.DB.Today().String() {
			t.Errorf("a decision made: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(lead, "PUT", dPath, made, ifMatch(1)...); res.StatusCode != 412 {
			t.Errorf("a stale change of a decision: %d", res.StatusCode)
		}
		if res, body := ask(manager, "GET", api.ProgrammeDecisionsPath, ""); res.StatusCode != 200 || !strings.Contains(body, d.ID) {
			t.Errorf("a team manager reads the log: %d %s", res.StatusCode, body)
		}
		if res, body := ask(other, "GET", api.ProgrammeDecisionsPath, ""); res.StatusCode != 200 || strings.Contains(body, d.ID) {
			t.Errorf("another council's log: %d %s", res.StatusCode, body)
		}
		if res, _ := ask(other, "PUT", dPath, made, ifMatch(d.Version)...); res.StatusCode != 404 {
			t.Errorf("another council changed the decision: %d", res.StatusCode)
		}
	})
}

// programmeEnums are the programme fragment's lists of values, each the domain's own list in its order.
func programmeEnums() []enumRule {
	phases := values(programme.Phases...)
	bands := make([]string, len(programme.Bands))
	for i, b := range programme.Bands {
		bands[i] = string(b.Band)
	}
	return []enumRule{
		{"#/components/schemas/ProgrammePhase/properties/phase/enum", phases},
		{"#/components/schemas/ProgrammePhase/properties/status/enum", values(programme.PhaseStatuses...)},
		{"#/components/schemas/ProgrammeWorkstream/properties/standard/enum", values("", programme.PracticeWorkstream, programme.ProcessesWorkstream, programme.CultureWorkstream)},
		{"#/components/schemas/ProgrammeMilestone/properties/phase/enum", append([]string{""}, phases...)},
		{"#/components/schemas/ProgrammeMilestone/properties/status/enum", values(programme.MilestoneStatuses...)},
		{"#/components/schemas/ProgrammeMilestone/properties/rag/enum", values(programme.RAGs...)},
		{"#/components/schemas/ProgrammeEvidence/properties/kind/enum", values(programme.EvidenceDocument, programme.EvidenceURL, programme.EvidenceAuditRound, programme.EvidenceMeasure)},
		{"#/components/schemas/ProgrammeAction/properties/status/enum", values(programme.ActionStatuses...)},
		{"#/components/schemas/ProgrammeRisk/properties/status/enum", values(programme.RiskStatuses...)},
		{"#/components/schemas/ProgrammeRisk/properties/band/enum", bands},
		{"#/components/schemas/ProgrammeRisk/properties/trend/enum", values(programme.TrendNew, programme.TrendRising, programme.TrendSteady, programme.TrendFalling)},
		{"#/components/schemas/ProgrammeDecision/properties/kind/enum", values(programme.DecisionKinds...)},
		{"#/components/schemas/ProgrammeDecision/properties/status/enum", values(programme.DecisionStatuses...)},
	}
}
