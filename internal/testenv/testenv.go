// Package testenv answers, once for every test, whether the tests run in continuous integration. There, something
// a test needs and cannot find (PostgreSQL, Chromium, the built assets, the reference files) is a failure: CI
// installs all of it, so its absence means the tests did not run. On a developer's machine the same test skips,
// saying how to install what is missing.
package testenv

import (
	"os"
	"strconv"
	"testing"
)

// CI reports whether the tests run in continuous integration: the CI environment variable is true (as CI services
// set it; 1 and the other spellings strconv.ParseBool accepts count too).
func CI() bool {
	ci, err := strconv.ParseBool(os.Getenv("CI"))
	return err == nil && ci
}

// Missing ends a test that cannot run because something it needs is missing: under CI it fails with underCI, and
// elsewhere it skips with elsewhere, which should say how to install what is missing.
func Missing(t testing.TB, underCI, elsewhere string) {
	t.Helper()
	if CI() {
		t.Fatal(underCI)
	}
	t.Skip(elsewhere)
}
