package safeguarding

// This file is the one place the package meets the lead's foundations for issue 5 (council settings, duties and
// the chronology kind). Until they are on main it uses their defaults; when they land, its bodies call
// councils.SettingsIn, duties.Raise and duties.Meet, and chronology.Safeguarding replaces kindSafeguarding.

import (
	"context"
	"errors"
	"time"

	"github.com/golden-thread/goldenthread/internal/chronology"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

const kindSafeguarding = chronology.Kind("safeguarding")

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
	return func(r councils.Role) bool { return r == councils.TeamManager || r == councils.QualityLead }, nil
}

// decisionDays is the council's Section42DecisionDays.
func decisionDays(ctx context.Context, tx *sqldb.Tx) (int, error) { return 2, nil }

// raiseDecisionDuty opens the required action to decide whether the section 42 duty applies.
func raiseDecisionDuty(ctx context.Context, tx *sqldb.Tx, personID, concernID, path string, due time.Time) error {
	return nil
}

// meetDecisionDuty closes it, saying what was decided.
func meetDecisionDuty(ctx context.Context, tx *sqldb.Tx, concernID, note string) error { return nil }
