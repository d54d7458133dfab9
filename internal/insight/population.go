package insight

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Population is the council's population by group, from the Census, as the council records it in its settings:
// the denominator of a rate per head and of fair use. It is empty until the council records it.
type Population struct {
	Census  int // the year of the Census the figures come from; 0 when none are recorded
	Version int
	groups  map[Cut]map[string]int
}

// Recorded says whether the council has recorded its population.
func (p Population) Recorded() bool { return p.Census != 0 }

// Of is the number of people in a group of a characteristic, and whether it is recorded.
func (p Population) Of(c Cut, group string) (int, bool) {
	n, ok := p.groups[c][group]
	return n, ok
}

// Set records the number of people in a group of a characteristic.
func (p *Population) Set(c Cut, group string, people int) {
	if p.groups == nil {
		p.groups = map[Cut]map[string]int{}
	}
	if p.groups[c] == nil {
		p.groups[c] = map[string]int{}
	}
	p.groups[c][group] = people
}

// AdultBands are the age bands (AgeBand) of the council's adults, each with the first and last age it holds (-1
// for no last age), in order: the groups a population by age is recorded in.
var AdultBands = []struct {
	Band     string
	From, To int
}{
	{"18 to 24", 18, 24}, {"25 to 44", 25, 44}, {"45 to 64", 45, 64}, {"65 to 74", 65, 74},
	{"75 to 84", 75, 84}, {"85 to 94", 85, 94}, {"95 and above", 95, -1},
}

// Aged is the number of people aged from to to (inclusive; to below zero for no upper age), from the adult age
// bands that lie wholly within those ages, and whether every one of them is recorded. The bands' edges are the
// ones a rate per head needs: 18 to 64, and 65 and over.
func (p Population) Aged(from, to int) (int, bool) {
	sum, bands := 0, 0
	for _, b := range AdultBands {
		if b.From < from || (to >= 0 && (b.To < 0 || b.To > to)) {
			continue
		}
		n, ok := p.Of(ByAgeBand, b.Band)
		if !ok {
			return 0, false
		}
		sum += n
		bands++
	}
	return sum, bands > 0
}

// ReadPopulation reads the council's population, inside its wall.
func ReadPopulation(ctx context.Context, tx *sqldb.Tx) (Population, error) {
	var p Population
	err := tx.QueryRowContext(ctx, `SELECT census_year, version FROM population_source WHERE council_id = $1`, tx.Council()).
		Scan(&p.Census, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Population{}, nil
	}
	if err != nil {
		return Population{}, fmt.Errorf("read the council's population: %w", err)
	}
	err = sqldb.Each(ctx, tx, `SELECT characteristic, grp, people FROM population WHERE council_id = $1`, []any{tx.Council()},
		func(rows *sql.Rows) error {
			var c, group string
			var n int
			if err := rows.Scan(&c, &group, &n); err != nil {
				return err
			}
			p.Set(Cut(c), group, n)
			return nil
		})
	if err != nil {
		return Population{}, fmt.Errorf("read the council's population: %w", err)
	}
	return p, nil
}
