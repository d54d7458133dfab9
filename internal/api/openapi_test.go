package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
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

// TestOpenAPIMatchesTheAPI checks the document against the Go types and code lists it describes.
func TestOpenAPIMatchesTheAPI(t *testing.T) {
	t.Parallel()
	doc := openAPI(t)
	for schema, v := range map[string]any{
		"Person": api.Person{}, "NetworkMember": api.NetworkMember{}, "PersonSummary": api.PersonSummary{},
		"Duplicate": api.Duplicate{}, "SearchResults": api.SearchResults{}, "FieldError": api.FieldError{},
		"Contact": api.Contact{}, "Episode": api.Episode{}, "EpisodeStep": api.EpisodeStep{}, "Ending": api.Ending{},
		"Conversation": api.Conversation{}, "ConversationSections": api.ConversationSections{}, "Section": api.Section{},
		"Determination": api.Determination{}, "EligibilityOutcome": api.EligibilityOutcome{}, "Strength": api.Strength{},
		"Connection": api.Connection{}, "Aspiration": api.Aspiration{}, "Outcome": api.Outcome{}, "Solution": api.Solution{},
		"Service": api.Service{}, "Authorisation": api.Authorisation{}, "Decision": api.Decision{},
		"PlanSummary": api.PlanSummary{}, "Plan": api.Plan{}, "PlanSnapshot": api.PlanSnapshot{}, "PlanAspiration": api.PlanAspiration{},
		"PlanOutcome": api.PlanOutcome{}, "PlanSolution": api.PlanSolution{}, "PlanService": api.PlanService{},
		"PlanStrength": api.PlanStrength{}, "Agreement": api.Agreement{}, "ReviewSummary": api.ReviewSummary{}, "Review": api.Review{},
		"Rating": api.Rating{}, "ReviewDecision": api.ReviewDecision{}, "NextReview": api.NextReview{}, "HoldReview": api.HoldReview{},
		"HeldRating": api.HeldRating{}, "HeldDecision": api.HeldDecision{},
		// Safeguarding (openapi/safeguarding.json)
		"ConcernSummary": api.ConcernSummary{}, "Concern": api.Concern{}, "Section42Decision": api.Section42Decision{},
		"SafeguardingEnquiry": api.SafeguardingEnquiry{}, "DesiredOutcome": api.DesiredOutcome{}, "InvolvedPerson": api.InvolvedPerson{},
		"EnquiryStep": api.EnquiryStep{}, "RaiseConcern": api.RaiseConcern{}, "ConcernRaised": api.ConcernRaised{},
		"DecideConcern": api.DecideConcern{}, "SafeguardingCount": api.SafeguardingCount{}, "SafeguardingSummaryBody": api.SafeguardingSummaryBody{},
		// Risks, crisis and family group conferences (openapi/risks.json)
		"Risk": api.Risk{}, "RiskMitigation": api.RiskMitigation{}, "RiskAgreer": api.RiskAgreer{}, "RiskReview": api.RiskReview{},
		"EpisodeCrisis": api.EpisodeCrisis{}, "Crisis": api.Crisis{}, "CrisisReview": api.CrisisReview{}, "MarkCrisis": api.MarkCrisis{},
		"ReviewCrisis": api.ReviewCrisis{}, "Conference": api.Conference{}, "ConferenceInvitee": api.ConferenceInvitee{},
		"FamilyPlanItem": api.FamilyPlanItem{}, "ReferConference": api.ReferConference{}, "ConferenceHeld": api.ConferenceHeld{},
		"ReviewConference": api.ReviewConference{}, "FamilyPlanItemReview": api.FamilyPlanItemReview{},
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
	strs := func(vs ...fmt.Stringer) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = v.String()
		}
		return out
	}
	asStrings := func(n int, f func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	var rungs []fmt.Stringer
	for _, r := range plans.AllRungs() {
		rungs = append(rungs, r)
	}
	kinds, links := strengths.Kinds(), strengths.Links()
	steps, methods, places := conversations.StepStatuses(), conversations.Methods(), conversations.Places()
	adultWays, statuses, serviceStatuses := conversations.Adult.Ways(), outcomes.Statuses(), plans.ServiceStatuses()
	missing := outcomes.Outcome{}.MissingSMART()
	planStatuses := []string{string(plans.PlanDraft), string(plans.PlanAgreed), string(plans.PlanSuperseded)}
	hows, decisions := plans.AgreedHows(), reviews.ServiceDecisions()
	agreedHows := asStrings(len(hows), func(i int) string { return string(hows[i]) })
	serviceDecisions := asStrings(len(decisions), func(i int) string { return string(decisions[i]) })
	reviewStatuses := []string{reviews.StatusScheduled, reviews.StatusCompleted}
	dueStatuses := []string{string(reviews.NotScheduled), string(reviews.NotDue), string(reviews.Due), string(reviews.Overdue), ""}
	strengthKinds := asStrings(len(kinds), func(i int) string { return string(kinds[i]) })
	outcomeStatuses := asStrings(len(statuses), func(i int) string { return string(statuses[i]) })
	serviceStatusValues := asStrings(len(serviceStatuses), func(i int) string { return string(serviceStatuses[i]) })
	for _, tt := range []struct {
		pointer string
		want    []string
	}{
		{"#/components/schemas/Solution/properties/rung/enum", strs(rungs...)},
		{"#/components/schemas/Strength/properties/kind/enum", asStrings(len(kinds), func(i int) string { return string(kinds[i]) })},
		{"#/components/schemas/Connection/properties/link/enum", asStrings(len(links), func(i int) string { return string(links[i]) })},
		{"#/components/schemas/EpisodeStep/properties/status/enum", asStrings(len(steps), func(i int) string { return string(steps[i]) })},
		{"#/components/schemas/Conversation/properties/method/enum", asStrings(len(methods), func(i int) string { return string(methods[i]) })},
		{"#/components/schemas/Conversation/properties/place/enum", append(asStrings(len(places), func(i int) string { return string(places[i]) }), "")},
		{"#/components/schemas/Contact/properties/contact_by/enum", asStrings(len(conversations.ContactBys()), func(i int) string { return string(conversations.ContactBys()[i]) })},
		{"#/components/schemas/EligibilityOutcome/properties/ways/items/enum", asStrings(len(adultWays), func(i int) string { return string(adultWays[i]) })},
		{"#/components/schemas/Outcome/properties/status/enum", append(asStrings(len(statuses), func(i int) string { return string(statuses[i]) }), "")},
		{"#/components/schemas/Outcome/properties/missing/items/enum", asStrings(len(missing), func(i int) string { return string(missing[i]) })},
		{"#/components/schemas/Service/properties/status/enum", asStrings(len(serviceStatuses), func(i int) string { return string(serviceStatuses[i]) })},
		{"#/components/schemas/Decision/properties/decision/enum", []string{string(plans.DecideAuthorise), string(plans.DecideDecline)}},
		{"#/components/schemas/Aspiration/properties/term/enum", []string{string(outcomes.ShortTerm), string(outcomes.LongTerm)}},
		{"#/components/schemas/Determination/properties/kind/enum", []string{string(conversations.Adult), string(conversations.Carer)}},
		{"#/components/schemas/Plan/properties/status/enum", planStatuses},
		{"#/components/schemas/PlanSummary/properties/status/enum", planStatuses},
		{"#/components/schemas/Plan/properties/agreed_how/enum", append(slices.Clone(agreedHows), "")},
		{"#/components/schemas/PlanSummary/properties/agreed_how/enum", append(slices.Clone(agreedHows), "")},
		{"#/components/schemas/Agreement/properties/agreed_how/enum", agreedHows},
		{"#/components/schemas/PlanAspiration/properties/term/enum", []string{string(outcomes.ShortTerm), string(outcomes.LongTerm)}},
		{"#/components/schemas/PlanOutcome/properties/status/enum", outcomeStatuses},
		{"#/components/schemas/PlanSolution/properties/rung/enum", strs(rungs...)},
		{"#/components/schemas/PlanService/properties/status/enum", serviceStatusValues},
		{"#/components/schemas/PlanStrength/properties/kind/enum", strengthKinds},
		{"#/components/schemas/Review/properties/status/enum", reviewStatuses},
		{"#/components/schemas/ReviewSummary/properties/status/enum", reviewStatuses},
		{"#/components/schemas/Review/properties/due_status/enum", dueStatuses},
		{"#/components/schemas/ReviewSummary/properties/due_status/enum", dueStatuses},
		{"#/components/schemas/ReviewDecision/properties/decision/enum", append(slices.Clone(serviceDecisions), "")},
		{"#/components/schemas/HeldDecision/properties/decision/enum", serviceDecisions},
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
	// The golden thread's code list fields list their code list's values.
	for pointer, list := range map[string]codelists.List{
		"#/components/schemas/Contact/properties/route_of_access/enum":       codelists.RouteOfAccess,
		"#/components/schemas/Contact/properties/channel/enum":               codelists.ContactChannel,
		"#/components/schemas/Ending/properties/result/enum":                 codelists.EventOutcome,
		"#/components/schemas/Service/properties/frequency/enum":             codelists.CostFrequency,
		"#/components/schemas/Service/properties/service_type/enum":          codelists.ServiceType,
		"#/components/schemas/Outcome/properties/wellbeing_areas/items/enum": codelists.WellbeingArea,
		"#/components/schemas/PlanService/properties/service_type/enum":      codelists.ServiceType,
		"#/components/schemas/Review/properties/reason/enum":                 codelists.ReviewReason,
		"#/components/schemas/ReviewSummary/properties/reason/enum":          codelists.ReviewReason,
		"#/components/schemas/HoldReview/properties/method/enum":             codelists.MethodOfAssessment,
		"#/components/schemas/HoldReview/properties/reason/enum":             codelists.ReviewReason,
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

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
})

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(t *testing.T, v any) []string {
	t.Helper()
	var out []string
	typ := reflect.TypeOf(v)
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			t.Fatalf("%s.%s has no JSON name", typ.Name(), typ.Field(i).Name)
		}
		out = append(out, name)
	}
	return out
}

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

// resolve follows a local JSON Pointer reference, such as "#/components/schemas/Person".
func resolve(doc map[string]any, ref string) any {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = doc
	for _, part := range strings.Split(rest, "/") {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = m[part]; !ok {
			return nil
		}
	}
	return cur
}
