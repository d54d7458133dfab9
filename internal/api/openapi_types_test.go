package api_test

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/google/go-cmp/cmp"

	"github.com/golden-thread/goldenthread/internal/api"
)

// apiTypes are the Go types the API reads and writes. Each is described by the schema of the same name, property by
// property; TestOpenAPIDescribesEveryType fails when a type is added to the package and not to this list.
var apiTypes = []any{
	api.Problem{}, api.FieldError{},
	api.Person{}, api.NetworkMember{}, api.PersonSummary{}, api.Duplicate{}, api.SearchResults{},
	api.Contact{}, api.Episode{}, api.EpisodeStep{}, api.Ending{},
	api.Conversation{}, api.ConversationSitting{}, api.SittingOutcome{}, api.ConversationSections{}, api.Section{}, api.Determination{}, api.EligibilityOutcome{},
	api.Strength{}, api.Connection{}, api.Aspiration{}, api.Outcome{}, api.Solution{},
	api.Service{}, api.DirectPayment{}, api.CLDService{}, api.Authorisation{}, api.Decision{},
	api.PlanSummary{}, api.Plan{}, api.PlanBudget{}, api.PlanSnapshot{}, api.PlanAspiration{}, api.PlanOutcome{},
	api.PlanSolution{}, api.PlanService{}, api.PlanStrength{}, api.Agreement{},
	api.ReviewSummary{}, api.Review{}, api.Rating{}, api.ReviewDecision{}, api.NextReview{}, api.HoldReview{},
	api.HeldRating{}, api.HeldDecision{},
	// Safeguarding (openapi/safeguarding.json)
	api.ConcernSummary{}, api.Concern{}, api.AllegedPerson{}, api.Section42Decision{}, api.SafeguardingEnquiry{},
	api.DesiredOutcome{}, api.InvolvedPerson{}, api.EnquiryStep{}, api.RaiseConcern{}, api.ConcernRaised{},
	api.DecideConcern{}, api.SafeguardingCount{}, api.SafeguardingSummaryBody{},
	// Risks, crisis and family group conferences (openapi/risks.json)
	api.Risk{}, api.RiskMitigation{}, api.RiskAgreer{}, api.RiskReview{}, api.EpisodeCrisis{}, api.Crisis{},
	api.CrisisReview{}, api.MarkCrisis{}, api.ReviewCrisis{}, api.Conference{}, api.ConferenceInvitee{},
	api.FamilyPlanItem{}, api.ReferConference{}, api.ConferenceHeld{}, api.ReviewConference{},
	api.FamilyPlanItemReview{},
	// Mental capacity and advocacy (openapi/capacity.json), and required actions (openapi/duties.json)
	api.AbilityFinding{}, api.IMCADuty{}, api.CapacityAssessment{}, api.ChecklistItem{}, api.Consultee{},
	api.BestInterestsOption{}, api.BestInterestsDecision{}, api.Difficulty{}, api.AdvocacyNeeds{},
	api.AdvocacyReferral{}, api.RequiredAction{},
	// Case file audits (openapi/audits.json)
	api.AuditTool{}, api.AuditToolSection{}, api.AuditQuestion{}, api.AuditRound{}, api.AuditRoundDetail{}, api.AuditSummary{},
	api.AuditFindings{}, api.AuditTally{}, api.AuditGradeCount{}, api.AuditCheckRate{}, api.AuditAgreement{}, api.Audit{},
	api.AuditAnswer{}, api.AuditAction{}, api.AuditFinding{}, api.AuditEvidence{}, api.ModerationDrawn{},
	api.AuditModeration{}, api.AuditReflection{},
	// Supervision (openapi/supervision.json)
	api.SupervisionStanding{}, api.SupervisionSummary{}, api.SupervisionSession{}, api.SupervisionCase{}, api.SupervisionAction{},
	api.PracticeStudy{}, api.PracticeStudyResults{}, api.StudyTeamTime{}, api.StudyShare{}, api.StudyTheme{}, api.StudyCase{}, api.StudyPoint{},
	// Discovery and dream (openapi/discovery.json)
	api.DiscoveryFinding{}, api.Vision{}, api.VisionVersion{}, api.CulturalWebs{}, api.CulturalWeb{}, api.CultureElement{}, api.CultureObservation{},
	api.CultureGap{}, api.Stakeholder{},
	api.SupervisionAgreement{},
	// The programme's KPIs (openapi/kpis.json)
	api.KPI{}, api.KPIFigure{}, api.KPITrajectory{}, api.KPIActual{},
	// Measures (openapi/measures.json)
	api.Measure{}, api.MeasurePriority{}, api.MeasureFigures{}, api.MeasureFigure{},
	// The Client Level Data return (openapi/returns.json)
	api.ReturnReport{}, api.ReturnRejection{},
	// Staff resources (openapi/workforce.json)
	api.WorkforceAssumptions{}, api.WorkforceScenario{}, api.WorkforceMonthly{}, api.WorkforceNeed{}, api.WorkforceResult{},
	// The community of practice (openapi/community.json)
	api.NetworkEvent{}, api.NetworkAttendee{}, api.NetworkAttendance{}, api.PracticeStory{},
	// The learning programme (openapi/learning.json)
	api.LearningCourse{}, api.LearningAudience{}, api.LearningMaterial{}, api.LearningSessionSummary{}, api.LearningSession{},
	api.LearningTrainer{}, api.LearningBooking{}, api.LearningBook{}, api.LearningAttendance{}, api.LearningMark{},
	api.LearningImported{}, // openapi/learning_import.json
	// Practice models, and the model a conversation was recorded under (openapi/practicemodels.json)
	api.PracticeModel{}, api.PracticeModelHeading{}, api.PracticeModelChoice{}, api.ConversationModel{}, api.ConversationHeading{},
	// The implementation programme (openapi/programme.json)
	api.Programme{}, api.ProgrammePhase{}, api.ProgrammeWorkstream{}, api.ProgrammeMilestone{}, api.ProgrammeEvidence{},
	api.ProgrammeAction{}, api.ProgrammeDecision{}, api.ProgrammeRisk{}, api.ProgrammeRiskReview{},
	// Networks of councils (openapi/networks.json)
	api.Network{}, api.NetworkMembership{}, api.NetworkComparison{}, api.NetworkMeasureComparison{}, api.NetworkRow{},
	api.CouncilNetwork{}, api.NetworkDecision{}, api.NetworkJoin{}, api.NetworkDecide{},
	// A network's shared work (openapi/networkwork.json)
	api.NetworkSurveyRound{}, api.NetworkSurveyQuestion{}, api.NetworkSurveyResults{}, api.NetworkSurveyQuestionResult{},
	api.NetworkSurveyGroup{}, api.NetworkChallenge{}, api.NetworkChallengeResponse{}, api.NetworkDocument{},
}

// documentOnly are the schemas with no Go type of their own: a date, and problem documents narrowed to one type.
var documentOnly = []string{"Date", "ValidationProblem", "ChangedProblem", "PossibleDuplicateProblem"}

// loadOpenAPI loads the document as the API serves it, checked against the OpenAPI 3.1 rules.
func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openAPIBytes(t))
	if err != nil {
		t.Fatalf("loading the OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	return doc
}

// TestOpenAPIDescribesEveryType checks that every exported type of package api with JSON fields is in apiTypes, and
// that every schema in the document describes one of them or is one of documentOnly.
func TestOpenAPIDescribesEveryType(t *testing.T) {
	t.Parallel()
	var declared []string
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	for name, pkg := range pkgs {
		if name != "api" {
			continue
		}
		for path, file := range pkg.Files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			ast.Inspect(file, func(n ast.Node) bool {
				ts, ok := n.(*ast.TypeSpec)
				if !ok || !ts.Name.IsExported() || ts.TypeParams != nil {
					return true
				}
				if st, ok := ts.Type.(*ast.StructType); ok && hasJSONTag(st) {
					declared = append(declared, ts.Name.Name)
				}
				return true
			})
		}
	}
	var listed []string
	for _, v := range apiTypes {
		listed = append(listed, reflect.TypeOf(v).Name())
	}
	if diff := cmp.Diff(declared, listed, cmpSorted); diff != "" {
		t.Errorf("types declared with JSON fields (-) and listed in apiTypes (+) differ:\n%s", diff)
	}

	doc := loadOpenAPI(t)
	var schemas []string
	for name := range doc.Components.Schemas {
		schemas = append(schemas, name)
	}
	if diff := cmp.Diff(append(listed, documentOnly...), schemas, cmpSorted); diff != "" {
		t.Errorf("Go types (-) and the document's schemas (+) differ:\n%s", diff)
	}
}

func hasJSONTag(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if f.Tag != nil && strings.Contains(f.Tag.Value, `json:"`) {
			return true
		}
	}
	return false
}

// TestOpenAPISchemasMatchTheGoTypes checks each schema against its Go type, property by property: the same JSON
// names, a type that holds what encoding/json writes for the field (null only for a pointer, nil slice or map),
// enum values of the field's type, and nothing required that the API may leave out (omitempty).
func TestOpenAPISchemasMatchTheGoTypes(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	for _, v := range apiTypes {
		typ := reflect.TypeOf(v)
		ref := doc.Components.Schemas[typ.Name()]
		if ref == nil {
			continue // reported by TestOpenAPIDescribesEveryType
		}
		for _, problem := range matchStruct(typ.Name(), ref.Value, typ) {
			t.Error(problem)
		}
	}
}

var timeType = reflect.TypeFor[time.Time]()

// matchSchema lists the ways in which a schema, at path in the document, fails to describe a Go type.
// neverNull says that null is not among a pointer field's values, so that its schema need not allow it: the API
// leaves the field out when empty (omitempty), or the field is required and a pointer only to tell a missing value
// from a zero one.
func matchSchema(path string, ref *openapi3.SchemaRef, typ reflect.Type, neverNull bool) []string {
	if ref == nil || ref.Value == nil {
		return []string{path + ": no schema"}
	}
	s := ref.Value
	var problems []string
	nullable := false
	switch typ.Kind() {
	case reflect.Pointer:
		typ = typ.Elem()
		nullable = true
		if !neverNull && !permitsNull(s) {
			problems = append(problems, fmt.Sprintf("%s: the Go type %s may be null and the schema does not allow it", path, typ))
		}
	case reflect.Slice, reflect.Map, reflect.Interface:
		nullable = true // nil is written as null; the API sends empty lists, but the schema may say either
	}
	if !nullable && permitsNull(s) {
		problems = append(problems, fmt.Sprintf("%s: the schema allows null and the Go type %s is never null", path, typ))
	}
	// A reference to another API type's schema, or to it or null, is checked where that schema is.
	if inner := orNull(s); inner != nil {
		ref = inner
	}
	if name, ok := strings.CutPrefix(ref.Ref, "#/components/schemas/"); ok && typ.Kind() == reflect.Struct && typ != timeType {
		if typ.Name() != name {
			problems = append(problems, fmt.Sprintf("%s: refers to %s for the Go type %s", path, name, typ))
		}
		return problems
	}
	want := ""
	switch typ.Kind() {
	case reflect.String:
		want = openapi3.TypeString
	case reflect.Bool:
		want = openapi3.TypeBoolean
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		want = openapi3.TypeInteger
	case reflect.Float32, reflect.Float64:
		want = openapi3.TypeNumber
	case reflect.Slice:
		want = openapi3.TypeArray
	case reflect.Map:
		want = openapi3.TypeObject
	case reflect.Struct:
		want = openapi3.TypeObject
		if typ == timeType {
			want = openapi3.TypeString
		}
	case reflect.Interface:
		return problems // any JSON value
	default:
		return append(problems, fmt.Sprintf("%s: the Go type %s has no JSON schema type", path, typ))
	}
	if got := schemaTypes(s); !slices.Contains(got, want) || len(slices.DeleteFunc(slices.Clone(got), func(t string) bool { return t == want || t == openapi3.TypeNull })) > 0 {
		problems = append(problems, fmt.Sprintf("%s: type %v, want %s for the Go type %s", path, got, want, typ))
	}
	for _, e := range s.Enum {
		if !enumFits(e, typ, nullable) {
			problems = append(problems, fmt.Sprintf("%s: enum value %#v is not a %s", path, e, typ))
		}
	}
	if s.Const != nil && !enumFits(s.Const, typ, nullable) {
		problems = append(problems, fmt.Sprintf("%s: const %#v is not a %s", path, s.Const, typ))
	}
	switch {
	case typ.Kind() == reflect.Slice:
		problems = append(problems, matchSchema(path+"[]", s.Items, typ.Elem(), false)...)
	case typ.Kind() == reflect.Map:
		// A map is described by its keys (properties) or by what any key holds (additionalProperties).
		for key, prop := range s.Properties {
			problems = append(problems, matchSchema(path+"."+key, prop, typ.Elem(), false)...)
		}
		if extra := s.AdditionalProperties.Schema; extra != nil {
			problems = append(problems, matchSchema(path+".*", extra, typ.Elem(), false)...)
		} else if len(s.Properties) == 0 {
			problems = append(problems, path+": a map with neither properties nor additionalProperties")
		}
	case typ.Kind() == reflect.Struct && typ != timeType:
		problems = append(problems, matchStruct(path, s, typ)...)
	}
	return problems
}

// matchStruct checks an object schema's properties against a struct's JSON fields.
func matchStruct(path string, s *openapi3.Schema, typ reflect.Type) []string {
	var problems []string
	fields := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(typ) {
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || f.Anonymous || name == "-" {
			continue
		}
		if name == "" {
			problems = append(problems, fmt.Sprintf("%s: %s.%s has no JSON name", path, typ, f.Name))
			continue
		}
		fields[name] = f
		prop := s.Properties[name]
		if prop == nil {
			problems = append(problems, fmt.Sprintf("%s: the Go field %s (%q) is not described", path, f.Name, name))
			continue
		}
		omitempty := slices.Contains(strings.Split(opts, ","), "omitempty")
		if omitempty && slices.Contains(s.Required, name) {
			problems = append(problems, fmt.Sprintf("%s.%s: required, but the API leaves it out when empty", path, name))
		}
		neverNull := omitempty || slices.Contains(s.Required, name)
		problems = append(problems, matchSchema(path+"."+name, prop, f.Type, neverNull)...)
	}
	for name := range s.Properties {
		if _, ok := fields[name]; !ok {
			problems = append(problems, fmt.Sprintf("%s.%s: described, and %s has no such JSON field", path, name, typ))
		}
	}
	for _, name := range s.Required {
		if _, ok := fields[name]; !ok {
			problems = append(problems, fmt.Sprintf("%s: requires %s, which %s does not have", path, name, typ))
		}
	}
	return problems
}

// schemaTypes are the JSON types a schema allows, following allOf to the schemas it extends.
func schemaTypes(s *openapi3.Schema) []string {
	got := s.Type.Slice()
	for _, sub := range s.AllOf {
		if sub.Value != nil {
			got = append(got, schemaTypes(sub.Value)...)
		}
	}
	for _, sub := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if sub.Value != nil {
			got = append(got, schemaTypes(sub.Value)...)
		}
	}
	if s.Nullable {
		got = append(got, openapi3.TypeNull)
	}
	slices.Sort(got)
	return slices.Compact(got)
}

// orNull is the schema other than null in a schema that is one of a schema or null; nil for any other schema.
func orNull(s *openapi3.Schema) *openapi3.SchemaRef {
	either := append(slices.Clone(s.OneOf), s.AnyOf...)
	if len(either) != 2 || s.Type != nil {
		return nil
	}
	for i, sub := range either {
		if sub.Value != nil && sub.Value.Type.Is(openapi3.TypeNull) {
			return either[1-i]
		}
	}
	return nil
}

func permitsNull(s *openapi3.Schema) bool {
	return slices.Contains(schemaTypes(s), openapi3.TypeNull) || slices.Contains(s.Enum, nil)
}

// enumFits says whether an enum or const value can be a value of a Go type.
func enumFits(v any, typ reflect.Type, nullable bool) bool {
	switch v.(type) {
	case nil:
		return nullable
	case string:
		return typ.Kind() == reflect.String || typ == timeType
	case bool:
		return typ.Kind() == reflect.Bool
	case float64:
		k := typ.Kind()
		return (k >= reflect.Int && k <= reflect.Uint64) || k == reflect.Float32 || k == reflect.Float64
	}
	return false
}

// conforms checks an exchange with a route ("GET /api/v1/people/{id}") against what the document says of it: the
// response's status is described, and its headers and body hold to the schema for that status and content type;
// and a request body the API accepted (a 2xx answer) holds to the operation's request body schema.
func (f *fixture) conforms(t *testing.T, route, body string, resp *httptest.ResponseRecorder) {
	t.Helper()
	if f.openapi == nil {
		f.openapi = loadOpenAPI(t)
	}
	method, path, _ := strings.Cut(route, " ")
	item := f.openapi.Paths.Value(path)
	if item == nil || item.GetOperation(method) == nil {
		t.Errorf("%s is not in the OpenAPI document", route)
		return
	}
	op := item.GetOperation(method)
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	request := &openapi3filter.RequestValidationInput{
		Request: req,
		Route:   &routers.Route{Spec: f.openapi, Path: path, PathItem: item, Method: method, Operation: op},
		// A client may send back a record as it read it: the API ignores its read-only fields.
		Options: &openapi3filter.Options{MultiError: true, ExcludeReadOnlyValidations: true},
	}
	if body != "" && resp.Code < 300 {
		if op.RequestBody == nil {
			t.Errorf("%s took a body, and the document describes none", route)
		} else if err := openapi3filter.ValidateRequestBody(context.Background(), request, op.RequestBody.Value); err != nil {
			t.Errorf("%s took a body other than as the OpenAPI document says: %v\n%s", route, err, body)
		}
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: request,
		Status:                 resp.Code,
		Header:                 resp.Header(),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	input.SetBodyBytes(resp.Body.Bytes())
	if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
		t.Errorf("%s answered %d other than as the OpenAPI document says: %v\n%s", route, resp.Code, err, resp.Body)
	}
}

// TestMatchStruct checks that the comparison of a schema with a Go type finds each kind of drift.
func TestMatchStruct(t *testing.T) {
	t.Parallel()
	type record struct {
		Name  string   `json:"name"`
		Born  *string  `json:"born"`
		Notes string   `json:"notes,omitempty"`
		Tags  []string `json:"tags"`
		Count int      `json:"count"`
	}
	const good = `"name": {"type": "string", "enum": ["a", "b"]}, "born": {"type": ["string", "null"]},
		"notes": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}, "count": {"type": "integer"}`
	tests := []struct {
		name, schema string
		want         []string
	}{
		{"as described", `{"type": "object", "required": ["name"], "properties": {` + good + `}}`, nil},
		{"a field left out", `{"type": "object", "properties": {"name": {"type": "string"}, "born": {"type": ["string", "null"]},
			"notes": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}`,
			[]string{`record: the Go field Count ("count") is not described`}},
		{"a property the type lacks", `{"type": "object", "properties": {` + good + `, "age": {"type": "integer"}}}`,
			[]string{"record.age: described, and api_test.record has no such JSON field"}},
		{"the wrong type", `{"type": "object", "properties": {` + strings.Replace(good, `"count": {"type": "integer"}`, `"count": {"type": "string"}`, 1) + `}}`,
			[]string{"record.count: type [string], want integer for the Go type int"}},
		{"null not allowed", `{"type": "object", "properties": {` + strings.Replace(good, `["string", "null"]`, `"string"`, 1) + `}}`,
			[]string{"record.born: the Go type string may be null and the schema does not allow it"}},
		{"null where there is none", `{"type": "object", "properties": {` + strings.Replace(good, `"notes": {"type": "string"}`, `"notes": {"type": ["string", "null"]}`, 1) + `}}`,
			[]string{"record.notes: the schema allows null and the Go type string is never null"}},
		{"required but left out when empty", `{"type": "object", "required": ["notes"], "properties": {` + good + `}}`,
			[]string{"record.notes: required, but the API leaves it out when empty"}},
		{"an enum value of another type", `{"type": "object", "properties": {` + strings.Replace(good, `["a", "b"]`, `["a", 2]`, 1) + `}}`,
			[]string{"record.name: enum value 2 is not a string"}},
		{"array items of another type", `{"type": "object", "properties": {` + strings.Replace(good, `"items": {"type": "string"}`, `"items": {"type": "integer"}`, 1) + `}}`,
			[]string{"record.tags[]: type [integer], want string for the Go type string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s openapi3.Schema
			if err := s.UnmarshalJSON([]byte(tt.schema)); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, matchStruct("record", &s, reflect.TypeFor[record]()), cmpSorted); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
