package safeguarding

// This file is the one place the package meets what other packages keep for it: the council's settings (which
// roles see safeguarding), the chronology kind, and the duties (required actions) a concern raises and meets.

import (
	"context"
	"errors"
	"time"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/duties"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

const kindSafeguarding = chronology.Safeguarding

// sees reports whether the signed-in member of staff's role is one of the council's safeguarding roles.
func sees(ctx context.Context, tx *sqldb.Tx) (bool, error) {
	staff, ok := councils.StaffFrom(ctx)
	if !ok {
		return false, errors.New("safeguarding: no member of staff in the context")
	}
	seesRole, err := rolesSee(ctx, tx)
	if err != nil {
		return false, err
	}
	return seesRole(staff.Role), nil
}

// rolesSee returns the council's test of a role against its SafeguardingRoles.
func rolesSee(ctx context.Context, tx *sqldb.Tx) (func(councils.Role) bool, error) {
	set, err := councils.SettingsIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	return set.SeesSafeguarding, nil
}

// raiseDecisionDuty opens the required action to decide whether the section 42 duty applies.
func raiseDecisionDuty(ctx context.Context, tx *sqldb.Tx, personID, concernID, path string, due time.Time) error {
	_, err := duties.Raise(ctx, tx, duties.Duty{PersonID: personID, Kind: duties.Section42Decision, SubjectID: concernID, Path: path, DueAt: due,
		Reason: "Decide whether the section 42 enquiry duty applies to this safeguarding concern (Care Act 2014 s42)"})
	return err
}

// meetDecisionDuty closes it, saying what was decided. A concern recorded before required actions existed has
// none to meet, which is not an error.
func meetDecisionDuty(ctx context.Context, tx *sqldb.Tx, concernID, note string) error {
	if err := duties.Meet(ctx, tx, duties.Section42Decision, concernID, duties.MetByDone, note); err != nil && !errors.Is(err, sqldb.ErrNotFound) {
		return err
	}
	return nil
}
