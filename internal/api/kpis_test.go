package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/kpis"
	"github.com/golden-thread/goldenthread/internal/kpis/kpistest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// The KPIs through the API keep the pages' rules: a quality lead or programme lead sets one on a measure of the
// catalogue with a baseline quarter and a target, and no typed baseline; the list gives the baseline, trajectory and
// each quarter's actual computed from the record; a change needs If-Match; team managers read and do not change;
// practitioners and finance see nothing; another council finds none of it.
func TestKPIsAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		lead, partner, manager := site.A.Staff[councils.QualityLead], site.A.Staff[councils.ProgrammeLead], site.A.Staff[councils.TeamManager]
		worker, finance, other := site.A.Staff[councils.Practitioner], site.A.Staff[councils.Finance], site.B.Staff[councils.ProgrammeLead]
		last := insight.QuarterOf(db.Today()).Before()
		base := last.Before()
		kpistest.Reviews(t, db, site.A.Council.ID, base.From, 12, 8) // 60%
		kpistest.Reviews(t, db, site.A.Council.ID, last.From, 14, 6) // 70%
		targetOn := sqldb.NewDate(base.To.AddDate(1, 0, 0)).String()
		set := func(measure, quarter, target string) string {
			return `{"name":"More reviews on time","measure_id":"` + measure + `","baseline_quarter":"` + quarter + `","target":` + target +
				`,"target_on":"` + targetOn + `","baseline":{"text":"99%","value":99}}`
		}
		recorded := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "programme_kpi"), dbtest.Count(t, db, site.B.Council.ID, "programme_kpi"))
		}
		refuses(t, ask, api.KPIsPath, recorded, []refusal{
			{"a KPI on a measure the catalogue lacks, with no name or date", lead,
				`{"name":" ","measure_id":"my-number","baseline_quarter":"` + base.Name() + `","target":80,"target_on":"next year"}`, 422,
				[]string{"measure_id", "name", "target_on"}},
			{"a baseline quarter not yet ended", lead, set("reviews-on-time", insight.QuarterOf(db.Today()).Name(), "80"), 422, []string{"baseline_quarter"}},
			{"a target below the computed baseline", partner, set("reviews-on-time", base.Name(), "50"), 422, []string{"target"}},
			{"a share above 100%", lead, set("reviews-on-time", base.Name(), "120"), 422, []string{"target"}},
			{"a KPI set by a team manager", manager, set("reviews-on-time", base.Name(), "80"), 403, nil},
			{"a KPI set by a practitioner", worker, set("reviews-on-time", base.Name(), "80"), 403, nil},
		})

		res, body := ask(partner, "POST", api.KPIsPath, set("reviews-on-time", base.Name(), "80"))
		var got api.KPI
		if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 201 || res.Header.Get("ETag") != `"1"` || res.Header.Get("Location") != api.KPIPath(got.ID) {
			t.Fatalf("setting a KPI: %d %s", res.StatusCode, body)
		}
		// The baseline sent was ignored: it is computed.
		if got.Baseline == nil || got.Baseline.Text != "60%" || got.Baseline.Value == nil || *got.Baseline.Value != 60 || got.Better != "up" ||
			got.Trajectory == nil || got.Trajectory.From != base.To.String() || got.Trajectory.To != targetOn || got.Trajectory.Target != 80 ||
			len(got.Actuals) != 1 || got.Actuals[0].Quarter != last.Name() || got.Actuals[0].Actual.Text != "70%" || got.Actuals[0].Status != "on_track" || got.Status != "on_track" {
			t.Errorf("the KPI set: %s", body)
		}
		if res, body := ask(lead, "POST", api.KPIsPath, set("outcomes-attained", base.Name(), "70")); res.StatusCode != 201 ||
			!strings.Contains(body, `"not_computable":"not yet computable: nothing in the record is counted by it in`) || !strings.Contains(body, `"baseline":null`) ||
			!strings.Contains(body, `"status":"no_data"`) {
			t.Errorf("a KPI not yet computable: %d %s", res.StatusCode, body)
		}
		path := api.KPIPath(got.ID)
		for _, tt := range []struct {
			name, path string
			as         councils.Staff
			status     int
			has, not   string
		}{
			{"the KPI, as a team manager", path, manager, 200, `"measure_name":"Reviews held by their due date"`, ""},
			{"the KPI, as a practitioner", path, worker, 403, "", "reviews"},
			{"the KPI, as finance", path, finance, 403, "", "reviews"},
			{"the KPI, from another council", path, other, 404, "", "reviews"},
			{"the KPIs, as the quality lead", api.KPIsPath, lead, 200, `"id":"` + got.ID, ""},
			{"the KPIs, from another council", api.KPIsPath, other, 200, `"items":[]`, got.ID},
		} {
			if res, body := ask(tt.as, "GET", tt.path, ""); res.StatusCode != tt.status || !strings.Contains(body, tt.has) || (tt.not != "" && strings.Contains(body, tt.not)) {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
		}

		change := set("reviews-on-time", base.Name(), "85")
		for _, tt := range []struct {
			name   string
			as     councils.Staff
			body   string
			header []string
			status int
		}{
			{"a change without If-Match", lead, change, nil, 428},
			{"a stale change", lead, change, []string{"If-Match", `"7"`}, 412},
			{"a change by a team manager", manager, change, []string{"If-Match", `"1"`}, 403},
			{"a change from another council", other, change, []string{"If-Match", `"1"`}, 404},
			{"a change to a target that is no improvement", lead, set("reviews-on-time", base.Name(), "40"), []string{"If-Match", `"1"`}, 422},
		} {
			before := recorded()
			if res, body := ask(tt.as, "PUT", path, tt.body, tt.header...); res.StatusCode != tt.status {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
			}
			if after := recorded(); after != before {
				t.Errorf("%s changed %s to %s", tt.name, before, after)
			}
		}
		res, body = ask(lead, "PUT", path, change, "If-Match", `"1"`)
		if res.StatusCode != 200 || res.Header.Get("ETag") != `"2"` || !strings.Contains(body, `"target":85`) {
			t.Errorf("changing the KPI: %d %s", res.StatusCode, body)
		}
	})
}

func kpiEnums() []enumRule {
	statuses := values(kpis.OnTrack, kpis.OffTrack, kpis.NoData)
	return []enumRule{
		{"#/components/schemas/KPI/properties/status/enum", statuses},
		{"#/components/schemas/KPIActual/properties/status/enum", statuses},
		{"#/components/schemas/KPI/properties/better/enum", []string{api.MeasureBetter(insight.Up), api.MeasureBetter(insight.Down), api.MeasureBetter(insight.Neither)}},
	}
}

func TestKPIEnumsFollowTheRules(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), kpiEnums())
}
