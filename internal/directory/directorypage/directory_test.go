package directorypage_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

var (
	aEditor = func(s *apptest.Site) councils.Staff { return s.A.Staff[councils.DirectoryEditor] }
	bEditor = func(s *apptest.Site) councils.Staff { return s.B.Staff[councils.DirectoryEditor] }
)

// directoryRecord is a scenario's directory in council A: an organisation with a service checked today, and a
// service imported from a feed that was last checked in 2020.
type directoryRecord struct {
	org     directory.Organisation
	service directory.Service
	stale   string // the imported service's id
}

const (
	staleOrg = "a1a1a1a1-1111-4111-8111-111111111111"
	staleSvc = "b2b2b2b2-2222-4222-8222-222222222222"
)

func seedDirectory(t *testing.T, site *apptest.Site) directoryRecord {
	t.Helper()
	ctx := peopletest.As(site.A.Staff[councils.DirectoryEditor])
	s := site.App.Directory
	org, err := s.AddOrganisation(ctx, directory.Organisation{Name: "Exampleton Befriending", Description: "Volunteers who visit people living alone"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := s.AddService(ctx, directory.ServiceInput{OrganisationID: org.ID, Name: "Lunch club", Description: "A hot lunch and company", Status: "active",
		ContactName: "Sam Example", Phone: "01632 960000", Days: []string{"TH"}, OpensAt: "12:00", ClosesAt: "14:00", Cost: directory.CostFree})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Import(ctx, []directory.File{
		{Name: "organizations.csv", Data: []byte("id,name,description\n" + staleOrg + ",Old Town Carers,Support for carers\n")},
		{Name: "services.csv", Data: []byte("id,organization_id,name,status,assured_date\n" + staleSvc + "," + staleOrg + ",Carers café,active,2020-01-01\n")},
	}, false)
	if err != nil || !rep.OK() {
		t.Fatalf("seed import: %v %v", err, rep.Problems)
	}
	return directoryRecord{org: org, service: svc, stale: staleSvc}
}

// directoryState is both councils' directories, to prove a refused request changed nothing.
func directoryState(t *testing.T, site *apptest.Site) string {
	t.Helper()
	var out []string
	for _, c := range []peopletest.Council{site.A, site.B} {
		d, err := site.App.Directory.Export(sqldb.WithCouncil(context.Background(), c.Council.ID))
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range directory.Layout {
			rs := d[tb.Name]
			slices.SortFunc(rs, func(a, b directory.Record) int { return strings.Compare(a["id"], b["id"]) })
			out = append(out, fmt.Sprint(rs))
		}
	}
	return strings.Join(out, "\n")
}

// accessLogRows counts both councils' access-log entries: directory pages are not about people and add none.
func accessLogRows(t *testing.T, site *apptest.Site) int {
	t.Helper()
	total := 0
	for _, c := range []peopletest.Council{site.A, site.B} {
		ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
		var n int
		err := site.App.DB.ReadTx(ctx, func(tx *sqldb.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM access_log WHERE council_id = $1)
				+ (SELECT count(*) FROM access_log_pending WHERE council_id = $1)`, c.Council.ID).Scan(&n)
		})
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	return total
}

func orgForm(name string, version int) func(directoryRecord) url.Values {
	return func(directoryRecord) url.Values {
		return url.Values{"name": {name}, "description": {"Volunteers who visit"}, "email": {""}, "website": {""}, "version": {fmt.Sprint(version)}}
	}
}

func dirServiceForm(fn func(r directoryRecord, v url.Values)) func(directoryRecord) url.Values {
	return func(r directoryRecord) url.Values {
		v := url.Values{"organisation": {r.org.ID}, "name": {"Lunch club"}, "description": {"A hot lunch and company"}, "status": {"active"},
			"contact_name": {"Sam Example"}, "phone": {"01632 960000"}, "days": {"TH", "FR"}, "opens_at": {"12:00"}, "closes_at": {"14:00"},
			"cost": {"cost"}, "amount": {"3.50"}, "amount_description": {"per lunch"}, "languages": {"English, Polish"}, "version": {"1"}}
		fn(r, v)
		return v
	}
}

type directoryScenario struct {
	name       string
	method     string
	path       string // {org}, {service}, {stale} are replaced
	form       func(directoryRecord) url.Values
	as         func(s *apptest.Site) councils.Staff
	wantStatus int
	wantBody   []string
	notBody    []string
	unchanged  bool // both councils' directories must be exactly as before
}

func TestDirectoryPagesKeepCouncilsApart(t *testing.T) {
	t.Parallel()
	noop := func(directoryRecord, url.Values) {}
	scenarios := []directoryScenario{
		// The directory's home.
		{name: "home for an editor", method: "GET", path: "/directory", as: aEditor, wantStatus: 200, wantBody: []string{"Exampleton Befriending", "Lunch club", "Services to check (1)", "Carers café", "Not checked since 1 January 2020", "Add an organisation", `href="/directory"`}},
		{name: "home for a practitioner", method: "GET", path: "/directory", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Lunch club", "Not checked since 1 January 2020"}, notBody: []string{"Add an organisation", "Services to check"}},
		{name: "home for another council", method: "GET", path: "/directory", as: bEditor, wantStatus: 200, wantBody: []string{"The directory is empty"}, notBody: []string{"Exampleton Befriending", "Lunch club"}},

		// Organisations.
		{name: "organisation for a practitioner", method: "GET", path: "/directory/organisations/{org}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Exampleton Befriending", "Lunch club"}, notBody: []string{"Change the organisation"}},
		{name: "organisation for an editor", method: "GET", path: "/directory/organisations/{org}", as: aEditor, wantStatus: 200, wantBody: []string{"Change the organisation", `href="/directory/services/new?organisation={org}"`}},
		{name: "organisation from another council", method: "GET", path: "/directory/organisations/{org}", as: bEditor, wantStatus: 404, notBody: []string{"Exampleton"}},
		{name: "new organisation form", method: "GET", path: "/directory/organisations/new", as: aEditor, wantStatus: 200, wantBody: []string{"Name of the organisation"}},
		{name: "new organisation form for a practitioner", method: "GET", path: "/directory/organisations/new", as: apptest.AWorker, wantStatus: 403},
		{name: "add an organisation", method: "POST", path: "/directory/organisations/new", as: aEditor, form: orgForm("Walking Friends", 0), wantStatus: 303},
		{name: "add an organisation as an administrator", method: "POST", path: "/directory/organisations/new", as: apptest.AAdmin, form: orgForm("Walking Friends", 0), wantStatus: 303},
		{name: "add an organisation with mistakes", method: "POST", path: "/directory/organisations/new", as: aEditor, form: func(directoryRecord) url.Values {
			return url.Values{"name": {" "}, "description": {""}, "email": {"nobody"}}
		}, wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-name"`, "Enter the name of the organisation", "Enter what the organisation does", "Enter an email address in the correct format", `value="nobody"`}, unchanged: true},
		{name: "add an organisation as a practitioner", method: "POST", path: "/directory/organisations/new", as: apptest.AWorker, form: orgForm("Walking Friends", 0), wantStatus: 403, unchanged: true},
		{name: "change form from another council", method: "GET", path: "/directory/organisations/{org}/edit", as: bEditor, wantStatus: 404},
		{name: "change an organisation", method: "POST", path: "/directory/organisations/{org}/edit", as: aEditor, form: orgForm("Exampleton Befriending Network", 1), wantStatus: 303},
		{name: "a stale organisation change", method: "POST", path: "/directory/organisations/{org}/edit", as: aEditor, form: orgForm("Typed while they saved", 0), wantStatus: 409, wantBody: []string{"Someone else changed this organisation", "What they saved", "Exampleton Befriending", "Typed while they saved", `href="#f-version"`}, unchanged: true},
		{name: "change an organisation from another council", method: "POST", path: "/directory/organisations/{org}/edit", as: bEditor, form: orgForm("Hijacked", 1), wantStatus: 404, unchanged: true},
		{name: "change an organisation as a practitioner", method: "POST", path: "/directory/organisations/{org}/edit", as: apptest.AWorker, form: orgForm("Hijacked", 1), wantStatus: 403, unchanged: true},

		// Services.
		{name: "service for a practitioner", method: "GET", path: "/directory/services/{service}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Lunch club", "Sam Example: 01632 960000", "Thursday, 12:00 to 14:00", "Free", "Checked "}, notBody: []string{"Mark as checked today", "Change the service"}},
		{name: "an unchecked service is marked", method: "GET", path: "/directory/services/{stale}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Not checked since 1 January 2020", "check with the organisation"}},
		{name: "service for an editor", method: "GET", path: "/directory/services/{service}", as: aEditor, wantStatus: 200, wantBody: []string{"Mark as checked today", "Change the service"}},
		{name: "service from another council", method: "GET", path: "/directory/services/{service}", as: apptest.BWorker, wantStatus: 404, notBody: []string{"Lunch club"}},
		{name: "new service form", method: "GET", path: "/directory/services/new?organisation={org}", as: aEditor, wantStatus: 200, wantBody: []string{"Which organisation runs it?", `<option value="{org}" selected>`}},
		{name: "new service form for a practitioner", method: "GET", path: "/directory/services/new", as: apptest.AWorker, wantStatus: 403},
		{name: "add a service", method: "POST", path: "/directory/services/new", as: aEditor, form: dirServiceForm(func(r directoryRecord, v url.Values) { v.Set("name", "Walking group") }), wantStatus: 303},
		{name: "add a service with mistakes", method: "POST", path: "/directory/services/new", as: aEditor, form: dirServiceForm(func(r directoryRecord, v url.Values) {
			v.Set("name", "")
			v.Set("amount", "three pounds")
			v.Set("closes_at", "11:00")
		}), wantStatus: 422, wantBody: []string{"Enter the name of the service", "The closing time must be after the opening time", "Enter what it costs in pounds", `value="three pounds"`}, unchanged: true},
		{name: "add a service to another council's organisation", method: "POST", path: "/directory/services/new", as: bEditor, form: dirServiceForm(noop), wantStatus: 422, wantBody: []string{"Select the organisation that runs the service"}, unchanged: true},
		{name: "add a service as a practitioner", method: "POST", path: "/directory/services/new", as: apptest.AWorker, form: dirServiceForm(noop), wantStatus: 403, unchanged: true},
		{name: "change form", method: "GET", path: "/directory/services/{service}/edit", as: aEditor, wantStatus: 200, wantBody: []string{"Change Lunch club", `value="01632 960000"`, `value="TH" checked`}},
		{name: "change form from another council", method: "GET", path: "/directory/services/{service}/edit", as: bEditor, wantStatus: 404},
		{name: "change a service", method: "POST", path: "/directory/services/{service}/edit", as: aEditor, form: dirServiceForm(noop), wantStatus: 303},
		{name: "a stale service change", method: "POST", path: "/directory/services/{service}/edit", as: aEditor, form: dirServiceForm(func(r directoryRecord, v url.Values) {
			v.Set("version", "0")
			v.Set("name", "Typed while they saved")
		}), wantStatus: 409, wantBody: []string{"Someone else changed this service", "What they saved", "Typed while they saved"}, unchanged: true},
		{name: "change a service from another council", method: "POST", path: "/directory/services/{service}/edit", as: bEditor, form: dirServiceForm(noop), wantStatus: 404, unchanged: true},
		{name: "change a service as a practitioner", method: "POST", path: "/directory/services/{service}/edit", as: apptest.AWorker, form: dirServiceForm(noop), wantStatus: 403, unchanged: true},
		{name: "mark checked", method: "POST", path: "/directory/services/{stale}/checked", as: aEditor, form: func(directoryRecord) url.Values { return url.Values{"version": {"1"}} }, wantStatus: 303},
		{name: "mark checked from an old page", method: "POST", path: "/directory/services/{stale}/checked", as: aEditor, form: func(directoryRecord) url.Values { return url.Values{"version": {"0"}} }, wantStatus: 303, unchanged: true},
		{name: "mark checked as a practitioner", method: "POST", path: "/directory/services/{stale}/checked", as: apptest.AWorker, form: func(directoryRecord) url.Values { return url.Values{"version": {"1"}} }, wantStatus: 403, unchanged: true},
		{name: "mark checked from another council", method: "POST", path: "/directory/services/{stale}/checked", as: bEditor, form: func(directoryRecord) url.Values { return url.Values{"version": {"1"}} }, wantStatus: 404, unchanged: true},

		// Import.
		{name: "import form", method: "GET", path: "/directory/import", as: aEditor, wantStatus: 200, wantBody: []string{"Files to import", `enctype="multipart/form-data"`}},
		{name: "import form for a practitioner", method: "GET", path: "/directory/import", as: apptest.AWorker, wantStatus: 403},
		{name: "import without files", method: "POST", path: "/directory/import", as: aEditor, form: func(directoryRecord) url.Values { return url.Values{} }, wantStatus: 422, wantBody: []string{"Select one or more JSON or CSV files"}, unchanged: true},
		{name: "import as a practitioner", method: "POST", path: "/directory/import", as: apptest.AWorker, form: func(directoryRecord) url.Values { return url.Values{} }, wantStatus: 403, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				clearDirectory(t, site)
				rec := seedDirectory(t, site)
				before, logBefore := directoryState(t, site), accessLogRows(t, site)
				replace := strings.NewReplacer("{org}", rec.org.ID, "{service}", rec.service.ID, "{stale}", rec.stale)
				path := replace.Replace(sc.path)
				staff := sc.as(site)
				var res *http.Response
				var body string
				if sc.method == "GET" {
					res, body = site.Get(t, client(staff), path)
				} else {
					res, body = site.PostBody(t, client(staff), path, sc.form(rec))
				}
				if res.StatusCode != sc.wantStatus {
					t.Errorf("%s %s as %s: status %d, want %d\n%s", sc.method, path, staff.Email, res.StatusCode, sc.wantStatus, apptest.Excerpt(body))
				}
				for _, want := range sc.wantBody {
					if want = replace.Replace(want); !strings.Contains(body, want) {
						t.Errorf("page does not contain %q\n%s", want, apptest.Excerpt(body))
					}
				}
				for _, not := range sc.notBody {
					if not = replace.Replace(not); strings.Contains(body, not) {
						t.Errorf("page contains %q, which it must not", not)
					}
				}
				if n := accessLogRows(t, site); n != logBefore {
					t.Errorf("the access log gained %d entries; directory pages are not about people", n-logBefore)
				}
				after := directoryState(t, site)
				apptest.CheckChange(t, before, after, sc.unchanged, !sc.unchanged && sc.method == "POST" && sc.wantStatus == http.StatusSeeOther)
			})
		}
	})
}

// clearDirectory empties both councils' directories between scenarios.
func clearDirectory(t *testing.T, site *apptest.Site) {
	t.Helper()
	for _, c := range []peopletest.Council{site.A, site.B} {
		ctx := sqldb.WithCouncil(context.Background(), c.Council.ID)
		err := site.App.DB.InTx(ctx, func(tx *sqldb.Tx) error {
			for i := len(directory.Layout) - 1; i >= 0; i-- {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+directory.Layout[i].DB+` WHERE council_id = $1`, c.Council.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// postFiles uploads files to the import page, as a browser's file upload would.
func postFiles(t *testing.T, site *apptest.Site, c *http.Client, checkOnly bool, files ...directory.File) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range files {
		part, err := w.CreateFormFile("files", f.Name)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(f.Data)
	}
	if checkOnly {
		w.WriteField("check_only", "yes")
	}
	w.Close()
	req, err := http.NewRequest("POST", site.Server.URL+"/directory/import", &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", site.Server.URL)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return res.StatusCode, b.String()
}

func TestDirectoryImportPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		editor := site.SignIn(t, site.A.Staff[councils.DirectoryEditor])
		orgs := directory.File{Name: "organizations.csv", Data: []byte("id,name,description\n" + staleOrg + ",Old Town Carers,Support for carers\n")}
		bad := directory.File{Name: "services.csv", Data: []byte("id,organization_id,name,status\n" + staleSvc + "," + staleOrg + ",Carers café,open\n")}
		status, body := postFiles(t, site, editor, false, orgs, bad)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "services.csv, row 2") || !strings.Contains(body, "&#34;open&#34; is not one of active") ||
			!strings.Contains(body, "1 problem found: nothing was imported") {
			t.Errorf("bad row: %d\n%s", status, apptest.Excerpt(body))
		}
		before := directoryState(t, site)
		good := directory.File{Name: "services.csv", Data: bytes.Replace(bad.Data, []byte(",open"), []byte(",active"), 1)}
		if status, body = postFiles(t, site, editor, true, orgs, good); status != 200 || !strings.Contains(body, "Checked only, nothing saved") {
			t.Errorf("check only: %d\n%s", status, apptest.Excerpt(body))
		}
		if directoryState(t, site) != before {
			t.Error("checking only saved something")
		}
		if status, body = postFiles(t, site, editor, false, orgs, good); status != 200 || !strings.Contains(body, "Imported: 2 created, 0 updated, 0 unchanged") {
			t.Errorf("import: %d\n%s", status, apptest.Excerpt(body))
		}
		if status, body = postFiles(t, site, editor, false, orgs, good); status != 200 || !strings.Contains(body, "Imported: 0 created, 0 updated, 2 unchanged") {
			t.Errorf("import again: %d\n%s", status, apptest.Excerpt(body))
		}
		// Council B's editor cannot attach a service to council A's organisation.
		after := directoryState(t, site)
		other := site.SignIn(t, site.B.Staff[councils.DirectoryEditor])
		svc := directory.File{Name: "services.csv", Data: []byte("id,organization_id,name,status\nc3c3c3c3-3333-4333-8333-333333333333," + staleOrg + ",Sneaky,active\n")}
		if status, body = postFiles(t, site, other, false, svc); status != http.StatusUnprocessableEntity || !strings.Contains(body, "which is not in this import or the directory") {
			t.Errorf("council B: %d\n%s", status, apptest.Excerpt(body))
		}
		if directoryState(t, site) != after {
			t.Error("council B's refused import changed something")
		}
	})
}
