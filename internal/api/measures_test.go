package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// reviewsHeld records in council A six people of a team, each with a review due in April 2026 (2026-Q2) and held
// late days after, the first born on 1 May of the year born and each of the others a year after the one before.
func reviewsHeld(t *testing.T, site *apptest.Site, team councils.Team, born, late int) {
	t.Helper()
	ctx := sqldb.WithCouncil(context.Background(), site.A.Council.ID)
	stamp := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	err := site.App.DB.InTx(ctx, func(tx *sqldb.Tx) error {
		for i := range 6 {
			id, due := fmt.Sprintf("measured-%s-%d", team.Name, i), dbtest.Date(fmt.Sprintf("2026-04-%02d", 10+i))
			if _, err := tx.ExecContext(ctx, `INSERT INTO person (council_id, id, given_name, family_name, family_key, given_key,
				date_of_birth, gender, team_id, created_at, updated_at) VALUES ($1, $2, 'Iris', 'Measured', 'measured', 'iris', $3, 'Female', $4, $5, $5)`,
				tx.Council(), id, dbtest.Date(fmt.Sprintf("%d-05-01", born+i)), team.ID, stamp); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO episode (council_id, id, person_id, opened_on, team_id, created_at, updated_at)
				VALUES ($1, $2, $2, $3, $4, $5, $5)`, tx.Council(), id, dbtest.Date("2025-01-10"), team.ID, stamp); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO review (council_id, id, person_id, episode_id, due_on, status, held_on, created_at, updated_at)
				VALUES ($1, $2, $2, $2, $3, 'completed', $4, $5, $5)`, tx.Council(), id, due, sqldb.NewDate(due.AddDate(0, 0, late)), stamp); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The measures API serves the catalogue and each measure's figures to the roles that read measures, and to no one
// else; its figures are the insight pages' own, counts from 1 to 5 withheld and the rest rounded; each council
// sees its own record's figures only; a bad period or way of dividing the figures is refused parameter by
// parameter; and reading figures, which name no one, adds nothing to the access log.
func TestMeasuresAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		token := site.Tokens(t)
		ask := asker(t, site, token)
		// In 2026-Q2 the north team held six reviews on time, for people then aged 70 to 75; the south team six, each ten
		// days late, for people aged 40 to 45. Each age band holds fewer than 6.
		reviewsHeld(t, site, site.A.North, 1950, 0)
		reviewsHeld(t, site, site.A.South, 1980, 10)
		quality, manager, finance := site.A.Staff[councils.QualityLead], site.A.Staff[councils.TeamManager], site.A.Staff[councils.Finance]
		worker, admin, other := site.A.Staff[councils.Practitioner], site.A.Staff[councils.Administrator], site.B.Staff[councils.QualityLead]
		for _, st := range []councils.Staff{quality, manager, finance, worker, admin, other} {
			token(st) // made before the access log is counted
		}
		logged := func() string {
			return fmt.Sprint(dbtest.Count(t, db, site.A.Council.ID, "access_log"), dbtest.Count(t, db, site.B.Council.ID, "access_log"))
		}
		logBefore := logged()
		doc := &fixture{t: t}

		// The catalogue, for the roles that read measures.
		for _, as := range []councils.Staff{quality, manager, finance} {
			res, body := ask(as, "GET", api.MeasuresPath, "")
			var got api.List[api.Measure]
			if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 200 {
				t.Fatalf("the catalogue, as %s: %d %s", as.Role, res.StatusCode, body)
			}
			var ids []string
			for _, m := range insight.Catalogue() {
				ids = append(ids, m.ID)
			}
			if gotIDs := listIDs(got.Items); !slices.Equal(gotIDs, ids) {
				t.Errorf("the catalogue, as %s, lists %v, want %v", as.Role, gotIDs, ids)
			}
			m, _ := insight.Find("reviews-on-time")
			want := api.Measure{ID: m.ID, Name: m.Name, Definition: m.Definition, Numerator: m.Numerator, Denominator: m.Denominator,
				Reads: m.Reads, Source: m.Source, Priority: api.MeasurePriority{Key: "improve_lives", Label: "Improve lives"}, Kind: "share", Better: "up"}
			if diff := cmp.Diff(want, got.Items[slices.Index(ids, m.ID)]); diff != "" {
				t.Errorf("reviews on time in the catalogue (-want +got):\n%s", diff)
			}
			spend := got.Items[slices.Index(ids, "weekly-spend")]
			if spend.Kind != "total" || spend.Unit != "£ a week" || spend.Better != "neither" || spend.Priority.Key != "financial_oversight" {
				t.Errorf("weekly spend in the catalogue: %+v", spend)
			}
			if rate := got.Items[slices.Index(ids, "ascof-2b")]; rate.Kind != "rate" || rate.Unit != "per 100,000 aged 18 to 64" || rate.Groups != "Setting" {
				t.Errorf("ASCOF 2B in the catalogue: %+v", rate)
			}
			doc.conformsTo(t, "GET "+api.MeasuresPath, res, body)
		}

		// Figures, as the insight pages show them.
		count := func(n int) *int { return &n }
		number := func(n float64) *float64 { return &n }
		whole := func(f api.MeasureFigure) api.MeasureFigure {
			f.Key, f.Label = "All", "The whole council"
			return f
		}
		onTime := api.MeasureFigure{Counted: count(5), Meeting: count(5), Text: "100%", Number: number(100)}
		north := onTime
		north.Key, north.Label = site.A.North.ID, site.A.North.Name
		south := api.MeasureFigure{Key: site.A.South.ID, Label: site.A.South.Name, Counted: count(5), Meeting: count(0), Text: "0%", Number: number(0)}
		teams := []api.MeasureFigure{north, south}
		slices.SortFunc(teams, func(a, b api.MeasureFigure) int { return strings.Compare(a.Key, b.Key) })
		half := api.MeasureFigure{Counted: count(10), Meeting: count(5), Text: "50%", Number: number(50)} // 6 of 12
		april := half
		april.Key, april.Label = "2026-04", "April 2026"
		one := half // the one group of the whole council
		one.Key, one.Label = "All", "All"
		tooFew := func(band string) api.MeasureFigure {
			return api.MeasureFigure{Key: band, Label: band, Withheld: true, Text: "Too few to show"}
		}
		bands := []api.MeasureFigure{tooFew("25 to 44"), tooFew("45 to 64"), tooFew("65 to 74"), tooFew("75 to 84")}
		nothing := whole(api.MeasureFigure{Counted: count(0), Meeting: count(0), Text: "None"})
		noWait := whole(api.MeasureFigure{Counted: count(0), Text: "None"})
		for _, tt := range []struct {
			name, path string
			as         councils.Staff
			from, to   string
			rows       []api.MeasureFigure
			all        api.MeasureFigure
		}{
			{"by team, as the quality lead", "/reviews-on-time?quarter=2026-Q2&by=team", quality, "2026-04-01", "2026-06-30", teams, whole(half)},
			{"by team, as finance", "/reviews-on-time?quarter=2026-q2&by=team", finance, "2026-04-01", "2026-06-30", teams, whole(half)},
			{"by month, from and to", "/reviews-on-time?from=2026-04-01&to=2026-04-30&by=month", manager, "2026-04-01", "2026-04-30", []api.MeasureFigure{april}, whole(half)},
			{"by age band, each band fewer than 6", "/reviews-on-time?quarter=2026-Q2&by=age", quality, "2026-04-01", "2026-06-30", bands, whole(half)},
			{"for the whole council, over five years to the day", "/reviews-on-time?from=2021-07-01&to=2026-06-30", quality, "2021-07-01", "2026-06-30",
				[]api.MeasureFigure{one}, whole(half)},
			{"a quarter with nothing in it", "/reviews-on-time?quarter=2026-Q1&by=team", quality, "2026-01-01", "2026-03-31", []api.MeasureFigure{}, nothing},
			{"a median of nothing", "/wait-for-first-conversation?quarter=2026-Q2&by=team", quality, "2026-04-01", "2026-06-30", []api.MeasureFigure{}, noWait},
			{"from the other council", "/reviews-on-time?quarter=2026-Q2&by=team", other, "2026-04-01", "2026-06-30", []api.MeasureFigure{}, nothing},
			{"a rate before the council records its population", "/ascof-2b?quarter=2026-Q2", quality, "2026-04-01", "2026-06-30", []api.MeasureFigure{},
				whole(api.MeasureFigure{Counted: count(0), Text: "Population not recorded"})},
		} {
			res, body := ask(tt.as, "GET", api.MeasuresPath+tt.path, "")
			var got api.MeasureFigures
			if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 200 || res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, body)
				continue
			}
			if got.From != tt.from || got.To != tt.to || got.Measure.ID == "" {
				t.Errorf("%s: the period %s to %s, of %q", tt.name, got.From, got.To, got.Measure.ID)
			}
			if diff := cmp.Diff(tt.rows, got.Rows); diff != "" {
				t.Errorf("%s: rows (-want +got):\n%s", tt.name, diff)
			}
			if diff := cmp.Diff(tt.all, got.All); diff != "" {
				t.Errorf("%s: the whole council (-want +got):\n%s", tt.name, diff)
			}
			doc.conformsTo(t, "GET "+api.MeasuresPath+"/{measure}", res, body)
		}

		// Refusals, each a problem document naming what is wrong.
		for _, tt := range []struct {
			name, path string
			as         councils.Staff
			status     int
			fields     []string
		}{
			{"the catalogue, as a practitioner", "", worker, 403, nil},
			{"the catalogue, as an administrator", "", admin, 403, nil},
			{"a measure, as a practitioner", "/reviews-on-time?quarter=2026-Q2", worker, 403, nil},
			{"a measure, as an administrator, with a bad quarter", "/reviews-on-time?quarter=spring", admin, 403, nil},
			{"a measure there is not", "/happiness?quarter=2026-Q2", quality, 404, nil},
			{"a quarter that is not one", "/reviews-on-time?quarter=spring", quality, 422, []string{"quarter"}},
			{"the fifth quarter", "/reviews-on-time?quarter=2026-Q5", quality, 422, []string{"quarter"}},
			{"a start that is not a date", "/reviews-on-time?from=2026-02-30&to=2026-03-31", quality, 422, []string{"from"}},
			{"an end that is not a date", "/reviews-on-time?from=2026-01-01&to=31/03/2026", quality, 422, []string{"to"}},
			{"an end before the start", "/reviews-on-time?from=2026-04-01&to=2026-03-31", quality, 422, []string{"to"}},
			{"a period longer than five years", "/reviews-on-time?from=2021-07-01&to=2026-07-01", quality, 422, []string{"to"}},
			{"a start with no end", "/reviews-on-time?from=2026-04-01", quality, 422, []string{"to"}},
			{"a start of spaces", "/reviews-on-time?from=%20&to=2026-04-30", quality, 422, []string{"from"}},
			{"an end with no start", "/reviews-on-time?to=2026-04-01", quality, 422, []string{"from"}},
			{"a quarter and dates", "/reviews-on-time?quarter=2026-Q2&from=2026-04-01&to=2026-04-30", quality, 422, []string{"quarter"}},
			{"a way of dividing there is not", "/reviews-on-time?quarter=2026-Q2&by=shoe-size", manager, 422, []string{"by"}},
			{"everything wrong at once", "/reviews-on-time?quarter=spring&by=shoe-size", manager, 422, []string{"by", "quarter"}},
		} {
			res, body := ask(tt.as, "GET", api.MeasuresPath+tt.path, "")
			if p := problemOf(t, tt.name, res, body, tt.status, tt.fields); p.Status != tt.status || (tt.status == 422 && p.Type != api.TypeValidation) {
				t.Errorf("%s: a problem of type %s, status %d", tt.name, p.Type, p.Status)
			}
			route := "GET " + api.MeasuresPath
			if tt.path != "" {
				route += "/{measure}"
			}
			doc.conformsTo(t, route, res, body)
		}

		if after := logged(); after != logBefore {
			t.Errorf("reading figures added to the access log: %s, then %s", logBefore, after)
		}
	})
}

func listIDs(ms []api.Measure) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// conformsTo checks an answer from a running site against what the OpenAPI document says of its route.
func (f *fixture) conformsTo(t *testing.T, route string, res *http.Response, body string) {
	t.Helper()
	rec := httptest.NewRecorder()
	maps.Copy(rec.Header(), res.Header)
	rec.WriteHeader(res.StatusCode)
	_, _ = rec.WriteString(body)
	f.conforms(t, route, "", rec)
}

// The measures API's lists of values are package insight's own.
func TestMeasureEnumsFollowTheirRules(t *testing.T) {
	t.Parallel()
	checkEnums(t, openAPI(t), measureEnums())
}

func measureEnums() []enumRule {
	var kinds []string
	for _, k := range []insight.Kind{insight.Share, insight.Count, insight.Median, insight.Total, insight.Rate} {
		kinds = append(kinds, api.MeasureKind(k))
	}
	var better []string
	for _, b := range []insight.Better{insight.Up, insight.Down, insight.Neither} {
		better = append(better, api.MeasureBetter(b))
	}
	cuts := values(append(insight.Cuts(), insight.ByGroup, insight.ByWorker)...)
	return []enumRule{
		{"#/components/schemas/Measure/properties/kind/enum", kinds},
		{"#/components/schemas/Measure/properties/better/enum", better},
		{"#/components/schemas/MeasurePriority/properties/key/enum", values(insight.Priorities()...)},
		{"#/components/schemas/MeasureFigures/properties/by/enum", cuts},
		{"#/paths/~1api~1v1~1measures~1{measure}/get/parameters/3/schema/enum", cuts},
	}
}
