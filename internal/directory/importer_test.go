package directory_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/testenv"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// reference is the Open Referral UK standard's own files, beside the repository.
func reference(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "reference", "openreferral-uk")
	if _, err := os.Stat(filepath.Join(dir, "datapackage.json")); err != nil {
		testenv.Missing(t, fmt.Sprintf("the Open Referral UK reference files are required under CI=true: %v", err),
			fmt.Sprintf("the Open Referral UK reference files are not at %s (%v): put the shared folder beside the repository", dir, err))
	}
	return dir
}

func readFiles(t *testing.T, path string) []directory.File {
	t.Helper()
	files, err := directory.ReadFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func mustImport(t *testing.T, ctx context.Context, s *directory.Store, files []directory.File) directory.Report {
	t.Helper()
	rep, err := s.Import(ctx, files, false)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("import problems: %v", rep.Problems)
	}
	return rep
}

func TestLayoutMatchesTheStandardsDatapackage(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(reference(t), "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dp struct {
		Resources []struct {
			Name, Path string
			Schema     struct {
				Fields []struct {
					Name, Type, Format string
					Constraints        struct {
						Required bool
						Enum     []string
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b, &dp); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]directory.Kind{"date": directory.Date, "time": directory.Time, "datetime": directory.DateTime, "number": directory.Number}
	formats := map[string]directory.Kind{"email": directory.Email, "uri": directory.URI}
	for _, r := range dp.Resources {
		table, ok := directory.TableNamed(r.Name)
		if !ok {
			if r.Name != "funding" && r.Name != "organization_identifier" {
				t.Errorf("the standard's table %s is not in the layout", r.Name)
			}
			continue
		}
		if table.File != r.Path {
			t.Errorf("%s: file %s, the standard says %s", r.Name, table.File, r.Path)
		}
		var names []string
		for _, f := range r.Schema.Fields {
			names = append(names, f.Name)
			c, ok := table.Col(f.Name)
			if !ok {
				t.Errorf("%s.%s is missing", r.Name, f.Name)
				continue
			}
			if c.Required != f.Constraints.Required {
				t.Errorf("%s.%s: required %v, the standard says %v", r.Name, f.Name, c.Required, f.Constraints.Required)
			}
			if !slices.Equal(c.Enum, f.Constraints.Enum) {
				t.Errorf("%s.%s: values %v, the standard says %v", r.Name, f.Name, c.Enum, f.Constraints.Enum)
			}
			want, typed := kinds[f.Type]
			if f.Format == "uuid" {
				typed, want = c.Kind == directory.ID || c.Kind == directory.Ref, c.Kind
			} else if k, ok := formats[f.Format]; ok {
				typed, want = true, k
			} else if !typed {
				typed, want = true, directory.Text
			}
			if !typed || c.Kind != want {
				t.Errorf("%s.%s: kind %v, the standard says %s %s", r.Name, f.Name, c.Kind, f.Type, f.Format)
			}
		}
		for _, c := range table.Columns {
			if !c.Extra && !slices.Contains(names, c.Name) {
				t.Errorf("%s.%s is not in the standard's layout and not marked extra", r.Name, c.Name)
			}
		}
	}
}

func TestImportTheStandardsExamples(t *testing.T) {
	t.Parallel()
	ref := reference(t)
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		s := f.store
		a := as(f.a, councils.DirectoryEditor)
		for _, folder := range []string{"examples", filepath.Join("examples", "csv")} {
			t.Run(folder, func(t *testing.T) {
				files := readFiles(t, filepath.Join(ref, folder))
				ctx := sqldb.WithCouncil(context.Background(), f.a.Council.ID)
				if folder != "examples" {
					ctx = sqldb.WithCouncil(context.Background(), f.b.Council.ID)
				}
				// A dry run reports and saves nothing.
				dry, err := s.Import(ctx, files, true)
				if err != nil || !dry.OK() {
					t.Fatalf("dry run: %v %v", err, dry.Problems)
				}
				if c, _, _ := dry.Totals(); c == 0 {
					t.Errorf("dry run would create nothing: %+v", dry.Counts)
				}
				if h, _ := s.Home(ctx); len(h.Organisations) != 0 {
					t.Fatal("a dry run saved something")
				}
				rep := mustImport(t, ctx, s, files)
				created, updated, _ := rep.Totals()
				if created < 14 || updated != 0 {
					t.Errorf("first import: %+v", rep.Counts)
				}
				again := mustImport(t, ctx, s, files)
				if c, u, n := again.Totals(); c != 0 || u != 0 || n != created {
					t.Errorf("second import = %d created, %d updated, %d unchanged; want 0, 0, %d", c, u, n, created)
				}
				svc, _, err := s.Service(ctx, "ac148810-d857-441c-9679-408f346de14b")
				if err != nil {
					t.Fatal(err)
				}
				if svc.Name != "Community Counselling" || svc.OrganisationName != "Example Organization Inc." || svc.AgeRange() != "12 to 100" ||
					len(svc.Locations) != 1 || len(svc.Contacts) != 1 || len(svc.Schedules) != 1 || len(svc.Costs) != 1 || svc.LastChecked.String() != "2005-01-01" {
					t.Errorf("imported service = %+v", svc)
				}
			})
		}
		// Council A's editor sees only council A's import.
		if h, _ := s.Home(a); len(h.Organisations) != 1 || h.Services != 1 {
			t.Errorf("council A's directory: %+v", h)
		}
	})
}

func TestExportRoundTrips(t *testing.T) {
	t.Parallel()
	ref := reference(t)
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		s := f.store
		a, b := as(f.a, councils.DirectoryEditor), as(f.b, councils.DirectoryEditor)
		mustImport(t, a, s, readFiles(t, filepath.Join(ref, "examples")))
		mustImport(t, a, s, readFiles(t, filepath.Join(ref, "examples", "csv")))
		org, _ := s.AddOrganisation(a, organisation())
		if _, err := s.AddService(a, serviceInput(org.ID)); err != nil {
			t.Fatal(err)
		}
		want, err := s.Export(a)
		if err != nil {
			t.Fatal(err)
		}
		csvFiles, err := want.CSVFiles()
		if err != nil {
			t.Fatal(err)
		}
		mustImport(t, b, s, csvFiles)
		got, err := s.Export(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(byID(got), byID(want)) {
			t.Errorf("CSV round trip differs:\n got %v\nwant %v", got, want)
		}
		// JSON: into a third council, from the API's shapes.
		c := newCouncil(t, db, "E06000993")
		jsonFiles, left, err := want.JSONFiles()
		if err != nil {
			t.Fatal(err)
		}
		mustImport(t, c, s, jsonFiles)
		got, err = s.Export(c)
		if err != nil {
			t.Fatal(err)
		}
		// The example CSV's attribute links to a record that is not a service, so the JSON shapes leave it out.
		if left != 1 {
			t.Errorf("JSON export left out %d records, want the 1 attribute", left)
		}
		delete(want, "attribute")
		wantAttrs := got["attribute"] // none: the one attribute links to no service
		delete(got, "attribute")
		if !reflect.DeepEqual(byID(got), byID(want)) || len(wantAttrs) != 0 {
			t.Errorf("JSON round trip differs:\n got %v\nwant %v", got, want)
		}
	})
}

// byID orders each table's records by id, since records added in one transaction share a time.
func byID(d directory.Dataset) directory.Dataset {
	for _, rs := range d {
		slices.SortFunc(rs, func(a, b directory.Record) int { return strings.Compare(a["id"], b["id"]) })
	}
	return d
}

func newCouncil(t *testing.T, db *sqldb.DB, code string) context.Context {
	t.Helper()
	c, err := councils.NewStore(db).CreateCouncil(context.Background(), code, "Council "+code)
	if err != nil {
		t.Fatal(err)
	}
	return sqldb.WithCouncil(context.Background(), c.ID)
}

// goodCSV is a small feed in the CSV layout that imports cleanly; the table test below breaks it one way at a time.
func goodCSV() map[string]string {
	return map[string]string{
		"organizations.csv": "id,name,description\n" +
			"11111111-1111-4111-8111-111111111111,Exampleton Carers,Support for unpaid carers\n",
		"services.csv": "id,organization_id,name,status,minimum_age,maximum_age,assured_date,last_modified,email\n" +
			"22222222-2222-4222-8222-222222222222,11111111-1111-4111-8111-111111111111,Carers café,active,18,,2025-01-31,2025-02-01T09:00:00Z,cafe@example.org\n",
		"locations.csv": "id,location_type,name\n" +
			"33333333-3333-4333-8333-333333333333,physical,Library\n",
		"service_at_location.csv": "id,service_id,location_id\n" +
			"44444444-4444-4444-8444-444444444444,22222222-2222-4222-8222-222222222222,33333333-3333-4333-8333-333333333333\n",
		"schedule.csv": "id,service_id,freq,byday,opens_at,closes_at,valid_from\n" +
			"55555555-5555-4555-8555-555555555555,22222222-2222-4222-8222-222222222222,WEEKLY,\"MO,WE\",10:00,12:00,2025-01-01\n",
	}
}

func csvFiles(m map[string]string) []directory.File {
	var out []directory.File
	for _, name := range []string{"organizations.csv", "services.csv", "locations.csv", "service_at_location.csv", "schedule.csv"} {
		if data, ok := m[name]; ok {
			out = append(out, directory.File{Name: name, Data: []byte(data)})
		}
	}
	return out
}

// streamedFiles gives the files as the command line does, to be opened and read row by row, not held in memory.
func streamedFiles(files []directory.File) []directory.File {
	out := make([]directory.File, len(files))
	for i, f := range files {
		data := f.Data
		out[i] = directory.File{Name: f.Name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
	}
	return out
}

const (
	orgID = "11111111-1111-4111-8111-111111111111"
	svcID = "22222222-2222-4222-8222-222222222222"
)

func TestImportRefusesBadRows(t *testing.T) {
	t.Parallel()
	replace := func(file, old, new string) func(map[string]string) {
		return func(m map[string]string) { m[file] = strings.Replace(m[file], old, new, 1) }
	}
	appendRow := func(file, line string) func(map[string]string) {
		return func(m map[string]string) { m[file] += line }
	}
	tests := []struct {
		name   string
		change func(map[string]string)
		want   []string
	}{
		{"missing required field", replace("services.csv", ",Carers café,", ",,"), []string{"services.csv, row 2, field name: is required but missing"}},
		{"missing required column", replace("organizations.csv", "id,name,description", "id,name,summary"), []string{
			"organizations.csv, row 1, field description: the column is missing",
			"organizations.csv, row 2, field description: is required but missing"}},
		{"bad id", replace("locations.csv", "33333333-3333-4333-8333-333333333333,", "location-1,"), []string{
			`locations.csv, row 2, field id: "location-1" is not a UUID, like ac148810-d857-441c-9679-408f346de14b`,
			"service_at_location.csv, row 2, field location_id: names location 33333333-3333-4333-8333-333333333333, which is not in this import or the directory"}},
		{"unknown reference", replace("services.csv", ","+orgID+",", ",99999999-9999-4999-8999-999999999999,"), []string{
			"services.csv, row 2, field organization_id: names organization 99999999-9999-4999-8999-999999999999, which is not in this import or the directory"}},
		{"bad enum", replace("services.csv", ",active,", ",open,"), []string{
			`services.csv, row 2, field status: "open" is not one of active, inactive, defunct, temporarily closed`}},
		{"bad date", replace("services.csv", "2025-01-31", "31/01/2025"), []string{
			`services.csv, row 2, field assured_date: "31/01/2025" is not a date in the form YYYY-MM-DD`}},
		{"bad date and time", replace("services.csv", "2025-02-01T09:00:00Z", "yesterday"), []string{
			`services.csv, row 2, field last_modified: "yesterday" is not a date and time like 2023-03-15T10:30:45.123Z`}},
		{"bad time", replace("schedule.csv", ",10:00,", ",10am,"), []string{
			`schedule.csv, row 2, field opens_at: "10am" is not a time in the form HH:MM or HH:MM:SS`}},
		{"bad days", replace("schedule.csv", `"MO,WE"`, `"Monday"`), []string{
			`schedule.csv, row 2, field byday: "Monday" is not a list of days like MO,TU,WE`}},
		{"bad number", replace("services.csv", ",18,", ",eighteen,"), []string{
			`services.csv, row 2, field minimum_age: "eighteen" is not a number`}},
		{"bad email", replace("services.csv", "cafe@example.org", "cafe.example.org"), []string{
			`services.csv, row 2, field email: "cafe.example.org" is not an email address`}},
		{"duplicate id", appendRow("locations.csv", "33333333-3333-4333-8333-333333333333,virtual,Online\n"), []string{
			"locations.csv, row 3, field id: duplicate id 33333333-3333-4333-8333-333333333333: it is also on row 2"}},
		{"ragged row", appendRow("locations.csv", "66666666-6666-4666-8666-666666666666,virtual\n"), []string{
			"locations.csv, row 3: the row has a different number of fields from the header"}},
		{"two mistakes in two files", func(m map[string]string) {
			replace("services.csv", ",active,", ",,")(m)
			replace("schedule.csv", ",WEEKLY,", ",DAILY,")(m)
		}, []string{
			"services.csv, row 2, field status: is required but missing",
			`schedule.csv, row 2, field freq: "DAILY" is not one of WEEKLY, MONTHLY`}},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := as(f.a, councils.DirectoryEditor)
		for _, tt := range tests {
			// The same problems whether the files are given in memory or read row by row from disk.
			for _, streamed := range []bool{false, true} {
				m := goodCSV()
				tt.change(m)
				files := csvFiles(m)
				if streamed {
					files = streamedFiles(files)
				}
				rep, err := f.store.Import(ctx, files, false)
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				var got []string
				for _, p := range rep.Problems {
					got = append(got, p.String())
				}
				slices.Sort(got)
				want := slices.Clone(tt.want)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s:\n got %q\nwant %q", tt.name, got, want)
				}
				if rep.Counts != nil {
					t.Errorf("%s: counts %+v for a refused import", tt.name, rep.Counts)
				}
				if n := f.count(t, f.a, "directory_organization"); n != 0 {
					t.Fatalf("%s: a refused import saved %d organisations", tt.name, n)
				}
			}
		}
		// The good feed imports, and again changes nothing.
		rep := mustImport(t, ctx, f.store, csvFiles(goodCSV()))
		if c, _, _ := rep.Totals(); c != 5 {
			t.Errorf("good feed: %+v", rep.Counts)
		}
		// A changed row updates that record alone.
		m := goodCSV()
		replace("locations.csv", ",Library", ",Central Library")(m)
		rep = mustImport(t, ctx, f.store, csvFiles(m))
		if c, u, n := rep.Totals(); c != 0 || u != 1 || n != 4 {
			t.Errorf("changed feed = %d created, %d updated, %d unchanged", c, u, n)
		}
		// Another council's feed cannot point at this council's records.
		other := as(f.b, councils.DirectoryEditor)
		m = goodCSV()
		delete(m, "organizations.csv")
		rep, err := f.store.Import(other, csvFiles(m), false)
		if err != nil || rep.OK() || !strings.Contains(rep.Problems[0].String(), "organization_id: names organization "+orgID+", which is not in this import") {
			t.Errorf("council B importing a service of A's organisation: %v %v", err, rep.Problems)
		}
		if n := f.count(t, f.b, "directory_service"); n != 0 {
			t.Errorf("council B has %d services", n)
		}
		// Practitioners may not import.
		if _, err := f.store.Import(as(f.a, councils.Practitioner), csvFiles(goodCSV()), true); err == nil {
			t.Error("a practitioner imported")
		}
	})
}

func TestImportJSONProblemsHaveTheirPointer(t *testing.T) {
	t.Parallel()
	doc := `{"id": "` + svcID + `", "name": "Carers café", "status": "active", "minimum_age": "18",
		"organization": {"id": "` + orgID + `", "name": "Exampleton Carers", "description": "Support"},
		"contacts": [{"id": "77777777-7777-4777-8777-777777777777", "phones": [{"id": "88888888-8888-4888-8888-888888888888"}]}],
		"schedules": [{"id": "not-an-id", "opens_at": "9am"}]}`
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		rep, err := f.store.Import(as(f.a, councils.DirectoryEditor), []directory.File{{Name: "service_full.json", Data: []byte(doc)}, {Name: "broken.json", Data: []byte("{")}}, false)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range rep.Problems {
			got = append(got, p.String())
		}
		want := []string{
			`service_full.json at /, field minimum_age: "18" must be a number, not text`,
			`service_full.json at /contacts/0/phones/0, field number: is required but missing`,
			`service_full.json at /schedules/0, field id: "not-an-id" is not a UUID, like ac148810-d857-441c-9679-408f346de14b`,
			`service_full.json at /schedules/0, field opens_at: "9am" is not a time in the form HH:MM or HH:MM:SS`,
			`broken.json: not valid JSON: unexpected EOF`,
		}
		if !slices.Equal(got, want) {
			t.Errorf("problems:\n got %q\nwant %q", got, want)
		}
		if n := f.count(t, f.a, "directory_service"); n != 0 {
			t.Errorf("%d services saved", n)
		}
	})
}

// TestImportBeyondOneBatch imports feeds bigger than the batches in which an import keeps the ids it has read
// (1,000) and saves (500): copies of a record merged, duplicates and references found across batches, as within one.
func TestImportBeyondOneBatch(t *testing.T) {
	t.Parallel()
	const n = 2600
	uid := func(kind, i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", kind, i) }
	org := func(name string) string {
		return `{"id": "` + uid(1, 0) + `", "name": "` + name + `", "description": "Support"}`
	}
	// A page of services in the API's envelope, each with the same organisation nested in it.
	services := func(orgAt func(i int) string) []byte {
		var sb strings.Builder
		sb.WriteString(`{"total_items": ` + strconv.Itoa(n) + `, "contents": [`)
		for i := range n {
			if i > 0 {
				sb.WriteString(",\n")
			}
			sb.WriteString(`{"id": "` + uid(2, i) + `", "name": "Service ` + strconv.Itoa(i) + `", "status": "active", "organization": ` + orgAt(i) + `}`)
		}
		sb.WriteString(`], "page_number": 1}`)
		return []byte(sb.String())
	}
	locations := func(dup int) []byte {
		var sb strings.Builder
		sb.WriteString("id,location_type,name\n")
		for i := range n {
			id := uid(3, i)
			if i == dup {
				id = uid(3, 0)
			}
			sb.WriteString(id + ",physical,Place " + strconv.Itoa(i) + "\n")
		}
		return []byte(sb.String())
	}
	// Every place's service_at_location names a service read from the JSON and a place read from the CSV.
	links := func(missing int) []byte {
		var sb strings.Builder
		sb.WriteString("id,service_id,location_id\n")
		for i := range n {
			loc := uid(3, i)
			if i == missing {
				loc = uid(3, n+5)
			}
			sb.WriteString(uid(4, i) + "," + uid(2, i) + "," + loc + "\n")
		}
		return []byte(sb.String())
	}
	same := func(int) string { return org("Exampleton Carers") }
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		a := as(f.a, councils.DirectoryEditor)
		problems := func(files ...directory.File) []string {
			t.Helper()
			rep, err := f.store.Import(a, files, false)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range rep.Problems {
				got = append(got, p.String())
			}
			return got
		}
		// A copy of the organisation that differs, read long after the first was put away.
		differ := func(i int) string {
			if i == n-100 {
				return org("Someone else")
			}
			return org("Exampleton Carers")
		}
		got := problems(directory.File{Name: "service_list.json", Data: services(differ)})
		// The copy it is compared with is an earlier one, which one depending on the batches.
		prefix := fmt.Sprintf("service_list.json at /contents/%d/organization, field name: duplicate id %s: service_list.json at /contents/", n-100, uid(1, 0))
		if len(got) != 1 || !strings.HasPrefix(got[0], prefix) || !strings.HasSuffix(got[0], "/organization has it with a different name") {
			t.Errorf("a differing copy:\n got %q\nwant one like %q", got, prefix+"0/organization has it with a different name")
		}
		var want []string
		got = problems(directory.File{Name: "locations.csv", Data: locations(n - 1)})
		want = []string{fmt.Sprintf("locations.csv, row %d, field id: duplicate id %s: it is also on row 2", n+1, uid(3, 0))}
		if !slices.Equal(got, want) {
			t.Errorf("a duplicate row:\n got %q\nwant %q", got, want)
		}
		got = problems(directory.File{Name: "service_list.json", Data: services(same)}, directory.File{Name: "locations.csv", Data: locations(-1)},
			directory.File{Name: "service_at_location.csv", Data: links(n - 3)})
		want = []string{fmt.Sprintf("service_at_location.csv, row %d, field location_id: names location %s, which is not in this import or the directory", n-1, uid(3, n+5))}
		if !slices.Equal(got, want) {
			t.Errorf("a missing place:\n got %q\nwant %q", got, want)
		}
		if c := f.count(t, f.a, "directory_service"); c != 0 {
			t.Fatalf("%d services saved by imports with problems", c)
		}
		files := []directory.File{{Name: "service_list.json", Data: services(same)}, {Name: "locations.csv", Data: locations(-1)},
			{Name: "service_at_location.csv", Data: links(-1)}}
		rep := mustImport(t, a, f.store, files)
		counts := map[string]int{}
		for _, c := range rep.Counts {
			counts[c.Table] = c.Created
		}
		if counts["organization"] != 1 || counts["service"] != n || counts["location"] != n || counts["service_at_location"] != n {
			t.Errorf("first import created %v", counts)
		}
		again := mustImport(t, a, f.store, files)
		if c, u, un := again.Totals(); c != 0 || u != 0 || un != 1+3*n {
			t.Errorf("second import = %d created, %d updated, %d unchanged; want 0, 0, %d", c, u, un, 1+3*n)
		}
	})
}
