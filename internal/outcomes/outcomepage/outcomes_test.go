package outcomepage_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/conversations/conversationstest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// threadFingerprint sums what a person's aspirations, outcomes and solutions hold, so a scenario can tell whether
// anything changed.
func threadFingerprint(t *testing.T, db *sqldb.DB, councilID, personID string) string {
	t.Helper()
	var out []string
	err := db.InTx(sqldb.WithCouncil(context.Background(), councilID), func(tx *sqldb.Tx) error {
		for _, table := range []string{"aspiration", "outcome", "solution"} {
			var n, versions int
			if err := tx.QueryRowContext(context.Background(), `SELECT count(*), COALESCE(sum(version), 0) FROM `+table+`
				WHERE council_id = $1 AND person_id = $2`, councilID, personID).Scan(&n, &versions); err != nil {
				return err
			}
			out = append(out, table+":"+strconv.Itoa(n)+"/"+strconv.Itoa(versions))
		}
		var links int
		if err := tx.QueryRowContext(context.Background(), `SELECT count(*) FROM solution_outcome so JOIN solution s
			ON s.council_id = so.council_id AND s.id = so.solution_id WHERE so.council_id = $1 AND s.person_id = $2`, councilID, personID).Scan(&links); err != nil {
			return err
		}
		out = append(out, "links:"+strconv.Itoa(links))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}

// threadFixture is what each scenario starts from: a person in council A with an episode, a long-term aspiration,
// a draft outcome and a community solution serving it, and an episode of someone else.
type threadFixture struct {
	person                                             people.Person
	episode, otherEpisode                              string
	aspiration, outcome, solution                      string
	aspirationVersion, outcomeVersion, solutionVersion int
}

func TestOutcomeAndSolutionPagesKeepCouncilsApartAndLogAccess(t *testing.T) {
	t.Parallel()
	smart := func(version string) url.Values {
		return url.Values{"version": {version}, "different": {"I get to my allotment twice a week"}, "aspiration_id": {"{aspiration}"},
			"how_we_know": {"Ada says so, and the society's book shows her visits"}, "by_when-day": {"30"}, "by_when-month": {"9"},
			"by_when-year": {"2026"}, "who_involved": {"Ada, Ben, the allotment society"}, "wellbeing_areas": {"b", "e"},
			"expected": {"Twice a week"}, "level_plus1": {"Three times a week"}, "baseline": {"-2"}, "importance": {"3"}, "difficulty": {"2"}}
	}
	with := func(v url.Values, key, value string) url.Values {
		v.Set(key, value)
		return v
	}
	community := func(version string) url.Values {
		return url.Values{"version": {version}, "outcome_ids": {"{outcome}"}, "rung": {"community"}, "description": {"The allotment society's buddy scheme"}}
	}
	reablement := url.Values{"version": {"0"}, "outcome_ids": {"{outcome}"}, "rung": {"reablement"}, "description": {"Six weeks of reablement"}}
	type sc struct {
		name       string
		method     string
		path       string
		form       url.Values
		as         func(s *apptest.Site) councils.Staff
		wantStatus int
		wantBody   []string
		wantLog    []accesslog.Action
		unchanged  bool
	}
	const (
		asp = "/people/{id}/aspirations/{aspiration}"
		out = "/people/{id}/episodes/{episode}/outcomes"
		sol = "/people/{id}/episodes/{episode}/solutions"
	)
	view, create, update := []accesslog.Action{accesslog.View}, []accesslog.Action{accesslog.Create}, []accesslog.Action{accesslog.Update}
	scenarios := []sc{
		// Aspirations.
		{name: "new aspiration form", method: "GET", path: "/people/{id}/aspirations/new?episode={episode}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Add an aspiration", "Ada Testperson"}, wantLog: view},
		{name: "new aspiration form from another council", method: "GET", path: "/people/{id}/aspirations/new?episode={episode}", as: apptest.BWorker, wantStatus: 404},
		{name: "new aspiration in someone else's episode", method: "GET", path: "/people/{id}/aspirations/new?episode={other}", as: apptest.AWorker, wantStatus: 404},
		{name: "add an aspiration", method: "POST", path: "/people/{id}/aspirations/new?episode={episode}", form: url.Values{"term": {"short"}, "words": {"To see my grandson play football"}}, as: apptest.AWorker, wantStatus: 303, wantLog: create},
		{name: "add an aspiration from another council", method: "POST", path: "/people/{id}/aspirations/new?episode={episode}", form: url.Values{"term": {"short"}, "words": {"Intruded"}}, as: apptest.BWorker, wantStatus: 404, unchanged: true},
		{name: "add an aspiration with no words", method: "POST", path: "/people/{id}/aspirations/new?episode={episode}", form: url.Values{"term": {"long"}, "words": {" "}}, as: apptest.AWorker, wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-words"`, "Enter the person&#39;s hope in their own words"}, wantLog: view, unchanged: true},
		{name: "add an aspiration as finance", method: "POST", path: "/people/{id}/aspirations/new?episode={episode}", form: url.Values{"term": {"short"}, "words": {"x"}}, as: apptest.AFinance, wantStatus: 403, unchanged: true},
		{name: "change aspiration form", method: "GET", path: asp, as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Change an aspiration", "To walk to the allotment again"}, wantLog: view},
		{name: "change aspiration form from another council", method: "GET", path: asp, as: apptest.BWorker, wantStatus: 404},
		{name: "change an aspiration", method: "POST", path: asp, form: url.Values{"version": {"{aspiration-version}"}, "term": {"long"}, "words": {"To grow my own vegetables again"}, "episode": {"{episode}"}}, as: apptest.AWorker, wantStatus: 303, wantLog: update},
		{name: "a stale change of an aspiration", method: "POST", path: asp, form: url.Values{"version": {"0"}, "term": {"long"}, "words": {"Typed while someone else saved"}}, as: apptest.AWorker, wantStatus: 409, wantBody: []string{"Someone else changed this aspiration", "Typed while someone else saved", "To walk to the allotment again"}, wantLog: view, unchanged: true},
		{name: "change an aspiration from another council", method: "POST", path: asp, form: url.Values{"version": {"1"}, "term": {"long"}, "words": {"Hijacked"}}, as: apptest.BWorker, wantStatus: 404, unchanged: true},

		// The outcomes list.
		{name: "outcomes", method: "GET", path: out, as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Aspirations and outcomes", "To walk to the allotment again", "I get to my allotment", "Not SMART yet", "Missing:", "how everyone will know; who is involved; by when; the expected level"}, wantLog: view},
		{name: "outcomes from another council", method: "GET", path: out, as: apptest.BWorker, wantStatus: 404},
		{name: "outcomes of someone else's episode", method: "GET", path: "/people/{id}/episodes/{other}/outcomes", as: apptest.AWorker, wantStatus: 404},
		{name: "outcomes by finance", method: "GET", path: out, as: apptest.AFinance, wantStatus: 404},
		{name: "outcomes outside my team asks for a reason", method: "GET", path: out, as: apptest.ASouth, wantStatus: 303},

		// Adding and changing an outcome.
		{name: "new outcome form", method: "GET", path: out + "/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Add an outcome", "Managing and maintaining nutrition", "Personal dignity"}, wantLog: view},
		{name: "new outcome form from another council", method: "GET", path: out + "/new", as: apptest.BWorker, wantStatus: 404},
		{name: "add a draft outcome", method: "POST", path: out + "/new", form: url.Values{"different": {"I cook my own tea"}, "aspiration_id": {"none"}}, as: apptest.AWorker, wantStatus: 303, wantLog: create},
		{name: "add a SMART outcome", method: "POST", path: out + "/new", form: smart("0"), as: apptest.AWorker, wantStatus: 303, wantLog: create},
		{name: "add an outcome with nothing different", method: "POST", path: out + "/new", form: url.Values{"different": {""}, "by_when-day": {"31"}, "by_when-month": {"2"}, "by_when-year": {"2026"}}, as: apptest.AWorker, wantStatus: 422, wantBody: []string{`href="#f-different"`, "Enter what will be different", "must be a real date"}, wantLog: view, unchanged: true},
		{name: "add an outcome from another council", method: "POST", path: out + "/new", form: url.Values{"different": {"Intruded"}}, as: apptest.BWorker, wantStatus: 404, unchanged: true},
		{name: "add an outcome in someone else's episode", method: "POST", path: "/people/{id}/episodes/{other}/outcomes/new", form: url.Values{"different": {"Misplaced"}}, as: apptest.AWorker, wantStatus: 404, unchanged: true},
		{name: "change outcome form", method: "GET", path: out + "/{outcome}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Change an outcome", "Missing: how everyone will know", "I get to my allotment twice a week"}, wantLog: view},
		{name: "change outcome form from another council", method: "GET", path: out + "/{outcome}", as: apptest.BWorker, wantStatus: 404},
		{name: "an outcome under another episode", method: "GET", path: "/people/{id}/episodes/{other}/outcomes/{outcome}", as: apptest.AWorker, wantStatus: 404},
		{name: "complete an outcome to SMART", method: "POST", path: out + "/{outcome}", form: smart("{outcome-version}"), as: apptest.AWorker, wantStatus: 303, wantLog: update},
		{name: "a stale change of an outcome", method: "POST", path: out + "/{outcome}", form: with(smart("0"), "different", "Typed over their change"), as: apptest.AWorker, wantStatus: 409, wantBody: []string{"Someone else changed this outcome", "Typed over their change"}, wantLog: view, unchanged: true},
		{name: "change an outcome from another council", method: "POST", path: out + "/{outcome}", form: smart("1"), as: apptest.BWorker, wantStatus: 404, unchanged: true},

		// The ladder.
		{name: "solutions", method: "GET", path: sol, as: apptest.AWorker, wantStatus: 200, wantBody: []string{"The person&#39;s own strengths", "Community and voluntary", "Residential or nursing care", "Ada&#39;s neighbour&#39;s gardening club", "Nothing on this rung"}, wantLog: view},
		{name: "solutions from another council", method: "GET", path: sol, as: apptest.BWorker, wantStatus: 404},
		{name: "solutions of someone else's episode", method: "GET", path: "/people/{id}/episodes/{other}/solutions", as: apptest.AWorker, wantStatus: 404},
		{name: "new solution form", method: "GET", path: sol + "/new", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Add a solution", "Which outcomes does it serve?", `name="lower_rungs_reason"`}, wantLog: view},
		{name: "new solution form from another council", method: "GET", path: sol + "/new", as: apptest.BWorker, wantStatus: 404},
		{name: "add a community solution", method: "POST", path: sol + "/new", form: community("0"), as: apptest.AWorker, wantStatus: 303, wantLog: create},
		{name: "add reablement without a reason", method: "POST", path: sol + "/new", form: reablement, as: apptest.AWorker, wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-lower_rungs_reason"`, "Explain why the person&#39;s own strengths"}, wantLog: view, unchanged: true},
		{name: "add reablement with a reason", method: "POST", path: sol + "/new", form: with(url.Values{"version": {"0"}, "outcome_ids": {"{outcome}"}, "rung": {"reablement"}, "description": {"Six weeks of reablement"}}, "lower_rungs_reason", "Ben works away"), as: apptest.AWorker, wantStatus: 303, wantLog: create},
		{name: "add a solution serving nothing", method: "POST", path: sol + "/new", form: url.Values{"rung": {"network"}, "description": {"Ben visits"}}, as: apptest.AWorker, wantStatus: 422, wantBody: []string{`href="#f-outcome_ids"`, "Choose at least one outcome"}, wantLog: view, unchanged: true},
		{name: "add a solution from another council", method: "POST", path: sol + "/new", form: community("0"), as: apptest.BWorker, wantStatus: 404, unchanged: true},
		{name: "change solution form", method: "GET", path: sol + "/{solution}", as: apptest.AWorker, wantStatus: 200, wantBody: []string{"Change a solution", "gardening club"}, wantLog: view},
		{name: "change solution form from another council", method: "GET", path: sol + "/{solution}", as: apptest.BWorker, wantStatus: 404},
		{name: "change a solution", method: "POST", path: sol + "/{solution}", form: community("{solution-version}"), as: apptest.AWorker, wantStatus: 303, wantLog: update},
		{name: "a stale change of a solution", method: "POST", path: sol + "/{solution}", form: community("0"), as: apptest.AWorker, wantStatus: 409, wantBody: []string{"Someone else changed this solution", "The allotment society&#39;s buddy scheme"}, wantLog: view, unchanged: true},
		{name: "change a solution from another council", method: "POST", path: sol + "/{solution}", form: community("1"), as: apptest.BWorker, wantStatus: 404, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		worker := site.A.Staff[councils.Practitioner]
		council := site.A.Council.ID
		setUp := func(t *testing.T) threadFixture {
			var f threadFixture
			f.person = peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) { p.NHSNumber = "" }))
			f.episode = conversationstest.InsertEpisode(t, db, council, f.person.ID)
			someone := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) { p.NHSNumber, p.GivenName = "", "Someone" }))
			f.otherEpisode = conversationstest.InsertEpisode(t, db, council, someone.ID)
			ctx := peopletest.As(worker)
			a, err := site.App.Outcomes.AddAspiration(ctx, outcomes.Aspiration{PersonID: f.person.ID, EpisodeID: f.episode, Term: outcomes.LongTerm, Words: "To walk to the allotment again"})
			if err != nil {
				t.Fatal(err)
			}
			o, err := site.App.Outcomes.AddOutcome(ctx, outcomes.Outcome{PersonID: f.person.ID, EpisodeID: f.episode, AspirationID: a.ID, Different: "I get to my allotment twice a week"})
			if err != nil {
				t.Fatal(err)
			}
			s, err := site.App.Plans.AddSolution(ctx, plans.Solution{PersonID: f.person.ID, EpisodeID: f.episode, Rung: plans.Community, Description: "Ada's neighbour's gardening club", OutcomeIDs: []string{o.ID}})
			if err != nil {
				t.Fatal(err)
			}
			f.aspiration, f.outcome, f.solution = a.ID, o.ID, s.ID
			f.aspirationVersion, f.outcomeVersion, f.solutionVersion = 1, o.Version, s.Version
			return f
		}
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				f := setUp(t)
				fill := strings.NewReplacer("{id}", f.person.ID, "{episode}", f.episode, "{other}", f.otherEpisode,
					"{aspiration}", f.aspiration, "{outcome}", f.outcome, "{solution}", f.solution,
					"{aspiration-version}", strconv.Itoa(f.aspirationVersion), "{outcome-version}", strconv.Itoa(f.outcomeVersion),
					"{solution-version}", strconv.Itoa(f.solutionVersion))
				path := fill.Replace(sc.path)
				before := threadFingerprint(t, db, council, f.person.ID)
				staff := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = url.Values{}
					for k, vs := range sc.form {
						for _, v := range vs {
							form.Add(k, fill.Replace(v))
						}
					}
				}
				apptest.Ask(t, site, client(staff), staff, sc.method, path, form, f.person.ID, apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: nil, Log: sc.wantLog})
				after := threadFingerprint(t, db, council, f.person.ID)
				apptest.CheckChange(t, before, after, sc.unchanged, !sc.unchanged && sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}
