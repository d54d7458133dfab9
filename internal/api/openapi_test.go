package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/conversations"
	"github.com/golden-thread/goldenthread/internal/outcomes"
	"github.com/golden-thread/goldenthread/internal/plans"
	"github.com/golden-thread/goldenthread/internal/reviews"
	"github.com/golden-thread/goldenthread/internal/strengths"
)

// openAPI fetches the OpenAPI document from the API, with no member of staff signed in.
func openAPI(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPIBytes(t), &doc); err != nil {
		t.Fatalf("the OpenAPI document is not JSON: %v", err)
	}
	return doc
}

// openAPIBytes is the OpenAPI document as the API serves it.
func openAPIBytes(t *testing.T) []byte {
	t.Helper()
	a := api.New(nil, nil)
	mux := http.NewServeMux()
	a.Register(mux.Handle, func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Errorf("%s %s went through the bearer middleware", r.Method, r.URL)
		})
	})
	w := (&fixture{t: t, handler: mux}).do("GET", api.OpenAPIPath, "", "", nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET %s: %d %s", api.OpenAPIPath, w.Code, w.Header().Get("Content-Type"))
	}
	return w.Body.Bytes()
}

func TestOpenAPIDocument(t *testing.T) {
	t.Parallel()
	doc := openAPI(t)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	paths, _ := doc["paths"].(map[string]any)

	// Every route is described, and everything described is a route.
	var registered, described []string
	for _, p := range api.New(nil, nil).Patterns() {
		method, path, _ := strings.Cut(p, " ")
		registered = append(registered, strings.ToLower(method)+" "+path)
	}
	methods := []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
	for path, item := range paths {
		for method, op := range item.(map[string]any) {
			if !slices.Contains(methods, method) {
				continue
			}
			described = append(described, method+" "+path)
			checkOperation(t, method+" "+path, op.(map[string]any))
		}
	}
	slices.Sort(registered)
	slices.Sort(described)
	if diff := cmp.Diff(registered, described); diff != "" {
		t.Errorf("routes registered (-) and described (+) differ:\n%s", diff)
	}

	// Every reference leads somewhere.
	var refs []string
	walk(doc, func(m map[string]any) {
		if ref, ok := m["$ref"].(string); ok {
			refs = append(refs, ref)
		}
	})
	if len(refs) == 0 {
		t.Error("no $ref in the document")
	}
	for _, ref := range refs {
		if resolve(doc, ref) == nil {
			t.Errorf("%s leads nowhere", ref)
		}
	}

	schemes, _ := resolve(doc, "#/components/securitySchemes/bearerAuth").(map[string]any)
	if schemes["type"] != "http" || schemes["scheme"] != "bearer" {
		t.Errorf("bearerAuth = %v", schemes)
	}
}

// checkOperation checks that an operation has an ID, says which token it needs, and answers errors with problem
// documents.
func checkOperation(t *testing.T, name string, op map[string]any) {
	t.Helper()
	if op["operationId"] == nil || op["summary"] == nil {
		t.Errorf("%s has no operationId or summary", name)
	}
	responses, _ := op["responses"].(map[string]any)
	if len(responses) == 0 {
		t.Errorf("%s has no responses", name)
	}
	if name == "get "+api.OpenAPIPath {
		if sec, ok := op["security"].([]any); !ok || len(sec) != 0 {
			t.Errorf("%s should need no token: security = %v", name, op["security"])
		}
		return
	}
	if op["security"] != nil {
		t.Errorf("%s should use the document's bearerAuth", name)
	}
	if responses["401"] == nil || responses["500"] == nil {
		t.Errorf("%s does not describe 401 and 500", name)
	}
}

// TestOpenAPIMatchesTheAPI checks the document against the problem documents and code lists it describes. Its
// schemas are checked against the Go types by TestOpenAPISchemasMatchTheGoTypes.
func TestOpenAPIMatchesTheAPI(t *testing.T) {
	t.Parallel()
	doc := openAPI(t)
	problem, _ := resolve(doc, "#/components/schemas/Problem/properties").(map[string]any)
	for _, field := range []string{"type", "title", "status", "detail", "instance", "errors"} {
		if problem[field] == nil {
			t.Errorf("Problem does not describe %s", field)
		}
	}

	// Each code list field lists the code list's values, after the empty string for "not recorded".
	gender, _ := resolve(doc, "#/components/schemas/Person/properties/gender/enum").([]any)
	want := []any{""}
	for _, v := range codelists.Gender.Values() {
		want = append(want, v)
	}
	if diff := cmp.Diff(want, gender); diff != "" {
		t.Errorf("gender enum (-want +got):\n%s", diff)
	}
	n := 0
	walk(doc, func(m map[string]any) {
		if name, ok := m["x-codelist"].(string); ok {
			n++
			if _, found := codelists.Lookup(name); !found {
				t.Errorf("x-codelist %q is not a code list", name)
			}
		}
	})
	if n < 20 {
		t.Errorf("%d fields name a code list, want at least 10", n)
	}
}

// TestOpenAPIEnumsMatchTheRules checks that every value a field may take, as the document lists it, is a value the
// domain's rules accept, and that none is left out.
func TestOpenAPIEnumsMatchTheRules(t *testing.T) {
	t.Parallel()
	doc := openAPI(t)
	checkEnums(t, doc, threadEnums())
	// The golden thread's code list fields list their code list's values.
	for pointer, list := range map[string]codelists.List{
		"#/components/schemas/Contact/properties/route_of_access/enum":              codelists.RouteOfAccess,
		"#/components/schemas/Contact/properties/channel/enum":                      codelists.ContactChannel,
		"#/components/schemas/Ending/properties/result/enum":                        codelists.EventOutcome,
		"#/components/schemas/Service/properties/frequency/enum":                    codelists.CostFrequency,
		"#/components/schemas/Service/properties/service_type/enum":                 codelists.ServiceType,
		"#/components/schemas/Outcome/properties/wellbeing_areas/items/enum":        codelists.WellbeingArea,
		"#/components/schemas/SittingOutcome/properties/wellbeing_areas/items/enum": codelists.WellbeingArea,
		"#/components/schemas/PlanService/properties/service_type/enum":             codelists.ServiceType,
		"#/components/schemas/Review/properties/reason/enum":                        codelists.ReviewReason,
		"#/components/schemas/ReviewSummary/properties/reason/enum":                 codelists.ReviewReason,
		"#/components/schemas/HoldReview/properties/method/enum":                    codelists.MethodOfAssessment,
		"#/components/schemas/HoldReview/properties/reason/enum":                    codelists.ReviewReason,
		// Safeguarding
		"#/components/schemas/RaiseConcern/properties/types/items/enum":     codelists.SafeguardingRiskType,
		"#/components/schemas/RaiseConcern/properties/locations/items/enum": codelists.SafeguardingLocation,
		"#/components/schemas/RaiseConcern/properties/sources/items/enum":   codelists.SafeguardingSource,
		"#/components/schemas/Concern/properties/types/items/enum":          codelists.SafeguardingRiskType,
	} {
		raw, _ := resolve(doc, pointer).([]any)
		var want []any
		for _, v := range list.Values() {
			want = append(want, v)
		}
		if diff := cmp.Diff(want, raw); diff != "" {
			t.Errorf("%s (-code list +document):\n%s", pointer, diff)
		}
	}
	// A review's method and outcome are empty until it is held; a review is held with no outcome (null) to have it
	// worked out from the ratings.
	for pointer, first := range map[string]any{
		"#/components/schemas/Review/properties/method/enum":                "",
		"#/components/schemas/Review/properties/review_outcome/enum":        "",
		"#/components/schemas/ReviewSummary/properties/review_outcome/enum": "",
		"#/components/schemas/HoldReview/properties/review_outcome/enum":    nil,
	} {
		list := codelists.ReviewOutcome
		if strings.Contains(pointer, "method") {
			list = codelists.MethodOfAssessment
		}
		raw, _ := resolve(doc, pointer).([]any)
		want := []any{first}
		for _, v := range list.Values() {
			want = append(want, v)
		}
		if diff := cmp.Diff(want, raw); diff != "" {
			t.Errorf("%s (-code list +document):\n%s", pointer, diff)
		}
	}
}

// threadEnums are the values the golden thread's rules allow in each field the document lists values for.
func threadEnums() []enumRule {
	var rungs []string
	for _, r := range plans.AllRungs() {
		rungs = append(rungs, r.String())
	}
	withEmpty := func(vs []string) []string { return append(slices.Clone(vs), "") }
	outcomeStatuses, serviceStatuses := values(outcomes.Statuses()...), values(plans.ServiceStatuses()...)
	terms := values(outcomes.ShortTerm, outcomes.LongTerm)
	planStatuses := values(plans.PlanDraft, plans.PlanAgreed, plans.PlanSuperseded)
	agreedHows, serviceDecisions := values(plans.AgreedHows()...), values(reviews.ServiceDecisions()...)
	reviewStatuses := []string{reviews.StatusScheduled, reviews.StatusCompleted}
	dueStatuses := withEmpty(values(reviews.NotScheduled, reviews.NotDue, reviews.Due, reviews.Overdue))
	return []enumRule{
		{"#/components/schemas/Solution/properties/rung/enum", rungs},
		{"#/components/schemas/SittingOutcome/properties/solutions/items/properties/rung/enum", rungs},
		{"#/components/schemas/Strength/properties/kind/enum", values(strengths.Kinds()...)},
		{"#/components/schemas/Connection/properties/link/enum", values(strengths.Links()...)},
		{"#/components/schemas/EpisodeStep/properties/status/enum", values(conversations.StepStatuses()...)},
		{"#/components/schemas/Conversation/properties/method/enum", values(conversations.Methods()...)},
		{"#/components/schemas/Conversation/properties/place/enum", withEmpty(values(conversations.Places()...))},
		{"#/components/schemas/ConversationSitting/properties/method/enum", values(conversations.Methods()...)},
		{"#/components/schemas/ConversationSitting/properties/place/enum", withEmpty(values(conversations.Places()...))},
		{"#/components/schemas/Contact/properties/contact_by/enum", values(conversations.ContactBys()...)},
		{"#/components/schemas/EligibilityOutcome/properties/ways/items/enum", values(conversations.Adult.Ways()...)},
		{"#/components/schemas/Outcome/properties/status/enum", withEmpty(outcomeStatuses)},
		{"#/components/schemas/Outcome/properties/missing/items/enum", values(outcomes.Outcome{}.MissingSMART()...)},
		{"#/components/schemas/SittingOutcome/properties/status/enum", withEmpty(outcomeStatuses)},
		{"#/components/schemas/SittingOutcome/properties/missing/items/enum", values(outcomes.Outcome{}.MissingSMART()...)},
		{"#/components/schemas/Service/properties/status/enum", serviceStatuses},
		{"#/components/schemas/Decision/properties/decision/enum", values(plans.DecideAuthorise, plans.DecideDecline)},
		{"#/components/schemas/Aspiration/properties/term/enum", terms},
		{"#/components/schemas/Determination/properties/kind/enum", values(conversations.Adult, conversations.Carer)},
		{"#/components/schemas/Plan/properties/status/enum", planStatuses},
		{"#/components/schemas/PlanSummary/properties/status/enum", planStatuses},
		{"#/components/schemas/Plan/properties/agreed_how/enum", withEmpty(agreedHows)},
		{"#/components/schemas/PlanSummary/properties/agreed_how/enum", withEmpty(agreedHows)},
		{"#/components/schemas/Agreement/properties/agreed_how/enum", agreedHows},
		{"#/components/schemas/PlanAspiration/properties/term/enum", terms},
		{"#/components/schemas/PlanOutcome/properties/status/enum", outcomeStatuses},
		{"#/components/schemas/PlanSolution/properties/rung/enum", rungs},
		{"#/components/schemas/PlanService/properties/status/enum", serviceStatuses},
		{"#/components/schemas/PlanStrength/properties/kind/enum", values(strengths.Kinds()...)},
		{"#/components/schemas/Review/properties/status/enum", reviewStatuses},
		{"#/components/schemas/ReviewSummary/properties/status/enum", reviewStatuses},
		{"#/components/schemas/Review/properties/due_status/enum", dueStatuses},
		{"#/components/schemas/ReviewSummary/properties/due_status/enum", dueStatuses},
		{"#/components/schemas/ReviewDecision/properties/decision/enum", withEmpty(serviceDecisions)},
		{"#/components/schemas/HeldDecision/properties/decision/enum", serviceDecisions},
	}
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
})

func walk(v any, fn func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		fn(v)
		for _, c := range v {
			walk(c, fn)
		}
	case []any:
		for _, c := range v {
			walk(c, fn)
		}
	}
}

// resolve follows a local JSON Pointer reference, such as "#/components/schemas/Person" or ".../allOf/1".
func resolve(doc map[string]any, ref string) any {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = doc
	for _, part := range strings.Split(rest, "/") {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		switch c := cur.(type) {
		case map[string]any:
			if cur, ok = c[part]; !ok {
				return nil
			}
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}
