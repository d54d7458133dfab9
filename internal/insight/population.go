package insight

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
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

// PopulationCut is a characteristic the Census counts, with the groups a council records its population in: the
// groups its measures are divided into (Cut.key), so that each can be set beside its share of the council's adults.
type PopulationCut struct {
	Cut    Cut
	Groups []string
}

// PopulationCuts are the characteristics a council records its adult population by, from the Census: age band,
// sex, ethnic group and disability. Recorded values that are not Census groups (a gender of "Other", an ethnicity
// not known) have no population to set beside them.
func PopulationCuts() []PopulationCut {
	var ages []string
	for _, b := range AdultBands {
		ages = append(ages, b.Band)
	}
	var ethnic []string
	for _, g := range codelists.Ethnicity.Groups() {
		if g.Name != codelists.EthnicityNoData {
			ethnic = append(ethnic, g.Name)
		}
	}
	var disability []string
	for _, v := range codelists.Disability.Values() {
		if v != codelists.DisabilityPreferNotToSay {
			disability = append(disability, v)
		}
	}
	return []PopulationCut{
		{ByAgeBand, ages},
		{BySex, []string{"Female", "Male"}},
		{ByEthnicity, ethnic},
		{ByDisability, disability},
	}
}

// Adults is the council's adult population: the sum of its adult age bands, and whether every band is recorded.
func (p Population) Adults() (int, bool) { return p.Aged(18, -1) }

// SharePercent is a group's share of the council's adults, in whole per cent of the characteristic's recorded
// total, and whether the group and the total are recorded.
func (p Population) SharePercent(c Cut, group string) (float64, bool) {
	n, ok := p.Of(c, group)
	if !ok {
		return 0, false
	}
	total := 0
	for _, pc := range PopulationCuts() {
		if pc.Cut != c {
			continue
		}
		for _, g := range pc.Groups {
			v, ok := p.Of(c, g)
			if !ok {
				return 0, false
			}
			total += v
		}
	}
	if total == 0 {
		return 0, false
	}
	return 100 * float64(n) / float64(total), true
}

// Population reads the council's population, for the roles that read measures.
func (s *Store) Population(ctx context.Context) (Population, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.ReadsMeasures() {
		return Population{}, sqldb.ErrForbidden
	}
	var out Population
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = ReadPopulation(ctx, tx)
		return err
	})
	return out, err
}

// Most is the largest number of people a group may be recorded with: more than any council's adults.
const Most = 20_000_000

// Validate lists the problems with a population before it is recorded in year (today's): a Census year from 2001
// to year, and no group below zero or above Most. Fields are named as PopulationField names them.
func (p Population) Validate(year int) validation.Problems {
	var ps validation.Problems
	if p.Census < 2001 || p.Census > year {
		ps.Append("census", fmt.Sprintf("Census year must be between 2001 and %d", year))
	}
	for _, pc := range PopulationCuts() {
		for _, g := range pc.Groups {
			if n, ok := p.Of(pc.Cut, g); ok && (n < 0 || n > Most) {
				ps.Append(PopulationField(pc.Cut, g), fmt.Sprintf("%s must be a number of people from 0 to %d", g, Most))
			}
		}
	}
	return ps
}

// PopulationField is the form field of a group's number of people: "age-18 to 24" made safe as "age-18-to-24".
func PopulationField(c Cut, group string) string {
	f := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(group))
	return string(c) + "-" + f
}

// SavePopulation records the council's population, replacing what was recorded at p.Version (0 when nothing was):
// ErrConflict when someone else has recorded it since. It returns the population as saved.
func (s *Store) SavePopulation(ctx context.Context, p Population) (Population, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok || !st.Role.RecordsPopulation() {
		return Population{}, sqldb.ErrForbidden
	}
	if ps := p.Validate(s.db.Today().Year()); len(ps) > 0 {
		return Population{}, ps
	}
	var out Population
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var res sql.Result
		var err error
		if p.Version == 0 {
			res, err = tx.ExecContext(ctx, `INSERT INTO population_source (council_id, census_year, updated_at, updated_by, version)
				VALUES ($1, $2, $3, $4, 1) ON CONFLICT (council_id) DO NOTHING`, tx.Council(), p.Census, tx.Now(), st.ID)
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE population_source SET census_year = $2, updated_at = $3, updated_by = $4,
				version = version + 1 WHERE council_id = $1 AND version = $5`, tx.Council(), p.Census, tx.Now(), st.ID, p.Version)
		}
		if err != nil {
			return fmt.Errorf("record the council's population: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("record the council's population: %w", err)
		} else if n == 0 {
			return fmt.Errorf("record the council's population: %w", sqldb.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM population WHERE council_id = $1`, tx.Council()); err != nil {
			return fmt.Errorf("record the council's population: %w", err)
		}
		var vals []any
		for _, pc := range PopulationCuts() {
			for _, g := range pc.Groups {
				if n, ok := p.Of(pc.Cut, g); ok {
					vals = append(vals, tx.Council(), string(pc.Cut), g, n)
				}
			}
		}
		if len(vals) > 0 {
			if err := sqldb.InsertMany(ctx, tx, "population", []string{"council_id", "characteristic", "grp", "people"}, vals); err != nil {
				return fmt.Errorf("record the council's population: %w", err)
			}
		}
		out, err = ReadPopulation(ctx, tx)
		return err
	})
	return out, err
}
