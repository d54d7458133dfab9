package people_test

import (
	"slices"
	"testing"

	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

func TestValidInformationFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		codes []string
		want  bool
		text  string
	}{
		{nil, true, "Standard print"},
		{[]string{people.EasyRead}, true, "Easy Read"},
		{[]string{people.LargePrint, people.EasyRead}, true, "Large print and Easy Read"},
		{[]string{people.EasyRead, people.EasyRead}, false, "Easy Read and Easy Read"},
		{[]string{"braille"}, false, "braille"},
		{[]string{""}, false, ""},
	}
	for _, tt := range tests {
		if got := people.ValidInformationFormats(tt.codes); got != tt.want {
			t.Errorf("ValidInformationFormats(%q) = %v, want %v", tt.codes, got, tt.want)
		}
		if got := (people.Person{InformationFormats: tt.codes}).InformationFormatsText(); got != tt.text {
			t.Errorf("InformationFormatsText(%q) = %q, want %q", tt.codes, got, tt.text)
		}
	}
}

// TestInformationFormatsStored: the formats a person needs are kept with their record, changed with it, refused
// when not a format (nothing changes), and another council's staff find no record to change.
func TestInformationFormatsStored(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a, b := peopletest.NewCouncil(t, db, "E06000951"), peopletest.NewCouncil(t, db, "E06000952")
		worker := a.Staff[councils.Practitioner]
		store := people.NewStore(db)
		p := peopletest.MustCreate(t, db, worker, peopletest.Person(a.North.ID, func(p *people.Person) {
			p.InformationFormats = []string{people.LargePrint, people.EasyRead}
		}))
		got, _, err := store.Get(peopletest.As(worker), p.ID)
		if err != nil || !slices.Equal(got.InformationFormats, []string{people.EasyRead, people.LargePrint}) {
			t.Fatalf("after adding: %q, %v", got.InformationFormats, err)
		}
		bad := got
		bad.InformationFormats = []string{"braille"}
		if err := store.Update(peopletest.As(worker), bad); err == nil {
			t.Error("a format not in the list was saved")
		}
		got.InformationFormats = []string{people.LargePrint}
		if err := store.Update(peopletest.As(b.Staff[councils.Practitioner]), got); err == nil {
			t.Error("another council's practitioner changed the record")
		}
		if err := store.Update(peopletest.As(worker), got); err != nil {
			t.Fatal(err)
		}
		again, _, err := store.Get(peopletest.As(worker), p.ID)
		if err != nil || !slices.Equal(again.InformationFormats, []string{people.LargePrint}) || again.Version != got.Version+1 {
			t.Errorf("after changing: %q version %d, %v", again.InformationFormats, again.Version, err)
		}
	})
}
