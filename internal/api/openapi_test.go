package api_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/codelists"
)

// openAPI fetches the OpenAPI document from the API, with no member of staff signed in.
func openAPI(t *testing.T) map[string]any {
	t.Helper()
	a := api.New(nil, nil)
	mux := http.NewServeMux()
	a.Register(mux.Handle, func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Errorf("%s %s went through the bearer middleware", r.Method, r.URL)
		})
	})
	w := (&fixture{t: t, handler: mux}).do("GET", api.OpenAPIPath, "", "", nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET %s: %d %s", api.OpenAPIPath, w.Code, w.Header().Get("Content-Type"))
	}
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("the OpenAPI document is not JSON: %v", err)
	}
	return doc
}

func TestOpenAPIDocument(t *testing.T) {
	doc := openAPI(t)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	paths, _ := doc["paths"].(map[string]any)

	// Every route is described, and everything described is a route.
	var registered, described []string
	for _, p := range api.New(nil, nil).Patterns() {
		method, path, _ := strings.Cut(p, " ")
		registered = append(registered, strings.ToLower(method)+" "+path)
	}
	methods := []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
	for path, item := range paths {
		for method, op := range item.(map[string]any) {
			if !slices.Contains(methods, method) {
				continue
			}
			described = append(described, method+" "+path)
			checkOperation(t, method+" "+path, op.(map[string]any))
		}
	}
	slices.Sort(registered)
	slices.Sort(described)
	if diff := cmp.Diff(registered, described); diff != "" {
		t.Errorf("routes registered (-) and described (+) differ:\n%s", diff)
	}

	// Every reference leads somewhere.
	var refs []string
	walk(doc, func(m map[string]any) {
		if ref, ok := m["$ref"].(string); ok {
			refs = append(refs, ref)
		}
	})
	if len(refs) == 0 {
		t.Error("no $ref in the document")
	}
	for _, ref := range refs {
		if resolve(doc, ref) == nil {
			t.Errorf("%s leads nowhere", ref)
		}
	}

	schemes, _ := resolve(doc, "#/components/securitySchemes/bearerAuth").(map[string]any)
	if schemes["type"] != "http" || schemes["scheme"] != "bearer" {
		t.Errorf("bearerAuth = %v", schemes)
	}
}

// checkOperation checks that an operation has an ID, says which token it needs, and answers errors with problem
// documents.
func checkOperation(t *testing.T, name string, op map[string]any) {
	t.Helper()
	if op["operationId"] == nil || op["summary"] == nil {
		t.Errorf("%s has no operationId or summary", name)
	}
	responses, _ := op["responses"].(map[string]any)
	if len(responses) == 0 {
		t.Errorf("%s has no responses", name)
	}
	if name == "get "+api.OpenAPIPath {
		if sec, ok := op["security"].([]any); !ok || len(sec) != 0 {
			t.Errorf("%s should need no token: security = %v", name, op["security"])
		}
		return
	}
	if op["security"] != nil {
		t.Errorf("%s should use the document's bearerAuth", name)
	}
	if responses["401"] == nil || responses["500"] == nil {
		t.Errorf("%s does not describe 401 and 500", name)
	}
}

// TestOpenAPIMatchesTheAPI checks the document against the Go types and code lists it describes.
func TestOpenAPIMatchesTheAPI(t *testing.T) {
	doc := openAPI(t)
	for schema, v := range map[string]any{
		"Person": api.Person{}, "NetworkMember": api.NetworkMember{}, "PersonSummary": api.PersonSummary{},
		"SearchResults": api.SearchResults{}, "FieldError": api.FieldError{},
	} {
		props, _ := resolve(doc, "#/components/schemas/"+schema+"/properties").(map[string]any)
		var described []string
		for name := range props {
			described = append(described, name)
		}
		if diff := cmp.Diff(jsonFields(t, v), described, cmpSorted); diff != "" {
			t.Errorf("%s: JSON fields (-) and schema properties (+) differ:\n%s", schema, diff)
		}
	}
	problem, _ := resolve(doc, "#/components/schemas/Problem/properties").(map[string]any)
	for _, field := range []string{"type", "title", "status", "detail", "instance", "errors"} {
		if problem[field] == nil {
			t.Errorf("Problem does not describe %s", field)
		}
	}

	// Each code list field lists the code list's values, after the empty string for "not recorded".
	gender, _ := resolve(doc, "#/components/schemas/Person/properties/gender/enum").([]any)
	want := []any{""}
	for _, v := range codelists.Gender.Values() {
		want = append(want, v)
	}
	if diff := cmp.Diff(want, gender); diff != "" {
		t.Errorf("gender enum (-want +got):\n%s", diff)
	}
	n := 0
	walk(doc, func(m map[string]any) {
		if name, ok := m["x-codelist"].(string); ok {
			n++
			if _, found := codelists.Lookup(name); !found {
				t.Errorf("x-codelist %q is not a code list", name)
			}
		}
	})
	if n < 10 {
		t.Errorf("%d fields name a code list, want at least 10", n)
	}
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
})

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(t *testing.T, v any) []string {
	t.Helper()
	var out []string
	typ := reflect.TypeOf(v)
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			t.Fatalf("%s.%s has no JSON name", typ.Name(), typ.Field(i).Name)
		}
		out = append(out, name)
	}
	return out
}

func walk(v any, fn func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		fn(v)
		for _, c := range v {
			walk(c, fn)
		}
	case []any:
		for _, c := range v {
			walk(c, fn)
		}
	}
}

// resolve follows a local JSON Pointer reference, such as "#/components/schemas/Person".
func resolve(doc map[string]any, ref string) any {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = doc
	for _, part := range strings.Split(rest, "/") {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = m[part]; !ok {
			return nil
		}
	}
	return cur
}
