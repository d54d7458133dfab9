package demo

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestTheHistoryRecordsUnderTheCouncilsModel: the demo's conversations, written as MASOSS takes them, go under the
// heading of the council's model that asks the same, joined where two fall under one.
func TestTheHistoryRecordsUnderTheCouncilsModel(t *testing.T) {
	t.Parallel()
	written := []conversations.Section{
		{Heading: conversations.Mindset, Observed: "Calm and clear."},
		{Heading: conversations.Aspirations, PersonWords: "To garden again."},
		{Heading: conversations.Strengths, PersonWords: "I know everyone on the street."},
		{Heading: conversations.Outcomes, PersonWords: "Out twice a week."},
		{Heading: conversations.Services, PersonWords: "A lift to the allotment."},
	}
	tc, _ := practicemodels.Builtin(practicemodels.ThreeConversations)
	own := practicemodels.Model{ID: "own", Headings: []practicemodels.Heading{{Key: "first", Label: "First"}, {Key: "second", Label: "Second"}}}
	type got struct{ heading, words, observed string }
	cases := []struct {
		name  string
		model practicemodels.Model
		want  []got
	}{
		{"MASOSS, as written", practicemodels.Default(), []got{{"mindset", "", "Calm and clear."}, {"aspirations", "To garden again.", ""},
			{"strengths", "I know everyone on the street.", ""}, {"outcomes", "Out twice a week.", ""}, {"services", "A lift to the allotment.", ""}}},
		{"Three Conversations", tc, []got{{"listen_connect", "To garden again. I know everyone on the street.", "Calm and clear."},
			{"good_life", "Out twice a week. A lift to the allotment.", ""}}},
		{"local area coordination", practicemodels.LocalAreaCoordination(), []got{{"getting_to_know", "", "Calm and clear."},
			{"vision", "To garden again.", ""}, {"connections", "I know everyone on the street.", ""}, {"practical", "Out twice a week.", ""},
			{"services_backup", "A lift to the allotment.", ""}}},
		{"a model of the council's own, spread evenly", own, []got{{"first", "To garden again. I know everyone on the street.", "Calm and clear."},
			{"second", "Out twice a week. A lift to the allotment.", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out []got
			for _, s := range underModel(written, c.model) {
				out = append(out, got{string(s.Heading), s.PersonWords, s.Observed})
			}
			if !slices.Equal(out, c.want) {
				t.Errorf("got %q\nwant %q", out, c.want)
			}
		})
	}
}

// TestADemoCouncilRecordsUnderItsModel loads demo councils on each model: the demo council stays on MASOSS with
// local area coordination added beside it, not chosen; a council on Three Conversations or local area
// coordination has its history's conversations recorded under that model and readable under its headings.
func TestADemoCouncilRecordsUnderItsModel(t *testing.T) {
	t.Parallel()
	for _, model := range []string{"", practicemodels.ThreeConversations, LocalAreaCoordination} {
		t.Run(cmp.Or(model, "masoss"), func(t *testing.T) {
			t.Parallel()
			db := dbtest.Open(t, sqldb.SQLite)
			bg := context.Background()
			hash := func(context.Context, string) (string, error) { return "not-a-real-hash", nil }
			d, err := Load(bg, db, hash, Options{People: 40, Seed: 1, PracticeModel: model, Alone: true})
			if err != nil {
				t.Fatal(err)
			}
			staff, err := councils.NewStore(db).StaffList(sqldb.WithCouncil(bg, d.Council.ID))
			if err != nil {
				t.Fatal(err)
			}
			_, asLead := qualityLead(bg, staff)
			s := practicemodels.NewStore(db)
			ms, err := s.Models(asLead)
			if err != nil || len(ms) != 3 && model != practicemodels.ThreeConversations {
				t.Fatalf("models: %d, %v", len(ms), err)
			}
			cur, err := s.Current(asLead)
			if err != nil {
				t.Fatal(err)
			}
			if want := cmp.Or(model, practicemodels.MASOSS); cur.ID != want && !(model == LocalAreaCoordination && cur.Name == "Local area coordination") {
				t.Errorf("the council's model is %s, want %s", cur.ID, want)
			}
			counts, err := s.CountByModel(bg, d.Council.ID, sqldb.Date{}, sqldb.Date{})
			if err != nil || len(counts) != 1 || counts[0].ModelID != cur.ID || counts[0].N == 0 {
				t.Fatalf("conversations by model: %+v, %v", counts, err)
			}
			var sections int
			if err := db.ReadTx(sqldb.WithCouncil(bg, d.Council.ID), func(tx *sqldb.Tx) error {
				in, args := sqldb.In([]any{tx.Council()}, cur.Keys())
				return tx.QueryRowContext(bg, `SELECT count(*) FROM conversation_section WHERE council_id = $1 AND heading NOT IN (`+in+`)`, args...).Scan(&sections)
			}); err != nil || sections != 0 {
				t.Errorf("%d sections are under headings %s has not got (%v)", sections, cur.Name, err)
			}
		})
	}
}
