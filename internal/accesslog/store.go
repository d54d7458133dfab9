package accesslog

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Store reads the access log.
type Store struct {
	db *sqldb.DB
}

// NewStore returns a store over db.
func NewStore(db *sqldb.DB) *Store { return &Store{db: db} }

const entryColumns = `council_id, seq, at, staff_id, actor, person_id, action, channel, route, reason, prev_hash, hash`

// pendingColumns are an entry waiting to be sealed: no sequence number or hashes yet (Seq 0).
const pendingColumns = `council_id, at, staff_id, actor, person_id, action, channel, route, reason`

func scanPending(row interface{ Scan(...any) error }, extra ...any) (Entry, error) {
	var e Entry
	var action, channel string
	err := row.Scan(append([]any{&e.CouncilID, &e.At, &e.StaffID, &e.Actor, &e.PersonID, &action, &channel, &e.Route, &e.Reason}, extra...)...)
	e.Action, e.Channel, e.At = Action(action), Channel(channel), e.At.UTC()
	return e, err
}

func scanEntry(row interface{ Scan(...any) error }, extra ...any) (Entry, error) {
	var e Entry
	var action, channel string
	err := row.Scan(append([]any{&e.CouncilID, &e.Seq, &e.At, &e.StaffID, &e.Actor, &e.PersonID, &action, &channel, &e.Route, &e.Reason, &e.PrevHash, &e.Hash}, extra...)...)
	e.Action, e.Channel, e.At = Action(action), Channel(channel), e.At.UTC()
	return e, err
}

// Filter narrows a search of the log. Zero fields do not narrow.
type Filter struct {
	PersonID string
	StaffID  string
	Action   Action
	From, To time.Time // To is exclusive
	Before   int64     // entries with a lower sequence number, for paging back in time
	Limit    int       // at most this many, newest first; 100 when zero
}

// Search returns entries of the council in ctx, newest first.
func (s *Store) Search(ctx context.Context, f Filter) ([]Entry, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return nil, err
	}
	where, args := []string{"council_id = $1"}, []any{council}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.PersonID != "" {
		add("person_id = ?", f.PersonID)
	}
	if f.StaffID != "" {
		add("staff_id = ?", f.StaffID)
	}
	if f.Action != "" {
		add("action = ?", string(f.Action))
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	var out []Entry
	var name string
	// The person's name is shown to those who search the log; a removed person shows none.
	const personName = `COALESCE((SELECT p.given_name || ' ' || p.family_name FROM person p
		WHERE p.council_id = l.council_id AND p.id = l.person_id), '')`
	scan := func(rows *sql.Rows, pending bool) error {
		defer rows.Close()
		for rows.Next() {
			var e Entry
			var err error
			if pending {
				e, err = scanPending(rows, &name)
			} else {
				e, err = scanEntry(rows, &name)
			}
			if err != nil {
				return err
			}
			e.PersonName = name
			out = append(out, e)
		}
		return rows.Err()
	}
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		// The newest entries may still wait to be sealed: they come first, on the first page.
		if f.Before == 0 {
			rows, err := tx.QueryContext(ctx, `SELECT `+pendingColumns+`, `+personName+`
				FROM access_log_pending l WHERE `+strings.Join(where, " AND ")+` ORDER BY id DESC LIMIT `+strconv.Itoa(f.Limit), args...)
			if err != nil {
				return err
			}
			if err := scan(rows, true); err != nil {
				return err
			}
		}
		if len(out) >= f.Limit {
			return nil
		}
		if f.Before > 0 {
			add("seq < ?", f.Before)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+`, `+personName+`
			FROM access_log l WHERE `+strings.Join(where, " AND ")+` ORDER BY seq DESC LIMIT `+strconv.Itoa(f.Limit-len(out)), args...)
		if err != nil {
			return err
		}
		return scan(rows, false)
	})
	if err != nil {
		return nil, fmt.Errorf("search the access log: %w", err)
	}
	return out, nil
}

// Report is the result of checking a council's chain.
type Report struct {
	Entries int   // how many entries were checked
	Waiting int   // how many entries wait to be sealed into the chain, and so are not yet covered by it
	Broken  bool  // whether a link is broken
	At      int64 // the sequence number of the first broken link
	Problem string
}

// Verify walks the council's chain from the first entry and reports the first broken link: an entry whose hash
// does not match its content, whose previous hash is not the hash before it, or a gap in the sequence.
func (s *Store) Verify(ctx context.Context) (Report, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return Report{}, err
	}
	var r Report
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+entryColumns+` FROM access_log WHERE council_id = $1 ORDER BY seq`, council)
		if err != nil {
			return err
		}
		defer rows.Close()
		var prev Entry
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				return err
			}
			r.Entries++
			if problem := link(prev, e); problem != "" {
				r.Broken, r.At, r.Problem = true, e.Seq, problem
				return nil
			}
			prev = e
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var headSeq int64
		var headHash string
		if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM access_log_head WHERE council_id = $1`, council).Scan(&headSeq, &headHash); err != nil {
			return sqldb.Normalise(err)
		}
		if headSeq != prev.Seq || headHash != prev.Hash {
			r.Broken, r.At = true, prev.Seq+1
			r.Problem = fmt.Sprintf("the chain ends at entry %d but its head says entry %d: entries after %d are missing", prev.Seq, headSeq, prev.Seq)
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM access_log_pending WHERE council_id = $1`, council).Scan(&r.Waiting)
	})
	if err != nil {
		return Report{}, fmt.Errorf("verify the access log: %w", err)
	}
	return r, nil
}

// link checks e against the entry before it.
func link(prev, e Entry) string {
	switch {
	case e.Seq != prev.Seq+1:
		return fmt.Sprintf("entry %d follows entry %d: entries in between are missing", e.Seq, prev.Seq)
	case e.PrevHash != prev.Hash:
		return fmt.Sprintf("entry %d does not link to the entry before it", e.Seq)
	case e.computeHash() != e.Hash:
		return fmt.Sprintf("entry %d has been altered: its hash does not match its content", e.Seq)
	}
	return ""
}
