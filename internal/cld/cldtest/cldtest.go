// Package cldtest writes synthetic histories straight into the tables the Client Level Data return reads, as the
// stores that own them would have left them, for the return's tests and its page's.
package cldtest

import (
	"context"
	"strconv"
	"testing"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Record writes rows into one council's tables (the council in Ctx).
type Record struct {
	T   testing.TB
	DB  *sqldb.DB
	Ctx context.Context
	n   int
}

// Do runs a statement in the council's transaction with the council as $1 and the transaction's time as $2,
// then args from $3 on.
func (r *Record) Do(query string, args ...any) {
	r.T.Helper()
	err := r.DB.InTx(r.Ctx, func(tx *sqldb.Tx) error {
		_, err := tx.ExecContext(r.Ctx, query, append([]any{tx.Council(), tx.Now()}, args...)...)
		return err
	})
	if err != nil {
		r.T.Fatalf("%s: %v", query, err)
	}
}

// Date is a date for a statement's argument: NULL when s is empty.
func Date(tb testing.TB, s string) any {
	tb.Helper()
	if s == "" {
		return nil
	}
	d, err := sqldb.ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// Contact records a first contact on a day, "c-"+id, with the episode it opened, "e-"+id, ended on a day with a
// result at a step (or open when ended is empty).
func (r *Record) Contact(personID, id, on, route, ended, result string, endedStep int) {
	r.T.Helper()
	r.Do(`INSERT INTO contact (council_id, created_at, updated_at, id, person_id, contacted_on, route_of_access)
		VALUES ($1, $2, $2, $3, $4, $5, $6)`, "c-"+id, personID, Date(r.T, on), route)
	r.Do(`INSERT INTO episode (council_id, created_at, updated_at, id, person_id, contact_id, opened_on, result, ended_on, ended_step)
		VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9)`, "e-"+id, personID, "c-"+id, Date(r.T, on), result, Date(r.T, ended), endedStep)
}

// Conversation records a Step 1 conversation held on a day in episode "e-"+id.
func (r *Record) Conversation(personID, id, on string) {
	r.T.Helper()
	r.n++
	r.Do(`INSERT INTO conversation (council_id, created_at, updated_at, id, person_id, episode_id, step, held_on, method)
		VALUES ($1, $2, $2, $3, $4, $5, 1, $6, 'in_person')`, "cv-"+id+"-"+strconv.Itoa(r.n), personID, "e-"+id, Date(r.T, on))
}

// StepCompleted records Step 1 of episode "e-"+id as completed.
func (r *Record) StepCompleted(id string) {
	r.T.Helper()
	r.Do(`INSERT INTO episode_step (council_id, updated_at, episode_id, step, status) VALUES ($1, $2, $3, 1, 'completed')`, "e-"+id)
}
