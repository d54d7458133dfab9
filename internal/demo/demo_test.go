package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/audits"
	"github.com/golden-thread/goldenthread/internal/caseloads"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/frontdoor"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/supervision"
)

// loadedTables are counted, whole, before and after a second load, which must change nothing.
var loadedTables = []string{"council", "staff", "person", "episode", "solution", "signpost", "person_event", "directory_organization",
	"directory_service", "directory_location", "postcode", "access_log"}

// The demo council, as `goldenthread demo` and `serve --demo` load it, has a living community directory: services
// of every category found by the words a practitioner types and by distance from where its people live, used by
// their history's signposts with follow-ups, and an overdue follow-up on the demo practitioner's caseload. Loading
// it again changes nothing.
func TestLoadHasALivingDirectory(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		bg := context.Background()
		hash := func(context.Context, string) (string, error) { return "not-a-real-hash", nil }
		d, err := Load(bg, db, hash, Options{People: 300, Seed: 1, Alone: true})
		if err != nil || !d.Created {
			t.Fatalf("load: %v (created %v)", err, d.Created)
		}
		ctx := sqldb.WithCouncil(bg, d.Council.ID)
		list, err := councils.NewStore(db).StaffList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var priya councils.Staff
		for _, st := range list {
			if st.Name == "Priya Practitioner" {
				priya = st
			}
		}
		as := councils.WithStaff(ctx, priya)
		store := directory.NewStore(db)

		t.Run("found by the words a practitioner types", func(t *testing.T) {
			// The demo council's own directory: the demo network's other councils have theirs.
			if n := counts(t, ctx, db, []string{"directory_service"}, true)["directory_service"]; n != DirectoryServices {
				t.Errorf("the directory holds %d services, want %d", n, DirectoryServices)
			}
			all, err := store.Search(as, directory.Search{}) // every service open to referrals: a few are closed
			if err != nil || all.Total < DirectoryServices*9/10 {
				t.Fatalf("a search finds %d services of %d (%v)", all.Total, DirectoryServices, err)
			}
			for _, words := range []string{"falls", "gardening", "strength and balance", "lunch club", "allotment", "carers café", "befriending",
				"digital skills", "men's shed", "walking group", "benefits advice"} {
				res, err := store.Search(as, directory.Search{Words: words})
				if err != nil || res.Total == 0 || res.Total == all.Total {
					t.Errorf("%q found %d of %d services (%v)", words, res.Total, all.Total, err)
				}
			}
			for _, term := range all.Categories {
				if res, err := store.Search(as, directory.Search{TermID: term.ID}); err != nil || res.Total == 0 {
					t.Errorf("category %q has %d services (%v)", term.Name, res.Total, err)
				}
			}
		})

		t.Run("found near where the demo's people live", func(t *testing.T) {
			homes := texts(t, ctx, db, `SELECT postcode FROM person WHERE council_id = $1 ORDER BY nhs_number LIMIT 25`)
			if len(homes) != 25 {
				t.Fatalf("%d people's postcodes", len(homes))
			}
			withinAMile := 0
			for _, pc := range homes {
				for _, words := range []string{"falls", "gardening", ""} {
					res, err := store.Search(as, directory.Search{Postcode: pc, Words: words})
					if err != nil || res.Total == 0 {
						t.Errorf("%q within 5 miles of %s found %d (%v)", words, pc, res.Total, err)
						continue
					}
					if words == "" && res.Found[0].Metres <= 1609.344 {
						withinAMile++
					}
				}
			}
			if withinAMile*10 < len(homes)*9 {
				t.Errorf("only %d of %d people have a service within a mile", withinAMile, len(homes))
			}
		})

		t.Run("services were signposted to and followed up", func(t *testing.T) {
			res, err := store.Search(as, directory.Search{Words: "lunch club"})
			if err != nil {
				t.Fatal(err)
			}
			used, helped := 0, 0
			for _, s := range res.Found {
				u, err := frontdoor.NewStore(db).ServiceUse(as, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if u.Signposts > 0 {
					used++
				}
				if u.HelpedCount() > 0 && u.FollowedUp <= u.Signposts {
					helped++
				}
			}
			if used == 0 || helped == 0 {
				t.Errorf("of %d lunch clubs, %d were signposted to and %d helped someone", len(res.Found), used, helped)
			}
		})

		t.Run("the demo practitioner has an overdue follow-up to chase", func(t *testing.T) {
			caseload, err := caseloads.NewStore(db).Caseload(as, caseloads.Filter{WorkerID: priya.ID})
			if err != nil {
				t.Fatal(err)
			}
			chase := 0
			for _, e := range caseload.Entries {
				for _, a := range e.NextActions() {
					if strings.Contains(a.Text, "signpost follow-up") && a.Urgency == caseloads.Overdue {
						chase++
					}
				}
			}
			if chase == 0 || chase*3 > len(caseload.Entries) {
				t.Errorf("%d of Priya's %d people have an overdue signpost follow-up, want at least one but few", chase, len(caseload.Entries))
			}
		})

		t.Run("two past Practice Fortnights show practice getting better, and supervision waits to be audited", func(t *testing.T) {
			var quinn councils.Staff
			for _, st := range list {
				if st.Role == councils.QualityLead {
					quinn = st
				}
			}
			qs := audits.NewStore(db)
			all, err := qs.Rounds(councils.WithStaff(ctx, quinn))
			if err != nil {
				t.Fatal(err)
			}
			var rounds []audits.RoundSummary
			for _, r := range all {
				switch {
				case !r.OfSupervision():
					rounds = append(rounds, r)
				case !r.Open() || r.Total == 0 || r.Counts[audits.Allocated] != r.Total:
					t.Errorf("%s: %d audits, open %v; want an open supervision round waiting for its auditor", r.Name, r.Total, r.Open())
				}
			}
			if len(rounds) != 2 || len(all) != 3 {
				t.Fatalf("rounds %v; want two Practice Fortnights and a supervision round", all)
			}
			good := map[string]float64{}
			for _, r := range rounds {
				if r.Open() || r.Done() == 0 || r.Done() != r.Total {
					t.Errorf("%s: %d of %d audits done, open %v; want a closed round with every audit done", r.Name, r.Done(), r.Total, r.Open())
				}
				f, err := qs.Findings(councils.WithStaff(ctx, quinn), r.ID)
				if err != nil {
					t.Fatal(err)
				}
				overall := f.ByQuestion[len(f.ByQuestion)-1]
				good[r.Name] = float64(overall.Counts["outstanding"]+overall.Counts["good"]) / float64(overall.Total)
				if f.Moderated == 0 || len(f.Learning) == 0 {
					t.Errorf("%s: %d moderated, %d learning points", r.Name, f.Moderated, len(f.Learning))
				}
			}
			if good["Practice Fortnight, autumn"] <= good["Practice Fortnight, spring"] {
				t.Errorf("good or outstanding overall: spring %.2f, autumn %.2f; want autumn better", good["Practice Fortnight, spring"], good["Practice Fortnight, autumn"])
			}
		})

		t.Run("eighteen months of supervision, a few staff overdue", func(t *testing.T) {
			var quinn councils.Staff
			for _, st := range list {
				if st.Role == councils.QualityLead {
					quinn = st
				}
			}
			standings, err := supervision.NewStore(db).Standings(councils.WithStaff(ctx, quinn))
			if err != nil {
				t.Fatal(err)
			}
			overdue, within := 0, 0
			for _, s := range standings {
				if s.Overdue {
					overdue++
				} else if !s.Last.IsZero() {
					within++
				}
			}
			if overdue == 0 || within <= overdue {
				t.Errorf("%d staff overdue and %d within policy: want a few overdue", overdue, within)
			}
		})

		t.Run("the access log starts sealed", func(t *testing.T) {
			if n := counts(t, ctx, db, []string{"access_log_pending"}, false)["access_log_pending"]; n != 0 {
				t.Errorf("%d of the demo's access-log entries wait to be sealed, want none", n)
			}
		})

		t.Run("loading again changes nothing", func(t *testing.T) {
			before := counts(t, ctx, db, loadedTables, false)
			again, err := Load(bg, db, hash, Options{People: 300, Seed: 1, Alone: true})
			if err != nil || again.Created || again.Council.ID != d.Council.ID {
				t.Fatalf("second load: %v, created %v", err, again.Created)
			}
			after := counts(t, ctx, db, loadedTables, false)
			for _, table := range loadedTables {
				if before[table] != after[table] || before[table] == 0 {
					t.Errorf("%s: %d rows, then %d after loading again", table, before[table], after[table])
				}
			}
		})
	})
}
