package personpage

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMergeKeepsBothPeoplesChanges(t *testing.T) {
	t.Parallel()
	original := personForm{GivenName: "Ada", FamilyName: "Testperson", Town: "Exampleton", Phone: "", Version: 1}
	saved := original
	saved.Phone, saved.Version = "01632 960 001", 2 // they added a phone number
	saved.FamilyName = "Testperson-Smith"           // and changed the family name
	typed := original
	typed.Town = "Sampleford"             // this user moved them
	typed.FamilyName = "Testperson-Jones" // and changed the family name too

	merged, diffs := merge(original, saved, typed, choices{})
	if merged.Phone != "01632 960 001" || merged.Town != "Sampleford" || merged.FamilyName != "Testperson-Jones" || merged.GivenName != "Ada" {
		t.Errorf("merged = %+v", merged)
	}
	want := []difference{
		{Label: "Family name", Saved: "Testperson-Smith", Typed: "Testperson-Jones", Both: true},
		{Label: "Telephone number", Saved: "01632 960 001"},
	}
	if d := cmp.Diff(want, diffs); d != "" {
		t.Errorf("differences (-want +got):\n%s", d)
	}
}

func TestFormValuesRoundTrip(t *testing.T) {
	t.Parallel()
	f := personForm{GivenName: "Ada", FamilyName: "Testperson", ConsentToShare: "yes", ConsentScope: []string{"a", "b"}, InterpreterNeeded: "yes", Version: 3}
	f.DateOfBirth.Day, f.DateOfBirth.Month, f.DateOfBirth.Year = "1", "2", "1950"
	if d := cmp.Diff(f, readPersonForm(f.values())); d != "" {
		t.Errorf("values then readPersonForm changed the form (-want +got):\n%s", d)
	}
}
