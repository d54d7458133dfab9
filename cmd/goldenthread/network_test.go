package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestNetworkAddAndItsStaff(t *testing.T) {
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
	refused := func(wantCode int, want string, args ...string) {
		t.Helper()
		code, _, errOut := runCLI(t, env, "short\n", args...)
		if code != wantCode || !strings.Contains(errOut, want) {
			t.Errorf("goldenthread %s: exit %d, %q; want exit %d and %q", strings.Join(args, " "), code, errOut, wantCode, want)
		}
	}
	// Mistakes in how the commands are called change nothing and exit 2.
	refused(2, "network add --code", "network")
	refused(2, "network add --code", "network", "staff")
	refused(2, "--name is required", "network", "add", "--code", "NORTH-SHIRES")
	refused(2, "not a council's ONS code", "network", "add", "--code", "E06000999", "--name", "Looks like a council")
	refused(2, "must be 3 to 40 capital letters", "network", "add", "--code", "A B", "--name", "Spaced")
	refused(2, "--network is required", "network", "staff", "add", "--email", "a@example.org", "--name", "A")
	refused(2, "--email must be an email address", "network", "staff", "add", "--network", "NORTH-SHIRES", "--email", "nope", "--name", "A")
	refused(2, "password from standard input", "network", "staff", "add", "--network", "NORTH-SHIRES", "--email", "a@example.org", "--name", "A", "--password-stdin")
	refused(2, "flag provided but not defined: -role", "network", "staff", "add", "--network", "NORTH-SHIRES", "--email", "a@example.org", "--name", "A", "--role", "practitioner")

	out := mustRun("", "network", "add", "--code", "north-shires", "--name", "North Shires practice network", "--purpose", "Learning from each other's models")
	if !strings.Contains(out, "Added the network North Shires practice network (NORTH-SHIRES)") || !strings.Contains(out, "join code") {
		t.Errorf("network add = %q", out)
	}
	refused(1, "already has the code NORTH-SHIRES", "network", "add", "--code", "NORTH-SHIRES", "--name", "Again")
	out = mustRun("", "network", "staff", "add", "--network", "NORTH-SHIRES", "--email", "lead@example.org", "--name", "Nia Networklead")
	if !strings.Contains(out, "as its programme lead or improvement partner") || !strings.Contains(out, "One-time password: ") {
		t.Errorf("network staff add = %q", out)
	}
	refused(1, "no network has the code NOPE", "network", "staff", "add", "--network", "NOPE", "--email", "b@example.org", "--name", "B")
	refused(1, "already exists", "network", "staff", "add", "--network", "NORTH-SHIRES", "--email", "lead@example.org", "--name", "Again")
	// A council's staff command does not add to a network, whose staff are all programme leads.
	refused(1, "that code is a network's", "staff", "add", "--council", "NORTH-SHIRES", "--email", "c@example.org", "--name", "C", "--role", "practitioner")
	mustRun("", "council", "add", "--name", "Testshire Council", "--code", "E06000999")
	if out := mustRun("", "token", "create", "--email", "lead@example.org"); len(strings.TrimSpace(out)) < 40 {
		t.Errorf("a network lead's API token = %q", out)
	}
}
