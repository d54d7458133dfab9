package modelpage_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/practicemodels"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// modelState is everything these pages change, in council A and in council B, as one comparable string.
func modelState(t *testing.T, site *apptest.Site) string {
	t.Helper()
	var out []string
	for _, id := range []string{site.A.Council.ID, site.B.Council.ID} {
		out = append(out, dbtest.Numbers(t, site.App.DB, id, []string{
			`SELECT count(*) FROM practice_model WHERE council_id = $1`,
			`SELECT COALESCE(sum(version), 0) FROM practice_model WHERE council_id = $1`,
			`SELECT count(*) FROM practice_model_heading WHERE council_id = $1`,
			`SELECT count(*) FROM practice_model_choice WHERE council_id = $1`,
		}, id))
	}
	return strings.Join(out, " | ")
}

// forget takes away every model and choice of the councils, so that each scenario starts as a new council does.
func forget(t *testing.T, db *sqldb.DB, councilIDs ...string) {
	for _, id := range councilIDs {
		ctx := sqldb.WithCouncil(context.Background(), id)
		if err := db.InTx(ctx, func(tx *sqldb.Tx) error {
			for _, q := range []string{`DELETE FROM practice_model_choice WHERE council_id = $1`, `DELETE FROM practice_model WHERE council_id = $1`} {
				if _, err := tx.ExecContext(ctx, q, tx.Council()); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Error(err)
		}
	}
}

// lacForm is the form adding or changing council A's local area coordination model, changed by fn.
func lacForm(version int, fn func(v url.Values)) url.Values {
	m := practicemodels.LocalAreaCoordination()
	v := url.Values{"name": {m.Name}, "description": {m.Description}, "source": {m.Source}, "version": {strconv.Itoa(version)}}
	for i, h := range m.Headings {
		v.Set(practicemodels.HeadingField(i, "key"), h.Key)
		v.Set(practicemodels.HeadingField(i, "label"), h.Label)
		v.Set(practicemodels.HeadingField(i, "prompt"), h.Prompt)
	}
	if fn != nil {
		fn(v)
	}
	return v
}

// masossForm is the form changing MASOSS's prompts, from version.
func masossForm(version int, fn func(v url.Values)) url.Values {
	m := practicemodels.Default()
	v := url.Values{"name": {m.Name}, "description": {m.Description}, "source": {m.Source}, "version": {strconv.Itoa(version)}}
	for i, h := range m.Headings {
		v.Set(practicemodels.HeadingField(i, "key"), h.Key)
		v.Set(practicemodels.HeadingField(i, "label"), h.Label)
		v.Set(practicemodels.HeadingField(i, "prompt"), h.Prompt)
	}
	v.Set(practicemodels.HeadingField(0, "prompt"), "What matters to you, today?")
	if fn != nil {
		fn(v)
	}
	return v
}

// TestPracticeModelPagesKeepCouncilsApartAndRoles: the quality lead adds, changes and chooses models; practitioners
// and team managers read them; finance, the directory editor, the administrator and a programme lead are refused;
// and council B never sees or changes council A's own model.
func TestPracticeModelPagesKeepCouncilsApartAndRoles(t *testing.T) {
	t.Parallel()
	programmeLead := func(s *apptest.Site) councils.Staff { return s.A.Staff[councils.ProgrammeLead] }
	type scenario struct {
		name       string
		method     string
		path       string
		form       func(lacVersion int) url.Values
		as         func(*apptest.Site) councils.Staff
		wantStatus int
		wantBody   []string
		notBody    []string
		unchanged  bool
	}
	fixed := func(v url.Values) func(int) url.Values { return func(int) url.Values { return v } }
	lac := func(fn func(url.Values)) func(int) url.Values {
		return func(version int) url.Values { return lacForm(version, fn) }
	}
	scenarios := []scenario{
		{name: "the models", method: "GET", path: "/quality/practice-models", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"MASOSS with the ROPES prompts", "Three Conversations", "Local area coordination", "The council's model is <strong>MASOSS"},
			notBody:  []string{"Choose this model", "Add a model"}},
		{name: "the models, as the quality lead", method: "GET", path: "/quality/practice-models", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Choose this model", "Add a model", "Conversation 1: listen and connect"}},
		{name: "the models, as a team manager", method: "GET", path: "/quality/practice-models", as: apptest.AManager, wantStatus: 200},
		{name: "the models, from another council", method: "GET", path: "/quality/practice-models", as: apptest.BQuality, wantStatus: 200,
			wantBody: []string{"Three Conversations"}, notBody: []string{"Local area coordination"}},
		{name: "the models, as finance", method: "GET", path: "/quality/practice-models", as: apptest.AFinance, wantStatus: 403},
		{name: "the models, as the administrator", method: "GET", path: "/quality/practice-models", as: apptest.AAdmin, wantStatus: 403},
		{name: "the models, as the directory editor", method: "GET", path: "/quality/practice-models", as: apptest.AAdvice, wantStatus: 403},
		{name: "the models, as a programme lead", method: "GET", path: "/quality/practice-models", as: programmeLead, wantStatus: 403},
		{name: "choose Three Conversations", method: "POST", path: "/quality/practice-models", as: apptest.AQuality,
			form: fixed(url.Values{"model": {practicemodels.ThreeConversations}, "reason": {"The board agreed a pilot"}}), wantStatus: 303},
		{name: "choose the council's own model", method: "POST", path: "/quality/practice-models", as: apptest.AQuality,
			form: func(int) url.Values { return url.Values{"model": {"{lac}"}} }, wantStatus: 303},
		{name: "choose, as a practitioner", method: "POST", path: "/quality/practice-models", as: apptest.AWorker,
			form: fixed(url.Values{"model": {practicemodels.ThreeConversations}}), wantStatus: 403, unchanged: true},
		{name: "choose, as a team manager", method: "POST", path: "/quality/practice-models", as: apptest.AManager,
			form: fixed(url.Values{"model": {practicemodels.ThreeConversations}}), wantStatus: 403, unchanged: true},
		{name: "choose nothing", method: "POST", path: "/quality/practice-models", as: apptest.AQuality, form: fixed(url.Values{}),
			wantStatus: 422, wantBody: []string{"There is a problem", `href="#f-model"`, "Select the model the council records conversations under"}, unchanged: true},
		{name: "choose the model already chosen", method: "POST", path: "/quality/practice-models", as: apptest.AQuality,
			form: fixed(url.Values{"model": {practicemodels.MASOSS}}), wantStatus: 422, wantBody: []string{"MASOSS with the ROPES prompts is already the council&#39;s model"}, unchanged: true},
		{name: "choose another council's model", method: "POST", path: "/quality/practice-models", as: apptest.BQuality,
			form: func(int) url.Values { return url.Values{"model": {"{lac}"}} }, wantStatus: 422, wantBody: []string{"Select a model from the list"}, unchanged: true},
		{name: "a model", method: "GET", path: "/quality/practice-models/{lac}", as: apptest.AWorker, wantStatus: 200,
			wantBody: []string{"Local area coordination", "Their vision of a good life", "Services as back-up"}, notBody: []string{"Change this model"}},
		{name: "a built-in model, as the quality lead", method: "GET", path: "/quality/practice-models/masoss", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Change this model", "Agree SMART outcomes", "Built in"}},
		{name: "another council's model", method: "GET", path: "/quality/practice-models/{lac}", as: apptest.BQuality, wantStatus: 404},
		{name: "a model, as finance", method: "GET", path: "/quality/practice-models/masoss", as: apptest.AFinance, wantStatus: 403},
		{name: "the new model form", method: "GET", path: "/quality/practice-models/new", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Add a practice model", "Heading 3", "heading_3_key"}},
		{name: "the new model form, as a practitioner", method: "GET", path: "/quality/practice-models/new", as: apptest.AWorker, wantStatus: 403},
		{name: "add a model", method: "POST", path: "/quality/practice-models/new", as: apptest.AQuality,
			form: lac(func(v url.Values) { v.Set("name", "Family group conferencing") }), wantStatus: 303},
		{name: "add a model, as a team manager", method: "POST", path: "/quality/practice-models/new", as: apptest.AManager, form: lac(nil), wantStatus: 403, unchanged: true},
		{name: "a model without headings", method: "POST", path: "/quality/practice-models/new", as: apptest.AQuality,
			form:       fixed(url.Values{"name": {"Nothing in it"}, "heading_1_key": {""}, "heading_1_label": {""}, "heading_1_prompt": {""}}),
			wantStatus: 422, wantBody: []string{"Enter at least one heading", `href="#f-headings"`, "Nothing in it"}, unchanged: true},
		{name: "a model with a key twice", method: "POST", path: "/quality/practice-models/new", as: apptest.AQuality,
			form:       lac(func(v url.Values) { v.Set("heading_2_key", "getting_to_know") }),
			wantStatus: 422, wantBody: []string{"Key of heading 2 is already used by another heading", `href="#f-heading_2_key"`}, unchanged: true},
		{name: "a heading with no label", method: "POST", path: "/quality/practice-models/new", as: apptest.AQuality,
			form: lac(func(v url.Values) { v.Set("heading_3_label", " ") }), wantStatus: 422, wantBody: []string{"Enter a label for heading 3"}, unchanged: true},
		{name: "change a model", method: "POST", path: "/quality/practice-models/{lac}/edit", as: apptest.AQuality,
			form: lac(func(v url.Values) { v.Set("heading_6_label", "Giving back"); v.Set("heading_6_key", "") }), wantStatus: 303},
		{name: "a stale change", method: "POST", path: "/quality/practice-models/{lac}/edit", as: apptest.AQuality,
			form: func(int) url.Values {
				return lacForm(0, func(v url.Values) { v.Set("heading_1_label", "Who you are") })
			}, wantStatus: 409, wantBody: []string{"Someone else changed this model", "Getting to know the person", "Who you are"}, unchanged: true},
		{name: "change another council's model", method: "POST", path: "/quality/practice-models/{lac}/edit", as: apptest.BQuality, form: lac(nil), wantStatus: 404, unchanged: true},
		{name: "change a model, as a practitioner", method: "POST", path: "/quality/practice-models/{lac}/edit", as: apptest.AWorker, form: lac(nil), wantStatus: 403, unchanged: true},
		{name: "the MASOSS form", method: "GET", path: "/quality/practice-models/masoss/edit", as: apptest.AQuality, wantStatus: 200,
			wantBody: []string{"Change MASOSS with the ROPES prompts", "Heading 1: mindset", "its headings stay as they are"}, notBody: []string{"heading_1_key-hint", "Heading 7"}},
		{name: "change MASOSS's prompts", method: "POST", path: "/quality/practice-models/masoss/edit", as: apptest.AQuality,
			form: func(int) url.Values { return masossForm(1, nil) }, wantStatus: 303},
		{name: "change MASOSS's prompts, from another council", method: "POST", path: "/quality/practice-models/masoss/edit", as: apptest.BQuality,
			form: func(int) url.Values { return masossForm(1, nil) }, wantStatus: 303},
		{name: "add a heading to MASOSS", method: "POST", path: "/quality/practice-models/masoss/edit", as: apptest.AQuality,
			form: func(int) url.Values {
				return masossForm(1, func(v url.Values) { v.Set("heading_7_key", "extra"); v.Set("heading_7_label", "Extra") })
			}, wantStatus: 422, wantBody: []string{"Keep the headings of MASOSS with the ROPES prompts"}, unchanged: true},
	}
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		site := apptest.Start(t, db)
		client := site.Clients(t)
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				// Each scenario starts from a council A with its own local area coordination model, added afresh.
				lacModel, err := site.App.PracticeModels.AddLocalAreaCoordination(peopletest.As(site.A.Staff[councils.QualityLead]))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { forget(t, db, site.A.Council.ID, site.B.Council.ID) })
				before := modelState(t, site)
				fill := strings.NewReplacer("{lac}", lacModel.ID)
				who := sc.as(site)
				var form url.Values
				if sc.method != "GET" {
					form = sc.form(lacModel.Version)
					for k, vs := range form {
						for i := range vs {
							vs[i] = fill.Replace(vs[i])
						}
						form[k] = vs
					}
				}
				apptest.Ask(t, site, client(who), who, sc.method, fill.Replace(sc.path), form, "", apptest.Answer{Status: sc.wantStatus, Body: sc.wantBody, NotBody: sc.notBody})
				apptest.CheckChange(t, before, modelState(t, site), sc.unchanged, sc.method == "POST" && sc.wantStatus == 303)
			})
		}
	})
}
