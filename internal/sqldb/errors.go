package sqldb

import (
	"database/sql"
	"errors"
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Kind is a storage error that pages, the API and the command line turn into an answer.
type Kind struct {
	msg    string
	status int
}

func (k *Kind) Error() string { return k.msg }

// HTTPStatus is the status a page or API call answers with.
func (k *Kind) HTTPStatus() int { return k.status }

var (
	// ErrNotFound: no such record in this council, or one this member of staff may not see. The two are
	// deliberately the same answer so that a record's existence never leaks.
	ErrNotFound = &Kind{"not found", http.StatusNotFound}
	// ErrConflict: someone else changed the record first (its version moved on), or a unique value is taken.
	ErrConflict = &Kind{"changed by someone else", http.StatusConflict}
	// ErrForbidden: the member of staff is known but their role may not do this.
	ErrForbidden = &Kind{"not allowed", http.StatusForbidden}
	// ErrNoCouncil: a tenant query was attempted with no council in the context. It is a programming error,
	// never read as "every council".
	ErrNoCouncil = &Kind{"no council in context", http.StatusInternalServerError}
)

// Normalise turns driver errors into the kinds above: no rows becomes ErrNotFound, a unique or foreign-key
// violation ErrConflict. Other errors pass through unchanged.
func Normalise(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errors.Join(ErrNotFound, err)
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
