package demo

import (
	"context"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/insight"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// adultsPerPerson is how many of the council's adults there are for each person on its record: about one in
// twelve adults is known to adult social care over the years the record holds.
const adultsPerPerson = 12

// censusShares are the demo council's adults, per thousand, in each Census group: synthetic, about the shape of
// England's adults.
var censusShares = map[insight.Cut]map[string]int{
	insight.ByAgeBand: {"18 to 24": 106, "25 to 44": 330, "45 to 64": 315, "65 to 74": 126, "75 to 84": 86, "85 to 94": 34, "95 and above": 3},
	insight.BySex:     {"Female": 512, "Male": 488},
	insight.ByEthnicity: {"White": 810, "Mixed or multiple ethnic groups": 30, "Asian or Asian British": 96,
		"Black, Black British, Caribbean or African": 42, "Other ethnic group": 22},
	insight.ByDisability: {"Yes, limited a lot": 90, "Yes, limited a little": 120, "No": 790},
}

// addPopulation records the demo council's adult population from a synthetic Census, as its quality lead would,
// so that fair use and the rates per head have something to compare with.
func addPopulation(ctx context.Context, db *sqldb.DB, staff []councils.Staff, people int) error {
	adults := max(people, 100) * adultsPerPerson
	pop := insight.Population{Census: 2021}
	for _, pc := range insight.PopulationCuts() {
		for _, g := range pc.Groups {
			pop.Set(pc.Cut, g, adults*censusShares[pc.Cut][g]/1000)
		}
	}
	_, as := qualityLead(ctx, staff)
	if _, err := insight.NewStore(db).SavePopulation(as, pop); err != nil {
		return fmt.Errorf("record the demo council's population: %w", err)
	}
	return nil
}
