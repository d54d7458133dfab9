package orukapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/testenv"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/directory/directorytest"
	"github.com/golden-thread/goldenthread/internal/directory/orukapi"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// reference is the Open Referral UK standard's own files, beside the repository.
func reference(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "reference", "openreferral-uk")
	if _, err := os.Stat(filepath.Join(dir, "schema", "compiled")); err != nil {
		testenv.Missing(t, fmt.Sprintf("the Open Referral UK reference files are required under CI=true: %v", err),
			fmt.Sprintf("the Open Referral UK reference files are not at %s (%v): put the shared folder beside the repository", dir, err))
	}
	return dir
}

func readFolder(t *testing.T, dir string) []directory.File {
	t.Helper()
	files, err := directory.ReadFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// server runs the API alone over db, with the synthetic postcodes loaded.
func server(t *testing.T, db *sqldb.DB) *httptest.Server {
	t.Helper()
	pc := postcodes.NewStore(db)
	rep, err := pc.Import(context.Background(), func() (io.ReadCloser, error) {
		return os.Open(filepath.Join("..", "..", "postcodes", "testdata", "onspd_sample.csv"))
	})
	if err != nil || !rep.OK() {
		t.Fatalf("load postcodes: %v %v", err, rep.Problems)
	}
	mux := http.NewServeMux()
	orukapi.New(directory.NewStore(db), councils.NewStore(db), pc).Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, b
}

// TestResponsesConformToTheStandard loads the standard's own examples and a synthetic feed, then asks every kind
// of endpoint and validates each answer against the standard's compiled schemas: lists item by item inside the
// pagination envelope, single records whole.
func TestResponsesConformToTheStandard(t *testing.T) {
	t.Parallel()
	ref := reference(t)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema := func(rel string) *jsonschema.Schema {
		s, err := c.Compile(filepath.Join(ref, "schema", rel))
		if err != nil {
			t.Fatalf("compile %s: %v", rel, err)
		}
		return s
	}
	schemas := map[string]*jsonschema.Schema{}
	for _, rel := range []string{"compiled/service_list.json", "compiled/service.json", "compiled/service_at_location_list.json",
		"compiled/service_at_location.json", "compiled/organization_list.json", "compiled/organization.json", "taxonomy.json", "taxonomy_term.json"} {
		schemas[rel] = schema(rel)
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := peopletest.NewCouncil(t, db, "E06000901")
		ctx := sqldb.WithCouncil(context.Background(), a.Council.ID)
		store := directory.NewStore(db)
		for _, files := range [][]directory.File{readFolder(t, filepath.Join(ref, "examples")), directorytest.Feed(1)} {
			if rep, err := store.Import(ctx, files, false); err != nil || !rep.OK() {
				t.Fatalf("import: %v %v", err, rep.Problems)
			}
		}
		srv := server(t, db)
		base := srv.URL + "/oruk/E06000901"

		validate := func(t *testing.T, rel string, v any) {
			t.Helper()
			if err := schemas[rel].Validate(v); err != nil {
				t.Errorf("does not validate against %s: %v", rel, err)
			}
		}
		// list asks a list endpoint, checks the envelope and each item, and returns the first item's id.
		list := func(t *testing.T, path, rel string, wantAtLeast int) []string {
			t.Helper()
			status, _, body := get(t, base+path)
			if status != http.StatusOK {
				t.Fatalf("GET %s = %d %s", path, status, body)
			}
			var env struct {
				TotalItems *int  `json:"total_items"`
				TotalPages *int  `json:"total_pages"`
				PageNumber *int  `json:"page_number"`
				Size       *int  `json:"size"`
				FirstPage  *bool `json:"first_page"`
				LastPage   *bool `json:"last_page"`
				Empty      *bool `json:"empty"`
				Contents   []any `json:"contents"`
			}
			if err := json.Unmarshal(body, &env); err != nil {
				t.Fatal(err)
			}
			if env.TotalItems == nil || env.TotalPages == nil || env.PageNumber == nil || env.Size == nil || env.FirstPage == nil ||
				env.LastPage == nil || env.Empty == nil || env.Contents == nil {
				t.Fatalf("GET %s: the pagination envelope is incomplete: %s", path, body)
			}
			if len(env.Contents) < wantAtLeast || *env.Size != len(env.Contents) {
				t.Fatalf("GET %s: %d items (size %d), want at least %d", path, len(env.Contents), *env.Size, wantAtLeast)
			}
			var ids []string
			for _, item := range env.Contents {
				validate(t, rel, item)
				ids = append(ids, item.(map[string]any)["id"].(string))
			}
			return ids
		}
		one := func(t *testing.T, path, rel string) map[string]any {
			t.Helper()
			status, _, body := get(t, base+path)
			if status != http.StatusOK {
				t.Fatalf("GET %s = %d %s", path, status, body)
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			validate(t, rel, v)
			return v.(map[string]any)
		}

		services := list(t, "/services", "compiled/service_list.json", 4)
		for _, id := range services {
			one(t, "/services/"+id, "compiled/service.json")
		}
		full := one(t, "/services/ac148810-d857-441c-9679-408f346de14b", "compiled/service.json")
		for _, key := range []string{"schedules", "service_at_locations", "contacts", "cost_options", "organization"} {
			if full[key] == nil {
				t.Errorf("the standard's example service has no %s in full: %v", key, full)
			}
		}
		sals := list(t, "/service_at_locations", "compiled/service_at_location_list.json", 3)
		for _, id := range sals {
			one(t, "/service_at_locations/"+id, "compiled/service_at_location.json")
		}
		for _, id := range list(t, "/organizations", "compiled/organization_list.json", 2) {
			one(t, "/organizations/"+id, "compiled/organization.json")
		}
		for _, id := range list(t, "/taxonomies", "taxonomy.json", 1) {
			one(t, "/taxonomies/"+id, "taxonomy.json")
		}
		for _, id := range list(t, "/taxonomy_terms", "taxonomy_term.json", 1) {
			one(t, "/taxonomy_terms/"+id, "taxonomy_term.json")
		}
		// Filtered lists and a second page keep the same shapes.
		walking := directorytest.ID(1, directorytest.Walking)
		for _, tt := range []struct {
			path, rel string
			want      []string
		}{
			{"/services?text=walks", "compiled/service_list.json", []string{walking}},
			{"/services?search=counselling", "compiled/service_list.json", []string{"ac148810-d857-441c-9679-408f346de14b"}},
			{"/services?taxonomy_term_id=" + directorytest.ID(1, 3), "compiled/service_list.json", []string{walking}},
			{"/services?day=TU&start_time=10:30", "compiled/service_list.json", []string{walking}},
			{"/service_at_locations?postcode=ZZ99+1AA&proximity=1000", "compiled/service_at_location_list.json", []string{directorytest.ID(1, 30)}},
		} {
			if got := list(t, tt.path, tt.rel, 0); !slices.Equal(got, tt.want) {
				t.Errorf("GET %s = %v, want %v", tt.path, got, tt.want)
			}
		}
		if got := list(t, "/services?page=2&per_page=2", "compiled/service_list.json", 2); slices.Contains(services[:2], got[0]) {
			t.Errorf("the second page repeats the first: %v", got)
		}
		// Every page counts every match, the page past the end too.
		for _, tt := range []struct {
			path        string
			size, total int
		}{{"/services?page=1&per_page=3", 3, 4}, {"/services?page=2&per_page=3", 1, 4}, {"/services?page=9&per_page=3", 0, 4}, {"/services?text=walks&page=3", 0, 1}} {
			status, _, body := get(t, base+tt.path)
			var env struct {
				Total int   `json:"total_items"`
				Size  int   `json:"size"`
				Empty bool  `json:"empty"`
				Items []any `json:"contents"`
			}
			if status != http.StatusOK || json.Unmarshal(body, &env) != nil || env.Total != tt.total || env.Size != tt.size || len(env.Items) != tt.size || env.Empty != (tt.size == 0) {
				t.Errorf("GET %s = %d: %d of %d, want %d of %d", tt.path, status, env.Size, env.Total, tt.size, tt.total)
			}
		}
		status, _, body := get(t, base+"/")
		var info map[string]string
		if status != http.StatusOK || json.Unmarshal(body, &info) != nil || info["version"] == "" || info["openapi_url"] == "" {
			t.Errorf("GET / = %d %s", status, body)
		}
	})
}
