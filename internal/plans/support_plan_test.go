package plans_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	full := plans.Snapshot{
		TakenAt:     time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC),
		WhatMatters: "Staying at home with the cat",
		Aspirations: []plans.SnapshotAspiration{{ID: "a1", Term: outcomes.LongTerm, Words: "Back to the allotment"}},
		Outcomes: []plans.SnapshotOutcome{{ID: "o1", AspirationID: "a1", Different: "I go to the allotment", HowWeKnow: "I tell you",
			ByWhen: "2025-09-01", WhoInvolved: "Cara", Levels: [5]string{"-2", "-1", "every week", "+1", "+2"}, Baseline: outcomes.Less,
			Importance: 3, Difficulty: 2, Status: outcomes.Active}},
		Solutions: []plans.SnapshotSolution{{ID: "s1", Rung: plans.Network.String(), Description: "Cara drives", WhoWhen: "Saturdays", OutcomeIDs: []string{"o1"}}},
		Services: []plans.SnapshotService{{ID: "v1", ServiceType: "Short term support: ST-Max", Component: "Reablement", Provider: "Example",
			Start: "2025-03-03", End: "2025-06-30", WeeklyCostPence: 12500, Status: plans.ServiceActive, OutcomeIDs: []string{"o1"}}},
		Strengths: []plans.SnapshotStrength{{ID: "g1", Kind: "personal", Words: "I grow vegetables"}},
	}
	tests := []struct {
		name    string
		text    func() string
		want    plans.Snapshot
		wantErr error
	}{
		{"a full snapshot comes back the same, with the format number", func() string { s, _ := full.Marshal(); return s },
			func() plans.Snapshot { f := full; f.Format = plans.SnapshotFormat; return f }(), nil},
		{"an empty snapshot", func() string { s, _ := plans.Snapshot{}.Marshal(); return s }, plans.Snapshot{Format: plans.SnapshotFormat}, nil},
		{"no text is an empty snapshot", func() string { return "" }, plans.Snapshot{Format: plans.SnapshotFormat}, nil},
		{"a later format is refused", func() string { return `{"format": 99}` }, plans.Snapshot{}, plans.ErrSnapshotFormat},
		{"no format is refused", func() string { return `{"outcomes": []}` }, plans.Snapshot{}, plans.ErrSnapshotFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text()
			if tt.wantErr == nil && !strings.Contains(text, `"format":1`) && text != "" {
				t.Errorf("stored text has no format number: %s", text)
			}
			got, err := plans.ParseSnapshot(text)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseSnapshot error %v, want %v", err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	if got := full.Budget(0).WeeklyPence; got != 12500 {
		t.Errorf("weekly cost %d, want 12500", got)
	}
	if got := full.SolutionsFor("o1"); len(got) != 1 || got[0].RungLabel() != "Family, friends and network" {
		t.Errorf("solutions for o1: %+v", got)
	}
	if d := full.Outcomes[0].By(); d.String() != "2025-09-01" {
		t.Errorf("by when %s", d)
	}
}

func TestCheckAgreement(t *testing.T) {
	t.Parallel()
	smart := outcomes.Outcome{ID: "o1", Different: "I go to the allotment every week", HowWeKnow: "I tell you", WhoInvolved: "Cara",
		WellbeingAreas: []string{"b"}, ByWhen: sqldb.NewDate(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)), Expected: "Every week", Status: outcomes.Active}
	notSMART := outcomes.Outcome{ID: "o2", Different: "I can get up the stairs", Status: outcomes.Draft}
	closed := outcomes.Outcome{ID: "o3", Different: "Old", Status: outcomes.Closed}
	tests := []struct {
		name     string
		all, not []outcomes.Outcome
		want     []string // field: message
	}{
		{"every outcome SMART", []outcomes.Outcome{smart}, nil, nil},
		{"no outcomes", nil, nil, []string{"outcomes: Agree at least one outcome with the person before agreeing the plan"}},
		{"only closed outcomes", []outcomes.Outcome{closed}, nil, []string{"outcomes: Agree at least one outcome with the person before agreeing the plan"}},
		{"one not SMART is named with what it misses", []outcomes.Outcome{smart, notSMART}, []outcomes.Outcome{notSMART},
			[]string{"outcome-o2: Outcome “I can get up the stairs” is not SMART yet: add how everyone will know; who is involved; which hope or area of wellbeing it serves; by when; the expected level"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range plans.CheckAgreement(tt.all, tt.not) {
				got = append(got, p.Field+": "+p.Message)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CheckAgreement:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestAgreementValidate(t *testing.T) {
	t.Parallel()
	today := sqldb.NewDate(time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
	ok := plans.Agreement{On: today, How: plans.AgreedInPerson, With: "Ada and Cara", Comment: "Happy with it"}
	tests := []struct {
		name   string
		change func(*plans.Agreement)
		fields []string
	}{
		{"complete", func(*plans.Agreement) {}, nil},
		{"no comment is fine", func(a *plans.Agreement) { a.Comment = "" }, nil},
		{"no date", func(a *plans.Agreement) { a.On = sqldb.Date{} }, []string{"agreed_on"}},
		{"tomorrow", func(a *plans.Agreement) { a.On = sqldb.NewDate(today.AddDate(0, 0, 1)) }, []string{"agreed_on"}},
		{"no way", func(a *plans.Agreement) { a.How = "" }, []string{"agreed_how"}},
		{"a way not on the list", func(a *plans.Agreement) { a.How = "telepathy" }, []string{"agreed_how"}},
		{"nobody there", func(a *plans.Agreement) { a.With = " " }, []string{"agreed_with"}},
		{"a long comment", func(a *plans.Agreement) { a.Comment = strings.Repeat("x", 2001) }, []string{"person_comment"}},
	}
	for _, tt := range tests {
		a := ok
		tt.change(&a)
		var fields []string
		for _, p := range a.Validate(today) {
			fields = append(fields, p.Field)
		}
		if !reflect.DeepEqual(fields, tt.fields) {
			t.Errorf("%s: problems with %v, want %v", tt.name, fields, tt.fields)
		}
	}
	if ps := plans.CheckDraft(-1, ""); len(ps) != 1 || ps[0].Field != "personal_budget" {
		t.Errorf("a negative budget: %v", ps)
	}
}
