package people_test

import (
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/validation"
)

// TestContactMethodRules: how the person would like to be contacted is on the list, and the record holds what it
// needs: an email address for email, a telephone number for a phone call or a text.
func TestContactMethodRules(t *testing.T) {
	t.Parallel()
	const (
		noEmail = "Enter the person's email address, or select another way to contact them"
		noPhone = "Enter the person's telephone number, or select another way to contact them"
		notList = "Select how the person would like to be contacted from the list"
	)
	tests := []struct {
		name, method, phone, email, want string
	}{
		{"not known", "", "", "", ""},
		{"phone call with a number", codelists.ContactMethodPhone, "01632 960 001", "", ""},
		{"phone call without a number", codelists.ContactMethodPhone, "", "ada@example.com", noPhone},
		{"text with a number", codelists.ContactMethodText, "07700 900 001", "", ""},
		{"text without a number", codelists.ContactMethodText, "", "", noPhone},
		{"email with an address", codelists.ContactMethodEmail, "", "ada@example.com", ""},
		{"email without an address", codelists.ContactMethodEmail, "01632 960 001", "", noEmail},
		{"letter with nothing else", "Letter", "", "", ""},
		{"through someone else", "Someone else", "", "", ""},
		{"a code not on the list", "Carrier pigeon", "01632 960 001", "ada@example.com", notList},
		{"the match is exact", "email", "", "ada@example.com", notList},
	}
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := people.Person{GivenName: "Ada", FamilyName: "Testperson", Phone: tt.phone, Email: tt.email, ContactMethod: tt.method}
			var got []validation.Problem
			for _, pr := range p.Validate(today) {
				if pr.Field == "contact_method" {
					got = append(got, pr)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("problems %v, want none", got)
			case tt.want != "" && (len(got) != 1 || got[0].Message != tt.want):
				t.Errorf("problems %v, want %q", got, tt.want)
			}
		})
	}
}

// TestContactMethodStored: how the person would like to be contacted is kept with their record and changed with
// it on both engines; a code not on the list, or email with no email address, is refused and changes nothing; and
// another council's staff find no record to change.
func TestContactMethodStored(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.NewCouncil(t, db, "E06000953"), peopletest.NewCouncil(t, db, "E06000954")
		worker := a.Staff[councils.Practitioner]
		store := people.NewStore(db)
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
			p.Phone, p.ContactMethod = "07700 900 002", codelists.ContactMethodText
		}))
		got, _, err := store.Get(peopletest.As(worker), p.ID)
		if err != nil || got.ContactMethod != codelists.ContactMethodText {
			t.Fatalf("after adding: %q, %v", got.ContactMethod, err)
		}
		for _, method := range []string{"Fax", codelists.ContactMethodEmail} {
			bad := got
			bad.ContactMethod = method
			if _, ok := validation.AsProblems(store.Update(peopletest.As(worker), bad)); !ok {
				t.Errorf("%q was saved, or refused for another reason", method)
			}
		}
		got.ContactMethod = "Letter"
		if err := store.Update(peopletest.As(b.Staff[councils.Practitioner]), got); err == nil {
			t.Error("another council's practitioner changed the record")
		}
		unchanged, _, err := store.Get(peopletest.As(worker), p.ID)
		if err != nil || unchanged.ContactMethod != codelists.ContactMethodText || unchanged.Version != got.Version {
			t.Fatalf("after refusals: %q version %d, %v", unchanged.ContactMethod, unchanged.Version, err)
		}
		if err := store.Update(peopletest.As(worker), got); err != nil {
			t.Fatal(err)
		}
		again, _, err := store.Get(peopletest.As(worker), p.ID)
		if err != nil || again.ContactMethod != "Letter" || again.Version != got.Version+1 {
			t.Errorf("after changing: %q version %d, %v", again.ContactMethod, again.Version, err)
		}
	})
}
