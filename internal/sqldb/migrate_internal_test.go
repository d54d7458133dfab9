package sqldb

import (
	"strings"
	"testing"
)

// The template's vocabulary, as ADR 0012 describes it: each helper's spelling per engine, engine blocks whose own
// lines vanish, and the mistakes that must fail rather than render something else.
func TestRenderMigration(t *testing.T) {
	t.Parallel()
	src := "CREATE TABLE x (\n    at {{timestamp}},\n    on_ {{date}},\n    f {{float}},\n    b {{bytes}}\n);\n" +
		"\n{{if postgres}}\n{{wall \"x\"}}\n{{else}}\n-- SQLite only\n{{end}}\nSELECT 1;\n"
	tests := []struct {
		engine Engine
		want   string
	}{
		{Postgres, "CREATE TABLE x (\n    at TIMESTAMPTZ,\n    on_ DATE,\n    f DOUBLE PRECISION,\n    b BYTEA\n);\n\n" +
			"ALTER TABLE x ENABLE ROW LEVEL SECURITY;\nALTER TABLE x FORCE ROW LEVEL SECURITY;\n" +
			"CREATE POLICY council_wall ON x USING (council_id = current_setting('app.council_id', true)) WITH CHECK (council_id = current_setting('app.council_id', true));\n" +
			"SELECT 1;\n"},
		{SQLite, "CREATE TABLE x (\n    at TIMESTAMP,\n    on_ TEXT,\n    f REAL,\n    b BLOB\n);\n\n-- SQLite only\nSELECT 1;\n"},
	}
	for _, tt := range tests {
		got, err := renderMigration(tt.engine, "00001_x.sql", src)
		if err != nil {
			t.Fatalf("%s: %v", tt.engine, err)
		}
		if string(got) != tt.want {
			t.Errorf("%s rendered:\n%s\nwant:\n%s", tt.engine, got, tt.want)
		}
	}
	for _, bad := range []struct {
		engine       Engine
		src, wantErr string
	}{
		{SQLite, "{{wall \"x\"}}\n", "inside {{if postgres}}"},
		{Postgres, "at {{timestmp}}\n", `"timestmp" not defined`},
		{Engine("mysql"), "SELECT 1;\n", "unknown engine"},
	} {
		if _, err := renderMigration(bad.engine, "00001_x.sql", bad.src); err == nil || !strings.Contains(err.Error(), bad.wantErr) {
			t.Errorf("%s %q: error = %v, want one containing %q", bad.engine, bad.src, err, bad.wantErr)
		}
	}
}
