package web

import (
	"strings"
	"testing"
)

func TestSelfContained(t *testing.T) {
	t.Parallel()
	page := `<head><link rel="stylesheet" href="/assets/build/app.css?v=1a2b"><script type="module" src="/assets/app.js?v=3c"></script></head><body>Hi</body>`
	got := string(SelfContained([]byte(page)))
	if strings.Contains(got, "<link") || strings.Contains(got, "<script") || !strings.Contains(got, "<body>Hi</body>") {
		t.Errorf("SelfContained left links or scripts, or lost the body:\n%.300s", got)
	}
	if CheckAssets(discardLogger()) && !strings.Contains(got, "<style>") {
		t.Error("the built stylesheet is not inside the page")
	}
}
