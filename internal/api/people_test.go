package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/api"
	"github.com/golden-thread/goldenthread/internal/codelists"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// nhsNumber returns the n-th valid NHS number in the 999 range kept for test data.
func nhsNumber(n int) string {
	for ; ; n++ {
		base := fmt.Sprintf("999%06d", n)
		sum := 0
		for i, c := range base {
			sum += int(c-'0') * (10 - i)
		}
		check := 11 - sum%11
		if check == 11 {
			check = 0
		}
		if check != 10 {
			return base + fmt.Sprint(check)
		}
	}
}

// newPerson is a request body for adding a person, changed by the function given.
func newPerson(change func(m map[string]any)) func(*fixture, people.Person) string {
	return func(f *fixture, _ people.Person) string {
		m := map[string]any{
			"team_id": f.home.North.ID, "given_name": "Grace", "family_name": "Apiperson", "date_of_birth": "1950-02-03",
			"postcode": "zz99 2bb", "ethnicity": "No data: Undeclared or not known",
			"network": []map[string]any{{"name": "Harry Apiperson", "relationship": "Son", "unpaid_carer": true}},
		}
		if change != nil {
			change(m)
		}
		b, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		return string(b)
	}
}

// changed is a PUT body: the stored person as the API sends them, changed by the function given.
func changed(change func(p *api.Person)) func(*fixture, people.Person) string {
	return func(_ *fixture, stored people.Person) string {
		p := api.PersonOf(stored)
		if change != nil {
			change(&p)
		}
		b, err := json.Marshal(p)
		if err != nil {
			panic(err)
		}
		return string(b)
	}
}

func allocated(f *fixture) people.Person { return f.create() }

func inSouth(f *fixture) people.Person {
	return f.create(func(p *people.Person) { p.TeamID, p.FamilyName = f.home.South.ID, "Southperson" })
}

// restricted is a person whose record the team manager restricted, so only they are granted it.
func restricted(f *fixture) people.Person {
	p := f.create(func(p *people.Person) { p.FamilyName = "Hiddenperson" })
	p.Restricted = true
	if err := f.store.Update(peopletest.As(f.staff["team manager"]), p); err != nil {
		f.t.Fatal(err)
	}
	p.Version++
	return p
}

// changedByOthers is a person someone else changed after version 1 was read.
func changedByOthers(f *fixture) people.Person {
	p := f.create()
	v1 := p
	p.FamilyName = "Changedperson"
	if err := f.store.Update(peopletest.As(f.staff["team manager"]), p); err != nil {
		f.t.Fatal(err)
	}
	return v1
}

// noPersonCalled checks that nobody with the family name was recorded.
func noPersonCalled(family string) func(t *testing.T, f *fixture, _ people.Person, _ *httptest.ResponseRecorder) {
	return func(t *testing.T, f *fixture, _ people.Person, _ *httptest.ResponseRecorder) {
		found, err := f.store.Search(peopletest.As(f.staff["quality lead"]), family)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) > 0 {
			t.Errorf("%d people called %s were recorded, want none", len(found), family)
		}
	}
}

func TestSearchPeople(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		run(t, f, "GET /api/v1/people", []scenario{
			{
				name: "an allocated person is found, and searching is not logged", method: "GET", path: "/api/v1/people?q=ADA+testperson",
				as: "practitioner", person: allocated, wantStatus: http.StatusOK,
				wantBody: []string{`"items":[`, `"id":"{id}"`, `"access":"allocated"`, `"date_of_birth":"1941-06-15"`, `"nhs_number":"9990000018"`, `"team_name":"North"`, `"truncated":false`},
			},
			{
				name: "someone outside the practitioner's teams is listed as needing break-glass", method: "GET", path: "/api/v1/people?q=southperson",
				as: "practitioner", person: inSouth, wantStatus: http.StatusOK,
				wantBody: []string{`"id":"{id}"`, `"access":"break_glass_needed"`, `"team_name":"South"`},
			},
			{
				name: "the quality lead sees the whole council", method: "GET", path: "/api/v1/people?q=southperson",
				as: "quality lead", person: inSouth, wantStatus: http.StatusOK,
				wantBody: []string{`"id":"{id}"`, `"access":"whole_council"`},
			},
			{
				name: "a restricted record is hidden from search", method: "GET", path: "/api/v1/people?q=hiddenperson",
				as: "practitioner", person: restricted, wantStatus: http.StatusOK,
				wantBody: []string{`"items":[]`}, wantNotBody: []string{"{id}"},
			},
			{
				name: "the member of staff granted a restricted record finds it", method: "GET", path: "/api/v1/people?q=hiddenperson",
				as: "team manager", person: restricted, wantStatus: http.StatusOK,
				wantBody: []string{`"id":"{id}"`, `"access":"granted"`},
			},
			{
				name: "another council's people are not found", method: "GET", path: "/api/v1/people?q=testperson",
				as: "other council practitioner", person: allocated, wantStatus: http.StatusOK,
				wantBody: []string{`"items":[]`}, wantNotBody: []string{"{id}"},
			},
			{
				name: "q is required", method: "GET", path: "/api/v1/people",
				as: "practitioner", wantStatus: http.StatusBadRequest, wantBody: []string{`"field":"q"`},
			},
			{
				name: "a blank q is refused", method: "GET", path: "/api/v1/people?q=++",
				as: "practitioner", wantStatus: http.StatusBadRequest, wantBody: []string{`"field":"q"`},
			},
			{
				name: "finance do not search people", method: "GET", path: "/api/v1/people?q=testperson",
				as: "finance", person: allocated, wantStatus: http.StatusForbidden, wantNotBody: []string{"{id}"},
			},
			{
				name: "no member of staff", method: "GET", path: "/api/v1/people?q=testperson",
				person: allocated, wantStatus: http.StatusUnauthorized, wantNotBody: []string{"{id}"},
				wantHeader: map[string]string{"WWW-Authenticate": `Bearer realm="Golden Thread API"`},
			},
		})
	})
}

func TestGetPerson(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		run(t, f, "GET /api/v1/people/{id}", []scenario{
			{
				name: "an allocated person is read and the view logged", method: "GET", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.View},
				wantHeader: map[string]string{"ETag": `"1"`, "Cache-Control": "no-store"},
				check: func(t *testing.T, f *fixture, p people.Person, w *httptest.ResponseRecorder) {
					got := decodeJSON[map[string]any](t, w)
					for field, want := range map[string]any{
						"id": p.ID, "given_name": "Ada", "family_name": "Testperson", "date_of_birth": "1941-06-15",
						"nhs_number": "9990000018", "postcode": "ZZ99 1AA", "team_id": f.home.North.ID, "team_name": "North",
						"consent_to_share": "not_asked", "consent_date": nil, "restricted": false, "version": float64(1),
						"created_by": f.staff["practitioner"].ID, "network": []any{}, "consent_scope": []any{},
					} {
						if fmt.Sprint(got[field]) != fmt.Sprint(want) {
							t.Errorf("%s = %v, want %v", field, got[field], want)
						}
					}
					if _, ok := got["created_at"].(string); !ok {
						t.Errorf("created_at = %v, want a time", got["created_at"])
					}
				},
			},
			{
				name: "the people who matter come with the person", method: "GET", path: "/api/v1/people/{id}",
				as: "practitioner", wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.View},
				person: func(f *fixture) people.Person {
					return f.create(func(p *people.Person) {
						p.Network = []people.NetworkMember{{Name: "Ben Testperson", Relationship: "Son", UnpaidCarer: true}}
					})
				},
				wantBody: []string{`"network":[{"id":"`, `"name":"Ben Testperson"`, `"relationship":"Son"`, `"unpaid_carer":true`},
			},
			{
				name: "another council's practitioner is told it does not exist", method: "GET", path: "/api/v1/people/{id}",
				as: "other council practitioner", person: allocated, wantStatus: http.StatusNotFound, wantNotBody: []string{"Testperson"},
			},
			{
				name: "another council's administrator is told it does not exist", method: "GET", path: "/api/v1/people/{id}",
				as: "other council administrator", person: allocated, wantStatus: http.StatusNotFound,
			},
			{
				name: "finance do not open person records", method: "GET", path: "/api/v1/people/{id}",
				as: "finance", person: allocated, wantStatus: http.StatusNotFound,
			},
			{
				name: "a restricted record is not found by those not granted it", method: "GET", path: "/api/v1/people/{id}",
				as: "practitioner", person: restricted, wantStatus: http.StatusNotFound, wantNotBody: []string{"Hiddenperson"},
			},
			{
				name: "the member of staff granted a restricted record reads it", method: "GET", path: "/api/v1/people/{id}",
				as: "team manager", person: restricted, wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.View},
				wantBody: []string{`"restricted":true`}, wantHeader: map[string]string{"ETag": `"2"`},
			},
			{
				name: "someone outside the practitioner's teams needs break-glass on the pages", method: "GET", path: "/api/v1/people/{id}",
				as: "practitioner", person: inSouth, wantStatus: http.StatusForbidden,
				wantBody:    []string{"This person is not allocated to you or your teams. Open their record on the pages, giving a reason.", api.TypeBreakGlassNeeded},
				wantNotBody: []string{"Southperson"},
			},
			{
				name: "an unknown ID", method: "GET", path: "/api/v1/people/0198d1b2-0000-7000-8000-000000000000",
				as: "practitioner", wantStatus: http.StatusNotFound, wantBody: []string{`"instance":"/api/v1/people/0198d1b2-0000-7000-8000-000000000000"`},
			},
			{
				name: "no member of staff", method: "GET", path: "/api/v1/people/{id}",
				person: allocated, wantStatus: http.StatusUnauthorized, wantNotBody: []string{"Testperson"},
			},
		})
	})
}

func TestCreatePerson(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		run(t, f, "POST /api/v1/people", []scenario{
			{
				name: "a practitioner adds a person, and the creation is logged", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: newPerson(nil), wantStatus: http.StatusCreated, wantLog: []accesslog.Action{accesslog.Create},
				wantHeader: map[string]string{"ETag": `"1"`},
				wantBody:   []string{`"given_name":"Grace"`, `"postcode":"ZZ99 2BB"`, `"date_of_birth":"1950-02-03"`, `"name":"Harry Apiperson"`, `"version":1`},
				check: func(t *testing.T, f *fixture, _ people.Person, w *httptest.ResponseRecorder) {
					got := decodeJSON[api.Person](t, w)
					if loc := w.Header().Get("Location"); got.ID == "" || loc != "/api/v1/people/"+got.ID {
						t.Errorf("Location = %q for person %q", loc, got.ID)
					}
					saved, _, err := f.store.Get(peopletest.As(f.staff["practitioner"]), got.ID)
					if err != nil {
						t.Fatal(err)
					}
					if saved.FamilyName != "Apiperson" || len(saved.Network) != 1 || saved.CreatedBy != f.staff["practitioner"].ID {
						t.Errorf("saved %+v", saved)
					}
				},
			},
			{
				name: "an invalid NHS number is a field error", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: newPerson(func(m map[string]any) { m["nhs_number"], m["family_name"] = "999 000 0019", "Badnhsperson" }),
				wantStatus: http.StatusUnprocessableEntity,
				wantBody:   []string{api.TypeValidation, `"field":"nhs_number"`, `"pointer":"#/nhs_number"`, "check digit"},
				check:      noPersonCalled("Badnhsperson"),
			},
			{
				name: "every problem is reported at once, with the API's field names", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: newPerson(func(m map[string]any) {
					m["given_name"], m["date_of_birth"], m["family_name"] = "", "15/06/1941", "Manyproblems"
					m["network"] = []map[string]any{{"name": "Ok Person"}, {"name": "Bad Person", "legal_authority": "Made up"}}
				}),
				wantStatus: http.StatusUnprocessableEntity,
				wantBody: []string{`"field":"date_of_birth"`, "YYYY-MM-DD", `"field":"given_name"`,
					`"field":"network[1].legal_authority","pointer":"#/network/1/legal_authority"`},
				check: noPersonCalled("Manyproblems"),
			},
			{
				name: "a record cannot be restricted as it is added", method: "POST", path: "/api/v1/people",
				as: "team manager", body: newPerson(func(m map[string]any) { m["restricted"], m["family_name"] = true, "Restrictedperson" }),
				wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"field":"restricted"`},
				check: noPersonCalled("Restrictedperson"),
			},
			{
				name: "a team from another council is a field error", method: "POST", path: "/api/v1/people",
				as: "practitioner",
				body: func(f *fixture, p people.Person) string {
					return newPerson(func(m map[string]any) { m["team_id"], m["family_name"] = f.other.North.ID, "Wrongteamperson" })(f, p)
				},
				wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"field":"team_id"`},
				check: noPersonCalled("Wrongteamperson"),
			},
			{
				name: "an unknown field is refused", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: newPerson(func(m map[string]any) { m["favourite_colour"], m["family_name"] = "blue", "Unknownfieldperson" }),
				wantStatus: http.StatusBadRequest, wantBody: []string{`"field":"favourite_colour"`},
				check: noPersonCalled("Unknownfieldperson"),
			},
			{
				name: "a field of the wrong type is refused", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: newPerson(func(m map[string]any) { m["interpreter_needed"] = "yes" }),
				wantStatus: http.StatusBadRequest, wantBody: []string{`"field":"interpreter_needed"`, "true or false"},
			},
			{
				name: "JSON that is not JSON is refused with where it went wrong", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: jsonBody(`{"given_name": "Grace",, }`),
				wantStatus: http.StatusBadRequest, wantBody: []string{"byte offset 24"},
			},
			{
				name: "JSON cut short", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: jsonBody(`{"given_name": "Gra`),
				wantStatus: http.StatusBadRequest, wantBody: []string{"ends before"},
			},
			{
				name: "two JSON objects", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: jsonBody(`{} {}`),
				wantStatus: http.StatusBadRequest, wantBody: []string{"one JSON object"},
			},
			{
				name: "an array is not a person", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: jsonBody(`[]`),
				wantStatus: http.StatusBadRequest, wantBody: []string{"must be a JSON object"},
			},
			{
				name: "a body over 1 MiB is refused", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: jsonBody(`{"given_name":"` + strings.Repeat("a", 1<<20) + `"}`),
				wantStatus: http.StatusRequestEntityTooLarge,
			},
			{
				name: "a body that is not JSON is refused", method: "POST", path: "/api/v1/people",
				as: "practitioner", body: newPerson(nil), header: header("Content-Type", "application/x-www-form-urlencoded"),
				wantStatus: http.StatusUnsupportedMediaType,
			},
			{
				name: "the same NHS number is refused, naming the record already there and nothing more of it", method: "POST", path: "/api/v1/people",
				as: "practitioner", person: allocated,
				body:       newPerson(func(m map[string]any) { m["nhs_number"], m["family_name"] = "999 000 0018", "Duplicateperson" }),
				wantStatus: http.StatusConflict,
				wantBody: []string{api.TypeNHSNumberRecorded, `"duplicates":[`, `"id":"{id}"`, `"url":"/api/v1/people/{id}"`, `"name":"Ada Testperson"`,
					`"match":"same_nhs_number"`},
				wantNotBody: []string{"1941-06-15", "ZZ99", "North", "Example Street"},
				check:       noPersonCalled("Duplicateperson"),
			},
			{
				name: "the same NHS number is refused even when the request says it is someone else", method: "POST", path: "/api/v1/people?confirm_not_duplicate=true",
				as: "practitioner", person: allocated,
				body:       newPerson(func(m map[string]any) { m["nhs_number"], m["family_name"] = "999 000 0018", "Duplicateperson" }),
				wantStatus: http.StatusConflict, wantBody: []string{api.TypeNHSNumberRecorded, `"url":"/api/v1/people/{id}"`},
				check: noPersonCalled("Duplicateperson"),
			},
			{
				name: "another council's person with the same NHS number is neither a duplicate nor shown", method: "POST", path: "/api/v1/people",
				as: "other council practitioner", person: allocated,
				body: func(f *fixture, p people.Person) string {
					return newPerson(func(m map[string]any) {
						m["nhs_number"], m["family_name"], m["team_id"] = "999 000 0018", "Othercouncilperson", f.other.North.ID
					})(f, p)
				},
				wantStatus: http.StatusCreated, wantNotBody: []string{"{id}", "Testperson"},
			},
			{
				name: "the same names and date of birth are refused until the request says it is someone else", method: "POST", path: "/api/v1/people",
				as: "practitioner", person: allocated,
				body: newPerson(func(m map[string]any) {
					m["given_name"], m["family_name"], m["date_of_birth"], m["nhs_number"] = "ada", "TESTPERSON", "1941-06-15", ""
				}),
				wantStatus:  http.StatusConflict,
				wantBody:    []string{api.TypePossibleDuplicate, `"url":"/api/v1/people/{id}"`, `"match":"same_name_and_date_of_birth"`, "confirm_not_duplicate=true"},
				wantNotBody: []string{"9990000018", "ZZ99"},
			},
			{
				name: "a possible duplicate is added once the request confirms it is someone else", method: "POST", path: "/api/v1/people?confirm_not_duplicate=true",
				as: "practitioner", person: allocated,
				body: newPerson(func(m map[string]any) {
					m["given_name"], m["family_name"], m["date_of_birth"], m["nhs_number"] = "Ada", "Testperson", "1941-06-15", ""
				}),
				wantStatus: http.StatusCreated, wantBody: []string{`"family_name":"Testperson"`},
				check: func(t *testing.T, f *fixture, p people.Person, w *httptest.ResponseRecorder) {
					if got := decodeJSON[api.Person](t, w); got.ID == p.ID {
						t.Errorf("the existing person was returned")
					}
					if n := len(f.entries(decodeJSON[api.Person](t, w).ID)); n != 1 {
						t.Errorf("%d access log entries for the new person, want 1", n)
					}
				},
			},
			{
				name: "confirm_not_duplicate must be true or false", method: "POST", path: "/api/v1/people?confirm_not_duplicate=please",
				as: "practitioner", body: newPerson(nil), wantStatus: http.StatusBadRequest, wantBody: []string{`"field":"confirm_not_duplicate"`},
			},
			{
				name: "finance do not add people", method: "POST", path: "/api/v1/people",
				as: "finance", body: newPerson(func(m map[string]any) { m["family_name"] = "Financeperson" }),
				wantStatus: http.StatusForbidden, check: noPersonCalled("Financeperson"),
			},
			{
				name: "administrators do not add people", method: "POST", path: "/api/v1/people",
				as: "administrator", body: newPerson(func(m map[string]any) { m["family_name"] = "Adminperson" }),
				wantStatus: http.StatusForbidden, check: noPersonCalled("Adminperson"),
			},
			{
				name: "no member of staff", method: "POST", path: "/api/v1/people",
				body: newPerson(func(m map[string]any) { m["family_name"] = "Anonperson" }), wantStatus: http.StatusUnauthorized,
				check: noPersonCalled("Anonperson"),
			},
		})
	})
}

func TestUpdatePerson(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		rename := changed(func(p *api.Person) { p.FamilyName = "Renamedperson" })
		run(t, f, "PUT /api/v1/people/{id}", []scenario{
			{
				name: "a practitioner changes an allocated person; the change and the record sent back are logged", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, body: rename, header: header("If-Match", `"1"`),
				wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.Update, accesslog.View},
				wantHeader: map[string]string{"ETag": `"2"`},
				wantBody:   []string{`"family_name":"Renamedperson"`, `"version":2`, `"team_name":"North"`},
				check: func(t *testing.T, f *fixture, p people.Person, _ *httptest.ResponseRecorder) {
					if s := f.stored(p.ID); s.FamilyName != "Renamedperson" || s.Version != 2 {
						t.Errorf("stored %+v", s)
					}
				},
			},
			{
				name: "fields left out are emptied", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body: func(f *fixture, _ people.Person) string {
					return `{"given_name": "Ada", "family_name": "Testperson", "team_id": "` + f.home.North.ID + `"}`
				},
				wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.Update, accesslog.View},
				wantBody: []string{`"date_of_birth":null`, `"nhs_number":""`, `"postcode":""`, `"ethnicity":""`},
			},
			{
				name: "If-Match is required", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, body: rename,
				wantStatus: http.StatusPreconditionRequired, wantBody: []string{"If-Match"}, unchanged: true,
			},
			{
				name: "If-Match * is not enough", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, body: rename, header: header("If-Match", "*"),
				wantStatus: http.StatusPreconditionRequired, unchanged: true,
			},
			{
				name: "a weak or mistyped If-Match is refused", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, body: rename, header: header("If-Match", `W/"1"`),
				wantStatus: http.StatusBadRequest, unchanged: true,
			},
			{
				name: "a stale version changes nothing and says what the record is now", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: changedByOthers, body: rename, header: header("If-Match", `"1"`),
				// The current version is read to compare, which the store logs as a view.
				wantStatus: http.StatusPreconditionFailed, wantLog: []accesslog.Action{accesslog.View}, unchanged: true,
				wantHeader:  map[string]string{"ETag": `"2"`},
				wantBody:    []string{api.TypeChanged, `"etag":"\"2\""`, "Someone else changed this record"},
				wantNotBody: []string{"Changedperson"},
			},
			{
				name: "another council's practitioner is told it does not exist, and nothing changes", method: "PUT", path: "/api/v1/people/{id}",
				as: "other council practitioner", person: allocated, body: rename, header: header("If-Match", `"1"`),
				wantStatus: http.StatusNotFound, unchanged: true,
			},
			{
				name: "finance are told it does not exist", method: "PUT", path: "/api/v1/people/{id}",
				as: "finance", person: allocated, body: rename, header: header("If-Match", `"1"`),
				wantStatus: http.StatusNotFound, unchanged: true,
			},
			{
				name: "a restricted record is not found by those not granted it", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: restricted, body: rename, header: header("If-Match", `"2"`),
				wantStatus: http.StatusNotFound, unchanged: true,
			},
			{
				name: "someone outside the practitioner's teams needs break-glass", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: inSouth, body: rename, header: header("If-Match", `"1"`),
				wantStatus: http.StatusForbidden, wantBody: []string{api.TypeBreakGlassNeeded}, unchanged: true,
			},
			{
				name: "administrators do not change people", method: "PUT", path: "/api/v1/people/{id}",
				as: "administrator", person: allocated, body: rename, header: header("If-Match", `"1"`),
				wantStatus: http.StatusForbidden, unchanged: true,
			},
			{
				name: "an invalid NHS number is a field error", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body:       changed(func(p *api.Person) { p.NHSNumber = "9990000019" }),
				wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"field":"nhs_number"`}, unchanged: true,
			},
			{
				name: "an unknown team is a field error", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body: func(f *fixture, p people.Person) string {
					return changed(func(p *api.Person) { p.TeamID = f.other.North.ID })(f, p)
				},
				wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"field":"team_id"`}, unchanged: true,
			},
			{
				name: "how the person would like to be contacted is saved and sent back", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body:       changed(func(p *api.Person) { p.Phone, p.ContactMethod = "07700 900 003", codelists.ContactMethodText }),
				wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.Update, accesslog.View},
				// What is sent back is the record as saved, read again.
				wantBody: []string{`"contact_method":"Text"`, `"phone":"07700 900 003"`},
			},
			{
				name: "a contact method not on the list is a field error", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body:       changed(func(p *api.Person) { p.ContactMethod = "Carrier pigeon" }),
				wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"field":"contact_method"`}, unchanged: true,
			},
			{
				name: "email with no email address is a field error", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body:       changed(func(p *api.Person) { p.Email, p.ContactMethod = "", codelists.ContactMethodEmail }),
				wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"field":"contact_method"`, "email address"}, unchanged: true,
			},
			{
				name: "an unknown field is refused", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body:       jsonBody(`{"given_name": "Ada", "family_name": "Testperson", "council_id": "x"}`),
				wantStatus: http.StatusBadRequest, wantBody: []string{`"field":"council_id"`}, unchanged: true,
			},
			{
				name: "read-only fields are ignored", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body: changed(func(p *api.Person) {
					p.ID, p.Version, p.TeamName, p.CreatedBy = "someone-else", 99, "Made up", "nobody"
					p.Network = []api.NetworkMember{{Name: "Not Added"}}
				}),
				wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.Update, accesslog.View},
				wantBody:    []string{`"id":"{id}"`, `"version":2`, `"team_name":"North"`, `"network":[]`},
				wantNotBody: []string{"Not Added", "Made up", "nobody"},
			},
			{
				name: "only managers restrict a record", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body:       changed(func(p *api.Person) { p.Restricted = true }),
				wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.Update, accesslog.View},
				wantBody: []string{`"restricted":false`},
			},
			{
				name: "a team manager restricts a record and keeps sight of it", method: "PUT", path: "/api/v1/people/{id}",
				as: "team manager", person: allocated, header: header("If-Match", `"1"`),
				body:       changed(func(p *api.Person) { p.Restricted = true }),
				wantStatus: http.StatusOK, wantLog: []accesslog.Action{accesslog.Update, accesslog.View},
				wantBody: []string{`"restricted":true`},
			},
			{
				name: "moving a person out of the practitioner's teams saves, but sends nothing back", method: "PUT", path: "/api/v1/people/{id}",
				as: "practitioner", person: allocated, header: header("If-Match", `"1"`),
				body: func(f *fixture, p people.Person) string {
					return changed(func(p *api.Person) { p.TeamID = f.home.South.ID })(f, p)
				},
				wantStatus: http.StatusNoContent, wantLog: []accesslog.Action{accesslog.Update},
				wantNotBody: []string{"Testperson"},
			},
			{
				name: "no member of staff", method: "PUT", path: "/api/v1/people/{id}",
				person: allocated, body: rename, header: header("If-Match", `"1"`),
				wantStatus: http.StatusUnauthorized, unchanged: true,
			},
		})
	})
}

// TestRoundTrip reads a person, changes them and sends them back, as a client would.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		p := f.create(func(p *people.Person) {
			p.ConsentToShare, p.ConsentScope = people.ConsentGiven, []string{"Share with health professionals"}
			p.ConsentDate, _ = sqldb.ParseDate("2024-01-02")
			p.Network = []people.NetworkMember{{Name: "Ben Testperson"}}
		})
		got := f.do("GET", "/api/v1/people/"+p.ID, "practitioner", "", nil)
		if got.Code != http.StatusOK {
			t.Fatalf("GET: %d %s", got.Code, got.Body)
		}
		var m map[string]any
		if err := json.Unmarshal(got.Body.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		m["preferred_name"] = "Addie"
		m["contact_method"] = "Letter"
		body, _ := json.Marshal(m)
		put := f.do("PUT", "/api/v1/people/"+p.ID, "practitioner", string(body), header("If-Match", got.Header().Get("ETag")))
		if put.Code != http.StatusOK {
			t.Fatalf("PUT: %d %s", put.Code, put.Body)
		}
		saved, _, err := f.store.Get(peopletest.As(f.staff["practitioner"]), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if saved.PreferredName != "Addie" || saved.ContactMethod != "Letter" || saved.ConsentDate.String() != "2024-01-02" || len(saved.ConsentScope) != 1 || len(saved.Network) != 1 {
			t.Errorf("saved %+v", saved)
		}
		again := f.do("PUT", "/api/v1/people/"+p.ID, "practitioner", string(body), header("If-Match", got.Header().Get("ETag")))
		if again.Code != http.StatusPreconditionFailed {
			t.Errorf("the same change again: %d, want 412", again.Code)
		}
	})
}

// failingStore fails every call, to show how the API answers an error it does not expect.
type failingStore struct{ api.PeopleStore }

func (failingStore) Get(context.Context, string) (people.Person, people.Access, error) {
	return people.Person{}, people.NoAccess, fmt.Errorf("read person: %w", context.DeadlineExceeded)
}
