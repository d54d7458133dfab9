package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golden-thread/goldenthread/internal/accesslog"
	"github.com/golden-thread/goldenthread/internal/cld"
	"github.com/golden-thread/goldenthread/internal/cld/cldtest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/people/peopletest"
	"github.com/golden-thread/goldenthread/internal/sqldb"
)

// runCLI runs the command line with its own environment and standard input, and returns the exit code and output.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "gt.db")
	env := map[string]string{"GT_DATABASE_URL": db}
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no command", nil, ""},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"migrate", "--colour"}, "flag provided but not defined: -colour"},
		{"stray argument", []string{"migrate", "extra"}, `unexpected argument "extra"`},
		{"council without a name", []string{"council", "add", "--code", "E06000999"}, "--name is required"},
		{"council with a bad code", []string{"council", "add", "--name", "Testshire", "--code", "ABC"}, "not an ONS code"},
		{"council subcommand missing", []string{"council"}, "council add"},
		{"staff with a bad role", []string{"staff", "add", "--council", "E06000999", "--email", "a@example.org", "--name", "A", "--role", "boss"}, `role "boss" is not one of`},
		{"staff with a bad email", []string{"staff", "add", "--council", "E06000999", "--email", "nope", "--name", "A", "--role", "practitioner"}, "--email must be an email address"},
		{"staff with a short password", []string{"staff", "add", "--council", "E06000999", "--email", "a@example.org", "--name", "A", "--role", "practitioner", "--password-stdin"}, "password from standard input"},
		{"demo with negative people", []string{"demo", "--people", "-5"}, "--people must be between"},
		{"a database URL of another kind", []string{"migrate", "--database", "mysql://root@localhost/gt"}, "only sqlite: and postgres://"},
		{"verify without a council", []string{"accesslog", "verify"}, "--council is required"},
		{"token without an email", []string{"token", "create"}, "--email must be an email address"},
		{"version with an argument", []string{"version", "now"}, "version takes no arguments"},
		{"cld without a subcommand", []string{"cld"}, "the only cld command is: cld export"},
		{"cld without a council", []string{"cld", "export", "--quarter", "2026-Q3", "--out", "cld.csv"}, "--council is required"},
		{"cld without a quarter", []string{"cld", "export", "--council", "E06000999", "--out", "cld.csv"}, "--quarter is required"},
		{"cld without a file", []string{"cld", "export", "--council", "E06000999", "--quarter", "2026-Q3"}, "--out is required"},
		{"cld with a quarter that is not one", []string{"cld", "export", "--council", "E06000999", "--quarter", "2026-Q5", "--out", "cld.csv"}, `--quarter: quarter "2026-Q5" must be a year and a quarter`},
		{"cld into a folder that does not exist", []string{"cld", "export", "--council", "E06000999", "--quarter", "2026-Q3", "--out", filepath.Join(dir, "nope", "cld.csv")}, "does not exist"},
		{"cld with an unknown flag", []string{"cld", "export", "--allow-everything"}, "flag provided but not defined: -allow-everything"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, env, "short\n", tt.args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2 (stderr: %s)", code, errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tt.wantErr)
			}
			if _, err := os.Stat(db); !os.IsNotExist(err) {
				t.Errorf("the database file was created by a command that was refused")
			}
		})
	}
}

func TestCouncilStaffTokenAndVerify(t *testing.T) {
	t.Parallel()
	env := map[string]string{"GT_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "gt.db")}
	mustRun := func(stdin string, args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, env, stdin, args...)
		if code != 0 {
			t.Fatalf("goldenthread %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		return out
	}
	mustRun("", "council", "add", "--name", "Testshire Council", "--code", "E06000999")
	out := mustRun("", "staff", "add", "--council", "E06000999", "--email", "Sam@Example.org", "--name", "Sam Admin", "--role", "administrator", "--team", "Front door")
	if !strings.Contains(out, "One-time password: ") {
		t.Errorf("staff add did not print a one-time password: %q", out)
	}
	mustRun("a long enough password\n", "staff", "add", "--council", "E06000999", "--email", "pat@example.org", "--name", "Pat Practitioner", "--role", "practitioner", "--password-stdin")
	if code, _, errOut := runCLI(t, env, "", "staff", "add", "--council", "E06000999", "--email", "sam@example.org", "--name", "Sam Again", "--role", "practitioner"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("adding the same email again: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, env, "", "council", "add", "--name", "Again", "--code", "E06000999"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("adding the same council again: exit %d, %q", code, errOut)
	}
	token := strings.TrimSpace(mustRun("", "token", "create", "--email", "pat@example.org"))
	if len(token) < 40 {
		t.Errorf("token %q is too short", token)
	}
	if code, _, errOut := runCLI(t, env, "", "token", "create", "--email", "nobody@example.org"); code != 1 || !strings.Contains(errOut, "no member of staff") {
		t.Errorf("token for an unknown email: exit %d, %q", code, errOut)
	}
	mustRun("", "demo", "--people", "20", "--seed", "3")
	// Two entries a person: one for adding them, one for their five years of history; then one for each change the
	// demo's risks, crises and family group conferences (internal/demo/risks.go) and direct payments
	// (internal/demo/directpayments.go) make through their stores (each year's monitoring since a payment began,
	// some of them years ago), and for each audit its Practice Fortnights grade, reflect on and moderate
	// (internal/demo/audits.go).
	if out := mustRun("", "accesslog", "verify", "--council", "E10000099"); !strings.Contains(out, "intact: 79 entries") {
		t.Errorf("verify = %q", out)
	}
	if out := mustRun("", "demo", "--people", "20"); !strings.Contains(out, "already exists") {
		t.Errorf("a second demo load = %q", out)
	}
	if code, _, errOut := runCLI(t, env, "", "accesslog", "verify", "--council", "E06000998"); code != 1 || !strings.Contains(errOut, "no council has the code") {
		t.Errorf("verify an unknown council: exit %d, %q", code, errOut)
	}
	if out := mustRun("", "version"); !strings.HasPrefix(out, "goldenthread ") {
		t.Errorf("version = %q", out)
	}
}

func TestDirectoryImportAndExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "gt.db")
	env := map[string]string{"GT_DATABASE_URL": db}
	if code, _, errOut := runCLI(t, env, "", "council", "add", "--name", "Testshire Council", "--code", "E06000999"); code != 0 {
		t.Fatalf("council add: %s", errOut)
	}
	feed := filepath.Join(dir, "feed")
	if err := os.MkdirAll(feed, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(feed, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("organizations.csv", "id,name,description\n11111111-1111-4111-8111-111111111111,Exampleton Carers,Support for carers\n")
	write("services.csv", "id,organization_id,name,status\n22222222-2222-4222-8222-222222222222,11111111-1111-4111-8111-111111111111,Carers café,open\n")
	export := func() string {
		t.Helper()
		out := filepath.Join(dir, "export")
		os.RemoveAll(out)
		if code, _, errOut := runCLI(t, env, "", "directory", "export", "--council", "E06000999", "--format", "csv", "--out", out); code != 0 {
			t.Fatalf("export: %s", errOut)
		}
		b, err := os.ReadFile(filepath.Join(out, "services.csv"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	empty := export()

	usage := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no subcommand", []string{"directory"}, "the directory commands are"},
		{"import without a council", []string{"directory", "import", feed}, "--council is required"},
		{"import without a file", []string{"directory", "import", "--council", "E06000999"}, "give one file, or one folder"},
		{"import of a missing file", []string{"directory", "import", "--council", "E06000999", filepath.Join(dir, "nope.json")}, "cannot read"},
		{"export in another format", []string{"directory", "export", "--council", "E06000999", "--format", "xml", "--out", dir}, "--format must be json or csv"},
		{"export without a folder", []string{"directory", "export", "--council", "E06000999", "--format", "csv"}, "--out is required"},
	}
	for _, tt := range usage {
		code, _, errOut := runCLI(t, env, "", tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.wantErr) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tt.name, code, errOut, tt.wantErr)
		}
	}
	// A bad row: exit 1, the precise problem, and nothing saved.
	code, out, errOut := runCLI(t, env, "", "directory", "import", "--council", "E06000999", feed)
	if code != 1 || !strings.Contains(out, `services.csv, row 2, field status: "open" is not one of active, inactive, defunct, temporarily closed`) ||
		!strings.Contains(errOut, "1 problem found: nothing was imported") {
		t.Errorf("bad import: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if got := export(); got != empty {
		t.Errorf("a refused import saved something:\n%s", got)
	}
	if code, _, errOut := runCLI(t, env, "", "directory", "import", "--council", "E06000998", feed); code != 1 || !strings.Contains(errOut, "no council has the code E06000998") {
		t.Errorf("unknown council: exit %d, %s", code, errOut)
	}
	write("services.csv", "id,organization_id,name,status\n22222222-2222-4222-8222-222222222222,11111111-1111-4111-8111-111111111111,Carers café,active\n")
	// --dry-run reports and saves nothing.
	code, out, _ = runCLI(t, env, "", "directory", "import", "--council", "E06000999", "--dry-run", feed)
	if code != 0 || !strings.Contains(out, "Checked only, nothing saved. Importing would give: 2 created, 0 updated, 0 unchanged") {
		t.Errorf("dry run: exit %d\n%s", code, out)
	}
	if got := export(); got != empty {
		t.Errorf("a dry run saved something:\n%s", got)
	}
	code, out, _ = runCLI(t, env, "", "directory", "import", "--council", "E06000999", feed)
	if code != 0 || !strings.Contains(out, "Imported: 2 created, 0 updated, 0 unchanged") {
		t.Errorf("import: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, env, "", "directory", "import", "--council", "E06000999", feed)
	if code != 0 || !strings.Contains(out, "Imported: 0 created, 0 updated, 2 unchanged") {
		t.Errorf("import again: exit %d\n%s", code, out)
	}
	if got := export(); !strings.Contains(got, "22222222-2222-4222-8222-222222222222,11111111-1111-4111-8111-111111111111,Carers café,,,,active") {
		t.Errorf("export after import:\n%s", got)
	}
	jsonOut := filepath.Join(dir, "json")
	if code, out, errOut := runCLI(t, env, "", "directory", "export", "--council", "E06000999", "--format", "json", "--out", jsonOut); code != 0 || !strings.Contains(out, "3 files") {
		t.Errorf("json export: exit %d %s %s", code, out, errOut)
	}
	if b, err := os.ReadFile(filepath.Join(jsonOut, "organizations.json")); err != nil || !strings.Contains(string(b), `"name": "Carers café"`) {
		t.Errorf("organizations.json: %v\n%s", err, b)
	}
}

func TestPostcodesImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := map[string]string{"GT_DATABASE_URL": filepath.Join(dir, "gt.db")}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("pcds,lat,long\nZZ99 1AA,51.5,-0.1\nZZ99 2BB,,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, env, "", "postcodes", "import", bad)
	if code != 1 || !strings.Contains(out, "line 3: ZZ99 2BB: the latitude and longitude must be numbers") || !strings.Contains(errOut, "nothing imported") {
		t.Errorf("bad file: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, env, "", "postcodes", "import", filepath.Join("..", "..", "internal", "postcodes", "testdata", "onspd_sample.csv"))
	if code != 0 || !strings.Contains(out, "Imported 4 postcodes (1 without a position left out).") {
		t.Errorf("sample: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, env, "", "postcodes"); code != 2 || !strings.Contains(errOut, "postcodes import FILE") {
		t.Errorf("no subcommand: exit %d, %s", code, errOut)
	}
}

// TestCLDExport exports the Client Level Data return of a council with one person: a clean return is written; one
// with a row DHSC would reject is reported, by the record to fix, and not written unless --allow-rejects is given;
// every export is in the access log, made by the command.
func TestCLDExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dbPath := "sqlite:" + filepath.Join(dir, "gt.db")
	env := map[string]string{"GT_DATABASE_URL": dbPath}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, dbPath, sqldb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	council := peopletest.NewCouncil(t, db, "E06000999")
	p := peopletest.MustCreate(t, db, council.Staff[councils.Practitioner], peopletest.Person(council.North.ID, func(p *people.Person) {
		p.ClientType = "Service user"
	}))
	rec := &cldtest.Record{T: t, DB: db, Ctx: accesslog.WithCommand(sqldb.WithCouncil(ctx, council.Council.ID), "test")}
	rec.Contact(p.ID, "1", "2026-06-01", "Community / Other route", "2026-06-01", "NFA: Information and advice or signposting", 1)

	clean := filepath.Join(dir, "clean.csv")
	code, out, errOut := runCLI(t, env, "", "cld", "export", "--council", "E06000999", "--quarter", "2026-Q3", "--out", clean)
	if code != 0 || !strings.Contains(out, "1 row for 1 person") || !strings.Contains(out, "Wrote the return to "+clean+".") {
		t.Fatalf("clean export: exit %d\n%s\n%s", code, out, errOut)
	}
	b, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "LA_Code,Reporting_Period_Start_Date,") ||
		!strings.HasPrefix(lines[1], "E06000999,2025-10-01,2026-09-30,9990000018,"+p.ID+",") {
		t.Errorf("the file:\n%s", b)
	}

	rec.Do(`UPDATE person SET nhs_number = '9990000019', updated_at = $2 WHERE council_id = $1 AND id = $3`, p.ID)
	rejected := filepath.Join(dir, "rejected.csv")
	code, out, errOut = runCLI(t, env, "", "cld", "export", "--council", "E06000999", "--quarter", "2026-Q3", "--out", rejected)
	if code != 1 || !strings.Contains(out, `reject: Request c-1 of person `+p.ID+`: NHS number fails the modulus 11 check: NHS_Number = "9990000019"; fix it at /people/`+p.ID) ||
		!strings.Contains(errOut, "nothing was written") {
		t.Errorf("export with a reject: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(rejected); !os.IsNotExist(err) {
		t.Errorf("a refused export wrote its file: %v", err)
	}
	code, out, errOut = runCLI(t, env, "", "cld", "export", "--council", "E06000999", "--quarter", "2026-Q3", "--out", rejected, "--allow-rejects")
	if code != 0 || !strings.Contains(out, "Written with --allow-rejects: DHSC would reject 1 value in it.") {
		t.Errorf("export allowing rejects: exit %d\n%s\n%s", code, out, errOut)
	}
	if b, err := os.ReadFile(rejected); err != nil || !strings.Contains(string(b), "9990000019") {
		t.Errorf("the file written with rejects: %v\n%s", err, b)
	}
	if code, _, errOut := runCLI(t, env, "", "cld", "export", "--council", "E06000998", "--quarter", "2026-Q3", "--out", clean); code != 1 || !strings.Contains(errOut, "no council has the code E06000998") {
		t.Errorf("unknown council: exit %d, %s", code, errOut)
	}

	// Two exports, and the check that showed the rejected NHS number: each in the access log, by the command.
	var exports, views int
	for _, e := range peopletest.Log(t, db, council.Council.ID, p.ID) {
		if e.Reason != cld.Reason {
			continue
		}
		if e.Channel != accesslog.CommandLine || e.Route != "goldenthread cld export" {
			t.Errorf("entry %+v", e)
		}
		switch e.Action {
		case accesslog.Export:
			exports++
		case accesslog.View:
			views++
		}
	}
	if exports != 2 || views != 2 {
		t.Errorf("access log: %d exports and %d views of the return, want 2 and 2", exports, views)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}
