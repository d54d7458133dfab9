// Package peopletest builds synthetic councils, staff and people for tests. Every name, number and address it
// makes is fictional: NHS numbers come from the 999 range kept for test data.
package peopletest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// Council is a test council with two teams and a member of staff in each role.
type Council struct {
	Council      councils.Council
	North, South councils.Team
	Staff        map[councils.Role]councils.Staff
	// SouthWorker is a practitioner in the south team.
	SouthWorker councils.Staff
}

// As returns a context signed in as staff, reaching the store through a page route.
func As(staff councils.Staff) context.Context {
	return accesslog.WithRoute(councils.WithStaff(context.Background(), staff), accesslog.Page, "test")
}

// NewCouncil creates a council with the code given, its two teams and one member of staff per role, all in the
// north team except the south worker.
func NewCouncil(tb testing.TB, db *sqldb.DB, code string) Council {
	tb.Helper()
	ctx := context.Background()
	s := councils.NewStore(db)
	c, err := s.CreateCouncil(ctx, code, "Council "+code)
	if err != nil {
		tb.Fatal(err)
	}
	cctx := sqldb.WithCouncil(ctx, c.ID)
	out := Council{Council: c, Staff: map[councils.Role]councils.Staff{}}
	if out.North, err = s.CreateTeam(cctx, "North"); err != nil {
		tb.Fatal(err)
	}
	if out.South, err = s.CreateTeam(cctx, "South"); err != nil {
		tb.Fatal(err)
	}
	for _, r := range councils.Roles {
		st, err := s.CreateStaff(cctx, councils.NewStaff{Email: fmt.Sprintf("%s.%s@example.org", r, code), Name: "Test " + r.Label(), Role: r, TeamIDs: []string{out.North.ID}})
		if err != nil {
			tb.Fatal(err)
		}
		out.Staff[r] = st
	}
	if out.SouthWorker, err = s.CreateStaff(cctx, councils.NewStaff{Email: "south." + code + "@example.org", Name: "Test South Worker", Role: councils.Practitioner, TeamIDs: []string{out.South.ID}}); err != nil {
		tb.Fatal(err)
	}
	return out
}

// Person returns a valid synthetic person allocated to team, changed by the options given.
func Person(team string, opts ...func(*people.Person)) people.Person {
	dob, _ := sqldb.ParseDate("1941-06-15")
	p := people.Person{
		GivenName: "Ada", FamilyName: "Testperson", DateOfBirth: dob, NHSNumber: "999 000 0018",
		AddressLine1: "1 Example Street", Town: "Exampleton", Postcode: "ZZ99 1AA", TeamID: team,
		Ethnicity: "No data: Undeclared or not known",
	}
	for _, o := range opts {
		o(&p)
	}
	return p
}

// MustCreate creates a person as staff, failing the test on error.
func MustCreate(tb testing.TB, db *sqldb.DB, staff councils.Staff, p people.Person) people.Person {
	tb.Helper()
	got, err := people.NewStore(db).Create(As(staff), p)
	if err != nil {
		tb.Fatalf("create person: %v", err)
	}
	return got
}

// TwoCouncils creates two councils, A (E06000901) and B (E06000902), for the tests that prove the wall between
// councils: what A's staff do, B's must neither see nor change.
func TwoCouncils(tb testing.TB, db *sqldb.DB) (a, b Council) {
	tb.Helper()
	return NewCouncil(tb, db, "E06000901"), NewCouncil(tb, db, "E06000902")
}

// Log is every access-log entry about a person in a council, oldest first.
func Log(tb testing.TB, db *sqldb.DB, council, personID string) []accesslog.Entry {
	tb.Helper()
	entries, err := accesslog.NewStore(db).Search(sqldb.WithCouncil(context.Background(), council), accesslog.Filter{PersonID: personID, Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Reverse(entries)
	return entries
}

// Logged is the action of every access-log entry about a person in a council, oldest first: a test compares it
// before and after a change to see the entries the change wrote.
func Logged(tb testing.TB, db *sqldb.DB, council, personID string) []accesslog.Action {
	tb.Helper()
	var out []accesslog.Action
	for _, e := range Log(tb, db, council, personID) {
		out = append(out, e.Action)
	}
	return out
}

// LoggedBy is every access-log entry about a person in a council as "staff-id action", oldest first, for the tests
// that check who did each thing as well as what.
func LoggedBy(tb testing.TB, db *sqldb.DB, council, personID string) []string {
	tb.Helper()
	var out []string
	for _, e := range Log(tb, db, council, personID) {
		out = append(out, e.StaffID+" "+string(e.Action))
	}
	return out
}

// Wrote is what a request should have added to the access log about a person: these actions, in order, each
// through Channel by the member of staff StaffID and, when Route is set, through that route pattern.
type Wrote struct {
	Channel accesslog.Channel
	StaffID string
	Route   string
	Actions []accesslog.Action
}

// CheckWrote checks that added, the access-log entries about a person that a request added, are exactly what want
// says: the access log is the person's record of who has seen and changed their record, so a route writes the same
// entries however it is reached.
func CheckWrote(tb testing.TB, added []accesslog.Entry, want Wrote) {
	tb.Helper()
	var got []accesslog.Action
	for _, e := range added {
		got = append(got, e.Action)
		if e.Channel != want.Channel || e.StaffID != want.StaffID || (want.Route != "" && e.Route != want.Route) {
			tb.Errorf("access log entry %s came through %s %q by staff %s, want %s %q by staff %s",
				e.Action, e.Channel, e.Route, e.StaffID, want.Channel, want.Route, want.StaffID)
		}
	}
	if !slices.Equal(got, want.Actions) {
		tb.Errorf("access log gained %v, want %v", got, want.Actions)
	}
}
