package frontdoorpage_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/directory/directorytest"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// signposting is a site whose council A has the test feed and the clubs in its directory, and council B a
// gardening group of its own, with a person in A to signpost.
type signposting struct {
	site             *apptest.Site
	db               *sqldb.DB
	person           people.Person
	gardening, falls string // council A's services
	theirs           string // council B's gardening group
	followUp         time.Time
	worker, bWorker  councils.Staff
	advice           councils.Staff
	aCouncil         context.Context
}

func newSignposting(t *testing.T, db *sqldb.DB) signposting {
	t.Helper()
	site := apptest.Start(t, db)
	s := signposting{site: site, db: db, gardening: directorytest.ID(1, directorytest.Gardening), falls: directorytest.ID(1, directorytest.Falls),
		theirs: directorytest.ID(2, 10), worker: site.A.Staff[councils.Practitioner], bWorker: site.B.Staff[councils.Practitioner],
		advice: site.A.Staff[councils.DirectoryEditor], aCouncil: sqldb.WithCouncil(context.Background(), site.A.Council.ID)}
	bCouncil := sqldb.WithCouncil(context.Background(), site.B.Council.ID)
	for _, feed := range []struct {
		ctx   context.Context
		files []directory.File
	}{
		{s.aCouncil, directorytest.Feed(1)},
		{s.aCouncil, directorytest.Clubs(1)},
		{bCouncil, []directory.File{
			{Name: "organizations.csv", Data: []byte("id,name,description\n" + directorytest.ID(2, 1) + ",Hillside Growers,An allotment society\n")},
			{Name: "services.csv", Data: []byte("id,organization_id,name,description,status\n" + s.theirs + "," + directorytest.ID(2, 1) + ",Gardening group,Hillside gardening mornings,active\n")},
		}},
	} {
		if rep, err := site.App.Directory.Import(feed.ctx, feed.files, false); err != nil || !rep.OK() {
			t.Fatalf("import: %v %v", err, rep.Problems)
		}
	}
	s.person = peopletest.MustCreate(t, db, s.worker, peopletest.Person(site.A.North.ID))
	s.followUp = sqldb.UKDate(time.Now()).Time.AddDate(0, 0, 14)
	return s
}

// accessLog counts council A's access-log entries, sealed into the chain or waiting to be.
func (s signposting) accessLog(t *testing.T) int {
	t.Helper()
	return s.count(t, "access_log") + s.count(t, "access_log_pending")
}

func (s signposting) count(t *testing.T, table string) int {
	t.Helper()
	return dbtest.Count(t, s.db, s.site.A.Council.ID, table)
}

// TestSuggestServices: the type-ahead box's search answers signed-in staff with their own council's services only,
// refuses anyone signed out, needs two letters, and logs nothing (no one's record is read).
func TestSuggestServices(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSignposting(t, db)
		a, b := s.site.SignIn(t, s.worker), s.site.SignIn(t, s.bWorker)
		logged := s.accessLog(t)
		suggest := func(c *http.Client, q string) (int, []string, string) {
			t.Helper()
			res, body := s.site.Get(t, c, "/directory/services/suggest?q="+url.QueryEscape(q))
			var got struct {
				Services []struct{ ID, Name, Organisation, Shared string }
			}
			if res.StatusCode == http.StatusOK {
				if err := json.Unmarshal([]byte(body), &got); err != nil {
					t.Fatalf("suggest %q: %v\n%s", q, err, body)
				}
			}
			var ids []string
			for _, sv := range got.Services {
				ids = append(ids, sv.ID)
			}
			return res.StatusCode, ids, body
		}
		tests := []struct {
			name   string
			client *http.Client
			q      string
			status int
			want   []string
			not    []string
		}{
			{"council A's gardening", a, "gardening", 200, []string{s.gardening}, []string{s.theirs}},
			{"council A's falls class, stemmed", a, "fall", 200, []string{s.falls}, []string{s.theirs}},
			{"council B's gardening", b, "gardening", 200, []string{s.theirs}, []string{s.gardening}},
			{"council B never sees A's falls class", b, "falls prevention", 200, nil, []string{s.falls}},
			{"one letter is too few", a, "g", 200, nil, []string{s.gardening}},
			{"signed out", apptest.Client(), "gardening", 401, nil, []string{s.gardening, "Gardening club"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, ids, body := suggest(tt.client, tt.q)
				if status != tt.status {
					t.Fatalf("status %d, want %d: %s", status, tt.status, body)
				}
				for _, id := range tt.want {
					if !strings.Contains(strings.Join(ids, " "), id) {
						t.Errorf("does not offer %s: %s", id, body)
					}
				}
				for _, id := range tt.not {
					if strings.Contains(body, id) {
						t.Errorf("offers %s: %s", id, body)
					}
				}
			})
		}
		// What the box fills in as shared is the directory's details of the service.
		_, _, body := suggest(a, "gardening")
		if !strings.Contains(body, `"shared":"Gardening club: Wednesday, 10:00 to 12:00; at Exampleton Community Garden, 3 Allotment Way`) {
			t.Errorf("suggestion's shared text: %s", body)
		}
		if got := s.accessLog(t); got != logged {
			t.Errorf("suggestions wrote %d access-log entries", got-logged)
		}
	})
}

// TestSignpostingWithoutJavaScript: on the practitioner's contact page, with no script, a practitioner searches the
// directory, adds the gardening club, searches again, adds the falls class and saves: each search and each Add shows
// the page again keeping everything typed and saving nothing, and the save records the contact resolved with both
// signposts, with one access-log entry. Mistakes in the section are field errors that save nothing.
func TestSignpostingWithoutJavaScript(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s := newSignposting(t, db)
		client := s.site.SignIn(t, s.worker)
		path := "/people/" + s.person.ID + "/contacts/new"
		res, page := s.site.Get(t, client, path)
		if res.StatusCode != http.StatusOK || !strings.Contains(page, "Find a service") || !strings.Contains(page, "Search the directory") {
			t.Fatalf("GET %s = %d", path, res.StatusCode)
		}
		logged, contacts := s.accessLog(t), s.count(t, "contact")
		typed := func(v url.Values) url.Values {
			v.Set("route_of_access", codelists.RouteOfAccessDefault)
			v.Set("channel", "Phone")
			v.Set("contact_by", "self")
			v.Set("reason", "Lonely since her husband died; had a fall in the garden")
			v.Set("next", "resolve")
			return v
		}
		post := func(step string, v url.Values, status int, says ...string) string {
			t.Helper()
			res, body := s.site.PostBody(t, client, path, v)
			if res.StatusCode != status {
				t.Fatalf("%s: status %d, want %d\n%s", step, res.StatusCode, status, body)
			}
			for _, w := range says {
				if !strings.Contains(body, w) {
					t.Errorf("%s: the page does not say %q", step, w)
				}
			}
			return body
		}

		v := typed(apptest.FormValues(page))
		v.Set("signpost_find", "gardening")
		v.Set("signpost_action", "search")
		page = post("search for gardening", v, 200, "Services found for “gardening”", `value="add:`+s.gardening+`"`, "Lonely since her husband died")
		if strings.Contains(page, s.theirs) {
			t.Error("the search found council B's gardening group")
		}

		v = apptest.FormValues(page)
		v.Set("signpost_action", "add:"+s.gardening)
		page = post("add the gardening club", v, 200, `name="signpost-0-service" value="`+s.gardening+`"`, "Gardening club: Wednesday, 10:00 to 12:00")

		v = apptest.FormValues(page)
		if got := v.Get("signpost-0-follow_up_on-day") + "/" + v.Get("signpost-0-follow_up_on-month"); got != s.followUp.Format("2/1") {
			t.Errorf("the follow-up is filled in as %s, want %s", got, s.followUp.Format("2/1"))
		}
		if got := v["signpost-0-shared_how"]; len(got) != 1 || got[0] != "told" {
			t.Errorf("shared how is filled in as %q", got)
		}
		v.Set("signpost_find", "falls")
		// Enter in the box: the form's default button, which searches because the words were never searched.
		page = post("search for falls", v, 200, "Services found for “falls”", `name="signpost-0-service" value="`+s.gardening+`"`)

		v = apptest.FormValues(page)
		v.Set("signpost_action", "add:"+s.falls)
		page = post("add the falls class", v, 200, `name="signpost-1-service" value="`+s.falls+`"`, `name="signpost-0-service" value="`+s.gardening+`"`)
		if got := s.accessLog(t); got != logged || s.count(t, "contact") != contacts {
			t.Fatalf("searching and adding wrote %d access-log entries and %d contacts", got-logged, s.count(t, "contact")-contacts)
		}

		// Mistakes: another council's service, a follow-up in the past, a follow-up that is not a date.
		saved := apptest.FormValues(page)
		mistakes := []struct {
			name   string
			change func(v url.Values)
			says   []string
		}{
			{"another council's service", func(v url.Values) { v.Set("signpost-1-service", s.theirs) },
				[]string{`href="#f-signpost-1-directory_service_id"`, "not in your council’s directory"}},
			{"a follow-up in the past", func(v url.Values) { v.Set("signpost-0-follow_up_on-year", "2020") },
				[]string{`href="#f-signpost-0-follow_up_on"`, "Gardening club: Date to follow up must be today or in the future"}},
			{"a follow-up that is not a date", func(v url.Values) { v.Set("signpost-1-follow_up_on-month", "13") },
				[]string{`href="#f-signpost-1-follow_up_on-month"`, "Falls prevention class: Date to follow up must be a real date"}},
		}
		for _, m := range mistakes {
			v := url.Values{}
			for k, vs := range saved {
				v[k] = append([]string(nil), vs...)
			}
			m.change(v)
			post(m.name, v, http.StatusUnprocessableEntity, append([]string{"There is a problem"}, m.says...)...)
			if s.count(t, "contact") != contacts || s.count(t, "signpost") != 0 || s.accessLog(t) != logged {
				t.Fatalf("%s saved something", m.name)
			}
		}

		res = s.site.Post(t, client, path, saved)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: status %d", res.StatusCode)
		}
		if got := s.accessLog(t); got != logged+1 {
			t.Errorf("the save wrote %d access-log entries, want 1", got-logged)
		}
		eps, err := s.site.App.Conversations.PersonEpisodes(peopletest.As(s.worker), s.person.ID)
		if err != nil || len(eps) != 1 || eps[0].Result != codelists.EventOutcomeInformationAdvice {
			t.Fatalf("episodes = %+v, %v", eps, err)
		}
		_, body := s.site.Get(t, client, "/people/"+s.person.ID+"/episodes/"+eps[0].ID+"/signposts")
		for _, w := range []string{"Gardening club", "Falls prevention class", "Follow up by " + s.followUp.Format("2 Jan 2006")} {
			if !strings.Contains(body, w) {
				t.Errorf("the episode's signposts do not say %q", w)
			}
		}
	})
}
