package people

import (
	"context"
	"errors"
	"slices"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Access is how a member of staff may reach a person's record.
type Access int

// The ways in, from none to full.
const (
	// NoAccess: the record does not exist for this member of staff (another council, a restricted record they
	// were not granted, or a role that does not open person records).
	NoAccess Access = iota
	// NeedsBreakGlass: the person is not allocated to them or their teams; they may open the record only by
	// giving a reason, which administrators review.
	NeedsBreakGlass
	// Allocated: the person is allocated to one of their teams, or to them.
	Allocated
	// WholeCouncil: the quality lead and administrators see every person in the council.
	WholeCouncil
	// Granted: a restricted record they were explicitly granted.
	Granted
	// BrokenGlass: opened this session with a reason.
	BrokenGlass
	// Related: another area's records about the person (their safeguarding records) opened through a legitimate
	// relationship that area establishes, such as holding one of the council's safeguarding roles. The access log
	// gives the relationship as the reason.
	Related
	// ReadGranted: a read-only grant another area gave for a purpose while it lasts, such as an auditor's over a
	// case sampled for a case file audit while the round is open (GrantRead). The access log gives the purpose as
	// the reason; the record may be read, never changed, through it.
	ReadGranted
)

// Changes reports whether the record may be changed through this access (a role that changes nothing aside).
func (a Access) Changes() bool { return a.Sees() && a != ReadGranted }

// Sees reports whether the record may be shown.
func (a Access) Sees() bool { return a >= Allocated }

// ErrBreakGlassNeeded: the person exists in the council but is not allocated to this member of staff.
var ErrBreakGlassNeeded = errors.New("this person is not allocated to you or your teams")

// facts are what the access rule needs to know about a person.
type facts struct {
	Restricted bool
	Granted    bool // the member of staff holds an explicit grant for this person
	TeamID     string
	WorkerID   string
	// Relationship is a legitimate relationship with the records being opened that their own area established
	// (LogRelated), such as "safeguarding role"; empty for the person's record as a whole.
	Relationship string
	// ReadGrant is the purpose of a read-only grant the member of staff holds over the person (GrantRead), or "".
	ReadGrant string
}

// accessFor is the access rule (DESIGN.md, "Platform": by role and by legitimate relationship; restricted records
// need an explicit grant; break-glass asks for a reason and is reviewed). A relationship another area establishes
// with its own records about the person comes before allocation, so that every opening on those grounds is logged
// with them as the reason; it never opens a restricted record without a grant.
func accessFor(staff councils.Staff, f facts, brokeGlass bool) Access {
	switch {
	case !staff.Role.WorksWithPeople():
		return NoAccess
	case f.Restricted:
		if f.Granted {
			return Granted
		}
		return NoAccess
	case f.Relationship != "":
		return Related
	case staff.Role.SeesWholeCouncil():
		return WholeCouncil
	case f.WorkerID != "" && f.WorkerID == staff.ID, f.TeamID != "" && staff.InTeam(f.TeamID):
		return Allocated
	case brokeGlass:
		return BrokenGlass
	case f.ReadGrant != "":
		return ReadGranted
	}
	return NeedsBreakGlass
}

type brokenGlassKey struct{}

// WithBrokenGlass tells the store which people the signed-in member of staff opened by break-glass this session.
func WithBrokenGlass(ctx context.Context, personIDs []string) context.Context {
	return context.WithValue(ctx, brokenGlassKey{}, personIDs)
}

func brokeGlass(ctx context.Context, personID string) bool {
	ids, _ := ctx.Value(brokenGlassKey{}).([]string)
	return slices.Contains(ids, personID)
}

// signedIn returns the member of staff and council in ctx.
func signedIn(ctx context.Context) (councils.Staff, string, error) {
	council, err := sqldb.CouncilFrom(ctx)
	if err != nil {
		return councils.Staff{}, "", err
	}
	staff, ok := councils.StaffFrom(ctx)
	if !ok {
		// The command line works for the council as a whole, with no member of staff.
		staff = councils.Staff{CouncilID: council, Role: councils.Administrator}
	}
	if staff.CouncilID != council {
		return councils.Staff{}, "", sqldb.ErrNotFound
	}
	return staff, council, nil
}
