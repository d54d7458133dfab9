package app_test

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app"
	"github.com/golden-thread/goldenthread/internal/demo"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// A network reads each member council's practice model and shared programme through the app's wiring, inside that
// council's tenancy and with no one signed in: the demo's Westmere works with Three Conversations and Brackenshire
// with local area coordination; the demo council's milestones and KPIs are its own, and a council with no programme
// shares none of another's.
func TestTheNetworkReadsEachMembersModelAndProgrammeInItsOwnTenancy(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		hash := func(context.Context, string) (string, error) { return "not-a-real-hash", nil }
		d, err := demo.Load(context.Background(), db, hash, demo.Options{People: 120, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		a, err := app.Build(db, app.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Auth.Close() })
		ctx := context.Background()
		westmere, err := a.Councils.CouncilByCode(ctx, "E06000097")
		if err != nil {
			t.Fatal(err)
		}
		brackenshire, err := a.Councils.CouncilByCode(ctx, "E06000098")
		if err != nil {
			t.Fatal(err)
		}

		models := []struct {
			council, wantKey, wantName string
		}{
			{d.Council.ID, practicemodels.MASOSS, "MASOSS with the ROPES prompts"},
			{westmere.ID, practicemodels.ThreeConversations, "Three Conversations"},
			{brackenshire.ID, "", "Local area coordination"},
		}
		for _, m := range models {
			key, name, err := a.NetworkModels.CurrentModel(ctx, m.council)
			if err != nil {
				t.Fatal(err)
			}
			if name != m.wantName || (m.wantKey != "" && key != m.wantKey) || key == "" {
				t.Errorf("council %s: model %q %q, want %q %q", m.council, key, name, m.wantKey, m.wantName)
			}
		}

		milestones, err := a.NetworkProgrammes.SharedMilestones(ctx, d.Council.ID)
		if err != nil {
			t.Fatal(err)
		}
		red := 0
		for _, m := range milestones {
			if m.RAG == "Red" {
				red++
				if m.Reason == "" {
					t.Errorf("red milestone %q shared without its reason", m.Title)
				}
			}
		}
		if len(milestones) != 9 || red == 0 {
			t.Errorf("the demo council shares %d milestones, %d red; want seed 001's nine with one red", len(milestones), red)
		}
		kpis, err := a.NetworkProgrammes.SharedKPIs(ctx, d.Council.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(kpis) == 0 {
			t.Error("the demo council shares no KPIs, want its own")
		}
		for _, k := range kpis {
			if k.Name == "" || k.MeasureID == "" || k.Baseline == "" {
				t.Errorf("a shared KPI without its name, measure or baseline: %+v", k)
			}
		}

		// Westmere has no programme of its own: asked about it, nothing of the demo council's comes back.
		theirs, err := a.NetworkProgrammes.SharedMilestones(ctx, westmere.ID)
		if err != nil || len(theirs) != 0 {
			t.Errorf("Westmere's milestones: %v, %v; want none", theirs, err)
		}
		theirKPIs, err := a.NetworkProgrammes.SharedKPIs(ctx, westmere.ID)
		if err != nil || len(theirKPIs) != 0 {
			t.Errorf("Westmere's KPIs: %v, %v; want none", theirKPIs, err)
		}
	})
}
