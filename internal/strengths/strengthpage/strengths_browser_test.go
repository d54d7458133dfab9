package strengthpage_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// TestMappingStrengthsAndTheNetwork walks a strengths conversation in a real browser, checking every page with
// axe: record a strength of each kind (the first with a mistake), describe two people who matter and a community
// group with different links, then open the ecomap and print it.
func TestMappingStrengthsAndTheNetwork(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	worker := site.A.Staff[councils.Practitioner]
	ada := peopletest.MustCreate(t, db, worker, peopletest.Person(site.A.North.ID, func(p *people.Person) {
		p.Network = []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son", UnpaidCarer: true}, {Name: "Cara Testperson", Relationship: "Daughter"}}
	}))

	b := apptest.SignInBrowser(t, site, worker)

	// From the person's page to their strengths.
	b.Visit("/people/" + ada.ID)
	b.ClickAndWait(`a[href="/people/` + ada.ID + `/strengths"]`)
	b.Screenshot("strengths-empty")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "Personal strengths") || !strings.Contains(got, "None recorded yet") {
		t.Fatalf("empty strengths page:\n%s", got)
	}

	// The first strength, with a mistake: the kind chosen but nothing in their words.
	b.ClickAndWait(`a.govuk-button[href="/people/` + ada.ID + `/strengths/new"]`)
	b.Screenshot("strength-new")
	b.CheckA11y()
	b.Check(`input[name="kind"][value="personal"]`)
	b.Fill("#f-observed", "Kitchen spotless; recipes on the fridge")
	b.Submit("#f-observed")
	b.Screenshot("strength-mistake")
	b.CheckA11y()
	if got := b.Text(".govuk-error-summary"); !strings.Contains(got, "Enter the strength in the person's own words") {
		t.Errorf("error summary = %q", got)
	}
	if got := b.HTML(); !strings.Contains(got, "recipes on the fridge") {
		t.Error("the form lost what was observed")
	}
	b.Fill("#f-person_words", "I've always been the cook in this family. I still do Sunday lunch.")
	b.Submit("#f-person_words")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Personal strength added") {
		t.Errorf("banner = %q", got)
	}

	for kind, words := range map[string]string{
		"network":   "Ben pops in every evening after work",
		"community": "Church on Sundays, and the lunch club on Tuesdays",
		"resources": "My bus pass and my tablet",
	} {
		b.Visit("/people/" + ada.ID + "/strengths/new?kind=" + kind)
		b.Fill("#f-person_words", words)
		b.Submit("#f-person_words")
	}
	b.Screenshot("strengths-listed")
	b.CheckA11y()
	list := b.Text("main")
	for _, want := range []string{"I still do Sunday lunch", "Kitchen spotless", "Ben pops in", "lunch club on Tuesdays", "bus pass"} {
		if !strings.Contains(list, want) {
			t.Errorf("strengths page does not show %q", want)
		}
	}

	// Someone else changes the personal strength while this practitioner is changing it: the form comes back with
	// their version beside what was typed, and saving again keeps what was typed.
	ctx := peopletest.As(worker)
	_, saved, err := site.App.Strengths.List(ctx, ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(saved, func(s strengths.Strength) bool { return s.Kind == strengths.Personal })
	if i < 0 {
		t.Fatal("no personal strength saved")
	}
	personal := saved[i]
	b.Visit("/people/" + ada.ID + "/strengths/" + personal.ID)
	personal.PersonWords = "I cook Sunday lunch for all of them, every week"
	if err := site.App.Strengths.Update(ctx, personal); err != nil {
		t.Fatal(err)
	}
	b.Fill("#f-person_words", "Sunday lunch is mine, always has been")
	b.Submit("#f-person_words")
	b.Screenshot("strength-conflict")
	b.CheckA11y()
	page := b.Text("main")
	for _, want := range []string{"Someone else changed this strength", "What they saved", "I cook Sunday lunch for all of them, every week", "Sunday lunch is mine, always has been"} {
		if !strings.Contains(page, want) {
			t.Errorf("the conflict page does not show %q", want)
		}
	}
	b.Submit("#f-person_words")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Strength saved") {
		t.Errorf("saving again: banner = %q", got)
	}

	// The ecomap before anything is described: both people who matter are on it.
	b.ClickAndWait(`a[href="/people/` + ada.ID + `/ecomap"]`)
	b.Screenshot("ecomap-undescribed")
	b.CheckA11y()
	if got := b.Text("main"); !strings.Contains(got, "2 people matter to Ada Testperson, not described yet") {
		t.Errorf("undescribed ecomap says:\n%s", got)
	}

	// Describe Ben (from the table's link), Cara and a community group.
	b.ClickAndWait(`a[href="/people/` + ada.ID + `/connections/new?member=` + ada.Network[0].ID + `"]`)
	b.Screenshot("connection-new")
	b.CheckA11y()
	b.Check(`input[name="closeness"][value="1"]`)
	b.Check(`input[name="link"][value="strong"]`)
	b.Fill("#f-support_received", "Does the big shop and sorts the post")
	b.Fill("#f-support_given", "Minds his children after school")
	b.Submit("#f-note")

	b.Visit("/people/" + ada.ID + "/connections/new")
	b.Check(`input[name="target"][value="` + ada.Network[1].ID + `"]`)
	b.Check(`input[name="closeness"][value="2"]`)
	b.Check(`input[name="link"][value="stressful"]`)
	b.Fill("#f-note", "They argue about money")
	b.Submit("#f-note")

	b.Visit("/people/" + ada.ID + "/connections/new")
	b.Check(`input[name="target"][value="community"]`)
	b.Fill("#f-name", "Tuesday Lunch Club")
	b.Check(`input[name="closeness"][value="3"]`)
	b.Check(`input[name="link"][value="tenuous"]`)
	b.Fill("#f-support_given", "Helps set out the tables")
	b.Submit("#f-note")
	if got := b.Text(".govuk-notification-banner"); !strings.Contains(got, "Ecomap updated") {
		t.Errorf("banner = %q", got)
	}

	// The ecomap: a picture with a title and a summary, and the same data in the table.
	b.Screenshot("ecomap")
	b.CheckA11y()
	if got := b.HTML(); !strings.Contains(got, `<desc id="ecomap-desc">Ada Testperson has 3 connections: 1 strong, 1 tenuous, 1 stressful.`) {
		t.Error("the picture's description does not sum it up")
	}
	if !b.Exists(`svg[role="img"][aria-labelledby="ecomap-title ecomap-desc"]`) {
		t.Error("the ecomap is not an accessible image")
	}
	table := b.Text(".gt-ecomap__table")
	for _, want := range []string{"Ben Testperson", "Very close", "Strong", "Does the big shop", "Cara Testperson", "Stressful", "Tuesday Lunch Club", "Distant", "Tenuous", "Helps set out the tables"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table does not show %q", want)
		}
	}
	if pdf := b.PrintPDF(); !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 2000 {
		t.Errorf("printing gave %d bytes", len(pdf))
	}

	// Change a connection: open it from the table.
	b.ClickAndWait(`.gt-ecomap__table a[href*="/connections/"]`)
	b.Screenshot("connection-change")
	b.CheckA11y()
}
