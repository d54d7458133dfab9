package api

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// ReadOnly answers a change asked for by a member of staff whose role changes nothing (finance) as the stores
// answer them: a route about a person, whose record finance cannot see, has no record there that they can see
// (404, so whether one exists never shows); any other change is not allowed for their role (403).
func ReadOnly(w http.ResponseWriter, r *http.Request) {
	err := sqldb.ErrForbidden
	if r.PathValue("id") != "" {
		err = sqldb.ErrNotFound
	}
	p, _ := problemFor(err)
	sendProblem(w, r, p)
}
