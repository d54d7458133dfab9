package apptest

import (
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

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

// PassTwoFactor enters the test accounts' two-factor code on the page b is on, as an administrator does after
// their password.
func PassTwoFactor(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	code, err := totp.GenerateCodeCustom(TOTPSecret, time.Now(), totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	b.Fill("#f-code", code)
	b.Submit("#f-code")
}

// Radio is the CSS selector of the radio button called name with value.
func Radio(name, value string) string { return `input[name="` + name + `"][value="` + value + `"]` }
