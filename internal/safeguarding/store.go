package safeguarding

import (
	"context"
	"errors"
	"fmt"
	"github.com/golden-thread/goldenthread/internal/paths"
	"github.com/golden-thread/goldenthread/internal/validation"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store keeps safeguarding records. Every method reads the council and the member of staff from the context. A
// method about one person checks the member of staff's role against the council's SafeguardingRoles first (anyone
// else gets sqldb.ErrNotFound, and nothing is logged), then opens the record with people.Open (the person's access
// rule and one access-log entry), and records each change in the person's chronology, all in one transaction.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// Now is the store's clock, for forms that default to now.
func (s *Store) Now() time.Time { return s.db.Now() }

// ErrClosed: a closed enquiry, or a decided concern, is kept as it was recorded.
var ErrClosed = errors.New("this safeguarding record has been completed and cannot be changed")

// ErrAlreadyRecorded: Making Safeguarding Personal at the start is recorded once.
var ErrAlreadyRecorded = errors.New("what the person wants from the enquiry has already been recorded")

// Concern is a concern as stored, with its decision when made.
type Concern struct {
	ID, PersonID       string
	RaisedByStaff      string // staff ID, when a member of staff raised it
	RaisedByStaffName  string
	Name, Relationship string // who raised it, when not a member of staff
	Organisation       string
	ReceivedAt         time.Time
	WhatHappened       string
	Immediate          string
	Types              []string
	Locations          []string
	Sources            []string
	DecisionDueAt      time.Time
	Decision           Decision // the criteria, Choice as the stored result, Reason
	Result             Result   // "" until decided
	DecidedAt          time.Time
	DecidedBy          string
	DecidedByName      string
	Alleged            Alleged // empty unless the member of staff reading it may see it (SeesAlleged)
	RecordedBy         string  // the member of staff who recorded it, who is shown its receipt
	Version            int
}

// Decided reports whether the section 42 decision has been made.
func (c Concern) Decided() bool { return c.Result != "" }

// Overdue reports whether the decision is still to be made after it fell due.
func (c Concern) Overdue(now time.Time) bool { return !c.Decided() && now.After(c.DecisionDueAt) }

// Raiser is who raised the concern, as a line reads.
func (c Concern) Raiser() string {
	if c.RaisedByStaff != "" {
		return c.RaisedByStaffName + " (staff)"
	}
	var parts []string
	for _, s := range []string{c.Relationship, c.Organisation} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return c.Name
	}
	return c.Name + " (" + strings.Join(parts, ", ") + ")"
}

// Enquiry is an enquiry as stored, with its people, steps and the person's desired outcomes.
type Enquiry struct {
	ID, ConcernID, PersonID string
	Kind                    Result // Section42 or Other
	LeadStaffID, LeadName   string
	StartedOn               sqldb.Date
	MSPAsked                string // codelists.MSPAsked; "" until recorded
	MSPAskedOn              sqldb.Date
	Outcomes                []DesiredOutcome
	Involved                []Involved
	Steps                   []Step
	ClosedOn                sqldb.Date
	ActionResult            string
	RiskOutcome             string
	RiskReason              string
	Capacity                string
	Note                    string
	Version                 int
}

// Closed reports whether the enquiry has closed.
func (e Enquiry) Closed() bool { return !e.ClosedOn.IsZero() }

// Achieved is the enquiry's overall Making Safeguarding Personal result (Overall).
func (e Enquiry) Achieved() string {
	var a []string
	for _, o := range e.Outcomes {
		a = append(a, o.Achieved)
	}
	return Overall(a)
}

// Enquirer is a member of staff who may lead an enquiry.
type Enquirer struct{ ID, Name string }

// View is a concern with what its pages show.
type View struct {
	Person    people.Person
	Concern   Concern
	Enquiry   *Enquiry
	Enquirers []Enquirer // staff who may lead an enquiry (councils.Settings.LeadsEnquiries), for the lead enquirer
	// Relationship is the reader's legitimate relationship with the concern (RelationshipRole or RelationshipLead).
	Relationship string
	// SeesAlleged reports whether the reader may see who is alleged to have caused harm.
	SeesAlleged bool
	Now         time.Time
	Today       sqldb.Date
}

// PersonConcerns is a person's safeguarding record.
type PersonConcerns struct {
	Person   people.Person
	Concerns []Concern
	Enquiry  map[string]Enquiry // by concern ID
	Now      time.Time
}

// Raised is what raising a concern did.
type Raised struct {
	ConcernID string
	// Visible reports whether the member of staff who raised it may see safeguarding records; others see only a
	// confirmation that it went to the safeguarding team.
	Visible bool
	DueAt   time.Time
}

// guard refuses staff outside the council's safeguarding roles, as if the record did not exist.
func guard(ctx context.Context, tx *sqldb.Tx) error {
	ok, err := sees(ctx, tx)
	if err != nil {
		return err
	}
	if !ok {
		return sqldb.ErrNotFound
	}
	return nil
}

// openConcern reaches one concern's records for action through the member of staff's relationship with it
// (RelationshipOf): a safeguarding role, or leading its enquiry. Without one the concern does not exist for them,
// and nothing is logged.
func openConcern(ctx context.Context, tx *sqldb.Tx, personID, concernID string, action accesslog.Action) (people.Person, string, error) {
	staff, _ := councils.StaffFrom(ctx)
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return people.Person{}, "", err
	}
	lead := ""
	if !set.SeesSafeguarding(staff.Role) && set.LeadsEnquiries(staff.Role) {
		err := tx.QueryRowContext(ctx, `SELECT lead_staff FROM safeguarding_enquiry WHERE council_id = $1 AND person_id = $2 AND concern_id = $3`,
			tx.Council(), personID, concernID).Scan(&lead)
		if err != nil && !errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
			return people.Person{}, "", fmt.Errorf("read the lead enquirer: %w", err)
		}
	}
	rel := RelationshipOf(set, staff, lead)
	if rel == "" {
		return people.Person{}, "", sqldb.ErrNotFound
	}
	p, err := people.Open(ctx, tx, personID, "", people.LogRelated(rel), action)
	return p, rel, err
}

func record(ctx context.Context, tx *sqldb.Tx, personID, refID string, on sqldb.Date, summary string) error {
	return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, Kind: kindSafeguarding, Summary: summary, RefID: refID, OccurredOn: on})
}

// Raise records a concern about a person. Any member of staff who changes people's records may raise one; the
// section 42 decision then falls due Section42DecisionDays after it was received, as a required action. Staff in
// the safeguarding roles raise it through that relationship; anyone else needs the person allocated to them (or
// break-glass). Problems come back as validation.Problems and change nothing.
func (s *Store) Raise(ctx context.Context, personID string, c NewConcern) (Raised, error) {
	c.Normalise()
	var out Raised
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		set, err := councils.SettingsIn(ctx, tx)
		if err != nil {
			return err
		}
		staffNow, _ := councils.StaffFrom(ctx)
		if _, err := people.Open(ctx, tx, personID, "", people.LogRelated(RelationshipOf(set, staffNow, "")), accesslog.Update); err != nil {
			return err
		}
		if ps := c.Validate(tx.Now()); len(ps) > 0 {
			return ps
		}
		out.Visible = set.SeesSafeguarding(staffNow.Role)
		days := set.Section42DecisionDays
		staff := councils.StaffID(ctx)
		out.ConcernID, out.DueAt = sqldb.NewID(), DecisionDue(c.ReceivedAt, days).UTC()
		raisedBy := ""
		if c.RaisedBy == RaisedByMe {
			raisedBy = staff
			c.Name, c.Relationship, c.Organisation = "", "", ""
		}
		council := tx.Council()
		if _, err := tx.ExecContext(ctx, `INSERT INTO safeguarding_concern (council_id, id, person_id, raised_by_staff, raiser_name,
			raiser_relationship, raiser_organisation, received_at, what_happened, immediate_actions, decision_due_at, created_at,
			created_by, updated_at, updated_by, version, alleged, alleged_name, alleged_relationship, alleged_trust, alleged_at_risk)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13, 1, $14, $15, $16, $17, $18)`,
			council, out.ConcernID, personID, raisedBy, c.Name, c.Relationship, c.Organisation, c.ReceivedAt.UTC(), c.WhatHappened,
			c.Immediate, out.DueAt, tx.Now(), staff, string(c.Alleged.Someone), c.Alleged.Name, c.Alleged.Relationship,
			string(c.Alleged.Trust), string(c.Alleged.AtRisk)); err != nil {
			return fmt.Errorf("add concern: %w", sqldb.Normalise(err))
		}
		for list, values := range map[string][]string{ListType: c.Types, ListLocation: c.Locations, ListSource: c.Sources} {
			for _, v := range values {
				if _, err := tx.ExecContext(ctx, `INSERT INTO safeguarding_code (council_id, concern_id, list, value) VALUES ($1, $2, $3, $4)`,
					council, out.ConcernID, list, v); err != nil {
					return fmt.Errorf("add concern's %s: %w", list, sqldb.Normalise(err))
				}
			}
		}
		if err := raiseDecisionDuty(ctx, tx, personID, out.ConcernID, paths.ConcernDecision.URL(personID, out.ConcernID), out.DueAt); err != nil {
			return fmt.Errorf("raise the section 42 decision: %w", err)
		}
		return record(ctx, tx, personID, out.ConcernID, sqldb.UKDate(c.ReceivedAt),
			"Safeguarding concern raised: "+strings.Join(c.Types, ", "))
	})
	if err != nil {
		return Raised{}, err
	}
	return out, nil
}

const concernColumns = `c.id, c.person_id, c.raised_by_staff, COALESCE(rs.name, ''), c.raiser_name, c.raiser_relationship,
	c.raiser_organisation, c.received_at, c.what_happened, c.immediate_actions, c.decision_due_at, c.needs_met, c.needs_reason,
	c.abuse_met, c.abuse_reason, c.unable_met, c.unable_reason, c.decision, c.decision_reason, c.decided_at, c.decided_by,
	COALESCE(ds.name, ''), c.alleged, c.alleged_name, c.alleged_relationship, c.alleged_trust, c.alleged_at_risk, c.created_by, c.version`

const concernFrom = ` FROM safeguarding_concern c
	LEFT JOIN staff rs ON rs.council_id = c.council_id AND rs.id = c.raised_by_staff
	LEFT JOIN staff ds ON ds.council_id = c.council_id AND ds.id = c.decided_by`

func scanConcern(row interface{ Scan(...any) error }) (Concern, error) {
	var c Concern
	var needs, abuse, unable, result, alleged, trust, atRisk string
	var decided *time.Time
	if err := row.Scan(&c.ID, &c.PersonID, &c.RaisedByStaff, &c.RaisedByStaffName, &c.Name, &c.Relationship, &c.Organisation,
		&c.ReceivedAt, &c.WhatHappened, &c.Immediate, &c.DecisionDueAt, &needs, &c.Decision.Needs.Reason, &abuse,
		&c.Decision.Abuse.Reason, &unable, &c.Decision.Unable.Reason, &result, &c.Decision.Reason, &decided, &c.DecidedBy,
		&c.DecidedByName, &alleged, &c.Alleged.Name, &c.Alleged.Relationship, &trust, &atRisk, &c.RecordedBy, &c.Version); err != nil {
		return Concern{}, sqldb.Normalise(err)
	}
	c.Decision.Needs.Met, c.Decision.Abuse.Met, c.Decision.Unable.Met = Answer(needs), Answer(abuse), Answer(unable)
	c.Result = Result(result)
	c.Decision.Choice = c.Result
	c.Alleged.Someone, c.Alleged.Trust, c.Alleged.AtRisk = Answer(alleged), Answer(trust), Answer(atRisk)
	c.ReceivedAt, c.DecisionDueAt = c.ReceivedAt.UTC(), c.DecisionDueAt.UTC()
	if decided != nil {
		c.DecidedAt = decided.UTC()
	}
	return c, nil
}

// codes fills in the concerns' types, locations and sources.
func codes(ctx context.Context, tx *sqldb.Tx, cs []Concern) error {
	if len(cs) == 0 {
		return nil
	}
	index := make(map[string]int, len(cs))
	ids := make([]string, len(cs))
	for i, c := range cs {
		index[c.ID], ids[i] = i, c.ID
	}
	in, args := sqldb.In([]any{tx.Council()}, ids)
	rows, err := tx.QueryContext(ctx, `SELECT concern_id, list, value FROM safeguarding_code WHERE council_id = $1
		AND concern_id IN (`+in+`)`, args...)
	if err != nil {
		return fmt.Errorf("read concerns' categories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, list, value string
		if err := rows.Scan(&id, &list, &value); err != nil {
			return err
		}
		c := &cs[index[id]]
		switch list {
		case ListType:
			c.Types = append(c.Types, value)
		case ListLocation:
			c.Locations = append(c.Locations, value)
		case ListSource:
			c.Sources = append(c.Sources, value)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range cs {
		cs[i].Types = inListOrder(codelists.SafeguardingRiskType, cs[i].Types)
		cs[i].Locations = inListOrder(codelists.SafeguardingLocation, cs[i].Locations)
		cs[i].Sources = inListOrder(codelists.SafeguardingSource, cs[i].Sources)
	}
	return nil
}

// inListOrder puts values in their list's order, any value not in the list last.
func inListOrder(l codelists.List, values []string) []string {
	var out []string
	for _, v := range l.Values() {
		for _, x := range values {
			if x == v {
				out = append(out, v)
			}
		}
	}
	for _, x := range values {
		if !l.Has(x) {
			out = append(out, x)
		}
	}
	return out
}

func concern(ctx context.Context, tx *sqldb.Tx, personID, concernID string) (Concern, error) {
	c, err := scanConcern(tx.QueryRowContext(ctx, `SELECT `+concernColumns+concernFrom+` WHERE c.council_id = $1 AND c.person_id = $2 AND c.id = $3`,
		tx.Council(), personID, concernID))
	if err != nil {
		return Concern{}, fmt.Errorf("concern %s: %w", concernID, err)
	}
	cs := []Concern{c}
	if err := codes(ctx, tx, cs); err != nil {
		return Concern{}, err
	}
	return cs[0], nil
}

const enquiryColumns = `e.id, e.concern_id, e.person_id, e.kind, e.lead_staff, COALESCE(ls.name, ''), e.started_on, e.msp_asked,
	e.msp_asked_on, e.closed_on, e.action_result, e.risk_outcome, e.risk_reason, e.capacity, e.closing_note, e.version`

const enquiryFrom = ` FROM safeguarding_enquiry e LEFT JOIN staff ls ON ls.council_id = e.council_id AND ls.id = e.lead_staff`

func scanEnquiry(row interface{ Scan(...any) error }) (Enquiry, error) {
	var e Enquiry
	var kind string
	if err := row.Scan(&e.ID, &e.ConcernID, &e.PersonID, &kind, &e.LeadStaffID, &e.LeadName, &e.StartedOn, &e.MSPAsked, &e.MSPAskedOn,
		&e.ClosedOn, &e.ActionResult, &e.RiskOutcome, &e.RiskReason, &e.Capacity, &e.Note, &e.Version); err != nil {
		return Enquiry{}, sqldb.Normalise(err)
	}
	e.Kind = Result(kind)
	return e, nil
}

// enquiry reads a concern's enquiry with its outcomes, people and steps; nil when there is none.
func enquiry(ctx context.Context, tx *sqldb.Tx, concernID string) (*Enquiry, error) {
	e, err := scanEnquiry(tx.QueryRowContext(ctx, `SELECT `+enquiryColumns+enquiryFrom+` WHERE e.council_id = $1 AND e.concern_id = $2`,
		tx.Council(), concernID))
	if errors.Is(err, sqldb.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read enquiry: %w", err)
	}
	council := tx.Council()
	rows, err := tx.QueryContext(ctx, `SELECT id, words, achieved FROM safeguarding_outcome WHERE council_id = $1 AND enquiry_id = $2
		ORDER BY position`, council, e.ID)
	if err != nil {
		return nil, fmt.Errorf("read desired outcomes: %w", err)
	}
	for rows.Next() {
		var o DesiredOutcome
		if err := rows.Scan(&o.ID, &o.Words, &o.Achieved); err != nil {
			rows.Close()
			return nil, err
		}
		e.Outcomes = append(e.Outcomes, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, name, role, detail FROM safeguarding_involved WHERE council_id = $1 AND enquiry_id = $2
		ORDER BY created_at, id`, council, e.ID)
	if err != nil {
		return nil, fmt.Errorf("read people involved: %w", err)
	}
	for rows.Next() {
		var in Involved
		var role string
		if err := rows.Scan(&in.ID, &in.Name, &role, &in.Detail); err != nil {
			rows.Close()
			return nil, err
		}
		in.Role = Involvement(role)
		e.Involved = append(e.Involved, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, taken_on, what, taken_by, staff_id FROM safeguarding_step WHERE council_id = $1 AND enquiry_id = $2
		ORDER BY taken_on, created_at, id`, council, e.ID)
	if err != nil {
		return nil, fmt.Errorf("read steps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st Step
		if err := rows.Scan(&st.ID, &st.On, &st.What, &st.By, &st.StaffID); err != nil {
			return nil, err
		}
		e.Steps = append(e.Steps, st)
	}
	return &e, rows.Err()
}

// enquirers are the staff who may lead an enquiry: those in the council's safeguarding roles, and practitioners
// when the council lets them (councils.Settings.LeadsEnquiries).
func enquirers(ctx context.Context, tx *sqldb.Tx) ([]Enquirer, error) {
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, role FROM staff WHERE council_id = $1 AND disabled_at IS NULL ORDER BY name, id`, tx.Council())
	if err != nil {
		return nil, fmt.Errorf("read staff: %w", err)
	}
	defer rows.Close()
	var out []Enquirer
	for rows.Next() {
		var e Enquirer
		var role string
		if err := rows.Scan(&e.ID, &e.Name, &role); err != nil {
			return nil, err
		}
		if set.LeadsEnquiries(councils.Role(role)) {
			out = append(out, e)
		}
	}
	return out, rows.Err()
}

func view(ctx context.Context, tx *sqldb.Tx, p people.Person, concernID, rel string) (View, error) {
	v := View{Person: p, Relationship: rel, SeesAlleged: rel == RelationshipRole, Now: tx.Now(), Today: tx.Today()}
	var err error
	if v.Concern, err = concern(ctx, tx, p.ID, concernID); err != nil {
		return View{}, err
	}
	if !v.SeesAlleged {
		v.Concern.Alleged = Alleged{}
	}
	if v.Enquiry, err = enquiry(ctx, tx, concernID); err != nil {
		return View{}, err
	}
	if v.Enquirers, err = enquirers(ctx, tx); err != nil {
		return View{}, err
	}
	return v, nil
}

// Person reads a person's safeguarding record: every concern, newest first, with its enquiry. It logs a view.
func (s *Store) Person(ctx context.Context, personID string) (PersonConcerns, error) {
	out := PersonConcerns{Enquiry: map[string]Enquiry{}}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		// The role first, so that staff outside the safeguarding roles are refused before anything is logged;
		// holding a safeguarding role is the legitimate relationship, so no allocation or break-glass is needed.
		if err := guard(ctx, tx); err != nil {
			return err
		}
		var err error
		if out.Person, err = people.Open(ctx, tx, personID, "", people.LogRelated(RelationshipRole), accesslog.View); err != nil {
			return err
		}
		out.Now = tx.Now()
		rows, err := tx.QueryContext(ctx, `SELECT `+concernColumns+concernFrom+` WHERE c.council_id = $1 AND c.person_id = $2
			ORDER BY c.received_at DESC, c.id DESC`, tx.Council(), personID)
		if err != nil {
			return fmt.Errorf("read concerns: %w", err)
		}
		for rows.Next() {
			c, err := scanConcern(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out.Concerns = append(out.Concerns, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := codes(ctx, tx, out.Concerns); err != nil {
			return err
		}
		erows, err := tx.QueryContext(ctx, `SELECT `+enquiryColumns+enquiryFrom+` WHERE e.council_id = $1 AND e.person_id = $2`, tx.Council(), personID)
		if err != nil {
			return fmt.Errorf("read enquiries: %w", err)
		}
		defer erows.Close()
		for erows.Next() {
			e, err := scanEnquiry(erows)
			if err != nil {
				return err
			}
			out.Enquiry[e.ConcernID] = e
		}
		return erows.Err()
	})
	if err != nil {
		return PersonConcerns{}, fmt.Errorf("read safeguarding record: %w", err)
	}
	return out, nil
}

// Get reads one concern with its decision and enquiry, and logs a view.
func (s *Store) Get(ctx context.Context, personID, concernID string) (View, error) {
	var v View
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		p, rel, err := openConcern(ctx, tx, personID, concernID, accesslog.View)
		if err != nil {
			return err
		}
		v, err = view(ctx, tx, p, concernID, rel)
		return err
	})
	if err != nil {
		return View{}, fmt.Errorf("read concern: %w", err)
	}
	return v, nil
}

// change opens the person for an update and reads the concern as it stands.
func change(ctx context.Context, tx *sqldb.Tx, personID, concernID string) (View, error) {
	p, rel, err := openConcern(ctx, tx, personID, concernID, accesslog.Update)
	if err != nil {
		return View{}, err
	}
	return view(ctx, tx, p, concernID, rel)
}

// Decide records the section 42 decision on a concern: each criterion with its reason, and the result by rule (a
// section 42 enquiry when all three are met; otherwise an other enquiry or none, as chosen, with the reason). An
// enquiry result starts the enquiry with its lead enquirer. Deciding meets the required action. A stale version is
// sqldb.ErrConflict; a decided concern is sqldb.ErrForbidden wrapping ErrClosed.
func (s *Store) Decide(ctx context.Context, personID, concernID string, d Decision, version int) (View, error) {
	d.Normalise()
	var out View
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		v, err := change(ctx, tx, personID, concernID)
		if err != nil {
			return err
		}
		if v.Concern.Decided() {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrClosed)
		}
		if v.Concern.Version != version {
			return sqldb.ErrConflict
		}
		if ps := d.Validate(); len(ps) > 0 {
			return ps
		}
		result := d.Result()
		if result.Enquires() && !hasEnquirer(v.Enquirers, d.LeadStaffID) {
			return validation.Problems{{Field: "lead", Message: "Select the lead enquirer from the list"}}
		}
		reason := d.Reason
		if result == Section42 {
			reason = ""
		}
		staff := councils.StaffID(ctx)
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE safeguarding_concern SET needs_met = $1, needs_reason = $2, abuse_met = $3,
			abuse_reason = $4, unable_met = $5, unable_reason = $6, decision = $7, decision_reason = $8, decided_at = $9, decided_by = $10,
			updated_at = $9, updated_by = $10, version = version + 1 WHERE council_id = $11 AND id = $12 AND decision = '' AND version = $13`,
			string(d.Needs.Met), d.Needs.Reason, string(d.Abuse.Met), d.Abuse.Reason, string(d.Unable.Met), d.Unable.Reason, string(result),
			reason, tx.Now(), staff, tx.Council(), concernID, version)); err != nil {
			return fmt.Errorf("decide: %w", err)
		}
		if err := meetDecisionDuty(ctx, tx, concernID, result.Label()); err != nil {
			return fmt.Errorf("meet the section 42 decision: %w", err)
		}
		today := tx.Today()
		if err := record(ctx, tx, personID, concernID, today, "Section 42 decision: "+result.Label()); err != nil {
			return err
		}
		if result.Enquires() {
			if err := startEnquiry(ctx, tx, personID, concernID, result, d.LeadStaffID, today); err != nil {
				return err
			}
		}
		out, err = view(ctx, tx, v.Person, concernID, v.Relationship)
		return err
	})
	if err != nil {
		return View{}, err
	}
	return out, nil
}

// RecordAlleged records, or corrects, who is alleged to have caused the harm, as the safeguarding team learns it.
// Only staff in the safeguarding roles may (anyone else gets sqldb.ErrNotFound, as for the concern); once the
// concern's enquiry has closed it is kept as it was (sqldb.ErrForbidden wrapping ErrClosed). A stale version is
// sqldb.ErrConflict; problems come back as validation.Problems and change nothing.
func (s *Store) RecordAlleged(ctx context.Context, personID, concernID string, a Alleged, version int) error {
	a.Normalise()
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		v, err := change(ctx, tx, personID, concernID)
		if err != nil {
			return err
		}
		if !v.SeesAlleged {
			return fmt.Errorf("concern %s: %w", concernID, sqldb.ErrNotFound)
		}
		if v.Enquiry != nil && v.Enquiry.Closed() {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrClosed)
		}
		if v.Concern.Version != version {
			return sqldb.ErrConflict
		}
		if ps := a.Validate(); len(ps) > 0 {
			return ps
		}
		if err := sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE safeguarding_concern SET alleged = $1, alleged_name = $2, alleged_relationship = $3,
			alleged_trust = $4, alleged_at_risk = $5, updated_at = $6, updated_by = $7, version = version + 1
			WHERE council_id = $8 AND id = $9 AND version = $10`, string(a.Someone), a.Name, a.Relationship, string(a.Trust), string(a.AtRisk),
			tx.Now(), councils.StaffID(ctx), tx.Council(), concernID, version)); err != nil {
			return fmt.Errorf("record who is alleged to have caused harm: %w", err)
		}
		return record(ctx, tx, personID, concernID, tx.Today(), "Safeguarding concern: who is alleged to have caused the harm recorded")
	})
}

func hasEnquirer(es []Enquirer, id string) bool {
	for _, e := range es {
		if e.ID == id {
			return true
		}
	}
	return false
}

// startEnquiry opens a concern's enquiry, section 42 or other, led by lead.
func startEnquiry(ctx context.Context, tx *sqldb.Tx, personID, concernID string, kind Result, lead string, on sqldb.Date) error {
	id := sqldb.NewID()
	staff := councils.StaffID(ctx)
	if _, err := tx.ExecContext(ctx, `INSERT INTO safeguarding_enquiry (council_id, id, concern_id, person_id, kind, lead_staff, started_on,
		created_at, created_by, updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9, 1)`,
		tx.Council(), id, concernID, personID, string(kind), lead, on, tx.Now(), staff); err != nil {
		return fmt.Errorf("start enquiry: %w", sqldb.Normalise(err))
	}
	// Care Act s68: if the person's record shows substantial difficulty and nobody appropriate to support them, an
	// independent advocate must be arranged for the enquiry; the duty is raised in the transaction that starts it.
	if err := advocacy.Consider(ctx, tx, personID, "", advocacy.Safeguarding, id); err != nil {
		return fmt.Errorf("start enquiry: consider an advocate: %w", err)
	}
	return record(ctx, tx, personID, id, on, kind.Label()+" started")
}

// changeEnquiry opens the person for an update and reads the concern's enquiry, refusing a missing, closed or
// changed one.
func changeEnquiry(ctx context.Context, tx *sqldb.Tx, personID, concernID string, version int) (View, *Enquiry, error) {
	v, err := change(ctx, tx, personID, concernID)
	if err != nil {
		return View{}, nil, err
	}
	if v.Enquiry == nil {
		return View{}, nil, fmt.Errorf("enquiry of concern %s: %w", concernID, sqldb.ErrNotFound)
	}
	if v.Enquiry.Closed() {
		return View{}, nil, fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrClosed)
	}
	if v.Enquiry.Version != version {
		return View{}, nil, sqldb.ErrConflict
	}
	return v, v.Enquiry, nil
}

func bump(ctx context.Context, tx *sqldb.Tx, e *Enquiry, set string, args ...any) error {
	n := len(args)
	args = append(args, tx.Now(), councils.StaffID(ctx), tx.Council(), e.ID, e.Version)
	q := `UPDATE safeguarding_enquiry SET ` + set
	if set != "" {
		q += `, `
	}
	q += fmt.Sprintf(`updated_at = $%d, updated_by = $%d, version = version + 1 WHERE council_id = $%d AND id = $%d AND version = $%d
		AND closed_on IS NULL`, n+1, n+2, n+3, n+4, n+5)
	return sqldb.CheckVersion(tx.ExecContext(ctx, q, args...))
}

// StartMSP records Making Safeguarding Personal at the start of an enquiry: whether the person (or their
// representative) was asked what outcomes they want, and each outcome in their words. It is recorded once, before
// the first step.
func (s *Store) StartMSP(ctx context.Context, personID, concernID string, m MSPStart, version int) error {
	m.Normalise()
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, e, err := changeEnquiry(ctx, tx, personID, concernID, version)
		if err != nil {
			return err
		}
		if e.MSPAsked != "" {
			return fmt.Errorf("%w: %w", sqldb.ErrForbidden, ErrAlreadyRecorded)
		}
		if ps := m.Validate(); len(ps) > 0 {
			return ps
		}
		today := tx.Today()
		if err := bump(ctx, tx, e, `msp_asked = $1, msp_asked_on = $2`, m.Asked, today); err != nil {
			return fmt.Errorf("record what the person wants: %w", err)
		}
		for i, o := range m.Outcomes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO safeguarding_outcome (council_id, id, enquiry_id, position, words) VALUES ($1, $2, $3, $4, $5)`,
				tx.Council(), sqldb.NewID(), e.ID, i+1, o); err != nil {
				return fmt.Errorf("add desired outcome: %w", sqldb.Normalise(err))
			}
		}
		summary := "Making Safeguarding Personal: " + strings.ToLower(m.Asked[:1]) + m.Asked[1:]
		if n := len(m.Outcomes); n > 0 {
			summary += fmt.Sprintf(" (%d outcome%s)", n, plural(n))
		}
		return record(ctx, tx, personID, e.ID, today, summary)
	})
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// AddStep adds a dated step to an enquiry.
func (s *Store) AddStep(ctx context.Context, personID, concernID string, st Step, version int) error {
	st.What, st.By = strings.TrimSpace(st.What), strings.TrimSpace(st.By)
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, e, err := changeEnquiry(ctx, tx, personID, concernID, version)
		if err != nil {
			return err
		}
		if ps := st.Validate(*e, tx.Today()); len(ps) > 0 {
			return ps
		}
		if err := bump(ctx, tx, e, ""); err != nil {
			return fmt.Errorf("add step: %w", err)
		}
		id := sqldb.NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO safeguarding_step (council_id, id, enquiry_id, taken_on, what, taken_by, staff_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, tx.Council(), id, e.ID, st.On, st.What, st.By, councils.StaffID(ctx), tx.Now()); err != nil {
			return fmt.Errorf("add step: %w", sqldb.Normalise(err))
		}
		return record(ctx, tx, personID, e.ID, st.On, "Safeguarding enquiry step: "+short(st.What))
	})
}

// AddInvolved adds someone involved in an enquiry.
func (s *Store) AddInvolved(ctx context.Context, personID, concernID string, in Involved, version int) error {
	in.Name, in.Detail = strings.TrimSpace(in.Name), strings.TrimSpace(in.Detail)
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, e, err := changeEnquiry(ctx, tx, personID, concernID, version)
		if err != nil {
			return err
		}
		if ps := in.Validate(); len(ps) > 0 {
			return ps
		}
		if err := bump(ctx, tx, e, ""); err != nil {
			return fmt.Errorf("add person involved: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO safeguarding_involved (council_id, id, enquiry_id, name, role, detail, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, tx.Council(), sqldb.NewID(), e.ID, in.Name, string(in.Role), in.Detail, tx.Now()); err != nil {
			return fmt.Errorf("add person involved: %w", sqldb.Normalise(err))
		}
		return record(ctx, tx, personID, e.ID, tx.Today(), "Involved in the safeguarding enquiry: "+in.Role.Label())
	})
}

// Close closes an enquiry: each desired outcome Fully, Partially or Not achieved, the SG2c action and result, the
// risk outcome with reasons when a risk was identified and action taken, and the SG3a capacity.
func (s *Store) Close(ctx context.Context, personID, concernID string, c Closing, version int) error {
	c.RiskReason, c.Note = strings.TrimSpace(c.RiskReason), strings.TrimSpace(c.Note)
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		_, e, err := changeEnquiry(ctx, tx, personID, concernID, version)
		if err != nil {
			return err
		}
		if ps := c.Validate(*e, tx.Today()); len(ps) > 0 {
			return ps
		}
		if err := bump(ctx, tx, e, `closed_on = $1, action_result = $2, risk_outcome = $3, risk_reason = $4, capacity = $5, closing_note = $6`,
			c.On, c.ActionResult, c.RiskOutcome, c.RiskReason, c.Capacity, c.Note); err != nil {
			return fmt.Errorf("close enquiry: %w", err)
		}
		var achieved []string
		for _, o := range e.Outcomes {
			a := c.Achieved[o.ID]
			achieved = append(achieved, a)
			if _, err := tx.ExecContext(ctx, `UPDATE safeguarding_outcome SET achieved = $1 WHERE council_id = $2 AND id = $3 AND enquiry_id = $4`,
				a, tx.Council(), o.ID, e.ID); err != nil {
				return fmt.Errorf("record outcome achieved: %w", err)
			}
		}
		// An advocate the enquiry still owed (Care Act s68) can no longer be arranged for it: the required action
		// closes with the enquiry, its note saying so, rather than staying open for ever.
		if err := duties.Withdraw(ctx, tx, duties.AdvocateSafeguarding, e.ID, "The enquiry closed before an advocate was arranged for it"); err != nil {
			return fmt.Errorf("close enquiry: %w", err)
		}
		summary := e.Kind.Label() + " closed: " + c.ActionResult
		if c.RiskOutcome != "" {
			summary += "; " + strings.ToLower(c.RiskOutcome)
		}
		if o := Overall(achieved); o != "" {
			summary += "; the person's outcomes " + strings.ToLower(o)
		}
		return record(ctx, tx, personID, e.ID, c.On, summary)
	})
}

// Receipt is what the member of staff who recorded a concern sees of it: that it was received, and who is looking
// at it, without anything it says.
type Receipt struct {
	Person     people.Person
	ConcernID  string
	ReceivedAt time.Time // when the concern was received
	RecordedAt time.Time // when they recorded it, and so when the safeguarding team received it
	LookedAtBy string    // LookedAtBy
}

// Receipt reads the receipt of a concern for the member of staff who recorded it, and logs a view of the person.
// Anyone else gets sqldb.ErrNotFound, as if there were no such concern, and nothing is logged; staff in the
// safeguarding roles read the concern itself.
func (s *Store) Receipt(ctx context.Context, personID, concernID string) (Receipt, error) {
	staff, _ := councils.StaffFrom(ctx)
	var out Receipt
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		var decidedBy, lead string
		err := tx.QueryRowContext(ctx, `SELECT c.received_at, c.created_at, COALESCE(ds.name, ''), COALESCE(ls.name, '')
			FROM safeguarding_concern c
			LEFT JOIN staff ds ON ds.council_id = c.council_id AND ds.id = c.decided_by
			LEFT JOIN safeguarding_enquiry e ON e.council_id = c.council_id AND e.concern_id = c.id
			LEFT JOIN staff ls ON ls.council_id = e.council_id AND ls.id = e.lead_staff
			WHERE c.council_id = $1 AND c.person_id = $2 AND c.id = $3 AND c.created_by = $4 AND c.created_by <> ''`,
			tx.Council(), personID, concernID, staff.ID).Scan(&out.ReceivedAt, &out.RecordedAt, &decidedBy, &lead)
		if err != nil {
			return fmt.Errorf("concern %s: %w", concernID, sqldb.Normalise(err))
		}
		set, err := councils.SettingsIn(ctx, tx)
		if err != nil {
			return err
		}
		if out.Person, err = people.Open(ctx, tx, personID, "", people.Log, accesslog.View); err != nil {
			return err
		}
		out.ConcernID, out.ReceivedAt, out.RecordedAt = concernID, out.ReceivedAt.UTC(), out.RecordedAt.UTC()
		out.LookedAtBy = LookedAtBy(lead, decidedBy, set.SafeguardingRoles)
		return nil
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("read concern receipt: %w", err)
	}
	return out, nil
}

// Notice is what a person's page shows about safeguarding: to staff who may see safeguarding, an undecided concern
// and an open enquiry; to anyone else, only the latest concern they recorded themselves, for its receipt.
type Notice struct {
	Undecided   int
	OpenConcern string // the concern of the open enquiry, or of the oldest undecided concern, to link to
	Enquiries   int
	Overdue     bool      // an undecided concern is past its decision date
	Mine        string    // the latest concern the member of staff recorded, for staff outside the safeguarding roles
	MineAt      time.Time // when they recorded it
	Leading     string    // the concern of an open enquiry a practitioner leads, for staff outside the safeguarding roles
}

// Any reports whether there is anything to show.
func (n Notice) Any() bool {
	return n.Undecided > 0 || n.Enquiries > 0 || n.Mine != "" || n.Leading != ""
}

// NoticeFor reads the notice for a person's page. Staff outside the council's safeguarding roles see only the
// latest concern they recorded, to reach its receipt, and an open enquiry they lead, and nothing else. It is read alongside the
// person's page, whose view is already in the access log, so it writes no entry of its own.
func (s *Store) NoticeFor(ctx context.Context, personID string) (Notice, error) {
	var n Notice
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		ok, err := sees(ctx, tx)
		if err != nil {
			return err
		}
		// A section of a page that has already logged its view: the access rule again, without another entry.
		if _, err := people.Open(ctx, tx, personID, "", people.Peek, accesslog.View); err != nil {
			return err
		}
		if !ok {
			return mine(ctx, tx, personID, &n)
		}
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.decision_due_at, c.decision, COALESCE(e.id, ''), e.closed_on
			FROM safeguarding_concern c LEFT JOIN safeguarding_enquiry e ON e.council_id = c.council_id AND e.concern_id = c.id
			WHERE c.council_id = $1 AND c.person_id = $2 AND (c.decision = '' OR (e.id IS NOT NULL AND e.closed_on IS NULL))
			ORDER BY c.received_at`, tx.Council(), personID)
		if err != nil {
			return fmt.Errorf("read open safeguarding: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, decision, enq string
			var due time.Time
			var closed sqldb.Date
			if err := rows.Scan(&id, &due, &decision, &enq, &closed); err != nil {
				return err
			}
			if decision == "" {
				n.Undecided++
				n.Overdue = n.Overdue || tx.Now().After(due)
				if n.Enquiries == 0 && n.OpenConcern == "" {
					n.OpenConcern = id
				}
			} else {
				if n.Enquiries == 0 {
					n.OpenConcern = id
				}
				n.Enquiries++
			}
		}
		return rows.Err()
	})
	return n, err
}

// mine fills in, for staff outside the safeguarding roles, an open enquiry about the person they lead (where the
// council lets them) and the latest concern they recorded.
func mine(ctx context.Context, tx *sqldb.Tx, personID string, n *Notice) error {
	staff, _ := councils.StaffFrom(ctx)
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return err
	}
	if set.LeadsEnquiries(staff.Role) && staff.ID != "" {
		err := tx.QueryRowContext(ctx, `SELECT concern_id FROM safeguarding_enquiry WHERE council_id = $1 AND person_id = $2 AND lead_staff = $3
			AND closed_on IS NULL ORDER BY started_on, id LIMIT 1`, tx.Council(), personID, staff.ID).Scan(&n.Leading)
		if err != nil && !errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
			return fmt.Errorf("read the enquiry they lead: %w", err)
		}
	}
	err = tx.QueryRowContext(ctx, `SELECT id, created_at FROM safeguarding_concern WHERE council_id = $1 AND person_id = $2
		AND created_by = $3 AND created_by <> '' ORDER BY created_at DESC, id DESC LIMIT 1`, tx.Council(), personID, staff.ID).Scan(&n.Mine, &n.MineAt)
	if errors.Is(sqldb.Normalise(err), sqldb.ErrNotFound) {
		return nil
	}
	n.MineAt = n.MineAt.UTC()
	return err
}

// Sees reports whether the signed-in member of staff may see safeguarding records.
func (s *Store) Sees(ctx context.Context) (bool, error) {
	var ok bool
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) (err error) {
		ok, err = sees(ctx, tx)
		return err
	})
	return ok, err
}
