package codelists

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestCounts(t *testing.T) {
	// The counts are those of standards.md §1.4 for the CLD lists, and of the brief for Golden Thread's own lists.
	want := map[string]int{
		"ethnicity":              21,
		"gender":                 4,
		"client_type":            3,
		"primary_support_reason": 12,
		"accommodation_status":   20,
		"route_of_access":        8,
		"religion":               9,
		"sexual_orientation":     5,
		"disability":             4,
		"relationship":           11,
		"legal_authority":        4,
		"consent_scope":          6,
	}
	got := make(map[string]int)
	for _, l := range All() {
		got[l.Name] = len(l.Codes)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("list sizes (-want +got):\n%s", diff)
	}
}

func TestNoDuplicates(t *testing.T) {
	names := make(map[string]bool)
	for _, l := range All() {
		if names[l.Name] {
			t.Errorf("list name %q used twice", l.Name)
		}
		names[l.Name] = true
		values := make(map[string]bool)
		labels := make(map[string]bool)
		for _, c := range l.Codes {
			if values[c.Value] {
				t.Errorf("%s: value %q appears twice", l.Name, c.Value)
			}
			values[c.Value] = true
			if labels[c.Label] {
				t.Errorf("%s: label %q appears twice", l.Name, c.Label)
			}
			labels[c.Label] = true
		}
	}
}

func TestWellFormed(t *testing.T) {
	for _, l := range All() {
		for _, c := range l.Codes {
			for _, s := range []string{c.Value, c.Group, c.Label} {
				if !utf8.ValidString(s) || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
					t.Errorf("%s: %q has stray spaces or is not UTF-8", l.Name, s)
				}
			}
			if c.Label == "" {
				t.Errorf("%s: value %q has no label", l.Name, c.Value)
			}
		}
	}
}

func TestExactStrings(t *testing.T) {
	tests := []struct {
		list  List
		value string
	}{
		{Ethnicity, "White: English, Welsh, Scottish, Northern Irish or British"},
		{Ethnicity, "White: Roma"},
		{Ethnicity, "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background"},
		{Ethnicity, "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background"},
		{Ethnicity, "Other ethnic group: Arab"},
		{Ethnicity, "No data: Refused"},
		{Ethnicity, "No data: Undeclared or not known"},
		{Gender, "Unknown"},
		{ClientType, "Unpaid carer known by association"},
		{PrimarySupportReason, "Physical Support: Access & mobility only"},
		{PrimarySupportReason, "Support with Memory & Cognition"},
		{PrimarySupportReason, "Social Support: Support for Social Isolation/Other"},
		{PrimarySupportReason, "Social Support: Support to Carer"},
		{AccommodationStatus, "Tenant: Local authority or other social housing provider"},
		{AccommodationStatus, "Placed in temporary accommodation by the council (inc. homelessness resettlement)"},
		{AccommodationStatus, "Prison, young offenders institution or detention centre"},
		{RouteOfAccess, "Community / Other route"},
		{RouteOfAccess, "Self-Funder"},
		{RouteOfAccess, "Transfer from Other LA"},
		{Religion, "Any other religion"},
		{SexualOrientation, "Straight or heterosexual"},
		{Disability, "Yes, limited a lot"},
		{Relationship, "Spouse or partner"},
		{LegalAuthority, "Lasting power of attorney: property and financial affairs"},
		{ConsentScope, "Share with family and people who matter"},
	}
	for _, tt := range tests {
		if !tt.list.Has(tt.value) {
			t.Errorf("%s does not have %q", tt.list.Name, tt.value)
		}
	}
	// Release 1 and near-miss spellings must not pass.
	absent := []struct {
		list  List
		value string
	}{
		{Ethnicity, "White - Irish"},
		{Ethnicity, "No data: Undeclared or Not known"},
		{ClientType, "Service User"},
		{ClientType, "Carer"},
		{AccommodationStatus, "Rough sleeper / squatting"},
		{RouteOfAccess, "Community/Other route"},
		{Gender, "unknown"},
		{Gender, "Not known"},
	}
	for _, tt := range absent {
		if tt.list.Has(tt.value) {
			t.Errorf("%s has %q", tt.list.Name, tt.value)
		}
	}
	if !Ethnicity.Has(EthnicityPreferNotToSay) || !RouteOfAccess.Has(RouteOfAccessDefault) {
		t.Error("a named constant is not in its list")
	}
}

func TestWholeLists(t *testing.T) {
	tests := []struct {
		list List
		want []string
	}{
		{Gender, []string{"Male", "Female", "Other", "Unknown"}},
		{ClientType, []string{"Service user", "Unpaid carer", "Unpaid carer known by association"}},
		{RouteOfAccess, []string{
			"Planned Entry (Transition)", "Discharge from Hospital", "Diversion from Hospital Services",
			"Community / Other route", "Prison", "Self-Funder", "Discharge from Reablement", "Transfer from Other LA",
		}},
		{LegalAuthority, []string{
			"", "Lasting power of attorney: health and welfare",
			"Lasting power of attorney: property and financial affairs", "Court-appointed deputy",
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.list.Values()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.list.Name, diff)
		}
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		list        List
		value, want string
	}{
		{Gender, "Unknown", "Not known"},
		{Gender, "Female", "Female"},
		{Ethnicity, "No data: Refused", "Prefer not to say"},
		{Ethnicity, "White: Irish", "White: Irish"},
		{LegalAuthority, "", "None"},
		{Ethnicity, "White - Irish", "White - Irish"}, // an old R1 value reads as it was stored
	}
	for _, tt := range tests {
		if got := tt.list.Label(tt.value); got != tt.want {
			t.Errorf("%s.Label(%q) = %q, want %q", tt.list.Name, tt.value, got, tt.want)
		}
	}
}

func TestGroups(t *testing.T) {
	var got []string
	for _, g := range Ethnicity.Groups() {
		got = append(got, g.Name)
	}
	want := []string{
		"White", "Mixed or multiple ethnic groups", "Asian or Asian British",
		"Black, Black British, Caribbean or African", "Other ethnic group", "No data",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Ethnicity groups (-want +got):\n%s", diff)
	}
	sizes := map[string]int{}
	for _, g := range Ethnicity.Groups() {
		sizes[g.Name] = len(g.Codes)
		for _, c := range g.Codes {
			if c.Group != g.Name {
				t.Errorf("%q is in group %q, want %q", c.Value, g.Name, c.Group)
			}
		}
	}
	wantSizes := map[string]int{
		"White": 5, "Mixed or multiple ethnic groups": 4, "Asian or Asian British": 5,
		"Black, Black British, Caribbean or African": 3, "Other ethnic group": 2, "No data": 2,
	}
	if diff := cmp.Diff(wantSizes, sizes); diff != "" {
		t.Errorf("Ethnicity group sizes (-want +got):\n%s", diff)
	}

	flat := Gender.Groups()
	if len(flat) != 1 || flat[0].Name != "" || len(flat[0].Codes) != len(Gender.Codes) {
		t.Errorf("Gender.Groups() = %+v, want one unnamed group of every code", flat)
	}
}

func TestAccommodationSettled(t *testing.T) {
	settled := 0
	for _, v := range AccommodationStatus.Values() {
		if AccommodationSettled(v) {
			settled++
		}
	}
	if settled != 9 {
		t.Errorf("%d settled values, want 9", settled)
	}
	tests := map[string]bool{
		"Owner occupier or shared ownership scheme":                      true,
		"Mobile accommodation for Gypsy, Roma and Traveller communities": true,
		"Shared Lives scheme":                                            true,
		"Registered care home":                                           false,
		"Unknown":                                                        false,
		"Unknown: presumed at home":                                      false,
		"":                                                               false,
	}
	for v, want := range tests {
		if got := AccommodationSettled(v); got != want {
			t.Errorf("AccommodationSettled(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	l, ok := Lookup("primary_support_reason")
	if !ok || len(l.Codes) != 12 {
		t.Errorf("Lookup(primary_support_reason) = %d codes, %v", len(l.Codes), ok)
	}
	if _, ok := Lookup("no_such_list"); ok {
		t.Error("Lookup found a list that does not exist")
	}
}
