package sqldb

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Kind is a storage error that pages, the API and the command line turn into an answer.
type Kind struct {
	msg        string
	status     int
	retryAfter time.Duration
}

func (k *Kind) Error() string { return k.msg }

// HTTPStatus is the status a page or API call answers with.
func (k *Kind) HTTPStatus() int { return k.status }

// RetryAfter is how long a client should wait before trying again (the Retry-After header), or 0 when trying again
// would not help.
func (k *Kind) RetryAfter() time.Duration { return k.retryAfter }

var (
	// ErrNotFound: no such record in this council, or one this member of staff may not see. The two are
	// deliberately the same answer so that a record's existence never leaks.
	ErrNotFound = &Kind{msg: "not found", status: http.StatusNotFound}
	// ErrConflict: someone else changed the record first (its version moved on), or a unique value is taken.
	ErrConflict = &Kind{msg: "changed by someone else", status: http.StatusConflict}
	// ErrForbidden: the member of staff is known but their role may not do this.
	ErrForbidden = &Kind{msg: "not allowed", status: http.StatusForbidden}
	// ErrNoCouncil: a tenant query was attempted with no council in the context. It is a programming error,
	// never read as "every council".
	ErrNoCouncil = &Kind{msg: "no council in context", status: http.StatusInternalServerError}
	// ErrUnavailable: the database could not be reached, or the connection to it was lost (PostgreSQL restarting,
	// a network fault, a connection killed). It passes: pages and the API answer 503, asking the client to try
	// again in half a minute (a restart or a failover usually takes less). A change that failed with it may or may
	// not have been saved, so nothing retries it.
	ErrUnavailable = &Kind{msg: "database unavailable", status: http.StatusServiceUnavailable, retryAfter: 30 * time.Second}
)

// Normalise turns driver errors into the kinds above: no rows becomes ErrNotFound, a unique or foreign-key
// violation ErrConflict, a lost or refused connection ErrUnavailable. Other errors pass through unchanged.
func Normalise(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errors.Join(ErrNotFound, err)
	}
	if lostConnection(err) {
		return unavailable(err)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505", "23503":
			return errors.Join(ErrConflict, err)
		}
		return err
	}
	msg := err.Error()
	if strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "FOREIGN KEY constraint failed") {
		return errors.Join(ErrConflict, err)
	}
	return err
}

// Unavailable reports whether err says that the database could not be reached or the connection to it was lost,
// whether or not it has been through Normalise: for the code that reaches the database without a transaction (the
// session store) and for tests.
func Unavailable(err error) bool {
	return errors.Is(err, ErrUnavailable) || lostConnection(err)
}

// unavailable marks err as ErrUnavailable, once.
func unavailable(err error) error {
	if errors.Is(err, ErrUnavailable) {
		return err
	}
	return errors.Join(ErrUnavailable, err)
}

// lostConnection tells the errors that are about the connection to the database, not about the statement sent on
// it: a connection that could not be made (refused, timed out, the server starting up or shutting down), one the
// server ended (an administrator's pg_terminate_backend, a restart), one the network broke, and a pool already
// closed. A statement's own errors (a constraint, a syntax error, a cancelled request, SQLite's "database is
// locked", which only means waiting for the writer took too long) are not among them.
func lostConnection(err error) bool {
	if err == nil {
		return false
	}
	if _, ok := errors.AsType[*pgconn.ConnectError](err); ok {
		return true // the dial, TLS or start-up failed, including a deadline reached while connecting
	}
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok {
		switch pgErr.Code {
		case "57P01", "57P02", "57P03": // admin_shutdown (a terminated backend), crash_shutdown, cannot_connect_now
			return true
		}
		return strings.HasPrefix(pgErr.Code, "08") // connection_exception and its subclasses
	}
	if _, ok := errors.AsType[*net.OpError](err); ok {
		return true // a read or write on the connection failed: reset, refused, broken pipe, unreachable
	}
	for _, target := range []error{pgconn.ErrConnClosed, driver.ErrBadConn, sql.ErrConnDone,
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.EPIPE} {
		if errors.Is(err, target) {
			return true
		}
	}
	// database/sql's and the pgx pool's errors for a pool already closed, as the service shuts down, are not
	// exported.
	msg := err.Error()
	return strings.Contains(msg, "sql: database is closed") || strings.Contains(msg, "closed pool")
}

// CheckVersion turns an UPDATE's rows-affected count into ErrConflict when the version did not match.
func CheckVersion(res sql.Result, err error) error {
	if err != nil {
		return Normalise(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrConflict
	}
	return nil
}
