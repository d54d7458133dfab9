package demo

import (
	"context"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/discovery"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo council's programme has what its discovery found and what it dreamed: a dozen findings from every
// source, three versions of the vision with the latest co-produced with experts by experience, both cultural webs
// with nothing missing from any element and every change but one linked to the programme's demo actions, and a stakeholder map across all four quarters of the grid.
func TestLoadHasADiscoveryAndADream(t *testing.T) {
	t.Parallel()
	eachDemo300(t, func(t *testing.T, db *sqldb.DB, d Council) {
		ctx := sqldb.WithCouncil(context.Background(), d.Council.ID)
		as := signedInAs(t, ctx, db, func(st councils.Staff) bool { return st.Name == "Tom Teammanager" })
		s := discovery.NewStore(db)
		findings, err := s.Findings(as)
		if err != nil {
			t.Fatal(err)
		}
		sources := map[discovery.Source]bool{}
		for _, f := range findings {
			sources[f.Source] = true
		}
		if groups := discovery.GroupFindings(findings); len(findings) != 12 || len(sources) != len(discovery.Sources) || len(groups[0].Findings) == 0 || len(groups[1].Findings) == 0 {
			t.Errorf("%d findings from %d sources", len(findings), len(sources))
		}
		vision, err := s.Vision(as)
		if cur, ok := vision.Current(); err != nil || !ok || len(vision.Versions) != 3 || !cur.CoProducedWith() || cur.Statement != demoVisions[2].statement {
			t.Errorf("the vision: %+v, %v", vision, err)
		}
		obs, err := s.Observations(as)
		if err != nil {
			t.Fatal(err)
		}
		unlinked := 0
		for _, g := range discovery.Gaps(obs) {
			if g.Observation == "" {
				t.Errorf("the demo web lacks something: %s", g.Message)
			} else {
				unlinked++
			}
		}
		if unlinked != 1 {
			t.Errorf("%d to-be changes have no action, want 1 (measuring what matters): the programme's demo actions have changed", unlinked)
		}
		stakeholders, err := s.Stakeholders(as)
		if err != nil || len(stakeholders) != 12 {
			t.Fatalf("%d stakeholders, %v", len(stakeholders), err)
		}
		for _, c := range discovery.Grid(stakeholders) {
			if len(c.Stakeholders) == 0 {
				t.Errorf("no stakeholder to %s", c.Quadrant.Label())
			}
		}
	})
}

func TestDemoChangesMatchActionsByTheirWording(t *testing.T) {
	t.Parallel()
	actions := []discovery.LinkedAction{{ID: "1", Title: "Retire the resource allocation PANEL"}, {ID: "2", Title: "Train staff in three conversations"}}
	for _, tc := range []struct {
		words []string
		want  []string
	}{
		{[]string{"panel"}, []string{"1"}},
		{[]string{"conversation", "panel"}, []string{"1", "2"}},
		{[]string{"supervision"}, nil},
		{nil, nil},
	} {
		got := matchingActions(actions, tc.words)
		var ids []string
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("%v matched %v, want %v", tc.words, ids, tc.want)
		}
	}
}
