package directory

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Search is what a practitioner looks for in the directory. Every part is optional.
type Search struct {
	Words    string  // full text, stemmed
	TermID   string  // a category
	Day      string  // open on this day: MO, TU, ...
	Time     string  // and at this time, "10:30" (needs Day)
	Cost     string  // CostFree, CostCharged, or "" for either
	Postcode string  // near this postcode...
	Near     string  // ...or near this service (its id)
	Miles    float64 // within this distance of the postcode or service; 5 when not given
}

// SearchMiles are the distances a practitioner can choose.
var SearchMiles = []float64{1, 3, 5, 10, 25}

// MaxResults is the most services one search shows.
const MaxResults = 50

// Result is a service found, with how far it is from where the search started.
type Result struct {
	Service
	Metres   float64 // distance to its nearest place, when the search was by distance
	Distance string  // the same, as a social worker reads it: "1.2 miles"
	Place    string  // the nearest place's name and address
}

// Results is what a search found, best first: nearest first when searching by distance, otherwise the best
// match of the words first, otherwise by name.
type Results struct {
	Found   []Result
	Total   int    // how many services match, of which Found holds at most MaxResults
	From    string // where distances are measured from: the postcode, or the service's name
	Period  Period
	Choices Choices
}

// Validate checks what was asked before any searching.
func (q Search) Validate() people.Problems {
	var ps people.Problems
	if q.Time != "" && !clock(q.Time) {
		ps = append(ps, people.Problem{Field: "time", Message: "Enter a time like 10:30, or leave it empty"})
	} else if q.Time != "" && q.Day == "" {
		ps = append(ps, people.Problem{Field: "day", Message: "Choose a day to search by a time"})
	}
	if q.Day != "" && dayName(q.Day) == q.Day {
		ps = append(ps, people.Problem{Field: "day", Message: "Choose a day from the list"})
	}
	if q.Cost != "" && q.Cost != CostFree && q.Cost != CostCharged {
		ps = append(ps, people.Problem{Field: "cost", Message: "Choose free, charged or either"})
	}
	if q.Postcode != "" {
		if _, err := postcodes.Normalise(q.Postcode); err != nil {
			ps = append(ps, people.Problem{Field: "postcode", Message: "Enter a full postcode, like ZZ99 3AB"})
		}
	}
	if q.Miles < 0 || q.Miles > 100 {
		ps = append(ps, people.Problem{Field: "miles", Message: "Choose a distance from the list"})
	}
	return ps
}

// SearchFields are the search form's fields in order, for the error summary.
var SearchFields = []string{"words", "category", "day", "time", "cost", "postcode", "miles"}

// hit is a service matching a search, before it is read in full.
type hit struct {
	id     string
	rank   float64 // lower is better
	name   string
	metres float64
	place  string // the nearest location's id
}

// Search finds services for a practitioner. A postcode that is not in the national table is a problem on the
// postcode field, so the page can say so.
func (s *Store) Search(ctx context.Context, q Search) (Results, error) {
	if ps := q.Validate(); len(ps) > 0 {
		return Results{}, ps
	}
	var res Results
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		if res.Period, err = period(ctx, tx); err != nil {
			return err
		}
		var origin *postcodes.Point
		switch {
		case q.Postcode != "":
			pc, _ := postcodes.Normalise(q.Postcode)
			var p postcodes.Point
			err := tx.QueryRowContext(ctx, `SELECT latitude, longitude FROM postcode WHERE postcode = $1`, pc).Scan(&p.Latitude, &p.Longitude)
			if errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
				return people.Problems{{Field: "postcode", Message: "We do not know the postcode " + pc + ". Check it, or search without a postcode"}}
			}
			if err != nil {
				return fmt.Errorf("find the postcode: %w", err)
			}
			origin, res.From = &p, pc
		case q.Near != "":
			var p postcodes.Point
			var name string
			err := tx.QueryRowContext(ctx, `SELECT s.name, loc.latitude, loc.longitude FROM directory_service s
				JOIN directory_service_at_location l ON l.council_id = s.council_id AND l.service_id = s.id
				JOIN directory_location loc ON loc.council_id = l.council_id AND loc.id = l.location_id
				WHERE s.council_id = $1 AND s.id = $2 AND loc.latitude IS NOT NULL AND loc.longitude IS NOT NULL
				ORDER BY l.created_at, l.id LIMIT 1`, tx.Council(), q.Near).Scan(&name, &p.Latitude, &p.Longitude)
			if err != nil {
				return fmt.Errorf("find the service to search near: %w", sqldb.Normalise(err))
			}
			origin, res.From = &p, name
		}
		hits, err := matches(ctx, tx, q)
		if err != nil {
			return err
		}
		if origin != nil {
			if hits, err = within(ctx, tx, hits, *origin, q); err != nil {
				return err
			}
		}
		res.Total = len(hits)
		if len(hits) > MaxResults {
			hits = hits[:MaxResults]
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.id
		}
		svcs, err := readServices(ctx, tx, ids)
		if err != nil {
			return err
		}
		byID := make(map[string]Service, len(svcs))
		for _, sv := range svcs {
			byID[sv.ID] = sv
		}
		for _, h := range hits {
			sv, ok := byID[h.id]
			if !ok {
				return fmt.Errorf("service %s: %w", h.id, sqldb.ErrNotFound)
			}
			r := Result{Service: sv, Metres: h.metres}
			if origin != nil {
				r.Distance = postcodes.Miles(h.metres)
				for _, l := range sv.Locations {
					if l.ID == h.place {
						r.Place = placeText(l)
					}
				}
			}
			res.Found = append(res.Found, r)
		}
		return nil
	})
	if err != nil {
		return Results{}, err
	}
	return res, nil
}

func placeText(l Location) string {
	parts := []string{}
	if l.Name != "" {
		parts = append(parts, l.Name)
	}
	for _, a := range l.Addresses {
		if t := a.Text(); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, ", ")
}

// matches are the services matching everything but distance, best first.
func matches(ctx context.Context, tx *sqldb.Tx, q Search) ([]hit, error) {
	filter, args := serviceFilter(tx, Query{TaxonomyTermID: q.TermID, Day: q.Day, StartTime: padTime(q.Time)})
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	switch q.Cost {
	case CostFree:
		filter += ` AND NOT EXISTS (SELECT 1 FROM directory_cost_option c WHERE c.council_id = $1 AND c.service_id = s.id AND c.amount > 0)`
	case CostCharged:
		filter += ` AND EXISTS (SELECT 1 FROM directory_cost_option c WHERE c.council_id = $1 AND c.service_id = s.id AND c.amount > 0)`
	}
	// A practitioner is not shown services that have closed for good or stopped running.
	filter += ` AND s.status IN ('active', 'temporarily closed')`
	rank, from := `0`, `directory_service s`
	if words := MatchWords(q.Words); words != "" {
		if tx.Dialect().Engine() == sqldb.Postgres {
			t := arg(q.Words)
			filter += ` AND s.search_vector @@ plainto_tsquery('english', ` + t + `)`
			rank = `-ts_rank(s.search_vector, plainto_tsquery('english', ` + t + `))`
		} else {
			// bm25 is lower for a better match; the name counts most.
			from = `directory_service s JOIN directory_service_fts f ON f.council_id = s.council_id AND f.id = s.id`
			filter += ` AND directory_service_fts MATCH ` + arg(words)
			rank = `bm25(directory_service_fts, 0, 0, 10.0, 2.0, 1.0)`
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, `+rank+` FROM `+from+` WHERE s.council_id = $1`+filter+` ORDER BY 3, s.name, s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("search the directory: %w", err)
	}
	defer rows.Close()
	var out []hit
	for rows.Next() {
		var h hit
		if err := rows.Scan(&h.id, &h.name, &h.rank); err != nil {
			return nil, fmt.Errorf("search the directory: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// within keeps the hits with a place within the distance, nearest first (the best match first among equals): a
// bounding box in SQL, then the exact distance here.
func within(ctx context.Context, tx *sqldb.Tx, hits []hit, origin postcodes.Point, q Search) ([]hit, error) {
	miles := q.Miles
	if miles == 0 {
		miles = 5
	}
	metres := miles * 1609.344
	b := postcodes.BoxAround(origin, metres)
	rows, err := tx.QueryContext(ctx, `SELECT l.service_id, loc.id, loc.latitude, loc.longitude FROM directory_location loc
		JOIN directory_service_at_location l ON l.council_id = loc.council_id AND l.location_id = loc.id
		WHERE loc.council_id = $1 AND loc.latitude BETWEEN $2 AND $3 AND loc.longitude BETWEEN $4 AND $5`,
		tx.Council(), b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
	if err != nil {
		return nil, fmt.Errorf("find places nearby: %w", err)
	}
	defer rows.Close()
	type near struct {
		metres float64
		place  string
	}
	nearest := map[string]near{}
	for rows.Next() {
		var svc, loc string
		var p postcodes.Point
		if err := rows.Scan(&svc, &loc, &p.Latitude, &p.Longitude); err != nil {
			return nil, fmt.Errorf("find places nearby: %w", err)
		}
		d := postcodes.Distance(origin, p)
		if d > metres || svc == q.Near {
			continue
		}
		if n, ok := nearest[svc]; !ok || d < n.metres {
			nearest[svc] = near{d, loc}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []hit
	for _, h := range hits {
		if n, ok := nearest[h.id]; ok {
			h.metres, h.place = n.metres, n.place
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		// Within ten metres is the same distance: the better match goes first.
		if math.Abs(out[i].metres-out[j].metres) > 10 {
			return out[i].metres < out[j].metres
		}
		return out[i].rank < out[j].rank
	})
	return out, nil
}
