package directorypage_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/directory/directorytest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func loadTestPostcodes(t *testing.T, site *apptest.Site) {
	t.Helper()
	rep, err := site.App.Postcodes.Import(context.Background(), func() (io.ReadCloser, error) {
		return os.Open(filepath.Join("..", "..", "postcodes", "testdata", "onspd_sample.csv"))
	})
	if err != nil || !rep.OK() {
		t.Fatalf("postcodes: %v %v", err, rep.Problems)
	}
}

// TestDirectorySearchPage: a practitioner searches their own council's directory; another council's practitioner
// finds none of it, even near its places or from its services; searching changes nothing and logs nothing.
func TestDirectorySearchPage(t *testing.T) {
	t.Parallel()
	walking := directorytest.ID(1, directorytest.Walking)
	tests := []struct {
		name     string
		path     string
		as       func(s *apptest.Site) councils.Staff
		status   int
		has, not []string
	}{
		{"the empty form", "/directory/search", apptest.AWorker, 200, []string{"Find a community service", "What are you looking for?", `<option value="` + directorytest.ID(1, 3) + `">Social activities</option>`}, []string{"services found"}},
		{"by words", "/directory/search?words=walks", apptest.AWorker, 200, []string{"1 service found", "Walking group", "Tuesday", "Pat Example, Walk leader: 01632 960001", "Free",
			`<option value="` + directorytest.ID(1, 3) + `">Social activities</option>`}, []string{"Lunch club"}},
		{"near a postcode", "/directory/search?postcode=zz991aa&miles=5", apptest.AWorker, 200, []string{"2 services found near ZZ99 1AA, nearest first", "less than 0.1 miles away", "3.5 miles away", "Riverside Park Pavilion, 1 Park Road"}, []string{"Carers"}},
		{"near a service", "/directory/search?near=" + walking + "&miles=5", apptest.AWorker, 200, []string{"1 service found near Walking group", "Searching near Walking group.", "Lunch club", "3.5 miles away"}, nil},
		{"an overdue entry is marked", "/directory/search?words=carers", apptest.AWorker, 200, []string{"Not checked since 1 January 2020. Check the details"}, nil},
		{"an unknown postcode", "/directory/search?postcode=ZZ99+9ZZ", apptest.AWorker, 200, []string{"There is a problem", `href="#f-postcode"`, "We do not know the postcode ZZ99 9ZZ", `value="ZZ99 9ZZ"`}, []string{"services found"}},
		{"a time without a day", "/directory/search?time=10:00", apptest.AWorker, 200, []string{"Choose a day to search by a time"}, nil},
		{"another council near A's places", "/directory/search?postcode=ZZ99+1AA&miles=25", apptest.BWorker, 200, []string{"No services found near ZZ99 1AA"}, []string{"Walking group", "Lunch club"}},
		{"another council's words", "/directory/search?words=walking", apptest.BWorker, 200, []string{"No services found"}, []string{"Walking group"}},
		{"another council near A's service", "/directory/search?near=" + walking, apptest.BWorker, 404, nil, []string{"Walking group"}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		loadTestPostcodes(t, site)
		aPerson, _ := seedOruk(t, site)
		before, logBefore := directoryState(t, site), accessLogRows(t, site)
		client := site.Clients(t)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, body := site.Get(t, client(tt.as(site)), tt.path)
				if res.StatusCode != tt.status {
					t.Fatalf("GET %s = %d, want %d", tt.path, res.StatusCode, tt.status)
				}
				saysAndNot(t, tt.path, body, tt.has, tt.not)
			})
		}
		if directoryState(t, site) != before {
			t.Error("searching changed a directory")
		}
		if got := accessLogRows(t, site); got != logBefore {
			t.Errorf("searching wrote %d access-log entries", got-logBefore)
		}
		// A person's record links to the services near where they live.
		if _, body := site.Get(t, client(site.A.Staff[councils.Practitioner]), "/people/"+aPerson.ID); !strings.Contains(body, `href="/directory/search?postcode=ZZ99%201AA"`) {
			t.Error("the person's page does not link to services near their postcode")
		}
	})
}

// TestDirectorySearchPagesThroughResults: a search with more services than a page shows says which it is showing,
// and its pages link to each other keeping what was searched for; a page number that is not one is the first page.
func TestDirectorySearchPagesThroughResults(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		seedOruk(t, site)
		ed := councils.WithStaff(sqldb.WithCouncil(context.Background(), site.A.Council.ID), site.A.Staff[councils.DirectoryEditor])
		for i := range directory.PerPage + 5 {
			if _, err := site.App.Directory.AddService(ed, directory.ServiceInput{OrganisationID: directorytest.ID(1, 1),
				Name: fmt.Sprintf("Knitting circle %02d", i), Description: "Knit and natter", Status: "active"}); err != nil {
				t.Fatal(err)
			}
		}
		client := site.SignIn(t, apptest.AWorker(site))
		for _, tt := range []struct {
			path     string
			has, not []string
		}{
			{"/directory/search?words=knitting", []string{"25 services found. Showing 1 to 20", "Knitting circle 00", "Knitting circle 19",
				`href="/directory/search?page=2&amp;words=knitting#results" rel="next"`}, []string{"Knitting circle 20", `rel="prev"`}},
			{"/directory/search?words=knitting&page=2", []string{"25 services found. Showing 21 to 25", "Knitting circle 20", "Knitting circle 24",
				`href="/directory/search?page=1&amp;words=knitting#results" rel="prev"`}, []string{"Knitting circle 19", `rel="next"`}},
			{"/directory/search?words=knitting&page=x", []string{"Showing 1 to 20", "Knitting circle 00"}, []string{"Knitting circle 20"}},
			{"/directory/search?words=walks", []string{"1 service found"}, []string{"Showing", "govuk-pagination"}},
		} {
			res, body := site.Get(t, client, tt.path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", tt.path, res.StatusCode)
			}
			saysAndNot(t, tt.path, body, tt.has, tt.not)
		}
	})
}

// saysAndNot checks that the page at path says everything in has and nothing in not.
func saysAndNot(t *testing.T, path, body string, has, not []string) {
	t.Helper()
	for _, s := range has {
		if !strings.Contains(body, s) {
			t.Errorf("GET %s does not say %q", path, s)
		}
	}
	for _, s := range not {
		if strings.Contains(body, s) {
			t.Errorf("GET %s says %q", path, s)
		}
	}
}
