package insight_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// bySex is a population of 600 women and 400 men from the 2021 Census.
func bySex() insight.Population {
	p := insight.Population{Census: 2021}
	p.Set(insight.BySex, "Female", 600)
	p.Set(insight.BySex, "Male", 400)
	return p
}

func TestThePopulationIsRecordedByTheQualityLeadInsideTheWall(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		s := insight.NewStore(db)
		lead := peopletest.As(a.Staff[councils.QualityLead])
		saved, err := s.SavePopulation(lead, bySex())
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := saved.Of(insight.BySex, "Female"); !ok || n != 600 || saved.Version != 1 || saved.Census != 2021 {
			t.Fatalf("saved %+v", saved)
		}
		if pc, ok := saved.SharePercent(insight.BySex, "Male"); !ok || pc != 40 {
			t.Errorf("men's share %v, %v; want 40", pc, ok)
		}
		if _, ok := saved.SharePercent(insight.ByAgeBand, "18 to 24"); ok {
			t.Error("a share of an age band nobody recorded")
		}

		// Only the quality lead records it; the roles that read measures read it; no one else does.
		for _, role := range councils.Roles {
			_, err := s.SavePopulation(peopletest.As(a.Staff[role]), bySex())
			if role.RecordsPopulation() != (role == councils.QualityLead) || (role != councils.QualityLead && !errors.Is(err, sqldb.ErrForbidden)) {
				t.Errorf("%s recording the population: %v", role, err)
			}
			_, err = s.Population(peopletest.As(a.Staff[role]))
			if role.ReadsMeasures() != (err == nil) {
				t.Errorf("%s reading the population: %v", role, err)
			}
		}

		// Another council sees none of it, and records its own.
		other, err := s.Population(peopletest.As(b.Staff[councils.QualityLead]))
		if err != nil || other.Recorded() {
			t.Errorf("the other council reads %+v, %v", other, err)
		}

		// A save from a form opened before the first save is refused and changes nothing; so is a bad figure.
		stale := bySex()
		stale.Set(insight.BySex, "Female", 1)
		if _, err := s.SavePopulation(lead, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("a stale save: %v", err)
		}
		bad := bySex()
		bad.Version, bad.Census = 1, 1990
		bad.Set(insight.BySex, "Male", -3)
		_, err = s.SavePopulation(lead, bad)
		ps, ok := validation.AsProblems(err)
		fields := []string{}
		for _, p := range ps {
			fields = append(fields, p.Field)
		}
		if !ok || !slices.Equal(fields, []string{"census", "sex-male"}) {
			t.Errorf("bad figures: %v", err)
		}
		now, err := s.Population(lead)
		if n, _ := now.Of(insight.BySex, "Female"); err != nil || n != 600 || now.Version != 1 {
			t.Errorf("after the refused saves: %+v, %v", now, err)
		}

		// Saving again at the version read replaces the figures, and a group left blank is no longer recorded.
		again := insight.Population{Census: 2021, Version: 1}
		again.Set(insight.BySex, "Female", 650)
		if saved, err = s.SavePopulation(lead, again); err != nil || saved.Version != 2 {
			t.Fatalf("save again: %+v, %v", saved, err)
		}
		if _, ok := saved.Of(insight.BySex, "Male"); ok {
			t.Error("a group left blank is still recorded")
		}
	})
}

func TestFairUseSetsEachGroupBesideItsShareOfAdults(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.TwoCouncils(t, db)
		r := &record{t: t, db: db, council: a.Council.ID, team: a.North.ID}
		other := &record{t: t, db: db, council: b.Council.ID, team: b.North.ID, n: 1000}
		august := time.Date(2026, 8, 3, 10, 0, 0, 0, time.UTC)
		// 10 women and 15 men with a solution from their network, six of the men with council-funded ongoing support
		// of £100 a week, and one person of another gender.
		for range 10 {
			p := r.person("1950-01-01", "Female", "")
			r.solution(p, r.episode(p, "2026-07-01", 0, "", ""), "network", august)
		}
		for i := range 15 {
			p := r.person("1950-01-01", "Male", "")
			e := r.episode(p, "2026-07-01", 0, "", "")
			r.solution(p, e, "network", august)
			if i < 6 {
				r.solution(p, e, "ongoing_support", august)
				r.service(p, e, "active", "2026-08-01", "", 100)
			}
		}
		someone := r.person("1950-01-01", "Other", "")
		r.solution(someone, r.episode(someone, "2026-07-01", 0, "", ""), "network", august)
		// The other council's people never count here.
		for range 6 {
			p := other.person("1950-01-01", "Female", "")
			other.solution(p, other.episode(p, "2026-07-01", 0, "", ""), "network", august)
		}

		s := insight.NewStore(db)
		lead := peopletest.As(a.Staff[councils.QualityLead])
		before, err := s.FairUse(lead, q3, insight.BySex)
		if err != nil {
			t.Fatal(err)
		}
		if before.Census != 0 || before.Groups[0].Adults != "Not recorded" || before.Groups[0].Supported.Ratio != "" {
			t.Errorf("before the population is recorded: %+v", before.Groups[0])
		}
		if _, err := s.SavePopulation(lead, bySex()); err != nil {
			t.Fatal(err)
		}
		got, err := s.FairUse(peopletest.As(a.Staff[councils.Finance]), q3, insight.BySex)
		if err != nil {
			t.Fatal(err)
		}
		network := slices.Index(got.Rungs, "Family, friends and network")
		ongoing := slices.Index(got.Rungs, "Council-funded ongoing support")
		type row struct{ label, adults, people, share, ratio, network, ongoing, spend string }
		var rows []row
		for _, g := range got.Groups {
			rows = append(rows, row{g.Label, g.Adults, g.Supported.People.String(), g.Supported.Share, g.Supported.Ratio,
				g.Rungs[network].Share + " " + g.Rungs[network].Ratio, g.Rungs[ongoing].Share + " " + g.Rungs[ongoing].Ratio, g.Spend})
		}
		// 26 people supported show as 25: 10 women are 40% of them beside 60% of adults, 15 men 60% beside 40%. The
		// one person of another gender is too few to say anything of, but is there. Six men on ongoing support show
		// as 5 of 5; their spend is £100 a week each.
		want := []row{
			{"Female", "60%", "10", "40%", "0.7", "40% 0.7", "None ", "None"},
			{"Male", "40%", "15", "60%", "1.5", "60% 1.5", "100% 2.5", "£100 a week"},
			{"Other", "Not counted by the Census", "fewer than 6", insight.TooFew, "", insight.TooFew + " ", "None ", "None"},
		}
		if !slices.Equal(rows, want) {
			t.Errorf("fair use by sex:\n got %+v\nwant %+v", rows, want)
		}

		// Every Census group is shown, even with no one in it; only the characteristics the Census counts divide it.
		ages, err := s.FairUse(lead, q3, insight.ByAgeBand)
		if err != nil || len(ages.Groups) < len(insight.AdultBands) || ages.Groups[0].Label != "18 to 24" || ages.Groups[0].Supported.Share != "None" {
			t.Errorf("by age band: %+v, %v", ages.Groups, err)
		}
		if _, err := s.FairUse(lead, q3, insight.ByTeam); err == nil {
			t.Error("fair use by team")
		}
		if _, err := s.FairUse(peopletest.As(a.Staff[councils.Practitioner]), q3, insight.BySex); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("a practitioner reads fair use: %v", err)
		}
	})
}
