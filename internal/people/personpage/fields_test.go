package personpage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/people"
)

// Every field in the table is a question on the form, so a row added without its question fails here.
func TestEveryFieldIsAskedOnTheForm(t *testing.T) {
	t.Parallel()
	b, err := files.ReadFile("templates/people/_person_form.html")
	if err != nil {
		t.Fatal(err)
	}
	form := string(b)
	for _, f := range fields {
		if f.name != "" && !strings.Contains(form, `"Name" "`+f.name+`"`) {
			t.Errorf("field %q is in the table but not asked on the form", f.name)
		}
	}
}

// A field kept as text goes from the record to the form and back unchanged, and the record page and the conflict
// panel both show it.
func TestEveryTextFieldGoesFromTheRecordToTheFormAndBack(t *testing.T) {
	t.Parallel()
	value := func(name string) string {
		if name == "postcode" {
			return "ZZ99 9ZZ" // already as the record keeps a postcode
		}
		return "value of " + name
	}
	var p people.Person
	for _, f := range fields {
		if f.record != nil {
			*f.record(&p) = value(f.name)
		}
	}
	back, errs := formOf(p).person()
	if errs.Any() {
		t.Fatalf("errors: %v", errs)
	}
	changed := readPersonForm(formOf(p).values())
	for _, f := range fields {
		if f.record == nil {
			continue
		}
		want := value(f.name)
		if got := *f.record(&back); got != want {
			t.Errorf("%s: the record came back with %q, want %q", f.name, got, want)
		}
		if got := *f.text(&changed); got != want {
			t.Errorf("%s: the form as posted read back %q, want %q", f.name, got, want)
		}
		if f.label != "" {
			other := formOf(p)
			*f.text(&other) = "another value"
			if d := differences(formOf(p), other, choices{}); len(d) != 1 || d[0].Label != f.label {
				t.Errorf("%s: changing it alone shows %+v in the conflict panel, want one row %q", f.name, d, f.label)
			}
		}
	}
}

// The record page shows each section once, in the table's order, and says "Not recorded" for what is not.
func TestTheRecordPageShowsEachSectionOnce(t *testing.T) {
	t.Parallel()
	got := sections(people.Person{GivenName: "Ada", FamilyName: "Testperson", Gender: "Unknown"}, 0)
	var titles []string
	for _, s := range got {
		titles = append(titles, s.Title)
	}
	want := []string{details, contact, takingPart, equality, support, consent, allocation}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("sections = %v, want %v", titles, want)
	}
	rows := map[string]string{}
	for _, s := range got {
		for _, r := range s.Rows {
			rows[fmt.Sprint(r.Key)] = fmt.Sprint(r.Value)
		}
	}
	for key, want := range map[string]string{"Name": "Ada Testperson", "Gender": "Not known", "Telephone": notRecorded, "Agreed": "Not asked yet", "Restricted record": "No"} {
		if rows[key] != want {
			t.Errorf("row %q = %q, want %q", key, rows[key], want)
		}
	}
}

// A template that asks for the choices of a field the form does not offer fails, rather than showing an empty list.
func TestItemsOfAFieldWithoutChoicesIsAnError(t *testing.T) {
	t.Parallel()
	c := choices{items: codedChoices()}
	if _, err := c.Items("gendr"); err == nil {
		t.Error("Items(\"gendr\") gave no error")
	}
	items, err := c.Items("gender")
	if err != nil || len(items) < 2 || items[0].Value != "" || items[0].Text != notRecorded {
		t.Errorf("Items(\"gender\") = %v, %v", items, err)
	}
}
