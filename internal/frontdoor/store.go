package frontdoor

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Store keeps the front door's triage, check-ins and signposts, and reads its lists. Every method reads the
// council and member of staff from the context; a read or change of one person's record starts with people.Open
// in the same transaction, and each change adds a chronology event there too. The lists (new contacts, the
// waiting list) list people without opening their records, like a caseload, so they write no access-log entry;
// opening a person from them does.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// SeesFrontDoor: information and advice staff and managers work the front door's lists.
func SeesFrontDoor(r councils.Role) bool {
	return r == councils.DirectoryEditor || r == councils.TeamManager || r == councils.QualityLead
}

func staffOf(ctx context.Context) (councils.Staff, error) {
	st, ok := councils.StaffFrom(ctx)
	if !ok {
		return councils.Staff{}, fmt.Errorf("front door: no member of staff in the context")
	}
	if !SeesFrontDoor(st.Role) {
		return councils.Staff{}, sqldb.ErrForbidden
	}
	return st, nil
}

// visible keeps restricted records to the staff granted them; $2 is the member of staff.
const visible = ` AND (p.restricted = FALSE OR EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $2))`

// NewContact is a contact not yet triaged, resolved or taken up.
type NewContact struct {
	PersonID, EpisodeID, ContactID string
	Name                           string
	ContactedOn                    sqldb.Date
	ContactBy                      conversations.ContactBy
	Channel                        string // codelists.ContactChannel
	Reason                         string
	TeamName                       string
}

// ChannelLabel is how the contact came in, as staff read it.
func (c NewContact) ChannelLabel() string {
	return conversations.Contact{Channel: c.Channel}.ChannelLabel()
}

func nameOf(family, given, preferred string) string {
	n := family + ", " + given
	if preferred != "" {
		n += " (" + preferred + ")"
	}
	return n
}

// Contacts lists the contacts to triage, newest first: those whose episode is neither triaged nor ended, and that
// no practitioner has taken up yet (conversations.TakenUpSQL: no work recorded and no step moved on). A contact
// leaves the list as soon as any of that is recorded; nothing is stored to say so.
func (s *Store) Contacts(ctx context.Context) ([]NewContact, error) {
	st, err := staffOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []NewContact
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.person_id, e.id, c.id, p.family_name, p.given_name, p.preferred_name, c.contacted_on,
				c.contact_by, c.channel, c.reason, COALESCE(t.name, '')
			FROM episode e
			JOIN contact c ON c.council_id = e.council_id AND c.id = e.contact_id
			JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
			LEFT JOIN team t ON t.council_id = e.council_id AND t.id = e.team_id
			WHERE e.council_id = $1 AND e.priority = '' AND NOT `+conversations.TakenUpSQL("e")+visible+`
			ORDER BY c.contacted_on DESC, c.created_at DESC, c.id`, tx.Council(), st.ID)
		if err != nil {
			return fmt.Errorf("list new contacts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c NewContact
			var family, given, preferred, by string
			if err := rows.Scan(&c.PersonID, &c.EpisodeID, &c.ContactID, &family, &given, &preferred, &c.ContactedOn, &by, &c.Channel, &c.Reason, &c.TeamName); err != nil {
				return err
			}
			c.Name, c.ContactBy = nameOf(family, given, preferred), conversations.ContactBy(by)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Case is one episode at the front door: the person, the contact, the triage and the check-ins.
type Case struct {
	Person       people.Person
	Episode      conversations.Episode
	Priority     Priority
	TriageReason string
	TriagedOn    sqldb.Date
	CheckIns     []conversations.Contact // newest first; Reason holds how things are, WhatMatters what changed
	Signposts    []Signpost
}

func loadCase(ctx context.Context, tx *sqldb.Tx, p people.Person, episodeID string) (Case, error) {
	c := Case{Person: p}
	var priority string
	var triaged sqldb.Date
	var contactID string
	err := tx.QueryRowContext(ctx, `SELECT e.id, COALESCE(e.contact_id, ''), e.opened_on, e.result, e.version, e.priority, e.triage_reason, e.triaged_on
		FROM episode e WHERE e.council_id = $1 AND e.person_id = $2 AND e.id = $3`, tx.Council(), p.ID, episodeID).
		Scan(&c.Episode.ID, &contactID, &c.Episode.OpenedOn, &c.Episode.Result, &c.Episode.Version, &priority, &c.TriageReason, &triaged)
	if err != nil {
		return Case{}, fmt.Errorf("find episode: %w", sqldb.Normalise(err))
	}
	c.Episode.PersonID, c.Episode.ContactID, c.Priority, c.TriagedOn = p.ID, contactID, Priority(priority), triaged
	contacts, err := readContacts(ctx, tx, `(c.id = $2 OR c.episode_id = $3)`, contactID, episodeID)
	if err != nil {
		return Case{}, err
	}
	for _, ct := range contacts {
		if ct.ID == contactID {
			c.Episode.Contact = ct
		} else {
			c.CheckIns = append(c.CheckIns, ct)
		}
	}
	c.Signposts, err = readSignposts(ctx, tx, `s.episode_id = $2`, episodeID)
	return c, err
}

func readContacts(ctx context.Context, tx *sqldb.Tx, where string, args ...any) ([]conversations.Contact, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.person_id, c.contacted_on, c.route_of_access, c.contact_by, c.contact_name, c.reason,
		c.what_matters, c.created_at, c.created_by, c.version, c.channel FROM contact c WHERE c.council_id = $1 AND `+where+`
		ORDER BY c.contacted_on DESC, c.created_at DESC`, append([]any{tx.Council()}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read contacts: %w", err)
	}
	defer rows.Close()
	var out []conversations.Contact
	for rows.Next() {
		var c conversations.Contact
		var by string
		if err := rows.Scan(&c.ID, &c.PersonID, &c.ContactedOn, &c.RouteOfAccess, &by, &c.ContactName, &c.Reason, &c.WhatMatters, &c.CreatedAt, &c.CreatedBy, &c.Version, &c.Channel); err != nil {
			return nil, err
		}
		c.ContactBy = conversations.ContactBy(by)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Case reads an episode at the front door, logging a view of the person.
func (s *Store) Case(ctx context.Context, personID, episodeID string) (Case, error) {
	var out Case
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.View)
		if err != nil {
			return err
		}
		out, err = loadCase(ctx, tx, p, episodeID)
		return err
	})
	return out, err
}

var errEnded = validation.Problems{{Field: "priority", Message: "This contact has already been resolved or the work has ended"}}

func setTriage(ctx context.Context, tx *sqldb.Tx, personID, episodeID string, t Triage, on sqldb.Date, version int) error {
	return sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE episode SET priority = $1, triage_reason = $2, triaged_on = $3, updated_at = $4,
		updated_by = $5, version = version + 1 WHERE council_id = $6 AND person_id = $7 AND id = $8 AND version = $9 AND result = ''`,
		string(t.Priority), strings.TrimSpace(t.Reason), on, tx.Now(), councils.StaffID(ctx), tx.Council(), personID, episodeID, version))
}

// Triage sets an open episode's priority and the reason for it. version is the episode's version when the form
// was opened; a stale triage is sqldb.ErrConflict and changes nothing.
func (s *Store) Triage(ctx context.Context, personID, episodeID string, t Triage, version int) error {
	if ps := t.Validate(); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Update)
		if err != nil {
			return err
		}
		c, err := loadCase(ctx, tx, p, episodeID)
		if err != nil {
			return err
		}
		if c.Episode.Ended() {
			return errEnded
		}
		today := tx.Today()
		if err := setTriage(ctx, tx, personID, episodeID, t, today, version); err != nil {
			return fmt.Errorf("triage: %w", err)
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Contact, OccurredOn: today,
			RefID: episodeID, Summary: "Triaged: " + strings.ToLower(t.Priority.Label()) + " priority (" + clip(t.Reason) + ")"})
	})
}

// Resolve ends an open episode at step 1 with its Client Level Data result, at the front door, with signposts to
// the community services given (none, one or more): one transaction, nothing half done. version is the episode's.
// Each signpost's problems are on its own fields (SignpostField).
func (s *Store) Resolve(ctx context.Context, personID, episodeID string, end conversations.Ending, sps []Signpost, version int) error {
	today := s.db.Today().Time
	end.Step = conversations.Step1
	ps := end.Validate(sqldb.Date{}, today)
	for i := range sps {
		sps[i].OutcomeID = "" // at the front door a signpost serves no outcome yet
	}
	ps = append(ps, PrepareSignposts(sps, sqldb.NewDate(today), today)...)
	if len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, episodeID, people.Log, accesslog.Update)
		if err != nil {
			return err
		}
		if err := insertSignposts(ctx, tx, p.ID, episodeID, sps); err != nil {
			return err
		}
		return conversations.EndEpisode(ctx, tx, personID, episodeID, end, version)
	})
}

// RecordContact records a contact and opens its episode, as conversations.Store.RecordContact does, ending it at
// once when it was resolved at first contact (end given), and records the signposts given on that episode, dated
// the day of the contact: all in one transaction with one access-log entry, so a problem with any part records
// none of it. Each signpost's problems are on its own fields (SignpostField).
func (s *Store) RecordContact(ctx context.Context, c conversations.Contact, end *conversations.Ending, sps []Signpost) (conversations.Contact, conversations.Episode, error) {
	today := s.db.Today().Time
	ps := conversations.PrepareContact(&c, end, today)
	for i := range sps {
		sps[i].OutcomeID = "" // a new episode has no outcomes yet
	}
	for _, p := range PrepareSignposts(sps, c.ContactedOn, today) {
		if p.Field != "signposted_on" { // the contact's date, whose own problem is on contacted_on
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		return conversations.Contact{}, conversations.Episode{}, ps
	}
	var ep conversations.Episode
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, c.PersonID, "", people.Log, accesslog.Create)
		if err != nil {
			return err
		}
		if c, ep, err = conversations.AddContact(ctx, tx, p, c, end); err != nil {
			return err
		}
		return insertSignposts(ctx, tx, p.ID, ep.ID, sps)
	})
	if err != nil {
		return conversations.Contact{}, conversations.Episode{}, err
	}
	return c, ep, nil
}

// CheckIn records a check-in with a person waiting, as a contact of the check-in kind, and triages them again.
// version is the episode's version when the form was opened.
func (s *Store) CheckIn(ctx context.Context, personID, episodeID string, n CheckInNote, version int) (conversations.Contact, error) {
	n.HowThings, n.WhatChanged = strings.TrimSpace(n.HowThings), strings.TrimSpace(n.WhatChanged)
	if ps := n.Validate(s.db.Today().Time); len(ps) > 0 {
		return conversations.Contact{}, ps
	}
	var c conversations.Contact
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, "", people.Log, accesslog.Create)
		if err != nil {
			return err
		}
		cs, err := loadCase(ctx, tx, p, episodeID)
		if err != nil {
			return err
		}
		if cs.Episode.Ended() {
			return errEnded
		}
		if n.On.Before(cs.Episode.OpenedOn.Time) {
			return validation.Problems{{Field: "checked_in_on", Message: "Date of the check-in must be on or after the contact, " + cs.Episode.OpenedOn.Format("2 January 2006")}}
		}
		by := councils.StaffID(ctx)
		c = conversations.Contact{ID: sqldb.NewID(), PersonID: personID, ContactedOn: n.On, ContactBy: "council", Reason: n.HowThings,
			WhatMatters: n.WhatChanged, CreatedAt: tx.Now(), CreatedBy: by, Version: 1}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact (council_id, id, person_id, contacted_on, route_of_access, contact_by,
			contact_name, reason, what_matters, created_at, created_by, updated_at, updated_by, version, kind, episode_id, priority)
			VALUES ($1, $2, $3, $4, '', 'council', '', $5, $6, $7, $8, $7, $8, 1, 'check_in', $9, $10)`,
			tx.Council(), c.ID, personID, n.On, c.Reason, c.WhatMatters, tx.Now(), by, episodeID, string(n.Triage.Priority)); err != nil {
			return fmt.Errorf("add check-in: %w", sqldb.Normalise(err))
		}
		// The check-in is the new starting point for the next one, so triaged_on moves to its date.
		if err := setTriage(ctx, tx, personID, episodeID, n.Triage, n.On, version); err != nil {
			return fmt.Errorf("triage again: %w", err)
		}
		summary := "Check-in while waiting: " + clip(n.HowThings)
		if n.Triage.Priority != cs.Priority {
			summary += "; priority now " + strings.ToLower(n.Triage.Priority.Label())
		}
		return chronology.Record(ctx, tx, chronology.Event{PersonID: personID, EpisodeID: episodeID, Kind: chronology.Contact, OccurredOn: n.On,
			RefID: c.ID, Summary: summary})
	})
	if err != nil {
		return conversations.Contact{}, err
	}
	return c, nil
}

// clip keeps a chronology summary to one short line.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}

// Waiter is one person on the waiting list.
type Waiter struct {
	PersonID, EpisodeID string
	Name                string
	TeamID, TeamName    string
	Priority            Priority
	TriageReason        string
	ContactedOn         sqldb.Date
	FirstConversation   sqldb.Date
	PlanAgreed          sqldb.Date
	LastCheckIn         sqldb.Date // the last check-in, or the triage when there has been none
	Wait                Wait
	CheckIn             CheckIn
}

// WaitingFilter narrows the waiting list.
type WaitingFilter struct {
	TeamID   string
	Priority Priority
}

// Waiting lists the people triaged and waiting (no plan agreed yet), longest wait first, each with their wait and
// when their next check-in is due.
func (s *Store) Waiting(ctx context.Context, f WaitingFilter) ([]Waiter, error) {
	st, err := staffOf(ctx)
	if err != nil {
		return nil, err
	}
	var out []Waiter
	var set councils.Settings
	today := s.db.Today()
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if set, err = settings(ctx, tx); err != nil {
			return err
		}
		where, args := "", []any{tx.Council(), st.ID}
		if f.TeamID != "" {
			args = append(args, f.TeamID)
			where += fmt.Sprintf(" AND e.team_id = $%d", len(args))
		}
		if f.Priority != "" {
			args = append(args, string(f.Priority))
			where += fmt.Sprintf(" AND e.priority = $%d", len(args))
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.person_id, e.id, p.family_name, p.given_name, p.preferred_name, COALESCE(e.team_id, ''),
				COALESCE(t.name, ''), e.priority, e.triage_reason, e.opened_on, e.triaged_on,
				(SELECT min(v.held_on) FROM conversation v WHERE v.council_id = e.council_id AND v.episode_id = e.id),
				(SELECT min(sp.agreed_on) FROM support_plan sp WHERE sp.council_id = e.council_id AND sp.episode_id = e.id AND sp.agreed_on IS NOT NULL),
				(SELECT max(k.contacted_on) FROM contact k WHERE k.council_id = e.council_id AND k.episode_id = e.id AND k.kind = 'check_in')
			FROM episode e
			JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
			LEFT JOIN team t ON t.council_id = e.council_id AND t.id = e.team_id
			WHERE e.council_id = $1 AND e.result = '' AND e.priority <> ''`+visible+where, args...)
		if err != nil {
			return fmt.Errorf("read the waiting list: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var w Waiter
			var family, given, preferred, priority string
			var triaged, lastCheckIn sqldb.Date
			if err := rows.Scan(&w.PersonID, &w.EpisodeID, &family, &given, &preferred, &w.TeamID, &w.TeamName, &priority, &w.TriageReason,
				&w.ContactedOn, &triaged, &w.FirstConversation, &w.PlanAgreed, &lastCheckIn); err != nil {
				return err
			}
			w.Name, w.Priority = nameOf(family, given, preferred), Priority(priority)
			w.LastCheckIn = triaged
			if lastCheckIn.After(triaged.Time) {
				w.LastCheckIn = lastCheckIn
			}
			out = append(out, w)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, w := range out {
		w.Wait = WaitOf(w.ContactedOn, w.FirstConversation, w.PlanAgreed, today)
		if w.Wait.Stage == NotWaiting {
			continue
		}
		w.CheckIn = NextCheckIn(w.LastCheckIn, CheckInDays(set, w.Priority), today)
		kept = append(kept, w)
	}
	SortWaiting(kept)
	return kept, nil
}

// SortWaiting orders a waiting list: the longest wait first, then the most pressing priority, then by name.
func SortWaiting(ws []Waiter) {
	sort.SliceStable(ws, func(i, j int) bool {
		a, b := ws[i], ws[j]
		if a.Wait.Total != b.Wait.Total {
			return a.Wait.Total > b.Wait.Total
		}
		if a.Priority.Rank() != b.Priority.Rank() {
			return a.Priority.Rank() < b.Priority.Rank()
		}
		return a.Name < b.Name
	})
}

func settings(ctx context.Context, tx *sqldb.Tx) (councils.Settings, error) {
	var set councils.Settings
	err := tx.QueryRowContext(ctx, `SELECT checkin_urgent_days, checkin_high_days, checkin_routine_days FROM council WHERE id = $1`, tx.Council()).
		Scan(&set.CheckInUrgentDays, &set.CheckInHighDays, &set.CheckInRoutineDays)
	if err != nil {
		return set, fmt.Errorf("read the check-in settings: %w", sqldb.Normalise(err))
	}
	return set, nil
}

// OverdueCheckIns returns, for the open episodes given, the check-in of each that is overdue: for a caseload's
// next actions. Episodes not triaged or not overdue are left out.
func OverdueCheckIns(ctx context.Context, tx *sqldb.Tx, episodeIDs []string, today sqldb.Date) (map[string]CheckIn, error) {
	out := map[string]CheckIn{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	set, err := settings(ctx, tx)
	if err != nil {
		return nil, err
	}
	in, args := sqldb.In([]any{tx.Council()}, episodeIDs)
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.priority, e.triaged_on,
			(SELECT max(k.contacted_on) FROM contact k WHERE k.council_id = e.council_id AND k.episode_id = e.id AND k.kind = 'check_in'),
			(SELECT count(*) FROM support_plan sp WHERE sp.council_id = e.council_id AND sp.episode_id = e.id AND sp.agreed_on IS NOT NULL)
		FROM episode e WHERE e.council_id = $1 AND e.result = '' AND e.priority <> '' AND e.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read check-ins: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, priority string
		var triaged, last sqldb.Date
		var agreed int
		if err := rows.Scan(&id, &priority, &triaged, &last, &agreed); err != nil {
			return nil, err
		}
		if agreed > 0 {
			continue
		}
		if last.Before(triaged.Time) {
			last = triaged
		}
		if c := NextCheckIn(last, CheckInDays(set, Priority(priority)), today); c.Overdue {
			out[id] = c
		}
	}
	return out, rows.Err()
}

// Glance reads an episode at the front door as Case does, applying the access rule but writing no access-log
// entry: for a form posted back, where the change itself is logged.
func (s *Store) Glance(ctx context.Context, personID, episodeID string) (Case, error) {
	var out Case
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		p, err := people.Open(ctx, tx, personID, "", people.Peek, accesslog.View)
		if err != nil {
			return err
		}
		out, err = loadCase(ctx, tx, p, episodeID)
		return err
	})
	return out, err
}

// WaitsOf works out, inside tx, the wait (WaitOf) of several episodes at once as of today, from the day each was
// opened, its first conversation and its first plan agreed; a case file audit reads it for every sampled episode.
// It neither checks access nor logs: callers have reached the people whose episodes they pass.
func WaitsOf(ctx context.Context, tx *sqldb.Tx, episodeIDs []string, today sqldb.Date) (map[string]Wait, error) {
	out := map[string]Wait{}
	if len(episodeIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, episodeIDs)
	err := sqldb.Each(ctx, tx, `SELECT e.id, e.opened_on,
			(SELECT min(v.held_on) FROM conversation v WHERE v.council_id = e.council_id AND v.episode_id = e.id),
			(SELECT min(sp.agreed_on) FROM support_plan sp WHERE sp.council_id = e.council_id AND sp.episode_id = e.id AND sp.agreed_on IS NOT NULL)
		FROM episode e WHERE e.council_id = $1 AND e.id IN (`+in+`)`, args,
		func(rows *sql.Rows) error {
			var id string
			var opened, first, agreed sqldb.Date
			if err := rows.Scan(&id, &opened, &first, &agreed); err != nil {
				return err
			}
			out[id] = WaitOf(opened, first, agreed, today)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read the waits: %w", err)
	}
	return out, nil
}
