package api_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/safeguarding"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// enumRule is the list of values a rule allows in one field, at a JSON Pointer into the OpenAPI document.
type enumRule struct {
	pointer string
	want    []string
}

// checkEnums checks that each field's list of values in the document is the rule's, in the rule's order.
func checkEnums(t *testing.T, doc map[string]any, rules []enumRule) {
	t.Helper()
	for _, r := range rules {
		raw, _ := resolve(doc, r.pointer).([]any)
		var got []string
		for _, v := range raw {
			if v == nil {
				v = ""
			}
			got = append(got, fmt.Sprint(v)) // a number, such as a baseline level, as it is written
		}
		if diff := cmp.Diff(r.want, got); diff != "" {
			t.Errorf("%s (-rules +document):\n%s", r.pointer, diff)
		}
	}
}

// values turns a rule's typed values into the strings the API sends.
func values[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// TestEveryEnumFollowsARule checks the lists of values of people, problems, services and safeguarding against their
// rules, and that every list of values in the document is checked against a rule here or in another test (or is a
// code list's, filled in from package codelists), so that a list added to the document cannot drift from the code.
func TestEveryEnumFollowsARule(t *testing.T) {
	t.Parallel()
	doc := openAPI(t)
	checkEnums(t, doc, foundationEnums())
	checkEnums(t, doc, safeguardingEnums())
	checked := map[string]bool{}
	for _, rules := range [][]enumRule{threadEnums(), capacityEnums(), riskEnums(), auditEnums(), supervisionEnums(), measureEnums(), foundationEnums(), safeguardingEnums(), communityEnums(), learningEnums(), practiceStudyEnums(), programmeEnums(), kpiEnums(), discoveryEnums(), networkEnums(), networkWorkEnums()} {
		for _, r := range rules {
			if checked[r.pointer] {
				t.Errorf("%s is checked twice", r.pointer)
			}
			checked[r.pointer] = true
		}
	}
	var walkAt func(pointer string, v any)
	walkAt = func(pointer string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["enum"]; ok && v["x-codelist"] == nil && !checked[pointer+"/enum"] {
				t.Errorf("%s/enum is checked against no rule", pointer)
			}
			for k, c := range v {
				walkAt(pointer+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(k), c)
			}
		case []any:
			for i, c := range v {
				walkAt(pointer+"/"+strconv.Itoa(i), c)
			}
		}
	}
	walkAt("#/components/schemas", resolve(doc, "#/components/schemas"))
	for pointer := range checked {
		if resolve(doc, pointer) == nil {
			t.Errorf("%s is checked, and is not in the document", pointer)
		}
	}
}

// foundationEnums are the values the rules allow in the fields of people, problems, outcomes, connections and
// services that the document lists values for, beyond the golden thread's (threadEnums).
func foundationEnums() []enumRule {
	levels := func(ls ...outcomes.Level) []string {
		out := make([]string, len(ls))
		for i, l := range ls {
			out[i] = fmt.Sprint(int(l))
		}
		return out
	}
	baselines := levels(outcomes.Expected, outcomes.Less, outcomes.MuchLess) // 0 when not set
	return []enumRule{
		{"#/components/schemas/Person/properties/information_formats/items/enum", []string{people.EasyRead, people.LargePrint}},
		// The API writes a consent not asked as "not_asked", and takes "" for it too.
		{"#/components/schemas/Person/properties/consent_to_share/enum", []string{string(people.ConsentGiven), string(people.ConsentRefused), "not_asked", string(people.ConsentNotAsked)}},
		{"#/components/schemas/PersonSummary/properties/access/enum", []string{api.AccessAllocated, api.AccessWholeCouncil, api.AccessGranted, api.AccessBreakGlassNeeded, api.AccessBrokenGlass}},
		{"#/components/schemas/PossibleDuplicateProblem/allOf/1/properties/type/enum", []string{api.TypePossibleDuplicate, api.TypeNHSNumberRecorded}},
		{"#/components/schemas/Duplicate/properties/match/enum", values(people.SameNHSNumber, people.SameNameAndBirth)},
		{"#/components/schemas/Connection/properties/kind/enum", values(strengths.ToPerson, strengths.ToCommunity)},
		{"#/components/schemas/Outcome/properties/baseline/enum", baselines},
		{"#/components/schemas/SittingOutcome/properties/baseline/enum", baselines},
		{"#/components/schemas/PlanOutcome/properties/baseline/enum", baselines},
		{"#/components/schemas/Rating/properties/baseline/enum", baselines},
		// The API writes plans.Pending, kept as an empty string, as "pending".
		{"#/components/schemas/Authorisation/properties/decision/enum", []string{"pending", string(plans.DecideAuthorise), string(plans.DecideDecline), string(plans.Withdrawn)}},
		{"#/components/schemas/DirectPayment/properties/managed_by/enum", values(plans.Managers()...)},
		{"#/components/schemas/DirectPayment/properties/pays_for/items/enum", values(plans.Uses()...)},
		{"#/components/schemas/DirectPayment/properties/status/enum", values(plans.PaymentActive, plans.PaymentSuspended, plans.PaymentEnded)},
	}
}

// safeguardingEnums are the values the safeguarding rules allow in each field the fragment lists values for.
func safeguardingEnums() []enumRule {
	yesNo := values(safeguarding.Yes, safeguarding.No)
	yesNoNotKnown := append(values(safeguarding.Yes, safeguarding.No, safeguarding.NotKnown), "")
	results := values(safeguarding.Section42, safeguarding.Other, safeguarding.None)
	return []enumRule{
		{"#/components/schemas/ConcernSummary/properties/decision/enum", append([]string{""}, results...)},
		{"#/components/schemas/Section42Decision/properties/needs/enum", yesNo},
		{"#/components/schemas/Section42Decision/properties/abuse/enum", yesNo},
		{"#/components/schemas/Section42Decision/properties/unable/enum", yesNo},
		{"#/components/schemas/Section42Decision/properties/result/enum", results},
		{"#/components/schemas/SafeguardingEnquiry/properties/kind/enum", values(safeguarding.Section42, safeguarding.Other)},
		{"#/components/schemas/InvolvedPerson/properties/role/enum", values(safeguarding.Involvements()...)},
		{"#/components/schemas/DecideConcern/properties/needs/enum", yesNo},
		{"#/components/schemas/DecideConcern/properties/abuse/enum", yesNo},
		{"#/components/schemas/DecideConcern/properties/unable/enum", yesNo},
		// The choice when not every criterion is met; empty when they all are, and the enquiry is under section 42.
		{"#/components/schemas/DecideConcern/properties/choice/enum", values("", safeguarding.Other, safeguarding.None)},
		{"#/components/schemas/AllegedPerson/properties/alleged/enum", yesNo},
		{"#/components/schemas/AllegedPerson/properties/position_of_trust/enum", yesNoNotKnown},
		{"#/components/schemas/AllegedPerson/properties/adult_at_risk/enum", yesNoNotKnown},
	}
}
