package cld

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store reads the return from the record of the council in the context.
type Store struct{ db *sqldb.DB }

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

// MaxRejections is how many rejections a Report keeps to show; Report.Rejected counts them all.
const MaxRejections = 1000

// Report is what Check found: how many rows and people the return has, and each row DHSC would reject and why.
type Report struct {
	Period   Period
	Rows     int
	People   int
	Rejected int         // every rejection found, even beyond MaxRejections
	Problems []Rejection // the first MaxRejections of them, person by person
}

// OK reports whether DHSC's validation would accept every row.
func (r Report) OK() bool { return r.Rejected == 0 }

// ErrRejected is Write's error when a row would be rejected and rejections are not allowed.
var ErrRejected = errors.New("the return has rows DHSC would reject")

// Reason is why the access log says a person's record was read for the return. The return is a statutory duty
// (the Collection of Client Level Adult Social Care Data (No. 3) Directions 2023, standards.md §1.1), so it takes
// every person with an event in the period, whoever they are allocated to and restricted records included; each
// is logged, as any other export of a record.
const Reason = "Client Level Data return to DHSC"

// Check builds every row of the period's return and checks each (Check), writing nothing. It reads the council in
// ctx only, through the council wall. The access log gets a view of each person whose rejections the report
// shows, since it shows the value at fault (a date of birth, an NHS number) to whoever asked.
func (s *Store) Check(ctx context.Context, p Period) (Report, error) {
	rep := Report{Period: p}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		last := ""
		return each(ctx, tx, p, func(r Row) error {
			rep.Rows++
			if r.LAPersonUniqueIdentifier != last {
				rep.People++
				last = r.LAPersonUniqueIdentifier
			}
			for _, rj := range Check(r, p) {
				rep.Rejected++
				if len(rep.Problems) < MaxRejections {
					rep.Problems = append(rep.Problems, rj)
				}
			}
			return nil
		})
	})
	if err != nil {
		return Report{}, err
	}
	shown := map[string]bool{}
	var ids []string
	for _, rj := range rep.Problems {
		if rj.PersonID != "" && !shown[rj.PersonID] {
			shown[rj.PersonID] = true
			ids = append(ids, rj.PersonID)
		}
	}
	if err := s.log(ctx, ids, accesslog.View); err != nil {
		return Report{}, err
	}
	return rep, nil
}

// logBatch is how many people's access-log entries Write gathers before it writes them, so that memory stays the
// same however large the council is.
const logBatch = 500

// Write streams the period's return as CSV to w, one row at a time, with the header line first, and returns how
// many rows it wrote. Each row is checked again as it is written, since the record may have changed since Check:
// a rejection stops the write with ErrRejected unless allowRejects is true. The access log gets an export entry
// for each person in the file.
func (s *Store) Write(ctx context.Context, p Period, w io.Writer, allowRejects bool) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(Fields); err != nil {
		return 0, err
	}
	n := 0
	var batch []string
	flush := func() error {
		err := s.log(ctx, batch, accesslog.Export)
		batch = batch[:0]
		return err
	}
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		last := ""
		return each(ctx, tx, p, func(r Row) error {
			if !allowRejects && len(Check(r, p)) > 0 {
				return ErrRejected
			}
			if err := cw.Write(r.Values()); err != nil {
				return err
			}
			n++
			if r.LAPersonUniqueIdentifier != last {
				last = r.LAPersonUniqueIdentifier
				batch = append(batch, last)
				if len(batch) == logBatch {
					return flush()
				}
			}
			return nil
		})
	})
	if err != nil {
		return n, err
	}
	if err := flush(); err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

// log writes an access-log entry for each person, in one short write of its own: the reads are over by then, or
// (for Write's batches) run on the reader beside it, so the writer is never held for the whole return.
func (s *Store) log(ctx context.Context, personIDs []string, action accesslog.Action) error {
	if len(personIDs) == 0 {
		return nil
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		for _, id := range personIDs {
			if err := accesslog.Record(ctx, tx, id, action, Reason); err != nil {
				return err
			}
		}
		return nil
	})
}

// eventsSQL reads every record an event of the period may come from, each joined to its person, person by person.
// $1 is the council, $2 and $3 the period's first and last days. It keeps what may fall in the period, and row
// decides what does; every branch has the same columns (source's, in its order). $4 is the first day a service may
// end on: the period's first day, or earlier for the derivations (Period.lookback). The events come first and each
// finds its person, and each request is found from its episode: CROSS JOIN keeps those orders on SQLite, whose
// planner otherwise may walk the council's people in order and read every event again for each of them, or walk
// its contacts and look through every open episode for each one's (minutes for a council of a few thousand).
const eventsSQL = `
SELECT p.id, p.nhs_number, p.gender, p.ethnicity, p.date_of_birth, p.client_type, p.primary_support_reason,
    p.postcode, p.accommodation_status,
    EXISTS (SELECT 1 FROM person_network n WHERE n.council_id = p.council_id AND n.person_id = p.id AND n.unpaid_carer = TRUE),
    ev.kind, ev.ref, ev.episode_id, ev.start_on, ev.end_on, ev.result, ev.ended_on, ev.first_conversation,
    ev.code1, ev.code2, ev.code3, ev.code4, ev.flag, ev.pence, ev.hundredths
FROM (
    -- Requests: each first contact (not a check-in) with the episode it opened.
    SELECT c.person_id, 'request' AS kind, c.id AS ref, e.id AS episode_id, c.contacted_on AS start_on,
        NULL AS end_on, e.result, e.ended_on,
        (SELECT MIN(cv.held_on) FROM conversation cv WHERE cv.council_id = e.council_id AND cv.episode_id = e.id) AS first_conversation,
        c.route_of_access AS code1, '' AS code2, '' AS code3, '' AS code4, FALSE AS flag, 0 AS pence, 0 AS hundredths
    FROM episode e
    CROSS JOIN contact c
    WHERE e.council_id = $1 AND (e.ended_on IS NULL OR e.ended_on >= $2)
        AND c.council_id = e.council_id AND c.id = e.contact_id AND c.kind = 'contact' AND c.contacted_on <= $3
    UNION ALL
    -- Long-term assessments: Care Act eligibility determinations made in the period.
    SELECT el.person_id, 'long_term', el.id, e.id, NULL, el.determined_on, e.result, e.ended_on,
        (SELECT MIN(cv.held_on) FROM conversation cv WHERE cv.council_id = e.council_id AND cv.episode_id = e.id),
        el.kind, '', '', '', el.eligible, 0, 0
    FROM eligibility el
    JOIN episode e ON e.council_id = el.council_id AND e.id = el.episode_id
    WHERE el.council_id = $1 AND el.determined_on BETWEEN $2 AND $3
    UNION ALL
    -- Short-term assessments: Step 1 completed, with its conversations, and no eligibility determination.
    SELECT e.person_id, 'short_term', e.id, e.id,
        (SELECT MIN(cv.held_on) FROM conversation cv WHERE cv.council_id = e.council_id AND cv.episode_id = e.id AND cv.step = 1),
        (SELECT MAX(cv.held_on) FROM conversation cv WHERE cv.council_id = e.council_id AND cv.episode_id = e.id AND cv.step = 1),
        e.result, e.ended_on, NULL, CAST(e.ended_step AS TEXT), '', '', '', FALSE, 0, 0
    FROM episode e
    JOIN episode_step st ON st.council_id = e.council_id AND st.episode_id = e.id AND st.step = 1 AND st.status = 'completed'
    WHERE e.council_id = $1
        AND e.id IN (SELECT cv.episode_id FROM conversation cv WHERE cv.council_id = $1 AND cv.held_on BETWEEN $2 AND $3 AND cv.step = 1)
        AND NOT EXISTS (SELECT 1 FROM eligibility el WHERE el.council_id = e.council_id AND el.episode_id = e.id)
    UNION ALL
    -- Services that gave support at any time in the period: started, and not ended before it began.
    SELECT s.person_id, 'service', s.id, e.id, s.start_on, s.end_on, e.result, e.ended_on, NULL,
        s.service_type, s.component, s.delivery_mechanism, s.cost_frequency,
        EXISTS (SELECT 1 FROM direct_payment dp WHERE dp.council_id = s.council_id AND dp.service_id = s.id),
        s.unit_cost_pence, s.units_hundredths
    FROM service s
    JOIN episode e ON e.council_id = s.council_id AND e.id = s.episode_id
    WHERE s.council_id = $1 AND s.status IN ('active', 'ended') AND s.start_on IS NOT NULL AND s.start_on <= $3
        AND (s.end_on IS NULL OR s.end_on >= $4)
    UNION ALL
    -- Reviews held in the period.
    SELECT r.person_id, 'review', r.id, e.id, r.held_on, r.held_on, e.result, e.ended_on, NULL,
        r.reason, r.method, r.review_outcome, '', FALSE, 0, 0
    FROM review r
    JOIN episode e ON e.council_id = r.council_id AND e.id = r.episode_id
    WHERE r.council_id = $1 AND r.status = 'completed' AND r.held_on BETWEEN $2 AND $3
) ev
CROSS JOIN person p
WHERE p.council_id = $1 AND p.id = ev.person_id
ORDER BY ev.person_id, ev.kind, ev.ref`

// each calls fn with each row of the period's return, person by person, reading one record at a time: memory does
// not grow with the council's size.
func each(ctx context.Context, tx *sqldb.Tx, p Period, fn func(Row) error) error {
	var code string
	if err := tx.QueryRowContext(ctx, `SELECT code FROM council WHERE id = $1`, tx.Council()).Scan(&code); err != nil {
		return fmt.Errorf("read the council's code: %w", sqldb.Normalise(err))
	}
	err := sqldb.Each(ctx, tx, eventsSQL, []any{tx.Council(), p.Start, p.End, p.servicesStart()}, func(rows *sql.Rows) error {
		var per person
		var src source
		if err := rows.Scan(&per.ID, &per.NHSNumber, &per.Gender, &per.Ethnicity, &per.DateOfBirth, &per.ClientType,
			&per.PrimarySupportReason, &per.Postcode, &per.AccommodationStatus, &per.HasUnpaidCarer,
			&src.Kind, &src.Ref, &src.EpisodeID, &src.Start, &src.End, &src.EpisodeResult, &src.EpisodeEnded,
			&src.FirstConversation, &src.Code1, &src.Code2, &src.Code3, &src.Code4, &src.Flag, &src.Pence, &src.Hundredths); err != nil {
			return fmt.Errorf("read an event of the return: %w", err)
		}
		r, ok := row(code, p, per, src)
		if !ok {
			return nil
		}
		return fn(r)
	})
	if err != nil {
		return fmt.Errorf("read the return for %s: %w", p.Quarter, sqldb.Normalise(err))
	}
	return nil
}

// Size is the return's size as a person reads it: "129 rows for 58 people".
func (r Report) Size() string {
	return count(r.Rows, "row", "rows") + " for " + count(r.People, "person", "people")
}

// Rejections is how many values DHSC would reject, as a person reads it: "1 value", "3 values".
func (r Report) Rejections() string { return count(r.Rejected, "value", "values") }

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
