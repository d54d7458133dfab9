package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line with its own environment and standard input, and returns the exit code and output.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBadInputChangesNothing(t *testing.T) {
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
	if out := mustRun("", "accesslog", "verify", "--council", "E10000099"); !strings.Contains(out, "intact: 20 entries") {
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
