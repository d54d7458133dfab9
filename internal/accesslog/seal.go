package accesslog

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// sealBatch is how many waiting entries one sealing transaction links: enough to keep up with a busy council in
// one short write, few enough that the transaction never holds the writer for long.
const sealBatch = 500

// Seal links every entry waiting in the council in ctx into its chain, in the order the entries were written,
// and returns how many it sealed. Each batch is one transaction that locks the chain's head, inserts the chained
// entries, deletes the waiting ones and moves the head: an entry is always either waiting or sealed, never both
// or neither. Two sealers at once take turns on the head, and neither seals an entry twice.
func (s *Store) Seal(ctx context.Context) (int, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return 0, fmt.Errorf("seal the access log: %w", err)
	}
	// Most ticks find nothing waiting: a read says so without taking the writer.
	if waiting, err := s.Waiting(ctx); err != nil || waiting == 0 {
		return 0, err
	}
	total := 0
	for {
		n, err := s.sealBatch(ctx, council)
		total += n
		if err != nil {
			return total, fmt.Errorf("seal the access log: %w", err)
		}
		if n < sealBatch {
			return total, nil
		}
	}
}

func (s *Store) sealBatch(ctx context.Context, council string) (int, error) {
	var n int
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		n = 0
		var head Entry
		// The head first, locked: a second sealer waits here, then reads only what the first left waiting.
		if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM access_log_head WHERE council_id = $1`+tx.Dialect().ForUpdate(), council).
			Scan(&head.Seq, &head.Hash); err != nil {
			return fmt.Errorf("read the head of the chain: %w", sqldb.Normalise(err))
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, at, staff_id, actor, person_id, action, channel, route, reason
			FROM access_log_pending WHERE council_id = $1 ORDER BY id LIMIT $2`, council, sealBatch)
		if err != nil {
			return fmt.Errorf("read the waiting entries: %w", err)
		}
		var ids []any
		var entries []Entry
		for rows.Next() {
			var id, action, channel string
			e := Entry{CouncilID: council}
			if err := rows.Scan(&id, &e.At, &e.StaffID, &e.Actor, &e.PersonID, &action, &channel, &e.Route, &e.Reason); err != nil {
				rows.Close()
				return fmt.Errorf("read a waiting entry: %w", err)
			}
			e.Action, e.Channel, e.At = Action(action), Channel(channel), e.At.UTC()
			ids, entries = append(ids, id), append(entries, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read the waiting entries: %w", err)
		}
		if len(entries) == 0 {
			return nil
		}
		prev := head
		for _, e := range entries {
			e.Seq, e.PrevHash = prev.Seq+1, prev.Hash
			e.Hash = e.computeHash()
			if _, err := tx.ExecContext(ctx, `INSERT INTO access_log (council_id, seq, at, staff_id, actor, person_id, action, channel, route, reason, prev_hash, hash)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
				e.CouncilID, e.Seq, e.At, e.StaffID, e.Actor, e.PersonID, string(e.Action), string(e.Channel), e.Route, e.Reason, e.PrevHash, e.Hash); err != nil {
				return fmt.Errorf("add entry %d to the chain: %w", e.Seq, err)
			}
			prev = e
		}
		marks := make([]string, len(ids))
		for i := range ids {
			marks[i] = fmt.Sprintf("$%d", i+2)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM access_log_pending WHERE council_id = $1 AND id IN (`+strings.Join(marks, ", ")+`)`,
			append([]any{council}, ids...)...)
		if err != nil {
			return fmt.Errorf("remove the sealed entries from those waiting: %w", err)
		}
		if gone, err := res.RowsAffected(); err != nil || gone != int64(len(ids)) {
			return fmt.Errorf("remove the sealed entries from those waiting: %d of %d removed (%v)", gone, len(ids), err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE access_log_head SET seq = $1, hash = $2 WHERE council_id = $3`, prev.Seq, prev.Hash, council); err != nil {
			return fmt.Errorf("move the head of the chain: %w", err)
		}
		n = len(entries)
		return nil
	})
	return n, err
}

// Waiting is how many entries of the council in ctx wait to be sealed into its chain.
func (s *Store) Waiting(ctx context.Context) (int, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM access_log_pending WHERE council_id = $1`, council).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count the access log's waiting entries: %w", err)
	}
	return n, nil
}

// SealAll seals the waiting entries of every council, each inside its own council's wall.
func (s *Store) SealAll(ctx context.Context) (int, error) {
	var councils []string
	err := s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM council ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			councils = append(councils, id)
		}
		return rows.Err()
	})
	if err != nil {
		return 0, fmt.Errorf("seal the access log: list the councils: %w", err)
	}
	total := 0
	for _, id := range councils {
		n, err := s.Seal(sqldb.WithCouncil(ctx, id))
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// Sealer seals every council's waiting entries every interval until ctx ends, then once more, so that entries
// written just before a clean stop are sealed too (after a crash they wait, safe, for the next start). There is
// one sealer per server; a second, such as `accesslog verify` run beside it, takes turns on each chain's head.
func (s *Store) Sealer(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			// A fresh context: the one that ended must not stop the last seal.
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			if _, err := s.SealAll(final); err != nil {
				log.Error("seal the access log on stopping", "err", err)
			}
			return
		case <-t.C:
			if _, err := s.SealAll(ctx); err != nil && ctx.Err() == nil {
				log.Error("seal the access log", "err", err)
			}
		}
	}
}
