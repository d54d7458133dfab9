package directory

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/golden-thread/goldenthread/internal/postcodes"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Query is what a client of the Open Referral UK API asks of a list: the standard's query parameters.
type Query struct {
	Text           string // search: full text
	TaxonomyTermID string // services with this term
	TaxonomyID     string // services with any term of this taxonomy
	Day            string // open on this day: MO, TU, ...
	StartTime      string // open at this time, "09:30"
	EndTime        string // open until at least this time
	Near           *postcodes.Point
	Metres         float64 // with Near: only this close
	Page, PerPage  int
}

// MaxPerPage is the most records one page of the API holds.
const MaxPerPage = 200

// page fills in the standard's defaults: the first page of 50.
func (q Query) page() (page, per int) {
	page, per = q.Page, q.PerPage
	if page < 1 {
		page = 1
	}
	if per < 1 {
		per = 50
	}
	return page, min(per, MaxPerPage)
}

// envelope is the standard's pagination envelope around one page of contents.
func envelope(contents []object, total, page, per int) object {
	if contents == nil {
		contents = []object{}
	}
	pages := (total + per - 1) / per
	return object{{"total_items", total}, {"total_pages", pages}, {"page_number", page}, {"size", len(contents)},
		{"first_page", page == 1}, {"last_page", page >= pages}, {"empty", len(contents) == 0}, {"contents", contents}}
}

// serviceFilter is the SQL (after council_id = $1, over directory_service s) and its arguments for a query's
// filters other than distance.
func serviceFilter(tx *sqldb.Tx, q Query) (string, []any) {
	var where []string
	args := []any{tx.Council()}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if words := MatchWords(q.Text); words != "" {
		// The services whose words match, from the search index (migration 00021).
		if tx.Dialect().Engine() == sqldb.Postgres {
			where = append(where, `s.id IN (SELECT w.id FROM directory_service_fts_word w `+wordsMatched(arg(q.Text))+`)`)
		} else {
			where = append(where, `s.id IN (SELECT d.id FROM directory_service_fts f CROSS JOIN directory_service_fts_doc d
				WHERE directory_service_fts MATCH `+arg(words)+` AND d.doc = f.rowid AND d.council_id = $1)`)
		}
	}
	if q.TaxonomyTermID != "" {
		where = append(where, `EXISTS (SELECT 1 FROM directory_attribute a WHERE a.council_id = $1 AND a.link_id = s.id AND a.taxonomy_term_id = `+arg(q.TaxonomyTermID)+`)`)
	}
	if q.TaxonomyID != "" {
		where = append(where, `EXISTS (SELECT 1 FROM directory_attribute a JOIN directory_taxonomy_term t ON t.council_id = a.council_id AND t.id = a.taxonomy_term_id
			WHERE a.council_id = $1 AND a.link_id = s.id AND t.taxonomy_id = `+arg(q.TaxonomyID)+`)`)
	}
	if q.Day != "" || q.StartTime != "" || q.EndTime != "" {
		var cond []string
		if q.Day != "" {
			cond = append(cond, `h.byday LIKE `+arg("%"+strings.ToUpper(q.Day)+"%"))
		}
		if q.StartTime != "" {
			t := arg(q.StartTime)
			cond = append(cond, `h.opens_at <> '' AND h.opens_at <= `+t+` AND h.closes_at > `+t)
		}
		if q.EndTime != "" {
			cond = append(cond, `h.closes_at >= `+arg(q.EndTime))
		}
		// The service's own schedules, or those of the service at one of its places: two indexed look-ups, not one
		// OR, which would read every schedule for every service. The second names the service's places in an IN
		// list: written as a join, SQLite read every schedule of the council for each service (seconds at 20,000).
		// The IN list implies the place is not NULL, so both engines use the index of schedules at a place (00019).
		when := ``
		if len(cond) > 0 {
			when = ` AND ` + strings.Join(cond, ` AND `)
		}
		where = append(where, `(EXISTS (SELECT 1 FROM directory_schedule h WHERE h.council_id = $1 AND h.service_id = s.id`+when+`)
			OR EXISTS (SELECT 1 FROM directory_schedule h WHERE h.council_id = $1 AND h.service_at_location_id IN
				(SELECT l.id FROM directory_service_at_location l WHERE l.council_id = $1 AND l.service_id = s.id)`+when+`))`)
	}
	if len(where) == 0 {
		return "", args
	}
	return ` AND ` + strings.Join(where, ` AND `), args
}

// wordsMatched is the end of a PostgreSQL query of the rows of directory_service_fts_word w, from WHERE on: one
// row a service that has every word of the text in argument t. The text's words are stemmed as the services' were,
// stop words left out, as plainto_tsquery would; each is looked up by the table's key. A service has each word
// once, so it has them all when it has as many as there are; "at least as many" says the same, and PostgreSQL
// estimates it as a third of the services with any of the words rather than a handful, so that by distance it
// starts from the places in the box when they are fewer.
func wordsMatched(t string) string {
	words := `tsvector_to_array(to_tsvector('english', ` + t + `))`
	return `WHERE w.council_id = $1 AND w.word = ANY(` + words + `)
		GROUP BY w.council_id, w.id, w.name, w.status HAVING count(*) >= cardinality(` + words + `)`
}

// MatchWords turns what someone typed into an FTS5 query: each word quoted (so nothing typed is an operator), all
// of them required. "" when nothing searchable was typed.
func MatchWords(text string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		words = append(words, `"`+w+`"`)
	}
	return strings.Join(words, " ")
}

// recordsByID reads a table's records with these ids, in the order given.
func recordsByID(ctx context.Context, tx *sqldb.Tx, t Table, ids []string) ([]Record, error) {
	got, err := loadIn(ctx, tx, t, "id", ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]Record{}
	for _, g := range got {
		byID[g.Record["id"]] = g.Record
	}
	out := make([]Record, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

func strings1(ctx context.Context, tx *sqldb.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// APIServices is a page of services, one-to-one fields only, in the pagination envelope.
func (s *Store) APIServices(ctx context.Context, q Query) (json.Marshaler, error) {
	page, per := q.page()
	var out object
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		filter, args := serviceFilter(tx, q)
		// The page's ids and the count of every match in one query (the count is a window over the matches); only
		// a page past the end, which has no rows to carry the count, counts again.
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT s.id, count(*) OVER () FROM directory_service s WHERE s.council_id = $1%s
			ORDER BY s.name, s.id LIMIT %d OFFSET %d`, filter, per, (page-1)*per), args...)
		if err != nil {
			return fmt.Errorf("list services: %w", err)
		}
		var ids []string
		total := 0
		for rows.Next() {
			var id string
			if err := rows.Scan(&id, &total); err != nil {
				rows.Close()
				return fmt.Errorf("list services: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("list services: %w", err)
		}
		if len(ids) == 0 && page > 1 {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM directory_service s WHERE s.council_id = $1`+filter, args...).Scan(&total); err != nil {
				return fmt.Errorf("count services: %w", err)
			}
		}
		recs, err := recordsByID(ctx, tx, tbl("service"), ids)
		if err != nil {
			return err
		}
		contents := make([]object, len(recs))
		for i, r := range recs {
			contents[i] = fields(tbl("service"), r)
		}
		out = envelope(contents, total, page, per)
		return nil
	})
	return out, err
}

// graph reads every record the full shapes of these services need, with their organisations.
func graph(ctx context.Context, tx *sqldb.Tx, serviceIDs []string) (Dataset, error) {
	d := Dataset{}
	if len(serviceIDs) == 0 {
		return d, nil
	}
	in, args := placeholders(2, serviceIDs) // after the council's $1
	sal := `(SELECT id FROM directory_service_at_location WHERE council_id = $1 AND service_id IN ` + in + `)`
	locs := `(SELECT location_id FROM directory_service_at_location WHERE council_id = $1 AND service_id IN ` + in + `)`
	where := map[string]string{
		"organization":        `id IN (SELECT organization_id FROM directory_service WHERE council_id = $1 AND id IN ` + in + `)`,
		"service":             `id IN ` + in,
		"schedule":            `(service_id IN ` + in + ` OR service_at_location_id IN ` + sal + `)`,
		"service_area":        `service_id IN ` + in,
		"service_at_location": `service_id IN ` + in,
		"location":            `id IN ` + locs,
		"address":             `location_id IN ` + locs,
		"accessibility":       `location_id IN ` + locs,
		"language":            `service_id IN ` + in,
		"cost_option":         `service_id IN ` + in,
		"contact":             `service_id IN ` + in,
		"phone":               `contact_id IN (SELECT id FROM directory_contact WHERE council_id = $1 AND service_id IN ` + in + `)`,
		"attribute":           `link_id IN ` + in,
		"taxonomy_term":       `id IN (SELECT taxonomy_term_id FROM directory_attribute WHERE council_id = $1 AND link_id IN ` + in + `)`,
	}
	for _, t := range Layout {
		w, ok := where[t.Name]
		if !ok {
			continue
		}
		rows, err := load(ctx, tx, t, w, args...)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			d[t.Name] = append(d[t.Name], r.Record)
		}
	}
	return d, nil
}

// APIService is one service in full, or sqldb.ErrNotFound.
func (s *Store) APIService(ctx context.Context, id string) (json.Marshaler, error) {
	var out object
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		d, err := graph(ctx, tx, []string{id})
		if err != nil {
			return err
		}
		if len(d["service"]) == 0 {
			return fmt.Errorf("service %s: %w", id, sqldb.ErrNotFound)
		}
		sh := newShaper(d)
		out = sh.service(d["service"][0])
		if len(d["organization"]) > 0 {
			out = append(out, property{"organization", fields(tbl("organization"), d["organization"][0])})
		}
		return nil
	})
	return out, err
}

// located is a service at a location with where it is.
type located struct {
	id       string
	lat, lon *float64
	metres   float64
}

// APIServiceAtLocations is a page of services at locations, each with its location and service's one-to-one
// fields. With Near, only those within Metres, nearest first.
func (s *Store) APIServiceAtLocations(ctx context.Context, q Query) (json.Marshaler, error) {
	page, per := q.page()
	var out object
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		filter, args := serviceFilter(tx, q)
		sql := `SELECT l.id, loc.latitude, loc.longitude FROM directory_service_at_location l
			JOIN directory_service s ON s.council_id = l.council_id AND s.id = l.service_id
			JOIN directory_location loc ON loc.council_id = l.council_id AND loc.id = l.location_id
			WHERE l.council_id = $1` + filter
		if q.Near != nil {
			b := postcodes.BoxAround(*q.Near, q.Metres)
			n := len(args)
			sql += fmt.Sprintf(` AND loc.latitude BETWEEN $%d AND $%d AND loc.longitude BETWEEN $%d AND $%d`, n+1, n+2, n+3, n+4)
			args = append(args, b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
		}
		rows, err := tx.QueryContext(ctx, sql+` ORDER BY s.name, l.id`, args...)
		if err != nil {
			return fmt.Errorf("list services at locations: %w", err)
		}
		var all []located
		for rows.Next() {
			var l located
			if err := rows.Scan(&l.id, &l.lat, &l.lon); err != nil {
				rows.Close()
				return err
			}
			if q.Near != nil {
				if l.lat == nil || l.lon == nil {
					continue
				}
				l.metres = postcodes.Distance(*q.Near, postcodes.Point{Latitude: *l.lat, Longitude: *l.lon})
				if l.metres > q.Metres {
					continue
				}
			}
			all = append(all, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if q.Near != nil {
			sort.SliceStable(all, func(i, j int) bool { return all[i].metres < all[j].metres })
		}
		from := min((page-1)*per, len(all))
		to := min(from+per, len(all))
		ids := make([]string, 0, to-from)
		for _, l := range all[from:to] {
			ids = append(ids, l.id)
		}
		recs, err := recordsByID(ctx, tx, tbl("service_at_location"), ids)
		if err != nil {
			return err
		}
		var svcIDs, locIDs []string
		for _, r := range recs {
			svcIDs = append(svcIDs, r["service_id"])
			locIDs = append(locIDs, r["location_id"])
		}
		svcs, err := recordsByID(ctx, tx, tbl("service"), svcIDs)
		if err != nil {
			return err
		}
		locsRecs, err := recordsByID(ctx, tx, tbl("location"), locIDs)
		if err != nil {
			return err
		}
		svcBy, locBy := index(svcs), index(locsRecs)
		contents := make([]object, len(recs))
		for i, r := range recs {
			o := fields(tbl("service_at_location"), r)
			if loc, ok := locBy[r["location_id"]]; ok {
				o = append(o, property{"location", fields(tbl("location"), loc)})
			}
			if svc, ok := svcBy[r["service_id"]]; ok {
				o = append(o, property{"service", fields(tbl("service"), svc)})
			}
			contents[i] = o
		}
		out = envelope(contents, len(all), page, per)
		return nil
	})
	return out, err
}

func index(rs []Record) map[string]Record {
	m := make(map[string]Record, len(rs))
	for _, r := range rs {
		m[r["id"]] = r
	}
	return m
}

// APIServiceAtLocation is one service at a location in full: its location and its service in full.
func (s *Store) APIServiceAtLocation(ctx context.Context, id string) (json.Marshaler, error) {
	var out object
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		sal, err := loadOne(ctx, tx, tbl("service_at_location"), id)
		if err != nil {
			return err
		}
		d, err := graph(ctx, tx, []string{sal.Record["service_id"]})
		if err != nil {
			return err
		}
		sh := newShaper(d)
		out = sh.serviceAtLocation(sal.Record)
		if len(d["service"]) > 0 {
			out = append(out, property{"service", sh.service(d["service"][0])})
		}
		return nil
	})
	return out, err
}

// simplePage is a page of a table's records by name, one-to-one fields only.
func (s *Store) simplePage(ctx context.Context, table string, q Query) (json.Marshaler, error) {
	page, per := q.page()
	t := tbl(table)
	var out object
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var total int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t.DB+` WHERE council_id = $1`, tx.Council()).Scan(&total); err != nil {
			return fmt.Errorf("count %s: %w", table, err)
		}
		ids, err := strings1(ctx, tx, fmt.Sprintf(`SELECT id FROM %s WHERE council_id = $1 ORDER BY name, id LIMIT %d OFFSET %d`, t.DB, per, (page-1)*per), tx.Council())
		if err != nil {
			return fmt.Errorf("list %s: %w", table, err)
		}
		recs, err := recordsByID(ctx, tx, t, ids)
		if err != nil {
			return err
		}
		contents := make([]object, len(recs))
		for i, r := range recs {
			contents[i] = fields(t, r)
		}
		out = envelope(contents, total, page, per)
		return nil
	})
	return out, err
}

func (s *Store) simpleOne(ctx context.Context, table, id string) (json.Marshaler, error) {
	var out object
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		r, err := loadOne(ctx, tx, tbl(table), id)
		if err != nil {
			return err
		}
		out = fields(tbl(table), r.Record)
		return nil
	})
	return out, err
}

// APIOrganizations is a page of organisations, one-to-one fields only.
func (s *Store) APIOrganizations(ctx context.Context, q Query) (json.Marshaler, error) {
	return s.simplePage(ctx, "organization", q)
}

// APIOrganization is one organisation with its services in full.
func (s *Store) APIOrganization(ctx context.Context, id string) (json.Marshaler, error) {
	var out object
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		org, err := loadOne(ctx, tx, tbl("organization"), id)
		if err != nil {
			return err
		}
		ids, err := strings1(ctx, tx, `SELECT id FROM directory_service WHERE council_id = $1 AND organization_id = $2 ORDER BY name, id`, tx.Council(), id)
		if err != nil {
			return fmt.Errorf("list the organisation's services: %w", err)
		}
		d, err := graph(ctx, tx, ids)
		if err != nil {
			return err
		}
		d["organization"] = []Record{org.Record}
		out = newShaper(d).organization(org.Record)
		return nil
	})
	return out, err
}

// APITaxonomies is a page of taxonomies.
func (s *Store) APITaxonomies(ctx context.Context, q Query) (json.Marshaler, error) {
	return s.simplePage(ctx, "taxonomy", q)
}

// APITaxonomy is one taxonomy.
func (s *Store) APITaxonomy(ctx context.Context, id string) (json.Marshaler, error) {
	return s.simpleOne(ctx, "taxonomy", id)
}

// APITaxonomyTerms is a page of taxonomy terms.
func (s *Store) APITaxonomyTerms(ctx context.Context, q Query) (json.Marshaler, error) {
	return s.simplePage(ctx, "taxonomy_term", q)
}

// APITaxonomyTerm is one taxonomy term.
func (s *Store) APITaxonomyTerm(ctx context.Context, id string) (json.Marshaler, error) {
	return s.simpleOne(ctx, "taxonomy_term", id)
}
