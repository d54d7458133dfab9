package directory_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/directory/directorytest"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// garden is a service of feed 1 that mentions walking only once, in its description, and has no place.
var garden = directorytest.ID(1, 13)

func seedSearch(t *testing.T, f fixture) {
	t.Helper()
	rep, err := postcodes.NewStore(f.db).Import(context.Background(), func() (io.ReadCloser, error) {
		return os.Open(filepath.Join("..", "postcodes", "testdata", "onspd_sample.csv"))
	})
	if err != nil || !rep.OK() {
		t.Fatalf("postcodes: %v %v", err, rep.Problems)
	}
	files := append(directorytest.Feed(1), directory.File{Name: "services.csv", Data: []byte("id,organization_id,name,description,status\n" +
		garden + "," + directorytest.ID(1, 1) + ",Garden club,Potter about the raised beds and a short walk afterwards,active\n" +
		directorytest.ID(1, 14) + "," + directorytest.ID(1, 1) + ",Old walking club,Walks that no longer run,defunct\n")})
	if rep, err := f.store.Import(sqldb.WithCouncil(context.Background(), f.a.Council.ID), files, false); err != nil || !rep.OK() {
		t.Fatalf("import: %v %v", err, rep.Problems)
	}
}

func names(rs directory.Results) []string {
	var out []string
	for _, r := range rs.Found {
		out = append(out, r.Name)
	}
	return out
}

func TestSearch(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		seedSearch(t, f)
		a := as(f.a, councils.Practitioner)
		tests := []struct {
			name  string
			q     directory.Search
			want  []string
			miles []string // the distances shown, when by distance
		}{
			{"everything running, by name", directory.Search{}, []string{"Carers' café", "Garden club", "Lunch club", "Walking group"}, nil},
			{"words, stemmed, the name counting most", directory.Search{Words: "walking"}, []string{"Walking group", "Garden club"}, nil},
			{"every word must match", directory.Search{Words: "walk park"}, []string{"Walking group"}, nil},
			{"words that match nothing", directory.Search{Words: "trampolining"}, nil, nil},
			{"punctuation is not an operator", directory.Search{Words: `carers" (*`}, []string{"Carers' café"}, nil},
			{"a category", directory.Search{TermID: directorytest.ID(1, 3)}, []string{"Walking group"}, nil},
			{"open on a day", directory.Search{Day: "TU"}, []string{"Walking group"}, nil},
			{"open on a day at a time", directory.Search{Day: "TH", Time: "13:00"}, []string{"Lunch club"}, nil},
			{"closed at that time", directory.Search{Day: "TH", Time: "15:00"}, nil, nil},
			{"free: nothing charged", directory.Search{Cost: directory.CostFree}, []string{"Carers' café", "Garden club", "Walking group"}, nil},
			{"charged", directory.Search{Cost: directory.CostCharged}, []string{"Lunch club"}, nil},
			{"near a postcode, nearest first", directory.Search{Postcode: "zz991aa", Miles: 5}, []string{"Walking group", "Lunch club"}, []string{"less than 0.1 miles", "3.5 miles"}},
			{"near a postcode, a mile", directory.Search{Postcode: "ZZ99 1AB", Miles: 1}, []string{"Walking group"}, []string{"0.7 miles"}},
			{"nearest first, from elsewhere", directory.Search{Postcode: "ZZ99 2BB", Miles: 5}, []string{"Lunch club", "Walking group"}, []string{"less than 0.1 miles", "3.5 miles"}},
			{"near a postcode, with words", directory.Search{Postcode: "ZZ99 2BB", Miles: 5, Words: "meals"}, []string{"Lunch club"}, []string{"less than 0.1 miles"}},
			{"near a service, not itself", directory.Search{Near: directorytest.ID(1, directorytest.Walking), Miles: 5}, []string{"Lunch club"}, []string{"3.5 miles"}},
			{"too far", directory.Search{Postcode: "ZZ99 3CC", Miles: 3}, nil, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := f.store.Search(a, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(names(got), tt.want) {
					t.Errorf("found %q, want %q", names(got), tt.want)
				}
				if got.Total != len(tt.want) {
					t.Errorf("total = %d, want %d", got.Total, len(tt.want))
				}
				var miles []string
				for _, r := range got.Found {
					if r.Distance != "" {
						miles = append(miles, r.Distance)
					}
				}
				if !slices.Equal(miles, tt.miles) {
					t.Errorf("distances %q, want %q", miles, tt.miles)
				}
			})
		}
		// A result says when it is open, how to get in touch and when it was last checked.
		got, err := f.store.Search(a, directory.Search{Postcode: "ZZ99 1AA"})
		if err != nil || len(got.Found) == 0 {
			t.Fatal(err)
		}
		w := got.Found[0]
		if w.Schedules[0].Text() != "Tuesday, 10am to 12pm" && !strings.Contains(w.Schedules[0].Text(), "Tuesday") {
			t.Errorf("when open = %q", w.Schedules[0].Text())
		}
		if len(w.Contacts) == 0 || w.Contacts[0].Phones[0].Number != "01632 960001" || w.Place != "Riverside Park Pavilion, 1 Park Road, Exampleton, ZZ99 1AA" {
			t.Errorf("contact and place: %+v %q", w.Contacts, w.Place)
		}
		if got.From != "ZZ99 1AA" {
			t.Errorf("from = %q", got.From)
		}
		if len(got.Categories) == 0 || got.Categories[0].Name == "" {
			t.Errorf("the search form's categories did not come with the results: %+v", got.Categories)
		}
		all, _ := f.store.Search(a, directory.Search{Words: "carers"})
		if c := all.Found[0]; !c.Overdue(all.Period) || c.CheckedText(all.Period) != "Not checked since 1 January 2020" {
			t.Errorf("the carers' café: %q", c.CheckedText(all.Period))
		}
		// What cannot be searched for says what to do.
		for _, tt := range []struct {
			q            directory.Search
			field, prose string
		}{
			{directory.Search{Postcode: "ZZ99 9ZZ"}, "postcode", "We do not know the postcode ZZ99 9ZZ"},
			{directory.Search{Postcode: "nonsense"}, "postcode", "Enter a full postcode"},
			{directory.Search{Day: "TU", Time: "25:00"}, "time", "Enter a time like 10:30"},
			{directory.Search{Time: "10:00"}, "day", "Choose a day to search by a time"},
		} {
			_, err := f.store.Search(a, tt.q)
			ps, ok := validation.AsProblems(err)
			if !ok || ps[0].Field != tt.field || !strings.HasPrefix(ps[0].Message, tt.prose) {
				t.Errorf("Search(%+v) = %v, want %s: %s", tt.q, err, tt.field, tt.prose)
			}
		}
		// Another council finds none of A's services, even near A's places.
		b, err := f.store.Search(as(f.b, councils.Practitioner), directory.Search{Postcode: "ZZ99 1AA", Miles: 25})
		if err != nil || len(b.Found) != 0 {
			t.Errorf("council B found %q, %v", names(b), err)
		}
		if _, err := f.store.Search(as(f.b, councils.Practitioner), directory.Search{Near: directorytest.ID(1, directorytest.Walking)}); !strings.Contains(err.Error(), "not found") {
			t.Errorf("council B searched near A's service: %v", err)
		}
	})
}

// TestSearchIndexFollowsChanges: each service's searchable document (migration 00021) follows a change of its name
// and description, and of its status, on both engines (triggers on each).
func TestSearchIndexFollowsChanges(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		seedSearch(t, f)
		ed := as(f.a, councils.DirectoryEditor)
		sv, _, err := f.store.Service(ed, garden)
		if err != nil {
			t.Fatal(err)
		}
		in := directory.InputOf(sv)
		in.Name, in.Description = "Allotment mornings", "Growing vegetables together"
		if _, err := f.store.UpdateService(ed, in); err != nil {
			t.Fatal(err)
		}
		for words, want := range map[string][]string{"garden": nil, "potter": nil, "vegetable": {"Allotment mornings"}, "allotments": {"Allotment mornings"}} {
			got, err := f.store.Search(ed, directory.Search{Words: words})
			if err != nil || !slices.Equal(names(got), want) {
				t.Errorf("%q found %q, %v; want %q", words, names(got), err, want)
			}
		}
		// A service that stops running is no longer found by its words; one that starts again is.
		for _, tt := range []struct {
			status string
			want   []string
		}{{"defunct", nil}, {"temporarily closed", []string{"Allotment mornings"}}, {"active", []string{"Allotment mornings"}}} {
			sv, _, err := f.store.Service(ed, garden)
			if err != nil {
				t.Fatal(err)
			}
			in := directory.InputOf(sv)
			in.Status = tt.status
			if _, err := f.store.UpdateService(ed, in); err != nil {
				t.Fatal(err)
			}
			got, err := f.store.Search(ed, directory.Search{Words: "vegetables"})
			if err != nil || !slices.Equal(names(got), tt.want) {
				t.Errorf("%s: found %q, %v; want %q", tt.status, names(got), err, tt.want)
			}
		}
	})
}

// TestSearchResultsComeInPages: a search shows PerPage services at a time, the pages between them holding each
// service once, by words and by distance alike; a page past the end shows the last.
func TestSearchResultsComeInPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		seedSearch(t, f)
		ed := as(f.a, councils.DirectoryEditor)
		const n = 2*directory.PerPage + 5
		for i := range n {
			if _, err := f.store.AddService(ed, directory.ServiceInput{OrganisationID: directorytest.ID(1, 1), Name: fmt.Sprintf("Knitting circle %02d", i),
				Description: "Knit and natter", Status: "active", AddressLine1: "3 Example Row", Town: "Exampleton", Postcode: "ZZ99 2BB"}); err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range []directory.Search{{Words: "knitting"}, {Words: "natter", Postcode: "ZZ99 2BB", Miles: 1}} {
			seen := map[string]bool{}
			for page, want := range []int{directory.PerPage, directory.PerPage, 5} {
				q.Page = page + 1
				got, err := f.store.Search(ed, q)
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Found) != want || got.Total != n || got.Page != page+1 || got.Pages != 3 {
					t.Errorf("%+v: %d found of %d, page %d of %d; want %d of %d, page %d of 3", q, len(got.Found), got.Total, got.Page, got.Pages, want, n, page+1)
				}
				for _, r := range got.Found {
					if seen[r.ID] {
						t.Errorf("%+v: %s on two pages", q, r.Name)
					}
					seen[r.ID] = true
				}
			}
			q.Page = 9
			if got, err := f.store.Search(ed, q); err != nil || got.Page != 3 || len(got.Found) != 5 || got.Total != n {
				t.Errorf("%+v: page %d with %d of %d, %v; want the last page, 3, with 5 of %d", q, got.Page, len(got.Found), got.Total, err, n)
			}
		}
	})
}

// TestAServiceSavedWithAPostcodeIsFoundByDistance: an editor's service takes its place's position from the
// national postcode table, so practitioners find it by distance; one with a postcode the table lacks is saved
// without a position.
func TestAServiceSavedWithAPostcodeIsFoundByDistance(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		seedSearch(t, f)
		ed := as(f.a, councils.DirectoryEditor)
		for name, pc := range map[string]string{"Knitting circle": "zz992bb", "Chess club": "ZZ99 8XX"} {
			if _, err := f.store.AddService(ed, directory.ServiceInput{OrganisationID: directorytest.ID(1, 1), Name: name, Description: "Meets weekly", Status: "active",
				AddressLine1: "3 Example Row", Town: "Exampleton", Postcode: pc}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := f.store.Search(ed, directory.Search{Postcode: "ZZ99 2BB", Miles: 1})
		if err != nil || !slices.Equal(names(got), []string{"Knitting circle", "Lunch club"}) && !slices.Equal(names(got), []string{"Lunch club", "Knitting circle"}) {
			t.Errorf("near ZZ99 2BB: %q, %v", names(got), err)
		}
		if all, _ := f.store.Search(ed, directory.Search{Words: "chess"}); len(all.Found) != 1 {
			t.Errorf("the chess club was not saved: %q", names(all))
		}
	})
}
