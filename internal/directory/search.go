package directory

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
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
	Page     int     // which page of results, from 1; the first when not given, the last when past the end
}

// SearchMiles are the distances a practitioner can choose.
var SearchMiles = []float64{1, 3, 5, 10, 25}

// PerPage is how many services one page of results shows.
const PerPage = 20

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
	Found  []Result
	Total  int    // how many services match, of which Found holds at most PerPage
	Page   int    // which page Found is, from 1
	Pages  int    // how many pages there are
	From   string // where distances are measured from: the postcode, or the service's name
	Period Period
	// Categories are every category, for the search form beside the results: read in the same transaction, which
	// on PostgreSQL is three round trips fewer than a transaction of their own.
	Categories []Term
}

// Validate checks what was asked before any searching.
func (q Search) Validate() validation.Problems {
	var ps validation.Problems
	if q.Time != "" && !clock(q.Time) {
		ps.Append("time", "Enter a time like 10:30, or leave it empty")
	} else if q.Time != "" && q.Day == "" {
		ps.Append("day", "Choose a day to search by a time")
	}
	if q.Day != "" && dayName(q.Day) == q.Day {
		ps.Append("day", "Choose a day from the list")
	}
	if q.Cost != "" && q.Cost != CostFree && q.Cost != CostCharged {
		ps.Append("cost", "Choose free, charged or either")
	}
	if q.Postcode != "" {
		if _, err := postcodes.Normalise(q.Postcode); err != nil {
			ps.Append("postcode", "Enter a full postcode, like ZZ99 3AB")
		}
	}
	if q.Miles < 0 || q.Miles > 100 {
		ps.Append("miles", "Choose a distance from the list")
	}
	return ps
}

// SearchFields are the search form's fields in order, for the error summary.
var SearchFields = []string{"words", "category", "day", "time", "cost", "postcode", "miles"}

// hit is a service matching a search, before it is read in full.
type hit struct {
	id     string
	rank   float64 // lower is better
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
		if res.Categories, err = categories(ctx, tx); err != nil {
			return err
		}
		var origin *postcodes.Point
		switch {
		case q.Postcode != "":
			pc, _ := postcodes.Normalise(q.Postcode)
			var p postcodes.Point
			err := tx.QueryRowContext(ctx, `SELECT latitude, longitude FROM postcode WHERE postcode = $1`, pc).Scan(&p.Latitude, &p.Longitude)
			if errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
				return validation.Problems{{Field: "postcode", Message: "We do not know the postcode " + pc + ". Check it, or search without a postcode"}}
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
		res.Page = max(1, q.Page)
		hits, total, err := choose(ctx, tx, q, origin, res.Page)
		if err != nil {
			return err
		}
		if len(hits) == 0 && res.Page > 1 {
			// Past the end (a page from an older search, or a typed address): the last page instead. The first
			// query could not count, as it found no rows to count over.
			if _, total, err = choose(ctx, tx, q, origin, 1); err != nil {
				return err
			}
			res.Page = max(1, (total+PerPage-1)/PerPage)
			if hits, total, err = choose(ctx, tx, q, origin, res.Page); err != nil {
				return err
			}
		}
		res.Total, res.Pages = total, (total+PerPage-1)/PerPage
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.id
		}
		svcs, err := readServices(ctx, tx, ids, asCards)
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

// choose picks the page of services a search shows, best first, and counts every service it matches, in one
// query: the full-text match, the category, day and time, cost and status, ordered by how well the words match
// and then by name, one page of PerPage. Only the services on the page are then read.
//
// A search by words starts from the search index (migration 00021). On SQLite that is the FTS5 match, joined by
// number to each service's searchable document; on PostgreSQL the rows of the services' words that match. Either
// way narrow rows hold the council, name and status the rest needs, and the services' full rows are not read.
//
// By distance, the same query joins each service to its places inside a bounding box around the origin (an
// indexed range over the places' latitude and longitude), and returns those places; the exact distance is worked
// out here on those few, keeping each service's nearest place within the distance, nearest first (the better
// match first among services within ten metres of each other).
func choose(ctx context.Context, tx *sqldb.Tx, q Search, origin *postcodes.Point, page int) ([]hit, int, error) {
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
	// s is the services matching the words when searching by words, otherwise the services themselves: either way
	// with the council, id, name and status the rest of the query uses. On SQLite the FTS5 match is read first, into
	// a table of its own (m); CROSS JOIN fixes the order of the tables (PostgreSQL still chooses).
	rank, from := `0`, `directory_service s`
	sqlite := tx.Dialect().Engine() == sqldb.SQLite
	words := MatchWords(q.Words)
	if words != "" {
		if !sqlite {
			// The services with every word, each word's weight summed (higher is better).
			from = `(SELECT w.council_id, w.id, w.name, w.status, sum(w.weight) AS weight FROM directory_service_fts_word w ` +
				wordsMatched(arg(q.Words)) + `) s`
			rank = `-s.weight`
		} else {
			// bm25 is lower for a better match; the name counts most.
			from = `(SELECT rowid AS doc, bm25(directory_service_fts, 10.0, 2.0, 1.0) AS score FROM directory_service_fts
				WHERE directory_service_fts MATCH ` + arg(words) + `) m CROSS JOIN directory_service_fts_doc s`
			filter += ` AND s.doc = m.doc`
			rank = `m.score`
		}
	}
	if origin == nil {
		// The count is a window over every match, so one query gives the page and the total. (SQLite's bm25 cannot
		// be used in a query with a window, so the match is a subquery.)
		rows, err := tx.QueryContext(ctx, `SELECT id, score, count(*) OVER () FROM (SELECT s.id, s.name, `+rank+` AS score FROM `+from+
			` WHERE s.council_id = $1`+filter+fmt.Sprintf(`) page ORDER BY score, name, id LIMIT %d OFFSET %d`, PerPage, (page-1)*PerPage), args...)
		if err != nil {
			return nil, 0, fmt.Errorf("search the directory: %w", err)
		}
		defer rows.Close()
		var out []hit
		total := 0
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.id, &h.rank, &total); err != nil {
				return nil, 0, fmt.Errorf("search the directory: %w", err)
			}
			out = append(out, h)
		}
		return out, total, rows.Err()
	}

	miles := q.Miles
	if miles == 0 {
		miles = 5
	}
	metres := miles * 1609.344
	b := postcodes.BoxAround(*origin, metres)
	box := ` AND loc.latitude BETWEEN ` + arg(b.MinLat) + ` AND ` + arg(b.MaxLat) + ` AND loc.longitude BETWEEN ` + arg(b.MinLon) + ` AND ` + arg(b.MaxLon)
	if q.Near != "" {
		box += ` AND s.id <> ` + arg(q.Near)
	}
	places := from + ` CROSS JOIN directory_service_at_location l CROSS JOIN directory_location loc`
	if words == "" || !sqlite {
		// With no words, the places in the box come first (on SQLite; PostgreSQL chooses).
		places = `directory_location loc CROSS JOIN directory_service_at_location l CROSS JOIN ` + from
	}
	rows, err := tx.QueryContext(ctx, `SELECT s.id, `+rank+`, loc.id, loc.latitude, loc.longitude FROM `+places+`
		WHERE s.council_id = $1 AND l.council_id = $1 AND l.service_id = s.id AND loc.council_id = $1 AND loc.id = l.location_id`+
		filter+box+` ORDER BY 2, s.name, s.id, loc.id`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("search the directory near a place: %w", err)
	}
	defer rows.Close()
	// The services in the order of the match, each with its nearest place within the distance.
	var out []hit
	at := map[string]int{}
	for rows.Next() {
		var h hit
		var p postcodes.Point
		if err := rows.Scan(&h.id, &h.rank, &h.place, &p.Latitude, &p.Longitude); err != nil {
			return nil, 0, fmt.Errorf("search the directory near a place: %w", err)
		}
		h.metres = postcodes.Distance(*origin, p)
		if h.metres > metres {
			continue
		}
		if i, ok := at[h.id]; !ok {
			at[h.id] = len(out)
			out = append(out, h)
		} else if h.metres < out[i].metres {
			out[i].metres, out[i].place = h.metres, h.place
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		// Within ten metres is the same distance: the better match goes first.
		if math.Abs(out[i].metres-out[j].metres) > 10 {
			return out[i].metres < out[j].metres
		}
		return out[i].rank < out[j].rank
	})
	total := len(out)
	first := min(total, (page-1)*PerPage)
	return out[first:min(total, first+PerPage)], total, nil
}
