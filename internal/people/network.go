package people

import (
	"context"
	"fmt"
	"strings"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func network(ctx context.Context, q sqldb.Querier, council, personID string) ([]NetworkMember, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, person_id, name, relationship, phone, email, address, unpaid_carer, legal_authority, crisis_contact, version
		FROM person_network WHERE council_id = $1 AND person_id = $2 ORDER BY created_at, id`, council, personID)
	if err != nil {
		return nil, fmt.Errorf("read the people who matter: %w", err)
	}
	defer rows.Close()
	var out []NetworkMember
	for rows.Next() {
		var m NetworkMember
		if err := rows.Scan(&m.ID, &m.PersonID, &m.Name, &m.Relationship, &m.Phone, &m.Email, &m.Address, &m.UnpaidCarer, &m.LegalAuthority, &m.CrisisContact, &m.Version); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func insertMember(ctx context.Context, tx *sqldb.Tx, council, personID string, m *NetworkMember) error {
	m.ID, m.PersonID, m.Version = sqldb.NewID(), personID, 1
	_, err := tx.ExecContext(ctx, `INSERT INTO person_network (council_id, id, person_id, name, relationship, phone, email, address,
		unpaid_carer, legal_authority, crisis_contact, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 1)`,
		council, m.ID, personID, m.Name, m.Relationship, m.Phone, m.Email, m.Address, m.UnpaidCarer, m.LegalAuthority, m.CrisisContact, tx.Now())
	if err != nil {
		return fmt.Errorf("add a person who matters: %w", sqldb.Normalise(err))
	}
	return nil
}

// CrisisLine is how a support plan names someone who matters as the one to call in a crisis: "Ben Wholecase (son),
// 07700 900456".
func (m NetworkMember) CrisisLine() string {
	line := m.Name
	if m.Relationship != "" {
		line += " (" + strings.ToLower(m.Relationship[:1]) + m.Relationship[1:] + ")"
	}
	if m.Phone != "" {
		line += ", " + m.Phone
	}
	return line
}

// CrisisContacts is who to call in a crisis, as the people who matter marked as such say it (CrisisLine), one a
// line, read inside a transaction in which the person has been opened (Open); empty when nobody is marked.
func CrisisContacts(ctx context.Context, tx *sqldb.Tx, personID string) (string, error) {
	members, err := network(ctx, tx, tx.Council(), personID)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, m := range members {
		if m.CrisisContact {
			lines = append(lines, m.CrisisLine())
		}
	}
	return strings.Join(lines, "\n"), nil
}

// RecordNetworkMember adds someone who matters to a person inside another record's transaction, once the person has
// been opened for a change in it (Open), with the same checks as AddNetworkMember. It returns them with their id.
func RecordNetworkMember(ctx context.Context, tx *sqldb.Tx, personID string, m NetworkMember) (NetworkMember, error) {
	m.Normalise()
	if ps := m.Validate(); len(ps) > 0 {
		return NetworkMember{}, ps
	}
	if err := insertMember(ctx, tx, tx.Council(), personID, &m); err != nil {
		return NetworkMember{}, err
	}
	return m, nil
}

// changeable opens a person for a change by the signed-in member of staff, inside tx.
func changeable(ctx context.Context, tx *sqldb.Tx, personID string) (Access, error) {
	staff, _, err := signedIn(ctx)
	if err != nil {
		return NoAccess, err
	}
	_, access, err := load(ctx, tx, personID)
	if err != nil {
		return NoAccess, err
	}
	switch {
	case access == NeedsBreakGlass:
		return access, ErrBreakGlassNeeded
	case !access.Sees():
		return access, sqldb.ErrNotFound
	case staff.ID != "" && (!staff.Role.ChangesPeople() || !access.Changes()):
		return access, sqldb.ErrForbidden
	}
	return access, nil
}

// AddNetworkMember adds someone who matters to a person, and logs the change to the person's record.
func (s *Store) AddNetworkMember(ctx context.Context, personID string, m NetworkMember) (NetworkMember, error) {
	m.Normalise()
	if ps := m.Validate(); len(ps) > 0 {
		return NetworkMember{}, ps
	}
	err := s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		access, err := changeable(ctx, tx, personID)
		if err != nil {
			return err
		}
		if err := insertMember(ctx, tx, tx.Council(), personID, &m); err != nil {
			return err
		}
		return logOpening(ctx, tx, personID, accesslog.Update, access, "")
	})
	return m, err
}

// UpdateNetworkMember saves a change to someone who matters, refusing a stale version with ErrConflict.
func (s *Store) UpdateNetworkMember(ctx context.Context, personID string, m NetworkMember) error {
	m.Normalise()
	if ps := m.Validate(); len(ps) > 0 {
		return ps
	}
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		access, err := changeable(ctx, tx, personID)
		if err != nil {
			return err
		}
		if err := memberExists(ctx, tx, personID, m.ID); err != nil {
			return err
		}
		err = sqldb.CheckVersion(tx.ExecContext(ctx, `UPDATE person_network SET name = $1, relationship = $2, phone = $3, email = $4,
			address = $5, unpaid_carer = $6, legal_authority = $7, crisis_contact = $8, updated_at = $9, version = version + 1
			WHERE council_id = $10 AND person_id = $11 AND id = $12 AND version = $13`,
			m.Name, m.Relationship, m.Phone, m.Email, m.Address, m.UnpaidCarer, m.LegalAuthority, m.CrisisContact, tx.Now(), tx.Council(),
			personID, m.ID, m.Version))
		if err != nil {
			return fmt.Errorf("update a person who matters: %w", err)
		}
		return logOpening(ctx, tx, personID, accesslog.Update, access, "")
	})
}

// RemoveNetworkMember removes someone who matters from a person's record.
func (s *Store) RemoveNetworkMember(ctx context.Context, personID, memberID string) error {
	return s.db.InTx(ctx, func(tx *sqldb.Tx) error {
		access, err := changeable(ctx, tx, personID)
		if err != nil {
			return err
		}
		if err := memberExists(ctx, tx, personID, memberID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM person_network WHERE council_id = $1 AND person_id = $2 AND id = $3`, tx.Council(), personID, memberID); err != nil {
			return fmt.Errorf("remove a person who matters: %w", err)
		}
		return logOpening(ctx, tx, personID, accesslog.Update, access, "")
	})
}

func memberExists(ctx context.Context, tx *sqldb.Tx, personID, memberID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM person_network WHERE council_id = $1 AND person_id = $2 AND id = $3`,
		tx.Council(), personID, memberID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return sqldb.ErrNotFound
	}
	return nil
}
