package demo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/thread"
)

// historyPeople is enough people for every journey and both deliberate breaks (one in 64 each) to appear.
const historyPeople = 200

var historyClock = func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }

// loadHistory makes a council with two teams and its staff, sets the demo threshold, loads the demo directory and
// adds historyPeople people with their history, as the command line does.
func loadHistory(t *testing.T, db *sqldb.DB, seed uint64) context.Context {
	t.Helper()
	return loadPeople(t, db, seed, historyPeople)
}

// loadPeople is loadHistory with n people.
func loadPeople(t *testing.T, db *sqldb.DB, seed uint64, n int) context.Context {
	t.Helper()
	c := peopletest.NewCouncil(t, db, historyCouncil(seed))
	ctx := historyContext(c.Council.ID)
	set := c.Council.Settings
	set.AuthorisationThresholdPence = Threshold
	if err := councils.NewStore(db).UpdateSettings(ctx, false, set, c.Council.Version); err != nil {
		t.Fatal(err)
	}
	staff := []councils.Staff{c.SouthWorker}
	for _, st := range c.Staff {
		staff = append(staff, st)
	}
	if err := AddDirectory(ctx, db, seed, DirectoryServices); err != nil {
		t.Fatal(err)
	}
	if err := AddPeople(ctx, db, []councils.Team{c.North, c.South}, staff, Options{People: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func historyCouncil(seed uint64) string { return "E0000000" + fmt.Sprint(seed%10) }

func historyContext(council string) context.Context {
	return accesslog.WithCommand(sqldb.WithCouncil(context.Background(), council), "goldenthread demo")
}

// sharedSeed is the seed of the history that the tests which only read it share: loaded once per engine for the
// package (dbtest.Shared), as loading one takes seconds.
const sharedSeed = 5

// eachSharedHistory runs fn on each engine's shared history, with the context of its council.
func eachSharedHistory(t *testing.T, fn func(t *testing.T, db *sqldb.DB, ctx context.Context)) {
	t.Helper()
	load := func(t *testing.T, db *sqldb.DB) { loadHistory(t, db, sharedSeed) }
	dbtest.EachShared(t, "history", dbtest.Options{Clock: historyClock}, load, func(t *testing.T, db *sqldb.DB) {
		c, err := councils.NewStore(db).CouncilByCode(context.Background(), historyCouncil(sharedSeed))
		if err != nil {
			t.Fatal(err)
		}
		fn(t, db, historyContext(c.ID))
	})
}

var historyTables = []string{"person", "contact", "episode", "episode_step", "conversation", "conversation_section", "strength",
	"aspiration", "outcome", "solution", "solution_outcome", "service", "service_outcome", "authorisation", "eligibility", "support_plan", "review", "review_rating", "review_service", "signpost", "person_event"}

// counts counts each table's rows: those of the council in ctx when ofCouncil, otherwise all of them.
func counts(t *testing.T, ctx context.Context, db *sqldb.DB, tables []string, ofCouncil bool) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		for _, table := range tables {
			query, args := `SELECT count(*) FROM `+table, []any{}
			if ofCouncil {
				query, args = query+` WHERE council_id = $1`, []any{tx.Council()}
			}
			var n int
			if err := tx.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
				return err
			}
			out[table] = n
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// texts reads one text column per row; the council is $1, then args.
func texts(t *testing.T, ctx context.Context, db *sqldb.DB, query string, args ...any) []string {
	t.Helper()
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return dbtest.Column[string](t, db, council, query, append([]any{council}, args...)...)
}

// firstRecords are the first people's first records, in an order that does not depend on IDs.
const firstRecords = `SELECT p.nhs_number || '|' || COALESCE(p.worker_id IS NOT NULL, FALSE) || '|' || c.contacted_on || '|' || c.route_of_access || '|' || c.reason || '|' ||
		e.result || '|' || e.ended_step || '|' || (SELECT count(*) FROM outcome o WHERE o.council_id = e.council_id AND o.episode_id = e.id) || '|' ||
		(SELECT count(*) FROM solution s WHERE s.council_id = e.council_id AND s.episode_id = e.id) || '|' ||
		(SELECT count(*) FROM signpost s WHERE s.council_id = e.council_id AND s.episode_id = e.id)
	FROM episode e JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id
	WHERE e.council_id = $1 ORDER BY p.nhs_number, e.opened_on LIMIT 40`

func TestHistoryIsDeterministic(t *testing.T) {
	t.Parallel()
	dbtest.EachWith(t, dbtest.Options{Clock: historyClock}, func(t *testing.T, db *sqldb.DB) {
		ctx := loadHistory(t, db, 3)
		again := dbtest.Open(t, db.Engine(), dbtest.Options{Clock: historyClock})
		ctx2 := loadHistory(t, again, 3)
		one, two := counts(t, ctx, db, historyTables, true), counts(t, ctx2, again, historyTables, true)
		for _, table := range historyTables {
			if one[table] != two[table] {
				t.Errorf("%s: %d rows, then %d with the same seed", table, one[table], two[table])
			}
			if one[table] == 0 {
				t.Errorf("%s: no rows", table)
			}
		}
		a, b := texts(t, ctx, db, firstRecords), texts(t, ctx2, again, firstRecords)
		if strings.Join(a, "\n") != strings.Join(b, "\n") || len(a) < 40 {
			t.Errorf("the first records differ with the same seed:\n%s\nthen\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
		other := dbtest.Open(t, db.Engine(), dbtest.Options{Clock: historyClock})
		ctx3 := loadHistory(t, other, 4)
		if c := texts(t, ctx3, other, firstRecords); strings.Join(a, "\n") == strings.Join(c, "\n") {
			t.Error("another seed made the same records")
		}
	})
}

func TestHistoryIsPlausible(t *testing.T) {
	t.Parallel()
	eachSharedHistory(t, func(t *testing.T, db *sqldb.DB, ctx context.Context) {

		t.Run("every outcome is SMART", func(t *testing.T) {
			os := readOutcomes(t, ctx, db)
			if len(os) < historyPeople/4 {
				t.Fatalf("only %d outcomes", len(os))
			}
			for _, o := range os {
				if !o.IsSMART() || len(o.Validate()) > 0 {
					t.Errorf("outcome %q is missing %s: %v", o.Different, o.MissingText(), o.Validate())
				}
				if o.LevelMinus2 == "" || o.LevelMinus1 == "" || o.LevelPlus1 == "" || o.LevelPlus2 == "" || o.Baseline == 0 {
					t.Errorf("outcome %q has no full Goal Attainment Scale", o.Different)
				}
			}
		})

		t.Run("the ladder: least intrusive most, every higher rung with its reason", func(t *testing.T) {
			byRung := map[plans.Rung]int{}
			total := 0
			for _, row := range texts(t, ctx, db, `SELECT s.rung || '|' || s.lower_rungs_reason || '|' ||
					(SELECT count(*) FROM solution_outcome so WHERE so.council_id = s.council_id AND so.solution_id = s.id)
				FROM solution s WHERE s.council_id = $1`) {
				f := strings.Split(row, "|")
				r, err := plans.ParseRung(f[0])
				if err != nil {
					t.Fatal(err)
				}
				byRung[r]++
				total++
				if r.NeedsLowerRungReason() && strings.TrimSpace(f[1]) == "" {
					t.Errorf("a %s solution has no reason", r)
				}
				if f[2] == "0" {
					t.Errorf("a %s solution serves no outcome", r)
				}
			}
			lower := byRung[plans.OwnStrengths] + byRung[plans.Network] + byRung[plans.Community] + byRung[plans.InformationAdvice]
			if share := float64(lower) / float64(total); share < 0.6 {
				t.Errorf("the lower rungs are %.0f%% of solutions, want most: %v", 100*share, byRung)
			}
			for _, low := range []plans.Rung{plans.OwnStrengths, plans.Network, plans.Community} {
				for _, high := range []plans.Rung{plans.Technology, plans.OngoingSupport, plans.Residential} {
					if byRung[low] <= byRung[high] {
						t.Errorf("%s (%d) used no more than %s (%d)", low, byRung[low], high, byRung[high])
					}
				}
			}
			if share := float64(byRung[plans.Residential]) / float64(total); share > 0.05 || byRung[plans.Residential] == 0 {
				t.Errorf("residential care is %d of %d solutions, want a few", byRung[plans.Residential], total)
			}
		})

		t.Run("results in plausible proportions", func(t *testing.T) {
			results := texts(t, ctx, db, `SELECT e.result || '|' || e.ended_step || '|' ||
					(SELECT count(*) FROM service s WHERE s.council_id = e.council_id AND s.episode_id = e.id AND s.long_term = TRUE)
				FROM episode e WHERE e.council_id = $1`)
			n := float64(len(results))
			if n < historyPeople {
				t.Fatalf("only %d episodes for %d people", len(results), historyPeople)
			}
			share := map[string]float64{}
			for _, r := range results {
				f := strings.Split(r, "|")
				switch {
				case f[2] != "0":
					share["long-term support"]++
				case f[0] == codelists.EventOutcomeInformationAdvice && f[1] == "1", f[0] == codelists.EventOutcomeNHS, f[0] == codelists.EventOutcomeOtherCouncilService:
					share["front door"]++
				case f[0] == codelists.EventOutcomeReablement:
					share["reablement"]++
				case f[0] == "NFA: No services offered for other reason":
					share["no eligible needs"]++
				case f[0] == codelists.EventOutcomeSupportDeclined, f[0] == codelists.EventOutcomeMovedLA, f[0] == codelists.EventOutcomeSelfFunded, f[0] == "NFA: Deceased":
					share["declined, moved or died"]++
				}
			}
			for k, want := range map[string][2]float64{
				"front door": {0.30, 0.55}, "reablement": {0.10, 0.30}, "long-term support": {0.05, 0.25},
				"no eligible needs": {0.03, 0.20}, "declined, moved or died": {0.02, 0.15},
			} {
				if got := share[k] / n; got < want[0] || got > want[1] {
					t.Errorf("%s is %.0f%% of episodes, want %.0f%% to %.0f%%", k, 100*got, 100*want[0], 100*want[1])
				}
			}
		})

		t.Run("services cost what they should and are authorised above the threshold", func(t *testing.T) {
			for _, row := range texts(t, ctx, db, `SELECT s.service_type || '|' || s.component || '|' || s.weekly_cost_pence || '|' || COALESCE(CAST(s.end_on AS TEXT), '') || '|' ||
					s.long_term || '|' || s.status || '|' ||
					(SELECT count(*) FROM service_outcome so WHERE so.council_id = s.council_id AND so.service_id = s.id) || '|' ||
					COALESCE((SELECT a.decision || ',' || a.decided_by || ',' || a.requested_by FROM authorisation a WHERE a.council_id = s.council_id AND a.service_id = s.id), 'none')
				FROM service s WHERE s.council_id = $1`) {
				f := strings.Split(row, "|")
				var weekly int64
				fmt.Sscan(f[2], &weekly)
				pounds := weekly / 100
				switch f[1] {
				case "Reablement":
					if f[3] == "" || pounds < 100 || pounds > 400 {
						t.Errorf("reablement should be short term with an end, about £100 to £400 a week: %s", row)
					}
				case "Home support or domiciliary care":
					if pounds < 180 || pounds > 650 {
						t.Errorf("home care should be about £200 to £600 a week: %s", row)
					}
				case "Long term residential care", "Long term nursing care":
					if pounds < 900 || pounds > 1400 {
						t.Errorf("a care home should be about £900 to £1,400 a week: %s", row)
					}
				}
				if f[6] == "0" {
					t.Errorf("a service serves no outcome: %s", row)
				}
				needs := plans.RequiresAuthorisation(weekly, Threshold)
				switch {
				case needs && f[7] == "none":
					t.Errorf("a service above the threshold was never authorised: %s", row)
				case !needs && f[7] != "none":
					t.Errorf("a service under the threshold has an authorisation: %s", row)
				case needs && f[5] == string(plans.AwaitingAuthorisation) && !strings.HasPrefix(f[7], ","):
					t.Errorf("a service awaiting authorisation has a decision: %s", row)
				case needs && f[5] != string(plans.AwaitingAuthorisation):
					d := strings.Split(f[7], ",")
					if d[0] != string(plans.DecideAuthorise) || d[1] == "" || d[1] == d[2] {
						t.Errorf("an authorised service was not decided by someone else: %s", row)
					}
				}
			}
			managers := texts(t, ctx, db, `SELECT DISTINCT a.decided_by FROM authorisation a WHERE a.council_id = $1 AND a.decided_by <> ''`)
			roles := texts(t, ctx, db, `SELECT DISTINCT s.role FROM authorisation a JOIN staff s ON s.council_id = a.council_id AND s.id = a.decided_by WHERE a.council_id = $1`)
			if len(managers) == 0 || len(roles) != 1 || roles[0] != string(councils.TeamManager) {
				t.Errorf("authorisations were decided by %v (roles %v), want team managers", managers, roles)
			}
		})

		t.Run("each episode has its chronology and each person one more access-log entry", func(t *testing.T) {
			bare := texts(t, ctx, db, `SELECT e.id FROM episode e WHERE e.council_id = $1 AND NOT EXISTS (SELECT 1 FROM person_event v
				WHERE v.council_id = e.council_id AND v.episode_id = e.id AND v.kind = 'contact' AND v.ref_id = e.contact_id)`)
			if len(bare) > 0 {
				t.Errorf("%d episodes have no contact in the chronology", len(bare))
			}
			if _, err := accesslog.NewStore(db).Seal(ctx); err != nil {
				t.Fatal(err)
			}
			logged := texts(t, ctx, db, `SELECT CAST(count(*) AS TEXT) FROM access_log WHERE council_id = $1 AND action = 'create' AND route = 'goldenthread demo'`)
			if logged[0] != fmt.Sprint(2*historyPeople) {
				t.Errorf("%s access-log entries, want %d: one for each person added and one for their history", logged[0], 2*historyPeople)
			}
			r, err := accesslog.NewStore(db).Verify(ctx)
			if err != nil || r.Broken {
				t.Errorf("the access log's chain is broken: %+v, %v", r, err)
			}
		})

		t.Run("the thread breaks only where it was broken on purpose", func(t *testing.T) {
			want := map[string]thread.Kind{}
			for n := range historyPeople {
				switch imperfectionOf(n) {
				case unservedGoal:
					want[nhsNumber(n)] = thread.NoSolution
				case pastEndRunning:
					want[nhsNumber(n)] = thread.RunningPastEnd
				}
			}
			if len(want) < 4 {
				t.Fatalf("only %d people carry a deliberate break", len(want))
			}
			episodes := map[string]string{} // episode ID → NHS number
			for _, row := range texts(t, ctx, db, `SELECT e.id || '|' || p.nhs_number FROM episode e
					JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id WHERE e.council_id = $1`) {
				f := strings.Split(row, "|")
				episodes[f[0]] = f[1]
			}
			ids := make([]string, 0, len(episodes))
			for id := range episodes {
				ids = append(ids, id)
			}
			got := map[string]thread.Kind{}
			err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
				for start := 0; start < len(ids); start += 200 {
					data, err := thread.Load(ctx, tx, ids[start:min(len(ids), start+200)])
					if err != nil {
						return err
					}
					for id, d := range data {
						v := thread.Build(d)
						if len(v.Breaks) == 0 {
							continue
						}
						nhs := episodes[id]
						if len(v.Breaks) != 1 || got[nhs] != "" {
							t.Errorf("person %s, episode %s: breaks %+v", nhs, id, v.Breaks)
						}
						got[nhs] = v.Breaks[0].Kind
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for nhs, k := range want {
				if got[nhs] != k {
					t.Errorf("person %s: break %q, want %q", nhs, got[nhs], k)
				}
			}
			for nhs, k := range got {
				if want[nhs] == "" {
					t.Errorf("person %s has a break nobody meant: %q", nhs, k)
				}
			}
		})

		t.Run("support plans are in the plans package's own format", func(t *testing.T) {
			type plan struct{ person, episode, status, snapshot, open string }
			var list []plan
			for _, row := range texts(t, ctx, db, `SELECT sp.person_id || '|' || sp.episode_id || '|' || sp.status || '|' || e.result || '|' || sp.snapshot
				FROM support_plan sp JOIN episode e ON e.council_id = sp.council_id AND e.id = sp.episode_id WHERE sp.council_id = $1`) {
				f := strings.SplitN(row, "|", 5)
				list = append(list, plan{person: f[0], episode: f[1], status: f[2], open: f[3], snapshot: f[4]})
			}
			agreed, compared := 0, 0
			err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
				for _, p := range list {
					snap, err := plans.ParseSnapshot(p.snapshot)
					if err != nil || snap.Format != plans.SnapshotFormat || len(snap.Outcomes) == 0 || snap.TakenAt.IsZero() {
						t.Errorf("plan of episode %s: snapshot %v, %v", p.episode, snap, err)
						continue
					}
					if p.status == string(plans.PlanAgreed) {
						agreed++
					}
					if p.open != "" || p.status != string(plans.PlanAgreed) {
						continue
					}
					// A plan agreed in an episode still open holds what the owner's snapshot of it holds today.
					now, err := plans.TakeSnapshot(ctx, tx, p.person, p.episode)
					if err != nil {
						return err
					}
					if len(now.Outcomes) != len(snap.Outcomes) {
						continue // an outcome agreed since, on purpose
					}
					compared++
					for _, ids := range [][2][]string{
						{outcomeIDs(snap), outcomeIDs(now)}, {solutionIDs(snap), solutionIDs(now)}, {serviceIDs(snap), serviceIDs(now)},
					} {
						if strings.Join(sorted(ids[0]), ",") != strings.Join(sorted(ids[1]), ",") {
							t.Errorf("plan of episode %s holds %v, the owner's snapshot %v", p.episode, ids[0], ids[1])
						}
					}
					if len(snap.Strengths) != len(now.Strengths) {
						t.Errorf("plan of episode %s holds %d strengths, the owner's snapshot %d (every strength on the person's record)",
							p.episode, len(snap.Strengths), len(now.Strengths))
					}
					if snap.WhatMatters != now.WhatMatters || len(snap.Aspirations) != len(now.Aspirations) {
						t.Errorf("plan of episode %s: what matters %q and %d hopes, the owner's snapshot %q and %d",
							p.episode, snap.WhatMatters, len(snap.Aspirations), now.WhatMatters, len(now.Aspirations))
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if agreed < historyPeople/10 || compared < 5 {
				t.Errorf("%d agreed plans, %d compared with the owner's snapshot", agreed, compared)
			}
		})

		t.Run("reviews: T-scores as the reviews package works them out, some overdue and some due soon", func(t *testing.T) {
			weights := map[string]float64{}
			for _, o := range readOutcomes(t, ctx, db) {
				weights[o.ID] = o.Weight()
			}
			scores := map[string][]outcomes.Scored{}
			stored := map[string]float64{}
			for _, row := range texts(t, ctx, db, `SELECT r.id || '|' || CAST(r.gas_t_score AS TEXT) || '|' || rr.outcome_id || '|' || rr.level
				FROM review r JOIN review_rating rr ON rr.council_id = r.council_id AND rr.review_id = r.id
				WHERE r.council_id = $1 AND r.status = 'completed'`) {
				f := strings.Split(row, "|")
				var score float64
				var level int
				fmt.Sscan(f[1], &score)
				fmt.Sscan(f[3], &level)
				stored[f[0]] = score
				scores[f[0]] = append(scores[f[0]], outcomes.Scored{Level: outcomes.Level(level), Weight: weights[f[2]]})
			}
			if len(stored) < historyPeople/10 {
				t.Errorf("only %d reviews held", len(stored))
			}
			for id, ss := range scores {
				want, err := outcomes.TScore(ss, outcomes.DefaultRho)
				if err != nil || math.Abs(want-stored[id]) > 0.001 {
					t.Errorf("review %s: T-score %.3f, want %.3f (%v)", id, stored[id], want, err)
				}
			}
			today := sqldb.UKDate(historyClock())
			due := map[reviews.DueStatus]int{}
			for _, d := range texts(t, ctx, db, `SELECT CAST(due_on AS TEXT) FROM review WHERE council_id = $1 AND status = 'scheduled'`) {
				on, err := sqldb.ParseDate(d)
				if err != nil {
					t.Fatal(err)
				}
				due[reviews.Status(on, today)]++
			}
			if due[reviews.Overdue] == 0 || due[reviews.Due] == 0 || due[reviews.NotDue] == 0 {
				t.Errorf("scheduled reviews by when they fall due: %v, want some overdue, some due soon and some later", due)
			}
			if due[reviews.Overdue] > due[reviews.NotDue] {
				t.Errorf("more reviews overdue than not yet due: %v", due)
			}
		})

		t.Run("each person's strengths are distinct", func(t *testing.T) {
			if dups := texts(t, ctx, db, `SELECT p.nhs_number || ': ' || s.person_words FROM strength s
				JOIN person p ON p.council_id = s.council_id AND p.id = s.person_id
				WHERE s.council_id = $1 GROUP BY p.id, p.nhs_number, s.person_words HAVING count(*) > 1`); len(dups) > 0 {
				t.Errorf("%d strengths recorded twice for the same person, such as %q", len(dups), dups[0])
			}
			if many := texts(t, ctx, db, `SELECT person_id FROM strength WHERE council_id = $1 GROUP BY person_id, kind HAVING count(*) > 1`); len(many) == 0 {
				t.Error("nobody has two strengths of a kind, so distinctness was never tested")
			}
		})

		t.Run("community solutions signpost to services near the person that fit", func(t *testing.T) {
			community, linked := 0, 0
			for _, row := range texts(t, ctx, db, `SELECT s.directory_service_id || '|' || COALESCE(d.name, '') || '|' ||
					(SELECT count(*) FROM signpost sp WHERE sp.council_id = s.council_id AND sp.solution_id = s.id
						AND sp.directory_service_id = s.directory_service_id) || '|' ||
					COALESCE((SELECT min(o.different) FROM solution_outcome so JOIN outcome o ON o.council_id = so.council_id AND o.id = so.outcome_id
						WHERE so.council_id = s.council_id AND so.solution_id = s.id), '')
				FROM solution s LEFT JOIN directory_service d ON d.council_id = s.council_id AND d.id = s.directory_service_id
				WHERE s.council_id = $1 AND s.rung = $2`, plans.Community.String()) {
				f := strings.Split(row, "|")
				community++
				if f[0] == "" {
					continue
				}
				linked++
				if f[1] == "" || f[2] != "1" {
					t.Errorf("a community solution links to service %q (%q) with %s signposts, want one", f[0], f[1], f[2])
				}
				if th, ok := themeOf(f[3]); !ok || !slices.ContainsFunc(th.services, func(k string) bool { return strings.HasSuffix(f[1], " "+k) }) {
					t.Errorf("%q was signposted for %q, which it does not fit", f[1], f[3])
				}
			}
			if share := float64(linked) / float64(community); share < 0.6 || share > 0.95 {
				t.Errorf("%d of %d community solutions use a directory service, want most but not all", linked, community)
			}
			var far, all int
			for _, row := range texts(t, ctx, db, `SELECT CAST(pc.latitude AS TEXT) || '|' || CAST(pc.longitude AS TEXT) || '|' ||
					CAST(l.latitude AS TEXT) || '|' || CAST(l.longitude AS TEXT)
				FROM signpost sp JOIN person p ON p.council_id = sp.council_id AND p.id = sp.person_id
				JOIN postcode pc ON pc.postcode = p.postcode
				JOIN directory_service_at_location sl ON sl.council_id = sp.council_id AND sl.service_id = sp.directory_service_id
				JOIN directory_location l ON l.council_id = sl.council_id AND l.id = sl.location_id
				WHERE sp.council_id = $1`) {
				var a, b postcodes.Point
				fmt.Sscanf(strings.ReplaceAll(row, "|", " "), "%g %g %g %g", &a.Latitude, &a.Longitude, &b.Latitude, &b.Longitude)
				all++
				if postcodes.Distance(a, b) > 5*1609.344 {
					far++
				}
			}
			if all < historyPeople/2 || far*10 > all {
				t.Errorf("%d of %d signposts are to services more than 5 miles from the person's home", far, all)
			}
		})

		t.Run("signposts are followed up: most helped, a few follow-ups overdue", func(t *testing.T) {
			today := sqldb.UKDate(historyClock())
			results := map[frontdoor.Helped]int{}
			var due, overdue, pending, followed int
			for _, row := range texts(t, ctx, db, `SELECT CAST(sp.signposted_on AS TEXT) || '|' || CAST(sp.follow_up_on AS TEXT) || '|' ||
					COALESCE(CAST(sp.followed_up_on AS TEXT), '') || '|' || sp.follow_up_result || '|' || e.result || '|' ||
					(SELECT count(*) FROM person_event v WHERE v.council_id = sp.council_id AND v.ref_id = sp.id AND v.kind = $2) || '|' ||
					sp.follow_up_note
				FROM signpost sp JOIN episode e ON e.council_id = sp.council_id AND e.id = sp.episode_id WHERE sp.council_id = $1`, string(chronology.Signpost)) {
				f := strings.SplitN(row, "|", 7)
				on, _ := sqldb.ParseDate(f[0])
				followUp, _ := sqldb.ParseDate(f[1])
				if !followUp.After(on.Time) {
					t.Errorf("a follow-up due %s for a signpost on %s", f[1], f[0])
				}
				events := "1"
				switch {
				case f[3] != "":
					followed++
					events = "2"
					results[frontdoor.Helped(f[3])]++
					done, _ := sqldb.ParseDate(f[2])
					if err := (frontdoor.FollowUp{On: done, Result: frontdoor.Helped(f[3]), Note: f[6]}).Validate(on, today.Time); len(err) > 0 {
						t.Errorf("a follow-up as its form would refuse it: %s (%v)", row, err)
					}
				case followUp.Before(today.Time):
					overdue++
					if f[4] != "" || followUp.Before(today.AddDate(0, 0, -31)) {
						t.Errorf("a follow-up overdue since %s in an episode ended (%q), or long ago", f[1], f[4])
					}
				default:
					pending++
				}
				if followUp.Before(today.Time) {
					due++
				}
				if f[5] != events {
					t.Errorf("a signpost with %s chronology events, want %s: %s", f[5], events, row)
				}
			}
			if followed < historyPeople/4 || pending == 0 {
				t.Fatalf("%d signposts followed up and %d not yet due", followed, pending)
			}
			for h, want := range map[frontdoor.Helped][2]float64{
				frontdoor.HelpedYes: {0.35, 0.65}, frontdoor.HelpedPartly: {0.10, 0.30}, frontdoor.DidNotHelp: {0.04, 0.20},
				frontdoor.DidNotGo: {0.04, 0.20}, frontdoor.NotReached: {0.02, 0.15},
			} {
				if got := float64(results[h]) / float64(followed); got < want[0] || got > want[1] {
					t.Errorf("%s in %.0f%% of follow-ups, want %.0f%% to %.0f%%", h.Label(), 100*got, 100*want[0], 100*want[1])
				}
			}
			if overdue == 0 || overdue*10 > due {
				t.Errorf("%d follow-ups overdue of %d due, want a few", overdue, due)
			}
		})

		t.Run("people in the middle of something are allocated", func(t *testing.T) {
			loose := texts(t, ctx, db, `SELECT e.id FROM episode e JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
				WHERE e.council_id = $1 AND e.result = '' AND (p.worker_id IS NULL OR e.worker_id IS NULL OR e.worker_id <> p.worker_id)`)
			if len(loose) > 0 {
				t.Errorf("%d open episodes are not with the person's allocated worker", len(loose))
			}
			open := texts(t, ctx, db, `SELECT CAST(count(*) AS TEXT) FROM episode WHERE council_id = $1 AND result = ''`)
			allocated := texts(t, ctx, db, `SELECT CAST(count(*) AS TEXT) FROM person WHERE council_id = $1 AND worker_id IS NOT NULL`)
			if open[0] != allocated[0] {
				t.Errorf("%s open episodes but %s people allocated", open[0], allocated[0])
			}
		})
	})
}

func readOutcomes(t *testing.T, ctx context.Context, db *sqldb.DB) []outcomes.Outcome {
	t.Helper()
	var out []outcomes.Outcome
	err := db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(aspiration_id, ''), different, how_we_know, by_when, who_involved, wellbeing_areas,
			eligibility_outcomes, level_minus2, level_minus1, level_expected, level_plus1, level_plus2, baseline, importance, difficulty, status
			FROM outcome WHERE council_id = $1`, tx.Council())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o outcomes.Outcome
			var areas, codes, status string
			var baseline int
			if err := rows.Scan(&o.ID, &o.AspirationID, &o.Different, &o.HowWeKnow, &o.ByWhen, &o.WhoInvolved, &areas, &codes,
				&o.LevelMinus2, &o.LevelMinus1, &o.Expected, &o.LevelPlus1, &o.LevelPlus2, &baseline, &o.Importance, &o.Difficulty, &status); err != nil {
				return err
			}
			o.Baseline, o.Status = outcomes.Level(baseline), outcomes.Status(status)
			if areas != "" {
				o.WellbeingAreas = strings.Split(areas, "\n")
			}
			if codes != "" {
				o.EligibilityOutcomes = strings.Split(codes, "\n")
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func outcomeIDs(s plans.Snapshot) []string {
	var out []string
	for _, o := range s.Outcomes {
		out = append(out, o.ID)
	}
	return out
}

func solutionIDs(s plans.Snapshot) []string {
	var out []string
	for _, o := range s.Solutions {
		out = append(out, o.ID)
	}
	return out
}

func serviceIDs(s plans.Snapshot) []string {
	var out []string
	for _, o := range s.Services {
		out = append(out, o.ID)
	}
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// themeOf is the theme whose outcome reads different.
func themeOf(different string) (theme, bool) {
	for _, th := range themes {
		if th.different == different {
			return th, true
		}
	}
	return theme{}, false
}

// Every kind of service a theme signposts to is one the directory generator makes, so none is silently never found.
func TestThemesSignpostToKindsTheDirectoryHolds(t *testing.T) {
	t.Parallel()
	for _, th := range themes {
		for _, k := range th.services {
			if !slices.ContainsFunc(dirActivities, func(a dirActivity) bool { return a.name == k }) {
				t.Errorf("theme %q signposts to %q, which the directory generator never makes", th.hope, k)
			}
		}
	}
	for _, term := range helpingTerms {
		if !slices.ContainsFunc(dirActivities, func(a dirActivity) bool { return a.term == term }) {
			t.Errorf("follow-ups speak of %q services, a category the directory generator never makes", term)
		}
	}
	for _, k := range frontDoorKinds {
		if !slices.ContainsFunc(dirActivities, func(a dirActivity) bool { return a.name == k }) {
			t.Errorf("the front door signposts to %q, which the directory generator never makes", k)
		}
	}
}
