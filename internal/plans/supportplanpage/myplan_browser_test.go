package supportplanpage_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/golden-thread/goldenthread/internal/app/apptest"
	"github.com/golden-thread/goldenthread/internal/browsertest"
	"github.com/golden-thread/goldenthread/internal/councils"
	"github.com/golden-thread/goldenthread/internal/people"
	"github.com/golden-thread/goldenthread/internal/sqldb"
	"github.com/golden-thread/goldenthread/internal/sqldb/dbtest"
)

// TestMyPlanFormatsInTheBrowser opens My plan in Easy Read and in large print as a practitioner would, checks each
// with axe and keeps screenshots of the page and of the PDF's first page to look at.
func TestMyPlanFormatsInTheBrowser(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t, sqldb.SQLite)
	site := apptest.Start(t, db)
	b := apptest.SignInBrowser(t, site, site.A.Staff[councils.Practitioner])
	client := site.SignIn(t, site.A.Staff[councils.Practitioner])
	for _, tt := range []struct {
		name    string
		formats []string
		first   string // the first heading after the title
	}{
		{"easy-read", []string{people.EasyRead}, "What matters to me"},
		{"large-print", []string{people.LargePrint}, "Your plan in short"},
	} {
		w := newFormatWorld(t, site, db, tt.formats...)
		b.Visit(w.myPlan)
		b.Screenshot("my-plan-" + tt.name)
		b.CheckA11y()
		if got := b.Text("main h2"); !strings.Contains(got, tt.first) {
			t.Errorf("%s: the first heading is %q, want %q", tt.name, got, tt.first)
		}
		// Both are set larger on the screen than GOV.UK's 19 pixel body text.
		px, err := chromedp.Run(b.Context(), chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.querySelector("main section p")).fontSize)`))
		if err != nil || px < 24 {
			t.Errorf("%s: the plan's text is %.0f pixels (%v), want at least 24", tt.name, px, err)
		}
		if !site.App.PDF.Available() {
			continue
		}
		res, body := site.Get(t, client, w.myPlan+".pdf")
		if res.StatusCode != 200 {
			t.Fatalf("%s: PDF status %d", tt.name, res.StatusCode)
		}
		if root, err := browsertest.RepoRoot(); err == nil {
			path := filepath.Join(t.TempDir(), "my-plan.pdf")
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			_ = exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path,
				filepath.Join(root, "screenshots", "TestMyPlanFormatsInTheBrowser-my-plan-"+tt.name+"-pdf")).Run()
		}
	}
}
