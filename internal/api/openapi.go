package api

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"

	"github.com/golden-thread/goldenthread/internal/codelists"
)

// openAPIFile is the hand-written OpenAPI 3.1 description of the API. Fields that hold a code list value name the
// list in "x-codelist"; the values are added from package codelists when the API starts, so the document never
// falls behind a new release of the lists.
//
//go:embed openapi.json
var openAPIFile []byte

// openAPIFragments describe one area of the API each (safeguarding, capacity ...): their paths and schemas are
// added to openapi.json's. See openapi/README.md.
//
//go:embed openapi/*.json
var openAPIFragments embed.FS

// openAPIDocument is the document as served: openapi.json with the fragments' paths and schemas added and the code
// lists' values filled in.
func openAPIDocument() []byte {
	doc, err := mergeFragments(openAPIFile, openAPIFragments)
	if err != nil {
		panic(fmt.Sprintf("api: %v", err)) // caught by TestOpenAPIDocument
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

// fragment is the part of the document one fragment file may hold.
type fragment struct {
	Paths      map[string]any `json:"paths"`
	Components struct {
		Schemas map[string]any `json:"schemas"`
	} `json:"components"`
}

// mergeFragments reads the main document and adds every fragment's paths and schemas to it. A fragment may not
// describe a path or a schema that is already described, nor hold anything but paths and schemas.
func mergeFragments(main []byte, fragments fs.FS) (map[string]any, error) {
	var doc map[string]any
	if err := json.Unmarshal(main, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json is not valid JSON: %w", err)
	}
	paths, _ := doc["paths"].(map[string]any)
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	if paths == nil || schemas == nil {
		return nil, fmt.Errorf("openapi.json has no paths or no components.schemas")
	}
	names, err := fs.Glob(fragments, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		raw, err := fs.ReadFile(fragments, name)
		if err != nil {
			return nil, err
		}
		var f fragment
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		for p, item := range f.Paths {
			if _, dup := paths[p]; dup {
				return nil, fmt.Errorf("%s: path %s is already described", path.Base(name), p)
			}
			paths[p] = item
		}
		for s, schema := range f.Components.Schemas {
			if _, dup := schemas[s]; dup {
				return nil, fmt.Errorf("%s: schema %s is already described", path.Base(name), s)
			}
			schemas[s] = schema
		}
	}
	return doc, nil
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
