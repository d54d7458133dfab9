package demo

import (
	"context"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/networks"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// The demo network has its shared work on first start: a survey round with figures in every council and one count
// withheld, so that the network's figure for it is not shown; two peer challenges, one answered by its host; and
// six documents in its library, read by a member council's team manager.
func TestTheDemoNetworkHasASurveyChallengesAndALibrary(t *testing.T) {
	t.Parallel()
	eachDemoNetwork(t, func(t *testing.T, db *sqldb.DB, _ Council) {
		bg := context.Background()
		n, err := networks.NewStore(db).ByCode(bg, NetworkCode)
		if err != nil {
			t.Fatal(err)
		}
		lead, err := councils.NewStore(db).FindLogin(bg, NetworkLead.Email)
		if err != nil {
			t.Fatal(err)
		}
		work := networks.NewWork(db, networks.NewStore(db))
		as := councils.WithStaff(bg, lead)
		rounds, err := work.Rounds(as, n.ID)
		if err != nil || len(rounds) != 1 || rounds[0].Name != SurveyRoundName {
			t.Fatalf("rounds: %+v, %v", rounds, err)
		}
		res, err := work.RoundResults(as, n.ID, rounds[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range res.Councils {
			if v, ok := c.Responses.Value(); !ok || v < 5 {
				t.Errorf("%s shows %s answers, want figures", c.Name, c.Responses)
			}
		}
		hidden := 0
		for _, q := range res.Questions {
			if q.Network.Withheld {
				t.Errorf("%q is withheld across the network", q.Question.Text)
			}
			hidden += len(q.Hidden)
		}
		if hidden != 1 {
			t.Errorf("%d answers are not shown across the network, want 1 (Brackenshire's yes to having time)", hidden)
		}
		challenges, err := work.Challenges(as, n.ID)
		if err != nil || len(challenges) != 2 {
			t.Fatalf("challenges: %d, %v", len(challenges), err)
		}
		responded := 0
		for _, c := range challenges {
			if c.Response != "" {
				responded++
			}
		}
		if responded != 1 {
			t.Errorf("%d challenges have the host's response, want 1", responded)
		}
		manager, err := councils.NewStore(db).FindLogin(bg, emailAt("Tara Westmere", "westmere.example"))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := work.Library(councils.WithStaff(bg, manager), n.ID)
		if err != nil || len(docs) != 6 {
			t.Errorf("Westmere's team manager reads %d documents, %v; want 6", len(docs), err)
		}
	})
}
