package web

import (
	"net/http"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Today is today's date in the UK by the database's clock, which the app puts in every request (sqldb.DB.WithClock):
// the date a form defaults to and checks against, the same date the stores use.
func Today(r *http.Request) sqldb.Date { return sqldb.TodayIn(r.Context()) }
