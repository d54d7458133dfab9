package discovery

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/golden-thread/goldenthread/internal/programme"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// The links between the to-be web's changes and the programme's actions: the actions are internal/programme's, read
// through programme.ActionsIn in the same transaction, so that the web and its links come in one read.

// Actions lists the programme's actions a to-be change may be linked to, by when they are due.
func (s *Store) Actions(ctx context.Context) ([]LinkedAction, error) {
	return read(ctx, s, func(tx *sqldb.Tx) ([]LinkedAction, error) {
		as, err := programme.ActionsIn(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("read the programme's actions: %w", err)
		}
		out := make([]LinkedAction, 0, len(as))
		for _, a := range as {
			out = append(out, LinkedAction{ID: a.ID, Title: a.What})
		}
		return out, nil
	})
}

// readLinks fills in the actions linked to each observation (of one observation, when id is not "").
func readLinks(ctx context.Context, tx *sqldb.Tx, obs []Observation, id string) error {
	if len(obs) == 0 {
		return nil
	}
	byID := map[string]*Observation{}
	for i := range obs {
		byID[obs[i].ID] = &obs[i]
	}
	where, args := "", []any{tx.Council()}
	if id != "" {
		where, args = ` AND l.observation_id = $2`, append(args, id)
	}
	err := sqldb.Each(ctx, tx, `SELECT l.observation_id, a.id, a.what FROM culture_change_action l
		JOIN programme_action a ON a.council_id = l.council_id AND a.id = l.action_id
		WHERE l.council_id = $1`+where+` ORDER BY a.due_on, a.what, a.id`, args, func(rows *sql.Rows) error {
		var oid string
		var a LinkedAction
		if err := rows.Scan(&oid, &a.ID, &a.Title); err != nil {
			return err
		}
		if o := byID[oid]; o != nil {
			o.Actions = append(o.Actions, a)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the actions that make the changes: %w", err)
	}
	return nil
}

// checkActions refuses action ids that are not the council's programme's actions.
func checkActions(ctx context.Context, tx *sqldb.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	as, err := programme.ActionsIn(ctx, tx)
	if err != nil {
		return fmt.Errorf("find the actions: %w", err)
	}
	for _, id := range ids {
		if !slices.ContainsFunc(as, func(a programme.Action) bool { return a.ID == id }) {
			return validation.Problems{{Field: "actions", Message: "Select actions from the programme’s action plan"}}
		}
	}
	return nil
}

// writeLinks replaces the actions linked to an observation.
func writeLinks(ctx context.Context, tx *sqldb.Tx, id string, actionIDs []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM culture_change_action WHERE council_id = $1 AND observation_id = $2`, tx.Council(), id); err != nil {
		return fmt.Errorf("replace the actions that make a change: %w", err)
	}
	var vals []any
	for _, a := range actionIDs {
		vals = append(vals, tx.Council(), id, a)
	}
	if len(vals) == 0 {
		return nil
	}
	return sqldb.InsertMany(ctx, tx, "culture_change_action", []string{"council_id", "observation_id", "action_id"}, vals)
}
