package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/cld/cldtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// actions are the access log's actions about a person through the API, in order.
func actions(t *testing.T, site *apptest.Site, personID string) []string {
	t.Helper()
	var out []string
	for _, e := range apptest.LogOf(t, site, personID) {
		if e.Channel == accesslog.API {
			out = append(out, string(e.Action))
		}
	}
	return out
}

// The Client Level Data return through the API: the roles that see the whole council check a quarter and download
// it; the file is refused while DHSC would reject a value unless allow_rejects asks for it; each council's return
// holds its own people only; a quarter that is not one is refused by name; and the people whose rejections the
// report shows are viewed, and the people in the file exported, in the access log.
func TestReturnsAPI(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		ask := asker(t, site, site.Tokens(t))
		worker := site.A.Staff[councils.Practitioner]
		good := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
			p.ClientType, p.PrimarySupportReason, p.Gender = "Service user", "Physical Support: Personal care support", "Female"
		}))
		bad := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
			p.GivenName, p.FamilyName, p.ClientType = "Bea", "Otherperson", "Service user"
		}))
		ctx := accesslog.WithCommand(sqldb.WithCouncil(context.Background(), site.A.Council.ID), "test")
		rec := &cldtest.Record{T: t, DB: db, Ctx: ctx}
		rec.Contact(good.ID, "1", "2026-04-01", "Community / Other route", "2026-04-01", "NFA: Information and advice or signposting", 1)
		// A request with no route of access and no client type: DHSC would reject it twice.
		rec.Do(`UPDATE person SET client_type = '', updated_at = $2 WHERE council_id = $1 AND id = $3`, bad.ID)
		rec.Contact(bad.ID, "2", "2026-06-01", "", "2026-06-02", "NFA: Support declined", 1)
		lead, admin, other := site.A.Staff[councils.QualityLead], site.A.Staff[councils.Administrator], site.B.Staff[councils.QualityLead]

		// The report, for the quality lead: two rejections, both Bea's, each with the record to fix.
		res, body := ask(lead, "GET", api.ReturnsPath+"/2026-Q3", "")
		var rep api.ReturnReport
		if err := json.Unmarshal([]byte(body), &rep); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("report: %d %s", res.StatusCode, body)
		}
		if rep.Quarter != "2026-Q3" || rep.From != "2025-10-01" || rep.To != "2026-09-30" || rep.People != 2 || rep.Rejected < 2 || len(rep.Rejections) != rep.Rejected {
			t.Errorf("report: %+v", rep)
		}
		for _, rj := range rep.Rejections {
			if rj.PersonID != bad.ID || rj.Path == "" || rj.Rule == "" {
				t.Errorf("rejection %+v", rj)
			}
		}
		if got := actions(t, site, bad.ID); len(got) != 1 || got[0] != string(accesslog.View) {
			t.Errorf("Bea's access log after the report: %v", got)
		}
		if got := actions(t, site, good.ID); len(got) != 0 {
			t.Errorf("the report logged a person with nothing to fix: %v", got)
		}

		// The file is refused while values would be rejected, and logs no export.
		res, body = ask(admin, "GET", api.ReturnsPath+"/2026-Q3/return.csv", "")
		if p := problemOf(t, "the file with rejections", res, body, http.StatusUnprocessableEntity, nil); !strings.Contains(p.Detail, "allow_rejects=true") {
			t.Errorf("the refusal says %q", p.Detail)
		}
		if got := actions(t, site, good.ID); len(got) != 0 {
			t.Errorf("a refused file logged %v", got)
		}
		// Asked for all the same, it comes, its header first, and each person in it is exported.
		res, body = ask(admin, "GET", api.ReturnsPath+"/2026-Q3/return.csv?allow_rejects=true", "")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
			!strings.HasPrefix(body, "LA_Code,") || strings.Count(strings.TrimSpace(body), "\n") != 2 {
			t.Errorf("the file: %d %s\n%s", res.StatusCode, res.Header.Get("Content-Type"), body)
		}
		for _, id := range []string{good.ID, bad.ID} {
			if got := actions(t, site, id); got[len(got)-1] != string(accesslog.Export) {
				t.Errorf("%s's access log after the file: %v", id, got)
			}
		}

		// The other council's return holds none of A's people.
		res, body = ask(other, "GET", api.ReturnsPath+"/2026-Q3", "")
		if res.StatusCode != http.StatusOK || strings.Contains(body, bad.ID) || strings.Contains(body, `"people":2`) {
			t.Errorf("the other council's report: %d %s", res.StatusCode, body)
		}
		res, body = ask(other, "GET", api.ReturnsPath+"/2026-Q3/return.csv", "")
		if res.StatusCode != http.StatusOK || strings.Contains(body, good.ID) {
			t.Errorf("the other council's file: %d %s", res.StatusCode, body)
		}

		// The roles that do not see the whole council, and addresses that are not a return.
		for _, role := range []councils.Role{councils.Practitioner, councils.TeamManager, councils.Finance, councils.DirectoryEditor} {
			for _, path := range []string{"/2026-Q3", "/2026-Q3/return.csv"} {
				res, body := ask(site.A.Staff[role], "GET", api.ReturnsPath+path, "")
				problemOf(t, string(role)+" "+path, res, body, http.StatusForbidden, nil)
			}
		}
		res, body = ask(lead, "GET", api.ReturnsPath+"/2019-Q1", "")
		problemOf(t, "a quarter before the return began", res, body, http.StatusUnprocessableEntity, []string{"quarter"})
		res, body = ask(lead, "GET", api.ReturnsPath+"/2026-Q3/return.csv?allow_rejects=perhaps", "")
		problemOf(t, "allow_rejects that is not true or false", res, body, http.StatusUnprocessableEntity, []string{"allow_rejects"})
	})
}
