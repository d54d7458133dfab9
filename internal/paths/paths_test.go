package paths

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestURL(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{Home.URL(), "/"},
		{People.URL(), "/people"},
		{Person.URL("p1"), "/people/p1"},
		{Episode.URL("p1", "e2"), "/people/p1/episodes/e2"},
		{Risk.URL("p1", "e2", "r3"), "/people/p1/episodes/e2/risks/r3"},
		{ConferenceItemSolution.URL("p1", "e2", "c3", "i4"), "/people/p1/episodes/e2/conferences/c3/items/i4/solution"},
		{MyPlanPDF.URL("p1", "e2", "v3"), "/people/p1/episodes/e2/plan/v3/my-plan.pdf"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

func TestRoute(t *testing.T) {
	if got, want := Episode.Route("POST"), "POST /people/{id}/episodes/{episode}"; got != want {
		t.Errorf("Route = %q, want %q", got, want)
	}
	if got, want := Home.Route("GET"), "GET /{$}"; got != want {
		t.Errorf("Route = %q, want %q", got, want)
	}
}

func TestBuild(t *testing.T) {
	if got, err := Build(Strength, "p1", "s2"); err != nil || got != "/people/p1/strengths/s2" {
		t.Errorf("Build = %q, %v", got, err)
	}
	if _, err := Build(Strength, "p1"); err == nil {
		t.Error("Build with too few arguments did not fail")
	}
}

// TestAllListsEveryShape holds All to the declarations in pages.go, and every name and pattern to one shape.
func TestAllListsEveryShape(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "pages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok {
			for _, name := range v.Names {
				declared[name.Name] = true
			}
		}
		return true
	})
	names, patterns := map[string]bool{}, map[string]bool{}
	for _, s := range All() {
		if !declared[s.Name()] {
			t.Errorf("%s is in All but its name is not the variable's", s.Name())
		}
		if names[s.Name()] || patterns[s.Pattern()] {
			t.Errorf("%s (%s) is declared twice", s.Name(), s.Pattern())
		}
		names[s.Name()], patterns[s.Pattern()] = true, true
		if got, ok := ByName(s.Name()); !ok || got.Pattern() != s.Pattern() {
			t.Errorf("ByName(%s) = %v, %v", s.Name(), got, ok)
		}
	}
	for name := range declared {
		if !names[name] {
			t.Errorf("%s is declared but not in All", name)
		}
	}
}
