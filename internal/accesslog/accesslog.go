// Package accesslog keeps the record of who viewed or changed which person's record, when, through which route
// and why. It is not operational logging: it is the council's evidence for information governance, written in the
// same transaction as the read or change it describes, so that pages, the API, exports and the command line are
// all covered and an entry can never be lost while the change it describes is kept.
//
// The log is append-only (the database refuses updates and deletes) and tamper-evident: each entry carries a
// SHA-256 hash over its own content and the previous entry's hash, one chain per council, so that Verify finds
// the first entry that was altered, removed or inserted out of turn.
package accesslog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Action is what was done to a record.
type Action string

// The actions the log records.
const (
	View       Action = "view"
	Create     Action = "create"
	Update     Action = "update"
	BreakGlass Action = "break-glass"
	Export     Action = "export"
)

// Channel is the way in: a page, the JSON API, an export or the command line.
type Channel string

// The channels.
const (
	Page        Channel = "page"
	API         Channel = "api"
	ExportFile  Channel = "export"
	CommandLine Channel = "command-line"
)

// Entry is one line of the access log.
type Entry struct {
	CouncilID string
	Seq       int64
	At        time.Time
	StaffID   string // empty for the command line
	Actor     string // who, as a person reads it: the member of staff's name and email, or the command run
	PersonID  string
	Action    Action
	Channel   Channel
	Route     string // the route pattern, such as "GET /people/{id}"
	Reason    string // why, for break-glass
	PrevHash  string
	Hash      string

	PersonName string // read with a search, for people reading the log; not part of the chain
}

// computeHash is the hash over an entry's content and the previous entry's hash.
func (e Entry) computeHash() string {
	h := sha256.New()
	for _, f := range []string{
		e.CouncilID, strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano), e.StaffID, e.Actor,
		e.PersonID, string(e.Action), string(e.Channel), e.Route, e.Reason, e.PrevHash,
	} {
		// Length-prefixed, so that moving text between fields changes the hash.
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

type viaKey struct{}

type via struct {
	channel Channel
	route   string
	actor   string
}

// WithRoute says, for the entries written while handling ctx, which channel and route they came through. Pages
// and the API set it from the request's pattern.
func WithRoute(ctx context.Context, ch Channel, route string) context.Context {
	v, _ := ctx.Value(viaKey{}).(via)
	v.channel, v.route = ch, route
	return context.WithValue(ctx, viaKey{}, v)
}

// WithCommand marks ctx as work done by a command line command, named as the actor, such as "goldenthread demo".
func WithCommand(ctx context.Context, command string) context.Context {
	return context.WithValue(ctx, viaKey{}, via{channel: CommandLine, route: command, actor: "command line: " + command})
}

// Record adds an entry for personID to the council's chain inside tx, the transaction that read or changed the
// record. The member of staff and the route come from ctx.
func Record(ctx context.Context, tx *sqldb.Tx, personID string, action Action, reason string) error {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return fmt.Errorf("access log: %w", err)
	}
	v, _ := ctx.Value(viaKey{}).(via)
	e := Entry{
		CouncilID: council, At: tx.Now().UTC().Truncate(time.Microsecond), PersonID: personID,
		Action: action, Channel: v.channel, Route: v.route, Reason: strings.TrimSpace(reason), Actor: v.actor,
	}
	if staff, ok := councils.StaffFrom(ctx); ok {
		e.StaffID, e.Actor = staff.ID, staff.Name+" <"+staff.Email+">"
	}
	if e.Channel == "" || e.Actor == "" {
		return fmt.Errorf("access log: no channel or actor in context for %s of a record", action)
	}
	// Lock the head of the chain, so that two transactions never both link to the same entry.
	err = tx.QueryRowContext(ctx, `SELECT seq, hash FROM access_log_head WHERE council_id = $1`+tx.Dialect().ForUpdate(), council).Scan(&e.Seq, &e.PrevHash)
	if err != nil {
		return fmt.Errorf("access log: read the head of the chain: %w", sqldb.Normalise(err))
	}
	e.Seq++
	e.Hash = e.computeHash()
	if _, err := tx.ExecContext(ctx, `INSERT INTO access_log (council_id, seq, at, staff_id, actor, person_id, action, channel, route, reason, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		e.CouncilID, e.Seq, e.At, e.StaffID, e.Actor, e.PersonID, string(e.Action), string(e.Channel), e.Route, e.Reason, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("access log: add entry: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE access_log_head SET seq = $1, hash = $2 WHERE council_id = $3`, e.Seq, e.Hash, council); err != nil {
		return fmt.Errorf("access log: move the head of the chain: %w", err)
	}
	return nil
}
