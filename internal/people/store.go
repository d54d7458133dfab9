package people

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps person records. Every method reads the council and the member of staff from the context, applies
// the access rule, and writes the access log in the same transaction as the read or change.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// personFields are the person's own columns, each with where its value lives in a Person: the one list that
// reading (personColumns, scanPerson), adding (insert) and changing (Update) a person share, so a new column is
// one line here. read is the expression selected, when it is not the column itself; scan is where the value read
// goes; write is the value stored.
var personFields = []struct {
	column, read string
	scan         func(p *Person) any
	write        func(p Person) any
}{
	{"given_name", "", func(p *Person) any { return &p.GivenName }, func(p Person) any { return p.GivenName }},
	{"family_name", "", func(p *Person) any { return &p.FamilyName }, func(p Person) any { return p.FamilyName }},
	{"preferred_name", "", func(p *Person) any { return &p.PreferredName }, func(p Person) any { return p.PreferredName }},
	{"date_of_birth", "", func(p *Person) any { return &p.DateOfBirth }, func(p Person) any { return p.DateOfBirth }},
	{"nhs_number", "", func(p *Person) any { return &p.NHSNumber }, func(p Person) any { return p.NHSNumber }},
	{"address_line1", "", func(p *Person) any { return &p.AddressLine1 }, func(p Person) any { return p.AddressLine1 }},
	{"address_line2", "", func(p *Person) any { return &p.AddressLine2 }, func(p Person) any { return p.AddressLine2 }},
	{"town", "", func(p *Person) any { return &p.Town }, func(p Person) any { return p.Town }},
	{"postcode", "", func(p *Person) any { return &p.Postcode }, func(p Person) any { return p.Postcode }},
	{"phone", "", func(p *Person) any { return &p.Phone }, func(p Person) any { return p.Phone }},
	{"email", "", func(p *Person) any { return &p.Email }, func(p Person) any { return p.Email }},
	{"contact_method", "", func(p *Person) any { return &p.ContactMethod }, func(p Person) any { return p.ContactMethod }},
	{"communication_needs", "", func(p *Person) any { return &p.CommunicationNeeds }, func(p Person) any { return p.CommunicationNeeds }},
	{"information_formats", "", func(p *Person) any { return listOf(&p.InformationFormats, ",") }, func(p Person) any { return joinFormats(p.InformationFormats) }},
	{"preferred_language", "", func(p *Person) any { return &p.PreferredLanguage }, func(p Person) any { return p.PreferredLanguage }},
	{"interpreter_needed", "", func(p *Person) any { return &p.InterpreterNeeded }, func(p Person) any { return p.InterpreterNeeded }},
	{"gender", "", func(p *Person) any { return &p.Gender }, func(p Person) any { return p.Gender }},
	{"ethnicity", "", func(p *Person) any { return &p.Ethnicity }, func(p Person) any { return p.Ethnicity }},
	{"religion", "", func(p *Person) any { return &p.Religion }, func(p Person) any { return p.Religion }},
	{"sexual_orientation", "", func(p *Person) any { return &p.SexualOrientation }, func(p Person) any { return p.SexualOrientation }},
	{"disability", "", func(p *Person) any { return &p.Disability }, func(p Person) any { return p.Disability }},
	{"primary_support_reason", "", func(p *Person) any { return &p.PrimarySupportReason }, func(p Person) any { return p.PrimarySupportReason }},
	{"client_type", "", func(p *Person) any { return &p.ClientType }, func(p Person) any { return p.ClientType }},
	{"accommodation_status", "", func(p *Person) any { return &p.AccommodationStatus }, func(p Person) any { return p.AccommodationStatus }},
	{"consent_to_share", "", func(p *Person) any { return (*string)(&p.ConsentToShare) }, func(p Person) any { return string(p.ConsentToShare) }},
	{"consent_date", "", func(p *Person) any { return &p.ConsentDate }, func(p Person) any { return p.ConsentDate }},
	{"consent_scope", "", func(p *Person) any { return listOf(&p.ConsentScope, "\n") }, func(p Person) any { return strings.Join(p.ConsentScope, "\n") }},
	// An unallocated person has no team (NULL), read as "".
	{"team_id", "COALESCE(p.team_id, '')", func(p *Person) any { return &p.TeamID }, func(p Person) any { return nullable(p.TeamID) }},
	{"worker_id", "COALESCE(p.worker_id, '')", func(p *Person) any { return &p.WorkerID }, func(p Person) any { return nullable(p.WorkerID) }},
	{"restricted", "", func(p *Person) any { return &p.Restricted }, func(p Person) any { return p.Restricted }},
}

// personColumns is what every read of a person selects: the council and ID, personFields, then what the store
// keeps about the record itself and the names of the team and worker.
var personColumns = func() string {
	cols := []string{"p.council_id", "p.id"}
	for _, f := range personFields {
		if f.read != "" {
			cols = append(cols, f.read)
		} else {
			cols = append(cols, "p."+f.column)
		}
	}
	return strings.Join(append(cols, "p.created_at", "p.created_by", "p.updated_at", "p.updated_by", "p.version",
		"COALESCE(t.name, '')", "COALESCE(w.name, '')"), ", ")
}()

const personFrom = ` FROM person p
	LEFT JOIN team t ON t.council_id = p.council_id AND t.id = p.team_id
	LEFT JOIN staff w ON w.council_id = p.council_id AND w.id = p.worker_id`

func scanPerson(row interface{ Scan(...any) error }) (Person, error) {
	var p Person
	dest := []any{&p.CouncilID, &p.ID}
	for _, f := range personFields {
		dest = append(dest, f.scan(&p))
	}
	dest = append(dest, &p.CreatedAt, &p.CreatedBy, &p.UpdatedAt, &p.UpdatedBy, &p.Version, &p.TeamName, &p.WorkerName)
	if err := row.Scan(dest...); err != nil {
		return Person{}, sqldb.Normalise(err)
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// list reads a column that holds a list joined by sep; empty is no items.
type list struct {
	dst *[]string
	sep string
}

func listOf(dst *[]string, sep string) *list { return &list{dst: dst, sep: sep} }

// Scan implements sql.Scanner.
func (l *list) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("a list column holds %T, not text", src)
	}
	*l.dst = nil
	if s != "" {
		*l.dst = strings.Split(s, l.sep)
	}
	return nil
}

// nullable stores an empty ID as NULL, so that an unallocated person has no team.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// load reads a person and decides the signed-in member of staff's access, inside tx.
func load(ctx context.Context, tx *sqldb.Tx, id string) (Person, Access, error) {
	return loadRelated(ctx, tx, id, "")
}

// loadRelated is load for records opened through a legitimate relationship their own area established.
func loadRelated(ctx context.Context, tx *sqldb.Tx, id, relationship string) (Person, Access, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return Person{}, NoAccess, err
	}
	p, err := scanPerson(tx.QueryRowContext(ctx, `SELECT `+personColumns+personFrom+` WHERE p.council_id = $1 AND p.id = $2`, council, id))
	if err != nil {
		return Person{}, NoAccess, fmt.Errorf("find person: %w", err)
	}
	f := facts{Restricted: p.Restricted, TeamID: p.TeamID, WorkerID: p.WorkerID, Relationship: relationship}
	if p.Restricted && staff.ID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM person_grant WHERE council_id = $1 AND person_id = $2 AND staff_id = $3`,
			council, id, staff.ID).Scan(&n); err != nil {
			return Person{}, NoAccess, err
		}
		f.Granted = n > 0
	}
	if staff.ID == "" { // the command line
		return p, WholeCouncil, nil
	}
	access := accessFor(staff, f, brokeGlass(ctx, id))
	if access == NeedsBreakGlass {
		if f.ReadGrant, err = readGrant(ctx, tx, id, staff.ID); err != nil {
			return Person{}, NoAccess, err
		}
		access = accessFor(staff, f, false)
	}
	return p, access, nil
}

// Get reads a person's record for the signed-in member of staff and logs the view. A person in another council,
// or one they may never see, is ErrNotFound; one they may open only by break-glass is ErrBreakGlassNeeded.
func (s *Store) Get(ctx context.Context, id string) (Person, Access, error) {
	var p Person
	var access Access
	// A read: the view's access-log entry is written in the short write that follows it (sqldb.Tx.Write).
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var err error
		p, access, err = load(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case access == NoAccess:
			return sqldb.ErrNotFound
		case access == NeedsBreakGlass:
			return ErrBreakGlassNeeded
		}
		if p.Network, err = network(ctx, tx, p.CouncilID, id); err != nil {
			return err
		}
		return logOpening(ctx, tx, id, accesslog.View, access, "")
	})
	if err != nil {
		return Person{}, access, err
	}
	return p, access, nil
}

// Summary is what a search result or a duplicate warning shows about a person: enough to tell people apart.
type Summary struct {
	ID            string
	GivenName     string
	FamilyName    string
	PreferredName string
	DateOfBirth   sqldb.Date
	NHSNumber     string
	Postcode      string
	TeamName      string
	Access        Access
}

// FullName is the person's given and family names.
func (s Summary) FullName() string { return strings.TrimSpace(s.GivenName + " " + s.FamilyName) }

// Create adds a person, with the people who matter to them, and logs the change. validation.Problems come back as validation.Problems.
func (s *Store) Create(ctx context.Context, p Person) (Person, error) {
	out, err := s.CreateBatch(ctx, []Person{p})
	if err != nil {
		return Person{}, err
	}
	return out[0], nil
}

// CreateBatch adds several people in one transaction, each logged, as the demo council and imports do. Nothing
// is added if any one of them has a problem. It trusts its caller to check for people already recorded (the demo
// makes each NHS number once); a practitioner adding someone goes through Add, which checks.
func (s *Store) CreateBatch(ctx context.Context, ps []Person) ([]Person, error) {
	return s.createBatch(ctx, ps, nil)
}

// createBatch adds people as CreateBatch does, calling check (when given) on each inside the transaction, before
// it is added.
func (s *Store) createBatch(ctx context.Context, ps []Person, check func(tx *sqldb.Tx, p Person) error) ([]Person, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if staff.ID != "" && !staff.Role.ChangesPeople() {
		return nil, sqldb.ErrForbidden
	}
	today := s.db.Today().Time
	for i := range ps {
		ps[i].Normalise()
		if problems := ps[i].Validate(today); len(problems) > 0 {
			return nil, problems
		}
		if staff.ID != "" && !mayRestrict(staff.Role) {
			ps[i].Restricted = false
		}
		ps[i].ID, ps[i].CouncilID, ps[i].Version = sqldb.NewID(), council, 1
		ps[i].CreatedBy, ps[i].UpdatedBy = staff.ID, staff.ID
	}
	err = s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		for i := range ps {
			if err := checkAllocation(ctx, tx, ps[i]); err != nil {
				return err
			}
			if check != nil {
				if err := check(tx, ps[i]); err != nil {
					return err
				}
			}
			if err := insert(ctx, tx, &ps[i]); err != nil {
				return err
			}
			if ps[i].Restricted && staff.ID != "" {
				if err := grantSelf(ctx, tx, ps[i].ID, staff.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ps, nil
}

func insert(ctx context.Context, tx *sqldb.Tx, p *Person) error {
	p.CreatedAt, p.UpdatedAt = tx.Now(), tx.Now()
	cols := []string{"council_id", "id"}
	args := []any{p.CouncilID, p.ID}
	for _, f := range personFields {
		cols, args = append(cols, f.column), append(args, f.write(*p))
	}
	cols = append(cols, "family_key", "given_key", "created_at", "created_by", "updated_at", "updated_by", "version")
	args = append(args, SearchKey(p.FamilyName), SearchKey(p.GivenName), p.CreatedAt, p.CreatedBy, p.UpdatedAt, p.CreatedBy, 1)
	marks := make([]string, len(args))
	for i := range args {
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO person (`+strings.Join(cols, ", ")+`) VALUES (`+strings.Join(marks, ", ")+`)`,
		args...); err != nil {
		return fmt.Errorf("add person: %w", sqldb.Normalise(err))
	}
	if err := writeTokens(ctx, tx, p.CouncilID, *p); err != nil {
		return err
	}
	for i := range p.Network {
		if err := insertMember(ctx, tx, p.CouncilID, p.ID, &p.Network[i]); err != nil {
			return err
		}
	}
	return accesslog.Record(ctx, tx, p.ID, accesslog.Create, "")
}

func writeTokens(ctx context.Context, tx *sqldb.Tx, council string, p Person) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM person_name_token WHERE council_id = $1 AND person_id = $2`, council, p.ID); err != nil {
		return err
	}
	for _, tok := range NameTokens(p.GivenName, p.FamilyName, p.PreferredName) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO person_name_token (council_id, token, person_id) VALUES ($1, $2, $3)`, council, tok, p.ID); err != nil {
			return fmt.Errorf("index names: %w", err)
		}
	}
	return nil
}

// Update saves a changed record if nobody else changed it first (p.Version is the version the change was made
// from); otherwise it changes nothing and returns ErrConflict. The people who matter are changed separately.
func (s *Store) Update(ctx context.Context, p Person) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	p.Normalise()
	if ps := p.Validate(s.db.Today().Time); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		current, access, err := load(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if !access.Sees() {
			if access == NeedsBreakGlass {
				return ErrBreakGlassNeeded
			}
			return sqldb.ErrNotFound
		}
		if staff.ID != "" && (!staff.Role.ChangesPeople() || !access.Changes()) {
			return sqldb.ErrForbidden
		}
		if staff.ID != "" && !mayRestrict(staff.Role) {
			p.Restricted = current.Restricted
		}
		if err := checkAllocation(ctx, tx, p); err != nil {
			return err
		}
		if p.NHSNumber != "" && p.NHSNumber != current.NHSNumber {
			// One NHS number is one person: a change may not give the record someone else's.
			ds, err := findDuplicates(ctx, tx, staff, Person{NHSNumber: p.NHSNumber}, p.ID)
			if err != nil {
				return err
			}
			if ds.Refused() {
				return validation.Problems{ds.NHSNumberProblem()}
			}
		}
		var set []string
		var args []any
		arg := func(v any) string {
			args = append(args, v)
			return "$" + strconv.Itoa(len(args))
		}
		for _, f := range personFields {
			set = append(set, f.column+" = "+arg(f.write(p)))
		}
		set = append(set, "family_key = "+arg(SearchKey(p.FamilyName)), "given_key = "+arg(SearchKey(p.GivenName)),
			"updated_at = "+arg(tx.Now()), "updated_by = "+arg(staff.ID), "version = version + 1")
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE person SET `+strings.Join(set, ", ")+
			` WHERE council_id = `+arg(council)+` AND id = `+arg(p.ID)+` AND version = `+arg(p.Version), args...))
		if err != nil {
			return fmt.Errorf("update person: %w", err)
		}
		if err := writeTokens(ctx, tx, council, p); err != nil {
			return err
		}
		if p.Restricted && !current.Restricted && staff.ID != "" {
			if err := grantSelf(ctx, tx, p.ID, staff.ID); err != nil {
				return err
			}
		}
		return logOpening(ctx, tx, p.ID, accesslog.Update, access, "")
	})
}

// mayRestrict: team managers and the quality lead decide that a record is restricted (for example a member of
// staff's relative).
func mayRestrict(r councils.Role) bool { return r == councils.TeamManager || r == councils.QualityLead }

// MayRestrict reports whether the role may mark a record restricted, for pages that offer the choice.
func MayRestrict(r councils.Role) bool { return mayRestrict(r) }

const summaryColumns = `p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.nhs_number, p.postcode,
	COALESCE(t.name, ''), COALESCE(p.team_id, ''), COALESCE(p.worker_id, ''), p.restricted,
	CASE WHEN p.restricted THEN (SELECT count(*) FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $2) ELSE 0 END`

const summaryFrom = ` FROM person p LEFT JOIN team t ON t.council_id = p.council_id AND t.id = p.team_id`

// visible hides restricted records from everyone not granted them, even in search results.
const visible = ` AND (p.restricted = FALSE OR EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $2))`

// summaries reads people matching where, in name order. drive, when given, is a subquery of person_id values that
// the search starts from (the people with a name starting with the longest term), so that the database reads
// those few people rather than walking every person in name order.
func (s *Store) summaries(ctx context.Context, drive, where string, args []any, limit int) ([]Summary, error) {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if !staff.Role.WorksWithPeople() {
		return nil, sqldb.ErrForbidden
	}
	args = append([]any{council, staff.ID}, args...)
	var out []Summary
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		from := summaryFrom
		if drive != "" {
			from = ` FROM (` + drive + `) m JOIN person p ON p.council_id = $1 AND p.id = m.person_id
				LEFT JOIN team t ON t.council_id = p.council_id AND t.id = p.team_id`
		}
		if where == "" {
			where = "TRUE"
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+summaryColumns+from+` WHERE p.council_id = $1`+visible+` AND (`+where+`)
			ORDER BY p.family_key, p.given_key, p.date_of_birth, p.id LIMIT `+strconv.Itoa(limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sm Summary
			var f facts
			var granted int
			if err := rows.Scan(&sm.ID, &sm.GivenName, &sm.FamilyName, &sm.PreferredName, &sm.DateOfBirth, &sm.NHSNumber,
				&sm.Postcode, &sm.TeamName, &f.TeamID, &f.WorkerID, &f.Restricted, &granted); err != nil {
				return err
			}
			f.Granted = granted > 0
			sm.Access = accessFor(staff, f, brokeGlass(ctx, sm.ID))
			if staff.ID == "" {
				sm.Access = WholeCouncil
			}
			out = append(out, sm)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("search people: %w", err)
	}
	return out, nil
}

// SearchLimit is the most results a search returns; a search that finds more asks for more detail.
const SearchLimit = 50

// Search finds people by what was typed in one box: names (any order, any case, the start of each name is
// enough), an NHS number with or without spaces, a date of birth, or a postcode. Results include people outside
// the member of staff's teams, marked so, because a duplicate must be found before it is created; restricted
// records appear only to those granted them.
func (s *Store) Search(ctx context.Context, query string) ([]Summary, error) {
	q := ParseQuery(query)
	if q.Empty() {
		return nil, nil
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args)+2)
	}
	if q.NHSNumber != "" {
		where = append(where, "p.nhs_number = "+arg(q.NHSNumber))
	}
	if !q.DateOfBirth.IsZero() {
		where = append(where, "p.date_of_birth = "+arg(q.DateOfBirth))
	}
	if q.Postcode != "" {
		where = append(where, "p.postcode = "+arg(q.Postcode))
	}
	// Every name term must start one of the person's names: the people whose tokens match each term, intersected
	// through the token index, before any person row is read.
	var drive []string
	for _, term := range q.Names {
		lo, hi := arg(term), arg(term+"\uffff")
		drive = append(drive, "SELECT person_id FROM person_name_token WHERE council_id = $1 AND token >= "+lo+" AND token < "+hi)
	}
	if len(drive) == 1 {
		drive[0] = strings.Replace(drive[0], "SELECT person_id", "SELECT DISTINCT person_id", 1)
	}
	return s.summaries(ctx, strings.Join(drive, " INTERSECT "), strings.Join(where, " AND "), args, SearchLimit)
}

// BreakGlass records that the signed-in member of staff opened a person outside their allocation, and why. The
// caller remembers it for the session. Restricted records cannot be opened this way.
func (s *Store) BreakGlass(ctx context.Context, personID, reason string) error {
	staff, council, err := signedIn(ctx)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return validation.Problems{{Field: "reason", Message: "Enter why you need to see this record"}}
	}
	if len(reason) > 1000 {
		return validation.Problems{{Field: "reason", Message: "Reason must be 1,000 characters or less"}}
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, access, err := load(ctx, tx, personID)
		if err != nil {
			return err
		}
		if access == NoAccess {
			return sqldb.ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO break_glass (council_id, id, staff_id, person_id, reason, granted_at, version)
			VALUES ($1, $2, $3, $4, $5, $6, 1)`, council, sqldb.NewID(), staff.ID, personID, reason, tx.Now()); err != nil {
			return fmt.Errorf("record break-glass: %w", err)
		}
		return accesslog.Record(ctx, tx, personID, accesslog.BreakGlass, reason)
	})
}

// Glance returns a person's summary for the break-glass page, without their record: the name and date of birth
// the member of staff already saw in search results. Restricted records are not found.
func (s *Store) Glance(ctx context.Context, personID string) (Summary, error) {
	out, err := s.summaries(ctx, "", "p.id = $3", []any{personID}, 1)
	if err != nil {
		return Summary{}, err
	}
	if len(out) == 0 || out[0].Access == NoAccess {
		return Summary{}, sqldb.ErrNotFound
	}
	return out[0], nil
}

// NHS is the NHS number as people read it (3-3-4), or "Not known".
func (s Summary) NHS() string { return nhsOrNotKnown(s.NHSNumber) }

// NHS is the NHS number as people read it (3-3-4), or "Not known".
func (p Person) NHS() string { return nhsOrNotKnown(p.NHSNumber) }

func nhsOrNotKnown(n string) string {
	if n == "" {
		return "Not known"
	}
	return FormatNHSNumber(n)
}

// grantSelf keeps a restricted record in sight of the member of staff who restricted it.
func grantSelf(ctx context.Context, tx *sqldb.Tx, personID, staffID string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO person_grant (council_id, person_id, staff_id, granted_by, granted_at)
		VALUES ($1, $2, $3, $3, $4) ON CONFLICT (council_id, person_id, staff_id) DO NOTHING`, tx.Council(), personID, staffID, tx.Now()); err != nil {
		return fmt.Errorf("grant the restricting member of staff: %w", err)
	}
	return nil
}

// checkAllocation makes sure the team and worker a person is allocated to belong to the council.
func checkAllocation(ctx context.Context, tx *sqldb.Tx, p Person) error {
	var ps validation.Problems
	if p.TeamID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM team WHERE council_id = $1 AND id = $2`, tx.Council(), p.TeamID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			ps.Append("team_id", "Select a team from the list")
		}
	}
	if p.WorkerID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE council_id = $1 AND id = $2 AND disabled_at IS NULL`, tx.Council(), p.WorkerID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			ps.Append("worker_id", "Select a named worker from the list")
		}
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}
