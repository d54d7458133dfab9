// Package councils holds the tenants of a Golden Thread install — councils — and the teams and staff inside each,
// with the roles that decide what a member of staff may do. Every other store reads the council from the context
// this package fills; a record in another council simply does not exist for them.
package councils

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Council is one council with adult social services responsibilities.
type Council struct {
	ID          string
	Code        string // ONS (GSS) code, such as E06000099
	Name        string
	MFARequired bool // two-factor sign-in for every member of staff, not only administrators
	Settings
	CreatedAt time.Time
	Version   int
}

// Settings are the council's choices for the golden thread, which its administrators change.
type Settings struct {
	// AuthorisationThresholdPence is the weekly cost of a council-funded service above which a team manager must
	// authorise it. Zero means the council has set no threshold, so no service waits for authorisation: a
	// council that wants every service authorised sets a threshold of one penny.
	AuthorisationThresholdPence int64
	// FirstReviewWeeks is how many weeks after a plan is agreed its first review falls due (the statutory
	// guidance expects 6 to 8).
	FirstReviewWeeks int
	// RegularReviewMonths is how many months apart later reviews fall due (at least every 12 months).
	RegularReviewMonths int
	// DirectoryCheckMonths is how many months may pass before a community directory entry must be checked again;
	// services not checked for longer are listed for directory editors and marked wherever staff see them.
	DirectoryCheckMonths int
	// CheckInUrgentDays, CheckInHighDays and CheckInRoutineDays are the days between check-ins with a person
	// waiting at the front door, by their priority ("waiting well").
	CheckInUrgentDays  int
	CheckInHighDays    int
	CheckInRoutineDays int
	// SafeguardingRoles are the roles whose staff may see safeguarding records (concerns, section 42 decisions and
	// enquiries). Anyone who records people's details may raise a concern; only these roles see it afterwards.
	SafeguardingRoles RoleSet
	// Section42DecisionDays is how many days may pass from a safeguarding concern being received to the decision
	// whether the section 42 enquiry duty applies.
	Section42DecisionDays int
	// PractitionersLeadEnquiries lets practitioners be chosen to lead a safeguarding enquiry. A practitioner who
	// leads one sees that concern and its enquiry, but no other safeguarding record, the council's list or the
	// summary, unless their role is also one of the SafeguardingRoles.
	PractitionersLeadEnquiries bool
	// CrisisReviewHours is how many hours after an episode is marked as crisis its early review of the holding
	// support falls due.
	CrisisReviewHours int
	// AdvocacyActionDays is how many days the council allows to arrange an independent advocate (or an IMCA), or
	// to record the lawful reason not to, once the record shows one is needed.
	AdvocacyActionDays int
}

// SeesSafeguarding says whether staff in role r may see safeguarding records.
func (s Settings) SeesSafeguarding(r Role) bool { return r != "" && s.SafeguardingRoles.Has(r) }

// LeadsEnquiries says whether staff in role r may be chosen to lead a safeguarding enquiry: those in the
// safeguarding roles who change people's records, and practitioners when the council lets them.
func (s Settings) LeadsEnquiries(r Role) bool {
	return r.ChangesPeople() && (s.SeesSafeguarding(r) || (r == Practitioner && s.PractitionersLeadEnquiries))
}

// RoleSet is a set of roles, kept as their names in the order of Roles, joined by commas, so that settings stay
// comparable and store as one column.
type RoleSet string

// NewRoleSet makes a set of the roles given.
func NewRoleSet(roles ...Role) RoleSet {
	var names []string
	for _, r := range Roles {
		if slices.Contains(roles, r) {
			names = append(names, string(r))
		}
	}
	return RoleSet(strings.Join(names, ","))
}

// ParseRoleSet reads a set of role names separated by commas, refusing a name that is not a role.
func ParseRoleSet(s string) (RoleSet, error) {
	var roles []Role
	for name := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(name) == "" {
			continue
		}
		r, err := ParseRole(name)
		if err != nil {
			return "", err
		}
		roles = append(roles, r)
	}
	return NewRoleSet(roles...), nil
}

// Has says whether r is in the set.
func (s RoleSet) Has(r Role) bool { return slices.Contains(s.Roles(), r) }

// Roles lists the set's roles in the order of Roles.
func (s RoleSet) Roles() []Role {
	var out []Role
	for name := range strings.SplitSeq(string(s), ",") {
		if name != "" {
			out = append(out, Role(name))
		}
	}
	return out
}

// The limits of the review settings, which the settings page explains.
const (
	MaxFirstReviewWeeks     = 26
	MaxRegularReviewMonths  = 12
	MaxDirectoryCheckMonths = 24
	MaxCheckInDays          = 90
	MaxSection42Days        = 28
	MaxCrisisReviewHours    = 168
	MaxAdvocacyDays         = 28
	// MaxThresholdPence is a billion pounds, the most a form accepts.
	MaxThresholdPence = 99_999_999_999
)

// Validate checks the settings, naming the first thing wrong.
func (s Settings) Validate() error {
	switch {
	case s.AuthorisationThresholdPence < 0 || s.AuthorisationThresholdPence > MaxThresholdPence:
		return fmt.Errorf("authorisation threshold %d pence is out of range", s.AuthorisationThresholdPence)
	case s.FirstReviewWeeks < 1 || s.FirstReviewWeeks > MaxFirstReviewWeeks:
		return fmt.Errorf("first review after %d weeks: it must be 1 to %d weeks", s.FirstReviewWeeks, MaxFirstReviewWeeks)
	case s.RegularReviewMonths < 1 || s.RegularReviewMonths > MaxRegularReviewMonths:
		return fmt.Errorf("reviews every %d months: it must be 1 to %d months", s.RegularReviewMonths, MaxRegularReviewMonths)
	case s.DirectoryCheckMonths < 1 || s.DirectoryCheckMonths > MaxDirectoryCheckMonths:
		return fmt.Errorf("directory entries checked every %d months: it must be 1 to %d months", s.DirectoryCheckMonths, MaxDirectoryCheckMonths)
	case s.CheckInUrgentDays < 1 || s.CheckInUrgentDays > MaxCheckInDays, s.CheckInHighDays < 1 || s.CheckInHighDays > MaxCheckInDays,
		s.CheckInRoutineDays < 1 || s.CheckInRoutineDays > MaxCheckInDays:
		return fmt.Errorf("check-ins every %d, %d and %d days: each must be 1 to %d days", s.CheckInUrgentDays, s.CheckInHighDays, s.CheckInRoutineDays, MaxCheckInDays)
	case s.Section42DecisionDays < 1 || s.Section42DecisionDays > MaxSection42Days:
		return fmt.Errorf("section 42 decision within %d days: it must be 1 to %d days", s.Section42DecisionDays, MaxSection42Days)
	case s.CrisisReviewHours < 1 || s.CrisisReviewHours > MaxCrisisReviewHours:
		return fmt.Errorf("crisis review within %d hours: it must be 1 to %d hours", s.CrisisReviewHours, MaxCrisisReviewHours)
	case s.AdvocacyActionDays < 1 || s.AdvocacyActionDays > MaxAdvocacyDays:
		return fmt.Errorf("advocacy arranged within %d days: it must be 1 to %d days", s.AdvocacyActionDays, MaxAdvocacyDays)
	case len(s.SafeguardingRoles.Roles()) == 0:
		return errors.New("no role may see safeguarding records: choose at least one")
	}
	for _, r := range s.SafeguardingRoles.Roles() {
		if _, err := ParseRole(string(r)); err != nil {
			return fmt.Errorf("safeguarding roles: %w", err)
		}
		if !r.WorksWithPeople() {
			return fmt.Errorf("safeguarding roles: %s staff do not open people's records", r.Label())
		}
	}
	return nil
}

// onsCode is the GSS code format (standards §8.3): a country letter and eight digits.
var onsCode = regexp.MustCompile(`^[ENSW][0-9]{8}$`)

// ValidCode checks an ONS (GSS) area code.
func ValidCode(code string) error {
	if !onsCode.MatchString(code) {
		return fmt.Errorf("council code %q is not an ONS code: it must be a letter E, N, S or W and 8 digits, like E06000044", code)
	}
	return nil
}

// Team is a team of staff inside a council, such as a locality team or the front door.
type Team struct {
	ID        string
	CouncilID string
	Name      string
	Version   int
}

// Role is what a member of staff does, and so what they may see and change.
type Role string

// The roles, as DESIGN.md names the users.
const (
	Practitioner    Role = "practitioner"
	TeamManager     Role = "team_manager"
	QualityLead     Role = "quality_lead"
	DirectoryEditor Role = "directory_editor"
	Finance         Role = "finance"
	Administrator   Role = "administrator"
	// ProgrammeLead leads or supports the council's implementation programme: often an improvement partner's
	// account, working with several councils, who reads and changes programme records and reads aggregates only,
	// never a person's record.
	ProgrammeLead Role = "programme_lead"
)

// Roles lists every role in the order pages offer them.
var Roles = []Role{Practitioner, TeamManager, QualityLead, DirectoryEditor, Finance, Administrator, ProgrammeLead}

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == strings.TrimSpace(s) {
			return r, nil
		}
	}
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return "", fmt.Errorf("role %q is not one of: %s", s, strings.Join(names, ", "))
}

// Label is the role as staff read it.
func (r Role) Label() string {
	switch r {
	case Practitioner:
		return "Practitioner"
	case TeamManager:
		return "Team manager"
	case QualityLead:
		return "Principal social worker or quality lead"
	case DirectoryEditor:
		return "Information and advice"
	case Finance:
		return "Finance or commissioning"
	case Administrator:
		return "Council administrator"
	case ProgrammeLead:
		return "Programme lead or improvement partner"
	}
	return string(r)
}

// SeesWholeCouncil: the quality lead and administrators see every person in the council; others see the people
// allocated to their teams or to them.
func (r Role) SeesWholeCouncil() bool { return r == QualityLead || r == Administrator }

// WorksWithPeople: every role but finance, which reads only aggregates and authorisations, and the programme lead,
// who reads programme records and aggregates, opens person records.
func (r Role) WorksWithPeople() bool { return r != Finance && r != ProgrammeLead && r != "" }

// ChangesPeople: the roles that record and change a person's details.
func (r Role) ChangesPeople() bool {
	return r == Practitioner || r == TeamManager || r == QualityLead || r == DirectoryEditor
}

// SeesWhoViewed: managers, the quality lead and administrators see who has seen a person's record.
func (r Role) SeesWhoViewed() bool { return r == TeamManager || r == QualityLead || r == Administrator }

// AuthorisesServices: team managers authorise council-funded services above the council's threshold for their
// teams' people; the quality lead (the Principal Social Worker) may do so for the whole council, for example when
// a team manager is away. Administrators manage the system, not care, so they do not.
func (r Role) AuthorisesServices() bool { return r == TeamManager || r == QualityLead }

// OverseesReviews: team managers see the reviews due in their teams, and the quality lead in every team.
func (r Role) OverseesReviews() bool { return r == TeamManager || r == QualityLead }

// ReadsSpend: finance reads what the council spends on support — the services in place with their weekly costs
// and the requests for authorisation — as totals by team, without opening anyone's record.
func (r Role) ReadsSpend() bool { return r == Finance }

// ChangesNothing: finance reads and never changes anything, so every route that changes a record refuses them.
func (r Role) ChangesNothing() bool { return r == Finance }

// RunsAudits: the quality lead (the Principal Social Worker) runs the council's audit tools and rounds, such as
// Practice Fortnight.
func (r Role) RunsAudits() bool { return r == QualityLead }

// Audits: team managers and the quality lead audit case files and supervise; practitioners see their own audits,
// and finance, directory editors and administrators see none of it.
func (r Role) Audits() bool { return r == TeamManager || r == QualityLead }

// SeesQuality: the quality pages, for those who audit and for practitioners, who see the audits of their own cases.
func (r Role) SeesQuality() bool { return r.Audits() || r == Practitioner }

// ReadsMeasures: the council's measures of its practice (the IQAM pack), for the quality lead and team managers,
// and for finance, who read its use of resources. Measures name no one.
func (r Role) ReadsMeasures() bool { return r == QualityLead || r == TeamManager || r == Finance }

// RecordsPopulation: the council's adult population from the Census, the denominator of rates per head and of fair
// use, for the quality lead.
func (r Role) RecordsPopulation() bool { return r == QualityLead }

// SeesPeopleBehindMeasures: the quality lead and team managers may go from a measure's figure to the people behind
// it, each as far as they may see those people's records; finance reads figures only, never a person.
func (r Role) SeesPeopleBehindMeasures() bool { return r.ReadsMeasures() && r.WorksWithPeople() }

// RunsLearning: the quality lead, as the council's workforce development lead, keeps the course catalogue, plans
// sessions and sets new starters' induction pathways.
func (r Role) RunsLearning() bool { return r == QualityLead }

// ReadsProgramme: the implementation programme's records (phases, milestones, actions, risks, decisions) are read
// by the quality lead, team managers and the programme lead. They name staff, never a person receiving care.
func (r Role) ReadsProgramme() bool {
	return r == QualityLead || r == TeamManager || r == ProgrammeLead
}

// ChangesProgramme: the programme's owners, the quality lead (the Principal Social Worker) and the programme lead,
// change its records.
func (r Role) ChangesProgramme() bool { return r == QualityLead || r == ProgrammeLead }

// Administers: staff accounts, teams, settings and the access log.
func (r Role) Administers() bool { return r == Administrator }

// Staff is a member of a council's staff who signs in to Golden Thread.
type Staff struct {
	ID           string
	CouncilID    string
	Email        string
	Name         string
	Role         Role
	TeamIDs      []string
	PasswordHash string
	TOTPSecret   string // base32; empty until two-factor sign-in is set up
	TOTPLastStep int64  // the last accepted time step, so a code is never accepted twice
	DisabledAt   time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
}

// Disabled reports whether the account may no longer sign in.
func (s Staff) Disabled() bool { return !s.DisabledAt.IsZero() }

// InTeam reports whether the member of staff belongs to team.
func (s Staff) InTeam(team string) bool {
	for _, t := range s.TeamIDs {
		if t == team {
			return true
		}
	}
	return false
}

// NormaliseEmail is how email addresses are compared: trimmed and lower-cased.
func NormaliseEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

type staffKey struct{}

// WithStaff puts the signed-in member of staff in ctx, and scopes ctx to their council.
func WithStaff(ctx context.Context, s Staff) context.Context {
	return sqldb.WithCouncil(context.WithValue(ctx, staffKey{}, s), s.CouncilID)
}

// StaffFrom returns the signed-in member of staff, if any.
func StaffFrom(ctx context.Context) (Staff, bool) {
	s, ok := ctx.Value(staffKey{}).(Staff)
	return s, ok
}

// StaffID is the signed-in member of staff's id, or "" for work done with no one signed in (the command line, the
// demo), which every store writes as who recorded or changed a row.
func StaffID(ctx context.Context) string {
	s, _ := StaffFrom(ctx)
	return s.ID
}
