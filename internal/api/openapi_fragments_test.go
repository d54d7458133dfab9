package api

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMergeFragments(t *testing.T) {
	t.Parallel()
	main := []byte(`{"openapi": "3.1.0", "paths": {"/a": {}}, "components": {"schemas": {"A": {}}}}`)
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"none", nil, ""},
		{"two areas", map[string]string{"openapi/b.json": `{"paths": {"/b": {}}, "components": {"schemas": {"B": {}}}}`,
			"openapi/c.json": `{"paths": {"/c": {}}}`}, ""},
		{"a path described twice", map[string]string{"openapi/b.json": `{"paths": {"/a": {}}}`}, "b.json: path /a is already described"},
		{"a schema described twice", map[string]string{"openapi/b.json": `{"components": {"schemas": {"B": {}}}}`,
			"openapi/c.json": `{"components": {"schemas": {"B": {}}}}`}, "c.json: schema B is already described"},
		{"something else", map[string]string{"openapi/b.json": `{"info": {}}`}, `b.json: json: unknown field "info"`},
		{"not JSON", map[string]string{"openapi/b.json": `{`}, "b.json: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			doc, err := mergeFragments(main, fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			paths := doc["paths"].(map[string]any)
			if _, ok := paths["/a"]; !ok {
				t.Error("the main document's path went")
			}
			if tt.name == "two areas" {
				if _, ok := paths["/b"]; !ok {
					t.Error("path /b was not added")
				}
				if _, ok := doc["components"].(map[string]any)["schemas"].(map[string]any)["B"]; !ok {
					t.Error("schema B was not added")
				}
			}
		})
	}
}
