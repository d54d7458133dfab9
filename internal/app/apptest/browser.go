package apptest

import (
	"testing"

	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
)

// SignInBrowser opens a browser tab for the test (in the package's shared Chromium, when its TestMain calls
// browsertest.Main) and signs staff in through the sign-in page.
func SignInBrowser(t *testing.T, site *Site, staff councils.Staff) *browsertest.Browser {
	t.Helper()
	b := browsertest.New(t, site.Server.URL)
	b.Visit("/sign-in")
	b.Fill("#f-email", staff.Email)
	b.Fill("#f-password", Password)
	b.Submit("#f-password")
	return b
}

// Radio is the CSS selector of the radio button called name with value.
func Radio(name, value string) string { return `input[name="` + name + `"][value="` + value + `"]` }
