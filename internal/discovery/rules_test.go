package discovery_test

import (
	"slices"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func TestQuadrantOfInfluenceAndInterest(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		influence, interest discovery.Level
		want                discovery.Quadrant
		label               string
	}{
		{discovery.High, discovery.High, discovery.ManageClosely, "Manage closely"},
		{discovery.High, discovery.Low, discovery.KeepSatisfied, "Keep satisfied"},
		{discovery.Low, discovery.High, discovery.KeepInformed, "Keep informed"},
		{discovery.Low, discovery.Low, discovery.Monitor, "Monitor"},
		{"", discovery.High, "", ""},
		{discovery.High, "medium", "", ""},
	} {
		got := discovery.QuadrantOf(tc.influence, tc.interest)
		if got != tc.want || (tc.want != "" && got.Label() != tc.label) {
			t.Errorf("influence %q, interest %q: %q (%q), want %q (%q)", tc.influence, tc.interest, got, got.Label(), tc.want, tc.label)
		}
	}
}

func TestTheGridPutsEachStakeholderInOneQuarter(t *testing.T) {
	t.Parallel()
	ss := []discovery.Stakeholder{
		{Name: "Director", Influence: discovery.High, Interest: discovery.High},
		{Name: "Cabinet member", Influence: discovery.High, Interest: discovery.Low},
		{Name: "Carers' forum", Influence: discovery.Low, Interest: discovery.High},
		{Name: "Experts by experience", Influence: discovery.Low, Interest: discovery.High},
		{Name: "Estates", Influence: discovery.Low, Interest: discovery.Low},
	}
	want := map[discovery.Quadrant][]string{
		discovery.KeepSatisfied: {"Cabinet member"},
		discovery.ManageClosely: {"Director"},
		discovery.Monitor:       {"Estates"},
		discovery.KeepInformed:  {"Carers' forum", "Experts by experience"},
	}
	grid := discovery.Grid(ss)
	if len(grid) != 4 || grid[0].Quadrant != discovery.KeepSatisfied || grid[1].Quadrant != discovery.ManageClosely {
		t.Fatalf("the grid's quarters are not drawn high influence first, high interest on the right: %+v", grid)
	}
	for _, c := range grid {
		var names []string
		for _, s := range c.Stakeholders {
			names = append(names, s.Name)
		}
		if !slices.Equal(names, want[c.Quadrant]) {
			t.Errorf("%s holds %v, want %v", c.Quadrant.Label(), names, want[c.Quadrant])
		}
	}
}

// fullWeb is an observation on every element of both webs, each to-be change linked to an action.
func fullWeb() []discovery.Observation {
	var out []discovery.Observation
	for _, w := range []discovery.WebKind{discovery.AsIs, discovery.ToBe} {
		for _, e := range discovery.Elements {
			o := discovery.Observation{ID: string(w) + "-" + string(e.Element), Web: w, Element: e.Element, Text: e.Label + " " + string(w), Source: discovery.Workshop}
			if w == discovery.ToBe {
				o.Actions = []discovery.LinkedAction{{ID: "action-1", Title: "Train everyone"}}
			}
			out = append(out, o)
		}
	}
	return out
}

func TestTheCulturalWebIsCompleteWhenEveryElementHasAnObservationAndEveryChangeAnAction(t *testing.T) {
	t.Parallel()
	without := func(id string) []discovery.Observation {
		return slices.DeleteFunc(fullWeb(), func(o discovery.Observation) bool { return o.ID == id })
	}
	unlinked := func(id string) []discovery.Observation {
		obs := fullWeb()
		for i := range obs {
			if obs[i].ID == id {
				obs[i].Actions = nil
			}
		}
		return obs
	}
	for _, tc := range []struct {
		name string
		obs  []discovery.Observation
		want []discovery.Gap // Web, Element and Observation; the message is checked to be there
	}{
		{"both webs full, every change linked", fullWeb(), nil},
		{"nothing recorded", nil, func() []discovery.Gap {
			var gs []discovery.Gap
			for _, w := range []discovery.WebKind{discovery.AsIs, discovery.ToBe} {
				for _, e := range discovery.Elements {
					gs = append(gs, discovery.Gap{Web: w, Element: e.Element})
				}
			}
			return gs
		}()},
		{"the as-is paradigm missing", without("as_is-paradigm"), []discovery.Gap{{Web: discovery.AsIs, Element: discovery.Paradigm}}},
		{"to-be power structures missing", without("to_be-power"), []discovery.Gap{{Web: discovery.ToBe, Element: discovery.Power}}},
		{"a to-be change with no action", unlinked("to_be-controls"), []discovery.Gap{{Web: discovery.ToBe, Element: discovery.Controls, Observation: "to_be-controls"}}},
		{"an as-is observation needs no action", unlinked("as_is-controls"), nil},
		{"a second to-be change on an element, unlinked", append(fullWeb(), discovery.Observation{ID: "extra", Web: discovery.ToBe, Element: discovery.Stories,
			Text: "Stories of good lives", Source: discovery.Survey}), []discovery.Gap{{Web: discovery.ToBe, Element: discovery.Stories, Observation: "extra"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := discovery.Gaps(tc.obs)
			if len(got) != len(tc.want) {
				t.Fatalf("%d gaps, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, g := range got {
				if g.Web != tc.want[i].Web || g.Element != tc.want[i].Element || g.Observation != tc.want[i].Observation || g.Message == "" {
					t.Errorf("gap %d is %+v, want %+v with a message", i, g, tc.want[i])
				}
			}
		})
	}
}

func TestTheWebsAreArrangedParadigmFirstAsIsOnTheLeft(t *testing.T) {
	t.Parallel()
	webs := discovery.Webs(fullWeb())
	if len(webs) != 2 || webs[0].Kind != discovery.AsIs || webs[1].Kind != discovery.ToBe {
		t.Fatalf("webs: %+v", webs)
	}
	for _, w := range webs {
		if w.Centre().Element != discovery.Paradigm || len(w.Around()) != 6 || w.Count() != 7 {
			t.Errorf("%s: centre %s, %d around, %d observations", w.Kind, w.Centre().Element, len(w.Around()), w.Count())
		}
	}
}

func TestTheCurrentVisionIsTheLatestAgreed(t *testing.T) {
	t.Parallel()
	day := func(d int) sqldb.Date { return sqldb.NewDate(time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC)) }
	v := func(id string, d int) discovery.VisionVersion {
		return discovery.VisionVersion{ID: id, AgreedOn: day(d)}
	}
	for _, tc := range []struct {
		name    string
		in      []discovery.VisionVersion
		current string
		order   []string
	}{
		{"none", nil, "", nil},
		{"one", []discovery.VisionVersion{v("a", 1)}, "a", []string{"a"}},
		{"recorded in the order agreed", []discovery.VisionVersion{v("a", 1), v("b", 5), v("c", 9)}, "c", []string{"c", "b", "a"}},
		{"an older version recorded last", []discovery.VisionVersion{v("a", 1), v("c", 9), v("b", 5)}, "c", []string{"c", "b", "a"}},
		{"two agreed the same day: the one recorded later", []discovery.VisionVersion{v("a", 1), v("b", 5), v("c", 5)}, "c", []string{"c", "b", "a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vision := discovery.NewVision(tc.in)
			cur, ok := vision.Current()
			if ok != (tc.current != "") || cur.ID != tc.current {
				t.Errorf("current %q (%v), want %q", cur.ID, ok, tc.current)
			}
			var got []string
			for _, x := range vision.Versions {
				got = append(got, x.ID)
			}
			if !slices.Equal(got, tc.order) {
				t.Errorf("versions %v, want %v", got, tc.order)
			}
			if len(tc.in) > 0 && len(vision.Earlier()) != len(tc.in)-1 {
				t.Errorf("%d earlier versions, want %d", len(vision.Earlier()), len(tc.in)-1)
			}
		})
	}
}

func TestVisionVersionRules(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))
	good := discovery.VisionVersion{Statement: "Good lives, close to home", AgreedOn: today, CoProducers: []discovery.CoProducer{discovery.ExpertsByExperience, discovery.Staff}}
	for _, tc := range []struct {
		name   string
		change func(v *discovery.VisionVersion)
		fields []string
	}{
		{"good", func(*discovery.VisionVersion) {}, nil},
		{"no statement", func(v *discovery.VisionVersion) { v.Statement = "  " }, []string{"statement"}},
		{"agreed tomorrow", func(v *discovery.VisionVersion) { v.AgreedOn = sqldb.NewDate(today.AddDate(0, 0, 1)) }, []string{"agreed_on"}},
		{"nobody co-produced it", func(v *discovery.VisionVersion) { v.CoProducers = nil }, []string{"co_producers"}},
		{"someone not on the list", func(v *discovery.VisionVersion) { v.CoProducers = []discovery.CoProducer{"consultants"} }, []string{"co_producers"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := good
			v.CoProducers = slices.Clone(good.CoProducers)
			tc.change(&v)
			v.Normalise()
			var fields []string
			for _, p := range v.Validate(today) {
				fields = append(fields, p.Field)
			}
			if !slices.Equal(fields, tc.fields) {
				t.Errorf("problems with %v, want %v", fields, tc.fields)
			}
		})
	}
	v := good
	v.Normalise()
	if !slices.Equal(v.CoProducers, []discovery.CoProducer{discovery.Staff, discovery.ExpertsByExperience}) || !v.CoProducedWith() {
		t.Errorf("co-producers %v not put in the list's order, or not co-produced with experts by experience", v.CoProducers)
	}
}

func TestFindingsAreGroupedByKindStrengthsFirst(t *testing.T) {
	t.Parallel()
	fs := []discovery.Finding{{ID: "1", Kind: discovery.Opportunity}, {ID: "2", Kind: discovery.Strength}, {ID: "3", Kind: discovery.Opportunity}}
	groups := discovery.GroupFindings(fs)
	if len(groups) != 2 || groups[0].Kind != discovery.Strength || len(groups[0].Findings) != 1 || len(groups[1].Findings) != 2 || groups[1].Findings[1].ID != "3" {
		t.Errorf("groups: %+v", groups)
	}
	if empty := discovery.GroupFindings(nil); len(empty) != 2 || len(empty[0].Findings) != 0 {
		t.Errorf("with no findings, groups: %+v", empty)
	}
}
