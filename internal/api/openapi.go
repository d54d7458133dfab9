package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/golden-thread/goldenthread/internal/codelists"
)

// openAPIFile is the hand-written OpenAPI 3.1 description of the API. Fields that hold a code list value name the
// list in "x-codelist"; the values are added from package codelists when the API starts, so the document never
// falls behind a new release of the lists.
//
//go:embed openapi.json
var openAPIFile []byte

// openAPIDocument is the document as served: openapi.json with the code lists' values filled in.
func openAPIDocument() []byte {
	var doc any
	if err := json.Unmarshal(openAPIFile, &doc); err != nil {
		panic(fmt.Sprintf("api: openapi.json is not valid JSON: %v", err)) // caught by TestOpenAPIDocument
	}
	if err := fillCodeLists(doc); err != nil {
		panic(fmt.Sprintf("api: openapi.json: %v", err))
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("api: openapi.json: %v", err))
	}
	return append(out, '\n')
}

// fillCodeLists adds to the enum of every schema with "x-codelist" the values of that list, after any values
// written by hand (the empty string, where a field may be left unrecorded).
func fillCodeLists(v any) error {
	switch v := v.(type) {
	case map[string]any:
		if name, ok := v["x-codelist"].(string); ok {
			list, found := codelists.Lookup(name)
			if !found {
				return fmt.Errorf("x-codelist %q is not a code list", name)
			}
			enum, _ := v["enum"].([]any)
			for _, value := range list.Values() {
				enum = append(enum, value)
			}
			v["enum"] = enum
		}
		for _, child := range v {
			if err := fillCodeLists(child); err != nil {
				return err
			}
		}
	case []any:
		for _, child := range v {
			if err := fillCodeLists(child); err != nil {
				return err
			}
		}
	}
	return nil
}

// openAPI is GET /api/v1/openapi.json. It needs no token: the document describes the API, not anyone in it.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(a.openapi) // the client has gone if this fails
	return nil
}
