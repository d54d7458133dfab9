package sqldb

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// Each runs query and calls scan for each row, closing the rows however it ends: the loop every store writes to
// read a list.
func Each(ctx context.Context, q Querier, query string, args []any, scan func(rows *sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// In is the placeholders of an IN list of values, numbered after the arguments a query already has, with the
// arguments to match: args followed by values.
//
//	in, args := sqldb.In([]any{tx.Council()}, episodeIDs)
//	tx.QueryContext(ctx, `SELECT ... WHERE council_id = $1 AND episode_id IN (`+in+`)`, args...)
func In(args []any, values []string) (string, []any) {
	var b strings.Builder
	out := make([]any, len(args), len(args)+len(values))
	copy(out, args)
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		out = append(out, v)
		b.WriteString("$" + strconv.Itoa(len(out)))
	}
	return b.String(), out
}
