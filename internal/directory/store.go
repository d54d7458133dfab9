package directory

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps the council's community directory. Every method reads the council from the context; a change needs
// a directory editor or an administrator when a member of staff is signed in (the command line acts for the
// council itself). Directory records are not about people, so nothing here writes the access log.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

func table(name string) Table {
	t, ok := TableNamed(name)
	if !ok {
		panic("directory: no table " + name)
	}
	return t
}

// mayEdit refuses a change by a member of staff who is not a directory editor or an administrator.
func mayEdit(ctx context.Context) (by string, err error) {
	if _, err := sqldb.CouncilFrom(ctx); err != nil {
		return "", err
	}
	st, ok := councils.StaffFrom(ctx)
	if !ok {
		return "", nil
	}
	if !CanEdit(st.Role) {
		return "", fmt.Errorf("change the directory as %s: %w", st.Role, sqldb.ErrForbidden)
	}
	return st.ID, nil
}

func (s *Store) read(ctx context.Context, fn func(tx *sqldb.Tx) error) error {
	if _, err := sqldb.CouncilFrom(ctx); err != nil {
		return err
	}
	return s.db.ReadTx(ctx, fn)
}

func period(ctx context.Context, tx *sqldb.Tx) (Period, error) {
	p := Period{Today: tx.Today()}
	err := tx.QueryRowContext(ctx, `SELECT directory_check_months FROM council WHERE id = $1`, tx.Council()).Scan(&p.Months)
	if err != nil {
		return Period{}, fmt.Errorf("read the directory's checking period: %w", sqldb.Normalise(err))
	}
	return p, nil
}

// OrganisationEntry is an organisation with its services, as the directory's home lists it.
type OrganisationEntry struct {
	Organisation
	Services []ServiceSummary
}

// Home is the directory's front page: every organisation with its services, and the services overdue for a check,
// longest unchecked first.
type Home struct {
	Period
	Organisations []OrganisationEntry
	Overdue       []ServiceSummary
	Services      int
}

// Home reads the directory's front page.
func (s *Store) Home(ctx context.Context) (Home, error) {
	var h Home
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		if h.Period, err = period(ctx, tx); err != nil {
			return err
		}
		orgs, err := load(ctx, tx, table("organization"), "")
		if err != nil {
			return err
		}
		byID := map[string]int{}
		for _, o := range orgs {
			byID[o.Record["id"]] = len(h.Organisations)
			h.Organisations = append(h.Organisations, OrganisationEntry{Organisation: organisationOf(o)})
		}
		services, err := load(ctx, tx, table("service"), "")
		if err != nil {
			return err
		}
		for _, sv := range services {
			sum := summaryOf(sv.Record)
			i, ok := byID[sum.OrganisationID]
			if !ok {
				continue
			}
			sum.OrganisationName = h.Organisations[i].Name
			h.Organisations[i].Services = append(h.Organisations[i].Services, sum)
			h.Services++
			if sum.Overdue(h.Period) {
				h.Overdue = append(h.Overdue, sum)
			}
		}
		return nil
	})
	sort.SliceStable(h.Organisations, func(i, j int) bool {
		return strings.ToLower(h.Organisations[i].Name) < strings.ToLower(h.Organisations[j].Name)
	})
	for _, o := range h.Organisations {
		sort.SliceStable(o.Services, func(i, j int) bool { return strings.ToLower(o.Services[i].Name) < strings.ToLower(o.Services[j].Name) })
	}
	sort.SliceStable(h.Overdue, func(i, j int) bool { return h.Overdue[i].LastChecked.Before(h.Overdue[j].LastChecked.Time) })
	return h, err
}

func summaryOf(r Record) ServiceSummary {
	sum := ServiceSummary{ID: r["id"], Name: r["name"], Status: r["status"], OrganisationID: r["organization_id"]}
	sum.LastChecked, _ = sqldb.ParseDate(r["assured_date"])
	return sum
}

// Organisation reads an organisation and its services.
func (s *Store) Organisation(ctx context.Context, id string) (Organisation, []ServiceSummary, Period, error) {
	var o Organisation
	var list []ServiceSummary
	var p Period
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		got, err := loadOne(ctx, tx, table("organization"), id)
		if err != nil {
			return err
		}
		o = organisationOf(got)
		if p, err = period(ctx, tx); err != nil {
			return err
		}
		services, err := load(ctx, tx, table("service"), `organization_id = $2`, id)
		for _, sv := range services {
			sum := summaryOf(sv.Record)
			sum.OrganisationName = o.Name
			list = append(list, sum)
		}
		return err
	})
	return o, list, p, err
}

func (o Organisation) apply(r Record) Record {
	r = cloneRecord(r)
	r["id"], r["name"], r["description"] = o.ID, tidy(o.Name), strings.TrimSpace(o.Description)
	r["email"], r["website"] = strings.TrimSpace(o.Email), strings.TrimSpace(o.Website)
	return r
}

func tidy(s string) string { return strings.Join(strings.Fields(s), " ") }

func cloneRecord(r Record) Record {
	out := Record{}
	for k, v := range r {
		out[k] = v
	}
	return out
}

// AddOrganisation adds an organisation.
func (s *Store) AddOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	by, err := mayEdit(ctx)
	if err != nil {
		return Organisation{}, err
	}
	if ps := o.Validate(); len(ps) > 0 {
		return Organisation{}, ps
	}
	o.ID = sqldb.NewID()
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if err := insert(ctx, tx, table("organization"), o.apply(Record{}), by); err != nil {
			return err
		}
		got, err := loadOne(ctx, tx, table("organization"), o.ID)
		o = organisationOf(got)
		return err
	})
	return o, err
}

// UpdateOrganisation changes an organisation if nobody changed it since o.Version; otherwise it changes nothing and
// returns sqldb.ErrConflict.
func (s *Store) UpdateOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	by, err := mayEdit(ctx)
	if err != nil {
		return Organisation{}, err
	}
	if ps := o.Validate(); len(ps) > 0 {
		return Organisation{}, ps
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		old, err := loadOne(ctx, tx, table("organization"), o.ID)
		if err != nil {
			return err
		}
		if err := update(ctx, tx, table("organization"), o.apply(old.Record), o.Version, by); err != nil {
			return err
		}
		got, err := loadOne(ctx, tx, table("organization"), o.ID)
		o = organisationOf(got)
		return err
	})
	return o, err
}

// Service reads a service with everything recorded about it.
func (s *Store) Service(ctx context.Context, id string) (Service, Period, error) {
	var sv Service
	var p Period
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		if sv, err = readService(ctx, tx, id); err != nil {
			return err
		}
		p, err = period(ctx, tx)
		return err
	})
	return sv, p, err
}

// Cards reads services as a list of search results shows them (their organisation, places, contacts, schedules
// and costs), in the order of ids, leaving out any that are not the council's: for a form that carries services
// chosen from a search.
func (s *Store) Cards(ctx context.Context, ids []string) ([]Service, error) {
	var out []Service
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		var err error
		out, err = readServices(ctx, tx, ids, asCards)
		return err
	})
	return out, err
}

func readService(ctx context.Context, tx *sqldb.Tx, id string) (Service, error) {
	got, err := readServices(ctx, tx, []string{id}, inFull)
	if err != nil {
		return Service{}, err
	}
	if len(got) == 0 {
		return Service{}, fmt.Errorf("service %s: %w", id, sqldb.ErrNotFound)
	}
	return got[0], nil
}

// placeholders is "($first, ...)" for the values, and the values as arguments.
func placeholders(first int, vals []string) (string, []any) {
	marks := make([]string, len(vals))
	args := make([]any, len(vals))
	for i, v := range vals {
		marks[i] = "$" + strconv.Itoa(first+i)
		args[i] = v
	}
	return `(` + strings.Join(marks, ", ") + `)`, args
}

// inList is "col IN ($first, ...)" for the values, and the values as arguments.
func inList(col string, first int, vals []string) (string, []any) {
	in, args := placeholders(first, vals)
	return col + ` IN ` + in, args
}

// loadIn reads the rows of a table whose column holds one of the values, in the order load gives.
func loadIn(ctx context.Context, tx *sqldb.Tx, t Table, col string, vals []string) ([]stored, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	where, args := inList(col, 2, vals) // after the council's $1
	return load(ctx, tx, t, where, args...)
}

// detail is how much of a service readServices reads.
type detail int

const (
	// asCards is what a list of search results shows of each service: its organisation, places and addresses,
	// contacts, schedules and costs.
	asCards detail = iota
	// inFull adds the places' accessibility, languages, categories and service areas.
	inFull
)

// readServices reads services, in the order of ids, leaving out any not found. It reads each table once for all of
// them, so a page of search results costs the same few queries as one service.
func readServices(ctx context.Context, tx *sqldb.Tx, ids []string, d detail) ([]Service, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	// The services, each with its places (service_at_location).
	where, args := inList("p.id", 2, ids)
	svcs, salsOf, err := loadAll(ctx, tx, table("service"), []string{where}, &child{table("service_at_location"), "service_id"}, args...)
	if err != nil {
		return nil, err
	}
	byID := map[string]*Service{}
	var orgIDs []string
	for _, got := range svcs {
		r := got.Record
		sv := &Service{
			ID: r["id"], OrganisationID: r["organization_id"], Name: r["name"], Description: r["description"], URL: r["url"], Email: r["email"],
			Status: r["status"], Fees: r["fees"], MinimumAge: r["minimum_age"], MaximumAge: r["maximum_age"],
			EligibilityDescription: r["eligibility_description"], CheckedBy: r["assurer_email"], LastModified: r["last_modified"],
			Version: got.Version, UpdatedAt: got.UpdatedAt,
		}
		sv.LastChecked, _ = sqldb.ParseDate(r["assured_date"])
		byID[sv.ID] = sv
		orgIDs = append(orgIDs, sv.OrganisationID)
	}
	found := make([]string, 0, len(byID))
	var sals []Record
	for _, id := range ids {
		if _, ok := byID[id]; ok {
			found = append(found, id)
			sals = append(sals, salsOf[id]...)
		}
	}
	if len(found) == 0 {
		return nil, nil
	}
	orgs, err := loadIn(ctx, tx, table("organization"), "id", orgIDs)
	if err != nil {
		return nil, err
	}
	orgName := map[string]string{}
	for _, o := range orgs {
		orgName[o.Record["id"]] = o.Record["name"]
	}
	for _, sv := range byID {
		sv.OrganisationName = orgName[sv.OrganisationID]
	}

	// The places, each with its addresses.
	var locIDs, salIDs []string
	for _, sal := range sals {
		locIDs = append(locIDs, sal["location_id"])
		salIDs = append(salIDs, sal["id"])
	}
	var locs []stored
	var addrsOf map[string][]Record
	if len(locIDs) > 0 {
		where, args := inList("p.id", 2, locIDs)
		if locs, addrsOf, err = loadAll(ctx, tx, table("location"), []string{where}, &child{table("address"), "location_id"}, args...); err != nil {
			return nil, err
		}
	}
	var accs []stored
	if d == inFull {
		if accs, err = loadIn(ctx, tx, table("accessibility"), "location_id", locIDs); err != nil {
			return nil, err
		}
	}
	locByID := map[string]Record{}
	for _, l := range locs {
		locByID[l.Record["id"]] = l.Record
	}
	accsOf := map[string][]Record{}
	for _, a := range accs {
		accsOf[a.Record["location_id"]] = append(accsOf[a.Record["location_id"]], a.Record)
	}
	serviceOfSAL := map[string]string{}
	for _, sal := range sals {
		sv := byID[sal["service_id"]]
		loc, ok := locByID[sal["location_id"]]
		if !ok {
			return nil, fmt.Errorf("location %s: %w", sal["location_id"], sqldb.ErrNotFound)
		}
		l := Location{ID: loc["id"], ServiceAtLocationID: sal["id"], Type: loc["location_type"], Name: loc["name"], Description: loc["description"]}
		for _, a := range addrsOf[l.ID] {
			l.Addresses = append(l.Addresses, Address{ID: a["id"], Line1: a["address_1"], Line2: a["address_2"], City: a["city"], Postcode: a["postal_code"]})
		}
		for _, a := range accsOf[l.ID] {
			l.Accessibility = append(l.Accessibility, Accessibility{ID: a["id"], Description: a["description"], Details: a["details"]})
		}
		sv.Locations = append(sv.Locations, l)
		serviceOfSAL[sal["id"]] = sv.ID
	}

	// The contacts, each with its phones.
	where, args = inList("p.service_id", 2, found)
	contacts, phonesOf, err := loadAll(ctx, tx, table("contact"), []string{where}, &child{table("phone"), "contact_id"}, args...)
	if err != nil {
		return nil, err
	}
	for _, c := range contacts {
		sv := byID[c.Record["service_id"]]
		ct := Contact{ID: c.Record["id"], Name: c.Record["name"], Title: c.Record["title"]}
		for _, r := range phonesOf[ct.ID] {
			ct.Phones = append(ct.Phones, Phone{ID: r["id"], Number: r["number"], Description: r["description"]})
		}
		sv.Contacts = append(sv.Contacts, ct)
	}

	// A service's schedules are its own and those of its places, in the order they were added: two indexed
	// look-ups in one query. (One condition with an OR took SQLite ten times as long.) The IN list of places
	// implies the place is not NULL, so that look-up uses the index of schedules at a place (migration 00019).
	wheres := []string{}
	where, args = inList("service_id", 2, found)
	wheres = append(wheres, where)
	if len(salIDs) > 0 {
		atPlaces, more := inList("service_at_location_id", 2+len(args), salIDs)
		wheres, args = append(wheres, atPlaces), append(args, more...)
	}
	both, _, err := loadAll(ctx, tx, table("schedule"), wheres, nil, args...)
	if err != nil {
		return nil, err
	}
	// A schedule both of a service and at its place is read twice, one straight after the other.
	var schedules []stored
	for _, sc := range both {
		if n := len(schedules); n == 0 || schedules[n-1].Record["id"] != sc.Record["id"] {
			schedules = append(schedules, sc)
		}
	}
	for _, sc := range schedules {
		r := sc.Record
		sv := byID[r["service_id"]]
		if sv == nil {
			sv = byID[serviceOfSAL[r["service_at_location_id"]]]
		}
		if sv == nil {
			continue
		}
		sv.Schedules = append(sv.Schedules, Schedule{ID: r["id"], Freq: r["freq"], ByDay: r["byday"], OpensAt: r["opens_at"], ClosesAt: r["closes_at"], Description: r["description"]})
	}

	costs, err := loadIn(ctx, tx, table("cost_option"), "service_id", found)
	if err != nil {
		return nil, err
	}
	for _, c := range costs {
		sv := byID[c.Record["service_id"]]
		sv.Costs = append(sv.Costs, CostOption{ID: c.Record["id"], Option: c.Record["option"], Amount: c.Record["amount"], AmountDescription: c.Record["amount_description"]})
	}
	out := make([]Service, len(found))
	if d == asCards {
		for i, id := range found {
			out[i] = *byID[id]
		}
		return out, nil
	}
	langs, err := loadIn(ctx, tx, table("language"), "service_id", found)
	if err != nil {
		return nil, err
	}
	for _, l := range langs {
		sv := byID[l.Record["service_id"]]
		sv.Languages = append(sv.Languages, Language{ID: l.Record["id"], Name: l.Record["name"], Code: l.Record["code"]})
	}
	attrs, err := loadIn(ctx, tx, table("attribute"), "link_id", found)
	if err != nil {
		return nil, err
	}
	var termIDs []string
	for _, a := range attrs {
		termIDs = append(termIDs, a.Record["taxonomy_term_id"])
	}
	terms, err := loadIn(ctx, tx, table("taxonomy_term"), "id", termIDs)
	if err != nil {
		return nil, err
	}
	termByID := map[string]Record{}
	for _, t := range terms {
		termByID[t.Record["id"]] = t.Record
	}
	for _, a := range attrs {
		term, ok := termByID[a.Record["taxonomy_term_id"]]
		if !ok {
			return nil, fmt.Errorf("taxonomy_term %s: %w", a.Record["taxonomy_term_id"], sqldb.ErrNotFound)
		}
		sv := byID[a.Record["link_id"]]
		sv.Terms = append(sv.Terms, Term{ID: term["id"], Name: term["name"], Taxonomy: term["taxonomy"]})
	}
	areas, err := loadIn(ctx, tx, table("service_area"), "service_id", found)
	if err != nil {
		return nil, err
	}
	for _, a := range areas {
		sv := byID[a.Record["service_id"]]
		if n := a.Record["name"]; n != "" {
			sv.Areas = append(sv.Areas, n)
		} else if n := a.Record["service_area"]; n != "" {
			sv.Areas = append(sv.Areas, n)
		}
	}
	for i, id := range found {
		out[i] = *byID[id]
	}
	return out, nil
}

// Choices reads what a service form offers.
func (s *Store) Choices(ctx context.Context) (Choices, error) {
	var c Choices
	err := s.read(ctx, func(tx *sqldb.Tx) error {
		orgs, err := load(ctx, tx, table("organization"), "")
		if err != nil {
			return err
		}
		for _, o := range orgs {
			c.Organisations = append(c.Organisations, organisationOf(o))
		}
		c.Terms, err = categories(ctx, tx)
		return err
	})
	sort.SliceStable(c.Organisations, func(i, j int) bool {
		return strings.ToLower(c.Organisations[i].Name) < strings.ToLower(c.Organisations[j].Name)
	})
	return c, err
}

// Categories reads the categories (taxonomy terms) a search offers, by name: Choices without the organisations,
// which a directory of thousands of services makes long.
func (s *Store) Categories(ctx context.Context) ([]Term, error) {
	var terms []Term
	err := s.read(ctx, func(tx *sqldb.Tx) (err error) {
		terms, err = categories(ctx, tx)
		return err
	})
	return terms, err
}

func categories(ctx context.Context, tx *sqldb.Tx) ([]Term, error) {
	terms, err := load(ctx, tx, table("taxonomy_term"), "")
	if err != nil {
		return nil, err
	}
	out := make([]Term, len(terms))
	for i, t := range terms {
		out[i] = Term{ID: t.Record["id"], Name: t.Record["name"], Taxonomy: t.Record["taxonomy"]}
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// AddService adds a service with its location, contact, opening times, cost, languages and categories. A new
// entry is checked today by whoever typed it.
func (s *Store) AddService(ctx context.Context, in ServiceInput) (Service, error) {
	in.ID = ""
	return s.saveService(ctx, in)
}

// UpdateService changes a service and what its form holds, if nobody changed the service since in.Version;
// otherwise it changes nothing and returns sqldb.ErrConflict.
func (s *Store) UpdateService(ctx context.Context, in ServiceInput) (Service, error) {
	if in.ID == "" {
		return Service{}, fmt.Errorf("update a service without an id: %w", sqldb.ErrNotFound)
	}
	return s.saveService(ctx, in)
}

func (s *Store) saveService(ctx context.Context, in ServiceInput) (Service, error) {
	by, err := mayEdit(ctx)
	if err != nil {
		return Service{}, err
	}
	if ps := in.Validate(); len(ps) > 0 {
		return Service{}, ps
	}
	st, _ := councils.StaffFrom(ctx)
	var out Service
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		var old Service
		svc := Record{}
		if in.ID == "" {
			in.ID = sqldb.NewID()
			svc["assured_date"], svc["assurer_email"] = tx.Today().String(), st.Email
		} else {
			var err error
			if old, err = readService(ctx, tx, in.ID); err != nil {
				return err
			}
			got, err := loadOne(ctx, tx, table("service"), in.ID)
			if err != nil {
				return err
			}
			svc = got.Record
		}
		if err := checkChoices(ctx, tx, in); err != nil {
			return err
		}
		svc["id"], svc["organization_id"], svc["name"], svc["description"] = in.ID, in.OrganisationID, tidy(in.Name), strings.TrimSpace(in.Description)
		svc["status"], svc["url"], svc["email"] = in.Status, strings.TrimSpace(in.URL), strings.TrimSpace(in.Email)
		svc["minimum_age"], svc["maximum_age"] = strings.TrimSpace(in.MinimumAge), strings.TrimSpace(in.MaximumAge)
		svc["eligibility_description"] = strings.TrimSpace(in.EligibilityDescription)
		svc["last_modified"] = formatDateTime(tx.Now())
		var err error
		if old.ID == "" {
			err = insert(ctx, tx, table("service"), svc, by)
		} else {
			err = update(ctx, tx, table("service"), svc, in.Version, by)
		}
		if err != nil {
			return err
		}
		for _, step := range []func(context.Context, *sqldb.Tx, ServiceInput, Service) error{saveLocation, saveContact, saveSchedule, saveCost, saveLanguages, saveTerms} {
			if err := step(ctx, tx, in, old); err != nil {
				return err
			}
		}
		out, err = readService(ctx, tx, in.ID)
		return err
	})
	return out, err
}

// checkChoices makes sure the organisation and categories chosen are this council's.
func checkChoices(ctx context.Context, tx *sqldb.Tx, in ServiceInput) error {
	var ps validation.Problems
	if ok, err := exists(ctx, tx, table("organization"), in.OrganisationID); err != nil {
		return err
	} else if !ok {
		ps.Append("organisation", "Select the organisation that runs the service")
	}
	for _, t := range in.TermIDs {
		if ok, err := exists(ctx, tx, table("taxonomy_term"), t); err != nil {
			return err
		} else if !ok {
			ps.Append("terms", "Select categories from the list")
			break
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// put adds the record, or replaces the stored row's fields with it.
func put(ctx context.Context, tx *sqldb.Tx, name string, r Record) error {
	_, err := upsert(ctx, tx, table(name), r, "")
	return err
}

// record reads a row to change, or starts a new one.
func record(ctx context.Context, tx *sqldb.Tx, name, id string) (Record, error) {
	if id == "" {
		return Record{"id": sqldb.NewID()}, nil
	}
	got, err := loadOne(ctx, tx, table(name), id)
	return got.Record, err
}

func saveLocation(ctx context.Context, tx *sqldb.Tx, in ServiceInput, old Service) error {
	var prev Location
	if len(old.Locations) > 0 {
		prev = old.Locations[0]
	}
	if strings.TrimSpace(in.AddressLine1+in.Town+in.Postcode+in.LocationName+in.Accessibility) == "" {
		if prev.ServiceAtLocationID == "" {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM directory_schedule WHERE council_id = $1 AND service_at_location_id IS NOT NULL AND service_at_location_id = $2`, tx.Council(), prev.ServiceAtLocationID); err != nil {
			return fmt.Errorf("remove the location's opening times: %w", err)
		}
		return remove(ctx, tx, table("service_at_location"), prev.ServiceAtLocationID)
	}
	loc, err := record(ctx, tx, "location", prev.ID)
	if err != nil {
		return err
	}
	if loc["location_type"] == "" {
		loc["location_type"] = "physical"
	}
	loc["name"] = tidy(in.LocationName)
	// The place's position is its postcode's centre, when the national postcode table has it, so that
	// practitioners can find the service by distance.
	if pc := people.NormalisePostcode(in.Postcode); pc != "" {
		var lat, lon float64
		err := tx.QueryRowContext(ctx, `SELECT latitude, longitude FROM postcode WHERE postcode = $1`, pc).Scan(&lat, &lon)
		switch {
		case err == nil:
			loc["latitude"], loc["longitude"] = formatNumber(lat), formatNumber(lon)
		case errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound):
		default:
			return fmt.Errorf("find the postcode's position: %w", err)
		}
	}
	if err := put(ctx, tx, "location", loc); err != nil {
		return err
	}
	addrID := ""
	if len(prev.Addresses) > 0 {
		addrID = prev.Addresses[0].ID
	}
	addr, err := record(ctx, tx, "address", addrID)
	if err != nil {
		return err
	}
	addr["location_id"], addr["address_1"], addr["city"] = loc["id"], tidy(in.AddressLine1), tidy(in.Town)
	addr["postal_code"] = people.NormalisePostcode(in.Postcode)
	for k, v := range map[string]string{"country": "GB", "state_province": "England", "address_type": "physical"} {
		if addr[k] == "" {
			addr[k] = v
		}
	}
	if err := put(ctx, tx, "address", addr); err != nil {
		return err
	}
	accID := ""
	if len(prev.Accessibility) > 0 {
		accID = prev.Accessibility[0].ID
	}
	if strings.TrimSpace(in.Accessibility) == "" {
		if accID != "" {
			return remove(ctx, tx, table("accessibility"), accID)
		}
	} else {
		acc, err := record(ctx, tx, "accessibility", accID)
		if err != nil {
			return err
		}
		acc["location_id"], acc["description"] = loc["id"], strings.TrimSpace(in.Accessibility)
		if err := put(ctx, tx, "accessibility", acc); err != nil {
			return err
		}
	}
	if prev.ServiceAtLocationID == "" {
		return put(ctx, tx, "service_at_location", Record{"id": sqldb.NewID(), "service_id": in.ID, "location_id": loc["id"]})
	}
	return nil
}

func saveContact(ctx context.Context, tx *sqldb.Tx, in ServiceInput, old Service) error {
	var prev Contact
	if len(old.Contacts) > 0 {
		prev = old.Contacts[0]
	}
	phoneID := ""
	if len(prev.Phones) > 0 {
		phoneID = prev.Phones[0].ID
	}
	if phoneID != "" && strings.TrimSpace(in.Phone) == "" {
		if _, err := tx.ExecContext(ctx, `UPDATE directory_language SET phone_id = NULL WHERE council_id = $1 AND phone_id = $2`, tx.Council(), phoneID); err != nil {
			return fmt.Errorf("unlink the phone's languages: %w", err)
		}
		if err := remove(ctx, tx, table("phone"), phoneID); err != nil {
			return err
		}
	}
	if strings.TrimSpace(in.ContactName+in.ContactRole+in.Phone) == "" {
		if prev.ID != "" && len(prev.Phones) <= 1 {
			return remove(ctx, tx, table("contact"), prev.ID)
		}
		return nil
	}
	c, err := record(ctx, tx, "contact", prev.ID)
	if err != nil {
		return err
	}
	c["service_id"], c["name"], c["title"] = in.ID, tidy(in.ContactName), tidy(in.ContactRole)
	if err := put(ctx, tx, "contact", c); err != nil {
		return err
	}
	if strings.TrimSpace(in.Phone) == "" {
		return nil
	}
	ph, err := record(ctx, tx, "phone", phoneID)
	if err != nil {
		return err
	}
	ph["contact_id"], ph["number"] = c["id"], tidy(in.Phone)
	return put(ctx, tx, "phone", ph)
}

func saveSchedule(ctx context.Context, tx *sqldb.Tx, in ServiceInput, old Service) error {
	prevID := ""
	for _, sc := range old.Schedules {
		if sc.Freq != "MONTHLY" {
			prevID = sc.ID
			break
		}
	}
	if len(in.Days) == 0 {
		if prevID != "" {
			return remove(ctx, tx, table("schedule"), prevID)
		}
		return nil
	}
	sc, err := record(ctx, tx, "schedule", prevID)
	if err != nil {
		return err
	}
	var days []string
	for _, d := range Days {
		if slices.Contains(in.Days, d.Code) {
			days = append(days, d.Code)
		}
	}
	if sc["service_at_location_id"] == "" {
		sc["service_id"] = in.ID
	}
	sc["freq"], sc["byday"], sc["opens_at"], sc["closes_at"] = "WEEKLY", strings.Join(days, ","), padTime(in.OpensAt), padTime(in.ClosesAt)
	return put(ctx, tx, "schedule", sc)
}

func saveCost(ctx context.Context, tx *sqldb.Tx, in ServiceInput, old Service) error {
	prevID := ""
	if len(old.Costs) > 0 {
		prevID = old.Costs[0].ID
	}
	if in.Cost == "" {
		if prevID != "" {
			return remove(ctx, tx, table("cost_option"), prevID)
		}
		return nil
	}
	c, err := record(ctx, tx, "cost_option", prevID)
	if err != nil {
		return err
	}
	c["service_id"] = in.ID
	if in.Cost == CostFree {
		c["amount"], c["amount_description"] = "0", ""
	} else {
		c["amount"], c["amount_description"] = formatNumber(float64(in.AmountPence)/100), tidy(in.AmountDescription)
	}
	return put(ctx, tx, "cost_option", c)
}

func saveLanguages(ctx context.Context, tx *sqldb.Tx, in ServiceInput, old Service) error {
	names := LanguageNames(in.Languages)
	have := map[string]bool{}
	for _, l := range old.Languages {
		if l.Name == "" {
			continue
		}
		if slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, l.Name) }) {
			have[strings.ToLower(l.Name)] = true
			continue
		}
		if err := remove(ctx, tx, table("language"), l.ID); err != nil {
			return err
		}
	}
	for _, n := range names {
		if !have[strings.ToLower(n)] {
			if err := insert(ctx, tx, table("language"), Record{"id": sqldb.NewID(), "service_id": in.ID, "name": n}, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

func saveTerms(ctx context.Context, tx *sqldb.Tx, in ServiceInput, old Service) error {
	attrs, err := load(ctx, tx, table("attribute"), `link_id = $2`, in.ID)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, a := range attrs {
		term := a.Record["taxonomy_term_id"]
		if slices.Contains(in.TermIDs, term) && !have[term] {
			have[term] = true
			continue
		}
		if err := remove(ctx, tx, table("attribute"), a.Record["id"]); err != nil {
			return err
		}
	}
	for _, t := range in.TermIDs {
		if !have[t] {
			have[t] = true
			if err := insert(ctx, tx, table("attribute"), Record{"id": sqldb.NewID(), "link_id": in.ID, "link_type": "service", "taxonomy_term_id": t}, ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// MarkChecked records that the service's entry was checked today by the signed-in member of staff, if nobody
// changed the service since version; otherwise it changes nothing and returns sqldb.ErrConflict.
func (s *Store) MarkChecked(ctx context.Context, id string, version int) error {
	by, err := mayEdit(ctx)
	if err != nil {
		return err
	}
	st, _ := councils.StaffFrom(ctx)
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		if _, err := loadOne(ctx, tx, table("service"), id); err != nil {
			return err
		}
		return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE directory_service SET assured_date = $1, assurer_email = $2, updated_at = $3,
			updated_by = $4, version = version + 1 WHERE council_id = $5 AND id = $6 AND version = $7`,
			tx.Today(), st.Email, tx.Now(), by, tx.Council(), id, version))
	})
}
