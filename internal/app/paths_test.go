package app_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestEveryPageRouteHasAShapeAndEveryShapeIsRouted holds internal/paths and the routes together: a page routed by a
// pattern written by hand, or a shape that no route answers, fails here.
func TestEveryPageRouteHasAShapeAndEveryShapeIsRouted(t *testing.T) {
	t.Parallel()
	a, err := app.Build(dbtest.Open(t, sqldb.SQLite), app.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Auth.Close() })
	shapes := map[string]bool{}
	for _, s := range paths.All() {
		shapes[s.Pattern()] = true
	}
	for _, route := range a.StaffRoutes() {
		_, pattern, _ := strings.Cut(route, " ")
		if !strings.HasPrefix(pattern, "/api/") && !shapes[pattern] {
			t.Errorf("%s is routed without a shape in internal/paths", route)
		}
	}
	// Signed out, an address that no route matches answers 404; one that a route matches sends them to sign in, shows a
	// public page, or (for a shape routed for POST only) answers 405.
	for _, s := range paths.All() {
		args := make([]string, s.Wildcards())
		for i := range args {
			args[i] = sqldb.NewID()
		}
		url, err := paths.Build(s, args...)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
		if rec.Code == http.StatusNotFound {
			t.Errorf("%s (%s) is not routed", s.Name(), s.Pattern())
		}
	}
}
