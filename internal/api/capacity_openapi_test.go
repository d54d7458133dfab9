package api_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/advocacy"
	"github.com/golden-thread/goldenthread/internal/capacity"
	"github.com/golden-thread/goldenthread/internal/duties"
)

// TestCapacityOpenAPIMatchesTheAPI checks the mental capacity and advocacy fragment's enums and keyed objects against
// the rules' own values. Its schemas are checked against the Go types by TestOpenAPISchemasMatchTheGoTypes.
func TestCapacityOpenAPIMatchesTheAPI(t *testing.T) {
	t.Parallel()
	doc := openAPI(t)
	checkEnums(t, doc, capacityEnums())
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
	for pointer, want := range map[string][]string{
		"#/components/schemas/CapacityAssessment/properties/abilities/properties":    values(capacity.Abilities()...),
		"#/components/schemas/BestInterestsDecision/properties/checklist/properties": values(capacity.Items()...),
		"#/components/schemas/AdvocacyNeeds/properties/difficulties/properties":      values(advocacy.Areas()...),
	} {
		if diff := cmp.Diff(sorted(want), keys(pointer)); diff != "" {
			t.Errorf("%s (-rules +document):\n%s", pointer, diff)
		}
	}
	if kinds := advocacy.Kinds(); duties.IMCA != kinds[len(kinds)-1] {
		t.Errorf("the IMCA kind is not among the advocacy kinds: %v", kinds)
	}
}

// capacityEnums are the values the mental capacity and advocacy rules allow in each field the fragment lists
// values for.
func capacityEnums() []enumRule {
	str := func(vs ...string) []string { return vs }
	yesNo := str("", string(capacity.Yes), string(capacity.No))
	return []enumRule{
		{"#/components/schemas/CapacityAssessment/properties/decision_type/enum", values(capacity.DecisionTypes()...)},
		{"#/components/schemas/CapacityAssessment/properties/result/enum", values(capacity.HasCapacity, capacity.LacksCapacity)},
		{"#/components/schemas/CapacityAssessment/properties/impairment/enum", yesNo},
		{"#/components/schemas/CapacityAssessment/properties/causal_link/enum", yesNo},
		{"#/components/schemas/CapacityAssessment/properties/anyone_to_consult/enum", yesNo},
		{"#/components/schemas/CapacityAssessment/properties/mha_residence/enum", yesNo},
		{"#/components/schemas/AbilityFinding/properties/state/enum", str(capacity.Able, capacity.Unable)},
		{"#/components/schemas/ChecklistItem/properties/state/enum", str(capacity.Considered, capacity.NotApplicable)},
		{"#/components/schemas/Consultee/properties/category/enum", values(capacity.Categories()...)},
		{"#/components/schemas/IMCADuty/properties/section/enum", str("", "MCA s37", "MCA s38", "MCA s39")},
		{"#/components/schemas/AdvocacyNeeds/properties/passes/items/enum", values(advocacy.Checks()...)},
		{"#/components/schemas/AdvocacyNeeds/properties/processes/items/enum", values(advocacy.Processes()...)},
		{"#/components/schemas/AdvocacyNeeds/properties/advocates_due/items/enum", values(advocacy.Processes()...)},
		{"#/components/schemas/AdvocacyReferral/properties/advocate_type/enum", values(advocacy.CareActAdvocate, advocacy.IMCA)},
		{"#/components/schemas/RequiredAction/properties/kind/enum", values(advocacy.Kinds()...)},
	}
}
