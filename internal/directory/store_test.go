package directory_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/directory"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

type fixture struct {
	db    *sqldb.DB
	store *directory.Store
	a, b  peopletest.Council
}

func newFixture(t *testing.T, db *sqldb.DB) fixture {
	return fixture{db: db, store: directory.NewStore(db), a: peopletest.NewCouncil(t, db, "E06000991"), b: peopletest.NewCouncil(t, db, "E06000992")}
}

func as(c peopletest.Council, r councils.Role) context.Context { return peopletest.As(c.Staff[r]) }

// count is the rows of a table in every council, read as the database's owner would see them in one council.
func (f fixture) count(t *testing.T, c peopletest.Council, table string) int {
	t.Helper()
	return dbtest.Count(t, f.db, c.Council.ID, table)
}

func organisation() directory.Organisation {
	return directory.Organisation{Name: "Exampleton Befriending", Description: "Volunteers who visit and phone people living alone", Email: "hello@befriending.example.org", Website: "https://befriending.example.org"}
}

func serviceInput(orgID string) directory.ServiceInput {
	return directory.ServiceInput{
		OrganisationID: orgID, Name: "Lunch club", Description: "A hot lunch and company every week", Status: "active",
		MinimumAge: "60", EligibilityDescription: "Older people living alone", LocationName: "Church hall", AddressLine1: "1 Example Street",
		Town: "Exampleton", Postcode: "zz99 1aa", Accessibility: "Step-free entrance", ContactName: "Sam Example", ContactRole: "Organiser",
		Phone: "01632 960000", Days: []string{"TH", "MO"}, OpensAt: "9:30", ClosesAt: "13:00", Cost: directory.CostCharged,
		AmountPence: 350, AmountDescription: "per lunch", Languages: "English, Polish, english",
	}
}

func TestServiceLifecycle(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		editor := as(f.a, councils.DirectoryEditor)
		org, err := f.store.AddOrganisation(editor, organisation())
		if err != nil {
			t.Fatal(err)
		}
		if org.Version != 1 || org.ID == "" {
			t.Fatalf("organisation = %+v", org)
		}
		svc, err := f.store.AddService(editor, serviceInput(org.ID))
		if err != nil {
			t.Fatal(err)
		}
		today := f.db.Today()
		if svc.Version != 1 || svc.LastChecked != today || svc.OrganisationName != org.Name || svc.CheckedBy != f.a.Staff[councils.DirectoryEditor].Email {
			t.Errorf("new service = version %d, checked %v by %q, organisation %q", svc.Version, svc.LastChecked, svc.CheckedBy, svc.OrganisationName)
		}
		if len(svc.Locations) != 1 || svc.Locations[0].Addresses[0].Text() != "1 Example Street, Exampleton, ZZ99 1AA" || svc.Locations[0].Accessibility[0].Description != "Step-free entrance" {
			t.Errorf("locations = %+v", svc.Locations)
		}
		if len(svc.Contacts) != 1 || svc.Contacts[0].Phones[0].Number != "01632 960000" {
			t.Errorf("contacts = %+v", svc.Contacts)
		}
		if len(svc.Schedules) != 1 || svc.Schedules[0].Text() != "Monday and Thursday, 09:30 to 13:00" {
			t.Errorf("schedules = %+v", svc.Schedules)
		}
		if len(svc.Costs) != 1 || svc.Costs[0].Text() != "£3.50 per lunch" {
			t.Errorf("costs = %+v", svc.Costs)
		}
		if len(svc.Languages) != 2 || svc.AgeRange() != "60 and over" {
			t.Errorf("languages = %+v, ages %q", svc.Languages, svc.AgeRange())
		}

		// A change keeps the ids of what the form holds and replaces what it changed.
		in := directory.InputOf(svc)
		in.Cost, in.Languages, in.Days, in.Phone = directory.CostFree, "Polish, Urdu", []string{"WE"}, ""
		changed, err := f.store.UpdateService(editor, in)
		if err != nil {
			t.Fatal(err)
		}
		if changed.Version != 2 || changed.Costs[0].ID != svc.Costs[0].ID || changed.Costs[0].Text() != "Free" {
			t.Errorf("changed = version %d, costs %+v", changed.Version, changed.Costs)
		}
		if changed.Schedules[0].ID != svc.Schedules[0].ID || changed.Schedules[0].ByDay != "WE" || len(changed.Contacts[0].Phones) != 0 {
			t.Errorf("schedule %+v, phones %+v", changed.Schedules, changed.Contacts[0].Phones)
		}
		if len(changed.Languages) != 2 || changed.Languages[0].Name != "Polish" || changed.Languages[1].Name != "Urdu" {
			t.Errorf("languages = %+v", changed.Languages)
		}

		// The same form sent again is stale: nothing changes.
		in.Name = "Stale lunch club"
		if _, err := f.store.UpdateService(editor, in); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale update = %v, want ErrConflict", err)
		}
		// A mistake is refused and changes nothing.
		bad := directory.InputOf(changed)
		bad.Name, bad.Postcode, bad.MinimumAge, bad.MaximumAge = "", "not a postcode", "70", "65"
		_, err = f.store.UpdateService(editor, bad)
		ps, ok := validation.AsProblems(err)
		if !ok || len(ps) != 3 {
			t.Errorf("invalid update = %v, want 3 problems", err)
		}
		again, _, err := f.store.Service(editor, svc.ID)
		if err != nil || again.Version != changed.Version || again.Name != "Lunch club" {
			t.Errorf("after refused updates: %+v, %v", again.Name, err)
		}

		// Marking checked needs the current version.
		if err := f.store.MarkChecked(editor, svc.ID, changed.Version); err != nil {
			t.Fatal(err)
		}
		if err := f.store.MarkChecked(editor, svc.ID, changed.Version); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale mark checked = %v", err)
		}

		// Practitioners read but do not change.
		worker := as(f.a, councils.Practitioner)
		if _, _, err := f.store.Service(worker, svc.ID); err != nil {
			t.Errorf("practitioner reading: %v", err)
		}
		if _, err := f.store.AddOrganisation(worker, organisation()); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("practitioner adding = %v, want ErrForbidden", err)
		}
		if err := f.store.MarkChecked(worker, svc.ID, changed.Version+1); !errors.Is(err, sqldb.ErrForbidden) {
			t.Errorf("practitioner checking = %v, want ErrForbidden", err)
		}

		// Another council's editor neither sees nor changes council A's directory.
		other := as(f.b, councils.DirectoryEditor)
		if _, _, err := f.store.Service(other, svc.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B reading A's service = %v, want ErrNotFound", err)
		}
		if _, _, _, err := f.store.Organisation(other, org.ID); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B reading A's organisation = %v", err)
		}
		in = directory.InputOf(changed)
		in.Version = changed.Version + 1
		if _, err := f.store.UpdateService(other, in); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B changing A's service = %v, want ErrNotFound", err)
		}
		o := org
		o.Name = "Taken over"
		if _, err := f.store.UpdateOrganisation(other, o); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B changing A's organisation = %v, want ErrNotFound", err)
		}
		if err := f.store.MarkChecked(other, svc.ID, changed.Version+1); !errors.Is(err, sqldb.ErrNotFound) {
			t.Errorf("council B checking A's service = %v", err)
		}
		// Council B adding a service under A's organisation is refused: it does not exist for B.
		bin := serviceInput(org.ID)
		if _, err := f.store.AddService(other, bin); err == nil {
			t.Error("council B added a service to A's organisation")
		}
		if h, err := f.store.Home(other); err != nil || len(h.Organisations) != 0 {
			t.Errorf("council B's directory = %+v, %v", h.Organisations, err)
		}
		final, _, _ := f.store.Service(editor, svc.ID)
		if final.Name != "Lunch club" || final.Version != changed.Version+1 {
			t.Errorf("council A's service after B's attempts: %q version %d", final.Name, final.Version)
		}
		if n := f.count(t, f.b, "directory_service"); n != 0 {
			t.Errorf("council B has %d services", n)
		}
		// Directory records are not about people: nothing was written to the access log.
		if n := f.count(t, f.a, "access_log") + f.count(t, f.a, "access_log_pending"); n != 0 {
			t.Errorf("the access log gained %d entries", n)
		}
	})
}

func TestOrganisationStaleAndInvalid(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		admin := as(f.a, councils.Administrator)
		org, err := f.store.AddOrganisation(admin, organisation())
		if err != nil {
			t.Fatal(err)
		}
		o := org
		o.Name = "Exampleton Befriending Network"
		if o, err = f.store.UpdateOrganisation(admin, o); err != nil || o.Version != 2 {
			t.Fatalf("update = %+v, %v", o, err)
		}
		stale := org
		stale.Name = "Old name"
		if _, err := f.store.UpdateOrganisation(admin, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("stale = %v", err)
		}
		stale.Version = 0 // a form with its version missing is stale too
		if _, err := f.store.UpdateOrganisation(admin, stale); !errors.Is(err, sqldb.ErrConflict) {
			t.Errorf("no version = %v", err)
		}
		bad := o
		bad.Name, bad.Email = " ", "not an email"
		_, err = f.store.UpdateOrganisation(admin, bad)
		if ps, ok := validation.AsProblems(err); !ok || len(ps) != 2 {
			t.Errorf("invalid = %v", err)
		}
		got, _, _, err := f.store.Organisation(admin, org.ID)
		if err != nil || got.Name != "Exampleton Befriending Network" || got.Version != 2 {
			t.Errorf("after refused changes: %+v, %v", got, err)
		}
	})
}

func TestHomeListsServicesOverdueForACheck(t *testing.T) {
	t.Parallel()
	start := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	now := start
	clock := func() time.Time { return now }
	dbtest.EachWith(t, dbtest.Options{Clock: clock}, func(t *testing.T, db *sqldb.DB) {
		now = start
		f := newFixture(t, db)
		editor := as(f.a, councils.DirectoryEditor)
		org, err := f.store.AddOrganisation(editor, organisation())
		if err != nil {
			t.Fatal(err)
		}
		old, err := f.store.AddService(editor, serviceInput(org.ID))
		if err != nil {
			t.Fatal(err)
		}
		now = now.AddDate(0, 6, 2)
		in := serviceInput(org.ID)
		in.Name = "Walking group"
		fresh, err := f.store.AddService(editor, in)
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.store.Home(editor)
		if err != nil {
			t.Fatal(err)
		}
		if h.Months != 6 || h.Services != 2 || len(h.Overdue) != 1 || h.Overdue[0].ID != old.ID {
			t.Fatalf("home = %d months, %d services, overdue %+v", h.Months, h.Services, h.Overdue)
		}
		if got := h.Overdue[0].CheckedText(h.Period); got != "Not checked since 1 June 2025" {
			t.Errorf("overdue text = %q", got)
		}
		if got := fresh.CheckedText(h.Period); got != "Checked 3 December 2025" {
			t.Errorf("fresh text = %q", got)
		}
		if err := f.store.MarkChecked(editor, old.ID, old.Version); err != nil {
			t.Fatal(err)
		}
		if h, _ := f.store.Home(editor); len(h.Overdue) != 0 {
			t.Errorf("after checking, overdue = %+v", h.Overdue)
		}
	})
}

func TestCheck(t *testing.T) {
	t.Parallel()
	d := func(s string) sqldb.Date { x, _ := sqldb.ParseDate(s); return x }
	p := directory.Period{Today: d("2025-09-10"), Months: 6}
	tests := []struct {
		checked string
		overdue bool
		text    string
	}{
		{"", true, "Never checked"},
		{"2025-09-10", false, "Checked 10 September 2025"},
		{"2025-03-10", false, "Checked 10 March 2025"},
		{"2025-03-09", true, "Not checked since 9 March 2025"},
		{"2020-01-01", true, "Not checked since 1 January 2020"},
	}
	for _, tt := range tests {
		c := directory.Check{LastChecked: d(tt.checked)}
		if c.Overdue(p) != tt.overdue || c.CheckedText(p) != tt.text {
			t.Errorf("checked %q: overdue %v %q, want %v %q", tt.checked, c.Overdue(p), c.CheckedText(p), tt.overdue, tt.text)
		}
	}
}

func TestServiceInputValidate(t *testing.T) {
	t.Parallel()
	good := serviceInput("org")
	tests := []struct {
		name   string
		change func(*directory.ServiceInput)
		fields []string
	}{
		{"good", func(*directory.ServiceInput) {}, nil},
		{"nothing typed", func(in *directory.ServiceInput) { *in = directory.ServiceInput{} }, []string{"organisation", "name", "description", "status"}},
		{"bad ages", func(in *directory.ServiceInput) { in.MinimumAge, in.MaximumAge = "sixty", "-1" }, []string{"minimum_age", "maximum_age"}},
		{"ages the wrong way round", func(in *directory.ServiceInput) { in.MinimumAge, in.MaximumAge = "65", "18" }, []string{"maximum_age"}},
		{"address without a town", func(in *directory.ServiceInput) { in.Town = "" }, []string{"town"}},
		{"no location at all", func(in *directory.ServiceInput) {
			in.LocationName, in.AddressLine1, in.Town, in.Postcode, in.Accessibility = "", "", "", "", ""
		}, nil},
		{"times without days", func(in *directory.ServiceInput) { in.Days = nil }, []string{"days"}},
		{"closes before it opens", func(in *directory.ServiceInput) { in.ClosesAt = "09:00" }, []string{"closes_at"}},
		{"bad time", func(in *directory.ServiceInput) { in.OpensAt = "half nine" }, []string{"opens_at"}},
		{"a cost without an amount", func(in *directory.ServiceInput) { in.AmountPence = 0 }, []string{"amount"}},
		{"bad status", func(in *directory.ServiceInput) { in.Status = "open" }, []string{"status"}},
		{"bad web address and email", func(in *directory.ServiceInput) { in.URL, in.Email = "example", "nobody" }, []string{"url", "email"}},
	}
	for _, tt := range tests {
		in := good
		in.Days = append([]string(nil), good.Days...)
		tt.change(&in)
		var got []string
		for _, p := range in.Validate() {
			got = append(got, p.Field)
		}
		if len(got) != len(tt.fields) {
			t.Errorf("%s: problems %v, want %v", tt.name, in.Validate(), tt.fields)
			continue
		}
		for i := range got {
			if got[i] != tt.fields[i] {
				t.Errorf("%s: problems %v, want %v", tt.name, got, tt.fields)
			}
		}
	}
}
