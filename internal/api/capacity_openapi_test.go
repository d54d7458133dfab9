package api_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/duties"
)

// TestCapacityOpenAPIMatchesTheAPI checks the mental capacity and advocacy fragment against the Go types, and each
// enum against the rules' own values.
func TestCapacityOpenAPIMatchesTheAPI(t *testing.T) {
	t.Parallel()
	doc := openAPI(t)
	for schema, v := range map[string]any{
		"AbilityFinding": api.AbilityFinding{}, "IMCADuty": api.IMCADuty{}, "CapacityAssessment": api.CapacityAssessment{},
		"ChecklistItem": api.ChecklistItem{}, "Consultee": api.Consultee{}, "BestInterestsOption": api.BestInterestsOption{},
		"BestInterestsDecision": api.BestInterestsDecision{}, "Difficulty": api.Difficulty{}, "AdvocacyNeeds": api.AdvocacyNeeds{},
		"AdvocacyReferral": api.AdvocacyReferral{}, "RequiredAction": api.RequiredAction{},
	} {
		props, _ := resolve(doc, "#/components/schemas/"+schema+"/properties").(map[string]any)
		var described []string
		for name := range props {
			described = append(described, name)
		}
		if diff := cmp.Diff(jsonFields(t, v), described, cmpSorted); diff != "" {
			t.Errorf("%s: JSON fields (-) and schema properties (+) differ:\n%s", schema, diff)
		}
	}
	str := func(vs ...string) []string { return vs }
	var types, abilities, items, categories, areas, checks, processes []string
	for _, v := range capacity.DecisionTypes() {
		types = append(types, string(v))
	}
	for _, v := range capacity.Abilities() {
		abilities = append(abilities, string(v))
	}
	for _, v := range capacity.Items() {
		items = append(items, string(v))
	}
	for _, v := range capacity.Categories() {
		categories = append(categories, string(v))
	}
	for _, v := range advocacy.Areas() {
		areas = append(areas, string(v))
	}
	for _, v := range advocacy.Checks() {
		checks = append(checks, string(v))
	}
	for _, v := range advocacy.Processes() {
		processes = append(processes, string(v))
	}
	var kinds []string
	for _, k := range advocacy.Kinds() {
		kinds = append(kinds, string(k))
	}
	keys := func(pointer string) []string {
		m, _ := resolve(doc, pointer).(map[string]any)
		var out []string
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	sorted := func(in []string) []string { out := slices.Clone(in); slices.Sort(out); return out }
	for _, tt := range []struct {
		pointer string
		want    []string
	}{
		{"#/components/schemas/CapacityAssessment/properties/decision_type/enum", types},
		{"#/components/schemas/CapacityAssessment/properties/result/enum", str(string(capacity.HasCapacity), string(capacity.LacksCapacity))},
		{"#/components/schemas/CapacityAssessment/properties/impairment/enum", str("", string(capacity.Yes), string(capacity.No))},
		{"#/components/schemas/AbilityFinding/properties/state/enum", str(capacity.Able, capacity.Unable)},
		{"#/components/schemas/ChecklistItem/properties/state/enum", str(capacity.Considered, capacity.NotApplicable)},
		{"#/components/schemas/Consultee/properties/category/enum", categories},
		{"#/components/schemas/AdvocacyNeeds/properties/passes/items/enum", checks},
		{"#/components/schemas/AdvocacyNeeds/properties/processes/items/enum", processes},
		{"#/components/schemas/AdvocacyReferral/properties/advocate_type/enum", str(string(advocacy.CareActAdvocate), string(advocacy.IMCA))},
		{"#/components/schemas/RequiredAction/properties/kind/enum", kinds},
	} {
		raw, _ := resolve(doc, tt.pointer).([]any)
		var got []string
		for _, v := range raw {
			s, _ := v.(string)
			got = append(got, s)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-rules +document):\n%s", tt.pointer, diff)
		}
	}
	for pointer, want := range map[string][]string{
		"#/components/schemas/CapacityAssessment/properties/abilities/properties":    abilities,
		"#/components/schemas/BestInterestsDecision/properties/checklist/properties": items,
		"#/components/schemas/AdvocacyNeeds/properties/difficulties/properties":      areas,
	} {
		if diff := cmp.Diff(sorted(want), keys(pointer)); diff != "" {
			t.Errorf("%s (-rules +document):\n%s", pointer, diff)
		}
	}
	if string(duties.IMCA) != kinds[len(kinds)-1] {
		t.Errorf("the IMCA kind is not among the advocacy kinds: %v", kinds)
	}
}
