package web

import (
	"context"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/accesslog"
)

// Route returns the request's context marked so that the access-log entries a store writes under it name this page's
// route (its pattern, such as "GET /people/{id}"). Every page handler passes it to the store it reads or changes, so
// that the log says which page showed or changed a person's record; it lives here so that every page marks its
// entries the same way.
func Route(r *http.Request) context.Context {
	return accesslog.WithRoute(r.Context(), accesslog.Page, r.Pattern)
}
