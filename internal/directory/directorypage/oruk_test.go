package directorypage_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/directory/directorytest"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// seedOruk gives council A the synthetic feed and council B one service of its own, and puts a person in each
// council whose details must never reach the public API.
func seedOruk(t *testing.T, site *apptest.Site) (aPerson, bPerson people.Person) {
	t.Helper()
	for i, c := range []peopletest.Council{site.A, site.B} {
		ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
		files := directorytest.Feed(1)
		if i == 1 {
			files = []directory.File{
				{Name: "organizations.csv", Data: []byte("id,name,description\n" + directorytest.ID(2, 1) + ",Hillside Growers,An allotment society\n")},
				{Name: "services.csv", Data: []byte("id,organization_id,name,status\n" + directorytest.ID(2, 10) + "," + directorytest.ID(2, 1) + ",Allotment mornings,active\n")},
			}
		}
		if rep, err := site.App.Directory.Import(ctx, files, false); err != nil || !rep.OK() {
			t.Fatalf("import: %v %v", err, rep.Problems)
		}
	}
	aPerson = peopletest.MustCreate(t, site.App.DB, site.A.Staff[councils.Practitioner], peopletest.Person(site.A.North.ID, func(p *people.Person) { p.FamilyName = "Oruksecret" }))
	bPerson = peopletest.MustCreate(t, site.App.DB, site.B.Staff[councils.Practitioner], peopletest.Person(site.B.North.ID, func(p *people.Person) { p.FamilyName = "Oruksecretb" }))
	return aPerson, bPerson
}

// TestOpenReferralAPIScenarios: every endpoint answers without sign-in, open to any origin; each council's path shows
// only its own directory; an unknown council is 404; nothing about people appears; nothing is logged or changed.
func TestOpenReferralAPIScenarios(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		aPerson, bPerson := seedOruk(t, site)
		before, logBefore := directoryState(t, site), accessLogRows(t, site)
		aSvc, bSvc := directorytest.ID(1, directorytest.Walking), directorytest.ID(2, 10)
		a, b := "/oruk/"+site.A.Council.Code, "/oruk/"+site.B.Council.Code
		anon := &http.Client{}
		tests := []struct {
			path     string
			status   int
			has, not []string
		}{
			{a + "/", 200, []string{`"version"`}, nil},
			{a + "/services", 200, []string{aSvc, "Walking group"}, []string{bSvc, "Allotment"}},
			{b + "/services", 200, []string{bSvc, "Allotment mornings"}, []string{aSvc, "Walking group", "Lunch club"}},
			{a + "/services?text=allotment", 200, []string{`"total_items":0`}, []string{bSvc}},
			{b + "/services/" + aSvc, 404, nil, []string{"Walking"}},
			{a + "/services/" + aSvc, 200, []string{"Pat Example", "01632 960001", "Riverside Friends"}, nil},
			{b + "/service_at_locations", 200, []string{`"total_items":0`}, []string{aSvc}},
			{b + "/service_at_locations/" + directorytest.ID(1, 30), 404, nil, nil},
			{a + "/service_at_locations/" + directorytest.ID(1, 30), 200, []string{"Riverside Park Pavilion"}, nil},
			{b + "/organizations", 200, []string{"Hillside Growers"}, []string{"Riverside"}},
			{b + "/organizations/" + directorytest.ID(1, 1), 404, nil, nil},
			{a + "/organizations/" + directorytest.ID(1, 1), 200, []string{"Walking group", "Lunch club"}, nil},
			{b + "/taxonomies", 200, []string{`"total_items":0`}, nil},
			{b + "/taxonomies/" + directorytest.ID(1, 2), 404, nil, nil},
			{a + "/taxonomies/" + directorytest.ID(1, 2), 200, []string{"Exampleton categories"}, nil},
			{b + "/taxonomy_terms", 200, []string{`"total_items":0`}, nil},
			{b + "/taxonomy_terms/" + directorytest.ID(1, 3), 404, nil, nil},
			{a + "/taxonomy_terms/" + directorytest.ID(1, 3), 200, []string{"Social activities"}, nil},
			{"/oruk/E06000999/services", 404, nil, nil},
			{"/oruk/nonsense/", 404, nil, nil},
			{a + "/services?page=0", 400, []string{"page must be a whole number"}, nil},
			{a + "/service_at_locations?postcode=ZZ99+9ZZ", 400, []string{"not known"}, nil},
		}
		for _, tt := range tests {
			res, body := site.Get(t, anon, tt.path)
			if res.StatusCode != tt.status {
				t.Errorf("GET %s = %d, want %d: %s", tt.path, res.StatusCode, tt.status, body)
			}
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("GET %s: Access-Control-Allow-Origin = %q, want *", tt.path, got)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("GET %s: Content-Type = %q", tt.path, ct)
			}
			for _, s := range tt.has {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s does not say %q: %s", tt.path, s, body)
				}
			}
			for _, s := range append(tt.not, aPerson.ID, bPerson.ID, "Oruksecret", "Testperson", "999 000 0018", "1 Example Street") {
				if strings.Contains(body, s) {
					t.Errorf("GET %s shows %q", tt.path, s)
				}
			}
		}
		req, _ := http.NewRequest(http.MethodOptions, site.Server.URL+a+"/services", nil)
		req.Header.Set("Origin", "https://elsewhere.example")
		res, err := anon.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("preflight = %d %v", res.StatusCode, res.Header)
		}
		if directoryState(t, site) != before {
			t.Error("the public API changed a directory")
		}
		if got := accessLogRows(t, site); got != logBefore {
			t.Errorf("the public API wrote %d access-log entries", got-logBefore)
		}
	})
}
