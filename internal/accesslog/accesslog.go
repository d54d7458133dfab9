// Package accesslog keeps the record of who viewed or changed which person's record, when, through which route
// and why. It is not operational logging: it is the council's evidence for information governance, written in the
// same unit of work as the read or change it describes, so that pages, the API, exports and the command line are
// all covered and an entry can never be lost while the change it describes is kept.
//
// The log is append-only (the database refuses updates and deletes) and tamper-evident: each entry carries a
// SHA-256 hash over its own content and the previous entry's hash, one chain per council, so that Verify finds
// the first entry that was altered, removed or inserted out of turn. Entries are written unchained and a single
// sealer links them into the chain in the order they were written, within a moment (Seal, Sealer): views never
// wait for each other to take the chain's head (docs/adr/0014).
package accesslog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

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

// ByThePerson marks ctx as the person's own doing, signed out, through the channel and route ctx already names,
// with how they were known (such as their one-time feedback code) as the actor.
func ByThePerson(ctx context.Context, how string) context.Context {
	v, _ := ctx.Value(viaKey{}).(via)
	v.actor = "the person, " + how
	return context.WithValue(ctx, viaKey{}, v)
}

// WithCommand marks ctx as work done by a command line command, named as the actor, such as "goldenthread demo".
func WithCommand(ctx context.Context, command string) context.Context {
	return context.WithValue(ctx, viaKey{}, via{channel: CommandLine, route: command, actor: "command line: " + command})
}

// Record adds an entry for personID to the council's log as part of tx, the transaction that read or changed the
// record. The member of staff and the route come from ctx.
//
// The entry is written unchained, to wait for the sealer (Seal), so that no view waits for another's to link into
// the chain. In a transaction that changes the record the entry is written inside it, and is kept exactly when the
// change is; in a read-only transaction it is written in the one short write that follows the reads
// (sqldb.Tx.Write), and the read fails if it cannot be written. Either way the entry is committed before the page
// or the API answers.
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
	return tx.Write(func(tx *sqldb.Tx) error {
		// The id is made inside the write, so that ids sort in the order entries were written.
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("access log: make an entry id: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO access_log_pending (council_id, id, at, staff_id, actor, person_id, action, channel, route, reason)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			e.CouncilID, id.String(), e.At, e.StaffID, e.Actor, e.PersonID, string(e.Action), string(e.Channel), e.Route, e.Reason); err != nil {
			return fmt.Errorf("access log: add entry: %w", err)
		}
		return nil
	})
}
