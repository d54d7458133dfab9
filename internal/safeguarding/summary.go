package safeguarding

import (
	"context"
	"fmt"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// OpenItem is a concern awaiting its decision, or an open enquiry, on the council's list.
type OpenItem struct {
	PersonID, ConcernID string
	Name                string // "Family, Given" as a list reads
	ReceivedAt          time.Time
	DueAt               time.Time // the decision's due time, for an undecided concern
	Kind                Result    // the enquiry's kind, for an open enquiry
	LeadName            string
	StartedOn           sqldb.Date
	Steps               int
}

// OpenList is the council's undecided concerns, soonest due first, and its open enquiries, oldest first.
type OpenList struct {
	Undecided []OpenItem
	Enquiries []OpenItem
	Now       time.Time
}

// Open lists the council's undecided concerns and open enquiries for its safeguarding staff. Restricted records
// appear only to those granted them. Like a caseload, it names people without opening their records, so it is not
// written to the access log.
func (s *Store) Open(ctx context.Context) (OpenList, error) {
	staff, _ := councils.StaffFrom(ctx)
	var out OpenList
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if err := guard(ctx, tx); err != nil {
			return err
		}
		out.Now = tx.Now()
		visible := `(p.restricted = FALSE OR EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $2))`
		rows, err := tx.QueryContext(ctx, `SELECT c.person_id, c.id, p.family_name, p.given_name, c.received_at, c.decision_due_at
			FROM safeguarding_concern c JOIN person p ON p.council_id = c.council_id AND p.id = c.person_id
			WHERE c.council_id = $1 AND c.decision = '' AND `+visible+` ORDER BY c.decision_due_at, c.id`, tx.Council(), staff.ID)
		if err != nil {
			return fmt.Errorf("read undecided concerns: %w", err)
		}
		for rows.Next() {
			var it OpenItem
			var family, given string
			if err := rows.Scan(&it.PersonID, &it.ConcernID, &family, &given, &it.ReceivedAt, &it.DueAt); err != nil {
				rows.Close()
				return err
			}
			it.Name, it.ReceivedAt, it.DueAt = family+", "+given, it.ReceivedAt.UTC(), it.DueAt.UTC()
			out.Undecided = append(out.Undecided, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT e.person_id, e.concern_id, p.family_name, p.given_name, e.kind, COALESCE(ls.name, ''), e.started_on,
			(SELECT count(*) FROM safeguarding_step st WHERE st.council_id = e.council_id AND st.enquiry_id = e.id)
			FROM safeguarding_enquiry e JOIN person p ON p.council_id = e.council_id AND p.id = e.person_id
			LEFT JOIN staff ls ON ls.council_id = e.council_id AND ls.id = e.lead_staff
			WHERE e.council_id = $1 AND e.closed_on IS NULL AND `+visible+` ORDER BY e.started_on, e.id`, tx.Council(), staff.ID)
		if err != nil {
			return fmt.Errorf("read open enquiries: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var it OpenItem
			var family, given, kind string
			if err := rows.Scan(&it.PersonID, &it.ConcernID, &family, &given, &kind, &it.LeadName, &it.StartedOn, &it.Steps); err != nil {
				return err
			}
			it.Name, it.Kind = family+", "+given, Result(kind)
			out.Enquiries = append(out.Enquiries, it)
		}
		return rows.Err()
	})
	if err != nil {
		return OpenList{}, err
	}
	return out, nil
}

// Count is one row of a summary table: a code list's label and how many.
type Count struct {
	Label string
	N     int
}

// Summary is a Safeguarding Adults Collection style summary of a period. Concerns and enquiries started count by
// the day they were received or started; everything else counts concluded enquiries (closed in the period), with one
// count per different category per enquiry for type, location and source of risk.
type Summary struct {
	From, To           sqldb.Date
	Concerns           int     // SG1f: concerns received
	Section42Started   int     // SG1f: section 42 enquiries started
	OtherStarted       int     // SG1f: other enquiries started
	Concluded          []Count // concluded enquiries by kind
	Types              []Count // SG2a
	Locations          []Count // SG2b
	Sources            []Count // SG2b
	ActionResults      []Count // SG2c
	RiskOutcomes       []Count // SG2e, of those where a risk was identified and action taken
	Capacity           []Count // SG3a
	MSPAsked           []Count // SG4a: asked about desired outcomes
	MSPAchieved        []Count // SG4a: outcomes achieved, by enquiry, of those who expressed outcomes
	OutcomesAchieved   []Count // each desired outcome, Fully, Partially or Not achieved
	DecisionsInTime    int     // section 42 decisions made in the period by their due time
	DecisionsLate      int     // ... and after it
	ConcludedEnquiries int
}

func counts(l codelists.List, by map[string]int) []Count {
	out := make([]Count, len(l.Codes))
	for i, c := range l.Codes {
		out[i] = Count{Label: c.Label, N: by[c.Value]}
	}
	return out
}

// Summarise counts the council's safeguarding for a period, from and to inclusive, for its safeguarding staff. It
// reads only figures, no one's record, so it is not written to the access log.
func (s *Store) Summarise(ctx context.Context, from, to sqldb.Date) (Summary, error) {
	out := Summary{From: from, To: to}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		if err := guard(ctx, tx); err != nil {
			return err
		}
		council := tx.Council()
		// Concerns received: their received_at is an instant, counted by its day in the UK.
		start, end := ukMidnight(from), ukMidnight(sqldb.NewDate(to.AddDate(0, 0, 1)))
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM safeguarding_concern WHERE council_id = $1 AND received_at >= $2 AND received_at < $3`,
			council, start, end).Scan(&out.Concerns); err != nil {
			return fmt.Errorf("count concerns: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT decided_at <= decision_due_at FROM safeguarding_concern WHERE council_id = $1 AND decision <> ''
			AND decided_at >= $2 AND decided_at < $3`, council, start, end)
		if err != nil {
			return fmt.Errorf("count decisions: %w", err)
		}
		for rows.Next() {
			var inTime bool
			if err := rows.Scan(&inTime); err != nil {
				rows.Close()
				return err
			}
			if inTime {
				out.DecisionsInTime++
			} else {
				out.DecisionsLate++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(sum(CASE WHEN kind = 'section42' THEN 1 ELSE 0 END), 0),
			COALESCE(sum(CASE WHEN kind = 'other' THEN 1 ELSE 0 END), 0)
			FROM safeguarding_enquiry WHERE council_id = $1 AND started_on >= $2 AND started_on <= $3`, council, from, to).
			Scan(&out.Section42Started, &out.OtherStarted); err != nil {
			return fmt.Errorf("count enquiries started: %w", err)
		}
		kinds, actions, risks, capacity, asked := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
		rows, err = tx.QueryContext(ctx, `SELECT id, kind, action_result, risk_outcome, capacity, msp_asked FROM safeguarding_enquiry
			WHERE council_id = $1 AND closed_on >= $2 AND closed_on <= $3`, council, from, to)
		if err != nil {
			return fmt.Errorf("read concluded enquiries: %w", err)
		}
		concluded := map[string]bool{}
		for rows.Next() {
			var id, kind, action, risk, capa, msp string
			if err := rows.Scan(&id, &kind, &action, &risk, &capa, &msp); err != nil {
				rows.Close()
				return err
			}
			concluded[id] = true
			kinds[kind]++
			actions[action]++
			if action == codelists.RiskIdentifiedActionTaken {
				risks[risk]++
			}
			capacity[capa]++
			asked[msp]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		out.ConcludedEnquiries = len(concluded)
		out.Concluded = []Count{{Section42.Label(), kinds[string(Section42)]}, {Other.Label(), kinds[string(Other)]}}
		out.ActionResults = counts(codelists.SafeguardingActionResult, actions)
		out.RiskOutcomes = counts(codelists.SafeguardingRiskOutcome, risks)
		out.Capacity = counts(codelists.SafeguardingCapacity, capacity)
		out.MSPAsked = counts(codelists.MSPAsked, asked)

		// Type, location and source: the primary key of safeguarding_code makes each different category count once.
		byList := map[string]map[string]int{ListType: {}, ListLocation: {}, ListSource: {}}
		rows, err = tx.QueryContext(ctx, `SELECT k.list, k.value, count(*) FROM safeguarding_code k
			JOIN safeguarding_enquiry e ON e.council_id = k.council_id AND e.concern_id = k.concern_id
			WHERE k.council_id = $1 AND e.closed_on >= $2 AND e.closed_on <= $3 GROUP BY k.list, k.value`, council, from, to)
		if err != nil {
			return fmt.Errorf("count categories: %w", err)
		}
		for rows.Next() {
			var list, value string
			var n int
			if err := rows.Scan(&list, &value, &n); err != nil {
				rows.Close()
				return err
			}
			if m, ok := byList[list]; ok {
				m[value] = n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		out.Types = counts(codelists.SafeguardingRiskType, byList[ListType])
		out.Locations = counts(codelists.SafeguardingLocation, byList[ListLocation])
		out.Sources = counts(codelists.SafeguardingSource, byList[ListSource])

		// Making Safeguarding Personal: each outcome, and each enquiry's overall result.
		rows, err = tx.QueryContext(ctx, `SELECT o.enquiry_id, o.achieved FROM safeguarding_outcome o
			JOIN safeguarding_enquiry e ON e.council_id = o.council_id AND e.id = o.enquiry_id
			WHERE o.council_id = $1 AND e.closed_on >= $2 AND e.closed_on <= $3 AND e.msp_asked = $4 ORDER BY o.enquiry_id, o.position`,
			council, from, to, codelists.MSPAskedExpressed)
		if err != nil {
			return fmt.Errorf("count outcomes achieved: %w", err)
		}
		defer rows.Close()
		each, byEnquiry := map[string]int{}, map[string][]string{}
		for rows.Next() {
			var id, a string
			if err := rows.Scan(&id, &a); err != nil {
				return err
			}
			each[a]++
			byEnquiry[id] = append(byEnquiry[id], a)
		}
		overall := map[string]int{}
		for _, as := range byEnquiry {
			overall[Overall(as)]++
		}
		out.OutcomesAchieved = counts(codelists.MSPAchieved, each)
		out.MSPAchieved = counts(codelists.MSPAchieved, overall)
		return rows.Err()
	})
	if err != nil {
		return Summary{}, fmt.Errorf("summarise safeguarding: %w", err)
	}
	return out, nil
}

// ukMidnight is the instant a UK day starts.
func ukMidnight(d sqldb.Date) time.Time {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		loc = time.UTC
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc).UTC()
}
