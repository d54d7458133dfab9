package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// Liveness is the process answering; readiness is the database answering with its schema at this version's latest
// migration, and says which check failed. /healthz answers as it always has: "ok" while the database answers.
func TestHealthChecks(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		check := func(path string, wantStatus int, want string) {
			t.Helper()
			res, body := site.Get(t, apptest.Client(), path)
			if res.StatusCode != wantStatus || body != want {
				t.Errorf("%s = %d %q, want %d %q", path, res.StatusCode, body, wantStatus, want)
			}
		}
		check("/healthz/live", 200, `{"status":"ok"}`+"\n")
		check("/healthz/ready", 200, `{"status":"ok","checks":{"database":"ok","migrations":"ok"}}`+"\n")
		check("/healthz", 200, "ok\n")

		// A database one migration behind this version (a release whose migrations have not been applied).
		_, latest, err := db.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().ExecContext(context.Background(), `DELETE FROM goose_db_version WHERE version_id = $1`, latest); err != nil {
			t.Fatal(err)
		}
		res, body := site.Get(t, apptest.Client(), "/healthz/ready")
		var h struct {
			Status string
			Checks map[string]string
		}
		if err := json.Unmarshal([]byte(body), &h); err != nil {
			t.Fatalf("readiness body %q: %v", body, err)
		}
		if res.StatusCode != 503 || h.Status != "unavailable" || h.Checks["database"] != "ok" || !strings.HasPrefix(h.Checks["migrations"], "behind: ") {
			t.Errorf("behind: /healthz/ready = %d %s, want 503 naming the migrations", res.StatusCode, body)
		}
		check("/healthz/live", 200, `{"status":"ok"}`+"\n")
		check("/healthz", 200, "ok\n")

		// The database closed, as when the service is stopping.
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		check("/healthz/ready", 503, `{"status":"unavailable","checks":{"database":"unreachable","migrations":"not checked"}}`+"\n")
		check("/healthz", 503, "database unavailable\n")
		check("/healthz/live", 200, `{"status":"ok"}`+"\n")
	})
}
