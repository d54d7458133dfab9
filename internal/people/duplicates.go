package people

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// Match is why someone already recorded in the council may be the person being added.
type Match string

// The kinds of match.
const (
	// SameNHSNumber: one NHS number is one person, so a second record with it is refused, whatever the
	// practitioner says.
	SameNHSNumber Match = "same_nhs_number"
	// SameNameAndBirth: the same given name, family name and date of birth, compared as searches compare names
	// (SearchKey). Often the same person, sometimes not: the practitioner checks, and may confirm and save.
	SameNameAndBirth Match = "same_name_and_date_of_birth"
)

// MatchOf decides whether held, someone already recorded, may be p, the person being added: SameNHSNumber when
// they share an NHS number (whatever their names), SameNameAndBirth when both names and the date of birth agree,
// and "" when neither. A number or date that is not known matches nothing.
func MatchOf(p, held Person) Match {
	switch {
	case p.NHSNumber != "" && p.NHSNumber == held.NHSNumber:
		return SameNHSNumber
	case !p.DateOfBirth.IsZero() && p.DateOfBirth.Equal(held.DateOfBirth.Time) &&
		SearchKey(p.FamilyName) != "" && SearchKey(p.FamilyName) == SearchKey(held.FamilyName) &&
		SearchKey(p.GivenName) != "" && SearchKey(p.GivenName) == SearchKey(held.GivenName):
		return SameNameAndBirth
	}
	return ""
}

// Refuses reports whether the match stops the record being saved even when the practitioner confirms it is
// someone else.
func (m Match) Refuses() bool { return m == SameNHSNumber }

// Label says why the records matched, as the warning says it.
func (m Match) Label() string {
	switch m {
	case SameNHSNumber:
		return "Same NHS number"
	case SameNameAndBirth:
		return "Same name and date of birth"
	}
	return ""
}

// Duplicate is what a duplicate warning may show of someone already recorded: their name, their record's ID to
// link to, and why they matched; nothing else of their record. A restricted record the member of staff is not
// granted shows neither name nor ID (Hidden), and only when its NHS number refuses the new record.
type Duplicate struct {
	ID    string
	Name  string
	Match Match
}

// Hidden reports whether the record is one the member of staff may not see.
func (d Duplicate) Hidden() bool { return d.ID == "" }

// Duplicates is the error Add returns when the person may already be recorded.
type Duplicates []Duplicate

func (ds Duplicates) Error() string {
	return fmt.Sprintf("%d people already recorded may be this person", len(ds))
}

// Refused reports whether any of the matches refuses the new record (the same NHS number).
func (ds Duplicates) Refused() bool {
	for _, d := range ds {
		if d.Match.Refuses() {
			return true
		}
	}
	return false
}

// Refusing returns the matches that refuse the new record.
func (ds Duplicates) Refusing() Duplicates {
	var out Duplicates
	for _, d := range ds {
		if d.Match.Refuses() {
			out = append(out, d)
		}
	}
	return out
}

// NHSNumberProblem is the problem with the NHS number field when it is already someone else's, as a form's error
// summary says it.
func (ds Duplicates) NHSNumberProblem() validation.Problem {
	msg := "This NHS number is already recorded for someone else. One NHS number is one person: open their record instead, or check the number"
	for _, d := range ds.Refusing() {
		if !d.Hidden() {
			msg = "This NHS number is already recorded for " + d.Name + ". One NHS number is one person: open their record instead, or check the number"
			break
		}
	}
	return validation.Problem{Field: "nhs_number", Message: msg}
}

// AsDuplicates returns err as Duplicates if it is.
func AsDuplicates(err error) (Duplicates, bool) {
	var ds Duplicates
	ok := errors.As(err, &ds)
	return ds, ok
}

// findDuplicates finds the people in the council who may be p (MatchOf), other than the record except, for the
// member of staff signed in: those they may not see are left out, unless their NHS number refuses p. It writes
// nothing to the access log: like a search, a warning opens nobody's record.
func findDuplicates(ctx context.Context, tx *sqldb.Tx, staff councils.Staff, p Person, except string) (Duplicates, error) {
	var conds []string
	args := []any{tx.Council(), staff.ID, except}
	if p.NHSNumber != "" {
		args = append(args, p.NHSNumber)
		conds = append(conds, fmt.Sprintf("p.nhs_number = $%d", len(args)))
	}
	if !p.DateOfBirth.IsZero() && SearchKey(p.FamilyName) != "" {
		args = append(args, SearchKey(p.FamilyName), SearchKey(p.GivenName), p.DateOfBirth)
		n := len(args)
		conds = append(conds, fmt.Sprintf("(p.family_key = $%d AND p.given_key = $%d AND p.date_of_birth = $%d)", n-2, n-1, n))
	}
	if len(conds) == 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number,
			p.restricted AND NOT EXISTS (SELECT 1 FROM person_grant g WHERE g.council_id = p.council_id AND g.person_id = p.id AND g.staff_id = $2)
		FROM person p WHERE p.council_id = $1 AND p.id <> $3 AND (`+strings.Join(conds, " OR ")+`)
		ORDER BY p.family_key, p.given_key, p.id LIMIT 20`, args...)
	if err != nil {
		return nil, fmt.Errorf("find possible duplicates: %w", err)
	}
	defer rows.Close()
	var out Duplicates
	for rows.Next() {
		var held Person
		var hidden bool
		if err := rows.Scan(&held.ID, &held.GivenName, &held.FamilyName, &held.DateOfBirth, &held.NHSNumber, &hidden); err != nil {
			return nil, err
		}
		m := MatchOf(p, held)
		switch {
		case m == "":
		case hidden && staff.ID != "":
			if m.Refuses() {
				out = append(out, Duplicate{Match: m})
			}
		default:
			out = append(out, Duplicate{ID: held.ID, Name: held.FullName(), Match: m})
		}
	}
	return out, rows.Err()
}

// PossibleDuplicates finds people already recorded in the council who may be p, the person about to be added: the
// same NHS number, or the same names and date of birth. It shows only their names and links (Duplicate), and
// writes nothing to the access log.
func (s *Store) PossibleDuplicates(ctx context.Context, p Person) (Duplicates, error) {
	staff, _, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	if !staff.Role.WorksWithPeople() {
		return nil, sqldb.ErrForbidden
	}
	p.Normalise()
	var out Duplicates
	err = s.db.ReadTx(ctx, func(tx *sqldb.Tx) error {
		out, err = findDuplicates(ctx, tx, staff, p, "")
		return err
	})
	return out, err
}

// Add adds one person as a practitioner does, on the pages or through the API. It is refused with Duplicates when
// someone already recorded in the council has the same NHS number (one NHS number is one person), or the same
// names and date of birth until the practitioner confirms this is someone else (confirmedDifferent). The check
// and the new record are one transaction.
func (s *Store) Add(ctx context.Context, p Person, confirmedDifferent bool) (Person, error) {
	staff, _, err := signedIn(ctx)
	if err != nil {
		return Person{}, err
	}
	out, err := s.createBatch(ctx, []Person{p}, func(tx *sqldb.Tx, p Person) error {
		// Two people added at once with one NHS number must not both pass the check: take the council's
		// access-log head, which the new record's entry takes anyway, before looking, so that adds queue here.
		// (SQLite's write transactions already hold the database.)
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT seq FROM access_log_head WHERE council_id = $1`+tx.Dialect().ForUpdate(), tx.Council()).Scan(&seq); err != nil {
			return fmt.Errorf("wait for other changes in the council: %w", sqldb.Normalise(err))
		}
		ds, err := findDuplicates(ctx, tx, staff, p, "")
		switch {
		case err != nil:
			return err
		case ds.Refused(), len(ds) > 0 && !confirmedDifferent:
			return ds
		}
		return nil
	})
	if err != nil {
		return Person{}, err
	}
	return out[0], nil
}
