package safeguarding

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Personal is what an enquiry recorded of Making Safeguarding Personal: whether the person was asked what outcomes
// they wanted (SG4a), how many they expressed and for how many the enquiry recorded whether they were achieved. A
// case file audit reads it without the enquiry's contents, which stay with the safeguarding roles.
type Personal struct {
	EnquiryID string
	StartedOn sqldb.Date
	Closed    bool
	Asked     string // a codelists.MSPAsked value, or "" before it was recorded
	Outcomes  int
	Achieved  int // outcomes with whether they were achieved recorded
}

// Met says whether Making Safeguarding Personal was followed as far as the enquiry has gone: the person was asked,
// and by the close every outcome they expressed has whether it was achieved recorded.
func (p Personal) Met() bool {
	if !Asked(p.Asked) {
		return false
	}
	if p.Asked == codelists.MSPAskedExpressed && p.Outcomes == 0 {
		return false
	}
	return !p.Closed || p.Achieved == p.Outcomes
}

// PersonalOf reads, inside tx, the Making Safeguarding Personal record of every enquiry about several people,
// oldest first, by person. It neither checks access nor logs: callers have reached the people they pass.
func PersonalOf(ctx context.Context, tx *sqldb.Tx, personIDs []string) (map[string][]Personal, error) {
	out := map[string][]Personal{}
	if len(personIDs) == 0 {
		return out, nil
	}
	in, args := sqldb.In([]any{tx.Council()}, personIDs)
	err := sqldb.Each(ctx, tx, `SELECT e.person_id, e.id, e.started_on, e.closed_on, e.msp_asked,
			(SELECT count(*) FROM safeguarding_outcome o WHERE o.council_id = e.council_id AND o.enquiry_id = e.id),
			(SELECT count(*) FROM safeguarding_outcome o WHERE o.council_id = e.council_id AND o.enquiry_id = e.id AND o.achieved <> '')
		FROM safeguarding_enquiry e WHERE e.council_id = $1 AND e.person_id IN (`+in+`) ORDER BY e.started_on, e.id`, args,
		func(rows *sql.Rows) error {
			var person string
			var p Personal
			var closed sqldb.Date
			if err := rows.Scan(&person, &p.EnquiryID, &p.StartedOn, &closed, &p.Asked, &p.Outcomes, &p.Achieved); err != nil {
				return err
			}
			p.Closed = !closed.IsZero()
			out[person] = append(out[person], p)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read Making Safeguarding Personal: %w", err)
	}
	return out, nil
}
